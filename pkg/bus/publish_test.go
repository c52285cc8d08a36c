package bus_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/natstest"
)

func TestPublishBatchStoresEveryMessageInOrder(t *testing.T) {
	conn := natstest.Start(t)
	var msgs []bus.Outgoing
	for i := range 300 {
		msgs = append(msgs, bus.Outgoing{Subject: bus.SubjectEventClaimNew, MsgID: fmt.Sprintf("ev-%d", i), Data: fmt.Appendf(nil, "%d", i)})
	}
	// The second half repeats the first half's IDs: the stream's duplicate
	// window drops them, which is what makes a relay's retry harmless.
	msgs = append(msgs, msgs[:150]...)
	n, err := conn.PublishBatch(t.Context(), msgs)
	if err != nil || n != len(msgs) {
		t.Fatalf("PublishBatch = %d, %v; want %d, nil", n, err, len(msgs))
	}
	got := natstest.ReadStream(t, conn, bus.StreamEvents)
	if len(got) != 300 {
		t.Fatalf("stream holds %d messages, want 300", len(got))
	}
	for i, m := range got {
		if want := fmt.Sprintf("%d", i); string(m.Data()) != want {
			t.Fatalf("message %d = %q, want %q", i, m.Data(), want)
		}
	}
}

func TestPublishBatchReportsAnUnstorableMessage(t *testing.T) {
	conn := natstest.Start(t)
	msgs := []bus.Outgoing{
		{Subject: bus.SubjectEventClaimNew, MsgID: "a", Data: []byte("a")},
		{Subject: "cw.nowhere", MsgID: "b", Data: []byte("b")}, // no stream holds it
		{Subject: bus.SubjectEventClaimNew, MsgID: "c", Data: []byte("c")},
	}
	n, err := conn.PublishBatch(t.Context(), msgs)
	if err == nil || n != 1 {
		t.Fatalf("PublishBatch = %d, %v; want 1 and an error", n, err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := conn.PublishBatch(ctx, msgs[:1]); !errors.Is(err, context.Canceled) {
		t.Errorf("PublishBatch with a cancelled context = %v, want context.Canceled", err)
	}
}

func TestDeletePrefixedRemovesOnlyItsOwnStreams(t *testing.T) {
	unprefixed := natstest.Start(t)
	if err := unprefixed.DeletePrefixed(t.Context()); err == nil {
		t.Fatal("DeletePrefixed without a prefix succeeded; it must refuse")
	}
	conn := natstest.StartWith(t, bus.Options{DataDir: t.TempDir(), Prefix: "run1"})
	js := conn.JetStream()
	// A neighbour on the same server whose name starts alike.
	if _, err := js.CreateStream(t.Context(), jetstream.StreamConfig{Name: "run10_CW_ARTICLES", Subjects: []string{"other.>"}}); err != nil {
		t.Fatal(err)
	}
	if err := conn.DeletePrefixed(t.Context()); err != nil {
		t.Fatalf("DeletePrefixed: %v", err)
	}
	var left []string
	for n := range js.StreamNames(t.Context()).Name() {
		left = append(left, n)
	}
	if len(left) != 1 || left[0] != "run10_CW_ARTICLES" {
		t.Errorf("streams left = %v, want only the neighbour run10_CW_ARTICLES", left)
	}
}
