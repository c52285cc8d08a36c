package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// memFeeds stands in for pkg/feed, which polls the network: the API only
// needs its list/add/remove contract.
type memFeeds struct {
	mu    sync.Mutex
	feeds map[string]model.FeedStatus
}

func (m *memFeeds) Feeds(context.Context) ([]model.FeedStatus, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := make([]model.FeedStatus, 0, len(m.feeds))
	for _, f := range m.feeds {
		out = append(out, f)
	}
	return out, nil
}

func (m *memFeeds) AddFeed(_ context.Context, u string) (model.FeedStatus, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if strings.Contains(u, "refused") {
		return model.FeedStatus{}, fmt.Errorf("feed %s: %w", u, os.ErrInvalid)
	}
	f := model.FeedStatus{ID: fmt.Sprintf("f%d", len(m.feeds)+1), URL: u, Status: model.FeedOK}
	m.feeds[f.ID] = f
	return f, nil
}

func (m *memFeeds) RemoveFeed(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.feeds[id]; !ok {
		return fmt.Errorf("feed %s: %w", id, os.ErrNotExist)
	}
	delete(m.feeds, id)
	return nil
}

func TestWriteEndpointsNeedTheToken(t *testing.T) {
	feeds := &memFeeds{feeds: map[string]model.FeedStatus{}}
	srv, _ := testServer(t, func(o *Options) { o.Feeds = feeds })
	body := func() *strings.Reader { return strings.NewReader(`{"url":"https://example.org/rss"}`) }
	jsonHdr := map[string]string{"Content-Type": "application/json"}
	with := func(auth string) map[string]string {
		return map[string]string{"Content-Type": "application/json", "Authorization": auth}
	}
	tests := []struct {
		name   string
		method string
		path   string
		hdr    map[string]string
		want   int
	}{
		{"no credential is 401", http.MethodPost, "/api/v1/feeds", jsonHdr, http.StatusUnauthorized},
		{"a wrong token is 403", http.MethodPost, "/api/v1/feeds", with("Bearer nope"), http.StatusForbidden},
		{"a malformed header is 403", http.MethodPost, "/api/v1/feeds", with("Token write-secret"), http.StatusForbidden},
		{"the right token adds the feed", http.MethodPost, "/api/v1/feeds", with("Bearer write-secret"), http.StatusCreated},
		{"delete without credential is 401", http.MethodDelete, "/api/v1/feeds/f1", nil, http.StatusUnauthorized},
		{"delete with a wrong token is 403", http.MethodDelete, "/api/v1/feeds/f1", map[string]string{"Authorization": "Bearer x"}, http.StatusForbidden},
		{"delete with the token removes it", http.MethodDelete, "/api/v1/feeds/f1", map[string]string{"Authorization": "Bearer write-secret"}, http.StatusNoContent},
		{"deleting it again is 404", http.MethodDelete, "/api/v1/feeds/f1", map[string]string{"Authorization": "Bearer write-secret"}, http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r response
			if tt.method == http.MethodPost {
				r = do(t, tt.method, srv.URL+tt.path, body(), tt.hdr)
			} else {
				r = do(t, tt.method, srv.URL+tt.path, nil, tt.hdr)
			}
			if r.status != tt.want {
				t.Fatalf("status %d, want %d; body %s", r.status, tt.want, r.body)
			}
			if r.status == http.StatusUnauthorized && r.header.Get("WWW-Authenticate") == "" {
				t.Error("401 without WWW-Authenticate")
			}
		})
	}
}

