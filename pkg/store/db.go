package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// The SQL core is written once against querier, with $N placeholders that
// both PostgreSQL and SQLite (modernc binds $N positionally) accept, so the
// two implementations differ only in their dialect (full-text search,
// locking, error classification) and their migrations.

type querier interface {
	exec(ctx context.Context, q string, args ...any) (int64, error)
	query(ctx context.Context, q string, args ...any) (rows, error)
	queryRow(ctx context.Context, q string, args ...any) row
}

type rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

type row interface {
	Scan(dest ...any) error
}

type tx interface {
	querier
	commit(ctx context.Context) error
	rollback(ctx context.Context) error
}

// database is a connection pool that can start transactions.
type database interface {
	querier
	begin(ctx context.Context) (tx, error)
	ping(ctx context.Context) error
	// maintain refreshes planner statistics where the database does not
	// do it by itself.
	maintain(ctx context.Context) error
	close()
}

// --- database/sql (SQLite) ---

type sqlQuerier interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
}

type sqlQ struct{ q sqlQuerier }

func (s sqlQ) exec(ctx context.Context, q string, args ...any) (int64, error) {
	return execResult(s.q.ExecContext(ctx, q, args...))
}

func execResult(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("rows affected: %w", err)
	}
	return n, nil
}

func (s sqlQ) query(ctx context.Context, q string, args ...any) (rows, error) {
	r, err := s.q.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return sqlRows{r}, nil
}

func (s sqlQ) queryRow(ctx context.Context, q string, args ...any) row {
	return s.q.QueryRowContext(ctx, q, args...)
}

type sqlRows struct{ *sql.Rows }

func (r sqlRows) Close() { _ = r.Rows.Close() }

type sqlTx struct {
	sqlQ
	tx *sql.Tx
}

func (t sqlTx) commit(context.Context) error   { return t.tx.Commit() }
func (t sqlTx) rollback(context.Context) error { return t.tx.Rollback() }

// sqliteDB sends writes (begin) to a single-connection pool and reads to a
// pool of read connections: SQLite has one writer at a time anyway, and
// funnelling writes through one connection avoids SQLITE_BUSY between our
// own writers while WAL lets readers run beside it.
type sqliteDB struct {
	sqlQ
	writer *sql.DB
	reader *sql.DB
	// stmts, once set (after migrations), makes writer transactions reuse
	// prepared statements.
	stmts *stmtCache
}

func (d *sqliteDB) begin(ctx context.Context) (tx, error) {
	t, err := d.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	if d.stmts != nil {
		return cachedTx{t, d.stmts}, nil
	}
	return sqlTx{sqlQ{t}, t}, nil
}

func (d *sqliteDB) ping(ctx context.Context) error {
	if err := d.writer.PingContext(ctx); err != nil {
		return err
	}
	return d.reader.PingContext(ctx)
}

// maintain runs PRAGMA optimize on the writer (ANALYZE writes), which
// SQLite recommends periodically and before closing: without statistics
// its planner can pick a non-selective index on a large table.
func (d *sqliteDB) maintain(ctx context.Context) error {
	_, err := d.writer.ExecContext(ctx, `PRAGMA optimize`)
	return err
}

func (d *sqliteDB) close() {
	if d.stmts != nil {
		d.stmts.close()
	}
	_ = d.reader.Close()
	_ = d.writer.Close()
}

// --- pgx (PostgreSQL) ---

type pgxQuerier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

type pgQ struct{ q pgxQuerier }

func (p pgQ) exec(ctx context.Context, q string, args ...any) (int64, error) {
	tag, err := p.q.Exec(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}

func (p pgQ) query(ctx context.Context, q string, args ...any) (rows, error) {
	r, err := p.q.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return r, nil
}

func (p pgQ) queryRow(ctx context.Context, q string, args ...any) row {
	return pgRow{p.q.QueryRow(ctx, q, args...)}
}

// pgRow maps pgx.ErrNoRows to sql.ErrNoRows so the core checks one error.
type pgRow struct{ r pgx.Row }

func (r pgRow) Scan(dest ...any) error {
	err := r.r.Scan(dest...)
	if errors.Is(err, pgx.ErrNoRows) {
		return sql.ErrNoRows
	}
	return err
}

type pgTx struct {
	pgQ
	tx pgx.Tx
}

func (t pgTx) commit(ctx context.Context) error   { return t.tx.Commit(ctx) }
func (t pgTx) rollback(ctx context.Context) error { return t.tx.Rollback(ctx) }

type pgDB struct {
	pgQ
	pool *pgxpool.Pool
}

func (d *pgDB) begin(ctx context.Context) (tx, error) {
	t, err := d.pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return pgTx{pgQ{t}, t}, nil
}

func (d *pgDB) ping(ctx context.Context) error { return d.pool.Ping(ctx) }
func (d *pgDB) close()                         { d.pool.Close() }

// maintain is a no-op: autovacuum keeps PostgreSQL's statistics.
func (d *pgDB) maintain(context.Context) error { return nil }
