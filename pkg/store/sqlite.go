package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"go.uber.org/zap"

	// Registers the pure-Go "sqlite" driver (no cgo).
	_ "modernc.org/sqlite"
)

// SQLite is the embedded-mode Store: one database file in WAL mode, one
// writer connection fed by the batcher, a small pool of read-only
// connections, an FTS5 table for claims.
type SQLite struct {
	*core
	path string
}

var _ Store = (*SQLite)(nil)

// OpenSQLite opens (creating if needed) the database file at path and
// applies pending migrations.
func OpenSQLite(ctx context.Context, path string, log *zap.Logger, opts ...Option) (*SQLite, error) {
	if log == nil {
		log = zap.NewNop()
	}
	o, err := buildOptions(opts)
	if err != nil {
		return nil, err
	}
	if path == "" || strings.Contains(path, "?") || strings.Contains(path, ":memory:") || strings.HasPrefix(path, "file:") {
		// Readers and the writer are separate pools, so an in-memory
		// database would be a different one per connection.
		return nil, fmt.Errorf("sqlite path %q: want a plain file path", path)
	}
	// busy_timeout covers the moments another process (a second
	// claimwatch, the sqlite3 shell) holds the write lock; synchronous=FULL
	// because a message is acked right after commit: a commit lost to a
	// power cut would be a message lost.
	common := fmt.Sprintf("_pragma=busy_timeout(%d)&", o.busyTimeout.Milliseconds()) + "_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)"
	// The writer's own settings (issue 9, measured with claimwatch bench):
	// temp_store=memory keeps statement journals (every multi-row or
	// upsert statement inside a transaction writes one) off temp files,
	// which were the writer's most frequent pwrite; a 16 MiB page cache
	// (default 2 MiB) keeps the hot index pages of claims and mentions
	// without preads (64 MiB bought no more CPU and cost ~90 MB of RSS);
	// checkpointing every 4000 WAL pages instead of 1000 copies hot pages
	// to the database file less often.
	writer, err := sql.Open("sqlite", path+"?"+common+"&_pragma=temp_store(memory)&_pragma=cache_size(-16384)&_pragma=wal_autocheckpoint(4000)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	writer.SetMaxOpenConns(1)
	writer.SetMaxIdleConns(1)
	writer.SetConnMaxLifetime(0)
	reader, err := sql.Open("sqlite", path+"?"+common+"&_pragma=query_only(1)")
	if err != nil {
		_ = writer.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	reader.SetMaxOpenConns(o.readConns)
	reader.SetMaxIdleConns(o.readConns)
	db := &sqliteDB{sqlQ: sqlQ{reader}, writer: writer, reader: reader}
	if err := db.ping(ctx); err != nil {
		db.close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	n, err := migrate(ctx, db, sqliteDialect)
	if err != nil {
		db.close()
		return nil, fmt.Errorf("migrate sqlite %s: %w", path, err)
	}
	db.stmts = newStmtCache(writer)
	log.Info("store opened", zap.String("driver", "sqlite"), zap.String("path", path), zap.Int("migrations_applied", n))
	return &SQLite{core: newCore(db, sqliteDialect, o), path: path}, nil
}
