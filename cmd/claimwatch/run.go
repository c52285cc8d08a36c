package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/claimwatch/claimwatch/pkg/demo"
	"github.com/claimwatch/claimwatch/pkg/service"
)

// idleChecks is how many consecutive settled snapshots count as idle: a
// message can be between two stages for a moment (published, not yet
// counted as pending), so one settled look is not proof.
const idleChecks = 3

func runRun(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg pipelineConfig
	var demoMode, exitWhenIdle bool
	var idleTimeout time.Duration
	f := service.NewFlags("claimwatch run", "claimwatch run: the whole pipeline in one process — fetch feeds, find duplicates and stories,\nextract claims, store them, alert, and serve the API and dashboard. Embedded NATS and SQLite\nunder --data unless --nats and --db point elsewhere.")
	f.SetOutput(stderr)
	cfg.register(f)
	f.Bool(&demoMode, "demo", "CW_DEMO", false, "serve the five bundled seed articles as a feed on loopback and watch it")
	f.Bool(&exitWhenIdle, "exit-when-idle", "", false, "print the summary and exit once every feed was polled and every stage has caught up")
	f.Duration(&idleTimeout, "idle-timeout", "", 5*time.Minute, "with --exit-when-idle: give up (exit 1) if the pipeline has not caught up by then")
	if err := f.Parse(args); err != nil {
		return err
	}
	if cfg.Data == "" && cfg.NATS == "" {
		cfg.Data = "claimwatch-data"
	}
	if !demoMode && cfg.Feeds == "" {
		return fmt.Errorf("%w: give --feeds FILE (or --demo)", service.ErrUsage)
	}
	if demoMode {
		srv, err := demo.Serve(ctx)
		if err != nil {
			return err
		}
		defer srv.Close()
		cfg.extraFeeds = append(cfg.extraFeeds, srv.URL)
		cfg.AllowPrivate = true // the demo feed lives on loopback
	}
	pl, err := startPipeline(ctx, &cfg)
	if err != nil {
		return err
	}
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	g, gctx := errgroup.WithContext(runCtx)
	g.Go(func() error { return pl.run(gctx) })
	g.Go(func() error {
		return watch(gctx, pl, newProgressWriter(stderr), stdout, exitWhenIdle, idleTimeout, stop)
	})
	return g.Wait()
}

// errNotIdle is returned when --exit-when-idle gives up.
var errNotIdle = errors.New("pipeline did not catch up")

// watch shows progress until ctx ends. With exitWhenIdle it prints the
// summary and calls stop once the pipeline has caught up.
func watch(ctx context.Context, pl *pipeline, pw *progressWriter, stdout io.Writer, exitWhenIdle bool, timeout time.Duration, stop func()) error {
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	deadline := time.Now().Add(timeout)
	settledFor, printed := 0, false
	for {
		select {
		case <-ctx.Done():
			pw.done()
			return nil
		case <-tick.C:
		}
		s, err := pl.snapshot(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			pw.show("waiting: " + err.Error())
			continue
		}
		pw.show(s.progress())
		if s.settled {
			settledFor++
		} else {
			settledFor = 0
		}
		if settledFor < idleChecks {
			if exitWhenIdle && time.Now().After(deadline) {
				pw.done()
				return fmt.Errorf("%w within %s: %s", errNotIdle, timeout, s.progress())
			}
			continue
		}
		if !printed {
			pw.done()
			fmt.Fprintln(stdout, s.summary())
			printed = true
		}
		if exitWhenIdle {
			stop()
			return nil
		}
	}
}
