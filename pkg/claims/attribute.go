package claims

import "strings"

// attribution is what attributeQuote learned about one quotation.
type attribution struct {
	speaker  string
	fragment bool
	after    bool // attributed by what follows the closing mark
	firstS   int  // first and last sentence the claim was read from
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

	// Before: `X said: “…”`, `X stated that “…”`, `…, adding, “…”`.
	if c, ok := cueBefore(toks, open); ok {
		a.speaker = d.cueSpeaker(si, c)
		if a.speaker == "" {
			a.speaker = d.rawSubject(toks, c)
		}
		if a.speaker != "" {
			return a, true
		}
	}
	// `Cruz called them on it: “…”`: a colon hands the quotation to the
	// sentence's subject whatever the verb.
	if open >= 2 && isPunct(toks[open-1], ":") {
		if sp := d.subjectOf(si, toks[open-1].start); sp != "" {
			a.speaker = sp
			return a, true
		}
	}
	// After: `“…,” X said.`, `“…,” said X.`, `“…,” according to X.`
	if q.closed {
		etoks := d.toks[ei]
		after := d.tokenAt(ei, q.close)
		if sp, ok := d.speakerAfter(ei, etoks, after); ok {
			a.speaker = sp
			a.after = true
			a.fragment = !startsSentence
			if !startsSentence && after < len(etoks) && ei == si {
				// "The plan is “dead,” Smith said": a phrase of the
				// writer's sentence, attributed.
				a.fragment = true
			}
			return a, true
		}
		// `“…?” Biden said.`: the splitter ended the sentence at the
		// question or exclamation mark, so the attribution opens the
		// next sentence of the paragraph.
		if n := ei + 1; startsSentence && after == len(etoks) && n < len(d.sents) && d.sents[n].para == d.sents[ei].para &&
			strings.TrimSpace(d.text[q.close:d.sents[n].start]) == "" {
			if sp, ok := d.speakerAfter(n, d.toks[n], 0); ok && attributionOnly(d.toks[n]) {
				a.speaker = sp
				a.after = true
				a.lastS = n
				return a, true
			}
		}
	}
	if startsSentence {
		// `Cruz called them on it:¶“…”`: a sentence that ends in a colon
		// introduces the quotation that follows it.
		if sp := d.colonIntro(si); sp != "" {
			a.speaker = sp
			return a, true
		}
		// `“…,” he said. “…”`: a quotation that stands alone continues
		// the previous speaker within the same or next paragraph.
		if prev != nil && prev.speaker != "" && d.sents[si].para-d.sents[prev.lastS].para <= 1 {
			a.speaker = prev.speaker
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
				return a, true
			}
		}
	}
	for c, t := range toks {
		if t.kind != tokWord || t.upper || !(isVerbCue(toks, c) || fragmentCues[lower(t)]) || d.insideQuote(t.start) {
			continue
		}
		if sp := d.cueSpeaker(si, c); sp != "" {
			a.speaker = sp
			return a, true
		}
	}
	return a, false
}

// fragmentCues attribute a short quoted phrase without being speech verbs
// proper ("dismissed the reports as “groundless rumors”").
var fragmentCues = toSet(`dismissed dismissing described describing describes called calling calls
labeled labelled labeling branded branding termed dubbed dubbing
characterized characterised urged slammed praised criticized criticised rejected condemned
hailed denounced decried blasted`)

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
	if k >= 0 && lower(toks[k]) == "that" {
		introduced = true
		k--
	}
	for c := k; c >= 0 && k-c <= 6; c-- {
		t := toks[c]
		if t.kind == tokPunct && t.text != "," {
			return 0, false
		}
		if t.kind == tokWord && !t.upper && cues[lower(t)] {
			if c == k || introduced {
				return c, true
			}
			return 0, false
		}
	}
	return 0, false
}

// isVerbCue reports whether the cue at c is used as a verb: not after a
// determiner or possessive ("his remarks", "the reports"), not a plural
// noun followed by a preposition ("reports from", "claims of"), not
// negated ("did not deny").
func isVerbCue(toks []token, c int) bool {
	t := toks[c]
	if t.kind != tokWord || t.upper || !cues[lower(t)] {
		return false
	}
	if c > 0 {
		p := toks[c-1]
		if p.kind == tokPoss || (p.kind == tokWord && (determiners[lower(p)] || lower(p) == "such")) {
			return false
		}
	}
	w := lower(t)
	if c > 0 && lower(toks[c-1]) == "to" && baseFormCues[w] {
		return false
	}
	if strings.HasSuffix(w, "ing") && c > 0 && subordinators[lower(toks[c-1])] {
		return false
	}
	if strings.HasSuffix(w, "s") && c+1 < len(toks) {
		n := lower(toks[c+1])
		if n == "from" || n == "of" || n == "by" || n == "about" || n == "on" || n == "and" || n == "were" || n == "are" {
			return false
		}
	}
	return true
}

// negated reports a "not"/"never" right before the cue at c.
func negated(toks []token, c int) bool {
	for k := c - 1; k >= 0 && c-k <= 2; k-- {
		switch lower(toks[k]) {
		case "not", "n't", "never", "nor":
			return true
		}
	}
	return false
}

