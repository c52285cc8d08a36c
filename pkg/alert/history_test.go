package alert

import (
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/natstest"
)

func TestHistoryFollowsTheMarksOfOtherProcesses(t *testing.T) {
	conn := natstest.Start(t)
	kv, err := conn.KeyValue(t.Context(), bus.BucketAlerts)
	if err != nil {
		t.Fatal(err)
	}
	h := NewHistory(kv, nil, 10, nil)
	go func() { _ = h.Run(t.Context()) }()
	m := &mark{ID: "a1", Rule: "r", Sink: "s", Trigger: model.EventClaimNew, EventKey: "k", Summary: "New quote",
		State: model.AlertDelivered, Attempts: 1, Created: time.Now().UTC(), Delivered: time.Now().UTC()}
	data, err := encodeMark(m)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kv.Create(t.Context(), markKey("r", "s", "a1"), data); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		recs, err := h.Alerts(t.Context(), 0)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) == 1 {
			if recs[0].ID != "a1" || recs[0].State != model.AlertDelivered || recs[0].Summary != "New quote" {
				t.Fatalf("record = %+v", recs[0])
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("history shows %d alerts, want the one written to the bucket", len(recs))
		}
		time.Sleep(20 * time.Millisecond)
	}
}
