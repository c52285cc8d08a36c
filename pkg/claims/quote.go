package claims

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// quote is one quotation: from its opening mark to just after its closing
// mark (or the end of the paragraph where it was left open), with the
// content spans between the marks. A quotation that runs over
// paragraphs, each opening with a mark and only the last closing, has one
// segment per paragraph.
type quote struct {
	open, close int
	segs        []span
	closed      bool
}

// content returns the quoted words, segments joined by a space.
func (q *quote) content(text string) string {
	if len(q.segs) == 1 {
		return strings.TrimSpace(text[q.segs[0].start:q.segs[0].end])
	}
	parts := make([]string, 0, len(q.segs))
	for _, s := range q.segs {
		if p := strings.TrimSpace(text[s.start:s.end]); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// findQuotes finds the quotations of a cleaned text in one pass. Curly
// marks say which way they face, but for a closing mark that opens a
// paragraph; a straight mark opens after a space or
// bracket and closes otherwise. Single curly marks are quotations only in
// a text that has no double marks at all (British style), and then only
// where they cannot be apostrophes.
func findQuotes(text string, paras []span) []quote {
	single := !hasDoubleMark(text)
	var out []quote
	var cur *quote
	depth := 0 // inner quotations open inside cur
	for pi, p := range paras {
		if cur != nil {
			// An open quotation continues only into a paragraph that
			// opens with a mark of its own kind: a straight mark left
			// open before a paragraph that opens with a curly one is a
			// stray, not a quotation running on.
			r, size := utf8.DecodeRuneInString(text[p.start:])
			if isOpenMark(r, single) && (r == '"') == (text[cur.open] == '"') {
				cur.segs = append(cur.segs, span{p.start + size, p.start + size})
			} else {
				cur.close = paras[pi-1].end
				out = append(out, *cur)
				cur = nil
			}
		}
		i := p.start
		if cur != nil {
			_, size := utf8.DecodeRuneInString(text[p.start:])
			i += size
		}
		for i < p.end {
			// Jump to the next byte that can start a quotation mark:
			// '"' or 0xE2, the lead byte of U+2018–U+201D.
			for i < p.end && text[i] != '"' && text[i] != 0xE2 {
				i++
			}
			if i >= p.end {
				break
			}
			r, size := utf8.DecodeRuneInString(text[i:])
			switch {
			case cur == nil && opens(text, p, i, r, single):
				cur = &quote{open: i, segs: []span{{i + size, i + size}}}
			case cur != nil && r == '“' && nestedOpen(text, p, i, size):
				// “… what he calls “hell” than …”: a quotation inside a
				// quotation, typed with the outer marks.
				depth++
			case cur != nil && r == '”' && depth > 0:
				depth--
			case cur != nil && r == '"' && reopens(text, p.start, i):
				// A paragraph break lost in extraction: the quotation
				// goes on in a new segment, as it would in the next
				// paragraph.
				cur.segs[len(cur.segs)-1].end = i
				cur.segs = append(cur.segs, span{i + size, i + size})
			case cur != nil && closes(text, p, i, r, size, single):
				last := &cur.segs[len(cur.segs)-1]
				last.end = i
				cur.close = i + size
				cur.closed = true
				depth = 0
				if cur.content(text) != "" {
					out = append(out, *cur)
				}
				cur = nil
			}
			i += size
		}
		if cur != nil {
			cur.segs[len(cur.segs)-1].end = p.end
		}
		depth = 0
	}
	if cur != nil {
		cur.close = paras[len(paras)-1].end
		out = append(out, *cur)
	}
	return out
}

// hasDoubleMark reports whether s has a double quotation mark, straight
// or curly. It is strings.ContainsAny(s, "“”\"") without a pass per mark
// that stops at every other curly punctuation (the lead byte of ’ is that
// of “).
func hasDoubleMark(s string) bool {
	return strings.IndexByte(s, '"') >= 0 || strings.Contains(s, "“") || strings.Contains(s, "”")
}

func isOpenMark(r rune, single bool) bool {
	return r == '“' || r == '"' || (single && r == '‘')
}

func opens(text string, p span, i int, r rune, single bool) bool {
	switch r {
	case '“':
		return true
	case '”':
		// A paragraph that starts with a closing mark before a word has
		// its quotation's marks typed the wrong way round
		// (”Mr. Trump embodies …”).
		if i != p.start {
			return false
		}
		nr, _ := utf8.DecodeRuneInString(text[i+len("”"):])
		return unicode.IsLetter(nr) || unicode.IsDigit(nr)
	case '"':
		return straightOpens(text, p.start, i, p.end)
	case '‘':
		if !single {
			return false
		}
		prevOK := i == p.start
		if !prevOK {
			pr, _ := utf8.DecodeLastRuneInString(text[p.start:i])
			prevOK = unicode.IsSpace(pr) || strings.ContainsRune("([{—–-/:", pr)
		}
		return prevOK
	}
	return false
}

// nestedOpen reports an opening curly mark inside an open quotation that
// has its own closing mark later in the paragraph, followed by another
// closing mark: the inner pair of “… “hell” …”.
func nestedOpen(text string, p span, i, size int) bool {
	rest := text[i+size : min(p.end, i+size+maxInnerQuote)]
	c := strings.Index(rest, "”")
	if c < 0 || strings.Contains(rest[:c], "“") {
		return false
	}
	start := i + size + c + len("”")
	after := text[start:min(p.end, start+maxQuoteRest)]
	next := strings.Index(after, "”")
	return next >= 0 && !strings.Contains(after[:next], "“")
}

// maxInnerQuote and maxQuoteRest bound, in bytes, how far nestedOpen
// looks for the inner closing mark and then the outer one, so that a
// paragraph of many marks is read in linear time.
const (
	maxInnerQuote = 300
	maxQuoteRest  = 3000
)

// reopens reports a straight mark at i inside an open quotation that
// opens rather than closes: it follows a sentence's end and a space and
// comes before a word (‘own. "Trying to …’), the end perhaps that of a
// quotation inside the quotation (‘saying 'what do you want?' "To not
// …’). A text whose paragraph breaks were flattened keeps the marks of a
// quotation running over paragraphs, each paragraph opening with a mark
// and none but the last closing.
func reopens(text string, pstart, i int) bool {
	if i-2 < pstart || text[i-1] != ' ' || i+1 >= len(text) {
		return false
	}
	end := i - 1
	prev, size := utf8.DecodeLastRuneInString(text[pstart:end])
	if (prev == '\'' || prev == '’') && end-size > pstart {
		prev, _ = utf8.DecodeLastRuneInString(text[pstart : end-size])
	}
	next, _ := utf8.DecodeRuneInString(text[i+1:])
	return strings.ContainsRune(".?!…", prev) && (unicode.IsUpper(next) || unicode.IsDigit(next))
}

func closes(text string, p span, i int, r rune, size int, single bool) bool {
	switch r {
	case '”', '"':
		return true
	case '’':
		if !single {
			return false
		}
		// An apostrophe has a letter after it ("it’s") or closes a
		// plural possessive followed by a space and a lower-case noun;
		// a closing mark is followed by space, punctuation or the end.
		if i+size >= p.end {
			return true
		}
		nr, _ := utf8.DecodeRuneInString(text[i+size:])
		return !unicode.IsLetter(nr) && !unicode.IsDigit(nr)
	}
	return false
}
