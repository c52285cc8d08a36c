// Package bus is claimwatch's only contact with NATS: it connects to an
// external cluster or starts the embedded nats-server, declares the
// streams, durable consumers and KV buckets of the pipeline (topology.go,
// the one place they are defined), publishes with Nats-Msg-Id so a stream's
// duplicate window drops re-publishes, and runs every stage through one
// runner.
//
// # The stage runner
//
// RunStage pull-consumes a stage's durable consumer with bounded
// concurrency. A Handler's result decides the message's fate: nil acks;
// an error marked Permanent (or an undecodable or wrong-version payload)
// is copied to CW_DLQ with the stage, error, delivery count and original
// headers and then terminated; any other error is nak'ed with a growing
// delay until the stage's MaxDeliver, then dead-lettered the same way.
// Long handlers are kept alive with in-progress heartbeats. On shutdown
// the runner stops pulling, hands back messages it buffered but had not
// started, and lets in-flight handlers finish within a grace period.
//
// Delivery is at least once: handlers must be idempotent.
//
// # Names
//
// Subjects, streams, consumers and buckets are the ones of DESIGN.md.
// A Conn with a prefix maps them to "<prefix>.cw.…" and "<prefix>_CW_…"
// so several deployments, or test runs, share one server without seeing
// each other's data.
package bus
