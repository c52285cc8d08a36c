package feed

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
)

func TestFeedManagement(t *testing.T) {
	f, _ := newTestFetcher(t, noFullText(), NewMemoryStore(), &recorder{}, "")
	ctx := t.Context()
	st, err := f.AddFeed(ctx, "https://news.example/rss")
	if err != nil {
		t.Fatal(err)
	}
	if st.ID == "" || st.URL != "https://news.example/rss" || st.Status != model.FeedOK || st.NextPoll.After(time.Now()) {
		t.Errorf("new feed status = %+v, want ok and due now", st)
	}
	again, err := f.AddFeed(ctx, "HTTPS://news.example/rss?utm_source=x")
	if err != nil || again.ID != st.ID {
		t.Errorf("adding a spelling of a known feed = %+v, %v; want its status and no error", again, err)
	}
	if _, err := f.AddFeed(ctx, "ftp://news.example/rss"); !errors.Is(err, ErrBadFeedURL) || !errors.Is(err, os.ErrInvalid) {
		t.Errorf("adding an ftp url err = %v, want ErrBadFeedURL matching os.ErrInvalid", err)
	}
	list, err := f.Feeds(ctx)
	if err != nil || len(list) != 1 {
		t.Fatalf("Feeds = %v, %v; want one feed", list, err)
	}
	if err := f.RemoveFeed(ctx, st.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.RemoveFeed(ctx, st.ID); !errors.Is(err, ErrFeedNotFound) || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("removing an unknown feed err = %v, want ErrFeedNotFound matching os.ErrNotExist", err)
	}
	if list, _ := f.Feeds(ctx); len(list) != 0 {
		t.Errorf("Feeds after removal = %v", list)
	}
}

// TestRunPollsAddedFeedAtOnce checks the long-running loop: a feed added
// while Run is idle is polled without waiting for a rescan, and Run
// returns when its context ends.
func TestRunPollsAddedFeedAtOnce(t *testing.T) {
	srv := newFeedServer(t)
	srv.set(rss(threeItems()...))
	cfg := noFullText()
	cfg.RescanInterval = time.Hour
	pub := &recorder{}
	f, _ := newTestFetcher(t, cfg, NewMemoryStore(), pub, "")
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()
	if _, err := f.AddFeed(t.Context(), srv.URL+"/feed"); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for srv.hits.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run returned %v, want nil on shutdown", err)
	}
	if srv.hits.Load() != 1 || len(pub.take()) != 3 {
		t.Errorf("%d polls; want the added feed polled once with its 3 items published", srv.hits.Load())
	}
}

func TestRunReadsFeedsFile(t *testing.T) {
	srv := newFeedServer(t)
	srv.set(rss(threeItems()...))
	path := t.TempDir() + "/feeds.txt"
	if err := os.WriteFile(path, []byte("# test\n"+srv.URL+"/feed\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := noFullText()
	cfg.FeedsFile = path
	cfg.Once = true
	pub := &recorder{}
	f, _ := newTestFetcher(t, cfg, NewMemoryStore(), pub, "")
	if err := f.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := len(pub.take()); n != 3 {
		t.Errorf("one-shot run over a feeds file published %d, want 3", n)
	}
	cfg.FeedsFile = path + ".missing"
	g, _ := newTestFetcher(t, cfg, NewMemoryStore(), pub, "")
	if err := g.Run(t.Context()); err == nil {
		t.Error("Run with a missing feeds file returned nil")
	}
}
