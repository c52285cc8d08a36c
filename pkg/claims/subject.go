package claims

import "strings"

// subjectOf returns the speaker phrase of a sentence whose cue has no
// phrase of its own ("…, adding, “…”", "but declared, “…”"): the first
// person named before pos, else the first pronoun, else the first other
// name not governed by a preposition.
func (d *doc) subjectOf(si, pos int) string {
	toks := d.toks[si]
	// "…, Lewandowski added, saying …": the participle continues the
	// attribution right before it.
	if p := d.tokenAt(si, pos) - 1; p >= 2 && isPunct(toks[p], ",") && isVerbCue(toks, p-1) {
		if i, j, ok := backNP(toks, p-1); ok {
			return d.speakerName(si, i, j)
		}
	}
	if i, j, ok := describedSubject(toks); ok && toks[j].start < pos {
		// "The New York businessman has praised Putin, saying …": the
		// description is the subject, not a name it holds or one after.
		return d.speakerName(si, i, j)
	}
	dl := datelineEnd(toks)
	// A person followed by a verb-like word is the clause's subject
	// ("…, Trump mocked the qualifications …, saying"), whatever names
	// an opening adjunct holds.
	for _, e := range d.ents[si] {
		if e.start >= pos || d.insideQuote(e.start) {
			break
		}
		if governed(toks, e.tok) || !(e.kind == entPerson || e.kind == entUnknown && e.tok > 0 && d.isPerson(e.canon)) {
			continue
		}
		if e.tokEnd < len(toks) && verbLike(toks[e.tokEnd]) {
			return e.canon
		}
	}
	// The sentence's own subject comes first: the first name that is
	// neither governed by a preposition nor a possessive ("Sanders
	// compared himself to Clinton, saying …"), unless a pronoun precedes
	// it.
	for _, e := range d.ents[si] {
		if e.start >= pos || d.insideQuote(e.start) {
			break
		}
		if e.tok < dl || governed(toks, e.tok) || e.tokEnd < len(toks) && toks[e.tokEnd].kind == tokPoss {
			continue
		}
		if e.kind == entUnknown && e.tok == 0 && (strings.HasSuffix(e.canon, "ing") || e.tokEnd >= len(toks) || toks[e.tokEnd].kind != tokWord || toks[e.tokEnd].in(prepositions)) {
			continue // "Referring to …", "Asked about …": an opening participle, not a name
		}
		if e.tok > 0 && toks[e.tok-1].low == "the" && singularDemonym(e.low) {
			return d.speakerName(si, e.tok-1, e.tokEnd) // "The Argentine had stoked up …": the person just named
		}
		if e.kind == entPlace || e.kind == entOrg && e.tok > 0 {
			break
		}
		for k := 0; k < e.tok; k++ {
			if kind, ok := pronouns[lower(toks[k])]; ok && kind == entPerson {
				return d.speakerName(si, k, k+1)
			}
		}
		if e.kind == entPerson || e.kind == entOrg || e.kind == entUnknown && d.isPerson(e.canon) && !capitalStop.has(strings.ToLower(e.canon)) {
			return e.canon
		}
		break
	}
	for _, e := range d.ents[si] {
		if e.start >= pos {
			break
		}
		if e.kind == entPerson && !d.insideQuote(e.start) {
			return e.canon
		}
	}
	for k, t := range toks {
		if t.start >= pos {
			break
		}
		if kind, ok := pronouns[lower(t)]; ok && kind == entPerson && !d.insideQuote(t.start) {
			return d.speakerName(si, k, k+1)
		}
	}
	for _, e := range d.ents[si] {
		if e.start >= pos {
			break
		}
		if e.tok < dl || governed(toks, e.tok) || d.insideQuote(e.start) {
			continue
		}
		if e.tok > 0 && isPunct(toks[e.tok-1], ",") && usState(toks[e.tok:e.tokEnd]) {
			continue // "in Carson, Calif.": the town's state
		}
		if e.kind == entOrg || e.kind == entPlace {
			return e.canon
		}
	}
	return ""
}

// governed reports a name at token k that a preposition governs, past
// the name's determiner and titles: "In addition to Mr. Regalado, …",
// "after the Group of 20 conference", "In a Fox interview, Trump …".
func governed(toks []token, k int) bool {
	k--
	for k >= 0 && (toks[k].in(titles) || toks[k].in(honorifics) || isPunct(toks[k], ".") || toks[k].in(determiners)) {
		k--
	}
	return k >= 0 && toks[k].in(prepositions)
}

