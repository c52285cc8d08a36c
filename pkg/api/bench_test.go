package api

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// Shape of the benchmark data set: 100,000 claims in 1,000 stories of 10
// articles each, so a story page carries 100 claims and a word search
// scans a realistic full-text index.
const (
	benchClaims          = 100_000
	benchStories         = 1_000
	benchArticlesByStory = 10
)

var benchWords = func() []string {
	base := []string{"troops", "border", "minister", "sanctions", "missile", "treaty", "election", "budget",
		"inflation", "ceasefire", "refugees", "pipeline", "summit", "drone", "tariff", "vaccine", "strike",
		"parliament", "court", "protest", "harbor", "grain", "satellite", "reactor", "embassy", "convoy"}
	out := make([]string, 0, 520)
	for i := range 20 {
		for _, w := range base {
			out = append(out, fmt.Sprintf("%s%d", w, i))
		}
	}
	return out
}()

// benchDir and benchDB are the benchmark store, built once per process
// (it takes a while) and removed by TestMain.
var (
	benchDir string
	benchDB  *store.SQLite
)

// benchKeepEnv names a file to keep the benchmark store in: building it
// takes minutes, so repeated runs (benchstat needs several) can reuse it.
const benchKeepEnv = "CW_API_BENCH_DB"

var benchStore = sync.OnceValues(func() (*store.SQLite, error) {
	ctx := context.Background()
	path := os.Getenv(benchKeepEnv)
	reuse := false
	if path != "" {
		_, err := os.Stat(path)
		reuse = err == nil
	} else {
		dir, err := os.MkdirTemp("", "cw-api-bench-")
		if err != nil {
			return nil, err
		}
		benchDir = dir
		path = filepath.Join(dir, "bench.db")
	}
	st, err := store.OpenSQLite(ctx, path, zap.NewNop(), store.WithConflictFunc(overlap), store.WithBatchSize(256))
	if err != nil {
		return nil, err
	}
	benchDB = st
	if reuse {
		n, err := st.Counts(ctx)
		if err != nil {
			return nil, err
		}
		if n.Claims != benchClaims {
			return nil, fmt.Errorf("%s holds %d claims, want %d: delete it to rebuild", path, n.Claims, benchClaims)
		}
		// A store built by an older schema fails its queries: say so
		// rather than benchmark 500s.
		if _, err := st.ListClaims(ctx, store.ClaimFilter{Q: benchWords[0]}, "", 1); err != nil {
			return nil, fmt.Errorf("%s does not fit this store version (%w): delete it to rebuild", path, err)
		}
		return st, nil
	}
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	perArticle := benchClaims / (benchStories * benchArticlesByStory)
	var wg sync.WaitGroup
	errs := make(chan error, benchStories)
	sem := make(chan struct{}, 8) // concurrent writers let the store batch them
	for s := range benchStories {
		sem <- struct{}{}
		wg.Add(1)
		go func(s int, seed uint64) {
			defer wg.Done()
			defer func() { <-sem }()
			errs <- benchWriteStory(ctx, st, s, perArticle, start, rand.New(rand.NewPCG(seed, uint64(s))))
		}(s, rng.Uint64())
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			return nil, err
		}
	}
	n, err := st.Counts(ctx)
	if err != nil {
		return nil, err
	}
	if n.Claims != benchClaims {
		return nil, fmt.Errorf("built %d claims, want %d", n.Claims, benchClaims)
	}
	return st, nil
})

