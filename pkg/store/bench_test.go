package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"testing"
	"time"

	"go.uber.org/zap"
	"golang.org/x/sync/errgroup"

	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
	"github.com/claimwatch/claimwatch/pkg/store/storetest"
)

// Benchmarks run against both backends:
//
//	go test ./pkg/store -run '^$' -bench . -benchtime 200x
//
// BenchmarkApplyClaims reports claims stored per second with concurrent
// writers (so the batcher groups them); the read benchmarks seed 100,000
// claims once per backend and report the p99 latency of GetStory and of a
// full-text claims search.

var words = []string{"troops", "border", "missile", "sanctions", "ceasefire", "election", "economy", "drone",
	"nuclear", "treaty", "summit", "refugees", "budget", "inflation", "pipeline", "embassy", "harbor", "airbase",
	"convoy", "grain", "talks", "veto", "tariff", "satellite", "protest", "strike", "coalition", "parliament"}

var speakers = []string{"Vladimir Putin", "Volodymyr Zelensky", "Joe Biden", "Kim Jong Un", "Yoon Suk Yeol",
	"Mark Rutte", "Olaf Scholz", "Emmanuel Macron", "Xi Jinping", "Antony Blinken"}

// vocabulary is 5,000 words whose frequencies follow Zipf's law, like
// news text: the named words above are the most frequent, then lexN.
var vocabulary = func() []string {
	v := slices.Clone(words)
	for i := len(v); i < 5000; i++ {
		v = append(v, fmt.Sprintf("lex%d", i))
	}
	return v
}()

func zipfWord(z *rand.Zipf) string { return vocabulary[z.Uint64()] }

func newZipf(r *rand.Rand) *rand.Zipf { return rand.NewZipf(r, 1.1, 2, uint64(len(vocabulary)-1)) }

func benchClaim(r *rand.Rand, id string) model.Claim {
	z := newZipf(r)
	content := ""
	for i := range 12 {
		if i > 0 {
			content += " "
		}
		content += zipfWord(z)
	}
	sp := speakers[r.IntN(len(speakers))]
	c := storetest.Quote(id, sp, content, sp, "Ukraine")
	if r.IntN(5) == 0 {
		// Most reports of a figure roughly agree; one in twenty is an
		// outlier that conflicts with the rest.
		v := float64(1000 + 2*r.IntN(50))
		if r.IntN(20) == 0 {
			v *= 5
		}
		c = storetest.Figure(id, fmt.Sprintf("subject %d", r.IntN(200)), v, "troops", "about", storetest.F(0.9*v), storetest.F(1.1*v))
	}
	return c
}

type benchBackend struct {
	name string
	open func(b *testing.B) store.Store
}

func backends() []benchBackend {
	return []benchBackend{
		{"sqlite", func(b *testing.B) store.Store {
			s, err := store.OpenSQLite(context.Background(), filepath.Join(b.TempDir(), "bench.db"), zap.NewNop())
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { _ = s.Close(context.Background()) })
			return s
		}},
		{"postgres", func(b *testing.B) store.Store {
			s, err := store.OpenPostgres(context.Background(), storetest.PostgresDSN(b), zap.NewNop())
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { _ = s.Close(context.Background()) })
			return s
		}},
	}
}

