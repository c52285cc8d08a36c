package claims

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimwatch/claimwatch/pkg/model"
)

func TestTranscriptTurnsAreQuotesOfTheirSpeakers(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []brief
	}{
		{"each labelled paragraph of a transcript is its speaker's quote",
			"CNN interviewed Gov. Mary Fallin on Sunday.\n\nJAKE TAPPER: Do you think Donald Trump has campaigned as a racial healer?\n\nFALLIN: I think he is trying to campaign as a racial healer.\n\nTAPPER: Thank you for joining us this morning.",
			[]brief{
				{model.KindQuote, "Jake Tapper", "Do you think Donald Trump has campaigned as a racial healer?", false},
				{model.KindQuote, "Mary Fallin", "I think he is trying to campaign as a racial healer", false},
				{model.KindQuote, "Jake Tapper", "Thank you for joining us this morning", false},
			}},
		{"a lone label in capitals is no transcript",
			"BREAKING: The senator will not run again.\n\nThe senator spoke on Monday.",
			nil},
		{"an interview's Q and A name nobody",
			"Q: How did things go for you after that?\n\nA: I felt just really helpless and hopeless about it.",
			nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, quotesOf(extract(t, tt.in))); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
		})
	}
}
