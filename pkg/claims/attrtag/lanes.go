package attrtag

// Greedy decoding scores a token by the rows of 33 features. Half of
// them take their values from small sets (the tags to the left, the
// token's shape, its position, quotation flags, the distances to the
// nearest cues), so their rows are added up once per model, for every
// combination, in the tables here; a token then costs the hashes and
// loads of the 17 features that involve words.
// The scores are exactly those of staticFeatures and dynamicFeatures,
// which stay the definition (training and the Viterbi decoder use them).

// lanes is a sum of weight rows: tags 0, 2, 4, 6 in the 16-bit lanes of
// even, 1, 3, 5 in those of odd, each biased by rowBias per row. A lane
// holds the sum of up to 257 rows (a token has 33) without carrying into
// the next.
type lanes struct{ even, odd uint64 }

func (l *lanes) addRow(r uint64) {
	l.even += r & laneMask
	l.odd += r >> 8 & laneMask
}

func (l *lanes) add(x lanes) {
	l.even += x.even
	l.odd += x.odd
}

// scores removes the bias of n rows and unpacks the tags.
func (l *lanes) scores(n int) [nTags]int32 {
	bias := int32(rowBias * n)
	e, o := l.even, l.odd
	return [nTags]int32{
		int32(e&0xffff) - bias, int32(o&0xffff) - bias,
		int32(e>>16&0xffff) - bias, int32(o>>16&0xffff) - bias,
		int32(e>>32&0xffff) - bias, int32(o>>32&0xffff) - bias,
		int32(e>>48) - bias,
	}
}

// Sizes of the small value sets: shapes (with one more for the boundary
// shape 99), positions and the left-context values of tagState.
const (
	nShapes = 16
	nPos    = 8
	nSeen   = 8
)

// tables are the pre-added rows of the small-set features.
type tables struct {
	// ctx: bias, quote, sentence start, sentence has a quote, cue near,
	// by ctxIndex.
	ctx [16]lanes
	// shape: shape, position and shape, capital and position, by
	// [capital][position][shape].
	shape [2 * nPos * nShapes]lanes
	// shape3: the shapes of the token and its neighbours (one row).
	shape3 [nShapes * nShapes * nShapes]uint64
	// cueLR: the distances to the nearest cues on either side, what
	// lies between and the quote flag (one row), by cueLRIndex.
	cueLR [8 * 8 * 4 * 2]uint64
	// cueL, cueR: the nearest cue word on either side with its bucketed
	// distance and the quote flag (one row each), by cueWordIndex: the
	// cue lexicon is small, so its words need no hashing per token.
	cueL, cueR []uint64
	// prev: previous tags, quote and the kinds seen, by
	// [prev][prev2][quote][seen].
	prev [nTags * nTags * 2 * nSeen]lanes
	// prevShape: the previous tag and kinds seen with the shape, by
	// [prev][seen][shape].
	prevShape [nTags * nSeen * nShapes]lanes
}

// Rows each table entry adds up, for the bias correction.
const (
	ctxRows       = 5
	shapeRows     = 3
	shape3Rows    = 1
	cueLRRows     = 1
	cueWordRows   = 2
	prevRows      = 4
	prevShapeRows = 2
	wordRows      = 13 // static features on words, hashed per token
	dynWordRows   = 2  // dynamic ones, hashed per token
	greedyRows    = ctxRows + shapeRows + shape3Rows + cueLRRows + cueWordRows + prevRows + prevShapeRows + wordRows + dynWordRows
)

// nDist is the number of distance buckets (distBucket and 0).
const nDist = 8

func cueWordIndex(slot uint16, d uint8, q uint64) int {
	return (int(slot)*nDist+int(d))*2 + int(q)
}

