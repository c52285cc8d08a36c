package feed

import (
	"container/heap"
	"math"
	"math/rand/v2"
	"sort"
	"time"
)

// pollInterval adapts the interval to the feed: busy feeds are polled
// more often than the default and quiet ones less, from the spacing of the
// items' publication dates; the feed's own hints (<ttl>, sy:updatePeriod,
// Cache-Control max-age) are a floor, since polling more often than a
// publisher says it updates only costs both sides. The result is clamped
// to [MinInterval, MaxInterval].
func (c Config) pollInterval(published []time.Time, hint, maxAge time.Duration, now time.Time) time.Duration {
	iv := c.DefaultInterval
	// Only the last week counts: an archive feed's old items say nothing
	// about how often it publishes now.
	var recent []time.Time
	for _, p := range published {
		if !p.IsZero() && p.Before(now.Add(time.Hour)) && p.After(now.Add(-7*24*time.Hour)) {
			recent = append(recent, p)
		}
	}
	if len(recent) >= 2 {
		sort.Slice(recent, func(i, j int) bool { return recent[i].Before(recent[j]) })
		gap := recent[len(recent)-1].Sub(recent[0]) / time.Duration(len(recent)-1)
		// Half the mean gap catches most items within one gap of publication.
		iv = gap / 2
	} else if len(published) > 0 && len(recent) == 0 {
		iv = c.DefaultInterval * 3 // nothing new in a week
	}
	iv = max(iv, hint, maxAge)
	return min(max(iv, c.MinInterval), c.MaxInterval)
}

// jitter spreads d by ±10 % so feeds added together do not stay aligned.
func jitter(d time.Duration) time.Duration {
	if d <= 0 {
		return d
	}
	return d + time.Duration((rand.Float64()*0.2-0.1)*float64(d))
}

// backoff is the delay after the n-th consecutive error (n >= 1):
// RetryBase doubling per error, with full jitter in its upper half, capped
// at MaxBackoff, and never shorter than what the server asked for.
func (c Config) backoff(n int, retryAfter time.Duration) time.Duration {
	exp := float64(c.RetryBase) * math.Pow(2, float64(min(n-1, 40)))
	d := time.Duration(min(exp, float64(c.MaxBackoff)))
	d = d/2 + time.Duration(rand.Float64()*float64(d/2))
	return min(max(d, retryAfter), c.MaxBackoff)
}

// schedEntry is the in-memory part of one feed: about 100 bytes, which is
// what an idle feed costs a replica (its state lives in the store).
type schedEntry struct {
	id    string
	next  time.Time
	index int // in the heap; -1 while a poll runs
}

// schedule is a min-heap of feeds by next poll time plus an index by ID.
// It is not safe for concurrent use; the Fetcher guards it.
type schedule struct {
	h    entryHeap
	byID map[string]*schedEntry
}

func newSchedule() *schedule { return &schedule{byID: map[string]*schedEntry{}} }

// set adds id or moves it to next; a feed being polled is only updated.
func (s *schedule) set(id string, next time.Time) {
	e := s.byID[id]
	if e == nil {
		e = &schedEntry{id: id, next: next}
		s.byID[id] = e
		heap.Push(&s.h, e)
		return
	}
	e.next = next
	if e.index >= 0 {
		heap.Fix(&s.h, e.index)
	}
}

// remove forgets id.
func (s *schedule) remove(id string) {
	e := s.byID[id]
	if e == nil {
		return
	}
	if e.index >= 0 {
		heap.Remove(&s.h, e.index)
	}
	delete(s.byID, id)
}

// popDue takes the earliest feed out of the heap if it is due at now; it
// stays known (byID) so a concurrent rescan does not re-add it.
func (s *schedule) popDue(now time.Time) (string, bool) {
	if len(s.h) == 0 || s.h[0].next.After(now) {
		return "", false
	}
	e := heap.Pop(&s.h).(*schedEntry)
	e.index = -1
	return e.id, true
}

// done puts a polled feed back at next.
func (s *schedule) done(id string, next time.Time) {
	e := s.byID[id]
	if e == nil {
		return // removed while polling
	}
	e.next = next
	if e.index < 0 {
		heap.Push(&s.h, e)
	} else {
		heap.Fix(&s.h, e.index)
	}
}

// nextDue is the earliest next-poll time, zero when nothing is scheduled.
func (s *schedule) nextDue() time.Time {
	if len(s.h) == 0 {
		return time.Time{}
	}
	return s.h[0].next
}

func (s *schedule) len() int { return len(s.byID) }

type entryHeap []*schedEntry

func (h entryHeap) Len() int           { return len(h) }
func (h entryHeap) Less(i, j int) bool { return h[i].next.Before(h[j].next) }
func (h entryHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].index = i
	h[j].index = j
}
func (h *entryHeap) Push(x any) {
	e := x.(*schedEntry)
	e.index = len(*h)
	*h = append(*h, e)
}
func (h *entryHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	e.index = -1
	return e
}
