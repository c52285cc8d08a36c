package attrtag

import "math"

type span struct {
	kind       int // tagBSrc, tagBCue or tagBCon
	first, end int // token indices
	sent       int32
	prob       float32 // summed token probabilities
	minProb    float32
}

// attributions turns the tag sequence into attributions: every content
// span takes the nearest source and cue of its sentences; content spans
// that share a source occurrence become one attribution.
func (m *Model) attributions(text string, toks []token, s *scratch) []Attribution {
	spans := s.spans[:0]
	tags := s.tags
	for i := 0; i < len(toks); {
		tg := int(tags[i])
		if tg == tagO || tg == tagISrc || tg == tagICue || tg == tagICon {
			i++
			continue
		}
		sp := span{kind: tg, first: i, sent: toks[i].sent, prob: s.prob[i], minProb: s.prob[i]}
		j := i + 1
		for j < len(toks) && int(tags[j]) == tg+1 {
			sp.prob += s.prob[j]
			sp.minProb = min(sp.minProb, s.prob[j])
			j++
		}
		sp.end = j
		if tg == tagBSrc {
			// A source is a noun phrase: punctuation at its edges is a
			// tagging slip, not part of the name.
			for sp.first < sp.end && !isWordShape(toks[sp.first].shape) {
				sp.first++
			}
			for sp.end > sp.first && !isWordShape(toks[sp.end-1].shape) {
				sp.end--
			}
		}
		if sp.end > sp.first {
			spans = append(spans, sp)
		}
		i = j
	}
	s.spans = spans
	var out []Attribution
	lastSrc := -1
	for ci, c := range spans {
		if c.kind != tagBCon {
			continue
		}
		lo, hi := toks[c.first].sent, toks[c.end-1].sent
		src := nearest(spans, ci, tagBSrc, lo, hi)
		if src < 0 {
			continue
		}
		cue := nearest(spans, ci, tagBCue, lo, hi)
		cs, ce := int(toks[c.first].start), int(toks[c.end-1].end)
		if src == lastSrc && len(out) > 0 {
			a := &out[len(out)-1]
			a.Content += " " + text[cs:ce]
			a.ContentStart, a.ContentEnd = min(a.ContentStart, cs), max(a.ContentEnd, ce)
			f := &a.feats
			n := f[afContentLen] + float32(c.end-c.first)
			f[afMeanContent] = (f[afMeanContent]*f[afContentLen] + c.prob) / n
			f[afContentLen] = n
			f[afMinContent] = min(f[afMinContent], c.minProb)
			f[afMerged] = 1
			a.Score = m.score(f)
			continue
		}
		lastSrc = src
		sp := spans[src]
		a := Attribution{
			Source:       text[toks[sp.first].start:toks[sp.end-1].end],
			SourceStart:  int(toks[sp.first].start),
			SourceEnd:    int(toks[sp.end-1].end),
			Content:      text[cs:ce],
			ContentStart: cs,
			ContentEnd:   ce,
		}
		f := &a.feats
		f[afMeanContent] = c.prob / float32(c.end-c.first)
		f[afMinContent] = c.minProb
		f[afContentLen] = float32(c.end - c.first)
		f[afMeanSource] = sp.prob / float32(sp.end-sp.first)
		f[afMinSource] = sp.minProb
		f[afSourceLen] = float32(sp.end - sp.first)
		if cue >= 0 {
			cu := spans[cue]
			if cu.first-sp.end <= 1 && cu.first >= sp.end || sp.first-cu.end <= 1 && sp.first >= cu.end {
				f[afCueAdjacent] = 1
			}
			if (sp.end <= cu.first && cu.end <= c.first) || (c.end <= cu.first && cu.end <= sp.first) {
				f[afCueBetween] = 1
			}
			a.Cue = text[toks[cu.first].start:toks[cu.end-1].end]
			f[afCue] = 1
			if toks[cu.first].flags&flagCue != 0 {
				f[afCueLexicon] = 1
			}
		}
		st := &toks[sp.first]
		if st.flags&flagCap != 0 && st.flags&flagSentStart == 0 {
			f[afSourceCap] = 1
		}
		if st.shape == shapeDigit {
			f[afSourceDigit] = 1
		}
		if st.shape == shapeLower && sp.end-sp.first > 1 {
			f[afSourceLowerStart] = 1
		}
		if st.flags&flagSentStart != 0 {
			f[afSourceSentStart] = 1
		}
		if sp.end-sp.first == 1 && st.shape == shapeLower {
			f[afSourcePronoun] = 1
		}
		if toks[c.first].shape == shapeOpenQuote {
			f[afQuoted] = 1
		}
		if toks[c.first].lw == hashThat {
			f[afThat] = 1
		}
		gap := c.first - sp.end
		if sp.first > c.first {
			f[afSourceAfter] = 1
			gap = sp.first - c.end
		}
		f[afGap] = float32(max(0, gap))
		if lo != hi {
			f[afMultiSentence] = 1
		}
		a.Score = m.score(f)
		out = append(out, a)
	}
	return out
}

