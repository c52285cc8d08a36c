package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/store"
)

func TestDashboardPagesShowTheSeedStory(t *testing.T) {
	srv, _ := testServer(t, nil)
	tests := []struct {
		path string
		want []string
	}{
		{"/", []string{"Putin on North Korean troops", "conflicting figures", "1,500", "12,000"}},
		{"/stories/" + seedStory, []string{
			"Vladimir Putin", "Article 4 is our business", "Kim Yong-kil",
			"about 1,500 troops", "approximately 3,000 troops", "nearly 12,000 troops",
			"U.S. estimates", `class="conflict"`, "<svg", "duplicate elsewhere", "Korea Times",
		}},
		{"/claims?speaker=Vladimir+Putin", []string{"Once it&#39;s necessary to make a decision", "Article 4 is our business"}},
		{"/claims?q=zzzz", []string{"No claim matches."}},
		{"/feeds", []string{"https://apnews.com/rss"}},
		{"/alerts", []string{"webhook answered 502", "failed", "delivered"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := get(t, srv.URL+tt.path)
			if r.status != http.StatusOK {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("content type %q", ct)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(r.body), w) {
					t.Errorf("page lacks %q", w)
				}
			}
		})
	}
	for _, path := range []string{"/stories/nope", "/no/such/page"} {
		r := get(t, srv.URL+path)
		if r.status != http.StatusNotFound || !strings.Contains(string(r.body), "<html") {
			t.Errorf("GET %s = %d, want an HTML 404", path, r.status)
		}
	}
	if r := get(t, srv.URL+"/claims?kind=bogus"); r.status != http.StatusBadRequest || !strings.Contains(string(r.body), "kind must be") {
		t.Errorf("bad filter on the dashboard = %d, want 400 explaining it", r.status)
	}
}

func TestFeedTextIsEscaped(t *testing.T) {
	srv, _ := testServer(t, nil)
	raw := []string{"<script>alert(1)</script>", "<img src=x onerror", "<script>alert(3)", "<b>bold</b>"}
	for _, path := range []string{"/", "/stories/" + seedStory, "/claims", "/claims?q=bold", "/api/v1/stories/" + seedStory, "/api/v1/claims"} {
		r := get(t, srv.URL+path)
		if r.status != http.StatusOK {
			t.Fatalf("GET %s: %d", path, r.status)
		}
		body := string(r.body)
		for _, bad := range raw {
			if strings.Contains(body, bad) {
				t.Errorf("GET %s: raw %q in the page", path, bad)
			}
		}
	}
	story := string(get(t, srv.URL+"/stories/"+seedStory).body)
	if !strings.Contains(story, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the hostile title is not shown as escaped text on the story page")
	}
}

func TestSecurityHeadersAndCORS(t *testing.T) {
	srv, _ := testServer(t, nil)
	r := do(t, http.MethodGet, srv.URL+"/api/v1/stories", nil, map[string]string{"Origin": "https://evil.example"})
	for k, want := range map[string]string{
		"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer",
	} {
		if got := r.header.Get(k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	if got := r.header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("CORS is on by default: Access-Control-Allow-Origin %q", got)
	}

	srv2, _ := testServer(t, func(o *Options) { o.CORSOrigins = []string{"https://ok.example"} })
	ok := do(t, http.MethodGet, srv2.URL+"/api/v1/stories", nil, map[string]string{"Origin": "https://ok.example"})
	if got := ok.header.Get("Access-Control-Allow-Origin"); got != "https://ok.example" {
		t.Errorf("allowed origin: Access-Control-Allow-Origin %q", got)
	}
	bad := do(t, http.MethodGet, srv2.URL+"/api/v1/stories", nil, map[string]string{"Origin": "https://evil.example"})
	if got := bad.header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("other origin: Access-Control-Allow-Origin %q", got)
	}
	pre := do(t, http.MethodOptions, srv2.URL+"/api/v1/feeds", nil, map[string]string{
		"Origin": "https://ok.example", "Access-Control-Request-Method": "POST",
	})
	if pre.status != http.StatusNoContent || !strings.Contains(pre.header.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight = %d %v", pre.status, pre.header)
	}
}

func TestStaticAssets(t *testing.T) {
	srv, _ := testServer(t, nil)
	for path, ct := range map[string]string{"/static/style.css": "text/css", "/static/app.js": "javascript"} {
		r := get(t, srv.URL+path)
		if r.status != http.StatusOK || !strings.Contains(r.header.Get("Content-Type"), ct) {
			t.Errorf("GET %s = %d %q", path, r.status, r.header.Get("Content-Type"))
		}
	}
	if r := get(t, srv.URL+"/static/"); r.status != http.StatusNotFound {
		t.Errorf("directory listing: %d, want 404", r.status)
	}
	if r := get(t, srv.URL+"/static/../api.go"); r.status == http.StatusOK {
		t.Error("path traversal served a source file")
	}
}

func TestHostileURLsAreNeutralised(t *testing.T) {
	s := &server{pages: mustParsePages(), log: zap.NewNop(), metrics: newMetrics(nil), now: time.Now}
	st := &store.Story{
		StorySummary: store.StorySummary{ID: "s", Title: "t"},
		Articles: []store.ArticleSummary{{ID: "a", URL: "javascript:alert(1)", Title: "x",
			Duplicates: []store.ArticleSummary{{ID: "b", URL: "data:text/html,<script>alert(1)</script>"}}}},
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/stories/s", nil)
	if err := s.render(rec, req, http.StatusOK, "story", pageData{Title: st.Title, Data: buildStoryView(st)}); err != nil {
		t.Fatal(err)
	}
	body := rec.Body.String()
	for _, bad := range []string{`href="javascript:`, `href="data:`} {
		if strings.Contains(body, bad) {
			t.Errorf("page links %s", bad)
		}
	}
	if !strings.Contains(body, "#ZgotmplZ") {
		t.Error("html/template did not replace the unsafe URLs")
	}
}
