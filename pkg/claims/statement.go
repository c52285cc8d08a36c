package claims

import (
	"maps"
	"slices"
	"strings"
)

// statementHit is one reported statement found in a sentence.
type statementHit struct {
	speaker      string
	cue          string
	contentStart int // byte span of the reported clause
	contentEnd   int
	content      string // when set, the clause without an attribution inside it
	how          string // a construction other than "X cue clause", a confidence feature
}

// minStatementWords is the shortest reported clause kept: "X said no" is
// not a claim.
const minStatementWords = 3

// timeWords may sit between a cue and its clause ("said Tuesday", "said on
// Friday", "said last week").
var timeWords = toSet(`on monday tuesday wednesday thursday friday saturday sunday yesterday today
tonight last this next week month year morning afternoon evening night earlier later recently
statement interview email e-mail letter post tweet speech briefing conference rally`)

// findStatements finds reported speech without quotation marks in
// sentence si: "X said (that) …", "…, X said", "According to X, …".
func (d *doc) findStatements(si int) []statementHit {
	toks := d.toks[si]
	if len(toks) < 4 {
		return nil
	}
	// "According to X, …" / "…, according to X." reports the sentence;
	// a cue before it reports a source of X's as well ("Jeff Weaver says
	// it's proof …, according to the Associated Press").
	var hits []statementHit
	if h, k, ok := d.accordingTo(si, toks); ok {
		if !d.writerCue(toks, k) {
			return []statementHit{h}
		}
		hits = append(hits, h)
	}
	// Mid-sentence: "Within marriages, they said, women now have …".
	if h, ok := d.midAttribution(si); ok {
		return append(hits, h)
	}
	if h, ok := d.asAttribution(si); ok {
		return append(hits, h)
	}
	// Clause after the cue: "X said (that) …". A sentence may report
	// several ("a third say …, and one in five say …"); each clause ends
	// where the next speaker begins, unless that speaker opens the clause
	// itself ("he said she believes …": both are kept whole).
	type open struct {
		speaker, cue string
		start        int
		stance       bool
		relative     bool
	}
	closeOpen := func(o *open, end int) []statementHit {
		if o.stance {
			return d.stanceObject(si, o.speaker, o.cue, o.start, end, o.relative)
		}
		return d.statement(si, o.speaker, o.cue, o.start, end)
	}
	var cur *open
	for c, t := range toks {
		if t.kind != tokWord || t.upper || !t.in(attributionWords) {
			continue // one lookup for the many words that attribute nothing
		}
		w := lower(t)
		if namedAside(toks, c) {
			continue
		}
		if t.in(fragmentCues) && !t.upper && !d.insideQuote(t.start) && !negated(toks, c) {
			// "She described Trump as “kind”": a characterisation in the
			// speaker's words is reported as what was said of the object.
			if end, ok := d.quotedObjectEnd(toks, c); ok {
				sp := d.cueSpeaker(si, c)
				if sp == "" && c > 0 && strings.HasSuffix(w, "ing") && toks[c-1].in(subordinators) {
					// "responded by calling Alwaleed “dopey”": the
					// participle's subject is the sentence's.
					sp = d.subjectOf(si, t.start)
				}
				if sp != "" {
					if i, _, ok := backNP(toks, c); cur != nil && !(ok && i <= cur.start) {
						hits = append(hits, closeOpen(cur, c)...)
						cur = nil
					}
					// "Trump said that Clinton once described the TPP as
					// “the gold standard”": a characterisation that opens
					// the reported clause leaves that clause whole.
					hits = append(hits, d.statement(si, sp, w, c+1, end)...)
				}
				continue
			}
		}
		if !isVerbCue(toks, c) || t.in(quoteOnlyCues) || negated(toks, c) || d.insideQuote(t.start) {
			if s, ok := d.stance(si, c, cur == nil); ok {
				cur = &open{speaker: s.speaker, cue: w, start: s.contentStart, stance: true, relative: s.how == "relative"}
			}
			continue
		}
		// "The campaign said the candidate will attend, CNN reported.":
		// an attribution that closes the sentence reports all of it,
		// and the clause reported inside ends at its comma.
		if (cur != nil || len(hits) > 0) && c >= 3 && d.tailAttribution(toks, c) {
			comma := tailComma(toks, c)
			if sp := d.tailSpeaker(si, c, comma); comma > 0 && sp != "" {
				if cur != nil {
					hits = append(hits, closeOpen(cur, comma)...)
					cur = nil
				}
				for _, h := range d.statement(si, sp, w, 0, comma) {
					h.how = "tail"
					hits = append(hits, h)
				}
				continue
			}
		}
		// Clause-first: "…, X said." or "…, said X."
		if cur == nil && len(hits) == 0 && c >= 3 && d.tailAttribution(toks, c) {
			comma := tailComma(toks, c)
			if sp := d.tailSpeaker(si, c, comma); comma > 0 && sp != "" {
				hs := d.statement(si, sp, w, 0, comma)
				for i := range hs {
					hs[i].how = "tail"
				}
				if len(hs) > 0 {
					return hs
				}
				// The clause before was a quotation ("“…,” said Beck,
				// who said …"): its attribution may report more.
				continue
			}
		}
		start, ok := clauseStart(toks, c)
		if ok && t.in(evidenceCues) && lower(toks[start-1]) != "that" && c > 0 && toks[c-1].in(subjectPronouns) && toks[c-1].low != "they" {
			continue // "he showed no remorse": a person shows what they feel, not evidence
		}
		if ok && lower(toks[start-1]) != "that" && attributesQuote(toks, c) {
			continue // “…,” Trump said on Fox: the quotation's attribution
		}
		if !ok {
			if s, ok := d.stance(si, c, cur == nil); ok {
				cur = &open{speaker: s.speaker, cue: w, start: s.contentStart, stance: true, relative: s.how == "relative"}
			}
			continue
		}
		if cur != nil && !cur.stance && c > cur.start && t.in(evidenceCues) && !afterClauseBreak(toks, cur.start, c) {
			// "Bamberg said the videos show Scott calmly leaving his
			// car": what evidence shows, inside a report, is what the
			// reporter says it shows.
			continue
		}
		if cur != nil && !cur.stance && c-1 > cur.start && strings.HasSuffix(w, "ing") && toks[c-1].in(subordinators) {
			// "said developers had defined these areas by adding …": a
			// participle governed inside the reported clause is the
			// clause's own verb, not a second report.
			continue
		}
		if cur != nil && !cur.stance && lower(toks[c-1]) == "who" && c-1 > cur.start {
			// "found that 73 percent of Democrats who said they had
			// supported Sanders now support Clinton": a relative clause
			// inside the reported one, which goes on after it.
			continue
		}
		sp := d.cueSpeaker(si, c)
		if sp == "" {
			sp = d.shareSpeaker(toks, c)
		}
		if sp == "" {
			sp = d.rawSubject(toks, c)
		}
		if sp == "" {
			continue
		}
		npStart := c
		if i, _, ok := backNP(toks, c); ok {
			npStart = i
		}
		if cur != nil {
			end := len(toks)
			if npStart < cur.start && c-1 > cur.start {
				// "Ted Cruz, who says …, said …", "People who know him
				// well say …": the relative clause ends at the main cue,
				// or at the comma before it.
				end = c
				if isPunct(toks[c-1], ",") {
					end = c - 1
				}
			} else if npStart > cur.start+minStatementWords && toks[npStart-1].in(nestingConjunctions) {
				// "acknowledged that she had misspoken … when she
				// claimed that …": the later report is part of the
				// earlier one's clause.
				end = len(toks)
			} else if npStart > cur.start+minStatementWords && !cur.stance && !clauseBreak(toks[npStart-1]) {
				// "said the advertisement “unmistakably” suggests …": a
				// report whose subject the clause runs into is part of
				// it.
				end = len(toks)
			} else if npStart > cur.start+minStatementWords {
				end = npStart
				for end > cur.start && (endPunct(toks[end-1]) || lower(toks[end-1]) == "and" || lower(toks[end-1]) == "but") {
					end--
				}
			}
			hits = append(hits, closeOpen(cur, end)...)
		}
		// "Rubio told a crowd that he knows …": a pronoun further on
		// stands first for this speaker.
		d.noteSpeaker(si, sp)
		cur = &open{speaker: sp, cue: w, start: start}
	}
	if cur != nil {
		hits = append(hits, closeOpen(cur, len(toks))...)
	}
	return hits
}

