package claims

import (
	"strings"
	"testing"
)

// The speaker of a reported clause is the subject of its cue, whatever
// names sit nearer: a place, a party or a day is nobody, a description
// opening the sentence is its subject, and a cue joined to another verb by
// "and" shares that verb's subject. The clause keeps what lies inside it:
// a relative clause after its subject, a report nested in a subordinate
// clause; a person's showing of a feeling is no report of its own. The
// sentences are written for the tests.
func TestSpeakerOfReportedClause(t *testing.T) {
	tests := []struct {
		name, in string
		content  string // the statement's content, or a word sequence of it
		speaker  string // "" when no statement may carry content, "!x" when no speaker may hold x
	}{
		{"an auxiliary after a given name is no surname",
			"Graham has said the plan would fail badly.",
			"the plan would fail badly", "Graham"},
		{"an auxiliary and an adverb after a surname are no part of the speaker",
			"Paul Ryan spoke on Monday.\n\nMr. Ryan has repeatedly said he has no intention of becoming the nominee.",
			"he has no intention of becoming the nominee", "Paul Ryan"},
		{"a plural noun before “in” speaks, not the body it sits in",
			"Democrats in the Senate said the bill would not pass this year.",
			"the bill would not pass this year", "Democrats in the Senate"},
		{"a group “in” a place keeps its place, and an appositive after it is skipped",
			"Six Gannett newspapers in swing states, including the Asbury Park Press, said they would not endorse a candidate this year.",
			"they would not endorse a candidate", "Six Gannett newspapers in swing states"},
		{"a group “in” a named place is the group",
			"Officials in Kyiv said the attack had been repelled.",
			"the attack had been repelled", "Officials in Kyiv"},
		{"a cue word right before the cue is a noun",
			"The audit found problems in a dozen regional offices, the report said.",
			"The audit found problems", "report"},
		{"a cue word before a passive participle and its agent is no speaker",
			"City experts say there is a black hole in the public finances, a claim denied by the chancellor.",
			"City experts say there is", ""},
		{"a relative clause's object is not the main clause's speaker",
			"Some say it is fair, but others who want to ban the practice said the rules are too weak.",
			"the rules are too weak", "others"},
		{"a relative clause with its own subject and verb modifies the speaker",
			"A report that the agency released on Monday said the program had failed.",
			"the program had failed", "A report"},
		{"“that” after a name opens a clause, not a relative one",
			"Cruz blasted Rubio, telling radio host Laura Ingraham that Rubio had opposed adding provisions to the bill.",
			"Rubio had opposed adding provisions to the bill", "Cruz"},
		{"a quantifier speaks for the group the sentence opens with",
			"Of the 40 voters interviewed, most said they were “very worried” about the economy.",
			"they were “very worried” about the economy", "most of the 40 voters interviewed"},
		{"a quantifier alone speaks",
			"Many say the economy is improving, but others say wages are flat.",
			"the economy is improving", "Many"},
		{"“all told” sums up and says nothing",
			"All told, outside groups spent more than $2.5 million on phone banking.",
			"outside groups spent", ""},
		{"a quantifier after its subject floats",
			"John Bolton and Sebastian Gorka both praised the new movement on Thursday.",
			"the new movement", "John Bolton and Sebastian Gorka"},
		{"an opening aside and its comma are no part of a long subject",
			"Indeed, proponents of more controls on hate speech say there is a direct correlation to the vitriol.",
			"there is a direct correlation", "proponents of more controls on hate speech"},
		{"a relative clause without its pronoun modifies the speaker",
			"Several people I've spoken with over the last couple of weeks said the host had peppered the candidate with suggestions.",
			"the host had peppered the candidate", "Several people"},
		{"a long relative clause modifies the speaker",
			"Executives who have worked with Lachlan Murdoch for many years say they assume he shares some of his father's views.",
			"they assume he shares", "Executives"},
		{"a clause between two commas is no appositive of an inverted speaker",
			"Even as the race moves to New York, a state that she hoped to carry by a large margin, the race will be tight, said Dan Gerstein, an independent analyst.",
			"the race will be tight", "Dan Gerstein"},
		{"an appositive may hold a relative clause with its auxiliary",
			"Gov. John Kasich of Ohio, a Republican who has refused to endorse Mr. Trump, said the Khan family deserved better.",
			"the Khan family deserved better", "John Kasich of Ohio"},
		{"a phrase after a postnominal keeps its preposition after an opening aside",
			"Rather, sources close to her campaign say she stands fully behind the president.",
			"she stands fully behind the president", "sources close to her campaign"},
		{"a cue word after a determiner is a noun inside the speaker phrase",
			"A news report published Wednesday said the defense secretary used a personal email account.",
			"the defense secretary used a personal email account", "A news report"},
		{"an inverted speaker keeps its postnominal phrase",
			"Bill Clinton has been very worked up about it, said a source close to the campaign.",
			"Bill Clinton has been very worked up", "a source close to the campaign"},
		{"a relative clause holding a “that” clause modifies the speaker",
			"The judges who ruled that Texas and North Carolina could not implement their laws, for instance, said the problem was not requiring a photo ID.",
			"the problem was not requiring a photo ID", "judges"},
		{"an inverted speaker may carry a relative clause",
			"Mr. Obama warned the Chinese leader, Xi Jinping, not to move on the shoal, said an American official who was briefed on the encounter.",
			"Mr. Obama warned the Chinese leader", "an American official"},
		{"a subject with its appositive opening the sentence is no inversion",
			"Mr. Trump's former campaign manager, Corey Lewandowski, said the staff member who succeeded him should be terminated.",
			"the staff member who succeeded him should be terminated", "Corey Lewandowski"},
		{"an appositive before a two-word aside still names the speaker",
			"Brian Murphy, the chairman of the county party, for example, said Trump continued to hurt his cause.",
			"Trump continued to hurt his cause", "Brian Murphy"},
		{"a noun that takes a “that” clause is no relative clause's head",
			"The campaign, pushing the idea that the former reality TV star is unstable, has repeatedly emphasized that the biggest threats are his insults.",
			"the biggest threats are his insults", "!idea"},
		{"a sentence-initial “That” before a noun is a determiner",
			"That person said the outright hostility Cruz faced from his colleagues hampered his ability to gain momentum.",
			"the outright hostility Cruz faced", "That person"},
		{"a quantifier “of” a group speaks with it",
			"And until the announcement of the shutdown, most of them said they had loved working for Carrier.",
			"they had loved working for Carrier", "most of them"},
		{"a name before “in” is no group",
			"Bernie Sanders spoke on Monday.\n\nSanders in the past said the president was weak on the banks.",
			"the president was weak on the banks", "Bernie Sanders"},
		{"a period before the cue is no part of the speaker",
			"Paul Ryan spoke on Monday.\n\nRyan in the past few months has said he would back the nominee.",
			"he would back the nominee", "Paul Ryan"},
		{"an auxiliary before a period belongs to the subject before it",
			"Gore’s close friends have in the past said he was staying quiet.",
			"he was staying quiet", "Gore’s close friends"},
		{"two nouns joined by “and” speak together",
			"Gore’s close friends and allies have said he was staying quiet.",
			"he was staying quiet", "Gore’s close friends and allies"},
		{"a participle after the speaker's noun is no part of its name",
			"A Marquette Law School poll released Wednesday showed Clinton leading in the state by six points.",
			"Clinton leading in the state", "A Marquette Law School poll"},
		{"a participle after a pronoun is the clause's verb",
			"Those surveyed said the economy was their main worry.",
			"the economy was their main worry", "Those surveyed"},
		{"a verb before a participle is no part of the speaker",
			"So Labor Secretary Jane Doe stopped writing her speech, packed up her papers and moved to the last row.",
			"her speech", ""},
		{"a party's adjective is not the subject of a participle",
			"On the Democratic side, Mrs. Jane Doe -- whose husband signed the act -- has derided the bill, suggesting that efforts to revive it are misguided.",
			"efforts to revive it are misguided", "Jane Doe"},
		{"a state's abbreviation is not the subject of a participle",
			"The rally drew cheers from a crowd of about 8,000 in Carson, Calif., highlighting the anger that supporters feel about the party.",
			"the anger that supporters feel", ""},
		{"a weekday after a place ends the place's name",
			"Jane Doe told a crowd in Miami Tuesday that she knows that voters are angry.",
			"voters are angry", "Jane Doe"},
		{"a description opening the sentence is a participle's subject",
			"John Roe met Jane Doe on Monday.\n\nThe New York businessman has praised Doe, saying she was a stronger leader than her rivals.",
			"she was a stronger leader", "New York businessman"},
		{"a description after a short opening adjunct is a participle's subject",
			"John Roe met the band.\n\nAt the rally, the band leader thanked the crowd, saying the state would turn blue.",
			"the state would turn blue", "band leader"},
		{"an adverb between a comma and a participle leaves it the subject's",
			"Jane Doe has expressed frustration, and even a little trepidation, about the debate, recently telling a friend that she is perplexed about the format.",
			"she is perplexed about the format", "Jane Doe"},
		{"a person's described relation after a dateline and an adjunct is a participle's subject",
			"WASHINGTON, Dec. 8 (UPI) — In response to John Roe’s proposal to bar Muslims from the country, Jane Doe’s right-hand woman rallied supporters, saying the plan would divide the nation.",
			"the plan would divide the nation", "Jane Doe’s right-hand woman"},
		{"a cue after a name after “a” is a noun",
			"Jane Doe immediately posted a Twitter comment of her own, saying she was thrilled about the news.",
			"she was thrilled about the news", "Jane Doe"},
		{"a second participle after a comma is no appositive naming the speaker",
			"A legal opinion drafted for the firm in May 2012, and obtained by reporters, concluded that the centre qualified as a foreign agent.",
			"the centre qualified as a foreign agent", "!2012"},
		{"a relative clause may go on past a comma and “and”",
			"Jane Doe, who supported John Roe, R-Texas, and opposed the bill during the primaries, last week said the movement was over.",
			"the movement was over", "Jane Doe"},
		{"a cue after “and” shares the subject of the verb it is joined to",
			"Jane Doe, the former Ohio governor, proposed a new tax and said the speaker should resign.",
			"the speaker should resign", "Jane Doe"},
		{"the joined verb may open a clause of its own",
			"Some Democratic strategists fear that Jane Doe has missed a chance and warn that the plan is not a reliable strategy.",
			"the plan is not a reliable strategy", "Some Democratic strategists"},
		{"joined verbs share their form",
			"Prime Minister Jane Doe said this week that the country would declare its intention by March and suggested that it would leave the single market.",
			"it would leave the single market", "Jane Doe"},
		{"a participle used as an adjective joins nothing",
			"Lawyer John Roe called the nine-year recommended term outrageous and said his client was innocent.",
			"his client was innocent", "John Roe"},
		{"a subject with a relative clause is no listener",
			"Jane Doe, director of a watchdog, said the spending figures she saw were even more dramatic.",
			"the spending figures she saw were even more dramatic", "Jane Doe"},
		{"a report nested after “when” stays inside the outer clause",
			"Jane Doe acknowledged that she had misspoken in two interviews when she claimed that the inquiry had cleared her.",
			"she had misspoken in two interviews when she claimed that the inquiry had cleared her", "Jane Doe"},
		{"a person who showed a feeling reports nothing",
			"Prosecutors said that although John Roe confessed, he showed no remorse and will probably return to hacking.",
			"although John Roe confessed, he showed no remorse and will probably return to hacking", "Prosecutors"},
		{"the state of a speaker's town is no speaker",
			"Jane Doe of Columbia, South Carolina says the primary will be close this year.",
			"the primary will be close this year", "Jane Doe"},
		{"where something was said is no clause",
			"“We fall short every month,” Jane Doe, who works at a garage, said on a media call set up by labor unions.",
			"a media call", ""},
		{"a figure after the cue opens its clause, not a tail attribution",
			"Friday morning, as the parade rolled through town, CNN reported at least six planes filled the skies with messages.",
			"at least six planes filled the skies", "CNN"},
		{"a stance verb's adjunct is no object",
			"John Roe was known for his dislike of the plan, voiced in his famous speech in Berlin in 1987.",
			"his famous speech", ""},
		{"a stance verb's object may follow its adjunct",
			"Jane Doe has questioned in recent days whether John Roe has the temperament to lead.",
			"whether John Roe has the temperament to lead", "Jane Doe"},
		{"a stance verb's adjunct is not part of its object",
			"Jane Doe has questioned in recent days whether John Roe has the temperament to lead.",
			"in recent days", ""},
		{"a closed quotation is no appositive of the speaker after it",
			"\"These groups have been setting the table for Iowa voters,\" in sharp contrast to earlier races when campaigns took on that task, says Jane Doe, a political scientist at the University of New Hampshire.",
			"in sharp contrast to earlier races", "Jane Doe"},
		{"a pronoun after “until” opens no clause for the cue before it",
			"Doctors wanted to operate at once, but Jane Doe insisted on delaying any surgery until she arrived back home.",
			"she arrived back home", ""},
		{"a participle governed inside the reported clause is the clause's own verb",
			"Jane Doe and John Roe said developers had defined these areas by adding a few poor districts to wealthy neighborhoods so they could use the funds to build hotels.",
			"by adding a few poor districts", "Jane Doe and John Roe"},
		{"a verb between a quotation and a name is its inverted attribution",
			"If Russia is indeed attempting to destabilize the party — as many researchers believe, and Democrats are alleging, but Moscow strongly denies — “why wouldn’t you want to raise it?” asked Jane Doe, now a partner at a firm.",
			"now a partner at a firm", ""},
		{"a report the clause runs into is part of it",
			"City Attorney Jane Doe said in the letter that the advertisement “unmistakably and wrongfully” suggests that the city supports the campaign.",
			"the advertisement “unmistakably and wrongfully” suggests that the city supports the campaign", "Jane Doe"},
		{"an inverted attribution may close with a place",
			"The meeting deteriorated from there, said one party source in the room.",
			"The meeting deteriorated from there", "one party source"},
		{"a participle after a comma is no inverted attribution, whatever follows",
			"John Roe decried that math, saying Jane Doe took questions during an appearance at the convention.",
			"Jane Doe took questions during an appearance", "John Roe"},
		{"a cue after a negated contraction reports nothing",
			"John Roe said Jane Doe doesn’t show consistency in her concern for the issue.",
			"consistency in her concern", "!Doe"},
		{"a stance verb after a comma is not inverted",
			"Jane Doe went up against John Roe five times, debated Richard Moe four times in 2008, and met her rivals several times.",
			"Richard Moe four times", "Jane Doe"},
		{"what evidence shows inside a report is the reporter's",
			"Jane Doe, a lawyer for the family, said the videos show John Roe calmly leaving his car when asked to do so by police.",
			"John Roe calmly leaving his car", "!videos"},
		{"evidence after a colon opens a report of its own",
			"Early polls showed voters in the area rejecting John Roe: A university poll this month found Roe about even with Jane Doe statewide.",
			"Roe about even with Jane Doe statewide", "A university poll"},
		{"a cue after “but” and an adjunct shares the subject of the verb before",
			"The employee first said he did not recall the deletions, but in a later interview said he had deleted the archive with a special program.",
			"he had deleted the archive", "employee"},
		{"a cue after a possessive and a superlative is a noun",
			"Jane Doe, who once praised the trade agreement, offered her firmest promise yet that she would not allow the accord to pass.",
			"she would not allow the accord to pass", "!firmest"},
		{"a participle after a demonstrative may head the subject",
			"Most of those surveyed say the economy should be the first priority for the next president.",
			"the economy should be the first priority", "Most of those surveyed"},
		{"“this” after a cue opens the clause unless a time follows",
			"Supporters of the law say this is just a transition period for the insurers.",
			"this is just a transition period", "Supporters of the law"},
		{"“this week” after a cue is when it was said",
			"Jane Doe said this week that the plan had failed.",
			"the plan had failed", "Jane Doe"},
		{"“and others” joins the name before it",
			"Jane Doe and others said the decision will make the choice more stark.",
			"the decision will make the choice more stark", "Jane Doe and others"},
		{"people close to someone are not that someone",
			"But people close to Jane Doe say her anger in the last debate was over the top.",
			"her anger in the last debate was over the top", "people close to Jane Doe"},
		{"a relative clause's stance object ends at the main clause's cue",
			"Jane Doe and others who want to ban the practice said the decision will make the choice more stark.",
			"to ban the practice said", ""},
		{"an aside between dashes leaves the subject before it",
			"Aaron Roe -- co-editor of a book analyzing the debates -- said the candidate tended to make announcements at those encounters.",
			"the candidate tended to make announcements", "Aaron Roe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []brief
			for _, b := range draftStatements(t, tt.in) {
				if strings.Contains(b.Content, tt.content) {
					got = append(got, b)
				}
			}
			if tt.speaker == "" {
				if len(got) > 0 {
					t.Errorf("statements %+v, want none", got)
				}
				return
			}
			if len(got) == 0 && !strings.HasPrefix(tt.speaker, "!") {
				t.Fatalf("no statement with %q; drafts: %+v", tt.content, draftStatements(t, tt.in))
			}
			for _, b := range got {
				if not, ok := strings.CutPrefix(tt.speaker, "!"); ok {
					if strings.Contains(b.Speaker, not) {
						t.Errorf("speaker of %q = %q, want none naming %q", b.Content, b.Speaker, not)
					}
					continue
				}
				if b.Speaker != tt.speaker {
					t.Errorf("speaker of %q = %q, want %q", b.Content, b.Speaker, tt.speaker)
				}
			}
		})
	}
}

