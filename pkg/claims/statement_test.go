package claims

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// The cases cover the constructions added while tuning on PolNeAR's
// training split; the sentences are written for the tests.
func TestReportedClauseConstructions(t *testing.T) {
	st := func(pairs ...string) []brief {
		var out []brief
		for i := 0; i+1 < len(pairs); i += 2 {
			out = append(out, brief{model.KindStatement, pairs[i], pairs[i+1], false})
		}
		return out
	}
	tests := []struct {
		name string
		in   string
		want []brief
	}{
		{"a speech verb takes a bare clause that opens with a common noun",
			"Digital experts said social media success depends on authenticity.",
			st("Digital experts", "social media success depends on authenticity")},
		{"a sentence adverb before the speaker and a time adverb after are no part of the speaker",
			"Meanwhile Jane Doe's mother says she is certain her son is innocent. Jane Doe now claims she is in her best shape since 1998.",
			st("Jane Doe's mother", "she is certain her son is innocent", "Jane Doe", "she is in her best shape since 1998")},
		{"an auxiliary written onto the pronoun is no part of the speaker",
			"Readers wrote in.\n\nI'd say that the likelihood of an attack is a matter of when.\n\nWe’ve always argued that the ban will not work.",
			st("I", "the likelihood of an attack is a matter of when", "We", "the ban will not work")},
		{"the subject of a passive is no source; its agent is",
			"The singer was told by police that the burglar had fled.\n\nJane Doe is said to be furious about the decision.\n\nVoters were worried that prices would rise.",
			st("police", "the burglar had fled")},
		{"the pronoun I is no part of a name",
			"Essentially, the podcast will carry ads.\n\nWhen I joined Delta Airlines I was told to smile.\n\nDelta said it does not discuss internal employee matters.",
			st("Delta Airlines", "it does not discuss internal employee matters")},
		{"an adverb or a reflexive after the name is no part of the speaker",
			"Rafael Nadal won the match.\n\nNadal afterwards said he was tired of the clay.\n\nNadal himself said he was pleased with the result.",
			st("Rafael Nadal", "he was tired of the clay", "Rafael Nadal", "he was pleased with the result")},
		{"a cue's clause does not reach past “but” to another cue's",
			"Few games have hinted at the scope of Spore, but Mr Wright explained that he has kept his team small.",
			st("Wright", "he has kept his team small")},
		{"a member for a constituency or a minister for a brief is the name after it",
			"Tory MP for Henley-on-Thames Boris Johnson said the row should end.\n\nMinister for Europe Denis MacShane said talks would go on.",
			st("Boris Johnson", "the row should end", "Denis MacShane", "talks would go on")},
		{"a nationality opening an institution's name stays in it",
			"The Pew Internet and American Life Project said music players were popular.",
			st("Pew Internet and American Life Project", "music players were popular")},
		{"a participle after a verb's object goes with the sentence's subject",
			"Environment Secretary Margaret Beckett rejected Mr Howard's comment, telling the BBC that Labour was not rattled.",
			st("Margaret Beckett", "Mr Howard's comment", "Margaret Beckett", "Labour was not rattled")},
		{"a month that ends a name is the name's",
			"Britain's Theresa May said the debate went well.\n\nBrian May said the band would tour.",
			st("Theresa May", "the debate went well", "Brian May", "the band would tour")},
		{"a title's possessive relation is the speaker, not the word after it",
			"Clinton's Campaign Manager Says Debate Went Well.\n\nThe debate ended late on Monday night in New York.",
			st("Clinton's Campaign Manager", "Debate Went Well")},
		{"an organisation's name holding “and” is whole, and two people joined by it speak together",
			"The Securities and Exchange Commission said the filing was late.\n\nJohn Smith and Jane Doe said the plan was good.",
			st("Securities and Exchange Commission", "the filing was late", "John Smith and Jane Doe", "the plan was good")},
		{"a person of a country or a firm is the person",
			"Nicolas Sarkozy of France said the decline of the dollar would hit exports.",
			st("Nicolas Sarkozy", "the decline of the dollar would hit exports")},
		{"a clause ending in a percentage keeps its percent sign",
			"The bank said profits rose by 10%.",
			st("bank", "profits rose by 10%")},
		{"an occupation before a name is the person's role",
			"Singer Sam Endicott said the band would tour in the spring.\n\nFilm-maker Spike Lee said the film cost $20m.",
			st("Sam Endicott", "the band would tour in the spring", "Spike Lee", "the film cost $20m")},
		{"a claim with no verb after it is something won",
			"The 2003 champion claimed her seventh Grand Slam title in Melbourne.\n\nJane Doe claimed her rival lied about the race.",
			st("Jane Doe", "her rival lied about the race")},
		{"a title-case headline's verb ends the name before it",
			"Chris Christie Calls Hillary Clinton “A Disgrace” Over Police Shooting Comments.\n\nChristie spoke in New Jersey on Monday about the shooting.",
			st("Chris Christie", "Hillary Clinton “A Disgrace” Over Police Shooting Comments")},
		{"says followed by a preposition is still a verb",
			"Trump spoke on Friday.\n\nTrump says on Twitter that the decision is very sad for the country.",
			st("Trump", "the decision is very sad for the country")},
		{"a short clause after “Name, appositive, said” is not a tail attribution",
			"In court papers filed Monday, FBI general counsel James Baker said the probe is ongoing.",
			st("James Baker", "the probe is ongoing")},
		{"a participle after a comma shares the sentence's subject",
			"Trump spoke in Ohio, saying the election is all about jobs.",
			st("Trump", "the election is all about jobs")},
		{"a demonstrative “that” ending the clause does not end the search for it",
			"Ryan said they are planting seeds to do that.",
			st("Ryan", "they are planting seeds to do that")},
		{"a relative “that” inside the clause is not the cue's",
			"Ryan said they are planting seeds that will grow.",
			st("Ryan", "they are planting seeds that will grow")},
		{"a verb after the cue has begun the clause, so a later “that” is the clause's own",
			"Mukasey said the email scandal is only the latest issue in her career that should give voters pause.",
			st("Mukasey", "the email scandal is only the latest issue in her career that should give voters pause")},
		{"a statement the subject issued speaks for the subject, and is no claim itself",
			"Black Lives Matter issued a statement saying the officers should be charged.",
			st("Black Lives Matter", "the officers should be charged")},
		{"a participle after a comma goes on with the sentence's last report",
			"Alongside calls from activists, a top GOP strategist said Clinton will have to choose, saying the pressure is going to build on her.",
			st("a top GOP strategist", "Clinton will have to choose", "a top GOP strategist", "the pressure is going to build on her")},
		{"a participle after a comma does not go on with a relative clause's report",
			"Donald Trump spoke on Monday.\n\nTrump defended not paying an architect who said he was stiffed, saying the architect did a bad job.",
			st("an architect", "he was stiffed", "Donald Trump", "the architect did a bad job")},
		{"“that” before a verb is the reported clause's subject, and an aside repeating the attribution is none of its own",
			"Chris Christie spoke.\n\nAsked about his criticisms of Trump, Christie said that was a natural part of the race — no different, he said, from what Bush did.",
			st("Chris Christie", "that was a natural part of the race — no different, he said, from what Bush did")},
		{"a quotation ending inside the writer's clause is not attributed by the cue after the clause",
			"Tom John, the chairman, spoke.\n\nThough he said it resulted in a “handful of people unknown to the party” filing papers, John said none were added to the slate.",
			st("Tom John", "it resulted in a “handful of people unknown to the party” filing papers", "Tom John", "none were added to the slate")},
		{"“according to” after a report passes on the report, whose speaker speaks too",
			"Sanders won.\n\nHis campaign manager, Jeff Weaver, says it's proof the candidate can still close the gap, according to the Associated Press.",
			st("Associated Press", "His campaign manager, Jeff Weaver, says it's proof the candidate can still close the gap", "Jeff Weaver", "it's proof the candidate can still close the gap")},
		{"what evidence shows is no report inside “according to”",
			"Texting.\n\nThe British love affair with texting shows no signs of abating, according to MDA.",
			st("MDA", "The British love affair with texting shows no signs of abating")},
		{"a passive cue without its agent reports nothing of its subject's",
			"Libel.\n\nHelen Steel and David Morris, dubbed the \"McLibel Two\", were found guilty of libel.",
			nil},
		{"a time phrase ending in “ago” between the subject and its cue is no part of the subject",
			"Emails.\n\nThe State Department less than two weeks ago said for the first time that secret intelligence had passed through the server.",
			st("State Department", "secret intelligence had passed through the server")},
		{"age, town and state abbreviation after a name are its appositives",
			"Rally.\n\nCory James, 22, of Flint, Mich., said he had not given up hope that Sanders could win.",
			st("Cory James", "he had not given up hope that Sanders could win")},
		{"“meanwhile” between the speaker and the cue is no part of the speaker",
			"Quangos.\n\nLib Dem spokesman Ed Davey meanwhile said the promised bonfire of quangos had become an explosion of them.",
			st("Ed Davey", "the promised bonfire of quangos had become an explosion of them")},
		{"the dateline is not the subject",
			"PHILADELPHIA — The Democratic National Committee issued an apology on Monday, saying the emails were inexcusable.",
			st("Democratic National Committee", "the emails were inexcusable")},
		{"a common-noun addressee before the clause",
			"Ryan told a news conference they are planting the seeds.",
			st("Ryan", "they are planting the seeds")},
		{"an adjunct before a clause that opens with a pronoun",
			"Zimmerman wrote in both listings he was honored to announce the sale.",
			st("Zimmerman", "he was honored to announce the sale")},
		{"the listener of a quotation's cue is no reported clause",
			"“They have to decide whether to feed their kids,” organizing director Kendall Fells told Fox News 6 in Milwaukee.",
			nil},
		{"the speaker of an inverted quotation reports more in a relative clause",
			"“He is a danger,” said Beck, who said there were too many disturbing things to dismiss.",
			st("Beck", "there were too many disturbing things to dismiss")},
		{"“as X noted,” before the clause",
			"But as a Politico reporter noted, he did not even fill the stadium.",
			st("a Politico reporter", "he did not even fill the stadium")},
		{"an adverb between subject and verb is not part of the speaker",
			"Senator Jane Doe spoke on Monday.\n\nDoe has forcefully argued the bill would hurt farmers.",
			st("Jane Doe", "the bill would hurt farmers")},
		{"a modal makes the verb an obligation, not a report",
			"Israel must acknowledge the history of its Armenian quarter.",
			nil},
		{"a question reports nothing",
			"Do you think Donald Trump has campaigned as a racial healer?",
			nil},
		{"“as” without a cue attributes nothing",
			"As expected, the governor will not seek a third term.",
			nil},
		{"an aside after “that” before the clause",
			"Party officials say that, even if they wanted one, a recount could not be done.",
			st("Party officials", "even if they wanted one, a recount could not be done")},
		{"a one-word aside between speaker and cue",
			"Hillary Clinton, however, has said she would not go above a higher minimum wage.",
			st("Hillary Clinton", "she would not go above a higher minimum wage")},
		{"“has long” before the cue is not part of the speaker",
			"Senator Elizabeth Warren has long argued the big banks are too big to fail.",
			st("Elizabeth Warren", "the big banks are too big to fail")},
		{"a “that” inside the quotation is not the cue's",
			"House Speaker Paul Ryan says Obama “knows full well that the law requires licenses.”",
			st("Paul Ryan", "Obama “knows full well that the law requires licenses")},
		{"a sentence-initial conjunction is not part of the speaker",
			"Senator Jane Doe spoke in Iowa.\n\nAnd she added that the next president will build on that progress.",
			st("Jane Doe", "the next president will build on that progress")},
		{"an attribution closing the sentence reports all of it",
			"The campaign said the candidate will attend three events in Kansas on Saturday, CNN reported.",
			st("campaign", "the candidate will attend three events in Kansas on Saturday",
				"CNN", "The campaign said the candidate will attend three events in Kansas on Saturday")},
		{"a tail attribution after a quoted phrase carries the writer's words",
			"Jane Doe spoke on Monday.\n\nThe senator’s plan may be “strategic,” said Jane Doe, an assistant professor at Syracuse University.",
			st("Jane Doe", "The senator’s plan may be “strategic")},
		{"the addressee of told may be a long name",
			"Brad Thor told TheBlaze founder Glenn Beck he would consider running as a third-party candidate.",
			st("Brad Thor", "he would consider running as a third-party candidate")},
		{"a weekday with a possessive opens the clause",
			"Rachel Berg said Thursday’s speeches have led her to count Trump out.",
			st("Rachel Berg", "Thursday’s speeches have led her to count Trump out")},
		{"with a subject before the comma, “said Mexico must” is not inverted",
			"Arturo Sarukhan, Mexico’s former ambassador, said Mexico must rebut the claims.",
			st("Arturo Sarukhan", "Mexico must rebut the claims")},
		{"the writer's next clause after “, and Name verb” is not reported",
			"Mrs. Clinton has said she intends to fill half her cabinet with women, and Ms. Brainard is among the few candidates.",
			st("Clinton", "she intends to fill half her cabinet with women")},
		{"the writer's comment after “, which” is not reported",
			"Trump said he was being sarcastic in his comments, which raised concerns among intelligence experts.",
			st("Trump", "he was being sarcastic in his comments")},
		{"a speech verb with a plain object reports the object",
			"German police reported 906 attacks against asylum homes last year.",
			st("German police", "906 attacks against asylum homes last year")},
		{"a time phrase between the subject and its cue is no part of the speaker",
			"Reince Priebus, the party chairman, this past week announced the creation of a website to explain the process.",
			st("Reince Priebus", "the creation of a website to explain the process")},
		{"a closing attribution may go on with where it was said",
			"The senator is very accessible to the media, Democratic candidate Tim Kaine insisted Thursday during a tour of morning news shows.",
			st("Tim Kaine", "The senator is very accessible to the media")},
		{"a relative clause with a cue inside the reported clause does not end it",
			"The poll found that 73 percent of Democrats who said they had supported Sanders now support Clinton.",
			st("poll", "73 percent of Democrats who said they had supported Sanders now support Clinton")},
		{"an appositive after “according to X,” describes X and is no part of the claim",
			"The launch price compares favourably with the US price of $149, according to John Houlihan, editor of the Computerandvideogames.com magazine.",
			st("John Houlihan", "The launch price compares favourably with the US price of $149")},
		{"a relative clause after “according to X” ends at its comma and the sentence goes on",
			"Notably absent from the meeting, according to members who spoke with reporters afterward, was any mention of the investigation.",
			st("members", "Notably absent from the meeting was any mention of the investigation")},
		{"a conjunction after “according to X,” goes on with the writer's sentence",
			"In Iowa, Trump is in first, according to Jane Doe, although Carson keeps it competitive.",
			st("Jane Doe", "In Iowa, Trump is in first although Carson keeps it competitive")},
		{"a cue that is also a noun after an article and a modifier is a noun",
			"Hoax warning.\n\nIn a monthly report anti-virus firm Sophos said that two e-mail messages about the tsunami made it to the top 10 hoax list.",
			st("Sophos", "two e-mail messages about the tsunami made it to the top 10 hoax list")},
		{"“the company” stands for the organisation its sentence names first",
			"Console date set.\n\nNintendo's new handheld console, the DS, will launch in Europe on 11 March, the company has announced.",
			st("Nintendo", "Nintendo's new handheld console, the DS, will launch in Europe on 11 March")},
		{"a product's name is no person whose first name stands for it",
			"Console date set.\n\nNintendo said 15 games would be available in the UK at launch. Both the Nintendo DS and the PSP went on sale in the US last year.",
			st("Nintendo", "15 games would be available in the UK at launch")},
		{"a hotel's name is no person a pronoun can stand for",
			"Singer sues insurers.\n\nBritney Spears cancelled her Onyx Hotel tour last June. She is now claiming that the insurers owe her the tour's costs.",
			st("Britney Spears", "the insurers owe her the tour's costs")},
		{"a participle after a noun a preposition governs has that noun for its speaker",
			"Forums defaced.\n\nThe worm replaces chat forums with a webpage announcing that the site had been defaced by the malicious program.",
			st("a webpage", "the site had been defaced by the malicious program")},
		{"quotations run together by a comma before their attribution are no statement",
			"Patents row.\n\n\"The industry respects the open source movement,\" \"We think companies should be able to choose,\" she added.",
			st()},
		{"words between a cue and a colon that opens a quotation are no statement",
			"Budget row.\n\nMr Blair told the Parliamentary Labour Party on Monday: \"Nothing is going to get in the way of a unified campaign.\"",
			st()},
		{"a nationality or a trade with “the” stands for the person just named",
			"Transfer talk.\n\nJose Antonio Reyes has been linked with Real Madrid.\n\nThe Spaniard said he was happy at Arsenal. The Romanian international said it was a substance designed to enhance performance.",
			st("Jose Antonio Reyes", "he was happy at Arsenal", "Jose Antonio Reyes", "it was a substance designed to enhance performance")},
		{"an organisation's short name stands for its full one",
			"Poll out.\n\nFox News published its survey on Monday. Fox said Clinton had maintained her support among black voters.",
			st("Fox News", "Clinton had maintained her support among black voters")},
		{"a pronoun after an opening adjunct without its comma is the subject",
			"Coach fined.\n\nLuis Aragones was fined on Monday. At his weekly press conference on Tuesday he said his comments were not racist.",
			st("Luis Aragones", "his comments were not racist")},
		{"“the club” stands for the club just named",
			"Striker sacked.\n\nChelsea sacked Adrian Mutu on Friday. The club said it had a zero tolerance policy towards drugs.",
			st("Chelsea", "it had a zero tolerance policy towards drugs")},
		{"a pronoun stands for a name the article confirms as a person's before one that only looks like a name",
			"Hingis returns.\n\nMartina Hingis will return to tennis next month. Hingis has entered the Volvo Women's Open in Pattaya. She said the tournament would be a test of her fitness.",
			st("Martina Hingis", "the tournament would be a test of her fitness")},
		{"the White House is an organisation, nobody a pronoun stands for",
			"Briefing.\n\nReince Priebus spoke to reporters at the White House. He said the president would sign the bill.",
			st("Reince Priebus", "the president would sign the bill")},
		{"the writer's link before a reported clause is no part of it",
			"Talks.\n\nHowever, all sides are anxious to reach a deal soon, said Stephen Cape.",
			st("Stephen Cape", "all sides are anxious to reach a deal soon")},
		{"a plural noun before its verb is no stance verb",
			"Markets.\n\nNews Corp shares fell 25 cents to $17.65 after the share offer was announced.",
			st()},
		{"a spokesman for someone speaks for them and is not them",
			"Row.\n\nJohn Prescott spoke on Monday. But a spokesman for Mr Prescott warned that the plan would fail.",
			st("a spokesman for John Prescott", "the plan would fail")},
		{"“it” and “they” stand for the body that spoke just before",
			"Phones.\n\nT-Mobile said it would add the Blackberry to its range. It also said a flat-fee tariff would follow.\n\nPolice said the burglar had fled. They said he may have been injured.",
			st("T-Mobile", "it would add the Blackberry to its range", "T-Mobile", "a flat-fee tariff would follow",
				"Police", "the burglar had fled", "Police", "he may have been injured")},
		{"“it” stands for no person",
			"Results.\n\nJohn Smith said profits rose sharply last year. It said sales fell in the winter.",
			st("John Smith", "profits rose sharply last year", "It", "sales fell in the winter")},
		{"“it” stands for nobody two sentences back",
			"Results.\n\nUnilever said the results were poor. Shares fell. Prices rose. It said costs would rise.",
			st("Unilever", "the results were poor", "It", "costs would rise")},
		{"“the firm” is the organisation the article is about when no sentence near it names one",
			"Doughnuts.\n\nShares in Krispy Kreme Doughnuts fell after the firm delayed its results. Krispy Kreme said the errors were small. Krispy Kreme also cut jobs. Analysts were surprised. Sales fell. Prices rose. In a further blow, the firm said it might need to borrow money.",
			st("Krispy Kreme", "the errors were small", "Krispy Kreme", "it might need to borrow money")},
		{"an appositive introduces an organisation with its role",
			"Insurers.\n\nStandard Life, Europe's largest mutual life insurer, has cut bonuses. Annual bonus rates were cut to 2%. The insurer blamed the cuts on poor share returns.",
			st("Standard Life", "the cuts on poor share returns")},
		{"“by saying” and “, saying” report the subject's words",
			"Summit.\n\nJacques Chirac responded by saying Europe needed to reinforce its own unity. Gerhard Schroeder hit back on Monday, saying the euro was far too strong.",
			st("Jacques Chirac", "Europe needed to reinforce its own unity", "Gerhard Schroeder", "the euro was far too strong")},
		{"“by saying” a name reports nothing, and “the Argentine” is the player just named",
			"Tennis.\n\nDavid Nalbandian lost to Lleyton Hewitt. Fans can play a song just by saying its name. The Argentine had stoked up the temperature by saying Hewitt's celebrations were bad for the sport.",
			st("David Nalbandian", "Hewitt's celebrations were bad for the sport")},
		{"“the survey” speaks for whoever the article said it was by",
			"Gadgets.\n\nA survey by GMIPoll covered 20 countries. Prices fell. The survey said digital cameras were the most popular choice.",
			st("GMIPoll", "digital cameras were the most popular choice")},
		{"a research firm is no person a pronoun stands for",
			"Digital.\n\nThe UK is digitally savvy, according to Jupiter Research. \"Digital lifestyles are common,\" said Nate Elliott, an analyst. The trend will continue across Europe, he added.",
			st("Jupiter Research", "The UK is digitally savvy", "Nate Elliott", "The trend will continue across Europe")},
		{"“told reporters:” before a quotation is the quotation's attribution, no statement",
			"Summit.\n\nThe French president told reporters: \"Europe today has more than ever the need to reinforce itself.\"",
			st()},
		{"a person from an organisation is the person",
			"Gadgets.\n\nJane Doe from the Consumer Electronics Association said sales were rising fast.",
			st("Jane Doe", "sales were rising fast")},
		{"the listener of a closing “told” is no clause",
			"Watchdog.\n\nJane Doe leads the regulator. The rules could also be made tougher, she told a Commons inquiry.",
			st("Jane Doe", "The rules could also be made tougher")},
		{"a programme named as the listener ends before the reported clause, and a peer keeps his title",
			"Bill.\n\nLord Falconer told BBC Radio 4's Today programme he hoped the bill would pass.",
			st("Lord Falconer", "he hoped the bill would pass", "Lord Falconer", "the bill would pass")},
		{"a stance verb after “tends to” reports its object",
			"Jane Doe continues to oppose the new trade agreement with Mexico.",
			st("Jane Doe", "the new trade agreement with Mexico")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, statementsOf(extract(t, tt.in))); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}
}

