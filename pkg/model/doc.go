// Package model holds the wire types every claimwatch stage exchanges over
// NATS JetStream: articles as fetched, the dedup decision for each article,
// the claims extracted from it, and the events the store emits for the
// alerter. It is the only definition of the wire format.
//
// Every payload carries "v": Version. Decode rejects a payload whose version
// it does not know with an error wrapping ErrVersion, so a stage running an
// older build dead-letters a newer message instead of misreading it.
//
// The package does no I/O and knows nothing of NATS; stages meet here and in
// pkg/bus only.
package model
