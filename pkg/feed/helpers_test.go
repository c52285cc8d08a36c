package feed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// recorder is a bus.Publisher that keeps what it is given, decoded, so
// tests can assert on the articles a poll published.
type recorder struct {
	mu   sync.Mutex
	msgs []recorded
	fail atomic.Bool
}

type recorded struct {
	subject, msgID string
	art            model.Article
}

var _ bus.Publisher = (*recorder)(nil)

func (r *recorder) Publish(_ context.Context, subject, msgID string, data []byte) error {
	if r.fail.Load() {
		return fmt.Errorf("publish refused by test")
	}
	var a model.Article
	if err := model.Decode(data, &a); err != nil {
		return err
	}
	r.mu.Lock()
	r.msgs = append(r.msgs, recorded{subject, msgID, a})
	r.mu.Unlock()
	return nil
}

// take returns and forgets what was published so far.
func (r *recorder) take() []recorded {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.msgs
	r.msgs = nil
	return out
}

// feedServer serves a mutable document at /feed with an ETag derived from
// its content, and counts requests.
type feedServer struct {
	*httptest.Server
	mu          sync.Mutex
	body        string
	contentType string
	status      int
	header      http.Header
	etags       bool
	hits        atomic.Int32
	pages       map[string]string
	pageHits    atomic.Int32
}

func newFeedServer(t *testing.T) *feedServer {
	fs := &feedServer{status: http.StatusOK, etags: true, contentType: "application/rss+xml", pages: map[string]string{}}
	fs.Server = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.Close)
	return fs
}

func (fs *feedServer) set(body string) {
	fs.mu.Lock()
	fs.body = body
	fs.mu.Unlock()
}

func (fs *feedServer) setStatus(code int, h http.Header) {
	fs.mu.Lock()
	fs.status, fs.header = code, h
	fs.mu.Unlock()
}

func (fs *feedServer) serve(w http.ResponseWriter, r *http.Request) {
	fs.mu.Lock()
	body, status, hdr, ct, etags := fs.body, fs.status, fs.header, fs.contentType, fs.etags
	page, isPage := fs.pages[r.URL.Path]
	fs.mu.Unlock()
	if isPage {
		fs.pageHits.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
		return
	}
	if !strings.HasPrefix(r.URL.Path, "/feed") {
		http.NotFound(w, r)
		return
	}
	fs.hits.Add(1)
	for k, v := range hdr {
		w.Header()[k] = v
	}
	if status != http.StatusOK {
		w.WriteHeader(status)
		return
	}
	if etags {
		sum := sha256.Sum256([]byte(body))
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
	}
	w.Header().Set("Content-Type", ct)
	fmt.Fprint(w, body)
}

// rss builds an RSS 2.0 document from items.
func rss(items ...rssItem) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test feed</title><link>http://example.com/</link>`)
	for _, it := range items {
		b.WriteString("<item>")
		if it.title != "" {
			b.WriteString("<title>" + it.title + "</title>")
		}
		if it.link != "" {
			b.WriteString("<link>" + strings.ReplaceAll(it.link, "&", "&amp;") + "</link>")
		}
		if it.guid != "" {
			b.WriteString(`<guid isPermaLink="false">` + it.guid + "</guid>")
		}
		if it.desc != "" {
			b.WriteString("<description><![CDATA[" + it.desc + "]]></description>")
		}
		b.WriteString("<pubDate>Mon, 21 Oct 2024 10:00:00 GMT</pubDate></item>")
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

type rssItem struct{ title, link, guid, desc string }

// newTestFetcher builds a Fetcher over store with one feed at url and
// returns it with the feed's ID.
func newTestFetcher(t *testing.T, cfg Config, store StateStore, pub bus.Publisher, url string) (*Fetcher, string) {
	t.Helper()
	f, err := New(cfg, pub, store, zaptest.NewLogger(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	id := ""
	if url != "" {
		st, err := f.AddFeed(t.Context(), url)
		if err != nil {
			t.Fatal(err)
		}
		id = st.ID
	}
	return f, id
}

// status returns the feed's API status.
func status(t *testing.T, f *Fetcher, id string) model.FeedStatus {
	t.Helper()
	all, err := f.Feeds(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.ID == id {
			return s
		}
	}
	t.Fatalf("feed %s not listed", id)
	return model.FeedStatus{}
}

// newRedirector serves h on its own loopback server and returns its URL.
func newRedirector(t *testing.T, h http.Handler) string {
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s.URL
}
