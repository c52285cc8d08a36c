package alert

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

const exampleRules = `
sinks:
  - name: ops
    type: webhook
    url: https://hooks.example.org/claimwatch
    secret: abc
    rate_per_minute: 30
    burst: 5
    digest: true
  - name: team
    type: slack
    url: https://hooks.slack.com/services/T0/B0/XYZ
  - name: bus
    type: nats
  - name: journal
    type: log
rules:
  - name: putin-quotes
    triggers: [claim.new]
    match:
      kind: quote
      speaker: Putin
    sinks: [ops, team]
  - name: troop-conflicts
    triggers: [claim.conflict]
    match:
      subject: [North Korea]
      keywords: [troops, soldiers]
      min_score: 0.5
    sinks: [ops, bus]
  - name: spreading
    triggers: [claim.spread]
    outlets: 3
    match:
      feed: [kyivpost.example]
      story: [story-1]
    sinks: [journal]
`

func TestParseRulesReadsEveryField(t *testing.T) {
	rs, err := ParseRules([]byte(exampleRules))
	if err != nil {
		t.Fatalf("ParseRules: %v", err)
	}
	want := &RuleSet{
		Sinks: []SinkConfig{
			{Name: "ops", Type: SinkWebhook, URL: "https://hooks.example.org/claimwatch", Secret: "abc", Timeout: 10 * time.Second, RatePerMinute: 30, Burst: 5, Digest: true, DigestMax: 50},
			{Name: "team", Type: SinkSlack, URL: "https://hooks.slack.com/services/T0/B0/XYZ", Timeout: 10 * time.Second, DigestMax: 50},
			{Name: "bus", Type: SinkNATS, Timeout: 10 * time.Second, DigestMax: 50},
			{Name: "journal", Type: SinkLog, Timeout: 10 * time.Second, DigestMax: 50},
		},
		Rules: []Rule{
			{Name: "putin-quotes", Triggers: []string{"claim.new"}, Match: Match{Kind: StringList{"quote"}, Speaker: StringList{"Putin"}}, Sinks: []string{"ops", "team"}},
			{Name: "troop-conflicts", Triggers: []string{"claim.conflict"}, Match: Match{Subject: StringList{"North Korea"}, Keywords: StringList{"troops", "soldiers"}, MinScore: 0.5}, Sinks: []string{"ops", "bus"}},
			{Name: "spreading", Triggers: []string{"claim.spread"}, Outlets: 3, Match: Match{Feed: StringList{"kyivpost.example"}, Story: StringList{"story-1"}}, Sinks: []string{"journal"}},
		},
	}
	if diff := cmp.Diff(want, rs, cmpopts.IgnoreUnexported(SinkConfig{}, Rule{})); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
}

