package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// maxStoryClaims bounds the claims (and the conflicts) GetStory returns;
// a story page with more is not readable anyway, and ListClaims with
// StoryID pages through all of them.
const maxStoryClaims = 1000

// Article counts fold duplicates: a story's article_count is its unique,
// fully stored articles.
const storyCols = `s.id, s.title, s.first_seen, s.last_seen,
	(SELECT count(*) FROM articles a WHERE a.story_id = s.id AND a.stub = 0 AND a.duplicate_of = ''),
	(SELECT count(DISTINCT m.claim_id) FROM claim_mentions m JOIN articles a ON a.id = m.article_id WHERE a.story_id = s.id)`

func scanStory(r row) (StorySummary, error) {
	var s StorySummary
	var first, last int64
	if err := r.Scan(&s.ID, &s.Title, &first, &last, &s.ArticleCount, &s.ClaimCount); err != nil {
		return s, err
	}
	s.FirstSeen = fromMicros(first)
	s.LastSeen = fromMicros(last)
	return s, nil
}

// ListStories implements Reader.
func (c *core) ListStories(ctx context.Context, cursor string, limit int) (StoryPage, error) {
	q, err := c.reader()
	if err != nil {
		return StoryPage{}, err
	}
	cur, err := decodeCursor("stories", cursor)
	if err != nil {
		return StoryPage{}, err
	}
	limit = clampLimit(limit)
	var w where
	order := w.keyset(cur, "s.last_seen", "s.id", limit)
	rs, err := q.query(ctx, `SELECT `+storyCols+` FROM stories s`+w.sql()+order, w.args...)
	if err != nil {
		return StoryPage{}, fmt.Errorf("list stories: %w", err)
	}
	defer rs.Close()
	page := StoryPage{Stories: []StorySummary{}}
	for rs.Next() {
		s, err := scanStory(rs)
		if err != nil {
			return StoryPage{}, fmt.Errorf("list stories: %w", err)
		}
		page.Stories = append(page.Stories, s)
	}
	if err := rs.Err(); err != nil {
		return StoryPage{}, fmt.Errorf("list stories: %w", err)
	}
	page.Stories, page.Next = cut("stories", page.Stories, limit, func(s StorySummary) (time.Time, string) { return s.LastSeen, s.ID })
	return page, nil
}

// GetStory implements Reader.
func (c *core) GetStory(ctx context.Context, id string) (*Story, error) {
	q, err := c.reader()
	if err != nil {
		return nil, err
	}
	sum, err := scanStory(q.queryRow(ctx, `SELECT `+storyCols+` FROM stories s WHERE s.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("story %s: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("get story %s: %w", id, err)
	}
	st := &Story{StorySummary: sum}
	arts, err := queryArticles(ctx, q, `SELECT `+articleCols+` FROM articles a
		WHERE a.story_id = $1 AND a.stub = 0 ORDER BY a.published, a.id`, id)
	if err != nil {
		return nil, fmt.Errorf("articles of story %s: %w", id, err)
	}
	st.Articles = foldDuplicates(arts)
	// MATERIALIZED makes both planners start from the story's few
	// mentions instead of walking every claim in first_seen order.
	st.Claims, err = queryClaims(ctx, q, `WITH ids AS MATERIALIZED (
			SELECT DISTINCT m.claim_id FROM claim_mentions m JOIN articles a ON a.id = m.article_id WHERE a.story_id = $1)
		SELECT `+claimCols+` FROM ids JOIN claims c ON c.id = ids.claim_id
		ORDER BY c.first_seen, c.id LIMIT $2`, id, maxStoryClaims)
	if err != nil {
		return nil, fmt.Errorf("claims of story %s: %w", id, err)
	}
	st.Conflicts, err = queryConflicts(ctx, q, `WITH arts AS MATERIALIZED (SELECT id FROM articles WHERE story_id = $1)
		SELECT `+conflictCols+` FROM arts JOIN conflicts k ON k.article_a = arts.id
		UNION
		SELECT `+conflictCols+` FROM arts JOIN conflicts k ON k.article_b = arts.id
		ORDER BY 8 DESC, 1 DESC LIMIT $2`, id, maxStoryClaims)
	if err != nil {
		return nil, fmt.Errorf("conflicts of story %s: %w", id, err)
	}
	if st.Claims == nil {
		st.Claims = []Claim{}
	}
	if st.Conflicts == nil {
		st.Conflicts = []Conflict{}
	}
	return st, nil
}

// foldDuplicates nests each copy under its original when the original is
// in the list; a copy whose original is elsewhere stays at the top level.
func foldDuplicates(arts []ArticleSummary) []ArticleSummary {
	top := make([]ArticleSummary, 0, len(arts))
	pos := map[string]int{}
	for _, a := range arts {
		if a.DuplicateOf == "" {
			pos[a.ID] = len(top)
			top = append(top, a)
		}
	}
	for _, a := range arts {
		if a.DuplicateOf == "" {
			continue
		}
		if i, ok := pos[a.DuplicateOf]; ok {
			top[i].Duplicates = append(top[i].Duplicates, a)
			continue
		}
		top = append(top, a)
	}
	return top
}
