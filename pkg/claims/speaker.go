package claims

import (
	"slices"
	"strings"
)

// Speaker phrases are found by scanning away from a cue verb over at most
// maxNP tokens, so attribution costs O(1) per cue.
const maxNP = 10

// maxAppositive bounds the description between a name and its cue
// ("Debbie Walsh, director of the Center for … at Rutgers University,
// said").
const maxAppositive = 40

func lower(t token) string { return t.low }

// isRelative reports the relative pronoun "who" or "which", which opens
// a clause about the phrase before it.
func isRelative(t token) bool { return t.low == "who" || t.low == "which" }

func isPunct(t token, s string) bool { return t.kind == tokPunct && t.text == s }

// beForms make a past participle after them passive.
var beForms = toSet(`be been being is are was were am`)

// passiveParticiple reports a cue that reads as passive after a form of
// "be": not a present participle ("has been saying") nor a participle
// that tells the subject's own mind ("were worried").
func passiveParticiple(t token) bool {
	return !strings.HasSuffix(t.low, "ing") && !t.in(stateAdjectives)
}

// passiveAt reports a cue at c in the passive: a form of "be" before it,
// past adverbs and auxiliaries ("has been praised", "was later told").
func passiveAt(toks []token, c int) bool {
	if !passiveParticiple(toks[c]) {
		return false
	}
	for k := c - 1; k >= 0 && toks[k].kind == tokWord; k-- {
		if toks[k].in(beForms) {
			return true
		}
		if !toks[k].in(fillerWords) && !mannerAdverb(toks[k]) {
			return false
		}
	}
	return false
}

// surnameMonth reports a month name (or "May", also a modal) at k that
// ends a person's name ("Theresa May", "Brian May") rather than dating
// the cue: a given name comes right before it, and the word is
// capitalised ("Graham has said" is a name and its auxiliary).
func surnameMonth(toks []token, k int) bool {
	return k > 0 && toks[k].upper && toks[k-1].in(firstNames) && toks[k-1].upper && !toks[k].in(weekdays)
}

var weekdays = toSet(`monday tuesday wednesday thursday friday saturday sunday`)

// asides are the one-word parentheticals set off by commas between a
// speaker and the cue.
var asides = toSet(`however meanwhile too though instead nonetheless nevertheless moreover
also likewise similarly separately indeed rather`)

// sentenceOpeners are the conjunctions and adverbs a sentence may open
// with before its subject, capitalised or not, and the "for" of a view
// ("But for Allen Weiner, … the future of search is …"). A capitalised
// "Though" opens a subordinate clause, so the asides count only in
// lower case.
var sentenceOpeners = toSet(`and but yet so then now later earlier still meanwhile however also for`)

// perfectAux precede "long" used as an adverb of time ("has long said").
var perfectAux = toSet(`has have had`)

// openingAdjunct reports a sentence that opens with a participle or a
// preposition and has no comma before "he" or "she" at k: the words
// before the pronoun are the adjunct, the pronoun its subject. "They" and
// "we" after a noun are as often a relative clause's ("the people they
// say they are helping").
func openingAdjunct(toks []token, k int) bool {
	if w := toks[k].low; w != "he" && w != "she" {
		return false
	}
	f := toks[0]
	if f.kind != tokWord || !(f.in(prepositions) || strings.HasSuffix(f.low, "ing")) {
		return false
	}
	return !commaIn(toks[:k])
}

// beforeAgo returns the token before the time phrase that "ago" at k
// ends: "two weeks ago", "less than a month ago", "just days ago".
func beforeAgo(toks []token, k int) int {
	k--
	if k >= 0 && timeUnits.has(strings.TrimSuffix(toks[k].low, "s")) {
		k--
	}
	if k >= 0 {
		if _, n := numberWords[toks[k].low]; n || toks[k].kind == tokNum || toks[k].in(determiners) {
			k--
		}
	}
	for k >= 0 && agoHedges.has(toks[k].low) {
		k--
	}
	return k
}

// pastPeriodStart returns where "in the past", "in the past few weeks"
// or "in recent days" ending at k starts, or k when none does.
func pastPeriodStart(toks []token, k int) int {
	p := k
	if timeUnits.has(strings.TrimSuffix(toks[p].low, "s")) && p > 0 {
		p-- // "weeks" of "in recent weeks", "in the past few weeks"
		if toks[p].low == "few" || toks[p].low == "several" || toks[p].low == "two" || toks[p].low == "three" {
			p--
		}
	}
	switch {
	case p >= 2 && toks[p].low == "past" && toks[p-1].low == "the" && toks[p-2].low == "in":
		return p - 2
	case p >= 1 && p < k && toks[p].low == "recent" && toks[p-1].low == "in":
		return p - 1
	}
	return k
}

var (
	timeUnits = toSet(`second minute hour day week month year decade`)
	agoHedges = toSet(`than less more just only about`)
)

// agentBy reports the "by" of a passive's agent at k ("denied by UKIP
// spokesman"), which no name runs across; "a study by Jupiter Research"
// stays one phrase.
func agentBy(toks []token, k int) bool {
	if toks[k].low != "by" || k == 0 {
		return false
	}
	p := toks[k-1].low
	return strings.HasSuffix(p, "ed") || irregularParticiples.has(p)
}

// irregularParticiples are past participles without "-ed" that take an
// agent ("told by", "sent by").
var irregularParticiples = toSet(`found told said shown written thought known seen heard sent given made taken`)

// backNP returns the token range [i, j) of the speaker phrase that ends
// just before the cue at index c ("Russian President Vladimir Putin
// said", "The Netherlands’ minister of defense, Ruben Brekelmans, said").
func backNP(toks []token, c int) (int, int, bool) { return backNPAt(toks, c, 0) }

// maxNPDepth bounds how many phrases backNP reads back through, one
// inside another ("friends and allies", "others who want …"), so a
// sentence of many cues costs linear time.
const maxNPDepth = 2