// describedSubject returns the span of a sentence's subject when it is a
// description of a person followed by its verb ("The Florida senator
// sought …", "A New York judge has rejected …", "two Democratic
// speechwriters implored …").
func describedSubject(toks []token) (int, int, bool) {
	i := datelineEnd(toks)
	i += subjectStart(toks[i:])
	if i < len(toks) && toks[i].in(prepositions) {
		// "At his cookout, the band leader called …": past an opening
		// adjunct.
		for k := i + 1; k < len(toks) && k-i <= maxAdjunct; k++ {
			if toks[k].kind != tokWord && toks[k].kind != tokPoss {
				if isPunct(toks[k], ",") {
					i = k + 1
				}
				break
			}
		}
	}
	from := i + 1
	if i < len(toks) && toks[i].upper && !toks[i].in(subjectDeterminers) {
		// "Hillary Clinton’s right-hand woman rallied …": a person's
		// relation, described.
		k := i
		for k < len(toks) && k-i < maxDescription && toks[k].kind == tokWord && toks[k].upper {
			k++
		}
		if k == i || k >= len(toks) || toks[k].kind != tokPoss {
			return 0, 0, false
		}
		from = k + 1
	} else if i >= len(toks) || !toks[i].in(subjectDeterminers) {
		return 0, 0, false
	}
	for j := from; j+1 < len(toks) && j-from < maxDescription; j++ {
		t := toks[j]
		if t.kind != tokWord || t.in(npBoundary) || t.in(prepositions) {
			return 0, 0, false
		}
		if t.upper || !personNoun(t) {
			continue
		}
		if v := toks[j+1]; v.kind == tokWord && !v.upper && (v.in(auxiliaries) || v.in(cues) || v.in(stanceCues) || strings.HasSuffix(v.low, "ed")) {
			return i, j + 1, true
		}
	}
	return 0, 0, false
}

// subjectDeterminers open a description that can be a sentence's subject.
var subjectDeterminers = toSet(`the a an two three four five six several some many`)

// personNoun reports a lower-case noun that describes people: a speaker
// noun, a description, or an agent noun ("speechwriters", "strategist").
func personNoun(t token) bool {
	if t.in(speakerNouns) || personDescription(t) || t.in(personNouns) {
		return true
	}
	w := strings.TrimSuffix(t.low, "s")
	return len(w) > 5 && (strings.HasSuffix(w, "er") || strings.HasSuffix(w, "ist") || strings.HasSuffix(w, "ian")) && !t.in(notPersonNouns)
}

// notPersonNouns end like agent nouns and are not.
var notPersonNouns = toSet(`former latter other another number numbers matter matters letter letters
quarter quarters order orders water border borders paper papers center centers centre power powers`)

// maxDescription bounds the words of a described subject, maxAdjunct
// those of an opening adjunct before it.
const (
	maxDescription = 5
	maxAdjunct     = 20
)

// personNouns describe a person news names by what they are.
var personNouns = toSet(`businessman businesswoman billionaire tycoon mogul magnate congressman
congresswoman congressmen senators candidates frontrunner front-runner hopeful man woman men women
wife husband son daughter brother sister father mother friend friends`)

// datelineEnd returns the index of the first token after a dateline that
// opens a sentence ("PHILADELPHIA —", "CLEVELAND, July 19 (UPI) —"), or
// 0: the place an article was filed from is no one's subject.
func datelineEnd(toks []token) int {
	if len(toks) < 3 || toks[0].kind != tokWord || len(toks[0].text) < 3 || strings.ToUpper(toks[0].text) != toks[0].text {
		return 0
	}
	for k := 1; k < len(toks) && k <= maxDateline; k++ {
		if isDash(toks[k]) {
			return k + 1
		}
	}
	return 0
}

// maxDateline bounds the tokens of a dateline before its dash.
const maxDateline = 10

// verbLike reports a lower-case word that can follow a subject as its
// verb: not a preposition, determiner, conjunction or possessive.
func verbLike(t token) bool {
	if t.kind != tokWord || t.upper {
		return false
	}
	return !t.in(prepositions) && !t.in(determiners) && !(t.in(npBoundary) && !t.in(cues)) && !t.in(clauseOpeners)
}

// clauseSubject returns the subject of the clause that a colon at byte
// pos of sentence si closes: the sentence's subject, or when that is a
// first or second person the writer addresses ("Lordy, do we know how
// tempting that can be! — Cruz called them on it:"), the last person,
// named or a pronoun, followed by a verb.
func (d *doc) clauseSubject(si, pos int) string {
	sp := d.subjectOf(si, pos)
	switch strings.ToLower(sp) {
	case "", "we", "i", "you":
	default:
		return sp
	}
	toks := d.toks[si]
	ents := d.ents[si]
	e := len(ents) - 1
	for k := d.tokenAt(si, pos) - 1; k >= 0; k-- {
		for e >= 0 && ents[e].tok > k {
			e--
		}
		t := toks[k]
		if d.insideQuote(t.start) || k+1 >= len(toks) || !verbLike(toks[k+1]) || k > 0 && (toks[k-1].in(prepositions) || toks[k-1].in(determiners)) {
			continue
		}
		if kind, ok := pronouns[lower(t)]; ok && kind == entPerson && lower(t) != "we" && lower(t) != "i" && lower(t) != "you" {
			return d.speakerName(si, k, k+1)
		}
		if e >= 0 && ents[e].tokEnd == k+1 {
			en := ents[e]
			if en.kind == entPerson || en.kind == entUnknown && d.isPerson(en.canon) {
				return en.canon
			}
		}
	}
	return sp
}
