package attrtag

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTagRanges: article text is untrusted input. Tagging any text over
// any ranges must not panic, every attribution must point inside the
// text, and from valid UTF-8 (what the extractor's cleanup hands over)
// come attributions in valid UTF-8.
func FuzzTagRanges(f *testing.F) {
	f.Add(rangesText, 0, len(rangesText))
	f.Add("“A,” he said. “B”", 2, 9)
	f.Add(strings.Repeat("“said ", 50), 0, 100)
	f.Add("\xff\xfe said that “", -3, 40)
	f.Add("00A00“sAid "+strings.Repeat("“00", 20), 0, 100) // a range ending inside “
	m := Default()
	f.Fuzz(func(t *testing.T, text string, from, to int) {
		for _, as := range [][]Attribution{m.Tag(text), m.TagRanges(text, [][2]int{{from, to}})} {
			for _, a := range as {
				for _, sp := range [][2]int{{a.SourceStart, a.SourceEnd}, {a.ContentStart, a.ContentEnd}} {
					if sp[0] < 0 || sp[1] > len(text) || sp[0] > sp[1] {
						t.Fatalf("span %v outside the text (%d bytes): %+v", sp, len(text), a)
					}
				}
				if utf8.ValidString(text) && !(utf8.ValidString(a.Source) && utf8.ValidString(a.Content) && utf8.ValidString(a.Cue)) {
					t.Fatalf("attribution is not valid UTF-8: %+v", a)
				}
				if a.Score < 0 || a.Score > 1 {
					t.Fatalf("score %v outside [0, 1]", a.Score)
				}
			}
		}
	})
}
