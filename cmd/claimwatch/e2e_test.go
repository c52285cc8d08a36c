package main

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/demo"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/natstest"
	"github.com/claimwatch/claimwatch/pkg/service"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// seedFeed serves the five seed articles as RSS from an httptest server.
func seedFeed(t *testing.T) string {
	t.Helper()
	seeds, err := demo.Seeds()
	if err != nil {
		t.Fatal(err)
	}
	body, err := demo.RSS("seeds", seeds)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/feed.xml"
}

// startInProcess runs every stage in this process on an embedded NATS
// server and SQLite, watching the seed feed, until the test ends.
// concurrency 1 makes the order in which dedup first sees articles, and so
// the stories it forms, the same from run to run.
func startInProcess(t *testing.T, concurrency int, wrap func(bus.Handler) bus.Handler) *pipeline {
	t.Helper()
	cfg := &pipelineConfig{
		Common:       service.Common{LogLevel: "warn", LogFormat: "json", Data: t.TempDir(), Replicas: 1},
		AllowPrivate: true,
		Concurrency:  concurrency,
		extraFeeds:   []string{seedFeed(t)},
		wrap:         wrap,
	}
	ctx, cancel := context.WithCancel(context.Background())
	pl, err := startPipeline(ctx, cfg)
	if err != nil {
		cancel()
		t.Fatalf("start pipeline: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- pl.run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("pipeline run: %v", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("pipeline did not stop within 30s")
		}
	})
	return pl
}

