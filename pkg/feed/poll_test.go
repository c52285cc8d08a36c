package feed

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

func threeItems() []rssItem {
	return []rssItem{
		{title: "One", link: "http://example.com/1", guid: "g1", desc: "<p>First item.</p><p>Second paragraph.</p>"},
		{title: "Two", link: "http://example.com/2", guid: "g2", desc: "Item two text."},
		{title: "Three", link: "http://example.com/3", guid: "g3", desc: "Item three text."},
	}
}

func noFullText() Config {
	c := testConfig()
	c.DisableFullText = true
	return c
}

func TestPollPublishesEachItemOnce(t *testing.T) {
	srv := newFeedServer(t)
	srv.set(rss(threeItems()...))
	pub := &recorder{}
	f, id := newTestFetcher(t, noFullText(), NewMemoryStore(), pub, srv.URL+"/feed")

	f.poll(t.Context(), id, true)
	got := pub.take()
	if len(got) != 3 {
		t.Fatalf("first poll published %d articles, want 3", len(got))
	}
	for _, m := range got {
		if m.subject != bus.SubjectArticlesRaw || m.msgID != m.art.ID || m.art.Revision != 0 || m.art.V != model.Version {
			t.Errorf("message %+v: want subject %s, msgID = article ID, revision 0", m, bus.SubjectArticlesRaw)
		}
		if m.art.FeedURL != srv.URL+"/feed" || m.art.FeedTitle != "Test feed" || m.art.Fetched.IsZero() {
			t.Errorf("article %q lacks feed fields: %+v", m.art.Title, m.art)
		}
	}
	if got[0].art.Title != "One" || got[0].art.Text != "First item.\n\nSecond paragraph." {
		t.Errorf("first article = %q / %q", got[0].art.Title, got[0].art.Text)
	}

	// 304: nothing published, feed healthy.
	f.poll(t.Context(), id, true)
	if n := len(pub.take()); n != 0 {
		t.Errorf("a 304 published %d articles", n)
	}
	// A server without validators sends the same items again: nothing new.
	srv.mu.Lock()
	srv.etags = false
	srv.mu.Unlock()
	f.poll(t.Context(), id, true)
	if n := len(pub.take()); n != 0 {
		t.Errorf("the same items re-sent published %d articles", n)
	}
	st := status(t, f, id)
	if st.Status != model.FeedOK || st.Articles != 3 || st.LastError != "" || srv.hits.Load() != 3 {
		t.Errorf("status %+v after %d hits, want ok with 3 articles", st, srv.hits.Load())
	}
}

func TestPollETagChangePublishesOnlyNewItems(t *testing.T) {
	srv := newFeedServer(t)
	items := threeItems()
	srv.set(rss(items[1:]...))
	pub := &recorder{}
	f, id := newTestFetcher(t, noFullText(), NewMemoryStore(), pub, srv.URL+"/feed")
	f.poll(t.Context(), id, true)
	pub.take()
	srv.set(rss(items...)) // new ETag, one new item on top
	f.poll(t.Context(), id, true)
	got := pub.take()
	if len(got) != 1 || got[0].art.Title != "One" {
		t.Fatalf("after the ETag changed published %v, want only item One", got)
	}
}

func TestPollUpdatedItemIsRepublishedAsRevision(t *testing.T) {
	srv := newFeedServer(t)
	items := threeItems()
	srv.set(rss(items...))
	pub := &recorder{}
	f, id := newTestFetcher(t, noFullText(), NewMemoryStore(), pub, srv.URL+"/feed")
	f.poll(t.Context(), id, true)
	first := pub.take()

	items[1].desc = "Item two text, corrected: 3,000 troops."
	srv.set(rss(items...))
	f.poll(t.Context(), id, true)
	got := pub.take()
	if len(got) != 1 {
		t.Fatalf("an edited item published %d articles, want 1", len(got))
	}
	a := got[0].art
	if a.ID != first[1].art.ID || a.Revision != 1 || got[0].msgID != a.ID+":1" || !strings.Contains(a.Text, "3,000") {
		t.Errorf("update = %+v msgID %q, want ID %s revision 1", a, got[0].msgID, first[1].art.ID)
	}
	items[1].desc = "Item two text, corrected again."
	srv.set(rss(items...))
	f.poll(t.Context(), id, true)
	if got := pub.take(); len(got) != 1 || got[0].art.Revision != 2 {
		t.Errorf("a second edit = %+v, want revision 2", got)
	}
}

func TestPollIdentityIgnoresTrackingAndGUIDEdits(t *testing.T) {
	srv := newFeedServer(t)
	items := threeItems()
	items[0].link = "http://example.com/1?utm_source=rss&utm_medium=feed"
	srv.set(rss(items...))
	pub := &recorder{}
	f, id := newTestFetcher(t, noFullText(), NewMemoryStore(), pub, srv.URL+"/feed")
	f.poll(t.Context(), id, true)
	first := pub.take()
	if first[0].art.URL != "http://example.com/1" {
		t.Errorf("published URL = %q, want the canonical one", first[0].art.URL)
	}
	items[0].link = "HTTP://Example.com/1?fbclid=abc#comments"
	items[0].guid = "g1-edited"
	srv.set(rss(items...))
	f.poll(t.Context(), id, true)
	if got := pub.take(); len(got) != 0 {
		t.Errorf("a tracking-parameter variant with an edited GUID published %v", got)
	}
}

