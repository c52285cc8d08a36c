package alert

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// Sink types a rules file may name.
const (
	SinkWebhook = "webhook"
	SinkSlack   = "slack"
	SinkNATS    = "nats"
	SinkLog     = "log"
	SinkEmail   = "email"
)

// RuleSet is the content of a rules file.
//
//	sinks:
//	  - name: ops
//	    type: webhook            # webhook | slack | nats | log | email
//	    url: https://example.org/hook
//	    secret_env: OPS_SECRET   # or secret: literal
//	    rate_per_minute: 30      # optional token bucket, per replica
//	    burst: 5
//	    digest: true             # batch a burst into one message
//	rules:
//	  - name: putin-quotes
//	    triggers: [claim.new]    # claim.new | claim.conflict | claim.spread
//	    match:
//	      kind: quote
//	      speaker: Putin
//	    sinks: [ops]
//	  - name: spreading
//	    triggers: [claim.spread]
//	    outlets: 3               # fires on the event whose outlet count is 3
//	    sinks: [ops]
type RuleSet struct {
	Sinks []SinkConfig `yaml:"sinks"`
	Rules []Rule       `yaml:"rules"`
}

// SinkConfig configures one named sink.
type SinkConfig struct {
	Name string `yaml:"name"`
	Type string `yaml:"type"`
	// URL is the endpoint of a webhook or Slack sink.
	URL string `yaml:"url"`
	// Secret signs webhook bodies; SecretEnv names an environment variable
	// holding it, so the rules file need not contain secrets.
	Secret    string            `yaml:"secret"`
	SecretEnv string            `yaml:"secret_env"`
	Headers   map[string]string `yaml:"headers"`
	// Timeout bounds one delivery attempt (default 10s).
	Timeout time.Duration `yaml:"timeout"`
	// RatePerMinute enables a token bucket of Burst tokens refilled at this
	// rate. Zero means unlimited.
	RatePerMinute float64 `yaml:"rate_per_minute"`
	Burst         int     `yaml:"burst"`
	// Digest batches alerts that waited for a token into one message of at
	// most DigestMax items (default 50).
	Digest    bool `yaml:"digest"`
	DigestMax int  `yaml:"digest_max"`
	// E-mail sinks: SMTP is host:port; Username with PasswordEnv enables
	// PLAIN auth (only over TLS or to localhost, as net/smtp enforces).
	SMTP        string   `yaml:"smtp"`
	From        string   `yaml:"from"`
	To          []string `yaml:"to"`
	Username    string   `yaml:"username"`
	PasswordEnv string   `yaml:"password_env"`

	line int
}

// Rule selects events and names the sinks their alerts go to.
type Rule struct {
	Name     string   `yaml:"name"`
	Triggers []string `yaml:"triggers"`
	// Outlets is the distinct-outlet count at which a claim.spread trigger
	// fires (at least 2).
	Outlets int      `yaml:"outlets"`
	Match   Match    `yaml:"match"`
	Sinks   []string `yaml:"sinks"`

	line int
}

// Match holds a rule's conditions. Every non-empty condition must hold; a
// condition holds when any of its values matches. Names (speaker, entity,
// subject) match case-insensitively on whole words, so "Putin" matches
// "Vladimir Putin". Keywords match whole words of the claim's content or
// text. Feed matches the feed URL or its host name; Story the story ID.
type Match struct {
	Kind     StringList `yaml:"kind" json:"kind,omitempty"`
	Speaker  StringList `yaml:"speaker" json:"speaker,omitempty"`
	Entity   StringList `yaml:"entity" json:"entity,omitempty"`
	Subject  StringList `yaml:"subject" json:"subject,omitempty"`
	Keywords StringList `yaml:"keywords" json:"keywords,omitempty"`
	MinScore float64    `yaml:"min_score" json:"min_score,omitempty"`
	Feed     StringList `yaml:"feed" json:"feed,omitempty"`
	Story    StringList `yaml:"story" json:"story,omitempty"`
}

// StringList is a YAML value given as one string or a list of strings.
type StringList []string

// UnmarshalYAML implements yaml.Unmarshaler.
func (s *StringList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		*s = StringList{n.Value}
		return nil
	case yaml.SequenceNode:
		var l []string
		if err := n.Decode(&l); err != nil {
			return err
		}
		*s = l
		return nil
	}
	return fmt.Errorf("line %d: want a string or a list of strings", n.Line)
}

var nameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// ErrRules is wrapped by every error ParseRules returns.
var ErrRules = errors.New("invalid alert rules")

// LoadRules reads and parses a rules file.
func LoadRules(path string) (*RuleSet, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read rules: %w", err)
	}
	rs, err := ParseRules(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rs, nil
}

// ParseRules parses and validates a rules file. Errors name the line of
// the offending sink or rule; all problems are reported at once.
func ParseRules(data []byte) (*RuleSet, error) {
	var rs RuleSet
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&rs); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRules, err)
	}
	// A second pass over the node tree finds the line of every item, so
	// semantic errors can point at it.
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrRules, err)
	}
	sinkLines, ruleLines := itemLines(&doc, "sinks"), itemLines(&doc, "rules")
	for i := range rs.Sinks {
		if i < len(sinkLines) {
			rs.Sinks[i].line = sinkLines[i]
		}
	}
	for i := range rs.Rules {
		if i < len(ruleLines) {
			rs.Rules[i].line = ruleLines[i]
		}
	}
	if err := rs.Validate(); err != nil {
		return nil, err
	}
	return &rs, nil
}