// waitSettled waits until the pipeline has caught up, as
// --exit-when-idle does.
func waitSettled(t *testing.T, pl *pipeline, cond func(snapshot) bool) snapshot {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	settled := 0
	var last snapshot
	for time.Now().Before(deadline) {
		s, err := pl.snapshot(t.Context())
		if err == nil {
			last = s
			if s.settled && cond(s) {
				settled++
			} else {
				settled = 0
			}
			if settled >= idleChecks {
				return s
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("pipeline did not settle: %s", last.progress())
	return last
}

func fiveArticles(s snapshot) bool { return s.counts.Articles == 5 }

// storedClaims returns every claim in the store, keyed by ID, with its
// mention count.
func storedClaims(t *testing.T, st store.Store) map[string]int {
	t.Helper()
	out := map[string]int{}
	cursor := ""
	for {
		page, err := st.ListClaims(t.Context(), store.ClaimFilter{}, cursor, store.MaxLimit)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page.Claims {
			out[c.ID] = len(c.Mentions)
		}
		if page.Next == "" {
			return out
		}
		cursor = page.Next
	}
}

func TestPipelineInOneProcessStoresSeedArticlesAndClaims(t *testing.T) {
	pl := startInProcess(t, 4, nil)
	s := waitSettled(t, pl, fiveArticles)
	if s.counts.Claims == 0 {
		t.Fatal("no claims stored")
	}
	articles, err := pl.store.ListArticles(t.Context(), "", 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(articles.Articles) != 5 {
		t.Fatalf("%d articles listed, want 5", len(articles.Articles))
	}
	for _, a := range articles.Articles {
		full, err := pl.store.GetArticle(t.Context(), a.ID)
		if err != nil {
			t.Fatalf("article %s: %v", a.ID, err)
		}
		if len(full.Claims) == 0 {
			t.Errorf("article %q has no claims", a.Title)
		}
		if full.Text == "" {
			t.Errorf("article %q stored without text", a.Title)
		}
	}
	putin, err := pl.store.ListClaims(t.Context(), store.ClaimFilter{Speaker: "Vladimir Putin", Kind: model.KindQuote}, "", 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(putin.Claims) == 0 {
		t.Error("no quote attributed to Vladimir Putin")
	}
	if s.counts.Stories != 1 {
		t.Errorf("%d stories, want the five seeds in one", s.counts.Stories)
	}
}

func TestPoisonMessageIsDeadLetteredAndPipelineGoesOn(t *testing.T) {
	pl := startInProcess(t, 4, nil)
	waitSettled(t, pl, fiveArticles)
	conn := pl.proc.Conn
	if err := conn.Publish(t.Context(), bus.SubjectArticlesRaw, "poison-1", []byte(`{"v":1,"id":"broken`)); err != nil {
		t.Fatal(err)
	}
	good := model.Article{ID: "manual-1", URL: "https://example.org/manual-1", Title: "Council approves budget",
		Text:      `The city council approved a budget of $2.5 million on Tuesday, Mayor Jane Doe said. "This is a good day for the city," Doe said.`,
		Published: time.Now().UTC(), Fetched: time.Now().UTC(), ContentHash: "manual-1"}
	data, err := model.Encode(&good)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.Publish(t.Context(), bus.SubjectArticlesRaw, good.ID, data); err != nil {
		t.Fatal(err)
	}
	waitSettled(t, pl, func(s snapshot) bool { return s.counts.Articles == 6 })
	if _, err := pl.store.GetArticle(t.Context(), good.ID); err != nil {
		t.Fatalf("good message after the poison was not stored: %v", err)
	}
	dlq := natstest.ReadStream(t, conn, bus.StreamDLQ)
	if len(dlq) != 1 {
		t.Fatalf("%d dead letters, want 1", len(dlq))
	}
	h := dlq[0].Headers()
	if h.Get(bus.HeaderStage) != bus.ConsumerDedup || h.Get(bus.HeaderError) == "" {
		t.Errorf("dead letter headers: stage %q, error %q", h.Get(bus.HeaderStage), h.Get(bus.HeaderError))
	}
}

// errWithheld makes the runner nak a message its handler already applied,
// as a crash between the work and the ack would.
var errWithheld = errors.New("ack withheld by test")

func TestRedeliveryLeavesTheDatabaseAsOneDeliveryDoes(t *testing.T) {
	once := startInProcess(t, 1, nil)
	want := waitSettled(t, once, fiveArticles)
	wantClaims := storedClaims(t, once.store)

	var mu sync.Mutex
	seen := map[string]bool{}
	twice := startInProcess(t, 1, func(h bus.Handler) bus.Handler {
		return func(ctx context.Context, m *bus.Message) error {
			if err := h(ctx, m); err != nil {
				return err
			}
			key := m.Subject + "/" + string(m.Data)
			mu.Lock()
			defer mu.Unlock()
			if !seen[key] {
				seen[key] = true
				return errWithheld
			}
			return nil
		}
	})
	got := waitSettled(t, twice, fiveArticles)
	gotClaims := storedClaims(t, twice.store)

	if got.counts.Articles != want.counts.Articles || got.counts.Stories != want.counts.Stories ||
		got.counts.Claims != want.counts.Claims || got.counts.Mentions != want.counts.Mentions ||
		got.counts.Conflicts != want.counts.Conflicts || got.counts.Duplicates != want.counts.Duplicates {
		t.Errorf("after redelivery: %+v\nafter one delivery: %+v", got.counts, want.counts)
	}
	if len(gotClaims) != len(wantClaims) {
		t.Errorf("%d claims after redelivery, %d after one delivery", len(gotClaims), len(wantClaims))
	}
	for id, n := range wantClaims {
		if gotClaims[id] != n {
			t.Errorf("claim %s: %d mentions after redelivery, %d after one delivery", id, gotClaims[id], n)
		}
	}
	if got.alerts != want.alerts {
		t.Errorf("%d alerts after redelivery, %d after one delivery", got.alerts, want.alerts)
	}
	mu.Lock()
	n := len(seen)
	mu.Unlock()
	if n == 0 {
		t.Fatal("no message was redelivered: the test proved nothing")
	}
	events := natstest.ReadStream(t, twice.proc.Conn, bus.StreamEvents)
	keys := map[string]bool{}
	for _, e := range events {
		var ev model.Event
		if err := model.Decode(e.Data(), &ev); err != nil {
			t.Fatal(err)
		}
		if keys[ev.Key] {
			t.Errorf("event %s emitted twice", ev.Key)
		}
		keys[ev.Key] = true
	}
	if !slices.ContainsFunc(events, func(m jetstream.Msg) bool { return m.Subject() == bus.SubjectEventClaimNew }) {
		t.Error("no claim.new event emitted")
	}
}
