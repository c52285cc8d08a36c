package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

// writeOp is one caller's work inside a shared transaction; it reports
// whether it wrote outbox rows. When it fails, the batcher runs the batch
// again with a savepoint around each op, so the other callers' work still
// commits (see runFast). An op must therefore be safe to run twice.
type writeOp func(ctx context.Context, q querier) (outbox bool, err error)

type writeReq struct {
	op      writeOp
	done    chan error // buffered 1: the batcher never blocks on a caller
	outbox  bool
	arrived time.Time
}

// batcher groups concurrent writes into one transaction: one goroutine
// takes the first waiting request and whatever else is already queued (up
// to maxBatch), runs them and commits once. Under load this turns N
// commits (N fsyncs) into one.
//
// At a steady, moderate rate the queue is often empty when the writer
// looks, and most batches would hold one write: a commit per write, which
// measured a third of the store's CPU at 200 articles/s. So when writes
// have been arriving close together (see lingerGaps), the writer waits
// for more until linger after the oldest request's arrival (group
// commit). A lone caller pays nothing (the gap before it is long), and
// neither does a batch that queued while the previous one ran (its
// deadline has passed).
type batcher struct {
	db       database
	hooks    batchHooks
	reqs     chan *writeReq
	maxBatch int
	linger   time.Duration
	timeout  time.Duration
	onCommit func(outbox bool, n int, took time.Duration, err error)

	// gap is a moving average of the time between arrivals, and last
	// the latest arrival; only the loop goroutine touches them.
	gap  time.Duration
	last time.Time

	stop     chan struct{}
	stopped  chan struct{}
	stopOnce sync.Once
}

// batchHooks let a dialect do per-transaction work once per batch instead
// of once per op: begin runs before the first op and returns a mark that
// end, run after the last op and before commit, receives. Either may be
// nil. A failing hook fails the whole batch.
type batchHooks struct {
	begin func(ctx context.Context, q querier) (int64, error)
	end   func(ctx context.Context, q querier, mark int64) error
}

func newBatcher(db database, hooks batchHooks, o *options, onCommit func(bool, int, time.Duration, error)) *batcher {
	b := &batcher{
		db:       db,
		hooks:    hooks,
		reqs:     make(chan *writeReq),
		maxBatch: o.maxBatch,
		linger:   o.linger,
		gap:      maxGap * o.linger,
		timeout:  o.writeTimeout,
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
	r := &writeReq{op: op, done: make(chan error, 1), arrived: time.Now()}
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
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-b.stop:
			return
		case r := <-b.reqs:
			batch = append(batch[:0], b.arrive(r))
		}
	fill:
		for len(batch) < b.maxBatch {
			select {
			case r := <-b.reqs:
				batch = append(batch, b.arrive(r))
			default:
				break fill
			}
		}
		batch = b.gather(batch, timer)
		b.run(batch)
		if batches++; batches%maintainEvery == 0 {
			ctx, cancel := context.WithTimeout(context.Background(), b.timeout)
			// Best effort: stale statistics make reads slower, not wrong.
			_ = b.db.maintain(ctx)
			cancel()
		}
	}
}

// arrive updates the arrival-gap average with r and returns r.
func (b *batcher) arrive(r *writeReq) *writeReq {
	// An average over about the last 8 gaps, each counted as at most
	// 8*lingerGaps lingers: then one idle gap, the first before a lone
	// caller, lifts the average to the threshold or above, so that caller
	// never waits; a close pair alone does not start lingering.
	gap := maxGap * b.linger
	if !b.last.IsZero() {
		gap = min(max(r.arrived.Sub(b.last), 0), gap)
	}
	b.gap += (gap - b.gap) / 8
	b.last = r.arrived
	return r
}

// lingerGaps is the mean gap between arrivals, in lingers, below which
// the writer lingers: from there on a wait of one linger catches another
// write with fair odds (about 40% or more for random arrivals).
const lingerGaps = 2

// maxGap caps one gap's weight in the average (see arrive).
const maxGap = 8 * lingerGaps

