package attrtag

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

func loadBBC(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open(corpusPath(tb, "bbc/articles.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var a struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatal(err)
		}
		out = append(out, a.Text)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// benchModel is the embedded model, or the file ATTRTAG_MODEL names (to
// time a candidate before it replaces model.bin).
func benchModel(tb testing.TB) *Model {
	p := os.Getenv("ATTRTAG_MODEL")
	if p == "" {
		return Default()
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		tb.Fatal(err)
	}
	m, err := Load(bytes.NewReader(raw))
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// BenchmarkTag tags every BBC article per iteration; MB/s is article
// text per second (the whole article's, also for ranges). Gated is what
// Tag does, all is TagAll, ranges is TagRanges over every other sentence
// (as a caller that skips those the rules attributed would), tokenize is
// the tokenizer alone (the floor of any gating).
func BenchmarkTag(b *testing.B) {
	texts := loadBBC(b)
	var size int64
	ranges := make([][][2]int, len(texts))
	for i, t := range texts {
		size += int64(len(t))
		for k, s := range sentenceSpans(t) {
			if k%2 == 1 {
				ranges[i] = append(ranges[i], s)
			}
		}
	}
	m := benchModel(b)
	var toks []token
	for _, bc := range []struct {
		name string
		f    func(int) int
	}{
		{"gated", func(i int) int { return len(m.Tag(texts[i])) }},
		{"all", func(i int) int { return len(m.TagAll(texts[i])) }},
		{"ranges", func(i int) int { return len(m.TagRanges(texts[i], ranges[i])) }},
		{"tokenize", func(i int) int { toks = tokenize(texts[i], toks); return len(toks) }},
	} {
		b.Run(bc.name, func(b *testing.B) { benchFound(b, size, len(texts), bc.f) })
	}
}

// benchFound times f over texts 0..n-1 (size bytes in all) and reports
// what it found per article.
func benchFound(b *testing.B, size int64, n int, f func(int) int) {
	b.SetBytes(size)
	b.ReportAllocs()
	found := 0
	for b.Loop() {
		found = 0
		for i := range n {
			found += f(i)
		}
	}
	b.ReportMetric(float64(found)/float64(n), "found/article")
}

// TestGateShare logs the share of BBC sentences, and of their bytes,
// that the gate lets through.
func TestGateShare(t *testing.T) {
	if !*train && os.Getenv("ATTRTAG_HELDOUT") == "" {
		t.Skip("run with -train or ATTRTAG_HELDOUT=1")
	}
	m := benchModel(t)
	var all, kept, bytesAll, bytesKept int
	for _, text := range loadBBC(t) {
		toks := tokenize(text, nil)
		if len(toks) == 0 {
			continue
		}
		m.markCues(toks)
		n := int(toks[len(toks)-1].sent) + 1
		keep := make([]bool, n)
		size := make([]int, n)
		for _, tk := range toks {
			size[tk.sent] += int(tk.end-tk.start) + 1
			if tk.flags&flagGate != 0 {
				keep[tk.sent] = true
			}
		}
		for s, k := range keep {
			all++
			bytesAll += size[s]
			if k {
				kept++
				bytesKept += size[s]
			}
		}
	}
	t.Logf("gate (%d words) keeps %d of %d BBC sentences (%.1f%%), %.1f%% of their bytes", len(m.gates), kept, all, 100*float64(kept)/float64(all), 100*float64(bytesKept)/float64(bytesAll))
}
