package feed

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// Errors of the feed-management methods, for the API to map to statuses.
var (
	// ErrFeedExists: the package-level AddFeed of a feed already present.
	ErrFeedExists = ErrExists
	// ErrFeedNotFound: RemoveFeed of an unknown ID (HTTP 404).
	ErrFeedNotFound = ErrNotFound
	// ErrBadFeedURL: AddFeed of something that is not an http(s) URL. It
	// matches os.ErrInvalid (HTTP 400).
	ErrBadFeedURL error = &kindError{msg: "bad feed url", kind: os.ErrInvalid}
)

// Feeds lists every feed with its status, ordered by URL. It reads the
// shared state, so it shows the work of all replicas.
func (f *Fetcher) Feeds(ctx context.Context) ([]model.FeedStatus, error) {
	return ListFeeds(ctx, f.store, f.cfg.FailingAfter)
}

// ListFeeds lists the feeds of a store (for tools that run no Fetcher).
// failingAfter is Config.FailingAfter. States are read 16 at a time, so
// listing thousands of feeds from a KV bucket takes round trips / 16.
func ListFeeds(ctx context.Context, store StateStore, failingAfter int) ([]model.FeedStatus, error) {
	ids, err := store.IDs(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]model.FeedStatus, len(ids))
	found := make([]bool, len(ids))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(16)
	for i, id := range ids {
		g.Go(func() error {
			st, _, err := store.Get(gctx, id)
			if err != nil {
				if errors.Is(err, ErrNotFound) {
					return nil // removed since IDs
				}
				return err
			}
			out[i], found[i] = st.status(id, failingAfter), true
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	kept := out[:0]
	for i := range out {
		if found[i] {
			kept = append(kept, out[i])
		}
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].URL < kept[j].URL })
	return kept, nil
}

// AddFeed adds a feed, due for polling at once, and returns its status.
// Adding a feed already present (same canonical URL) returns its current
// status and no error. A URL that is not http(s) is an error wrapping
// ErrBadFeedURL (and os.ErrInvalid).
func (f *Fetcher) AddFeed(ctx context.Context, rawURL string) (model.FeedStatus, error) {
	st, err := (&Admin{store: f.store, failingAfter: f.cfg.FailingAfter}).AddFeed(ctx, rawURL)
	if err == nil {
		f.mu.Lock()
		if f.sched.byID[st.ID] == nil {
			f.sched.set(st.ID, time.Now())
		}
		f.mu.Unlock()
		f.signal()
	}
	return st, err
}

// AddFeed stores a new feed in store (for tools that run no Fetcher). It
// returns the stored state and the feed ID; for a feed already present,
// its current state with an error wrapping ErrExists.
func AddFeed(ctx context.Context, store StateStore, e ListEntry) (*State, string, error) {
	id, err := FeedID(e.URL)
	if err != nil {
		return nil, "", fmt.Errorf("%w: %w", ErrBadFeedURL, err)
	}
	now := time.Now().UTC()
	st := &State{URL: e.URL, Title: e.Title, Added: now, NextPoll: now, NoFullText: e.NoFullText}
	if _, err := store.Create(ctx, id, st); err != nil {
		if errors.Is(err, ErrExists) {
			cur, _, gerr := store.Get(ctx, id)
			if gerr != nil {
				return nil, id, err
			}
			return cur, id, err
		}
		return nil, id, err
	}
	return st, id, nil
}

// RemoveFeed deletes a feed; an unknown ID is an error wrapping
// ErrFeedNotFound (and os.ErrNotExist). Articles already published stay.
func (f *Fetcher) RemoveFeed(ctx context.Context, id string) error {
	if err := f.store.Delete(ctx, id); err != nil {
		return err
	}
	f.mu.Lock()
	if e := f.sched.byID[id]; e != nil && e.index >= 0 {
		f.sched.remove(id)
	}
	f.mu.Unlock()
	return nil
}

// ImportFile adds the feeds of a feeds file (URL list or OPML) that the
// store does not have yet and returns how many it added.
func (f *Fetcher) ImportFile(ctx context.Context, path string) (int, error) {
	n, err := ImportFile(ctx, f.store, path)
	if n > 0 {
		if rerr := f.rescan(ctx); rerr != nil && err == nil {
			err = rerr
		}
	}
	return n, err
}

// ImportFile adds the feeds of the file at path to store.
func ImportFile(ctx context.Context, store StateStore, path string) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, fmt.Errorf("read feeds file: %w", err)
	}
	entries, err := ParseList(data)
	if err != nil {
		return 0, fmt.Errorf("feeds file %s: %w", path, err)
	}
	return Import(ctx, store, entries)
}

// Import adds entries absent from store and returns how many it added.
func Import(ctx context.Context, store StateStore, entries []ListEntry) (int, error) {
	added := 0
	for _, e := range entries {
		if _, _, err := AddFeed(ctx, store, e); err != nil {
			if errors.Is(err, ErrExists) {
				continue
			}
			return added, err
		}
		added++
	}
	return added, nil
}
