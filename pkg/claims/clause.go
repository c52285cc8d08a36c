package claims

import "strings"

// maxToThat bounds the adjuncts between a cue and its "that" ("said in
// an interview with The Associated Press last week that …").
const maxToThat = 14

// clauseStart finds where the reported clause after the cue at c begins:
// after "that" (within a few words of adjunct or addressee), or, for
// cues that take a bare clause, at the next word that can start one.
func clauseStart(toks []token, c int) (int, bool) {
	cue := toks[c]
	w := lower(cue)
	open := false
	for k := c + 1; k < len(toks) && k-c <= maxToThat; k++ {
		t := toks[k]
		if t.kind == tokPunct && t.text != "," && !isQuoteMark(t.text) {
			break // "told ABC’s “This Week” that …" reads on
		}
		if t.text == "“" {
			open = true
		} else if t.text == "”" {
			open = false
		}
		if open && lower(t) == "that" {
			break // "says Obama “knows full well that …”": the quotation's own clause
		}
		if t.kind == tokWord && (t.low == "but" || t.low == "and" && k+1 < len(toks) && isVerbCue(toks, k+1)) {
			break // "hinted at the scope, but Wright explained that …", "declare … and suggested that …": another clause's
		}
		if t.kind == tokWord && (t.in(subjectPronouns) || t.in(auxiliaries)) {
			// "said they are planting seeds that …", "said the scandal
			// is only the latest issue that …": a clause has begun, its
			// "that" is its own.
			break
		}
		if t.kind == tokWord && lower(t) == "that" {
			if k == c+1 && k+1 < len(toks) && cue.in(speechCues) && !cue.in(nounCues) && singularVerbs.has(lower(toks[k+1])) {
				// "said that was a natural part …": "that" is the
				// clause's subject. After a noun ("reports that were
				// featured") it is a relative pronoun.
				return k, true
			}
			if k+1 < len(toks) && !isPunct(toks[k+1], ",") && !isPunct(toks[k+1], ".") {
				return k + 1, true
			}
			if k+2 < len(toks) && isPunct(toks[k+1], ",") && parentheticalAfter(toks, k+2) {
				return k + 2, true // "say that, even if they wanted to, a recount …"
			}
			break // "… to do that.": a pronoun, not the clause's "that"
		}
	}
	if !cue.in(thatlessCues) && !strings.HasSuffix(w, "ing") {
		return 0, false
	}
	// No one writes "…, saying John Smith": a participle after a comma
	// opens its clause ("hit back, saying Europe needed …").
	participle := strings.HasSuffix(w, "ing") && c+1 < len(toks)
	if c > 0 && (isPunct(toks[c-1], ",") || isPunct(toks[c-1], "”") || isPunct(toks[c-1], "\"")) && !hasSubject(toks, c) && !participle {
		// "…, said John Smith, a …": an inverted attribution, not a
		// cue before its clause.
		return 0, false
	}
	k := c + 1
	if listenerThenAdverbial(toks, c) {
		return 0, false // "told his closest advisers as he labored …": no clause was told
	}
	if cue.in(objectCues) {
		// "told reporters he would …", "told Breitbart News he'd …":
		// skip the addressee; what follows it must still open a clause
		// ("told CNN in an interview" reports nothing by itself).
		if j := addresseeEnd(toks, c); j > c+1 {
			k = j
		}
		for k < len(toks) && k-c <= 3 && !startsClause(toks[k]) && !toks[k].in(prepositions) {
			if isPunct(toks[k], ":") && k+1 < len(toks) && isQuoteMark(toks[k+1].text) {
				return 0, false // "told reporters: “…”": the quotation is what was told
			}
			k++
		}
	}
	for k < len(toks) && k-c <= 6 && toks[k].kind == tokWord {
		w := lower(toks[k])
		if toks[k].in(timeWords) && w != "on" && !(k+1 < len(toks) && toks[k+1].kind == tokPoss) && !deicticSubject(toks, k) {
			k++ // "said Tuesday", but "said Thursday’s speeches …" opens the clause
			continue
		}
		// "in a statement", "during an interview", "on Friday".
		if (w == "in" || w == "at" || w == "during" || w == "on") && k+1 < len(toks) {
			n := k + 1
			if toks[n].in(determiners) && n+1 < len(toks) {
				n++
			}
			if toks[n].in(timeWords) {
				k = n + 1
				continue
			}
		}
		break
	}
	if k < len(toks) && (cue.in(objectCues) || !toks[k].in(determiners)) {
		// Only a listener may open with a determiner: "said the
		// numbers he saw were …" holds a relative clause.
		k = pastAdjunct(toks, k)
	}
	if cue.in(objectCues) && addresseeOnly(toks, k) {
		return 0, false // ", she told a Commons inquiry.": the listener, not a clause
	}
	if k < len(toks) && startsClause(toks[k]) && (!toks[k].upper || cue.in(nameClauseCues) || toks[k].in(clauseOpeners)) {
		if claimCues.has(w) && !hasVerb(toks, k) {
			return 0, false // "claimed her seventh Grand Slam title": won it
		}
		return k, true
	}
	if k < len(toks) && k == c+1 && cue.in(thatlessCues) && (nounClause(toks, k) || toks[k].in(conditionOpeners)) {
		return k, true // "said details will be …", "said if Trump wins, …"
	}
	if k < len(toks) && k == c+1 && cue.in(speechCues) && bareClauseWord(toks, k) {
		return k, true // "said social media success depends on …"
	}
	if k+1 < len(toks) && toks[k].in(calendarWords) && toks[k+1].kind == tokPoss && cue.in(nameClauseCues) {
		return k, true // "said Thursday’s speeches have …"
	}
	return 0, false
}

