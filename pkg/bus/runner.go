package bus

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"
)

// StageSpec says how to run one stage's consumer.
type StageSpec struct {
	// Consumer is the durable consumer name (ConsumerDedup, …).
	Consumer string
	// Concurrency bounds the handlers running at once (default 4).
	Concurrency int
	// MaxDeliver is how many deliveries a failing message gets before it
	// is dead-lettered (default 8).
	MaxDeliver int
	// MaxBackoff caps the redelivery delay after a failure (default 30 s).
	MaxBackoff time.Duration
	// ShutdownGrace is how long in-flight handlers may run after the
	// context ends before they are cancelled (default 10 s).
	ShutdownGrace time.Duration
}

func (s StageSpec) withDefaults() StageSpec {
	if s.Concurrency <= 0 {
		s.Concurrency = 4
	}
	if s.MaxDeliver <= 0 {
		s.MaxDeliver = 8
	}
	if s.MaxBackoff <= 0 {
		s.MaxBackoff = 30 * time.Second
	}
	if s.ShutdownGrace <= 0 {
		s.ShutdownGrace = 10 * time.Second
	}
	return s
}

// RunStage pull-consumes the stage's durable consumer and runs h on each
// message with bounded concurrency until ctx ends. On shutdown it stops
// pulling, naks messages it had buffered but not started, lets in-flight
// handlers finish within the grace period, and returns nil.
func (c *Conn) RunStage(ctx context.Context, spec StageSpec, h Handler) error {
	spec = spec.withDefaults()
	cs, err := ConsumerByName(spec.Consumer)
	if err != nil {
		return err
	}
	cons, err := c.js.Consumer(ctx, c.names.Stream(cs.Stream), c.names.Stream(cs.Durable))
	if err != nil {
		return fmt.Errorf("bus: consumer %s: %w", cs.Durable, err)
	}
	r := &runner{conn: c, spec: spec, cs: cs, h: h, log: c.log.Named(spec.Consumer), stage: spec.Consumer}
	return r.run(ctx, cons)
}

type runner struct {
	conn  *Conn
	spec  StageSpec
	cs    ConsumerSpec
	h     Handler
	log   *zap.Logger
	stage string
}

func (r *runner) run(ctx context.Context, cons jetstream.Consumer) error {
	iter, err := cons.Messages(
		jetstream.PullMaxMessages(r.spec.Concurrency*2),
		jetstream.PullExpiry(5*time.Second),
	)
	if err != nil {
		return fmt.Errorf("bus: consume %s: %w", r.cs.Durable, err)
	}
	// Work outlives ctx by the grace period so a SIGTERM does not abort a
	// handler half way through its writes.
	workCtx, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	var wg sync.WaitGroup
	stopWatch := context.AfterFunc(ctx, func() {
		iter.Drain()
		time.AfterFunc(r.spec.ShutdownGrace, cancelWork)
	})
	defer stopWatch()
	wg.Add(1)
	go func() {
		defer wg.Done()
		r.watchPending(ctx, cons)
	}()
	r.log.Info("stage started", zap.String("consumer", r.cs.Durable), zap.Int("concurrency", r.spec.Concurrency))

	// A fixed set of workers rather than a goroutine per message: a
	// worker keeps the stack that decoding and extraction grew, where a
	// fresh goroutine per message copied its stack up again each time.
	work := make(chan jetstream.Msg)
	for range r.spec.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for msg := range work {
				r.handle(workCtx, msg)
			}
		}()
	}
	for {
		msg, err := iter.Next()
		if err != nil {
			if errors.Is(err, jetstream.ErrMsgIteratorClosed) {
				break
			}
			r.log.Warn("pull failed", zap.Error(err))
			continue
		}
		if ctx.Err() != nil {
			// Buffered but not started: hand it back for another replica.
			_ = msg.Nak()
			continue
		}
		work <- msg
	}
	close(work)
	wg.Wait()
	r.log.Info("stage stopped", zap.String("consumer", r.cs.Durable))
	return nil
}

func (r *runner) handle(ctx context.Context, msg jetstream.Msg) {
	m := r.metrics()
	m.In.WithLabelValues(r.stage).Inc()
	m.InFlight.WithLabelValues(r.stage).Inc()
	defer m.InFlight.WithLabelValues(r.stage).Dec()

	meta, err := msg.Metadata()
	if err != nil {
		r.log.Warn("message without metadata", zap.Error(err))
		_ = msg.Term()
		return
	}
	bm := &Message{
		Subject:      r.conn.names.Logical(msg.Subject()),
		Data:         msg.Data(),
		Header:       msg.Headers(),
		NumDelivered: meta.NumDelivered,
		StreamSeq:    meta.Sequence.Stream,
		Timestamp:    meta.Timestamp,
		inProgress:   msg.InProgress,
	}
	stop := r.heartbeat(msg)
	start := time.Now()
	herr := r.safeHandle(ctx, bm)
	stop()
	m.Handle.WithLabelValues(r.stage).Observe(time.Since(start).Seconds())
	r.settle(ctx, msg, bm, herr)
}

