package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/alert"
	"github.com/claimwatch/claimwatch/pkg/api"
	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/feed"
	"github.com/claimwatch/claimwatch/pkg/service"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// pipelineConfig is everything `claimwatch run` composes.
type pipelineConfig struct {
	service.Common
	DB           string
	Feeds        string
	AllowPrivate bool
	Rules        string
	Webhook      string
	Secret       string
	APIToken     string
	Concurrency  int
	// StoreConcurrency is the store's handlers per consumer: its writes
	// are grouped into one transaction per batch, so more handlers in
	// flight make bigger batches rather than more contention.
	StoreConcurrency int
	// extraFeeds are added to the feed state at start (the demo feed).
	extraFeeds []string
	// wrap, when set, wraps every stage handler (tests use it to force
	// redeliveries).
	wrap func(bus.Handler) bus.Handler
}

func (c *pipelineConfig) register(f *service.Flags) {
	c.Common.Register(f, "127.0.0.1:8080")
	f.String(&c.DB, "db", "CW_DB", "", "database: a SQLite file path or a postgres:// URL (default DATA/claimwatch.db)")
	f.String(&c.Feeds, "feeds", "CW_FEEDS", "", "feeds file: one URL per line (# comments) or OPML")
	f.Bool(&c.AllowPrivate, "allow-private-networks", "CW_ALLOW_PRIVATE_NETWORKS", false, "allow feeds on loopback and private addresses (off: SSRF protection)")
	f.String(&c.Rules, "rules", "CW_ALERT_RULES", "", "YAML alert rules file")
	f.String(&c.Webhook, "alert-webhook", "CW_ALERT_WEBHOOK", "", "send every new-claim and conflict alert to this webhook URL")
	f.String(&c.Secret, "alert-secret", "CW_ALERT_SECRET", "", "HMAC-SHA256 secret signing --alert-webhook requests")
	f.String(&c.APIToken, "api-token", "CW_API_TOKEN", "", "bearer token for the API's write endpoints (empty disables them)")
	f.Int(&c.Concurrency, "concurrency", "CW_CONCURRENCY", 4, "handlers per stage")
	f.Int(&c.StoreConcurrency, "store-concurrency", "CW_STORE_CONCURRENCY", 64, "store handlers per consumer (their writes share transactions)")
}

func (c *pipelineConfig) dsn() (string, error) {
	if c.DB != "" {
		return c.DB, nil
	}
	if c.Data == "" {
		return "", fmt.Errorf("%w: give --db or --data", service.ErrUsage)
	}
	if err := os.MkdirAll(c.Data, 0o750); err != nil {
		return "", fmt.Errorf("data directory: %w", err)
	}
	return filepath.Join(c.Data, "claimwatch.db"), nil
}

// pipeline is every stage of claimwatch in one process.
type pipeline struct {
	proc    *service.Process
	store   store.Store
	fetcher *feed.Fetcher
	alerter *alert.Alerter
	// consumers maps each durable consumer to its handler and spec; loops
	// are the tasks that are not consumers (polling, relaying, delivering).
	consumers map[string]bus.Handler
	specs     map[string]bus.StageSpec
	loops     []func(ctx context.Context) error
}

// startPipeline connects everything; run starts the work.
func startPipeline(ctx context.Context, cfg *pipelineConfig) (_ *pipeline, err error) {
	dsn, err := cfg.dsn()
	if err != nil {
		return nil, err
	}
	proc, err := service.Start(ctx, "claimwatch", &cfg.Common)
	if err != nil {
		return nil, err
	}
	pl := &pipeline{proc: proc}
	defer func() {
		if err != nil {
			pl.close()
		}
	}()
	log := proc.Log
	pl.store, err = store.Open(ctx, dsn, log.Named("store"))
	if err != nil {
		return nil, err
	}
	proc.AddCheck("database", pl.store.Ping)
	if err := pl.startFetcher(ctx, cfg); err != nil {
		return nil, err
	}
	if err := pl.startAlerter(ctx, cfg); err != nil {
		return nil, err
	}
	dedupHandler, err := newDedupHandler(ctx, proc)
	if err != nil {
		return nil, err
	}
	extractHandler, err := newExtractHandler(proc)
	if err != nil {
		return nil, err
	}
	storeStage := store.NewStage(pl.store, log.Named("store"), proc.Registry)
	relay := store.NewRelay(pl.store, proc.Conn, log.Named("relay"), proc.Registry)
	pl.specs = map[string]bus.StageSpec{}
	pl.consumers = map[string]bus.Handler{
		bus.ConsumerDedup:     dedupHandler,
		bus.ConsumerExtractor: extractHandler,
		bus.ConsumerAlerter:   pl.alerter.Handle,
	}
	for name := range pl.consumers {
		pl.specs[name] = bus.StageSpec{Consumer: name, Concurrency: cfg.Concurrency}
	}
	for _, name := range store.Consumers {
		pl.consumers[name] = storeStage.Handle
		pl.specs[name] = bus.StageSpec{Consumer: name, Concurrency: max(cfg.StoreConcurrency, 1), MaxDeliver: store.MaxDeliver}
	}
	if cfg.wrap != nil {
		for name, h := range pl.consumers {
			pl.consumers[name] = cfg.wrap(h)
		}
	}
	pl.loops = []func(ctx context.Context) error{pl.fetcher.Run, relay.Run, pl.alerter.Run}
	proc.Serve(api.New(api.Options{
		Store: pl.store, Feeds: pl.fetcher, Alerts: pl.alerter, Events: api.NewBusEvents(proc.Conn),
		Token: cfg.APIToken, Ready: proc.Ready, Logger: log.Named("api"),
		Gatherer: proc.Registry, Registerer: proc.Registry,
	}))
	return pl, nil
}

