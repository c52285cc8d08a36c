// Package claims turns the text of one news article into claims: direct
// quotes with resolved speakers, reported statements, and attributed
// figures, each with its date, entities, check-worthiness score and the
// place it was read from. It also builds the canonical claim key (so the
// same claim from many outlets is one claim) and decides when two figures
// conflict.
//
// # Pipeline
//
// The extractor stage (Stage) consumes model.UniqueArticle from
// cw.articles.unique, runs an Extractor and publishes one model.ClaimBatch
// on cw.claims.extracted. The store merges claims by Claim.ID (Key, ID) and
// calls Conflicts against stored quantity claims with the same subject and
// unit.
//
// # How the rule-based extractor reads an article
//
//  1. Clean: HTML to text, Unicode NFC (curly quotes kept), page furniture
//     and scraper residue dropped (clean.go).
//  2. Segment: paragraphs, then sentences that survive abbreviations,
//     initials, decimals, ellipses and quotations (sentence.go).
//  3. Find quotations over the whole text, joining quotes that run over
//     paragraphs, and attribute them (quote.go, speaker.go).
//  4. Find reported speech without quotation marks (statement.go), figures
//     (quantity.go), dates (date.go) and entities (entity.go).
//  5. Score check-worthiness (score.go) and build keys (key.go).
//
// Everything is linear in the article length: there are no regular
// expressions with backtracking over the whole text and no nested scans,
// so a 10 MB article or one with 100,000 quotation marks finishes in
// bounded time.
//
// The package does no I/O except Stage, which publishes through a
// bus.Publisher; it does not log (the stage logs at its edges).
package claims