// gather waits, while writes arrive less than lingerGaps lingers apart,
// for more requests until the batch is full or linger has passed since
// its oldest request arrived.
func (b *batcher) gather(batch []*writeReq, timer *time.Timer) []*writeReq {
	if b.linger <= 0 || len(batch) >= b.maxBatch || b.gap >= lingerGaps*b.linger {
		return batch
	}
	wait := time.Until(batch[0].arrived.Add(b.linger))
	if wait <= 0 {
		return batch
	}
	timer.Reset(wait)
	defer timer.Stop()
	for len(batch) < b.maxBatch {
		select {
		case r := <-b.reqs:
			batch = append(batch, b.arrive(r))
		case <-timer.C:
			return batch
		case <-b.stop:
			return batch // run what was taken; the loop then stops
		}
	}
	return batch
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
	results, outbox, err := b.runFast(ctx, batch)
	if errors.Is(err, errOpFailed) && len(batch) == 1 {
		// Nothing else was in the transaction: the op's error is its result.
		results, err = []error{errors.Unwrap(err)}, nil
	} else if errors.Is(err, errOpFailed) {
		// One op failed and took the whole attempt down with it: run the
		// batch again with a savepoint per op, so that only the failing
		// caller sees its error. Every op is idempotent and resets its own
		// result, so running it twice is safe.
		results, outbox, err = b.runIsolated(ctx, batch)
	}
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

// errOpFailed reports that runFast rolled back because an op failed.
var errOpFailed = errors.New("write op failed")

// opError carries an op's error out of runFast; it is errOpFailed and
// unwraps to the op's own error.
type opError struct{ err error }

func (e *opError) Error() string        { return e.err.Error() }
func (e *opError) Unwrap() error        { return e.err }
func (e *opError) Is(target error) bool { return target == errOpFailed }

// runFast runs every op in one transaction without savepoints. Savepoints
// are not free on SQLite: each one makes the first change to every page
// also go to a sub-journal, which measured ~10% of the store's CPU. Op
// failures are rare (database errors; messages are validated before they
// reach the batcher), so the common case skips them and the rare one pays
// for a second, isolated run.
func (b *batcher) runFast(ctx context.Context, batch []*writeReq) ([]error, bool, error) {
	results := make([]error, len(batch))
	outbox := false
	t, err := b.db.begin(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = t.rollback(ctx) }()
	mark, err := b.beginHook(ctx, t)
	if err != nil {
		return nil, false, err
	}
	for _, r := range batch {
		wrote, err := r.op(ctx, t)
		if err != nil {
			return nil, false, &opError{err}
		}
		outbox = outbox || wrote
	}
	if err := b.endHook(ctx, t, mark); err != nil {
		return nil, false, err
	}
	if err := t.commit(ctx); err != nil {
		return nil, false, fmt.Errorf("commit: %w", err)
	}
	return results, outbox, nil
}

// runIsolated runs each op under its own savepoint, so that a failing op
// is rolled back alone and the others' work still commits.
func (b *batcher) runIsolated(ctx context.Context, batch []*writeReq) ([]error, bool, error) {
	results := make([]error, len(batch))
	outbox := false
	t, err := b.db.begin(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("begin: %w", err)
	}
	defer func() { _ = t.rollback(ctx) }()
	mark, err := b.beginHook(ctx, t)
	if err != nil {
		return nil, false, err
	}
	for i, r := range batch {
		results[i] = runSavepoint(ctx, t, r)
		if errors.Is(results[i], errSavepoint) {
			// The transaction itself is broken (connection lost):
			// nothing more can succeed in it.
			return nil, false, results[i]
		}
		if results[i] == nil && r.outbox {
			outbox = true
		}
	}
	// The ops rolled back to their savepoints left no rows for end to see.
	if err := b.endHook(ctx, t, mark); err != nil {
		return nil, false, err
	}
	if err := t.commit(ctx); err != nil {
		return nil, false, fmt.Errorf("commit: %w", err)
	}
	return results, outbox, nil
}

func (b *batcher) beginHook(ctx context.Context, q querier) (int64, error) {
	if b.hooks.begin == nil {
		return 0, nil
	}
	mark, err := b.hooks.begin(ctx, q)
	if err != nil {
		return 0, fmt.Errorf("begin batch: %w", err)
	}
	return mark, nil
}

func (b *batcher) endHook(ctx context.Context, q querier, mark int64) error {
	if b.hooks.end == nil {
		return nil
	}
	if err := b.hooks.end(ctx, q, mark); err != nil {
		return fmt.Errorf("end batch: %w", err)
	}
	return nil
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
