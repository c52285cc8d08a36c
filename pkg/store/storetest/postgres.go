package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultPostgresURL is the server the tests use unless CW_TEST_POSTGRES
// names another: the development machines' PostgreSQL with trust auth.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// PostgresDSN creates a fresh database cw_test_<random> on the test
// server, drops it when the test ends, and returns its URL. It skips the
// test, saying how to fix it, only when the server cannot be reached.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	admin := AdminURL()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Skipf("SKIPPING PostgreSQL tests: cannot connect to %s: %v\n"+
			"Start PostgreSQL on 127.0.0.1:5432 with trust auth and a database \"test\" "+
			"(or set CW_TEST_POSTGRES to a URL of a database the test may CREATE DATABASE from).", redact(admin), err)
	}
	defer conn.Close(context.Background())
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "cw_test_" + hex.EncodeToString(b[:])
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, admin)
		if err != nil {
			t.Errorf("drop database %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("parse %s: %v", redact(admin), err)
	}
	u.Path = "/" + name
	return u.String()
}

// AdminURL is the URL of the database test databases are created from:
// CW_TEST_POSTGRES, else DefaultPostgresURL.
func AdminURL() string {
	if u := os.Getenv("CW_TEST_POSTGRES"); u != "" {
		return u
	}
	return DefaultPostgresURL
}

// TruncatePostgres empties every claimwatch table of the database at dsn,
// so subtests can share one migrated database.
func TruncatePostgres(t testing.TB, dsn string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("connect %s: %v", redact(dsn), err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `TRUNCATE feeds, stories, articles, duplicates, claims, claim_entities,
		claim_mentions, conflicts, alerts, outbox RESTART IDENTITY`); err != nil {
		t.Fatalf("truncate: %v", err)
	}
}

func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}
