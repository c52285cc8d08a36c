// Command extractor reads unique articles and publishes their claims —
// quotes with speakers, reported statements and attributed figures — as
// one batch per article on cw.claims.extracted.
package main

import (
	"context"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/claims"
	"github.com/claimwatch/claimwatch/pkg/service"
)

type config struct {
	service.Common
	MaxBytes    int
	Concurrency int
	RulesOnly   bool
}

func main() { service.Main(run) }

func run(ctx context.Context, args []string) error {
	var cfg config
	f := service.NewFlags("extractor", "extractor: extract claims from unique articles and publish them to cw.claims.extracted.")
	cfg.Common.Register(f, "127.0.0.1:9103")
	f.Int(&cfg.MaxBytes, "max-bytes", "CW_MAX_ARTICLE_BYTES", claims.DefaultMaxBytes, "longest article text the extractor reads")
	f.Int(&cfg.Concurrency, "concurrency", "CW_CONCURRENCY", 4, "articles handled at once by this replica")
	f.Bool(&cfg.RulesOnly, "rules-only", "CW_RULES_ONLY", false, "extract with the rules alone, without the statistical attribution tagger: faster, fewer attributions")
	if err := f.Parse(args); err != nil {
		return err
	}
	p, err := service.Start(ctx, "extractor", &cfg.Common)
	if err != nil {
		return err
	}
	ex := claims.NewRules(cfg.MaxBytes)
	if cfg.RulesOnly {
		ex = ex.RulesOnly()
	}
	stage := claims.NewStage(ex, p.Conn, p.Log.Named("extractor"), p.Registry)
	return p.Run(ctx, func(ctx context.Context) error {
		return p.Conn.RunStage(ctx, bus.StageSpec{Consumer: bus.ConsumerExtractor, Concurrency: cfg.Concurrency}, stage.Handle)
	})
}
