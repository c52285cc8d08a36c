package dedup_test

import (
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/dedup"
	"github.com/claimwatch/claimwatch/pkg/dedup/indextest"
)

// fakeClock is the Memory index's notion of time in tests: entries carry
// their publication time and the index expires by it.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Pass(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestMemoryConformance(t *testing.T) {
	clock := &fakeClock{t: time.Date(2024, 10, 24, 12, 0, 0, 0, time.UTC)}
	indextest.Run(t, indextest.Harness{
		Open: func(t *testing.T, window time.Duration) func() dedup.Index {
			m, err := dedup.NewMemory(dedup.WithWindow(window))
			if err != nil {
				t.Fatal(err)
			}
			return func() dedup.Index { return m }
		},
		Window: 48 * time.Hour,
		Now:    clock.Now,
		Pass:   clock.Pass,
	})
}
