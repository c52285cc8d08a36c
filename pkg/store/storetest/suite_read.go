package storetest

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// Read-side tests: filters, search, pagination, errors.

func claimIDs(p store.ClaimPage) []string {
	var ids []string
	for _, c := range p.Claims {
		ids = append(ids, c.ID)
	}
	slices.Sort(ids)
	return ids
}

func testClaimFilters(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	a1, a2 := Article(1, "s1", "a.example"), Article(2, "s2", "b.example")
	must(t, s.ApplyUnique(ctx, a1))
	must(t, s.ApplyUnique(ctx, a2))
	apply(t, s, Batch(a1,
		Quote("q-putin", "Vladimir Putin", "this is our business whether we deploy troops", "Vladimir Putin", "North Korea"),
		Quote("q-zel", "Volodymyr Zelensky", "the world must respond to escalation", "Ukraine"),
	))
	cut := time.Now()
	time.Sleep(5 * time.Millisecond)
	apply(t, s, Batch(a2,
		Figure("f-nk", "North Korea", 3000, "troops", "", F(3000), F(3000)),
		Quote("q-yoon", "Yoon Suk Yeol", "we will not stand idly by", "South Korea"),
		Quote("q-lavrov", "Lavrov", "the talks are over", "Russia"),
	))
	cases := []struct {
		name string
		f    store.ClaimFilter
		want []string
	}{
		{"no filter lists all", store.ClaimFilter{}, []string{"f-nk", "q-lavrov", "q-putin", "q-yoon", "q-zel"}},
		{"full text finds words in any order", store.ClaimFilter{Q: "business Putin"}, []string{"q-putin"}},
		{"full text ignores operators and punctuation", store.ClaimFilter{Q: `("escalation*" -`}, []string{"q-zel"}},
		{"full text with only punctuation finds nothing", store.ClaimFilter{Q: `"*"`}, nil},
		{"speaker by full name, any case", store.ClaimFilter{Speaker: "vladimir PUTIN"}, []string{"q-putin"}},
		{"speaker by surname", store.ClaimFilter{Speaker: "Putin"}, []string{"q-putin"}},
		{"speaker part of a word does not match", store.ClaimFilter{Speaker: "tin"}, nil},
		{"speaker by last words", store.ClaimFilter{Speaker: "suk  YEOL"}, []string{"q-yoon"}},
		{"speaker by first name alone does not match", store.ClaimFilter{Speaker: "Vladimir"}, nil},
		{"speaker known by one name", store.ClaimFilter{Speaker: "lavrov"}, []string{"q-lavrov"}},
		{"speaker by more words than the name has does not match", store.ClaimFilter{Speaker: "sergei lavrov"}, nil},
		{"entity", store.ClaimFilter{Entity: "north korea"}, []string{"q-putin"}},
		{"kind", store.ClaimFilter{Kind: model.KindQuantity}, []string{"f-nk"}},
		{"since", store.ClaimFilter{Since: cut}, []string{"f-nk", "q-lavrov", "q-yoon"}},
		{"story", store.ClaimFilter{StoryID: "s1"}, []string{"q-putin", "q-zel"}},
		{"filters combine", store.ClaimFilter{Kind: model.KindQuote, StoryID: "s2"}, []string{"q-lavrov", "q-yoon"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := s.ListClaims(ctx, tc.f, "", 50)
			must(t, err)
			if diff := cmp.Diff(tc.want, claimIDs(p)); diff != "" {
				t.Errorf("claims (-want +got):\n%s", diff)
			}
			for _, c := range p.Claims {
				if len(c.Mentions) != 1 || c.FirstSeen.IsZero() {
					t.Errorf("claim %s: %d mentions, first seen %v", c.ID, len(c.Mentions), c.FirstSeen)
				}
			}
		})
	}
}