func benchWriteStory(ctx context.Context, st store.Store, s, perArticle int, start time.Time, rng *rand.Rand) error {
	storyID := fmt.Sprintf("story-%04d", s)
	for a := range benchArticlesByStory {
		art := model.Article{
			ID: fmt.Sprintf("art-%04d-%02d", s, a), URL: fmt.Sprintf("https://outlet%d.example/%d/%d", a, s, a),
			FeedURL: fmt.Sprintf("https://outlet%d.example/rss", a), Title: fmt.Sprintf("Story %d report %d", s, a),
			Text: "text", ContentHash: fmt.Sprintf("h%d-%d", s, a), Published: start.Add(time.Duration(s*60+a) * time.Minute),
		}
		art.Fetched = art.Published
		if err := st.ApplyUnique(ctx, &model.UniqueArticle{V: model.Version, Article: art, StoryID: storyID, StoryNew: a == 0}); err != nil {
			return fmt.Errorf("article: %w", err)
		}
		b := &model.ClaimBatch{V: model.Version, Article: art.Ref(), Extractor: "bench"}
		b.Article.StoryID = storyID
		for c := range perArticle {
			id := fmt.Sprintf("c-%04d-%02d-%02d", s, a, c)
			w1, w2, w3 := benchWords[rng.IntN(len(benchWords))], benchWords[rng.IntN(len(benchWords))], benchWords[rng.IntN(len(benchWords))]
			cl := model.Claim{
				ID: id, Kind: model.KindQuote, Speaker: fmt.Sprintf("Speaker %d", rng.IntN(200)),
				Content:  fmt.Sprintf("the %s and the %s were discussed near the %s", w1, w2, w3),
				Entities: []string{fmt.Sprintf("Country %d", rng.IntN(50))}, Score: 0.7,
				Mentions: []model.Mention{{ArticleID: art.ID, Sentence: c, Start: c * 100, End: c*100 + 80}},
			}
			cl.Text = cl.Content + "."
			switch c % 5 {
			case 3:
				cl.Kind = model.KindStatement
			case 4:
				// Each article reports its own figure; the first two articles
				// of a story disagree about theirs, so every story has a few
				// conflicts, as real ones do, not hundreds.
				v, subject := float64(100*(1+rng.IntN(100))), fmt.Sprintf("subject %d-%d-%d", s, a, c)
				if a < 2 {
					v, subject = float64(1000+a*5000), fmt.Sprintf("subject %d-0-%d", s, c)
				}
				cl.Kind, cl.Speaker, cl.Source = model.KindQuantity, "", fmt.Sprintf("Agency %d", rng.IntN(30))
				cl.Subject = subject
				cl.Quantity = &model.Quantity{Value: v, Unit: "troops", Hedge: "about", Low: ptr(v * 0.9), High: ptr(v * 1.1)}
			}
			b.Claims = append(b.Claims, cl)
		}
		if _, err := st.ApplyClaims(ctx, b); err != nil {
			return fmt.Errorf("claims: %w", err)
		}
	}
	return nil
}

// BenchmarkHTTP measures the API and dashboard over 100,000 stored claims
// and reports the 50th and 99th percentile latency of each request kind.
func BenchmarkHTTP(b *testing.B) {
	if testing.Short() {
		b.Skip("builds a 100,000-claim store")
	}
	st, err := benchStore()
	if err != nil {
		b.Fatalf("build store: %v", err)
	}
	srv := httptest.NewServer(New(Options{Store: st, Logger: zap.NewNop()}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}, Timeout: 30 * time.Second}

	rng := rand.New(rand.NewPCG(3, 4))
	story := func() string { return fmt.Sprintf("story-%04d", rng.IntN(benchStories)) }
	word := func() string { return benchWords[rng.IntN(len(benchWords))] }
	cases := []struct {
		name string
		path func() string
	}{
		{"api_story", func() string { return "/api/v1/stories/" + story() }},
		{"page_story", func() string { return "/stories/" + story() }},
		{"api_claims_search", func() string { return "/api/v1/claims?" + url.Values{"q": {word()}}.Encode() }},
		{"api_claims_search_two_words", func() string { return "/api/v1/claims?" + url.Values{"q": {word() + " " + word()}}.Encode() }},
		{"api_claims_speaker_kind", func() string {
			return "/api/v1/claims?" + url.Values{"speaker": {fmt.Sprintf("Speaker %d", rng.IntN(200))}, "kind": {"quote"}}.Encode()
		}},
		{"page_claims_search", func() string { return "/claims?" + url.Values{"q": {word()}}.Encode() }},
		{"api_stories", func() string { return "/api/v1/stories" }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var lat []time.Duration
			for b.Loop() {
				t0 := time.Now()
				res, err := client.Get(srv.URL + c.path())
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Fatalf("status %d", res.StatusCode)
				}
				lat = append(lat, time.Since(t0))
			}
			slices.Sort(lat)
			pct := func(p float64) float64 {
				return float64(lat[min(len(lat)-1, int(float64(len(lat))*p))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
		})
	}
}
