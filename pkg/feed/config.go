package feed

import (
	"errors"
	"fmt"
	"time"
)

// Config configures a Fetcher and its HTTP client. Start from
// DefaultConfig; New fills zero fields with the defaults before calling
// Validate, so a partly filled Config works too.
type Config struct {
	// FeedsFile, when set, is read at start: one URL per line (# starts a
	// comment) or OPML, detected by content. Its feeds are added to the
	// shared state if absent; feeds in the state but not in the file are
	// kept (they may have been added through the API).
	FeedsFile string

	// Version is put in the User-Agent: "claimwatch/<Version>".
	Version string

	// HTTP limits.
	ConnectTimeout time.Duration // TCP connect
	TLSTimeout     time.Duration // TLS handshake
	HeaderTimeout  time.Duration // request sent to response headers
	RequestTimeout time.Duration // whole exchange including the body
	MaxBodyBytes   int64         // after decompression
	MaxRedirects   int
	PerHostLimit   int // concurrent requests to one host
	GlobalLimit    int // concurrent requests in total
	// AllowPrivateNetworks lets feeds resolve to loopback, private,
	// link-local and metadata addresses. Off by default (SSRF protection).
	AllowPrivateNetworks bool

	// Scheduling.
	DefaultInterval time.Duration // when a feed gives no better hint
	MinInterval     time.Duration // lower clamp of the adapted interval
	MaxInterval     time.Duration // upper clamp of the adapted interval
	RetryBase       time.Duration // first delay after an error
	MaxBackoff      time.Duration // cap of the exponential error backoff
	// FailingAfter consecutive errors mark a feed "failing". It is still
	// polled (with backoff) and recovers on the first success.
	FailingAfter int
	// LeaseTimeout is how long a replica's claim on a poll lasts; a replica
	// that dies mid-poll loses it after this. A poll is cut off at 80 % of it.
	LeaseTimeout time.Duration
	// RescanInterval is how often the list of feed IDs is re-read from the
	// state store to pick up feeds other replicas or the API added.
	RescanInterval time.Duration
	// Concurrency bounds polls in flight (each may make several requests).
	Concurrency int
	// Once polls every feed once, whatever its next-poll time, and returns.
	Once bool

	// Items.
	MaxSeenItems int // identities remembered per feed beyond the current items
	// DisableFullText stops fetching article pages for items that carry
	// only a summary (feeds can also opt out one by one).
	DisableFullText bool
	// FullTextMinChars: an item with less text than this is a summary.
	FullTextMinChars int
	// FullTextPerPoll bounds the page fetches one poll makes.
	FullTextPerPoll int
}

// DefaultConfig returns the production defaults.
func DefaultConfig() Config {
	return Config{
		Version:          "dev",
		ConnectTimeout:   10 * time.Second,
		TLSTimeout:       10 * time.Second,
		HeaderTimeout:    20 * time.Second,
		RequestTimeout:   45 * time.Second,
		MaxBodyBytes:     10 << 20,
		MaxRedirects:     10,
		PerHostLimit:     2,
		GlobalLimit:      64,
		DefaultInterval:  10 * time.Minute,
		MinInterval:      5 * time.Minute,
		MaxInterval:      6 * time.Hour,
		RetryBase:        time.Minute,
		MaxBackoff:       24 * time.Hour,
		FailingAfter:     3,
		LeaseTimeout:     5 * time.Minute,
		RescanInterval:   time.Minute,
		Concurrency:      128,
		MaxSeenItems:     500,
		FullTextMinChars: 600,
		FullTextPerPoll:  10,
	}
}

