package claims

import (
	"math"
	"strings"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// Score rates how check-worthy a claim is, in [0, 1]. The rule, additive
// and clamped:
//
//	base: quantity 0.55, quote 0.45, statement 0.40; a fragment 0.20
//	+0.15 a named speaker or source (a name, not a pronoun or "officials")
//	+0.15 the content holds a figure (a digit or a quantity claim)
//	+0.10 a factual cue (confirmed, reported, announced, revealed …)
//	+0.05 a date
//	-0.25 a question
//	-0.15 opinion or speculation words (believe, think, hope, may, might …)
//	-0.10 fewer than five words of content
//
// Figures, named sources and factual verbs raise it; opinion, questions
// and vague talk lower it.
func Score(c *model.Claim, cue string) float64 {
	s := 0.40
	switch {
	case c.Fragment:
		s = 0.20
	case c.Kind == model.KindQuantity:
		s = 0.55
	case c.Kind == model.KindQuote:
		s = 0.45
	}
	who := c.Speaker
	if who == "" {
		who = c.Source
	}
	var buf [64]byte
	if who != "" && isUpperStart(who) && !speakerNouns.has(string(appendLower(buf[:0], lastWord(who)))) {
		s += 0.15
	}
	if c.Kind == model.KindQuantity || strings.IndexAny(c.Content, "0123456789") >= 0 {
		s += 0.15
	}
	if factualCues.has(cue) {
		s += 0.10
	}
	if c.Date != "" {
		s += 0.05
	}
	content := strings.TrimSpace(c.Content)
	if strings.HasSuffix(strings.TrimRight(content, "”\"’'"), "?") {
		s -= 0.25
	}
	n, opinion := 0, false
	for w := range wordRuns(content) {
		n++
		opinion = opinion || opinionWords.has(string(appendLower(buf[:0], w)))
		if opinion && n >= 5 {
			break // nothing more to learn
		}
	}
	if opinion {
		s -= 0.15
	}
	if beliefCues.has(cue) {
		s -= 0.15
	}
	if n < 5 {
		s -= 0.10
	}
	return math.Round(math.Max(0, math.Min(1, s))*100) / 100
}

var factualCues = toSet(`confirmed confirms reported reports announced announces revealed reveals
disclosed found showed shows estimated estimates according stated testified acknowledged admitted`)

var opinionWords = toSet(`believe believes think thinks hope hopes feel feels may might could should
would perhaps maybe probably possibly seems seem opinion wonderful terrible great`)
