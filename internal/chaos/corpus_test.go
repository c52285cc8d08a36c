package chaos

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/dedup"
	"github.com/claimwatch/claimwatch/pkg/demo"
)

// corpusDir is the shared corpus, found from this package's directory.
const corpusDir = "../../../shared/corpus"

// doc is one article the feed server publishes.
type doc struct {
	URL       string
	Title     string
	Text      string
	Published time.Time
}

type bbcArticle struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// loadBBC reads the BBC articles, skipping the test when the corpus is
// absent.
func loadBBC(t testing.TB) []bbcArticle {
	t.Helper()
	path := filepath.Join(corpusDir, "bbc", "articles.jsonl")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("SKIPPING: corpus not found at %s (%v); the suite needs ../shared/corpus next to the module", path, err)
	}
	defer f.Close()
	var out []bbcArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var a bbcArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// buildDocs makes the run's articles: n BBC articles, a syndication-style
// near-copy of every copyEvery-th of them (new headline, a byline, the
// last paragraph cut, page furniture added, another outlet's URL) and the
// five seeds.
func buildDocs(t testing.TB, n, copyEvery int) []doc {
	t.Helper()
	bbc := loadBBC(t)
	if n > len(bbc) {
		n = len(bbc)
	}
	// Recent publication times, so the dedup window keeps them all.
	base := time.Now().UTC().Add(-36 * time.Hour).Truncate(time.Second)
	var docs []doc
	for i, a := range bbc[:n] {
		pub := base.Add(time.Duration(i) * time.Minute)
		docs = append(docs, doc{URL: "https://bbc.example/news/" + a.ID, Title: a.Title, Text: a.Text, Published: pub})
		if copyEvery > 0 && i%copyEvery == 0 {
			paras := strings.Split(strings.TrimSpace(a.Text), "\n\n")
			if len(paras) >= 4 {
				paras = paras[:len(paras)-1]
			}
			text := "By a staff reporter\n\n" + strings.Join(paras, "\n\n") +
				"\n\nShare this article. Follow us for more news. Copyright Newswire."
			docs = append(docs, doc{URL: fmt.Sprintf("https://wire%d.example/story/%s", i%5, a.ID),
				Title: "UPDATED: " + a.Title, Text: text, Published: pub.Add(20 * time.Minute)})
		}
	}
	seeds, err := demo.Seeds()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range seeds {
		docs = append(docs, doc{URL: s.URL, Title: s.Title, Text: s.Text, Published: s.Published})
	}
	return docs
}

// partition runs the offline dedup code path over docs (in the given
// publication order) and returns each doc's group: the sorted URLs of all
// docs sharing its duplicate root.
func partition(ctx context.Context, docs []doc, order []int) (map[string]string, error) {
	idx, err := dedup.NewMemory()
	if err != nil {
		return nil, err
	}
	in := make([]dedup.Doc, len(docs))
	base := time.Now().UTC().Add(-24 * time.Hour)
	for rank, i := range order {
		d := docs[i]
		in[i] = dedup.Doc{ID: d.URL, URL: d.URL, Title: d.Title, Text: d.Text, Published: base.Add(time.Duration(rank) * time.Second)}
	}
	res, err := dedup.Offline(ctx, in, idx, nil)
	if err != nil {
		return nil, err
	}
	groups := map[string][]string{}
	for _, r := range res {
		root := r.ID
		if r.DuplicateOf != "" {
			root = r.DuplicateOf
		}
		groups[root] = append(groups[root], r.ID)
	}
	out := map[string]string{}
	for _, members := range groups {
		slices.Sort(members)
		key := strings.Join(members, " ")
		for _, m := range members {
			out[m] = key
		}
	}
	return out, nil
}

