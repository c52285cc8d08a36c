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
		{"“the magazine” is the one the article introduced with that word",
			"Laptop tops list.\n\nThe laptop was chosen by US magazine Mobile PC. The 1956 Zenith remote control came second.\n\n\"In general we included only items that were potentially mobile,\" said the magazine.",
			q("Mobile PC", "In general we included only items that were potentially mobile")},
		{"a party of two words before a person's name describes the person",
			"Budget day.\n\nFor the Lib Dems David Laws said: \"The chancellor will tell us how wonderfully the economy is doing.\"",
			q("David Laws", "The chancellor will tell us how wonderfully the economy is doing")},
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
		{"he stands for the last man named, not the last person",
			"Donald Trump is raising questions about his microphone.\n\nHis audio was quieter than Hillary Clinton’s.\n\nHe says, “Working that microphone was a lot more difficult.”",
			q("Donald Trump", "Working that microphone was a lot more difficult")},
		{"an epithet or party before a given name is no part of the name",
			"Republican Donald Trump spoke in Ohio.\n\n“We will win this state,” Trump said.",
			q("Donald Trump", "We will win this state")},
		{"a quotation over paragraphs whose breaks were lost goes on at each opening mark",
			"Jane Doe won in Leeds. \"It was my last decent year,\" said Doe. \"Before, every race was hard. \"Now I know you can't do it alone.\" The final is on Friday.",
			q("Jane Doe", "It was my last decent year, Before, every race was hard. Now I know you can't do it alone")},
		{"a relative sharing the surname keeps her own name",
			"Michael Jackson denies the charges. His mother Katherine Jackson spoke to Fox News on Sunday. \"I know his character,\" she said.",
			q("Katherine Jackson", "I know his character")},
		{"a nationality before a name is no part of it, nor an acronym's run a person",
			"Russian Dmitriy Bogdanov won the race last week, moving to sixth place on the UK All-Time list. He said: \"I am in the best shape of my life.\"",
			q("Dmitriy Bogdanov", "I am in the best shape of my life")},
		{"a quotation inside a quotation typed with the same marks",
			"Readers wrote in.\n\n“I’d rather live in what he calls “hell” than live in a world where he is president.” ― Adriana Rodarte",
			q("Adriana Rodarte", "I’d rather live in what he calls “hell” than live in a world where he is president")},
		{"the statement someone just spoke through is theirs",
			"Manchester United has rejected the bid.\n\n“We will consider any proposal,” the club said in its statement.\n\n“The board believes the plan is aggressive,” the statement said.",
			[]brief{{"quote", "Manchester United", "We will consider any proposal", false}, {"quote", "Manchester United", "The board believes the plan is aggressive", false}}},
		{"a noun after a possessive is no cue of the quotation before it",
			"Michael Howard spoke in Kent.\n\n“They have compared me to a flying pig,” Mr Howard said. “Something tells me that someone is just a little bit rattled.” Margaret Beckett rejected Mr Howard's comment, telling the BBC that Labour was calm.",
			q("Michael Howard", "They have compared me to a flying pig, Something tells me that someone is just a little bit rattled")},
		{"he stands for the last man named, past a woman's given name",
			"John Smith met Jane Doe in Leeds.\n\n“It went well,” he said.",
			q("John Smith", "It went well")},
		{"a nationality stands for the person introduced with it",
			"Russian Marat Safin beat Rafael Nadal in the final.\n\n“It was fun,” said the Russian.",
			q("Marat Safin", "It was fun")},
		{"a description of a named person stands for them",
			"El Guerrouj won his first Olympic titles in August.\n\n“I am looking forward to it,” said the world champion.\n\n“Paris will be hard,” the 30-year-old added.",
			[]brief{{"quote", "El Guerrouj", "I am looking forward to it", false}, {"quote", "El Guerrouj", "Paris will be hard", false}}},
		{"a paragraph opening with a closing mark opens its quotation",
			"Readers wrote in.\n\n”He has spread fear across the country.” ― Edwin Monroy",
			q("Edwin Monroy", "He has spread fear across the country")},
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
		{"the name before an appositive speaks, not the listener after told",
			"“I am telling you, this party is not divided,” Senator Jeff Sessions, a close adviser to Trump, told AFP.",
			q("Jeff Sessions", "I am telling you, this party is not divided")},
		{"what a cue is said of is not its speaker",
			"“They are very open to trying new things,” Jenna Golden, the director of advertising, said of Trump’s campaign.",
			q("Jenna Golden", "They are very open to trying new things")},
		{"an appositive holding a conjunction",
			"Trump spoke in Hanahan.\n\n“Very good reporter, very good reporter this guy,” Trump, the frontrunner nationally and current polling leader in South Carolina, said when Boyle asked him a question.",
			q("Trump", "Very good reporter, very good reporter this guy")},
		{"a participle before the comma of a speaker's description",
			"Ban Ki-moon spoke to the Post.\n\n“From day one, I made climate change the top priority,” the bespectacled, 71-year-old diplomat said in an interview.",
			q("bespectacled", "From day one, I made climate change the top priority")},
		{"an unlisted verb after a question the splitter cut off",
			"Glenn Beck spoke on air.\n\n“What was the massive pivot point to make him change so fundamentally?” Beck questioned.",
			q("Glenn Beck", "What was the massive pivot point to make him change so fundamentally?")},
		{"an unlisted verb inverted before a name",
			"“Imagine him going up against Trump and Clinton on the same stage,” mused co-host Stu Burguiere.",
			q("Stu Burguiere", "Imagine him going up against Trump and Clinton on the same stage")},
		{"two speakers joined by and speak together",
			"“We can only wonder if the intent is to reopen the door,” Phil Berger and Tim Moore, both Republicans, said in a statement.",
			q("Phil Berger and Tim Moore", "We can only wonder if the intent is to reopen the door")},
		{"a credit line in the paragraph under the quotation",
			"Quotable.\n\n“The whole idea of a crooked candidate is something that we hear about all the time.”\n\n- Michelle Marks, Philadelphia.",
			q("Michelle Marks", "The whole idea of a crooked candidate is something that we hear about all the time")},
		{"a quotation that opens a reported clause carries the clause",
			"Barack Obama spoke at the White House.\n\nObama said “it gets me mad” every time he thinks about the children who were killed.",
			q("Barack Obama", "it gets me mad every time he thinks about the children who were killed")},
		{"a quotation after by saying is the subject's",
			"Hillary Clinton took questions.\n\nShe followed that by saying, “I am not a natural politician, in case you haven’t noticed.”",
			q("Hillary Clinton", "I am not a natural politician, in case you haven’t noticed")},
		{"a digest's credit between a dash and a colon",
			"TURNOUT IN IOWA DOESN’T RAISE EXPECTATIONS - Michael P. McDonald: “At long last the nomination contests have finally started.”",
			q("Michael P. McDonald", "At long last the nomination contests have finally started")},
		{"a name in an opening adjunct is not the subject",
			"In a Fox interview later that day, Trump went even further: “If he goes forward and loses, it’s the end of his career.”",
			q("Trump", "If he goes forward and loses, it’s the end of his career")},
		{"a name in an appositive after a description, and a day after the cue",
			"“Is he going to finally mention the words? If he doesn’t he should resign!” the presumptive nominee, Donald Trump, tweeted Sunday after the attack.",
			q("Donald Trump", "Is he going to finally mention the words? If he doesn’t he should resign!")},
		{"an inverted speaker of an institution",
			"“It would have been a real long-shot,” said Stephen Vladeck of the University of Texas School of Law.",
			q("Stephen Vladeck", "It would have been a real long-shot")},
		{"a state abbreviation in the appositive",
			"“Perpetual motion!” Rep. Glenn Thompson, R-Pa., said of the schedule.",
			q("Glenn Thompson", "Perpetual motion!")},
		{"he stands for no one named only inside a quotation",
			"Jane Roe wrote a book.\n\nIn it, the author wrote: “The Chief Inspector John Smith was kind.”\n\nHe went on to say, “We were all afraid of the dark.”",
			[]brief{{"quote", "author", "The Chief Inspector John Smith was kind", false}, {"quote", "He", "We were all afraid of the dark", false}}},
		{"a statement from someone speaks for them, whatever its participle is about",
			"Striker sacked.\n\nChelsea sacked Adrian Mutu.\n\nA statement from Chelsea explaining the decision read:\"We have a zero tolerance policy towards drugs.\"",
			q("Chelsea", "We have a zero tolerance policy towards drugs")},
		{"someone's statement speaks for them",
			"Striker sacked.\n\nChelsea sacked Adrian Mutu. Chelsea's statement added: \"This applies to all drugs.\"",
			q("Chelsea", "This applies to all drugs")},
		{"a spokesman for the club speaks for the club just named",
			"Striker sacked.\n\nChelsea sacked Adrian Mutu on Friday.\n\nA spokesman for the club said: \"We will not appeal.\"",
			q("A spokesman for Chelsea", "We will not appeal")},
		{"a title that opens a body's name is part of it, and “the ministry” is the body named with that word",
			"Troops.\n\nThe Defence Ministry denied the report on Monday. Nato met on Tuesday. The ministry said: \"No troops were sent.\"",
			q("Defence Ministry", "No troops were sent")},
		{"“the company” is no department, however recent",
			"Inquiry.\n\nThe US Justice Department opened an inquiry. \"Sales rose,\" the company said.",
			q("company", "Sales rose")},
		{"a pronoun prefers the subject of the sentence before to the names after it",
			"Wasps win.\n\nDirector of rugby Warren Gatland praised his side. Gatland also singled out flankers Tom Rees and John Hart for special praise. \"They did very well,\" he added.",
			[]brief{{"quote", "Warren Gatland", "They did very well", false}}},
		{"a name in an opening subordinate clause is no subject",
			"Arsenal win.\n\nSol Campbell scored late. But before Campbell scored the best chances fell to Pompey striker Mark Fuller. Afterwards he said: \"I should have scored twice.\"",
			q("Mark Fuller", "I should have scored twice")},
		{"he stands for the unnamed spokesman who spoke just before",
			"Poster row.\n\nMichael Howard criticised the poster. A Labour spokesman later said the timing was not affected by the row. \"This has been up on the website for two weeks,\" he said.",
			q("A Labour spokesman", "This has been up on the website for two weeks")},
		{"a spokesman for the association speaks for it, past a relative clause",
			"Casinos.\n\nA spokesman for the British Casino Association, which represents the industry, said: \"We are being frozen in time.\"",
			q("A spokesman for British Casino Association", "We are being frozen in time")},
		{"two people with their roles joined by and speak together",
			"Snow Patrol.\n\n\"I think a lot of bands should go through a kicking,\" singer Gary Lightbody and drummer Jonny Quinn said.",
			q("Gary Lightbody and Jonny Quinn", "I think a lot of bands should go through a kicking")},
		{"an and inside a minister's brief joins no speakers",
			"Ifo.\n\nEconomy and Labour Minister Wolfgang Clement said: \"It is a very mild decline.\"",
			q("Wolfgang Clement", "It is a very mild decline")},
		{"a name with its organisation before a comma speaks, and what follows “told” listens",
			"Gadgets.\n\n\"Everything is going digital,\" Kirsten Pfeifer from the Consumer Electronics Association, told the BBC News website.",
			q("Kirsten Pfeifer", "Everything is going digital")},
		{"“the Tottenham striker” is the subject just before, not the name it praised",
			"Ireland win.\n\nRobbie Keane scored first. Keane was full of praise for Damien Duff's role in the goal. \"It was great play from Damien,\" said the Tottenham striker.",
			q("Robbie Keane", "It was great play from Damien")},
		{"a sentence whose subject is a pronoun passes the subject before it on",
			"Ireland win.\n\nDamien Duff explained what went wrong. He opted to bring Steve Finnan's cross down. \"I would have headed that every time,\" said the Chelsea star.",
			q("Damien Duff", "I would have headed that every time")},
		{"“the Black Sabbath singer” is no Black Sabbath",
			"Osbournes.\n\nRock star Ozzy Osbourne has said his family will make no more episodes.\n\n\"I didn't like having cameras around,\" the Black Sabbath singer told reporters.",
			q("Ozzy Osbourne", "I didn't like having cameras around")},
		{"a date in digits and a slash is part of the speaker's description",
			"Families.\n\n“They are 100 percent wrong,” said 9/11 widow Terry Strada.",
			q("Terry Strada", "They are 100 percent wrong")},
		{"a participle clause after the attribution starts a new utterance",
			"Debates.\n\n\"The American people do not agree with Trump,\" Sanders said, suggesting a few questions, including, \"Mr. Trump, do you really think that billionaires need a tax break?\"",
			[]brief{{"quote", "Sanders", "The American people do not agree with Trump", false}, {"quote", "Sanders", "Mr. Trump, do you really think that billionaires need a tax break?", false}}},
		{"an aside after the attribution leaves the utterance whole",
			"WorldCom.\n\n\"At that point in time,\" Mr Sullivan said, referring to the first false entries in late 2000, \"I knew it was wrong.\"",
			q("Sullivan", "At that point in time, I knew it was wrong")},
		{"an abbreviation's dot in the attribution does not end the utterance it splits",
			"Rally.\n\n\"I think Lester Holt will be very fair,\" Trump said during a rally in Kenansville, N.C., \"but a lot of people are going to be watching.\"",
			q("Trump", "I think Lester Holt will be very fair, but a lot of people are going to be watching")},
		{"“that” before a quotation reaches back past a long addressee to its cue",
			"Meehan.\n\nJames Meehan spoke often. He also told his young John Birch Society proteges on a regular basis that \"terrorism is the answer.\"",
			q("James Meehan", "terrorism is the answer")},
		{"a stray straight mark left open does not run into the next paragraph's curly quotation",
			"Melanie.\n\n\"Melanie Austin thought the whole thing was outrageous. She was anxious, sure.\n\n“It never crossed my mind that I’m losing it,” she said several months after her release.",
			q("Melanie Austin", "It never crossed my mind that I’m losing it")},
		{"a passive's agent speaks through the relative clause after it",
			"Veritas.\n\nBut the claim was denied by UKIP spokesman, who said: \"His accusations are like his sense of political morals - empty.\"",
			q("UKIP spokesman", "His accusations are like his sense of political morals - empty")},
		{"an adverb after an inverted speaker is no part of the name",
			"Williams wins.\n\nSerena Williams beat Lindsay Davenport. \"I kept thinking to myself I'm not losing this game,\" said Williams afterwards.",
			q("Serena Williams", "I kept thinking to myself I'm not losing this game")},
		{"an opening participle phrase without its comma leaves the pronoun the subject",
			"Brown speech.\n\nGordon Brown spoke in Gateshead. Laying into the Conservative's record in government he said: \"I give you this promise - Britain will never return to the mistakes of the past.\"",
			q("Gordon Brown", "I give you this promise - Britain will never return to the mistakes of the past")},
		{"a sentence that is only its speaker and cue attributes the quotation its full stop closed",
			"Emails.\n\nThe nominee caused outrage on Wednesday. “Russia, if you’re listening, I hope you’re able to find the emails.” Trump said.",
			q("Trump", "Russia, if you’re listening, I hope you’re able to find the emails")},
		{"he stands for no lady and no convention",
			"Mark Doe spoke to the First Lady at the Democratic National Convention on Wednesday.\n\nHe told the audience: “We will win in November.”",
			q("Mark Doe", "We will win in November")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, quotesOf(extract(t, tt.in))); diff != "" {
				t.Errorf("quotes (-want +got):\n%s", diff)
			}
		})
	}
}

