package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// Loaders shared by the read methods. They fetch related rows for a whole
// page with chunked IN lists (one query per 200 ids), never one query per
// row.

const inChunk = 200

// placeholders returns "$from, $from+1, ..." for n values.
func placeholders(from, n int) string {
	ph := make([]string, n)
	for i := range ph {
		ph[i] = fmt.Sprintf("$%d", from+i)
	}
	return strings.Join(ph, ", ")
}

func anyStrings(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// eachChunk runs fn over ids in chunks of inChunk.
func eachChunk(ids []string, fn func(chunk []string) error) error {
	for start := 0; start < len(ids); start += inChunk {
		if err := fn(ids[start:min(start+inChunk, len(ids))]); err != nil {
			return err
		}
	}
	return nil
}

const claimCols = `c.id, c.data, c.first_seen, c.last_seen, c.outlets`

func scanClaim(rs rows) (Claim, error) {
	var cl Claim
	var id, data string
	var first, last int64
	if err := rs.Scan(&id, &data, &first, &last, &cl.Outlets); err != nil {
		return cl, err
	}
	if err := json.Unmarshal([]byte(data), &cl.Claim); err != nil {
		return cl, fmt.Errorf("decode claim %s: %w", id, err)
	}
	cl.ID = id
	cl.FirstSeen = fromMicros(first)
	cl.LastSeen = fromMicros(last)
	return cl, nil
}

// queryClaims runs a query selecting claimCols and attaches mentions.
func queryClaims(ctx context.Context, q querier, sqlText string, args ...any) ([]Claim, error) {
	rs, err := q.query(ctx, sqlText, args...)
	if err != nil {
		return nil, err
	}
	var out []Claim
	for rs.Next() {
		cl, err := scanClaim(rs)
		if err != nil {
			rs.Close()
			return nil, err
		}
		out = append(out, cl)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, err
	}
	if err := attachMentions(ctx, q, out); err != nil {
		return nil, err
	}
	return out, nil
}

// claimsByID loads claims (with mentions) keyed by id.
func claimsByID(ctx context.Context, q querier, ids []string) (map[string]Claim, error) {
	out := map[string]Claim{}
	err := eachChunk(ids, func(chunk []string) error {
		cls, err := queryClaims(ctx, q, `SELECT `+claimCols+` FROM claims c WHERE c.id IN (`+placeholders(1, len(chunk))+`)`, anyStrings(chunk)...)
		for _, cl := range cls {
			out[cl.ID] = cl
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load claims: %w", err)
	}
	return out, nil
}

func attachMentions(ctx context.Context, q querier, cls []Claim) error {
	if len(cls) == 0 {
		return nil
	}
	idx := make(map[string]int, len(cls))
	ids := make([]string, len(cls))
	for i := range cls {
		idx[cls[i].ID] = i
		ids[i] = cls[i].ID
		cls[i].Mentions = nil
	}
	return eachChunk(ids, func(chunk []string) error {
		rs, err := q.query(ctx, `SELECT claim_id, article_id, sentence, start_off, end_off FROM claim_mentions
			WHERE claim_id IN (`+placeholders(1, len(chunk))+`) ORDER BY claim_id, stored, article_id, sentence, start_off`, anyStrings(chunk)...)
		if err != nil {
			return fmt.Errorf("load mentions: %w", err)
		}
		defer rs.Close()
		for rs.Next() {
			var id string
			var m model.Mention
			if err := rs.Scan(&id, &m.ArticleID, &m.Sentence, &m.Start, &m.End); err != nil {
				return fmt.Errorf("load mentions: %w", err)
			}
			if i, ok := idx[id]; ok {
				cls[i].Mentions = append(cls[i].Mentions, m)
			}
		}
		return rs.Err()
	})
}

const articleCols = `a.id, a.url, a.title, a.feed_url, a.feed_title, a.outlet, a.published, a.fetched, a.story_id, a.duplicate_of, a.stub`

func scanArticle(r row, extra ...any) (ArticleSummary, error) {
	var a ArticleSummary
	var pub, fetched int64
	var stub int
	dest := append([]any{&a.ID, &a.URL, &a.Title, &a.FeedURL, &a.FeedTitle, &a.Outlet, &pub, &fetched, &a.StoryID, &a.DuplicateOf, &stub}, extra...)
	if err := r.Scan(dest...); err != nil {
		return a, err
	}
	a.Published = fromMicros(pub)
	a.Fetched = fromMicros(fetched)
	a.Stub = stub != 0
	return a, nil
}

func queryArticles(ctx context.Context, q querier, sqlText string, args ...any) ([]ArticleSummary, error) {
	rs, err := q.query(ctx, sqlText, args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []ArticleSummary
	for rs.Next() {
		a, err := scanArticle(rs)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rs.Err()
}

// articlesByID loads article summaries keyed by id.
func articlesByID(ctx context.Context, q querier, ids []string) (map[string]ArticleSummary, error) {
	out := map[string]ArticleSummary{}
	err := eachChunk(ids, func(chunk []string) error {
		as, err := queryArticles(ctx, q, `SELECT `+articleCols+` FROM articles a WHERE a.id IN (`+placeholders(1, len(chunk))+`)`, anyStrings(chunk)...)
		for _, a := range as {
			out[a.ID] = a
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load articles: %w", err)
	}
	return out, nil
}

// queryConflicts runs a query selecting conflict rows and resolves their
// claims and articles.
func queryConflicts(ctx context.Context, q querier, sqlText string, args ...any) ([]Conflict, error) {
	type raw struct {
		c            Conflict
		a, b, aa, ab string
	}
	rs, err := q.query(ctx, sqlText, args...)
	if err != nil {
		return nil, err
	}
	var raws []raw
	for rs.Next() {
		var r raw
		var detected int64
		if err := rs.Scan(&r.c.ID, &r.a, &r.b, &r.c.Subject, &r.c.Unit, &r.aa, &r.ab, &detected); err != nil {
			rs.Close()
			return nil, err
		}
		r.c.Detected = fromMicros(detected)
		raws = append(raws, r)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, err
	}
	var claimIDs, articleIDs []string
	for _, r := range raws {
		claimIDs = append(claimIDs, r.a, r.b)
		articleIDs = append(articleIDs, r.aa, r.ab)
	}
	cls, err := claimsByID(ctx, q, claimIDs)
	if err != nil {
		return nil, err
	}
	arts, err := articlesByID(ctx, q, articleIDs)
	if err != nil {
		return nil, err
	}
	out := make([]Conflict, len(raws))
	for i, r := range raws {
		c := r.c
		c.A = cls[r.a].Claim
		c.B = cls[r.b].Claim
		aa, ab := arts[r.aa], arts[r.ab]
		c.ArticleA = aa.Ref()
		c.ArticleB = ab.Ref()
		out[i] = c
	}
	return out, nil
}

const conflictCols = `k.id, k.claim_a, k.claim_b, k.subject, k.unit, k.article_a, k.article_b, k.detected`

// where accumulates AND-ed conditions with numbered placeholders.
type where struct {
	conds []string
	args  []any
}

// add appends cond, where each "?" becomes the placeholder of the next
// value in vals.
func (w *where) add(cond string, vals ...any) {
	var b strings.Builder
	vi := 0
	for _, r := range cond {
		if r == '?' && vi < len(vals) {
			w.args = append(w.args, vals[vi])
			vi++
			fmt.Fprintf(&b, "$%d", len(w.args))
			continue
		}
		b.WriteRune(r)
	}
	w.conds = append(w.conds, b.String())
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// next returns the placeholder for one more argument.
func (w *where) next(v any) string {
	w.args = append(w.args, v)
	return fmt.Sprintf("$%d", len(w.args))
}
