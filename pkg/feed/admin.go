package feed

import (
	"context"
	"errors"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// Admin manages the shared feed list from a process that runs no Fetcher
// (the store serving the API in the distributed mode). Fetcher replicas
// pick its changes up at their next rescan. It is safe for concurrent use.
type Admin struct {
	store        StateStore
	failingAfter int
}

// NewAdmin returns an Admin over the shared state, showing feeds as
// failing after the default number of consecutive errors.
func NewAdmin(store StateStore) *Admin {
	return &Admin{store: store, failingAfter: DefaultConfig().FailingAfter}
}

// Feeds lists every feed with its status, ordered by URL.
func (a *Admin) Feeds(ctx context.Context) ([]model.FeedStatus, error) {
	return ListFeeds(ctx, a.store, a.failingAfter)
}

// AddFeed adds a feed, due for polling at once, with the contract of
// Fetcher.AddFeed.
func (a *Admin) AddFeed(ctx context.Context, rawURL string) (model.FeedStatus, error) {
	st, id, err := AddFeed(ctx, a.store, ListEntry{URL: rawURL})
	if errors.Is(err, ErrExists) && st != nil {
		err = nil
	}
	if st == nil {
		return model.FeedStatus{}, err
	}
	return st.status(id, a.failingAfter), err
}

// RemoveFeed deletes a feed; an unknown ID is an error wrapping
// ErrFeedNotFound.
func (a *Admin) RemoveFeed(ctx context.Context, id string) error {
	return a.store.Delete(ctx, id)
}
