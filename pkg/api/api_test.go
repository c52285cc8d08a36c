package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/alert"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// testServer serves the API over a seeded SQLite store. mod adjusts the
// options before New.
func testServer(t *testing.T, mod func(*Options)) (*httptest.Server, *store.SQLite) {
	t.Helper()
	st := newStore(t)
	seed(t, st)
	opts := Options{Store: st, Logger: zaptest.NewLogger(t), Token: "write-secret"}
	if mod != nil {
		mod(&opts)
	}
	srv := httptest.NewServer(New(opts))
	t.Cleanup(srv.Close)
	return srv, st
}

type response struct {
	status int
	header http.Header
	body   []byte
}

func do(t testing.TB, method, url string, body io.Reader, hdr map[string]string) response {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, url, body)
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	return response{status: res.StatusCode, header: res.Header, body: b}
}

func get(t testing.TB, url string) response { return do(t, http.MethodGet, url, nil, nil) }

// decode unmarshals a 200 answer, failing on any other status.
func decode[T any](t testing.TB, r response) T {
	t.Helper()
	var v T
	if r.status != http.StatusOK {
		t.Fatalf("status %d, body %s", r.status, r.body)
	}
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decode %T: %v; body %s", v, err, r.body)
	}
	return v
}

func claimIDs(cs []store.Claim) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

func TestStoriesListAndDetail(t *testing.T) {
	srv, _ := testServer(t, nil)
	page := decode[store.StoryPage](t, get(t, srv.URL+"/api/v1/stories"))
	if len(page.Stories) != 1 {
		t.Fatalf("got %d stories, want 1", len(page.Stories))
	}
	s := page.Stories[0]
	if s.ID != seedStory || s.ArticleCount < len(seedArticles) || s.ClaimCount != 7 {
		t.Errorf("story summary = %+v, want id %s, >= %d articles, 7 claims", s, seedStory, len(seedArticles))
	}

	st := decode[store.Story](t, get(t, srv.URL+"/api/v1/stories/"+seedStory))
	if st.Title != seedStoryTitle {
		t.Errorf("title = %q, want %q", st.Title, seedStoryTitle)
	}
	var folded bool
	for _, a := range st.Articles {
		if a.ID == seedDuplicate.ID {
			t.Errorf("duplicate %s listed as a story article; want it folded", a.ID)
		}
		for _, d := range a.Duplicates {
			folded = folded || d.ID == seedDuplicate.ID
		}
	}
	if !folded {
		t.Errorf("duplicate %s not folded under its original", seedDuplicate.ID)
	}
	if len(st.Conflicts) != 3 {
		t.Errorf("got %d conflicts, want 3 (1,500 / 3,000 / 12,000 pairwise)", len(st.Conflicts))
	}

	if r := get(t, srv.URL+"/api/v1/stories/nope"); r.status != http.StatusNotFound {
		t.Errorf("unknown story: status %d, want 404", r.status)
	}
}

func TestClaimFilters(t *testing.T) {
	srv, _ := testServer(t, nil)
	tests := []struct {
		name  string
		query string
		want  []string // claim ids, any order
	}{
		{"speaker matches case-insensitively", "speaker=vladimir+putin", []string{"c-putin-business", "c-putin-sovereign"}},
		{"kind keeps only figures", "kind=quantity", []string{"c-1500", "c-3000", "c-12000"}},
		{"full text finds a quote by its words", "q=framework+article", []string{"c-putin-business"}},
		{"entity filter", "entity=foreign+ministry", []string{"c-kim-statement"}},
		{"filters combine", "kind=quote&speaker=Vladimir+Putin&q=decision", []string{"c-putin-sovereign"}},
		{"since in the future finds nothing", "since=2999-01-01", nil},
		{"story filter", "story=" + seedStory + "&kind=statement", []string{"c-kim-statement"}},
		{"unknown story finds nothing", "story=nope", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := decode[store.ClaimPage](t, get(t, srv.URL+"/api/v1/claims?"+tt.query))
			got := claimIDs(page.Claims)
			if diff := cmp.Diff(tt.want, got, sortStrings, cmpEmpty); diff != "" {
				t.Errorf("claims (-want +got):\n%s", diff)
			}
		})
	}
}

