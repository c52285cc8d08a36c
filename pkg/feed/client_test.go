package feed

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

// testConfig is a valid Config with timeouts short enough for tests and
// loopback allowed (httptest servers listen on 127.0.0.1).
func testConfig() Config {
	c := DefaultConfig()
	c.AllowPrivateNetworks = true
	c.ConnectTimeout = time.Second
	c.HeaderTimeout = time.Second
	c.RequestTimeout = 2 * time.Second
	c.LeaseTimeout = 10 * time.Second
	c.MaxBodyBytes = 1 << 20
	return c
}

func TestClientConditionalGet(t *testing.T) {
	var etag atomic.Value
	etag.Store(`"v1"`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cur := etag.Load().(string)
		if r.Header.Get("If-None-Match") == cur {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", cur)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		w.Header().Set("Cache-Control", "public, max-age=900")
		fmt.Fprint(w, "body "+cur)
	}))
	defer srv.Close()
	c := NewClient(testConfig())
	ctx := t.Context()

	first, err := c.Get(ctx, Request{URL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	if first.NotModified || first.ETag != `"v1"` || string(first.Body) != `body "v1"` || first.MaxAge != 15*time.Minute {
		t.Fatalf("first fetch = %+v", first)
	}
	second, err := c.Get(ctx, Request{URL: srv.URL, ETag: first.ETag, LastModified: first.LastModified})
	if err != nil {
		t.Fatal(err)
	}
	if !second.NotModified || len(second.Body) != 0 {
		t.Fatalf("with the same ETag: NotModified=%v body=%q, want a 304", second.NotModified, second.Body)
	}
	etag.Store(`"v2"`)
	third, err := c.Get(ctx, Request{URL: srv.URL, ETag: first.ETag})
	if err != nil {
		t.Fatal(err)
	}
	if third.NotModified || third.ETag != `"v2"` {
		t.Fatalf("after the ETag changed: %+v, want the new body", third)
	}
}

func TestClientSendsUserAgentAndAcceptEncoding(t *testing.T) {
	var ua, ae string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ua, ae = r.UserAgent(), r.Header.Get("Accept-Encoding")
	}))
	defer srv.Close()
	cfg := testConfig()
	cfg.Version = "1.2.3"
	if _, err := NewClient(cfg).Get(t.Context(), Request{URL: srv.URL}); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ua, "claimwatch/1.2.3") {
		t.Errorf("User-Agent = %q", ua)
	}
	if ae != acceptEncoding {
		t.Errorf("Accept-Encoding = %q", ae)
	}
}

func TestClientStatusErrors(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		retryAfter string
		wantDelay  time.Duration
	}{
		{"429 with delay seconds", http.StatusTooManyRequests, "120", 2 * time.Minute},
		{"503 with an http date", http.StatusServiceUnavailable, time.Now().Add(time.Hour).UTC().Format(http.TimeFormat), time.Hour},
		{"500 without retry-after", http.StatusInternalServerError, "", 0},
		{"404", http.StatusNotFound, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.status)
			}))
			defer srv.Close()
			_, err := NewClient(testConfig()).Get(t.Context(), Request{URL: srv.URL})
			var se *StatusError
			if !errors.As(err, &se) || se.Code != tt.status {
				t.Fatalf("err = %v, want StatusError %d", err, tt.status)
			}
			if d := se.RetryAfter - tt.wantDelay; d < -2*time.Second || d > 2*time.Second {
				t.Errorf("RetryAfter = %s, want about %s", se.RetryAfter, tt.wantDelay)
			}
		})
	}
}

