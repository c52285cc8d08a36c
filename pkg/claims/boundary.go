package claims

import "strings"

// quoteThenClause reports a clause that opens with a quotation and goes on
// after it ("said “it gets me mad” every time he thinks about …"): the
// writer's clause carries the quoted words, so it is a statement. More
// quotations after the first and nothing else (“…,” “…,” she added) are
// no clause.
func (d *doc) quoteThenClause(toks []token, from, to int) bool {
	for k := from + 1; k < to; k++ {
		if isPunct(toks[k], "”") || isPunct(toks[k], "\"") {
			n, outside := 0, false
			for _, t := range toks[k+1 : to] {
				if t.kind == tokWord {
					n++
					outside = outside || !d.insideQuote(t.start)
				}
			}
			return outside && n >= minStatementWords
		}
	}
	return false
}

// objectEnders end the object of a stance verb: what follows them is the
// writer's next clause ("opposes abortion, vetoed the bill because …").
var objectEnders = toSet(`which because while whereas after before when although though but as`)

// mainCue reports a speech verb at k that can be the main clause's after
// a relative clause ("others who want to ban abortion said …"), not an
// infinitive or a verb joined inside it ("to show", "or show").
func mainCue(toks []token, k int) bool {
	if !toks[k].in(speechCues) || toks[k].in(evidenceCues) || !isVerbCue(toks, k) {
		return false
	}
	switch toks[k-1].low {
	case "to", "and", "or":
		return false
	}
	return true
}

// stanceObject builds the hit for the object of a stance verb, toks[from:to)
// of sentence si. The object ends where the writer moves on (", which
// …", "and said …", the comma closing a relative clause); a long object
// is then read like a reported clause, a short one may be a single word
// ("endorsed Clinton") but not a lone pronoun ("backed it").
func (d *doc) stanceObject(si int, speaker, cue string, from, to int, relative bool) []statementHit {
	toks := d.toks[si]
	from = pastTimePhrase(toks, from, to)
	if from < to && speechVerbs.has(toks[from].low) {
		return nil // "Media reports said …": the stance verb was a noun
	}
	if from >= to || issuesReport(toks, from, to) || noComment(toks, from, to) {
		// "issued a statement saying …": the statement's clause is the
		// claim; "declined to comment" says nothing.
		return nil
	}
	if relative {
		// A relative clause ends at its comma ("who backed Walker last
		// year, gave …") or, without one, at the main clause's cue
		// ("others who want to ban abortion said …").
		for k := from + 1; k < to; k++ {
			if (isPunct(toks[k], ",") || mainCue(toks, k)) && !d.insideQuote(toks[k].start) {
				to = k
				break
			}
		}
	}
	// The object ends where the writer moves on: ", which …", ", but
	// late Saturday …", "and said …", "and has appeared …".
	for k := from + 1; k+1 < to; k++ {
		if d.insideQuote(toks[k].start) {
			continue
		}
		w := lower(toks[k+1])
		if isPunct(toks[k], ",") && toks[k+1].kind == tokWord && (toks[k+1].in(objectEnders) || w == "who") {
			to = k
			break
		}
		if toks[k].kind == tokWord && lower(toks[k]) == "and" && toks[k+1].kind == tokWord && !toks[k+1].upper && (toks[k+1].in(cues) || toks[k+1].in(stanceCues) || toks[k+1].in(auxiliaries)) {
			to = k
			break
		}
	}
	to = d.adjunctEnd(si, from, to)
	if hs := d.statement(si, speaker, cue, from, to); len(hs) > 0 {
		for i := range hs {
			hs[i].how = "stance"
		}
		return hs
	}
	for k := from + 1; k < to; k++ {
		t := toks[k]
		if t.kind == tokPunct && (t.text == "," || t.text == ";" || t.text == "—" || t.text == "–" || t.text == "(" || t.text == ":") && !d.insideQuote(t.start) {
			to = k
			break
		}
		if t.kind == tokWord && t.in(objectEnders) && !d.insideQuote(t.start) {
			to = k
			break
		}
	}
	for to > from && endPunct(toks[to-1]) && !isQuoteMark(toks[to-1].text) {
		to--
	}
	if to <= from {
		return nil
	}
	if t := toks[from]; t.kind == tokPunct && (t.text == "“" || t.text == "\"") && !d.quoteThenClause(toks, from, to) {
		return nil // a quotation, handled as a quote
	}
	n := 0
	for _, t := range toks[from:to] {
		if t.kind == tokWord || t.kind == tokNum {
			n++
		}
	}
	if n < minObjectWords {
		return nil
	}
	if n == 1 && to-from == 1 && isPronoun(toks[from].text) {
		return nil
	}
	return []statementHit{{speaker: speaker, cue: cue, contentStart: toks[from].start, contentEnd: toks[to-1].end, how: "stance"}}
}

// speechVerbs are the verbs of speaking that are never a noun.
var speechVerbs = toSet(`said says say told tells`)

// pastTimePhrase skips the day that may open a stance object ("reported
// on Wednesday the Secret Service had …"): when it was done, not what.
// It returns to when nothing follows the day.
func pastTimePhrase(toks []token, from, to int) int {
	k := from
	if k+1 < to && toks[k].low == "on" && toks[k+1].in(calendarWords) {
		k++
	}
	if k == from || !toks[k].in(calendarWords) {
		return from
	}
	k++
	for k < to && toks[k].in(timeWords) {
		k++ // "Tuesday night"
	}
	if k < to && (toks[k].kind == tokPunct || toks[k].low == "and" || toks[k].low == "but") {
		return to // "debated on Tuesday night, and …": nothing was the object
	}
	return k
}

