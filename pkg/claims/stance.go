package claims

import "strings"

// stanceCues attribute a position without reporting an utterance: the
// object of the verb is what the source holds ("Trump called for a special
// prosecutor", "Christie endorsed Trump", "polls show Sanders leading",
// "Rubio wants to emerge as …"). They were drawn from the most frequent
// cue words of PolNeAR's training split that are not speech verbs, and
// read only as verbs after a speaker phrase, so "the endorsed candidate"
// or "his support" reports nothing.
var stanceCues = toSet(`endorsed endorses endorse endorsing backed backs backing supported supports
supporting opposed opposes oppose opposing criticized criticizes criticised criticises
criticizing criticising praised praises praising defended defends defend defending proposed proposes
propose proposing urged urges urging cited cites citing sought seeks seek seeking want wants wanted
plans planned refused refuses declined declines rejected rejects rejecting attacked attacks attacking
questioned questions questioning blamed blames blaming denounced denounces denouncing blasted blasts
condemned condemns condemning slammed slams decried decries mocked mocks touted touts echoed echoes
discussed discusses debated highlighted highlights thanked thanks compared compares listed lists
asked asks expressed expresses welcomed welcomes announced announces announcing promised
promising pledged pledges pledging vowed vows vowing threatened threatens threatening offered offers agreed
agrees recommended recommends favor favors favored favour favours favoured prefer prefers
preferred accused accuses
accusing demanded demands demanding described describes describing issued issues discuss discussing
decided decides hoping pushing pushes ordered orders shared shares offering repeated repeats
repeating blame praise voiced voices describe encouraged encourages express expressing refusing
challenged challenges portrayed portrays portray pleaded answered addressed embraced embraces
considering considered chanted highlighting touting applauded requested deemed alleging championed
retweeted refuse reminding remembered criticize mocking invoked invokes likened presented
welcoming dismissed dismisses rejecting lauded lauds reported reports reiterated reiterates
confirmed confirms denied denies acknowledged acknowledges admitted admits revealed reveals
disclosed discloses mentioned mentions predicted predicts recalled recalls stressed stresses
emphasized emphasizes suggested suggesting suggests noted notes sees identified emailed nominated
sounded expecting referenced appointed pressed slamming blasting assailed thanking bemoaned knocked
echoing detailing implying considers remarking interjected rebuked pressing naming referencing
advocated advocates outlined outlines emphasizing congratulated portraying outlining derided articulated
credited disputed disputes underscored underscores rebuffed disavowed lambasted envisioned disliked
uttered pronounced coined underscoring protested invoking`)

// particleCues are verbs that attribute only with their particle:
// "called for a ban", "voted for Clinton", "referred to the attack as",
// "talked about trade"; bare "called" names ("a man called John") and
// bare "voted" reports a vote, not a position.
var particleCues = map[string]string{
	"call": "for on", "calls": "for on", "called": "for on", "calling": "for on",
	"vote": "for against", "votes": "for against", "voted": "for against", "voting": "for against",
	"refer": "to", "refers": "to", "referred": "to", "referring": "to",
	"talk": "about", "talks": "about", "talked": "about", "talking": "about",
	"speak": "about", "speaks": "about", "spoke": "about", "speaking": "about",
	"point": "to", "points": "to", "pointed": "to", "pointing": "to",
	"focus": "on", "focuses": "on", "focused": "on", "focusing": "on",
	"warn": "of about against", "warns": "of about against", "warned": "of about against", "warning": "of about against",
	"rail": "against", "rails": "against", "railed": "against", "railing": "against",
	"side": "with", "sides": "with", "sided": "with", "siding": "with",
	"apologize": "for", "apologizes": "for", "apologized": "for", "apologizing": "for",
	"fire": "back", "fires": "back", "fired": "back", "shot": "back", "hit": "back", "hits": "back",
	"balk": "at", "balks": "at", "balked": "at", "lash": "out", "lashed": "out", "lashes": "out",
	"weigh": "in", "weighs": "in", "weighed": "in", "brush": "off aside", "brushed": "off aside",
	"allude": "to", "alludes": "to", "alluded": "to", "alluding": "to",
	"react": "to", "reacts": "to", "reacted": "to", "reacting": "to",
	"push": "for", "argue": "for against", "argued": "for against", "argues": "for against", "arguing": "for against",
}

