package attrtag

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word, number or punctuation mark of a text. The hashes
// are computed once here so that feature extraction never touches the
// text again.
type token struct {
	start, end int32 // byte offsets
	sent       int32 // sentence index
	lw         uint64
	suf        uint64
	shape      uint8
	flags      uint8
	cueNear    bool // a cue-lexicon word is within cueWindow tokens
	// The nearest cue-lexicon word before and after the token in its
	// sentence, as its slot in the model's cue set plus one (0: none),
	// their distances bucketed by distBucket (0: none), and whether a
	// quotation mark, colon or "that" lies between (bits 1 and 2 of
	// cueSep); set by Model.markCues.
	cueL, cueR   uint16
	cueDL, cueDR uint8
	cueSep       uint8
}

const (
	flagInQuote   = 1 << iota // inside double quotation marks (marks included)
	flagSentStart             // first token of a sentence
	flagOpenQuote
	flagCloseQuote
	flagCap     // starts with an upper-case letter
	flagNewline // a line break precedes the token
	flagCue     // in the model's cue lexicon; set by Model.markCues
	flagGate    // in the model's gate lexicon; set by Model.markCues
)

// Shapes are coarse classes; the exact punctuation mark is in lw anyway.
const (
	shapeLower = iota + 1
	shapeCap
	shapeUpper
	shapeInitial
	shapeDigit
	shapeMixed
	shapeOpenQuote
	shapeCloseQuote
	shapeEnd // . ! ?
	shapeComma
	shapeColon
	shapeDash
	shapeParen
	shapeOther
)

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return isWordByte(byte(r))
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func runeAt(text string, i int) (rune, int) {
	if i >= len(text) {
		return -1, 0
	}
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

// tokenize puts the tokens of text in toks[:0], its sentences numbered.
func tokenize(text string, toks []token) []token {
	toks, _ = tokenizeRange(text, 0, false, toks[:0])
	splitSentences(text, toks, 0)
	return toks
}

// tokenizeRange appends the tokens of text[from:] to toks, with
// inQuote saying whether a quotation is open at from, and returns
// whether one is at the end. Apostrophes, hyphens and periods between
// word characters stay inside the word so that "don’t", "Trump’s",
// "anti-war", "U.S" and "3.5" are single tokens. Offsets are into text,
// and what precedes from is still looked at to tell a straight opening
// quotation mark from a closing one.
func tokenizeRange(text string, from int, inQuote bool, toks []token) ([]token, bool) {
	newline := false
	for i := from; i < len(text); {
		if text[i] == ' ' {
			i++
			continue
		}
		if j, ok := asciiWord(text, i, &toks); ok {
			t := &toks[len(toks)-1]
			if newline {
				t.flags |= flagNewline
				newline = false
			}
			if inQuote {
				t.flags |= flagInQuote
			}
			i = j
			continue
		}
		r, n := runeAt(text, i)
		switch {
		case r == ' ' || r == '\t' || r == '\r' || r == 0xa0:
			i += n
			continue
		case r == '\n':
			newline = true
			i += n
			continue
		case unicode.IsSpace(r):
			i += n
			continue
		}
		t := token{start: int32(i)}
		if newline {
			t.flags |= flagNewline
			newline = false
		}
		if isWordRune(r) {
			j := i + n
			// Plain ASCII words, most of English news, take a byte loop.
			for j < len(text) && isWordByte(text[j]) {
				j++
			}
			for j < len(text) {
				r2, n2 := runeAt(text, j)
				if isWordRune(r2) {
					j += n2
					continue
				}
				if r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.' {
					if r3, _ := runeAt(text, j+n2); r3 >= 0 && isWordRune(r3) {
						j += n2
						continue
					}
				}
				break
			}
			t.end = int32(j)
			if !asciiWordHashes(text[i:j], &t) {
				wordHashes(text[i:j], &t)
			}
			i = j
		} else {
			t.end = int32(i + n)
			switch r {
			case '“', '«', '„':
				t.shape = shapeOpenQuote
				t.flags |= flagOpenQuote
				inQuote = true
			case '”', '»':
				t.shape = shapeCloseQuote
				t.flags |= flagCloseQuote
			case '"':
				// A straight quote opens after a space, a line break, an
				// opening bracket or the start of the text.
				prev, _ := utf8.DecodeLastRuneInString(text[:i])
				if i == 0 || unicode.IsSpace(prev) || prev == '(' || prev == '[' || prev == '—' || !inQuote {
					t.shape = shapeOpenQuote
					t.flags |= flagOpenQuote
					inQuote = true
				} else {
					t.shape = shapeCloseQuote
					t.flags |= flagCloseQuote
				}
			case '‘':
				t.shape = shapeOpenQuote
			case '’', '\'':
				t.shape = shapeCloseQuote
			case '.', '!', '?', '…':
				t.shape = shapeEnd
			case ',':
				t.shape = shapeComma
			case ':', ';':
				t.shape = shapeColon
			case '-', '–', '—':
				t.shape = shapeDash
			case '(', ')', '[', ']':
				t.shape = shapeParen
			default:
				t.shape = shapeOther
			}
			h := uint64(fnvOffset)
			switch r {
			case '“', '”', '„', '«', '»':
				r = '"'
			case '‘', '’':
				r = '\''
			case '–', '—':
				r = '-'
			}
			var buf [4]byte
			for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
				h = (h ^ uint64(c)) * fnvPrime
			}
			t.lw, t.suf = h, h
			i += n
		}
		if inQuote {
			t.flags |= flagInQuote
		}
		if t.flags&flagCloseQuote != 0 {
			inQuote = false
		}
		toks = append(toks, t)
	}
	return toks, inQuote
}