// listenerThenAdverbial reports a cue like "told" whose listener is
// followed by an adverbial clause ("…, President Obama told his closest
// advisers as he labored over …"): what was told stands before the cue.
func listenerThenAdverbial(toks []token, c int) bool {
	if !toks[c].in(objectCues) {
		return false
	}
	for k := c + 1; k < len(toks) && k-c <= maxListener+1; k++ {
		t := toks[k]
		if t.kind != tokWord && t.kind != tokPoss {
			return false
		}
		if k > c+1 && t.in(adverbialOpeners) {
			return true
		}
		if _, pron := pronouns[t.low]; pron && k > c+1 || t.in(npBoundary) || t.in(prepositions) || t.in(auxiliaries) {
			return false
		}
	}
	return false
}

// maxListener bounds the listener listenerThenAdverbial reads.
const maxListener = 5

// adverbialOpeners open a clause of time, manner or cause.
var adverbialOpeners = toSet(`as while when before after because since until`)

// singularVerbs are the auxiliaries and modals a singular subject takes.
var singularVerbs = toSet(`is was has would will could can might should`)

// claimCues also mean winning something: their bare clause must have a
// verb to be one.
var claimCues = toSet(`claim claims claimed claiming`)

// addresseeOnly reports a short phrase from k to the sentence's end with
// no verb: the listener of "told", not a clause.
func addresseeOnly(toks []token, k int) bool {
	end := len(toks)
	for end > k && endPunct(toks[end-1]) {
		end--
	}
	if end-k > 4 {
		return false
	}
	for _, t := range toks[k:end] {
		if t.kind == tokPunct || t.in(auxiliaries) || t.in(modals) || strings.HasSuffix(t.low, "ed") && !t.upper {
			return false
		}
	}
	return true
}

// hasVerb reports whether the words from token k to the next punctuation
// hold a verb the rules can see: an auxiliary, a modal or a past tense.
func hasVerb(toks []token, k int) bool {
	for j := k; j < len(toks) && toks[j].kind != tokPunct; j++ {
		if t := toks[j]; t.kind == tokWord && (t.in(auxiliaries) || t.in(modals) || j > k && !t.upper && strings.HasSuffix(t.low, "ed")) {
			return true
		}
	}
	return false
}

// parentheticalAfter reports a comma-closed aside starting at token k
// that a clause follows: "even if they wanted to, a recount …".
func parentheticalAfter(toks []token, k int) bool {
	for j := k; j < len(toks) && j-k <= 12; j++ {
		if isPunct(toks[j], ",") {
			return j > k && j+2 < len(toks) && toks[j+1].kind != tokPunct
		}
		if toks[j].kind == tokPunct && !isQuoteMark(toks[j].text) {
			return false
		}
	}
	return false
}

// subjectPronouns open a clause; once one is read, a later "that" is no
// longer the reported clause's.
var subjectPronouns = toSet(`he she they we i`)

// clauseOpeners are words a reported clause starts with.
var clauseOpeners = toSet(`he she it they we i you there this these those his her their its our my the
a an no some many most all any every each neither none nothing nobody everyone anyone someone`)

