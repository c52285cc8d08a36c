package dedup

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/claimwatch/claimwatch/internal/hashmix"
)

// Memory is the single-process Index: two generations of LSH tables, each
// covering half the window, behind one mutex. Lookups touch at most two
// tables whatever the number of articles seen, and expiry drops a whole
// generation at once instead of deleting entries one by one.
type Memory struct {
	mu        sync.Mutex
	window    time.Duration
	threshold float64
	clock     int64 // newest publication time seen, unix seconds
	cur, prev *generation
}

var _ Index = (*Memory)(nil)

// Option configures an Index implementation.
type Option func(*options) error

type options struct {
	window    time.Duration
	threshold float64
}

func defaultOptions(opts []Option) (options, error) {
	o := options{window: DefaultWindow, threshold: DefaultThreshold}
	for _, f := range opts {
		if err := f(&o); err != nil {
			return o, err
		}
	}
	return o, nil
}

// WithWindow sets how long articles are remembered (default DefaultWindow).
// For the KV index it must match the bucket's TTL.
func WithWindow(d time.Duration) Option {
	return func(o *options) error {
		if d <= 0 {
			return fmt.Errorf("dedup window %v: must be positive", d)
		}
		o.window = d
		return nil
	}
}

// WithThreshold sets the near-duplicate Similarity threshold (default
// DefaultThreshold).
func WithThreshold(t float64) Option {
	return func(o *options) error {
		if t <= 0 || t > 1 {
			return fmt.Errorf("dedup threshold %v: must be in (0, 1]", t)
		}
		o.threshold = t
		return nil
	}
}

// NewMemory returns an empty in-memory index.
func NewMemory(opts ...Option) (*Memory, error) {
	o, err := defaultOptions(opts)
	if err != nil {
		return nil, err
	}
	m := &Memory{window: o.window, threshold: o.threshold}
	m.cur, m.prev = newGeneration(0), newGeneration(0)
	return m, nil
}

// Add implements Index. It never blocks on I/O; ctx is only checked.
func (m *Memory) Add(ctx context.Context, e Entry) (Decision, error) {
	if err := ctx.Err(); err != nil {
		return Decision{}, err
	}
	if e.ID == "" {
		return Decision{}, fmt.Errorf("%w: empty id", ErrInvalidEntry)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	pub := m.advance(e.Published)
	minPub := m.clock - int64(m.window/time.Second)

	if g, o, ok := m.find(e.ID); ok {
		return g.ents[o].seen(e.Revision), nil
	}
	d := Decision{Revision: e.Revision, FirstRevision: e.Revision}
	if e.URLKey != "" {
		if g, o, ok := m.lookupKey(urlKeyHash(e.URLKey), func(g *generation) map[uint64]uint32 { return g.urls }); ok && g.ents[o].pub >= minPub {
			d.DuplicateOf, d.Similarity, d.Exact = g.ents[o].rootID(), 1, true
		}
	}
	if d.DuplicateOf == "" && e.FP.BodyHash != 0 {
		if g, o, ok := m.lookupKey(e.FP.BodyHash, func(g *generation) map[uint64]uint32 { return g.bodies }); ok && g.ents[o].pub >= minPub {
			d.DuplicateOf, d.Similarity, d.Exact = g.ents[o].rootID(), 1, true
		}
	}
	if d.DuplicateOf == "" && e.FP.Size > 0 {
		best, bestSim := m.nearest(&e.FP, minPub)
		if best != nil && bestSim >= m.threshold {
			d.DuplicateOf, d.Similarity = best.rootID(), bestSim
		}
	}
	m.cur.add(e, d, pub)
	return d, nil
}

// advance moves the index clock to t (the clock only moves forward, and
// an article dated in the future does not drag it along) and rotates the
// generations when the current one has covered half the window. It
// returns the time to record for the entry.
func (m *Memory) advance(t time.Time) int64 {
	now := time.Now().Unix()
	pub := t.Unix()
	switch {
	case t.IsZero():
		pub = m.clock
		if pub == 0 {
			pub = now
		}
	case pub > now+24*3600:
		pub = now
	}
	if pub > m.clock {
		m.clock = pub
	}
	if m.cur.start == 0 {
		m.cur.start = m.clock
	}
	if m.clock-m.cur.start >= int64(m.window/time.Second)/2 || len(m.cur.ents) >= maxGenerationEntries {
		m.prev, m.cur = m.cur, newGeneration(m.clock)
	}
	return pub
}

func (m *Memory) find(id string) (*generation, uint32, bool) {
	for _, g := range [2]*generation{m.cur, m.prev} {
		if o, ok := g.ids[id]; ok {
			return g, o, true
		}
	}
	return nil, 0, false
}

func (m *Memory) lookupKey(k uint64, table func(*generation) map[uint64]uint32) (*generation, uint32, bool) {
	for _, g := range [2]*generation{m.cur, m.prev} {
		if o, ok := table(g)[k]; ok {
			return g, o, true
		}
	}
	return nil, 0, false
}

// nearest returns the most similar live entry among the LSH candidates of
// fp, preferring the earlier entry on a tie so the group root stays the
// earliest article.
func (m *Memory) nearest(fp *Fingerprint, minPub int64) (*memEntry, float64) {
	var best *memEntry
	bestSim := 0.0
	for _, g := range [2]*generation{m.prev, m.cur} {
		g.candidates(&fp.Sig, func(o uint32) {
			c := &g.ents[o]
			if c.pub < minPub {
				return
			}
			if s := similarity(&fp.Sig, fp.Size, &c.sig, c.size); s > bestSim {
				best, bestSim = c, s
			}
		})
	}
	return best, bestSim
}

// Len returns the number of articles the index remembers.
func (m *Memory) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.cur.ents) + len(m.prev.ents)
}

func urlKeyHash(k string) uint64 { return hashmix.Mix64(wordHash(k)) | 1 }
