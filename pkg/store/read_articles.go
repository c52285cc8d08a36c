package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// GetArticle implements Reader.
func (c *core) GetArticle(ctx context.Context, id string) (*Article, error) {
	q, err := c.reader()
	if err != nil {
		return nil, err
	}
	a := &Article{}
	var sim sql.NullFloat64
	a.ArticleSummary, err = scanArticle(q.queryRow(ctx, `SELECT `+articleCols+`, a.text, a.author, a.content_hash, a.revision, d.similarity
		FROM articles a LEFT JOIN duplicates d ON d.article_id = a.id WHERE a.id = $1`, id),
		&a.Text, &a.Author, &a.ContentHash, &a.Revision, &sim)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get article %s: %w", id, err)
	}
	a.Similarity = sim.Float64
	a.Duplicates, err = queryArticles(ctx, q, `SELECT `+articleCols+` FROM articles a WHERE a.duplicate_of = $1 ORDER BY a.published, a.id`, id)
	if err != nil {
		return nil, fmt.Errorf("duplicates of article %s: %w", id, err)
	}
	a.Claims, err = queryClaims(ctx, q, `SELECT `+claimCols+` FROM claims c
		WHERE c.id IN (SELECT claim_id FROM claim_mentions WHERE article_id = $1) ORDER BY c.first_seen, c.id`, id)
	if err != nil {
		return nil, fmt.Errorf("claims of article %s: %w", id, err)
	}
	if a.Claims == nil {
		a.Claims = []Claim{}
	}
	return a, nil
}

// ListArticles implements Reader.
func (c *core) ListArticles(ctx context.Context, cursor string, limit int) (ArticlePage, error) {
	q, err := c.reader()
	if err != nil {
		return ArticlePage{}, err
	}
	cur, err := decodeCursor("articles", cursor)
	if err != nil {
		return ArticlePage{}, err
	}
	limit = clampLimit(limit)
	var w where
	w.conds = append(w.conds, "a.stub = 0")
	order := w.keyset(cur, "a.published", "a.id", limit)
	arts, err := queryArticles(ctx, q, `SELECT `+articleCols+` FROM articles a`+w.sql()+order, w.args...)
	if err != nil {
		return ArticlePage{}, fmt.Errorf("list articles: %w", err)
	}
	var page ArticlePage
	page.Articles, page.Next = cut("articles", arts, limit, func(a ArticleSummary) (time.Time, string) { return a.Published, a.ID })
	return page, nil
}

// ListFeeds implements Reader.
func (c *core) ListFeeds(ctx context.Context) ([]model.FeedStatus, error) {
	q, err := c.reader()
	if err != nil {
		return nil, err
	}
	rs, err := q.query(ctx, `SELECT f.url, f.title, f.last_seen,
		(SELECT count(*) FROM articles a WHERE a.feed_url = f.url AND a.stub = 0)
		FROM feeds f ORDER BY f.url`)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	defer rs.Close()
	out := []model.FeedStatus{}
	for rs.Next() {
		var f model.FeedStatus
		var last int64
		if err := rs.Scan(&f.URL, &f.Title, &last, &f.Articles); err != nil {
			return nil, fmt.Errorf("list feeds: %w", err)
		}
		// The store knows a feed by its URL; poll state is the fetcher's.
		f.ID = f.URL
		f.LastPolled = fromMicros(last)
		out = append(out, f)
	}
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	return out, nil
}

// RecordAlert implements Writer.
func (c *core) RecordAlert(ctx context.Context, a *model.AlertRecord) error {
	if a == nil || a.ID == "" {
		return fmt.Errorf("%w: alert without id", ErrInvalid)
	}
	created := a.Created
	if created.IsZero() {
		created = time.Now()
	}
	err := c.write(ctx, func(ctx context.Context, q querier) (bool, error) {
		_, err := q.exec(ctx, `INSERT INTO alerts (id, rule, sink, trigger_kind, event_key, summary, state, attempts, last_error, created, delivered)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
			ON CONFLICT (id) DO UPDATE SET state = excluded.state, attempts = excluded.attempts,
				last_error = excluded.last_error, delivered = excluded.delivered, summary = excluded.summary`,
			a.ID, a.Rule, a.Sink, a.Trigger, a.EventKey, a.Summary, a.State, a.Attempts, a.LastError, micros(created), micros(a.Delivered))
		return false, err
	})
	if err != nil {
		return fmt.Errorf("record alert %s: %w", a.ID, err)
	}
	return nil
}

// ListAlerts implements Reader.
func (c *core) ListAlerts(ctx context.Context, cursor string, limit int) (AlertPage, error) {
	q, err := c.reader()
	if err != nil {
		return AlertPage{}, err
	}
	cur, err := decodeCursor("alerts", cursor)
	if err != nil {
		return AlertPage{}, err
	}
	limit = clampLimit(limit)
	var w where
	order := w.keyset(cur, "created", "id", limit)
	rs, err := q.query(ctx, `SELECT id, rule, sink, trigger_kind, event_key, summary, state, attempts, last_error, created, delivered
		FROM alerts`+w.sql()+order, w.args...)
	if err != nil {
		return AlertPage{}, fmt.Errorf("list alerts: %w", err)
	}
	defer rs.Close()
	page := AlertPage{Alerts: []model.AlertRecord{}}
	for rs.Next() {
		var a model.AlertRecord
		var created, delivered int64
		if err := rs.Scan(&a.ID, &a.Rule, &a.Sink, &a.Trigger, &a.EventKey, &a.Summary, &a.State, &a.Attempts, &a.LastError, &created, &delivered); err != nil {
			return AlertPage{}, fmt.Errorf("list alerts: %w", err)
		}
		a.Created = fromMicros(created)
		a.Delivered = fromMicros(delivered)
		page.Alerts = append(page.Alerts, a)
	}
	if err := rs.Err(); err != nil {
		return AlertPage{}, fmt.Errorf("list alerts: %w", err)
	}
	page.Alerts, page.Next = cut("alerts", page.Alerts, limit, func(a model.AlertRecord) (time.Time, string) { return a.Created, a.ID })
	return page, nil
}
