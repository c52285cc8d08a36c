package dedup

import (
	"math"

	"github.com/claimwatch/claimwatch/internal/hashmix"
)

// docFreq counts in how many articles each term appeared, in a fixed
// table of counters indexed by term hash: memory stays constant however
// large the vocabulary grows, and a rare collision only makes a term look
// a little more common than it is.
type docFreq struct {
	counts []uint32
	n      float64
}

const (
	dfSlots = 1 << 20
	// dfHalveAt halves every count when this many articles have been
	// counted, so old vocabulary fades and the counters never overflow.
	dfHalveAt = 1 << 20
)

func newDocFreq() docFreq { return docFreq{counts: make([]uint32, dfSlots)} }

func (d *docFreq) slot(t string) uint32 { return uint32(hashmix.Mix64(wordHash(t))) & (dfSlots - 1) }

func (d *docFreq) add(terms map[string]float64) {
	for t := range terms {
		d.counts[d.slot(t)]++
	}
	d.n++
	if d.n >= dfHalveAt {
		for i := range d.counts {
			d.counts[i] /= 2
		}
		d.n /= 2
	}
}

// idf is a smoothed inverse document frequency: early in a stream, when
// few articles have been counted, every term gets a similar weight rather
// than an extreme one.
func (d *docFreq) idf(t string) float64 {
	return math.Log((d.n + 10) / (float64(d.counts[d.slot(t)]) + 1))
}
