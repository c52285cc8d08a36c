package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/alert"
	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/service"
)

// BenchmarkArticleToWebhook measures, in embedded mode, the time from an
// article's publication on cw.articles.raw to the first webhook request
// carrying one of its claims, with articles published at 200 per second.
// b.N articles are published; p50 and p99 are reported as metrics.
//
//	go test ./cmd/claimwatch -run '^$' -bench ArticleToWebhook -benchtime 2000x
func BenchmarkArticleToWebhook(b *testing.B) {
	const rate = 200
	var mu sync.Mutex
	first := map[string]time.Time{}
	got := make(chan struct{}, 1)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		now := time.Now()
		var p alert.Payload
		if json.Unmarshal(body, &p) == nil {
			mu.Lock()
			for _, a := range p.Articles {
				if _, ok := first[a.ID]; !ok {
					first[a.ID] = now
				}
			}
			mu.Unlock()
			select {
			case got <- struct{}{}:
			default:
			}
		}
		w.WriteHeader(http.StatusNoContent)
	}))
	defer hook.Close()

	// The corpus holds a few near-identical articles; dedup folds them,
	// so they raise no alert of their own and are left out.
	dups := map[string]bool{}
	cfg := &pipelineConfig{
		Common:  service.Common{LogLevel: "error", LogFormat: "json", Data: b.TempDir(), Replicas: 1},
		Webhook: hook.URL, Secret: "bench", Concurrency: 4, StoreConcurrency: 64,
		wrap: func(h bus.Handler) bus.Handler {
			return func(ctx context.Context, m *bus.Message) error {
				if err := h(ctx, m); err != nil || m.Subject != bus.SubjectArticlesDuplicate {
					return err
				}
				var d model.DuplicateArticle
				if model.Decode(m.Data, &d) == nil {
					mu.Lock()
					dups[d.Article.ID] = true
					mu.Unlock()
				}
				return nil
			}
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pl, err := startPipeline(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- pl.run(ctx) }()
	defer func() { cancel(); <-done }()

	src, _, err := loadBenchSources("../../../shared/corpus")
	if err != nil {
		b.Fatal(err)
	}
	arts := makeBenchArticles(src, b.N, fmt.Sprintf("lat%d", b.N), 0)
	sent := make([]time.Time, len(arts))
	b.ResetTimer()
	cpu0 := cpuTime()
	start := time.Now()
	for i := range arts {
		if d := time.Until(start.Add(time.Duration(i) * time.Second / rate)); d > 0 {
			time.Sleep(d)
		}
		data, err := model.Encode(&arts[i])
		if err != nil {
			b.Fatal(err)
		}
		sent[i] = time.Now()
		if err := pl.proc.Conn.Publish(ctx, bus.SubjectArticlesRaw, arts[i].ID, data); err != nil {
			b.Fatal(err)
		}
	}
	// Wait until every unique article reached the webhook, or until none
	// has arrived for 10 s: an article whose claims were all known
	// already raises no claim.new alert.
	quiet := time.Now().Add(10 * time.Second)
	last := -1
	for {
		mu.Lock()
		n := 0
		for _, a := range arts {
			if _, ok := first[a.ID]; ok || dups[a.ID] {
				n++
			}
		}
		mu.Unlock()
		if n == len(arts) {
			break
		}
		if n != last {
			last, quiet = n, time.Now().Add(10*time.Second)
		}
		if time.Now().After(quiet) {
			if n < len(arts)*95/100 {
				b.Fatalf("only %d of %d articles reached the webhook", n, len(arts))
			}
			break
		}
		select {
		case <-got:
		case <-time.After(50 * time.Millisecond):
		}
	}
	b.StopTimer()
	// CPU per article is the steadier figure when other work shares the
	// cores: latency there measures the neighbours as much as the pipeline.
	cpuPer := float64((cpuTime() - cpu0).Microseconds()) / 1000 / float64(len(arts))
	var lat []float64
	mu.Lock()
	for i, a := range arts {
		if at, ok := first[a.ID]; ok {
			lat = append(lat, float64(at.Sub(sent[i]).Microseconds())/1000)
		}
	}
	mu.Unlock()
	b.ReportMetric(float64(len(lat)), "alerted_articles")
	b.ReportMetric(percentile(lat, 50), "p50_ms")
	b.ReportMetric(percentile(lat, 99), "p99_ms")
	b.ReportMetric(cpuPer, "cpu_ms/article")
}