// backNPAt is backNP reading a phrase depth levels inside another.
func backNPAt(toks []token, c, depth int) (int, int, bool) {
	k := c - 1
	for k >= 0 && toks[k].kind == tokWord {
		w := strings.TrimSuffix(lower(toks[k]), ".")
		if surnameMonth(toks, k) {
			break // "Theresa May said"
		}
		if modals.has(w) {
			return 0, 0, false // "Israel must acknowledge …" reports nothing
		}
		if beForms.has(w) && passiveAt(toks, c) {
			// "Osbourne has been praised by police", "Trump is said to
			// …": the subject is what was done or said of, not a source.
			return 0, 0, false
		}
		if fillerWords.has(w) || w == "long" && k > 0 && toks[k-1].in(perfectAux) || w == "been" || w == "being" || mannerAdverb(toks[k]) {
			k-- // "Warren has long criticized", "Clinton has forcefully condemned"
			continue
		}
		if floatingQuantifier(toks, k) {
			k--
			continue
		}
		if perfectAux.has(w) && k < c-1 && !toks[k].upper {
			k-- // "allies have in the past said": the subject is before the aside
			continue
		}
		// "Ted Cruz on Wednesday announced", "Putin last week said",
		// "Priebus this past week announced", but "Theresa May said".
		if calendarWords.has(w) || w == "yesterday" || w == "today" || w == "week" || w == "weekend" || w == "month" {
			k--
			if k > 0 && lower(toks[k]) == "past" {
				k--
			}
			if k >= 0 && (lower(toks[k]) == "on" || lower(toks[k]) == "last" || lower(toks[k]) == "this") {
				k--
			}
			continue
		}
		if w == "ago" {
			k = beforeAgo(toks, k) // "The State Department less than two weeks ago said"
			continue
		}
		if p := pastPeriodStart(toks, k); p < k {
			k = p - 1 // "Sanders in the past said", "Ryan in recent weeks has said"
			continue
		}
		if toks[k].kind == tokNum && k > 0 && calendarWords.has(strings.TrimSuffix(lower(toks[k-1]), ".")) {
			k -= 2
			continue
		}
		break
	}
	if k >= 2 && isPunct(toks[k], ",") && toks[k-1].in(asides) && isPunct(toks[k-2], ",") {
		k -= 3 // "Hillary Clinton, however, has indicated"
	} else if k >= 3 && isPunct(toks[k], ",") && twoWordAside(toks[k-2], toks[k-1]) && isPunct(toks[k-3], ",") {
		// "The judges …, for instance, said"; "Brian Murphy, the
		// chairman …, for example, said" keeps its appositive's comma.
		k -= 3
		if !commaWithin(toks, k, maxAppositive) {
			k--
		}
	}
	if k < 0 {
		return 0, 0, false
	}
	if k > 0 && toks[k].in(subjectPronouns) && (toks[k-1].kind == tokNum || toks[k-1].kind == tokWord && (toks[k-1].upper && !toks[k-1].in(capitalStop) || toks[k-1].in(mediaHeads) || openingAdjunct(toks, k))) {
		// "At his weekly press conference on Tuesday he said", "told
		// BBC Radio 4's Today programme he hoped", "Laying into the
		// record in government he said": an opening adjunct without
		// its comma, or a listener; the pronoun is the subject.
		return k, k + 1, true
	}
	if isPunct(toks[k], ",") {
		// An appositive: "X, the defense minister, said" or "the
		// minister, X, said".
		p := k - 1
		for p >= 0 && k-p <= maxAppositive && !isPunct(toks[p], ",") && (toks[p].kind != tokPunct || appositivePunct(toks[p])) {
			p--
		}
		if p < 0 || !isPunct(toks[p], ",") || isQuoteMark(toks[p+1].text) && !(p+2 < k && isRelative(toks[p+2])) {
			// "“…,” in sharp contrast to …, says X": a quotation
			// closed there, and what follows it is no appositive
			// unless it goes on with one ("the show “The
			// Apprentice,” who went on to …, said").
			return 0, 0, false
		}
		app := [2]int{p + 1, k}
		if w := toks[app[0]].low; (w == "and" || w == "or") && !relativeBefore(toks, p) {
			// "A legal opinion drafted in May 2012, and obtained by AP,
			// concluded": a second participle, not an appositive; but
			// "Beck, who supported Cruz, R-Texas, and opposed Trump,"
			// goes on with its relative clause.
			return 0, 0, false
		}
		if isPunct(toks[app[1]-1], ")") {
			// "Gov. John Kasich (R-OH), said": the party and state
			// are not part of the name.
			for q := app[1] - 2; q > app[0]; q-- {
				if isPunct(toks[q], "(") {
					app[1] = q
					break
				}
			}
		}
		if app[1]-app[0] >= 2 && pureName(toks[app[0]:app[1]]) && !isPlaceName(toks[app[0]:app[1]]) && !abbreviation(toks[app[0]:app[1]]) &&
			!calendarWords.has(strings.TrimSuffix(lower(toks[app[0]]), ".")) {
			return app[0], app[1], true
		}
		if i, j, ok := nameBeforeAppositives(toks, p); ok {
			// "Dean Johnson, a salesman from Sumter, South Carolina,
			// says": the name that opens the chain of appositives.
			return i, j, true
		}
		if clauseBetween(toks[app[0]:app[1]]) {
			// "…, a state that she hoped to carry, the race will be
			// tight, said X": a clause between the commas, no appositive.
			return 0, 0, false
		}
		k = p - 1
	}
	j := k + 1
	i := k + 1
	// A cue word right before a verb of speaking, or a relative
	// pronoun, is a noun.
	nounCue := c < len(toks) && (toks[c].in(cues) || toks[c].in(stanceCues) || toks[c].low == "who" || toks[c].low == "that") && (c+1 >= len(toks) || toks[c+1].low != "by") &&
		!slices.ContainsFunc(toks[k+1:c], func(t token) bool { return t.in(auxiliaries) })
	for i-1 >= 0 && j-(i-1) <= maxNP {
		t := toks[i-1]
		if t.kind == tokPunct && t.text != "(" && t.text != ")" && t.text != "." && t.text != "&" {
			break
		}
		if t.kind == tokWord && (!t.upper || t.in(capitalStop)) && phraseStop(toks, i-1, k, nounCue) {
			break
		}
		if t.kind == tokWord && !t.upper && t.in(stanceCues) && strings.HasSuffix(t.low, "ed") && i < len(toks) && (toks[i].upper || toks[i].in(determiners)) {
			break // "Beckett rejected Mr Howard's comment": a verb and its object
		}
		if t.kind == tokWord && t.in(auxiliaries) && !surnameMonth(toks, i-1) {
			if t.upper && i-1 == 0 {
				return 0, 0, false // "Do you think …?" asks
			}
			break // no subject holds "has" or "is"
		}
		if t.kind == tokWord && !t.upper && t.in(prepositions) && i-2 >= 0 && toks[i-2].in(postnominals) {
			i -= 2 // "people close to Clinton say", "officials familiar with the talks said"
			continue
		}
		if t.kind == tokWord && t.low == "of" && i-2 >= 0 && (toks[i-2].in(quantifierPronouns) || toks[i-2].low == "none" || toks[i-2].low == "each") {
			i -= 2 // "most of them said", "none of the officials said"
			continue
		}
		if t.kind == tokWord && !t.upper && t.in(prepositions) && i <= k && (!hasName(toks[i:j]) || agentBy(toks, i-1)) && !groupIn(toks, i-1) {
			break
		}
		i--
		if t.kind == tokWord && t.in(determiners) {
			// "a spokesman for the campaign", "Jane Doe from the
			// association": keep the head before "of"/"for", or the
			// name before "from".
			if i-1 >= 0 && (lower(toks[i-1]) == "of" || lower(toks[i-1]) == "for" || lower(toks[i-1]) == "from" && i >= 2 && toks[i-2].upper || groupIn(toks, i-1) || i >= 2 && toks[i-1].in(prepositions) && toks[i-2].in(postnominals)) && j-(i-1) < maxNP {
				i--
				continue
			}
			break
		}
		if t.kind == tokWord && !t.upper && t.in(prepositions) && lower(t) != "of" && lower(t) != "for" && !groupIn(toks, i) {
			// "in Kazan, Putin said" never reaches here; "officials in
			// Kyiv said" keeps the head before the preposition.
			break
		}
	}
	if i >= 2 && toks[i-1].low == "and" && (hasName(toks[i:j]) || j-i == 1 && toks[i].low == "others") {
		i = firstConjunct(toks, i-1, i)
	} else if i >= 2 && j-i == 1 && depth < maxNPDepth && toks[i-1].low == "and" && toks[i].in(speakerNouns) && toks[i-2].in(speakerNouns) && !toks[i-2].upper {
		if i2, _, ok := backNPAt(toks, i-1, depth+1); ok {
			i = i2 // "Gore’s close friends and allies said"
		}
	}
	for i < j && toks[i].in(asides) {
		i++ // "Meanwhile Michael Jackson's mother said"
	}
	if hi, hj, ok := relativeHead(toks, i, j, depth); ok && i < j {
		return hi, hj, true // "others who want to ban the practice said"
	}
	// A phrase governed by a preposition is not a subject ("in the past
	// described").
	if i < j && toks[i].kind == tokWord && !toks[i].upper && toks[i].in(prepositions) {
		return 0, 0, false
	}
	if i > 0 && toks[i-1].kind == tokWord && toks[i-1].in(prepositions) && !hasName(toks[i:j]) {
		return 0, 0, false
	}
	if i >= j || !validNP(toks[i:j]) || isPunct(toks[j-1], "(") {
		return 0, 0, false // "… in Europe (think Brexit)": an aside opens, no phrase ends
	}
	if i >= 2 && isPunct(toks[i-1], ",") && usState(toks[i:j]) {
		// "Stacy Baker of Columbia, South Carolina says": the state
		// of the town the speaker is from.
		if i2, j2, ok := backNP(toks, i-1); ok && hasName(toks[i2:j2]) {
			return i2, j2, true
		}
	}
	return i, j, true
}

