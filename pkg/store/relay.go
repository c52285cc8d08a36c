package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/bus"
)

// Relay publishes outbox events to the bus. It publishes each event with
// Nats-Msg-Id = event key and marks it sent only after the stream acked
// it, so:
//   - a crash after the store's commit and before publishing loses
//     nothing: the row is still pending when a relay runs again;
//   - a crash after publishing and before marking re-publishes the event,
//     and the stream drops the copy inside its duplicate window
//     (bus.Limits.DuplicateWindow, 1 h by default). A relay down for
//     longer than the window can deliver such an event twice; the
//     alerter's delivery marks are the second layer for that case.
//
// Several relays (one per store replica) may run against one database;
// they may publish the same pending event concurrently, which the stream
// deduplicates the same way.
type Relay struct {
	st  Store
	pub bus.Publisher
	log *zap.Logger
	m   *relayMetrics

	// Poll is how often pending events are looked for without a signal
	// (default 1 s). Batch bounds one read of the outbox (default 100).
	// PublishTimeout bounds one publish (default 10 s). Retention is how
	// long sent rows are kept before pruning (default 24 h).
	Poll           time.Duration
	Batch          int
	PublishTimeout time.Duration
	Retention      time.Duration
}

// NewRelay returns a relay from st's outbox to pub. reg may be nil.
func NewRelay(st Store, pub bus.Publisher, log *zap.Logger, reg prometheus.Registerer) *Relay {
	if log == nil {
		log = zap.NewNop()
	}
	m, err := newRelayMetrics(reg)
	if err != nil {
		log.Warn("relay metrics not registered", zap.Error(err))
	}
	return &Relay{st: st, pub: pub, log: log, m: m,
		Poll: time.Second, Batch: 100, PublishTimeout: 10 * time.Second, Retention: 24 * time.Hour}
}

// Run relays events until ctx ends, then returns nil. Failures (bus or
// database unavailable) are logged and retried with backoff, never fatal:
// the outbox keeps the events until they go through.
func (r *Relay) Run(ctx context.Context) error {
	r.log.Info("outbox relay started")
	defer r.log.Info("outbox relay stopped")
	poll := time.NewTicker(r.Poll)
	defer poll.Stop()
	lastPrune := time.Time{}
	failures := 0
	for {
		n, err := r.Drain(ctx)
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			failures++
			delay := min(r.Poll<<min(failures, 6), time.Minute)
			r.log.Warn("outbox relay failed; retrying", zap.Error(err), zap.Int("published", n), zap.Duration("retry_in", delay))
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(delay):
			}
			continue
		}
		failures = 0
		if time.Since(lastPrune) > time.Hour {
			lastPrune = time.Now()
			if pruned, err := r.st.PruneSent(ctx, time.Now().Add(-r.Retention)); err != nil {
				r.log.Warn("outbox prune failed", zap.Error(err))
			} else if pruned > 0 {
				r.log.Debug("outbox pruned", zap.Int64("rows", pruned))
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-r.st.OutboxSignal():
		case <-poll.C:
		}
	}
}

// Drain publishes pending events until none is left, and returns how many
// it published. On a publish failure it marks what went through and
// returns the error; the failed event stays pending.
func (r *Relay) Drain(ctx context.Context) (int, error) {
	total := 0
	for {
		evs, err := r.st.PendingEvents(ctx, max(r.Batch, 1))
		if err != nil {
			return total, fmt.Errorf("read outbox: %w", err)
		}
		if len(evs) == 0 {
			return total, nil
		}
		n, perr := r.publish(ctx, evs)
		sent := make([]int64, 0, n)
		for _, ev := range evs[:n] {
			sent = append(sent, ev.ID)
			r.m.published(ev.Subject, time.Since(ev.Created))
		}
		// Marking uses its own bounded context: events the stream has
		// acked should be marked even when ctx just ended, or they are
		// re-published (harmlessly, but needlessly) on the next start.
		mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		merr := r.st.MarkSent(mctx, sent)
		cancel()
		total += len(sent)
		if err := errors.Join(perr, merr); err != nil {
			r.m.failed()
			return total, err
		}
		r.log.Debug("outbox events published", zap.Int("events", len(sent)))
	}
}

// publish sends evs in order and returns how many leading events are
// stored. A batch publisher pays one round trip for the whole batch, not
// one per event, which at a thousand events a second is most of the
// relay's time.
func (r *Relay) publish(ctx context.Context, evs []OutboxEvent) (int, error) {
	pctx, cancel := context.WithTimeout(ctx, r.PublishTimeout)
	defer cancel()
	if bp, ok := r.pub.(bus.BatchPublisher); ok {
		msgs := make([]bus.Outgoing, len(evs))
		for i, ev := range evs {
			msgs[i] = bus.Outgoing{Subject: ev.Subject, MsgID: ev.Key, Data: ev.Payload}
		}
		return bp.PublishBatch(pctx, msgs)
	}
	for i, ev := range evs {
		if err := r.pub.Publish(pctx, ev.Subject, ev.Key, ev.Payload); err != nil {
			return i, fmt.Errorf("publish %s: %w", ev.Key, err)
		}
	}
	return len(evs), nil
}

// relayMetrics; nil records nothing.
type relayMetrics struct {
	events  *prometheus.CounterVec
	lag     prometheus.Histogram
	failure prometheus.Counter
}

func newRelayMetrics(reg prometheus.Registerer) (*relayMetrics, error) {
	if reg == nil {
		return nil, nil
	}
	m := &relayMetrics{
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "outbox", Name: "published_total", Help: "Outbox events published, by subject.",
		}, []string{"subject"}),
		lag: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "claimwatch", Subsystem: "outbox", Name: "lag_seconds",
			Help: "Time from the commit that wrote an event to its publication.", Buckets: prometheus.ExponentialBuckets(0.001, 4, 10),
		}),
		failure: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "outbox", Name: "failures_total", Help: "Relay passes that failed to publish or mark.",
		}),
	}
	var err, e error
	m.events, e = register(reg, m.events)
	err = errors.Join(err, e)
	m.lag, e = register(reg, m.lag)
	err = errors.Join(err, e)
	m.failure, e = register(reg, m.failure)
	return m, errors.Join(err, e)
}

func (m *relayMetrics) published(subject string, lag time.Duration) {
	if m == nil {
		return
	}
	m.events.WithLabelValues(subject).Inc()
	m.lag.Observe(lag.Seconds())
}

func (m *relayMetrics) failed() {
	if m == nil {
		return
	}
	m.failure.Inc()
}
