// Package store keeps everything the claimwatch pipeline learns — articles,
// duplicates, stories, claims with their mentions, conflicts, alerts — and
// serves it to the HTTP API and the command line.
//
// # Implementations
//
// Store has two implementations sharing one SQL core and passing one
// conformance suite (storetest.Run): SQLite (modernc.org/sqlite, pure Go,
// WAL, one writer connection and a reader pool, FTS5) for the embedded
// mode, and PostgreSQL (pgx/v5 pool, tsvector + GIN) for the distributed
// mode. Open picks one by DSN. Migrations are embedded and applied by Open
// with a small versioned runner (see migrate.go for why not a library).
//
// # Exactly-once effects
//
// The pipeline delivers at least once. Every write is an upsert keyed by
// a stable id (article id, claim id, mention position, conflict pair), so
// a redelivered message changes nothing. Events for the alerter (new
// claim, new conflict, claim spread) are written to an outbox table in
// the same transaction as the change that caused them; Relay publishes
// them with Nats-Msg-Id = event key and marks them sent only after the
// stream acknowledged them, so a crash in between re-publishes an event
// the stream then drops as a duplicate: nothing lost, nothing doubled.
//
// # Write path
//
// All writes go through one batcher goroutine that gathers concurrent
// callers (up to WithBatchSize, default 64) into one transaction; while
// writes arrive a few milliseconds apart it waits up to WithLinger
// (default 3ms) for more, since a commit per write is the costliest way
// to write. The batch first runs without savepoints; only if an op fails
// is it rolled back and run again with a savepoint per op, so one
// caller's failure still fails no one else (ops are idempotent, so
// running twice is safe). On SQLite the claims a batch inserted are
// added to the full-text index by one statement before commit.
// On SQLite the writer connection keeps its statements prepared
// (stmtcache.go) and multi-row statements take at most 16 rows so that
// a few dozen statement texts serve every batch. A claim's outlet count is
// recounted only when a batch brings a mention from an outlet the claim
// did not have. A new figure records conflicts with at most
// maxConflictsPerClaim (16) of the newest stored figures it disagrees
// with, so a much-contested subject cannot make writes quadratic.
//
// # Wiring
//
//	st, err := store.Open(ctx, dsn, log, store.WithRegisterer(reg)) // path or postgres://
//	defer st.Close(shutdownCtx)
//	stage := store.NewStage(st, log, reg)
//	relay := store.NewRelay(st, conn, log, reg) // conn is a *bus.Conn (a bus.Publisher)
//	g.Go(func() error { return stage.Run(ctx, conn, concurrency) })
//	g.Go(func() error { return relay.Run(ctx) })
//
// Every store replica may run a relay; see Relay for why that is safe.
//
// # Pipeline
//
// Stage.Handle consumes cw.articles.unique, cw.articles.duplicate and
// cw.claims.extracted (the durable consumer "store"); Relay feeds
// cw.events.claim.{new,conflict,spread}. The package does not extract
// claims or decide duplicates; it stores the decisions of dedup and the
// extractor.
package store
