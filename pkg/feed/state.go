package feed

import (
	"context"
	"errors"
	"os"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// Errors a StateStore returns (possibly wrapped).
var (
	// ErrNotFound also matches os.ErrNotExist, which the API answers 404.
	ErrNotFound error = &kindError{msg: "feed not found", kind: os.ErrNotExist}
	ErrExists         = errors.New("feed already exists")
	// ErrConflict means the record changed since the revision the caller
	// read: another replica claimed or updated it, or it was deleted.
	ErrConflict = errors.New("feed state changed concurrently")
)

// State is everything the fetcher remembers about one feed, shared by all
// replicas through a StateStore.
type State struct {
	URL          string    `json:"url"`
	Title        string    `json:"title,omitempty"`
	Added        time.Time `json:"added"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	// BodyHash is the hash of the last body read in full, so a server that
	// ignores conditional requests and re-sends the same document costs a
	// hash, not a parse.
	BodyHash   string    `json:"body_hash,omitempty"`
	LastPolled time.Time `json:"last_polled,omitzero"`
	NextPoll   time.Time `json:"next_poll"`
	// Interval is the adapted polling interval last computed.
	Interval  time.Duration `json:"interval,omitempty"`
	Errors    int           `json:"errors,omitempty"`
	LastError string        `json:"last_error,omitempty"`
	Articles  int64         `json:"articles,omitempty"`
	Disabled  bool          `json:"disabled,omitempty"`
	// NoFullText opts this feed out of fetching article pages.
	NoFullText bool `json:"no_full_text,omitempty"`
	// Lease is set while a replica polls the feed.
	Lease *Lease `json:"lease,omitempty"`
	// Items are the identities seen, newest first, bounded by
	// Config.MaxSeenItems plus the items currently in the feed.
	Items []SeenItem `json:"items,omitempty"`
}

// Lease is a replica's claim on one poll of a feed.
type Lease struct {
	Owner string    `json:"owner"`
	Until time.Time `json:"until"`
}

// SeenItem is one item identity and the hash of the content last
// published for it. Short JSON names keep a feed's record small.
type SeenItem struct {
	ID       string `json:"i"`
	Hash     string `json:"h"`
	Revision int    `json:"r,omitempty"`
	// Seen is the Unix time the item was last present in the feed.
	Seen int64 `json:"t"`
}

// StateStore keeps feed states keyed by feed ID with revisions, so that
// concurrent replicas can claim and update a feed without losing writes.
// Implementations are safe for concurrent use.
type StateStore interface {
	// Get returns the state and its revision, or an error wrapping
	// ErrNotFound.
	Get(ctx context.Context, id string) (*State, uint64, error)
	// Create stores a new feed, or fails wrapping ErrExists.
	Create(ctx context.Context, id string, s *State) (uint64, error)
	// Update replaces the state if its revision is still rev, returning the
	// new revision, or fails wrapping ErrConflict.
	Update(ctx context.Context, id string, s *State, rev uint64) (uint64, error)
	// Delete removes a feed, or fails wrapping ErrNotFound.
	Delete(ctx context.Context, id string) error
	// IDs lists every feed ID.
	IDs(ctx context.Context) ([]string, error)
}

// status derives the API form of a state.
func (s *State) status(id string, failingAfter int) model.FeedStatus {
	st := model.FeedStatus{
		ID: id, URL: s.URL, Title: s.Title, Status: model.FeedOK, LastError: s.LastError,
		LastPolled: s.LastPolled, NextPoll: s.NextPoll, Articles: s.Articles, Errors: s.Errors,
	}
	switch {
	case s.Disabled:
		st.Status = model.FeedDisabled
	case s.Errors >= failingAfter:
		st.Status = model.FeedFailing
	}
	return st
}

// kindError is a sentinel that also matches a standard error kind, so
// callers that only know os.ErrNotExist or os.ErrInvalid can branch on it.
type kindError struct {
	msg  string
	kind error
}

func (e *kindError) Error() string        { return e.msg }
func (e *kindError) Is(target error) bool { return target == e.kind }
