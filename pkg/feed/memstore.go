package feed

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
)

// MemoryStore is a StateStore held in process memory, for a single
// fetcher without NATS (one-shot runs, tools) and for benchmarks that
// measure the fetcher alone. Records are stored encoded, so callers never
// share a State with the store.
type MemoryStore struct {
	mu   sync.Mutex
	seq  uint64
	recs map[string]memRec
}

type memRec struct {
	data []byte
	rev  uint64
}

var _ StateStore = (*MemoryStore)(nil)

// NewMemoryStore returns an empty store.
func NewMemoryStore() *MemoryStore { return &MemoryStore{recs: map[string]memRec{}} }

// Get implements StateStore.
func (m *MemoryStore) Get(_ context.Context, id string) (*State, uint64, error) {
	m.mu.Lock()
	r, ok := m.recs[id]
	m.mu.Unlock()
	if !ok {
		return nil, 0, fmt.Errorf("feed %s: %w", id, ErrNotFound)
	}
	var s State
	if err := json.Unmarshal(r.data, &s); err != nil {
		return nil, 0, fmt.Errorf("decode feed %s: %w", id, err)
	}
	return &s, r.rev, nil
}

// Create implements StateStore.
func (m *MemoryStore) Create(_ context.Context, id string, s *State) (uint64, error) {
	data, err := json.Marshal(s)
	if err != nil {
		return 0, fmt.Errorf("encode feed %s: %w", id, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.recs[id]; ok {
		return 0, fmt.Errorf("feed %s: %w", id, ErrExists)
	}
	m.seq++
	m.recs[id] = memRec{data: data, rev: m.seq}
	return m.seq, nil
}

// Update implements StateStore.
func (m *MemoryStore) Update(_ context.Context, id string, s *State, rev uint64) (uint64, error) {
	data, err := json.Marshal(s)
	if err != nil {
		return 0, fmt.Errorf("encode feed %s: %w", id, err)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	r, ok := m.recs[id]
	if !ok || r.rev != rev {
		return 0, fmt.Errorf("feed %s at revision %d: %w", id, rev, ErrConflict)
	}
	m.seq++
	m.recs[id] = memRec{data: data, rev: m.seq}
	return m.seq, nil
}

// Delete implements StateStore.
func (m *MemoryStore) Delete(_ context.Context, id string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.recs[id]; !ok {
		return fmt.Errorf("feed %s: %w", id, ErrNotFound)
	}
	delete(m.recs, id)
	return nil
}

// IDs implements StateStore.
func (m *MemoryStore) IDs(context.Context) ([]string, error) {
	m.mu.Lock()
	ids := make([]string, 0, len(m.recs))
	for id := range m.recs {
		ids = append(ids, id)
	}
	m.mu.Unlock()
	sort.Strings(ids)
	return ids, nil
}
