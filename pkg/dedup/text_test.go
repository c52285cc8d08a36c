package dedup

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"words are lower-cased and split on punctuation", "Putin: This is OUR business!", []string{"putin", "this", "is", "our", "business"}},
		{"apostrophes inside words are dropped, straight or curly", "don't don’t Putin's", []string{"dont", "dont", "putins"}},
		{"a quote mark at a word edge is a separator", "'quoted' ‘words’", []string{"quoted", "words"}},
		{"thousands separators join digits", "1,500 troops and 3.000 more", []string{"1500", "troops", "and", "3000", "more"}},
		{"a comma after a number still splits", "1,500, then 12", []string{"1500", "then", "12"}},
		{"accents of Latin letters are folded", "Café Zürich ŒUVRE", []string{"cafe", "zurich", "oeuvre"}},
		{"other scripts are kept", "Путин сказал", []string{"путин", "сказал"}},
		{"dashes and slashes separate", "Russia-Ukraine war/conflict — now", []string{"russia", "ukraine", "war", "conflict", "now"}},
		{"empty text has no words", " \n\t ", []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Words(tc.in)); diff != "" {
				t.Errorf("Words(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestStripHTML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"tags separate words", "<p>one</p><p>two</p>", "\none\n\ntwo\n"},
		{"scripts, styles and comments are dropped", "a<script>var x=1;</script>b<style>p{}</style>c<!-- n -->d", "a\nb\nc\nd"},
		{"entities are decoded", "Tom &amp; Jerry&#39;s &ldquo;show&rdquo;", "Tom & Jerry's \u201cshow\u201d"},
		{"an unknown entity is left alone", "a &bogus; b", "a &bogus; b"},
		{"an unclosed tag ends the text", "a <p class=", "a \n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := StripHTML(tc.in); got != tc.want {
				t.Errorf("StripHTML(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestShingles(t *testing.T) {
	w := Words("the cat sat on the mat")
	tests := []struct {
		name  string
		words []string
		k     int
		want  int
	}{
		{"n-k+1 shingles of k words", w, 4, 3},
		{"repeated shingles count once", Words("a b a b a b"), 2, 2},
		{"a text shorter than k is one shingle", Words("two words"), 4, 1},
		{"no words, no shingles", nil, 4, 0},
		{"k below one means single words", w, 0, 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Shingles(tc.words, tc.k); len(got) != tc.want {
				t.Errorf("got %d shingles, want %d", len(got), tc.want)
			}
		})
	}
	if Jaccard(Shingles(w, 2), Shingles(w, 2)) != 1 {
		t.Error("a set is not fully similar to itself")
	}
	if c := Containment(Shingles(Words("the cat sat on the mat today"), 2), Shingles(w, 2)); c != 1 {
		t.Errorf("containment of a prefix = %v, want 1", c)
	}
}

func TestSimilarityOfCopies(t *testing.T) {
	base := "Chelsea left-back Wayne Bridge could miss the rest of the season with a suspected broken ankle. " +
		"The England international, 24, was hurt in an innocuous challenge with Alan Shearer during the FA Cup defeat at Newcastle on Sunday. " +
		"Mourinho, who reportedly wants to sign Ashley Cole from Arsenal, would not have a specialist left-back for the run-in. " +
		"The club said scans would show the extent of the damage later in the week."
	other := "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December. " +
		"The firm, one of the biggest investors in Google, benefited from sales of high-speed internet connections and higher advert sales."
	fp := func(s string) Fingerprint { return FingerprintText(s, false) }
	a := fp(base)
	tests := []struct {
		name string
		b    Fingerprint
		dup  bool
	}{
		{"the same text with other typography", fp(`CHELSEA left-back Wayne Bridge could miss the rest of the season with a suspected broken ankle. ` + base[96:]), true},
		{"page furniture around the text", fp("Share this article\nAdvertisement\n" + base + "\nSign up for our newsletter"), true},
		{"the last sentences cut", fp(base[:len(base)*2/3]), true},
		{"markup around the text", FingerprintText("<div><p>"+base+"</p></div>", true), true},
		{"a different article", fp(other), false},
		{"an empty text", fp(""), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Similarity(&a, &tc.b)
			if (s >= DefaultThreshold) != tc.dup {
				t.Errorf("similarity %.3f, want duplicate=%v", s, tc.dup)
			}
		})
	}
}

func FuzzWords(f *testing.F) {
	for _, s := range []string{"", "a", "1,500.", "don’t", "\xff\xfe", "Zürich-Œuvre 1.2.3", "<p>x</p>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, w := range Words(s) {
			if w == "" {
				t.Fatalf("empty word from %q", s)
			}
		}
		_ = FingerprintText(s, true)
		_ = storyTerms(s, s)
	})
}