// afterClauseBreak reports whether the subject of the cue at c follows a
// clauseBreak after from: the cue opens a clause of its own (“…: A
// Quinnipiac poll found …”) rather than one inside the clause at from.
func afterClauseBreak(toks []token, from, c int) bool {
	i, _, ok := backNP(toks, c)
	if !ok {
		i = c
	}
	return i > from && clauseBreak(toks[i-1])
}

// clauseBreak reports a token that can end one reported clause before
// the next speaker's: punctuation or a coordinating conjunction ("a third
// say …, and one in five say …").
func clauseBreak(t token) bool {
	return t.kind == tokPunct && !isQuoteMark(t.text) || t.low == "and" || t.low == "but"
}

// accordingTo finds "According to X, …" or "…, according to X." in
// sentence si: the sentence without the attribution is X's, wherever the
// attribution sits. k is where "according" stands.
func (d *doc) accordingTo(si int, toks []token) (statementHit, int, bool) {
	for k := 0; k+1 < len(toks); k++ {
		if lower(toks[k]) != "according" || lower(toks[k+1]) != "to" || d.insideQuote(toks[k].start) {
			continue
		}
		i, j, ok := sourceNP(toks, k+1)
		if !ok {
			break
		}
		sp := d.speakerName(si, i, j)
		// The clause is the sentence without the attribution, wherever
		// it sits: "According to X, A", "A, according to X", "A,
		// according to X, B".
		head := k
		for head > 0 && toks[head-1].kind == tokPunct {
			head--
		}
		tail := j
		for tail < len(toks) && isPunct(toks[tail], ",") {
			tail++
		}
		end := len(toks)
		for end > tail && endPunct(toks[end-1]) {
			end--
		}
		var parts []string
		if head > 0 {
			parts = append(parts, d.text[toks[0].start:toks[head-1].end])
		}
		if head > 0 && tail < end {
			tail = afterSourceDescription(toks, j-1, tail, end)
		}
		if end > tail {
			parts = append(parts, d.text[toks[tail].start:toks[end-1].end])
		}
		content := strings.Join(parts, " ")
		if wordCount(content) < minStatementWords {
			break
		}
		return statementHit{speaker: sp, cue: "according to", contentStart: toks[0].start, contentEnd: toks[len(toks)-1].end, content: content}, k, true
	}
	return statementHit{}, 0, false
}

