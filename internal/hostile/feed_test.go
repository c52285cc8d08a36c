package hostile

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/feed"
)

// feedConfig is the production configuration with a smaller body cap and
// shorter timeouts, so each case runs in seconds. Private networks are
// allowed because httptest servers listen on loopback; the SSRF cases
// turn that off.
func feedConfig() feed.Config {
	c := feed.DefaultConfig()
	c.AllowPrivateNetworks = true
	c.ConnectTimeout = 2 * time.Second
	c.HeaderTimeout = 2 * time.Second
	c.RequestTimeout = 3 * time.Second
	c.LeaseTimeout = 10 * time.Second
	c.MaxBodyBytes = 1 << 20
	return c
}

// gzipBomb is n MiB of zeros, gzip-compressed to about n KiB.
func gzipBomb(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range n {
		if _, err := zw.Write(zeros); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const validRSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>ok</title>
<item><title>One</title><link>https://example.com/1</link><guid>1</guid><description>first</description></item>
</channel></rss>`

// billionLaughs is the classic XML entity-expansion bomb: ten levels of
// ten references expand to 10^9 copies of "lol" if a parser expands them.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?>` + "\n" + `<!DOCTYPE rss [` + "\n" + `<!ENTITY lol0 "lol">` + "\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, `<!ENTITY lol%d "%s">`+"\n", i, strings.Repeat(fmt.Sprintf("&lol%d;", i-1), 10))
	}
	b.WriteString(`]>` + "\n" + `<rss version="2.0"><channel><title>&lol9;</title>` +
		`<item><title>&lol9;</title><link>https://example.com/x</link><description>&lol9;</description></item></channel></rss>`)
	return b.String()
}

// TestHostileFeedServers fetches from servers that misbehave on purpose
// and expects each fetch to fail with the right error inside its time
// bound — or, for the slow drip, to be cut off by the request timeout.
func TestHostileFeedServers(t *testing.T) {
	bomb := gzipBomb(t, 256) // 256 MiB of zeros in ~256 KiB
	stop := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		// A well-formed start, then 50 MiB of items.
		io.WriteString(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>huge</title>`)
		item := []byte(strings.Repeat(`<item><title>t</title><description>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</description></item>`, 100))
		for written := 0; written < 50<<20 && r.Context().Err() == nil; written += len(item) {
			if _, err := w.Write(item); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte("<item>"), 8<<10)
		for {
			select {
			case <-stop:
				return
			case <-r.Context().Done():
				return
			default:
			}
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/gzip-bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(bomb)
	})
	mux.HandleFunc("/slow-drip", func(w http.ResponseWriter, r *http.Request) {
		// Headers at once, then one byte every 200 ms: each read makes
		// progress, so only a whole-request deadline stops it.
		w.Header().Set("Content-Type", "application/rss+xml")
		w.WriteHeader(http.StatusOK)
		for _, c := range []byte(validRSS + strings.Repeat(" ", 1<<20)) {
			select {
			case <-stop:
				return
			case <-r.Context().Done():
				return
			case <-time.After(200 * time.Millisecond):
			}
			if _, err := w.Write([]byte{c}); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/no-headers", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-stop:
		case <-r.Context().Done():
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(stop)

	client := feed.NewClient(feedConfig())
	tests := []struct {
		name  string
		path  string
		check func(error) bool
		want  string
	}{
		{"a huge feed is cut at the body cap", "/huge", func(err error) bool { return errors.Is(err, feed.ErrBodyTooLarge) }, "ErrBodyTooLarge"},
		{"an endless body is cut at the body cap", "/endless", func(err error) bool { return errors.Is(err, feed.ErrBodyTooLarge) }, "ErrBodyTooLarge"},
		{"a gzip bomb is cut at the decompressed cap", "/gzip-bomb", func(err error) bool { return errors.Is(err, feed.ErrBodyTooLarge) }, "ErrBodyTooLarge"},
		{"a slow drip is cut by the request timeout", "/slow-drip", func(err error) bool {
			return errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "deadline") || strings.Contains(err.Error(), "timeout")
		}, "a deadline error"},
		{"a server that never answers is cut by the header timeout", "/no-headers", func(err error) bool { return err != nil }, "an error"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			resp, err := client.Get(t.Context(), feed.Request{URL: srv.URL + tc.path})
			el := time.Since(start)
			if err == nil {
				t.Fatalf("got a %d-byte body and no error, want %s", len(resp.Body), tc.want)
			}
			if !tc.check(err) {
				t.Fatalf("err = %v, want %s", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.path) {
				t.Errorf("error %q does not name the URL", err)
			}
			// RequestTimeout is 3 s; allow scheduling slack on a loaded
			// machine, but an unbounded fetch would hang far longer.
			if el > 15*time.Second {
				t.Errorf("took %s: the fetch was not bounded", el)
			}
		})
	}
}

// TestHostileFeedBodies parses bodies that are not feeds, or feeds built
// to exhaust the parser, through the same ParseFeed the fetcher uses.
func TestHostileFeedBodies(t *testing.T) {
	tests := []struct {
		name string
		body string
		ok   bool // parses (contained) rather than failing with ErrParse
	}{
		{"empty body", "", false},
		{"random binary", string(gzipBomb(t, 1)), false},
		{"an HTML page", "<!doctype html><html><head><title>x</title></head><body>not a feed</body></html>", false},
		{"truncated RSS", validRSS[:len(validRSS)/2], true},
		{"unclosed tags nested 100,000 deep", `<rss version="2.0"><channel>` + strings.Repeat("<item><title>", 100000), true},
		{"XML entity expansion (billion laughs)", billionLaughs(), true},
		{"external entity pointing at a local file", `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` +
			`<rss version="2.0"><channel><title>&xxe;</title><item><title>&xxe;</title><link>https://example.com/y</link></item></channel></rss>`, true},
		{"invalid UTF-8 everywhere", "<rss version=\"2.0\"><channel><title>\xff\xfe</title><item><title>\xc3\x28</title><description>\xed\xa0\x80</description></item></channel></rss>", true},
		{"JSON feed with a 1 MB title", `{"version":"https://jsonfeed.org/version/1.1","title":"` + strings.Repeat("A", 1<<20) + `","items":[]}`, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			type result struct {
				pf  *feed.ParsedFeed
				err error
			}
			done := make(chan result, 1)
			start := time.Now()
			go func() {
				pf, err := feed.ParseFeed([]byte(tc.body), "application/xml")
				done <- result{pf, err}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("ParseFeed did not return within 30 s")
			}
			if r.err != nil {
				if !errors.Is(r.err, feed.ErrParse) {
					t.Fatalf("err = %v, want one wrapping feed.ErrParse", r.err)
				}
				if tc.ok {
					t.Logf("refused with a clear error (also contained): %v", r.err)
				}
				return
			}
			if !tc.ok {
				t.Fatalf("parsed %d items from a body that is not a feed", len(r.pf.Items))
			}
			// Contained: entity references are not expanded, nothing is
			// read from the file system, and the result stays small.
			var size int
			size += len(r.pf.Title)
			for _, it := range r.pf.Items {
				size += len(it.Title) + len(it.Description) + len(it.Content)
				if strings.Contains(it.Title+it.Description, "root:") {
					t.Errorf("item carries local file contents: %q", it.Title)
				}
			}
			if size > 2<<20 {
				t.Errorf("parsed feed holds %d bytes of text from a %d-byte body: entities were expanded", size, len(tc.body))
			}
			t.Logf("contained in %s: %d items, %d bytes of text", time.Since(start).Round(time.Millisecond), len(r.pf.Items), size)
		})
	}
}