// quoteState is whether a quotation is open at text[to] given whether
// one was at text[from], by the rules of tokenizeRange but without
// tokenising: TagRanges skips the text between its ranges this way.
func quoteState(text string, from, to int, inQuote bool) bool {
	// Most bytes are none of the marks' first bytes: IndexByte finds the
	// next of each far faster than a loop over the bytes, and each is
	// looked for again only once passed.
	marks := [3]byte{'"', 0xe2, 0xc2}
	var next [3]int
	find := func(k, i int) {
		next[k] = to
		if j := strings.IndexByte(text[i:to], marks[k]); j >= 0 {
			next[k] = i + j
		}
	}
	for k := range marks {
		find(k, from)
	}
	for {
		k := 0
		for j := 1; j < len(next); j++ {
			if next[j] < next[k] {
				k = j
			}
		}
		i := next[k]
		if i >= to {
			return inQuote
		}
		switch {
		case k == 0:
			// As in tokenizeRange: a straight mark opens unless it
			// follows a word inside an open quotation.
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			inQuote = i == 0 || unicode.IsSpace(prev) || prev == '(' || prev == '[' || prev == '—' || !inQuote
		case k == 1 && i+2 < len(text) && text[i+1] == 0x80:
			switch text[i+2] {
			case 0x9c, 0x9e: // “ „
				inQuote = true
			case 0x9d: // ”
				inQuote = false
			}
		case k == 2 && i+1 < len(text):
			switch text[i+1] {
			case 0xab: // «
				inQuote = true
			case 0xbb: // »
				inQuote = false
			}
		}
		find(k, i+1)
	}
}

// wordHashes fills the lower-cased word hash, the hash of its last three
// characters and the shape of word w. Curly apostrophes are folded into
// straight ones and digits into 0, so "don’t" = "don't" and "2015" = "0000".
func wordHashes(w string, t *token) {
	h := uint64(fnvOffset)
	var upper, lower, digit, letters int
	first := true
	var tail [3]uint64 // hashes of the last three runes, folded
	nr := 0
	for _, r := range w {
		switch {
		case r >= 'a' && r <= 'z':
			lower++
			letters++
		case r >= 'A' && r <= 'Z':
			if first {
				t.flags |= flagCap
			}
			upper++
			letters++
			r += 'a' - 'A'
		case r >= '0' && r <= '9':
			digit++
			r = '0'
		case r == '’' || r == '‘':
			r = '\''
		case r >= utf8.RuneSelf:
			if unicode.IsUpper(r) {
				if first {
					t.flags |= flagCap
				}
				upper++
				r = unicode.ToLower(r)
			} else if unicode.IsLetter(r) {
				lower++
			}
			letters++
		}
		first = false
		if r < utf8.RuneSelf {
			h = (h ^ uint64(r)) * fnvPrime
		} else {
			var buf [4]byte
			for _, c := range buf[:utf8.EncodeRune(buf[:], r)] {
				h = (h ^ uint64(c)) * fnvPrime
			}
		}
		tail[nr%3] = uint64(r)
		nr++
	}
	t.lw = h
	s := uint64(fnvOffset ^ 0x5f)
	for k := max(0, nr-3); k < nr; k++ {
		s = (s ^ tail[k%3]) * fnvPrime
	}
	t.suf = s
	t.shape = wordShape(digit, letters, upper, lower, t.flags&flagCap != 0)
}

// asciiClass has, for an ASCII letter or digit, its folded form (lower
// case, digits to '0') in the low byte, classUpper for a capital and
// classDigit for a digit; 0 for any other byte.
var asciiClass = func() (cl [256]uint16) {
	for c := range 256 {
		switch {
		case c >= 'a' && c <= 'z':
			cl[c] = uint16(c)
		case c >= 'A' && c <= 'Z':
			cl[c] = uint16(c+'a'-'A') | classUpper
		case c >= '0' && c <= '9':
			cl[c] = '0' | classDigit
		}
	}
	return cl
}()

const (
	classUpper = 1 << 8
	classDigit = 1 << 9
)

