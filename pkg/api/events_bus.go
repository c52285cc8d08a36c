package api

import (
	"context"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// maxReplay bounds how far back a reconnecting browser is replayed: a tab
// asleep for a day gets the latest events, not the day's.
const maxReplay = 500

// BusEvents is the EventSource reading the CW_EVENTS stream through an
// ordered consumer per subscriber: ephemeral, flow-controlled, recreated
// by the client library after a gap, and gone when the subscriber leaves.
type BusEvents struct {
	conn *bus.Conn
}

var _ EventSource = (*BusEvents)(nil)

// NewBusEvents returns an EventSource over conn's events stream.
func NewBusEvents(conn *bus.Conn) *BusEvents { return &BusEvents{conn: conn} }

// Subscribe implements EventSource.
func (b *BusEvents) Subscribe(ctx context.Context, afterSeq uint64) (<-chan LiveEvent, error) {
	js := b.conn.JetStream()
	stream := b.conn.Names().Stream(bus.StreamEvents)
	cfg := jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverNewPolicy}
	if afterSeq > 0 {
		st, err := js.Stream(ctx, stream)
		if err != nil {
			return nil, fmt.Errorf("events stream %s: %w", stream, err)
		}
		last := st.CachedInfo().State.LastSeq
		start := afterSeq + 1
		if last > maxReplay && start < last-maxReplay {
			start = last - maxReplay
		}
		if start <= last {
			cfg = jetstream.OrderedConsumerConfig{DeliverPolicy: jetstream.DeliverByStartSequencePolicy, OptStartSeq: start}
		}
	}
	cons, err := js.OrderedConsumer(ctx, stream, cfg)
	if err != nil {
		return nil, fmt.Errorf("ordered consumer on %s: %w", stream, err)
	}
	it, err := cons.Messages()
	if err != nil {
		return nil, fmt.Errorf("consume %s: %w", stream, err)
	}
	out := make(chan LiveEvent, 16)
	// The goroutine is owned by ctx: it ends, stops the iterator (which
	// deletes the ephemeral consumer) and closes out when ctx is done.
	go func() {
		defer close(out)
		defer it.Stop()
		for {
			msg, err := it.Next(jetstream.NextContext(ctx))
			if err != nil {
				// ctx done, the iterator stopped, or a failure the ordered
				// consumer could not heal by itself (it already recreates
				// itself after gaps and reconnects): either way this
				// subscription ends and the browser reconnects with
				// Last-Event-ID.
				return
			}
			var ev model.Event
			if err := model.Decode(msg.Data(), &ev); err != nil {
				continue // not ours to fix; the alerter dead-letters poison
			}
			meta, err := msg.Metadata()
			if err != nil {
				continue
			}
			select {
			case out <- LiveEvent{Seq: meta.Sequence.Stream, Event: ev}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}
