package bus

import "strings"

// Logical subjects. Stages publish and consume these; a Conn maps them onto
// the wire with its prefix, so test runs against a shared server never see
// each other's data.
const (
	SubjectArticlesRaw       = "cw.articles.raw"
	SubjectArticlesUnique    = "cw.articles.unique"
	SubjectArticlesDuplicate = "cw.articles.duplicate"
	SubjectClaimsExtracted   = "cw.claims.extracted"
	SubjectEventsPrefix      = "cw.events."
	SubjectEventClaimNew     = "cw.events.claim.new"
	SubjectEventConflict     = "cw.events.claim.conflict"
	SubjectEventSpread       = "cw.events.claim.spread"
	SubjectDLQPrefix         = "cw.dlq."
	SubjectAlertsPrefix      = "cw.alerts."
)

// Stream names.
const (
	StreamArticles = "CW_ARTICLES"
	StreamClaims   = "CW_CLAIMS"
	StreamEvents   = "CW_EVENTS"
	StreamDLQ      = "CW_DLQ"
	StreamAlerts   = "CW_ALERTS"
)

// Durable consumer names, one per stage.
const (
	ConsumerDedup     = "dedup"
	ConsumerExtractor = "extractor"
	ConsumerStore     = "store"
	ConsumerAlerter   = "alerter"
)

// KV bucket names.
const (
	BucketFeeds  = "cw_feeds"
	BucketDedup  = "cw_dedup"
	BucketStory  = "cw_stories"
	BucketAlerts = "cw_alert_marks"
)

// Header names claimwatch sets on messages.
const (
	HeaderStage        = "Cw-Stage"
	HeaderError        = "Cw-Error"
	HeaderDeliveries   = "Cw-Deliveries"
	HeaderOrigSubject  = "Cw-Original-Subject"
	HeaderOrigSequence = "Cw-Original-Sequence"
	HeaderPublished    = "Cw-Published-Unix-Nano"
)

// Names maps logical subjects, streams, consumers and buckets onto the
// names used on one NATS deployment. The zero value uses the names of
// DESIGN.md unchanged.
type Names struct {
	// Prefix, when set, is prepended to subjects ("p.cw.articles.raw"),
	// streams, consumers and buckets ("p_CW_ARTICLES").
	Prefix string
}

// Subject returns the wire subject for a logical one.
func (n Names) Subject(logical string) string {
	if n.Prefix == "" {
		return logical
	}
	return n.Prefix + "." + logical
}

// Logical strips the prefix from a wire subject.
func (n Names) Logical(wire string) string {
	if n.Prefix == "" {
		return wire
	}
	return strings.TrimPrefix(wire, n.Prefix+".")
}

// Stream returns the wire name of a stream, consumer or bucket.
func (n Names) Stream(name string) string {
	if n.Prefix == "" {
		return name
	}
	return n.Prefix + "_" + name
}
