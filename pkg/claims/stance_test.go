package claims

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimwatch/claimwatch/pkg/model"
)

func statementsOf(cs []model.Claim) []brief {
	var out []brief
	for _, c := range cs {
		if c.Kind == model.KindStatement {
			out = append(out, brief{c.Kind, c.Speaker, c.Content, false})
		}
	}
	return out
}

// oneStatement is the only claim a test sentence should yield: a
// statement by speaker with content.
func oneStatement(speaker, content string) []brief {
	return []brief{{model.KindStatement, speaker, content, false}}
}

func TestStanceAndBareClauseStatements(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []brief
	}{
		{"a stance verb with its particle reports its object",
			"Donald Trump called for a special prosecutor to investigate the emails.",
			oneStatement("Donald Trump", "a special prosecutor to investigate the emails")},
		{"an infinitive object of a stance verb",
			"Marco Rubio wants to emerge as the chief alternative to Trump.",
			oneStatement("Marco Rubio", "to emerge as the chief alternative to Trump")},
		{"a stance verb inside a reported clause is part of that clause",
			"Pate told reporters he would support Hillary Clinton in November.",
			oneStatement("Pate", "he would support Hillary Clinton in November")},
		{"a stance verb ends at the speaker's next act",
			"Gay rights groups condemned the bill's final passage but praised the senators.",
			oneStatement("Gay rights groups", "the bill's final passage")},
		{"a passive stance verb reports nothing",
			"The plan was endorsed by the whole committee on Tuesday.",
			nil},
		{"a figure as subject is a poll result, not a source",
			"Only 28 percent supported the new trade deal with Mexico.",
			nil},
		{"a poll share speaks",
			"The poll was released on Monday.\n\nAlmost half of respondents said the party has become more hostile to Latinos.",
			oneStatement("Almost half of respondents", "the party has become more hostile to Latinos")},
		{"a bare clause opening with a common noun",
			"Clinton aides said details of her tax plan will be unveiled in the coming weeks.",
			oneStatement("Clinton aides", "details of her tax plan will be unveiled in the coming weeks")},
		{"a reported clause opening with its condition",
			"Glenn Beck said if Trump wins, he would impose a dictatorship.",
			oneStatement("Glenn Beck", "if Trump wins, he would impose a dictatorship")},
		{"the addressee of told is not the clause",
			"Trump told Fox News in an interview on Tuesday.",
			nil},
		{"a headline names its source before a colon",
			"Graham: Trump’s Rhetoric Is Destroying the Party.\n\nSenator Lindsey Graham spoke in Columbia on Sunday.",
			oneStatement("Lindsey Graham", "Trump’s Rhetoric Is Destroying the Party")},
		{"a headline credits a poll before a colon",
			"Poll: Trump and Clinton hold narrow leads in Pennsylvania\n\nThe survey was taken last week.",
			oneStatement("Poll", "Trump and Clinton hold narrow leads in Pennsylvania")},
		{"a headline's source may be a campaign",
			"Clinton camp: Trump’s rhetoric threatens national security\n\nHillary Clinton spoke in Ohio on Monday.",
			oneStatement("Clinton camp", "Trump’s rhetoric threatens national security")},
		{"the occasion after a headline's source is not part of it",
			"Mukasey at RNC: Clinton email scandal disqualifies her for presidency\n\nMichael Mukasey spoke on Tuesday.",
			oneStatement("Michael Mukasey", "Clinton email scandal disqualifies her for presidency")},
		{"a headline's label is not a source",
			"Analysis: The senator will run again\n\nThe senator spoke on Monday.",
			nil},
		{"a title-case headline with a capitalised cue",
			"Donald Trump Says He Is Unlikely To Get Along With Cameron\n\nThe candidate spoke in New York on Monday.",
			oneStatement("Donald Trump", "He Is Unlikely To Get Along With Cameron")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, statementsOf(extract(t, tt.in))); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}
}

func TestQuoteAttributionIsNoStatement(t *testing.T) {
	cs := extract(t, "Trump spoke on Tuesday.\n\n“Well, I like him,” Trump said on The Laura Ingraham Show on Tuesday.")
	if got := statementsOf(cs); len(got) != 0 {
		t.Errorf("the occasion of a quote became a statement: %+v", got)
	}
	want := []brief{{model.KindQuote, "Trump", "Well, I like him", false}}
	if diff := cmp.Diff(want, quotesOf(cs)); diff != "" {
		t.Errorf("quotes (-want +got):\n%s", diff)
	}
}

