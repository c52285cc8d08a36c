// Package alert turns claim events (cw.events.claim.new, .conflict and
// .spread) into alerts and delivers them to webhooks, Slack, a NATS
// subject, the log or e-mail.
//
// # Rules
//
// A YAML rules file (ParseRules, LoadRules) names sinks and rules. A rule
// has triggers (claim.new, claim.conflict, claim.spread with an outlet
// count), match conditions (kind, speaker, entity, subject, keywords in the
// content, minimum score, feed, story) and the sinks it sends to. Conditions
// are ANDed; the values listed under one condition are ORed. Config's
// WebhookURL and Secret are the quick path: one rule sending every new claim
// and conflict to one signed webhook.
//
// # Delivery
//
// Handle, called by the bus runner for each event, does no network I/O
// towards receivers. For every (rule, sink) the event matches it creates a
// delivery mark in a JetStream KV bucket with kv.Create and acknowledges the
// event. A failed Create because the key exists means another replica (or an
// earlier delivery of the same event) already recorded it, so redeliveries
// and replicas never produce a second alert. Decoupling the consumer from
// delivery means a receiver that is down for hours neither blocks other rules
// nor exhausts the consumer's MaxDeliver: its alerts wait in KV.
//
// Run owns the delivery loop: it watches the bucket (so every replica sees
// every pending mark, including those created by a replica that died) and
// runs one worker per sink. A worker may only send a mark it holds a lease
// on (sink timeout + Config.LeaseGrace). The replica that creates a mark
// holds its first lease, so the common case costs one Create and one Update
// per alert; the worker sends the rule's next alert without waiting for that
// Update (at most 64 in flight per replica), so a receiver's round trip, not
// the bucket's, paces delivery. After a failure, or while the mark waits behind an older mark
// of its rule, the lease is released and any replica may take it with a
// revision-checked kv.Update once the backoff has elapsed. Success is
// recorded with another revision-checked Update; a replica that dies
// holding a lease delays its alerts until the lease runs out. The receiver sees each alert once per rule in
// normal operation; after a crash between sending and recording it may see a
// retry, which carries the same Idempotency-Key.
//
// Failures back off exponentially (Config.InitialBackoff up to MaxBackoff).
// An alert still undelivered after Config.MaxAge, or refused by the receiver
// with a non-retryable status (4xx other than 408 and 429), is marked dead and
// published to the dead-letter stream on cw.dlq.alerter with the reason.
//
// Marks of one rule and sink are sent in event order: a worker does not send
// a mark while an older mark of the same rule and sink is still pending. The
// order is that of the CW_EVENTS stream sequence, which is what the replicas
// can agree on.
//
// # Rate limits and digests
//
// Each sink may have a token-bucket rate limit, applied per replica. Without
// digest mode alerts wait for a token. With digest mode, alerts that piled up
// while the bucket was empty are sent as one digest message when the next
// token arrives; every item inside a digest carries its own idempotency key.
//
// The package does not read the database: an event carries everything an
// alert shows. Alerts and Rules serve GET /api/v1/alerts.
package alert