// A word in -s after a quotation may be its cue ("“…,” the diplomat
// notes"), but not a noun in -ss of the speaker's title.
func TestQuoteSpeakerWithTitleInSS(t *testing.T) {
	got := quotesOf(extract(t, "“It will work in the end,” White House press secretary Jane Doe said."))
	if len(got) != 1 || got[0].Speaker != "Jane Doe" {
		t.Errorf("quotes %+v, want one of Jane Doe", got)
	}
}

// A cue joined to a verb inside a report ("said she recognised … but
// argued") is the reporter's, not the speaker's before.
func TestQuoteAfterJoinedCue(t *testing.T) {
	got := quotesOf(extract(t, "But former press spokesman John Roe said the prince should make a personal apology. Mr Smith said he recognised the concerns but argued: “The matter is now closed.”"))
	if len(got) != 1 || got[0].Speaker != "Smith" {
		t.Errorf("quotes %+v, want one of Smith", got)
	}
}

// A verb after a closing quotation mark and before a name is the
// quotation's inverted attribution, not a stance taking the name as its
// object; the next quotation goes on with the same speaker.
func TestQuoteInvertedAfterQuestion(t *testing.T) {
	got := quotesOf(extract(t, "If Russia is indeed attempting to destabilize the party — as many researchers believe, and Democrats are alleging, but Moscow strongly denies — “why wouldn’t you want to raise it?” asked Jane Doe, now a partner at a firm. “I think it’s only prudent to raise that possibility.”"))
	if len(got) == 0 {
		t.Fatal("no quotes")
	}
	for _, q := range got {
		if q.Speaker != "Jane Doe" {
			t.Errorf("quote %q has speaker %q, want Jane Doe", q.Content, q.Speaker)
		}
	}
}

