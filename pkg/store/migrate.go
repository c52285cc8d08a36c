package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Migrations are applied by a small versioned runner rather than goose or
// golang-migrate: both drive database/sql, while the PostgreSQL side here
// is a pgxpool (goose would need a second, database/sql connection through
// pgx/stdlib just to migrate), golang-migrate's SQLite drivers need cgo or
// pull in another SQLite build, and what we need is fifty lines: ordered
// files, a schema_migrations table, one transaction, and on PostgreSQL an
// advisory lock so replicas starting together migrate once.

//go:embed migrations
var migrationFS embed.FS

type migration struct {
	version int64
	name    string
	sql     string
}

// loadMigrations reads migrations/<dialect>/NNNN_name.sql in version order.
func loadMigrations(dialect string) ([]migration, error) {
	dir := path.Join("migrations", dialect)
	entries, err := fs.ReadDir(migrationFS, dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations %s: %w", dir, err)
	}
	var ms []migration
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.ParseInt(num, 10, 64)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must be NNNN_name.sql", e.Name())
		}
		b, err := fs.ReadFile(migrationFS, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", e.Name(), err)
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share version %d", ms[i-1].name, ms[i].name, ms[i].version)
		}
	}
	return ms, nil
}

// migrationLockID is the PostgreSQL advisory lock key of the runner.
const migrationLockID = 0x636c61696d /* "claim" */

// migrate applies the pending migrations in one transaction and returns
// how many it applied. A database newer than this build (a version this
// build does not know) is an error: running old code on it could corrupt it.
func migrate(ctx context.Context, db database, d dialect) (int, error) {
	ms, err := loadMigrations(d.name)
	if err != nil {
		return 0, err
	}
	t, err := db.begin(ctx)
	if err != nil {
		return 0, fmt.Errorf("begin migration: %w", err)
	}
	defer func() { _ = t.rollback(ctx) }()
	if d.name == "postgres" {
		if _, err := t.exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLockID)); err != nil {
			return 0, fmt.Errorf("lock migrations: %w", err)
		}
	}
	if _, err := t.exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied BIGINT NOT NULL)`); err != nil {
		return 0, fmt.Errorf("create schema_migrations: %w", err)
	}
	applied := map[int64]bool{}
	rs, err := t.query(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return 0, fmt.Errorf("read schema_migrations: %w", err)
	}
	var maxApplied int64
	for rs.Next() {
		var v int64
		if err := rs.Scan(&v); err != nil {
			rs.Close()
			return 0, fmt.Errorf("read schema_migrations: %w", err)
		}
		applied[v] = true
		maxApplied = max(maxApplied, v)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return 0, fmt.Errorf("read schema_migrations: %w", err)
	}
	if len(ms) > 0 && maxApplied > ms[len(ms)-1].version {
		return 0, fmt.Errorf("database schema version %d is newer than this build (%d)", maxApplied, ms[len(ms)-1].version)
	}
	n := 0
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		if _, err := t.exec(ctx, m.sql); err != nil {
			return 0, fmt.Errorf("apply migration %s: %w", m.name, err)
		}
		if _, err := t.exec(ctx, `INSERT INTO schema_migrations (version, name, applied) VALUES ($1, $2, $3)`,
			m.version, m.name, time.Now().UnixMicro()); err != nil {
			return 0, fmt.Errorf("record migration %s: %w", m.name, err)
		}
		n++
	}
	if err := t.commit(ctx); err != nil {
		return 0, fmt.Errorf("commit migrations: %w", err)
	}
	return n, nil
}