// safeHandle turns a handler panic into a permanent error so one poison
// message cannot take the stage down.
func (r *runner) safeHandle(ctx context.Context, m *Message) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = Permanentf("handler panic: %v", p)
		}
	}()
	return r.h(ctx, m)
}

// heartbeat tells the server the message is still being worked on at a
// third of AckWait, so slow work is not redelivered to another replica.
func (r *runner) heartbeat(msg jetstream.Msg) (stop func()) {
	every := r.cs.AckWait / 3
	var mu sync.Mutex
	stopped := false
	var t *time.Timer
	t = time.AfterFunc(every, func() {
		mu.Lock()
		defer mu.Unlock()
		if stopped {
			return
		}
		_ = msg.InProgress()
		t.Reset(every)
	})
	return func() {
		mu.Lock()
		stopped = true
		mu.Unlock()
		t.Stop()
	}
}

func (r *runner) settle(ctx context.Context, msg jetstream.Msg, m *Message, herr error) {
	met := r.metrics()
	switch {
	case herr == nil:
		if err := msg.Ack(); err != nil {
			r.log.Warn("ack failed", zap.Uint64("stream_seq", m.StreamSeq), zap.Error(err))
			return
		}
		met.Out.WithLabelValues(r.stage).Inc()
	case IsPermanent(herr) || m.NumDelivered >= uint64(r.spec.MaxDeliver):
		r.deadLetter(ctx, msg, m, herr)
	default:
		met.Failed.WithLabelValues(r.stage).Inc()
		delay := backoff(m.NumDelivered, r.spec.MaxBackoff)
		r.log.Debug("handler failed, will retry", zap.Uint64("stream_seq", m.StreamSeq),
			zap.Uint64("deliveries", m.NumDelivered), zap.Duration("delay", delay), zap.Error(herr))
		if err := msg.NakWithDelay(delay); err != nil {
			r.log.Warn("nak failed", zap.Uint64("stream_seq", m.StreamSeq), zap.Error(err))
		}
	}
}

// deadLetter copies the message to CW_DLQ and then terminates it. If the
// copy cannot be stored the message is nak'ed instead, so nothing is lost.
func (r *runner) deadLetter(ctx context.Context, msg jetstream.Msg, m *Message, herr error) {
	hdr := nats.Header{}
	for k, v := range m.Header {
		if k == nats.MsgIdHdr {
			continue
		}
		hdr[k] = v
	}
	hdr.Set(HeaderStage, r.stage)
	hdr.Set(HeaderError, herr.Error())
	hdr.Set(HeaderDeliveries, strconv.FormatUint(m.NumDelivered, 10))
	hdr.Set(HeaderOrigSubject, m.Subject)
	hdr.Set(HeaderOrigSequence, strconv.FormatUint(m.StreamSeq, 10))
	id := r.stage + ":" + strconv.FormatUint(m.StreamSeq, 10)
	pubCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := r.conn.PublishMsg(pubCtx, SubjectDLQPrefix+r.stage, id, m.Data, hdr); err != nil {
		r.log.Error("dead-letter publish failed, message kept", zap.Uint64("stream_seq", m.StreamSeq), zap.Error(err))
		_ = msg.NakWithDelay(r.spec.MaxBackoff)
		return
	}
	// Plain Term: nats-server 2.9 ignores a +TERM that carries a reason,
	// which would redeliver the message forever. The reason travels in
	// the dead-letter copy's headers instead.
	if err := msg.Term(); err != nil {
		r.log.Warn("term failed", zap.Uint64("stream_seq", m.StreamSeq), zap.Error(err))
	}
	r.metrics().DeadLetter.WithLabelValues(r.stage).Inc()
	r.log.Warn("message dead-lettered", zap.String("subject", m.Subject), zap.Uint64("stream_seq", m.StreamSeq),
		zap.Uint64("deliveries", m.NumDelivered), zap.Error(herr))
}

// backoff grows the redelivery delay exponentially from 250 ms with ±20 %
// jitter so failing replicas do not retry in lockstep.
func backoff(deliveries uint64, maxDelay time.Duration) time.Duration {
	d := 250 * time.Millisecond << min(deliveries, 16)
	d = min(d, maxDelay)
	jitter := time.Duration(rand.Int64N(int64(d)/5 + 1))
	return d - d/10 + jitter
}

// watchPending exports the consumer's backlog every few seconds.
func (r *runner) watchPending(ctx context.Context, cons jetstream.Consumer) {
	t := time.NewTicker(5 * time.Second)
	defer t.Stop()
	for {
		infoCtx, cancel := context.WithTimeout(ctx, 3*time.Second)
		info, err := cons.Info(infoCtx)
		cancel()
		if err == nil {
			r.metrics().Pending.WithLabelValues(r.stage).Set(float64(info.NumPending))
			r.metrics().AckPending.WithLabelValues(r.stage).Set(float64(info.NumAckPending))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (r *runner) metrics() *Metrics { return r.conn.metrics }
