package storetest

import (
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// Outbox, alerts and concurrency tests.

func testOutbox(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	for i := range 3 {
		a := Article(i, "s", "a.example")
		must(t, s.ApplyUnique(ctx, a))
		apply(t, s, Batch(a, Quote(fmt.Sprintf("q%d", i), "X", "words")))
	}
	select {
	case <-s.OutboxSignal():
	default:
		t.Error("no outbox signal after commits that wrote events")
	}
	pend, err := s.PendingEvents(ctx, 10)
	must(t, err)
	if len(pend) != 3 || !(pend[0].ID < pend[1].ID && pend[1].ID < pend[2].ID) {
		t.Fatalf("pending = %+v, want 3 in write order", pend)
	}
	var ev model.Event
	must(t, json.Unmarshal(pend[0].Payload, &ev))
	if ev.Type != model.EventClaimNew || ev.Claim == nil || ev.Article == nil || ev.Article.ID != "art-a.example-0" {
		t.Errorf("first event = %+v, want claim.new of q0 from art-a.example-0", ev)
	}
	must(t, s.MarkSent(ctx, []int64{pend[0].ID, pend[1].ID}))
	must(t, s.MarkSent(ctx, []int64{pend[0].ID, 999999})) // again, and unknown: fine
	left, err := s.PendingEvents(ctx, 10)
	must(t, err)
	if len(left) != 1 || left[0].ID != pend[2].ID {
		t.Errorf("pending after MarkSent = %+v, want only the third", left)
	}
	n, err := s.PruneSent(ctx, time.Now().Add(time.Minute))
	must(t, err)
	if n != 2 {
		t.Errorf("pruned %d, want 2", n)
	}
	if c := counts(t, s); c.PendingEvents != 1 {
		t.Errorf("pending count %d, want 1", c.PendingEvents)
	}
}

func testAlerts(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	a := &model.AlertRecord{ID: "al1", Rule: "putin", Sink: "log", Trigger: model.EventClaimNew, EventKey: "claim.new:q1",
		Summary: "Putin: this is our business", State: model.AlertPending, Created: base}
	must(t, s.RecordAlert(ctx, a))
	upd := *a
	upd.State, upd.Attempts, upd.Delivered, upd.Created = model.AlertDelivered, 1, base.Add(time.Second), base.Add(time.Hour)
	must(t, s.RecordAlert(ctx, &upd))
	p, err := s.ListAlerts(ctx, "", 10)
	must(t, err)
	want := upd
	want.Created = base // an update never moves Created
	if diff := cmp.Diff([]model.AlertRecord{want}, p.Alerts); diff != "" {
		t.Errorf("alerts (-want +got):\n%s", diff)
	}
}

func testConcurrentWrites(t *testing.T, s store.Store) {
	ctx := ctxT(t)
	const n = 40
	var wg sync.WaitGroup
	results := make([]store.ApplyResult, n)
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			a := Article(i, "s", fmt.Sprintf("o%d.example", i%4))
			if err := s.ApplyUnique(ctx, a); err != nil {
				errs[i] = err
				return
			}
			// Every batch carries the shared claim plus its own.
			results[i], errs[i] = s.ApplyClaims(ctx, Batch(a,
				Quote("shared", "Vladimir Putin", "this is our business"),
				Quote(fmt.Sprintf("own-%d", i), "Someone", fmt.Sprintf("claim %d", i))))
		})
	}
	wg.Wait()
	newClaims := 0
	for i := range n {
		must(t, errs[i])
		newClaims += results[i].NewClaims
		if results[i].NewMentions != 2 {
			t.Errorf("writer %d added %d mentions, want 2", i, results[i].NewMentions)
		}
	}
	if newClaims != n+1 {
		t.Errorf("writers report %d new claims, want %d", newClaims, n+1)
	}
	c, err := s.GetClaim(ctx, "shared")
	must(t, err)
	if len(c.Mentions) != n || c.Outlets != 4 {
		t.Errorf("shared claim: %d mentions from %d outlets, want %d from 4", len(c.Mentions), c.Outlets, n)
	}
	if sp := events(t, s)[model.EventClaimSpread]; len(sp) != 3 {
		t.Errorf("%d spread events, want 3 (outlets 2, 3, 4)", len(sp))
	}
}