// itemLines returns the line of each item of the top-level sequence key.
func itemLines(doc *yaml.Node, key string) []int {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value != key || m.Content[i+1].Kind != yaml.SequenceNode {
			continue
		}
		var lines []int
		for _, item := range m.Content[i+1].Content {
			lines = append(lines, item.Line)
		}
		return lines
	}
	return nil
}

// Validate checks names, types, triggers and references and fills in
// defaults. It reports every problem, each with its line when known.
func (rs *RuleSet) Validate() error {
	var errs []error
	bad := func(line int, format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		if line > 0 {
			msg = fmt.Sprintf("line %d: %s", line, msg)
		}
		errs = append(errs, fmt.Errorf("%w: %s", ErrRules, msg))
	}
	sinks := map[string]bool{}
	for i := range rs.Sinks {
		s := &rs.Sinks[i]
		if !nameRE.MatchString(s.Name) {
			bad(s.line, "sink %q: name must be 1-64 letters, digits, '-' or '_'", s.Name)
		}
		if sinks[s.Name] {
			bad(s.line, "sink %q: defined twice", s.Name)
		}
		sinks[s.Name] = true
		for _, msg := range s.check() {
			bad(s.line, "sink %q: %s", s.Name, msg)
		}
	}
	rules := map[string]bool{}
	for i := range rs.Rules {
		r := &rs.Rules[i]
		if !nameRE.MatchString(r.Name) {
			bad(r.line, "rule %q: name must be 1-64 letters, digits, '-' or '_'", r.Name)
		}
		if rules[r.Name] {
			bad(r.line, "rule %q: defined twice", r.Name)
		}
		rules[r.Name] = true
		for _, msg := range r.check() {
			bad(r.line, "rule %q: %s", r.Name, msg)
		}
		for _, s := range r.Sinks {
			if !sinks[s] {
				bad(r.line, "rule %q: unknown sink %q", r.Name, s)
			}
		}
	}
	return errors.Join(errs...)
}

func (s *SinkConfig) check() []string {
	var msgs []string
	switch s.Type {
	case SinkWebhook, SinkSlack:
		if err := checkURL(s.URL); err != nil {
			msgs = append(msgs, err.Error())
		}
	case SinkEmail:
		if s.SMTP == "" || !strings.Contains(s.SMTP, ":") {
			msgs = append(msgs, "smtp must be host:port")
		}
		if s.From == "" || len(s.To) == 0 {
			msgs = append(msgs, "from and to are required")
		}
	case SinkNATS, SinkLog:
	default:
		msgs = append(msgs, fmt.Sprintf("unknown type %q (want webhook, slack, nats, log or email)", s.Type))
	}
	if s.Secret != "" && s.SecretEnv != "" {
		msgs = append(msgs, "give secret or secret_env, not both")
	}
	if s.SecretEnv != "" && os.Getenv(s.SecretEnv) == "" {
		msgs = append(msgs, fmt.Sprintf("environment variable %s is empty", s.SecretEnv))
	}
	if s.Timeout < 0 || s.RatePerMinute < 0 || s.Burst < 0 || s.DigestMax < 0 {
		msgs = append(msgs, "timeout, rate_per_minute, burst and digest_max must not be negative")
	}
	if s.Digest && s.RatePerMinute == 0 {
		msgs = append(msgs, "digest needs rate_per_minute: a digest batches what the rate limit holds back")
	}
	if s.Timeout == 0 {
		s.Timeout = 10 * time.Second
	}
	if s.RatePerMinute > 0 && s.Burst == 0 {
		s.Burst = 1
	}
	if s.DigestMax == 0 {
		s.DigestMax = 50
	}
	return msgs
}

func (r *Rule) check() []string {
	var msgs []string
	if len(r.Triggers) == 0 {
		msgs = append(msgs, "needs at least one trigger")
	}
	spread := false
	for _, t := range r.Triggers {
		switch t {
		case model.EventClaimNew, model.EventClaimConflict:
		case model.EventClaimSpread:
			spread = true
		default:
			msgs = append(msgs, fmt.Sprintf("unknown trigger %q (want claim.new, claim.conflict or claim.spread)", t))
		}
	}
	if spread && r.Outlets < 2 {
		msgs = append(msgs, "trigger claim.spread needs outlets of at least 2")
	}
	if !spread && r.Outlets != 0 {
		msgs = append(msgs, "outlets applies only to the claim.spread trigger")
	}
	for _, k := range r.Match.Kind {
		if k != model.KindQuote && k != model.KindStatement && k != model.KindQuantity {
			msgs = append(msgs, fmt.Sprintf("unknown kind %q (want quote, statement or quantity)", k))
		}
	}
	if r.Match.MinScore < 0 || r.Match.MinScore > 1 {
		msgs = append(msgs, "min_score must be between 0 and 1")
	}
	if len(r.Sinks) == 0 {
		msgs = append(msgs, "needs at least one sink")
	}
	return msgs
}
