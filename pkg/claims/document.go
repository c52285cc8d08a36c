package claims

import (
	"slices"
	"sort"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/claimwatch/claimwatch/pkg/claims/attrtag"
)

// doc is one cleaned article with everything the claim finders share:
// paragraphs, sentences with their tokens and names, quotations, and the
// running state of speaker resolution.
type doc struct {
	text      string
	id        string
	published time.Time
	paras     []span
	sents     []sentence
	toks      [][]token
	ents      [][]entity
	names     *nameTable
	persons   map[string]personEvidence // canonical names of people
	quotes    []quote
	headline  []bool         // per paragraph: a title or heading, not body text
	tagger    *attrtag.Model // completes the rules' attributions; nil: rules only

	lastSpeaker     string
	lastSpeakerSent int
	lastGroup       string // the last speaker that is no person: "they", "it" may stand for it
	lastGroupSent   int
	topic           *string // topicOrg, once asked for
	issuer          string  // who last spoke through a document ("said in a statement")
	issuerSent      int

	runeIdx []int // rune count at every runeStride-th byte

	buf *docBuffers // backs toks and ents; returned by release
}

// docBuffers are the arrays behind a document's tokens and names, most of
// what reading a document allocates. They are pooled, so a steady stream
// of articles reuses a few of them; Extract releases them once the
// claims, which hold no token or entity, are built.
type docBuffers struct {
	toks    []token
	ents    []entity
	names   []entity // the entities the name table learns from, body first
	sentTok [][]token
	sentEnt [][]entity
}

var docPool = sync.Pool{New: func() any { return new(docBuffers) }}

// maxPooledTokens bounds the token array kept for reuse (3.5 MB), so a
// huge article's buffers go back to the garbage collector, not the pool.
const maxPooledTokens = 1 << 16

const runeStride = 256

// noSpeakerSent is lastSpeakerSent before anyone has spoken: far enough
// back that no sentence counts as following a speaker.
const noSpeakerSent = -10

func newDoc(text, id string, published time.Time) *doc {
	d := &doc{text: text, id: id, published: published, lastSpeakerSent: noSpeakerSent, lastGroupSent: noSpeakerSent, issuerSent: noSpeakerSent}
	d.paras = paragraphs(text)
	d.sents = splitSentences(text, d.paras)
	b := docPool.Get().(*docBuffers)
	d.buf = b
	d.toks = grow(b.sentTok, len(d.sents))
	d.ents = grow(b.sentEnt, len(d.sents))
	low := lowerText(text)
	toks, ents := slices.Grow(b.toks[:0], len(text)/5+16), b.ents[:0]
	for i, s := range d.sents {
		n := len(toks)
		toks = tokenizeInto(toks, text, low, s.start, s.end)
		d.toks[i] = toks[n:len(toks):len(toks)]
		m := len(ents)
		ents = findEntities(ents, text, low, d.toks[i], i)
		d.ents[i] = ents[m:len(ents):len(ents)]
	}
	// Names in the body come first, so that a headline's capitalised
	// run ("Understated Perez") never outranks the name as the body
	// writes it.
	names := b.names[:0]
	for i := range d.sents {
		if !titled(d.toks[i]) {
			names = append(names, d.ents[i]...)
		}
	}
	for i := range d.sents {
		if titled(d.toks[i]) {
			names = appendShortNames(names, d.ents[i])
		}
	}
	b.toks, b.ents, b.sentTok, b.sentEnt, b.names = toks, ents, d.toks, d.ents, names
	d.names = newNameTable(names)
	d.persons = map[string]personEvidence{}
	for i := range d.ents {
		d.names.resolveKinds(d.ents[i])
		for _, e := range d.ents[i] {
			if e.kind == entPerson {
				d.persons[e.canon] = max(d.persons[e.canon], e.personEvidence())
			}
		}
	}
	d.quotes = findQuotes(text, d.paras)
	d.headline = make([]bool, len(d.paras))
	for i, p := range d.paras {
		d.headline[i] = isHeadline(text[p.start:p.end])
	}
	d.buildRuneIndex()
	return d
}

