package claims

import (
	"maps"
	"slices"
	"strconv"
	"strings"
)

// figure is one reported number found in a sentence.
type figure struct {
	value      float64
	unit       string
	hedge      string
	vague      bool // "thousands of": a magnitude, not a count
	subject    string
	start, end int // byte span of the phrase (hedge to unit)
	numTok     int
}

// hedges, longest first so "as many as" wins over "as".
var hedges = [][]string{
	{"tens", "of", "thousands", "of"}, {"hundreds", "of", "thousands", "of"},
	{"as", "many", "as"}, {"as", "high", "as"}, {"as", "much", "as"}, {"as", "few", "as"},
	{"no", "more", "than"}, {"an", "estimated"}, {"just", "under"}, {"just", "over"},
	{"at", "least"}, {"more", "than"}, {"up", "to"}, {"fewer", "than"}, {"less", "than"},
	{"close", "to"}, {"upwards", "of"}, {"in", "excess", "of"}, {"at", "most"}, {"greater", "than"},
	{"nearly"}, {"almost"}, {"about"}, {"approximately"}, {"roughly"}, {"around"}, {"some"},
	{"over"}, {"under"}, {"approx."}, {"circa"}, {"estimated"},
}

// canonicalHedge maps synonyms onto the hedges of DESIGN.md.
var canonicalHedge = map[string]string{"as much as": "up to", "an estimated": "about", "estimated": "about", "approx.": "approximately", "circa": "about"}

// numberWords are spelled-out numbers; only ten and above (or with a
// scale) count as figures, since "two sides" is not a reported figure.
var numberWords = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
	"million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12,
}

var scales = map[string]float64{"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9,
	"trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1000, "mn": 1e6, "tn": 1e12}

// vagueMagnitudes are plural scales used as figures ("thousands of").
var vagueMagnitudes = map[string]float64{"dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 1e6, "billions": 1e9}

// nonUnits follow numbers without being counted things: time spans and
// parts of dates.
var nonUnits = toSet(`years year months month weeks week days day hours hour minutes minute seconds
second decades decade centuries century times time percent a.m. p.m. am pm o'clock miles mile km
kilometers kilometres meters metres feet foot inches inch pounds kg kilograms tons tonnes`)

// personUnits are what news counts people in; anything else counted must
// be a plural noun.
var personUnits = toSet(`troops soldiers forces personnel fighters people civilians residents
refugees migrants workers employees jobs voters votes seats members staff officers police
prisoners hostages casualties deaths dead killed injured wounded children students patients
cases infections sailors marines servicemen mercenaries protesters demonstrators victims`)

// unitModifiers may sit between a number and its unit.
var unitModifiers = toSet(`special additional more new military elite combat armed active regular
extra other young former foreign local civilian ground reserve total confirmed registered`)

// findFigures finds the figures of sentence si.
func (d *doc) findFigures(si int) []figure {
	toks := d.toks[si]
	var out []figure
	lastUnit := ""
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		if t.kind != tokNum && !(t.kind == tokWord && (startsDigit(t.text) || t.in(figureStarters))) {
			continue // most tokens cannot start a figure
		}
		f, next, ok := d.readFigure(si, k, lastUnit)
		if !ok {
			continue
		}
		out = append(out, f)
		lastUnit = f.unit
		k = next - 1
	}
	return out
}

// readFigure reads a figure whose number starts at token k.
func (d *doc) readFigure(si, k int, lastUnit string) (figure, int, bool) {
	toks := d.toks[si]
	t := toks[k]
	f := figure{numTok: k}
	j := k
	money := k > 0 && toks[k-1].kind == tokPunct && strings.ContainsAny(toks[k-1].text, "$£€")
	switch {
	case t.kind == tokNum || (t.kind == tokWord && startsDigit(t.text)):
		v, scale, ok := parseNumeral(t.text)
		if !ok || isDateNumber(toks, k) {
			return f, 0, false
		}
		f.value = v * scale
		j = k + 1
	case t.kind == tokWord && lower(t) == "a" && k+1 < len(toks) && lower(toks[k+1]) == "dozen":
		f.value = 12
		j = k + 2
	case t.kind == tokWord && vagueMagnitudes[lower(t)] > 0 && k+1 < len(toks) && lower(toks[k+1]) == "of":
		f.value = vagueMagnitudes[lower(t)]
		f.vague = true
		f.hedge = lower(t) + " of"
		j = k + 2
	case t.kind == tokWord && numberWords[lower(t)] > 0:
		v := numberWords[lower(t)]
		j = k + 1
		for j < len(toks) && toks[j].kind == tokWord && numberWords[lower(toks[j])] > 0 {
			w := numberWords[lower(toks[j])]
			if w >= 100 {
				v *= w
			} else {
				v += w
			}
			j++
		}
		if v < 10 {
			return f, 0, false
		}
		f.value = v
	default:
		return f, 0, false
	}
	// A scale word: "1.5 million".
	if j < len(toks) && toks[j].kind == tokWord && scales[lower(toks[j])] > 0 && !f.vague {
		f.value *= scales[lower(toks[j])]
		j++
	}
	start := t.start
	if money {
		start = toks[k-1].start
	}
	if !f.vague {
		if h, hs := hedgeBefore(toks, k-boolInt(money)); h != "" {
			f.hedge = h
			start = hs
		}
	}
	// The unit, after any nationality and modifiers.
	end := toks[j-1].end
	u := j
	subject := ""
	for u < len(toks) && u-j < 4 {
		if toks[u].upper {
			if c, ok := demonymAt(toks, u); ok {
				subject = c.name
				u += c.n
				continue
			}
			break
		}
		if toks[u].in(unitModifiers) {
			u++
			continue
		}
		break
	}
	switch {
	case money:
		f.unit = "usd"
		if strings.Contains(toks[k-1].text, "£") {
			f.unit = "gbp"
		} else if strings.Contains(toks[k-1].text, "€") {
			f.unit = "eur"
		}
	case j < len(toks) && (toks[j].text == "%" || lower(toks[j]) == "percent"):
		f.unit = "percent"
		end = toks[j].end
	case u < len(toks) && isUnitNoun(toks[u]):
		f.unit = lower(toks[u])
		if u > j && lower(toks[u-1]) == "special" && f.unit == "forces" {
			f.unit = "special forces"
		}
		end = toks[u].end
		u++
	case lastUnit != "" && (j >= len(toks) || toks[j].kind == tokPunct):
		f.unit = lastUnit // "about 1,500 special forces (… as high as 3,000)"
	default:
		return f, 0, false
	}
	if nonUnits.has(f.unit) {
		return f, 0, false
	}
	f.subject = subject
	f.start, f.end = start, end
	return f, max(u, j), true
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func startsDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

// parseNumeral parses "12,000", "1.5", "1.13bn", "600m".
func parseNumeral(s string) (float64, float64, bool) {
	scale := 1.0
	num := s
	if i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != ',' && r != '.' }); i > 0 {
		sc, ok := scales[strings.ToLower(s[i:])]
		if !ok {
			return 0, 0, false // "1st", "KN-23", "27-28"
		}
		num, scale = s[:i], sc
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(num, ",", ""), 64)
	if err != nil {
		return 0, 0, false
	}
	return v, scale, true
}

