package claims

import (
	"iter"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// words splits s into lower-cased runs of letters and digits, the word
// model the scorer and the keys share ("It’s" → "it", "s").
func words(s string) []string {
	out := make([]string, 0, len(s)/5+1)
	for w := range wordRuns(s) {
		out = append(out, lowerASCIIFast(w))
	}
	return out
}

// wordCount is len(words(s)), without building the words.
func wordCount(s string) int {
	n := 0
	for range wordRuns(s) {
		n++
	}
	return n
}

// wordRuns yields the runs of letters and digits of s, as written.
func wordRuns(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := -1
		for i, r := range s {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				if !yield(s[start:i]) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(s[start:])
		}
	}
}

// keyStop lists words that carry no content for a quote key: function
// words, light verbs and vague quantifiers that translators add or drop
// freely.
var keyStop = toSet(`a about above after again against all also am an and any are as at be
because been before being below between both but by can could did do does doing done down during
each few for from further had has have having he her here hers herself him himself his how i if in
into is it its itself just let me more most my myself no nor not now of off on once only or other
our ours ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we were what
when where which while who whom why will with would you your yours yourself yourselves whether once
make made need needs needed necessary get got go going want wants say said says tell told thing
things something anything everything nothing certain really still already even well much many one
yes may might must shall us let lets s t re ve ll d m
think thought know knew mean means believe going like lot look come see way kind sort`)

// wordSet is one of the package's word lists. Besides its own map, each
// set has a bit in the lexicon, which all sets share: a token looks its
// word up there once and then answers any set with a bit test
// (token.in), while a word that is no token's is looked up in the set's
// map, small and quick.
type wordSet struct {
	half  uint8  // which word of lexBits holds the set's bit
	bit   uint64 // the set's bit there
	words map[string]bool
	// quick rules out most words without the map: bit c&63 of
	// quick[len&15] is set when a word of the set has that length and
	// first byte c.
	quick *[16]uint64
}

// lexBits has a bit for each of up to 128 word sets.
type lexBits [2]uint64

// lexicon maps each word of a wordSet to the bits of the sets that have
// it. It is filled while the package initialises and only read after.
var lexicon = map[string]lexBits{}

// setCount is how many sets newSet has made.
var setCount int

// toSet makes the set of the space-separated words of fields.
func toSet(fields string) wordSet { return newSet(strings.Fields(fields)...) }

// newSet makes a set of words. The lexicon has a bit for 128 sets.
func newSet(words ...string) wordSet {
	if setCount == 2*64 {
		panic("claims: more than 128 word sets")
	}
	s := wordSet{half: uint8(setCount / 64), bit: 1 << (setCount % 64), words: make(map[string]bool, len(words)), quick: new([16]uint64)}
	setCount++
	for _, w := range words {
		s.words[w] = true
		b := lexicon[w]
		b[s.half] |= s.bit
		lexicon[w] = b
		if w != "" {
			s.quick[len(w)&15] |= 1 << (w[0] & 63)
		}
	}
	return s
}

// union makes the set of the words of sets and of extra.
func union(extra []string, sets ...wordSet) wordSet {
	for _, s := range sets {
		extra = slices.AppendSeq(extra, maps.Keys(s.words))
	}
	return newSet(extra...)
}

// has reports whether w is in the set.
func (s wordSet) has(w string) bool {
	if w != "" && s.quick[len(w)&15]&(1<<(w[0]&63)) == 0 {
		return false
	}
	return s.words[w]
}

// isUpperStart reports whether s starts with an upper-case letter.
func isUpperStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// lastWord returns the last letter run of s ("Vladimir Putin" → "Putin").
func lastWord(s string) string {
	last := ""
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '-' && r != '\'' }) {
		last = w
	}
	return last
}