func TestPollFeedRepeatingOneGUID(t *testing.T) {
	srv := newFeedServer(t)
	srv.set(rss(
		rssItem{title: "A", link: "http://example.com/", guid: "same", desc: "Alpha story."},
		rssItem{title: "B", link: "http://example.com/", guid: "same", desc: "Beta story."},
		rssItem{title: "C", link: "http://example.com/", guid: "same", desc: "Gamma story."},
	))
	pub := &recorder{}
	f, id := newTestFetcher(t, noFullText(), NewMemoryStore(), pub, srv.URL+"/feed")
	f.poll(t.Context(), id, true)
	got := pub.take()
	ids := map[string]bool{}
	for _, m := range got {
		ids[m.art.ID] = true
		if m.art.URL != "" {
			t.Errorf("article %q published with the shared link %q", m.art.Title, m.art.URL)
		}
	}
	if len(got) != 3 || len(ids) != 3 {
		t.Fatalf("three items sharing link and GUID gave %d articles with %d IDs, want 3 and 3", len(got), len(ids))
	}
	f.poll(t.Context(), id, true)
	if n := len(pub.take()); n != 0 {
		t.Errorf("re-poll published %d", n)
	}
}

func TestPollErrorsBackOffThenRecover(t *testing.T) {
	srv := newFeedServer(t)
	srv.set(rss(threeItems()...))
	srv.setStatus(http.StatusInternalServerError, nil)
	cfg := noFullText()
	cfg.FailingAfter = 3
	pub := &recorder{}
	store := NewMemoryStore()
	f, id := newTestFetcher(t, cfg, store, pub, srv.URL+"/feed")

	var delays []time.Duration
	for i := 1; i <= 5; i++ {
		before := time.Now()
		f.poll(t.Context(), id, true)
		st, _, err := store.Get(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		delays = append(delays, st.NextPoll.Sub(before))
		s := status(t, f, id)
		want := model.FeedOK
		if i >= cfg.FailingAfter {
			want = model.FeedFailing
		}
		if s.Status != want || s.Errors != i || !strings.Contains(s.LastError, "500") {
			t.Fatalf("after %d errors status = %+v, want %s with the 500 visible", i, s, want)
		}
	}
	// Backoff doubles (with jitter in the upper half): each delay exceeds
	// the one two steps before it.
	for i := 2; i < len(delays); i++ {
		if delays[i] <= delays[i-2] {
			t.Errorf("delays %v do not grow", delays)
		}
	}
	srv.setStatus(http.StatusOK, nil)
	f.poll(t.Context(), id, true)
	s := status(t, f, id)
	if s.Status != model.FeedOK || s.Errors != 0 || s.LastError != "" || len(pub.take()) != 3 {
		t.Errorf("after recovery status = %+v, want ok and the items published", s)
	}
}

func TestPollHonoursRetryAfter(t *testing.T) {
	srv := newFeedServer(t)
	srv.setStatus(http.StatusTooManyRequests, http.Header{"Retry-After": {"7200"}})
	store := NewMemoryStore()
	f, id := newTestFetcher(t, noFullText(), store, &recorder{}, srv.URL+"/feed")
	f.poll(t.Context(), id, true)
	st, _, err := store.Get(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Until(st.NextPoll); d < 119*time.Minute {
		t.Errorf("next poll in %s after Retry-After: 7200, want at least 2h", d)
	}
}

func TestPollRecordsParseErrorsAndKeepsValidators(t *testing.T) {
	srv := newFeedServer(t)
	srv.set(`<?xml version="1.0"?><html><body>not a feed`)
	store := NewMemoryStore()
	f, id := newTestFetcher(t, noFullText(), store, &recorder{}, srv.URL+"/feed")
	f.poll(t.Context(), id, true)
	s := status(t, f, id)
	if !strings.Contains(s.LastError, "unparseable feed") {
		t.Errorf("last error = %q, want a parse error", s.LastError)
	}
	st, _, _ := store.Get(t.Context(), id)
	if st.ETag != "" {
		t.Errorf("ETag %q saved for a body that did not parse", st.ETag)
	}
}

func TestPollWrongCharset(t *testing.T) {
	srv := newFeedServer(t)
	// Latin-1 bytes, no prolog, charset named only by the header.
	srv.set("<rss version=\"2.0\"><channel><title>Caf\xe9</title><item><title>R\xe9sum\xe9</title><link>http://example.com/r</link><description>\xc0 bient\xf4t</description></item></channel></rss>")
	srv.mu.Lock()
	srv.contentType = "application/rss+xml; charset=iso-8859-1"
	srv.mu.Unlock()
	pub := &recorder{}
	f, id := newTestFetcher(t, noFullText(), NewMemoryStore(), pub, srv.URL+"/feed")
	f.poll(t.Context(), id, true)
	got := pub.take()
	if len(got) != 1 || got[0].art.Title != "Résumé" || got[0].art.Text != "À bientôt" || got[0].art.FeedTitle != "Café" {
		t.Fatalf("published %+v, want correctly decoded text", got)
	}
}

func TestPollRefusesLoopbackWithoutFlag(t *testing.T) {
	srv := newFeedServer(t)
	srv.set(rss(threeItems()...))
	cfg := noFullText()
	cfg.AllowPrivateNetworks = false
	pub := &recorder{}
	f, id := newTestFetcher(t, cfg, NewMemoryStore(), pub, srv.URL+"/feed")
	f.poll(t.Context(), id, true)
	s := status(t, f, id)
	if !strings.Contains(s.LastError, "private network") || srv.hits.Load() != 0 || len(pub.take()) != 0 {
		t.Errorf("status %+v, %d hits: want the loopback feed refused", s, srv.hits.Load())
	}
}

func TestPollPermanentRedirectUpdatesURL(t *testing.T) {
	srv := newFeedServer(t)
	srv.set(rss(threeItems()...))
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, srv.URL+"/feed", http.StatusMovedPermanently)
	})
	old := newRedirector(t, mux)
	f, id := newTestFetcher(t, noFullText(), NewMemoryStore(), &recorder{}, old+"/rss")
	f.poll(t.Context(), id, true)
	if s := status(t, f, id); s.URL != srv.URL+"/feed" {
		t.Errorf("feed URL = %q after a 301, want %s/feed", s.URL, srv.URL)
	}
}

