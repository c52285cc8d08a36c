package attrtag

import "math"

// The held-out evaluation imports package claims, which imports this
// package, so it lives in attrtag_test and reaches the internals here.

var (
	TrainFlag     = train
	LoadPolNeAR   = loadPolNeAR
	RuneOffsets   = runeOffsets
	TrainArticles = trainArticles
	DevStart      = devStart
	TrainingSlice = trainingSlice
	HeldOut       = heldOut
	DevMode       = devMode
	TrainModel    = trainModel
	EnvInt        = envInt
	DefaultBits   = defaultBits
	LoadBBC       = loadBBC
)

const (
	NAF = nAF
)

// Features returns the inputs of a's confidence score.
func (a *Attribution) Features() [nAF]float32 { return a.feats }

// Calibrate fits the logistic confidence score of m to attributions
// (their features) and whether each was right: batch gradient descent
// on the log loss with a little L2, deterministic.
func (m *Model) Calibrate(feats [][nAF]float32, right []bool) {
	xs := make([][nAF]float64, len(feats))
	for i := range feats {
		xs[i] = calInputs(&feats[i])
	}
	var w [nAF]float64
	const rate, l2 = 0.5, 1e-4
	for range 3000 {
		var g [nAF]float64
		for i, x := range xs {
			z := 0.0
			for k := range x {
				z += w[k] * x[k]
			}
			p := 1 / (1 + math.Exp(-z))
			y := 0.0
			if right[i] {
				y = 1
			}
			for k := range x {
				g[k] += (p - y) * x[k]
			}
		}
		for k := range w {
			w[k] -= rate * (g[k]/float64(len(xs)) + l2*w[k])
		}
	}
	m.cal = make([]float32, nAF)
	for k := range w {
		m.cal[k] = float32(w[k])
	}
}

// CueWords is the size of m's cue lexicon.
func (m *Model) CueWords() int { return len(m.cues) }

type GoldArticle = goldArticle

// TagWith tags text with or without the sentence gate.
func (m *Model) TagWith(text string, gated bool) []Attribution {
	return m.tagRanges(text, [][2]int{{0, len(text)}}, gated)
}

// SentenceSpans returns the byte ranges of the sentences of text, by the
// tagger's sentence splitter.
var SentenceSpans = sentenceSpans

func sentenceSpans(text string) [][2]int {
	toks := tokenize(text, nil)
	var out [][2]int
	for _, t := range toks {
		if t.flags&flagSentStart != 0 || len(out) == 0 {
			out = append(out, [2]int{int(t.start), int(t.end)})
		}
		out[len(out)-1][1] = int(t.end)
	}
	return out
}

// BenchFound is benchFound, for the benchmarks that need package claims.
var BenchFound = benchFound
