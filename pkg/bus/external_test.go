package bus_test

import (
	"context"
	"testing"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/natstest"
)

// TestExternalServerRunsTheTopology checks the oldest supported server
// (the machine's nats-server) accepts every stream, consumer and bucket
// and runs a stage end to end.
func TestExternalServerRunsTheTopology(t *testing.T) {
	conn := natstest.External(t)
	got := make(chan string, 1)
	runStage(t, conn, bus.StageSpec{Consumer: bus.ConsumerDedup}, func(ctx context.Context, m *bus.Message) error {
		var a model.Article
		if err := model.Decode(m.Data, &a); err != nil {
			return err
		}
		select {
		case got <- a.ID:
		default:
		}
		return nil
	})
	publishArticle(t, conn, "external-1")
	if id := <-got; id != "external-1" {
		t.Fatalf("handled %q", id)
	}
	for _, b := range []string{bus.BucketFeeds, bus.BucketDedup, bus.BucketAlerts} {
		if _, err := conn.KeyValue(t.Context(), b); err != nil {
			t.Errorf("bucket %s: %v", b, err)
		}
	}
}

// TestExternalServerSettlesDeadLetters checks a dead-lettered message is
// terminated for good on the oldest supported server, not redelivered.
func TestExternalServerSettlesDeadLetters(t *testing.T) {
	conn := natstest.External(t)
	runStage(t, conn, bus.StageSpec{Consumer: bus.ConsumerDedup}, func(ctx context.Context, m *bus.Message) error {
		var a model.Article
		return model.Decode(m.Data, &a)
	})
	if err := conn.Publish(t.Context(), bus.SubjectArticlesRaw, "poison", []byte("not json")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "dead letter", func() bool { return len(dlqMessages(t, conn)) == 1 })
	waitFor(t, "the poison message settled", func() bool {
		pending, ackPending, err := conn.Backlog(t.Context(), bus.ConsumerDedup)
		return err == nil && pending == 0 && ackPending == 0
	})
}
