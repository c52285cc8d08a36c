package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// rowChunk bounds the rows of one multi-row statement, keeping it below
// both dialects' limits on bound parameters.
const rowChunk = 100

// multiRow runs head + "(...), (...)" + tail over rows in chunks; row i
// contributes the values of vals(i). With a RETURNING tail, scan reads
// each returned row.
func multiRow(ctx context.Context, q querier, head, tail string, n, width int, vals func(i int) []any, scan func(rows) error) error {
	fixed := hasFixedShapes(q)
	for start := 0; start < n; {
		end := start + chunkRows(fixed, n-start)
		args := make([]any, 0, (end-start)*width)
		for i := start; i < end; i++ {
			args = append(args, vals(i)...)
		}
		text := multiRowSQL(head, tail, end-start, width, fixed)
		if scan == nil {
			if _, err := q.exec(ctx, text, args...); err != nil {
				return err
			}
			start = end
			continue
		}
		rs, err := q.query(ctx, text, args...)
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
		start = end
	}
	return nil
}

// shapeFixer is implemented by queriers that cache prepared statements by
// SQL text (SQLite's writer).
type shapeFixer interface{ fixedShapes() bool }

func hasFixedShapes(q querier) bool {
	f, ok := q.(shapeFixer)
	return ok && f.fixedShapes()
}

// maxShapeRows is the largest chunk used with fixed shapes. Larger is not
// better: binding looks each parameter's name up in a linear list, so
// binding is quadratic in a statement's parameters (measured: 3.8% of CPU
// at 64 rows of 13 columns).
const maxShapeRows = 16

// chunkRows is how many of the remaining rows the next statement takes.
// Where statements are cached by text, chunks take up to maxShapeRows, so
// each multi-row statement has at most 16 cached shapes and one article's
// few rows are one execution (chunks of powers of two, tried before, cost
// popcount(n) executions, and measured ~4% more of the writer's CPU);
// elsewhere (PostgreSQL, where each statement is a round trip) one
// statement takes up to rowChunk rows.
func chunkRows(fixed bool, remaining int) int {
	if !fixed {
		return min(remaining, rowChunk)
	}
	return min(remaining, maxShapeRows)
}

type shapeKey struct {
	head, tail  string
	rows, width int
	anonymous   bool
}

// shapes memoizes multiRow's SQL texts. It is bounded by construction:
// a few statement families times rowChunk row counts.
var shapes sync.Map // shapeKey -> string

// multiRowSQL returns head + rows tuples of width placeholders + tail.
// Anonymous placeholders ("?", SQLite only) bind by position without the
// name lookup $N needs (see maxShapeRows).
func multiRowSQL(head, tail string, rows, width int, anonymous bool) string {
	k := shapeKey{head, tail, rows, width, anonymous}
	if s, ok := shapes.Load(k); ok {
		return s.(string)
	}
	var sb strings.Builder
	sb.WriteString(head)
	for r := range rows {
		if r > 0 {
			sb.WriteString(", ")
		}
		sb.WriteByte('(')
		if anonymous {
			sb.WriteString(strings.Repeat("?, ", width-1) + "?")
		} else {
			sb.WriteString(placeholders(r*width+1, width))
		}
		sb.WriteByte(')')
	}
	sb.WriteString(" " + tail)
	s, _ := shapes.LoadOrStore(k, sb.String())
	return s.(string)
}