func TestAddFeedValidatesInput(t *testing.T) {
	feeds := &memFeeds{feeds: map[string]model.FeedStatus{}}
	srv, _ := testServer(t, func(o *Options) { o.Feeds = feeds; o.MaxBodyBytes = 1024 })
	auth := map[string]string{"Authorization": "Bearer write-secret", "Content-Type": "application/json"}
	tests := []struct {
		name string
		body string
		want int
	}{
		{"oversized body is 413", `{"url":"https://example.org/` + strings.Repeat("a", 4096) + `"}`, http.StatusRequestEntityTooLarge},
		{"not JSON is 400", `url=https://example.org`, http.StatusBadRequest},
		{"unknown field is 400", `{"url":"https://example.org/rss","x":1}`, http.StatusBadRequest},
		{"two objects are 400", `{"url":"https://a.org/rss"}{"url":"https://b.org/rss"}`, http.StatusBadRequest},
		{"javascript URL is 400", `{"url":"javascript:alert(1)"}`, http.StatusBadRequest},
		{"relative URL is 400", `{"url":"/rss"}`, http.StatusBadRequest},
		{"credentials in URL are 400", `{"url":"https://u:p@example.org/rss"}`, http.StatusBadRequest},
		{"a URL the fetcher refuses is 400", `{"url":"https://refused.example/rss"}`, http.StatusBadRequest},
		{"a good URL is 201", `{"url":"https://example.org/rss"}`, http.StatusCreated},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, http.MethodPost, srv.URL+"/api/v1/feeds", strings.NewReader(tt.body), auth)
			if r.status != tt.want {
				t.Fatalf("status %d, want %d; body %s", r.status, tt.want, r.body)
			}
			if r.status >= 400 {
				var e errorBody
				if err := json.Unmarshal(r.body, &e); err != nil || e.Error == "" {
					t.Errorf("error body %q is not {\"error\": ...}", r.body)
				}
			}
		})
	}
	// A streamed body with no Content-Length must hit the limit too.
	pr := strings.NewReader(`{"url":"https://example.org/` + strings.Repeat("b", 4096) + `"}`)
	req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/api/v1/feeds", struct{ *strings.Reader }{pr})
	req.Header.Set("Authorization", "Bearer write-secret")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked oversized body: status %d, want 413", res.StatusCode)
	}
}

func TestWritesDisabledWithoutToken(t *testing.T) {
	srv, _ := testServer(t, func(o *Options) { o.Token = ""; o.Feeds = &memFeeds{feeds: map[string]model.FeedStatus{}} })
	r := do(t, http.MethodPost, srv.URL+"/api/v1/feeds", strings.NewReader(`{"url":"https://a.org/"}`), map[string]string{"Authorization": "Bearer "})
	if r.status != http.StatusForbidden {
		t.Errorf("write with no server token: %d, want 403", r.status)
	}
}

func TestReadAuth(t *testing.T) {
	srv, _ := testServer(t, func(o *Options) { o.RequireReadAuth = true; o.ReadToken = "read-secret" })
	basic := func(pass string) string {
		req, _ := http.NewRequest(http.MethodGet, "/", nil)
		req.SetBasicAuth("anyone", pass)
		return req.Header.Get("Authorization")
	}
	tests := []struct {
		name, path, auth string
		want             int
	}{
		{"api without token is 401", "/api/v1/stories", "", http.StatusUnauthorized},
		{"api with a wrong token is 403", "/api/v1/stories", "Bearer nope", http.StatusForbidden},
		{"api with the read token", "/api/v1/stories", "Bearer read-secret", http.StatusOK},
		{"the write token reads too", "/api/v1/claims", "Bearer write-secret", http.StatusOK},
		{"dashboard asks the browser for a login", "/", "", http.StatusUnauthorized},
		{"dashboard with basic auth", "/", basic("read-secret"), http.StatusOK},
		{"probes stay open", "/healthz", "", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hdr := map[string]string{}
			if tt.auth != "" {
				hdr["Authorization"] = tt.auth
			}
			r := do(t, http.MethodGet, srv.URL+tt.path, nil, hdr)
			if r.status != tt.want {
				t.Errorf("status %d, want %d", r.status, tt.want)
			}
		})
	}
	if r := get(t, srv.URL+"/"); !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Basic") {
		t.Errorf("dashboard 401 challenges with %q, want Basic", r.header.Get("WWW-Authenticate"))
	}
}

