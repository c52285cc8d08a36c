package alert

import (
	"testing"

	"github.com/claimwatch/claimwatch/pkg/model"
)

func TestMatch(t *testing.T) {
	putin := newClaimEvent("k1", quote("p", "Vladimir Putin", "This is our business.", "Vladimir Putin", "North Korea"), artKyiv)
	gur := newClaimEvent("k2", quote("g", "Ukraine’s defense intelligence agency (GUR)", "units have arrived", "GUR"), artYonhap)
	conflict := conflictEvent("k3", q1500, q12000, artKyiv, artMeduza)
	noArticle := model.Event{Type: model.EventClaimNew, Key: "k4", Claim: quote("p", "Vladimir Putin", "x")}
	tests := []struct {
		name  string
		match Match
		ev    model.Event
		want  bool
	}{
		{"an empty match takes everything", Match{}, putin, true},
		{"a surname matches the full name", Match{Speaker: StringList{"putin"}}, putin, true},
		{"a full name matches", Match{Speaker: StringList{"Vladimir Putin"}}, putin, true},
		{"part of a word does not match", Match{Speaker: StringList{"Put"}}, putin, false},
		{"another speaker does not match", Match{Speaker: StringList{"Putin"}}, gur, false},
		{"an acronym in parentheses matches", Match{Speaker: StringList{"GUR"}}, gur, true},
		{"any listed value is enough", Match{Speaker: StringList{"Zelensky", "Putin"}}, putin, true},
		{"kind must be listed", Match{Kind: StringList{"quantity"}}, putin, false},
		{"conditions are ANDed", Match{Kind: StringList{"quote"}, Speaker: StringList{"Zelensky"}}, putin, false},
		{"entity matches", Match{Entity: StringList{"north korea"}}, putin, true},
		{"missing entity", Match{Entity: StringList{"Kursk"}}, putin, false},
		{"keyword in content", Match{Keywords: StringList{"business"}}, putin, true},
		{"keyword phrase in content", Match{Keywords: StringList{"our business"}}, putin, true},
		{"keyword absent", Match{Keywords: StringList{"nuclear"}}, putin, false},
		{"score below minimum", Match{MinScore: 0.95}, putin, false},
		{"score at minimum", Match{MinScore: 0.9}, putin, true},
		{"feed by host", Match{Feed: StringList{"kyivpost.example"}}, putin, true},
		{"feed by www host", Match{Feed: StringList{"www.kyivpost.example"}}, putin, true},
		{"feed by URL", Match{Feed: StringList{"https://www.kyivpost.example/feed.xml"}}, putin, true},
		{"other feed", Match{Feed: StringList{"meduza.example"}}, putin, false},
		{"feed condition without an article", Match{Feed: StringList{"kyivpost.example"}}, noArticle, false},
		{"story", Match{Story: StringList{demoStory}}, putin, true},
		{"other story", Match{Story: StringList{"s2"}}, putin, false},
		{"conflict subject", Match{Subject: StringList{"North Korea"}, Keywords: StringList{"troops"}}, conflict, true},
		{"conflict matches on either side's feed", Match{Feed: StringList{"meduza.example"}}, conflict, true},
		{"conflict subject mismatch", Match{Subject: StringList{"Ukraine"}}, conflict, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := compileMatch(tt.match)
			if got := m.matches(&tt.ev); got != tt.want {
				t.Errorf("matches = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSpreadFiresAtItsOutletCount(t *testing.T) {
	a := &Alerter{}
	r := &rule{Rule: Rule{Name: "s", Triggers: []string{model.EventClaimSpread}, Outlets: 3}, m: compileMatch(Match{}),
		triggers: map[string]bool{model.EventClaimSpread: true}}
	a.rules = []*rule{r}
	for n := 2; n <= 4; n++ {
		ev := model.Event{Type: model.EventClaimSpread, Key: "k", Claim: &q1500, Outlets: n}
		if got, want := len(a.matching(&ev)), map[bool]int{true: 1, false: 0}[n == 3]; got != want {
			t.Errorf("outlets %d: %d rules matched, want %d", n, got, want)
		}
	}
}