// commaWithin reports a comma among the n tokens before k.
func commaWithin(toks []token, k, n int) bool {
	for p := k - 1; p >= 0 && k-p <= n; p-- {
		if isPunct(toks[p], ",") {
			return true
		}
	}
	return false
}

// phraseStop reports a word at p that ends a speaker phrase read back to
// it from k: "said", "and", or a sentence-initial "And", "But". A
// sentence-initial "That" before a noun is its determiner ("That person
// said"). Right before the cue a cue word is a noun ("swing states said",
// "the report said") unless the cue is a participle with its agent ("a
// claim denied by the chancellor"); after a determiner it is a noun
// anywhere ("A news report published Wednesday said").
func phraseStop(toks []token, p, k int, nounCue bool) bool {
	t := toks[p]
	if t.in(npBoundary) {
		return !(p == 0 && t.upper && t.low == "that" && p < k && toks[p+1].kind == tokWord)
	}
	return t.in(cues) && (p < k && !nounUse(toks, p) || !nounCue)
}

// groupIn reports an "in" at k after a plural noun: "Democrats in the
// Senate said" is the Democrats speaking, not the Senate.
func groupIn(toks []token, k int) bool {
	if k < 1 || toks[k].low != "in" {
		return false
	}
	g := toks[k-1]
	if g.upper && !g.in(speakerNouns) {
		return false // "Sanders in the past said": a name, and when
	}
	return g.kind == tokWord && len(g.low) > 3 && strings.HasSuffix(g.low, "s") && !strings.HasSuffix(g.low, "ss") &&
		!g.in(auxiliaries) && !g.in(cues) && !g.in(stanceCues) && !g.in(npBoundary) && !g.in(prepositions)
}

// relativeHead returns the phrase that a relative clause ending at i
// modifies: in "others who want to ban the practice said" the speaker is
// "others", not the clause's object. A relative pronoun right before i
// makes i's phrase the clause's subject, and the cue the clause's verb
// ("the man who Trump said was …"), unless the phrase ends in the
// clause's own verb ("a report that the agency released said").
func relativeHead(toks []token, i, j, depth int) (int, int, bool) {
	if depth >= maxNPDepth {
		return 0, 0, false
	}
	for r := i - 1; r > 0 && i-r <= maxRelativeClause; r-- {
		t := toks[r]
		if t.kind != tokWord && !strings.HasPrefix(t.text, "'") && !strings.HasPrefix(t.text, "’") {
			return 0, 0, false // a contraction's "'ve" goes on
		}
		if t.low == "that" && complementVerb(toks, r-1) {
			continue // "judges who ruled that Texas and North Carolina could not …"
		}
		if (t.low == "who" || t.low == "that") && !t.upper {
			if r == i-1 && !(j-i >= 2 && participle(toks[j-1])) || !antecedent(toks, r-1, t.low == "that") {
				return 0, 0, false
			}
			if w := toks[r-1].low; w == "others" || w == "those" {
				return r - 1, r, true
			}
			hi, hj, ok := backNPAt(toks, r, depth+1)
			return hi, hj, ok && hj == r
		}
		if contactSubject(t) && toks[r-1].in(speakerNouns) {
			// "Several people I've spoken with over the last couple of
			// weeks said": a relative clause without its pronoun.
			hi, hj, ok := backNPAt(toks, r, depth+1)
			return hi, hj, ok && hj == r
		}
		if t.in(npBoundary) && t.low != "and" && t.low != "or" {
			return 0, 0, false
		}
	}
	return 0, 0, false
}

// complementVerb reports a verb at k that a "that" clause may follow
// inside a relative clause ("who ruled that …", "who said that …"), not
// a noun ("A report that the agency released").
func complementVerb(toks []token, k int) bool {
	t := toks[k]
	return !t.upper && (t.in(cues) || t.in(stanceCues) || verbForm(t.low) == 'd') && !nounUse(toks, k)
}

// contactSubject reports a subject pronoun, contracted or not ("I've"),
// that can open a relative clause without "who" or "that".
func contactSubject(t token) bool {
	w := t.low
	for _, suf := range []string{"'ve", "’ve", "'d", "’d"} {
		w = strings.TrimSuffix(w, suf)
	}
	return subjectPronouns.has(w)
}

// antecedent reports a word at k that can end the phrase a relative
// pronoun modifies. After a name, a pronoun, a preposition or a verb of
// speaking "that" opens a clause ("telling Laura Ingraham that Rubio had
// …", "before that became …"); a cue word after a determiner is a noun
// ("A report that the agency released").
func antecedent(toks []token, k int, that bool) bool {
	p := toks[k]
	verb := (p.in(cues) || p.in(stanceCues)) && !(k > 0 && toks[k-1].in(determiners))
	if p.kind != tokWord || verb || p.in(prepositions) || p.in(npBoundary) || p.in(subordinators) {
		return false
	}
	_, pron := pronouns[p.low]
	return !that || !p.upper && !pron && !p.in(complementNouns)
}

// complementNouns take a "that" clause saying what they hold ("the idea
// that the former reality TV star is …"), which is no relative clause.
var complementNouns = toSet(`idea notion fact claim claims belief hope fear fears view suggestion
possibility news argument assertion concern concerns sense evidence likelihood chance assumption
allegation allegations charge charges impression perception theory thought warning message word`)

// maxRelativeClause bounds the relative clause relativeHead reads across.
const maxRelativeClause = 12

// floatingQuantifier reports a "both" or "all" at k that follows its
// subject ("Bolton and Gorka both praised", "they all said").
func floatingQuantifier(toks []token, k int) bool {
	w := toks[k].low
	return (w == "both" || w == "all") && k > 0 && toks[k-1].kind == tokWord && !toks[k-1].in(npBoundary) && !toks[k-1].in(prepositions)
}

// twoWordAside reports a parenthetical of two words: "for instance", "for
// example", "in fact", "of course", "in turn".
func twoWordAside(a, b token) bool {
	switch a.low + " " + b.low {
	case "for instance", "for example", "in fact", "of course", "in turn", "in particular", "at least":
		return true
	}
	return false
}

