package alert

import (
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// matcher is a compiled Match: patterns are tokenised once.
type matcher struct {
	kind     []string
	speaker  [][]string
	entity   [][]string
	subject  [][]string
	keywords [][]string
	minScore float64
	feed     []string
	story    []string
}

func compileMatch(m Match) matcher {
	toks := func(l StringList) [][]string {
		var out [][]string
		for _, s := range l {
			if t := words(s); len(t) > 0 {
				out = append(out, t)
			}
		}
		return out
	}
	lower := func(l StringList) []string {
		var out []string
		for _, s := range l {
			if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return matcher{
		kind: lower(m.Kind), speaker: toks(m.Speaker), entity: toks(m.Entity),
		subject: toks(m.Subject), keywords: toks(m.Keywords), minScore: m.MinScore,
		feed: lower(m.Feed), story: m.Story,
	}
}

// side is one claim of an event with the article it was read from.
type side struct {
	claim   *model.Claim
	article *model.ArticleRef
}

// sides lists the claims an event is about: one for claim.new and
// claim.spread, both for claim.conflict.
func sides(ev *model.Event) []side {
	if ev.Conflict != nil {
		c := ev.Conflict
		return []side{{&c.A, &c.ArticleA}, {&c.B, &c.ArticleB}}
	}
	if ev.Claim != nil {
		return []side{{ev.Claim, ev.Article}}
	}
	return nil
}

// matches reports whether any side of ev satisfies every condition.
func (m *matcher) matches(ev *model.Event) bool {
	for _, s := range sides(ev) {
		if m.matchSide(s, ev) {
			return true
		}
	}
	return false
}

func (m *matcher) matchSide(s side, ev *model.Event) bool {
	c := s.claim
	if len(m.kind) > 0 && !slices.Contains(m.kind, c.Kind) {
		return false
	}
	if c.Score < m.minScore {
		return false
	}
	if len(m.speaker) > 0 && !anyPhrase(m.speaker, words(c.Speaker)) {
		return false
	}
	if len(m.entity) > 0 {
		found := false
		for _, e := range c.Entities {
			if anyPhrase(m.entity, words(e)) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	if len(m.subject) > 0 {
		subj := c.Subject
		if subj == "" && ev.Conflict != nil {
			subj = ev.Conflict.Subject
		}
		if !anyPhrase(m.subject, words(subj)) {
			return false
		}
	}
	if len(m.keywords) > 0 && !anyPhrase(m.keywords, words(c.Content)) && !anyPhrase(m.keywords, words(c.Text)) {
		return false
	}
	if len(m.feed) > 0 && (s.article == nil || !matchFeed(m.feed, s.article.FeedURL)) {
		return false
	}
	if len(m.story) > 0 && (s.article == nil || !slices.Contains(m.story, s.article.StoryID)) {
		return false
	}
	return true
}

// matchFeed accepts a pattern equal to the feed URL or to its host, with or
// without a leading "www.".
func matchFeed(patterns []string, feedURL string) bool {
	if feedURL == "" {
		return false
	}
	full := strings.ToLower(feedURL)
	host := ""
	if u, err := url.Parse(full); err == nil {
		host = strings.TrimPrefix(u.Hostname(), "www.")
	}
	for _, p := range patterns {
		if p == full || (host != "" && strings.TrimPrefix(p, "www.") == host) {
			return true
		}
	}
	return false
}

// anyPhrase reports whether any phrase occurs as consecutive whole words
// in text.
func anyPhrase(phrases [][]string, text []string) bool {
	for _, p := range phrases {
		if containsPhrase(text, p) {
			return true
		}
	}
	return false
}

func containsPhrase(text, phrase []string) bool {
	if len(phrase) == 0 || len(phrase) > len(text) {
		return false
	}
	for i := 0; i+len(phrase) <= len(text); i++ {
		if slices.Equal(text[i:i+len(phrase)], phrase) {
			return true
		}
	}
	return false
}

// words lower-cases s and splits it into runs of letters and digits, so
// punctuation, possessives' apostrophes and hyphens separate words.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}
