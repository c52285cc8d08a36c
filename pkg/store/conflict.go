package store

import (
	"strings"

	"github.com/claimwatch/claimwatch/pkg/claims"
)

// defaultConflicts is the product's conflict rule; the store only finds
// candidates and records what it says.
var defaultConflicts = claims.Conflicts

// subjectNorm is the indexed form of a quantity's subject used to find
// conflict candidates. It folds exactly what claims.Conflicts folds (case,
// spacing, a leading "the"), so no pair it would call a conflict is missed
// by the index lookup; claims.Conflicts still has the last word.
func subjectNorm(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "the ")
	return strings.Join(strings.Fields(s), " ")
}