// asciiWord appends the token of a word of ASCII letters and digits at
// text[i] that ends at a space or ASCII punctuation other than the
// joiners of tokenizeRange, and returns where it ends. Most tokens of
// English news are such words; for anything else it reports false and
// tokenizeRange takes its general path. The hashes are those of
// wordHashes, computed in the one pass that finds the word's end.
func asciiWord(text string, i int, toks *[]token) (int, bool) {
	h := uint64(fnvOffset)
	var upper, digit int
	var last uint64 // the last three folded bytes, the latest lowest
	j := i
	for ; j < len(text); j++ {
		v := asciiClass[text[j]]
		if v == 0 {
			break
		}
		upper += int(v >> 8 & 1)
		digit += int(v >> 9)
		h = (h ^ uint64(v&0xff)) * fnvPrime
		last = last<<8 | uint64(v&0xff)
	}
	if j == i {
		return i, false
	}
	if j < len(text) {
		if c := text[j]; c >= utf8.RuneSelf || c == '\'' || c == '-' || c == '.' {
			return i, false
		}
	}
	*toks = append(*toks, token{start: int32(i), end: int32(j), lw: h})
	t := &(*toks)[len(*toks)-1]
	sf := uint64(fnvOffset ^ 0x5f)
	for k := min(j-i, 3) - 1; k >= 0; k-- {
		sf = (sf ^ (last >> (8 * k) & 0xff)) * fnvPrime
	}
	t.suf = sf
	if asciiClass[text[i]]&classUpper != 0 {
		t.flags |= flagCap
	}
	letters := j - i - digit
	switch {
	case digit > 0 && letters == 0:
		t.shape = shapeDigit
	case digit > 0:
		t.shape = shapeMixed
	case upper == 0:
		t.shape = shapeLower
	case upper == 1 && letters == 1:
		t.shape = shapeInitial
	case upper == letters:
		t.shape = shapeUpper
	case t.flags&flagCap != 0:
		t.shape = shapeCap
	default:
		t.shape = shapeMixed
	}
	return j, true
}

// asciiWordHashes is wordHashes for a word of ASCII letters and digits
// only; it reports false, doing nothing, for any other word.
func asciiWordHashes(w string, t *token) bool {
	h := uint64(fnvOffset)
	var upper, lower, digit int
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'a' && c <= 'z':
			lower++
		case c >= 'A' && c <= 'Z':
			upper++
			c += 'a' - 'A'
		case c >= '0' && c <= '9':
			digit++
			c = '0'
		default:
			return false
		}
		h = (h ^ uint64(c)) * fnvPrime
	}
	t.lw = h
	s := uint64(fnvOffset ^ 0x5f)
	for i := max(0, len(w)-3); i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= '0' && c <= '9':
			c = '0'
		}
		s = (s ^ uint64(c)) * fnvPrime
	}
	t.suf = s
	if c := w[0]; c >= 'A' && c <= 'Z' {
		t.flags |= flagCap
	}
	letters := upper + lower
	t.shape = wordShape(digit, letters, upper, lower, t.flags&flagCap != 0)
	return true
}

// abbrevs are words whose period does not end a sentence.
var abbrevs = func() [16]uint64 {
	var out [16]uint64
	for i, w := range []string{"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "st", "jr", "lt", "col", "sgt", "prof", "inc", "vs"} {
		var t token
		wordHashes(w, &t)
		out[i] = t.lw
	}
	return out
}()

func isAbbrev(h uint64) bool {
	for _, a := range abbrevs {
		if a == h {
			return true
		}
	}
	return false
}

// splitSentences numbers the sentences of toks from sent: a break
// follows . ! ? (and any closing marks after it) when the next token
// looks like a sentence start, and every line break is one. It returns
// the number after the last sentence's.
func splitSentences(text string, toks []token, sent int32) int32 {
	for i := range toks {
		if i == 0 {
			toks[i].flags |= flagSentStart
			toks[i].sent = sent
			continue
		}
		brk := toks[i].flags&flagNewline != 0
		if !brk {
			j := i - 1
			for j > 0 && (toks[j].shape == shapeCloseQuote || toks[j].shape == shapeParen && text[toks[j].start] == ')') {
				j--
			}
			if toks[j].shape == shapeEnd && j < i {
				t := toks[i]
				startLike := t.flags&flagCap != 0 || t.shape == shapeDigit || t.shape == shapeOpenQuote || t.shape == shapeUpper || t.shape == shapeInitial
				// "Mr.", "J." and dotted forms ("U.S.", "D.C.") rarely end
				// a sentence in news.
				abbrev := text[toks[j].start] == '.' && j > 0 && toks[j-1].end == toks[j].start &&
					(toks[j-1].shape == shapeInitial || isAbbrev(toks[j-1].lw) || toks[j-1].shape != shapeDigit && strings.IndexByte(text[toks[j-1].start:toks[j-1].end], '.') >= 0)
				brk = startLike && !abbrev
			}
		}
		if brk {
			sent++
			toks[i].flags |= flagSentStart
		}
		toks[i].sent = sent
	}
	if len(toks) == 0 {
		return sent
	}
	return sent + 1
}

// wordShape classes a word by its counts of digits, letters, upper- and
// lower-case letters and whether it starts with a capital.
func wordShape(digit, letters, upper, lower int, capital bool) uint8 {
	switch {
	case digit > 0 && letters == 0:
		return shapeDigit
	case digit > 0:
		return shapeMixed
	case upper == 0:
		return shapeLower
	case upper == 1 && letters == 1:
		return shapeInitial
	case lower == 0:
		return shapeUpper
	case capital:
		return shapeCap
	}
	return shapeMixed
}
