package dedup

import (
	"math"

	"github.com/claimwatch/claimwatch/internal/hashmix"
)

// NumHashes is the number of MinHash permutations in a Signature. With 64
// values the standard error of the Jaccard estimate is at most
// sqrt(0.25/64) = 0.0625, small against the gap between copies (J >= 0.4
// on neardup/dev.jsonl, and mostly far higher) and different articles
// (J <= 0.33); see DESIGN notes in doc.go.
const NumHashes = 64

// Signature is a MinHash sketch of a shingle set: NumHashes minima, each
// kept as its low 16 bits (b-bit minwise hashing). Two unequal minima agree
// in 16 bits with probability 2^-16, a bias far below the sampling error,
// and the sketch fits in 128 bytes, which keeps an indexed article within
// the memory budget.
type Signature [NumHashes]uint16

// permutation parameters: odd multipliers and offsets drawn once from a
// fixed seed, so every replica computes the same signature for a text.
var permA, permB = func() (a, b [NumHashes]uint64) {
	s := uint64(0x636c61696d776174) // "claimwat"
	next := func() uint64 {
		s += 0x9e3779b97f4a7c15
		return hashmix.Mix64(s)
	}
	for i := range a {
		a[i] = next() | 1
		b[i] = next()
	}
	return a, b
}()

// minima returns the full 32-bit minima of shingles under each
// permutation; LSH bands are built from them before they are cut to 16
// bits. An empty set yields all-ones minima, which no real text produces.
func minima(shingles []uint64) [NumHashes]uint32 {
	var m [NumHashes]uint32
	for i := range m {
		m[i] = ^uint32(0)
	}
	for _, h := range shingles {
		for i := range m {
			// Multiply-shift hashing: the high 32 bits of a*h+b are a
			// 2-independent hash of h, cheap enough to run per shingle.
			v := uint32((permA[i]*h + permB[i]) >> 32)
			if v < m[i] {
				m[i] = v
			}
		}
	}
	return m
}

func signatureOf(m *[NumHashes]uint32) Signature {
	var s Signature
	for i, v := range m {
		s[i] = uint16(v)
	}
	return s
}

// Jaccard estimates the Jaccard similarity of the shingle sets behind two
// signatures: the fraction of permutations whose minima agree.
func (s *Signature) Jaccard(o *Signature) float64 {
	n := 0
	for i := range s {
		if s[i] == o[i] {
			n++
		}
	}
	return float64(n) / NumHashes
}

// Similarity is the near-duplicate score of two fingerprints: the larger
// of the estimated Jaccard similarity and a discounted containment
// (intersection over the smaller set), so a copy cut short or padded with
// page furniture still scores high while two articles sharing one quoted
// paragraph do not. The intersection size is recovered from the Jaccard
// estimate and the set sizes: |A∩B| = J(|A|+|B|)/(1+J).
func Similarity(a, b *Fingerprint) float64 {
	if a.BodyHash != 0 && a.BodyHash == b.BodyHash {
		return 1
	}
	return similarity(&a.Sig, a.Size, &b.Sig, b.Size)
}

func similarity(a *Signature, asize uint32, b *Signature, bsize uint32) float64 {
	if asize == 0 || bsize == 0 {
		return 0
	}
	j := a.Jaccard(b)
	inter := j * float64(asize+bsize) / (1 + j)
	c := inter / float64(min(asize, bsize))
	return quantize(min(1, max(j, c*containmentWeight)))
}

// quantize rounds a similarity to four decimals, the precision decisions
// are stored with, so a decision read back from an index equals the one
// first returned.
func quantize(s float64) float64 { return math.Round(s*1e4) / 1e4 }

// containmentWeight discounts containment against Jaccard: containment is
// inflated when one text is much shorter (a two-line brief inside a long
// report), so it must be high to count on its own. Chosen with
// TestNearDupThresholds on neardup/dev.jsonl.
const containmentWeight = 0.8
