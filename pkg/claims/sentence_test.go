package claims

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func sentencesOf(text string) []string {
	var out []string
	for _, s := range splitSentences(text, paragraphs(text)) {
		out = append(out, text[s.start:s.end])
	}
	return out
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"abbreviations and initials do not end sentences",
			"Gen. J. R. Smith met Mr. Jones in the U.S. on Oct. 18 at 3 p.m. local time. They talked.",
			[]string{"Gen. J. R. Smith met Mr. Jones in the U.S. on Oct. 18 at 3 p.m. local time.", "They talked."}},
		{"decimals and ellipses inside a sentence are kept",
			"Growth was 3.5 percent… or so. Then it fell.",
			[]string{"Growth was 3.5 percent… or so.", "Then it fell."}},
		{"a figure with a decimal point ends its sentence like any word",
			"The winner agreed to pay $9.4bn. Russia's newspapers said it was a front.",
			[]string{"The winner agreed to pay $9.4bn.", "Russia's newspapers said it was a front."}},
		{"an abbreviation can end a sentence before a clear starter",
			"He moved to the U.S. The move was quick.",
			[]string{"He moved to the U.S.", "The move was quick."}},
		{"a quotation of several sentences stays in one sentence",
			"“We will win. They will lose,” he said. Then he left.",
			[]string{"“We will win. They will lose,” he said.", "Then he left."}},
		{"a closing quote after a period ends the sentence",
			"He said: “It is over.” Nobody answered.",
			[]string{"He said: “It is over.”", "Nobody answered."}},
		{"paragraphs always end sentences",
			"First paragraph without stop\n\nSecond one.",
			[]string{"First paragraph without stop", "Second one."}},
		{"lower case after a period does not start a sentence",
			"The figure rose to approx. three million people.",
			[]string{"The figure rose to approx. three million people."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, sentencesOf(tt.in)); diff != "" {
				t.Errorf("sentences (-want +got):\n%s", diff)
			}
		})
	}
}
