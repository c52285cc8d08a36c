package claims

import (
	"strings"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// A transcript gives each turn a paragraph that opens with the speaker's
// name in capitals and a colon ("TAPPER: Do you think …?"). The turn is
// the speaker's own words, without quotation marks: a quote.

// minTurns is how many labelled paragraphs make an article a transcript:
// a lone "BREAKING:" or "WASHINGTON:" is a label, not a turn.
const minTurns = 2

// turn is the speaker and the words of one transcript paragraph.
type turn struct {
	speaker      string
	contentStart int // byte offset just after the colon
}

// findTurns returns the turns of a transcript by paragraph index, or nil
// when the article is not one.
func (d *doc) findTurns() map[int]turn {
	var turns map[int]turn
	var full map[string]string // a label's surname → its fullest form
	for si, s := range d.sents {
		if s.start != d.paras[s.para].start {
			continue
		}
		label, colon, ok := turnLabel(d.toks[si])
		if !ok {
			continue
		}
		if turns == nil {
			turns, full = map[int]turn{}, map[string]string{}
		}
		turns[s.para] = turn{speaker: label, contentStart: d.toks[si][colon].end}
		_, last := firstLast(label)
		if cur := full[last]; len(label) > len(cur) {
			full[last] = label
		}
	}
	if len(turns) < minTurns {
		return nil
	}
	for p, t := range turns {
		_, last := firstLast(t.speaker)
		t.speaker = full[last]
		if name, ok := d.names.bySurname[strings.ToLower(last)]; ok {
			t.speaker = name // "TRUMP:" is the Trump the article introduced
		}
		if strings.ToUpper(t.speaker) == t.speaker {
			t.speaker = titleCase(strings.ToLower(t.speaker))
		}
		turns[p] = t
	}
	return turns
}

// turnLabel reads the speaker label that opens a paragraph: one to three
// words in capitals, each longer than a letter (an interview's "Q:" and
// "A:" name nobody), then a colon and at least a short sentence.
func turnLabel(toks []token) (label string, colon int, ok bool) {
	k := 0
	for k < len(toks) && k < 4 && !isPunct(toks[k], ":") {
		t := toks[k]
		if t.kind != tokWord || len(t.text) < 2 || strings.ToUpper(t.text) != t.text || strings.ToLower(t.text) == t.text || notTurnLabels.has(t.low) {
			return "", 0, false
		}
		k++
	}
	if k == 0 || k > 3 || k >= len(toks) || !isPunct(toks[k], ":") || len(toks)-k-1 < minStatementWords {
		return "", 0, false
	}
	return joinTokens(toks[:k]), k, true
}

// notTurnLabels open a paragraph in capitals without naming a speaker.
var notTurnLabels = toSet(`breaking update updated updates watch exclusive read listen video photos photo
note editor correction related more source sources also click warning alert live analysis opinion
editorial commentary review transcript excerpt excerpts summary background context disclosure
advertisement sponsored fact check`)

// turnDraft is the quote of one transcript turn, the rest of its
// paragraph.
func (d *doc) turnDraft(si int, t turn) draft {
	p := d.paras[d.sents[si].para]
	content := strings.TrimSpace(d.text[t.contentStart:p.end])
	c := model.Claim{Kind: model.KindQuote, Content: content, Speaker: t.speaker}
	return draft{claim: c, para: d.sents[si].para, start: p.start, end: p.end, sentence: si, quoteOpen: t.contentStart, how: "turn"}
}
