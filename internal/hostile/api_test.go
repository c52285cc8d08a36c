package hostile

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/api"
	"github.com/claimwatch/claimwatch/pkg/claims"
	"github.com/claimwatch/claimwatch/pkg/demo"
	"github.com/claimwatch/claimwatch/pkg/feed"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/natstest"
	"github.com/claimwatch/claimwatch/pkg/store"
)

const (
	writeToken = "w-0123456789abcdef0123456789abcdef"
	readToken  = "r-fedcba9876543210fedcba9876543210"
	xssTitle   = `<script>alert("xss")</script><img src=x onerror=alert(1)>`
)

// apiFixture is the real API over a real SQLite store holding the five
// seeds (run through the real extractor) plus one article whose title is
// an XSS payload, and a real feed manager.
func apiFixture(t *testing.T, readAuth bool) (*httptest.Server, store.Store) {
	t.Helper()
	ctx := t.Context()
	log := zaptest.NewLogger(t)
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "cw.db"), log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = st.Close(cctx)
	})
	seeds, err := demo.Seeds()
	if err != nil {
		t.Fatal(err)
	}
	ex := claims.NewRules(0)
	for i, s := range seeds {
		a := model.Article{ID: fmt.Sprintf("seed-%d", i), URL: s.URL, Title: s.Title, Text: s.Text,
			Published: s.Published, Fetched: s.Published, ContentHash: s.File}
		if i == 0 {
			a.Title = xssTitle
		}
		if err := st.ApplyUnique(ctx, &model.UniqueArticle{Article: a, StoryID: "story-1", StoryNew: i == 0}); err != nil {
			t.Fatal(err)
		}
		cs, err := ex.Extract(ctx, claims.Input{ArticleID: a.ID, Title: a.Title, Text: a.Text, Published: a.Published})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.ApplyClaims(ctx, &model.ClaimBatch{Article: a.Ref(), Claims: cs}); err != nil {
			t.Fatal(err)
		}
	}
	conn := natstest.Start(t)
	fc := feed.DefaultConfig()
	fetcher, err := feed.New(fc, conn, feed.NewMemoryStore(), log, nil)
	if err != nil {
		t.Fatal(err)
	}
	reg := prometheus.NewRegistry()
	h := api.New(api.Options{
		Store: st, Feeds: fetcher, Token: writeToken, RequireReadAuth: readAuth, ReadToken: readToken,
		Logger: log, Gatherer: reg, Registerer: reg, MaxBodyBytes: 64 << 10,
	})
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, st
}

type answer struct {
	status int
	body   string
}

func call(t *testing.T, method, u, auth string, body io.Reader) answer {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, u, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	return answer{resp.StatusCode, string(b)}
}

func counts(t *testing.T, st store.Store) store.Counts {
	t.Helper()
	c, err := st.Counts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestAPIRefusesOversizedBodies posts bodies over the cap, declared and
// undeclared (chunked), and checks the answer is 413, the server still
// serves, and no feed was added.
func TestAPIRefusesOversizedBodies(t *testing.T) {
	srv, _ := apiFixture(t, false)
	auth := "Bearer " + writeToken
	big := `{"url":"https://example.com/feed.xml","pad":"` + strings.Repeat("A", 10<<20) + `"}`
	t.Run("declared length", func(t *testing.T) {
		if a := call(t, http.MethodPost, srv.URL+"/api/v1/feeds", auth, strings.NewReader(big)); a.status != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d, want 413; body %.200s", a.status, a.body)
		}
	})
	t.Run("chunked, no length", func(t *testing.T) {
		// io.MultiReader hides the length, so the client streams chunks.
		body := io.MultiReader(strings.NewReader(big[:10]), strings.NewReader(big[10:]))
		if a := call(t, http.MethodPost, srv.URL+"/api/v1/feeds", auth, body); a.status != http.StatusRequestEntityTooLarge {
			t.Errorf("status %d, want 413; body %.200s", a.status, a.body)
		}
	})
	t.Run("deeply nested JSON under the cap", func(t *testing.T) {
		nested := strings.Repeat(`{"a":`, 10000) + "1" + strings.Repeat("}", 10000)
		a := call(t, http.MethodPost, srv.URL+"/api/v1/feeds", auth, strings.NewReader(nested))
		if a.status != http.StatusBadRequest {
			t.Errorf("status %d, want 400; body %.200s", a.status, a.body)
		}
	})
	a := call(t, http.MethodGet, srv.URL+"/api/v1/feeds", "", nil)
	if a.status != http.StatusOK || strings.Contains(a.body, "example.com/feed.xml") {
		t.Errorf("after the oversized posts: GET feeds = %d %.300s, want 200 without the feed", a.status, a.body)
	}
}

