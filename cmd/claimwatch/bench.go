package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/service"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// benchResult is the last line `claimwatch bench --json` prints.
type benchResult struct {
	Articles         int     `json:"articles"`
	Source           string  `json:"source"`
	ArticlesPerSec   float64 `json:"articles_per_sec"`
	RawMsgsPerSec    float64 `json:"raw_msgs_per_sec"`
	Ratio            float64 `json:"ratio"`
	P50ms            float64 `json:"p50_ms"`
	P99ms            float64 `json:"p99_ms"`
	LatencyRate      float64 `json:"latency_rate_per_sec"`
	ThroughputP50ms  float64 `json:"throughput_p50_ms"`
	ThroughputP99ms  float64 `json:"throughput_p99_ms"`
	CPUmsPerArticle  float64 `json:"cpu_ms_per_article"`
	PeakRSSMB        float64 `json:"peak_rss_mb"`
	Claims           int64   `json:"claims"`
	Duplicates       int64   `json:"duplicates"`
	PayloadMeanBytes int     `json:"payload_mean_bytes"`
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg pipelineConfig
	var n, latencyN int
	var rate float64
	var corpus string
	var asJSON bool
	var cpuProfile string
	f := service.NewFlags("claimwatch bench", "claimwatch bench: publish N articles into cw.articles.raw, wait until every stage is done with them,\nand compare with one bare JetStream hop of the same payloads.")
	f.SetOutput(stderr)
	cfg.register(f)
	f.Int(&n, "articles", "", 1500, "articles in the throughput run")
	f.Int(&latencyN, "latency-articles", "", 500, "articles in the fixed-rate latency run (0 skips it)")
	f.Float(&rate, "rate", "", 500, "articles per second in the latency run")
	f.String(&corpus, "corpus", "CW_CORPUS", "../shared/corpus", "corpus directory holding bbc/articles.jsonl (the embedded seeds are used when absent)")
	f.Bool(&asJSON, "json", "", false, "print the result as JSON on the last line")
	f.String(&cpuProfile, "cpuprofile", "", "", "write a CPU profile of the whole run to this file (for go tool pprof)")
	if err := f.Parse(args); err != nil {
		return err
	}
	if cpuProfile != "" {
		pf, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	if n <= 0 {
		return fmt.Errorf("%w: --articles must be positive", service.ErrUsage)
	}
	run := randomHex(4)
	if cfg.Data == "" {
		dir, err := os.MkdirTemp("", "claimwatch-bench-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.Data = dir
	}
	ownPrefix := cfg.NATS != "" && cfg.Prefix == ""
	if ownPrefix {
		cfg.Prefix = "bench" + run // never touch a real deployment's streams
	}
	if cfg.LogLevel == "info" {
		cfg.LogLevel = "warn"
	}
	cfg.HTTP = ""
	src, srcName, err := loadBenchSources(corpus)
	if err != nil {
		return err
	}
	if n+latencyN > len(src) {
		// An article past the corpus repeats a text with a new paragraph:
		// dedup folds it into a copy, which skips extraction and most of
		// the store, so the figures would flatter the pipeline.
		fmt.Fprintf(stderr, "bench: warning: %d articles from %d distinct texts; the last %d repeat a text and are stored as copies\n",
			n+latencyN, len(src), n+latencyN-len(src))
	}
	articles := makeBenchArticles(src, n+latencyN, run, 0.1)
	payloads := make([][]byte, len(articles))
	total := 0
	for i := range articles {
		if payloads[i], err = model.Encode(&articles[i]); err != nil {
			return err
		}
		total += len(payloads[i])
	}

	done := newCompletions()
	cfg.wrap = done.wrap
	pl, err := startPipeline(ctx, &cfg)
	if err != nil {
		return err
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- pl.run(runCtx) }()

	res := benchResult{Articles: n, Source: srcName, PayloadMeanBytes: total / len(payloads)}
	fmt.Fprintf(stderr, "bench: raw JetStream baseline, %d messages of %d bytes on average\n", n, res.PayloadMeanBytes)
	if res.RawMsgsPerSec, err = rawBaseline(ctx, pl.proc.Conn, payloads[:n], run); err != nil {
		stop()
		<-errc
		return err
	}
	cpu0 := cpuTime()
	fmt.Fprintf(stderr, "bench: pipeline throughput, %d articles\n", n)
	start := time.Now()
	lat, err := publishAndWait(ctx, pl.proc.Conn, articles[:n], payloads[:n], done, 0)
	if err == nil {
		elapsed := time.Since(start)
		res.ArticlesPerSec = float64(n) / elapsed.Seconds()
		res.CPUmsPerArticle = float64((cpuTime() - cpu0).Milliseconds()) / float64(n)
		res.ThroughputP50ms, res.ThroughputP99ms = percentile(lat, 50), percentile(lat, 99)
		if latencyN > 0 {
			fmt.Fprintf(stderr, "bench: latency at %.0f articles/s, %d articles\n", rate, latencyN)
			lat, err = publishAndWait(ctx, pl.proc.Conn, articles[n:], payloads[n:], done, rate)
			res.LatencyRate = rate
		}
		res.P50ms, res.P99ms = percentile(lat, 50), percentile(lat, 99)
	}
	if err == nil {
		var counts store.Counts
		if counts, err = pl.store.Counts(ctx); err == nil {
			res.Claims, res.Duplicates = counts.Claims, counts.Duplicates
		}
	}
	stop()
	if rerr := <-errc; err == nil {
		err = rerr
	}
	if ownPrefix {
		if derr := deleteRunTopology(ctx, &cfg.Common); derr != nil {
			fmt.Fprintf(stderr, "bench: removing the run's streams: %v\n", derr)
		}
	}
	if err != nil {
		return err
	}
	if res.RawMsgsPerSec > 0 {
		res.Ratio = res.ArticlesPerSec / res.RawMsgsPerSec
	}
	res.PeakRSSMB = peakRSSMB()
	printBench(stdout, res, asJSON)
	return nil
}

// deleteRunTopology removes the streams and buckets of a run against an
// external server, over a connection of its own (the pipeline's closed
// with it). They reserve their maximum size on the server: left behind, a
// few runs exhaust its JetStream storage.
func deleteRunTopology(ctx context.Context, c *service.Common) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	conn, err := bus.Connect(ctx, c.BusOptions("claimwatch-bench-cleanup"), zap.NewNop())
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	return conn.DeletePrefixed(ctx)
}

// completions records when the store finished with each article: its
// claim batch applied, or its duplicate link stored.
type completions struct {
	mu   sync.Mutex
	at   map[string]time.Time
	wake chan struct{}
}

func newCompletions() *completions {
	return &completions{at: map[string]time.Time{}, wake: make(chan struct{}, 1)}
}

func (c *completions) wrap(h bus.Handler) bus.Handler {
	return func(ctx context.Context, m *bus.Message) error {
		if err := h(ctx, m); err != nil {
			return err
		}
		var id string
		switch m.Subject {
		case bus.SubjectClaimsExtracted:
			var b model.ClaimBatch
			if model.Decode(m.Data, &b) == nil {
				id = b.Article.ID
			}
		case bus.SubjectArticlesDuplicate:
			var d model.DuplicateArticle
			if model.Decode(m.Data, &d) == nil {
				id = d.Article.ID
			}
		}
		if id != "" {
			c.mu.Lock()
			if _, ok := c.at[id]; !ok {
				c.at[id] = time.Now()
			}
			c.mu.Unlock()
			select {
			case c.wake <- struct{}{}:
			default:
			}
		}
		return nil
	}
}

// publishAndWait publishes the articles (at rate per second, or as fast
// as the server acknowledges when rate is 0) and waits until each is
// complete. It returns each article's latency in milliseconds.
func publishAndWait(ctx context.Context, conn *bus.Conn, arts []model.Article, payloads [][]byte, done *completions, rate float64) ([]float64, error) {
	js := conn.JetStream()
	sent := make([]time.Time, len(arts))
	subject := conn.Names().Subject(bus.SubjectArticlesRaw)
	var interval time.Duration
	if rate > 0 {
		interval = time.Duration(float64(time.Second) / rate)
	}
	begin := time.Now()
	for i := range arts {
		if interval > 0 {
			if d := time.Until(begin.Add(time.Duration(i) * interval)); d > 0 {
				time.Sleep(d)
			}
		}
		sent[i] = time.Now()
		if _, err := js.PublishAsync(subject, payloads[i], jetstream.WithMsgID(arts[i].ID)); err != nil {
			return nil, fmt.Errorf("bench publish: %w", err)
		}
	}
	select {
	case <-js.PublishAsyncComplete():
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	deadline := time.Now().Add(10*time.Minute + time.Duration(len(arts))*10*time.Millisecond)
	for {
		done.mu.Lock()
		missing := 0
		for _, a := range arts {
			if _, ok := done.at[a.ID]; !ok {
				missing++
			}
		}
		done.mu.Unlock()
		if missing == 0 {
			break
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("bench: %d of %d articles never completed", missing, len(arts))
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-done.wake:
		case <-time.After(100 * time.Millisecond):
		}
	}
	lat := make([]float64, len(arts))
	done.mu.Lock()
	for i, a := range arts {
		lat[i] = float64(done.at[a.ID].Sub(sent[i]).Microseconds()) / 1000
	}
	done.mu.Unlock()
	return lat, nil
}

// rawBaseline publishes the payloads to a stream of their own and
// consumes them with acks through one pull consumer: one bare JetStream
// hop, the transport's ceiling.
func rawBaseline(ctx context.Context, conn *bus.Conn, payloads [][]byte, run string) (float64, error) {
	js := conn.JetStream()
	name := "BENCH_RAW_" + strings.ToUpper(run)
	subject := "bench.raw." + run
	s, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: name, Subjects: []string{subject}, Storage: jetstream.FileStorage, MaxMsgSize: 8 << 20})
	if err != nil {
		return 0, fmt.Errorf("bench baseline stream: %w", err)
	}
	defer js.DeleteStream(context.WithoutCancel(ctx), name)
	cons, err := s.CreateConsumer(ctx, jetstream.ConsumerConfig{Durable: "bench", AckPolicy: jetstream.AckExplicitPolicy, MaxAckPending: 4096})
	if err != nil {
		return 0, fmt.Errorf("bench baseline consumer: %w", err)
	}
	got := make(chan struct{})
	var acked int
	cc, err := cons.Consume(func(m jetstream.Msg) {
		_ = m.Ack()
		acked++
		if acked == len(payloads) {
			close(got)
		}
	}, jetstream.PullMaxMessages(1024))
	if err != nil {
		return 0, fmt.Errorf("bench baseline consume: %w", err)
	}
	defer cc.Stop()
	start := time.Now()
	for i, p := range payloads {
		if _, err := js.PublishAsync(subject, p, jetstream.WithMsgID(fmt.Sprintf("%s-%d", run, i))); err != nil {
			return 0, fmt.Errorf("bench baseline publish: %w", err)
		}
	}
	select {
	case <-got:
	case <-ctx.Done():
		return 0, ctx.Err()
	case <-time.After(10 * time.Minute):
		return 0, fmt.Errorf("bench baseline: %d of %d consumed", acked, len(payloads))
	}
	return float64(len(payloads)) / time.Since(start).Seconds(), nil
}

