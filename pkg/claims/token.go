package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tokWord tokKind = iota
	tokNum
	tokPunct
	tokPoss // a possessive "'s" / "’s" / bare "’" after a plural
)

// token is one word, number or punctuation mark of a sentence, with its
// byte span in the cleaned text.
type token struct {
	start, end int
	text       string
	low        string  // text in lower case
	lex        lexBits // lexicon[low]: the word lists that have it
	kind       tokKind
	upper      bool // starts with an upper-case letter
}

// in reports whether the token's word is in s: s.has(t.low) by a bit
// test.
func (t token) in(s wordSet) bool { return t.lex[s.half]&s.bit != 0 }

// tokenizeInto appends the tokens of text[s:e] to toks, so a document can
// tokenize all its sentences into one backing array. Words keep inner
// apostrophes, hyphens and dots ("it’s", "Yong-kil", "U.S."); numbers keep
// inner commas and dots ("1,500", "3.5"), and digits joined by a slash
// are one word ("9/11"); a possessive ending becomes its
// own token. low is lowerText(text), whose spans spare each capitalised
// word an allocation; "" lowers words one by one.
func tokenizeInto(toks []token, text, low string, s, e int) []token {
	i := s
	for i < e {
		if text[i] == ' ' {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += size
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := i + size
			digit := unicode.IsDigit(r)
			allDigit := digit
			for j < e {
				// ASCII letters and digits, the bulk of any word, skip
				// rune decoding.
				if c := text[j]; c < utf8.RuneSelf && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
					if c > '9' {
						allDigit = false
					}
					j++
					continue
				}
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
					if !unicode.IsDigit(r2) {
						allDigit = false
					}
					j += s2
					continue
				}
				// Inner joiners need a letter or digit after them.
				if r2 == '/' && allDigit && j+1 < e && text[j+1] >= '0' && text[j+1] <= '9' {
					// "9/11", "24/7", "10/18/2016": one name or date, not
					// figures.
					j++
					continue
				}
				if r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.' || r2 == ',' {
					if j+s2 < e {
						r3, _ := utf8.DecodeRuneInString(text[j+s2:])
						ok := unicode.IsLetter(r3) || unicode.IsDigit(r3)
						if r2 == ',' {
							ok = allDigit && unicode.IsDigit(r3)
						}
						if r2 == '.' && !allDigit {
							// "U.S." keeps its dots; "end.Next" does not.
							ok = ok && j+s2+1 < e && (text[j+s2+1] == '.' || j-i <= 2)
						}
						if ok {
							j += s2
							continue
						}
					}
					if r2 == '.' && !allDigit && j-i <= 3 && isAbbrevDot(text, i, j) {
						j += s2 // the final dot of "U.S." or "Mr."
					}
				}
				break
			}
			word := text[i:j]
			// Split a possessive suffix.
			if n := len(word); n > 3 && (word[n-2:] == "'s" || (n > 4 && word[n-4:] == "’s")) {
				cut := j - 2
				if word[n-2:] != "'s" {
					cut = j - 4
				}
				toks = append(toks, mkWord(text, low, i, cut, digit))
				toks = append(toks, token{start: cut, end: j, text: text[cut:j], low: text[cut:j], lex: lexicon[text[cut:j]], kind: tokPoss})
			} else if c := cliticStart(word); c > 0 {
				// "I've", "we’d": the pronoun and its auxiliary.
				toks = append(toks, mkWord(text, low, i, i+c, false))
				toks = append(toks, mkWord(text, low, i+c, j, false))
			} else {
				toks = append(toks, mkWord(text, low, i, j, digit && allDigitOrSep(word)))
			}
			i = j
		default:
			toks = append(toks, token{start: i, end: i + size, text: text[i : i+size], low: text[i : i+size], lex: lexicon[text[i:i+size]], kind: tokPunct})
			i += size
		}
	}
	return toks
}

// cliticStart returns where an auxiliary clitic ('ve, 'd, 'll, 'm, 're,
// with a straight or curly apostrophe) starts in word, or 0. It runs on
// every word, so its quick test, small enough to inline, looks for the
// apostrophe (or the last byte of ’) two or three bytes from the end.
func cliticStart(word string) int {
	n := len(word)
	if n < 3 || !apostropheByte(word[n-2]) && !apostropheByte(word[n-3]) {
		return 0
	}
	return cliticAt(word)
}