// release returns the document's buffers to the pool, cleared so they
// hold on to no text; the document's tokens and names are unusable after.
func (d *doc) release() {
	b := d.buf
	if b == nil {
		return
	}
	d.buf, d.toks, d.ents = nil, nil, nil
	if cap(b.toks) > maxPooledTokens {
		return
	}
	clear(b.toks)
	clear(b.ents)
	clear(b.names)
	clear(b.sentTok)
	clear(b.sentEnt)
	docPool.Put(b)
}

// grow returns b resized to n elements, reusing its array when it is
// large enough; the elements are not cleared.
func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// isHeadline reports a short block that does not end like a sentence: a
// title, subheading or caption.
func isHeadline(p string) bool {
	last, _ := utf8.DecodeLastRuneInString(p)
	switch last {
	case '.', '!', '?', '”', '"', '’', '…', ':', ';', ',':
		return false
	}
	return wordCount(p) <= 30
}

// sentAt returns the index of the sentence containing byte pos, or of the
// last sentence starting before it.
func (d *doc) sentAt(pos int) int {
	i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].start > pos })
	if i == 0 {
		return 0
	}
	return i - 1
}

// insideQuote reports whether byte pos lies inside a quotation.
func (d *doc) insideQuote(pos int) bool {
	i := sort.Search(len(d.quotes), func(i int) bool { return d.quotes[i].open > pos })
	if i == 0 {
		return false
	}
	q := d.quotes[i-1]
	return pos > q.open && pos < q.close
}

func (d *doc) buildRuneIndex() {
	d.runeIdx = make([]int, 0, len(d.text)/runeStride+1)
	n := 0
	for b := 0; b < len(d.text); {
		if b%runeStride == 0 {
			d.runeIdx = append(d.runeIdx, n)
		}
		if d.text[b] < utf8.RuneSelf {
			// A run of ASCII up to the next checkpoint, one rune a byte.
			end := min(len(d.text), (b/runeStride+1)*runeStride)
			k := b + 1
			for k < end && d.text[k] < utf8.RuneSelf {
				k++
			}
			n += k - b
			b = k
			continue
		}
		_, size := utf8.DecodeRuneInString(d.text[b:])
		for k := 1; k < size; k++ {
			if (b+k)%runeStride == 0 {
				// A checkpoint inside a rune counts the rune as
				// already passed.
				d.runeIdx = append(d.runeIdx, n+1)
			}
		}
		b += size
		n++
	}
}

// runeOffset converts a byte offset of the cleaned text to a rune offset
// in O(runeStride).
func (d *doc) runeOffset(b int) int {
	if b <= 0 {
		return 0
	}
	if b >= len(d.text) {
		return utf8.RuneCountInString(d.text[(len(d.runeIdx)-1)*runeStride:]) + d.runeIdx[len(d.runeIdx)-1]
	}
	k := b / runeStride
	base := k * runeStride
	n := d.runeIdx[k]
	// Skip continuation bytes of a rune that started before base.
	for base < b && !utf8.RuneStart(d.text[base]) {
		base++
	}
	return n + utf8.RuneCountInString(d.text[base:b])
}

// appendShortNames adds the names of two words or fewer among ents: in a
// title-case sentence a longer capitalised run can be half a headline
// ("Ted Cruz Hints Trump").
func appendShortNames(all, ents []entity) []entity {
	for _, e := range ents {
		if e.tokEnd-e.tok <= 2 {
			all = append(all, e)
		}
	}
	return all
}

// titled reports a sentence of four words or more whose words nearly all
// start with a capital: a title-case headline.
func titled(toks []token) bool {
	words, caps := 0, 0
	for _, t := range toks {
		if t.kind == tokWord {
			words++
			if t.upper {
				caps++
			}
		}
	}
	return words >= 4 && caps*10 >= words*8
}
