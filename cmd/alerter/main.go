// Command alerter turns claim events into alerts: it matches each new
// claim, conflict and spreading claim against the rules and delivers the
// alerts to webhooks, Slack, email, a NATS subject or the log, once per
// rule however many replicas run.
package main

import (
	"context"
	"fmt"

	"github.com/claimwatch/claimwatch/pkg/alert"
	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/service"
)

type config struct {
	service.Common
	Rules       string
	Webhook     string
	Secret      string
	Concurrency int
}

func main() { service.Main(run) }

func run(ctx context.Context, args []string) error {
	var cfg config
	f := service.NewFlags("alerter", "alerter: match claim events against alert rules and deliver the alerts.")
	cfg.Common.Register(f, "127.0.0.1:9105")
	f.String(&cfg.Rules, "rules", "CW_ALERT_RULES", "", "YAML rules file (sinks and rules)")
	f.String(&cfg.Webhook, "alert-webhook", "CW_ALERT_WEBHOOK", "", "send every new-claim and conflict alert to this webhook URL")
	f.String(&cfg.Secret, "alert-secret", "CW_ALERT_SECRET", "", "HMAC-SHA256 secret signing --alert-webhook requests")
	f.Int(&cfg.Concurrency, "concurrency", "CW_CONCURRENCY", 8, "events handled at once by this replica")
	if err := f.Parse(args); err != nil {
		return err
	}
	acfg, err := alertConfig(cfg.Rules, cfg.Webhook, cfg.Secret)
	if err != nil {
		return err
	}
	p, err := service.Start(ctx, "alerter", &cfg.Common)
	if err != nil {
		return err
	}
	kv, err := p.Conn.KeyValue(ctx, bus.BucketAlerts)
	if err != nil {
		return err
	}
	a, err := alert.New(acfg, p.Conn, kv, p.Log.Named("alert"), p.Registry)
	if err != nil {
		return err
	}
	return p.Run(ctx,
		a.Run,
		func(ctx context.Context) error {
			return p.Conn.RunStage(ctx, bus.StageSpec{Consumer: bus.ConsumerAlerter, Concurrency: cfg.Concurrency}, a.Handle)
		},
	)
}

// alertConfig loads the rules and folds in the quick webhook path.
func alertConfig(rulesFile, webhook, secret string) (alert.Config, error) {
	cfg := alert.Config{WebhookURL: webhook, Secret: secret}
	if rulesFile != "" {
		rs, err := alert.LoadRules(rulesFile)
		if err != nil {
			return cfg, fmt.Errorf("%w: %w", service.ErrUsage, err)
		}
		cfg.Rules = rs
	}
	return cfg, nil
}
