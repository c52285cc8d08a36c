package claims

import (
	"strings"
	"unicode/utf8"
)

// Text that was UTF-8, read as Windows-1252 and written out as UTF-8
// again arrives as "Â£2m", "itâ€™s", "Ã©tÃ©": each byte of a
// multi-byte character became a character of its own. The lead byte
// lands in U+00C2–U+00EF and the continuation bytes in U+0080–U+00BF or
// the Windows-1252 punctuation that stands for 0x80–0x9F, a sequence no
// writer types, so it is safe to turn back into the character it was.

// cp1252 maps the Windows-1252 characters of bytes 0x80–0x9F to their
// bytes.
var cp1252 = map[rune]byte{'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C,
	'ž': 0x9E, 'Ÿ': 0x9F}

// continuationByte returns the byte r stood for when it was one of a
// character's continuation bytes (0x80–0xBF), read as Windows-1252 or
// Latin-1.
func continuationByte(r rune) (byte, bool) {
	if r >= 0x80 && r <= 0xBF {
		return byte(r), true
	}
	b, ok := cp1252[r]
	return b, ok
}

// repairMojibake turns doubly encoded characters back into what they
// were; text without them is returned as it is, unallocated.
func repairMojibake(s string) string {
	// Every lead character is encoded with the byte 0xC3 first.
	if strings.IndexByte(s, 0xC3) < 0 {
		return s
	}
	var b strings.Builder
	done := 0 // s[:done] is in b, once b is in use
	for i := 0; i < len(s); {
		// Jump to the next character U+00C2–U+00EF: 0xC3 0x82–0xAF.
		k := strings.IndexByte(s[i:], 0xC3)
		if k < 0 {
			break
		}
		i += k
		r, n := utf8.DecodeRuneInString(s[i:])
		if r < 0xC2 || r > 0xEF {
			i += n
			continue
		}
		var buf [3]byte
		buf[0] = byte(r)
		need := 1
		if r >= 0xE0 {
			need = 2
		}
		j, ok := i+n, true
		for k := 1; k <= need && ok; k++ {
			r2, n2 := utf8.DecodeRuneInString(s[j:])
			buf[k], ok = continuationByte(r2)
			j += n2
		}
		if !ok || !utf8.Valid(buf[:need+1]) {
			i += n
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[done:i])
		b.Write(buf[:need+1])
		i, done = j, j
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}
