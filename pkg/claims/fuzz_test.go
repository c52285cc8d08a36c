package claims

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"",
	"“",
	"\"\"\"",
	"“A,” he said. “B.”\n\n“C\n\n“D”",
	"‘x’ ’ ‘",
	"U.S. Gen. J. 3.5… ?!",
	"<p>a “b” <script>x</script></p><br>",
	"Physical Address\n\n304 North Cardinal St.\n\nen_USEnglish",
	"\xff\xfe“bad\x00 bytes”",
	" date 2024-10-25 title_1\n\nAbout 1,500 North Korean troops, said Putin.",
	strings.Repeat("“", 50) + strings.Repeat("”", 50),
}

func FuzzClean(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Clean(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Clean produced invalid UTF-8 from %q", s)
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := Clean(s)
		paras := paragraphs(text)
		prev := 0
		for _, sn := range splitSentences(text, paras) {
			if sn.start < prev || sn.end > len(text) || sn.start >= sn.end {
				t.Fatalf("sentence [%d,%d) out of order or range (len %d)", sn.start, sn.end, len(text))
			}
			if !utf8.ValidString(text[sn.start:sn.end]) {
				t.Fatalf("sentence splits a rune: %q", text[sn.start:sn.end])
			}
			prev = sn.end
		}
	})
}

func FuzzQuotes(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := Clean(s)
		for _, q := range findQuotes(text, paragraphs(text)) {
			if q.open < 0 || q.close > len(text) || q.open >= q.close {
				t.Fatalf("quote [%d,%d) out of range (len %d)", q.open, q.close, len(text))
			}
			for _, sg := range q.segs {
				if sg.start > sg.end || sg.end > len(text) {
					t.Fatalf("segment %+v out of range", sg)
				}
			}
			if !utf8.ValidString(q.content(text)) {
				t.Fatalf("quote content is not UTF-8")
			}
		}
		cs, err := NewRules(0).Extract(context.Background(), Input{ArticleID: "f", Text: s, Published: published})
		if err != nil {
			t.Fatal(err)
		}
		n := utf8.RuneCountInString(text)
		for _, c := range cs {
			if !utf8.ValidString(c.Content) || !utf8.ValidString(c.Text) || !utf8.ValidString(c.Speaker) {
				t.Fatalf("claim with invalid UTF-8: %+v", c)
			}
			for _, m := range c.Mentions {
				if m.Start < 0 || m.End > n || m.Start > m.End {
					t.Fatalf("mention %+v outside %d runes", m, n)
				}
			}
		}
	})
}

// FuzzLower checks the lower-casing shortcuts against strings.ToLower:
// lowerText keeps every span (or gives up), appendLower builds the same
// bytes, sameLower agrees with comparing the two lower cases.
func FuzzLower(f *testing.F) {
	for _, s := range append(fuzzSeeds, "Straße İstanbul \u212a K", "ǅ Σς") {
		f.Add(s, "u.s. STRASSE")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got := string(appendLower(nil, a)); got != strings.ToLower(a) {
			t.Fatalf("appendLower(%q) = %q", a, got)
		}
		if sameLower(a, b) != (strings.ToLower(a) == strings.ToLower(b)) {
			t.Fatalf("sameLower(%q, %q) = %v", a, b, sameLower(a, b))
		}
		text := a + " " + b
		low := lowerText(text)
		if low == "" {
			return
		}
		if low[:len(a)] != strings.ToLower(a) || low[len(a)+1:] != strings.ToLower(b) {
			t.Fatalf("lowerText(%q) = %q", text, low)
		}
	})
}

// The adversarial inputs must finish; a quadratic step would make them run
// for hours and hit the test binary's timeout. Their speed is measured by
// BenchmarkAdversarial.
func TestHugeInputsFinish(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs skipped in -short mode")
	}
	for name, text := range adversarial() {
		t.Run(name, func(t *testing.T) {
			if _, err := NewRules(0).Extract(t.Context(), Input{ArticleID: name, Text: text, Published: published}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func adversarial() map[string]string {
	para := "Russian President Vladimir Putin said on Friday that “what we do within the framework of Article 4 is our business,” adding that about 1,500 North Korean troops, according to U.S. officials, had arrived. "
	return map[string]string{
		"10MB article":                      strings.Repeat(para+"\n\n", 10<<20/(len(para)+2)),
		"100k quotation marks":              strings.Repeat("“a” ", 50000),
		"100k unbalanced marks":             strings.Repeat("\" “ ", 50000),
		"one 10MB paragraph":                strings.Repeat("word said that ", 10<<20/15),
		"100k open marks in one para":       strings.Repeat("“said ", 100000),
		"100k attributions in one sentence": strings.Repeat(`He said "a`, 100000),
		"100k nested speaker phrases":       strings.Repeat("friends and allies who say the men that the women said ", 100000/6),
	}
}

func BenchmarkAdversarial(b *testing.B) {
	for name, text := range adversarial() {
		b.Run(strings.ReplaceAll(name, " ", "_"), func(b *testing.B) {
			ex := NewRules(0)
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ex.Extract(context.Background(), Input{Text: text}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
