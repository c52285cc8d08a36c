package model

import "time"

// Event types, also the last two tokens of their subject under cw.events.
const (
	EventClaimNew      = "claim.new"
	EventClaimConflict = "claim.conflict"
	EventClaimSpread   = "claim.spread"
)

// Event is what the store emits after a transaction commits and the
// alerter turns into alerts. Key is unique per event and is used as the
// Nats-Msg-Id, so a re-emitted event is dropped by the stream.
type Event struct {
	V        int         `json:"v"`
	Type     string      `json:"type"`
	Key      string      `json:"key"`
	Time     time.Time   `json:"time"`
	Claim    *Claim      `json:"claim,omitempty"`
	Conflict *Conflict   `json:"conflict,omitempty"`
	Article  *ArticleRef `json:"article,omitempty"`
	Outlets  int         `json:"outlets,omitempty"`
}

// SchemaVersion implements Versioned.
func (e *Event) SchemaVersion() int { return e.V }
func (e *Event) stamp()             { e.V = Version }

// Conflict names two quantity claims about the same subject and unit whose
// intervals do not overlap, with the articles they were read from.
type Conflict struct {
	ID       string     `json:"id"`
	Subject  string     `json:"subject"`
	Unit     string     `json:"unit"`
	A        Claim      `json:"a"`
	B        Claim      `json:"b"`
	ArticleA ArticleRef `json:"article_a"`
	ArticleB ArticleRef `json:"article_b"`
}