// draftStatements returns the statements found before the confidence
// filter, so a construction is tested apart from how the model weighs it.
func draftStatements(t *testing.T, text string) []brief {
	t.Helper()
	d := newDoc(Clean(text), "art", published)
	drafts, err := d.drafts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var out []brief
	for _, dr := range drafts {
		if dr.claim.Kind == model.KindStatement {
			out = append(out, brief{dr.claim.Kind, dr.claim.Speaker, dr.claim.Content, false})
		}
	}
	return out
}

// statementCase is a text and the statements drafted from it.
type statementCase struct {
	name string
	in   string
	want []brief
}

func checkStatements(t *testing.T, cases []statementCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, draftStatements(t, tt.in)); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStanceObjectBoundaries(t *testing.T) {
	checkStatements(t, []statementCase{
		{"a stance verb in a relative clause ends at the clause's comma",
			"Mr. Elmendorf, who endorsed Clinton last year, said the numbers do not add up.",
			[]brief{{model.KindStatement, "Elmendorf", "Clinton last year", false}, {model.KindStatement, "Elmendorf", "the numbers do not add up", false}}},
		{"a one-word object is a position",
			"Senator Jane Doe endorsed Clinton.",
			[]brief{{model.KindStatement, "Jane Doe", "Clinton", false}}},
		{"the object ends before “and” with the speaker's next verb",
			"Senator Jane Doe praised Garland and said Republicans should give him a hearing.",
			[]brief{{model.KindStatement, "Jane Doe", "Garland", false}, {model.KindStatement, "Jane Doe", "Republicans should give him a hearing", false}}},
		{"the object ends before “and” with the speaker's next auxiliary",
			"Senator Jane Doe endorsed the governor and has appeared at his rallies since.",
			[]brief{{model.KindStatement, "Jane Doe", "the governor", false}}},
		{"a lone pronoun is no position",
			"Senator Jane Doe backed it.",
			nil},
		{"a plural noun after an adjective is not a stance verb",
			"Republican candidates face bigger questions in light of the new fiscal outlook.",
			nil},
		{"a verb with a particle of its own has no object",
			"Facing blowback from unions, Berlin backed off, replacing the levy with a subsidy.",
			nil},
		{"the object ends at “, which”",
			"Jane Doe backed the new trade agreement, which most of her colleagues opposed.",
			[]brief{{model.KindStatement, "Jane Doe", "the new trade agreement", false}}},
		{"the occasion of the act is not the position",
			"Mayor Karen Weaver endorsed Clinton during a conference call with reporters.",
			[]brief{{model.KindStatement, "Karen Weaver", "Clinton", false}}},
		{"the day of the act is not the position",
			"Senator Jane Doe backed a no-fly zone in Syria on Tuesday morning.",
			[]brief{{model.KindStatement, "Jane Doe", "a no-fly zone in Syria", false}}},
		{"the day that opens the object is not part of it",
			"Multiple outlets reported on Wednesday the Secret Service had a conversation with the campaign about the statement.",
			[]brief{{model.KindStatement, "Multiple outlets", "the Secret Service had a conversation with the campaign about the statement", false}}},
		{"a day and nothing after it is no object",
			"The candidates debated on Tuesday night, and their rivals were having none of it.",
			nil},
		{"a cue inside the subject's relative clause ends where the main cue begins",
			"People who know him well say he is a careful man.",
			[]brief{{model.KindStatement, "People", "he is a careful man", false}}},
		{"an aside set off by commas is part of the clause",
			"Clinton, though, would have to move more to the center, Cuban said.",
			[]brief{{model.KindStatement, "Cuban", "Clinton, though, would have to move more to the center", false}}},
		{"a verb of speaking is no stance's object",
			"Media reports said the deal was close.",
			[]brief{{model.KindStatement, "Media reports", "the deal was close", false}}},
		{"declining to comment says nothing",
			"A spokeswoman for the ministry declined to comment on the reports.",
			nil},
	})
}

