package claims

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The cases cover quote attributions added while tuning on PolNeAR's
// training split; the sentences are written for the tests.
func TestQuoteAttributionConstructions(t *testing.T) {
	q := func(speaker, content string) []brief {
		return []brief{{"quote", speaker, content, false}}
	}
	tests := []struct {
		name string
		in   string
		want []brief
	}{
		{"a relative clause between the name and its cue",
			"Cruz spoke in Iowa.\n\n“The answer you would like me to give is yes,” Cruz, who has proposed repealing the mandate over five years, said at the time.",
			q("Cruz", "The answer you would like me to give is yes")},
		{"an attribution after a question mark may go on with its occasion",
			"Trump spoke on Monday.\n\n“It looks like we are not going to get along, who knows?” Trump told Britain’s ITV in an interview broadcast on Monday after he won.",
			q("Trump", "It looks like we are not going to get along, who knows?")},
		{"a plural possessive in the appositive after the name",
			"“The numbers we have seen put our campaign on pace,” Jeff Weaver, Sanders’ campaign manager, said in a statement.",
			q("Jeff Weaver", "The numbers we have seen put our campaign on pace")},
		{"party and state in parentheses after the name",
			"Speaking at a rally, Gov. John Kasich (R-OH), said, “I am getting ready to rent a covered wagon.”",
			q("John Kasich", "I am getting ready to rent a covered wagon")},
		{"a credit line after a dash",
			"Readers wrote in.\n\n“Maybe we can build a wall around him.” ― Steve Quinlan",
			q("Steve Quinlan", "Maybe we can build a wall around him")},
		{"what a sign or a message reads",
			"Protesters gathered outside.\n\n“I am still here,” the sign read.",
			q("sign", "I am still here")},
		{"a long stretch between two quotations does not join them",
			"Gingrich spoke on Fox.\n\n“I regard Donald as an old friend,” Gingrich told O’Reilly, noting that he and his wife have spoken with him for years, “and we talk often.”",
			q("Gingrich", "I regard Donald as an old friend")},
		{"a title after a noun that can be a cue is not speech",
			"The office once built sets for the reality TV show “The Apprentice.”",
			nil},
		{"a participle's speaker is the clause's subject, not a later name",
			"At the debate, Sanders compared himself to Clinton, saying, “I don’t get personal speaking fees.”",
			q("Sanders", "I don’t get personal speaking fees")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, quotesOf(extract(t, tt.in))); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
		})
	}
}