// stanceAt reports whether token c of toks is a stance cue used as a
// verb and returns where its object starts.
func stanceAt(toks []token, c int) (int, bool) {
	t := toks[c]
	if t.kind != tokWord || t.upper || c == 0 {
		return 0, false
	}
	w := lower(t)
	start := c + 1
	switch {
	case particleCues[w] != "":
		if start >= len(toks) || toks[start].kind != tokWord || !hasField(particleCues[w], lower(toks[start])) {
			return 0, false
		}
		start++
	case !t.in(stanceCues):
		return 0, false
	}
	p := toks[c-1]
	if p.kind == tokPoss || p.kind == tokWord && (p.in(determiners) && !floatingQuantifier(toks, c-1) || lower(p) == "such" || lower(p) == "to" && !strings.HasSuffix(w, "ed")) {
		return 0, false
	}
	if p.kind == tokWord && (lower(p) == "was" || lower(p) == "were" || lower(p) == "been" || lower(p) == "being" || lower(p) == "be" || lower(p) == "is" || lower(p) == "are") && strings.HasSuffix(w, "ed") {
		return 0, false // passive: "was endorsed by"
	}
	if strings.HasSuffix(w, "ing") && p.in(subordinators) {
		return 0, false
	}
	if start >= len(toks) || toks[start].kind == tokPunct && toks[start].text != "“" && toks[start].text != "\"" {
		return 0, false
	}
	n := lower(toks[start])
	if n == "in" || n == "during" {
		// "questioned in recent days whether …": the object follows
		// when or where; "voiced in his famous demand" has none.
		return objectAfterAdjunct(toks, start)
	}
	if n == "by" || n == "from" || n == "of" || n == "and" || n == "or" || n == "were" || n == "are" ||
		n == "off" || n == "out" || n == "down" || n == "up" || n == "away" {
		return 0, false
	}
	if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && p.kind == tokWord && !p.upper && !subjectEnd(lower(p)) {
		return 0, false // "bigger questions in light of", "withering attacks against"
	}
	if n := toks[start]; strings.HasSuffix(w, "s") && n.kind == tokWord && !n.upper && (strings.HasSuffix(n.low, "ed") || n.in(auxiliaries) || n.in(marketVerbs)) {
		return 0, false // "News Corp shares fell": a plural noun and its verb
	}
	return start, true
}

// objectAfterAdjunct returns where a stance cue's object starts past an
// adjunct of time or place at k: after "that", or at "whether" or a
// question word, a few words on.
func objectAfterAdjunct(toks []token, k int) (int, bool) {
	for j := k + 1; j < len(toks) && j-k <= 5; j++ {
		t := toks[j]
		if t.kind != tokWord {
			return 0, false
		}
		switch t.low {
		case "that":
			return j + 1, j+1 < len(toks)
		case "whether", "how", "why", "what":
			return j, true
		}
	}
	return 0, false
}

// marketVerbs are irregular past tenses that follow a plural noun
// ("shares fell", "prices rose") where a stance verb in -s would take
// an object.
var marketVerbs = toSet(`fell rose grew sank slid hit fall rise grow sink slide`)

// numericSubject reports a figure as the subject of the cue at c ("28
// percent supported Trump"): the figure is what a poll reported, not a
// source holding a position.
func numericSubject(toks []token, c int) bool {
	if c == 0 {
		return false
	}
	i, _, ok := backNP(toks, c)
	if !ok {
		i = c - 1
		for i > 0 && c-i < 4 && toks[i-1].kind != tokPunct {
			i--
		}
	}
	for k := i; k < c; k++ {
		if toks[k].kind == tokNum {
			return true
		}
	}
	return false
}