// afterSourceDescription returns where the sentence's own words resume in
// toks[from:to), after "…, according to X," whose last token is src:
// past X's relative clause up to its comma ("according to members who
// spoke with reporters afterward, was any mention …"), or at to when the
// rest is X's appositive ("according to John Houlihan, editor of the
// magazine"), which describes the source rather than adding to what it
// says. An appositive follows a name, is lower-case and has no verb; a
// phrase opening with a preposition or a conjunction ("although Carson
// keeps it competitive") goes on with the writer's sentence.
func afterSourceDescription(toks []token, src, from, to int) int {
	t := toks[from]
	if t.kind != tokWord || t.upper {
		return from
	}
	switch t.low {
	case "who", "which", "whose":
		for k := from + 1; k+1 < to; k++ {
			if isPunct(toks[k], ",") {
				return k + 1
			}
		}
		return to
	}
	if !toks[src].upper || t.in(prepositions) || t.in(subordinators) || t.in(clauseEnders) || t.in(sentenceGoesOn) {
		return from
	}
	for k := from; k < to; k++ {
		if (k == from || toks[k-1].kind == tokPunct) && hasVerb(toks[:to], k) {
			return from
		}
	}
	return to
}

// sentenceGoesOn open the rest of a writer's sentence after "…,
// according to X,": a conjunction, not X's appositive.
var sentenceGoesOn = toSet(`and or so because although though despite unless if as than`)

