package claimseval

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/claimwatch/claimwatch/pkg/claims"
)

// scoreWords is score.py's words(): lower-case, then ASCII letter and
// digit runs only.
func scoreWords(s string) []string {
	s = strings.ToLower(s)
	var out []string
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// WordF1 is score.py's wf1: the F1 of the two texts' word multisets,
// with score.py's tokenisation.
func WordF1(a, b string) float64 { return claims.MultisetF1(scoreWords(a), scoreWords(b)) }

// Python's \w is Unicode-aware; so are these classes.
var nameWord = regexp.MustCompile(`[A-Za-z][\p{L}\p{N}\p{Mn}_'-]*`)

// surname is score.py's surname(): the last name-like word, lower-cased.
func surname(name string) string {
	ws := nameWord.FindAllString(name, -1)
	if len(ws) == 0 {
		return ""
	}
	return strings.ToLower(ws[len(ws)-1])
}

// containsWord reports whether w occurs in s delimited like Python's
// Unicode \b: no word character right before or after. w starts and ends
// with word characters (it comes from surname).
func containsWord(s, w string) bool {
	for off := 0; off <= len(s); {
		i := strings.Index(s[off:], w)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(w):])
		if (i == 0 || !isWordRune(before)) && (i+len(w) == len(s) || !isWordRune(after)) {
			return true
		}
		off = i + 1
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || unicode.Is(unicode.Mn, r)
}

// SameSpeaker is score.py's same_speaker: the last word of one name
// appears in the other ("Putin" ~ "Vladimir Putin").
func SameSpeaker(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	sa, sb := surname(a), surname(b)
	if sa == "" || sb == "" {
		return false
	}
	return sa == sb || containsWord(b, sa) || containsWord(a, sb)
}

var capWord = regexp.MustCompile(`[A-Z][\p{L}\p{N}\p{Mn}_'-]+`)

// SpeakerOK is score.py's speaker_ok for PolNeAR: a capitalised word of
// the gold source appears in the predicted speaker, or the predicted
// speaker's surname appears in the gold source; a gold source without a
// capitalised word (a pronoun, "the official") accepts any speaker.
func SpeakerOK(pred string, gold *string) bool {
	if gold == nil {
		return true
	}
	var caps []string
	for _, w := range capWord.FindAllString(*gold, -1) {
		switch w {
		case "The", "A", "An", "His", "Her", "Their":
			continue
		}
		caps = append(caps, w)
	}
	if len(caps) == 0 {
		return true
	}
	p := strings.ToLower(pred)
	for _, w := range caps {
		if strings.Contains(p, strings.ToLower(w)) {
			return true
		}
	}
	s := surname(pred)
	return s != "" && strings.Contains(strings.ToLower(*gold), s)
}

// unitKind is score.py's UNIT_KIND lookup.
func unitKind(u string) string {
	u = strings.ToLower(u)
	switch u {
	case "troops", "soldiers", "forces", "special forces", "personnel", "fighters", "people", "units":
		return "people"
	}
	return u
}
