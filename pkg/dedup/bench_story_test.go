package dedup_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/dedup"
	"github.com/claimwatch/claimwatch/pkg/natstest"
)

// BenchmarkClustererAssign is the cost of placing one article in a story
// after n articles were placed, a minute apart over the window: it should
// not grow with n (candidates are capped per term and per article).
func BenchmarkClustererAssign(b *testing.B) {
	texts := benchTexts(b)
	start := time.Date(2024, 10, 24, 0, 0, 0, 0, time.UTC)
	ctx := context.Background()
	for _, n := range []int{1_000, 10_000} {
		b.Run(fmt.Sprintf("placed=%d", n), func(b *testing.B) {
			c := dedup.NewClusterer(dedup.StoryConfig{})
			doc := func(i int) dedup.StoryDoc {
				t := texts[i%len(texts)]
				return dedup.StoryDoc{ID: fmt.Sprintf("a-%d", i), Title: firstWords(t, 10), Text: t,
					Published: start.Add(time.Duration(i) * 20 * time.Second)}
			}
			for i := range n {
				if _, err := c.Assign(ctx, doc(i)); err != nil {
					b.Fatal(err)
				}
			}
			i := n
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.Assign(ctx, doc(i)); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkKVStoriesAssign is one dedup replica placing articles in the
// stories it shares with other replicas over JetStream KV (embedded
// server): postings and candidate stories are read and written in
// parallel round trips, one article at a time.
func BenchmarkKVStoriesAssign(b *testing.B) {
	texts := benchTexts(b)
	start := time.Date(2024, 10, 24, 0, 0, 0, 0, time.UTC)
	ctx := context.Background()
	conn := natstest.Start(b)
	kv, err := conn.KeyValue(ctx, bus.BucketStory)
	if err != nil {
		b.Fatal(err)
	}
	st, err := dedup.NewKVStories(kv, dedup.StoryConfig{})
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	began := time.Now()
	b.ReportAllocs()
	for b.Loop() {
		t := texts[i%len(texts)]
		doc := dedup.StoryDoc{ID: fmt.Sprintf("a-%d", i), Title: firstWords(t, 10), Text: t,
			Published: start.Add(time.Duration(i) * 20 * time.Second)}
		if _, err := st.Assign(ctx, doc); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(i)/time.Since(began).Seconds(), "articles/s")
}

// firstWords returns the first n space-separated words of s, a stand-in
// headline.
func firstWords(s string, n int) string {
	for i, r := range s {
		if r == ' ' {
			n--
			if n == 0 {
				return s[:i]
			}
		}
	}
	return s
}
