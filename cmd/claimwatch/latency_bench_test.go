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

	cfg := &pipelineConfig{
		Common:  service.Common{LogLevel: "error", LogFormat: "json", Data: b.TempDir(), Replicas: 1},
		Webhook: hook.URL, Secret: "bench", Concurrency: 4, StoreConcurrency: 64,
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
	deadline := time.Now().Add(2 * time.Minute)
	for {
		mu.Lock()
		n := 0
		for _, a := range arts {
			if _, ok := first[a.ID]; ok {
				n++
			}
		}
		mu.Unlock()
		if n == len(arts) {
			break
		}
		if time.Now().After(deadline) {
			b.Fatalf("only %d of %d articles reached the webhook", n, len(arts))
		}
		select {
		case <-got:
		case <-time.After(50 * time.Millisecond):
		}
	}
	b.StopTimer()
	lat := make([]float64, len(arts))
	mu.Lock()
	for i, a := range arts {
		lat[i] = float64(first[a.ID].Sub(sent[i]).Microseconds()) / 1000
	}
	mu.Unlock()
	b.ReportMetric(percentile(lat, 50), "p50_ms")
	b.ReportMetric(percentile(lat, 99), "p99_ms")
}
