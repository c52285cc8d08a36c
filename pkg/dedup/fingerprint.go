package dedup

import (
	"strings"

	"github.com/claimwatch/claimwatch/internal/hashmix"
)

// ShingleSize is the number of consecutive words in a shingle. Chosen on
// neardup/dev.jsonl (see doc.go): 4-word shingles keep light rewording
// ("would" -> "will") from breaking more than four shingles per edit while
// common three-word phrases of news English ("said on Monday") stop making
// unrelated articles look alike.
const ShingleSize = 4

// Band layout of the LSH index: the 64 minima are cut into NumBands bands
// of BandRows rows; two articles become candidates when any band agrees.
// With r = 2, b = 32 an article pair at Jaccard 0.42 (the least similar
// copy in neardup/dev.jsonl) collides with probability
// 1-(1-0.42^2)^32 = 0.998, a pair at 0.01 (unrelated news) with 0.003.
const (
	BandRows = 2
	NumBands = NumHashes / BandRows
)

// Band returns the LSH key of band b (0 <= b < NumBands) of s. Keys are
// derived from the stored 16-bit values, so an index can recompute them
// from the signatures it keeps instead of storing them.
func (s *Signature) Band(b int) uint32 {
	v := uint64(b)<<32 | uint64(s[b*BandRows])<<16 | uint64(s[b*BandRows+1])
	return uint32(hashmix.Mix64(v ^ 0x5bd1e9955bd1e995))
}

// Fingerprint is what the dedup index keeps of an article body.
type Fingerprint struct {
	// BodyHash identifies the normalised body (its words, in order);
	// equal hashes are an exact duplicate. 0 when the body has no words.
	BodyHash uint64
	// Size is the number of distinct shingles, for containment estimates.
	Size uint32
	// Sig is the MinHash sketch of the shingles.
	Sig Signature
}

// FingerprintText computes the fingerprint of an article body. Markup is
// stripped first when html is true. It does not depend on the title: a
// copy with a new headline is still a copy.
func FingerprintText(text string, html bool) Fingerprint {
	if html {
		text = StripHTML(text)
	}
	words := Words(text)
	var fp Fingerprint
	if len(words) == 0 {
		return fp
	}
	fp.BodyHash = bodyHash(words)
	sh := Shingles(words, ShingleSize)
	fp.Size = uint32(len(sh))
	m := minima(sh)
	fp.Sig = signatureOf(&m)
	return fp
}

func bodyHash(words []string) uint64 {
	h := hashmix.Mix64(wordHash(strings.Join(words, " ")))
	if h == 0 {
		h = 1 // 0 means "no body"
	}
	return h
}
