package attrtag

import (
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	text := "“We don’t know,” said Mr. Smith of the U.S. Senate.\n\nHe added: \"It's 3.5 percent.\" Sanders’s anti-war aides"
	toks := tokenize(text, nil)
	var words []string
	for _, tk := range toks {
		words = append(words, text[tk.start:tk.end])
	}
	want := "“|We|don’t|know|,|”|said|Mr|.|Smith|of|the|U.S|.|Senate|.|He|added|:|\"|It's|3.5|percent|.|\"|Sanders’s|anti-war|aides"
	if got := strings.Join(words, "|"); got != want {
		t.Fatalf("tokens\n got %s\nwant %s", got, want)
	}
	sentOf := func(w string) int32 {
		for _, tk := range toks {
			if text[tk.start:tk.end] == w {
				return tk.sent
			}
		}
		return -1
	}
	// "Mr." does not end the sentence; the line break and "percent." do.
	if sentOf("Smith") != 0 || sentOf("He") != 1 || sentOf("Sanders’s") != 2 {
		t.Errorf("sentences: Smith %d, He %d, Sanders’s %d", sentOf("Smith"), sentOf("He"), sentOf("Sanders’s"))
	}
	for _, tk := range toks {
		w := text[tk.start:tk.end]
		inQuote := tk.flags&flagInQuote != 0
		if (w == "know" || w == "It's") != inQuote && (w == "know" || w == "It's" || w == "said" || w == "added") {
			t.Errorf("%q in quote = %v", w, inQuote)
		}
	}
	// Folding: curly and straight apostrophes, digits, case.
	a, b := tokenize("Don’t 2015", nil), tokenize("don't 1999", nil)
	if a[0].lw != b[0].lw || a[1].lw != b[1].lw {
		t.Error("word hashes do not fold case, apostrophes and digits")
	}
}

func TestTagEmbedded(t *testing.T) {
	m := Default()
	text := "The senator said that the bill would pass easily. Critics believe the plan is doomed, according to a report."
	for _, f := range []func(string) []Attribution{m.Tag, m.TagAll} {
		for _, a := range f(text) {
			if a.Source == "" || text[a.SourceStart:a.SourceEnd] != a.Source || a.ContentStart < 0 || a.ContentEnd > len(text) || a.Score < 0 || a.Score > 1 {
				t.Errorf("bad attribution %+v", a)
			}
		}
	}
	if len(m.Tag("")) != 0 || len(m.TagAll("   \n")) != 0 {
		t.Error("attributions in an empty text")
	}
}
