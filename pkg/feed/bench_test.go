package feed

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/natstest"
)

// discard is a Publisher that only counts, so the benchmark measures the
// fetcher and not the bus.
type discard struct{ n atomic.Int64 }

func (d *discard) Publish(context.Context, string, string, []byte) error {
	d.n.Add(1)
	return nil
}

// benchFarm serves feeds on many loopback addresses (127.77.x.y), so the
// per-host limit works as it would against many publishers. Feeds with an
// even number answer conditional requests with 304; odd ones send the same
// 200 body every time, which the fetcher must parse and find nothing new.
type benchFarm struct {
	urls []string
	srvs []*http.Server
}

func newBenchFarm(b *testing.B, feeds, hosts int) *benchFarm {
	b.Helper()
	body := func(n int) string {
		var sb strings.Builder
		sb.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed ` + strconv.Itoa(n) + `</title>`)
		for i := range 5 {
			fmt.Fprintf(&sb, "<item><title>Story %d of feed %d</title><link>https://news%d.example/story/%d</link><description>Officials said on Tuesday that about %d,000 troops had arrived, according to a report.</description><pubDate>Mon, 21 Oct 2024 1%d:00:00 GMT</pubDate></item>", i, n, n, i, i+1, i)
		}
		sb.WriteString("</channel></rss>")
		return sb.String()
	}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/feed/"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		if n%2 == 0 {
			etag := `"e` + strconv.Itoa(n) + `"`
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		_, _ = w.Write([]byte(body(n)))
	})
	farm := &benchFarm{}
	addrs := make([]string, hosts)
	for i := range hosts {
		ln, err := net.Listen("tcp", fmt.Sprintf("127.77.%d.%d:0", i/250, i%250+1))
		if err != nil {
			b.Skipf("cannot listen on a 127.77.x.y address (needs the whole 127/8 on loopback): %v", err)
		}
		srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
		go func() { _ = srv.Serve(ln) }()
		farm.srvs = append(farm.srvs, srv)
		addrs[i] = ln.Addr().String()
	}
	b.Cleanup(func() {
		for _, s := range farm.srvs {
			_ = s.Close()
		}
	})
	for n := range feeds {
		farm.urls = append(farm.urls, fmt.Sprintf("http://%s/feed/%d", addrs[n%hosts], n))
	}
	return farm
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkPoll polls 10,000 feeds on 500 loopback hosts, half of them
// answering 304, one full round per iteration, and reports polls/s, CPU
// per poll (client and server: both run in this process) and the
// fetcher's memory per idle feed (its schedule; the state is in the store).
// Run: go test ./pkg/feed -run XXX -bench Poll -benchtime 3x
func BenchmarkPoll(b *testing.B) {
	for _, tc := range []struct {
		name  string
		feeds int
		store func(b *testing.B) StateStore
	}{
		{"memory_store", 10000, func(*testing.B) StateStore { return NewMemoryStore() }},
		{"kv_store", 10000, func(b *testing.B) StateStore {
			s, err := OpenKVStore(b.Context(), natstest.Start(b))
			if err != nil {
				b.Fatal(err)
			}
			return s
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			farm := newBenchFarm(b, tc.feeds, 500)
			store := tc.store(b)
			entries := make([]ListEntry, len(farm.urls))
			for i, u := range farm.urls {
				entries[i] = ListEntry{URL: u}
			}
			if _, err := Import(b.Context(), store, entries); err != nil {
				b.Fatal(err)
			}
			cfg := DefaultConfig()
			cfg.AllowPrivateNetworks = true
			cfg.DisableFullText = true
			cfg.Once = true
			pub := &discard{}
			f, err := New(cfg, pub, store, zap.NewNop(), nil)
			if err != nil {
				b.Fatal(err)
			}
			before := heapInUse()
			if err := f.rescan(b.Context()); err != nil {
				b.Fatal(err)
			}
			perFeed := float64(heapInUse()-before) / float64(tc.feeds)
			// Warm-up round: first poll of every feed publishes its items.
			if err := f.runOnce(b.Context()); err != nil {
				b.Fatal(err)
			}
			if got := pub.n.Load(); got != int64(5*tc.feeds) {
				b.Fatalf("warm-up published %d articles, want %d", got, 5*tc.feeds)
			}
			cpu0, start := cpuTime(), time.Now()
			rounds := 0
			b.ReportAllocs()
			for b.Loop() {
				if err := f.runOnce(b.Context()); err != nil {
					b.Fatal(err)
				}
				rounds++
			}
			el, cpu := time.Since(start), cpuTime()-cpu0
			polls := float64(rounds * tc.feeds)
			if pub.n.Load() != int64(5*tc.feeds) {
				b.Errorf("steady-state rounds published %d more articles, want 0", pub.n.Load()-int64(5*tc.feeds))
			}
			b.ReportMetric(polls/el.Seconds(), "polls/s")
			b.ReportMetric(float64(cpu.Microseconds())/polls, "cpu_us/poll")
			b.ReportMetric(perFeed, "B/idle_feed")
		})
	}
}
