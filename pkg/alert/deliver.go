package alert

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"
	"golang.org/x/sync/errgroup"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// idleCheck bounds how long a worker sleeps with nothing scheduled, so a
// missed wake-up delays delivery at most this long.
const idleCheck = 15 * time.Second

// Run watches the delivery-mark bucket and delivers alerts until ctx is
// cancelled, then returns nil. Run it once per Alerter, next to the
// consumer that calls Handle; every replica runs both.
func (a *Alerter) Run(ctx context.Context) error {
	a.log.Info("alerter started", zap.String("replica", a.cfg.Replica),
		zap.Int("rules", len(a.rules)), zap.Int("sinks", len(a.order)))
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return a.watch(gctx) })
	for _, name := range a.order {
		g.Go(func() error { a.work(gctx, name); return nil })
	}
	err := g.Wait()
	a.recording.Wait()
	a.log.Info("alerter stopped")
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// watch feeds the index with every change to the bucket, so this replica
// sees marks created by others and takes over those whose owner died.
func (a *Alerter) watch(ctx context.Context) error {
	return watchMarks(ctx, a.kv, a.ix, a.log)
}

// watchMarks keeps ix in step with the delivery-mark bucket until ctx
// ends, re-opening the watch when it closes.
func watchMarks(ctx context.Context, kv jetstream.KeyValue, ix *index, log *zap.Logger) error {
	for ctx.Err() == nil {
		w, err := kv.Watch(ctx, markPrefix)
		if err != nil {
			log.Warn("watch alert marks", zap.Error(err))
			if !sleep(ctx, time.Second) {
				return nil
			}
			continue
		}
		drainMarks(ctx, w, ix, log)
		_ = w.Stop()
	}
	return nil
}

// drainMarks applies watcher updates until ctx ends or the watcher closes.
func drainMarks(ctx context.Context, w jetstream.KeyWatcher, ix *index, log *zap.Logger) {
	for {
		select {
		case <-ctx.Done():
			return
		case e, ok := <-w.Updates():
			if !ok {
				return
			}
			if e == nil { // end of the initial values
				continue
			}
			if e.Operation() != jetstream.KeyValuePut {
				ix.remove(e.Key())
				continue
			}
			if ix.known(e.Key(), e.Revision()) {
				continue
			}
			m, err := decodeMark(e.Value())
			if err != nil {
				log.Warn("skip undecodable alert mark", zap.String("key", e.Key()), zap.Error(err))
				continue
			}
			ix.put(e.Key(), e.Revision(), m)
		}
	}
}

// work is the delivery loop of one sink.
func (a *Alerter) work(ctx context.Context, name string) {
	s := a.sinks[name]
	wake := a.ix.wake[name]
	timer := time.NewTimer(idleCheck)
	defer timer.Stop()
	for ctx.Err() == nil {
		now := a.now()
		due, release, next := a.ix.due(name, a.cfg.Replica, now)
		for _, e := range release {
			m := *e.m
			m.Owner, m.LeaseUntil = "", time.Time{}
			a.write(ctx, e, &m)
		}
		if len(due) > 0 {
			if wait := a.sendDue(ctx, name, s, due); wait > 0 {
				next = now.Add(wait)
			} else {
				continue // look again: more may have arrived meanwhile
			}
		}
		d := idleCheck
		if !next.IsZero() {
			d = min(max(next.Sub(a.now()), time.Millisecond), idleCheck)
		}
		timer.Reset(d)
		select {
		case <-ctx.Done():
		case <-wake:
		case <-timer.C:
		}
	}
}

// sendDue sends the due marks of one sink: one digest of them all in digest
// mode, else one by one while the rate limit allows. A failed mark holds
// back the rest of its rule. It returns how long to wait for a token when
// the rate limit stopped it.
func (a *Alerter) sendDue(ctx context.Context, name string, s *sinkState, due []*entry) time.Duration {
	if s.cfg.Digest {
		ok, wait := s.lim.take(a.now())
		if !ok {
			return wait
		}
		a.deliver(ctx, name, s, due[:min(len(due), s.cfg.DigestMax)])
		return 0
	}
	blocked := map[string]bool{}
	for _, e := range due {
		if ctx.Err() != nil {
			return 0
		}
		if blocked[e.m.Rule] {
			continue
		}
		ok, wait := s.lim.take(a.now())
		if !ok {
			return wait
		}
		if !a.deliver(ctx, name, s, []*entry{e}) {
			blocked[e.m.Rule] = true
		}
	}
	return 0
}