// cueSpeaker resolves the speaker of the cue at token c of sentence si:
// the phrase before it, the phrase after an inverted cue, or for a
// participle or a coordinated verb the subject of the sentence.
func (d *doc) cueSpeaker(si, c int) string {
	toks := d.toks[si]
	cue := lower(toks[c])
	// "the inspector general, who said …": the relative pronoun stands for
	// the phrase before it.
	if c >= 2 && (lower(toks[c-1]) == "who" || lower(toks[c-1]) == "which") {
		w := c - 1
		if isPunct(toks[w-1], ",") {
			w--
		}
		if i, j, ok := backNP(toks, w); ok {
			return d.speakerName(si, i, j)
		}
	}
	// A participle right after a noun modifies that noun ("reports from
	// U.S. intelligence indicating that …"); after a comma it belongs to
	// the sentence's subject ("Putin …, saying, “…”").
	if !strings.HasSuffix(cue, "ing") || (c > 0 && toks[c-1].kind == tokWord) {
		if i, j, ok := backNP(toks, c); ok {
			return d.speakerName(si, i, j)
		}
		if i, j, ok := fwdNP(toks, c); ok && (c == 0 || toks[c-1].kind == tokPunct) {
			return d.speakerName(si, i, j)
		}
		// A coordinated verb ("… and said", "but declared") shares the
		// sentence's subject; otherwise an unreadable phrase before the
		// cue means no speaker.
		k := c - 1
		for k >= 0 && toks[k].kind == tokWord && fillerWords[lower(toks[k])] {
			k--
		}
		if k >= 0 && !(toks[k].kind == tokWord && (lower(toks[k]) == "and" || lower(toks[k]) == "but")) &&
			!(isPunct(toks[k], ",") || isPunct(toks[k], "”") || isPunct(toks[k], "\"")) {
			return ""
		}
	}
	return d.subjectOf(si, toks[c].start)
}

// speakerAfter reads the attribution that follows a closing mark.
func (d *doc) speakerAfter(si int, toks []token, a int) (string, bool) {
	if a < len(toks) && (isPunct(toks[a], ",") || isPunct(toks[a], "—") || isPunct(toks[a], "–")) {
		a++
	}
	if a >= len(toks) {
		return "", false
	}
	t := toks[a]
	if t.kind == tokWord && lower(t) == "according" && a+1 < len(toks) && lower(toks[a+1]) == "to" {
		if i, j, ok := fwdNP(toks, a+1); ok {
			return d.speakerName(si, i, j), true
		}
		return "", false
	}
	if t.kind == tokWord && !t.upper && cues[lower(t)] {
		if i, j, ok := fwdNP(toks, a); ok {
			return d.speakerName(si, i, j), true
		}
		return "", false
	}
	// "“…,” Jenna Golden, Twitter’s director of political advertising,
	// said", "“…,” Sen. Marco Rubio (R-Fla.) said", "“…,” Trump barked".
	depth := 0
	comma := -1
	for c := a; c < len(toks) && c-a <= 2*maxNP; c++ {
		u := toks[c]
		switch {
		case isPunct(u, "("):
			depth++
			continue
		case isPunct(u, ")"):
			depth--
			continue
		case isPunct(u, ","):
			if comma < 0 {
				comma = c
			}
			continue
		case u.kind == tokPunct && depth > 0:
			continue
		case u.kind == tokPunct:
			return "", false
		}
		if c == a || u.upper || u.kind != tokWord {
			continue
		}
		w := lower(u)
		verb := cues[w] || (c-a <= 4 && comma < 0 && quoteAttributive(toks, a) && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s")))
		if !verb {
			if npBoundary[w] || (comma < 0 && c-a > maxNP) {
				return "", false
			}
			continue
		}
		if isPunct(toks[c-1], ",") {
			// "“…” for Clinton, said Kunin": an inverted cue names its
			// speaker after it.
			if i, j, ok := fwdNP(toks, c); ok {
				return d.speakerName(si, i, j), true
			}
		}
		end := c
		for end > a && toks[end-1].kind == tokWord && fillerWords[lower(toks[end-1])] {
			end--
		}
		if comma > a && comma < end {
			end = comma // the name before its appositive
		}
		if end > a && validNP(toks[a:end]) {
			return d.speakerName(si, a, end), true
		}
		return "", false
	}
	return "", false
}

// quoteAttributive reports whether the tokens before a (the closing mark
// and the punctuation inside it) end the quotation the way attributed
// quotes end: ",”", "!”", "?”".
func quoteAttributive(toks []token, a int) bool {
	for k := a - 1; k >= 0 && a-k <= 3; k-- {
		if toks[k].kind != tokPunct {
			return false
		}
		switch toks[k].text {
		case ",", "!", "?", "—":
			return true
		}
	}
	return false
}

// speechNouns name an utterance ("Putin’s “our business” declaration").
var speechNouns = toSet(`declaration remark remarks comment comments statement claim claims words
phrase promise pledge vow warning argument assertion line slogan message quip`)

func speechNounAfter(toks []token, k int) bool {
	return k < len(toks) && speechNouns[lower(toks[k])]
}