func cliticAt(word string) int {
	n := len(word)
	for l := 1; l <= 2; l++ {
		if n <= l+1 || !clitic(word[n-l:]) {
			continue
		}
		if word[n-l-1] == '\'' {
			return n - l - 1
		}
		if n > l+3 && word[n-l-3:n-l] == "’" {
			return n - l - 3
		}
	}
	return 0
}

func apostropheByte(b byte) bool { return b == '\'' || b == 0x99 }

func clitic(s string) bool {
	switch s {
	case "d", "m", "ve", "ll", "re":
		return true
	}
	return false
}

func mkWord(text, low string, i, j int, num bool) token {
	t := token{start: i, end: j, text: text[i:j], low: lowerSpan(text, low, i, j), kind: tokWord}
	t.lex = lexicon[t.low]
	if num {
		t.kind = tokNum
	}
	r, _ := utf8.DecodeRuneInString(t.text)
	t.upper = unicode.IsUpper(r)
	return t
}

func allDigitOrSep(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) && r != ',' && r != '.' {
			return false
		}
	}
	return true
}

// isAbbrevDot reports whether the dot after text[i:j] belongs to the word:
// dotted acronyms ("U.S.") and known abbreviations ("Mr.", "Oct.").
func isAbbrevDot(text string, i, j int) bool {
	w := text[i:j]
	for k := i; k < j; k++ {
		if text[k] == '.' {
			return true
		}
	}
	lw := []byte(w)
	for k := range lw {
		if lw[k] >= 'A' && lw[k] <= 'Z' {
			lw[k] += 'a' - 'A'
		}
	}
	return abbreviations.has(string(lw)) || (len(w) == 1 && w[0] >= 'A' && w[0] <= 'Z')
}

// lowerASCIIFast lower-cases s, allocating only when s has upper-case
// letters.
func lowerASCIIFast(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		if c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// appendLower appends strings.ToLower(s) to dst, so a lower-case lookup
// key can be built in a stack buffer: m[string(appendLower(buf[:0], s))]
// allocates nothing.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		dst = utf8.AppendRune(dst, unicode.ToLower(r)) // invalid bytes become U+FFFD, as in ToLower
		i += size
	}
	return dst
}

// sameLower reports strings.ToLower(a) == strings.ToLower(b) without
// building either.
func sameLower(a, b string) bool {
	for a != "" && b != "" {
		if a[0] < utf8.RuneSelf && b[0] < utf8.RuneSelf {
			if lowerByte(a[0]) != lowerByte(b[0]) {
				return false
			}
			a, b = a[1:], b[1:]
			continue
		}
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if unicode.ToLower(ra) != unicode.ToLower(rb) {
			return false
		}
		a, b = a[na:], b[nb:]
	}
	return a == "" && b == ""
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// lowerText returns text lower-cased rune by rune, as strings.ToLower
// would, when that keeps every rune's length: then the lower-case form of
// any span of text is the same span of the result, and a document lowers
// its words with one allocation instead of one per capitalised word. A
// rune whose lower case has another length (the Kelvin sign, a dotted
// capital I) or invalid UTF-8 gives "".
func lowerText(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	done := 0 // text[:done] is in b
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				b.WriteString(text[done:i])
				b.WriteByte(c + 'a' - 'A')
				done = i + 1
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size == 1 {
			return ""
		}
		if l := unicode.ToLower(r); l != r {
			if utf8.RuneLen(l) != size {
				return ""
			}
			b.WriteString(text[done:i])
			b.WriteRune(l)
			done = i + size
		}
		i += size
	}
	b.WriteString(text[done:])
	return b.String()
}

// lowerSpan is text[i:j] in lower case: a span of low, text's
// lowerText, or when that is "" the span lowered on its own.
func lowerSpan(text, low string, i, j int) string {
	if low != "" {
		return low[i:j]
	}
	return lowerASCIIFast(text[i:j])
}

// endPunct reports punctuation that a claim's content does not end with:
// not a percent sign, which belongs to the figure before it.
func endPunct(t token) bool { return t.kind == tokPunct && t.text != "%" }
