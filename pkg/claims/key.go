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
	who := strings.ToLower(lastWord(c.Speaker))
	if who == "" {
		who = "-"
	}
	kind := "q"
	if c.Kind == model.KindStatement {
		kind = "s"
	}
	return kind + "|" + who + "|" + topStems(c.Content, 0)
}

// refineKey extends the key of a claim whose key collides with a
// different claim of the same article: two remarks one article quotes
// separately are two claims, so the later one also keys on its second
// most distinctive stem.
func refineKey(c *model.Claim) {
	if c.Kind == model.KindQuantity {
		c.Key += "|+"
	} else {
		c.Key += "+" + topStems(c.Content, 1)
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

// topStems picks the most distinctive stem among the first keyWords
// content words: most frequent first, then longest (longer words are
// rarer), then alphabetical so the choice is deterministic. A quote with
// no content word keys on all its words.
func topStems(content string, rank int) string {
	ws := words(content)
	count := make(map[string]int)
	longest := make(map[string]int)
	seen := 0
	for _, w := range ws {
		if keyStop[w] || isNumber(w) {
			continue
		}
		s := canonicalStem(stem(w))
		count[s]++
		if len(w) > longest[s] {
			longest[s] = len(w)
		}
		seen++
		if seen == keyWords {
			break
		}
	}
	if len(count) == 0 {
		return strings.Join(ws, " ")
	}
	// Pick the best (and for rank 1 the second best) without sorting:
	// most frequent, then longest, then alphabetical.
	better := func(a, b string) bool {
		if count[a] != count[b] {
			return count[a] > count[b]
		}
		if longest[a] != longest[b] {
			return longest[a] > longest[b]
		}
		return a < b
	}
	best, second := "", ""
	for s := range count {
		switch {
		case best == "" || better(s, best):
			best, second = s, best
		case second == "" || better(s, second):
			second = s
		}
	}
	if rank == 0 {
		return best
	}
	if second == "" {
		return strings.Join(ws, " ")
	}
	return second
}

// stemSynonyms folds roots that translators use interchangeably.
var stemSynonyms = map[string]string{
	"affa": "busi", // "our own affair" / "our business"
	"matt": "busi", // "a matter for us"
	"choi": "deci", // "the choice" / "the decision"
}

func canonicalStem(s string) string {
	if c, ok := stemSynonyms[s]; ok {
		return c
	}
	return s
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