// statement builds a hit for the clause toks[from:to) of sentence si,
// trimming closing punctuation, if it is long enough and not itself a
// quotation.
func (d *doc) statement(si int, speaker, cue string, from, to int) []statementHit {
	toks := d.toks[si]
	for to > from && endPunct(toks[to-1]) {
		to--
	}
	for from < to && toks[from].kind == tokPunct && toks[from].text != "“" && toks[from].text != "\"" {
		from++
	}
	if from+1 < to && toks[from].in(asides) && isPunct(toks[from+1], ",") {
		from += 2 // "However, all sides are anxious …, said X": the writer's link
	}
	to = d.subordinateEnd(toks, from, to)
	if to-from < minStatementWords {
		return nil
	}
	if t := toks[from]; t.kind == tokPunct && (t.text == "“" || t.text == "\"") && !d.quoteThenClause(toks, from, to) {
		return nil // a quotation, handled as a quote
	}
	// The clause ends where the sentence moves on to another attribution:
	// "…, noting that …", "…, while other voters said …", or at a
	// semicolon.
	for k := from + 1; k+1 < to; k++ {
		if isPunct(toks[k], ";") {
			to = k
			break
		}
		if isPunct(toks[k], ":") && isQuoteMark(toks[k+1].text) && !d.insideQuote(toks[k].start) {
			// "told the party on Monday: “…”": the quotation is what
			// was said, the words before the colon its circumstances.
			if !hasVerb(toks[:k], from) {
				return nil
			}
			to = k
			break
		}
		if joinsVerb(toks, k) {
			// "condemned the bill but praised the senators": the
			// speaker's next act is not part of this clause.
			to = k
			break
		}
		if !isPunct(toks[k], ",") && !isPunct(toks[k], ";") && !isPunct(toks[k], "—") {
			continue
		}
		n := toks[k+1]
		if n.kind == tokWord && (strings.HasSuffix(lower(n), "ing") && n.in(cues) || lower(n) == "while" || lower(n) == "whereas" || lower(n) == "according") {
			to = k
			break
		}
		if isPunct(toks[k], ",") && (lower(n) == "and" || lower(n) == "but") && k+3 < to && newSubject(toks, k+2) && !d.insideQuote(n.start) {
			// "she intends to fill half her cabinet with women, and Ms.
			// Brainard is among …": the writer's next clause.
			to = k
			break
		}
		if isPunct(toks[k], ",") && n.kind == tokWord && !n.upper && n.in(clauseEnders) && !d.insideQuote(n.start) && !(n.in(asides) && k+2 < to && isPunct(toks[k+2], ",")) {
			// "…, which raised concerns …", "…, but she has bristled
			// …": the writer's comment on what was said; an aside set
			// off by commas ("Clinton, though, would have to …") is
			// part of the clause.
			to = k
			break
		}
	}
	if to-from < minStatementWords {
		return nil
	}
	to = closeQuotation(toks, from, to)
	return []statementHit{{speaker: speaker, cue: cue, contentStart: toks[from].start, contentEnd: toks[to-1].end}}
}

// closeQuotation extends a clause toks[from:to) that opens a quotation
// it does not close to the closing mark right after it ("…were strong
// “both operationally and financially”."); punctuation inside the mark
// ("“moderate,” a label") stays out, and the mark with it.
func closeQuotation(toks []token, from, to int) int {
	open := 0
	straight := 0
	for _, t := range toks[from:to] {
		switch t.text {
		case "“":
			open++
		case "”":
			open--
		case "\"":
			straight++
		}
	}
	if (open > 0 || straight%2 == 1) && to < len(toks) && (toks[to].text == "”" || toks[to].text == "\"") {
		return to + 1
	}
	return to
}

// openingSubject reports a subject before the cue at c that opens the
// sentence ("Mr. Trump's former campaign manager, Corey Lewandowski,
// said the staff member who …"): the cue is not inverted.
func openingSubject(toks []token, c int) bool {
	i, _, ok := backNP(toks, c)
	if !ok || i <= 1 {
		return ok
	}
	// An appositive name after the subject: nothing before its comma
	// may be a verb or another clause.
	return isPunct(toks[i-1], ",") && !slices.ContainsFunc(toks[:i-1], func(t token) bool {
		return t.kind == tokPunct && !isQuoteMark(t.text) || t.in(auxiliaries) || t.in(modals) || t.in(cues) || t.in(stanceCues)
	})
}

