package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/model"
)

func openTestSQLite(t *testing.T) *SQLite {
	t.Helper()
	s, err := OpenSQLite(t.Context(), filepath.Join(t.TempDir(), "b.db"), zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}

func feedOp(url string) writeOp {
	return func(ctx context.Context, q querier) (bool, error) {
		_, err := q.exec(ctx, `INSERT INTO feeds (url, first_seen, last_seen) VALUES ($1, 1, 1)`, url)
		return false, err
	}
}

// One failing write in a batch is rolled back alone; the others commit
// and every caller gets its own result.
func TestBatchIsolatesFailures(t *testing.T) {
	s := openTestSQLite(t)
	errBoom := errors.New("boom")
	var batch []*writeReq
	for i := range 6 {
		op := feedOp(fmt.Sprintf("https://f%d.example/rss", i))
		switch i {
		case 2: // fails after writing: its row must not survive
			op = func(ctx context.Context, q querier) (bool, error) {
				if _, err := feedOp("https://doomed.example/rss")(ctx, q); err != nil {
					return false, err
				}
				return false, errBoom
			}
		case 4: // a statement error
			op = func(ctx context.Context, q querier) (bool, error) {
				_, err := q.exec(ctx, `INSERT INTO no_such_table VALUES (1)`)
				return false, err
			}
		}
		batch = append(batch, &writeReq{op: op, done: make(chan error, 1)})
	}
	s.w.run(batch)
	for i, r := range batch {
		err := <-r.done
		switch i {
		case 2:
			if !errors.Is(err, errBoom) {
				t.Errorf("op 2: %v, want boom", err)
			}
		case 4:
			if err == nil {
				t.Error("op 4 succeeded, want the statement error")
			}
		default:
			if err != nil {
				t.Errorf("op %d: %v", i, err)
			}
		}
	}
	var n int
	if err := s.db.queryRow(t.Context(), `SELECT count(*) FROM feeds`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Errorf("%d feeds committed, want the 4 successful writes", n)
	}
}

// A lone failing write gets its own error back and leaves nothing behind;
// the next batch commits normally (no savepoint run is needed for one op).
func TestBatchLoneFailure(t *testing.T) {
	s := openTestSQLite(t)
	errBoom := errors.New("boom")
	failing := &writeReq{done: make(chan error, 1), op: func(ctx context.Context, q querier) (bool, error) {
		if _, err := feedOp("https://doomed.example/rss")(ctx, q); err != nil {
			return false, err
		}
		return true, errBoom
	}}
	s.w.run([]*writeReq{failing})
	if err := <-failing.done; !errors.Is(err, errBoom) || errors.Is(err, errOpFailed) {
		t.Errorf("lone failing op: %v, want boom itself", err)
	}
	ok := &writeReq{op: feedOp("https://ok.example/rss"), done: make(chan error, 1)}
	s.w.run([]*writeReq{ok})
	if err := <-ok.done; err != nil {
		t.Fatal(err)
	}
	var urls []string
	rs, err := s.db.query(t.Context(), `SELECT url FROM feeds ORDER BY url`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	for rs.Next() {
		var u string
		if err := rs.Scan(&u); err != nil {
			t.Fatal(err)
		}
		urls = append(urls, u)
	}
	if len(urls) != 1 || urls[0] != "https://ok.example/rss" {
		t.Errorf("feeds %q, want only the successful write", urls)
	}
}

// A caller whose context ends while queued gets its context error; the
// store keeps working for others, and Close stops the writer.
func TestBatcherContextAndClose(t *testing.T) {
	s := openTestSQLite(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := s.write(ctx, feedOp("https://x.example/")); !errors.Is(err, context.Canceled) {
		t.Errorf("write with a cancelled ctx: %v", err)
	}
	if err := s.write(t.Context(), feedOp("https://y.example/")); err != nil {
		t.Fatal(err)
	}
	cctx, ccancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer ccancel()
	if err := s.Close(cctx); err != nil {
		t.Fatal(err)
	}
	if err := s.write(t.Context(), feedOp("https://z.example/")); !errors.Is(err, ErrClosed) {
		t.Errorf("write after Close: %v, want ErrClosed", err)
	}
	if _, err := s.ListStories(t.Context(), "", 1); !errors.Is(err, ErrClosed) {
		t.Errorf("read after Close: %v, want ErrClosed", err)
	}
}

func FuzzDecodeCursor(f *testing.F) {
	f.Add(encodeCursor("claims", 1729760400000000, "c-1"))
	f.Add(encodeCursor("stories", 0, ""))
	f.Add("%%%")
	f.Add("Y2xhaW1zfHh8eQ")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := decodeCursor("claims", s)
		if err != nil {
			if !errors.Is(err, ErrBadCursor) {
				t.Fatalf("error %v does not wrap ErrBadCursor", err)
			}
			return
		}
		if s == "" {
			if c != nil {
				t.Fatal("empty cursor decoded to a position")
			}
			return
		}
		// A cursor that decodes re-encodes to one that decodes the same.
		again, err := decodeCursor("claims", encodeCursor("claims", c.at, c.id))
		if err != nil || *again != *c {
			t.Fatalf("round trip of %q: %+v, %v", s, again, err)
		}
	})
}

func FuzzFTSQuery(f *testing.F) {
	for _, s := range []string{"Putin", `"this is" OR NOT *`, "a-b c:d ^e", "NEAR(a b)", "", "'", `""`, "troops 1,500"} {
		f.Add(s)
	}
	s := openTestSQLiteF(f)
	f.Fuzz(func(t *testing.T, q string) {
		// Whatever the user types, search is never a syntax error.
		if _, err := s.ListClaims(context.Background(), ClaimFilter{Q: q, Speaker: q, Entity: q}, "", 5); err != nil {
			t.Fatalf("ListClaims(Q=%q): %v", q, err)
		}
	})
}

func openTestSQLiteF(f *testing.F) *SQLite {
	s, err := OpenSQLite(context.Background(), filepath.Join(f.TempDir(), "f.db"), nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}

func claimsOp(s *SQLite, article, id, content string) writeOp {
	b := &model.ClaimBatch{V: model.Version, Article: model.ArticleRef{ID: article, URL: "https://" + article + ".example/"},
		Claims: []model.Claim{{ID: id, Kind: model.KindQuote, Speaker: "Kaja Kallas", Content: content, Text: "Kallas said: " + content}}}
	return func(ctx context.Context, q querier) (bool, error) {
		merged, err := mergeBatch(b)
		if err != nil {
			return false, err
		}
		var res ApplyResult
		err = s.applyClaims(ctx, q, b, merged, &res)
		return res.Events > 0, err
	}
}

// Claims are full-text indexed once per batch; when a failing op makes
// the batch run again with savepoints, the claims of the ops that
// committed are found, and nothing of the failed op's is.
func TestBatchIndexesClaimsOfCommittedOps(t *testing.T) {
	s := openTestSQLite(t)
	errBoom := errors.New("boom")
	failing := claimsOp(s, "a3", "c-doomed", "doomed words")
	batch := []*writeReq{
		{op: claimsOp(s, "a1", "c-1", "sanctions on grain")},
		{op: func(ctx context.Context, q querier) (bool, error) {
			if _, err := failing(ctx, q); err != nil {
				return false, err
			}
			return false, errBoom
		}},
		{op: claimsOp(s, "a2", "c-2", "grain convoy")},
	}
	for _, r := range batch {
		r.done = make(chan error, 1)
	}
	s.w.run(batch)
	for i, r := range batch {
		if err := <-r.done; (err != nil) != (i == 1) {
			t.Errorf("op %d: %v", i, err)
		}
	}
	s.w.run([]*writeReq{{op: claimsOp(s, "a4", "c-4", "a later grain harvest"), done: make(chan error, 1)}})
	for q, want := range map[string][]string{"grain": {"c-1", "c-2", "c-4"}, "convoy": {"c-2"}, "doomed": nil, "kallas harvest": {"c-4"}} {
		p, err := s.ListClaims(t.Context(), ClaimFilter{Q: q}, "", 10)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range p.Claims {
			got = append(got, c.ID)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("search %q: %v, want %v", q, got, want)
		}
	}
}

func openLingering(t *testing.T, linger time.Duration) (*SQLite, func() int) {
	t.Helper()
	s, err := OpenSQLite(t.Context(), filepath.Join(t.TempDir(), "l.db"), zaptest.NewLogger(t), WithLinger(linger))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	var mu sync.Mutex
	batches := 0
	// Set before the first write: the writer reads it only after
	// receiving one.
	s.w.onCommit = func(bool, int, time.Duration, error) {
		mu.Lock()
		batches++
		mu.Unlock()
	}
	return s, func() int {
		mu.Lock()
		defer mu.Unlock()
		return batches
	}
}

// A writer alone, even after a pause, never waits for company.
func TestLingerSparesLoneWriter(t *testing.T) {
	s, _ := openLingering(t, time.Second)
	for i := range 3 {
		if i > 0 {
			time.Sleep(50 * time.Millisecond)
		}
		start := time.Now()
		if err := s.write(t.Context(), feedOp(fmt.Sprintf("https://lone%d.example/", i))); err != nil {
			t.Fatal(err)
		}
		if took := time.Since(start); took > 500*time.Millisecond {
			t.Errorf("lone write %d took %v: it waited for the linger", i, took)
		}
	}
}

// Writes arriving a few milliseconds apart, each alone in the queue when
// it arrives, share transactions once the writer notices the rate.
func TestLingerGroupsSteadyWrites(t *testing.T) {
	s, batches := openLingering(t, time.Second)
	const writes = 100
	var wg sync.WaitGroup
	for i := range writes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.write(t.Context(), feedOp(fmt.Sprintf("https://steady%d.example/", i))); err != nil {
				t.Error(err)
			}
		}()
		time.Sleep(5 * time.Millisecond)
	}
	wg.Wait()
	if n := batches(); n > writes/5 {
		t.Errorf("%d writes took %d transactions, want them grouped", writes, n)
	}
}