func TestClientRedirects(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/older", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/older", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/feed", http.StatusPermanentRedirect)
	})
	mux.HandleFunc("/temp", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/old", http.StatusFound) })
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") })
	mux.HandleFunc("/loop-a", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-b", http.StatusFound) })
	mux.HandleFunc("/loop-b", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop-a", http.StatusFound) })
	mux.HandleFunc("/chain/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(r.URL.Path, "/chain/%d", &n)
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c := NewClient(testConfig())

	t.Run("a permanent chain updates the url", func(t *testing.T) {
		r, err := c.Get(t.Context(), Request{URL: srv.URL + "/old"})
		if err != nil {
			t.Fatal(err)
		}
		if r.PermanentURL != srv.URL+"/feed" || string(r.Body) != "ok" {
			t.Errorf("PermanentURL = %q body = %q, want %s/feed", r.PermanentURL, r.Body, srv.URL)
		}
	})
	t.Run("a temporary hop keeps the url", func(t *testing.T) {
		r, err := c.Get(t.Context(), Request{URL: srv.URL + "/temp"})
		if err != nil {
			t.Fatal(err)
		}
		if r.PermanentURL != "" || r.URL != srv.URL+"/feed" {
			t.Errorf("PermanentURL = %q URL = %q, want no permanent move", r.PermanentURL, r.URL)
		}
	})
	t.Run("a loop is refused", func(t *testing.T) {
		_, err := c.Get(t.Context(), Request{URL: srv.URL + "/loop-a"})
		if !errors.Is(err, ErrRedirectLoop) {
			t.Fatalf("err = %v, want ErrRedirectLoop", err)
		}
	})
	t.Run("an endless chain stops after ten hops", func(t *testing.T) {
		_, err := c.Get(t.Context(), Request{URL: srv.URL + "/chain/0"})
		if !errors.Is(err, ErrTooManyRedirects) {
			t.Fatalf("err = %v, want ErrTooManyRedirects", err)
		}
	})
}

func TestClientTimeouts(t *testing.T) {
	stop := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow-body" {
			w.WriteHeader(http.StatusOK)
			w.(http.Flusher).Flush()
		}
		select { // never finishes on its own
		case <-stop:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(stop)
	cfg := testConfig()
	cfg.HeaderTimeout = 300 * time.Millisecond
	cfg.RequestTimeout = 600 * time.Millisecond
	c := NewClient(cfg)
	for _, path := range []string{"/no-headers", "/slow-body"} {
		t.Run(path, func(t *testing.T) {
			start := time.Now()
			_, err := c.Get(t.Context(), Request{URL: srv.URL + path})
			if err == nil {
				t.Fatal("a response that never finishes returned no error")
			}
			if el := time.Since(start); el > 5*time.Second {
				t.Fatalf("took %s: the timeout did not bound the request", el)
			}
		})
	}
}

func TestClientBodyCap(t *testing.T) {
	var bomb bytes.Buffer
	zw := gzip.NewWriter(&bomb)
	zeros := make([]byte, 1<<20)
	for range 64 { // 64 MiB of zeros, about 64 KiB compressed
		zw.Write(zeros)
	}
	zw.Close()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/endless":
			chunk := bytes.Repeat([]byte("x"), 32<<10)
			for r.Context().Err() == nil {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
		case "/bomb":
			w.Header().Set("Content-Encoding", "gzip")
			w.Write(bomb.Bytes())
		}
	}))
	defer srv.Close()
	c := NewClient(testConfig())
	for _, path := range []string{"/endless", "/bomb"} {
		t.Run(path, func(t *testing.T) {
			_, err := c.Get(t.Context(), Request{URL: srv.URL + path})
			if !errors.Is(err, ErrBodyTooLarge) {
				t.Fatalf("err = %v, want ErrBodyTooLarge", err)
			}
		})
	}
}

func TestClientDecodesContentEncodings(t *testing.T) {
	const text = "<rss>decoded</rss>"
	enc := map[string]func(io.Writer) io.WriteCloser{
		"gzip":    func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) },
		"deflate": func(w io.Writer) io.WriteCloser { return zlib.NewWriter(w) },
		"br":      func(w io.Writer) io.WriteCloser { return brotli.NewWriter(w) },
	}
	for name, mk := range enc {
		t.Run(name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Encoding", name)
				zw := mk(w)
				io.WriteString(zw, text)
				zw.Close()
			}))
			defer srv.Close()
			r, err := NewClient(testConfig()).Get(t.Context(), Request{URL: srv.URL})
			if err != nil {
				t.Fatal(err)
			}
			if string(r.Body) != text {
				t.Errorf("body = %q, want %q", r.Body, text)
			}
		})
	}
}

