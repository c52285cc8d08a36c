// Command dedup reads raw articles, marks exact and near-duplicate copies
// and groups the rest into stories. Replicas share the near-duplicate
// index through a JetStream KV bucket with revision-checked writes.
package main

import (
	"context"
	"fmt"
	"time"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/dedup"
	"github.com/claimwatch/claimwatch/pkg/service"
)

type config struct {
	service.Common
	Window      time.Duration
	Threshold   float64
	Concurrency int
}

func main() { service.Main(run) }

func run(ctx context.Context, args []string) error {
	var cfg config
	f := service.NewFlags("dedup", "dedup: mark exact and near-duplicate articles and group articles into stories.")
	cfg.Common.Register(f, "127.0.0.1:9102")
	f.Duration(&cfg.Window, "window", "CW_DEDUP_WINDOW", 7*24*time.Hour, "how long an article stays in the near-duplicate index")
	f.Float(&cfg.Threshold, "threshold", "CW_DEDUP_THRESHOLD", 0, "near-duplicate similarity threshold (0: the measured default)")
	f.Int(&cfg.Concurrency, "concurrency", "CW_CONCURRENCY", 8, "articles handled at once by this replica")
	if err := f.Parse(args); err != nil {
		return err
	}
	opts := []dedup.Option{dedup.WithWindow(cfg.Window)}
	if cfg.Threshold > 0 {
		opts = append(opts, dedup.WithThreshold(cfg.Threshold))
	}
	p, err := service.Start(ctx, "dedup", &cfg.Common)
	if err != nil {
		return err
	}
	kv, err := p.Conn.KeyValue(ctx, bus.BucketDedup)
	if err != nil {
		return err
	}
	idx, err := dedup.NewKV(kv, opts...)
	if err != nil {
		return fmt.Errorf("%w: %w", service.ErrUsage, err)
	}
	storyKV, err := p.Conn.KeyValue(ctx, bus.BucketStory)
	if err != nil {
		return err
	}
	// Stories live in KV too, so every replica places articles in the
	// same stories.
	stories, err := dedup.NewKVStories(storyKV, dedup.StoryConfig{})
	if err != nil {
		return err
	}
	stage := dedup.NewStage(idx, stories, p.Conn, p.Log.Named("dedup"), p.Registry)
	return p.Run(ctx, func(ctx context.Context) error { return stage.Run(ctx, p.Conn, cfg.Concurrency) })
}