// stableDocs drops every doc whose duplicate group depends on the order
// the articles arrive in (three orders are tried), so the expected
// partition is one any interleaving of replicas must reproduce. It
// returns the kept docs and their groups.
func stableDocs(t testing.TB, docs []doc) ([]doc, map[string]string) {
	t.Helper()
	for round := 0; round < 4; round++ {
		n := len(docs)
		fwd := make([]int, n)
		for i := range fwd {
			fwd[i] = i
		}
		rev := slices.Clone(fwd)
		slices.Reverse(rev)
		rnd := slices.Clone(fwd)
		r := rand.New(rand.NewPCG(uint64(round), 42))
		r.Shuffle(n, func(i, j int) { rnd[i], rnd[j] = rnd[j], rnd[i] })
		var parts []map[string]string
		for _, order := range [][]int{fwd, rev, rnd} {
			p, err := partition(context.Background(), docs, order)
			if err != nil {
				t.Fatal(err)
			}
			parts = append(parts, p)
		}
		unstable := map[string]bool{}
		for _, d := range docs {
			if parts[0][d.URL] != parts[1][d.URL] || parts[0][d.URL] != parts[2][d.URL] {
				for _, p := range parts {
					for _, m := range strings.Fields(p[d.URL]) {
						unstable[m] = true
					}
				}
			}
		}
		if len(unstable) == 0 {
			return docs, parts[0]
		}
		t.Logf("dropping %d articles whose duplicate group depends on arrival order", len(unstable))
		docs = slices.DeleteFunc(docs, func(d doc) bool { return unstable[d.URL] })
	}
	t.Fatal("could not find an order-independent set of articles")
	return nil, nil
}

// feedServer serves the docs as RSS feeds on loopback, revealing each
// item at its release time, so articles keep arriving while the faults
// are injected.
type feedServer struct {
	srv     *httptest.Server
	feeds   [][]int // doc indexes per feed
	docs    []doc
	release []time.Duration

	mu      sync.Mutex
	start   time.Time
	started bool
	served  map[int]bool // feeds served complete
	polls   int
}

func startFeedServer(t testing.TB, docs []doc, nFeeds int, spread time.Duration) *feedServer {
	t.Helper()
	fs := &feedServer{docs: docs, feeds: make([][]int, nFeeds), served: map[int]bool{}}
	order := rand.Perm(len(docs))
	fs.release = make([]time.Duration, len(docs))
	for rank, i := range order {
		fs.feeds[i%nFeeds] = append(fs.feeds[i%nFeeds], i)
		fs.release[i] = spread * time.Duration(rank) / time.Duration(len(docs))
	}
	fs.srv = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.srv.Close)
	return fs
}

// begin starts the release clock.
func (fs *feedServer) begin() {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.start, fs.started = time.Now(), true
}

// feedURLs lists every feed URL.
func (fs *feedServer) feedURLs() []string {
	var out []string
	for i := range fs.feeds {
		out = append(out, fmt.Sprintf("%s/feed/%d.xml", fs.srv.URL, i))
	}
	return out
}

// allServed reports whether every feed has been served with all items.
func (fs *feedServer) allServed() bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return len(fs.served) == len(fs.feeds)
}

type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Title string    `xml:"title"`
		Link  string    `xml:"link"`
		Items []rssItem `xml:"item"`
	} `xml:"channel"`
}

type rssItem struct {
	Title       string `xml:"title"`
	Link        string `xml:"link"`
	GUID        string `xml:"guid"`
	PubDate     string `xml:"pubDate"`
	Description string `xml:"description"`
}

func (fs *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	var n int
	if _, err := fmt.Sscanf(r.URL.Path, "/feed/%d.xml", &n); err != nil || n < 0 || n >= len(fs.feeds) {
		http.NotFound(w, r)
		return
	}
	fs.mu.Lock()
	fs.polls++
	elapsed := time.Duration(-1)
	if fs.started {
		elapsed = time.Since(fs.start)
	}
	fs.mu.Unlock()
	var visible []int
	for _, i := range fs.feeds[n] {
		if elapsed >= fs.release[i] {
			visible = append(visible, i)
		}
	}
	etag := fmt.Sprintf(`"%d-%d"`, n, len(visible))
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	var doc rssDoc
	doc.Version = "2.0"
	doc.Channel.Title = fmt.Sprintf("chaos feed %d", n)
	doc.Channel.Link = fs.srv.URL
	for k := len(visible) - 1; k >= 0; k-- { // newest first, as feeds are
		d := fs.docs[visible[k]]
		doc.Channel.Items = append(doc.Channel.Items, rssItem{Title: d.Title, Link: d.URL, GUID: d.URL,
			PubDate: d.Published.Format(time.RFC1123Z), Description: d.Text})
	}
	body, err := xml.Marshal(doc)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	if _, err := w.Write(append([]byte(xml.Header), body...)); err == nil && len(visible) == len(fs.feeds[n]) {
		fs.mu.Lock()
		fs.served[n] = true
		fs.mu.Unlock()
	}
}
