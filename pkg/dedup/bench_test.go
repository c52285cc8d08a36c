package dedup_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/dedup"
	"github.com/claimwatch/claimwatch/pkg/dedup/dedupeval"
	"github.com/claimwatch/claimwatch/pkg/dedup/indextest"
	"github.com/claimwatch/claimwatch/pkg/natstest"
)

// benchTexts returns real article bodies from the corpus when present,
// synthetic ones otherwise.
func benchTexts(b *testing.B) []string {
	b.Helper()
	if dir, err := dedupeval.FindCorpus("."); err == nil {
		if docs, err := dedupeval.ReadFile(filepath.Join(dir, "neardup", "dev.jsonl")); err == nil {
			out := make([]string, 0, len(docs))
			for _, d := range docs {
				out = append(out, d.Text)
			}
			return out
		}
	}
	return indextest.Articles(5, 500)
}

// BenchmarkFingerprint is the cost of normalising, shingling and MinHashing
// one article body.
func BenchmarkFingerprint(b *testing.B) {
	texts := benchTexts(b)
	var bytes int64
	for _, t := range texts {
		bytes += int64(len(t))
	}
	b.SetBytes(bytes / int64(len(texts)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		fp := dedup.FingerprintText(texts[i%len(texts)], false)
		if fp.Size == 0 {
			b.Fatal("empty fingerprint")
		}
		i++
	}
}

// randomEntry is an unrelated article: a random signature, as two
// different articles have (they agree on about no minima).
func randomEntry(r *rand.Rand, id string, pub time.Time) dedup.Entry {
	e := dedup.Entry{ID: id, Published: pub}
	e.FP.BodyHash = r.Uint64() | 1
	e.FP.Size = uint32(100 + r.IntN(600))
	for i := range e.FP.Sig {
		e.FP.Sig[i] = uint16(r.Uint32())
	}
	return e
}

func fillMemory(b *testing.B, n int, pub time.Time) (*dedup.Memory, *rand.Rand) {
	b.Helper()
	m, err := dedup.NewMemory()
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	ctx := context.Background()
	for i := 0; i < n; i++ {
		if _, err := m.Add(ctx, randomEntry(r, fmt.Sprintf("%016x", r.Uint64()), pub)); err != nil {
			b.Fatal(err)
		}
	}
	return m, r
}

// BenchmarkMemoryAdd is the cost of deciding (and indexing) one new
// article with 10k, 100k and 1M articles already indexed. It should stay
// flat: candidates come from LSH chains, not from a scan.
func BenchmarkMemoryAdd(b *testing.B) {
	pub := time.Date(2024, 10, 24, 0, 0, 0, 0, time.UTC)
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("indexed=%d", n), func(b *testing.B) {
			m, r := fillMemory(b, n, pub)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := m.Add(ctx, randomEntry(r, fmt.Sprintf("%016x", r.Uint64()), pub)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMemoryBytesPerArticle reports the heap the Memory index holds
// per indexed article (IDs of 16 characters), goal <= 512 B.
func BenchmarkMemoryBytesPerArticle(b *testing.B) {
	const n = 200_000
	pub := time.Date(2024, 10, 24, 0, 0, 0, 0, time.UTC)
	// Measured once whatever -benchtime says: the figure is a size, not
	// a time.
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	m, _ := fillMemory(b, n, pub)
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(m)
	for b.Loop() {
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "B/article")
}

// BenchmarkKVAdd is the throughput of the JetStream-KV index with 1 and 3
// replicas adding unrelated articles at once (embedded server, file
// storage).
func BenchmarkKVAdd(b *testing.B) {
	for _, workers := range []int{1, 3} {
		b.Run(fmt.Sprintf("replicas=%d", workers), func(b *testing.B) {
			conn := natstest.Start(b)
			kv := newBucket(b, conn, time.Hour)
			idxs := make([]*dedup.KV, workers)
			for i := range idxs {
				var err error
				if idxs[i], err = dedup.NewKV(kv); err != nil {
					b.Fatal(err)
				}
			}
			r := rand.New(rand.NewPCG(3, 4))
			ctx := context.Background()
			pub := time.Now()
			articles := 0
			start := time.Now()
			for b.Loop() {
				entries := make([]dedup.Entry, workers)
				for i := range entries {
					entries[i] = randomEntry(r, fmt.Sprintf("%016x", r.Uint64()), pub)
				}
				var wg sync.WaitGroup
				for i, idx := range idxs {
					wg.Add(1)
					go func() {
						defer wg.Done()
						if _, err := idx.Add(ctx, entries[i]); err != nil {
							b.Error(err)
						}
					}()
				}
				wg.Wait()
				articles += workers
			}
			b.ReportMetric(float64(articles)/time.Since(start).Seconds(), "articles/s")
		})
	}
}
