package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// Factory returns a fresh, empty store; it registers its own cleanup.
type Factory func(t *testing.T) store.Store

// Run runs the conformance suite against stores made by newStore.
func Run(t *testing.T, newStore Factory) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"an article is stored and placed in its story", testArticleAndStory},
		{"redelivered messages change nothing", testRedelivery},
		{"a newer revision replaces the text and an older one does not", testRevision},
		{"the same claim from another outlet gains a mention and spreads", testMergeAndSpread},
		{"figures whose intervals do not overlap conflict", testConflicts},
		{"a claim batch may arrive before its article", testBatchBeforeArticle},
		{"duplicates are folded under their original", testDuplicates},
		{"a copy joins its original's story whatever story it was given", testCopyFollowsOriginal},
		{"claims are filtered and searched", testClaimFilters},
		{"cursor pagination visits every row once", testPagination},
		{"unknown ids and bad cursors are reported", testErrors},
		{"invalid messages are rejected as invalid", testInvalid},
		{"the outbox is drained, marked and pruned", testOutbox},
		{"alerts are recorded and updated", testAlerts},
		{"concurrent writers each get their own result", testConcurrentWrites},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, newStore(t))
		})
	}
}

func ctxT(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func apply(t *testing.T, s store.Store, b *model.ClaimBatch) store.ApplyResult {
	t.Helper()
	r, err := s.ApplyClaims(ctxT(t), b)
	must(t, err)
	return r
}

func counts(t *testing.T, s store.Store) store.Counts {
	t.Helper()
	c, err := s.Counts(ctxT(t))
	must(t, err)
	return c
}

// events returns the pending outbox events decoded, by type.
func events(t *testing.T, s store.Store) map[string][]model.Event {
	t.Helper()
	pend, err := s.PendingEvents(ctxT(t), store.MaxLimit)
	must(t, err)
	out := map[string][]model.Event{}
	for _, p := range pend {
		var ev model.Event
		must(t, model.Decode(p.Payload, &ev))
		if ev.Key != p.Key {
			t.Errorf("outbox row key %q, payload key %q", p.Key, ev.Key)
		}
		want := map[string]string{model.EventClaimNew: bus.SubjectEventClaimNew,
			model.EventClaimConflict: bus.SubjectEventConflict, model.EventClaimSpread: bus.SubjectEventSpread}[ev.Type]
		if p.Subject != want {
			t.Errorf("event %s on subject %q, want %q", ev.Key, p.Subject, want)
		}
		out[ev.Type] = append(out[ev.Type], ev)
	}
	return out
}

func testArticleAndStory(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	a1, a2 := Article(1, "story-1", "a.example"), Article(2, "story-1", "b.example")
	must(t, s.ApplyUnique(ctx, a2))
	must(t, s.ApplyUnique(ctx, a1))
	got, err := s.GetArticle(ctx, a1.Article.ID)
	must(t, err)
	if got.Text != a1.Article.Text || got.Title != a1.Article.Title || got.StoryID != "story-1" || got.Stub {
		t.Errorf("GetArticle = %+v, want the stored article in story-1", got)
	}
	if !got.Published.Equal(a1.Article.Published) || got.Outlet != "a.example" {
		t.Errorf("published %v outlet %q, want %v a.example", got.Published, got.Outlet, a1.Article.Published)
	}
	st, err := s.GetStory(ctx, "story-1")
	must(t, err)
	// The story is titled after its earliest article, whatever the
	// arrival order, and spans both.
	if st.Title != a1.Article.Title || st.ArticleCount != 2 || len(st.Articles) != 2 {
		t.Errorf("story = %q with %d/%d articles, want %q with 2", st.Title, st.ArticleCount, len(st.Articles), a1.Article.Title)
	}
	if !st.FirstSeen.Equal(a1.Article.Published) || !st.LastSeen.Equal(a2.Article.Published) {
		t.Errorf("story span %v..%v, want %v..%v", st.FirstSeen, st.LastSeen, a1.Article.Published, a2.Article.Published)
	}
	page, err := s.ListStories(ctx, "", 10)
	must(t, err)
	if len(page.Stories) != 1 || page.Stories[0].ID != "story-1" || page.Next != "" {
		t.Errorf("ListStories = %+v, want story-1 only", page)
	}
	feeds, err := s.ListFeeds(ctx)
	must(t, err)
	if len(feeds) != 2 || feeds[0].Articles != 1 || feeds[0].URL != a1.Article.FeedURL {
		t.Errorf("ListFeeds = %+v, want two feeds with one article each", feeds)
	}
	must(t, s.Ping(ctx))
}

func testRedelivery(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	a1, a2 := Article(1, "s", "a.example"), Article(2, "s", "b.example")
	dup := &model.DuplicateArticle{V: 1, Article: Article(3, "", "c.example").Article, DuplicateOf: a1.Article.ID, Similarity: 0.93}
	b1 := Batch(a1, Quote("q1", "Vladimir Putin", "this is our business"), Figure("f1", "North Korea", 3000, "troops", "approximately", F(2700), F(3300)))
	b2 := Batch(a2, Quote("q1", "Vladimir Putin", "this is our business"), Figure("f2", "North Korea", 12000, "troops", "nearly", F(10800), F(12000)))
	once := func() []store.ApplyResult {
		must(t, s.ApplyUnique(ctx, a1))
		must(t, s.ApplyUnique(ctx, a2))
		must(t, s.ApplyDuplicate(ctx, dup))
		return []store.ApplyResult{apply(t, s, b1), apply(t, s, b2)}
	}
	first := once()
	c1, ev1 := counts(t, s), events(t, s)
	if first[0].NewClaims != 2 || first[1].NewClaims != 1 || first[1].NewConflicts != 1 {
		t.Fatalf("first delivery results %+v, want 2 then 1 new claims and 1 conflict", first)
	}
	again := once()
	if diff := cmp.Diff([]store.ApplyResult{{}, {}}, again); diff != "" {
		t.Errorf("redelivery results (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(c1, counts(t, s)); diff != "" {
		t.Errorf("counts changed on redelivery (-before +after):\n%s", diff)
	}
	ev2 := events(t, s)
	for typ := range ev1 {
		if len(ev1[typ]) != len(ev2[typ]) {
			t.Errorf("%s events: %d before redelivery, %d after", typ, len(ev1[typ]), len(ev2[typ]))
		}
	}
}

func testRevision(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	a := Article(1, "s", "a.example")
	must(t, s.ApplyUnique(ctx, a))
	newer := *a
	newer.Article.Revision = 1
	newer.Article.Text = "corrected text"
	must(t, s.ApplyUnique(ctx, &newer))
	must(t, s.ApplyUnique(ctx, a)) // late redelivery of revision 0
	got, err := s.GetArticle(ctx, a.Article.ID)
	must(t, err)
	if got.Text != "corrected text" || got.Revision != 1 {
		t.Errorf("article text %q revision %d, want the correction at revision 1", got.Text, got.Revision)
	}
}

func testMergeAndSpread(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	a1, a2, a3 := Article(1, "s", "a.example"), Article(2, "s", "b.example"), Article(3, "s", "b.example")
	for _, a := range []*model.UniqueArticle{a1, a2, a3} {
		must(t, s.ApplyUnique(ctx, a))
	}
	q := Quote("q1", "Vladimir Putin", "this is our business", "Vladimir Putin")
	apply(t, s, Batch(a1, q))
	r2 := apply(t, s, Batch(a2, q))
	r3 := apply(t, s, Batch(a3, q)) // same outlet as a2: no new spread
	if r2.NewClaims != 0 || r2.NewMentions != 1 || r3.NewMentions != 1 {
		t.Errorf("merge results %+v %+v, want one new mention each and no new claim", r2, r3)
	}
	c, err := s.GetClaim(ctx, "q1")
	must(t, err)
	if len(c.Mentions) != 3 || c.Outlets != 2 || len(c.Articles) != 3 {
		t.Errorf("claim has %d mentions, %d outlets, %d articles; want 3, 2, 3", len(c.Mentions), c.Outlets, len(c.Articles))
	}
	if c.Speaker != "Vladimir Putin" || c.Content != "this is our business" {
		t.Errorf("claim = %+v, want Putin's quote", c.Claim)
	}
	ev := events(t, s)
	if len(ev[model.EventClaimNew]) != 1 || len(ev[model.EventClaimSpread]) != 1 {
		t.Fatalf("events %v, want one claim.new and one claim.spread", eventKeys(ev))
	}
	if sp := ev[model.EventClaimSpread][0]; sp.Outlets != 2 || sp.Claim == nil || sp.Claim.ID != "q1" {
		t.Errorf("spread event = %+v, want q1 at 2 outlets", sp)
	}
}

func eventKeys(ev map[string][]model.Event) []string {
	var keys []string
	for _, es := range ev {
		for _, e := range es {
			keys = append(keys, e.Key)
		}
	}
	slices.Sort(keys)
	return keys
}

func testConflicts(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	arts := []*model.UniqueArticle{Article(1, "s", "a.example"), Article(2, "s", "b.example"), Article(3, "s", "c.example")}
	figs := []model.Claim{
		Figure("fa", "North Korea", 3000, "troops", "approximately", F(2700), F(3300)),
		Figure("fb", "north  korea", 12000, "soldiers", "nearly", F(10800), F(12000)),
		Figure("fc", "the North Korea", 3100, "troops", "about", F(2790), F(3410)),
		Figure("fd", "South Korea", 50, "troops", "", F(50), F(50)),
	}
	for i, a := range arts {
		must(t, s.ApplyUnique(ctx, a))
		apply(t, s, Batch(a, figs[i]))
	}
	apply(t, s, Batch(arts[0], figs[3]))
	page, err := s.ListConflicts(ctx, "", 10)
	must(t, err)
	var pairs []string
	for _, c := range page.Conflicts {
		p := []string{c.A.ID, c.B.ID}
		slices.Sort(p)
		pairs = append(pairs, p[0]+"-"+p[1])
		if c.ArticleA.ID == "" || c.ArticleB.ID == "" || c.A.Quantity == nil || c.B.Quantity == nil {
			t.Errorf("conflict %s lacks its articles or figures: %+v", c.ID, c)
		}
		if len(c.A.Mentions) == 0 || len(c.B.Mentions) == 0 {
			t.Errorf("conflict %s claims have no mentions", c.ID)
		}
	}
	slices.Sort(pairs)
	if diff := cmp.Diff([]string{"fa-fb", "fb-fc"}, pairs); diff != "" {
		t.Errorf("conflicting pairs (-want +got):\n%s", diff)
	}
	ev := events(t, s)[model.EventClaimConflict]
	if len(ev) != 2 || ev[0].Conflict == nil || ev[0].Conflict.ArticleB.ID == "" {
		t.Errorf("conflict events = %+v, want two with articles", ev)
	}
	st, err := s.GetStory(ctx, "s")
	must(t, err)
	if len(st.Conflicts) != 2 || st.ClaimCount != 4 {
		t.Errorf("story has %d conflicts and %d claims, want 2 and 4", len(st.Conflicts), st.ClaimCount)
	}
	d, err := s.GetClaim(ctx, "fb")
	must(t, err)
	if len(d.Conflicts) != 2 {
		t.Errorf("claim fb takes part in %d conflicts, want 2", len(d.Conflicts))
	}
}

func testBatchBeforeArticle(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	a := Article(1, "s", "a.example")
	r := apply(t, s, Batch(a, Quote("q1", "Kim Jong Un", "we stand with Russia")))
	if r.NewClaims != 1 {
		t.Fatalf("early batch stored %d claims, want 1", r.NewClaims)
	}
	if c := counts(t, s); c.Articles != 0 {
		t.Errorf("a stub counts as %d stored articles, want 0", c.Articles)
	}
	stub, err := s.GetArticle(ctx, a.Article.ID)
	must(t, err)
	if !stub.Stub || stub.Title != a.Article.Title {
		t.Errorf("stub = %+v, want a stub titled from the batch", stub.ArticleSummary)
	}
	must(t, s.ApplyUnique(ctx, a))
	full, err := s.GetArticle(ctx, a.Article.ID)
	must(t, err)
	if full.Stub || full.Text != a.Article.Text || len(full.Claims) != 1 {
		t.Errorf("article after ApplyUnique: stub=%v text=%q claims=%d", full.Stub, full.Text, len(full.Claims))
	}
	st, err := s.GetStory(ctx, "s")
	must(t, err)
	if st.ClaimCount != 1 || len(st.Claims) != 1 {
		t.Errorf("story claims %d/%d, want 1", st.ClaimCount, len(st.Claims))
	}
}

func testDuplicates(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	orig := Article(1, "s", "a.example")
	copy1 := Article(2, "", "b.example")
	early := Article(3, "", "c.example")
	other := Article(4, "s", "d.example")
	// A copy may arrive before its original.
	must(t, s.ApplyDuplicate(ctx, &model.DuplicateArticle{V: 1, Article: early.Article, DuplicateOf: orig.Article.ID, Similarity: 0.9}))
	must(t, s.ApplyUnique(ctx, orig))
	must(t, s.ApplyUnique(ctx, other))
	must(t, s.ApplyDuplicate(ctx, &model.DuplicateArticle{V: 1, Article: copy1.Article, DuplicateOf: orig.Article.ID, Similarity: 1, Exact: true}))
	st, err := s.GetStory(ctx, "s")
	must(t, err)
	var top []string
	var dups []string
	for _, a := range st.Articles {
		top = append(top, a.ID)
		for _, d := range a.Duplicates {
			dups = append(dups, d.ID)
		}
	}
	slices.Sort(dups)
	if diff := cmp.Diff([]string{orig.Article.ID, other.Article.ID}, top); diff != "" {
		t.Errorf("story articles (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{copy1.Article.ID, early.Article.ID}, dups); diff != "" {
		t.Errorf("folded duplicates (-want +got):\n%s", diff)
	}
	if st.ArticleCount != 2 {
		t.Errorf("article_count %d, want 2 (duplicates folded)", st.ArticleCount)
	}
	a, err := s.GetArticle(ctx, copy1.Article.ID)
	must(t, err)
	if a.DuplicateOf != orig.Article.ID || a.Similarity != 1 || a.StoryID != "s" {
		t.Errorf("copy = dup_of %q sim %v story %q", a.DuplicateOf, a.Similarity, a.StoryID)
	}
	if c := counts(t, s); c.Duplicates != 2 || c.Articles != 4 {
		t.Errorf("counts %+v, want 2 duplicates of 4 articles", c)
	}
}

// testCopyFollowsOriginal: dedup replicas may name different stories for
// an original and its copy; the store keeps the copy with its original.
func testCopyFollowsOriginal(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	orig := Article(1, "s-orig", "a.example")
	early := Article(2, "", "b.example")
	late := Article(3, "", "c.example")
	// The early copy arrives first under a story of its own.
	must(t, s.ApplyDuplicate(ctx, &model.DuplicateArticle{V: 1, Article: early.Article, DuplicateOf: orig.Article.ID, StoryID: "s-early", Similarity: 0.9}))
	must(t, s.ApplyUnique(ctx, orig))
	// The late copy arrives after its original, naming another story.
	must(t, s.ApplyDuplicate(ctx, &model.DuplicateArticle{V: 1, Article: late.Article, DuplicateOf: orig.Article.ID, StoryID: "s-late", Similarity: 0.9}))
	for _, id := range []string{early.Article.ID, late.Article.ID} {
		a, err := s.GetArticle(ctx, id)
		must(t, err)
		if a.StoryID != "s-orig" {
			t.Errorf("copy %s is in story %q, want its original's s-orig", id, a.StoryID)
		}
	}
	for _, id := range []string{"s-early", "s-late"} {
		if _, err := s.GetStory(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("story %s: err = %v, want it gone (no articles left in it)", id, err)
		}
	}
	if c := counts(t, s); c.Stories != 1 {
		t.Errorf("%d stories, want 1", c.Stories)
	}
}

func testInvalid(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	a := Article(1, "s", "a.example")
	cases := map[string]error{
		"unique without id":   s.ApplyUnique(ctx, &model.UniqueArticle{V: 1}),
		"duplicate of itself": s.ApplyDuplicate(ctx, &model.DuplicateArticle{V: 1, Article: a.Article, DuplicateOf: a.Article.ID}),
		"batch without article": func() error {
			_, err := s.ApplyClaims(ctx, &model.ClaimBatch{V: 1})
			return err
		}(),
		"claim without id": func() error {
			_, err := s.ApplyClaims(ctx, Batch(a, model.Claim{Kind: model.KindQuote}))
			return err
		}(),
		"alert without id": s.RecordAlert(ctx, &model.AlertRecord{}),
	}
	for name, err := range cases {
		if !errors.Is(err, store.ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
	if c := counts(t, s); c != (store.Counts{}) {
		t.Errorf("invalid messages left rows: %+v", c)
	}
}
