package dedup_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/dedup"
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