// deliver leases the batch, sends it as one message and records the
// outcome. It reports whether the batch was delivered.
func (a *Alerter) deliver(ctx context.Context, name string, s *sinkState, batch []*entry) bool {
	batch = a.acquire(ctx, name, batch)
	if len(batch) == 0 {
		s.lim.refund()
		return false
	}
	msg := &Message{}
	for _, e := range batch {
		msg.Alerts = append(msg.Alerts, *e.m.Payload)
	}
	msg.Key = messageKey(msg.Alerts)
	sctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	err := s.sink.Send(sctx, msg)
	cancel()
	if err == nil {
		now := a.now()
		for _, e := range batch {
			a.met.sent.WithLabelValues(name).Inc()
			from := e.m.EventTime
			if from.IsZero() {
				from = e.m.Created
			}
			a.met.latency.WithLabelValues(name).Observe(now.Sub(from).Seconds())
			m := *e.m
			m.State, m.Delivered, m.Owner, m.LastError, m.Attempts, m.Payload = model.AlertDelivered, now, "", "", m.Attempts+1, nil
			a.recordDelivered(ctx, e, &m)
		}
		a.log.Debug("alert delivered", zap.String("sink", name), zap.String("idempotency_key", msg.Key), zap.Int("alerts", len(batch)))
		return true
	}
	if ctx.Err() != nil {
		return false // shutting down: the lease runs out and a replica retries
	}
	a.log.Debug("alert delivery failed", zap.String("sink", name), zap.String("idempotency_key", msg.Key), zap.Error(err))
	for _, e := range batch {
		a.met.failed.WithLabelValues(name).Inc()
		a.fail(ctx, name, e, err)
	}
	return false
}

// maxRecording bounds the "delivered" writes in flight per replica.
const maxRecording = 64

// recordDelivered writes a delivered mark without making the worker wait
// for the KV round trip: the next alert of the rule may be sent as soon as
// this one was accepted, which is what keeps the order. The index skips
// the mark meanwhile. A failed write leaves the mark open under this
// replica's lease, so it is sent again (same Idempotency-Key), as when a
// replica dies between sending and recording.
func (a *Alerter) recordDelivered(ctx context.Context, e *entry, m *mark) {
	a.ix.markSent(e)
	a.slots <- struct{}{}
	a.recording.Add(1)
	go func() {
		defer a.recording.Done()
		defer func() { <-a.slots }()
		if _, ok := a.write(ctx, e, m); !ok {
			a.ix.unsent(e.key)
		}
	}()
}

// acquire makes sure this replica holds a lease on every mark of batch that
// outlasts one attempt, taking or renewing leases with revision-checked
// updates. Marks past MaxAge are dead-lettered instead. It returns the
// marks it may send; a lost race drops the mark and the rest of its rule.
func (a *Alerter) acquire(ctx context.Context, name string, batch []*entry) []*entry {
	now := a.now()
	need := now.Add(a.leaseNeeded(name))
	lost := map[string]bool{}
	var out []*entry
	for _, e := range batch {
		if lost[e.m.Rule] {
			continue
		}
		if e.m.Payload == nil || now.Sub(e.m.Created) > a.cfg.MaxAge {
			a.fail(ctx, name, e, bus.Permanent(fmt.Errorf("expired after %s without delivery (max age %s)", now.Sub(e.m.Created).Round(time.Second), a.cfg.MaxAge)))
			continue
		}
		if e.m.Owner == a.cfg.Replica && e.m.LeaseUntil.After(need) {
			out = append(out, e)
			continue
		}
		m := *e.m
		m.Owner, m.LeaseUntil = a.cfg.Replica, now.Add(a.lease(name))
		ne, ok := a.write(ctx, e, &m)
		if !ok {
			lost[e.m.Rule] = true
			continue
		}
		out = append(out, ne)
	}
	return out
}

// fail records a failed attempt: back off and release the lease, or, for a
// permanent error or an alert past MaxAge, dead-letter it.
func (a *Alerter) fail(ctx context.Context, name string, e *entry, cause error) {
	now := a.now()
	m := *e.m
	m.Attempts++
	m.LastError = cause.Error()
	m.Owner, m.LeaseUntil = "", time.Time{}
	wait := a.backoff(m.Attempts, RetryAfter(cause))
	if bus.IsPermanent(cause) || now.Add(wait).Sub(m.Created) > a.cfg.MaxAge {
		if err := a.deadLetter(ctx, &m, cause); err != nil {
			// The dead letter must not be lost: stay failed and try again.
			m.State, m.NextAttempt = model.AlertFailed, now.Add(wait)
			m.LastError = fmt.Sprintf("%s; dead-letter: %v", cause, err)
			a.write(ctx, e, &m)
			return
		}
		a.met.dead.WithLabelValues(name).Inc()
		m.State, m.Payload = model.AlertDead, nil
		a.write(ctx, e, &m)
		a.log.Warn("alert dead-lettered", zap.String("sink", name), zap.String("rule", m.Rule),
			zap.String("alert_id", m.ID), zap.Int("attempts", m.Attempts), zap.Error(cause))
		return
	}
	m.State, m.NextAttempt = model.AlertFailed, now.Add(wait)
	a.write(ctx, e, &m)
}