// tailSpeaker is the speaker of an attribution that closes its sentence
// after the comma at comma: the name after an inverted cue (", said Ms.
// Gil, …"), else the cue's subject.
func (d *doc) tailSpeaker(si, c, comma int) string {
	if i, j, ok := fwdNP(d.toks[si], c); ok && c == comma+1 {
		return d.speakerName(si, i, j)
	}
	return d.cueSpeaker(si, c)
}

// tailAttribution reports whether the cue at c closes its sentence as an
// attribution after a comma: ", X said." or ", said X." with nothing but
// the speaker and time words after the comma.
func (d *doc) tailAttribution(toks []token, c int) bool {
	comma := tailComma(toks, c)
	if comma < 0 || c-comma > maxNP+1 {
		return false
	}
	end := len(toks)
	for end > c+1 && endPunct(toks[end-1]) {
		end--
	}
	if c == comma+1 && toks[c].in(objectCues) {
		return false // "…, told the BBC News website": the listener follows "told"
	}
	if c == comma+1 {
		// ", said Robert Egge, executive director of …": an appositive
		// may follow the name. With a subject before the comma ("X,
		// Mexico’s ambassador, said Mexico must …") the cue is not
		// inverted.
		i, j, ok := fwdNP(toks, c)
		if ok && j < end && (isRelative(toks[j]) && toks[i].in(determiners) && toks[j-1].in(speakerNouns) || isPunct(toks[j], ",") && pureName(toks[i:j])) && !openingSubject(toks, c) {
			// ", said an American official who was briefed on …", ",
			// said Stuart Stevens, a Republican operative": inverted,
			// whatever the phrase before the comma looks like.
			return true
		}
		if !ok || hasSubject(toks, c) {
			return false
		}
		for _, t := range toks[i:j] {
			if t.in(auxiliaries) {
				return false
			}
		}
		// ", said one GOP source in the room.": a place or time may
		// close it.
		return j >= end || isPunct(toks[j], ",") || !strings.HasSuffix(toks[c].low, "ing") && adjunctTail(toks[j:end])
	}
	if end-c > 6 && !adjunctTail(toks[c+1:end]) && !listenerThenAdverbial(toks, c) || c+2 < end && isPunct(toks[c+1], ",") {
		return false // "— no different, he said, from …": an aside, the sentence goes on
	}
	if k, ok := clauseStart(toks, c); ok && end-k >= minStatementWords {
		return false // ", FBI counsel James Baker said the probe is “ongoing.”"
	}
	i, _, ok := backNP(toks, c)
	return ok && i == comma+1
}

// adjunctTail reports words after a closing cue that only say when or
// where it was said: time words, then a phrase opened by a preposition
// ("insisted Thursday during a tour of morning news shows").
func adjunctTail(ts []token) bool {
	k := 0
	for k < len(ts) && ts[k].in(timeWords) {
		k++
	}
	if k == len(ts) || !ts[k].in(adjunctOpeners) {
		return false
	}
	if k+1 < len(ts) && ts[k].low == "at" && (ts[k+1].low == "least" || ts[k+1].low == "most") {
		return false // "reported at least six planes filled …": a figure opens the clause
	}
	for _, t := range ts[k:] {
		if t.low == "that" || t.kind == tokPunct || t.in(auxiliaries) {
			return false
		}
	}
	return true
}

// adjunctOpeners open a phrase of time or place after a cue.
var adjunctOpeners = toSet(`during at in while after before from aboard`)

// tailComma is lastComma, moved past a closing quotation mark right
// after it: in `may be "strategic," said X` the attribution starts after
// the mark.
func tailComma(toks []token, c int) int {
	k := lastComma(toks, c)
	if k >= 0 && k+1 < c && (isPunct(toks[k+1], "”") || isPunct(toks[k+1], "\"")) {
		return k + 1
	}
	return k
}

func lastComma(toks []token, c int) int {
	for k := c - 1; k >= 0; k-- {
		if isPunct(toks[k], ",") {
			return k
		}
	}
	return -1
}

