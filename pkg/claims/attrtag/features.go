package attrtag

import "github.com/claimwatch/claimwatch/internal/hashmix"

// Feature templates. Static ones depend only on the text, dynamic ones
// on the tags already chosen to the left.
const (
	fBias = iota + 1
	fW0
	fWm1
	fWp1
	fWm2
	fWp2
	fShape0
	fSuf0
	fWm1W0
	fW0Wp1
	fShape3
	fQuote
	fQuoteW0
	fSentStart
	fPos
	fCapPos
	fSufm1
	fSufp1
	fShapem1W0
	fW0Shapep1
	fSentQuote
	fCueNear
	fCueL
	fCueR
	fCueLR

	fPrev = iota + 100
	fPrev2
	fPrevW0
	fPrevShape
	fPrevQuote
	fSeen
	fSeenW0
	fSeenShape
)

// maxStatic and maxDynamic bound the features per token (25 and 8 are
// used), sizing the scratch arrays.
const (
	maxStatic  = 28
	maxDynamic = 8
)

// boundary stands for the word beyond either end of the text.
const boundary = 0x9e3779b97f4a7c15

// key combines a template with up to two values. a and b are FNV hashes
// or small ints; multiplying b by an odd constant keeps (a, b) and
// (b, a) apart, and one mix spreads everything into the top bits.
func key(tmpl uint64, a, b uint64) uint64 {
	return hashmix.Mix64(tmpl*0xff51afd7ed558ccd + a + b*0xc4ceb9fe1a85ec53)
}

// staticFeatures writes the bucket indices of token i's static features
// to out and returns how many there are.
func (m *Model) staticFeatures(toks []token, i int, pos int, sentQuote bool, out []uint32) int {
	shift := 64 - m.bits
	t := &toks[i]
	w := func(k int) uint64 {
		if k < 0 || k >= len(toks) {
			return boundary
		}
		return toks[k].lw
	}
	sh := func(k int) uint64 {
		if k < 0 || k >= len(toks) {
			return 99
		}
		return uint64(toks[k].shape)
	}
	sf := func(k int) uint64 {
		if k < 0 || k >= len(toks) {
			return boundary
		}
		return toks[k].suf
	}
	q := uint64(t.flags & flagInQuote)
	p := uint64(min(pos, 6))
	if pos > 10 {
		p = 7
	}
	n := 0
	add := func(k uint64) {
		out[n] = uint32(k >> shift)
		n++
	}
	add(key(fBias, 0, 0))
	add(key(fW0, t.lw, 0))
	add(key(fWm1, w(i-1), 0))
	add(key(fWp1, w(i+1), 0))
	add(key(fWm2, w(i-2), 0))
	add(key(fWp2, w(i+2), 0))
	add(key(fShape0, uint64(t.shape), 0))
	add(key(fSuf0, t.suf, 0))
	add(key(fWm1W0, w(i-1), t.lw))
	add(key(fW0Wp1, t.lw, w(i+1)))
	add(key(fShape3, sh(i-1)<<16|sh(i)<<8|sh(i+1), 0))
	add(key(fQuote, q, 0))
	add(key(fQuoteW0, q, t.lw))
	add(key(fSentStart, uint64(t.flags&flagSentStart), 0))
	add(key(fPos, p, uint64(t.shape)))
	add(key(fCapPos, uint64(t.flags&flagCap), p))
	add(key(fSufm1, sf(i-1), 0))
	add(key(fSufp1, sf(i+1), 0))
	add(key(fShapem1W0, sh(i-1), t.lw))
	add(key(fW0Shapep1, t.lw, sh(i+1)))
	var sq, cn uint64
	if sentQuote {
		sq = 1
	}
	if t.cueNear {
		cn = 1
	}
	add(key(fSentQuote, sq, q))
	add(key(fCueNear, cn, q))
	add(key(fCueL, m.cueWord(t.cueL), uint64(t.cueDL)<<1|q))
	add(key(fCueR, m.cueWord(t.cueR), uint64(t.cueDR)<<1|q))
	add(key(fCueLR, uint64(t.cueDL)<<8|uint64(t.cueDR), uint64(t.cueSep)<<1|q))
	return n
}

// dynamicFeatures writes the features that depend on the previous two
// tags and on which span kinds the sentence has had so far.
func (m *Model) dynamicFeatures(t *token, prev, prev2 int, seen uint64, out []uint32) int {
	shift := 64 - m.bits
	q := uint64(t.flags & flagInQuote)
	keys := [maxDynamic]uint64{
		key(fPrev, uint64(prev), 0),
		key(fPrev2, uint64(prev), uint64(prev2)),
		key(fPrevW0, uint64(prev), t.lw),
		key(fPrevShape, uint64(prev), uint64(t.shape)),
		key(fPrevQuote, uint64(prev), q),
		key(fSeen, seen, q),
		key(fSeenW0, seen, t.lw),
		key(fSeenShape, seen<<8|uint64(prev), uint64(t.shape)),
	}
	for k, h := range keys {
		out[k] = uint32(h >> shift)
	}
	return maxDynamic
}

