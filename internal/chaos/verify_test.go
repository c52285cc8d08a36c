package chaos

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/claims"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// dbArticle is one row of the articles table.
type dbArticle struct {
	ID, URL, Title, Text, Story, DupOf string
	Published                          int64
	Stub                               bool
}

// dbState is what the database holds at the end of a run.
type dbState struct {
	articles   []dbArticle
	duplicates map[string]string // article id -> duplicate_of
	stories    map[string]bool
	claims     map[string]bool
	mentions   map[string]bool // claim|article|sentence|start
	conflicts  map[string]bool
	outbox     int
}

func readDB(ctx context.Context, dsn string) (*dbState, error) {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())
	s := &dbState{duplicates: map[string]string{}, stories: map[string]bool{}, claims: map[string]bool{},
		mentions: map[string]bool{}, conflicts: map[string]bool{}}
	rows, err := conn.Query(ctx, `SELECT id, url, title, text, story_id, duplicate_of, published, stub FROM articles`)
	if err != nil {
		return nil, fmt.Errorf("articles: %w", err)
	}
	for rows.Next() {
		var a dbArticle
		var stub int
		if err := rows.Scan(&a.ID, &a.URL, &a.Title, &a.Text, &a.Story, &a.DupOf, &a.Published, &stub); err != nil {
			return nil, err
		}
		a.Stub = stub != 0
		s.articles = append(s.articles, a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	set := func(q string, fn func(r pgx.Rows) error) error {
		rows, err := conn.Query(ctx, q)
		if err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
		for rows.Next() {
			if err := fn(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	if err := set(`SELECT article_id, duplicate_of FROM duplicates`, func(r pgx.Rows) error {
		var a, b string
		err := r.Scan(&a, &b)
		s.duplicates[a] = b
		return err
	}); err != nil {
		return nil, err
	}
	one := func(q string, m map[string]bool) error {
		return set(q, func(r pgx.Rows) error {
			var v string
			err := r.Scan(&v)
			m[v] = true
			return err
		})
	}
	if err := one(`SELECT id FROM stories`, s.stories); err != nil {
		return nil, err
	}
	if err := one(`SELECT id FROM claims`, s.claims); err != nil {
		return nil, err
	}
	if err := one(`SELECT id FROM conflicts`, s.conflicts); err != nil {
		return nil, err
	}
	if err := one(`SELECT claim_id || '|' || article_id || '|' || sentence || '|' || start_off FROM claim_mentions`, s.mentions); err != nil {
		return nil, err
	}
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM outbox WHERE sent = 0`).Scan(&s.outbox); err != nil {
		return nil, err
	}
	return s, nil
}

// diffSets returns a short description of how got differs from want.
func diffSets(want, got map[string]bool) string {
	var missing, extra []string
	for k := range want {
		if !got[k] {
			missing = append(missing, k)
		}
	}
	for k := range got {
		if !want[k] {
			extra = append(extra, k)
		}
	}
	if len(missing)+len(extra) == 0 {
		return ""
	}
	sort.Strings(missing)
	sort.Strings(extra)
	return fmt.Sprintf("%d missing (e.g. %v), %d unexpected (e.g. %v)", len(missing), first(missing, 3), len(extra), first(extra, 3))
}

func first(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// findings collects failures of one kind and reports them as one error
// with a count and a few examples, so a systematic fault does not print
// thousands of lines.
type findings struct {
	what string
	n    int
	ex   []string
}

func (f *findings) add(format string, args ...any) {
	f.n++
	if len(f.ex) < 5 {
		f.ex = append(f.ex, fmt.Sprintf(format, args...))
	}
}

func (f *findings) report(t *testing.T) {
	t.Helper()
	if f.n > 0 {
		t.Errorf("%s: %d cases, e.g.\n  %s", f.what, f.n, strings.Join(f.ex, "\n  "))
	}
}

// verifyArticles checks that every published doc is stored once, that the
// duplicate links reproduce the expected partition, and that stories are
// consistent.
func verifyArticles(t *testing.T, st *dbState, docs []doc, groups map[string]string) {
	t.Helper()
	stubs := &findings{what: "articles still stubs (their claims arrived, the article never did)"}
	doubled := &findings{what: "articles stored more than once under different ids"}
	links := &findings{what: "broken duplicate links"}
	noStory := &findings{what: "articles in a story that does not exist"}
	split := &findings{what: "copies not in their original's story"}
	empty := &findings{what: "stories without articles"}
	byID := map[string]dbArticle{}
	urls := map[string]int{}
	for _, a := range st.articles {
		byID[a.ID] = a
		urls[a.URL]++
		if a.Stub {
			stubs.add("%s (%s)", a.ID, a.URL)
		}
	}
	want := map[string]bool{}
	for _, d := range docs {
		want[d.URL] = true
	}
	got := map[string]bool{}
	for u, n := range urls {
		got[u] = true
		if n > 1 {
			doubled.add("%s stored %d times", u, n)
		}
	}
	if d := diffSets(want, got); d != "" {
		t.Errorf("stored articles differ from the published ones: %s", d)
	}
	// Partition: each row's group is its root and the rows pointing at it.
	members := map[string][]string{}
	for _, a := range st.articles {
		root := a.ID
		if a.DupOf != "" {
			root = a.DupOf
			if _, ok := byID[root]; !ok {
				links.add("%s is a duplicate of %s, which is not stored", a.URL, root)
			}
			if st.duplicates[a.ID] != a.DupOf {
				links.add("%s: articles.duplicate_of %s but duplicates row says %q", a.URL, a.DupOf, st.duplicates[a.ID])
			}
		}
		members[root] = append(members[root], a.URL)
	}
	gotGroups := map[string]bool{}
	for _, m := range members {
		slices.Sort(m)
		gotGroups[strings.Join(m, " ")] = true
	}
	wantGroups := map[string]bool{}
	for _, g := range groups {
		wantGroups[g] = true
	}
	if d := diffSets(wantGroups, gotGroups); d != "" {
		t.Errorf("duplicate groups differ from the offline run: %s", d)
	}
	var dupRows int
	for _, a := range st.articles {
		if a.DupOf != "" {
			dupRows++
		}
	}
	if len(st.duplicates) != dupRows {
		t.Errorf("%d duplicate rows for %d articles marked as copies", len(st.duplicates), dupRows)
	}
	// Stories: every article in one that exists; no empty story; a copy
	// sits in its original's story.
	used := map[string]bool{}
	for _, a := range st.articles {
		if a.Story == "" || !st.stories[a.Story] {
			noStory.add("%s has story %q", a.URL, a.Story)
			continue
		}
		used[a.Story] = true
		if a.DupOf != "" {
			if root, ok := byID[a.DupOf]; ok && root.Story != a.Story {
				split.add("copy %s in %s, original %s in %s", a.URL, a.Story, root.URL, root.Story)
			}
		}
	}
	for s := range st.stories {
		if !used[s] {
			empty.add("%s", s)
		}
	}
	for _, f := range []*findings{stubs, doubled, links, noStory, split, empty} {
		f.report(t)
	}
}

// verifyClaims re-extracts every stored unique article with the offline
// code path and checks the database holds exactly those claims and
// mentions.
func verifyClaims(t *testing.T, st *dbState) {
	t.Helper()
	ex := claims.NewRules(0)
	wantClaims, wantMentions := map[string]bool{}, map[string]bool{}
	for _, a := range st.articles {
		if a.DupOf != "" || a.Stub {
			continue
		}
		pub := time.UnixMicro(a.Published).UTC()
		if a.Published == 0 {
			pub = time.Time{}
		}
		cs, err := ex.Extract(t.Context(), claims.Input{ArticleID: a.ID, Title: a.Title, Text: a.Text, Published: pub})
		if err != nil {
			t.Errorf("re-extract %s: %v", a.ID, err)
			continue
		}
		for _, c := range cs {
			wantClaims[c.ID] = true
			for _, m := range c.Mentions {
				wantMentions[fmt.Sprintf("%s|%s|%d|%d", c.ID, m.ArticleID, m.Sentence, m.Start)] = true
			}
		}
	}
	if len(wantClaims) == 0 {
		t.Error("the stored articles hold no claims at all: the comparison proves nothing")
	}
	if d := diffSets(wantClaims, st.claims); d != "" {
		t.Errorf("claims differ from the offline extraction: %s", d)
	}
	if d := diffSets(wantMentions, st.mentions); d != "" {
		t.Errorf("claim mentions differ from the offline extraction: %s", d)
	}
	t.Logf("claims: %d, mentions: %d, conflicts: %d", len(st.claims), len(st.mentions), len(st.conflicts))
}

// streamMessages returns every message of a stream.
func streamMessages(ctx context.Context, conn *bus.Conn, name string) ([]*jetstream.RawStreamMsg, error) {
	stream, err := conn.JetStream().Stream(ctx, conn.Names().Stream(name))
	if err != nil {
		return nil, err
	}
	info, err := stream.Info(ctx)
	if err != nil {
		return nil, err
	}
	var out []*jetstream.RawStreamMsg
	if info.State.Msgs == 0 {
		return nil, nil
	}
	for seq := info.State.FirstSeq; seq <= info.State.LastSeq; seq++ {
		m, err := stream.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("%s seq %d: %w", name, seq, err)
		}
		out = append(out, m)
	}
	return out, nil
}

// verifyEvents checks the events stream: one claim.new per stored claim,
// one claim.conflict per stored conflict, no event key twice.
func verifyEvents(t *testing.T, conn *bus.Conn, st *dbState) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	msgs, err := streamMessages(ctx, conn, bus.StreamEvents)
	if err != nil {
		t.Fatalf("read events: %v", err)
	}
	keys := map[string]int{}
	newClaims, conflicts := map[string]bool{}, map[string]bool{}
	for _, m := range msgs {
		var e model.Event
		if err := model.Decode(m.Data, &e); err != nil {
			t.Errorf("event seq %d does not decode: %v", m.Sequence, err)
			continue
		}
		keys[e.Key]++
		switch e.Type {
		case model.EventClaimNew:
			if e.Claim != nil {
				newClaims[e.Claim.ID] = true
			}
		case model.EventClaimConflict:
			if e.Conflict != nil {
				conflicts[e.Conflict.ID] = true
			}
		}
	}
	for k, n := range keys {
		if n > 1 {
			t.Errorf("event %s emitted %d times", k, n)
		}
	}
	if d := diffSets(st.claims, newClaims); d != "" {
		t.Errorf("claim.new events differ from the stored claims: %s", d)
	}
	if d := diffSets(st.conflicts, conflicts); d != "" {
		t.Errorf("claim.conflict events differ from the stored conflicts: %s", d)
	}
	t.Logf("events: %d (%d claim.new, %d claim.conflict)", len(msgs), len(newClaims), len(conflicts))
}

// verifyDLQ checks the dead-letter stream holds exactly the poison the
// test injected.
func verifyDLQ(t *testing.T, conn *bus.Conn, poison int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	msgs, err := streamMessages(ctx, conn, bus.StreamDLQ)
	if err != nil {
		t.Fatalf("read dead-letter stream: %v", err)
	}
	var bad int
	for _, m := range msgs {
		if strings.Contains(string(m.Data), poisonMarker) {
			bad++
			continue
		}
		p := string(m.Data)
		if len(p) > 200 {
			p = p[:200]
		}
		t.Errorf("a good message was dead-lettered by %s (%s): %s", m.Header.Get(bus.HeaderStage), m.Header.Get(bus.HeaderError), p)
	}
	if bad != poison {
		t.Errorf("dead-letter stream holds %d of the %d poison messages", bad, poison)
	}
}
