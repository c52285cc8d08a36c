// Package hostile is claimwatch's hostile-input suite in one place: Go
// tests that drive the real packages with input an attacker, a broken
// publisher or a buggy producer could send, and check that each gets a
// clear error or is contained, that nothing crashes, and that what was
// already accepted is not lost.
//
//   - feeds (feed_test.go): malformed, huge, endless, gzip bomb, XML entity
//     expansion, slow drip, redirect to an internal address — through
//     pkg/feed's public client and parser against httptest servers;
//   - articles (article_test.go): invalid UTF-8, 10 MB of text, 100,000
//     quotation marks, deeply nested HTML — through pkg/claims and
//     pkg/dedup, each bounded in time by a context;
//   - messages (message_test.go): wrong schema version, truncated JSON,
//     oversized — published on a real JetStream (pkg/natstest) to the real
//     stages, which must dead-letter the poison and keep the good;
//   - API (api_test.go): oversized bodies, missing or wrong tokens,
//     SQL-injection strings in every filter — through pkg/api over a real
//     SQLite store.
//
// The package has no non-test code. Each package keeps its own focused
// tests; this suite is the cross-cutting view SECURITY.md points to.
package hostile