// backoff is InitialBackoff·2^(attempts-1) capped at MaxBackoff, ±20 %
// jitter so replicas do not retry in lockstep, and never less than what
// the receiver asked for.
func (a *Alerter) backoff(attempts int, retryAfter time.Duration) time.Duration {
	d := a.cfg.InitialBackoff
	for i := 1; i < attempts && d < a.cfg.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, a.cfg.MaxBackoff)
	d = time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
	return max(d, retryAfter)
}

// write stores m over e with a revision check and updates the index. It
// reports false when another writer got there first (or the write failed);
// the watcher then brings the index up to date.
func (a *Alerter) write(ctx context.Context, e *entry, m *mark) (*entry, bool) {
	data, err := encodeMark(m)
	if err != nil {
		return nil, false
	}
	// Record the outcome even while shutting down: a send that happened
	// should not be repeated because its mark was not written.
	wctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	rev, err := a.kv.Update(wctx, e.key, data, e.rev)
	if err != nil {
		a.ix.holdOff(e.key, a.now().Add(time.Second))
		if !errors.Is(err, jetstream.ErrKeyRevisionMismatch) {
			a.log.Warn("update alert mark", zap.String("key", e.key), zap.Error(err))
		}
		return nil, false
	}
	ne := &entry{key: e.key, rev: rev, m: m}
	a.ix.put(e.key, rev, m)
	return ne, true
}

// DeadLetter is what the alerter publishes on cw.dlq.alerter for an alert
// it gave up on.
type DeadLetter struct {
	V        int       `json:"v"`
	Stage    string    `json:"stage"`
	Error    string    `json:"error"`
	Rule     string    `json:"rule"`
	Sink     string    `json:"sink"`
	Attempts int       `json:"attempts"`
	Created  time.Time `json:"created"`
	Alert    Payload   `json:"alert"`
}

func (a *Alerter) deadLetter(ctx context.Context, m *mark, cause error) error {
	if a.pub == nil {
		return nil
	}
	dl := DeadLetter{V: model.Version, Stage: bus.ConsumerAlerter, Error: cause.Error(), Rule: m.Rule,
		Sink: m.Sink, Attempts: m.Attempts, Created: m.Created}
	if m.Payload != nil {
		dl.Alert = *m.Payload
	}
	data, err := json.Marshal(dl)
	if err != nil {
		return fmt.Errorf("encode dead letter: %w", err)
	}
	pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	subject, id := bus.SubjectDLQPrefix+bus.ConsumerAlerter, "alert-dead-"+markKey(m.Rule, m.Sink, m.ID)
	// Use the runner's dead-letter headers when the publisher can send
	// headers, so one DLQ reader understands every stage.
	if hp, ok := a.pub.(headerPublisher); ok {
		hdr := nats.Header{}
		hdr.Set(bus.HeaderStage, bus.ConsumerAlerter)
		hdr.Set(bus.HeaderError, cause.Error())
		hdr.Set(bus.HeaderDeliveries, strconv.Itoa(m.Attempts))
		hdr.Set(bus.HeaderOrigSubject, bus.SubjectEventsPrefix+m.Trigger)
		hdr.Set(bus.HeaderOrigSequence, strconv.FormatUint(m.Seq, 10))
		err = hp.PublishMsg(pctx, subject, id, data, hdr)
	} else {
		err = a.pub.Publish(pctx, subject, id, data)
	}
	if err != nil {
		return fmt.Errorf("publish dead letter: %w", err)
	}
	return nil
}

var _ headerPublisher = (*bus.Conn)(nil)

// headerPublisher is implemented by *bus.Conn.
type headerPublisher interface {
	PublishMsg(ctx context.Context, subject, msgID string, data []byte, hdr nats.Header) error
}

// messageKey is the Idempotency-Key of a message: the alert's ID, or a
// hash of the IDs of a digest's items.
func messageKey(alerts []Payload) string {
	if len(alerts) == 1 {
		return alerts[0].ID
	}
	h := sha256.New()
	for _, p := range alerts {
		h.Write([]byte(p.ID))
		h.Write([]byte{0})
	}
	return "digest-" + hex.EncodeToString(h.Sum(nil)[:16])
}

// sleep waits d or until ctx ends; it reports whether d elapsed.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