func testPagination(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	const n = 23
	var want []string
	for i := range n {
		a := Article(i, fmt.Sprintf("story-%02d", i%7), "a.example")
		must(t, s.ApplyUnique(ctx, a))
		id := fmt.Sprintf("c%02d", i)
		apply(t, s, Batch(a, Quote(id, "Speaker", fmt.Sprintf("words number %d", i))))
		want = append(want, id)
		must(t, s.RecordAlert(ctx, &model.AlertRecord{ID: "al" + id, Rule: "r", State: model.AlertPending, Created: base.Add(time.Duration(i%3) * time.Second)}))
	}
	var got []string
	cursor := ""
	for pages := 0; ; pages++ {
		if pages > n {
			t.Fatal("pagination does not end")
		}
		p, err := s.ListClaims(ctx, store.ClaimFilter{}, cursor, 5)
		must(t, err)
		if len(p.Claims) > 5 {
			t.Fatalf("page of %d claims, limit 5", len(p.Claims))
		}
		got = append(got, claimIDs(p)...)
		if p.Next == "" {
			break
		}
		cursor = p.Next
	}
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("claims over all pages (-want +got):\n%s", diff)
	}
	collect := func(list func(cursor string) (ids []string, next string, err error)) []string {
		var ids []string
		cursor := ""
		for range n + 1 {
			page, next, err := list(cursor)
			must(t, err)
			ids = append(ids, page...)
			if next == "" {
				return ids
			}
			cursor = next
		}
		t.Fatal("pagination does not end")
		return nil
	}
	stories := collect(func(c string) ([]string, string, error) {
		p, err := s.ListStories(ctx, c, 3)
		var ids []string
		for _, st := range p.Stories {
			ids = append(ids, st.ID)
		}
		return ids, p.Next, err
	})
	if len(stories) != 7 || len(unique(stories)) != 7 {
		t.Errorf("stories over pages = %v, want 7 distinct", stories)
	}
	alerts := collect(func(c string) ([]string, string, error) {
		p, err := s.ListAlerts(ctx, c, 4)
		var ids []string
		for _, a := range p.Alerts {
			ids = append(ids, a.ID)
		}
		return ids, p.Next, err
	})
	if len(alerts) != n || len(unique(alerts)) != n {
		t.Errorf("alerts over pages: %d (%d distinct), want %d", len(alerts), len(unique(alerts)), n)
	}
	arts := collect(func(c string) ([]string, string, error) {
		p, err := s.ListArticles(ctx, c, 6)
		var ids []string
		for _, a := range p.Articles {
			ids = append(ids, a.ID)
		}
		return ids, p.Next, err
	})
	if len(arts) != n || len(unique(arts)) != n {
		t.Errorf("articles over pages: %d (%d distinct), want %d", len(arts), len(unique(arts)), n)
	}
}

func unique(ss []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range ss {
		m[s] = true
	}
	return m
}

func testErrors(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	if _, err := s.GetStory(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GetStory(unknown) = %v, want ErrNotFound", err)
	}
	if _, err := s.GetClaim(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GetClaim(unknown) = %v, want ErrNotFound", err)
	}
	if _, err := s.GetArticle(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("GetArticle(unknown) = %v, want ErrNotFound", err)
	}
	for _, bad := range []string{"%%%", "bm9wZQ", "c3Rvcmllc3x4fHk"} {
		if _, err := s.ListClaims(ctx, store.ClaimFilter{}, bad, 10); !errors.Is(err, store.ErrBadCursor) {
			t.Errorf("ListClaims(cursor %q) = %v, want ErrBadCursor", bad, err)
		}
	}
	// A cursor of one listing is not accepted by another.
	a := Article(1, "s", "a.example")
	must(t, s.ApplyUnique(ctx, a))
	must(t, s.ApplyUnique(ctx, Article(2, "s2", "a.example")))
	p, err := s.ListStories(ctx, "", 1)
	must(t, err)
	if p.Next == "" {
		t.Fatal("two stories with limit 1 gave no next cursor")
	}
	if _, err := s.ListConflicts(ctx, p.Next, 1); !errors.Is(err, store.ErrBadCursor) {
		t.Errorf("ListConflicts(stories cursor) = %v, want ErrBadCursor", err)
	}
}
