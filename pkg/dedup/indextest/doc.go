// Package indextest is the conformance suite every dedup.Index
// implementation passes: exact and near copies, redelivery and updates,
// duplicate_of pointing at the group root, window expiry, and two replicas
// racing over 200 copies of 50 articles. dedup.Memory and dedup.KV run it
// from their own tests; a new implementation calls Run with a Harness.
package indextest
