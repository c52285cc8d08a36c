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

	fPrev = iota + 100
	fPrev2
	fPrevW0
	fPrevShape
	fPrevQuote
	fSeen
	fSeenW0
	fSeenShape
)

// maxStatic and maxDynamic bound the features per token (22 and 8 are
// used), sizing the scratch arrays.
const (
	maxStatic  = 24
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
