package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/natstest"
	"github.com/claimwatch/claimwatch/pkg/store"
	"github.com/claimwatch/claimwatch/pkg/store/storetest"
)

// The database goes away in the middle of a stream of messages: the stage
// naks them, JetStream redelivers with backoff, and once the database is
// back every message is applied and none is dead-lettered.
func TestPostgresOutageMidStream(t *testing.T) {
	dsn := storetest.PostgresDSN(t)
	conn := natstest.Start(t)
	s := openPostgres(t, dsn)
	runStage(t, conn, s)

	publishArticles(t, conn, 0, 6)
	waitCounts(t, s, 30*time.Second, func(c store.Counts) bool { return c.Articles == 6 && c.Claims == 7 })

	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := pgx.Connect(t.Context(), storetest.AdminURL())
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(context.Background())
	exec := func(q string) {
		t.Helper()
		if _, err := admin.Exec(t.Context(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// The outage: new connections refused, open ones killed.
	exec("ALTER DATABASE " + cfg.Database + " ALLOW_CONNECTIONS false")
	exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + cfg.Database + "' AND pid <> pg_backend_pid()")
	restored := false
	t.Cleanup(func() {
		if !restored {
			_, _ = admin.Exec(context.Background(), "ALTER DATABASE "+cfg.Database+" ALLOW_CONNECTIONS true")
		}
	})

	publishArticles(t, conn, 6, 12)
	time.Sleep(1500 * time.Millisecond) // let deliveries fail and be nak'ed
	pctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	if err := s.Ping(pctx); err == nil {
		t.Fatal("the database still answers during the outage; the test proves nothing")
	}
	cancel()

	exec("ALTER DATABASE " + cfg.Database + " ALLOW_CONNECTIONS true")
	restored = true
	c := waitCounts(t, s, 60*time.Second, func(c store.Counts) bool { return c.Articles == 12 && c.Claims == 13 })
	if c.Mentions != 24 {
		t.Errorf("mentions %d after recovery, want 24", c.Mentions)
	}
	if n := dlqMessages(t, conn); n != 0 {
		t.Errorf("%d messages dead-lettered during the outage, want 0", n)
	}
}

// SQLite has no server to lose; its outage is another process holding the
// write lock longer than busy_timeout (a backup, the sqlite3 shell). Writes
// fail with SQLITE_BUSY, the stage naks, and all is applied once the lock
// is released.
func TestSQLiteLockedMidStream(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cw.db")
	s, err := store.OpenSQLite(t.Context(), path, zaptest.NewLogger(t), store.WithBusyTimeout(100*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = s.Close(ctx)
	})
	conn := natstest.Start(t)
	runStage(t, conn, s)
	publishArticles(t, conn, 0, 6)
	waitCounts(t, s, 30*time.Second, func(c store.Counts) bool { return c.Articles == 6 && c.Claims == 7 })

	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	other.SetMaxOpenConns(1)
	lock, err := other.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	// A write takes the lock and holds it until rollback.
	if _, err := lock.Exec(`UPDATE stories SET title = title`); err != nil {
		t.Fatal(err)
	}
	publishArticles(t, conn, 6, 12)
	time.Sleep(1500 * time.Millisecond)
	if c, err := s.Counts(t.Context()); err != nil || c.Articles != 6 {
		t.Fatalf("while locked: counts %+v err %v, want the first 6 articles only", c, err)
	}
	if err := lock.Rollback(); err != nil {
		t.Fatal(err)
	}
	waitCounts(t, s, 60*time.Second, func(c store.Counts) bool { return c.Articles == 12 && c.Claims == 13 && c.Mentions == 24 })
	if n := dlqMessages(t, conn); n != 0 {
		t.Errorf("%d messages dead-lettered while locked, want 0", n)
	}
}
