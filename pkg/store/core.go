package store

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// core is the SQL implementation shared by SQLite and Postgres.
type core struct {
	db        database
	d         dialect
	w         *batcher
	conflicts func(a, b *model.Claim) bool
	signal    chan struct{}
	closed    atomic.Bool
	m         *storeMetrics
}

// Option tunes a store at Open.
type Option func(*options) error

type options struct {
	maxBatch     int
	linger       time.Duration
	writeTimeout time.Duration
	conflicts    func(a, b *model.Claim) bool
	metrics      *storeMetrics
	readConns    int
	busyTimeout  time.Duration
}

// WithBatchSize bounds how many writes share one transaction (default 64).
func WithBatchSize(n int) Option {
	return func(o *options) error {
		if n < 1 {
			return fmt.Errorf("batch size %d: must be at least 1", n)
		}
		o.maxBatch = n
		return nil
	}
}

// WithLinger sets how long the writer may wait for more writes before
// starting a transaction, when writes have been arriving close together
// (default 3ms; 0 disables): fewer, larger commits at moderate rates, for
// at most d more latency per write. A lone writer never waits.
func WithLinger(d time.Duration) Option {
	return func(o *options) error {
		if d < 0 || d > time.Second {
			return fmt.Errorf("linger %v: want 0..1s", d)
		}
		o.linger = d
		return nil
	}
}

// WithWriteTimeout bounds one batched transaction (default 30s).
func WithWriteTimeout(d time.Duration) Option {
	return func(o *options) error {
		if d <= 0 {
			return fmt.Errorf("write timeout %v: must be positive", d)
		}
		o.writeTimeout = d
		return nil
	}
}

// WithConflictFunc replaces the conflict test between two quantity claims
// of the same subject (default claims.Conflicts).
func WithConflictFunc(f func(a, b *model.Claim) bool) Option {
	return func(o *options) error {
		if f == nil {
			return fmt.Errorf("conflict func: nil")
		}
		o.conflicts = f
		return nil
	}
}

// WithReadConns sets the size of the read connection pool (default 4).
func WithReadConns(n int) Option {
	return func(o *options) error {
		if n < 1 {
			return fmt.Errorf("read conns %d: must be at least 1", n)
		}
		o.readConns = n
		return nil
	}
}

// WithBusyTimeout sets how long SQLite waits for a write lock held by
// another process before the write fails (and the stage retries it later);
// default 10s. PostgreSQL ignores it.
func WithBusyTimeout(d time.Duration) Option {
	return func(o *options) error {
		if d < time.Millisecond {
			return fmt.Errorf("busy timeout %v: must be at least 1ms", d)
		}
		o.busyTimeout = d
		return nil
	}
}

// defaultLinger: see WithLinger and batcher.
const defaultLinger = 3 * time.Millisecond

func buildOptions(opts []Option) (*options, error) {
	o := &options{maxBatch: 64, linger: defaultLinger, writeTimeout: 30 * time.Second, conflicts: defaultConflicts, readConns: 4, busyTimeout: 10 * time.Second}
	for _, opt := range opts {
		if err := opt(o); err != nil {
			return nil, err
		}
	}
	return o, nil
}

func newCore(db database, d dialect, o *options) *core {
	c := &core{
		db:        db,
		d:         d,
		conflicts: o.conflicts,
		signal:    make(chan struct{}, 1),
		m:         o.metrics,
	}
	c.w = newBatcher(db, d.batch, o, c.afterCommit)
	return c
}

func (c *core) afterCommit(outbox bool, n int, took time.Duration, err error) {
	c.m.observeBatch(n, took, err)
	if outbox {
		select {
		case c.signal <- struct{}{}:
		default:
		}
	}
}

// write runs op through the batcher.
func (c *core) write(ctx context.Context, op writeOp) error {
	if c.closed.Load() {
		return ErrClosed
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return c.w.do(ctx, op)
}

// reader returns the querier for reads, or ErrClosed.
func (c *core) reader() (querier, error) {
	if c.closed.Load() {
		return nil, ErrClosed
	}
	return c.db, nil
}

// Ping implements Store.
func (c *core) Ping(ctx context.Context) error {
	if c.closed.Load() {
		return ErrClosed
	}
	if err := c.db.ping(ctx); err != nil {
		return fmt.Errorf("ping %s: %w", c.d.name, err)
	}
	return nil
}

// Close implements Store.
func (c *core) Close(ctx context.Context) error {
	if c.closed.Swap(true) {
		return nil
	}
	err := c.w.close(ctx)
	if err == nil {
		_ = c.db.maintain(ctx) // best effort, as SQLite advises before closing
	}
	c.db.close()
	return err
}

// OutboxSignal implements Outbox.
func (c *core) OutboxSignal() <-chan struct{} { return c.signal }