// TestRedirectToInternalAddressIsRefused plays a public feed that
// redirects to an address inside the network running claimwatch (here
// loopback, standing for 10.0.0.0/8, 169.254.169.254 and the rest). The
// "public" hop goes through an HTTP proxy, as many deployments do; the
// redirect's loopback target is not proxied (Go never proxies loopback),
// so it is dialled by claimwatch itself, whose dialer must refuse it.
func TestRedirectToInternalAddressIsRefused(t *testing.T) {
	var internalHits atomic.Int32
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internalHits.Add(1)
		io.WriteString(w, validRSS)
	}))
	defer internal.Close()
	internalPort := internal.URL[strings.LastIndex(internal.URL, ":"):]

	// The proxy stands for the internet: whatever public URL is asked for,
	// it answers with a redirect to the internal service.
	targets := []string{internal.URL + "/latest/meta-data/", "http://localhost" + internalPort + "/admin"}
	var proxied atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		proxied.Add(1)
		n, _ := url.ParseQuery(r.URL.RawQuery)
		target := targets[0]
		if n.Get("to") == "localhost" {
			target = targets[1]
		}
		http.Redirect(w, r, target, http.StatusFound)
	}))
	defer proxy.Close()
	t.Setenv("HTTP_PROXY", proxy.URL)
	t.Setenv("http_proxy", proxy.URL)
	t.Setenv("NO_PROXY", "")
	t.Setenv("no_proxy", "")

	cfg := feedConfig()
	cfg.AllowPrivateNetworks = false
	client := feed.NewClient(cfg)
	for _, to := range []string{"ip", "localhost"} {
		t.Run("redirect to "+to, func(t *testing.T) {
			_, err := client.Get(t.Context(), feed.Request{URL: "http://news.example.com/feed.xml?to=" + to})
			if !errors.Is(err, feed.ErrPrivateNetwork) {
				t.Fatalf("err = %v, want feed.ErrPrivateNetwork", err)
			}
		})
	}
	if proxied.Load() == 0 {
		t.Fatal("the public hop never reached the proxy: the test proves nothing")
	}
	if n := internalHits.Load(); n != 0 {
		t.Errorf("the internal service got %d requests", n)
	}
	t.Run("a direct internal URL is refused too", func(t *testing.T) {
		_, err := client.Get(t.Context(), feed.Request{URL: internal.URL})
		if !errors.Is(err, feed.ErrPrivateNetwork) {
			t.Fatalf("err = %v, want feed.ErrPrivateNetwork", err)
		}
	})
	t.Run("schemes other than http(s) are refused", func(t *testing.T) {
		for _, u := range []string{"file:///etc/passwd", "gopher://127.0.0.1:25/", "ftp://example.com/feed"} {
			if _, err := client.Get(t.Context(), feed.Request{URL: u}); err == nil {
				t.Errorf("Get(%s) succeeded", u)
			}
		}
	})
}
