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
	if p := d.tokenAt(si, pos) - 1; p >= 2 && isPunct(toks[p], ",") && toks[p-1].kind == tokWord && toks[p-1].in(cues) {
		if i, j, ok := backNP(toks, p-1); ok {
			return d.speakerName(si, i, j)
		}
	}
	// A person followed by a verb-like word is the clause's subject
	// ("…, Trump mocked the qualifications …, saying"), whatever names
	// an opening adjunct holds.
	for _, e := range d.ents[si] {
		if e.start >= pos || d.insideQuote(e.start) {
			break
		}
		if e.tok > 1 && toks[e.tok-1].in(determiners) && toks[e.tok-2].in(prepositions) {
			continue // "In a Fox interview, Trump went further"
		}
		if e.tok > 0 && toks[e.tok-1].in(prepositions) || !(e.kind == entPerson || e.kind == entUnknown && e.tok > 0 && d.isPerson(e.canon)) {
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
		if e.tok > 0 && toks[e.tok-1].in(prepositions) || e.tokEnd < len(toks) && toks[e.tokEnd].kind == tokPoss {
			continue
		}
		if e.kind == entUnknown && e.tok == 0 && (strings.HasSuffix(e.canon, "ing") || e.tokEnd >= len(toks) || toks[e.tokEnd].kind != tokWord || toks[e.tokEnd].in(prepositions)) {
			continue // "Referring to …", "Asked about …": an opening participle, not a name
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
		if e.tok > 0 && toks[e.tok-1].in(prepositions) || d.insideQuote(e.start) {
			continue
		}
		if e.kind == entOrg || e.kind == entPlace {
			return e.canon
		}
	}
	return ""
}

// verbLike reports a lower-case word that can follow a subject as its
// verb: not a preposition, determiner, conjunction or possessive.
func verbLike(t token) bool {
	if t.kind != tokWord || t.upper {
		return false
	}
	return !t.in(prepositions) && !t.in(determiners) && !(t.in(npBoundary) && !t.in(cues)) && !t.in(clauseOpeners)
}
