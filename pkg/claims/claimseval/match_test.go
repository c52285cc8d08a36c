package claimseval

import (
	"math"
	"testing"
)

// The cases mirror score.py's helpers, so the Go scorer cannot drift from
// the reference one.
func TestWordF1(t *testing.T) {
	tests := []struct {
		a, b string
		want float64
	}{
		{"This is our business.", "this is our business", 1},
		{"It’s our business", "its our business", 0.571}, // ’ splits "it s"
		{"", "x", 0},
		{"a b c d", "a b", 0.667},
		{"Café", "caf", 1}, // non-ASCII letters are dropped like [a-z0-9]
	}
	for _, tt := range tests {
		if got := WordF1(tt.a, tt.b); math.Abs(got-tt.want) > 0.001 {
			t.Errorf("WordF1(%q, %q) = %.3f, want %.3f", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSpeakerMatching(t *testing.T) {
	same := []struct {
		a, b string
		want bool
	}{
		{"Putin", "Vladimir Putin", true},
		{"GUR", "Ukraine’s defense intelligence agency (GUR)", true},
		{"Ukraine’s defense intelligence agency", "Ukraine’s defense intelligence agency (GUR)", true},
		{"Joe Biden", "Vladimir Putin", false},
		{"", "Putin", false},
	}
	for _, tt := range same {
		if got := SameSpeaker(tt.a, tt.b); got != tt.want {
			t.Errorf("SameSpeaker(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
	str := func(s string) *string { return &s }
	ok := []struct {
		pred string
		gold *string
		want bool
	}{
		{"anyone", nil, true},
		{"Donald Trump", str("the official"), true},
		{"Donald Trump", str("Trump"), true},
		{"Trump", str("Donald J. Trump, the nominee"), true},
		{"Donald Trump", str("He"), false}, // score.py reads a capitalised pronoun as a name
		{"Hillary Clinton", str("Sanders"), false},
	}
	for _, tt := range ok {
		if got := SpeakerOK(tt.pred, tt.gold); got != tt.want {
			t.Errorf("SpeakerOK(%q, %v) = %v", tt.pred, tt.gold, got)
		}
	}
}

func TestPronounSource(t *testing.T) {
	for src, want := range map[string]bool{"He": true, "she": true, "They\u00a0": true, "He and Clinton": false, "Trump": false} {
		if got := pronounSource(src); got != want {
			t.Errorf("pronounSource(%q) = %v, want %v", src, got, want)
		}
	}
}
