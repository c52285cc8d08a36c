// Command fetcher polls feeds and publishes their new and changed items on
// cw.articles.raw. Any number of replicas share the feed list through a
// JetStream KV bucket; each due feed is polled by one of them.
package main

import (
	"context"
	"fmt"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/feed"
	"github.com/claimwatch/claimwatch/pkg/service"
)

type config struct {
	service.Common
	Feed feed.Config
}

func main() { service.Main(run) }

func run(ctx context.Context, args []string) error {
	cfg := config{Feed: feed.DefaultConfig()}
	f := service.NewFlags("fetcher", "fetcher: poll RSS, Atom and JSON feeds and publish their items to cw.articles.raw.")
	cfg.Common.Register(f, "127.0.0.1:9101")
	fc := &cfg.Feed
	f.String(&fc.FeedsFile, "feeds", "CW_FEEDS", "", "feeds file: one URL per line (# comments) or OPML; added to the shared feed list at start")
	f.Bool(&fc.AllowPrivateNetworks, "allow-private-networks", "CW_ALLOW_PRIVATE_NETWORKS", false, "allow feeds on loopback, private and link-local addresses (off: SSRF protection)")
	f.Duration(&fc.DefaultInterval, "poll-interval", "CW_POLL_INTERVAL", fc.DefaultInterval, "poll interval of a feed that gives no better hint")
	f.Duration(&fc.MinInterval, "min-interval", "CW_MIN_INTERVAL", fc.MinInterval, "shortest adapted poll interval")
	f.Duration(&fc.MaxInterval, "max-interval", "CW_MAX_INTERVAL", fc.MaxInterval, "longest adapted poll interval")
	f.Duration(&fc.MaxBackoff, "max-backoff", "CW_MAX_BACKOFF", fc.MaxBackoff, "cap of the error backoff")
	f.Int(&fc.FailingAfter, "failing-after", "CW_FAILING_AFTER", fc.FailingAfter, "consecutive errors after which a feed shows as failing")
	f.Int(&fc.PerHostLimit, "per-host", "CW_PER_HOST", fc.PerHostLimit, "concurrent requests to one host")
	f.Int(&fc.GlobalLimit, "global-limit", "CW_GLOBAL_LIMIT", fc.GlobalLimit, "concurrent requests in total")
	f.Int(&fc.Concurrency, "concurrency", "CW_CONCURRENCY", fc.Concurrency, "polls in flight")
	f.Bool(&fc.DisableFullText, "no-full-text", "CW_NO_FULL_TEXT", false, "never fetch article pages for items that carry only a summary")
	f.Bool(&fc.Once, "once", "", false, "poll every feed once and exit")
	if err := f.Parse(args); err != nil {
		return err
	}
	fc.Version = service.Version
	p, err := service.Start(ctx, "fetcher", &cfg.Common)
	if err != nil {
		return err
	}
	kv, err := p.Conn.KeyValue(ctx, bus.BucketFeeds)
	if err != nil {
		return err
	}
	fetcher, err := feed.New(*fc, p.Conn, feed.NewKVStore(kv), p.Log.Named("feed"), p.Registry)
	if err != nil {
		return fmt.Errorf("%w: %w", service.ErrUsage, err)
	}
	return p.Run(ctx, fetcher.Run)
}
