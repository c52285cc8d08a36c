package attrtag

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// tagState carries the left context of greedy decoding.
type tagState struct {
	prev, prev2 int
	seen        uint64
}

func (s *tagState) advance(tag int) {
	s.prev2, s.prev = s.prev, tag
	s.seen |= seenBit(tag)
}

// sentenceStart resets the per-sentence context.
func (s *tagState) sentenceStart() { s.seen = 0 }

// scratch is the per-call working memory of Tag, pooled so that tagging
// allocates little more than its results.
type scratch struct {
	toks  []token
	parts []int // index in toks of the first token of each range
	tags  []uint8
	prob  []float32
	gate  []bool
	spans []span
	feats [maxStatic + maxDynamic]uint32
	lat   []lattice
}

// lattice is one token of a Viterbi pass: local scores, best path
// scores and back pointers.
type lattice struct {
	emit  [nTags]int32
	trans [nTags][nTags]int32 // [prev][tag]
	best  [nTags]int32
	back  [nTags]uint8
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// sentenceFlags marks the sentences that have a quotation mark.
func sentenceFlags(toks []token, sentQuote []bool) {
	for i := range toks {
		if toks[i].shape == shapeOpenQuote || toks[i].shape == shapeCloseQuote {
			sentQuote[toks[i].sent] = true
		}
	}
}

// Tag returns the attributions with a source that the model finds in
// text, in text order. Only sentences that contain a word of the gate
// lexicon (words that are a cue in at least 30% of their occurrences in
// the training data) are tagged: about half of news text, for nearly
// twice the speed of TagAll and some recall.
func (m *Model) Tag(text string) []Attribution {
	whole := [1][2]int{{0, len(text)}}
	return m.tagRanges(text, whole[:], true)
}

// TagAll is Tag without the sentence gate.
func (m *Model) TagAll(text string) []Attribution {
	whole := [1][2]int{{0, len(text)}}
	return m.tagRanges(text, whole[:], false)
}

// TagRanges is Tag restricted to the byte ranges [lo, hi) of text, sorted
// and not overlapping (a range that overlaps its predecessor loses the
// overlap): a caller that has already found the attributions of some
// sentences passes the others, and the text outside the ranges is neither
// tokenised nor tagged. Offsets remain bytes into text.
//
// Ranges apart only by white space are one, so consecutive sentences are
// tagged as Tag tags them, and ranges that cover the text but for white
// space find exactly what Tag finds. A range after a gap is tagged as a
// text of its own that starts a sentence, except that quotation marks
// in the gap still count, so a range inside a quotation knows it is
// quoted; only the words and tags just before it, which Tag would see,
// are missing. An attribution never reaches outside its range, and needs
// nothing outside it: its source and cue come from the sentences of its
// content, as in Tag, so a source in a skipped sentence is never used.
func (m *Model) TagRanges(text string, ranges [][2]int) []Attribution {
	return m.tagRanges(text, ranges, true)
}

func (m *Model) tagRanges(text string, ranges [][2]int, gated bool) []Attribution {
	s := scratchPool.Get().(*scratch)
	defer scratchPool.Put(s)
	toks, parts := s.toks[:0], s.parts[:0]
	inQuote, at := false, 0
	for _, r := range ranges {
		lo, hi := runeFloor(text, max(r[0], at)), runeFloor(text, min(r[1], len(text)))
		if lo >= hi {
			continue
		}
		// Ranges apart only by white space (consecutive sentences) are
		// one: a sentence's tags and words run on into the next, as in
		// Tag, and a content may span both.
		if len(toks) > 0 && strings.TrimSpace(text[at:lo]) == "" {
			lo = at
		} else {
			inQuote = quoteState(text, at, lo, inQuote)
			parts = append(parts, len(toks))
		}
		toks, inQuote = tokenizeRange(text[:hi], lo, inQuote, toks)
		at = hi
	}
	s.toks, s.parts = toks, parts
	if len(toks) == 0 {
		return nil
	}
	nSent := int32(0)
	for k, first := range parts {
		end := len(toks)
		if k+1 < len(parts) {
			end = parts[k+1]
		}
		nSent = splitSentences(text, toks[first:end], nSent)
	}
	s.tags = grow(s.tags, len(toks))
	s.prob = grow(s.prob, len(toks))
	s.gate = grow(s.gate, 2*int(nSent))
	sentQuote, tagSent := s.gate[:nSent], s.gate[nSent:]
	clear(s.gate)
	sentenceFlags(toks, sentQuote)
	for k, first := range parts {
		end := len(toks)
		if k+1 < len(parts) {
			end = parts[k+1]
		}
		part := toks[first:end]
		m.markCues(part)
		for i := range part {
			if !gated || part[i].flags&flagGate != 0 {
				tagSent[part[i].sent] = true
			}
		}
		m.markCueContext(part, tagSent)
		if m.viterbi {
			m.decodeViterbi(part, sentQuote, tagSent, s.tags[first:end], s.prob[first:end], s)
		} else {
			m.decode(part, sentQuote, tagSent, s.tags[first:end], s.prob[first:end])
		}
	}
	return m.attributions(text, toks, s)
}

func grow[T any](b []T, n int) []T {
	if cap(b) < n {
		return make([]T, n)
	}
	return b[:n]
}

// decode tags toks greedily, left to right, leaving untagged sentences
// O.
func (m *Model) decode(toks []token, sentQuote, tagSent []bool, tags []uint8, prob []float32) {
	var st tagState
	pos := 0
	for i := range toks {
		t := &toks[i]
		if t.flags&flagSentStart != 0 {
			st.sentenceStart()
			pos = 0
		}
		if !tagSent[t.sent] {
			tags[i], prob[i] = tagO, 1
			st.advance(tagO)
			pos++
			continue
		}
		sc := m.greedyScores(toks, i, pos, sentQuote[t.sent], &st)
		best := -1
		for k := range nTags {
			if valid(st.prev, k) && (best < 0 || sc[k] > sc[best]) {
				best = k
			}
		}
		tags[i] = uint8(best)
		if best != tagO {
			var z float64
			for k := range nTags {
				if valid(st.prev, k) {
					z += m.expNeg(sc[best] - sc[k])
				}
			}
			prob[i] = float32(1 / z)
		} else {
			prob[i] = 1
		}
		st.advance(best)
		pos++
	}
}

// rowSums adds up the rows of feats.
func (m *Model) rowSums(feats []uint32) [nTags]int32 {
	var l lanes
	for _, b := range feats {
		l.addRow(m.w[b])
	}
	return l.scores(len(feats))
}

const negInf = -1 << 30

// decodeViterbi tags each tagged sentence of toks with its best
// first-order tag sequence, starting from O.
func (m *Model) decodeViterbi(toks []token, sentQuote, tagSent []bool, tags []uint8, prob []float32, s *scratch) {
	for a := 0; a < len(toks); {
		b := a + 1
		for b < len(toks) && toks[b].flags&flagSentStart == 0 {
			b++
		}
		if !tagSent[toks[a].sent] {
			for i := a; i < b; i++ {
				tags[i], prob[i] = tagO, 1
			}
		} else {
			s.lat = grow(s.lat, b-a)
			m.viterbiSentence(toks, a, b, sentQuote[toks[a].sent], s.lat, s.feats[:], tags[a:b], prob[a:b])
		}
		a = b
	}
}

func (m *Model) viterbiSentence(toks []token, a, b int, sentQuote bool, lat []lattice, feats []uint32, tags []uint8, prob []float32) {
	for i := a; i < b; i++ {
		l := &lat[i-a]
		n := m.staticFeatures(toks, i, i-a, sentQuote, feats)
		l.emit = m.rowSums(feats[:n])
		for p := range nTags {
			if i == a && p != tagO {
				continue
			}
			n := m.firstOrderFeatures(&toks[i], p, feats)
			l.trans[p] = m.rowSums(feats[:n])
		}
		for t := range nTags {
			l.best[t] = negInf
			for p := range nTags {
				if !valid(p, t) {
					continue
				}
				var v int32
				if i == a {
					if p != tagO {
						continue
					}
				} else {
					if lat[i-a-1].best[p] == negInf {
						continue
					}
					v = lat[i-a-1].best[p]
				}
				if v += l.trans[p][t] + l.emit[t]; v > l.best[t] {
					l.best[t], l.back[t] = v, uint8(p)
				}
			}
		}
	}
	last := b - a - 1
	t := 0
	for k := range nTags {
		if lat[last].best[k] > lat[last].best[t] {
			t = k
		}
	}
	for i := last; i >= 0; i-- {
		tags[i] = uint8(t)
		p := int(lat[i].back[t])
		if i == 0 {
			p = tagO
		}
		prob[i] = 1
		if t != tagO {
			l := &lat[i]
			var z float64
			for k := range nTags {
				if valid(p, k) {
					z += m.expNeg(l.emit[t] + l.trans[p][t] - l.emit[k] - l.trans[p][k])
				}
			}
			prob[i] = float32(1 / z)
		}
		t = p
	}
}

// runeFloor moves byte offset i back to the start of the rune it falls
// in, so a range never splits a character.
func runeFloor(text string, i int) int {
	i = max(i, 0)
	for i > 0 && i < len(text) && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}