func TestParseRulesRejectsMistakesWithTheirLine(t *testing.T) {
	const sink = "sinks:\n  - name: s\n    type: log\n"
	tests := []struct {
		name string
		yaml string
		want []string
	}{
		{"unknown field", sink + "rules:\n  - name: r\n    triggers: [claim.new]\n    sinks: [s]\n    colour: red\n", []string{"line 8", "colour"}},
		{"unknown trigger", sink + "rules:\n  - name: r\n    triggers: [claim.old]\n    sinks: [s]\n", []string{"line 5", `unknown trigger "claim.old"`}},
		{"unknown sink", sink + "rules:\n  - name: r\n    triggers: [claim.new]\n    sinks: [nowhere]\n", []string{"line 5", `unknown sink "nowhere"`}},
		{"spread without outlets", sink + "rules:\n  - name: r\n    triggers: [claim.spread]\n    sinks: [s]\n", []string{"line 5", "outlets of at least 2"}},
		{"outlets without spread", sink + "rules:\n  - name: r\n    triggers: [claim.new]\n    outlets: 3\n    sinks: [s]\n", []string{"outlets applies only"}},
		{"bad kind", sink + "rules:\n  - name: r\n    triggers: [claim.new]\n    match: {kind: rumour}\n    sinks: [s]\n", []string{`unknown kind "rumour"`}},
		{"score out of range", sink + "rules:\n  - name: r\n    triggers: [claim.new]\n    match: {min_score: 2}\n    sinks: [s]\n", []string{"min_score"}},
		{"bad rule name", sink + "rules:\n  - name: 'a b'\n    triggers: [claim.new]\n    sinks: [s]\n", []string{"name must be"}},
		{"duplicate rule", sink + "rules:\n  - name: r\n    triggers: [claim.new]\n    sinks: [s]\n  - name: r\n    triggers: [claim.new]\n    sinks: [s]\n", []string{"line 8", "defined twice"}},
		{"webhook without url", "sinks:\n  - name: w\n    type: webhook\nrules: []\n", []string{"line 2", "absolute http"}},
		{"unknown sink type", "sinks:\n  - name: w\n    type: pager\n", []string{`unknown type "pager"`}},
		{"digest without rate", "sinks:\n  - name: w\n    type: log\n    digest: true\n", []string{"digest needs rate_per_minute"}},
		{"email without recipients", "sinks:\n  - name: m\n    type: email\n    smtp: localhost:25\n", []string{"from and to"}},
		{"missing secret variable", "sinks:\n  - name: w\n    type: webhook\n    url: http://x.example/\n    secret_env: CW_ALERT_TEST_UNSET_VARIABLE\n", []string{"CW_ALERT_TEST_UNSET_VARIABLE is empty"}},
		{"wrong type", "rules: 3\n", []string{"line 1"}},
		{"not yaml", "rules: [\n", []string{"yaml"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRules([]byte(tt.yaml))
			if err == nil {
				t.Fatal("ParseRules accepted invalid rules")
			}
			if !errors.Is(err, ErrRules) {
				t.Errorf("error %v does not wrap ErrRules", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestParseRulesReportsEveryProblem(t *testing.T) {
	_, err := ParseRules([]byte("rules:\n  - name: a\n    triggers: [x]\n    sinks: [s]\n  - name: b\n    triggers: [claim.new]\n"))
	if err == nil {
		t.Fatal("accepted")
	}
	for _, w := range []string{"line 2", "line 5", `unknown trigger "x"`, "at least one sink"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
}

func TestQuickPathSendsNewClaimsAndConflictsToOneWebhook(t *testing.T) {
	cfg, err := Config{WebhookURL: "http://127.0.0.1:9/hook", Secret: "x"}.withDefaults()
	if err != nil {
		t.Fatal(err)
	}
	if got := len(cfg.Rules.Rules); got != 1 {
		t.Fatalf("quick path made %d rules, want 1", got)
	}
	r := cfg.Rules.Rules[0]
	if diff := cmp.Diff([]string{"claim.new", "claim.conflict"}, r.Triggers); diff != "" {
		t.Errorf("triggers (-want +got):\n%s", diff)
	}
	if s := cfg.Rules.Sinks[0]; s.Type != SinkWebhook || s.Secret != "x" || s.URL != "http://127.0.0.1:9/hook" {
		t.Errorf("quick sink = %+v", s)
	}
}

func TestConfigWithoutRulesIsAnError(t *testing.T) {
	if _, err := (Config{}).withDefaults(); err == nil {
		t.Error("a config with no rules and no webhook was accepted")
	}
	if _, err := (Config{WebhookURL: "ftp://x"}).withDefaults(); err == nil {
		t.Error("a non-http webhook URL was accepted")
	}
}

func FuzzParseRules(f *testing.F) {
	f.Add([]byte(exampleRules))
	f.Add([]byte("rules: [{name: a, triggers: [claim.spread], outlets: 2, sinks: [b]}]\nsinks: [{name: b, type: log}]"))
	f.Add([]byte("sinks: {a: 1}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := ParseRules(data)
		if err != nil {
			return
		}
		// Whatever parses must build an alerter's rule set.
		if err := rs.Validate(); err != nil {
			t.Errorf("parsed rules fail validation: %v", err)
		}
	})
}
