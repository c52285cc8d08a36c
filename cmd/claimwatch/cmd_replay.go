package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/sync/errgroup"
	"golang.org/x/term"

	"github.com/claimwatch/claimwatch/pkg/claims"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/service"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// runReplay implements `claimwatch replay`: re-run the extractor over
// every stored article and merge what it finds, after an extractor
// upgrade. It is idempotent: claims already stored only gain mentions they
// lack, so a second replay (or one interrupted and restarted) changes
// nothing more. Claims and conflicts it finds for the first time get
// their events in the outbox, which the next `claimwatch run` relays.
func runReplay(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := service.NewFlags("claimwatch replay", "claimwatch replay: re-run claim extraction over the stored articles and merge the results.")
	var db dbFlags
	db.register(f)
	var workers int
	var progress string
	f.Int(&workers, "concurrency", "CW_CONCURRENCY", runtime.NumCPU(), "articles extracted at once")
	f.String(&progress, "progress", "", "auto", "progress bar on stderr: auto (on a terminal), always or never")
	if err := parseFlags(f, args, stderr); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return fmt.Errorf("%w: replay takes no arguments, got %q", service.ErrUsage, f.Args())
	}
	if workers < 1 || workers > 256 {
		return fmt.Errorf("%w: --concurrency %d: want 1..256", service.ErrUsage, workers)
	}
	show, err := showProgress(progress, stderr)
	if err != nil {
		return err
	}
	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer closeStore(st)
	counts, err := st.Counts(ctx)
	if err != nil {
		return err
	}
	bar := progressbar.NewOptions64(counts.Articles,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetVisibility(show),
		progressbar.OptionSetDescription("replay"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionOnCompletion(func() { fmt.Fprintln(stderr) }),
	)
	r := &replayer{st: st, ex: claims.NewRules(0), bar: bar}
	if err := r.run(ctx, workers); err != nil {
		_ = bar.Exit()
		return err
	}
	_ = bar.Finish()
	_, err = fmt.Fprintf(stdout, "replayed %d articles with %s: %d new claims, %d new mentions, %d new conflicts; %d articles skipped\n",
		r.articles, r.ex.Version(), r.total.NewClaims, r.total.NewMentions, r.total.NewConflicts, r.skipped)
	return err
}

func showProgress(mode string, w io.Writer) (bool, error) {
	switch mode {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto":
		f, ok := w.(*os.File)
		return ok && term.IsTerminal(int(f.Fd())), nil
	}
	return false, fmt.Errorf("%w: --progress %q: want auto, always or never", service.ErrUsage, mode)
}

// replayer walks the stored articles page by page and extracts them with
// a bounded pool of workers; the store's batcher groups their writes.
type replayer struct {
	st  store.Store
	ex  claims.Extractor
	bar *progressbar.ProgressBar

	mu       sync.Mutex
	total    store.ApplyResult
	articles int
	skipped  int
}

func (r *replayer) run(ctx context.Context, workers int) error {
	g, ctx := errgroup.WithContext(ctx)
	ids := make(chan store.ArticleSummary)
	g.Go(func() error {
		defer close(ids)
		cursor := ""
		for {
			page, err := r.st.ListArticles(ctx, cursor, store.MaxLimit)
			if err != nil {
				return err
			}
			for _, a := range page.Articles {
				select {
				case ids <- a:
				case <-ctx.Done():
					return ctx.Err()
				}
			}
			if page.Next == "" {
				return nil
			}
			cursor = page.Next
		}
	})
	for range workers {
		g.Go(func() error {
			for a := range ids {
				if err := r.one(ctx, a); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}

func (r *replayer) one(ctx context.Context, sum store.ArticleSummary) error {
	a, err := r.st.GetArticle(ctx, sum.ID)
	if err != nil {
		return err
	}
	cls, err := r.ex.Extract(ctx, claims.Input{ArticleID: a.ID, Title: a.Title, Text: a.Text, Published: a.Published})
	skipped := 0
	var res store.ApplyResult
	switch {
	case errors.Is(err, claims.ErrTooLarge):
		skipped = 1 // the pipeline dead-letters such an article too
	case err != nil:
		return fmt.Errorf("extract %s: %w", a.ID, err)
	case len(cls) > 0:
		batch := &model.ClaimBatch{V: model.Version, Article: a.Ref(), Extractor: r.ex.Version(), Claims: cls}
		if res, err = r.st.ApplyClaims(ctx, batch); err != nil {
			return err
		}
	}
	r.mu.Lock()
	r.articles++
	r.skipped += skipped
	r.total.NewClaims += res.NewClaims
	r.total.NewMentions += res.NewMentions
	r.total.NewConflicts += res.NewConflicts
	r.mu.Unlock()
	_ = r.bar.Add(1)
	return nil
}
