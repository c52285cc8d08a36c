package store

import (
	"context"
	"fmt"
	"testing"
)

// A statement run in one transaction is prepared after it and reused by
// the next; SQL generated without limit does not grow the cache past its
// bound.
func TestStmtCache(t *testing.T) {
	s := openTestSQLite(t)
	cache := s.db.(*sqliteDB).stmts
	const insert = `INSERT INTO feeds (url, first_seen, last_seen) VALUES ($1, 1, 1)`
	for i := range 3 {
		r := &writeReq{op: feedOp(fmt.Sprintf("https://f%d.example/rss", i)), done: make(chan error, 1)}
		s.w.run([]*writeReq{r})
		if err := <-r.done; err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
		cache.mu.Lock()
		st := cache.stmts[insert]
		cache.mu.Unlock()
		if st == nil {
			t.Fatalf("after write %d the insert is not prepared", i)
		}
	}
	var n int
	if err := s.db.queryRow(t.Context(), `SELECT count(*) FROM feeds`).Scan(&n); err != nil || n != 3 {
		t.Fatalf("%d feeds (err %v), want 3 written through the cache", n, err)
	}
	r := &writeReq{done: make(chan error, 1), op: func(ctx context.Context, q querier) (bool, error) {
		for i := range 2 * maxCachedStmts {
			if _, err := q.exec(ctx, fmt.Sprintf(`UPDATE feeds SET title = 't%d' WHERE url = $1`, i), "x"); err != nil {
				return false, err
			}
		}
		return false, nil
	}}
	s.w.run([]*writeReq{r})
	if err := <-r.done; err != nil {
		t.Fatal(err)
	}
	cache.mu.Lock()
	size := len(cache.stmts) + len(cache.pending)
	cache.mu.Unlock()
	if size > maxCachedStmts {
		t.Errorf("cache holds %d statements, bound is %d", size, maxCachedStmts)
	}
}
