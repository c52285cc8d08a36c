package feed

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/bus"
)

// Fetcher polls feeds and publishes their new and changed items as
// model.Article on bus.SubjectArticlesRaw. Any number of Fetchers (in one
// process or many) may share one StateStore: each due feed is polled by
// exactly one of them per interval.
type Fetcher struct {
	cfg    Config
	pub    bus.Publisher
	store  StateStore
	log    *zap.Logger
	m      *metrics
	client *Client
	pages  Extractor
	owner  string

	mu    sync.Mutex
	sched *schedule
	wake  chan struct{}
}

// New builds a Fetcher. cfg's zero fields take their defaults; the result
// must pass Validate. pub receives the articles, store holds the shared
// feed state (NewKVStore for replicas, NewMemoryStore for one process),
// reg may be nil.
func New(cfg Config, pub bus.Publisher, store StateStore, log *zap.Logger, reg prometheus.Registerer) (*Fetcher, error) {
	cfg = cfg.withDefaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if pub == nil || store == nil {
		return nil, errors.New("feed: publisher and state store are required")
	}
	if log == nil {
		log = zap.NewNop()
	}
	m, err := newMetrics(reg)
	if err != nil {
		return nil, err
	}
	return &Fetcher{
		cfg:    cfg,
		pub:    pub,
		store:  store,
		log:    log,
		m:      m,
		client: NewClient(cfg),
		pages:  NewReadability(),
		owner:  replicaID(),
		sched:  newSchedule(),
		wake:   make(chan struct{}, 1),
	}, nil
}

// replicaID names this process in leases: host, pid and a random suffix,
// so two Fetchers in one process are distinct owners too.
func replicaID() string {
	host, _ := os.Hostname()
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// Client returns the HTTP client, for tools that fetch with the same rules.
func (f *Fetcher) Client() *Client { return f.client }

func (f *Fetcher) signal() {
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// Run polls feeds until ctx is done, then waits for polls in flight to
// stop and returns nil. It first adds the feeds of Config.FeedsFile. With
// Config.Once it polls every feed once and returns. Errors of single polls
// are recorded in the feed's status, not returned; Run fails only when the
// feeds file or the state store cannot be read at start.
func (f *Fetcher) Run(ctx context.Context) error {
	if f.cfg.FeedsFile != "" {
		n, err := f.ImportFile(ctx, f.cfg.FeedsFile)
		if err != nil {
			return err
		}
		f.log.Info("feeds file read", zap.String("path", f.cfg.FeedsFile), zap.Int("added", n))
	}
	if err := f.rescan(ctx); err != nil {
		return err
	}
	f.log.Info("fetcher started", zap.Int("feeds", f.sched.len()), zap.String("owner", f.owner),
		zap.Duration("default_interval", f.cfg.DefaultInterval), zap.Bool("once", f.cfg.Once),
		zap.Bool("allow_private_networks", f.cfg.AllowPrivateNetworks))
	if f.cfg.Once {
		return f.runOnce(ctx)
	}

	sem := make(chan struct{}, f.cfg.Concurrency)
	var wg sync.WaitGroup
	defer func() {
		wg.Wait()
		f.log.Info("fetcher stopped")
	}()
	rescan := time.NewTicker(f.cfg.RescanInterval)
	defer rescan.Stop()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		for {
			f.mu.Lock()
			id, ok := f.sched.popDue(time.Now())
			f.mu.Unlock()
			if !ok {
				break
			}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				f.mu.Lock()
				f.sched.done(id, time.Now())
				f.mu.Unlock()
				return nil
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				next, keep := f.poll(ctx, id, false)
				f.mu.Lock()
				if keep {
					f.sched.done(id, next)
				} else {
					f.sched.remove(id)
				}
				f.m.feeds.Set(float64(f.sched.len()))
				f.mu.Unlock()
				f.signal()
			}()
		}
		f.mu.Lock()
		next := f.sched.nextDue()
		f.mu.Unlock()
		wait := f.cfg.RescanInterval
		if !next.IsZero() {
			wait = max(time.Until(next), time.Millisecond)
		}
		timer.Reset(wait)
		select {
		case <-ctx.Done():
			return nil
		case <-timer.C:
		case <-f.wake:
		case <-rescan.C:
			if err := f.rescan(ctx); err != nil && ctx.Err() == nil {
				f.log.Warn("feed list rescan failed", zap.Error(err))
			}
		}
	}
}

// runOnce polls every known feed once, Concurrency at a time.
func (f *Fetcher) runOnce(ctx context.Context) error {
	f.mu.Lock()
	ids := make([]string, 0, f.sched.len())
	for id := range f.sched.byID {
		ids = append(ids, id)
	}
	f.mu.Unlock()
	sem := make(chan struct{}, f.cfg.Concurrency)
	var wg sync.WaitGroup
	for _, id := range ids {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return nil
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			f.poll(ctx, id, true)
		}()
	}
	wg.Wait()
	return nil
}

// rescan adds feeds the store has and the schedule does not, due now (the
// first poll reads their real next-poll time), and drops feeds deleted.
func (f *Fetcher) rescan(ctx context.Context) error {
	ids, err := f.store.IDs(ctx)
	if err != nil {
		return fmt.Errorf("read feed list: %w", err)
	}
	now := time.Now()
	known := make(map[string]bool, len(ids))
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, id := range ids {
		known[id] = true
		if f.sched.byID[id] == nil {
			f.sched.set(id, now)
		}
	}
	for id, e := range f.sched.byID {
		if !known[id] && e.index >= 0 {
			f.sched.remove(id)
		}
	}
	f.m.feeds.Set(float64(f.sched.len()))
	f.signal()
	return nil
}
