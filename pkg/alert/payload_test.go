package alert

import (
	"strings"
	"testing"

	"github.com/claimwatch/claimwatch/pkg/model"
)

func TestGroupDigits(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 999: "999", 1500: "1,500", 12000: "12,000", 1234567.5: "1,234,567.5", -3000: "-3,000"} {
		if got := groupDigits(in); got != want {
			t.Errorf("groupDigits(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestPayloadNamesTriggerClaimsArticlesAndStory(t *testing.T) {
	ev := conflictEvent("conflict:x", q1500, q12000, artKyiv, artMeduza)
	p := newPayload("troops", &ev)
	if p.Trigger != model.EventClaimConflict || p.Rule != "troops" || p.EventKey != "conflict:x" || p.Story != demoStory {
		t.Errorf("payload header = %+v", p)
	}
	if len(p.Claims) != 2 || p.Claims[0].ID != "q1500" || p.Claims[1].ID != "q12000" {
		t.Errorf("claims = %+v", p.Claims)
	}
	if len(p.Articles) != 2 || p.Articles[1].URL != artMeduza.URL {
		t.Errorf("articles = %+v", p.Articles)
	}
	for _, w := range []string{"North Korea", "about 1,500 troops", "nearly 12,000 troops"} {
		if !strings.Contains(p.Summary, w) {
			t.Errorf("summary %q lacks %q", p.Summary, w)
		}
	}
	if p.ID != AlertID("troops", "conflict:x") || p.ID == AlertID("other", "conflict:x") || p.ID == AlertID("troops", "conflict:y") {
		t.Error("alert IDs are not distinct per rule and event")
	}
}

func TestSummaries(t *testing.T) {
	tests := []struct {
		name string
		ev   model.Event
		want []string
	}{
		{"quote", newClaimEvent("k", quote("p", "Vladimir Putin", "This is our business."), artKyiv), []string{"New quote by Vladimir Putin", "“This is our business.”"}},
		{"spread", model.Event{Type: model.EventClaimSpread, Key: "k", Claim: &q3000, Outlets: 4}, []string{"Spreading (4 outlets)", "as high as 3,000 troops", "U.S. estimates"}},
		{"long quotes are clipped", newClaimEvent("k", quote("p", "X", strings.Repeat("word ", 100)), artKyiv), []string{"…"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPayload("r", &tt.ev)
			for _, w := range tt.want {
				if !strings.Contains(p.Summary, w) {
					t.Errorf("summary %q lacks %q", p.Summary, w)
				}
			}
		})
	}
}

func TestSlackTextEscapesAndLinks(t *testing.T) {
	ev := newClaimEvent("k", quote("p", "A <b>", "x & y"), artKyiv)
	m := &Message{Key: "k", Alerts: []Payload{newPayload("r", &ev)}}
	txt := slackText(m)
	if strings.Contains(txt, "<b>") || !strings.Contains(txt, "&lt;b&gt;") || !strings.Contains(txt, "x &amp; y") {
		t.Errorf("slack text not escaped: %q", txt)
	}
	if !strings.Contains(txt, "<"+artKyiv.URL+"|") {
		t.Errorf("slack text lacks the article link: %q", txt)
	}
}
