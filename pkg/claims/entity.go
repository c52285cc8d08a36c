package claims

import (
	"strings"
	"unicode"
)

// entKind is the type of a named entity.
type entKind uint8

const (
	entUnknown entKind = iota
	entPerson
	entOrg
	entPlace
)

// entity is one mention of a name in a sentence.
type entity struct {
	name        string // surface form without titles ("Vladimir Putin")
	low         string // name in lower case
	canon       string // canonical form for the article, set by resolve
	kind        entKind
	role        string // lower-cased title that introduced it ("russian president")
	start, end  int    // byte span of the name in the cleaned text
	sent        int
	tok, tokEnd int // token range within the sentence
}

// nameJoiners may sit inside a capitalised name.
var nameJoiners = toSet(`of for de del della di da du la le van von der den bin al el ibn bint dos das y`)

// findEntities finds capitalised names in one sentence's tokens, strips
// titles (kept as the entity's role) and classifies each as a person,
// organisation or place with the gazetteers, appending them to out. low
// is lowerText(text).
func findEntities(out []entity, text, low string, toks []token, sent int) []entity {
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.kind != tokWord || !t.upper {
			i++
			continue
		}
		j := i + 1
		next := -1
		for j < len(toks) {
			u := toks[j]
			if u.kind == tokWord && u.upper && u.in(titleBreakers) {
				next = j + 1 // "Christie Is Over Marco Rubio": a headline, not a name
				break
			}
			if u.kind == tokWord && u.upper && u.in(weekdays) {
				break // "told a crowd in Miami Tuesday": a place, then a day
			}
			if u.kind == tokWord && u.upper && u.text != "I" {
				j++
				continue
			}
			if u.low == "of" && personName(toks[i:j]) {
				break // "Nicolas Sarkozy of France", "Junya Tanase of JPMorgan"
			}
			if u.kind == tokWord && nameJoiners.has(u.text) && j+1 < len(toks) && toks[j+1].kind == tokWord && toks[j+1].upper {
				j += 2
				continue
			}
			if u.low == "and" && j+1 < len(toks) && toks[j+1].upper && !t.in(firstNames) && j-i <= 2 {
				if e := orgRunEnd(toks, j+1); e > 0 {
					j = e // "Securities and Exchange Commission"
					continue
				}
			}
			break
		}
		out = appendEntity(out, text, low, toks, i, j, sent)
		i = max(j, next)
		for i < len(toks) && toks[i].kind == tokWord && toks[i].upper && toks[i].in(titleBreakers) {
			i++
		}
	}
	return out
}

// orgRunEnd returns the end of the capitalised run from k when it is the
// end of an organisation's name ("Exchange Commission", "Drug
// Administration"), or 0.
func orgRunEnd(toks []token, k int) int {
	e := k
	for e < len(toks) && e-k < 4 && toks[e].kind == tokWord && toks[e].upper && toks[e].text != "I" {
		e++
	}
	if e > k && toks[e-1].in(orgWords) {
		return e
	}
	return 0
}

// personName reports a run that is a person's name by its form: a known
// given name first, a surname after it, and no word of an organisation's
// or a place's name.
func personName(ts []token) bool {
	if len(ts) < 2 || !ts[0].in(firstNames) {
		return false
	}
	for _, t := range ts[1:] {
		if t.in(orgWords) || t.in(placeWords) {
			return false
		}
	}
	return true
}

// lastTitle returns the last title of toks[i:j] that a name of one to
// three words follows, or -1: "Gov." in "Texas Lt. Gov. Dan Patrick".
func lastTitle(toks []token, i, j int) int {
	for k := j - 2; k > i && k >= j-4; k-- {
		if low := toks[k].low; titles.has(low) && low != "former" && low != "then" {
			return k
		}
	}
	return -1
}