// nounUse reports a cue word at k that a determiner or possessive, with
// perhaps one modifier between, makes a noun ("A news report published
// Wednesday said").
func nounUse(toks []token, k int) bool {
	if k > 0 && (toks[k-1].kind == tokPoss || toks[k-1].in(determiners)) {
		return true
	}
	return k > 1 && toks[k-2].in(determiners) && toks[k-1].kind == tokWord && !toks[k-1].in(auxiliaries) && !toks[k-1].in(npBoundary)
}

// quantifierPronouns stand for part of a group named before: "Of the 40
// voters interviewed, most said …", "some say …, others say …".
var quantifierPronouns = toSet(`some many most several few both all half others`)

// clauseBetween reports words between two commas that make a clause
// rather than an appositive: an auxiliary or modal before any relative
// pronoun or clause link ("the race will be tight", but "a Republican
// who has refused to endorse him", "whose blueprint is expected"), in
// words that do not open with a participle.
func clauseBetween(ts []token) bool {
	if len(ts) > 0 && !ts[0].upper && (strings.HasSuffix(ts[0].low, "ing") || participle(ts[0])) {
		return false // "The decision, concerning how many gallons must be blended, threatens"
	}
	for _, t := range ts {
		if isRelative(t) || t.in(clauseLinks) && !t.upper {
			return false
		}
		if t.in(auxiliaries) || t.in(modals) {
			return true
		}
	}
	return false
}

// clauseLinks open a clause inside a phrase ("concerning how many gallons
// must be blended", "whose blueprint is expected").
var clauseLinks = union(strings.Fields(`whose whom how what why where whether since until`), clauseSubordinators)

// groupBefore reports a group and its "in" between i and the name at n.
func groupBefore(toks []token, i, n int) bool {
	p := n - 1
	if p > i && toks[p].low == "the" {
		p--
	}
	return p > i && groupIn(toks, p)
}

// postnominals are adjectives that follow the noun they describe with
// their own phrase: "people close to the campaign", "officials familiar
// with the talks".
var postnominals = toSet(`close familiar`)

// firstConjunct returns where the phrase before the "and" at a starts
// when it names someone too ("singer Gary Lightbody and drummer Jonny
// Quinn said", "Germany and France said"), else i: capitalised words,
// with a role word or "the" before them, from the sentence's start, a
// comma or an opening conjunction.
func firstConjunct(toks []token, a, i int) int {
	k := a
	for k > 0 && a-k < maxConjunct && toks[k-1].kind == tokWord && toks[k-1].upper && !capitalStop.has(toks[k-1].low) {
		k--
	}
	if k == a {
		return i
	}
	for n := 0; n < 2 && k > 0 && toks[k-1].kind == tokWord && !toks[k-1].upper && (toks[k-1].in(titles) || toks[k-1].in(roleNouns) || toks[k-1].low == "the"); n++ {
		k--
	}
	if k > 0 && toks[k-1].low == "the" {
		k--
	}
	if k == 0 || isPunct(toks[k-1], ",") || opensSentence(toks[k-1]) && toks[k-1].low != "for" {
		return k
	}
	return i // "the top Catholic in England and Wales backed": no subject
}

// maxConjunct bounds the name firstConjunct reads before an "and".
const maxConjunct = 5

// fwdNP returns the speaker phrase right after an inverted cue ("said
// Putin", "said the spokesman").
func fwdNP(toks []token, c int) (int, int, bool) {
	i := c + 1
	j := i
	for j < len(toks) && j-i < maxNP {
		t := toks[j]
		if t.kind == tokPunct && t.text != "(" && t.text != ")" {
			break
		}
		if t.kind == tokWord && !t.upper && (t.in(npBoundary) || (t.in(prepositions) && lower(t) != "of" && lower(t) != "for" && !toks[j-1].in(postnominals))) {
			break // but "said a source close to the campaign"
		}
		j++
	}
	for j > i+1 && !toks[j-1].upper && toks[j-1].in(fillerWords) {
		j-- // "said Williams afterwards"
	}
	// "said of Trump’s campaign" names what was spoken about; "tweeted
	// Sunday" when.
	if j == i || toks[i].in(prepositions) || calendarWords.has(strings.TrimSuffix(lower(toks[i]), ".")) || !validNP(toks[i:j]) {
		return 0, 0, false
	}
	// "said Stephen Vladeck of the University of Texas": the person,
	// not the institution.
	for k := i + 2; k < j; k++ {
		if w := lower(toks[k]); (w == "of" || w == "for") && !toks[k].upper && pureName(toks[i:k]) {
			j = k
			break
		}
	}
	// Inversion needs a name or a definite description: "said the
	// spokesman" yes, "said nothing" no.
	if !hasName(toks[i:j]) && !toks[i].in(determiners) {
		return 0, 0, false
	}
	return i, j, true
}

// prepositions end a speaker phrase.
var prepositions = toSet(`in on at to from with by of for about during after before into over under
since through without within against among between near across toward towards upon via amid
alongside`)

// hasName reports whether ts holds a capitalised word that is not a
// sentence-initial function word.
func hasName(ts []token) bool {
	for _, t := range ts {
		if t.kind == tokWord && t.upper && !t.in(capitalStop) && !t.in(calendarWords) {
			return true
		}
	}
	return false
}

// validNP reports whether ts can be a speaker: a name, a pronoun, or a
// description headed by a speaker noun.
func validNP(ts []token) bool {
	if len(ts) == 0 {
		return false
	}
	if len(ts) == 1 && ts[0].kind == tokWord {
		if _, ok := pronouns[lower(ts[0])]; ok || ts[0].in(quantifierPronouns) {
			return true // "he", "most", "others"
		}
	}
	if hasName(ts) {
		return true
	}
	for _, t := range ts {
		if t.kind == tokNum { // "61 percent said"
			return true
		}
	}
	head := ts[len(ts)-1]
	if head.kind != tokWord {
		return false
	}
	if head.in(speakerNouns) {
		return true
	}
	// "the airline", "a new poll": a short description headed by a noun,
	// with no verb inside ("the program is hardly formal" is a clause).
	if len(ts) < 2 || len(ts) > 5 || !ts[0].in(determiners) || head.in(clauseOpeners) || head.in(prepositions) {
		return false
	}
	for _, t := range ts[1:] {
		if t.in(fillerWords) || t.in(npBoundary) || t.kind == tokPunct {
			return false
		}
	}
	return true
}

// isPlaceName reports a name the gazetteer knows as a place ("Columbus,
// Ohio" is where, not who).
func isPlaceName(ts []token) bool {
	_, ok := countries[strings.ToLower(joinTokens(ts))]
	if ok {
		return true
	}
	for _, t := range ts {
		if t.in(placeWords) || t.in(usStates) {
			return true
		}
	}
	return false
}