// "Comey cannot say that “…”" is what Comey may not say: the modal's
// subject is no speaker, and the sentence is the report of the
// attribution closing it.
func TestModalSubjectSpeaksNoQuotation(t *testing.T) {
	cs := extract(t, "FBI.\n\nComey cannot say that “from his perspective, the case is closed,” Lewandowski added.")
	want := []brief{{"statement", "Lewandowski", "Comey cannot say that “from his perspective, the case is closed", false}}
	if diff := cmp.Diff(want, append(quotesOf(cs), statementsOf(cs)...)); diff != "" {
		t.Errorf("claims (-want +got):\n%s", diff)
	}
}

// A statement that is a quotation of the same speaker behind a few words
// of circumstance says nothing the quote does not: one claim, not two.
func TestQuotationIsNotAlsoItsStatement(t *testing.T) {
	for _, in := range []string{
		"Ads.\n\nThe ad opens in darkness. As a phone rang, an announcer says, “It’s 3 a.m., and your children are safe and asleep. Who do you want answering the phone?”",
		"Chicago.\n\nThe Chicago Police Department reported “2,521 shooting incidents” in the city between January 1 and September 18.",
	} {
		cs := extract(t, in)
		got := append(quotesOf(cs), statementsOf(cs)...)
		if len(got) != 1 {
			t.Errorf("%q: want one claim, got %d: %+v", in, len(got), got)
		}
	}
}

func TestQuoteContentDropsTheAttributionComma(t *testing.T) {
	for _, c := range extract(t, "“We will be back next year,” Jane Doe said.") {
		if c.Kind == "quote" && c.Content != "We will be back next year" {
			t.Errorf("content %q, want it without the comma the attribution put there", c.Content)
		}
	}
}
