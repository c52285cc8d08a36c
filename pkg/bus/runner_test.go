package bus_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/natstest"
)

// runStage runs h on the dedup consumer until the test ends.
func runStage(t *testing.T, conn *bus.Conn, spec bus.StageSpec, h bus.Handler) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- conn.RunStage(ctx, spec, h) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("RunStage: %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Errorf("RunStage did not stop")
		}
	})
}

func publishArticle(t *testing.T, conn *bus.Conn, id string) {
	t.Helper()
	a := model.Article{ID: id, URL: "https://example.com/" + id, Title: id, Text: "text"}
	data, err := model.Encode(&a)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.Publish(t.Context(), bus.SubjectArticlesRaw, id, data); err != nil {
		t.Fatal(err)
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func dlqMessages(t *testing.T, conn *bus.Conn) []jetstream.Msg {
	t.Helper()
	return natstest.ReadStream(t, conn, bus.StreamDLQ)
}

func TestPoisonMessageIsDeadLetteredAndNextIsProcessed(t *testing.T) {
	conn := natstest.Start(t)
	var handled atomic.Value
	runStage(t, conn, bus.StageSpec{Consumer: bus.ConsumerDedup}, func(ctx context.Context, m *bus.Message) error {
		var a model.Article
		if err := model.Decode(m.Data, &a); err != nil {
			return err
		}
		handled.Store(a.ID)
		return nil
	})
	if err := conn.Publish(t.Context(), bus.SubjectArticlesRaw, "poison", []byte(`{"v":1,"id":`)); err != nil {
		t.Fatal(err)
	}
	publishArticle(t, conn, "good-1")
	waitFor(t, "good message", func() bool { return handled.Load() == "good-1" })
	var dlq []jetstream.Msg
	waitFor(t, "dead letter", func() bool { dlq = dlqMessages(t, conn); return len(dlq) == 1 })
	h := dlq[0].Headers()
	if got := h.Get(bus.HeaderStage); got != bus.ConsumerDedup {
		t.Errorf("stage header = %q, want %q", got, bus.ConsumerDedup)
	}
	if got := h.Get(bus.HeaderError); got == "" {
		t.Error("dead letter carries no error")
	}
	if got := h.Get(bus.HeaderOrigSubject); got != bus.SubjectArticlesRaw {
		t.Errorf("original subject = %q", got)
	}
	if string(dlq[0].Data()) != `{"v":1,"id":` {
		t.Errorf("dead letter data = %q, want the original bytes", dlq[0].Data())
	}
}

func TestWrongVersionIsDeadLettered(t *testing.T) {
	conn := natstest.Start(t)
	runStage(t, conn, bus.StageSpec{Consumer: bus.ConsumerDedup}, func(ctx context.Context, m *bus.Message) error {
		var a model.Article
		return model.Decode(m.Data, &a)
	})
	if err := conn.Publish(t.Context(), bus.SubjectArticlesRaw, "v2", []byte(`{"v":2,"id":"x"}`)); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "dead letter", func() bool { return len(dlqMessages(t, conn)) == 1 })
}

func TestTransientErrorIsRetriedThenDeadLettered(t *testing.T) {
	conn := natstest.Start(t)
	var calls atomic.Int32
	runStage(t, conn, bus.StageSpec{Consumer: bus.ConsumerDedup, MaxDeliver: 3, MaxBackoff: 50 * time.Millisecond},
		func(ctx context.Context, m *bus.Message) error {
			calls.Add(1)
			return errors.New("database unavailable")
		})
	publishArticle(t, conn, "flaky")
	waitFor(t, "dead letter after retries", func() bool { return len(dlqMessages(t, conn)) == 1 })
	if got := calls.Load(); got != 3 {
		t.Errorf("handler called %d times, want 3 (MaxDeliver)", got)
	}
	if got := dlqMessages(t, conn)[0].Headers().Get(bus.HeaderDeliveries); got != "3" {
		t.Errorf("deliveries header = %q, want 3", got)
	}
}

func TestTransientErrorRecovers(t *testing.T) {
	conn := natstest.Start(t)
	var calls atomic.Int32
	var ok atomic.Bool
	runStage(t, conn, bus.StageSpec{Consumer: bus.ConsumerDedup, MaxBackoff: 20 * time.Millisecond},
		func(ctx context.Context, m *bus.Message) error {
			if calls.Add(1) < 3 {
				return errors.New("database unavailable")
			}
			ok.Store(true)
			return nil
		})
	publishArticle(t, conn, "flaky")
	waitFor(t, "success after retries", ok.Load)
	if n := len(dlqMessages(t, conn)); n != 0 {
		t.Errorf("%d dead letters for a message that recovered", n)
	}
}

func TestShutdownLetsInFlightWorkFinish(t *testing.T) {
	conn := natstest.Start(t)
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	var finished atomic.Bool
	done := make(chan error, 1)
	go func() {
		done <- conn.RunStage(ctx, bus.StageSpec{Consumer: bus.ConsumerDedup}, func(hctx context.Context, m *bus.Message) error {
			close(started)
			time.Sleep(300 * time.Millisecond)
			if hctx.Err() != nil {
				return hctx.Err()
			}
			finished.Store(true)
			return nil
		})
	}()
	publishArticle(t, conn, "slow")
	<-started
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !finished.Load() {
		t.Fatal("in-flight handler was cut off by shutdown")
	}
	info, err := conn.JetStream().Consumer(t.Context(), conn.Names().Stream(bus.StreamArticles), conn.Names().Stream(bus.ConsumerDedup))
	if err != nil {
		t.Fatal(err)
	}
	// Acks are published without waiting for the server's reply, so the
	// floor moves a moment after RunStage returns.
	waitFor(t, "the finished message acknowledged", func() bool {
		ci, err := info.Info(t.Context())
		return err == nil && ci.AckFloor.Stream == 1
	})
}

func TestEnsureTopologyIsIdempotentAndKeepsData(t *testing.T) {
	conn := natstest.Start(t)
	publishArticle(t, conn, "kept")
	if err := conn.EnsureTopology(t.Context(), bus.Limits{}); err != nil {
		t.Fatalf("second EnsureTopology: %v", err)
	}
	s, err := conn.JetStream().Stream(t.Context(), conn.Names().Stream(bus.StreamArticles))
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 1 {
		t.Errorf("stream holds %d messages after re-declaring, want 1", info.State.Msgs)
	}
	if err := conn.Ready(t.Context()); err != nil {
		t.Errorf("Ready: %v", err)
	}
}

func TestDuplicateMsgIDIsDropped(t *testing.T) {
	conn := natstest.Start(t)
	publishArticle(t, conn, "same")
	publishArticle(t, conn, "same")
	s, err := conn.JetStream().Stream(t.Context(), conn.Names().Stream(bus.StreamArticles))
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Info(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 1 {
		t.Errorf("stream holds %d messages, want 1", info.State.Msgs)
	}
}
