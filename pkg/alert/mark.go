package alert

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// mark is the delivery state of one alert to one sink, stored in KV under
// markKey. Every transition is a revision-checked write.
type mark struct {
	ID       string `json:"id"`
	Rule     string `json:"rule"`
	Sink     string `json:"sink"`
	Trigger  string `json:"trigger"`
	EventKey string `json:"event_key"`
	Summary  string `json:"summary"`
	// Seq is the event's CW_EVENTS sequence: the delivery order of a rule.
	Seq         uint64    `json:"seq"`
	State       string    `json:"state"`
	Attempts    int       `json:"attempts"`
	LastError   string    `json:"last_error,omitempty"`
	Created     time.Time `json:"created"`
	EventTime   time.Time `json:"event_time"`
	NextAttempt time.Time `json:"next_attempt"`
	// Owner holds the lease until LeaseUntil; only the owner sends.
	Owner      string    `json:"owner,omitempty"`
	LeaseUntil time.Time `json:"lease_until"`
	Delivered  time.Time `json:"delivered"`
	// Payload is dropped once the mark is final, to keep the bucket small.
	Payload *Payload `json:"payload,omitempty"`
}

// markKey is the KV key of rule's alert id on sink. Rule and sink names are
// validated to be KV-safe tokens; id is hex.
func markKey(rule, sink, id string) string {
	return "a." + rule + "." + sink + "." + id
}

// markPrefix filters the watch to delivery marks.
const markPrefix = "a.>"

func (m *mark) open() bool { return m.State == model.AlertPending || m.State == model.AlertFailed }

func (m *mark) record() model.AlertRecord {
	return model.AlertRecord{
		ID: m.ID, Rule: m.Rule, Sink: m.Sink, Trigger: m.Trigger, EventKey: m.EventKey,
		Summary: m.Summary, State: m.State, Attempts: m.Attempts, LastError: m.LastError,
		Created: m.Created, Delivered: m.Delivered,
	}
}

func encodeMark(m *mark) ([]byte, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encode mark: %w", err)
	}
	return b, nil
}

func decodeMark(b []byte) (*mark, error) {
	var m mark
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("decode mark: %w", err)
	}
	return &m, nil
}

// entry is a mark at a KV revision.
type entry struct {
	key string
	rev uint64
	m   *mark
}

// index is a replica's view of the bucket: open marks per sink, which the
// delivery workers pick from, and the latest final marks for Alerts. It is
// fed by Handle (marks this replica created) and by the bucket watcher
// (everything), and keeps the highest revision it has seen of each key.
type index struct {
	mu      sync.Mutex
	open    map[string]*entry // key → open mark
	final   map[string]*entry // key → delivered or dead mark
	history int
	wake    map[string]chan struct{} // sink → worker wake-up
	// hold keeps a worker off a key whose last write failed until a newer
	// revision arrives or the hold ends, so a lost race or a KV outage does
	// not turn into a busy loop.
	hold map[string]time.Time
	// sent holds marks delivered whose "delivered" write is still in
	// flight, at the revision they were sent from: workers skip them
	// without blocking their rule's queue.
	sent map[string]uint64
}

func newIndex(history int, sinks []string) *index {
	ix := &index{open: map[string]*entry{}, final: map[string]*entry{}, history: history,
		wake: map[string]chan struct{}{}, hold: map[string]time.Time{}, sent: map[string]uint64{}}
	for _, s := range sinks {
		ix.wake[s] = make(chan struct{}, 1)
	}
	return ix
}

// put records a mark at rev unless a newer revision is known, and wakes the
// sink's worker.
func (ix *index) put(key string, rev uint64, m *mark) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if e, ok := ix.open[key]; ok && e.rev >= rev {
		return
	}
	if e, ok := ix.final[key]; ok && e.rev >= rev {
		return
	}
	delete(ix.hold, key)
	delete(ix.sent, key)
	e := &entry{key: key, rev: rev, m: m}
	// Any change may unblock the sink's queue: a new mark, a released
	// lease, or a delivered head of a rule.
	if ch, ok := ix.wake[m.Sink]; ok {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
	if m.open() {
		ix.open[key] = e
		return
	}
	delete(ix.open, key)
	ix.final[key] = e
	if len(ix.final) > ix.history {
		ix.trimLocked()
	}
}

