package claims

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/natstest"
)

const stageArticle = `Russian President Vladimir Putin said on Friday that the decision was for Moscow alone.

“This is our business,” Putin said. Dutch intelligence had confirmed that at least 1,500 North Korean troops had been sent to Russia, Ruben Brekelmans said.`

func uniqueArticle(id, text string) *model.UniqueArticle {
	return &model.UniqueArticle{
		Article: model.Article{ID: id, URL: "https://example.com/" + id, Title: "Putin responds", Text: text,
			Published: time.Date(2024, 10, 25, 12, 0, 0, 0, time.UTC), Revision: 2},
		StoryID: "story-1",
	}
}

func TestStagePublishesOneBatchPerArticleThroughJetStream(t *testing.T) {
	conn := natstest.Start(t)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	reg := prometheus.NewRegistry()
	stage := NewStage(NewRules(0), conn, zaptest.NewLogger(t), reg)

	for _, u := range []*model.UniqueArticle{uniqueArticle("a1", stageArticle), uniqueArticle("a2", "Nothing anyone said here.")} {
		data, err := model.Encode(u)
		if err != nil {
			t.Fatal(err)
		}
		if err := conn.Publish(ctx, bus.SubjectArticlesUnique, "raw-"+u.Article.ID, data); err != nil {
			t.Fatal(err)
		}
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() {
		done <- conn.RunStage(runCtx, bus.StageSpec{Consumer: bus.ConsumerExtractor, Concurrency: 2}, stage.Handle)
	}()
	t.Cleanup(func() {
		stop()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("RunStage: %v", err)
		}
	})

	batches := readBatches(ctx, t, conn, 2)
	a1, a2 := batches["a1"], batches["a2"]
	if a1 == nil || a2 == nil {
		t.Fatalf("want batches for a1 and a2, got %v", batches)
	}
	if a1.Article.StoryID != "story-1" || a1.Extractor != NewRules(0).Version() {
		t.Errorf("batch ref = %+v extractor %q", a1.Article, a1.Extractor)
	}
	kinds := map[string]int{}
	for _, c := range a1.Claims {
		kinds[c.Kind]++
		if c.ID == "" || len(c.Mentions) == 0 || c.Mentions[0].ArticleID != "a1" {
			t.Errorf("claim without ID or mention: %+v", c)
		}
	}
	if kinds[model.KindQuote] == 0 || kinds[model.KindQuantity] == 0 || kinds[model.KindStatement] == 0 {
		t.Errorf("claim kinds of a1 = %v, want quotes, quantities and statements", kinds)
	}
	if len(a2.Claims) != 0 {
		t.Errorf("a2 should have an empty batch, got %+v", a2.Claims)
	}
}

func TestStageRedeliveryIsDroppedByMsgID(t *testing.T) {
	conn := natstest.Start(t)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	stage := NewStage(NewRules(0), conn, nil, nil)
	data, err := model.Encode(uniqueArticle("a1", stageArticle))
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if err := stage.Handle(ctx, &bus.Message{Subject: bus.SubjectArticlesUnique, Data: data}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := conn.JetStream().Stream(ctx, conn.Names().Stream(bus.StreamClaims))
	if err != nil {
		t.Fatal(err)
	}
	info, err := st.Info(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 1 {
		t.Errorf("stream holds %d batches after three deliveries, want 1", info.State.Msgs)
	}
	batches := readBatches(ctx, t, conn, 1)
	if got := batches["a1"]; got == nil || len(got.Claims) == 0 {
		t.Fatalf("batch for a1 missing or empty: %+v", got)
	}
}

func TestStageRejectsBadPayloadsPermanently(t *testing.T) {
	stage := NewStage(NewRules(16), nopPublisher{}, nil, nil)
	err := stage.Handle(t.Context(), &bus.Message{Data: []byte(`{"v":1,`)})
	if !bus.IsPermanent(err) {
		t.Errorf("undecodable payload: err = %v, want permanent", err)
	}
	data, _ := model.Encode(uniqueArticle("big", stageArticle))
	err = stage.Handle(t.Context(), &bus.Message{Data: data})
	if !bus.IsPermanent(err) || !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversized article: err = %v, want permanent ErrTooLarge", err)
	}
}

type nopPublisher struct{}

func (nopPublisher) Publish(context.Context, string, string, []byte) error { return nil }

// readBatches reads n claim batches from the claims stream with an
// ephemeral ordered consumer.
func readBatches(ctx context.Context, t *testing.T, conn *bus.Conn, n int) map[string]*model.ClaimBatch {
	t.Helper()
	cons, err := conn.JetStream().OrderedConsumer(ctx, conn.Names().Stream(bus.StreamClaims), jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*model.ClaimBatch{}
	for len(out) < n {
		msg, err := cons.Next(jetstream.FetchMaxWait(10 * time.Second))
		if err != nil {
			t.Fatalf("waiting for batch %d of %d: %v", len(out)+1, n, err)
		}
		var b model.ClaimBatch
		if err := model.Decode(msg.Data(), &b); err != nil {
			t.Fatal(err)
		}
		if msg.Headers().Get(jetstream.MsgIDHeader) != BatchMsgID(b.Article.ID, 2, NewRules(0).Version()) {
			t.Errorf("msg id = %q", msg.Headers().Get(jetstream.MsgIDHeader))
		}
		out[b.Article.ID] = &b
	}
	return out
}
