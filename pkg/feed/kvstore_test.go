package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/natstest"
)

func kvStore(t *testing.T) *KVStore {
	t.Helper()
	conn := natstest.Start(t)
	s, err := OpenKVStore(t.Context(), conn)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestStateStores runs one contract over both implementations.
func TestStateStores(t *testing.T) {
	for name, mk := range map[string]func(*testing.T) StateStore{
		"memory": func(*testing.T) StateStore { return NewMemoryStore() },
		"kv":     func(t *testing.T) StateStore { return kvStore(t) },
	} {
		t.Run(name, func(t *testing.T) {
			s := mk(t)
			ctx := t.Context()
			if ids, err := s.IDs(ctx); err != nil || len(ids) != 0 {
				t.Fatalf("IDs of an empty store = %v, %v", ids, err)
			}
			rev, err := s.Create(ctx, "f1", &State{URL: "https://a.example/feed"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Create(ctx, "f1", &State{}); !errors.Is(err, ErrExists) {
				t.Errorf("second Create err = %v, want ErrExists", err)
			}
			st, got, err := s.Get(ctx, "f1")
			if err != nil || got != rev || st.URL != "https://a.example/feed" {
				t.Fatalf("Get = %+v rev %d err %v", st, got, err)
			}
			st.Errors = 2
			rev2, err := s.Update(ctx, "f1", st, rev)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Update(ctx, "f1", st, rev); !errors.Is(err, ErrConflict) {
				t.Errorf("Update at a stale revision err = %v, want ErrConflict", err)
			}
			if st, _, _ := s.Get(ctx, "f1"); st.Errors != 2 {
				t.Errorf("update lost: %+v", st)
			}
			if _, err := s.Create(ctx, "f2", &State{URL: "https://b.example/feed"}); err != nil {
				t.Fatal(err)
			}
			if ids, err := s.IDs(ctx); err != nil || strings.Join(ids, ",") != "f1,f2" {
				t.Errorf("IDs = %v, %v", ids, err)
			}
			if err := s.Delete(ctx, "f1"); err != nil {
				t.Fatal(err)
			}
			if _, _, err := s.Get(ctx, "f1"); !errors.Is(err, ErrNotFound) {
				t.Errorf("Get after Delete err = %v, want ErrNotFound", err)
			}
			if _, err := s.Update(ctx, "f1", st, rev2); !errors.Is(err, ErrConflict) {
				t.Errorf("Update of a deleted feed err = %v, want ErrConflict", err)
			}
			if err := s.Delete(ctx, "f1"); !errors.Is(err, ErrNotFound) {
				t.Errorf("second Delete err = %v, want ErrNotFound", err)
			}
			if _, err := s.Create(ctx, "f1", &State{URL: "https://a.example/feed"}); err != nil {
				t.Errorf("re-Create after Delete: %v", err)
			}
		})
	}
}

func TestRestartPublishesNothingTwice(t *testing.T) {
	srv := newFeedServer(t)
	srv.etags = false // the server re-sends everything; only our state can tell
	srv.set(rss(threeItems()...))
	store := kvStore(t)
	cfg := noFullText()
	cfg.Once = true
	pub := &recorder{}
	first, _ := newTestFetcher(t, cfg, store, pub, srv.URL+"/feed")
	if err := first.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := len(pub.take()); n != 3 {
		t.Fatalf("first run published %d, want 3", n)
	}
	second, _ := newTestFetcher(t, cfg, store, pub, "")
	if err := second.Run(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := pub.take(); len(got) != 0 || srv.hits.Load() != 2 {
		t.Errorf("after a restart: published %d, %d hits; want 0 published after 2 polls", len(got), srv.hits.Load())
	}
}

func TestExpiredLeaseIsTakenOver(t *testing.T) {
	srv := newFeedServer(t)
	srv.set(rss(threeItems()...))
	store := kvStore(t)
	pub := &recorder{}
	f, id := newTestFetcher(t, noFullText(), store, pub, srv.URL+"/feed")
	setLease := func(until time.Time) {
		st, rev, err := store.Get(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		st.Lease = &Lease{Owner: "a replica that died", Until: until}
		if _, err := store.Update(t.Context(), id, st, rev); err != nil {
			t.Fatal(err)
		}
	}
	setLease(time.Now().Add(time.Minute))
	f.poll(t.Context(), id, false)
	if srv.hits.Load() != 0 {
		t.Fatal("polled a feed another replica holds")
	}
	setLease(time.Now().Add(-time.Second))
	f.poll(t.Context(), id, false)
	if srv.hits.Load() != 1 || len(pub.take()) != 3 {
		t.Fatalf("an expired lease was not taken over: %d hits", srv.hits.Load())
	}
	if st, _, _ := store.Get(t.Context(), id); st.Lease != nil {
		t.Errorf("lease %+v left after the poll", st.Lease)
	}
}

// TestReplicasShareFeeds runs two fetchers on one KV bucket with 50 feeds
// and checks each feed is polled exactly once in an interval.
func TestReplicasShareFeeds(t *testing.T) {
	const feeds = 50
	var mu sync.Mutex
	hits := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		hits[r.URL.Path]++
		mu.Unlock()
		fmt.Fprint(w, rss(rssItem{title: "Item of " + r.URL.Path, link: "http://example.com" + r.URL.Path + "/1", desc: "Text."}))
	}))
	t.Cleanup(srv.Close)

	store := kvStore(t)
	var entries []ListEntry
	for i := range feeds {
		entries = append(entries, ListEntry{URL: fmt.Sprintf("%s/feed/%d", srv.URL, i)})
	}
	if _, err := Import(t.Context(), store, entries); err != nil {
		t.Fatal(err)
	}
	cfg := noFullText()
	cfg.DefaultInterval, cfg.MaxInterval = time.Hour, time.Hour
	pub := &recorder{}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var wg sync.WaitGroup
	var polledBy [2]float64
	for i := range 2 {
		f, err := New(cfg, pub, store, zaptest.NewLogger(t).Named(fmt.Sprint("replica", i)), nil)
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f.Run(ctx); err != nil {
				t.Errorf("replica %d: %v", i, err)
			}
			polledBy[i] = counterValue(f.m.polls.WithLabelValues("ok"))
		}()
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		n := len(hits)
		mu.Unlock()
		if n == feeds || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Give a replica that lost a claim time to retry and see the feed done.
	time.Sleep(3 * time.Second)
	cancel()
	wg.Wait()

	t.Logf("polls per replica: %v", polledBy)
	mu.Lock()
	defer mu.Unlock()
	if len(hits) != feeds {
		t.Fatalf("%d of %d feeds polled", len(hits), feeds)
	}
	for path, n := range hits {
		if n != 1 {
			t.Errorf("%s polled %d times in one interval, want 1", path, n)
		}
	}
	seen := map[string]int{}
	for _, m := range pub.take() {
		seen[m.msgID]++
	}
	if len(seen) != feeds {
		t.Errorf("%d distinct articles published, want %d", len(seen), feeds)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("article %s published %d times", id, n)
		}
	}
}

func counterValue(c prometheus.Counter) float64 {
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		return -1
	}
	return m.GetCounter().GetValue()
}
