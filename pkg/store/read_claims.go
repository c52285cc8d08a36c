package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// ListClaims implements Reader.
func (c *core) ListClaims(ctx context.Context, f ClaimFilter, cursor string, limit int) (ClaimPage, error) {
	q, err := c.reader()
	if err != nil {
		return ClaimPage{}, err
	}
	cur, err := decodeCursor("claims", cursor)
	if err != nil {
		return ClaimPage{}, err
	}
	limit = clampLimit(limit)
	var w where
	if f.Q != "" {
		fq := c.d.ftsQuery(f.Q)
		if fq == "" {
			// Only punctuation: nothing can match, and an empty FTS
			// query is an error in SQLite.
			return ClaimPage{}, nil
		}
		w.add(fmt.Sprintf(c.d.claimMatch, "?"), fq)
	}
	if s := norm(f.Speaker); s != "" {
		// "Putin" finds "vladimir putin": a whole name, its last word, or
		// its last words. Every match ends in the query's last word, so
		// speaker_last (indexed; speaker_norm is not) narrows first, and
		// for a one-word query it is the whole condition: a one-word
		// speaker_norm is its own last word.
		if !strings.Contains(s, " ") {
			w.add(`c.speaker_last = ?`, s)
		} else {
			w.add(`c.speaker_last = ? AND (c.speaker_norm = ? OR c.speaker_norm LIKE ? ESCAPE '\')`, lastWord(s), s, "% "+escapeLike(s))
		}
	}
	if e := norm(f.Entity); e != "" {
		w.add(`c.id IN (SELECT claim_id FROM claim_entities WHERE entity_norm = ?)`, e)
	}
	if f.Kind != "" {
		w.add(`c.kind = ?`, f.Kind)
	}
	if !f.Since.IsZero() {
		w.add(`c.first_seen >= ?`, micros(f.Since))
	}
	if f.StoryID != "" {
		w.add(`c.id IN (SELECT m.claim_id FROM claim_mentions m JOIN articles a ON a.id = m.article_id WHERE a.story_id = ?)`, f.StoryID)
	}
	order := w.keyset(cur, "c.first_seen", "c.id", limit)
	cls, err := queryClaims(ctx, q, `SELECT `+claimCols+` FROM claims c`+w.sql()+order, w.args...)
	if err != nil {
		return ClaimPage{}, fmt.Errorf("list claims: %w", err)
	}
	var page ClaimPage
	page.Claims, page.Next = cut("claims", cls, limit, func(c Claim) (time.Time, string) { return c.FirstSeen, c.ID })
	return page, nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// GetClaim implements Reader.
func (c *core) GetClaim(ctx context.Context, id string) (*ClaimDetail, error) {
	q, err := c.reader()
	if err != nil {
		return nil, err
	}
	cls, err := queryClaims(ctx, q, `SELECT `+claimCols+` FROM claims c WHERE c.id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("get claim %s: %w", id, err)
	}
	if len(cls) == 0 {
		return nil, fmt.Errorf("claim %s: %w", id, ErrNotFound)
	}
	d := &ClaimDetail{Claim: cls[0]}
	d.Articles, err = queryArticles(ctx, q, `SELECT `+articleCols+` FROM articles a
		WHERE a.id IN (SELECT article_id FROM claim_mentions WHERE claim_id = $1) ORDER BY a.published, a.id`, id)
	if err != nil {
		return nil, fmt.Errorf("articles of claim %s: %w", id, err)
	}
	d.Conflicts, err = queryConflicts(ctx, q, `SELECT `+conflictCols+` FROM conflicts k
		WHERE k.claim_a = $1 OR k.claim_b = $1 ORDER BY k.detected DESC, k.id DESC`, id)
	if err != nil {
		return nil, fmt.Errorf("conflicts of claim %s: %w", id, err)
	}
	if d.Articles == nil {
		d.Articles = []ArticleSummary{}
	}
	if d.Conflicts == nil {
		d.Conflicts = []Conflict{}
	}
	return d, nil
}

// ListConflicts implements Reader.
func (c *core) ListConflicts(ctx context.Context, cursor string, limit int) (ConflictPage, error) {
	q, err := c.reader()
	if err != nil {
		return ConflictPage{}, err
	}
	cur, err := decodeCursor("conflicts", cursor)
	if err != nil {
		return ConflictPage{}, err
	}
	limit = clampLimit(limit)
	var w where
	order := w.keyset(cur, "k.detected", "k.id", limit)
	cs, err := queryConflicts(ctx, q, `SELECT `+conflictCols+` FROM conflicts k`+w.sql()+order, w.args...)
	if err != nil {
		return ConflictPage{}, fmt.Errorf("list conflicts: %w", err)
	}
	var page ConflictPage
	page.Conflicts, page.Next = cut("conflicts", cs, limit, func(c Conflict) (time.Time, string) { return c.Detected, c.ID })
	return page, nil
}

// Counts implements Reader.
func (c *core) Counts(ctx context.Context) (Counts, error) {
	q, err := c.reader()
	if err != nil {
		return Counts{}, err
	}
	var n Counts
	err = q.queryRow(ctx, `SELECT
		(SELECT count(*) FROM articles WHERE stub = 0),
		(SELECT count(*) FROM duplicates),
		(SELECT count(*) FROM stories),
		(SELECT count(*) FROM claims),
		(SELECT count(*) FROM claim_mentions),
		(SELECT count(*) FROM conflicts),
		(SELECT count(*) FROM alerts),
		(SELECT count(*) FROM outbox WHERE sent = 0)`).
		Scan(&n.Articles, &n.Duplicates, &n.Stories, &n.Claims, &n.Mentions, &n.Conflicts, &n.Alerts, &n.PendingEvents)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Counts{}, fmt.Errorf("counts: %w", err)
	}
	return n, nil
}