// speakerName turns a speaker phrase into the canonical speaker: a name
// resolved to the article's fullest form, a pronoun or role resolved to
// the entity it refers to, or else the description itself.
func (d *doc) speakerName(si, i, j int) string {
	if sp := d.documentIssuer(si, i, j); sp != "" {
		return sp
	}
	toks := d.toks[si]
	for j-i >= 2 && reducedRelative(toks, j-1) {
		j-- // "a Marquette Law School poll released Wednesday showed …"
	}
	ts := toks[i:j]
	if a := d.jointAt(si, i, j); a > 0 {
		// "singer Gary Lightbody and drummer Jonny Quinn said": both.
		return d.speakerName(si, i, a) + " and " + d.speakerName(si, a+1, j)
	}
	if len(ts) == 1 && ts[0].in(quantifierPronouns) {
		if m := slices.IndexFunc(toks[:i], func(t token) bool { return isPunct(t, ",") }); m > 1 && toks[0].low == "of" {
			// "Of the 40 voters interviewed, most said …"
			return ts[0].low + " of " + d.text[toks[1].start:toks[m-1].end]
		}
	}
	if len(ts) == 1 {
		if kind, ok := pronouns[lower(ts[0])]; ok {
			if kind == entPerson {
				if p := d.lastPerson(si, ts[0].start, pronounGender(lower(ts[0]))); p != "" {
					return p
				}
			}
			if kind == entOrg {
				if g := d.lastGroupFor(si, lower(ts[0])); g != "" {
					return g
				}
			}
			return ts[0].text
		}
	}
	if len(ts) >= 2 && lower(ts[0]) == "the" && allUpper(ts[1:]) && singularDemonym(ts[len(ts)-1].low) {
		// "said the Russian": the person introduced as "Russian Marat
		// Safin", or else the one just named ("Nadal … said the
		// Spaniard").
		if full, ok := d.names.byRole[ts[len(ts)-1].low]; ok {
			return full
		}
		if p := d.lastPerson(si, ts[0].start, anyGender); p != "" {
			return p
		}
	}
	head0 := ts[len(ts)-1]
	if len(ts) >= 2 && lower(ts[0]) == "the" && head0.kind == tokWord && !head0.upper && head0.in(roleNouns) {
		role := strings.ToLower(strings.TrimSpace(d.text[ts[1].start:head0.end]))
		if full, ok := d.names.byRole[role]; ok {
			return full // "the Russian president" → "Vladimir Putin"
		}
	}
	// A name that heads the phrase ("Vladimir Putin", "Yonhap News
	// Agency"): the canonical form of the last entity ending at the head.
	var best *entity
	for k := range d.ents[si] {
		e := &d.ents[si][k]
		if e.tok >= i && e.tokEnd <= j || e.tok < i && e.tokEnd == j {
			best = e // a name the phrase cut at its "and" is whole: "Securities and Exchange Commission"
		}
		if w := toks[min(e.tokEnd, j-1)].low; e.tok >= i && e.tokEnd < j && e.kind == entPerson && (w == "of" || w == "from" || w == "at") {
			return e.canon // "Nicolas Sarkozy of France", "Kirsten Pfeifer from the CEA": the person
		}
	}
	head := ts[len(ts)-1]
	if best != nil && best.tokEnd == j && best.tok > i && toks[best.tok-1].kind == tokPoss && d.isTitle(si) && isTitleCase(d.text[d.sents[si].start:d.sents[si].end]) {
		// "Trump's Son Says …": a title-cased relation, not a name.
		return strings.TrimSpace(d.text[ts[0].start:head.end])
	}
	if best != nil && best.tokEnd == j && groupBefore(toks, i, best.tok) {
		return strings.TrimSpace(d.text[ts[0].start:head.end]) // "Democrats in the Senate", "officials in Kyiv"
	}
	if best != nil && best.tokEnd == j {
		if p := proxyBefore(toks, i, best.tok); p >= 0 {
			// "a spokesman for Mr Prescott": the proxy speaks, for the
			// person or body named in full.
			return d.text[ts[0].start:toks[p].end] + " " + best.canon
		}
		if best.kind == entPlace {
			// "Pyongyang", "the Kremlin": the name as written, not the
			// country it stands for.
			return best.name
		}
		return best.canon // "Delta" → "Delta Airlines"
	}
	if p := j - 3; best == nil && p-1 >= i && toks[j-2].low == "the" && head.in(orgRoles) && (toks[p].low == "for" || toks[p].low == "of") && toks[p-1].in(proxies) {
		if o := d.lastOrg(si, toks[j-2].start, head.low); o != "" {
			return d.text[ts[0].start:toks[p].end] + " " + o // "a spokesman for the club"
		}
	}
	desc := strings.TrimSpace(d.text[ts[0].start:head.end])
	// "the Russian president", "the Tottenham striker", "the Easyjet
	// founder": a name may modify the description.
	modified := best != nil && best.tokEnd < j && (singularDemonym(best.low) || personDescription(head))
	if (best == nil || modified) && len(ts) >= 2 && lower(ts[0]) == "the" && (head.in(roleNouns) || personDescription(head) || head.in(orgRoles)) {
		role := strings.ToLower(strings.TrimSpace(d.text[ts[1].start:head.end]))
		if full, ok := d.names.byRole[role]; ok {
			return full
		}
		g := roleGender(head.low)
		if head.in(personRoles) || personDescription(head) {
			if p := d.lastSpeakerPerson(si, g); p != "" {
				return p
			}
			if full, ok := d.names.byRole[lower(head)]; ok {
				return full
			}
		}
		if personDescription(head) {
			if p := d.lastPerson(si, ts[0].start, g); p != "" && (best == nil || p != best.canon) {
				return p // "the Black Sabbath singer" is not Black Sabbath
			}
		}
		if j-i == 2 && head.in(orgRoles) {
			if o := d.lastOrg(si, ts[0].start, head.low); o != "" {
				return o // "…, the company said" → "Nintendo"
			}
		}
	}
	if len(ts) >= 2 && (lower(ts[0]) == "the") {
		desc = strings.TrimSpace(d.text[ts[1].start:head.end])
	}
	return desc
}

// reducedRelative reports a past participle at k that modifies the common
// noun before it ("the poll released"). After a pronoun, a determiner or
// a name it is the verb of a clause ("Everyone I interviewed", "those
// surveyed", "the reports Mr. Schoen filed").
func reducedRelative(toks []token, k int) bool {
	t, p := toks[k], toks[k-1]
	if t.kind != tokWord || t.upper || !participle(t) {
		return false
	}
	_, pron := pronouns[p.low]
	return p.kind == tokWord && !p.upper && !pron && !p.in(determiners) && !p.in(auxiliaries) && !p.in(beForms)
}

// participle reports a past participle, leaving out the nouns in -ed
// ("seed", "speed", "hundred", "bed").
func participle(t token) bool {
	w := t.low
	return t.in(irregularParticiples) || len(w) > 4 && strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "eed") && w != "hundred"
}

// jointAt returns the index of an "and" that joins two names in the
// speaker phrase [i, j) of sentence si, or 0: a name on either side and
// none across it ("Securities and Exchange Commission" is one).
func (d *doc) jointAt(si, i, j int) int {
	toks := d.toks[si]
	for a := i + 1; a < j-1; a++ {
		if toks[a].low != "and" {
			continue
		}
		left, right := false, false
		for k := range d.ents[si] {
			e := &d.ents[si][k]
			switch {
			case e.tok < a && e.tokEnd > a:
				return 0
			case e.tok >= i && e.tokEnd <= a:
				// "Economy and Labour Minister Wolfgang Clement": a lone
				// word may be half of a brief, not a name of its own.
				left = left || e.tokEnd-e.tok > 1 || e.kind == entOrg || e.kind == entPlace || d.persons[e.canon] >= confirmed
			case e.tok > a && e.tokEnd <= j:
				right = true
			}
		}
		if left && right {
			return a
		}
	}
	return 0
}

