package dedup

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTextBytes bounds the text fingerprinted per article. News bodies are a
// few kilobytes; a multi-megabyte "article" is a scraping accident, and
// capping it keeps the cost per article bounded whatever a feed sends.
const maxTextBytes = 256 << 10

// Words splits text into normalised words: maximal runs of letters and
// digits, lower-cased, with apostrophes inside a word dropped ("it's" ->
// "its") and separators inside numbers dropped ("1,500" -> "1500"), so
// the typographic differences between outlets (curly quotes, dashes,
// thousands separators) do not change the words. Markup is not removed
// here; see StripHTML.
func Words(text string) []string {
	if len(text) > maxTextBytes {
		text = text[:maxTextBytes]
	}
	// Fold the whole text into one buffer and cut the words out of it:
	// two allocations per text instead of one per word.
	buf := make([]byte, 0, len(text))
	var bounds []int // start, end pairs into buf
	start := -1
	prev := rune(0)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			if start < 0 {
				start = len(buf)
			}
			buf = append(buf, byte(r))
		case r < utf8.RuneSelf && r >= 'A' && r <= 'Z':
			if start < 0 {
				start = len(buf)
			}
			buf = append(buf, byte(r+'a'-'A'))
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if start < 0 {
				start = len(buf)
			}
			buf = append(buf, foldRune(r)...)
		case isApostrophe(r) && start >= 0 && i < len(text) && nextIsLetter(text[i:]):
			// Inside a word: skip, so "don't" and "don’t" are "dont".
			r = prev
		case (r == ',' || r == '.') && start >= 0 && isDigit(prev) && i < len(text) && nextIsDigit(text[i:]):
			// Thousands or decimal separator: "1,500" and "1.500" -> "1500".
			r = prev
		default:
			if start >= 0 {
				bounds = append(bounds, start, len(buf))
				start = -1
			}
		}
		prev = r
	}
	if start >= 0 {
		bounds = append(bounds, start, len(buf))
	}
	all := string(buf)
	words := make([]string, len(bounds)/2)
	for i := range words {
		words[i] = all[bounds[2*i]:bounds[2*i+1]]
	}
	return words
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= utf8.RuneSelf && unicode.IsDigit(r) }

func isApostrophe(r rune) bool { return r == '\'' || r == '\u2019' || r == '\u2018' || r == '`' }

func nextIsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

func nextIsDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

// foldRune lower-cases r and drops the accent of common Latin letters, so
// "café" and "cafe" are one word.
func foldRune(r rune) string {
	r = unicode.ToLower(r)
	if r < 0x80 {
		return string(r)
	}
	if f, ok := latinFold[r]; ok {
		return f
	}
	return string(r)
}

var latinFold = func() map[rune]string {
	m := map[rune]string{}
	add := func(base string, rs string) {
		for _, r := range rs {
			m[r] = base
		}
	}
	add("a", "àáâãäåāăą")
	add("c", "çćĉċč")
	add("e", "èéêëēĕėęě")
	add("i", "ìíîïĩīĭįı")
	add("n", "ñńņňŉ")
	add("o", "òóôõöøōŏő")
	add("u", "ùúûüũūŭůűų")
	add("y", "ýÿŷ")
	add("s", "śŝşš")
	add("z", "źżž")
	add("ss", "ß")
	add("ae", "æ")
	add("oe", "œ")
	return m
}()

// StripHTML removes tags, comments, script and style elements from s and
// decodes the few entities that matter for word splitting. It is a
// tokeniser's helper, not an HTML sanitiser: the result is only used to
// compute fingerprints and story terms.
func StripHTML(s string) string {
	if len(s) > maxTextBytes {
		s = s[:maxTextBytes]
	}
	var b strings.Builder
	b.Grow(len(s))
	lower := strings.ToLower(s)
	for i := 0; i < len(s); {
		c := s[i]
		if c != '<' {
			if c == '&' {
				if j := strings.IndexByte(s[i:min(len(s), i+10)], ';'); j > 0 {
					if rep, ok := entities[lower[i+1:i+j]]; ok {
						b.WriteString(rep)
						i += j + 1
						continue
					}
				}
			}
			b.WriteByte(c)
			i++
			continue
		}
		switch {
		case strings.HasPrefix(lower[i:], "<!--"):
			i = skipPast(lower, i, "-->")
		case strings.HasPrefix(lower[i:], "<script"):
			i = skipPast(lower, i, "</script>")
		case strings.HasPrefix(lower[i:], "<style"):
			i = skipPast(lower, i, "</style>")
		default:
			i = skipPast(lower, i, ">")
		}
		// A tag separates words: "<p>a</p><p>b</p>" is "a b", not "ab".
		b.WriteByte('\n')
	}
	return b.String()
}

func skipPast(s string, i int, end string) int {
	j := strings.Index(s[i:], end)
	if j < 0 {
		return len(s)
	}
	return i + j + len(end)
}

var entities = map[string]string{
	"amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
	"#39": "'", "rsquo": "\u2019", "lsquo": "\u2018", "ldquo": "\u201c", "rdquo": "\u201d",
	"mdash": "\u2014", "ndash": "\u2013", "hellip": "\u2026",
}
