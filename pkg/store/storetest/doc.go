// Package storetest is the conformance suite every store.Store
// implementation passes: Run(t, factory) exercises the write side
// (idempotent upserts, claim merging, conflicts, spread, early claim
// batches, duplicates), the outbox, and the read side the API serves
// (filters, full-text search, cursor pagination, not-found and bad-cursor
// errors), against a fresh store from factory for each subtest.
//
// It uses synthetic articles and claims built by the helpers in
// fixtures.go, so it needs no corpus and no NATS.
package storetest
