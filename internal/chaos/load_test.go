package chaos

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/bus"
)

// sample is one observation of the deployment.
type sample struct {
	at      time.Duration
	rss     map[string]int64   // stage -> largest replica RSS
	cpu     map[string]float64 // stage -> CPU cores used since the last sample (sum over replicas)
	backlog map[string]uint64  // consumer -> pending + ack pending
}

// sampler reads /proc for every replica and the consumers' backlog.
type sampler struct {
	d       *deployment
	lastCPU map[*replica]time.Duration
	lastAt  time.Time
	start   time.Time
}

func (s *sampler) take(ctx context.Context) sample {
	now := time.Now()
	sm := sample{at: now.Sub(s.start), rss: map[string]int64{}, cpu: map[string]float64{}, backlog: map[string]uint64{}}
	wall := now.Sub(s.lastAt)
	for _, r := range s.d.fleet.all() {
		pid := r.pid()
		if pid == 0 {
			continue
		}
		ps, err := readProc(pid)
		if err != nil {
			continue
		}
		sm.rss[r.stage] = max(sm.rss[r.stage], ps.rss)
		if prev, ok := s.lastCPU[r]; ok && wall > 0 && ps.cpu >= prev {
			sm.cpu[r.stage] += float64(ps.cpu-prev) / float64(wall)
		}
		s.lastCPU[r] = ps.cpu
	}
	s.lastAt = now
	for _, c := range bus.Consumers() {
		p, a, err := s.d.conn.Backlog(ctx, c.Durable)
		if err == nil {
			sm.backlog[c.Durable] = p + a
		}
	}
	return sm
}

// report formats samples as a table, one line per sample.
func report(samples []sample) string {
	var b strings.Builder
	var consumers []string
	for _, c := range bus.Consumers() {
		consumers = append(consumers, c.Durable)
	}
	sort.Strings(consumers)
	fmt.Fprintf(&b, "%6s", "t")
	for _, s := range stages {
		fmt.Fprintf(&b, " | %-9s rss  cpu", s)
	}
	for _, c := range consumers {
		fmt.Fprintf(&b, " | lag %s", c)
	}
	b.WriteString("\n")
	for _, sm := range samples {
		fmt.Fprintf(&b, "%5.0fs", sm.at.Seconds())
		for _, s := range stages {
			fmt.Fprintf(&b, " | %5.0f MiB %4.2f", float64(sm.rss[s])/(1<<20), sm.cpu[s])
		}
		for _, c := range consumers {
			fmt.Fprintf(&b, " | %*d", len("lag ")+len(c), sm.backlog[c])
		}
		b.WriteString("\n")
	}
	return b.String()
}

// TestLoad feeds articles at a fixed rate for 60 s and reports consumer
// lag, memory and CPU per stage every 5 s; then, for another 60 s at the
// same rate, makes the database slow (every packet to and from PostgreSQL
// delayed) and checks that the other stages' memory stays bounded while
// the store's backlog waits in JetStream.
func TestLoad(t *testing.T) {
	if os.Getenv("CW_LOAD_SUITE") != "1" {
		t.Skip("SKIPPING load suite: set CW_LOAD_SUITE=1 to run it (about 3 minutes; needs nats-server and PostgreSQL)")
	}
	const (
		phase = 60 * time.Second
		rate  = 15 // articles per second
	)
	docs := buildDocs(t, 2225, 0)
	for len(docs) < 2*int(phase.Seconds())*rate {
		// Not enough distinct articles: repeat them under new URLs (they
		// become exact duplicates, which is also load).
		n := len(docs)
		for i := 0; i < n && len(docs) < 2*int(phase.Seconds())*rate; i++ {
			c := docs[i]
			c.URL += "?repeat"
			docs = append(docs, c)
		}
	}
	docs = docs[:2*int(phase.Seconds())*rate]
	d := deploy(t, deployOptions{
		docs: docs, nFeeds: 16, spread: 2 * phase,
		replicas:   map[string]int{"fetcher": 2, "dedup": 2, "extractor": 2, "store": 2, "alerter": 2},
		concurrent: map[string]int{"fetcher": 8, "dedup": 4, "extractor": 2, "store": 4, "alerter": 4},
	})
	s := &sampler{d: d, lastCPU: map[*replica]time.Duration{}, start: time.Now(), lastAt: time.Now()}
	d.feeds.begin()
	ctx := t.Context()
	s.take(ctx)
	var normal, slow []sample
	for time.Since(s.start) < phase {
		time.Sleep(5 * time.Second)
		normal = append(normal, s.take(ctx))
	}
	t.Logf("steady load, %d articles/s for %s:\n%s", rate, phase, report(normal))

	d.proxy.SetDelay(25 * time.Millisecond)
	for time.Since(s.start) < 2*phase {
		time.Sleep(5 * time.Second)
		slow = append(slow, s.take(ctx))
	}
	d.proxy.SetDelay(0)
	t.Logf("same load with every PostgreSQL packet delayed 25 ms:\n%s", report(slow))

	peak := func(ss []sample, stage string) int64 {
		var m int64
		for _, sm := range ss {
			m = max(m, sm.rss[stage])
		}
		return m
	}
	var storeLag uint64
	for _, c := range []string{bus.ConsumerStore, bus.ConsumerStoreArticles, bus.ConsumerStoreDuplicates} {
		storeLag = max(storeLag, slow[len(slow)-1].backlog[c])
	}
	t.Logf("store backlog at the end of the slow phase: %d messages (waiting in JetStream)", storeLag)
	// Backpressure: a slow store may not make the stages upstream of it, or
	// itself, hold the backlog in memory. Their peak during the slow phase
	// must stay within 1.5x (+64 MiB for GC slack) of the steady peak.
	for _, stage := range stages {
		before, after := peak(normal, stage), peak(slow, stage)
		limit := before + before/2 + 64<<20
		t.Logf("%-9s peak RSS steady %4.0f MiB, slow store %4.0f MiB (limit %4.0f MiB)", stage,
			float64(before)/(1<<20), float64(after)/(1<<20), float64(limit)/(1<<20))
		if after > limit {
			t.Errorf("%s grew from %d MiB to %d MiB while the store was slow: memory is not bounded by backpressure",
				stage, before>>20, after>>20)
		}
	}
}