func TestPollPublishFailureKeepsItemsForNextPoll(t *testing.T) {
	srv := newFeedServer(t)
	srv.set(rss(threeItems()...))
	pub := &recorder{}
	pub.fail.Store(true)
	f, id := newTestFetcher(t, noFullText(), NewMemoryStore(), pub, srv.URL+"/feed")
	f.poll(t.Context(), id, true)
	if s := status(t, f, id); !strings.Contains(s.LastError, "publish") {
		t.Errorf("status %+v, want the publish error", s)
	}
	pub.fail.Store(false)
	f.poll(t.Context(), id, true) // must not get a 304: validators were not saved
	if n := len(pub.take()); n != 3 {
		t.Errorf("after the bus recovered %d articles were published, want 3", n)
	}
}

func TestPollFullText(t *testing.T) {
	page := "<html><head><title>Long</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav><article><h1>Long story</h1>" +
		strings.Repeat("<p>Officials said the troops, at least 1,500 of them, had arrived in the region on Tuesday, according to a report seen by reporters.</p>", 8) +
		"</article><footer>Copyright</footer></body></html>"
	srv := newFeedServer(t)
	srv.pages["/story"] = page
	srv.set(rss(
		rssItem{title: "Summary only", link: srv.URL + "/story", desc: "Troops arrived."},
		rssItem{title: "Broken page", link: srv.URL + "/missing", desc: "Something happened."},
	))
	pub := &recorder{}
	f, id := newTestFetcher(t, testConfig(), NewMemoryStore(), pub, srv.URL+"/feed")
	f.poll(t.Context(), id, true)
	got := map[string]model.Article{}
	for _, m := range pub.take() {
		got[m.art.Title] = m.art
	}
	if a := got["Summary only"]; !strings.Contains(a.Text, "at least 1,500") || strings.Contains(a.Text, "Home") || !strings.Contains(a.Text, "\n\n") {
		t.Errorf("full text = %q, want the page's paragraphs without navigation", a.Text)
	}
	if a := got["Broken page"]; a.Text != "Something happened." {
		t.Errorf("an item whose page failed = %q, want the feed's summary", a.Text)
	}
}

func TestPollFullTextOptOut(t *testing.T) {
	srv := newFeedServer(t)
	srv.pages["/story"] = "<html><body><article><p>" + strings.Repeat("words ", 300) + "</p></article></body></html>"
	srv.set(rss(rssItem{title: "S", link: srv.URL + "/story", desc: "Short."}))
	store := NewMemoryStore()
	pub := &recorder{}
	f, _ := newTestFetcher(t, testConfig(), store, pub, "")
	if _, err := Import(t.Context(), store, []ListEntry{{URL: srv.URL + "/feed", NoFullText: true}}); err != nil {
		t.Fatal(err)
	}
	id, _ := FeedID(srv.URL + "/feed")
	f.poll(t.Context(), id, true)
	if got := pub.take(); len(got) != 1 || got[0].art.Text != "Short." || srv.pageHits.Load() != 0 {
		t.Errorf("opted-out feed: %+v and %d page fetches, want the summary and none", got, srv.pageHits.Load())
	}
}
