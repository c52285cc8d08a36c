package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a [start, end) byte range of the cleaned text.
type span struct{ start, end int }

// sentence is one sentence: its byte span and its paragraph index.
type sentence struct {
	start, end int
	para       int
}

// paragraphs returns the byte spans of the blank-line separated blocks of
// a cleaned text (a single newline also separates blocks, for text that
// did not go through Clean).
func paragraphs(text string) []span {
	var out []span
	for start := 0; start <= len(text); {
		end := len(text)
		if i := strings.IndexByte(text[start:], '\n'); i >= 0 {
			end = start + i
		}
		if s, e := trimSpan(text, start, end); e > s {
			out = append(out, span{s, e})
		}
		start = end + 1
	}
	return out
}

func trimSpan(text string, s, e int) (int, int) {
	for s < e && (text[s] == ' ' || text[s] == '\t') {
		s++
	}
	for e > s && (text[e-1] == ' ' || text[e-1] == '\t') {
		e--
	}
	return s, e
}

// abbreviations never end a sentence when followed by a period (lower
// case, without the period).
var abbreviations = toSet(`mr mrs ms dr gen sen rep gov lt col sgt capt cmdr adm maj st jr sr inc corp co ltd
vs etc jan feb mar apr jun jul aug sep sept oct nov dec no nos prof rev fig approx est dept univ ave blvd
mt ft pres supt det insp gens sens reps govs messrs mssrs mme op vol pp al cf ca`)

// sentenceStarters are words that, after an abbreviation with inner dots
// ("U.S."), show that the abbreviation also ended the sentence.
var sentenceStarters = toSet(`the he she it they we i but and in on at a an this that these those his her
their its our there after before when while however meanwhile still yet so as if for last`)

// maxSentenceBytes caps a sentence; longer runs without a boundary (lists,
// tables, broken markup) are cut at a space.
const maxSentenceBytes = 2000

// splitSentences segments each paragraph into sentences. A period ends a
// sentence only when what follows looks like a new one (upper case, a
// digit or an opening quote) and the word before is not an abbreviation or
// an initial; decimals and ellipses inside a sentence are kept; a
// quotation stays in one sentence until its closing mark or the end of the
// paragraph.
func splitSentences(text string, paras []span) []sentence {
	var out []sentence
	for pi, p := range paras {
		start := p.start
		inQuote := false
		for i := p.start; i < p.end; {
			if i = skipPlain(text, i, p.end, start+maxSentenceBytes); i == p.end {
				break
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			switch r {
			case '“':
				inQuote = true
			case '”':
				inQuote = false
			case '"':
				inQuote = straightOpens(text, p.start, i, p.end)
			}
			next := i + size
			if r == ' ' && i-start > maxSentenceBytes {
				// No real sentence is this long: cut at a space so every
				// per-sentence scan stays bounded.
				if s, e := trimSpan(text, start, i); e > s {
					out = append(out, sentence{s, e, pi})
				}
				start = next
				inQuote = false
				i = next
				continue
			}
			if !isTerminator(r) || inQuote && !quoteWouldClose(text, next, p.end) {
				i = next
				continue
			}
			// Swallow repeated terminators and closing quotes/brackets.
			j := next
			for j < p.end {
				r2, s2 := utf8.DecodeRuneInString(text[j:])
				if isTerminator(r2) || r2 == '”' || r2 == '"' || r2 == '’' || r2 == '\'' || r2 == ')' || r2 == ']' {
					if r2 == '”' || r2 == '"' {
						inQuote = false
					}
					j += s2
					continue
				}
				break
			}
			if j >= p.end || isBoundary(text, p.start, i, r, j, p.end) {
				s, e := trimSpan(text, start, j)
				if e > s {
					out = append(out, sentence{s, e, pi})
				}
				start = j
				inQuote = false
			}
			i = j
		}
		if s, e := trimSpan(text, start, p.end); e > s {
			out = append(out, sentence{s, e, pi})
		}
	}
	return out
}

// skipPlain returns the first index from i on, before end, of a byte
// splitSentences acts on: a terminator, a straight quotation mark, the
// start of a non-ASCII rune, or a space past cutFrom, where an overlong
// sentence may be cut; end when there is none. It is the bulk of the
// work, kept in a loop of its own.
func skipPlain(text string, i, end, cutFrom int) int {
	for ; i < end; i++ {
		if c := text[i]; c >= utf8.RuneSelf || sentenceBytes[c] || c == ' ' && i > cutFrom {
			return i
		}
	}
	return end
}

var sentenceBytes = [utf8.RuneSelf]bool{'.': true, '!': true, '?': true, '"': true}

func isTerminator(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

// quoteWouldClose reports whether a terminator inside a quotation is
// directly followed by its closing mark, so the sentence may end there.
func quoteWouldClose(text string, i, end int) bool {
	for i < end {
		r, s := utf8.DecodeRuneInString(text[i:])
		if isTerminator(r) {
			i += s
			continue
		}
		return r == '”' || r == '"'
	}
	return false
}

// straightOpens decides whether a straight double quote at i opens a
// quotation: it does at the paragraph start or after a space or an opening
// bracket, when a non-space follows.
func straightOpens(text string, pstart, i, end int) bool {
	prevOK := i == pstart
	if !prevOK {
		r, _ := utf8.DecodeLastRuneInString(text[pstart:i])
		prevOK = unicode.IsSpace(r) || strings.ContainsRune("([{—–-/:", r)
	}
	if !prevOK || i+1 >= end {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[i+1:])
	return !unicode.IsSpace(r)
}

// isBoundary decides whether the terminator r at i (with closers up to j)
// ends a sentence.
func isBoundary(text string, pstart, i int, r rune, j, end int) bool {
	if j >= end {
		return true
	}
	nr, _ := utf8.DecodeRuneInString(text[j:])
	if !unicode.IsSpace(nr) {
		return false // "3.5", "U.S.-led", "so…The" handled as one token
	}
	k := j
	for k < end && text[k] == ' ' {
		k++
	}
	if k >= end {
		return true
	}
	fr, _ := utf8.DecodeRuneInString(text[k:])
	if !(unicode.IsUpper(fr) || unicode.IsDigit(fr) || strings.ContainsRune("“\"‘'([—", fr)) {
		return false
	}
	if r != '.' || j != i+1 {
		return true
	}
	// The word before the period.
	ws := i
	for ws > pstart {
		pr, ps := utf8.DecodeLastRuneInString(text[pstart:ws])
		if unicode.IsSpace(pr) || strings.ContainsRune("(“\"‘", pr) {
			break
		}
		ws -= ps
	}
	word := text[ws:i]
	if word == "" {
		return true
	}
	low := strings.ToLower(strings.TrimLeft(word, "("))
	if abbreviations.has(low) {
		// "Oct. 18", "Gen. Smith": never a boundary unless a clear
		// sentence starter follows a month-like abbreviation.
		return false
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper(fr) {
		w, _ := utf8.DecodeRuneInString(word)
		if unicode.IsUpper(w) {
			return false // an initial: "J. Smith"
		}
	}
	if strings.Contains(word, ".") && strings.IndexAny(word, "0123456789") < 0 { // U.S. / a.m. / e.g., not $9.4bn
		next := text[k:]
		if e := strings.IndexAny(next, " ,;:"); e > 0 {
			next = next[:e]
		}
		return sentenceStarters.has(strings.ToLower(next))
	}
	return true
}
