package alert

import (
	"testing"
)

// BenchmarkMatchAndRender is the per-event CPU work of Handle without
// NATS: match every demo event against the demo rules and render the
// webhook body of each alert.
func BenchmarkMatchAndRender(b *testing.B) {
	rs, err := ParseRules([]byte(`
sinks: [{name: hook, type: webhook, url: "http://127.0.0.1:9/"}]
rules:
  - {name: putin-quotes, triggers: [claim.new], match: {kind: quote, speaker: Putin}, sinks: [hook]}
  - {name: troop-conflicts, triggers: [claim.conflict], match: {subject: North Korea, keywords: troops}, sinks: [hook]}
  - {name: nothing, triggers: [claim.new, claim.conflict], match: {speaker: Zelensky, entity: [Kyiv, Kursk]}, sinks: [hook]}
`))
	if err != nil {
		b.Fatal(err)
	}
	a := &Alerter{}
	for _, r := range rs.Rules {
		cr := &rule{Rule: r, m: compileMatch(r.Match), triggers: map[string]bool{}}
		for _, t := range r.Triggers {
			cr.triggers[t] = true
		}
		a.rules = append(a.rules, cr)
	}
	evs := demoEvents()
	b.ReportAllocs()
	for b.Loop() {
		for i := range evs {
			for _, r := range a.matching(&evs[i]) {
				m := Message{Alerts: []Payload{newPayload(r.Name, &evs[i])}}
				m.Key = messageKey(m.Alerts)
				if _, err := m.Body(); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}