// valid reports whether tag may follow prev: an inside tag continues a
// span of its own kind.
func valid(prev, tag int) bool {
	switch tag {
	case tagISrc:
		return prev == tagBSrc || prev == tagISrc
	case tagICue:
		return prev == tagBCue || prev == tagICue
	case tagICon:
		return prev == tagBCon || prev == tagICon
	}
	return true
}

func seenBit(tag int) uint64 {
	switch tag {
	case tagBSrc, tagISrc:
		return 1
	case tagBCue, tagICue:
		return 2
	case tagBCon, tagICon:
		return 4
	}
	return 0
}

// firstOrderFeatures writes the features of the Viterbi models that
// join the previous tag with the token, for previous tag prev.
func (m *Model) firstOrderFeatures(t *token, prev int, out []uint32) int {
	shift := 64 - m.bits
	q := uint64(t.flags & flagInQuote)
	out[0] = uint32(key(fPrev, uint64(prev), 0) >> shift)
	out[1] = uint32(key(fPrevW0, uint64(prev), t.lw) >> shift)
	out[2] = uint32(key(fPrevShape, uint64(prev), uint64(t.shape)) >> shift)
	out[3] = uint32(key(fPrevQuote, uint64(prev), q) >> shift)
	return 4
}

// cueWindow is how far (in tokens) the cue-near feature looks.
const cueWindow = 4

// markCues flags the tokens of the cue and gate lexicons, and those
// near a cue.
func (m *Model) markCues(toks []token) {
	last := -1 << 30
	for i := range toks {
		if m.cueSet.has(toks[i].lw) {
			toks[i].flags |= flagCue
			if m.gateSet.has(toks[i].lw) {
				toks[i].flags |= flagGate
			}
			for k := max(0, i-cueWindow, last+cueWindow+1); k < i; k++ {
				toks[k].cueNear = true
			}
			last = i
		}
		toks[i].cueNear = i-last <= cueWindow
	}
}

// cueWord is the word hash of the cue lexicon's slot s-1, or 0 for s 0
// (no cue).
func (m *Model) cueWord(s uint16) uint64 {
	if s == 0 {
		return 0
	}
	return m.cueSet[s-1]
}

// distBucket buckets a distance in tokens (1 and up): 1, 2, 3, 4–5,
// 6–8, 9–14, 15 and more; 0 is kept for "no cue".
func distBucket(d int) uint8 {
	return distBuckets[min(d, len(distBuckets)-1)]
}

var distBuckets = [16]uint8{0, 1, 2, 3, 4, 4, 5, 5, 5, 6, 6, 6, 6, 6, 6, 7}

// separates reports whether t stands between a cue and its content: a
// quotation mark, a colon or "that".
func separates(t *token) bool {
	return 1<<t.shape&(1<<shapeOpenQuote|1<<shapeCloseQuote|1<<shapeColon) != 0 || t.lw == hashThat
}

// markCueContext sets, for every token, the nearest cue-lexicon word on
// either side within its sentence, how far it is and whether a quotation
// mark, colon or "that" lies between: where the token stands relative to
// the attribution's cue ("… he said", "said that …", "according to").
// With tagSent, only the sentences it marks are looked at (the others
// are not tagged); markCues must have run.
func (m *Model) markCueContext(toks []token, tagSent []bool) {
	last, sep := uint16(0), false
	d := 0
	for i := range toks {
		t := &toks[i]
		if tagSent != nil && !tagSent[t.sent] {
			continue
		}
		if t.flags&flagSentStart != 0 {
			last, sep = 0, false
		}
		d++
		t.cueL, t.cueDL, t.cueSep = last, 0, 0
		if last != 0 {
			t.cueDL = distBucket(d)
			if sep {
				t.cueSep = 1
			}
		}
		if t.flags&flagCue != 0 {
			last, sep, d = m.cueSet.slot(t.lw)+1, false, 0
		} else if separates(t) {
			sep = true
		}
	}
	next := uint16(0)
	sep = false
	for i := len(toks) - 1; i >= 0; i-- {
		t := &toks[i]
		if tagSent != nil && !tagSent[t.sent] {
			continue
		}
		d++
		t.cueR, t.cueDR = next, 0
		if next != 0 {
			t.cueDR = distBucket(d)
			if sep {
				t.cueSep |= 2
			}
		}
		if t.flags&flagCue != 0 {
			next, sep, d = m.cueSet.slot(t.lw)+1, false, 0
		} else if separates(t) {
			sep = true
		}
		if t.flags&flagSentStart != 0 {
			next, sep = 0, false
		}
	}
}