// personRoles are role nouns that stand for one person.
var personRoles = toSet(`president minister secretary chancellor premier leader spokesman
spokeswoman spokesperson director chief governor mayor senator ambassador general commander
nominee candidate king queen pope chairman judge envoy`)

// personDescription reports a head noun that describes a person the
// article has named, and has no title of its own to be introduced with:
// "the 30-year-old", "the world champion".
func personDescription(head token) bool {
	return strings.HasSuffix(head.low, "-year-old") || head.in(personDescriptions)
}

var personDescriptions = toSet(`champion titleholder veteran newcomer teenager rookie runner-up
finalist holder striker midfielder defender goalkeeper keeper winger international skipper
singer actor actress rapper presenter star founder co-founder agent captain forward musician
comedian novelist`)

// allUpper reports whether every token of ts is a capitalised word.
func allUpper(ts []token) bool {
	for _, t := range ts {
		if t.kind != tokWord || !t.upper {
			return false
		}
	}
	return true
}

// roleGender is the gender a role noun tells ("the actress").
func roleGender(low string) gender {
	switch low {
	case "actress", "spokeswoman", "chairwoman", "queen":
		return female
	case "actor", "spokesman", "chairman", "king":
		return male
	}
	return anyGender
}

// singularDemonym reports "American", "Russian": a nationality that can
// stand for one person (not "Russians", not "Russia").
func singularDemonym(low string) bool {
	c, ok := countries[low]
	return ok && !strings.EqualFold(c, low) && !strings.HasSuffix(low, "s")
}

// lastPerson returns the canonical name of the person a pronoun at pos in
// sentence si refers to: the speaker of the previous or current sentence
// if it was a person of gender g, else the last such person named before
// pos.
func (d *doc) lastPerson(si, pos int, g gender) string {
	if p := d.lastSpeakerPerson(si, g); p != "" {
		return p
	}
	subjects := true
	for s := si; s >= 0 && si-s <= 20; s-- {
		// A sentence before the pronoun's offers its subject first
		// ("Gatland also singled out Tom Rees and John Hart. “…,” he
		// added."), until one whose subject is a description ("the
		// chancellor") the pronoun may stand for instead.
		subj := ""
		if s < si && subjects {
			subj = d.subjectPerson(s)
			if subj == "" && d.pronounSubject(s, g) {
				// "Duff explained …. He opted to bring Steve Finnan's
				// cross down …. “…,” said the Chelsea star": the
				// sentence's subject is the one before's.
				continue
			}
			subjects = subj != "" || !d.describedSubject(s)
		}
		if subj != "" && g.fits(subj) {
			return subj // "Matchwinner Keane was full of praise …"
		}
		// Within a sentence, a name the article confirms as a person's
		// comes before one that only looks like a name ("Hingis has
		// entered the Volvo Women's Open. She said …").
		for _, need := range [2]personEvidence{confirmed, byForm} {
			ents := d.ents[s]
			for k := len(ents) - 1; k >= 0; k-- {
				// A name inside a quotation is the quoted speaker's word
				// ("“The First Lady had …” He went on"): the narration's
				// pronouns stand for people it names itself.
				if e := &ents[k]; e.kind == entPerson && d.persons[e.canon] >= need && (s < si || e.start < pos) && g.fits(e.canon) && !d.insideQuote(e.start) && !modifierName(d.toks[s], e) {
					return e.canon
				}
			}
		}
	}
	return ""
}

// proxyBefore returns the index of the "for" or "of" that joins a proxy
// ("a spokesman for", "lawyers of") to the name at token e, or of the
// preposition after a postnominal ("people close to"), past the name's
// titles, or -1; i is where the speaker phrase starts.
func proxyBefore(toks []token, i, e int) int {
	k := e - 1
	for k > i && (toks[k].in(titles) || toks[k].in(honorifics) || toks[k].low == "the") {
		k--
	}
	if k > i && (toks[k].low == "for" || toks[k].low == "of") && toks[k-1].in(proxies) {
		return k
	}
	if k > i && (toks[k].low == "to" || toks[k].low == "with") && toks[k-1].in(postnominals) {
		return k // "people close to Clinton"
	}
	return -1
}

// proxies speak for someone else: "a spokesman for X" is not X.
var proxies = toSet(`spokesman spokeswoman spokesperson spokesmen aide aides adviser advisers advisor
lawyer lawyers attorney attorneys representative representatives friend friends ally allies`)

// modifierName reports a name used to describe a thing ("an Alan
// Shearer strike", "a Trump rally"): an article before it and a noun
// after it; nobody a pronoun stands for.
func modifierName(toks []token, e *entity) bool {
	if e.tok == 0 || e.tokEnd >= len(toks) {
		return false
	}
	switch toks[e.tok-1].low {
	case "a", "an":
	default:
		return false
	}
	n := toks[e.tokEnd]
	return n.kind == tokWord && !n.upper && !n.in(npBoundary) && !n.in(prepositions) && !n.in(auxiliaries)
}

// orgRoles stand for an organisation the article has named: "the
// company said".
var orgRoles = toSet(`company firm group agency organisation organization carrier retailer
bank broadcaster network publisher manufacturer airline club team committee council federation
association union magazine newspaper paper website ministry department commission office
carmaker automaker maker giant insurer lender chain operator supermarket brewer producer site
watchdog regulator charity`)

// appositiveRole reports an appositive at k that describes the name
// before it with role: ", Europe's largest mutual life insurer,".
func appositiveRole(toks []token, k int, role string) bool {
	if k >= len(toks) || !isPunct(toks[k], ",") {
		return false
	}
	for j := k + 1; j < len(toks) && j <= k+maxAppositiveRole; j++ {
		if toks[j].kind == tokPunct {
			return isPunct(toks[j], ",") && toks[j-1].low == role
		}
	}
	return false
}

// maxAppositiveRole bounds the appositive appositiveRole reads.
const maxAppositiveRole = 8

// otherKind reports an organisation whose name says it is another kind
// than role: "the company" is not the Justice Department.
func otherKind(e *entity, role string) bool {
	last := e.canon[strings.LastIndexByte(e.canon, ' ')+1:]
	if strings.EqualFold(last, role) || len(last) > 32 {
		return false
	}
	var buf [32]byte
	return orgRoles.has(string(appendLower(buf[:0], last)))
}

// hasWordFold reports whether w is one of the words of s, ignoring case.
func hasWordFold(s, w string) bool {
	for f := range strings.FieldsSeq(s) {
		if strings.EqualFold(f, w) {
			return true
		}
	}
	return false
}

// finiteVerb reports a word that reads as the verb after a subject: an
// auxiliary, a cue or a past tense ("Nintendo said", "Google has",
// "Sony announced"), not the noun after an adjective ("Annual bonus
// rates").
func finiteVerb(t token) bool {
	return t.kind == tokWord && !t.upper && (t.in(auxiliaries) || t.in(cues) || strings.HasSuffix(t.low, "ed"))
}

// bodyRoles are the orgRoles of public bodies: "the ministry" is one the
// article named with that word or none.
var bodyRoles = toSet(`ministry department commission office`)

