package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// maxConflictCandidates bounds the stored figures one new figure is
// compared with (the most recent of the same subject), so a subject with
// a long history cannot make one write slow.
const maxConflictCandidates = 500

// ApplyClaims implements Writer.
func (c *core) ApplyClaims(ctx context.Context, b *model.ClaimBatch) (ApplyResult, error) {
	if b == nil || b.Article.ID == "" {
		return ApplyResult{}, fmt.Errorf("%w: claim batch without article id", ErrInvalid)
	}
	merged, err := mergeBatch(b)
	if err != nil {
		return ApplyResult{}, err
	}
	var res ApplyResult
	err = c.write(ctx, func(ctx context.Context, q querier) (bool, error) {
		res = ApplyResult{}
		if err := c.applyClaims(ctx, q, b, merged, &res); err != nil {
			return false, err
		}
		return res.Events > 0, nil
	})
	if err != nil {
		return ApplyResult{}, fmt.Errorf("apply claims of %s: %w", b.Article.ID, err)
	}
	return res, nil
}

// mergeBatch validates the claims and folds repeats of one ID together,
// sorted by ID so concurrent writers lock claims in the same order. Every
// mention is attributed to the batch's article: a batch is one article's
// claims.
func mergeBatch(b *model.ClaimBatch) ([]model.Claim, error) {
	byID := map[string]int{}
	var out []model.Claim
	for i := range b.Claims {
		cl := b.Claims[i]
		if cl.ID == "" || cl.Kind == "" {
			return nil, fmt.Errorf("%w: claim %d of article %s has no id or kind", ErrInvalid, i, b.Article.ID)
		}
		ms := make([]model.Mention, 0, max(1, len(cl.Mentions)))
		for _, m := range cl.Mentions {
			m.ArticleID = b.Article.ID
			ms = append(ms, m)
		}
		if len(ms) == 0 {
			ms = append(ms, model.Mention{ArticleID: b.Article.ID, Sentence: -1})
		}
		if j, ok := byID[cl.ID]; ok {
			out[j].Mentions = append(out[j].Mentions, ms...)
			continue
		}
		cl.Mentions = ms
		byID[cl.ID] = len(out)
		out = append(out, cl)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (c *core) applyClaims(ctx context.Context, q querier, b *model.ClaimBatch, cls []model.Claim, res *ApplyResult) error {
	now := time.Now().UTC()
	nowUS := now.UnixMicro()
	ref := b.Article
	// A batch may overtake its article: keep a stub that ApplyUnique or
	// ApplyDuplicate later fills in.
	if _, err := q.exec(ctx, `INSERT INTO articles (id, url, title, feed_url, outlet, published, story_id, stub, stored)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)
		ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id
		WHERE articles.story_id = '' AND excluded.story_id <> ''`,
		ref.ID, ref.URL, ref.Title, ref.FeedURL, outletOf(ref.FeedURL, ref.URL), micros(ref.Published), ref.StoryID, nowUS); err != nil {
		return fmt.Errorf("upsert article stub: %w", err)
	}
	var outlet string
	if err := q.queryRow(ctx, `SELECT outlet, story_id FROM articles WHERE id = $1`, ref.ID).Scan(&outlet, &ref.StoryID); err != nil {
		return fmt.Errorf("read article %s: %w", ref.ID, err)
	}
	if len(cls) == 0 {
		return nil
	}
	if c.d.lockKeys != nil {
		// Replicas adding mentions to the same claim, or figures on the
		// same subject, take turns: otherwise each could count outlets or
		// look for conflicts in a snapshot without the other's rows.
		if err := c.d.lockKeys(ctx, q, lockKeysOf(cls)); err != nil {
			return fmt.Errorf("lock claims: %w", err)
		}
	}
	// The statements below are set-based (one per step, not per claim):
	// on PostgreSQL every statement is a network round trip.
	isNew, err := insertClaims(ctx, q, cls, nowUS)
	if err != nil {
		return err
	}
	added, err := insertMentions(ctx, q, cls, outlet, nowUS)
	if err != nil {
		return err
	}
	var fresh []*model.Claim
	var touched []string
	for i := range cls {
		cl := &cls[i]
		res.NewMentions += added[cl.ID]
		if isNew[cl.ID] {
			fresh = append(fresh, cl)
		}
		if added[cl.ID] > 0 {
			touched = append(touched, cl.ID)
		}
	}
	res.NewClaims = len(fresh)
	if err := c.indexClaims(ctx, q, fresh); err != nil {
		return err
	}
	if err := touchClaims(ctx, q, touched, nowUS); err != nil {
		return err
	}
	outlets, grown, err := recountOutlets(ctx, q, touched)
	if err != nil {
		return err
	}
	var events []outboxRow
	for _, cl := range fresh {
		ev := model.Event{Type: model.EventClaimNew, Key: model.EventClaimNew + ":" + cl.ID, Time: now, Claim: cl, Article: &ref, Outlets: outlets[cl.ID]}
		if events, err = appendEvent(events, bus.SubjectEventClaimNew, &ev); err != nil {
			return err
		}
	}
	for _, cl := range fresh {
		if cl.Kind != model.KindQuantity || subjectNorm(cl.Subject) == "" {
			continue
		}
		if events, err = c.findConflicts(ctx, q, cl, &ref, now, res, events); err != nil {
			return err
		}
	}
	for i := range cls {
		cl := &cls[i]
		if n := outlets[cl.ID]; grown[cl.ID] && n > 1 {
			ev := model.Event{Type: model.EventClaimSpread, Key: model.EventClaimSpread + ":" + cl.ID + ":" + strconv.Itoa(n),
				Time: now, Claim: cl, Article: &ref, Outlets: n}
			if events, err = appendEvent(events, bus.SubjectEventSpread, &ev); err != nil {
				return err
			}
		}
	}
	n, err := insertOutbox(ctx, q, events)
	res.Events = n
	return err
}

// lockKeysOf names the locks a batch needs, sorted so that every writer
// takes them in the same order.
func lockKeysOf(cls []model.Claim) []string {
	seen := map[string]bool{}
	var keys []string
	for i := range cls {
		keys = append(keys, "claim:"+cls[i].ID)
		if cls[i].Kind == model.KindQuantity {
			if s := subjectNorm(cls[i].Subject); s != "" && !seen[s] {
				seen[s] = true
				keys = append(keys, "subject:"+s)
			}
		}
	}
	sort.Strings(keys)
	return keys
}

// rowChunk bounds the rows of one multi-row statement, keeping it below
// both dialects' limits on bound parameters.
const rowChunk = 100

// multiRow runs head + "(...), (...)" + tail over rows in chunks; row i
// contributes the values of vals(i). With a RETURNING tail, scan reads
// each returned row.
func multiRow(ctx context.Context, q querier, head, tail string, n, width int, vals func(i int) []any, scan func(rows) error) error {
	for start := 0; start < n; start += rowChunk {
		end := min(start+rowChunk, n)
		var sb strings.Builder
		sb.WriteString(head)
		args := make([]any, 0, (end-start)*width)
		for i := start; i < end; i++ {
			if i > start {
				sb.WriteString(", ")
			}
			sb.WriteString("(" + placeholders(len(args)+1, width) + ")")
			args = append(args, vals(i)...)
		}
		sb.WriteString(" " + tail)
		if scan == nil {
			if _, err := q.exec(ctx, sb.String(), args...); err != nil {
				return err
			}
			continue
		}
		rs, err := q.query(ctx, sb.String(), args...)
		if err != nil {
			return err
		}
		for rs.Next() {
			if err := scan(rs); err != nil {
				rs.Close()
				return err
			}
		}
		rs.Close()
		if err := rs.Err(); err != nil {
			return err
		}
	}
	return nil
}

// insertClaims inserts the claims not stored yet and returns their ids.
func insertClaims(ctx context.Context, q querier, cls []model.Claim, nowUS int64) (map[string]bool, error) {
	data := make([]string, len(cls))
	for i := range cls {
		stored := cls[i]
		stored.Mentions = nil
		b, err := json.Marshal(&stored)
		if err != nil {
			return nil, fmt.Errorf("encode claim %s: %w", cls[i].ID, err)
		}
		data[i] = string(b)
	}
	isNew := map[string]bool{}
	err := multiRow(ctx, q, `INSERT INTO claims (id, kind, speaker, speaker_norm, speaker_last, subject_norm, unit_norm, text, content, data, first_seen, last_seen, outlets) VALUES `,
		`ON CONFLICT (id) DO NOTHING RETURNING id`, len(cls), 13,
		func(i int) []any {
			cl := &cls[i]
			subject, unit := "", ""
			if cl.Kind == model.KindQuantity {
				subject = subjectNorm(cl.Subject)
				if cl.Quantity != nil {
					unit = norm(cl.Quantity.Unit)
				}
			}
			return []any{cl.ID, cl.Kind, cl.Speaker, norm(cl.Speaker), lastWord(norm(cl.Speaker)), subject, unit, cl.Text, cl.Content, data[i], nowUS, nowUS, 0}
		},
		func(r rows) error {
			var id string
			err := r.Scan(&id)
			isNew[id] = true
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("insert claims: %w", err)
	}
	return isNew, nil
}

// insertMentions stores the mentions not stored yet and returns how many
// each claim gained.
func insertMentions(ctx context.Context, q querier, cls []model.Claim, outlet string, nowUS int64) (map[string]int, error) {
	type mention struct {
		claim string
		m     model.Mention
	}
	var ms []mention
	for i := range cls {
		for _, m := range cls[i].Mentions {
			ms = append(ms, mention{cls[i].ID, m})
		}
	}
	added := map[string]int{}
	err := multiRow(ctx, q, `INSERT INTO claim_mentions (claim_id, article_id, sentence, start_off, end_off, outlet, stored) VALUES `,
		`ON CONFLICT (claim_id, article_id, sentence, start_off) DO NOTHING RETURNING claim_id`, len(ms), 7,
		func(i int) []any {
			m := ms[i]
			return []any{m.claim, m.m.ArticleID, m.m.Sentence, m.m.Start, m.m.End, outlet, nowUS}
		},
		func(r rows) error {
			var id string
			err := r.Scan(&id)
			added[id]++
			return err
		})
	if err != nil {
		return nil, fmt.Errorf("insert mentions: %w", err)
	}
	return added, nil
}

func (c *core) indexClaims(ctx context.Context, q querier, fresh []*model.Claim) error {
	type ent struct{ e, id string }
	var ents []ent
	for _, cl := range fresh {
		seen := map[string]bool{}
		for _, e := range cl.Entities {
			if e = norm(e); e != "" && !seen[e] {
				seen[e] = true
				ents = append(ents, ent{e, cl.ID})
			}
		}
	}
	if err := multiRow(ctx, q, `INSERT INTO claim_entities (entity_norm, claim_id) VALUES `, `ON CONFLICT DO NOTHING`, len(ents), 2,
		func(i int) []any { return []any{ents[i].e, ents[i].id} }, nil); err != nil {
		return fmt.Errorf("insert entities: %w", err)
	}
	if c.d.indexClaims != nil && len(fresh) > 0 {
		if err := c.d.indexClaims(ctx, q, fresh); err != nil {
			return fmt.Errorf("index claims: %w", err)
		}
	}
	return nil
}

// touchClaims moves last_seen of claims that gained mentions.
func touchClaims(ctx context.Context, q querier, ids []string, nowUS int64) error {
	return eachChunk(ids, func(chunk []string) error {
		args := append([]any{nowUS}, anyStrings(chunk)...)
		if _, err := q.exec(ctx, `UPDATE claims SET last_seen = $1 WHERE last_seen < $1 AND id IN (`+placeholders(2, len(chunk))+`)`, args...); err != nil {
			return fmt.Errorf("touch claims: %w", err)
		}
		return nil
	})
}

// recountOutlets recounts the distinct outlets of claims that gained
// mentions, stores counts that grew, and returns every count and which
// grew.
func recountOutlets(ctx context.Context, q querier, ids []string) (map[string]int, map[string]bool, error) {
	outlets, grown := map[string]int{}, map[string]bool{}
	err := eachChunk(ids, func(chunk []string) error {
		rs, err := q.query(ctx, `SELECT c.id, c.outlets,
			(SELECT count(DISTINCT m.outlet) FROM claim_mentions m WHERE m.claim_id = c.id AND m.outlet <> '')
			FROM claims c WHERE c.id IN (`+placeholders(1, len(chunk))+`)`, anyStrings(chunk)...)
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			var id string
			var before, now int
			if err := rs.Scan(&id, &before, &now); err != nil {
				return err
			}
			outlets[id] = max(before, now)
			grown[id] = now > before
		}
		return rs.Err()
	})
	if err != nil {
		return nil, nil, fmt.Errorf("count outlets: %w", err)
	}
	for id, g := range grown {
		if !g {
			continue
		}
		if _, err := q.exec(ctx, `UPDATE claims SET outlets = $1 WHERE id = $2`, outlets[id], id); err != nil {
			return nil, nil, fmt.Errorf("update outlets: %w", err)
		}
	}
	return outlets, grown, nil
}

// findConflicts compares a new figure with the stored figures of the same
// subject, records every pair claims.Conflicts calls a conflict, and
// appends their events.
func (c *core) findConflicts(ctx context.Context, q querier, cl *model.Claim, ref *model.ArticleRef, now time.Time, res *ApplyResult, events []outboxRow) ([]outboxRow, error) {
	rs, err := q.query(ctx, `SELECT id, data FROM claims WHERE kind = $1 AND subject_norm = $2 AND id <> $3
		ORDER BY first_seen DESC LIMIT $4`, model.KindQuantity, subjectNorm(cl.Subject), cl.ID, maxConflictCandidates)
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
		oref, err := firstArticle(ctx, q, o.ID)
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

// firstArticle is the article a claim was first read from.
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
func insertOutbox(ctx context.Context, q querier, evs []outboxRow) (int, error) {
	n := 0
	err := multiRow(ctx, q, `INSERT INTO outbox (event_key, subject, payload, created) VALUES `,
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
