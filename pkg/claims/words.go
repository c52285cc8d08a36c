package claims

import (
	"iter"
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

func toSet(fields string) map[string]bool {
	m := make(map[string]bool)
	for _, f := range strings.Fields(fields) {
		m[f] = true
	}
	return m
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
