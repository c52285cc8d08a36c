package feed

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwatch/claimwatch/pkg/bus"
)

// KVStore is the StateStore shared by fetcher replicas: one JetStream KV
// entry per feed, keyed by feed ID, updated only with revision checks.
type KVStore struct {
	kv jetstream.KeyValue
}

var _ StateStore = (*KVStore)(nil)

// NewKVStore wraps a KV bucket (bus.BucketFeeds on a *bus.Conn, via
// conn.KeyValue). The bucket needs history 1 and no TTL; a feed record is
// at most a few tens of KiB (MaxSeenItems identities).
func NewKVStore(kv jetstream.KeyValue) *KVStore { return &KVStore{kv: kv} }

// Get implements StateStore.
func (k *KVStore) Get(ctx context.Context, id string) (*State, uint64, error) {
	e, err := k.kv.Get(ctx, id)
	if err != nil {
		if errors.Is(err, jetstream.ErrKeyNotFound) || errors.Is(err, jetstream.ErrKeyDeleted) {
			return nil, 0, fmt.Errorf("feed %s: %w", id, ErrNotFound)
		}
		return nil, 0, fmt.Errorf("get feed %s: %w", id, err)
	}
	var s State
	if err := json.Unmarshal(e.Value(), &s); err != nil {
		return nil, 0, fmt.Errorf("decode feed %s: %w", id, err)
	}
	return &s, e.Revision(), nil
}

// Create implements StateStore.
func (k *KVStore) Create(ctx context.Context, id string, s *State) (uint64, error) {
	data, err := json.Marshal(s)
	if err != nil {
		return 0, fmt.Errorf("encode feed %s: %w", id, err)
	}
	rev, err := k.kv.Create(ctx, id, data)
	if err != nil {
		if errors.Is(err, jetstream.ErrKeyExists) {
			return 0, fmt.Errorf("feed %s: %w", id, ErrExists)
		}
		return 0, fmt.Errorf("create feed %s: %w", id, err)
	}
	return rev, nil
}

// Update implements StateStore.
func (k *KVStore) Update(ctx context.Context, id string, s *State, rev uint64) (uint64, error) {
	data, err := json.Marshal(s)
	if err != nil {
		return 0, fmt.Errorf("encode feed %s: %w", id, err)
	}
	nrev, err := k.kv.Update(ctx, id, data, rev)
	if err != nil {
		var apiErr *jetstream.APIError
		if errors.As(err, &apiErr) && (apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence ||
			apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequenceConstant) {
			return 0, fmt.Errorf("feed %s at revision %d: %w", id, rev, ErrConflict)
		}
		return 0, fmt.Errorf("update feed %s: %w", id, err)
	}
	return nrev, nil
}

// Delete implements StateStore. The key is purged, so its history (and
// seen items) do not linger in the bucket.
func (k *KVStore) Delete(ctx context.Context, id string) error {
	if _, err := k.kv.Get(ctx, id); err != nil {
		if errors.Is(err, jetstream.ErrKeyNotFound) || errors.Is(err, jetstream.ErrKeyDeleted) {
			return fmt.Errorf("feed %s: %w", id, ErrNotFound)
		}
		return fmt.Errorf("delete feed %s: %w", id, err)
	}
	if err := k.kv.Purge(ctx, id); err != nil {
		return fmt.Errorf("delete feed %s: %w", id, err)
	}
	return nil
}

// IDs implements StateStore.
func (k *KVStore) IDs(ctx context.Context) ([]string, error) {
	lister, err := k.kv.ListKeys(ctx)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	defer func() { _ = lister.Stop() }()
	var ids []string
	for key := range lister.Keys() {
		ids = append(ids, key)
	}
	if ctx.Err() != nil {
		return nil, fmt.Errorf("list feeds: %w", ctx.Err())
	}
	sort.Strings(ids)
	return ids, nil
}

// OpenKVStore opens the feeds bucket (bus.BucketFeeds, created with the
// topology if missing) on conn.
func OpenKVStore(ctx context.Context, conn *bus.Conn) (*KVStore, error) {
	kv, err := conn.KeyValue(ctx, bus.BucketFeeds)
	if err != nil {
		return nil, fmt.Errorf("open feed state: %w", err)
	}
	return NewKVStore(kv), nil
}