// TestAPITokens tries every way of sending no, a wrong, or a misplaced
// token to the write endpoints and (with read auth) the read endpoints.
func TestAPITokens(t *testing.T) {
	srv, _ := apiFixture(t, true)
	feedBody := func() io.Reader { return strings.NewReader(`{"url":"https://example.com/rss"}`) }
	bad := []struct {
		name, auth string
		want       int
	}{
		{"no header", "", http.StatusUnauthorized},
		{"wrong token", "Bearer nope", http.StatusForbidden},
		{"empty bearer", "Bearer ", http.StatusForbidden},
		{"token prefix", "Bearer " + writeToken[:len(writeToken)-1], http.StatusForbidden},
		{"token with suffix", "Bearer " + writeToken + "x", http.StatusForbidden},
		{"read token on a write", "Bearer " + readToken, http.StatusForbidden},
		{"token without scheme", writeToken, http.StatusForbidden},
		{"basic auth, wrong password", "Basic " + basic("admin", "admin"), http.StatusForbidden},
	}
	for _, tc := range bad {
		t.Run("write: "+tc.name, func(t *testing.T) {
			for _, r := range []struct{ method, path string }{{http.MethodPost, "/api/v1/feeds"}, {http.MethodDelete, "/api/v1/feeds/x"}} {
				var body io.Reader
				if r.method == http.MethodPost {
					body = feedBody()
				}
				if a := call(t, r.method, srv.URL+r.path, tc.auth, body); a.status != tc.want {
					t.Errorf("%s %s: status %d, want %d; body %.200s", r.method, r.path, a.status, tc.want, a.body)
				}
			}
		})
	}
	t.Run("token in the query string is ignored", func(t *testing.T) {
		if a := call(t, http.MethodPost, srv.URL+"/api/v1/feeds?token="+writeToken+"&access_token="+writeToken, "", feedBody()); a.status != http.StatusUnauthorized {
			t.Errorf("status %d, want 401", a.status)
		}
	})
	t.Run("reads need a token", func(t *testing.T) {
		for _, p := range []string{"/api/v1/stories", "/api/v1/claims", "/api/v1/conflicts", "/api/v1/articles/seed-0", "/api/v1/feeds", "/api/v1/alerts", "/", "/claims"} {
			if a := call(t, http.MethodGet, srv.URL+p, "", nil); a.status != http.StatusUnauthorized {
				t.Errorf("GET %s without a token: %d, want 401", p, a.status)
			}
			if a := call(t, http.MethodGet, srv.URL+p, "Bearer wrong", nil); a.status != http.StatusForbidden {
				t.Errorf("GET %s with a wrong token: %d, want 403", p, a.status)
			}
			if a := call(t, http.MethodGet, srv.URL+p, "Bearer "+readToken, nil); a.status != http.StatusOK {
				t.Errorf("GET %s with the read token: %d, want 200", p, a.status)
			}
		}
	})
	t.Run("probes and metrics stay open", func(t *testing.T) {
		for _, p := range []string{"/healthz", "/readyz", "/metrics"} {
			if a := call(t, http.MethodGet, srv.URL+p, "", nil); a.status != http.StatusOK {
				t.Errorf("GET %s: %d, want 200", p, a.status)
			}
		}
	})
	t.Run("the right token writes", func(t *testing.T) {
		a := call(t, http.MethodPost, srv.URL+"/api/v1/feeds", "Bearer "+writeToken, feedBody())
		if a.status/100 != 2 {
			t.Fatalf("status %d, want 2xx; body %.300s", a.status, a.body)
		}
	})
	t.Run("error bodies never echo the token", func(t *testing.T) {
		a := call(t, http.MethodPost, srv.URL+"/api/v1/feeds", "Bearer "+writeToken+"-wrong", feedBody())
		if strings.Contains(a.body, writeToken) {
			t.Errorf("403 body echoes the token: %s", a.body)
		}
	})
}

func basic(user, pass string) string {
	r, _ := http.NewRequest(http.MethodGet, "http://x", nil)
	r.SetBasicAuth(user, pass)
	return strings.TrimPrefix(r.Header.Get("Authorization"), "Basic ")
}

var injections = []string{
	`' OR '1'='1`, `'; DROP TABLE claims; --`, `" OR ""="`, `1; DELETE FROM articles`,
	`') UNION SELECT id, text, text, text, text, text, text, text, text, text, text, text FROM articles --`,
	`%' OR 1=1 --`, `\'; SELECT pg_sleep(10); --`, `1 AND (SELECT COUNT(*) FROM sqlite_master) > 0`,
	`$$; DROP TABLE stories; $$`, `putin' --`, "\x00", `*`, `%`, `_`, `:*`, `!`, `&|`, `a & !b`,
}

