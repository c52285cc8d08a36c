package store_test

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/store"
)

// An hour of events is far more than one prune transaction takes: every
// sent row before the cut goes, over several transactions, and nothing
// pending or newer is touched.
func TestPruneSentDeletesEveryOldRowInChunks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cw.db")
	s, err := store.OpenSQLite(t.Context(), path, zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(t.Context())
	raw, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	old, recent := time.Now().Add(-2*time.Hour).UnixMicro(), time.Now().UnixMicro()
	tx, err := raw.Begin()
	if err != nil {
		t.Fatal(err)
	}
	const oldRows = 12_345
	for i := range oldRows + 20 {
		sent := old
		switch {
		case i >= oldRows+10:
			sent = 0 // pending
		case i >= oldRows:
			sent = recent
		}
		if _, err := tx.Exec(`INSERT INTO outbox (event_key, subject, payload, created, sent) VALUES (?, 'cw.events.claim.new', '{}', ?, ?)`,
			fmt.Sprintf("k%d", i), old, sent); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	n, err := s.PruneSent(t.Context(), time.Now().Add(-time.Hour))
	if err != nil || n != oldRows {
		t.Fatalf("PruneSent = %d, %v; want %d", n, err, oldRows)
	}
	var left, pending int
	if err := raw.QueryRow(`SELECT count(*), count(*) FILTER (WHERE sent = 0) FROM outbox`).Scan(&left, &pending); err != nil {
		t.Fatal(err)
	}
	if left != 20 || pending != 10 {
		t.Errorf("outbox holds %d rows (%d pending), want 20 (10 pending)", left, pending)
	}
}