// titleBreakers are words that a title-case headline capitalises and a
// name never holds: verbs and the words that join a clause ("Trump Says
// Christie Is Over Marco Rubio"). Inside a run of capitalised words they
// end the name.
var titleBreakers = toSet(`is are was were be been has have had would could should might must does did
says said say tells told asks reveals slams blasts rips urges wants warns claims admits insists vows
denies believes thinks responds explains announces endorses defends attacks accuses praises makes gets
gives takes calls shows finds backs hits rips mocks sues signs unveils releases launches
just over with between and or but than vs versus against about after into`)

func appendEntity(out []entity, text, lowText string, toks []token, i, j, sent int) []entity {
	// Drop capitalised function words at the front ("The NIS", "In June").
	for i < j && toks[i].in(capitalStop) {
		i++
	}
	// Strip titles and nationality adjectives, keeping them as the role;
	// but a run that ends in an organisation word names the body
	// ("Defence Ministry", "US Justice Department").
	var role []string
	body := toks[j-1].in(orgWords)
	for k := i; k < j && body; k++ {
		body = !toks[k].in(firstNames) // "Detective Paul Miller of Thames Valley Police"
	}
	for j-i >= 2 && !body {
		low := toks[i].low
		if j-i == 2 && peerTitles.has(low) {
			break // "Lord Hanningfield" is a peer's whole name
		}
		if titles.has(low) || honorifics.has(low) {
			role = append(role, low)
			i++
			// "Secretary of State", "Minister of Foreign Affairs".
			if j-i >= 3 && lower(toks[i]) == "of" && toks[i+1].in(roleOfWords) {
				role = append(role, "of")
				i++
				for j-i >= 3 && toks[i].in(roleOfWords) {
					role = append(role, lower(toks[i]))
					i++
				}
			}
			continue
		}
		if j-i >= 3 {
			var buf [64]byte
			two := append(append(append(buf[:0], low...), ' '), toks[i+1].low...)
			if c, ok := countries[string(two)]; ok && strings.ToLower(c) != string(two) && toks[i+2].in(titles) {
				role = append(role, string(two))
				i += 2
				continue
			}
		}
		if c, ok := countries[low]; ok && strings.ToLower(c) != low && toks[i+1].in(titles) {
			role = append(role, low)
			i++
			continue
		}
		break
	}
	// "Tory MP for Henley-on-Thames Boris Johnson", "Minister for Europe
	// Denis MacShane": a title for a place or a brief, then the name,
	// which takes the last two words.
	if len(role) > 0 && j-i >= 4 && toks[i].low == "for" {
		for ; i < j-2; i++ {
			role = append(role, toks[i].low)
		}
	}
	for k := i; k+4 < j && len(role) == 0; k++ {
		if toks[k].in(titles) && toks[k+1].low == "for" {
			for ; i < j-2; i++ {
				role = append(role, toks[i].low)
			}
		}
	}
	// "Texas Lt. Gov. Dan Patrick", "NEA President Lily Eskelsen García":
	// the words up to a title in the middle of the run describe the
	// person too.
	if len(role) == 0 && !body {
		if t := lastTitle(toks, i, j); t >= 0 {
			for k := i; k <= t; k++ {
				role = append(role, toks[k].low)
			}
			i = t + 1
		}
	}
	// "Republican Donald Trump", "Crooked Hillary Clinton", "Russian
	// Dmitriy Bogdanov": a word before a given name or a nationality
	// before a name describes the person.
	if j-i >= 3 && !toks[i].in(firstNames) && (toks[i+1].in(firstNames) || demonymBeforeName(toks[i:j])) {
		role = append(role, toks[i].low)
		i++
	} else if j-i >= 4 && !toks[i].in(firstNames) && !toks[i+1].in(firstNames) && toks[i+2].in(firstNames) && personName(toks[i+2:j]) {
		// "Lib Dems David Laws": a party or a group of two words.
		role = append(role, toks[i].low, toks[i+1].low)
		i += 2
	}
	if i >= j {
		return out
	}
	allCal := true
	for k := i; k < j; k++ {
		if !calendarWords.has(strings.TrimSuffix(toks[k].low, ".")) {
			allCal = false
		}
	}
	if allCal {
		return out
	}
	name := nameOf(text, toks[i:j])
	e := entity{name: name, canon: name, start: toks[i].start, end: toks[j-1].end, sent: sent, tok: i, tokEnd: j,
		role: strings.Join(role, " ")}
	low := toks[i].low
	if j-i > 1 {
		low = lowerName(text, lowText, toks[i:j])
	}
	e.low = low
	e.kind = classify(low, toks[i:j], e.role != "")
	if c, ok := countries[low]; ok {
		e.canon = c
	}
	return append(out, e)
}