func TestClaimAndArticleDetail(t *testing.T) {
	srv, _ := testServer(t, nil)
	c := decode[store.ClaimDetail](t, get(t, srv.URL+"/api/v1/claims/c-putin-business"))
	if len(c.Mentions) != 2 {
		t.Errorf("claim seen by two outlets has %d mentions, want 2", len(c.Mentions))
	}
	c12 := decode[store.ClaimDetail](t, get(t, srv.URL+"/api/v1/claims/c-12000"))
	if len(c12.Conflicts) != 2 {
		t.Errorf("12,000 conflicts with %d figures, want 2", len(c12.Conflicts))
	}
	a := decode[store.Article](t, get(t, srv.URL+"/api/v1/articles/a-ap"))
	if a.Title != seedArticles[1].Title || len(a.Claims) != 3 {
		t.Errorf("article = %q with %d claims, want %q with 3", a.Title, len(a.Claims), seedArticles[1].Title)
	}
	for _, path := range []string{"/api/v1/claims/nope", "/api/v1/articles/nope", "/api/v1/nothing"} {
		r := get(t, srv.URL+path)
		var e errorBody
		if r.status != http.StatusNotFound || json.Unmarshal(r.body, &e) != nil || e.Error == "" {
			t.Errorf("GET %s = %d %s, want 404 with a JSON error", path, r.status, r.body)
		}
	}
}

func TestConflictsNameBothFiguresAndSources(t *testing.T) {
	srv, _ := testServer(t, nil)
	page := decode[store.ConflictPage](t, get(t, srv.URL+"/api/v1/conflicts"))
	if len(page.Conflicts) != 3 {
		t.Fatalf("got %d conflicts, want 3", len(page.Conflicts))
	}
	for _, c := range page.Conflicts {
		if c.A.Quantity == nil || c.B.Quantity == nil || c.A.Source == "" || c.B.Source == "" {
			t.Errorf("conflict %s lacks figures or sources: %+v", c.ID, c)
		}
		if c.ArticleA.ID == "" || c.ArticleB.ID == "" {
			t.Errorf("conflict %s lacks its articles", c.ID)
		}
	}
}

func TestPaginationWalksEveryClaimOnce(t *testing.T) {
	srv, _ := testServer(t, nil)
	seen := map[string]int{}
	url := srv.URL + "/api/v1/claims?limit=2"
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
		p := decode[store.ClaimPage](t, get(t, url))
		if len(p.Claims) > 2 {
			t.Fatalf("page has %d claims, limit 2", len(p.Claims))
		}
		for _, c := range p.Claims {
			seen[c.ID]++
		}
		if p.Next == "" {
			break
		}
		url = srv.URL + "/api/v1/claims?limit=2&cursor=" + p.Next
	}
	if len(seen) != 7 {
		t.Errorf("walked %d distinct claims, want 7", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("claim %s seen %d times", id, n)
		}
	}
	for _, q := range []string{"limit=0", "limit=201", "limit=x", "cursor=garbage", "cursor=" + strings.Repeat("a", 2000)} {
		if r := get(t, srv.URL+"/api/v1/claims?"+q); r.status != http.StatusBadRequest {
			t.Errorf("?%s: status %d, want 400", q, r.status)
		}
	}
}

func TestETagAnswers304(t *testing.T) {
	srv, _ := testServer(t, nil)
	for _, path := range []string{"/api/v1/stories", "/api/v1/stories/" + seedStory, "/api/v1/claims?kind=quote", "/", "/stories/" + seedStory} {
		first := get(t, srv.URL+path)
		tag := first.header.Get("ETag")
		if first.status != http.StatusOK || tag == "" {
			t.Fatalf("GET %s = %d, ETag %q", path, first.status, tag)
		}
		again := do(t, http.MethodGet, srv.URL+path, nil, map[string]string{"If-None-Match": tag})
		if again.status != http.StatusNotModified || len(again.body) != 0 {
			t.Errorf("GET %s with If-None-Match: %d (%d bytes), want 304 and no body", path, again.status, len(again.body))
		}
		other := do(t, http.MethodGet, srv.URL+path, nil, map[string]string{"If-None-Match": `"other"`})
		if other.status != http.StatusOK {
			t.Errorf("GET %s with a stale tag: %d, want 200", path, other.status)
		}
	}
}

func TestAlertsAndFeeds(t *testing.T) {
	srv, _ := testServer(t, nil)
	alerts := decode[store.AlertPage](t, get(t, srv.URL+"/api/v1/alerts"))
	if len(alerts.Alerts) != 2 || alerts.Alerts[0].ID != "al-2" {
		t.Errorf("alerts = %+v, want al-2 then al-1", alerts.Alerts)
	}
	feeds := decode[feedList](t, get(t, srv.URL+"/api/v1/feeds"))
	if len(feeds.Feeds) < len(seedArticles) {
		t.Errorf("got %d feeds, want at least %d", len(feeds.Feeds), len(seedArticles))
	}
}