// known reports whether the index already holds key at rev or newer. The
// watcher echoes every write this replica made; skipping those saves
// decoding each alert's mark twice more.
func (ix *index) known(key string, rev uint64) bool {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if e, ok := ix.open[key]; ok && e.rev >= rev {
		return true
	}
	e, ok := ix.final[key]
	return ok && e.rev >= rev
}

// remove forgets a deleted or purged key.
func (ix *index) remove(key string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	delete(ix.open, key)
	delete(ix.final, key)
	delete(ix.hold, key)
	delete(ix.sent, key)
}

// markSent keeps workers off e, delivered, until its outcome is recorded
// (a newer revision arrives) or the recording fails (unsent).
func (ix *index) markSent(e *entry) {
	ix.mu.Lock()
	ix.sent[e.key] = e.rev
	ix.mu.Unlock()
}

// unsent makes key eligible again after its outcome could not be recorded.
func (ix *index) unsent(key string) {
	ix.mu.Lock()
	delete(ix.sent, key)
	ix.mu.Unlock()
}

// holdOff keeps workers off key until t or until a newer revision arrives.
func (ix *index) holdOff(key string, t time.Time) {
	ix.mu.Lock()
	ix.hold[key] = t
	ix.mu.Unlock()
}

// trimLocked drops the oldest tenth of the final marks, so trimming is
// amortised rather than done on every put.
func (ix *index) trimLocked() {
	all := make([]*entry, 0, len(ix.final))
	for _, e := range ix.final {
		all = append(all, e)
	}
	slices.SortFunc(all, func(a, b *entry) int { return a.m.Created.Compare(b.m.Created) })
	for _, e := range all[:len(all)-ix.history*9/10] {
		delete(ix.final, e.key)
	}
}

// due returns the open marks of sink this replica may send now, in
// delivery order, and when to look again if something is waiting. Per rule
// only a prefix of the queue is due: the queue stops at the first mark that
// is backing off or leased by another replica, which keeps a rule's alerts
// in order. Marks behind that point which this replica holds a lease on are
// returned in release: holding them would stall the replica that is
// working through the head of the queue.
func (ix *index) due(sink, me string, now time.Time) (due, release []*entry, next time.Time) {
	ix.mu.Lock()
	byRule := map[string][]*entry{}
	held := map[string]time.Time{}
	for _, e := range ix.open {
		if rev, ok := ix.sent[e.key]; ok && rev >= e.rev {
			continue
		}
		if e.m.Sink == sink {
			byRule[e.m.Rule] = append(byRule[e.m.Rule], e)
			if t, ok := ix.hold[e.key]; ok && t.After(now) {
				held[e.key] = t
			}
		}
	}
	ix.mu.Unlock()
	later := func(t time.Time) {
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	for _, q := range byRule {
		slices.SortFunc(q, compareEntries)
		blocked := false
		for _, e := range q {
			mine := e.m.Owner == me && e.m.LeaseUntil.After(now)
			switch t, isHeld := held[e.key]; {
			case blocked:
				if mine && !isHeld {
					release = append(release, e)
				}
			case isHeld:
				later(t)
				blocked = true
			case e.m.NextAttempt.After(now):
				later(e.m.NextAttempt)
				blocked = true
			case e.m.Owner != "" && !mine && e.m.LeaseUntil.After(now):
				later(e.m.LeaseUntil)
				blocked = true
			default:
				due = append(due, e)
			}
		}
	}
	slices.SortFunc(due, compareEntries)
	return due, release, next
}

// compareEntries orders marks by event sequence, then creation.
func compareEntries(a, b *entry) int {
	return cmp.Or(cmp.Compare(a.m.Seq, b.m.Seq), a.m.Created.Compare(b.m.Created), cmp.Compare(a.key, b.key))
}

// records lists open and final marks, newest first.
func (ix *index) records(limit int) []model.AlertRecord {
	ix.mu.Lock()
	out := make([]model.AlertRecord, 0, len(ix.open)+len(ix.final))
	for _, e := range ix.open {
		out = append(out, e.m.record())
	}
	for _, e := range ix.final {
		out = append(out, e.m.record())
	}
	ix.mu.Unlock()
	slices.SortFunc(out, func(a, b model.AlertRecord) int {
		return cmp.Or(b.Created.Compare(a.Created), cmp.Compare(a.ID, b.ID), cmp.Compare(a.Sink, b.Sink))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

func (ix *index) pending() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.open)
}