// TestAPIInjectionInEveryFilter sends SQL-injection strings in every
// filter, cursor, limit and path id, and checks that nothing errors with
// 500, nothing unrelated is returned, no row changes, and the store still
// answers every claim afterwards.
func TestAPIInjectionInEveryFilter(t *testing.T) {
	srv, st := apiFixture(t, false)
	before := counts(t, st)
	if before.Claims == 0 {
		t.Fatal("the fixture holds no claims: the injections prove nothing")
	}
	params := []string{"q", "speaker", "entity", "kind", "since", "story", "cursor", "limit"}
	for _, p := range params {
		for _, inj := range injections {
			a := call(t, http.MethodGet, srv.URL+"/api/v1/claims?"+url.Values{p: {inj}}.Encode(), "", nil)
			if a.status != http.StatusOK && a.status != http.StatusBadRequest {
				t.Errorf("claims?%s=%q: status %d, want 200 or 400; body %.300s", p, inj, a.status, a.body)
				continue
			}
			if a.status != http.StatusOK {
				continue
			}
			var page store.ClaimPage
			if err := json.Unmarshal([]byte(a.body), &page); err != nil {
				t.Fatalf("claims?%s=%q: %v", p, inj, err)
			}
			// A filter the injection "opened up" would return every claim.
			if p != "q" && p != "limit" && int64(len(page.Claims)) >= before.Claims && before.Claims > 1 {
				t.Errorf("claims?%s=%q returned all %d claims: the filter was bypassed", p, inj, len(page.Claims))
			}
		}
	}
	for _, inj := range injections {
		for _, base := range []string{"/api/v1/stories/", "/api/v1/claims/", "/api/v1/articles/", "/stories/", "/api/v1/feeds/"} {
			method := http.MethodGet
			auth := ""
			if base == "/api/v1/feeds/" {
				method, auth = http.MethodDelete, "Bearer "+writeToken
			}
			if a := call(t, method, srv.URL+base+url.PathEscape(inj), auth, nil); a.status >= 500 {
				t.Errorf("%s %s%q: status %d", method, base, inj, a.status)
			}
		}
		for _, list := range []string{"/api/v1/stories", "/api/v1/conflicts", "/api/v1/alerts"} {
			if a := call(t, http.MethodGet, srv.URL+list+"?"+url.Values{"cursor": {inj}, "limit": {inj}}.Encode(), "", nil); a.status >= 500 {
				t.Errorf("GET %s cursor=%q: status %d", list, inj, a.status)
			}
		}
		if a := call(t, http.MethodPost, srv.URL+"/api/v1/feeds", "Bearer "+writeToken,
			strings.NewReader(`{"url":`+jsonString("https://example.com/"+inj)+`}`)); a.status >= 500 {
			t.Errorf("POST feed with %q: status %d", inj, a.status)
		}
	}
	if after := counts(t, st); after != before {
		t.Errorf("table sizes changed under injection: %+v -> %+v", before, after)
	}
	page, err := st.ListClaims(t.Context(), store.ClaimFilter{}, "", store.MaxLimit)
	if err != nil {
		t.Fatal(err)
	}
	if int64(len(page.Claims)) != before.Claims {
		t.Errorf("after the injections the store lists %d claims, want %d", len(page.Claims), before.Claims)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestAPIEscapesStoredMarkup checks that an article title carrying a
// script reaches the dashboard and the JSON API as text, never as markup.
func TestAPIEscapesStoredMarkup(t *testing.T) {
	srv, _ := apiFixture(t, false)
	for _, p := range []string{"/", "/stories/story-1"} {
		a := call(t, http.MethodGet, srv.URL+p, "", nil)
		if a.status != http.StatusOK {
			t.Fatalf("GET %s: %d", p, a.status)
		}
		if strings.Contains(a.body, `<script>alert("xss")`) || strings.Contains(a.body, `<img src=x onerror`) {
			t.Errorf("GET %s renders the stored title as markup", p)
		}
	}
	a := call(t, http.MethodGet, srv.URL+"/api/v1/articles/seed-0", "", nil)
	if a.status != http.StatusOK {
		t.Fatalf("GET article: %d %s", a.status, a.body)
	}
	if strings.Contains(a.body, "<script>") {
		t.Errorf("the JSON API does not escape < and > (json.Marshal's HTML-safe encoding): %.200s", a.body)
	}
}
