package claims

import "strings"

// speakerAfter reads the attribution that follows a closing mark.
func (d *doc) speakerAfter(si int, toks []token, a int) (string, bool) {
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
		case (u.text == "’" || u.text == "'") && c > a && strings.HasSuffix(toks[c-1].low, "s"):
			continue // "Sanders’ campaign manager": a plural's possessive
		case u.kind == tokPunct:
			return "", false
		}
		if c == a || u.upper || u.kind != tokWord {
			continue
		}
		w := lower(u)
		if (w == "who" || w == "which") && comma == c-1 && comma > a {
			// "“…,” Cruz, who has proposed repealing the mandate, said":
			// a relative clause between the name and its cue.
			if sp, ok := d.afterRelative(si, toks, a, comma); ok {
				return sp, true
			}
			return "", false
		}
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
		for n < len(toks) && toks[n].kind == tokWord && fillerWords[lower(toks[n])] {
			n++
		}
		if n < len(toks) && toks[n].kind == tokWord && !toks[n].upper && cues[lower(toks[n])] && validNP(toks[a:comma]) {
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
