package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// conflictCandidatesSQL selects the newest stored figures of a subject.
// kind is a literal, not a parameter, so that the partial index
// claims_subject (quantities only) can serve it.
const conflictCandidatesSQL = `SELECT id, data FROM claims WHERE kind = '` + model.KindQuantity + `' AND subject_norm = $1 AND id <> $2
	ORDER BY first_seen DESC LIMIT $3`

// findConflicts compares a new figure with the stored figures of the same
// subject, records every pair claims.Conflicts calls a conflict, and
// appends their events.
func (c *core) findConflicts(ctx context.Context, q querier, cl *model.Claim, ref *model.ArticleRef, now time.Time, res *ApplyResult, events []outboxRow, firsts map[string]model.ArticleRef) ([]outboxRow, error) {
	rs, err := q.query(ctx, conflictCandidatesSQL, subjectNorm(cl.Subject), cl.ID, maxConflictCandidates)
	if err != nil {
		return nil, fmt.Errorf("conflict candidates: %w", err)
	}
	var others []model.Claim
	for rs.Next() {
		var id, data string
		if err := rs.Scan(&id, &data); err != nil {
			rs.Close()
			return nil, fmt.Errorf("conflict candidates: %w", err)
		}
		var o model.Claim
		if err := json.Unmarshal([]byte(data), &o); err != nil {
			rs.Close()
			return nil, fmt.Errorf("decode stored claim %s: %w", id, err)
		}
		o.ID = id
		if c.conflicts(&o, cl) {
			others = append(others, o)
			if len(others) == maxConflictsPerClaim {
				break // candidates come newest first: keep the newest
			}
		}
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("conflict candidates: %w", err)
	}
	unit := ""
	if cl.Quantity != nil {
		unit = cl.Quantity.Unit
	}
	for i := range others {
		o := &others[i]
		oref, err := c.firstArticle(ctx, q, o.ID, firsts)
		if err != nil {
			return nil, err
		}
		id := pairID(o.ID, cl.ID)
		n, err := q.exec(ctx, `INSERT INTO conflicts (id, claim_a, claim_b, subject, unit, article_a, article_b, detected)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
			id, o.ID, cl.ID, cl.Subject, unit, oref.ID, ref.ID, now.UnixMicro())
		if err != nil {
			return nil, fmt.Errorf("insert conflict: %w", err)
		}
		if n == 0 {
			continue
		}
		res.NewConflicts++
		conf := model.Conflict{ID: id, Subject: cl.Subject, Unit: unit, A: *o, B: *cl, ArticleA: oref, ArticleB: *ref}
		ev := model.Event{Type: model.EventClaimConflict, Key: model.EventClaimConflict + ":" + id, Time: now, Conflict: &conf, Article: ref}
		if events, err = appendEvent(events, bus.SubjectEventConflict, &ev); err != nil {
			return nil, err
		}
	}
	return events, nil
}

// firstArticle is the article a claim was first read from. firsts
// memoizes it for one ApplyClaims call, where figures of one article often
// conflict with the same stored figure.
func (c *core) firstArticle(ctx context.Context, q querier, claimID string, firsts map[string]model.ArticleRef) (model.ArticleRef, error) {
	if r, ok := firsts[claimID]; ok {
		return r, nil
	}
	r, err := firstArticle(ctx, q, claimID)
	if err == nil {
		firsts[claimID] = r
	}
	return r, err
}

func firstArticle(ctx context.Context, q querier, claimID string) (model.ArticleRef, error) {
	var r model.ArticleRef
	var pub int64
	err := q.queryRow(ctx, `SELECT a.id, a.url, a.title, a.feed_url, a.published, a.story_id
		FROM claim_mentions m JOIN articles a ON a.id = m.article_id
		WHERE m.claim_id = $1 ORDER BY m.stored, m.article_id LIMIT 1`, claimID).
		Scan(&r.ID, &r.URL, &r.Title, &r.FeedURL, &pub, &r.StoryID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return r, fmt.Errorf("first article of %s: %w", claimID, err)
	}
	r.Published = fromMicros(pub)
	return r, nil
}

type outboxRow struct {
	key, subject, payload string
	created               int64
}

func appendEvent(rows []outboxRow, subject string, ev *model.Event) ([]outboxRow, error) {
	payload, err := model.Encode(ev)
	if err != nil {
		return nil, err
	}
	return append(rows, outboxRow{ev.Key, subject, string(payload), ev.Time.UnixMicro()}), nil
}

// insertOutbox writes events to the outbox in the current transaction and
// returns how many rows it wrote.
func insertOutbox(ctx context.Context, q querier, insert string, evs []outboxRow) (int, error) {
	n := 0
	err := multiRow(ctx, q, insert+` outbox (event_key, subject, payload, created) VALUES `,
		`ON CONFLICT (event_key) DO NOTHING RETURNING id`, len(evs), 4,
		func(i int) []any { return []any{evs[i].key, evs[i].subject, evs[i].payload, evs[i].created} },
		func(r rows) error {
			var id int64
			n++
			return r.Scan(&id)
		})
	if err != nil {
		return 0, fmt.Errorf("insert outbox: %w", err)
	}
	return n, nil
}
