package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// snapshot is what the pipeline has done so far.
type snapshot struct {
	counts  store.Counts
	alerts  int
	backlog uint64
	// settled is true when every feed has been polled once and nothing
	// waits in a consumer, the outbox or the alerter.
	settled bool
}

func (s snapshot) summary() string {
	return fmt.Sprintf("%d articles, %d stories, %d claims, %d conflicts, %d alerts",
		s.counts.Articles, s.counts.Stories, s.counts.Claims, s.counts.Conflicts, s.alerts)
}

func (s snapshot) progress() string {
	return fmt.Sprintf("%d articles (%d duplicates) · %d stories · %d claims · %d conflicts · %d alerts · %d queued",
		s.counts.Articles, s.counts.Duplicates, s.counts.Stories, s.counts.Claims, s.counts.Conflicts, s.alerts, s.backlog)
}

// snapshot reads the store, the consumers, the fetcher and the alerter.
func (pl *pipeline) snapshot(ctx context.Context) (snapshot, error) {
	var s snapshot
	var err error
	if s.counts, err = pl.store.Counts(ctx); err != nil {
		return s, err
	}
	settled := s.counts.PendingEvents == 0
	for _, c := range bus.Consumers() {
		pending, ackPending, err := pl.proc.Conn.Backlog(ctx, c.Durable)
		if err != nil {
			return s, err
		}
		s.backlog += pending + ackPending
	}
	settled = settled && s.backlog == 0
	feeds, err := pl.fetcher.Feeds(ctx)
	if err != nil {
		return s, err
	}
	for _, f := range feeds {
		if f.LastPolled.IsZero() && f.Status != model.FeedDisabled {
			settled = false
		}
	}
	alerts, err := pl.alerter.Alerts(ctx, 0)
	if err != nil {
		return s, err
	}
	s.alerts = len(alerts)
	for _, a := range alerts {
		if a.State == model.AlertPending {
			settled = false
		}
	}
	s.settled = settled
	return s, nil
}

// progressWriter redraws one line on a terminal and prints changed lines
// otherwise.
type progressWriter struct {
	w    io.Writer
	tty  bool
	last string
}

func newProgressWriter(w io.Writer) *progressWriter {
	f, ok := w.(*os.File)
	return &progressWriter{w: w, tty: ok && term.IsTerminal(int(f.Fd()))}
}

func (p *progressWriter) show(line string) {
	if line == p.last {
		return
	}
	p.last = line
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K%s", line)
		return
	}
	fmt.Fprintln(p.w, line)
}

func (p *progressWriter) done() {
	if p.tty && p.last != "" {
		fmt.Fprintln(p.w)
	}
}