// withDefaults fills zero fields from DefaultConfig; booleans are taken as
// given (their zero values are the defaults).
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	set := func(p *time.Duration, v time.Duration) {
		if *p == 0 {
			*p = v
		}
	}
	seti := func(p *int, v int) {
		if *p == 0 {
			*p = v
		}
	}
	if c.Version == "" {
		c.Version = d.Version
	}
	set(&c.ConnectTimeout, d.ConnectTimeout)
	set(&c.TLSTimeout, d.TLSTimeout)
	set(&c.HeaderTimeout, d.HeaderTimeout)
	set(&c.RequestTimeout, d.RequestTimeout)
	if c.MaxBodyBytes == 0 {
		c.MaxBodyBytes = d.MaxBodyBytes
	}
	seti(&c.MaxRedirects, d.MaxRedirects)
	seti(&c.PerHostLimit, d.PerHostLimit)
	seti(&c.GlobalLimit, d.GlobalLimit)
	set(&c.DefaultInterval, d.DefaultInterval)
	set(&c.MinInterval, min(d.MinInterval, c.DefaultInterval))
	set(&c.MaxInterval, max(d.MaxInterval, c.DefaultInterval))
	set(&c.RetryBase, d.RetryBase)
	set(&c.MaxBackoff, d.MaxBackoff)
	seti(&c.FailingAfter, d.FailingAfter)
	set(&c.LeaseTimeout, d.LeaseTimeout)
	set(&c.RescanInterval, d.RescanInterval)
	seti(&c.Concurrency, d.Concurrency)
	seti(&c.MaxSeenItems, d.MaxSeenItems)
	seti(&c.FullTextMinChars, d.FullTextMinChars)
	seti(&c.FullTextPerPoll, d.FullTextPerPoll)
	return c
}

// Validate reports the first setting that cannot work.
func (c Config) Validate() error {
	var errs []error
	pos := func(name string, d time.Duration) {
		if d <= 0 {
			errs = append(errs, fmt.Errorf("%s must be positive, got %s", name, d))
		}
	}
	pos("connect timeout", c.ConnectTimeout)
	pos("tls timeout", c.TLSTimeout)
	pos("header timeout", c.HeaderTimeout)
	pos("request timeout", c.RequestTimeout)
	pos("default interval", c.DefaultInterval)
	pos("min interval", c.MinInterval)
	pos("retry base", c.RetryBase)
	pos("lease timeout", c.LeaseTimeout)
	pos("rescan interval", c.RescanInterval)
	if c.MaxBodyBytes < 1024 {
		errs = append(errs, fmt.Errorf("max body bytes must be at least 1024, got %d", c.MaxBodyBytes))
	}
	if c.MaxRedirects < 0 || c.MaxRedirects > 50 {
		errs = append(errs, fmt.Errorf("max redirects must be 0..50, got %d", c.MaxRedirects))
	}
	if c.PerHostLimit < 1 || c.GlobalLimit < 1 || c.Concurrency < 1 {
		errs = append(errs, errors.New("per-host limit, global limit and concurrency must be at least 1"))
	}
	if c.MinInterval > c.DefaultInterval || c.DefaultInterval > c.MaxInterval {
		errs = append(errs, fmt.Errorf("intervals must satisfy min %s <= default %s <= max %s",
			c.MinInterval, c.DefaultInterval, c.MaxInterval))
	}
	if c.MaxBackoff < c.RetryBase {
		errs = append(errs, fmt.Errorf("max backoff %s is below retry base %s", c.MaxBackoff, c.RetryBase))
	}
	if c.FailingAfter < 1 {
		errs = append(errs, fmt.Errorf("failing after must be at least 1, got %d", c.FailingAfter))
	}
	if c.LeaseTimeout < c.RequestTimeout*2 {
		errs = append(errs, fmt.Errorf("lease timeout %s must be at least twice the request timeout %s", c.LeaseTimeout, c.RequestTimeout))
	}
	if c.MaxSeenItems < 1 {
		errs = append(errs, fmt.Errorf("max seen items must be at least 1, got %d", c.MaxSeenItems))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("feed config: %w", err)
	}
	return nil
}

func (c Config) userAgent() string {
	return "claimwatch/" + c.Version + " (+https://github.com/claimwatch/claimwatch)"
}
