package claims

import "strings"

// attribution is what attributeQuote learned about one quotation.
type attribution struct {
	speaker  string
	fragment bool
	after    bool   // attributed by what follows the closing mark
	how      string // which construction attributed it, a confidence feature
	tail     int    // where the reported clause a quotation opens ends, or 0
	credit   bool   // attributed by a dash and a name (“…” ― Jane Doe)
	firstS   int    // first and last sentence the claim was read from
	lastS    int
}

// tokenAt returns the index of the first token of sentence si starting at
// or after pos.
func (d *doc) tokenAt(si, pos int) int {
	toks := d.toks[si]
	lo, hi := 0, len(toks)
	for lo < hi {
		m := (lo + hi) / 2
		if toks[m].start < pos {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// attributeQuote finds who spoke quotation qi and whether it is a full
// quote or a fragment inside the writer's own sentence. ok is false for a
// name or term in quotation marks, which is not speech.
func (d *doc) attributeQuote(qi int, prev *attribution) (attribution, bool) {
	q := d.quotes[qi]
	si := d.sentAt(q.open)
	ei := d.sentAt(q.close - 1)
	a := attribution{firstS: si, lastS: ei}
	toks := d.toks[si]
	open := d.tokenAt(si, q.open)
	startsSentence := open == 0 || (open == 1 && toks[0].kind == tokPunct)
	if namedWork(toks, open, d.tokenAt(ei, q.close), si == ei) && titleWords(q.content(d.text)) {
		return a, false // "in her memoir, “Tough Choices.”": a title, not speech
	}

	// Before: `X said: “…”`, `X stated that “…”`, `…, adding, “…”`.
	if c, ok := cueBefore(toks, open); ok {
		a.speaker = d.cueSpeaker(si, c)
		if a.speaker == "" {
			a.speaker = d.rawSubject(toks, c)
		}
		if a.speaker == "" && c > 0 && (toks[c-1].in(subordinators) && strings.HasSuffix(lower(toks[c]), "ing") ||
			lower(toks[c-1]) == "to" && toks[c].in(baseFormCues)) {
			// "began by saying, “…”", "went on to say, “…”": the
			// quotation is the subject's.
			a.speaker = d.subjectOf(si, toks[c].start)
		}
		if a.speaker != "" {
			a.how = "before"
			if a.tail = d.clauseTail(si, q); a.tail > 0 {
				a.how = "beforeclause"
			}
			return a, true
		}
	}
	// `Cruz called them on it: “…”`: a colon hands the quotation to the
	// sentence's subject whatever the verb.
	if open >= 2 && isPunct(toks[open-1], ":") {
		if sp := d.dashName(si, open-1); sp != "" {
			// "HEADLINE - Michael P. McDonald: “…”": a digest's
			// credit before the colon.
			a.speaker = sp
			a.how = "colon"
			return a, true
		}
		if sp := d.clauseSubject(si, toks[open-1].start); sp != "" && !shouted(sp) {
			a.speaker = sp
			a.how = "colon"
			return a, true
		}
	}
	// After: `“…,” X said.`, `“…,” said X.`, `“…,” according to X.`
	if q.closed {
		etoks := d.toks[ei]
		after := d.tokenAt(ei, q.close)
		if sp, ok := d.speakerAfter(ei, etoks, after, false); ok {
			a.speaker = sp
			a.after = true
			a.credit = after < len(etoks) && isDash(etoks[after])
			// "The plan is “dead,” Smith said": a phrase of the writer's
			// sentence, attributed; set off by a comma and opening with a
			// capital, an utterance of its own.
			a.fragment = !startsSentence && !setOff(toks, open, q.content(d.text))
			a.how = "after"
			return a, true
		}
		// `“…?” Biden said.`: the splitter ended the sentence at the
		// question or exclamation mark, so the attribution opens the
		// next sentence of the paragraph.
		if n := ei + 1; startsSentence && after == len(etoks) && n < len(d.sents) && d.sents[n].para == d.sents[ei].para &&
			strings.TrimSpace(d.text[q.close:d.sents[n].start]) == "" && (!endsStatement(q.content(d.text)) || bareSentence(d.toks[n])) {
			if sp, ok := d.speakerAfter(n, d.toks[n], 0, quoteAttributive(etoks, after)); ok {
				a.speaker = sp
				a.after = true
				a.lastS = n
				a.how = "afternext"
				return a, true
			}
		}
		// “…”¶- Michelle Marks, Philadelphia.: a credit line of its own
		// right under a quotation that fills its paragraph.
		if n := ei + 1; startsSentence && after == len(etoks) && n < len(d.sents) && d.sents[n].para == d.sents[ei].para+1 &&
			len(d.toks[n]) > 1 && isDash(d.toks[n][0]) {
			if sp, ok := d.dashCredit(n, d.toks[n], 1); ok {
				a.speaker = sp
				a.after = true
				a.lastS = n
				a.how = "afternext"
				return a, true
			}
		}
	}
	if startsSentence {
		// `“…,” “…,” she added`: quotations with only a comma between
		// them are one utterance, attributed after the last.
		if sp, le, ok := d.runAttribution(qi); ok {
			a.speaker, a.after, a.lastS, a.how = sp, true, le, "after"
			return a, true
		}
		// `Cruz called them on it:¶“…”`: a sentence that ends in a colon
		// introduces the quotation that follows it.
		if sp := d.colonIntro(si); sp != "" {
			a.speaker = sp
			a.how = "colonintro"
			return a, true
		}
		// `X said the machine would sell. “…”`: a quotation that stands
		// alone goes on from the person who spoke in the sentence just
		// before it.
		if d.lastSpeaker != "" && d.lastSpeakerSent == si-1 && (prev == nil || prev.lastS < si-1) && d.sents[si].para-d.sents[si-1].para <= 1 {
			a.speaker = d.lastSpeaker
			a.how = "previous"
			return a, true
		}
		// `“…,” he said. “…”`: a quotation that stands alone continues
		// the previous speaker within the same or next paragraph.
		if prev != nil && prev.speaker != "" && d.sents[si].para-d.sents[prev.lastS].para <= 1 && !(prev.credit && d.sents[si].para != d.sents[prev.lastS].para) {
			a.speaker = prev.speaker
			a.how = "previous"
			return a, true
		}
		return a, false
	}
	// A phrase inside the writer's sentence. It is speech when the
	// sentence attributes something ("dismissed the reports as “…”") or a
	// possessive names its owner ("Putin’s “our business” declaration").
	a.fragment = true
	if open >= 2 && toks[open-1].kind == tokPoss && speechNounAfter(toks, d.tokenAt(si, q.close)) {
		for _, e := range d.ents[si] {
			if e.tokEnd == open-1 {
				a.speaker = e.canon
				a.how = "possessive"
				return a, true
			}
		}
	}
	for c, t := range toks {
		if t.kind != tokWord || t.upper || !(isVerbCue(toks, c) || t.in(fragmentCues)) || d.insideQuote(t.start) {
			continue
		}
		if sp := d.cueSpeaker(si, c); sp != "" {
			a.speaker = sp
			a.how = "fragmentcue"
			return a, true
		}
	}
	return a, false
}

// titleWords reports quoted words written as a title (isTitleCase): at
// most eight words, two of them or more capitalised, neither shouted in
// capitals nor asked, exclaimed or broken by a comma ("Oh, my God").
func titleWords(content string) bool {
	if strings.ContainsAny(strings.TrimRight(content, " ,."), "?!,") || shouted(content) || !isTitleCase(content) {
		return false
	}
	n, caps := 0, 0
	for w := range strings.FieldsSeq(content) {
		if n++; n > 8 {
			return false
		}
		if isUpperStart(strings.TrimLeft(w, "(\"“‘'")) {
			caps++
		}
	}
	return caps >= 2
}

// namedWork reports a title-case quotation, from token open to the token
// after its closing mark, used as the name of a work: after a noun for
// one ("her memoir, “…”", "the play “…”"), an article, a possessive or a
// preposition, or before an appositive that describes it ("“…,” an HBO
// series").
func namedWork(toks []token, open, after int, sameSentence bool) bool {
	k := open - 1
	if k >= 0 && isPunct(toks[k], ",") {
		k--
	}
	if k >= 0 && (toks[k].in(workNouns) || toks[k].kind == tokPoss || toks[k].kind == tokWord && !toks[k].upper && (toks[k].in(determiners) || toks[k].in(prepositions))) {
		return true
	}
	if !sameSentence {
		return false
	}
	if after < len(toks) && isPunct(toks[after], ",") {
		after++
	}
	// Not "the": "“Make America Great Again,” the crowd chanted".
	return after < len(toks) && (toks[after].low == "a" || toks[after].low == "an") && !toks[after].upper
}

// workNouns name a work whose title follows them.
var workNouns = toSet(`book books memoir memoirs novel novels film films movie movies show shows series play
plays album albums song songs column columns essay essays titled called program programme documentary
sitcom poem poems musical episode headline`)

// setOff reports a quotation opening at token open that is set off from
// the sentence before it by a comma or colon and opens with a capital,
// like a sentence of its own ("…, telling Mic in an interview, “But
// gosh almighty, they’re both qualified,” he said"): an utterance, not
// a phrase of the writer's.
func setOff(toks []token, open int, content string) bool {
	return open >= 1 && (isPunct(toks[open-1], ",") || isPunct(toks[open-1], ":")) && isUpperStart(content) && wordCount(content) >= minContinuationWords
}

// endsStatement reports a quotation closed by a full stop: it ended its
// sentence, so a name and a cue opening the next sentence begin a report
// of their own (“… a long way to go.” Meredith Hellicar said the firm
// …), where after “…?” the splitter only cut the attribution off.
func endsStatement(content string) bool {
	return strings.HasSuffix(strings.TrimRight(content, " "), ".")
}

// fragmentCues attribute a short quoted phrase without being speech verbs
// proper ("dismissed the reports as “groundless rumors”").
var fragmentCues = toSet(`dismissed dismissing described describing describes called calling calls
labeled labelled labeling branded branding termed dubbed dubbing
characterized characterised urged slammed praised criticized criticised rejected condemned
hailed denounced decried blasted portrayed portraying framed pledged
urging praising characterizes accusing accused mocked warned`)

// cueBefore finds a cue that introduces a quotation opening at token
// open: the cue itself, or the cue followed by a few words of adjunct and
// ":", "," or "that" right before the mark.
func cueBefore(toks []token, open int) (int, bool) {
	k := open - 1
	if k < 0 {
		return 0, false
	}
	introduced := false
	if isPunct(toks[k], ":") || isPunct(toks[k], ",") {
		introduced = true
		k--
	}
	that := false
	if k >= 0 && lower(toks[k]) == "that" {
		introduced, that = true, true
		k--
	}
	if introduced && k > 0 && lower(toks[k]) == "it" && toks[k-1].in(putItCues) {
		return k - 1, true // "As Dana Milbank puts it, “…”"
	}
	reach := 6
	if introduced && isPunct(toks[open-1], ":") {
		reach = 10 // "said in a recent issue of Foreign Policy magazine: “…”"
	}
	if that {
		reach = maxToThat // "told his young proteges on a regular basis that “…”"
	}
	for c := k; c >= 0 && k-c <= reach; c-- {
		t := toks[c]
		if t.kind == tokPunct && t.text != "," {
			return 0, false
		}
		if t.kind == tokWord && !t.upper && t.in(cues) {
			if c == k && !introduced && t.in(nounCues) {
				return 0, false // the reality TV show “The Apprentice”
			}
			if c == k || introduced {
				return c, true
			}
			return 0, false
		}
	}
	return 0, false
}

// putItCues introduce a quotation only as "put it" ("as one aide put
// it, “…”"); alone they are too common to be cues.
var putItCues = toSet(`put puts phrased phrases summed sums`)

// nounCues are cue words that are as often nouns naming a title or a
// text ("the TV show “…”", "a report “…”"): right before a quotation
// without a colon, comma or "that" they introduce nothing.
var nounCues = toSet(`show shows report reports statement comment comments claim claims note notes`)

// isVerbCue reports whether the cue at c is used as a verb: not after a
// determiner or possessive ("his remarks", "the reports"), not a plural
// noun followed by a preposition ("reports from", "claims of"), not
// negated ("did not deny").
func isVerbCue(toks []token, c int) bool {
	t := toks[c]
	if t.kind != tokWord || t.upper || !t.in(cues) {
		return false
	}
	if c > 0 {
		p := toks[c-1]
		if p.kind == tokPoss || (p.kind == tokWord && (p.in(determiners) || lower(p) == "such")) && !(p.in(quantifierPronouns) && t.in(speechVerbs) && !(p.low == "all" && t.low == "told")) {
			return false // "the report", but "most said"; "all told" sums up
		}
	}
	w := lower(t)
	if passiveAt(toks, c) && !(c+1 < len(toks) && agentBy(toks, c+1)) {
		// "were found guilty", "was shown the door": done to the
		// subject, who says nothing; "was denied by X" has its speaker.
		return false
	}
	if c > 1 && toks[c-2].in(determiners) && nounAfterModifier(toks[c-1], w) {
		return false // "a monthly report", "the panel claim": a noun
	}
	if c > 1 && adjectival(toks[c-2], toks[c-1]) {
		return false // "her firmest promise", "Trump’s repeated calls": a noun
	}
	if c > 1 && (toks[c-2].low == "a" || toks[c-2].low == "an") && toks[c-1].upper && nounCues.has(w) && !strings.HasSuffix(w, "s") {
		return false // "posted a Twitter comment": a name can modify a noun only
	}
	if c > 0 && lower(toks[c-1]) == "to" && t.in(baseFormCues) {
		return false
	}
	if strings.HasSuffix(w, "ing") && c > 0 && toks[c-1].in(subordinators) && (toks[c-1].low != "by" || !hasVerb(toks, c+1)) {
		return false // "after saying", "by saying its name", but "responded by saying Europe needed …"
	}
	if strings.HasSuffix(w, "s") && !t.in(verbOnlyCues) && c+1 < len(toks) {
		n := lower(toks[c+1])
		if n == "from" || n == "of" || n == "by" || n == "about" || n == "on" || n == "and" || n == "were" || n == "are" {
			return false
		}
	}
	return true
}

// adjectival reports a modifier t after det that makes the word after it
// a noun: a superlative after an article or possessive ("the latest
// report", "her firmest promise"), a participle in -ed after a possessive
// ("Trump’s repeated calls"). After other determiners a participle may
// head the subject ("those surveyed said").
func adjectival(det, t token) bool {
	if t.kind != tokWord || t.upper || len(t.low) <= 4 {
		return false
	}
	possessive := det.kind == tokPoss || det.in(possessiveDeterminers)
	switch {
	case strings.HasSuffix(t.low, "est"):
		return possessive || det.low == "the" || det.low == "a" || det.low == "an"
	case strings.HasSuffix(t.low, "ed"):
		return possessive
	}
	return false
}

var possessiveDeterminers = toSet(`his her its their our my your`)

// nounAfterModifier reports a cue w that is also a noun, in its base
// form, after a determiner and a lower-case singular word: a verb there
// would need a plural subject ("the officials report"), so w heads a
// noun phrase ("a monthly report").
func nounAfterModifier(mod token, w string) bool {
	return nounCues.has(w) && !strings.HasSuffix(w, "s") && mod.kind == tokWord && !mod.upper && !strings.HasSuffix(mod.low, "s")
}

// negated reports a "not"/"never" right before the cue at c.
func negated(toks []token, c int) bool {
	for k := c - 1; k >= 0 && c-k <= 2; k-- {
		switch w := lower(toks[k]); w {
		case "not", "never", "nor":
			return true
		default:
			if strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t") {
				return true // "doesn’t show": contractions are one token
			}
		}
	}
	return false
}

// joinedAdjunct returns the index of the "and" or "but" before a
// prepositional phrase that ends right before the cue at c ("but in a
// later interview said …"): the cue is joined to the sentence's verb
// before it, and shares its subject. It returns -1 otherwise.
func joinedAdjunct(toks []token, c int) int {
	for k := c - 1; k > 0 && c-k <= maxAdjunct; k-- {
		t := toks[k]
		if t.kind != tokWord {
			return -1
		}
		if t.upper || !t.in(prepositions) {
			continue
		}
		// "officials in the FBI and at the Justice Department have
		// said": after a plain "and" the phrase may be the subject's.
		if p := toks[k-1]; k+1 < c && (p.low == "but" || p.low == "and" && k >= 2 && isPunct(toks[k-2], ",")) {
			return k - 1
		}
		return -1
	}
	return -1
}

// speakerBeforeAside reads "Kall -- co-editor of …, a book … -- said":
// an aside between dashes right before the cue; its subject stands
// before the first dash. ok reports that the cue follows a dash at all.
func (d *doc) speakerBeforeAside(si, c int) (string, bool) {
	toks := d.toks[si]
	if c < 2 || !isDash(toks[c-1]) {
		return "", false
	}
	close := c - 1
	for close > 0 && isDash(toks[close-1]) {
		close--
	}
	for k := close - 1; k > 0 && close-k <= maxAppositive; k-- {
		if !isDash(toks[k]) {
			continue
		}
		for k > 0 && isDash(toks[k-1]) {
			k--
		}
		if i, j, ok := backNP(toks, k); ok {
			return d.speakerName(si, i, j), true
		}
		break
	}
	return "", true
}

// cueSpeaker resolves the speaker of the cue at token c of sentence si:
// the phrase before it, the phrase after an inverted cue, or for a
// participle or a coordinated verb the subject of the sentence.
func (d *doc) cueSpeaker(si, c int) string {
	toks := d.toks[si]
	cue := lower(toks[c])
	// "the inspector general, who said …": the relative pronoun stands for
	// the phrase before it.
	if c >= 2 && isRelative(toks[c-1]) {
		if sp := d.antecedent(si, c-1); sp != "" {
			return sp
		}
	}
	// "The singer was told by police that …": a passive's agent speaks.
	if c+2 < len(toks) && lower(toks[c+1]) == "by" && passiveAt(toks, c) {
		if i, j, ok := sourceNP(toks, c+1); ok {
			return d.speakerName(si, i, j)
		}
		return ""
	}
	if c > 0 && toks[c-1].low == "by" && strings.HasSuffix(cue, "ing") {
		return d.subjectOf(si, toks[c].start) // "Chirac responded by saying …"
	}
	if sp, ok := d.speakerBeforeAside(si, c); ok {
		return sp
	}
	if c > 0 && toks[c-1].low == "having" && c-1 <= 1 {
		// "Having told me that …, Judge Berman proceeded …": the
		// opening clause's subject is the main clause's.
		return d.subjectAfterOpening(si, c)
	}
	// A participle right after a noun modifies that noun ("reports from
	// U.S. intelligence indicating that …"); after a comma, and any
	// adverb, it belongs to the sentence's subject ("Putin …, saying,
	// “…”", "…, recently telling one person …").
	p := c - 1
	for p >= 0 && strings.HasSuffix(cue, "ing") && toks[p].kind == tokWord && (toks[p].in(fillerWords) || mannerAdverb(toks[p])) {
		p--
	}
	if !strings.HasSuffix(cue, "ing") || (p >= 0 && toks[p].kind == tokWord) {
		joined := joinedAdjunct(toks, c)
		if i, j, ok := backNP(toks, c); ok && joined < 0 {
			if strings.HasSuffix(cue, "ing") && !toks[j-1].upper && verbForm(toks[j-1].low) == 'd' {
				return "" // "Perez stopped writing his speech": a verb and what it did
			}
			return d.speakerName(si, i, j)
		}
		if strings.HasSuffix(cue, "ing") && c+1 < len(toks) && lower(toks[c+1]) == "that" {
			if i, ok := modifiedNP(toks, c); ok {
				return d.speakerName(si, i, c) // "replaces forums with a webpage announcing that …"
			}
		}
		if i, j, ok := fwdNP(toks, c); ok && (c == 0 || toks[c-1].kind == tokPunct) && !toks[c].in(stanceCues) {
			// Speech inverts (", said X"); a stance never does (",
			// debated Barack Obama four times": what was debated).
			return d.speakerName(si, i, j)
		}
		// A coordinated verb ("… and said", "but declared") shares the
		// sentence's subject; otherwise an unreadable phrase before the
		// cue means no speaker.
		k := c - 1
		if joined >= 0 {
			k = joined // "but in a later interview said …"
		}
		for k >= 0 && toks[k].kind == tokWord && toks[k].in(fillerWords) {
			k--
		}
		if k >= 0 && !(toks[k].kind == tokWord && (lower(toks[k]) == "and" || lower(toks[k]) == "but")) &&
			!(isPunct(toks[k], ",") || isPunct(toks[k], "”") || isPunct(toks[k], "\"")) {
			return ""
		}
		if k > 0 && toks[k].kind == tokWord && !strings.HasSuffix(cue, "ing") {
			// "Huckabee proposed … and said …", "strategists fear
			// that … and warn that …": the verb it is joined to has
			// the subject.
			if sp := d.conjoinedSpeaker(si, k, c); sp != "" {
				return sp
			}
		}
	}
	// "… a strategist said Clinton will have to choose, saying, “…”": a
	// participle after a comma goes on with the sentence's last report.
	if c > 1 && isPunct(toks[c-1], ",") {
		for k := c - 2; k >= 0; k-- {
			if k > 0 && isRelative(toks[k-1]) {
				break // "not paying an architect who said …, saying": the relative clause is not the report
			}
			if isVerbCue(toks, k) && !d.insideQuote(toks[k].start) && !negated(toks, k) {
				if sp := d.cueSpeaker(si, k); sp != "" {
					return sp
				}
				break
			}
		}
	}
	return d.subjectOf(si, toks[c].start)
}

// conjoinedSpeaker returns the speaker of the last attributing verb
// before the conjunction at k, the verb that cue c after k is joined to,
// or "".
// That verb must have its subject right before it: a chain of conjoined
// verbs is not followed, and the search stays within maxConjoined tokens.
func (d *doc) conjoinedSpeaker(si, k, c int) string {
	toks := d.toks[si]
	form := verbForm(toks[c].low)
	for v := k - 1; v > 0 && k-v <= maxConjoined; v-- {
		if isRelative(toks[v-1]) {
			return "" // "Cruz, who said …, and …": a relative clause's verb
		}
		if toks[v].kind != tokWord || strings.HasSuffix(toks[v].low, "ing") || d.insideQuote(toks[v].start) || negated(toks, v) {
			continue
		}
		if _, stance := stanceAt(toks, v); (stance || isVerbCue(toks, v)) && verbForm(toks[v].low) == form {
			// "Oblon called the nine-year recommended term …": the
			// subject is a name, a pronoun or a person noun.
			i, j, ok := backNP(toks, v)
			if !ok || !(toks[i].upper || isPronoun(toks[i].text) || toks[j-1].upper || personNoun(toks[j-1])) {
				return ""
			}
			if j-i == 1 && isPronoun(toks[i].text) {
				// "Clarke said he recognised … but argued": a pronoun
				// inside a report stands for the reporter, whose verb
				// the conjunction may join as well.
				if sp := d.reporterBefore(si, v); sp != "" {
					return sp
				}
			}
			return d.speakerName(si, i, j)
		}
	}
	return ""
}

// reporterBefore returns the named speaker of the speech cue closest
// before token v within maxConjoined tokens, or "".
func (d *doc) reporterBefore(si, v int) string {
	toks := d.toks[si]
	for u := v - 1; u > 0 && v-u <= maxConjoined; u-- {
		if toks[u].kind != tokWord || !isVerbCue(toks, u) || d.insideQuote(toks[u].start) {
			continue
		}
		if i, j, ok := backNP(toks, u); ok && !(j-i == 1 && isPronoun(toks[i].text)) {
			return d.speakerName(si, i, j)
		}
		return ""
	}
	return ""
}

// subjectAfterOpening returns the subject of the main clause that
// follows the opening clause holding token c: the phrase right after that
// clause's comma and before a verb.
func (d *doc) subjectAfterOpening(si, c int) string {
	toks := d.toks[si]
	m := c + 1
	for m < len(toks) && (!isPunct(toks[m], ",") || d.insideQuote(toks[m].start)) {
		m++
	}
	for v := m + 2; v < len(toks) && v-m <= maxNP; v++ {
		if !verbLike(toks[v]) {
			continue
		}
		if i, j, ok := backNP(toks, v); ok && i == m+1 {
			return d.speakerName(si, i, j)
		}
	}
	return ""
}

// verbForm tells the inflection of a verb, which two conjoined verbs
// share: "said … and suggested", not "would declare … and suggested".
func verbForm(w string) byte {
	switch {
	case strings.HasSuffix(w, "ed") || irregularPast.has(w):
		return 'd'
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return 's'
	}
	return 'b'
}

var irregularPast = toSet(`said told wrote thought felt knew found saw sought spoke took made gave
held put set led bought brought fought meant read went came became began`)

// maxConjoined bounds how far back a conjoined cue looks for its verb.
const maxConjoined = 40

// modifiedNP returns the start of the noun phrase a participle at c
// modifies when a preposition governs it ("with a webpage announcing"),
// which backNP does not take for a subject: back from the participle to
// the article that opens the phrase.
func modifiedNP(toks []token, c int) (int, bool) {
	for i := c - 1; i >= 0 && c-i <= maxNP; i-- {
		t := toks[i]
		if t.kind != tokWord || t.in(npBoundary) && !t.in(determiners) || t.in(auxiliaries) {
			return 0, false
		}
		switch t.low {
		case "a", "an", "the":
			// A document ("in an article saying that …") speaks for
			// the sentence's subject.
			return i, i > 0 && toks[i-1].in(prepositions) && !toks[c-1].in(documentNouns) && validNP(toks[i:c])
		}
	}
	return 0, false
}

// antecedent names the phrase a relative pronoun at token w of sentence
// si stands for ("the inspector general, who …"), or "".
func (d *doc) antecedent(si, w int) string {
	toks := d.toks[si]
	if w > 0 && isPunct(toks[w-1], ",") {
		w--
	}
	if i, j, ok := backNP(toks, w); ok {
		return d.speakerName(si, i, j)
	}
	return ""
}

// speechNouns name an utterance ("Putin’s “our business” declaration").
var speechNouns = toSet(`declaration remark remarks comment comments statement claim claims words
phrase promise pledge vow warning argument assertion line slogan message quip`)

func speechNounAfter(toks []token, k int) bool {
	return k < len(toks) && toks[k].in(speechNouns)
}

// verbOnlyCues are -s forms that are never plural nouns, so "says on
// Twitter" is a cue where "reports on" is not.
var verbOnlyCues = toSet(`says tells adds writes argues insists explains asserts acknowledges admits
confirms denies suggests indicates replies responds recalls emphasizes stresses tweets predicts
declares announces believes thinks contends maintains concedes`)

// clauseTail returns where the sentence si ends when quotation q, opened
// right after its cue, only begins the reported clause: `Obama said “it
// gets me mad” every time he thinks about …`. The clause is the claim,
// not the quoted words alone. It returns 0 when the quotation ends the
// clause or an attribution follows it.
func (d *doc) clauseTail(si int, q quote) int {
	if !q.closed || d.sentAt(q.close-1) != si {
		return 0
	}
	toks := d.toks[si]
	k := d.tokenAt(si, q.close)
	if k >= len(toks) || toks[k].kind != tokWord || toks[k].upper || toks[k].in(cues) {
		return 0
	}
	if _, ok := pronouns[lower(toks[k])]; ok && k+1 < len(toks) && toks[k+1].in(cues) {
		return 0 // “…” he said
	}
	end := len(toks)
	for end > k && endPunct(toks[end-1]) {
		end--
	}
	if end <= k {
		return 0
	}
	return toks[end-1].end
}

// dashName returns the name between a dash and the colon at token colon
// ("… STATES - Michael P. McDonald:"), or "".
func (d *doc) dashName(si, colon int) string {
	toks := d.toks[si]
	i := colon
	for i > 0 && colon-i < 6 && (toks[i-1].kind == tokWord && toks[i-1].upper || isPunct(toks[i-1], ".") && i < colon) {
		i--
	}
	if i == colon || i == 0 || !isDash(toks[i-1]) || !pureName(toks[i:colon]) || isShouted(toks[i:colon]) {
		return ""
	}
	return d.speakerName(si, i, colon)
}

// isShouted reports a run of words all in capitals, longer than an
// acronym: a heading, not a name.
func isShouted(ts []token) bool {
	for _, t := range ts {
		if t.kind == tokWord && (len(t.text) < 2 || strings.ToUpper(t.text) != t.text) {
			return false
		}
	}
	return len(ts) > 1
}

// shouted reports a speaker written all in capitals over several words:
// a heading the subject rules read as a name.
func shouted(s string) bool {
	return strings.Contains(s, " ") && strings.ToUpper(s) == s && strings.ToLower(s) != s
}

// documentIssuer returns who issued the document the phrase toks[i:j] of
// sentence si names, when the sentence says so before it: "the campaign
// released a statement saying …" is the campaign's, not the statement's.
// It returns "" for any other phrase.
func (d *doc) documentIssuer(si, i, j int) string {
	toks := d.toks[si]
	if k := documentFrom(toks, i); k >= 0 {
		// "A statement from Chelsea explaining the decision read:": the
		// phrase before the cue is what the document's participle is
		// about; whoever the document comes from speaks.
		return d.speakerName(si, k+1, i-1)
	}
	document := toks[j-1].in(documentNouns)
	if toks[j-1].upper || !document && !studyNouns.has(toks[j-1].low) {
		return "" // "the Post" is a newspaper
	}
	if j-i == 2 && toks[i].low == "the" {
		if a := d.documentAuthor(si, toks[i].start, toks[j-1].low); a != "" {
			return a // "a report by Jupiter Research …. …, the report concluded"
		}
	}
	if !document {
		return "" // "the survey" whose author is unknown is a survey
	}
	if i > 0 && toks[i-1].in(issueVerbs) {
		return d.subjectOf(si, toks[i-1].start)
	}
	for p := i + 1; p < j-1; p++ {
		if toks[p].kind == tokPoss && d.entityIn(si, i, p) {
			return d.speakerName(si, i, p) // "Chelsea's statement added", not "Wednesday's"
		}
	}
	if j-i >= 2 && toks[i].in(definiteDeterminers) && d.issuer != "" && si-d.issuerSent <= maxIssuerDistance {
		// "… ,” the club said in its statement. … “…,” the statement
		// said": the document someone just spoke through.
		return d.issuer
	}
	return ""
}

// studyNouns are documents that speak for their authors like
// documentNouns, but only once an author has been named: "the survey"
// alone is a survey.
var studyNouns = toSet(`survey study poll`)

// documentAuthor returns who wrote the noun (report, survey, …) "the
// noun" at pos in sentence si refers to, as the article introduced it:
// "a report by Jupiter Research", "Ofcom's survey"; or "".
func (d *doc) documentAuthor(si, pos int, noun string) string {
	for s := si; s >= 0 && si-s <= maxIntroReach; s-- {
		toks := d.toks[s]
		for k := len(toks) - 2; k >= 0; k-- {
			if toks[k].low != noun || s == si && toks[k].start >= pos {
				continue
			}
			if n := toks[k+1].low; n == "by" || n == "from" {
				for _, e := range d.ents[s] {
					if (e.tok == k+2 || e.tok == k+3 && toks[k+2].low == "the") && !d.insideQuote(e.start) {
						return e.canon
					}
				}
			}
			if k >= 2 && toks[k-1].kind == tokPoss {
				for _, e := range d.ents[s] {
					if e.tokEnd == k-1 && !d.insideQuote(e.start) {
						return e.canon
					}
				}
			}
		}
	}
	return ""
}

// entityIn reports a name among tokens [i, j) of sentence si.
func (d *doc) entityIn(si, i, j int) bool {
	for _, e := range d.ents[si] {
		if e.tok >= i && e.tokEnd <= j {
			return true
		}
	}
	return false
}

// documentFrom returns the index of the "from" or "by" of "a statement
// from X explaining …" when the speaker phrase at i is the object of
// that participle, or -1.
func documentFrom(toks []token, i int) int {
	if i < 4 || toks[i-1].kind != tokWord || toks[i-1].upper || !strings.HasSuffix(toks[i-1].low, "ing") {
		return -1
	}
	for k := i - 2; k >= max(1, i-7); k-- {
		t := toks[k]
		if (t.low == "from" || t.low == "by") && toks[k-1].in(documentNouns) && !toks[k-1].upper {
			return k
		}
		if t.kind != tokWord && t.kind != tokPoss {
			return -1
		}
	}
	return -1
}

// definiteDeterminers point back to a document already spoken of.
var definiteDeterminers = toSet(`the its their his her this that`)

// maxIssuerDistance bounds how many sentences back "the statement" looks
// for who issued it.
const maxIssuerDistance = 3

// spokeThroughDocument reports whether sentence si says its speaker
// spoke in a document: "in a statement", "in its letter".
func (d *doc) spokeThroughDocument(si int) bool {
	toks := d.toks[si]
	for k := 2; k < len(toks); k++ {
		if t := &toks[k]; t.in(documentNouns) && !t.upper && toks[k-2].low == "in" && toks[k-1].in(determiners) {
			return true
		}
	}
	return false
}

// documentNouns name what a speaker issues rather than a speaker.
var documentNouns = toSet(`statement statements letter release memo email tweet tweets post ad advertisement
video filing document op-ed editorial note report article`)

// issueVerbs put a document out under the subject's name.
var issueVerbs = toSet(`issued released sent posted published wrote tweeted filed signed distributed
put circulated unveiled aired ran launched`)