func TestProbesAndMetrics(t *testing.T) {
	reg := prometheus.NewRegistry()
	ready := error(nil)
	srv, _ := testServer(t, func(o *Options) {
		o.Registerer, o.Gatherer = reg, reg
		o.Ready = func(ctx context.Context) error { return ready }
	})
	if r := get(t, srv.URL+"/healthz"); r.status != http.StatusOK {
		t.Errorf("healthz %d", r.status)
	}
	if r := get(t, srv.URL+"/readyz"); r.status != http.StatusOK {
		t.Errorf("readyz %d", r.status)
	}
	ready = errors.New("database down")
	if r := get(t, srv.URL+"/readyz"); r.status != http.StatusServiceUnavailable || strings.Contains(string(r.body), "database") {
		t.Errorf("readyz when not ready = %d %s, want 503 without the reason", r.status, r.body)
	}
	get(t, srv.URL+"/api/v1/stories")
	m := get(t, srv.URL+"/metrics")
	if m.status != http.StatusOK || !strings.Contains(string(m.body), `claimwatch_api_requests_total{code="200",route="GET /api/v1/stories"}`) {
		t.Errorf("metrics lack the request counter:\n%.2000s", m.body)
	}
}

// fixedAlerts stands in for *alert.Alerter, which needs a KV bucket and
// sinks; the API only reads its list and rules.
type fixedAlerts struct{ recs []model.AlertRecord }

func (f fixedAlerts) Alerts(_ context.Context, limit int) ([]model.AlertRecord, error) {
	return f.recs[:min(limit, len(f.recs))], nil
}

func (f fixedAlerts) Rules() []alert.RuleInfo {
	return []alert.RuleInfo{{
		Name: "putin-quotes", Triggers: []string{model.EventClaimNew},
		Match: alert.Match{Speaker: alert.StringList{"Putin"}, Kind: alert.StringList{"quote"}},
		Sinks: []alert.SinkInfo{{Name: "ops", Type: "webhook", Target: "https://hooks.example/<b>x</b>"}},
	}}
}

func TestAlertsFromTheAlerter(t *testing.T) {
	recs := []model.AlertRecord{
		{ID: "x1", Rule: "putin-quotes", Sink: "ops", Summary: "quote 1", State: model.AlertPending},
		{ID: "x2", Rule: "putin-quotes", Sink: "ops", Summary: "quote 2", State: model.AlertDelivered},
	}
	srv, _ := testServer(t, func(o *Options) { o.Alerts = fixedAlerts{recs: recs} })
	got := decode[alertList](t, get(t, srv.URL+"/api/v1/alerts?limit=1"))
	if len(got.Alerts) != 1 || got.Alerts[0].ID != "x1" || len(got.Rules) != 1 || got.Rules[0].Name != "putin-quotes" {
		t.Errorf("alerts = %+v", got)
	}
	page := get(t, srv.URL+"/alerts")
	for _, want := range []string{"putin-quotes", "speaker Putin", "ops", "https://hooks.example/&lt;b&gt;x&lt;/b&gt;", "quote 2"} {
		if !strings.Contains(string(page.body), want) {
			t.Errorf("alerts page lacks %q", want)
		}
	}
	if r := get(t, srv.URL+"/api/v1/alerts?cursor=abc"); r.status != http.StatusBadRequest {
		t.Errorf("cursor on the alerter's single page: %d, want 400", r.status)
	}
}

func TestUnknownRoutesAndMethods(t *testing.T) {
	srv, _ := testServer(t, nil)
	tests := []struct {
		name, method, path string
		want               int
		json               bool
	}{
		{"unknown API path is a JSON 404", http.MethodGet, "/api/v1/nothing", http.StatusNotFound, true},
		{"wrong method on an API path is a JSON 405", http.MethodPut, "/api/v1/stories", http.StatusMethodNotAllowed, true},
		{"unknown page is an HTML 404", http.MethodGet, "/no/such/page", http.StatusNotFound, false},
		{"HEAD of a list works", http.MethodHead, "/api/v1/stories", http.StatusOK, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, tt.method, srv.URL+tt.path, nil, nil)
			if r.status != tt.want {
				t.Fatalf("status %d, want %d", r.status, tt.want)
			}
			ct := r.header.Get("Content-Type")
			if tt.json != strings.HasPrefix(ct, "application/json") {
				t.Errorf("content type %q", ct)
			}
			if tt.want == http.StatusMethodNotAllowed && !strings.Contains(r.header.Get("Allow"), "GET") {
				t.Errorf("405 without Allow: %v", r.header)
			}
		})
	}
}
