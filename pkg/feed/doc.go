// Package feed is claimwatch's fetcher: it polls RSS, Atom and JSON feeds
// and publishes each new or changed item as a model.Article on
// cw.articles.raw, where the dedup stage picks it up.
//
// # What it does
//
//   - HTTP with its own client (Client): connect, TLS, header and total
//     timeouts; a 10 MiB cap on the decompressed body (gzip, deflate,
//     brotli); at most 10 redirects, a permanent one updating the feed's
//     URL; conditional GET with ETag and Last-Modified; Retry-After, 429
//     and 503 honoured; per-host and global concurrency limits; proxy from
//     the environment; private-network (SSRF) protection checked on the
//     resolved address at dial time, off with AllowPrivateNetworks.
//   - Parsing with gofeed on the fetched body, after charset repair
//     (wrong or missing declarations, illegal XML characters).
//   - Item identity: canonical URL (pkg/canon), else the GUID, else a hash
//     of title and text; the article ID and Nats-Msg-Id are hashes of it.
//     Changed content is published again with Revision+1 and the message
//     ID "ID:revision".
//   - HTML content becomes plain text with "\n\n" between paragraphs; items
//     that carry only a summary get the article page's main text
//     (Readability), unless the feed or the Config opts out; a failed page
//     fetch never holds an item back.
//   - Scheduling: a per-feed next-poll time adapted to the feed's publish
//     rate and hints (<ttl>, sy:updatePeriod, Cache-Control max-age),
//     clamped and jittered; errors back off exponentially up to 24 h, and a
//     feed with FailingAfter consecutive errors is "failing" until it
//     recovers by itself.
//
// # Replicas
//
// Feed state (validators, next poll, errors, seen item identities) lives
// in a StateStore; KVStore keeps it in a JetStream KV bucket so a restart
// publishes nothing twice and any number of Fetchers share the list. A
// replica claims a due feed by writing a lease with a revision-checked
// update; the losers of that race skip the feed, and a lease left by a
// replica that died expires after Config.LeaseTimeout. In memory a
// replica keeps only a schedule entry per feed (about 100 bytes).
//
// # What it does not do
//
// It does not decide whether an article is a duplicate of another feed's
// (pkg/dedup does, with the same canonical URLs) and it does not extract
// claims. It never logs per item above Debug.
package feed