// noComment reports the object of "declined to comment", "refused to
// elaborate": the speaker said nothing.
func noComment(toks []token, from, to int) bool {
	return from+1 < to && toks[from].low == "to" && toks[from+1].in(silenceVerbs)
}

var silenceVerbs = toSet(`comment elaborate respond reply speculate answer discuss specify`)

// minObjectWords is the shortest stance object kept: "endorsed Clinton"
// states a position.
const minObjectWords = 1

// clauseEnders after a comma open the writer's own continuation of a
// reported clause rather than more of it.
var clauseEnders = toSet(`which but leaving meaning even though although whereas`)

// newSubject reports a clause subject at k: a pronoun or a name,
// followed by a verb-like word.
func newSubject(toks []token, k int) bool {
	t := toks[k]
	if t.kind != tokWord {
		return false
	}
	j := k + 1
	if _, pron := pronouns[lower(t)]; !pron {
		if !t.upper || t.in(capitalStop) {
			return false
		}
		for j < len(toks) && j-k < 4 && (toks[j].upper || isPunct(toks[j], ".")) {
			j++
		}
	}
	return j < len(toks) && verbLike(toks[j])
}

// adjunctEnd cuts the stance object toks[from:to) of sentence si before
// the circumstances the writer adds to it: the occasion ("endorsed
// Clinton during a conference call with reporters") or the day ("backed
// a no-fly zone on Tuesday morning").
func (d *doc) adjunctEnd(si, from, to int) int {
	toks := d.toks[si]
	for k := from + 1; k < to; k++ {
		t := toks[k]
		if t.kind != tokWord || d.insideQuote(t.start) {
			continue
		}
		if t.in(occasionWords) {
			return k
		}
		if _, ok := weekdayIndex[t.low]; ok && t.upper {
			return timeLead(toks, from, k)
		}
	}
	return to
}

// timeLead moves the start of a day at k back over the words that lead
// into it ("on", "late").
func timeLead(toks []token, from, k int) int {
	for k-1 > from && toks[k-1].in(timeLeads) {
		k--
	}
	return k
}

// timeLeads lead into a day: "on Tuesday", "late Sunday", "this Friday".
var timeLeads = toSet(`on late early earlier last this`)

// occasionWords open the circumstances of a stance rather than its
// object: "during a rally", "amid protests", "despite …".
var occasionWords = toSet(`during amid despite`)

// issuesReport reports an object that is a document followed by the
// participle that reports its content ("a statement saying …", "a letter
// urging …"): the reported clause is the claim, not the document.
func issuesReport(toks []token, from, to int) bool {
	for k := from; k+1 < to && k-from < 4; k++ {
		if toks[k].in(documentNouns) {
			n := toks[k+1]
			return strings.HasSuffix(n.low, "ing") && (n.in(cues) || n.in(stanceCues) || n.in(fragmentCues))
		}
	}
	return false
}

// clauseSubordinators open a sentence with a clause the main clause
// follows after a comma: the condition openers and those of time and
// contrast. "Before", "after" and "since" are left out: as often they
// open a phrase ("After the debate Trump said …").
var clauseSubordinators = union([]string{"while", "whereas", "when", "as"}, conditionOpeners)

// subordinateEnd ends a clause reported inside a sentence's opening
// subordinate or "Having …" clause at that clause's comma: in "While
// Ramos said that journalists cannot have any political affiliation, he
// appears …" the words after the comma are the writer's main clause, and
// so after a comma that closes a quotation. Another comma inside a
// quotation, or one closing a prepositional phrase that opens the
// reported clause ("when he said that under Obama, “the generals …”"), is
// no such end.
func (d *doc) subordinateEnd(toks []token, from, to int) int {
	if from >= to {
		return to
	}
	f := 0
	for f < from && (toks[f].kind == tokPunct || toks[f].low == "and" || toks[f].low == "but") {
		f++ // "And if more traditional Republicans … showed …,"
	}
	if f >= from || !toks[f].in(clauseSubordinators) && !evenAs(toks, f) && toks[f].low != "having" {
		return to
	}
	for k := f + 1; k < from; k++ {
		if t := toks[k]; t.kind == tokPunct && strings.ContainsAny(t.text, ",;:—–()") {
			return to // the subordinate clause closed before the cue
		}
	}
	opener := toks[from].in(prepositions) && toks[from].low != "to" // not an infinitive's
	for k := from + 1; k < to; k++ {
		if !isPunct(toks[k], ",") {
			continue
		}
		if d.insideQuote(toks[k].start) {
			if k+1 < to && isQuoteMark(toks[k+1].text) {
				return k + 2 // “…paid for by Mexico,” his aides …
			}
			continue
		}
		if opener && !hasVerb(toks[:k], from) {
			opener = false
			continue
		}
		return k
	}
	return to
}

// subordinateCut is subordinateEnd for the bytes [start, end) of
// sentence si: where the content ends, in bytes.
func (d *doc) subordinateCut(si, start, end int) int {
	from, to := d.tokenAt(si, start), d.tokenAt(si, end)
	if k := d.subordinateEnd(d.toks[si], from, to); k < to {
		return d.toks[si][k-1].end
	}
	return end
}

// evenAs reports "Even as", "Even though", "Even if" and "Just as" at k.
func evenAs(toks []token, k int) bool {
	if k+1 >= len(toks) {
		return false
	}
	switch toks[k].low {
	case "even":
		return toks[k+1].low == "as" || toks[k+1].low == "though" || toks[k+1].low == "if"
	case "just":
		return toks[k+1].low == "as"
	}
	return false
}