func TestClientRefusesPrivateNetworks(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer srv.Close()
	cfg := testConfig()
	cfg.AllowPrivateNetworks = false
	c := NewClient(cfg)
	// The same server through a name that resolves to loopback: the check
	// runs on the resolved address, not on the URL's text.
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	for _, u := range []string{srv.URL, "http://localhost" + port} {
		_, err := c.Get(t.Context(), Request{URL: u})
		if !errors.Is(err, ErrPrivateNetwork) {
			t.Errorf("Get(%s) err = %v, want ErrPrivateNetwork", u, err)
		}
	}
	if hits.Load() != 0 {
		t.Errorf("the loopback server got %d requests", hits.Load())
	}
}

func TestBlockedAddr(t *testing.T) {
	tests := []struct {
		addr    string
		blocked bool
	}{
		{"127.0.0.1", true}, {"10.1.2.3", true}, {"172.16.0.1", true}, {"192.168.1.1", true},
		{"169.254.169.254", true}, {"100.100.100.200", true}, {"100.64.0.1", true}, {"0.0.0.0", true},
		{"224.0.0.1", true}, {"::1", true}, {"fe80::1", true}, {"fd00:ec2::254", true}, {"::ffff:127.0.0.1", true},
		{"93.184.216.34", false}, {"2606:2800:220:1:248:1893:25c8:1946", false}, {"8.8.8.8", false},
	}
	for _, tt := range tests {
		if got := blockedAddr(netip.MustParseAddr(tt.addr)); got != tt.blocked {
			t.Errorf("blockedAddr(%s) = %v, want %v", tt.addr, got, tt.blocked)
		}
	}
}

func TestHostLimiter(t *testing.T) {
	l := newHostLimiter(2, 3)
	ctx := t.Context()
	r1, _ := l.acquire(ctx, "a")
	r2, _ := l.acquire(ctx, "a")
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if _, err := l.acquire(short, "a"); err == nil {
		t.Fatal("a third request to one host got a slot with a per-host limit of 2")
	}
	r3, err := l.acquire(ctx, "b")
	if err != nil {
		t.Fatal(err)
	}
	short2, cancel2 := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel2()
	if _, err := l.acquire(short2, "c"); err == nil {
		t.Fatal("a fourth request got a slot with a global limit of 3")
	}
	r1()
	r2()
	r3()
	l.mu.Lock()
	n := len(l.hosts)
	l.mu.Unlock()
	if n != 0 {
		t.Errorf("%d host entries left after every release, want 0", n)
	}
}

func FuzzReadBody(f *testing.F) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("hello"))
	zw.Close()
	f.Add(gz.Bytes(), "gzip")
	f.Add([]byte("plain"), "")
	f.Add([]byte{0x78, 0x9c, 0x01}, "deflate")
	f.Add([]byte{0x0b, 0x02, 0x80}, "br")
	f.Fuzz(func(t *testing.T, body []byte, ce string) {
		out, err := readBody(bytes.NewReader(body), ce, 4096)
		if err == nil && len(out) > 4096 {
			t.Fatalf("read %d bytes past a 4096 cap", len(out))
		}
	})
}

func TestClientUsesProxyFromEnvironment(t *testing.T) {
	var asked atomic.Value
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Store(r.URL.String()) // a proxy gets the absolute URL
		fmt.Fprint(w, "via proxy")
	}))
	defer proxy.Close()
	t.Setenv("HTTP_PROXY", proxy.URL)
	t.Setenv("NO_PROXY", "")
	cfg := testConfig()
	// The operator's proxy may be on a private address even with the
	// protection on; the feed's host is the proxy's to resolve.
	cfg.AllowPrivateNetworks = false
	r, err := NewClient(cfg).Get(t.Context(), Request{URL: "http://feeds.example.invalid/rss"})
	if err != nil {
		t.Fatal(err)
	}
	if string(r.Body) != "via proxy" || asked.Load() != "http://feeds.example.invalid/rss" {
		t.Errorf("body %q, proxy asked for %v", r.Body, asked.Load())
	}
}