// insertClaims inserts the claims not stored yet, with the given outlet
// count, and returns their ids. insert is the dialect's insertNew, as for
// the other inserts of new rows below.
func insertClaims(ctx context.Context, q querier, insert string, cls []model.Claim, nowUS int64, outlets int) (map[string]bool, error) {
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
	err := multiRow(ctx, q, insert+` claims (id, kind, speaker, speaker_norm, speaker_last, subject_norm, unit_norm, text, content, data, first_seen, last_seen, outlets) VALUES `,
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
			return []any{cl.ID, cl.Kind, cl.Speaker, norm(cl.Speaker), lastWord(norm(cl.Speaker)), subject, unit, cl.Text, cl.Content, data[i], nowUS, nowUS, outlets}
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
func insertMentions(ctx context.Context, q querier, insert string, cls []model.Claim, outlet string, nowUS int64) (map[string]int, error) {
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
	err := multiRow(ctx, q, insert+` claim_mentions (claim_id, article_id, sentence, start_off, end_off, outlet, stored) VALUES `,
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

// insertEntities indexes new claims by the entities they name. (Their
// full-text indexing, where it is not a generated column, is done once
// per batch: see dialect.batch.)
func insertEntities(ctx context.Context, q querier, insert string, fresh []*model.Claim) error {
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
	if err := multiRow(ctx, q, insert+` claim_entities (entity_norm, claim_id) VALUES `, `ON CONFLICT DO NOTHING`, len(ents), 2,
		func(i int) []any { return []any{ents[i].e, ents[i].id} }, nil); err != nil {
		return fmt.Errorf("insert entities: %w", err)
	}
	return nil
}

// inList returns the placeholders and arguments of an IN list over ids,
// numbered from $from. Where statements are cached by text, the list is
// padded to a power of two by repeating the last id (which does not change
// what IN matches), so a few shapes serve every length.
func inList(q querier, from int, ids []string) (string, []any) {
	args := anyStrings(ids)
	if hasFixedShapes(q) && len(ids) > 0 {
		n := 1
		for n < len(ids) {
			n *= 2
		}
		for len(args) < n {
			args = append(args, ids[len(ids)-1])
		}
	}
	return placeholders(from, len(args)), args
}

// touchClaims moves last_seen of claims that gained mentions.
func touchClaims(ctx context.Context, q querier, ids []string, nowUS int64) error {
	return eachChunk(ids, func(chunk []string) error {
		ph, args := inList(q, 2, chunk)
		if _, err := q.exec(ctx, `UPDATE claims SET last_seen = $1 WHERE last_seen < $1 AND id IN (`+ph+`)`, append([]any{nowUS}, args...)...); err != nil {
			return fmt.Errorf("touch claims: %w", err)
		}
		return nil
	})
}

// gainingOutlet returns the claims among ids that no other article of
// outlet mentions yet: only their distinct-outlet count can grow from this
// batch (a batch is one article, so all its mentions share one outlet).
// Asking this first, instead of recounting every touched claim, matters
// for claims quoted by hundreds of articles: the recount reads all of a
// claim's mentions, while this check usually stops at the first.
func gainingOutlet(ctx context.Context, q querier, ids []string, outlet, articleID string) ([]string, error) {
	if outlet == "" {
		return nil, nil
	}
	var out []string
	err := eachChunk(ids, func(chunk []string) error {
		ph, args := inList(q, 3, chunk)
		rs, err := q.query(ctx, `SELECT c.id FROM claims c WHERE c.id IN (`+ph+`) AND NOT EXISTS (
			SELECT 1 FROM claim_mentions m WHERE m.claim_id = c.id AND m.outlet = $1 AND m.article_id <> $2)`,
			append([]any{outlet, articleID}, args...)...)
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			var id string
			if err := rs.Scan(&id); err != nil {
				return err
			}
			out = append(out, id)
		}
		return rs.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("claims gaining an outlet: %w", err)
	}
	return out, nil
}

// recountOutlets recounts the distinct outlets of the given claims, stores
// counts that grew, and returns every count and which grew.
func recountOutlets(ctx context.Context, q querier, ids []string) (map[string]int, map[string]bool, error) {
	outlets, grown := map[string]int{}, map[string]bool{}
	err := eachChunk(ids, func(chunk []string) error {
		ph, args := inList(q, 1, chunk)
		rs, err := q.query(ctx, `SELECT c.id, c.outlets,
			(SELECT count(DISTINCT m.outlet) FROM claim_mentions m WHERE m.claim_id = c.id AND m.outlet <> '')
			FROM claims c WHERE c.id IN (`+ph+`)`, args...)
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