// injections are strings that break naive SQL, FTS5 and LIKE handling.
var injections = []string{
	`' OR '1'='1`, `' OR 1=1 --`, `"; DROP TABLE claims; --`, `1; DELETE FROM stories`,
	`%`, `_`, `*`, `" OR ""="`, `NEAR(putin business)`, `speaker:Putin`, `content:*`,
	`putin AND NOT x`, `^putin`, `') UNION SELECT id, text FROM articles --`, `\`, `$1`,
	`'||(SELECT sqlite_version())||'`, "\u0000", `ðŸ’¥ 日本語 «»`, strings.Repeat("x", 300),
}

var word = regexp.MustCompile(`[\p{L}\p{N}]+`)

func TestInjectionInEveryFilter(t *testing.T) {
	srv, st := testServer(t, nil)
	before, err := st.Counts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, param := range []string{"q", "speaker", "entity", "kind", "since", "story", "cursor", "limit"} {
		for _, inj := range injections {
			r := get(t, srv.URL+"/api/v1/claims?"+url.Values{param: {inj}}.Encode())
			if r.status != http.StatusOK && r.status != http.StatusBadRequest {
				t.Errorf("%s=%q: status %d, want 200 or 400; body %s", param, inj, r.status, r.body)
				continue
			}
			if r.status != http.StatusOK {
				continue
			}
			var page store.ClaimPage
			if err := json.Unmarshal(r.body, &page); err != nil {
				t.Fatalf("%s=%q: %v", param, inj, err)
			}
			switch param {
			case "q":
				// Every hit must share a word with the query: nothing is
				// returned just because the query broke out of its quotes.
				for _, c := range page.Claims {
					hay := strings.ToLower(c.Text + " " + c.Content + " " + c.Speaker)
					if !sharesWord(hay, inj) {
						t.Errorf("q=%q returned unrelated claim %s", inj, c.ID)
					}
				}
			default:
				if len(page.Claims) != 0 {
					t.Errorf("%s=%q returned %d claims, want none", param, inj, len(page.Claims))
				}
			}
		}
	}
	for _, inj := range injections {
		for _, base := range []string{"/api/v1/stories/", "/api/v1/claims/", "/api/v1/articles/", "/stories/"} {
			r := get(t, srv.URL+base+url.PathEscape(inj))
			if r.status >= 500 {
				t.Errorf("GET %s%q: status %d", base, inj, r.status)
			}
		}
		r := get(t, srv.URL+"/claims?"+url.Values{"q": {inj}, "speaker": {inj}}.Encode())
		if r.status >= 500 {
			t.Errorf("dashboard search %q: status %d", inj, r.status)
		}
	}
	after, err := st.Counts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if before != after {
		t.Errorf("table sizes changed under injection: %+v -> %+v", before, after)
	}
}

func sharesWord(hay, query string) bool {
	for _, w := range word.FindAllString(strings.ToLower(query), -1) {
		if strings.Contains(hay, w) {
			return true
		}
	}
	return false
}

// stalledStore is the real store with one read that never finishes, as a
// database under a lock would behave.
type stalledStore struct{ *store.SQLite }

func (s stalledStore) ListStories(ctx context.Context, _ string, _ int) (store.StoryPage, error) {
	<-ctx.Done()
	return store.StoryPage{}, ctx.Err()
}

func TestBackendFailuresDoNotLeak(t *testing.T) {
	st := newStore(t)
	seed(t, st)
	srv := httptest.NewServer(New(Options{Store: stalledStore{st}, Logger: zaptest.NewLogger(t), RequestTimeout: 50 * time.Millisecond}))
	t.Cleanup(srv.Close)
	if r := get(t, srv.URL+"/api/v1/stories"); r.status != http.StatusServiceUnavailable {
		t.Errorf("stalled store: status %d, want 503 after the request timeout", r.status)
	}
	if err := st.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	r := get(t, srv.URL+"/api/v1/claims?q=putin")
	if r.status != http.StatusInternalServerError || !strings.Contains(string(r.body), `"internal error"`) {
		t.Errorf("closed store: %d %s, want 500 internal error", r.status, r.body)
	}
	if strings.Contains(strings.ToLower(string(r.body)), "closed") {
		t.Errorf("the store's error leaked: %s", r.body)
	}
}