// colonIntro returns the speaker of sentence si-1 when it ends in a colon
// and sits in the same or the previous paragraph: the speech verb's
// speaker ("Cruz continued:"), or else the sentence's subject.
func (d *doc) colonIntro(si int) string {
	if si == 0 || d.sents[si].para-d.sents[si-1].para > 1 {
		return ""
	}
	p := si - 1
	toks := d.toks[p]
	if len(toks) < 2 || d.insideQuote(toks[len(toks)-1].start) {
		return ""
	}
	if c, ok := bareAttribution(toks); ok {
		// "Sam Lau, the party's spokesman, said in a statement.¶“…”":
		// a full stop where a colon belongs.
		return d.cueSpeaker(p, c)
	}
	if !isPunct(toks[len(toks)-1], ":") {
		return ""
	}
	// The cue belongs to the clause the colon closes ("Cruz continued:",
	// "Obama told reporters on Tuesday:"), not to an aside before it.
	for c := len(toks) - 2; c >= 0 && len(toks)-1-c <= maxColonCueReach; c-- {
		if isVerbCue(toks, c) && !d.insideQuote(toks[c].start) {
			if sp := d.cueSpeaker(p, c); sp != "" {
				return sp
			}
			break
		}
	}
	return d.clauseSubject(p, toks[len(toks)-1].start)
}

// maxColonCueReach bounds how far before a closing colon its cue stands.
const maxColonCueReach = 8

// bareAttribution finds the speech cue of a sentence that attributes and
// reports nothing: it ends with the cue and at most a short adjunct or
// listener and a full stop ("said in a statement.", "told reporters.").
func bareAttribution(toks []token) (int, bool) {
	end := len(toks) - 1
	if !isPunct(toks[end], ".") {
		return 0, false
	}
	for c := end - 1; c >= 0 && end-c <= 6; c-- {
		t := toks[c]
		if t.kind != tokWord && t.kind != tokPoss {
			return 0, false
		}
		w := lower(t)
		if t.in(subjectPronouns) || w == "that" {
			return 0, false
		}
		if !t.in(speechCues) || !isVerbCue(toks, c) {
			continue
		}
		if c+1 == end || toks[c+1].in(adjunctPrepositions) || t.in(objectCues) && end-c <= 3 {
			return c, c > 0
		}
		return 0, false
	}
	return 0, false
}

// bareSentence reports a sentence that is an attribution and nothing
// more ("Trump said."): after a quotation closed by a full stop, the
// stop stands for the comma of “…,” Trump said.
func bareSentence(toks []token) bool {
	c, ok := bareAttribution(toks)
	if !ok {
		return false
	}
	i, _, ok := backNP(toks, c)
	return ok && i == 0 // the speaker opens the sentence: no clause of its own before
}

// stance reads a stance verb at token c of sentence si ("Trump called for
// …"): the speaker and where the object starts. It reports nothing when
// the verb sits inside a clause already reported (free is false: "Pate
// said he'd support Clinton"), is negated, or has a figure for subject.
func (d *doc) stance(si, c int, free bool) (statementHit, bool) {
	toks := d.toks[si]
	if !free || negated(toks, c) || d.insideQuote(toks[c].start) {
		return statementHit{}, false
	}
	if invertedAfterQuote(toks, c) {
		return statementHit{}, false // "“…?” asked Dunn, now a partner …": the quotation's attribution
	}
	head := c
	if c >= 2 && lower(toks[c-1]) == "to" && toks[c-2].in(catenatives) {
		head = c - 2 // "Progressives tend to favor spending projects"
	}
	from, ok := stanceAt(toks, c)
	if head < c {
		from, ok = c+1, c+1 < len(toks) && toks[c].in(stanceCues) && toks[c+1].kind == tokWord
	}
	if !ok || numericSubject(toks, head) {
		return statementHit{}, false
	}
	sp := d.cueSpeaker(si, head)
	if sp == "" {
		return statementHit{}, false
	}
	how := ""
	if p := head - 1; p >= 0 && (isRelative(toks[p]) || lower(toks[p]) == "that") {
		how = "relative" // "X, who backed Walker last year, gave …"
	}
	return statementHit{speaker: sp, cue: lower(toks[c]), contentStart: from, how: how}, true
}

