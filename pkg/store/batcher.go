package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// writeOp is one caller's work inside a shared transaction; it reports
// whether it wrote outbox rows. When it fails, the batcher rolls back to a
// savepoint taken before it, so the other callers' work still commits.
type writeOp func(ctx context.Context, q querier) (outbox bool, err error)

type writeReq struct {
	op     writeOp
	done   chan error // buffered 1: the batcher never blocks on a caller
	outbox bool
}

// batcher groups concurrent writes into one transaction: one goroutine
// takes the first waiting request and whatever else is already queued (up
// to maxBatch), runs each under its own savepoint and commits once. Under
// load this turns N commits (N fsyncs) into one; a lone caller pays no
// extra latency because nothing waits for a batch to fill.
type batcher struct {
	db       database
	reqs     chan *writeReq
	maxBatch int
	timeout  time.Duration
	onCommit func(outbox bool, n int, took time.Duration, err error)

	stop     chan struct{}
	stopped  chan struct{}
	stopOnce sync.Once
}

func newBatcher(db database, maxBatch int, timeout time.Duration, onCommit func(bool, int, time.Duration, error)) *batcher {
	b := &batcher{
		db:       db,
		reqs:     make(chan *writeReq),
		maxBatch: maxBatch,
		timeout:  timeout,
		onCommit: onCommit,
		stop:     make(chan struct{}),
		stopped:  make(chan struct{}),
	}
	go b.loop()
	return b
}

// do runs op in a batched transaction and returns its own result (or the
// commit's error). If ctx ends after the request was taken, the write may
// still commit; that is safe because every op is idempotent.
func (b *batcher) do(ctx context.Context, op writeOp) error {
	r := &writeReq{op: op, done: make(chan error, 1)}
	select {
	case b.reqs <- r:
	case <-b.stop:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-r.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// close stops the loop after the batch in progress, bounded by ctx.
func (b *batcher) close(ctx context.Context) error {
	b.stopOnce.Do(func() { close(b.stop) })
	select {
	case <-b.stopped:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("stop writer: %w", ctx.Err())
	}
}

func (b *batcher) loop() {
	defer close(b.stopped)
	batch := make([]*writeReq, 0, b.maxBatch)
	batches := 0
	for {
		select {
		case <-b.stop:
			return
		case r := <-b.reqs:
			batch = append(batch[:0], r)
		}
	fill:
		for len(batch) < b.maxBatch {
			select {
			case r := <-b.reqs:
				batch = append(batch, r)
			default:
				break fill
			}
		}
		b.run(batch)
		if batches++; batches%maintainEvery == 0 {
			ctx, cancel := context.WithTimeout(context.Background(), b.timeout)
			// Best effort: stale statistics make reads slower, not wrong.
			_ = b.db.maintain(ctx)
			cancel()
		}
	}
}

// maintainEvery is how many batches pass between statistics refreshes.
const maintainEvery = 1000

var errSavepoint = errors.New("savepoint")

func (b *batcher) run(batch []*writeReq) {
	// The transaction is not bound to any caller's ctx: one caller giving
	// up must not abort the others' writes.
	ctx, cancel := context.WithTimeout(context.Background(), b.timeout)
	defer cancel()
	start := time.Now()
	results := make([]error, len(batch))
	outbox := false
	err := func() error {
		t, err := b.db.begin(ctx)
		if err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		defer func() { _ = t.rollback(ctx) }()
		for i, r := range batch {
			results[i] = runSavepoint(ctx, t, r)
			if errors.Is(results[i], errSavepoint) {
				// The transaction itself is broken (connection lost):
				// nothing more can succeed in it.
				return results[i]
			}
			if results[i] == nil && r.outbox {
				outbox = true
			}
		}
		if err := t.commit(ctx); err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		return nil
	}()
	if b.onCommit != nil {
		b.onCommit(outbox && err == nil, len(batch), time.Since(start), err)
	}
	for i, r := range batch {
		if err != nil {
			r.done <- err
			continue
		}
		r.done <- results[i]
	}
}

func runSavepoint(ctx context.Context, t tx, r *writeReq) error {
	if _, err := t.exec(ctx, `SAVEPOINT w`); err != nil {
		return fmt.Errorf("%w: %w", errSavepoint, err)
	}
	outbox, err := r.op(ctx, t)
	if err != nil {
		if _, rerr := t.exec(ctx, `ROLLBACK TO SAVEPOINT w`); rerr != nil {
			return fmt.Errorf("%w: %w (after %w)", errSavepoint, rerr, err)
		}
		if _, rerr := t.exec(ctx, `RELEASE SAVEPOINT w`); rerr != nil {
			return fmt.Errorf("%w: %w (after %w)", errSavepoint, rerr, err)
		}
		return err
	}
	if _, err := t.exec(ctx, `RELEASE SAVEPOINT w`); err != nil {
		return fmt.Errorf("%w: %w", errSavepoint, err)
	}
	r.outbox = outbox
	return nil
}