// A title-case quotation that names a work is no speech; the same words
// said or chanted are.
func TestQuotedTitles(t *testing.T) {
	for _, in := range []string{
		"Jane Doe described her childhood in her 2012 book, “An American Daughter.”",
		"“Tales From the Vault,” an HBO series that first aired in 1989, will be revived.",
		"The theatre is staging the play “Sons of the Senator” this month.",
	} {
		if got := quotesOf(extract(t, in)); len(got) > 0 {
			t.Errorf("%q: quotes %+v, want none", in, got)
		}
	}
	got := quotesOf(extract(t, "Jane Doe took the stage. “Make America Great Again,” the crowd chanted."))
	if len(got) != 1 || got[0].Content != "Make America Great Again" {
		t.Errorf("quotes %+v, want the chant", got)
	}
}

// A quotation set off by a comma that opens with a capital is an
// utterance of its own even inside the writer's sentence, and counts as
// a quote beside the one after it.
func TestQuoteSetOffByComma(t *testing.T) {
	got := quotesOf(extract(t, "Vice President Jane Doe weighed in as well, telling reporters in an interview published on Monday, “But gosh almighty, they’re both qualified,” she said, adding, “John Roe is overwhelmingly qualified to be president.”"))
	if len(got) != 2 || got[0].Content != "But gosh almighty, they’re both qualified" || got[0].Fragment {
		t.Errorf("quotes %+v, want the set-off quotation first, not a fragment", got)
	}
}
