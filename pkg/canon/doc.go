// Package canon turns URLs into a canonical form, so two spellings of the
// same article's address (different case in the host, a default port, a
// fragment, tracking parameters, parameters in another order) compare equal.
//
// The fetcher uses the canonical URL as the first choice of an item's
// identity, and the dedup stage uses it to recognise the same article
// arriving through different feeds. The package does no I/O: it never
// follows redirects or resolves names, and it does not guess at site-specific
// rules (such as "www." being the same host as the bare domain), because
// those change what the URL addresses.
package canon