// peerTitles make a name with the one word after them: a peer's title
// and territory, not a title before a surname.
var peerTitles = toSet(`lord lady baroness baron viscount earl`)

// demonym reports a nationality adjective ("Russian"), which the
// countries gazetteer maps to a country of another name.
func demonym(t token) bool {
	c, ok := countries[t.low]
	return ok && !strings.EqualFold(c, t.low)
}

// demonymBeforeName reports a run that opens with a nationality and goes
// on with no word of an organisation's or a place's name: "Russian
// Dmitriy Bogdanov", not "Russian Foreign Ministry".
func demonymBeforeName(ts []token) bool {
	if !demonym(ts[0]) {
		return false
	}
	for _, t := range ts[1:] {
		if t.in(orgWords) || t.in(placeWords) || t.in(institutionWords) {
			return false
		}
		if _, ok := countries[t.low]; ok {
			return false
		}
	}
	return true
}

// institutionWords end the names of things a nationality can open
// ("American Life Project", "Russian Grand Prix") but no person's.
var institutionWords = toSet(`project programme program forum society research centre initiative lab
laboratory studies survey index league cup open championship championships games awards award prize
prix festival orchestra theatre theater museum gallery airlines airways motors energy oil gas
telecom media records music films pictures studios life express railways`)

func joinTokens(ts []token) string {
	var b strings.Builder
	for k, t := range ts {
		if k > 0 && t.kind != tokPoss {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// classify tells the kind of the name of tokens ts, given in lower case.
func classify(low string, ts []token, titled bool) entKind {
	if _, ok := countries[low]; ok || usState(ts) {
		return entPlace
	}
	hasOf := false
	for _, t := range ts {
		low := t.low
		if orgWords.has(low) {
			return entOrg
		}
		if placeWords.has(low) {
			return entPlace
		}
		if !titled {
			// "Eastern Europe", "Russia-North Korea": a place inside.
			for part := range strings.SplitSeq(low, "-") {
				if _, ok := countries[part]; ok && len(part) > 2 {
					return entPlace
				}
			}
		}
		if low == "of" || low == "for" {
			hasOf = true
		}
	}
	if len(ts) == 1 && isAcronym(ts[0].text) {
		return entOrg
	}
	if _, ok := countries[ts[0].low]; ok && isAcronym(ts[0].text) {
		return entUnknown // "UK All-Time list", "US Open"
	}
	if titled || len(ts) == 1 && ts[0].in(firstNames) && !ts[0].in(calendarWords) {
		return entPerson // "Paula's career": a given name alone is a person's
	}
	if len(ts) >= 2 && !hasOf {
		if last := ts[len(ts)-1].text; isAcronym(last) && !romanNumeral(last) {
			return entUnknown // "Nintendo DS", "Windows XP": a product, not a person's surname
		}
		return entPerson
	}
	return entUnknown
}

// usState reports the name of a state of the US ("Vermont", "New
// Hampshire", "Calif"), which news names as often as any country.
func usState(ts []token) bool {
	switch len(ts) {
	case 1:
		return usStates.has(strings.TrimSuffix(ts[0].low, "."))
	case 2:
		return ts[1].in(usStates) && (ts[0].low == "new" || ts[0].low == "north" || ts[0].low == "south" || ts[0].low == "west")
	}
	return false
}

// romanNumeral reports a regnal or generational number ("II", "VIII")
// ending a person's name.
func romanNumeral(w string) bool {
	return strings.Trim(w, "IVX") == ""
}

// isAcronym reports an all-capitals word of two or more letters ("NATO",
// "NIS").
func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// fuller reports whether name, whose lower-case first word is first, is
// a fuller form of a person's name than cur: more words, or as many with
// a known given name where cur has none ("Thomas Perez" over a
// headline's "Understated Perez").
func fuller(name, first, cur string) bool {
	if n, c := strings.Count(name, " "), strings.Count(cur, " "); n != c {
		return n > c
	}
	c, _ := firstLast(cur)
	return firstNames.has(first) && !firstNames.has(strings.ToLower(c))
}

// maxNameWords bounds the words of a person's name the name table learns
// ("Martin Luther King Jr."): a longer capitalised run is a headline the
// name rules could not take apart, and as the fullest form of a surname
// it would stand in for every mention of the person.
const maxNameWords = 4

// nameTable resolves short and role forms to the fullest form an article
// uses: "Putin" → "Vladimir Putin", "the Russian president" → "Vladimir
// Putin".
type nameTable struct {
	bySurname map[string]string // lower surname → fullest person name
	byFirst   map[string]string
	byRole    map[string]string // lower role → canonical name
	kinds     map[string]entKind
	// orgs maps the lower-case first word of an organisation's name of
	// several words to the fullest such name: "Delta" → "Delta Airlines".
	orgs map[string]string
}

func newNameTable(ents []entity) *nameTable {
	nt := &nameTable{bySurname: map[string]string{}, byFirst: map[string]string{}, byRole: map[string]string{}, kinds: map[string]entKind{}}
	for _, e := range ents {
		if e.kind != entPerson || strings.IndexByte(e.name, ' ') < 0 || strings.Count(e.name, " ") >= maxNameWords {
			continue
		}
		f, s := firstLast(e.low) // the lower-case first and last words of the name
		if cur, ok := nt.bySurname[s]; !ok || fuller(e.name, f, cur) {
			nt.bySurname[s] = e.name
		}
		if _, ok := nt.byFirst[f]; !ok && !titles.has(f) {
			nt.byFirst[f] = e.name
		}
	}
	for _, e := range ents {
		if e.kind == entOrg && e.tokEnd-e.tok > 1 {
			nt.noteOrg(e)
		}
	}
	for _, e := range ents {
		if (e.kind == entPerson || e.kind == entUnknown) && e.role != "" {
			full := nt.canonical(e.name)
			nt.byRole[e.role] = full
			_, last := firstLast(e.role)
			nt.byRole[last] = full // "president" alone
		}
	}
	return nt
}

// noteOrg records an organisation's name of several words under its
// first word, when the name ends in the word that makes it one ("Delta
// Airlines", not "Fox News Chairman") and its first word is no generic
// one ("Bank of America", "National Guard") that names nothing alone.
func (nt *nameTable) noteOrg(e entity) {
	f, l := firstLast(e.low)
	if !orgWords.has(l) || orgWords.has(f) || placeWords.has(f) || determiners.has(f) || titles.has(f) || nameJoiners.has(f) || genericNameStarts.has(f) {
		return
	}
	if _, ok := countries[f]; ok {
		return // "Russian Foreign Ministry" is not what "Russia" stands for
	}
	if nt.orgs == nil {
		nt.orgs = map[string]string{}
	}
	if cur, ok := nt.orgs[f]; !ok || strings.Count(e.name, " ") > strings.Count(cur, " ") {
		nt.orgs[f] = e.name
	}
}

// genericNameStarts open many organisations' names and stand for none
// of them alone: "Democratic" is not the "Democratic National Committee".
var genericNameStarts = toSet(`democratic republican democrat national american united new first
general royal federal international global world central north south east west northern
southern eastern western great state public free independent planned`)

// firstLast returns the first and last space-separated words of s.
func firstLast(s string) (string, string) {
	s = strings.TrimSpace(s)
	first, last := s, s
	if i := strings.IndexByte(s, ' '); i >= 0 {
		first = s[:i]
	}
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		last = s[i+1:]
	}
	return first, last
}

// canonical returns the fullest person name the article uses for name.
func (nt *nameTable) canonical(name string) string {
	if name == "" {
		return name
	}
	first, last := firstLast(name)
	var buf [64]byte
	if full, ok := nt.bySurname[string(appendLower(buf[:0], last))]; ok {
		if otherGivenName(name, first, full) {
			return name // "Katherine Jackson" is not "Michael Jackson"
		}
		return full
	}
	if first == last {
		if full, ok := nt.byFirst[string(appendLower(buf[:0], first))]; ok {
			return full
		}
	}
	return name
}

// otherGivenName reports a name of two or three words whose first word
// is a given name other than that of full, the fullest name with its
// surname: a relative ("Katherine Jackson" beside "Michael Jackson"), not
// a shorter form of the same person ("J. Jackson", "De Blasio" of "Bill
// de Blasio", "Guajardo Villarreal" of "Ildefonso Guajardo Villarreal").
// A longer run is a headline's, left to the surname.
func otherGivenName(name, first, full string) bool {
	words := strings.Count(name, " ") + 1
	var buf [32]byte
	if words < 2 || words > 3 || len(strings.TrimSuffix(first, ".")) == 1 || nameJoiners.has(string(appendLower(buf[:0], first))) {
		return false
	}
	f, _ := firstLast(full)
	n := len(name)
	suffix := len(full) > n && full[len(full)-n-1] == ' ' && strings.EqualFold(full[len(full)-n:], name)
	return !strings.EqualFold(f, first) && !suffix
}

// personEvidence is how sure the name rules are that a name is a
// person's: any capitalised pair reads as a name by its form, but only a
// title, a known given name or a later mention by surname alone tells a
// person from "Volvo Women's Open" or "Uefa Cup".
type personEvidence uint8

const (
	byForm personEvidence = iota + 1
	confirmed
)

func (e *entity) personEvidence() personEvidence {
	first, _ := firstLast(e.low)
	_, title := firstLast(e.role)
	if e.tokEnd-e.tok == 1 && e.canon != e.name || firstNames.has(first) || titles.has(title) || honorifics.has(title) {
		return confirmed
	}
	return byForm
}

// resolveKinds upgrades single-word names that match a known person's
// surname or first name to persons and sets canonical forms.
func (nt *nameTable) resolveKinds(ents []entity) {
	for i := range ents {
		e := &ents[i]
		if e.kind == entUnknown && e.tokEnd-e.tok == 1 && nt.canonical(e.name) == e.name {
			if full, ok := nt.orgs[e.low]; ok {
				e.kind, e.canon = entOrg, full // "Delta" after "Delta Airlines"
				continue
			}
		}
		if e.kind == entPerson || e.kind == entUnknown {
			full := nt.canonical(e.name)
			if full != e.name || e.kind == entPerson {
				e.kind = entPerson
			}
			e.canon = full
		}
	}
}

// lowerName is strings.ToLower(nameOf(text, ts)), a span of lowText (the
// lowerText of text) when that is not "" and the name is one.
func lowerName(text, lowText string, ts []token) string {
	if lowText == "" || !spaced(text, ts) {
		return strings.ToLower(nameOf(text, ts))
	}
	return lowText[ts[0].start:ts[len(ts)-1].end]
}

// nameOf returns the words of ts joined by single spaces, as a substring
// of text when they sit there that way (as Clean leaves them), so most
// names cost no allocation.
func nameOf(text string, ts []token) string {
	if !spaced(text, ts) {
		return joinTokens(ts)
	}
	return text[ts[0].start:ts[len(ts)-1].end]
}

// spaced reports whether the tokens ts sit in text one space apart.
func spaced(text string, ts []token) bool {
	for k := 1; k < len(ts); k++ {
		if ts[k].start != ts[k-1].end+1 || text[ts[k-1].end] != ' ' {
			return false
		}
	}
	return true
}
