package dedup

import (
	"context"
	"errors"
	"time"
)

// DefaultThreshold is the Similarity at or above which two bodies are
// copies of one article. On neardup/dev.jsonl every copy has an earlier
// copy of its group at Jaccard >= 0.42 (4-word shingles) and no two
// different articles exceed 0.28, so the threshold sits in the gap, a
// little towards the copies to absorb the MinHash estimate's error.
const DefaultThreshold = 0.36

// Entry is what an Index is given for one article.
type Entry struct {
	// ID is the article's stable ID; Revision its content revision.
	ID       string
	Revision int
	// URLKey is the canonical URL (or GUID) of the article, "" when
	// unknown. Two entries with the same URLKey and different IDs are
	// exact duplicates.
	URLKey string
	// Published orders articles and drives expiry.
	Published time.Time
	FP        Fingerprint
}

// Decision is an Index's verdict on an Entry.
type Decision struct {
	// DuplicateOf is the ID of the article this one copies, the root of
	// its group when known, "" for a unique article.
	DuplicateOf string
	// Similarity to DuplicateOf (1 for exact duplicates).
	Similarity float64
	// Exact is set for a copy with the same URL or the same normalised body.
	Exact bool
	// Updated is set when the ID was seen before with a lower revision:
	// the decision is the one first taken for the ID.
	Updated bool
	// Revision is the highest revision of the ID the index has seen;
	// FirstRevision the revision the decision was taken on.
	Revision      int
	FirstRevision int
}

// Unique reports whether d marks an original article.
func (d Decision) Unique() bool { return d.DuplicateOf == "" }

// Index is the near-duplicate index shared by the dedup workers.
//
// Add decides whether e copies an article added before it, records e, and
// returns the decision. It is safe for concurrent use, and linearisable per
// group: of two copies added at the same time (by two replicas sharing one
// Index), exactly one is unique and the other its duplicate. It is
// idempotent: adding the same ID and revision again returns the first
// decision; a higher revision of a known ID returns the first decision
// with Updated set. Entries older than the index's window are forgotten.
//
// A non-nil error means nothing was decided and the call may be retried;
// errors wrapping ErrInvalidEntry will fail again.
type Index interface {
	Add(ctx context.Context, e Entry) (Decision, error)
}

// ErrInvalidEntry is wrapped by Add for an entry that can never be indexed
// (no ID).
var ErrInvalidEntry = errors.New("invalid dedup entry")

// DefaultWindow is how long an article stays in the index: wire copies
// appear within hours, syndicated reprints within days.
const DefaultWindow = 7 * 24 * time.Hour
