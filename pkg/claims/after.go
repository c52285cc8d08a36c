package claims

import "strings"

// speakerAfter reads the attribution that follows a closing mark. attrib
// says the quotation ended the way attributed quotations end (",”",
// "?”") when a is the first token of its sentence, so that cannot be
// read from the tokens before it.
func (d *doc) speakerAfter(si int, toks []token, a int, attrib bool) (string, bool) {
	if a < len(toks) && isDash(toks[a]) {
		if sp, ok := d.dashCredit(si, toks, a+1); ok {
			return sp, true
		}
	}
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
	if t.kind == tokWord && !t.upper && t.in(cues) {
		if i, j, ok := fwdNP(toks, a); ok {
			return d.speakerName(si, i, j), true
		}
		return "", false
	}
	if t.kind == tokWord && !t.upper && strings.HasSuffix(lower(t), "ed") && (attrib || quoteAttributive(toks, a)) {
		// "“…,” mused co-host Stu Burguiere": any past tense inverted
		// after an attributive ending, if a name follows it.
		if i, j, ok := fwdNP(toks, a); ok && hasName(toks[i:j]) {
			return d.speakerName(si, i, j), true
		}
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
		case isPunct(u, ".") && c > a && toks[c-1].kind == tokWord && c+1 < len(toks) && (toks[c+1].kind == tokWord || isPunct(toks[c+1], ",")):
			continue // "Rep. Glenn Thompson, R-Pa., said": an abbreviation's dot
		case (u.text == "’" || u.text == "'") && c > a && strings.HasSuffix(toks[c-1].low, "s"):
			continue // "Sanders’ campaign manager": a plural's possessive
		case u.text == "$" || u.text == "&" || u.text == "%":
			continue // "Fight for $15 organizing director Kendall Fells told"
		case u.kind == tokPunct:
			return "", false
		}
		if c == a || u.upper || u.kind != tokWord {
			continue
		}
		w := lower(u)
		if toks[c-1].kind == tokPoss && u.in(cues) {
			return "", false // "Beckett rejected Mr Howard's comment": a noun, no cue
		}
		if isRelative(u) && comma == c-1 && comma > a {
			// "“…,” Cruz, who has proposed repealing the mandate, said":
			// a relative clause between the name and its cue.
			if sp, ok := d.afterRelative(si, toks, a, comma); ok {
				return sp, true
			}
			return "", false
		}
		guessed := !u.in(cues) && c-a <= 4 && comma < 0 && (attrib || quoteAttributive(toks, a)) && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !u.in(speakerNouns))
		if !u.in(cues) && !guessed {
			if u.in(npBoundary) && comma > a {
				// "“…,” Trump, the frontrunner and polling leader,
				// said": an appositive may hold a conjunction; the cue
				// must follow its closing comma.
				return d.afterRelative(si, toks, a, comma)
			}
			if w == "and" && comma < 0 && c+2 < len(toks) && (toks[c+1].upper || toks[c+1].in(titles) && toks[c+2].upper) && c > a && toks[c-1].upper {
				continue // "Phil Berger and Tim Moore said", "singer Gary Lightbody and drummer Jonny Quinn said"
			}
			if u.in(npBoundary) || (comma < 0 && c-a > maxNP) {
				return "", false
			}
			continue
		}
		if isPunct(toks[c-1], ",") && !(comma > a && (toks[a].upper && (pureName(toks[a:comma]) || affiliatedName(toks[a:comma])) || toks[a].in(determiners) && validNP(toks[a:comma]))) {
			// "“…” for Clinton, said Kunin": an inverted cue names its
			// speaker after it. After "Jeff Sessions, an adviser to
			// Trump, told AFP" the name before the appositive is the
			// speaker and what follows the cue its listener.
			if i, j, ok := fwdNP(toks, c); ok {
				return d.speakerName(si, i, j), true
			}
		}
		end := c
		for end > a && toks[end-1].kind == tokWord && toks[end-1].in(fillerWords) {
			end--
		}
		if comma > a && comma < end {
			// "“…,” the nominee, Donald Trump, tweeted": the name in
			// the appositive; else the name before its appositive.
			if i, j, ok := backNP(toks, c); ok && i > comma && pureName(toks[i:j]) && !abbreviation(toks[i:j]) {
				return d.speakerName(si, i, j), true
			}
			end = comma
		}
		if end > a && validNP(toks[a:end]) {
			return d.speakerName(si, a, end), true
		}
		if guessed {
			continue // "the bespectacled, 71-year-old diplomat said"
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

// afterRelative reads "Name, who …, said" after a closing mark: the
// relative clause that opens after the comma at comma ends at the next
// comma, and a cue (after fillers) must follow it.
func (d *doc) afterRelative(si int, toks []token, a, comma int) (string, bool) {
	for k := comma + 2; k < len(toks) && k-comma <= maxAppositive; k++ {
		if toks[k].kind == tokPunct && !isPunct(toks[k], ",") {
			return "", false
		}
		if !isPunct(toks[k], ",") {
			continue
		}
		n := k + 1
		for n < len(toks) && toks[n].kind == tokWord && toks[n].in(fillerWords) {
			n++
		}
		if n < len(toks) && toks[n].kind == tokWord && !toks[n].upper && toks[n].in(cues) && validNP(toks[a:comma]) {
			return d.speakerName(si, a, comma), true
		}
		return "", false
	}
	return "", false
}

func isDash(t token) bool {
	return t.kind == tokPunct && (t.text == "—" || t.text == "―" || t.text == "–" || t.text == "-")
}

// dashCredit reads the credit line of a quotation set off by a dash
// (“…” ― Jane Doe, “…” — Sen. John Smith, Ohio): a name of two to six
// capitalised words at a, followed by nothing but punctuation or a comma
// and an affiliation.
func (d *doc) dashCredit(si int, toks []token, a int) (string, bool) {
	j := a
	for j < len(toks) && j-a < 6 && (toks[j].kind == tokWord && toks[j].upper || isPunct(toks[j], ".") && j > a) {
		j++
	}
	if j == a || !pureName(toks[a:j]) {
		return "", false
	}
	if j < len(toks) && !isPunct(toks[j], ",") && !isPunct(toks[j], ".") {
		return "", false
	}
	return d.speakerName(si, a, j), true
}

// abbreviation reports one word with its dot ("R-Pa.", "Calif."): a
// party and state or a place, not a name.
func abbreviation(ts []token) bool {
	return len(ts) == 2 && ts[0].kind == tokWord && isPunct(ts[1], ".")
}