// maxOrgReach is how many sentences back "the company" looks for the
// organisation it stands for; maxIntroReach how far back for the one
// introduced as "the firm X".
const (
	maxOrgReach   = 3
	maxIntroReach = 30
)

// lastOrg returns the organisation "the company" (role) at pos in
// sentence si stands for, outside quotations: the one the article
// introduced with that word ("US magazine Mobile PC", "anti-virus firm
// Sophos"), else the first one its own sentence names before it, whose
// statement it closes ("Nintendo's new console, the DS, will launch …,
// the company said"), or else the last one of the sentences just before.
func (d *doc) lastOrg(si, pos int, role string) string {
	for s := si; s >= 0 && si-s <= maxIntroReach; s-- {
		for k := len(d.ents[s]) - 1; k >= 0; k-- {
			e := &d.ents[s][k]
			if (s < si || e.start < pos) && (e.tok > 0 && d.toks[s][e.tok-1].low == role || appositiveRole(d.toks[s], e.tokEnd, role)) && !d.insideQuote(e.start) {
				return e.canon // "US magazine Mobile PC", "Standard Life, Europe's largest insurer,"
			}
		}
	}
	for s := si; s >= 0 && si-s <= maxIntroReach; s-- {
		for k := len(d.ents[s]) - 1; k >= 0; k-- {
			e := &d.ents[s][k]
			if (s < si || e.start < pos) && e.kind != entPerson && hasWordFold(e.canon, role) && !d.insideQuote(e.start) {
				return e.canon // "the ministry": the Defence Ministry
			}
		}
	}
	if bodyRoles.has(role) {
		return "" // a public body is not whichever organisation came last
	}
	for _, e := range d.ents[si] {
		if e.start >= pos {
			break
		}
		if d.orgMention(si, &e) && !otherKind(&e, role) {
			return e.canon
		}
	}
	for s := si - 1; s >= 0 && si-s <= maxOrgReach; s-- {
		for k := len(d.ents[s]) - 1; k >= 0; k-- {
			if e := &d.ents[s][k]; d.orgMention(s, e) && !otherKind(e, role) {
				return e.canon
			}
		}
	}
	return d.topicOrg()
}

// topicOrg returns the organisation the article is about, for "the
// company" when no sentence near it names one: the name that is no
// confirmed person's, no place's, and is mentioned most often outside
// quotations (twice at least), the first to reach that count; a
// one-word name counts where it reads as an organisation's.
func (d *doc) topicOrg() string {
	if d.topic != nil {
		return *d.topic
	}
	counts := map[string]int{}
	best, bestN := "", 1
	for s := range d.ents {
		for k := range d.ents[s] {
			e := &d.ents[s][k]
			several := e.tokEnd-e.tok > 1 && e.kind != entPlace && d.persons[e.canon] < confirmed && !d.insideQuote(e.start)
			if len(e.canon) < 2 || !several && !d.orgMention(s, e) {
				continue // a one-word name must read as an organisation's
			}
			counts[e.canon]++
			if n := counts[e.canon]; n > bestN {
				best, bestN = e.canon, n
			}
		}
	}
	d.topic = &best
	return best
}

// orgMention reports whether entity e of sentence si, outside quotations
// and headings, may be the organisation "the company" stands for.
func (d *doc) orgMention(si int, e *entity) bool {
	if d.insideQuote(e.start) || d.headline[d.sents[si].para] {
		return false
	}
	if e.kind == entOrg {
		return true
	}
	// A one-word name no gazetteer knows may be an organisation
	// ("Nintendo", "Forbes"), unless it is a person's, a given name, a
	// state's, where something happens ("in Orlando") or a capitalised
	// word opening its sentence that is no subject or owner ("Almost
	// 650 courses"), or a plural that may be a common noun ("Gadgets
	// needed").
	if e.kind != entUnknown || e.tokEnd-e.tok != 1 || d.persons[e.canon] > 0 || firstNames.has(e.low) || usStates.has(e.low) {
		return false
	}
	toks := d.toks[si]
	if e.tok > 0 {
		p := toks[e.tok-1].low
		return p != "in" && p != "at"
	}
	return e.tokEnd < len(toks) && (toks[e.tokEnd].kind == tokPoss || finiteVerb(toks[e.tokEnd]) && !strings.HasSuffix(e.low, "s"))
}

// lastSpeakerPerson is the person of gender g who spoke in sentence si or
// the one before, if any.
func (d *doc) lastSpeakerPerson(si int, g gender) string {
	if d.lastSpeaker != "" && si-d.lastSpeakerSent <= 1 && g.fits(d.lastSpeaker) {
		if h := describedPerson(d.lastSpeaker); h != "" && g != anyGender && roleGender(h) != anyGender && roleGender(h) != g {
			return "" // "A spokeswoman said …. He added …"
		}
		return d.lastSpeaker
	}
	return ""
}

// subjectPerson returns the person named at the start of sentence si,
// past an opening conjunction or adverb ("But", "However,"), or "".
func (d *doc) subjectPerson(si int) string {
	ents := d.ents[si]
	if len(ents) == 0 {
		return ""
	}
	e := &ents[0]
	toks := d.toks[si]
	k := subjectStart(toks)
	if k < e.tok && toks[k].low == "the" {
		k++ // "The Planning Minister didn't rule out …"
	}
	for k < e.tok && (titles.has(toks[k].low) || honorifics.has(toks[k].low)) {
		k++ // "Mr Blair has probably been closer to President Bush …"
	}
	if e.kind != entPerson || d.insideQuote(e.start) || k != e.tok {
		return ""
	}
	return e.canon
}

// pronounSubject reports a sentence whose subject is a personal pronoun
// of gender g.
func (d *doc) pronounSubject(si int, g gender) bool {
	toks := d.toks[si]
	k := subjectStart(toks)
	if k >= len(toks) {
		return false
	}
	kind, ok := pronouns[toks[k].low]
	return ok && kind == entPerson && (g == anyGender || pronounGender(toks[k].low) == g)
}

// describedSubject reports a sentence that opens with a description of
// a person ("Meanwhile, the chancellor is leaving …").
func (d *doc) describedSubject(si int) bool {
	toks := d.toks[si]
	k := subjectStart(toks)
	if k >= len(toks) || toks[k].low != "the" {
		return false
	}
	for j := k + 1; j < len(toks) && j <= k+3; j++ {
		if t := toks[j]; t.kind == tokWord && (roleNouns.has(t.low) || personDescription(t)) {
			return true
		}
	}
	return false
}

// opensSentence reports a conjunction or sentence adverb that may come
// before a sentence's subject.
func opensSentence(t token) bool {
	return t.kind == tokWord && (t.in(asides) || sentenceOpeners.has(t.low))
}

// subjectStart is where a sentence's subject begins: past an opening
// conjunction or sentence adverb and its comma, not past a subordinator
// ("But before Campbell scored, …" has no subject Campbell).
func subjectStart(toks []token) int {
	k := 0
	for k < len(toks) && (isPunct(toks[k], ",") || opensSentence(toks[k])) {
		k++
	}
	return k
}

