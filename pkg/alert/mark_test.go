package alert

import (
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// dueIDs lists the IDs of the marks of sink "s" that replica "me" may send.
func dueIDs(ix *index, now time.Time) []string {
	due, _, _ := ix.due("s", "me", now)
	var ids []string
	for _, e := range due {
		ids = append(ids, e.m.ID)
	}
	return ids
}

func TestSentMarksAreSkippedWithoutHoldingBackTheirRule(t *testing.T) {
	now := time.Now()
	ix := newIndex(100, []string{"s"})
	for i, id := range []string{"a", "b", "c"} {
		ix.put("k"+id, 1, &mark{ID: id, Rule: "r", Sink: "s", Seq: uint64(i + 1), State: model.AlertPending, Created: now})
	}
	if got := dueIDs(ix, now); len(got) != 3 || got[0] != "a" {
		t.Fatalf("due = %v, want a, b, c", got)
	}
	ix.mu.Lock()
	head := ix.open["ka"]
	ix.mu.Unlock()

	// a was delivered; its "delivered" write is in flight.
	ix.markSent(head)
	if got := dueIDs(ix, now); len(got) != 2 || got[0] != "b" || got[1] != "c" {
		t.Errorf("due while a's outcome is recorded = %v, want b, c", got)
	}
	// The write failed: a is open again and, as the oldest, first in line.
	ix.unsent("ka")
	if got := dueIDs(ix, now); len(got) != 3 || got[0] != "a" {
		t.Errorf("due after a's write failed = %v, want a, b, c", got)
	}
	// The write succeeded: the delivered revision replaces the open mark.
	ix.markSent(head)
	ix.put("ka", 2, &mark{ID: "a", Rule: "r", Sink: "s", Seq: 1, State: model.AlertDelivered, Created: now})
	if got := dueIDs(ix, now); len(got) != 2 || got[0] != "b" {
		t.Errorf("due after a was recorded = %v, want b, c", got)
	}
	if !ix.known("ka", 2) || ix.known("ka", 3) {
		t.Errorf("known(ka) does not follow the revision put last")
	}
}