// BenchmarkApplyClaims: one op is one article's batch of 20 claims, from
// 16 concurrent writers; a quarter of the claims already exist (merged as
// mentions), as when outlets repeat each other.
func BenchmarkApplyClaims(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			s := be.open(b)
			const perBatch, writers = 20, 16
			var mu sync.Mutex
			n := 0
			next := func() int {
				mu.Lock()
				defer mu.Unlock()
				n++
				return n
			}
			b.ReportAllocs()
			b.ResetTimer()
			start, cpu0 := time.Now(), processCPU(b)
			b.SetParallelism(writers)
			b.RunParallel(func(pb *testing.PB) {
				r := rand.New(rand.NewPCG(uint64(next()), 1))
				for pb.Next() {
					i := next()
					a := storetest.Article(i, fmt.Sprintf("story-%d", i/10), fmt.Sprintf("o%d.example", i%7))
					cls := make([]model.Claim, perBatch)
					for j := range cls {
						id := fmt.Sprintf("c-%d-%d", i, j)
						if j < perBatch/4 {
							id = fmt.Sprintf("shared-%d", r.IntN(500))
						}
						cls[j] = benchClaim(r, id)
					}
					if _, err := s.ApplyClaims(context.Background(), storetest.Batch(a, cls...)); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N*perBatch)/time.Since(start).Seconds(), "claims/s")
			// CPU per claim is the figure to compare across runs on a
			// shared machine, where wall-clock throughput depends on what
			// else is running.
			b.ReportMetric(float64((processCPU(b)-cpu0).Microseconds())/float64(b.N*perBatch), "cpu-us/claim")
		})
	}
}

// processCPU is the user+system CPU time this process has used so far
// (PostgreSQL's own CPU is not included).
func processCPU(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

const seedClaims = 100_000

// seeded stores 100,000 claims in 1,000 stories of 5 articles (20 claims
// each) and returns the store and its story ids.
func seeded(b *testing.B, be benchBackend) (store.Store, []string) {
	s := be.open(b)
	ctx := context.Background()
	const stories, perStory, perArticle = seedClaims / 100, 5, 20
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(16)
	ids := make([]string, stories)
	for st := range stories {
		ids[st] = fmt.Sprintf("story-%04d", st)
		g.Go(func() error {
			r := rand.New(rand.NewPCG(uint64(st), 2))
			for k := range perStory {
				i := st*perStory + k
				a := storetest.Article(i, ids[st], fmt.Sprintf("o%d.example", k))
				if err := s.ApplyUnique(gctx, a); err != nil {
					return err
				}
				cls := make([]model.Claim, perArticle)
				for j := range cls {
					cls[j] = benchClaim(r, fmt.Sprintf("c-%d-%d", i, j))
				}
				if _, err := s.ApplyClaims(gctx, storetest.Batch(a, cls...)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		b.Fatal(err)
	}
	c, err := s.Counts(ctx)
	if err != nil || c.Claims != seedClaims {
		b.Fatalf("seeded %d claims (err %v), want %d", c.Claims, err, seedClaims)
	}
	return s, ids
}

// p99 runs op b.N times and reports the 99th percentile latency.
func p99(b *testing.B, op func(i int) error) {
	b.Helper()
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		t := time.Now()
		if err := op(i); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
		i++
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
}

func BenchmarkRead100k(b *testing.B) {
	for _, be := range backends() {
		b.Run(be.name, func(b *testing.B) {
			s, stories := seeded(b, be)
			ctx := context.Background()
			b.Run("GetStory", func(b *testing.B) {
				p99(b, func(i int) error {
					st, err := s.GetStory(ctx, stories[(i*7919)%len(stories)])
					if err == nil && len(st.Claims) != 100 {
						err = fmt.Errorf("story has %d claims, want 100", len(st.Claims))
					}
					return err
				})
			})
			z := newZipf(rand.New(rand.NewPCG(7, 7)))
			b.Run("SearchClaims", func(b *testing.B) {
				p99(b, func(i int) error {
					// Two words drawn like the text's own: often a
					// frequent word with a rarer one.
					q := zipfWord(z) + " " + zipfWord(z)
					_, err := s.ListClaims(ctx, store.ClaimFilter{Q: q}, "", 50)
					return err
				})
			})
			b.Run("SearchClaimsBySpeaker", func(b *testing.B) {
				p99(b, func(i int) error {
					_, err := s.ListClaims(ctx, store.ClaimFilter{Q: zipfWord(z), Speaker: "Putin"}, "", 50)
					return err
				})
			})
			b.Run("ListStories", func(b *testing.B) {
				p99(b, func(int) error {
					_, err := s.ListStories(ctx, "", 50)
					return err
				})
			})
		})
	}
}
