package store_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/natstest"
	"github.com/claimwatch/claimwatch/pkg/store"
	"github.com/claimwatch/claimwatch/pkg/store/storetest"
)

var errCrash = errors.New("simulated crash")

// crashingPublisher publishes through pub, and from the n-th call on
// publishes and then reports a failure, as a process killed after the
// stream stored the message but before the relay marked it would.
type crashingPublisher struct {
	pub   bus.Publisher
	after int64
	calls atomic.Int64
}

func (c *crashingPublisher) Publish(ctx context.Context, subject, msgID string, data []byte) error {
	if err := c.pub.Publish(ctx, subject, msgID, data); err != nil {
		return err
	}
	if c.calls.Add(1) > c.after {
		return errCrash
	}
	return nil
}

// streamKeys reads every message of the events stream and returns the
// Nats-Msg-Id of each.
func streamKeys(t *testing.T, conn *bus.Conn) []string {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	stream, err := conn.JetStream().Stream(ctx, conn.Names().Stream(bus.StreamEvents))
	if err != nil {
		t.Fatal(err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := int(info.State.Msgs)
	if n == 0 {
		return nil
	}
	cons, err := stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	batch, err := cons.Fetch(n, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for m := range batch.Messages() {
		keys = append(keys, m.Headers().Get(jetstream.MsgIDHeader))
	}
	return keys
}

// seedEvents stores three articles of one story whose claims produce
// claim.new, claim.conflict and claim.spread events, and returns how many.
func seedEvents(t *testing.T, s store.Store) int {
	t.Helper()
	ctx := t.Context()
	events := 0
	figs := []model.Claim{
		storetest.Figure("fa", "North Korea", 3000, "troops", "approximately", storetest.F(2700), storetest.F(3300)),
		storetest.Figure("fb", "North Korea", 12000, "troops", "nearly", storetest.F(10800), storetest.F(12000)),
		storetest.Figure("fc", "North Korea", 1500, "troops", "", storetest.F(1500), storetest.F(1500)),
	}
	for i, f := range figs {
		a := storetest.Article(i, "s", fmt.Sprintf("outlet%d.example", i))
		if err := s.ApplyUnique(ctx, a); err != nil {
			t.Fatal(err)
		}
		r, err := s.ApplyClaims(ctx, storetest.Batch(a, storetest.Quote("putin", "Vladimir Putin", "this is our business"), f))
		if err != nil {
			t.Fatal(err)
		}
		events += r.Events
	}
	// 3 figures + 1 quote new, 3 conflicts, spread to 2 and 3 outlets.
	if events != 9 {
		t.Fatalf("seed wrote %d events, want 9", events)
	}
	return events
}

func TestRelaySurvivesCrashes(t *testing.T) {
	conn := natstest.Start(t)
	s := newSQLite(t)
	log := zaptest.NewLogger(t)

	// Crash one: the store committed, the process died before any relay
	// ran. The events wait in the outbox.
	want := seedEvents(t, s)
	if got := streamKeys(t, conn); len(got) != 0 {
		t.Fatalf("stream has %d events before any relay ran", len(got))
	}

	// Crash two: a relay publishes three events, then "dies" after the
	// stream stored the fourth but before marking it sent.
	crashing := &crashingPublisher{pub: conn, after: 3}
	n, err := store.NewRelay(s, crashing, log, nil).Drain(t.Context())
	if !errors.Is(err, errCrash) || n != 3 {
		t.Fatalf("crashing relay: %d published, err %v; want 3 and the crash", n, err)
	}
	pending, err := s.PendingEvents(t.Context(), 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(pending) != want-3 {
		t.Fatalf("%d events pending after the crash, want %d (the fourth was published but not marked)", len(pending), want-3)
	}

	// A new relay starts and drains everything; the fourth event is
	// re-published and the stream drops the copy.
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- store.NewRelay(s, conn, log, nil).Run(ctx) }()
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := s.Counts(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if c.PendingEvents == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d events still pending", c.PendingEvents)
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("relay Run: %v", err)
	}

	keys := streamKeys(t, conn)
	seen := map[string]int{}
	for _, k := range keys {
		seen[k]++
	}
	if len(keys) != want || len(seen) != want {
		t.Errorf("stream holds %d events with %d distinct keys, want %d each: %v", len(keys), len(seen), want, seen)
	}
}

// A relay started before any event waits for the store's signal and
// publishes a new event well before its poll interval.
func TestRelayWakesOnCommit(t *testing.T) {
	conn := natstest.Start(t)
	s := newSQLite(t)
	r := store.NewRelay(s, conn, zaptest.NewLogger(t), nil)
	r.Poll = time.Hour
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	a := storetest.Article(1, "s", "a.example")
	if _, err := s.ApplyClaims(t.Context(), storetest.Batch(a, storetest.Quote("q", "X", "words"))); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(streamKeys(t, conn)) != 1 {
		if time.Now().After(deadline) {
			t.Fatal("event not published without a poll")
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