func (pl *pipeline) startFetcher(ctx context.Context, cfg *pipelineConfig) error {
	kv, err := pl.proc.Conn.KeyValue(ctx, bus.BucketFeeds)
	if err != nil {
		return err
	}
	fc := feed.DefaultConfig()
	fc.FeedsFile = cfg.Feeds
	fc.Version = service.Version
	fc.AllowPrivateNetworks = cfg.AllowPrivate
	pl.fetcher, err = feed.New(fc, pl.proc.Conn, feed.NewKVStore(kv), pl.proc.Log.Named("feed"), pl.proc.Registry)
	if err != nil {
		return fmt.Errorf("%w: %w", service.ErrUsage, err)
	}
	for _, u := range cfg.extraFeeds {
		if _, err := pl.fetcher.AddFeed(ctx, u); err != nil && !errors.Is(err, feed.ErrFeedExists) {
			return fmt.Errorf("add feed %s: %w", u, err)
		}
	}
	return nil
}

func (pl *pipeline) startAlerter(ctx context.Context, cfg *pipelineConfig) error {
	acfg := alert.Config{WebhookURL: cfg.Webhook, Secret: cfg.Secret}
	if cfg.Rules != "" {
		rs, err := alert.LoadRules(cfg.Rules)
		if err != nil {
			return fmt.Errorf("%w: %w", service.ErrUsage, err)
		}
		acfg.Rules = rs
	}
	if acfg.Rules == nil && acfg.WebhookURL == "" {
		// With nowhere else to send them, alerts go to the log, so a
		// plain `claimwatch run` still shows what it would alert on.
		acfg.Rules = &alert.RuleSet{
			Sinks: []alert.SinkConfig{{Name: "log", Type: alert.SinkLog}},
			Rules: []alert.Rule{{Name: "default", Triggers: []string{"claim.new", "claim.conflict"}, Sinks: []string{"log"}}},
		}
	}
	kv, err := pl.proc.Conn.KeyValue(ctx, bus.BucketAlerts)
	if err != nil {
		return err
	}
	pl.alerter, err = alert.New(acfg, pl.proc.Conn, kv, pl.proc.Log.Named("alert"), pl.proc.Registry)
	if err != nil {
		return fmt.Errorf("%w: %w", service.ErrUsage, err)
	}
	return nil
}

// run runs every stage and the HTTP server until ctx ends, then closes
// the store.
func (pl *pipeline) run(ctx context.Context) error {
	tasks := append([]func(ctx context.Context) error(nil), pl.loops...)
	for name, h := range pl.consumers {
		spec := pl.specs[name]
		tasks = append(tasks, func(ctx context.Context) error { return pl.proc.Conn.RunStage(ctx, spec, h) })
	}
	err := pl.proc.Run(ctx, tasks...)
	pl.closeStore()
	return err
}

func (pl *pipeline) close() {
	pl.closeStore()
	cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = pl.proc.Conn.Close(cctx)
}

func (pl *pipeline) closeStore() {
	if pl.store == nil {
		return
	}
	cctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := pl.store.Close(cctx); err != nil {
		pl.proc.Log.Warn("closing store", zap.Error(err))
	}
	pl.store = nil
}
