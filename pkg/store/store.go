package store

import (
	"context"
	"errors"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// ErrNotFound is returned (wrapped) by the Get methods when no row has the
// requested id. The API maps it to 404.
var ErrNotFound = errors.New("not found")

// ErrBadCursor is returned (wrapped) by the List methods when the cursor
// was not produced by this store for the same listing. The API maps it to 400.
var ErrBadCursor = errors.New("invalid cursor")

// ErrClosed is returned by every method once Close has been called.
var ErrClosed = errors.New("store closed")

// Page limits used when a caller passes limit <= 0 or above MaxLimit.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// Store is everything the pipeline and the API need from the database.
// Both implementations (SQLite, PostgreSQL) pass storetest.Run. A Store is
// safe for concurrent use; writes from concurrent callers are grouped into
// one transaction by an internal batcher, but each caller gets its own
// result (one caller's failure does not fail the others).
type Store interface {
	Writer
	Reader
	Outbox
	// Ping checks that the database answers, for /readyz.
	Ping(ctx context.Context) error
	// Close stops the batcher (waiting, bounded by ctx, for in-flight
	// writes) and closes the connections.
	Close(ctx context.Context) error
}

// Writer applies pipeline messages. Every method is idempotent: applying
// the same message again returns a nil error and changes nothing (the
// returned counts are then zero). Errors other than ErrClosed are
// database failures and worth retrying.
type Writer interface {
	// ApplyUnique stores an article dedup found unique and places it in
	// its story (creating the story, titled after its first article).
	// A newer Revision of the same article replaces its text; an older or
	// equal one changes nothing.
	ApplyUnique(ctx context.Context, u *model.UniqueArticle) error
	// ApplyDuplicate stores a copy and links it to the article it copies.
	// When d.StoryID is empty the copy joins the story of DuplicateOf.
	ApplyDuplicate(ctx context.Context, d *model.DuplicateArticle) error
	// ApplyClaims merges a batch of claims by Claim.ID: a new ID inserts a
	// claim, a known one only gains the batch's mentions. New quantity
	// claims are compared with stored ones of the same subject and unit
	// using claims.Conflicts. New claims, new conflicts and growth in the
	// number of distinct outlets reporting a claim are written to the
	// outbox in the same transaction. The batch may arrive before its
	// article: a stub is stored from b.Article and filled in later by
	// ApplyUnique / ApplyDuplicate.
	ApplyClaims(ctx context.Context, b *model.ClaimBatch) (ApplyResult, error)
	// RecordAlert inserts or updates (by ID) one alert, for the embedded
	// alerter. An update never moves Created.
	RecordAlert(ctx context.Context, a *model.AlertRecord) error
}

// ApplyResult says what one ApplyClaims call changed.
type ApplyResult struct {
	NewClaims    int
	NewMentions  int
	NewConflicts int
	// Events is the number of outbox rows written.
	Events int
}

// Reader serves the API and the command line. List methods take an opaque
// cursor ("" for the first page) and return the cursor of the next page in
// Next, "" on the last page.
type Reader interface {
	// ListStories lists stories, most recently active (LastSeen) first.
	ListStories(ctx context.Context, cursor string, limit int) (StoryPage, error)
	// GetStory returns one story with its unique articles (each with its
	// duplicates folded under it) and its claims with their mentions.
	GetStory(ctx context.Context, id string) (*Story, error)
	// ListClaims lists claims matching f, newest (FirstSeen) first, each
	// with its mentions.
	ListClaims(ctx context.Context, f ClaimFilter, cursor string, limit int) (ClaimPage, error)
	// GetClaim returns one claim with its mentions and conflicts.
	GetClaim(ctx context.Context, id string) (*ClaimDetail, error)
	// ListConflicts lists conflicts, newest first.
	ListConflicts(ctx context.Context, cursor string, limit int) (ConflictPage, error)
	// GetArticle returns one article with its text, duplicates and claims.
	GetArticle(ctx context.Context, id string) (*Article, error)
	// ListArticles lists stored articles (stubs excluded), newest
	// Published first. The replay command walks it.
	ListArticles(ctx context.Context, cursor string, limit int) (ArticlePage, error)
	// ListFeeds lists the feeds articles came from with their article
	// counts. Fetch health (status, errors, next poll) lives in the
	// fetcher's KV bucket, not here; the API merges the two.
	ListFeeds(ctx context.Context) ([]model.FeedStatus, error)
	// ListAlerts lists recorded alerts, newest first.
	ListAlerts(ctx context.Context, cursor string, limit int) (AlertPage, error)
	// Counts returns table sizes for the demo summary and metrics.
	Counts(ctx context.Context) (Counts, error)
}

// Outbox is the transactional outbox the Relay drains.
type Outbox interface {
	// PendingEvents returns up to limit unsent events in the order they
	// were written.
	PendingEvents(ctx context.Context, limit int) ([]OutboxEvent, error)
	// MarkSent marks events as published. Marking an already-sent or
	// unknown id is not an error.
	MarkSent(ctx context.Context, ids []int64) error
	// PruneSent deletes events sent before the given time and returns how
	// many it deleted.
	PruneSent(ctx context.Context, before time.Time) (int64, error)
	// OutboxSignal is signalled (non-blocking, capacity 1) after a commit
	// that wrote outbox rows, so an in-process relay need not wait for its
	// next poll. Relays in other processes rely on polling.
	OutboxSignal() <-chan struct{}
}

// OutboxEvent is one row of the outbox: a model.Event already encoded,
// the logical subject to publish it on, and its key (the Nats-Msg-Id).
type OutboxEvent struct {
	ID      int64
	Key     string
	Subject string
	Payload []byte
	Created time.Time
}

// ClaimFilter selects claims. Zero fields do not filter.
type ClaimFilter struct {
	// Q is a full-text query over the claim's text, content and speaker
	// (words are ANDed; punctuation is ignored).
	Q string
	// Speaker matches the canonical speaker, case-insensitively.
	Speaker string
	// Entity matches one of the claim's entities, case-insensitively.
	Entity string
	// Kind is model.KindQuote, KindStatement or KindQuantity.
	Kind string
	// Since keeps claims first seen at or after it.
	Since time.Time
	// StoryID keeps claims mentioned by an article of that story.
	StoryID string
}

// StorySummary is one row of the story list.
type StorySummary struct {
	ID           string    `json:"id"`
	Title        string    `json:"title"`
	FirstSeen    time.Time `json:"first_seen"`
	LastSeen     time.Time `json:"last_seen"`
	ArticleCount int       `json:"article_count"`
	ClaimCount   int       `json:"claim_count"`
}

// StoryPage is one page of ListStories.
type StoryPage struct {
	Stories []StorySummary `json:"stories"`
	Next    string         `json:"next,omitempty"`
}

// Story is a story with its articles (unique ones, duplicates folded under
// them), its claims and the conflicts among them.
type Story struct {
	StorySummary
	Articles  []ArticleSummary `json:"articles"`
	Claims    []Claim          `json:"claims"`
	Conflicts []Conflict       `json:"conflicts"`
}

// ArticleSummary describes an article without its text.
type ArticleSummary struct {
	ID          string    `json:"id"`
	URL         string    `json:"url"`
	Title       string    `json:"title"`
	FeedURL     string    `json:"feed_url,omitempty"`
	FeedTitle   string    `json:"feed_title,omitempty"`
	Outlet      string    `json:"outlet,omitempty"`
	Published   time.Time `json:"published"`
	Fetched     time.Time `json:"fetched,omitempty"`
	StoryID     string    `json:"story_id,omitempty"`
	DuplicateOf string    `json:"duplicate_of,omitempty"`
	// Stub is true while only the ArticleRef of a claim batch is known.
	Stub bool `json:"stub,omitempty"`
	// Duplicates are the copies of this article (GetStory, GetArticle).
	Duplicates []ArticleSummary `json:"duplicates,omitempty"`
}

// Ref returns the model form of a.
func (a *ArticleSummary) Ref() model.ArticleRef {
	return model.ArticleRef{ID: a.ID, URL: a.URL, Title: a.Title, FeedURL: a.FeedURL, Published: a.Published, StoryID: a.StoryID}
}

// Article is an article with its text and the claims read from it.
type Article struct {
	ArticleSummary
	Text        string  `json:"text"`
	Author      string  `json:"author,omitempty"`
	ContentHash string  `json:"content_hash,omitempty"`
	Revision    int     `json:"revision"`
	Similarity  float64 `json:"similarity,omitempty"`
	Claims      []Claim `json:"claims"`
}

// ArticlePage is one page of ListArticles.
type ArticlePage struct {
	Articles []ArticleSummary `json:"articles"`
	Next     string           `json:"next,omitempty"`
}

// Claim is a stored claim: the model claim (with all its mentions) and
// what the store learned about it.
type Claim struct {
	model.Claim
	FirstSeen time.Time `json:"first_seen"`
	LastSeen  time.Time `json:"last_seen"`
	// Outlets is the number of distinct outlets (feed hosts) mentioning it.
	Outlets int `json:"outlets"`
}

// ClaimPage is one page of ListClaims.
type ClaimPage struct {
	Claims []Claim `json:"claims"`
	Next   string  `json:"next,omitempty"`
}

// ClaimDetail is a claim with the articles mentioning it and the
// conflicts it takes part in.
type ClaimDetail struct {
	Claim
	Articles  []ArticleSummary `json:"articles"`
	Conflicts []Conflict       `json:"conflicts"`
}

// Conflict is a stored conflict: both claims (with mentions), the
// articles each was first read from, and when it was detected.
type Conflict struct {
	model.Conflict
	Detected time.Time `json:"detected"`
}

// ConflictPage is one page of ListConflicts.
type ConflictPage struct {
	Conflicts []Conflict `json:"conflicts"`
	Next      string     `json:"next,omitempty"`
}

// AlertPage is one page of ListAlerts.
type AlertPage struct {
	Alerts []model.AlertRecord `json:"alerts"`
	Next   string              `json:"next,omitempty"`
}

// Counts are table sizes.
type Counts struct {
	Articles   int64 `json:"articles"`
	Duplicates int64 `json:"duplicates"`
	Stories    int64 `json:"stories"`
	Claims     int64 `json:"claims"`
	Mentions   int64 `json:"mentions"`
	Conflicts  int64 `json:"conflicts"`
	Alerts     int64 `json:"alerts"`
	// PendingEvents is the number of outbox rows not yet published.
	PendingEvents int64 `json:"pending_events"`
}

// ErrInvalid is returned (wrapped) by the Writer methods for a message no
// retry can make acceptable (missing ids, an article marked a duplicate of
// itself). The stage dead-letters such messages.
var ErrInvalid = errors.New("invalid message")
