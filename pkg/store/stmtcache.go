package store

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// maxCachedStmts bounds the writer's prepared statements. The write path
// has under a hundred fixed shapes (multiRow caps its chunks at 16 rows
// on SQLite for that reason); the bound only guards against a caller
// generating SQL without limit, whose statements are then parsed each time
// as before.
const maxCachedStmts = 256

// stmtCache keeps statements prepared on SQLite's single writer connection
// by SQL text. Parsing and planning a statement (sqlite3_prepare) was ~12%
// of the store's CPU when every exec re-parsed its SQL.
//
// database/sql cannot prepare on the writer pool while a transaction holds
// its only connection, so a statement missing from the cache runs
// unprepared and is queued; the queue is prepared on the pool between
// transactions (afterTx). A transaction then binds the cached statement
// with Tx.StmtContext, which reuses the driver statement already prepared
// on that connection (and re-prepares transparently if the pool ever
// replaced the connection).
type stmtCache struct {
	db *sql.DB

	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	pending map[string]bool
}

func newStmtCache(db *sql.DB) *stmtCache {
	return &stmtCache{db: db, stmts: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

// get returns the prepared statement for q, or nil after queueing q to be
// prepared (when there is room).
func (c *stmtCache) get(q string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.stmts[q]; st != nil {
		return st
	}
	if len(c.stmts)+len(c.pending) < maxCachedStmts {
		c.pending[q] = true
	}
	return nil
}

// afterTx prepares the queued statements. It must run when no transaction
// holds the writer connection. A statement that fails to prepare is
// dropped: it keeps running unprepared, and its error, if it is a real
// one, surfaces from the next transaction that runs it.
func (c *stmtCache) afterTx() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.pending) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for q := range c.pending {
		delete(c.pending, q)
		st, err := c.db.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		c.stmts[q] = st
	}
}

// close closes every prepared statement; the cache is empty afterwards.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.stmts {
		_ = st.Close()
		delete(c.stmts, q)
	}
	clear(c.pending)
}

// cachedTx is a writer transaction that runs statements through the cache.
type cachedTx struct {
	tx    *sql.Tx
	cache *stmtCache
}

func (t cachedTx) exec(ctx context.Context, q string, args ...any) (int64, error) {
	if st := t.cache.get(q); st != nil {
		return execResult(t.tx.StmtContext(ctx, st).ExecContext(ctx, args...))
	}
	return execResult(t.tx.ExecContext(ctx, q, args...))
}

func (t cachedTx) query(ctx context.Context, q string, args ...any) (rows, error) {
	var r *sql.Rows
	var err error
	if st := t.cache.get(q); st != nil {
		r, err = t.tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	} else {
		r, err = t.tx.QueryContext(ctx, q, args...)
	}
	if err != nil {
		return nil, err
	}
	return sqlRows{r}, nil
}

func (t cachedTx) queryRow(ctx context.Context, q string, args ...any) row {
	if st := t.cache.get(q); st != nil {
		return t.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return t.tx.QueryRowContext(ctx, q, args...)
}

func (t cachedTx) commit(context.Context) error {
	err := t.tx.Commit()
	t.cache.afterTx()
	return err
}

func (t cachedTx) rollback(context.Context) error {
	err := t.tx.Rollback()
	if err == nil {
		t.cache.afterTx()
	}
	return err
}

// fixedShapes reports that this querier prefers few distinct statement
// texts (see multiRow).
func (cachedTx) fixedShapes() bool { return true }