func TestQuoteContinuationAndColonIntroduction(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []brief
	}{
		{"a long quotation after “A,” he said. continues the utterance",
			"Senator Ted Cruz spoke in Iowa.\n\n“We will win,” he said. “The people of this state know exactly what is at stake in this election.”",
			[]brief{{"quote", "Ted Cruz", "We will win, The people of this state know exactly what is at stake in this election", false}}},
		{"a short line after the attribution stays a quote of its own",
			"Senator Ted Cruz spoke in Iowa.\n\n“We will win,” he said. “Believe me.”",
			[]brief{{"quote", "Ted Cruz", "We will win", false}, {"quote", "Ted Cruz", "Believe me", false}}},
		{"a quotation with its own attribution is not joined",
			"Senator Ted Cruz spoke in Iowa.\n\n“We will win,” he said. “They will lose everything they have built here,” Rubio said.",
			[]brief{{"quote", "Ted Cruz", "We will win", false}, {"quote", "Rubio", "They will lose everything they have built here", false}}},
		{"an attribution after a question mark opens the next sentence",
			"Joe Biden spoke in Ohio.\n\n“Does he not understand the constitution?” Biden said.",
			[]brief{{"quote", "Joe Biden", "Does he not understand the constitution?", false}}},
		{"a subject the name rules cannot read is the speaker as written",
			"Another source familiar with the senator’s thinking said, “He will try to be more friendly.”",
			[]brief{{"quote", "Another source familiar with the senator’s thinking", "He will try to be more friendly", false}}},
		{"a paragraph that is one quotation continues the utterance attributed just before it",
			"Ben Carson spoke on Tuesday.\n\n“Cyber security remains one of our biggest challenges,” Carson continued.\n\n“Even under the best cases, our classified information is under constant attack.”",
			[]brief{{"quote", "Ben Carson", "Cyber security remains one of our biggest challenges, Even under the best cases, our classified information is under constant attack", false}}},
		{"a list of voices credited by a dash keeps one quote a paragraph",
			"Readers wrote to us.\n\n“He is someone no sane person would want as president of this country.” ― Christina Olidem\n\n“No one wants a man who insults the people of this country every day. To quote Bob Marley ‘Some people are so poor all they have is money.” And that is all he has.” ― Veronica Cruz",
			[]brief{{"quote", "Christina Olidem", "He is someone no sane person would want as president of this country", false}}},
		{"a title in quotation marks inside the attribution does not end the utterance",
			"Bernie Sanders spoke on Sunday.\n\n“Of course we are going to release our records,” Sanders said on CNN’s “State of the Union” Sunday. “Thank God, I am very healthy and it is not a problem.”",
			[]brief{{"quote", "Bernie Sanders", "Of course we are going to release our records, Thank God, I am very healthy and it is not a problem", false}}},
		{"an aside before the clause a colon closes does not speak",
			"Ted Cruz spoke in Iowa.\n\nWhen the moderators yielded to snark — and do we know how tempting that can be! — Cruz called them on it:\n\n“The questions asked in this debate illustrate why the American people don’t trust the media.”",
			[]brief{{"quote", "Ted Cruz", "The questions asked in this debate illustrate why the American people don’t trust the media", false}}},
		{"quotations run together by a comma belong to the attribution after the last",
			"Patents row.\n\n\"Open source and patents have co-existed for many years without problems,\" said spokeswoman Jill Sutherland. \"The industry respects the open source movement,\" \"We think companies should be able to choose,\" she added.",
			[]brief{{"quote", "Jill Sutherland", "Open source and patents have co-existed for many years without problems", false},
				{"quote", "Jill Sutherland", "The industry respects the open source movement, We think companies should be able to choose", false}}},
		{"a name and a cue after a quotation closed by a full stop report something else",
			"Deal reached.\n\n\"This is a momentous day for all victims,\" said campaigner Bernie Banton. \"There is still a long way to go before the money is paid.\" James Hardie chairwoman Meredith Hellicar said the firm would pay the compensation.",
			[]brief{{"quote", "Bernie Banton", "This is a momentous day for all victims, There is still a long way to go before the money is paid", false}}},
		{"a quotation standing alone goes on from the person who reported something just before it",
			"Mac mini.\n\n\"It's the newest Mac ever,\" said Steve Jobs.\n\nIan Harris, deputy editor of UK magazine Mac Format, said the machine would appeal to iPod owners.\n\n\"They want a further taste of Mac because they like what they have seen.\"",
			[]brief{{"quote", "Steve Jobs", "It's the newest Mac ever", false}, {"quote", "Ian Harris", "They want a further taste of Mac because they like what they have seen", false}}},
		{"a name that describes a thing is nobody a pronoun stands for",
			"Cup run.\n\nBoss Graeme Souness felt Newcastle were never in danger.\n\nAn early own goal followed by an Alan Shearer strike earned them a 2-1 win. \"Obviously winning the first leg gave us a great advantage,\" he said after the match.",
			[]brief{{"quote", "Graeme Souness", "Obviously winning the first leg gave us a great advantage", false}}},
		{"a sentence ending in a colon introduces the next paragraph's quotation",
			"Ted Cruz called them on it:\n\n“The questions asked in this debate illustrate why the American people don’t trust the media.”",
			[]brief{{"quote", "Ted Cruz", "The questions asked in this debate illustrate why the American people don’t trust the media", false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, quotesOf(extract(t, tt.in))); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
		})
	}
}