// sourceNP reads the phrase after "according to": like fwdNP, but a bare
// plural ("exit polls", "officials") is enough.
func sourceNP(toks []token, c int) (int, int, bool) {
	if i, j, ok := fwdNP(toks, c); ok {
		return i, j, true
	}
	i := c + 1
	j := i
	for j < len(toks) && j-i < maxNP && toks[j].kind == tokWord && !toks[j].in(npBoundary) &&
		!(toks[j].in(prepositions) && lower(toks[j]) != "of") {
		j++
	}
	if j > i && validNP(toks[i:j]) {
		return i, j, true
	}
	return 0, 0, false
}

// midAttribution reads "A, X said, B." as one statement "A B" by X: a
// short speaker-and-cue phrase between two commas inside the sentence.
func (d *doc) midAttribution(si int) (statementHit, bool) {
	toks := d.toks[si]
	for c := 2; c+2 < len(toks); c++ {
		t := toks[c]
		if !isPunct(toks[c+1], ",") || !isVerbCue(toks, c) || t.in(quoteOnlyCues) || d.insideQuote(t.start) {
			continue
		}
		i, _, ok := backNP(toks, c)
		if !ok || i < 2 || !isPunct(toks[i-1], ",") || c-i > 4 {
			continue
		}
		if d.writerCue(toks, i) {
			// "Christie said that was natural — no different, he said,
			// from …": the aside repeats the sentence's own attribution.
			return statementHit{}, false
		}
		sp := d.speakerName(si, i, c)
		if sp == "" {
			continue
		}
		end := len(toks)
		for end > c+2 && endPunct(toks[end-1]) {
			end--
		}
		head := d.text[toks[0].start:toks[i-2].end]
		tail := d.text[toks[c+2].start:toks[end-1].end]
		content := head + " " + tail
		if wordCount(content) < 2*minStatementWords {
			continue
		}
		return statementHit{speaker: sp, cue: lower(t), contentStart: toks[0].start, contentEnd: toks[end-1].end, content: content, how: "mid"}, true
	}
	return statementHit{}, false
}

// namedAside reports a naming participle after a comma ("Helen Steel
// and David Morris, dubbed the “McLibel Two”,"): the name others gave
// the phrase before it, not words its subject said. A comma that
// closes a relative clause ("Lord Janner, who is …, branded") leaves the
// participle its subject's act.
func namedAside(toks []token, c int) bool {
	if c == 0 || !isPunct(toks[c-1], ",") || !namingParticiples.has(lower(toks[c])) {
		return false
	}
	for k := c - 2; k >= 0 && !isPunct(toks[k], ","); k-- {
		if isRelative(toks[k]) {
			return false
		}
	}
	return true
}

var namingParticiples = toSet(`dubbed labeled labelled branded termed nicknamed`)

// writerCue reports a verb of speech in the writer's own text among the
// first n tokens of a sentence: "says", not the "shows" of "texting
// shows no signs of abating".
func (d *doc) writerCue(toks []token, n int) bool {
	for k := range n {
		if toks[k].in(speechCues) && !toks[k].in(evidenceCues) && isVerbCue(toks, k) && !d.insideQuote(toks[k].start) {
			return true
		}
	}
	return false
}

// quotedObjectEnd finds, after a characterising cue at c, the end of the
// clause whose quoted complement closes within the next maxAppositive
// tokens; ok is false when no quotation follows.
func (d *doc) quotedObjectEnd(toks []token, c int) (int, bool) {
	end := -1
	for k := c + 1; k < len(toks) && k-c <= maxAppositive; k++ {
		t := toks[k]
		if t.kind != tokPunct {
			continue
		}
		if t.text == ";" || t.text == "." && !d.insideQuote(t.start) {
			break
		}
		if t.text == "”" || t.text == "\"" && d.insideQuote(t.start-1) {
			end = k + 1
			break
		}
	}
	if end <= c+1 {
		return end, false
	}
	return characterisationEnd(toks, end), true
}