// invertedAfterQuote reports a verb right after a closing quotation mark
// and before a name: the quotation's inverted attribution ("“…?” asked
// Dunn"), where a verb joined to the sentence's takes an object ("summed
// up Clinton as “terrible,” denounced her record").
func invertedAfterQuote(toks []token, c int) bool {
	if c == 0 || !isPunct(toks[c-1], "”") && !isPunct(toks[c-1], "\"") || strings.HasSuffix(toks[c].low, "ing") {
		return false
	}
	i, _, ok := fwdNP(toks, c)
	return ok && toks[i].upper
}

// catenatives take a stance verb in the infinitive and pass it their
// subject: "tend to favor", "wants to support", "refused to endorse".
var catenatives = toSet(`tend tends tended seem seems seemed continue continues continued want wants
wanted plan plans planned hope hopes hoped try tries tried appear appears appeared refuse refuses
refused decline declines declined intend intends intended vowed vows pledged pledges promised promises
expect expects expected`)

func isQuoteMark(s string) bool {
	return s == "“" || s == "”" || s == "\"" || s == "‘" || s == "’"
}

// headlineAttribution reads the headline conventions "Source: claim"
// ("Graham: Trump’s rhetoric destroying GOP’s chance") and "Source Says
// claim": a short name the article knows as an entity, a colon or a
// capitalised cue, and a clause.
func (d *doc) headlineAttribution(si int) (statementHit, bool) {
	if !d.isTitle(si) {
		return statementHit{}, false
	}
	toks := d.toks[si]
	k := 0
	cue := ":"
	lowerWords := 0
	head := -1 // where a place or occasion after the source starts
	for k < len(toks) && k <= maxHeadlineSource && !isPunct(toks[k], ":") {
		t := toks[k]
		if k > 0 && t.upper && t.in(headlineCues) {
			cue = lower(t) // "Trump Says He Is Unlikely to …"
			break
		}
		switch {
		case t.kind == tokWord && t.upper, t.kind == tokPoss, isPunct(t, "."):
		case k > 0 && t.kind == tokWord && headlineSourceWords.has(t.low):
			lowerWords++ // "Clinton camp:"
		case k > 0 && t.kind == tokWord && (t.low == "at" || t.low == "on" || t.low == "in") && head < 0:
			head = k // "Former AG Mukasey at RNC:"
		default:
			return statementHit{}, false
		}
		k++
	}
	if head < 0 {
		head = k
	}
	if k == 0 || head > maxHeadlineName || k > maxHeadlineSource || k+1 >= len(toks) || isQuoteMark(toks[k+1].text) || toks[0].in(notTurnLabels) {
		return statementHit{}, false
	}
	if cue != ":" && (lowerWords > 0 || head < k) {
		return statementHit{}, false // "Trump campaign Says …" is no headline style
	}
	from := k + 1
	if cue != ":" && lower(toks[from]) == "that" && from+1 < len(toks) {
		from++
	}
	if !d.namesSource(si, head) {
		return statementHit{}, false
	}
	end := len(toks)
	for end > from && endPunct(toks[end-1]) {
		end--
	}
	if end-from < minStatementWords {
		return statementHit{}, false
	}
	sp := d.speakerName(si, 0, head)
	if sp == "" {
		return statementHit{}, false
	}
	return statementHit{speaker: sp, cue: cue, contentStart: toks[from].start, contentEnd: toks[end-1].end}, true
}

// isTitle reports a sentence that is a title: a heading paragraph or the
// article's first line when that line is one sentence (titles often keep
// a final period).
func (d *doc) isTitle(si int) bool {
	p := d.sents[si].para
	return d.headline[p] || p == 0 && si == 0 && (len(d.sents) == 1 || d.sents[1].para != 0)
}

// maxHeadlineName bounds the words of a headline's source, and
// maxHeadlineSource those with the place or occasion that may follow it
// ("Former AG Mukasey at RNC:").
const (
	maxHeadlineName   = 4
	maxHeadlineSource = 6
)

// headlineSourceWords are the lower-case words a headline's source may
// hold: "Clinton camp:", "WSJ editorial:".
var headlineSourceWords = toSet(`camp campaign editorial report aides allies officials spokesman spokeswoman
team lawyer lawyers adviser advisers staff leaders poll survey`)