func isWordShape(sh uint8) bool { return sh >= shapeLower && sh <= shapeMixed }

var hashThat = func() uint64 {
	var t token
	wordHashes("that", &t)
	return t.lw
}()

// Attribution-level features of the confidence score.
const (
	afBias = iota
	afMeanContent
	afMinContent
	afContentLen
	afMeanSource
	afMinSource
	afSourceLen
	afCue
	afCueLexicon
	afSourceCap
	afSourcePronoun
	afQuoted
	afThat
	afSourceAfter
	afGap
	afMultiSentence
	afMerged
	afSourceDigit
	afSourceLowerStart
	afSourceSentStart
	afCueAdjacent
	afCueBetween
	nAF
)

// calInputs maps raw attribution features to the calibration's inputs:
// lengths and gaps enter as logarithms, as their effect saturates.
func calInputs(f *[nAF]float32) [nAF]float64 {
	var x [nAF]float64
	for k := range f {
		x[k] = float64(f[k])
	}
	x[afBias] = 1
	x[afContentLen] = math.Log1p(x[afContentLen])
	x[afSourceLen] = math.Log1p(x[afSourceLen])
	x[afGap] = math.Log1p(x[afGap])
	return x
}

// score is the calibrated probability that an attribution is right, by a
// logistic regression over its features fitted on held-out folds of the
// training data; without a calibration it is the lower of the mean token
// probabilities of source and content.
func (m *Model) score(f *[nAF]float32) float64 {
	if len(m.cal) != nAF {
		return float64(min(f[afMeanContent], f[afMeanSource]))
	}
	x := calInputs(f)
	z := 0.0
	for k := range x {
		z += float64(m.cal[k]) * x[k]
	}
	return 1 / (1 + math.Exp(-z))
}

// maxReach bounds how many spans nearest looks past on either side: a
// source or cue further away is no longer the content's, and an
// unbounded search is quadratic in a text that is one long "sentence" of
// content spans ("He said "a" × 100,000).
const maxReach = 16

// nearest returns the index in spans of the span of kind closest to
// spans[ci] within sentences lo..hi and maxReach spans, or -1.
func nearest(spans []span, ci, kind int, lo, hi int32) int {
	best, bestD := -1, 1<<30
	for k := ci - 1; k >= 0 && ci-k <= maxReach && spans[k].sent >= lo; k-- {
		if spans[k].kind == kind {
			best, bestD = k, spans[ci].first-spans[k].end
			break
		}
	}
	for k := ci + 1; k < len(spans) && k-ci <= maxReach && spans[k].sent <= hi; k++ {
		if spans[k].kind == kind {
			if d := spans[k].first - spans[ci].end; d < bestD {
				best = k
			}
			break
		}
	}
	return best
}