func ctxIndex(q, sentStart, sentQuote, cueNear bool) int {
	return int(b2u(q) | b2u(sentStart)<<1 | b2u(sentQuote)<<2 | b2u(cueNear)<<3)
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// shapeIndex maps a shape, or 99 beyond the text, to 0..nShapes-1.
func shapeIndex(sh uint64) uint64 {
	if sh >= nShapes-1 {
		return nShapes - 1
	}
	return sh
}

// buildTables adds up the rows of every small-set combination, with the
// feature values staticFeatures and dynamicFeatures would hash.
func (m *Model) buildTables() {
	tb := new(tables)
	shift := 64 - m.bits
	sum := func(keys ...uint64) lanes {
		var l lanes
		for _, k := range keys {
			l.addRow(m.w[k>>shift])
		}
		return l
	}
	for _, q := range [2]bool{false, true} {
		for _, ss := range [2]bool{false, true} {
			for _, sq := range [2]bool{false, true} {
				for _, cn := range [2]bool{false, true} {
					qv := b2u(q) * flagInQuote
					tb.ctx[ctxIndex(q, ss, sq, cn)] = sum(key(fBias, 0, 0), key(fQuote, qv, 0), key(fSentStart, b2u(ss)*flagSentStart, 0),
						key(fSentQuote, b2u(sq), qv), key(fCueNear, b2u(cn), qv))
				}
			}
		}
	}
	for c := range 2 {
		for p := range uint64(nPos) {
			for sh := range uint64(nShapes) {
				tb.shape[(c*nPos+int(p))*nShapes+int(sh)] = sum(key(fShape0, sh, 0), key(fPos, p, sh), key(fCapPos, uint64(c)*flagCap, p))
			}
		}
	}
	unIndex := func(sh uint64) uint64 {
		if sh == nShapes-1 {
			return 99
		}
		return sh
	}
	for a := range uint64(nShapes) {
		for b := range uint64(nShapes) {
			for c := range uint64(nShapes) {
				k := key(fShape3, unIndex(a)<<16|unIndex(b)<<8|unIndex(c), 0)
				tb.shape3[(a*nShapes+b)*nShapes+c] = m.w[k>>shift]
			}
		}
	}
	for dl := range uint64(8) {
		for dr := range uint64(8) {
			for sep := range uint64(4) {
				for q := range uint64(2) {
					k := key(fCueLR, dl<<8|dr, sep<<1|q*flagInQuote)
					tb.cueLR[((dl*8+dr)*4+sep)*2+q] = m.w[k>>shift]
				}
			}
		}
	}
	tb.cueL = make([]uint64, (len(m.cueSet)+1)*nDist*2)
	tb.cueR = make([]uint64, len(tb.cueL))
	for s := range len(m.cueSet) + 1 {
		cw := m.cueWord(uint16(s))
		if s > 0 && cw == 0 {
			continue // an empty slot
		}
		for d := range uint64(nDist) {
			for q := range uint64(2) {
				i := cueWordIndex(uint16(s), uint8(d), q)
				tb.cueL[i] = m.w[key(fCueL, cw, d<<1|q)>>shift]
				tb.cueR[i] = m.w[key(fCueR, cw, d<<1|q)>>shift]
			}
		}
	}
	for p := range uint64(nTags) {
		for p2 := range uint64(nTags) {
			for q := range uint64(2) {
				for s := range uint64(nSeen) {
					tb.prev[((p*nTags+p2)*2+q)*nSeen+s] = sum(key(fPrev, p, 0), key(fPrev2, p, p2), key(fPrevQuote, p, q*flagInQuote), key(fSeen, s, q*flagInQuote))
				}
			}
		}
		for s := range uint64(nSeen) {
			for sh := range uint64(nShapes) {
				tb.prevShape[(p*nSeen+s)*nShapes+sh] = sum(key(fPrevShape, p, sh), key(fSeenShape, s<<8|p, sh))
			}
		}
	}
	m.tab = tb
}

// greedyScores is the sum of the rows of staticFeatures and
// dynamicFeatures for token i at position pos of its sentence, with the
// tag state st.
func (m *Model) greedyScores(toks []token, i, pos int, sentQuote bool, st *tagState) [nTags]int32 {
	tb, w := m.tab, m.w
	shift := 64 - m.bits
	t := &toks[i]
	wm2, wm1, wp1, wp2 := uint64(boundary), uint64(boundary), uint64(boundary), uint64(boundary)
	sfm1, sfp1 := uint64(boundary), uint64(boundary)
	shm1, shp1 := uint64(nShapes-1), uint64(nShapes-1)
	if i > 0 {
		wm1, sfm1, shm1 = toks[i-1].lw, toks[i-1].suf, shapeIndex(uint64(toks[i-1].shape))
		if i > 1 {
			wm2 = toks[i-2].lw
		}
	}
	if i+1 < len(toks) {
		wp1, sfp1, shp1 = toks[i+1].lw, toks[i+1].suf, shapeIndex(uint64(toks[i+1].shape))
		if i+2 < len(toks) {
			wp2 = toks[i+2].lw
		}
	}
	sh := shapeIndex(uint64(t.shape))
	q := uint64(t.flags & flagInQuote)
	p := min(pos, 6)
	if pos > 10 {
		p = 7
	}
	cp := 0
	if t.flags&flagCap != 0 {
		cp = 1
	}
	var l lanes
	l.add(tb.ctx[ctxIndex(q != 0, t.flags&flagSentStart != 0, sentQuote, t.cueNear)])
	l.add(tb.shape[(cp*nPos+p)*nShapes+int(sh)])
	l.addRow(tb.shape3[(shm1*nShapes+sh)*nShapes+shp1])
	l.addRow(tb.cueL[cueWordIndex(t.cueL, t.cueDL, q)])
	l.addRow(tb.cueR[cueWordIndex(t.cueR, t.cueDR, q)])
	l.addRow(tb.cueLR[((int(t.cueDL)*8+int(t.cueDR))*4+int(t.cueSep))*2+int(q)])
	l.add(tb.prev[((st.prev*nTags+st.prev2)*2+int(q))*nSeen+int(st.seen)])
	l.add(tb.prevShape[(st.prev*nSeen+int(st.seen))*nShapes+int(sh)])
	// The word features, with the hashes of staticFeatures; the shapes
	// beside a word are hashed unfolded (99 at the text's ends).
	rawShm1, rawShp1 := uint64(99), uint64(99)
	if i > 0 {
		rawShm1 = uint64(toks[i-1].shape)
	}
	if i+1 < len(toks) {
		rawShp1 = uint64(toks[i+1].shape)
	}
	keys := [wordRows + dynWordRows]uint64{
		key(fW0, t.lw, 0),
		key(fWm1, wm1, 0),
		key(fWp1, wp1, 0),
		key(fWm2, wm2, 0),
		key(fWp2, wp2, 0),
		key(fSuf0, t.suf, 0),
		key(fWm1W0, wm1, t.lw),
		key(fW0Wp1, t.lw, wp1),
		key(fQuoteW0, q, t.lw),
		key(fSufm1, sfm1, 0),
		key(fSufp1, sfp1, 0),
		key(fShapem1W0, rawShm1, t.lw),
		key(fW0Shapep1, t.lw, rawShp1),
		key(fPrevW0, uint64(st.prev), t.lw),
		key(fSeenW0, st.seen, t.lw),
	}
	for _, k := range keys {
		l.addRow(w[k>>shift])
	}
	return l.scores(greedyRows)
}