func startsClause(t token) bool {
	if t.kind == tokNum {
		return true
	}
	if t.kind != tokWord {
		return false
	}
	if t.in(clauseOpeners) {
		return true
	}
	return t.upper && !t.in(calendarWords) && !t.in(capitalStop)
}

// hasSubject reports whether the cue at c has a speaker phrase before it.
func hasSubject(toks []token, c int) bool {
	_, _, ok := backNP(toks, c)
	return ok
}

// deicticSubject reports "this", "last" or "next" at k that opens the
// clause rather than a time phrase: "say this is just a rough patch",
// where "said this week" and "said last Tuesday" name a time.
func deicticSubject(toks []token, k int) bool {
	switch toks[k].low {
	case "this", "last", "next":
		return k+1 >= len(toks) || !toks[k+1].in(timeWords) && !toks[k+1].in(calendarWords)
	}
	return false
}

// speechCues report an utterance so plainly that a lower-case word right
// after them opens the reported clause ("experts said social media
// success depends on …"): they rarely take a bare object.
var speechCues = toSet(`said says say told tells saying telling added adds wrote writes argued argues
contended contends insisted insists claimed claims show shows showed found finds`)

// evidenceCues are the speechCues that report what evidence shows rather
// than what someone said, and take objects as often as clauses ("shows
// no signs of abating").
var evidenceCues = toSet(`show shows showed found finds`)

// bareClauseWord reports whether token k can open a clause after a speech
// cue without "that": a content word, not a preposition, adverb, particle
// or the writer's own conjunction.
func bareClauseWord(toks []token, k int) bool {
	w, ok := contentWord(toks, k)
	if !ok {
		return false
	}
	switch w {
	case "nothing", "something", "anything", "goodbye", "hello", "yes", "not", "otherwise", "what", "how", "why", "it's":
		return false
	}
	return k+2 < len(toks) && toks[k+1].kind != tokPunct
}

// pastAdjunct skips a phrase between a cue and a clause that opens with
// a subject pronoun: a common-noun addressee ("told a news conference
// they are …") or an adjunct ("wrote in both listings he was …", "said
// in an interview with CNN she would …").
func pastAdjunct(toks []token, k int) int {
	if k >= len(toks) || !toks[k].in(determiners) && !toks[k].in(adjunctPrepositions) {
		return k
	}
	for j := k + 1; j < len(toks) && j-k <= 6; j++ {
		t := toks[j]
		if t.kind != tokWord && t.kind != tokPoss || t.in(nestingConjunctions) {
			return k // "insisted on delaying surgery until he arrived": the pronoun is another clause's
		}
		if t.in(subjectPronouns) {
			return j
		}
	}
	return k
}

var adjunctPrepositions = toSet(`in at during on to with before after`)

// addresseeEnd returns the token after the addressee of an object cue
// ("told TheBlaze founder Glenn Beck he would …", "told ABC’s Jake
// Tapper"): capitalised words, possessives, determiners and the
// lower-case words between them, up to the first pronoun or clause word.
func addresseeEnd(toks []token, c int) int {
	k := c + 1
	if k+1 < len(toks) && toks[k].low == "the" && toks[k+1].upper {
		k++ // "told the BBC's Talking Point programme …"
	}
	if k >= len(toks) || !toks[k].upper || toks[k].kind != tokWord {
		return c + 1
	}
	last := k
	for ; k < len(toks) && k-c <= maxNP; k++ {
		t := toks[k]
		if t.kind == tokPoss {
			continue
		}
		if t.kind != tokWord {
			break
		}
		w := lower(t)
		if _, pron := pronouns[w]; pron || t.in(npBoundary) || t.in(prepositions) || t.in(auxiliaries) {
			break
		}
		if t.upper {
			last = k
		} else if !t.in(determiners) && k-last > 1 {
			break
		}
	}
	if n := last + 1; n < len(toks) && toks[n].in(mediaHeads) {
		last = n // "told BBC Radio 4's Today programme he …"
	}
	return last + 1
}

// mediaHeads end an addressee named by its outlet or forum: "the BBC's
// Talking Point programme", "a Commons inquiry".
var mediaHeads = toSet(`programme program show newspaper paper website station radio channel
magazine inquiry committee conference hearing audience crowd summit meeting`)
