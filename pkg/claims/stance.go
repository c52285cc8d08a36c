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
support supporting opposed opposes oppose opposing criticized criticizes criticised criticises
criticizing criticising praised praises praising defended defends defend defending proposed proposes
propose proposing urged urges urging cited cites citing sought seeks seek seeking want wants wanted
plans planned refused refuses declined declines rejected rejects rejecting attacked attacks attacking
questioned questions questioning blamed blames blaming denounced denounces denouncing blasted blasts
condemned condemns condemning slammed slams decried decries mocked mocks touted touts echoed echoes
asked asks expressed expresses welcomed welcomes favor favors favored favour favours favoured prefer prefers
preferred accused accuses
accusing demanded demands demanding described describes describing`)

// stanceParticles follow a stance verb before its object ("called for",
// "called on", "voted for").
var stanceParticles = toSet(`for on`)

// particleCues are verbs that attribute only with a particle: "called
// for a ban", "voted for Clinton"; bare "called" names ("a man called
// John") and bare "voted" reports a vote, not a position.
var particleCues = toSet(`call calls called calling vote votes voted voting`)

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
	case particleCues[w]:
		if start >= len(toks) || !stanceParticles[lower(toks[start])] {
			return 0, false
		}
		start++
	case !stanceCues[w]:
		return 0, false
	}
	p := toks[c-1]
	if p.kind == tokPoss || p.kind == tokWord && (determiners[lower(p)] || lower(p) == "such" || lower(p) == "to" && !strings.HasSuffix(w, "ed")) {
		return 0, false
	}
	if p.kind == tokWord && (lower(p) == "was" || lower(p) == "were" || lower(p) == "been" || lower(p) == "being" || lower(p) == "be" || lower(p) == "is" || lower(p) == "are") && strings.HasSuffix(w, "ed") {
		return 0, false // passive: "was endorsed by"
	}
	if strings.HasSuffix(w, "ing") && subordinators[lower(p)] {
		return 0, false
	}
	if start >= len(toks) || toks[start].kind == tokPunct && toks[start].text != "“" && toks[start].text != "\"" {
		return 0, false
	}
	if n := lower(toks[start]); n == "by" || n == "from" || n == "of" || n == "and" || n == "or" || n == "were" || n == "are" {
		return 0, false
	}
	return start, true
}

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
	if len(toks) < 2 || !isPunct(toks[len(toks)-1], ":") || d.insideQuote(toks[len(toks)-1].start) {
		return ""
	}
	for c := len(toks) - 2; c >= 0; c-- {
		if isVerbCue(toks, c) && !d.insideQuote(toks[c].start) {
			if sp := d.cueSpeaker(p, c); sp != "" {
				return sp
			}
			break
		}
	}
	return d.subjectOf(p, toks[len(toks)-1].start)
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
	from, ok := stanceAt(toks, c)
	if !ok || numericSubject(toks, c) {
		return statementHit{}, false
	}
	sp := d.cueSpeaker(si, c)
	if sp == "" {
		return statementHit{}, false
	}
	return statementHit{speaker: sp, cue: lower(toks[c]), contentStart: from}, true
}

func isQuoteMark(s string) bool {
	return s == "“" || s == "”" || s == "\"" || s == "‘" || s == "’"
}

// headlineAttribution reads the headline convention "Source: claim"
// ("Graham: Trump’s rhetoric destroying GOP’s chance"): a short name
// the article knows as an entity, a colon, and a clause.
func (d *doc) headlineAttribution(si int) (statementHit, bool) {
	// A title is a heading paragraph or the article's first line when
	// that line is one sentence (titles often keep a final period).
	if p := d.sents[si].para; !d.headline[p] && !(p == 0 && si == 0 && (len(d.sents) == 1 || d.sents[1].para != 0)) {
		return statementHit{}, false
	}
	toks := d.toks[si]
	k := 0
	for k < len(toks) && k <= 4 && !isPunct(toks[k], ":") {
		if t := toks[k]; !(t.kind == tokWord && t.upper || t.kind == tokPoss || isPunct(t, ".")) {
			return statementHit{}, false
		}
		k++
	}
	if k == 0 || k > 4 || k+1 >= len(toks) || isQuoteMark(toks[k+1].text) {
		return statementHit{}, false
	}
	named := false
	for _, e := range d.ents[si] {
		if e.tok < k && e.tokEnd <= k && e.kind != entUnknown {
			named = true
			break
		}
	}
	if !named {
		return statementHit{}, false
	}
	end := len(toks)
	for end > k+1 && toks[end-1].kind == tokPunct {
		end--
	}
	if end-(k+1) < minStatementWords {
		return statementHit{}, false
	}
	sp := d.speakerName(si, 0, k)
	if sp == "" {
		return statementHit{}, false
	}
	return statementHit{speaker: sp, cue: ":", contentStart: toks[k+1].start, contentEnd: toks[end-1].end}, true
}
