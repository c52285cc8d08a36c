// Package claims turns the text of one news article into claims: direct
// quotes with resolved speakers, reported statements, and attributed
// figures, each with its date, entities, check-worthiness score and the
// place it was read from. It also builds the canonical claim key (so the
// same claim from many outlets is one claim) and decides when two figures
// conflict.
//
// # Pipeline
//
// The extractor stage (Stage) consumes model.UniqueArticle from
// cw.articles.unique, runs an Extractor and publishes one model.ClaimBatch
// on cw.claims.extracted. The store merges claims by Claim.ID (Key, ID) and
// calls Conflicts against stored quantity claims with the same subject and
// unit.
//
// # How the rule-based extractor reads an article
//
//  1. Clean: HTML to text, doubly encoded characters repaired ("Â£2m",
//     "itâ€™s"), Unicode NFC (curly quotes kept), page furniture and
//     scraper residue dropped (clean.go, mojibake.go).
//  2. Segment: paragraphs, then sentences that survive abbreviations,
//     initials, decimals, ellipses and quotations (sentence.go).
//  3. Find quotations over the whole text, joining quotes that run over
//     paragraphs, and attribute them (quote.go, speaker.go).
//  4. Find reported speech without quotation marks (statement.go), figures
//     (quantity.go), dates (date.go) and entities (entity.go).
//  5. Drop the quotes and statements the confidence model doubts
//     (confidence.go), score check-worthiness (score.go) and build keys
//     (key.go).
//
// Everything is linear in the article length: there are no regular
// expressions with backtracking over the whole text and no nested scans,
// so a 10 MB article or one with 100,000 quotation marks finishes in
// bounded time.
//
// # Entities: rules and gazetteers, not a statistical tagger
//
// Names are capitalised runs, stripped of titles (kept as the role that
// introduced them), classified with small gazetteers (countries and
// demonyms, organisation and place words, titles, first names) and
// canonicalised to the fullest form the article uses. github.com/jdkato/
// prose/v2 was measured on the same machine: 0.01 MB/s of BBC text per
// CPU-second (this extractor: about 12 MB/s), and on seed 003 it tags
// Pyongyang, Kyiv, Ukraine and the NIS as persons and "Russia Russian
// President Vladimir Putin" as one place. No model can be downloaded here
// and none measured well enough to pay for itself.
//
// # Attribution beyond speech verbs (stance.go)
//
// PolNeAR annotates every attribution, not only speech. Besides "X said
// (that) …", the extractor reads stance verbs whose object is the
// source's position ("called for a special prosecutor", "endorsed …",
// "wants to …", "urged …"), drawn from the most frequent non-speech cue
// words of PolNeAR's training split; poll shares as speakers ("Almost
// half of respondents said …"); bare clauses that open with a common noun
// or a condition ("aides said details will be …", "said if Trump wins,
// …"); the headline conventions "Source: claim" and "Source Says claim";
// a subject the name rules cannot read, as written ("Another source
// familiar with …"); an attribution the splitter put after a “…?”; a
// quotation introduced by a sentence ending in a colon; and “A,” he said.
// “B …” as one utterance when B is a passage of its own (five words or
// more) without another attribution.
//
// Later constructions, each found in the error analysis of the training
// split: a bare clause after a plain speech verb ("experts said social
// media success depends on …"); a participle after a comma and its
// clause's subject ("…, saying it is …"); an attribution that closes a
// sentence which already reports one ("The campaign said …, CNN
// reported."); a writer's continuation cut off (", which …", ", and Ms.
// Brainard is …"); stance verbs in a relative clause, after "tend to"
// or "continues to", and with a one-word object ("endorsed Clinton");
// speech verbs with a plain object ("police reported 906 attacks"); a
// relative clause or a plural possessive between a quotation's speaker
// and cue; a dash credit line (“…” ― Jane Doe).
//
// A second pass over the quoted attributions the training split misses:
// the name before an appositive speaks, not the listener after the cue
// (“…,” Jeff Sessions, an adviser to Trump, told AFP), nor what it is
// said of, nor the day after it; a name in the appositive after a
// description ("the nominee, Donald Trump, tweeted"); an appositive may
// hold a conjunction or an abbreviation; two names joined by "and" speak
// together; an unlisted past tense attributes after a question the
// splitter cut off (“…?” Beck questioned.) or inverted before a name
// (“…,” mused co-host Stu Burguiere); "by saying, “…”" and "went on to
// say, “…”" give the quotation to the subject; a quotation that opens a
// reported clause carries the clause (Obama said “it gets me mad” every
// time …); a digest's credit before a colon ("HEADLINE - Jane Doe: “…”");
// a name in an opening adjunct ("In a Fox interview, Trump …") is not the
// subject; a credit line may sit in the paragraph under its quotation;
// “A?” X said. “B” joins like “A,” X said. “B”; and chants, songs and
// interjections introduce a quotation (but not a reported statement).
//
// A third pass over short quoted phrases inside the writer's paraphrase:
// a characterising verb ("called him a “stiff”", "described the plan as
// “reckless”", "warned of", "portrayed", "framed") reports its object and
// quoted complement as the subject's statement, and the quoted words are
// not emitted again as a fragment. The statement runs past the closing
// mark to the end of the clause the complement belongs to ("“free
// riders” who rely on …", "a “rush to judgment,” because …") and stops
// at the speaker's next act ("and accusing him …"), a dash, the writer's
// appositive after a comma, or a closing attribution; "by calling …"
// belongs to the sentence's subject.
//
// A fourth pass over who speaks (turn.go and the name rules): a
// transcript's turns ("TAPPER: Do you think …?", two labelled paragraphs
// or more) are quotes of their speakers; a headline may credit a poll, a
// report or a campaign ("Poll:", "Clinton camp:") and an occasion after
// its source is dropped ("Mukasey at RNC:"); a speaker phrase never holds
// an auxiliary or a manner adverb ("Clinton has forcefully condemned"),
// and a modal ("Israel must acknowledge") or a question ("Do you think
// …?") reports nothing; a title-case headline's capitalised run is split
// at its verbs and joining words ("Christie Is Over Marco Rubio") and
// never becomes the fullest form of a person's name, and a title inside
// a run goes to the role ("Texas Lt. Gov. Dan Patrick"); a document the
// subject issued speaks for the subject ("released a statement saying
// …"); a dateline is no subject; a colon hands its quotation to the
// clause it closes. An utterance continues into a paragraph that is one
// quotation, and past a title quoted in its attribution ("said on CNN’s
// “State of the Union” Sunday. “…”"); a verb after a speech cue begins
// the reported clause, so a later "that" is the clause's own; a stance
// object ends before its occasion or day ("endorsed Clinton during a
// conference call").
//
// A fifth pass read BBC news rather than PolNeAR's politics, for what
// holds in English news in general (its PolNeAR figures barely move): an
// organisation's one-word name stands for the fullest name that begins
// with it and ends in an organisation word ("Delta" → "Delta Airlines",
// "Fox" → "Fox News"); "the company", "the club", "the magazine" and the
// like stand for the organisation the article introduced with that word
// ("US magazine Mobile PC"), else the first one their sentence names or
// the last of the sentences before; "it" was left alone, as PolNeAR shows
// it standing for reports and ads as often as for the last organisation
// (the sixth pass below narrows it to the last body that spoke).
// A name ending in an acronym is a product, not a person ("Nintendo
// DS"), and a hotel, stadium or station is a place; "the Spaniard", "the
// Romanian international", "the actress" stand for the person just
// named. After "…, according to X," an appositive or relative clause
// describes X ("John Houlihan, editor of …") and is no part of the claim;
// a noun cue after an article and a modifier ("a monthly report Sophos
// said") attributes nothing; quotations run together by a comma (“…,”
// “…,” she added) are one utterance of the attribution after the last
// and no statement; "told the party on Monday: “…”" is the quotation's
// attribution, not a statement; a pronoun after an opening adjunct
// without its comma ("At his press conference on Tuesday he said") or
// after a listener's programme ("told BBC Radio 4's Today programme he
// hoped") is the subject; a participle that modifies a noun governed by
// a preposition speaks for that noun ("with a webpage announcing that
// …"). A pronoun prefers, within each sentence it looks back through, a
// name the article confirms as a person's (a known given name, a title,
// a later mention by surname alone) over a capitalised pair that only
// looks like one ("Hingis has entered the Volvo Women's Open. She said
// …"), and never a name that describes a thing ("an Alan Shearer
// strike"); "a spokesman for Mr Prescott" speaks as "a spokesman for John
// Prescott"; "Lib Dems David Laws" is David Laws; a plural noun before
// its verb ("shares fell") is no stance; a quotation closed by a full
// stop takes no attribution from the sentence after it, which reports
// something else; "told" skips a listener that opens with "the" or ends
// in its programme, and one that ends the sentence (", she told a
// Commons inquiry.") is no clause; the writer's link before a reported
// clause ("However, all sides are …, said X") is no part of it; the White
// House is an organisation; a straight mark after a quotation
// inside the quotation and a space (“… saying 'what do you want?'
// "To not …”) reopens a quotation whose paragraph break was lost; a
// quotation standing alone right after a sentence in which a person
// reported something is that person's ("Ian Harris … said the machine
// would appeal …¶“They want a further taste …”"), where it went to the
// speaker of the last quotation or to nobody. A
// hand check of 391 quotes and statements from 56 BBC articles found a
// quarter of the speakers and 29 % of the contents wrong before this
// pass, mostly in statements: stance verbs read in sport and business
// copy ("brushed aside the Czech qualifier"), accusations whose object
// is a person ("accused Tony Blair of …"), and plural pronouns.
//
// A sixth pass, again on BBC news (a hand check of 393 claims in 45
// articles), attaches what speaks through a document or a proxy to its
// author: "A statement from Chelsea explaining the decision read:",
// "Chelsea's statement added:" and "a spokesman for the club" give
// Chelsea. A title that opens a body's name is part of it ("Defence
// Ministry", "US Justice Department", not "Ministry"), unless a given
// name shows a person ("Detective Paul Miller of Thames Valley Police");
// "the ministry", "the department", "the commission" stand for the body
// named with that word or for none, and "the company" for no
// organisation whose name says it is another kind. "It" and "they"
// stand for the last speaker that is no confirmed person, in the same
// sentence or the one before ("T-Mobile said …. It also said …",
// "Police said …. They said …"); "it" never for a plural ("officials").
// PolNeAR pays a little for that: its scorer reads a sentence-initial
// "It" or "They" as a name, as it does "He". "He" and "she" look first
// at the subject of each sentence before theirs ("Gatland also singled
// out Tom Rees and John Hart. “…,” he added." is Gatland), past an
// opening conjunction or a "for" of view but not a subordinator ("But
// before Campbell scored, the chances fell to Fuller"), and stop
// preferring subjects at a sentence whose subject is a description ("the
// chancellor"), which the pronoun may stand for instead. An unnamed
// person who spoke ("A Labour spokesman said …") is who "he" stands for
// in the next sentence, as a named one is; "A spokesman for the British
// Casino Association" keeps its proxy past "the". Company names end in
// more words that mark them ("Contrack International", "Manchester
// United", "… Securities"), so they no longer pass for people; "the
// firm", "the carmaker", "the insurer" also stand for the organisation
// an appositive introduced with that word ("Standard Life, Europe's
// largest mutual life insurer,"), and, when no sentence near them names
// one, for the organisation the article mentions most; a one-word name
// opening its sentence reads as an organisation only before a verb
// ("Nintendo said"), not before a noun ("Annual bonus rates"). 646 of
// the 2,225 BBC articles arrive doubly encoded ("Â£2m"), which left "Â"
// as a speaker; Clean repairs them, and decodes the character
// references a feed's plain text keeps ("communiqu&#233;"). Two names
// joined by "and" before a cue speak together, roles and all ("singer
// Gary Lightbody and drummer Jonny Quinn said", "Germany and France
// said"), unless the first is a lone word of a minister's brief
// ("Economy and Labour Minister Wolfgang Clement") or the pair is the
// object of a preposition ("the top Catholic in England and Wales
// backed"). A peer's title and territory are a name ("Lord
// Hanningfield", not "Hanningfield"). A reported clause that opens a
// quotation keeps the mark that closes it right after ("strong “both
// operationally and financially”"). "Responded by saying Europe needed
// …" and "hit back, saying the euro was …" report the subject's words
// (a participle after a comma is never an inverted "said X"), while "by
// saying its name" reports nothing; "the Argentine" who does so is the
// player just named. After "Kirsten Pfeifer from the Consumer
// Electronics Association, told the BBC News website" the name speaks
// and the website listens: "told" never inverts. A subject after "Mr" or
// a title still opens its sentence ("Mr Blair has been closer to
// President Bush …. He said …" is Blair). "The report", "the survey",
// "the study" or "the poll" speaks for whoever the article said wrote it
// ("a survey by GMIPoll", "Ofcom's report"). A description whose head is
// a person's and whose modifier is a name ("the Tottenham striker", "the
// Easyjet founder", "the Black Sabbath singer") stands for the person,
// never the modifier; and a sentence whose subject is "he" or "she"
// passes the subject preference on to the sentence before ("Duff
// explained …. He opted to bring Steve Finnan's cross down. “…,” said
// the Chelsea star" is Duff). "Told reporters: “…”" attributes the
// quotation and reports no statement besides it.
//
// A seventh pass (rules-10) read the misses of PolNeAR train and checked
// each change against BBC news. Quotations split by an attribution are
// one utterance across an abbreviation's dot ("Trump said during a rally
// in Kenansville, N.C., “…”") but two across a speech act's participle
// ("Sanders said, suggesting a few questions, including, “…”"), not an
// aside ("Mr Sullivan said, referring to the first false entries, “…”").
// "9/11" is one word, so "said 9/11 widow Terry Strada" has a speaker
// and "9/11 victims" no figure. A straight mark left open does not run
// into a paragraph that opens with a curly one, and Clean composes the
// text before repairing it ("A" and a combining tilde are "Ã"). "That"
// before a quotation reaches back as far as "that" before a clause
// ("told his young proteges on a regular basis that “…”"). "X says Y,
// according to Z" keeps Z's report of the sentence and adds X's of Y;
// "said that was …" keeps "that" as the clause's subject; an aside that
// repeats the attribution ("— no different, he said, from …") is none of
// its own; a quotation that ends inside the writer's clause ("a “handful
// of people” filing papers, John said …") leaves the cue after it its
// own clause. A passive cue without its agent reports nothing of its
// subject ("were found guilty"), nor does a naming aside ("Helen Steel
// and David Morris, dubbed the “McLibel Two”,"), while a passive's agent
// ends the phrase before a relative clause ("denied by UKIP spokesman,
// who said: “…”"). A time phrase ending in "ago", an adverb after an
// inverted speaker ("said Williams afterwards") or before the cue
// ("meanwhile"), and a state's abbreviation after a name ("Cory James,
// 22, of Flint, Mich., said") are no part of a speaker; a modal ends a
// subject ("Comey cannot say that “…”" is no quote of Comey's). An
// opening participle phrase without its comma leaves "he" the subject
// ("Laying into the record in government he said: “…”"). A sentence of
// speaker and cue alone ("Trump said.") attributes the quotation whose
// full stop closed before it. A characterisation ends at its occasion
// ("a “clown” on his radio show when commenting …") and, when it opens
// a reported clause, leaves that clause whole ("Trump said that Clinton
// once described the TPP as “the gold standard”" is Trump's as well as
// Clinton's). A statement that is a quotation of its own sentence and
// speaker behind a few words of circumstance ("As a phone rang, “It's 3
// a.m. …”") is dropped for the quote. The tagger's source is no speaker
// when it opens with a preposition ("of CPS records") or is a lone
// title or nationality ("Dame", "German").
//
// An eighth pass (rules-11) made the subject of a cue the speaker where
// nearer names had been taken. A state ("Vermont", "New Hampshire",
// "Carson, Calif.") is a place, a party's adjective ("the Democratic
// side") or a state alone is nobody, and a weekday ends a name ("told a
// crowd in Miami Tuesday"), so none of them is the person a participle
// or a pronoun stands for. A description that opens the sentence, past a
// short adjunct, is a participle's subject ("The New York businessman has
// praised Putin, saying …" is not Putin's; "At his cookout, the band
// leader called …, singing “…”"). A cue joined by "and" to an earlier
// verb of the same form shares that verb's subject ("Huckabee, the former
// Arkansas governor, proposed … and said …", "strategists fear that
// Clinton has … and warn that …", but "May said that the country would
// declare … and suggested …" is May's; "Clarke said he recognised … but
// argued: “…”" is Clarke's, the pronoun's reporter), and a clause before
// "and" and a cue ends there. A pronoun later in a sentence stands first for the
// speaker of a clause before it ("Rubio told a crowd that he knows …"); a
// name after a preposition is no subject past its title ("In addition to
// Mr. Regalado, …"); a verb before a participle is no speaker ("Perez
// stopped writing his speech"); a given name alone is a person's. The
// clause keeps a relative clause after its subject ("said the numbers he
// saw were …", where only a listener may open with a determiner) and a
// report nested after "when", "because" or "until"; a pronoun after such
// a conjunction opens no clause for the cue before it. "He showed no
// remorse" is no evidence shown, "said on a media call" no clause,
// "reported at least six planes …" no attribution closing the sentence,
// and "voiced in his famous demand" no object, while "questioned in
// recent days whether …" reports what follows the adjunct. A quotation
// closed before a comma is no appositive of the speaker after it ("“…,” in
// sharp contrast to …, says X"), a word in -ss no cue after a quotation
// ("White House press secretary Josh Earnest said"), and a name after a
// preposition and its article no subject ("after the Group of 20"). A
// participle after a comma and an adverb is the subject's ("…, recently
// telling one person …"), a description may open past a dateline and a
// long adjunct or with a person's possessive ("Hillary Clinton’s
// right-hand woman rallied supporters, saying: “…”"), and a cue after
// "a" and a name is a noun ("posted a Twitter comment"). A second
// participle after a comma is no appositive ("drafted … in May 2012, and
// obtained by AP, concluded" is not 2012's) unless a relative clause
// goes on there ("Beck, who supported Cruz, R-Texas, and opposed …,"). The
// scorer reads "Florida" and "Republican" as matching "The Florida
// senator" and "Republican pollster Daron Shaw", so some of these fixes
// cost matches on PolNeAR that were right by accident. Resolving "the
// Vermont senator" to the person last named was measured and rejected:
// it named the wrong person more often than the right one.
//
// A ninth pass (rules-12) keeps reported clauses whole and speakers
// apart from the words around them. A report whose subject the clause
// runs into stays inside it ("said the advertisement “unmistakably”
// suggests that …"); only punctuation or "and"/"but" before the second
// subject ends the first clause. What evidence shows inside a report is
// the reporter's ("Bamberg said the videos show …"), unless a colon or
// another break opens it. A participle governed inside the clause ("had
// defined these areas by adding …") is the clause's own verb. "This"
// after a cue opens the clause unless a time follows ("say this is just
// a rough patch", "said this week"). An inverted attribution may close
// with a place (", said one GOP source in the room."); a stance verb
// never inverts (", debated Barack Obama four times"), a verb after a
// quotation and before a name is its attribution ("“…?” asked Dunn, now
// a partner …"), and after an aside between dashes the subject stands
// before the aside ("Kall -- co-editor of … -- said"). Contractions
// negate ("doesn’t show"), declining to comment is no claim, and a day
// opening a stance object is no part of it ("reported on Wednesday the
// Secret Service had …"). A cue after "but" and an adjunct ("but in a
// later interview said") shares the subject of the verb before it; "X
// and others" and "people close to X" speak as such; a cue after a
// possessive and a superlative or participle is a noun ("her firmest
// promise"). A title-case quotation naming a work ("in her memoir,
// “Tough Choices.”", "“Tales From the Crypt,” an HBO series") is no
// speech, and one set off by a comma that opens with a capital is an
// utterance rather than the writer's fragment.
//
// A tenth pass (rules-13) bounds clauses by the sentence's structure and
// makes speakers whole phrases. A clause reported inside a sentence's
// opening subordinate clause ends at that clause's comma ("While Ramos
// said that journalists cannot have any political affiliation, he
// appears …"), the tagger's contents too; so does one inside an opening
// "Having said …," clause, whose speaker is the main clause's subject. A
// cue inside the subject's relative clause ends at the main cue ("People
// who know him well say …"), and the speaker is the phrase the relative
// clause modifies ("others who want to ban the practice said", "A
// report that the agency released on Monday said"). A group "in" a
// place speaks, not the place ("Democrats in the Senate", "Officials in
// Kyiv", "Six Gannett newspapers in swing states, including …, said");
// two speaker nouns joined by "and" speak together ("friends and
// allies"); quantifiers speak ("most said", "others say", "most of the
// 40 voters interviewed" when the sentence opens with that group), "both"
// and "all" after a subject float, and "All told" reports nothing. A cue
// word right before the cue is a noun ("the report said", "swing states
// said"), never with an agent after the cue ("a claim denied by the
// chancellor"). Auxiliaries, "in the past", "in recent weeks" and a
// participle after the head noun ("a poll released Wednesday showed")
// are no part of a speaker; a given name before an auxiliary had made
// "Graham has said" speak as "Graham has". An opening aside ("Indeed,",
// "Rather,") no longer hides a long subject, nor a two-word one ("for
// instance") the subject before it. Relative clauses may lack their
// pronoun ("Several people I've spoken with … said"), run to twelve
// words and hold a "that" clause ("The judges who ruled that Texas …
// said"); "the idea that …" is no relative clause. A cue word after a
// determiner is a noun inside a speaker ("A news report published
// Wednesday said"), "That person said" and "most of them said" speak.
// Words between two commas with an auxiliary before any relative pronoun
// are a clause, not an appositive, so ", the race will be tight, said
// Dan Gerstein" is inverted; so is ", said an American official who was
// briefed …", unless a subject with its appositive opens the sentence.
// After "told" and its listener, an adverbial clause ("as he labored …")
// is no report: what was told stands before the cue. A comma-set aside
// (", though,") no longer ends a reported clause.
//
// # Statistical attribution tagger (tagged.go, package attrtag)
//
// The rules find what their constructions name; PolNeAR shows a long
// tail of attributions none names ("has indicated she would …", "has
// signaled …", "is betting that …"). Package attrtag is an averaged
// perceptron over BIO tags for source, cue and content, trained on
// PolNeAR train (its doc says how), with a calibrated confidence per
// attribution. The extractor runs it once per article and, in each
// sentence the rules leave without a surviving quote or statement, keeps
// its attributions of confidence 0.85 or more (0.5 or more for a content
// holding a quotation, which it gets right more often) whose source
// resolves to a speaker the way the rules resolve one (pronouns and roles with the same
// running state, names to their fullest form, "who" to the phrase before
// it); content pieces joined across a gap are kept only when they are a
// quotation split by its attribution, a term in quotation marks needs a
// known cue (a treaty "establishing a “comprehensive strategic
// partnership”" is not speech), and a figure is no source of a stance.
// Rules.RulesOnly (the extractor's --rules-only) turns it off: the rules
// alone are faster and find fewer quoted attributions.
//
// # Confidence model (confidence.go)
//
// Quotes and statements pass a logistic-regression filter before they
// are finished: about 15 binary features per claim (the construction
// that attributed it, the cue word and its class, the shape of the
// speaker and of the content; words only as lower-case cue or function
// words, never names) with weights in confidence_weights.go. It is
// trained on PolNeAR's training split by
//
//	go test ./pkg/claims -run TestTrainConfidence -train-confidence
//
// (full-batch gradient descent in a fixed order, so retraining on the
// same corpus gives the same file). The threshold is the highest whose
// F1 over attributions with a source on the training split is within
// 0.01 of the best, trading that much F1 for precision, which issue 5
// sets a goal for as well. Scoring sums map lookups over names assembled
// in a reused buffer and allocates nothing. Retrain after changing rules
// or features; a test fails when a feature has no weight.
//
// # Evaluation (claimseval, `claimwatch eval claims`, score.py agree)
//
// Seeds: quote P/R 1.000/1.000, quantity P/R 1.000/1.000. PolNeAR dev
// (`claimwatch eval claims`, rules-13 with the attrtag-3 tagger trained
// on all of train, a tagged content kept from confidence 0.85, or 0.5
// when it holds a quotation): precision 0.856, recall over quoted
// attributions 0.852, recall over attributions with a source 0.562, F1
// 0.679; the rules alone (`--rules-only`) 0.856 / 0.821 / 0.546 / 0.667.
// On the held-out last 84 articles of train the rules alone give 0.868
// / 0.871 / 0.581 / 0.696, and with the tagger trained on the first 756
// articles 0.860 / 0.890 / 0.591 / 0.701. Train, where the rules and
// models were tuned: 0.845 / 0.853 / 0.546 / 0.663 (rules alone 0.848 /
// 0.831 / 0.532 / 0.654). With a capitalised pronoun as gold source
// accepting any speaker, dev reads 0.909 / 0.899 / 0.596 / 0.720.
// Rules-13 is the tenth pass above; most of what it changes is speakers,
// which the scorer's lenient test rarely sees. Rules-12 had dev 0.853 /
// 0.852 / 0.559 / 0.675 (rules alone 0.853 / 0.821 / 0.543 / 0.664;
// held-out 0.868 / 0.871 / 0.582 / 0.697); with the single tagger
// threshold of 0.6 that rules-11 used it gave 0.841 / 0.850 / 0.588 /
// 0.692: the split thresholds give up 0.017 of F1 over all attributions
// for the precision goal. Rules-12 is the ninth pass above. Rules-11 had dev 0.835 / 0.850 / 0.588 / 0.690 (rules alone
// 0.847 / 0.820 / 0.543 / 0.662; held-out 0.866 / 0.866 / 0.581 /
// 0.695); it is the eighth pass above. Rules-10 had dev 0.833 / 0.850 / 0.588 / 0.689 (rules alone
// 0.845 / 0.820 / 0.543 / 0.661; held-out 0.863 / 0.866 / 0.580 /
// 0.694); it is the seventh pass
// above; dropping a statement that repeats its quote costs dev 0.002 of
// precision, as the scorer counted both copies right. Rules-9 had dev
// 0.832 / 0.841 / 0.586 / 0.688 (rules alone 0.846 / 0.810 / 0.540 /
// 0.659; held-out 0.864 / 0.866 / 0.580 / 0.694). Rules-9 is
// the sixth pass above; against rules-8 it costs dev 0.003 of precision
// through the scorer's reading of "It" and "They" and gains 0.002 of
// quoted recall, mostly from "by saying" and ", saying". Its PolNeAR
// figures barely move because the BBC's attributions differ from
// PolNeAR's, not because the pass is idle: a hand check of 313 claims
// in 45 BBC articles the pass was not built on, halfway through it,
// found 81 % of the speakers right. Rules-8 had dev 0.835 / 0.839 /
// 0.586 / 0.689 (rules alone 0.849 / 0.807 / 0.540 / 0.660); with the
// tagger trained on the first 756 articles only, 0.836 / 0.836 / 0.582 /
// 0.686, and on the held-out slice with that tagger 0.851 / 0.887 /
// 0.617 / 0.715. Rules-8 is the fifth pass above: built on BBC news, it moves PolNeAR by what its speakers
// and contents happen to share with the scorer's lenient test. Rules-7
// had dev 0.832 / 0.831 / 0.581 / 0.684. Rules-7 keeps the text
// across a gap the tagger left inside a content, reads time phrases
// ("this past week") and closing adjuncts ("insisted Thursday during a
// tour") around a cue, lets a relative clause with a cue ("Democrats who
// said …") stay inside the clause it is part of, and keeps pronouns from
// names only quoted, from women's titles and from conventions. Rules-6
// had dev 0.837 / 0.831 / 0.572 / 0.680 and held-out 0.855 / 0.887 /
// 0.607 / 0.710. Rules-6 is mostly about
// speakers the scorer's lenient test rarely sees: gender-aware pronouns,
// relatives sharing a surname, titles and nationalities kept out of
// names, passives, statements and quotations whose paragraph breaks were
// lost. Rules-5 with attrtag-1 had dev 0.832 / 0.826 / 0.561 / 0.670 and
// train 0.834 / 0.844 / 0.558 / 0.669 (rules alone 0.838 / 0.820 / 0.524
// / 0.644). Rules-4 had dev 0.826 / 0.829 / 0.562 / 0.669 and train 0.829
// / 0.844 / 0.558 / 0.667: the fourth pass mostly makes speakers right
// (names instead of headline fragments, auxiliaries and datelines), which
// the scorer's lenient speaker test rarely sees. Rules-3 had dev 0.832 /
// 0.784 / 0.531 / 0.648 and train 0.831 / 0.813 / 0.519 / 0.639; rules-2
// dev 0.825 / 0.735 / 0.499 / 0.622 and train 0.801 / 0.773 / 0.480 /
// 0.601. Of the goals of issue 5, precision 0.85 and recall over quoted
// attributions 0.85 are reached on dev since rules-12, with little
// margin; F1 0.75 over all attributions is not. About 0.05 of precision
// and of quoted recall on dev is the scorer reading a sentence-initial
// "He" or "She" as a name, so that a speaker resolved to the person
// ("James Baker" for "He said …") fails: with that source accepting any
// speaker, as the lower-case pronoun already does, dev reads 0.909 /
// 0.899 / 0.596 / 0.720 (claimseval.PolNeARPronounsFree, logged by its
// dev test). Of the
// quoted attributions the training split still misses otherwise (about
// 490 of 5,095), most are short quoted phrases inside a paraphrase the
// writer frames ("called it a “major breach”") or quotations split and
// joined differently from the gold, which does both. Among all misses,
// most are attributions through verbs and nouns no list names ("came out
// against", "his refusal to disavow"). The confidence threshold cannot
// buy the precision goal: on the training split, with the model's
// weights fitted out of fold, precision 0.85 costs 0.03–0.05 of recall
// over all and 0.02–0.03 of quoted recall, which falls further from its
// own goal. The tagger's split thresholds reach it for less, because its
// unquoted contents are the least precise claims the extractor makes.
//
// The package does no I/O except Stage, which publishes through a
// bus.Publisher; it does not log (the stage logs at its edges).
package claims
