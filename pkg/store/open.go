package store

import (
	"context"
	"strings"

	"go.uber.org/zap"
)

// Open opens the store named by dsn: a postgres:// or postgresql:// URL
// (or a "host=… dbname=…" keyword string) opens PostgreSQL, anything
// else is the path of a SQLite file.
func Open(ctx context.Context, dsn string, log *zap.Logger, opts ...Option) (Store, error) {
	if isPostgresDSN(dsn) {
		return OpenPostgres(ctx, dsn, log, opts...)
	}
	return OpenSQLite(ctx, strings.TrimPrefix(dsn, "sqlite://"), log, opts...)
}

func isPostgresDSN(dsn string) bool {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return true
	}
	return strings.Contains(dsn, "dbname=") || strings.Contains(dsn, "host=")
}
