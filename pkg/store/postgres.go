package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"go.uber.org/zap"
)

// Postgres is the distributed-mode Store: a pgx pool shared by the
// batcher and the readers, tsvector columns with GIN indexes for search,
// and advisory locks so replicas writing the same claim or subject take
// turns.
type Postgres struct {
	*core
	pool *pgxpool.Pool
}

var _ Store = (*Postgres)(nil)

// OpenPostgres connects to dsn (postgres://…), checks the connection and
// applies pending migrations under an advisory lock.
func OpenPostgres(ctx context.Context, dsn string, log *zap.Logger, opts ...Option) (*Postgres, error) {
	if log == nil {
		log = zap.NewNop()
	}
	o, err := buildOptions(opts)
	if err != nil {
		return nil, err
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("parse postgres dsn: %w", err)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	}
	// Health checks drop connections broken by a server restart, so the
	// pool recovers by itself after an outage.
	cfg.HealthCheckPeriod = 5 * time.Second
	if cfg.MaxConns < int32(o.readConns)+1 {
		cfg.MaxConns = int32(o.readConns) + 1
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect postgres: %w", err)
	}
	db := &pgDB{pgQ: pgQ{pool}, pool: pool}
	if err := db.ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect postgres %s@%s/%s: %w", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Database, err)
	}
	n, err := migrate(ctx, db, postgresDialect)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("migrate postgres: %w", err)
	}
	log.Info("store opened", zap.String("driver", "postgres"), zap.String("host", cfg.ConnConfig.Host),
		zap.String("database", cfg.ConnConfig.Database), zap.Int("migrations_applied", n))
	return &Postgres{core: newCore(db, postgresDialect, o), pool: pool}, nil
}
