package claims

// governing words before a name that make it a destination, location or
// source rather than the subject of a figure ("sent troops to Russia").
var notSubjectBefore = toSet(`to in into inside near toward towards at from of by with according
across within through via on`)

// figureSubject finds what a figure is about when no nationality sits
// next to its unit: the last place or organisation before the number
// that is not governed by a preposition ("North Korea has dispatched
// approximately 3,000 soldiers to Russia" → North Korea).
func (d *doc) figureSubject(si int, f figure) string {
	toks := d.toks[si]
	numStart := toks[f.numTok].start
	subject := ""
	for _, e := range d.ents[si] {
		if e.start >= numStart {
			break
		}
		if e.kind != entPlace && e.kind != entOrg {
			continue
		}
		if d.insideQuote(e.start) != d.insideQuote(numStart) {
			continue
		}
		p := e.tok - 1
		if p >= 0 && toks[p].in(determiners) {
			p--
		}
		if p >= 0 && toks[p].kind == tokWord && toks[p].in(notSubjectBefore) {
			continue
		}
		if e.tokEnd < len(toks) && toks[e.tokEnd].kind == tokPoss {
			// "Ukraine’s military intelligence": a source, not the
			// subject.
			continue
		}
		subject = e.canon
	}
	return subject
}

// figureSource finds who a figure is attributed to: "according to X", the
// speaker of the cue that governs the sentence ("Dutch intelligence had
// confirmed that at least 1,500 …"), "reports from X", or the speaker of
// the quotation the figure sits in.
func (d *doc) figureSource(si int, f figure) string {
	toks := d.toks[si]
	for k := 0; k+1 < len(toks); k++ {
		if lower(toks[k]) == "according" && lower(toks[k+1]) == "to" {
			if i, j, ok := fwdNP(toks, k+1); ok {
				return d.npText(si, i, j)
			}
		}
	}
	// The nearest cue before the number, then any cue after it.
	best := -1
	for c := f.numTok - 1; c >= 0; c-- {
		if t := toks[c]; t.kind == tokWord && !t.upper && t.in(cues) {
			best = c
			break
		}
	}
	if best < 0 {
		for c := f.numTok + 1; c < len(toks); c++ {
			if t := toks[c]; t.kind == tokWord && !t.upper && t.in(cues) {
				best = c
				break
			}
		}
	}
	if best >= 0 {
		if i, j, ok := backNP(toks, best); ok {
			if j-i == 1 && (lower(toks[i]) == "it" || lower(toks[i]) == "they") {
				// "The NIS … said that … it observed ships carrying
				// 1,500 soldiers": the organisation the pronoun stands
				// for, never "it".
				return d.organisationBefore(si, i)
			}
			return d.npText(si, i, j)
		}
	}
	// "reports from the United States", "assessments from X".
	for k := 0; k+1 < f.numTok; k++ {
		if lower(toks[k]) == "from" && k > 0 && toks[k-1].in(reportNouns) {
			if i, j, ok := fwdNP(toks, k); ok {
				return d.npText(si, i, j)
			}
		}
	}
	return ""
}

// organisationBefore returns the first organisation or place named in
// sentence si before token k and not governed by a preposition, or of the
// sentences before it: what "it" or "they" as a figure's source stands for.
func (d *doc) organisationBefore(si, k int) string {
	for s := si; s >= 0 && si-s <= 1; s-- {
		toks := d.toks[s]
		for _, e := range d.ents[s] {
			if s == si && e.tok >= k {
				break
			}
			if (e.kind == entOrg || e.kind == entPlace) && !(e.tok > 0 && toks[e.tok-1].in(prepositions)) {
				return e.name
			}
		}
	}
	return ""
}

// reportNouns introduce a source with "from".
var reportNouns = toSet(`reports report assessments assessment estimates estimate data figures
intelligence officials sources statements claims`)

// npText is the source as the article names it ("Dutch intelligence",
// "the United States"), with names canonicalised and pronouns resolved.
func (d *doc) npText(si, i, j int) string {
	return d.speakerName(si, i, j)
}
