// Package demo carries the five seed articles claimwatch was conceived
// from (one event, five outlets, October 2024) and serves them as an RSS
// feed on loopback, so `claimwatch run --demo`, the end-to-end tests and
// the benchmarks work offline.
//
// The article bodies are kept as scraped, page chrome and all, because
// cleaning them is part of what the pipeline demonstrates.
package demo