// namesSource reports whether the first k tokens of sentence si can be a
// headline's source: they hold a name the article knows, or they are a
// report or a group that speaks in headlines ("Poll:", "Insiders:").
func (d *doc) namesSource(si, k int) bool {
	for _, e := range d.ents[si] {
		if e.tok < k && e.kind != entUnknown {
			return true
		}
	}
	return k <= 2 && d.toks[si][k-1].in(headlineSources)
}

// headlineSources are the common nouns a headline credits before a colon.
var headlineSources = toSet(`poll polls survey surveys report reports study studies insiders experts
historians analysts sources officials documents memo critics aides allies lawmakers voters economists
scientists researchers prosecutors investigators`)

// headlineCues attribute in a title-case headline ("Trump Says …").
var headlineCues = toSet(`says said tells warns claims admits insists urges vows denies believes thinks`)

// hasField reports whether w is one of the space-separated words of list.
func hasField(list, w string) bool {
	for _, f := range strings.Fields(list) {
		if f == w {
			return true
		}
	}
	return false
}

// attributesQuote reports whether the cue at c attributes the quotation
// that closes just before its speaker phrase (“…,” Trump said on Fox;
// “…,” Fight for $15 organizer Kendall Fells told Fox News 6): what
// follows the cue is the occasion or the listener, not a reported clause.
// The speaker phrase holds no other cue and no clause boundary.
func attributesQuote(toks []token, c int) bool {
	for k := c - 1; k >= 0 && c-k <= 2*maxNP; k-- {
		t := toks[k]
		if isPunct(t, "”") || isPunct(t, "\"") {
			// A quotation that closes on a full stop ended its sentence;
			// the cue opens the next.
			if k+1 >= c || k > 0 && isPunct(toks[k-1], ".") {
				return false
			}
			// A quotation that closes on a word inside the writer's
			// clause (‘a “handful of people” filing papers, John said
			// …’) has no attribution after it; a comma after it ends
			// that clause.
			return k > 0 && toks[k-1].kind == tokPunct || !commaIn(toks[k+1:c])
		}
		if t.kind == tokPunct && (t.text == "." || t.text == ";" || t.text == ":" || t.text == "“") {
			return false
		}
		if t.kind == tokWord && !t.upper && (t.in(cues) || t.in(npBoundary)) {
			return false
		}
	}
	return false
}

// commaIn reports a comma among toks.
func commaIn(toks []token) bool {
	for _, t := range toks {
		if isPunct(t, ",") {
			return true
		}
	}
	return false
}

// joinsVerb reports "and", "but" or "then" at k followed by an
// attribution verb: a coordinated act of the same speaker.
func joinsVerb(toks []token, k int) bool {
	switch lower(toks[k]) {
	case "but", "then":
	default:
		return false
	}
	n := k + 1
	for n < len(toks) && n-k <= 2 && toks[n].kind == tokWord && toks[n].in(fillerWords) && !toks[n].in(cues) {
		n++
	}
	if n >= len(toks) || toks[n].kind != tokWord || toks[n].upper {
		return false
	}
	w := lower(toks[n])
	return cues.has(w) || stanceCues.has(w) || particleCues[w] != ""
}

// auxiliaries mark the verb of a clause without a tagger.
var auxiliaries = toSet(`is are was were will would has have had can could should may might must
did does do won't wouldn't isn't aren't wasn't weren't hasn't haven't can't couldn't shouldn't
've 'd 'll 'm 're ’ve ’d ’ll ’m ’re`)

// contentWord returns token k lower-cased when it is a lower-case word
// that can open a clause's subject: not a preposition, a boundary, a time
// or filler word, an adverb in -ly, or a word under three letters.
func contentWord(toks []token, k int) (string, bool) {
	t := toks[k]
	if t.kind != tokWord || t.upper {
		return "", false
	}
	w := lower(t)
	if t.in(prepositions) || t.in(npBoundary) || t.in(timeWords) || t.in(fillerWords) || strings.HasSuffix(w, "ly") || len(w) < 3 {
		return "", false
	}
	return w, true
}

