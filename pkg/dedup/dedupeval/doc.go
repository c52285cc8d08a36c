// Package dedupeval scores duplicate groups and story clusters against
// labelled data the way ../shared/tools/score.py does: on document pairs.
// A pair is predicted together when both documents have the same root
// (following duplicate_of links) or the same story; precision, recall and
// F1 are over those pairs. It also reads the JSON Lines corpora
// (neardup/dev.jsonl, stories/uci-headlines.jsonl, bbc/articles.jsonl) and
// finds the shared corpus directory from a package directory, so tests and
// `claimwatch eval dedup|stories` compute the same figures.
//
// The package does no clustering itself; callers hand it predictions.
package dedupeval
