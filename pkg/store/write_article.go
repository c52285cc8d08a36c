package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// ApplyUnique implements Writer.
func (c *core) ApplyUnique(ctx context.Context, u *model.UniqueArticle) error {
	if u == nil || u.Article.ID == "" {
		return fmt.Errorf("%w: unique article without id", ErrInvalid)
	}
	story := u.StoryID
	if story == "" {
		// Dedup always names a story; an article without one is its own.
		story = u.Article.ID
	}
	err := c.write(ctx, func(ctx context.Context, q querier) (bool, error) {
		return false, c.storeArticle(ctx, q, &u.Article, story, "")
	})
	if err != nil {
		return fmt.Errorf("apply unique article %s: %w", u.Article.ID, err)
	}
	return nil
}

// ApplyDuplicate implements Writer.
func (c *core) ApplyDuplicate(ctx context.Context, d *model.DuplicateArticle) error {
	if d == nil || d.Article.ID == "" || d.DuplicateOf == "" {
		return fmt.Errorf("%w: duplicate article without id or duplicate_of", ErrInvalid)
	}
	if d.DuplicateOf == d.Article.ID {
		return fmt.Errorf("%w: article %s marked a duplicate of itself", ErrInvalid, d.Article.ID)
	}
	err := c.write(ctx, func(ctx context.Context, q querier) (bool, error) {
		// A copy belongs to its original's story, whatever story the dedup
		// replica that handled it named: replicas can disagree for a
		// moment. Until the original is stored, the named story stands;
		// storeArticle of the original then moves its copies over.
		var story string
		err := q.queryRow(ctx, `SELECT story_id FROM articles WHERE id = $1`, d.DuplicateOf).Scan(&story)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return false, fmt.Errorf("story of %s: %w", d.DuplicateOf, err)
		}
		if story == "" {
			story = d.StoryID
		}
		if _, err := q.exec(ctx, `INSERT INTO duplicates (article_id, duplicate_of, similarity, exact, stored)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (article_id) DO NOTHING`,
			d.Article.ID, d.DuplicateOf, d.Similarity, boolInt(d.Exact), time.Now().UnixMicro()); err != nil {
			return false, fmt.Errorf("insert duplicate: %w", err)
		}
		return false, c.storeArticle(ctx, q, &d.Article, story, d.DuplicateOf)
	})
	if err != nil {
		return fmt.Errorf("apply duplicate article %s: %w", d.Article.ID, err)
	}
	return nil
}

// storeArticle upserts a full article. A stub, or an older revision, is
// replaced; the same or an older revision changes nothing, which is what
// makes redelivery a no-op.
func (c *core) storeArticle(ctx context.Context, q querier, a *model.Article, story, duplicateOf string) error {
	now := time.Now().UnixMicro()
	seen := micros(a.Published)
	if seen == 0 {
		seen = micros(a.Fetched)
	}
	if seen == 0 {
		seen = now
	}
	outlet := outletOf(a.FeedURL, a.URL)
	if a.FeedURL != "" {
		if _, err := q.exec(ctx, `INSERT INTO feeds (url, title, outlet, first_seen, last_seen) VALUES ($1, $2, $3, $4, $4)
			ON CONFLICT (url) DO UPDATE SET
				title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE feeds.title END,
				last_seen = CASE WHEN excluded.last_seen > feeds.last_seen THEN excluded.last_seen ELSE feeds.last_seen END`,
			a.FeedURL, a.FeedTitle, outlet, now); err != nil {
			return fmt.Errorf("upsert feed: %w", err)
		}
	}
	if story != "" {
		if _, err := q.exec(ctx, `INSERT INTO stories (id, title, first_seen, last_seen) VALUES ($1, $2, $3, $3)
			ON CONFLICT (id) DO UPDATE SET
				title = CASE WHEN stories.title = '' OR excluded.first_seen < stories.first_seen THEN excluded.title ELSE stories.title END,
				first_seen = CASE WHEN excluded.first_seen < stories.first_seen THEN excluded.first_seen ELSE stories.first_seen END,
				last_seen = CASE WHEN excluded.last_seen > stories.last_seen THEN excluded.last_seen ELSE stories.last_seen END`,
			story, a.Title, seen); err != nil {
			return fmt.Errorf("upsert story: %w", err)
		}
	}
	n, err := q.exec(ctx, `INSERT INTO articles (id, url, guid, feed_url, feed_title, outlet, title, author, text,
			published, fetched, content_hash, revision, story_id, duplicate_of, stub, stored)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 0, $16)
		ON CONFLICT (id) DO UPDATE SET
			url = excluded.url, guid = excluded.guid, feed_url = excluded.feed_url, feed_title = excluded.feed_title,
			outlet = excluded.outlet, title = excluded.title, author = excluded.author, text = excluded.text,
			published = excluded.published, fetched = excluded.fetched, content_hash = excluded.content_hash,
			revision = excluded.revision, story_id = excluded.story_id, duplicate_of = excluded.duplicate_of, stub = 0
		WHERE articles.stub = 1 OR excluded.revision > articles.revision`,
		a.ID, a.URL, a.GUID, a.FeedURL, a.FeedTitle, outlet, a.Title, a.Author, a.Text,
		micros(a.Published), micros(a.Fetched), a.ContentHash, a.Revision, story, duplicateOf, now)
	if err != nil {
		return fmt.Errorf("upsert article: %w", err)
	}
	if n == 0 {
		return nil // already stored at this revision
	}
	if story != "" && duplicateOf == "" {
		if err := adoptCopies(ctx, q, a.ID, story); err != nil {
			return err
		}
	}
	// Mentions stored from a stub may lack the outlet the full article has.
	if outlet != "" {
		if _, err := q.exec(ctx, `UPDATE claim_mentions SET outlet = $1 WHERE article_id = $2 AND outlet = ''`, outlet, a.ID); err != nil {
			return fmt.Errorf("update mention outlets: %w", err)
		}
	}
	return nil
}

// adoptCopies moves copies stored before their original into the
// original's story, and drops the stories they leave empty.
func adoptCopies(ctx context.Context, q querier, original, story string) error {
	rs, err := q.query(ctx, `SELECT DISTINCT story_id FROM articles WHERE duplicate_of = $1 AND story_id <> $2`, original, story)
	if err != nil {
		return fmt.Errorf("copies of %s: %w", original, err)
	}
	var left []string
	for rs.Next() {
		var id string
		if err := rs.Scan(&id); err != nil {
			rs.Close()
			return fmt.Errorf("copies of %s: %w", original, err)
		}
		left = append(left, id)
	}
	err = rs.Err()
	rs.Close()
	if err != nil {
		return fmt.Errorf("copies of %s: %w", original, err)
	}
	if len(left) == 0 {
		return nil
	}
	if _, err := q.exec(ctx, `UPDATE articles SET story_id = $1 WHERE duplicate_of = $2 AND story_id <> $1`, story, original); err != nil {
		return fmt.Errorf("adopt copies of %s: %w", original, err)
	}
	for _, id := range left {
		if id == "" {
			continue
		}
		if _, err := q.exec(ctx, `DELETE FROM stories WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM articles WHERE story_id = $1)`, id); err != nil {
			return fmt.Errorf("drop emptied story %s: %w", id, err)
		}
	}
	return nil
}