// isDateNumber reports numbers that are days, years, article numbers or
// parts of names: "October 25", "25 October", "in 1990", "Article 4".
func isDateNumber(toks []token, k int) bool {
	t := toks[k]
	if k > 0 {
		p := lower(toks[k-1])
		if calendarWords.has(strings.TrimSuffix(p, ".")) || (toks[k-1].upper && toks[k-1].kind == tokWord) {
			return true
		}
		if p == "no" || p == "no." || p == "number" {
			return true
		}
	}
	if k+1 < len(toks) && calendarWords.has(strings.TrimSuffix(lower(toks[k+1]), ".")) {
		return true
	}
	if len(t.text) == 4 && !strings.ContainsAny(t.text, ",.") {
		if v, err := strconv.Atoi(t.text); err == nil && v >= 1800 && v <= 2100 {
			return true
		}
	}
	return false
}

// hedgeBefore returns the hedge ending right before token k and where it
// starts.
func hedgeBefore(toks []token, k int) (string, int) {
	for _, h := range hedges {
		n := len(h)
		if k-n < 0 {
			continue
		}
		ok := true
		for x := 0; x < n; x++ {
			if lower(toks[k-n+x]) != h[x] {
				ok = false
				break
			}
		}
		if ok {
			s := strings.Join(h, " ")
			if c, found := canonicalHedge[s]; found {
				s = c
			}
			return s, toks[k-n].start
		}
	}
	return "", 0
}

// demonymMatch is a nationality found at a token.
type demonymMatch struct {
	name string
	n    int
}

// demonymAt reads a one- or two-word place or nationality at token u
// ("North Korean", "Russian").
func demonymAt(toks []token, u int) (demonymMatch, bool) {
	if u+1 < len(toks) && toks[u+1].upper {
		if c, ok := countries[lower(toks[u])+" "+lower(toks[u+1])]; ok {
			return demonymMatch{c, 2}, true
		}
	}
	if c, ok := countries[lower(toks[u])]; ok {
		return demonymMatch{c, 1}, true
	}
	return demonymMatch{}, false
}

// isUnitNoun reports a counted noun: a known unit or a lower-case plural.
func isUnitNoun(t token) bool {
	if t.kind != tokWord || t.upper {
		return false
	}
	if t.in(personUnits) || t.in(nonUnits) {
		return true
	}
	w := lower(t)
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") &&
		!t.in(clauseOpeners) && !t.in(determiners)
}

// figureStarters are the words a figure can start with.
var figureStarters = newSet(slices.Concat([]string{"a"}, slices.Collect(maps.Keys(numberWords)), slices.Collect(maps.Keys(vagueMagnitudes)))...)
