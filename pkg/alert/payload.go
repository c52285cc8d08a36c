package alert

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// Payload is the JSON body a webhook receives for one alert, and the data
// every other sink formats.
type Payload struct {
	V int `json:"v"`
	// ID is the idempotency key: stable for one rule and one event.
	ID       string             `json:"id"`
	Rule     string             `json:"rule"`
	Trigger  string             `json:"trigger"`
	EventKey string             `json:"event_key"`
	Time     time.Time          `json:"time"`
	Summary  string             `json:"summary"`
	Claims   []model.Claim      `json:"claims"`
	Articles []model.ArticleRef `json:"articles,omitempty"`
	Story    string             `json:"story,omitempty"`
	Conflict *ConflictInfo      `json:"conflict,omitempty"`
	Outlets  int                `json:"outlets,omitempty"`
}

// ConflictInfo names the conflict of a claim.conflict alert; the two
// claims are Payload.Claims[0] and [1].
type ConflictInfo struct {
	ID      string `json:"id"`
	Subject string `json:"subject"`
	Unit    string `json:"unit"`
}

// Digest is the JSON body of a webhook message batching several alerts.
// Its Trigger is always "digest"; each item keeps its own ID so a receiver
// can drop items it has already seen.
type Digest struct {
	V       int       `json:"v"`
	ID      string    `json:"id"`
	Trigger string    `json:"trigger"`
	Summary string    `json:"summary"`
	Alerts  []Payload `json:"alerts"`
}

// TriggerDigest is the trigger named by a digest message.
const TriggerDigest = "digest"

// AlertID returns the idempotency key of rule's alert for an event key.
func AlertID(rule, eventKey string) string {
	h := sha256.Sum256([]byte(rule + "\x00" + eventKey))
	return hex.EncodeToString(h[:16])
}

// newPayload builds the alert of rule for ev.
func newPayload(rule string, ev *model.Event) Payload {
	p := Payload{
		V: model.Version, ID: AlertID(rule, ev.Key), Rule: rule, Trigger: ev.Type,
		EventKey: ev.Key, Time: ev.Time, Outlets: ev.Outlets,
	}
	if c := ev.Conflict; c != nil {
		p.Claims = []model.Claim{c.A, c.B}
		p.Articles = []model.ArticleRef{c.ArticleA, c.ArticleB}
		p.Conflict = &ConflictInfo{ID: c.ID, Subject: c.Subject, Unit: c.Unit}
		p.Story = firstNonEmpty(c.ArticleA.StoryID, c.ArticleB.StoryID)
	} else if ev.Claim != nil {
		p.Claims = []model.Claim{*ev.Claim}
		if ev.Article != nil {
			p.Articles = []model.ArticleRef{*ev.Article}
			p.Story = ev.Article.StoryID
		}
	}
	p.Summary = summarize(&p)
	return p
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// summarize renders a one-line human summary, used as Slack text, e-mail
// subject and log message.
func summarize(p *Payload) string {
	if len(p.Claims) == 0 {
		return p.Trigger
	}
	switch p.Trigger {
	case model.EventClaimConflict:
		if len(p.Claims) == 2 && p.Conflict != nil {
			return fmt.Sprintf("Conflicting figures for %s: %s vs %s", orUnknown(p.Conflict.Subject),
				figure(&p.Claims[0], sourceOf(&p.Claims[0], p.Articles, 0)),
				figure(&p.Claims[1], sourceOf(&p.Claims[1], p.Articles, 1)))
		}
	case model.EventClaimSpread:
		return fmt.Sprintf("Spreading (%d outlets): %s", p.Outlets, describe(&p.Claims[0]))
	}
	return "New " + describe(&p.Claims[0])
}

func orUnknown(s string) string {
	if s == "" {
		return "an unnamed subject"
	}
	return s
}

func describe(c *model.Claim) string {
	switch c.Kind {
	case model.KindQuote, model.KindStatement:
		who := firstNonEmpty(c.Speaker, c.Source, "unattributed")
		return fmt.Sprintf("%s by %s: “%s”", c.Kind, who, clip(c.Content, 200))
	case model.KindQuantity:
		return fmt.Sprintf("figure: %s", figure(c, c.Source))
	}
	return clip(firstNonEmpty(c.Content, c.Text), 200)
}

// figure renders "about 1,500 troops (U.S. estimates)".
func figure(c *model.Claim, source string) string {
	if c.Quantity == nil {
		return clip(c.Content, 120)
	}
	q := c.Quantity
	s := strings.TrimSpace(q.Hedge + " " + groupDigits(q.Value) + " " + q.Unit)
	if source != "" {
		s += " (" + source + ")"
	}
	return s
}

func sourceOf(c *model.Claim, arts []model.ArticleRef, i int) string {
	if c.Source != "" {
		return c.Source
	}
	if i < len(arts) {
		return arts[i].Title
	}
	return ""
}

// groupDigits formats 12000 as "12,000" and keeps fractions.
func groupDigits(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}