// characterisationEnd extends a characterisation past its quoted
// complement to the end of the clause it completes, as the words after it
// say what was characterised ("called the Saudis “free riders” who rely
// too much on …"), and stops where the speaker's next act begins
// ("calling him a “stiff” and accusing him …").
func characterisationEnd(toks []token, k int) int {
	for ; k < len(toks); k++ {
		t := toks[k]
		if t.kind == tokPunct {
			switch {
			case t.text == ";" || t.text == ":" || t.text == "." || t.text == "(" || isDash(t):
				return k // "… “the next George Washington” – the Founding Father …"
			case t.text == "," && k+1 < len(toks) && !toks[k+1].in(continuesClause):
				return k // "a “rush to judgment”, a phrase …"
			}
			continue
		}
		if k >= 2 && isPunct(toks[k-2], ",") && (isPunct(toks[k-1], "”") || isPunct(toks[k-1], "\"")) && !t.in(continuesClause) {
			return k // "a “moderate,” a subtle dig at …": the comma sits inside the mark
		}
		w := lower(t)
		if (w == "when" || w == "while") && k+1 < len(toks) && strings.HasSuffix(toks[k+1].low, "ing") {
			return k // "… a “clown” on his radio show when commenting on …": the occasion
		}
		if (w == "and" || w == "but" || w == "while") && k+1 < len(toks) && toks[k+1].kind == tokWord {
			n := lower(toks[k+1])
			nt := toks[k+1]
			if _, pron := pronouns[n]; pron || nt.in(auxiliaries) || strings.HasSuffix(n, "ing") || strings.HasSuffix(n, "ed") || nt.in(cues) || nt.in(fragmentCues) || nt.in(stanceCues) {
				return k
			}
		}
		if t.in(cues) && k > 0 && toks[k-1].upper {
			// "… “an orange buffoon,” Mary Susan said": the writer's
			// attribution of the sentence, not the characterisation.
			for k > 0 && toks[k-1].upper {
				k--
			}
			return k
		}
	}
	return k
}

// continuesClause open a clause that still belongs to a quoted
// characterisation after a comma ("a “rush to judgment,” because …").
var continuesClause = toSet(`because who whose that since`)

// attributionWords are the words findStatements acts on: speech cues,
// stance cues with or without their particle, characterising cues.
var attributionWords = union(slices.Collect(maps.Keys(particleCues)), cues, stanceCues, fragmentCues)

// asAttribution reads "As X noted, …" at the head of sentence si ("But as
// a Politico reporter noted, he didn’t fill the stadium"): the speaker
// between "as" and the cue, the claim the clause after the comma. A
// quotation after the comma is the quotation rules' to attribute.
func (d *doc) asAttribution(si int) (statementHit, bool) {
	toks := d.toks[si]
	k := 0
	if k < len(toks) && toks[k].in(sentenceConjunctions) {
		k++
	}
	if k+2 >= len(toks) || lower(toks[k]) != "as" {
		return statementHit{}, false
	}
	for c := k + 2; c < len(toks) && c-k <= maxNP+1; c++ {
		t := toks[c]
		if t.kind == tokPunct {
			break
		}
		if t.upper || !t.in(cues) {
			continue
		}
		i, j, ok := backNP(toks, c)
		if !ok || i != k+1 {
			return statementHit{}, false
		}
		comma := c + 1
		for comma < len(toks) && comma-c <= 5 && toks[comma].kind == tokWord {
			comma++ // "as the Times reported on Sunday,"
		}
		if comma+1 >= len(toks) || !isPunct(toks[comma], ",") || isQuoteMark(toks[comma+1].text) {
			return statementHit{}, false
		}
		end := len(toks)
		for end > comma+1 && endPunct(toks[end-1]) {
			end--
		}
		from, to := toks[comma+1].start, toks[end-1].end
		if wordCount(d.text[from:to]) < minStatementWords {
			return statementHit{}, false
		}
		return statementHit{speaker: d.speakerName(si, i, j), cue: lower(t), contentStart: from, contentEnd: to, how: "as"}, true
	}
	return statementHit{}, false
}

// sentenceConjunctions may open a sentence before its attribution.
var sentenceConjunctions = toSet(`but and yet so`)

// nestingConjunctions open a subordinate clause inside a reported one.
var nestingConjunctions = toSet(`when because after before while since although though if unless until`)
