package dedup

import (
	"slices"

	"github.com/claimwatch/claimwatch/internal/hashmix"
)

// wordHash is FNV-1a over the word's bytes. It is deterministic across
// processes and builds (unlike hash/maphash), which matters because
// fingerprints computed by one replica are compared with those of another.
func wordHash(w string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(w); i++ {
		h ^= uint64(w[i])
		h *= 1099511628211
	}
	return h
}

// Shingles returns the distinct hashes of the k-word shingles of words,
// sorted. A text shorter than k words yields one shingle of all its words,
// so a short text still has a fingerprint. k < 1 is treated as 1.
func Shingles(words []string, k int) []uint64 {
	if k < 1 {
		k = 1
	}
	if len(words) == 0 {
		return nil
	}
	hs := make([]uint64, len(words))
	for i, w := range words {
		hs[i] = wordHash(w)
	}
	n := len(words) - k + 1
	if n < 1 {
		n, k = 1, len(words)
	}
	out := make([]uint64, 0, n)
	for i := 0; i < n; i++ {
		var h uint64
		for j := 0; j < k; j++ {
			h = hashmix.Mix64(h ^ hs[i+j] + uint64(j))
		}
		out = append(out, h)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Jaccard returns |a∩b| / |a∪b| of two sorted, distinct sets.
func Jaccard(a, b []uint64) float64 {
	inter := intersect(a, b)
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// Containment returns |a∩b| / min(|a|,|b|) of two sorted, distinct sets:
// 1 when the smaller text is wholly contained in the larger, as with a
// truncated copy.
func Containment(a, b []uint64) float64 {
	m := min(len(a), len(b))
	if m == 0 {
		return 0
	}
	return float64(intersect(a, b)) / float64(m)
}

func intersect(a, b []uint64) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}