// nounClause reports a bare clause opening with a lower-case noun phrase
// after a cue ("aides said details of the plan will be unveiled"): a
// content word, then an auxiliary within a few words.
func nounClause(toks []token, k int) bool {
	if _, ok := contentWord(toks, k); !ok {
		return false
	}
	for n := k + 1; n < len(toks) && n-k <= 6; n++ {
		u := toks[n]
		if u.kind == tokPunct {
			return false
		}
		if u.in(auxiliaries) {
			return true
		}
	}
	return false
}

// shareWords open a share of a polled group ("half of respondents",
// "one in five", "most voters").
var shareWords = toSet(`half third thirds quarter quarters fifth fifths percent per cent majority minority
most many few some almost nearly about roughly over under more less than one two three four five six
seven eight nine ten twenty thirty forty fifty sixty seventy eighty ninety`)

// shareSpeaker reads a poll share as the speaker of the cue at c ("Almost
// half of respondents said", "Thirty percent said", "One in five say"):
// the phrase from the start of the sentence or clause, when it opens with
// a figure or share word.
func (d *doc) shareSpeaker(toks []token, c int) string {
	i := c
	for i > 0 && c-i < maxNP && toks[i-1].kind != tokPunct {
		i--
	}
	if i < c && i > 0 && lower(toks[i]) == "with" {
		i++ // "…, with 50 percent saying she is prepared"
	}
	if i == c || c-i > 6 || i > 0 && !isPunct(toks[i-1], ",") && !isPunct(toks[i-1], ";") && lower(toks[i-1]) != "with" {
		return ""
	}
	if c-i == 1 && toks[i].in(loneShares) {
		return toks[i].text // "…; most said they were worried"
	}
	if f := toks[i]; f.kind != tokNum && !f.in(shareWords) {
		return ""
	}
	share := false
	for k := i; k < c; k++ {
		if w := lower(toks[k]); toks[k].kind == tokNum || w == "half" || w == "third" || w == "percent" || w == "majority" || w == "in" || strings.HasSuffix(w, "ths") {
			share = true
		}
	}
	if !share {
		return ""
	}
	return d.text[toks[i].start:toks[c-1].end]
}

// loneShares stand for a share of those polled on their own.
var loneShares = toSet(`most many some few half majority`)

// conditionOpeners open a reported clause with its condition ("Beck said
// if Trump wins, he would …").
var conditionOpeners = toSet(`if unless once although though because`)

// rawSubject is the whole subject of a sentence whose cue has a speaker
// phrase the name rules cannot read ("Another source familiar with Cruz’s
// thinking said"): the words from the sentence start to the cue, when
// they are few, carry no punctuation and open with a determiner or a
// capital.
func (d *doc) rawSubject(toks []token, c int) string {
	if c < 2 || c > maxNP || strings.HasSuffix(lower(toks[c]), "ing") {
		// "Perez stopped writing his speech": before a participle the
		// words are a subject and its verb, not a speaker phrase.
		return ""
	}
	s := 0
	if toks[0].in(asides) && isPunct(toks[1], ",") {
		s = 2 // "However, proponents of more controls on hate speech say"
	}
	f := toks[s]
	if _, pron := pronouns[lower(f)]; s >= c || f.kind != tokWord || !(f.upper || f.in(determiners) || s > 0) || pron {
		return ""
	}
	for k := s; k < c; k++ {
		if t := toks[k]; t.kind == tokPunct || t.kind == tokWord && (t.in(npBoundary) || t.in(cues) || t.in(auxiliaries) || t.in(modals)) {
			return ""
		}
	}
	return d.text[toks[s].start:toks[c-1].end]
}

// subjectEnd reports a lower-case word that can end the subject of a
// verb in -s: a pronoun, a speaker noun, an adverb or auxiliary between
// subject and verb, or a relative pronoun.
func subjectEnd(w string) bool {
	_, pron := pronouns[w]
	return pron || speakerNouns.has(w) || fillerWords.has(w) || strings.HasSuffix(w, "ly") || w == "who" || w == "that" || w == "which"
}
