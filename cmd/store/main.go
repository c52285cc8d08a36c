// Command store keeps what the pipeline learns: it applies unique
// articles, duplicate links and claim batches to SQLite or PostgreSQL,
// relays new-claim and conflict events from its transactional outbox to
// cw.events.*, and serves the HTTP API and dashboard.
package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/alert"
	"github.com/claimwatch/claimwatch/pkg/api"
	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/feed"
	"github.com/claimwatch/claimwatch/pkg/service"
	"github.com/claimwatch/claimwatch/pkg/store"
)

type config struct {
	service.Common
	DB          string
	APIToken    string
	ReadAuth    bool
	Rules       string
	Concurrency int
}

func main() { service.Main(run) }

func run(ctx context.Context, args []string) error {
	var cfg config
	f := service.NewFlags("store", "store: write articles and claims to the database, emit claim events, serve the API and dashboard.")
	cfg.Common.Register(f, "127.0.0.1:8080")
	f.String(&cfg.DB, "db", "CW_DB", "", "database: a SQLite file path or a postgres:// URL")
	f.String(&cfg.APIToken, "api-token", "CW_API_TOKEN", "", "bearer token for the API's write endpoints (empty disables them)")
	f.Bool(&cfg.ReadAuth, "api-read-auth", "CW_API_READ_AUTH", false, "require the token on read endpoints and the dashboard too")
	f.String(&cfg.Rules, "rules", "CW_ALERT_RULES", "", "the alerters' YAML rules file, to list the rules in /api/v1/alerts (optional)")
	f.Int(&cfg.Concurrency, "concurrency", "CW_CONCURRENCY", 8, "handlers per consumer in this replica")
	if err := f.Parse(args); err != nil {
		return err
	}
	if cfg.DB == "" {
		return fmt.Errorf("%w: --db is required", service.ErrUsage)
	}
	var rules *alert.RuleSet
	if cfg.Rules != "" {
		var err error
		if rules, err = alert.LoadRules(cfg.Rules); err != nil {
			return fmt.Errorf("%w: %w", service.ErrUsage, err)
		}
	}
	p, err := service.Start(ctx, "store", &cfg.Common)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg.DB, p.Log)
	if err != nil {
		return err
	}
	defer st.Close(context.WithoutCancel(ctx))
	p.AddCheck("database", st.Ping)
	feedsKV, err := p.Conn.KeyValue(ctx, bus.BucketFeeds)
	if err != nil {
		return err
	}
	alertsKV, err := p.Conn.KeyValue(ctx, bus.BucketAlerts)
	if err != nil {
		return err
	}
	alerts := alert.NewHistory(alertsKV, rules, 0, p.Log.Named("alerts"))
	stage := store.NewStage(st, p.Log.Named("store"), p.Registry)
	relay := store.NewRelay(st, p.Conn, p.Log.Named("relay"), p.Registry)
	p.Serve(api.New(api.Options{
		Store: st, Feeds: feed.NewAdmin(feed.NewKVStore(feedsKV)), Alerts: alerts, Events: api.NewBusEvents(p.Conn),
		Token: cfg.APIToken, RequireReadAuth: cfg.ReadAuth, Ready: p.Ready,
		Logger: p.Log.Named("api"), Gatherer: p.Registry, Registerer: p.Registry,
	}))
	return p.Run(ctx,
		func(ctx context.Context) error { return stage.Run(ctx, p.Conn, cfg.Concurrency) },
		relay.Run,
		alerts.Run,
	)
}

// openStore opens the database, waiting for it with growing delays while
// it is unreachable: a store replica started before (or during an outage
// of) its database waits instead of exiting. Each failure is logged with
// its cause, so a wrong DSN shows at once in the log.
func openStore(ctx context.Context, dsn string, log *zap.Logger) (store.Store, error) {
	delay := time.Second
	for {
		st, err := store.Open(ctx, dsn, log.Named("store"))
		if err == nil {
			return st, nil
		}
		log.Warn("database unavailable; retrying", zap.Duration("retry_in", delay), zap.Error(err))
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("open database: %w", errors.Join(err, ctx.Err()))
		case <-time.After(delay):
		}
		delay = min(delay*2, 30*time.Second)
	}
}
