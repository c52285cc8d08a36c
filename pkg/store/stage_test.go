package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/natstest"
	"github.com/claimwatch/claimwatch/pkg/store"
	"github.com/claimwatch/claimwatch/pkg/store/storetest"
)

func encode(t *testing.T, v interface{ SchemaVersion() int }) []byte {
	t.Helper()
	var (
		b   []byte
		err error
	)
	switch v := v.(type) {
	case *model.UniqueArticle:
		b, err = model.Encode(v)
	case *model.DuplicateArticle:
		b, err = model.Encode(v)
	case *model.ClaimBatch:
		b, err = model.Encode(v)
	default:
		t.Fatalf("cannot encode %T", v)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStageRejectsPoisonPermanently(t *testing.T) {
	st := store.NewStage(newSQLite(t), zaptest.NewLogger(t), prometheus.NewRegistry())
	a := storetest.Article(1, "s", "a.example")
	cases := []struct {
		name    string
		subject string
		data    []byte
	}{
		{"garbage JSON", bus.SubjectArticlesUnique, []byte("{not json")},
		{"a payload of an unknown version", bus.SubjectClaimsExtracted, []byte(`{"v":99,"article":{"id":"x"}}`)},
		{"an article without id", bus.SubjectArticlesUnique, []byte(`{"v":1,"article":{"v":1}}`)},
		{"a claim without id", bus.SubjectClaimsExtracted, encode(t, storetest.Batch(a, model.Claim{Kind: model.KindQuote}))},
		{"an unknown subject", "cw.something.else", encode(t, a)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := st.Handle(t.Context(), &bus.Message{Subject: tc.subject, Data: tc.data, NumDelivered: 1})
			if err == nil || !bus.IsPermanent(err) {
				t.Errorf("Handle = %v, want a permanent error", err)
			}
		})
	}
}

func TestStageClosedStoreIsRetryable(t *testing.T) {
	s := newSQLite(t)
	st := store.NewStage(s, zaptest.NewLogger(t), nil)
	if err := s.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	err := st.Handle(t.Context(), &bus.Message{Subject: bus.SubjectArticlesUnique, Data: encode(t, storetest.Article(1, "s", "a.example"))})
	if err == nil || bus.IsPermanent(err) || !errors.Is(err, store.ErrClosed) {
		t.Errorf("Handle on a closed store = %v, want a retryable ErrClosed", err)
	}
}

// pipeline publishes n articles (every third a duplicate of the one
// before) with their claim batches on conn, each twice under different
// message ids so the stream does not drop the second: the stage must.
func publishArticles(t *testing.T, conn *bus.Conn, from, to int) {
	t.Helper()
	ctx := t.Context()
	pub := func(subject string, data []byte, id string) {
		for _, copy := range []string{"", "-again"} {
			if err := conn.Publish(ctx, subject, id+copy, data); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i := from; i < to; i++ {
		a := storetest.Article(i, fmt.Sprintf("story-%d", i/3), fmt.Sprintf("o%d.example", i%4))
		batch := storetest.Batch(a,
			storetest.Quote("shared", "Vladimir Putin", "this is our business"),
			storetest.Quote(fmt.Sprintf("own-%d", i), "Someone", fmt.Sprintf("claim number %d", i)))
		// Claims first: the batch may overtake its article.
		pub(bus.SubjectClaimsExtracted, encode(t, batch), "c-"+a.Article.ID)
		if i%3 == 2 {
			prev := storetest.Article(i-1, "", fmt.Sprintf("o%d.example", (i-1)%4))
			d := &model.DuplicateArticle{V: 1, Article: a.Article, DuplicateOf: prev.Article.ID, Similarity: 0.95}
			pub(bus.SubjectArticlesDuplicate, encode(t, d), "d-"+a.Article.ID)
			continue
		}
		pub(bus.SubjectArticlesUnique, encode(t, a), "u-"+a.Article.ID)
	}
}

func waitCounts(t *testing.T, s store.Store, timeout time.Duration, ok func(store.Counts) bool) store.Counts {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		c, err := s.Counts(t.Context())
		if err == nil && ok(c) {
			return c
		}
		if time.Now().After(deadline) {
			t.Fatalf("counts never reached the expected state; last %+v (err %v)", c, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func dlqMessages(t *testing.T, conn *bus.Conn) uint64 {
	t.Helper()
	stream, err := conn.JetStream().Stream(t.Context(), conn.Names().Stream(bus.StreamDLQ))
	if err != nil {
		t.Fatal(err)
	}
	info, err := stream.Info(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return info.State.Msgs
}

func runStage(t *testing.T, conn *bus.Conn, s store.Store) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- store.NewStage(s, zaptest.NewLogger(t), nil).Run(ctx, conn, 4) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("stage Run: %v", err)
		}
	})
}

func TestStageThroughJetStream(t *testing.T) {
	conn := natstest.Start(t)
	s := newSQLite(t)
	runStage(t, conn, s)
	publishArticles(t, conn, 0, 12)
	c := waitCounts(t, s, 30*time.Second, func(c store.Counts) bool { return c.Articles == 12 && c.Claims == 13 })
	if c.Duplicates != 4 || c.Mentions != 24 || c.Stories != 4 {
		t.Errorf("counts %+v, want 4 duplicates, 24 mentions, 4 stories", c)
	}
	shared, err := s.GetClaim(t.Context(), "shared")
	if err != nil {
		t.Fatal(err)
	}
	if shared.Outlets != 4 || len(shared.Mentions) != 12 {
		t.Errorf("shared claim: %d outlets, %d mentions; want 4 and 12", shared.Outlets, len(shared.Mentions))
	}
	st, err := s.GetStory(t.Context(), "story-0")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(st.Articles)
	if st.ArticleCount != 2 || len(st.Articles) != 2 || len(st.Articles[1].Duplicates) != 1 {
		t.Errorf("story-0 articles = %s, want 2 with the copy folded under the second", b)
	}
	if n := dlqMessages(t, conn); n != 0 {
		t.Errorf("%d messages dead-lettered, want 0", n)
	}
}
