package claims

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// keyWords is how many content words of a quote's opening the key looks
// at. Outlets truncate quotes at the end far more often than at the start,
// so the opening is the stable part.
const keyWords = 24

// Key returns the canonical claim key of c:
//
//   - quote and statement: "q|" + speaker surname + "|" + the most
//     distinctive stem of the opening content words. Different
//     translations, punctuation and truncations of one remark share their
//     dominant root ("When we have to decide something, we will decide…"
//     and "When we need to make certain decisions, we will do so…" both
//     key on "deci"), while the speaker keeps different people apart. The
//     price is that one speaker's two remarks on the same root merge,
//     which for alerting is the lesser evil than one remark splitting
//     into three.
//   - quantity: "n|" + subject + "|" + unit kind + "|" + low + "|" + high,
//     so equal figures with equal hedges merge and any difference in the
//     interval is a different claim.
//
// Fragments key like quotes; a claim with no speaker keys on "-".
func Key(c *model.Claim) string {
	if c == nil {
		return ""
	}
	if c.Kind == model.KindQuantity && c.Quantity != nil {
		return "n|" + normName(c.Subject) + "|" + UnitKind(c.Quantity.Unit) + "|" +
			bound(c.Quantity.Low) + "|" + bound(c.Quantity.High)
	}
	kind := byte('q')
	if c.Kind == model.KindStatement {
		kind = 's'
	}
	var buf [64]byte
	key := append(buf[:0], kind, '|')
	if who := lastWord(c.Speaker); who != "" {
		key = appendLower(key, who)
	} else {
		key = append(key, '-')
	}
	key = append(key, '|')
	return string(appendTopStem(key, c.Content, 0))
}

// refineKey extends the key of a claim whose key collides with a
// different claim of the same article: two remarks one article quotes
// separately are two claims, so the later one also keys on its second
// most distinctive stem.
func refineKey(c *model.Claim) {
	if c.Kind == model.KindQuantity {
		c.Key += "|+"
	} else {
		c.Key = string(appendTopStem(append([]byte(c.Key), '+'), c.Content, 1))
	}
	c.ID = ID(c.Key)
}

// ID returns the claim ID for a key: the first 16 bytes of its SHA-256 in
// hex, stable across processes and releases.
func ID(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:16])
}

// SetKey fills c.Key and c.ID from Key(c).
func SetKey(c *model.Claim) {
	c.Key = Key(c)
	c.ID = ID(c.Key)
}

// appendTopStem appends to dst the most distinctive stem among the first
// keyWords content words (rank 0) or the second (rank 1): most frequent
// first, then longest (longer words are rarer), then alphabetical so the
// choice is deterministic. A quote with no such stem keys on all its
// words.
func appendTopStem(dst []byte, content string, rank int) []byte {
	type stat struct {
		stem           [16]byte // the first four runes
		n              int      // of stem
		count, longest int
	}
	stem := func(s *stat) []byte { return s.stem[:s.n] }
	// At most keyWords stems: a linear scan beats a map, and lower-casing
	// into one scratch buffer, stems kept in place, avoids a string per
	// word.
	stats := make([]stat, 0, keyWords)
	var buf [64]byte
	seen := 0
	visit := func(w string) bool {
		lw := appendLower(buf[:0], w)
		if keyStop.has(string(lw)) || isNumber(string(lw)) {
			return true
		}
		// stem: the first four runes.
		st, n := lw, 0
		for i := range string(lw) {
			if n == 4 {
				st = lw[:i]
				break
			}
			n++
		}
		if c, ok := stemSynonyms[string(st)]; ok {
			st = []byte(c)
		}
		k := 0
		for k < len(stats) && string(stem(&stats[k])) != string(st) {
			k++
		}
		if k == len(stats) {
			stats = append(stats, stat{})
			stats[k].n = copy(stats[k].stem[:], st)
		}
		stats[k].count++
		stats[k].longest = max(stats[k].longest, len(lw))
		seen++
		return seen < keyWords
	}
	for w := range wordRuns(content) {
		if len(w) > len(buf)/4 {
			continue // no word of a quote is this long
		}
		if !visit(w) {
			break
		}
	}
	// Most frequent, then longest (rarer), then alphabetical.
	better := func(a, b *stat) bool {
		if a.count != b.count {
			return a.count > b.count
		}
		if a.longest != b.longest {
			return a.longest > b.longest
		}
		return string(stem(a)) < string(stem(b))
	}
	best, second := -1, -1
	for k := range stats {
		switch {
		case best < 0 || better(&stats[k], &stats[best]):
			best, second = k, best
		case second < 0 || better(&stats[k], &stats[second]):
			second = k
		}
	}
	switch {
	case rank == 0 && best >= 0:
		return append(dst, stem(&stats[best])...)
	case rank == 1 && second >= 0:
		return append(dst, stem(&stats[second])...)
	}
	for i, w := range words(content) {
		if i > 0 {
			dst = append(dst, ' ')
		}
		dst = append(dst, w...)
	}
	return dst
}

// stemSynonyms folds roots that translators use interchangeably.
var stemSynonyms = map[string]string{
	"affa": "busi", // "our own affair" / "our business"
	"matt": "busi", // "a matter for us"
	"choi": "deci", // "the choice" / "the decision"
}

func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// normName lower-cases a subject and drops a leading article so "the
// United States" and "United States" key alike.
func normName(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	for _, p := range []string{"the "} {
		s = strings.TrimPrefix(s, p)
	}
	return strings.Join(strings.Fields(s), " ")
}

func bound(p *float64) string {
	if p == nil {
		return "*"
	}
	return strconv.FormatFloat(*p, 'g', 6, 64)
}
