package indextest

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/dedup"
)

// Harness adapts one Index implementation to the suite.
type Harness struct {
	// Open creates an empty shared index with the given window and
	// returns a function that opens a handle on it, as one replica
	// would; every handle sees the same entries.
	Open func(t *testing.T, window time.Duration) func() dedup.Index
	// Window is the window the suite asks for; it waits it out once.
	Window time.Duration
	// Now is the time the suite stamps on entries; Pass lets d elapse
	// for the index (a fake clock, or a real sleep).
	Now  func() time.Time
	Pass func(d time.Duration)
}

func entry(h Harness, id, text string) dedup.Entry {
	return dedup.Entry{ID: id, Published: h.Now(), FP: dedup.FingerprintText(text, false)}
}

func add(t *testing.T, idx dedup.Index, e dedup.Entry) dedup.Decision {
	t.Helper()
	d, err := idx.Add(context.Background(), e)
	if err != nil {
		t.Fatalf("Add(%s): %v", e.ID, err)
	}
	return d
}

// Run runs the conformance suite.
func Run(t *testing.T, h Harness) {
	texts := Articles(1, 8)
	t.Run("copies point at the earliest article", func(t *testing.T) {
		idx := h.Open(t, h.Window)()
		if d := add(t, idx, entry(h, "a", texts[0])); !d.Unique() {
			t.Fatalf("first article: got duplicate of %q", d.DuplicateOf)
		}
		if d := add(t, idx, entry(h, "b", texts[1])); !d.Unique() {
			t.Fatalf("different article: got duplicate of %q", d.DuplicateOf)
		}
		d := add(t, idx, entry(h, "a-exact", texts[0]))
		if d.DuplicateOf != "a" || !d.Exact || d.Similarity != 1 {
			t.Errorf("exact copy: got %+v, want exact duplicate of a", d)
		}
		for v := 1; v < 4; v++ {
			id := fmt.Sprintf("a-v%d", v)
			d := add(t, idx, entry(h, id, Copy(texts[0], v)))
			if d.DuplicateOf != "a" || d.Similarity < dedup.DefaultThreshold {
				t.Errorf("copy variant %d: got %+v, want duplicate of a", v, d)
			}
		}
		// A copy of a copy still names the root.
		d = add(t, idx, entry(h, "a-v3-exact", Copy(texts[0], 3)))
		if d.DuplicateOf != "a" {
			t.Errorf("copy of a copy: duplicate of %q, want a", d.DuplicateOf)
		}
	})
	t.Run("same canonical URL is an exact duplicate", func(t *testing.T) {
		idx := h.Open(t, h.Window)()
		e1 := entry(h, "u1", texts[2])
		e1.URLKey = "https://example.com/story"
		add(t, idx, e1)
		e2 := entry(h, "u2", texts[3])
		e2.URLKey = "https://example.com/story"
		if d := add(t, idx, e2); d.DuplicateOf != "u1" || !d.Exact {
			t.Errorf("same URL: got %+v, want exact duplicate of u1", d)
		}
	})
	t.Run("redelivery and updates keep the first decision", func(t *testing.T) {
		idx := h.Open(t, h.Window)()
		first := add(t, idx, entry(h, "r1", texts[4]))
		dup := add(t, idx, entry(h, "r2", Copy(texts[4], 1)))
		for i := 0; i < 3; i++ {
			if d := add(t, idx, entry(h, "r1", texts[4])); d != first {
				t.Errorf("redelivered original: got %+v, want %+v", d, first)
			}
			if d := add(t, idx, entry(h, "r2", Copy(texts[4], 1))); d != dup {
				t.Errorf("redelivered copy: got %+v, want %+v", d, dup)
			}
		}
		upd := entry(h, "r1", texts[5]) // new content, same ID
		upd.Revision = 1
		d := add(t, idx, upd)
		if !d.Updated || !d.Unique() || d.Revision != 1 {
			t.Errorf("update: got %+v, want unique with Updated and Revision 1", d)
		}
		if d := add(t, idx, upd); d.Revision != 1 || !d.Unique() {
			t.Errorf("redelivered update: got %+v", d)
		}
		if d := add(t, idx, entry(h, "r3", texts[5])); !d.Unique() {
			t.Errorf("the update's new text was indexed: %+v (updates keep the first fingerprint)", d)
		}
	})
	t.Run("entries expire with the window", func(t *testing.T) {
		idx := h.Open(t, h.Window)()
		add(t, idx, entry(h, "w1", texts[6]))
		if d := add(t, idx, entry(h, "w2", Copy(texts[6], 2))); d.DuplicateOf != "w1" {
			t.Fatalf("copy within the window: got %+v", d)
		}
		h.Pass(h.Window + h.Window/2)
		if d := add(t, idx, entry(h, "w3", Copy(texts[6], 3))); !d.Unique() {
			t.Errorf("copy after the window: got duplicate of %q, want unique", d.DuplicateOf)
		}
	})
	t.Run("two replicas racing over 200 copies of 50 articles", func(t *testing.T) {
		Race(t, h, 2, 50, 4)
	})
}

// Race adds copies of articles from workers replicas at once and checks that every group
// has exactly one unique article and that every copy names it.
func Race(t *testing.T, h Harness, workers, articles, copies int) {
	// A long window: the race must not outlast it, whatever Window the
	// expiry test uses.
	open := h.Open(t, max(h.Window, time.Hour))
	texts := Articles(7, articles)
	type job struct {
		id, group string
		text      string
	}
	jobs := make(chan job)
	go func() {
		defer close(jobs)
		// Copies of one article are adjacent, so the workers take
		// copies of the same article at the same moment.
		for a := range texts {
			for v := 0; v < copies; v++ {
				jobs <- job{fmt.Sprintf("art%02d-copy%d", a, v), fmt.Sprintf("art%02d", a), Copy(texts[a], v)}
			}
		}
	}()
	var mu sync.Mutex
	got := map[string]dedup.Decision{}
	group := map[string]string{}
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		idx := open()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				d, err := idx.Add(context.Background(), entry(h, j.id, j.text))
				if err != nil {
					errs <- fmt.Errorf("Add(%s): %w", j.id, err)
					for range jobs {
					}
					return
				}
				mu.Lock()
				got[j.id], group[j.id] = d, j.group
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	uniques := map[string][]string{}
	for id, d := range got {
		if d.Unique() {
			uniques[group[id]] = append(uniques[group[id]], id)
		}
	}
	for a := range texts {
		g := fmt.Sprintf("art%02d", a)
		if len(uniques[g]) != 1 {
			t.Errorf("group %s: unique articles %v, want exactly one", g, uniques[g])
			continue
		}
		root := uniques[g][0]
		for v := 0; v < copies; v++ {
			id := fmt.Sprintf("%s-copy%d", g, v)
			if d := got[id]; id != root && d.DuplicateOf != root {
				t.Errorf("%s: duplicate of %q, want %q", id, d.DuplicateOf, root)
			}
		}
	}
	// Redelivery after the race changes nothing.
	idx := open()
	for id, d := range got {
		a := id[:len("art00")]
		var v int
		fmt.Sscanf(id[len("art00-copy"):], "%d", &v)
		var n int
		fmt.Sscanf(a[3:], "%d", &n)
		if again := add(t, idx, entry(h, id, Copy(texts[n], v))); again != d {
			t.Errorf("redelivered %s: got %+v, want %+v", id, again, d)
		}
	}
}
