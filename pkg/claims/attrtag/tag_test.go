package attrtag

import (
	"reflect"
	"strings"
	"testing"
)

const rangesText = "The senator said that the bill would pass easily.\n" +
	"“It will pass. The votes are there,” she told reporters on Monday. " +
	"Critics believe the plan is doomed, according to a report. " +
	"\"We disagree,\" said Mr. Jones, who hopes the vote will fail."

func TestTagRangesWhole(t *testing.T) {
	m := Default()
	whole := m.TagRanges(rangesText, [][2]int{{0, len(rangesText)}})
	if got := m.Tag(rangesText); !reflect.DeepEqual(got, whole) {
		t.Errorf("Tag and TagRanges over the whole text differ:\n%+v\n%+v", got, whole)
	}
	if len(whole) == 0 {
		t.Fatal("no attributions in the test text")
	}
	if got := m.TagRanges(rangesText, nil); len(got) != 0 {
		t.Errorf("attributions without ranges: %+v", got)
	}
	// Ranges beyond the text, empty, reversed or overlapping are cut to
	// what is new and inside it.
	odd := [][2]int{{-5, 3}, {3, 3}, {10, 2}, {0, len(rangesText) + 10}}
	if got := m.TagRanges(rangesText, odd); !reflect.DeepEqual(got, m.TagRanges(rangesText, [][2]int{{-5, 3}, {3, len(rangesText)}})) {
		t.Errorf("odd ranges: %+v", got)
	}
}

// Each sentence tagged on its own finds attributions inside it, with
// offsets into the whole text; a sentence inside a quotation knows it.
// All of them together are the whole text.
func TestTagRangesSentences(t *testing.T) {
	m := Default()
	sents := sentenceSpans(rangesText)
	if got, want := m.TagRanges(rangesText, sents), m.Tag(rangesText); !reflect.DeepEqual(got, want) {
		t.Errorf("TagRanges over every sentence and Tag differ:\n%+v\n%+v", got, want)
	}
	for _, s := range sents {
		for _, a := range m.TagRanges(rangesText, [][2]int{s}) {
			if a.SourceStart < s[0] || a.SourceEnd > s[1] || a.ContentStart < s[0] || a.ContentEnd > s[1] {
				t.Errorf("attribution %+v outside its range %v", a, s)
			}
			if rangesText[a.SourceStart:a.SourceEnd] != a.Source {
				t.Errorf("source offsets %d-%d do not give %q", a.SourceStart, a.SourceEnd, a.Source)
			}
		}
	}
	// The second sentence of the quotation ("The votes are there,” she
	// told …") starts inside it.
	i := strings.Index(rangesText, "The votes")
	toks, _ := tokenizeRange(rangesText[:i+9], i, quoteState(rangesText, 0, i, false), nil)
	if len(toks) != 2 || toks[0].flags&flagInQuote == 0 {
		t.Errorf("a range inside a quotation is not quoted: %+v", toks)
	}
}

// quoteState skips text as tokenizeRange would tag it.
func TestQuoteState(t *testing.T) {
	for _, text := range []string{rangesText, `He said "yes" and "no," then « oui » and „ja“ (“x”).`, `a"b "c d" e`} {
		toks := tokenize(text, nil)
		for _, tk := range toks {
			want := tk.flags&flagInQuote != 0
			if tk.flags&flagOpenQuote != 0 {
				continue // the mark itself
			}
			if got := quoteState(text, 0, int(tk.start), false); got != want {
				t.Errorf("%q at %d: quoteState %v, tokenizer %v", text, tk.start, got, want)
			}
		}
	}
}

// asciiWord, the tokenizer's fast path, hashes as wordHashes does.
func TestASCIIWord(t *testing.T) {
	for _, w := range []string{"said", "Said", "SAID", "I", "a", "x2", "2015", "McCain", "iPhone", "B52", "ab"} {
		var toks []token
		j, ok := asciiWord(w+" ", 0, &toks)
		if !ok || j != len(w) {
			t.Fatalf("%q: not taken by the fast path", w)
		}
		var want token
		wordHashes(w, &want)
		got := toks[0]
		if got.lw != want.lw || got.suf != want.suf || got.shape != want.shape || got.flags != want.flags {
			t.Errorf("%q: fast %+v, wordHashes %+v", w, got, want)
		}
	}
	for _, s := range []string{"don't", "U.S", "anti-war", "Trump’s", "café"} {
		var toks []token
		if _, ok := asciiWord(s, 0, &toks); ok {
			t.Errorf("%q taken by the fast path", s)
		}
	}
}

// TestGreedyScores checks that the tables and hashes of greedyScores add
// up to the rows of staticFeatures and dynamicFeatures, which training
// uses.
func TestGreedyScores(t *testing.T) {
	m := Default()
	texts := loadBBC(t)[:50]
	var feats [maxStatic + maxDynamic]uint32
	bad := 0
	for _, text := range texts {
		toks := tokenize(text, nil)
		sq := make([]bool, int(toks[len(toks)-1].sent)+1)
		sentenceFlags(toks, sq)
		m.markCues(toks)
		m.markCueContext(toks, nil)
		for i := range toks {
			for _, st := range []tagState{{0, 0, 0}, {tagBSrc, tagO, 1}, {tagICon, tagBCon, 7}} {
				pos := i % 13
				n := m.staticFeatures(toks, i, pos, sq[toks[i].sent], feats[:])
				n += m.dynamicFeatures(&toks[i], st.prev, st.prev2, st.seen, feats[n:])
				a := m.rowSums(feats[:n])
				b := m.greedyScores(toks, i, pos, sq[toks[i].sent], &st)
				if a != b {
					bad++
				}
			}
		}
	}
	if bad > 0 {
		t.Fatalf("greedyScores differs from the feature rows at %d tokens", bad)
	}
}