// describedPerson returns the head of a speaker that describes one
// person without naming them ("A Labour spokesman", "a spokesman for
// the Association of …"), or "".
func describedPerson(name string) string {
	first, last := firstLast(name)
	if !strings.EqualFold(first, "a") && !strings.EqualFold(first, "an") {
		return ""
	}
	head := last
	if i := strings.Index(name, " for "); i >= 0 {
		_, head = firstLast(name[:i])
	} else if i := strings.Index(name, " of "); i >= 0 {
		_, head = firstLast(name[:i])
	}
	if len(head) > 32 {
		return ""
	}
	var buf [32]byte
	low := string(appendLower(buf[:0], head))
	if proxies.has(low) || personRoles.has(low) {
		return low
	}
	return ""
}

// gender is what a pronoun says of the person it stands for.
type gender uint8

const (
	anyGender gender = iota
	male
	female
)

func pronounGender(w string) gender {
	switch w {
	case "he", "him":
		return male
	case "she", "her":
		return female
	}
	return anyGender
}

// fits reports whether a person's name can be of gender g: a given name
// the gazetteer knows as a man's or a woman's rules out the other.
func (g gender) fits(name string) bool {
	if g == anyGender {
		return true
	}
	first, _, _ := strings.Cut(name, " ")
	var buf [32]byte
	low := string(appendLower(buf[:0], first))
	if womensTitles.has(low) || len(name) > 5 && strings.EqualFold(name[len(name)-5:], " lady") {
		return g == female // "Mrs. Clinton", "First Lady"
	}
	if !firstNames.has(low) || unisexNames.has(low) {
		return true
	}
	return femaleNames.has(low) == (g == female)
}

// womensTitles open the name of a woman.
var womensTitles = toSet(`mrs mrs. ms ms. miss lady queen princess duchess madam dame`)

// noteSpeaker records a resolved speaker for pronoun resolution.
func (d *doc) noteSpeaker(si int, name string) {
	if name == "" {
		return
	}
	if _, last := firstLast(name); d.spokeThroughDocument(si) && !documentNouns.has(strings.ToLower(last)) {
		d.issuer, d.issuerSent = name, si // "the club said in its statement"
	}
	if d.isPerson(name) || describedPerson(name) != "" {
		// "A spokesman for X said …. “…,” he said": the spokesman,
		// though unnamed, is who "he" stands for next.
		d.lastSpeaker = name
		d.lastSpeakerSent = si
	}
	if d.persons[name] == 0 && groupSpeaker(name) {
		// A single word no evidence makes a person's may be a body:
		// "T-Mobile said …; it announced …".
		d.lastGroup, d.lastGroupSent = name, si
	}
}

// groupSpeaker reports a speaker "they" or "it" can stand for: a name
// ("AOL", "Police") or a plain plural ("tobacco companies"), not a
// pronoun left unresolved nor a description ("The article in the
// magazine", "leaflet published jointly").
func groupSpeaker(name string) bool {
	first, _ := firstLast(name)
	if len(first) > 32 {
		return false
	}
	var buf [32]byte
	low := appendLower(buf[:0], first)
	if _, pro := pronouns[string(low)]; pro || determiners.has(string(low)) || prepositions.has(string(low)) {
		return false
	}
	if isUpperStart(name) {
		return true
	}
	return strings.Count(name, " ") < 3 && strings.HasSuffix(name, "s")
}

// lastGroupFor returns the body or group the pronoun p (it, they) in
// sentence si stands for: the last speaker that was no person, in this
// sentence or the one before. "It" is no plural ("officials").
func (d *doc) lastGroupFor(si int, p string) string {
	g := d.lastGroup
	if g == "" || si-d.lastGroupSent > 1 {
		return ""
	}
	if p == "it" && !isUpperStart(g) && strings.HasSuffix(g, "s") {
		return ""
	}
	return g
}

// isPerson reports whether a speaker is a person: a name the article
// uses for a person, or a single unclassified name that speaks ("Austin
// said") — places and organisations are known from the gazetteers.
func (d *doc) isPerson(name string) bool {
	if d.persons[name] > 0 {
		return true
	}
	if strings.Contains(name, " ") || !isUpperStart(name) || isAcronym(name) {
		return false
	}
	low := strings.ToLower(name)
	_, place := countries[low]
	// "Democratic", "Calif": a party's adjective or a state's name
	// alone is nobody.
	return !place && !orgWords.has(low) && !placeWords.has(low) && !usStates.has(low) && !genericNameStarts.has(low)
}

// pureName reports a phrase made only of capitalised words (and name
// joiners): "Ruben Brekelmans", "Kim Yong-kil".
func pureName(ts []token) bool {
	if len(ts) == 0 || ts[0].in(capitalStop) {
		return false
	}
	for _, t := range ts {
		if t.kind == tokWord && (t.upper || nameJoiners.has(t.text)) || t.kind == tokPunct && t.text == "." {
			continue
		}
		return false
	}
	return true
}

// affiliatedName reports a name with its organisation: "Kirsten Pfeifer
// from the Consumer Electronics Association", "Jane Doe of Acme".
func affiliatedName(ts []token) bool {
	for p := 2; p+1 < len(ts); p++ {
		if w := ts[p].low; w != "from" && w != "of" && w != "at" {
			continue
		}
		if !pureName(ts[:p]) {
			return false
		}
		rest := ts[p+1:]
		if rest[0].low == "the" {
			rest = rest[1:]
		}
		return pureName(rest)
	}
	return false
}

// nameBeforeAppositives looks back from the comma at p over at most two
// more comma-separated segments for a pure name that opens the sentence or
// follows a comma: the subject a chain of appositives describes.
func nameBeforeAppositives(toks []token, p int) (int, int, bool) {
	end := p
	for seg := 0; seg < 3 && end > 0; seg++ {
		start := end - 1
		for start >= 0 && end-start <= maxAppositive && !isPunct(toks[start], ",") {
			start--
		}
		i := start + 1
		if i < end && pureName(toks[i:end]) && !isPlaceName(toks[i:end]) && (start < 0 || end-i >= 2) {
			return i, end, true
		}
		if start < 0 || !isPunct(toks[start], ",") {
			return 0, 0, false
		}
		end = start
	}
	return 0, 0, false
}

// relativeBefore reports a "who" or "which" within maxRelative tokens
// before token p.
func relativeBefore(toks []token, p int) bool {
	for k := p - 1; k >= 0 && p-k <= maxRelative; k-- {
		if isRelative(toks[k]) {
			return true
		}
	}
	return false
}

// maxRelative bounds how far back a relative clause's pronoun is sought.
const maxRelative = 30

// appositivePunct is punctuation an appositive may hold: parentheses,
// quotation marks around a title (the co-author of “Going Viral”), an
// ampersand or a hyphen in a firm's name, an abbreviation's dot.
func appositivePunct(t token) bool {
	switch t.text {
	case "(", ")", "“", "”", "\"", "&", "-", ".", "’", "'":
		return true
	}
	return false
}

// modals make the verb after them an obligation or a possibility, not an
// act: "Israel must acknowledge …", "Americans should worry …".
var modals = toSet(`must should cannot can ought shall`)

// mannerAdverb reports a lower-case adverb in -ly between a subject and
// its verb ("forcefully", "angrily"), which is not part of the subject.
func mannerAdverb(t token) bool {
	w := lower(t)
	return t.kind == tokWord && !t.upper && len(w) > 4 && strings.HasSuffix(w, "ly") && !lyNouns.has(w)
}

// lyNouns end in -ly without being adverbs.
var lyNouns = toSet(`family ally rally assembly supply reply monopoly anomaly bully belly`)