// A short quoted phrase inside the writer's paraphrase ("called him a
// “stiff”") is reported as the clause it completes, said by the clause's
// subject, and not again as a fragment of its own.
func TestQuotedCharacterisations(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []brief
	}{
		{"the object and its quoted complement",
			"Ted Cruz called Marco Rubio a “moderate” on Tuesday.",
			oneStatement("Ted Cruz", "Marco Rubio a “moderate” on Tuesday")},
		{"the clause that completes the complement is kept",
			"Trump called the Saudis “free riders” who rely too much on American military aid.",
			oneStatement("Trump", "the Saudis “free riders” who rely too much on American military aid")},
		{"a reason after the comma is kept",
			"The Sanders campaign called the report a “rush to judgment,” because delegates can change their minds.",
			oneStatement("Sanders campaign", "the report a “rush to judgment,” because delegates can change their minds")},
		{"the writer's appositive after a comma inside the mark is not",
			"Ted Cruz called Marco Rubio a “moderate,” a subtle dig at a former tea party darling.",
			oneStatement("Ted Cruz", "Marco Rubio a “moderate")},
		{"the writer's aside after a dash is not",
			"Glenn Beck called Sarah Palin a “clown” – the harshest words of the week.",
			oneStatement("Glenn Beck", "Sarah Palin a “clown”")},
		{"a naming verb after a relative clause's comma is its subject's act",
			"Former Labour MP Lord Janner, who is a member of the community, branded the prince's action “stupid and evil”.",
			oneStatement("Labour MP Lord Janner", "the prince's action “stupid and evil”")},
		{"the occasion of a characterisation is not what was said",
			"Last September, Glenn Beck called Sarah Palin a “clown” on his radio show when commenting on her speech at a rally.",
			oneStatement("Glenn Beck", "Sarah Palin a “clown” on his radio show")},
		{"a characterisation that opens a reported clause leaves the clause whole",
			"Donald Trump said that Hillary Clinton once described the trade pact as “the gold standard” of trade deals.",
			[]brief{{model.KindStatement, "Hillary Clinton", "the trade pact as “the gold standard” of trade deals", false}, {model.KindStatement, "Donald Trump", "Hillary Clinton once described the trade pact as “the gold standard” of trade deals", false}}},
		{"the speaker's next act ends the characterisation",
			"Then Trump cut into Bush, calling him a “stiff” and accusing him of acting like a child.",
			[]brief{{model.KindStatement, "Trump", "him a “stiff”", false}, {model.KindStatement, "Trump", "him of acting like a child", false}}},
		{"a participle after a preposition belongs to the subject",
			"Trump responded to the tweet by calling Alwaleed “dopey” on Friday.",
			oneStatement("Trump", "Alwaleed “dopey” on Friday")},
		{"described … as",
			"Sheldon Adelson described the field of Republican candidates as “all very good” and praised Trump.",
			[]brief{{model.KindStatement, "Sheldon Adelson", "the field of Republican candidates as “all very good”", false}, {model.KindStatement, "Sheldon Adelson", "Trump", false}}},
		{"a pronoun subject resolves to the last name",
			"Jeb Bush spoke in Iowa on Monday.\n\nHe warned of a “rigged” primary calendar in the South.",
			oneStatement("Jeb Bush", "of a “rigged” primary calendar in the South")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []brief
			for _, c := range extract(t, tt.in) {
				if c.Kind == model.KindQuote || c.Kind == model.KindStatement {
					got = append(got, brief{c.Kind, c.Speaker, c.Content, c.Fragment})
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("claims (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAttributesQuote(t *testing.T) {
	for _, tt := range []struct {
		text, cue string
		want      bool
	}{
		{"“We have to decide,” organizing director Kendall Fells told Fox News 6 in Milwaukee.", "told", true},
		{"“We have to decide.” Kendall Fells told Fox News the union would strike.", "told", false},
		{"“We have to decide,” he said, and Kendall Fells told Fox News the union would strike.", "told", false},
		{"Kendall Fells told Fox News the union would strike.", "told", false},
	} {
		toks := tokenizeInto(nil, tt.text, lowerText(tt.text), 0, len(tt.text))
		c := -1
		for k, tok := range toks {
			if tok.low == tt.cue {
				c = k
			}
		}
		if got := attributesQuote(toks, c); got != tt.want {
			t.Errorf("attributesQuote(%q at %q) = %v, want %v", tt.text, tt.cue, got, tt.want)
		}
	}
}

func TestSubordinateClauseEndsAtItsComma(t *testing.T) {
	checkStatements(t, []statementCase{
		{"the writer's main clause follows the comma",
			"While Ramos said that journalists cannot have any political affiliation, he appears uneasy about his daughter's work for the campaign.",
			[]brief{{model.KindStatement, "Ramos", "journalists cannot have any political affiliation", false}}},
		{"a stance object ends there too",
			"When Sanders accused Clinton of being too reliant on Wall Street, the audience cheered loudly.",
			[]brief{{model.KindStatement, "Sanders", "Clinton of being too reliant on Wall Street", false}}},
		{"“even as” opens such a clause",
			"Even as Giuliani accused the Justice Department of favouring Clinton, the former mayor would not speculate about motives.",
			[]brief{{model.KindStatement, "Giuliani", "the Justice Department of favouring Clinton", false}}},
		{"an opening conjunction may come before the subordinator",
			"And if more traditional Republicans in the audience showed limited enthusiasm for Mr. Trump, the misgivings were mutual.",
			[]brief{{model.KindStatement, "more traditional Republicans in the audience", "limited enthusiasm for Mr. Trump", false}}},
		{"an opening “Having” clause ends at its comma and the main clause's subject speaks",
			"Having said that the plan would fail, Senator Jane Doe voted against it on Tuesday.",
			[]brief{{model.KindStatement, "Jane Doe", "the plan would fail", false}}},
		{"a subordinate clause after the listener is not what was told",
			"This is not about me, President Obama told his closest advisers as he labored over one of his last addresses.",
			[]brief{{model.KindStatement, "Obama", "This is not about me", false}}},
		{"a comma inside a quotation is no end",
			"While Trump said the wall would be “big, beautiful and paid for by Mexico,” his aides were less sure.",
			[]brief{{model.KindStatement, "Trump", "the wall would be “big, beautiful and paid for by Mexico,”", false}}},
		{"a phrase opening the reported clause keeps its comma",
			"When Flynn said on Wednesday that under President Barack Obama, the generals had been reduced to rubble, the room fell silent.",
			[]brief{{model.KindStatement, "Flynn", "under President Barack Obama, the generals had been reduced to rubble", false}}},
		{"a clause closed before the cue is no subordinate clause of the cue",
			"When the vote was called, Senator Jane Doe said her deputy, Mark Smith, would lead the count.",
			[]brief{{model.KindStatement, "Jane Doe", "her deputy, Mark Smith, would lead the count", false}}},
		{"“after” opens a phrase as often as a clause",
			"After the debate Senator Jane Doe said the numbers do not add up, a view her staff shares.",
			[]brief{{model.KindStatement, "Jane Doe", "the numbers do not add up, a view her staff shares", false}}},
	})
}