func percentile(ms []float64, p float64) float64 {
	if len(ms) == 0 {
		return 0
	}
	s := slices.Clone(ms)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakRSSMB reads the process's high-water resident set size.
func peakRSSMB() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Maxrss) / 1024 // Linux reports KiB
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func printBench(w io.Writer, r benchResult, asJSON bool) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "articles\t%d (%s, %d-byte payloads on average)\n", r.Articles, filepath.Base(r.Source), r.PayloadMeanBytes)
	fmt.Fprintf(tw, "end to end\t%.0f articles/s\n", r.ArticlesPerSec)
	fmt.Fprintf(tw, "raw JetStream hop\t%.0f msgs/s\n", r.RawMsgsPerSec)
	fmt.Fprintf(tw, "ratio\t%.3f\n", r.Ratio)
	fmt.Fprintf(tw, "latency at %.0f/s\tp50 %.1f ms, p99 %.1f ms\n", r.LatencyRate, r.P50ms, r.P99ms)
	fmt.Fprintf(tw, "latency at full speed\tp50 %.1f ms, p99 %.1f ms\n", r.ThroughputP50ms, r.ThroughputP99ms)
	fmt.Fprintf(tw, "cpu\t%.2f ms/article\n", r.CPUmsPerArticle)
	fmt.Fprintf(tw, "peak rss\t%.0f MB\n", r.PeakRSSMB)
	fmt.Fprintf(tw, "stored\t%d claims, %d duplicates\n", r.Claims, r.Duplicates)
	_ = tw.Flush()
	if asJSON {
		b, _ := json.Marshal(r)
		fmt.Fprintln(w, string(b))
	}
}
