package service

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"go.uber.org/zap"
	"golang.org/x/sync/errgroup"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/logging"
)

// Process is a started claimwatch process: its logger, metrics registry
// and NATS connection with the topology declared.
type Process struct {
	Log      *zap.Logger
	Registry *prometheus.Registry
	Conn     *bus.Conn
	checks   map[string]ReadyFunc
	handler  http.Handler
	http     string
}

// Start builds the logger and registry, connects to NATS (or starts the
// embedded server) and declares the streams, consumers and buckets.
func Start(ctx context.Context, name string, c *Common) (*Process, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUsage, err)
	}
	log, err := logging.New(c.LogLevel, c.LogFormat)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrUsage, err)
	}
	log = log.With(zap.String("component", name))
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	opts := c.BusOptions("claimwatch-" + name)
	opts.Registerer = reg
	log.Info("starting", zap.String("version", Version), zap.Strings("nats", redactURLs(opts.URLs)),
		zap.String("prefix", c.Prefix), zap.Int("replicas", c.Replicas), zap.String("http", c.HTTP))
	connCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	conn, err := bus.Connect(connCtx, opts, log.Named("bus"))
	if err != nil {
		return nil, err
	}
	if err := conn.EnsureTopology(connCtx, bus.Limits{MaxBytes: int64(c.StreamMaxBytes)}); err != nil {
		_ = conn.Close(context.Background())
		return nil, err
	}
	p := &Process{Log: log, Registry: reg, Conn: conn, http: c.HTTP, checks: map[string]ReadyFunc{"nats": conn.Ready}}
	return p, nil
}

// AddCheck adds a readiness check to /readyz.
func (p *Process) AddCheck(name string, fn ReadyFunc) { p.checks[name] = fn }

// Ready runs every readiness check.
func (p *Process) Ready(ctx context.Context) error {
	for name, fn := range p.checks {
		if err := fn(ctx); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// Serve replaces the ops handler (for processes that serve the API, which
// includes the probes and metrics).
func (p *Process) Serve(h http.Handler) { p.handler = h }

// Run runs the tasks and the HTTP server until ctx ends or one fails,
// then drains the NATS connection. It returns the first task error.
func (p *Process) Run(ctx context.Context, tasks ...func(ctx context.Context) error) error {
	h := p.handler
	if h == nil {
		h = OpsHandler(p.Registry, p.checks)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return Serve(gctx, p.http, h, p.Log) })
	for _, task := range tasks {
		g.Go(func() error { return task(gctx) })
	}
	err := g.Wait()
	cctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if cerr := p.Conn.Close(cctx); cerr != nil {
		p.Log.Warn("closing nats", zap.Error(cerr))
	}
	p.Log.Info("stopped")
	_ = p.Log.Sync()
	return err
}

// redactURLs hides passwords in NATS URLs before they are logged.
func redactURLs(urls []string) []string {
	out := make([]string, len(urls))
	for i, raw := range urls {
		u, err := url.Parse(raw)
		if err != nil {
			out[i] = "(unparsable url)"
			continue
		}
		out[i] = u.Redacted()
	}
	return out
}
