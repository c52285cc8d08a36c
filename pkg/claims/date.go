package claims

import (
	"strconv"
	"strings"
	"time"
)

var monthIndex = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
	"sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdayIndex = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

// findDate returns the first date that sentence si mentions outside
// quotations, resolved against the publication date, as YYYY-MM-DD:
// "Oct. 18", "October 25", "25 October 2024", "on Friday" (the last Friday
// on or before publication), "yesterday", "today", "last week" (seven days
// before). Month-only mentions ("in June") are too coarse for a claim's
// date and are ignored. ok is false when there is none or the article has
// no publication date to resolve a relative one.
func (d *doc) findDate(si int) (string, bool) {
	toks := d.toks[si]
	pub := d.published
	for k, t := range toks {
		if t.kind != tokWord && t.kind != tokNum {
			continue
		}
		// Only capitalised words, numbers and a few relative words can
		// start a date.
		if !t.upper && t.kind != tokNum && t.low != "yesterday" && t.low != "today" && t.low != "tonight" && t.low != "week" {
			continue
		}
		if d.insideQuote(t.start) {
			continue
		}
		w := strings.TrimSuffix(lower(t), ".")
		if m, ok := monthIndex[w]; ok && t.upper {
			// Month Day [, Year]
			if k+1 < len(toks) && toks[k+1].kind == tokNum {
				if day, err := strconv.Atoi(toks[k+1].text); err == nil && day >= 1 && day <= 31 {
					year := yearAfter(toks, k+2)
					if dt, ok := resolveDay(pub, year, m, day); ok {
						return dt, true
					}
				}
			}
			continue
		}
		if t.kind == tokNum && k+1 < len(toks) {
			// Day Month [Year]
			if m, ok := monthIndex[strings.TrimSuffix(lower(toks[k+1]), ".")]; ok && toks[k+1].upper {
				if day, err := strconv.Atoi(t.text); err == nil && day >= 1 && day <= 31 {
					if dt, ok := resolveDay(pub, yearAfter(toks, k+2), m, day); ok {
						return dt, true
					}
				}
			}
			continue
		}
		if pub.IsZero() {
			continue
		}
		if wd, ok := weekdayIndex[w]; ok && t.upper {
			back := (int(pub.Weekday()) - int(wd) + 7) % 7
			if k > 0 && lower(toks[k-1]) == "last" && back == 0 {
				back = 7
			}
			return pub.AddDate(0, 0, -back).Format(time.DateOnly), true
		}
		switch w {
		case "yesterday":
			return pub.AddDate(0, 0, -1).Format(time.DateOnly), true
		case "today", "tonight":
			return pub.Format(time.DateOnly), true
		case "week":
			if k > 0 && lower(toks[k-1]) == "last" {
				return pub.AddDate(0, 0, -7).Format(time.DateOnly), true
			}
		}
	}
	return "", false
}

// yearAfter reads an optional ", 2024" or " 2024" at token k.
func yearAfter(toks []token, k int) int {
	if k < len(toks) && isPunct(toks[k], ",") {
		k++
	}
	if k < len(toks) && toks[k].kind == tokNum && len(toks[k].text) == 4 {
		if y, err := strconv.Atoi(toks[k].text); err == nil && y >= 1800 && y <= 2200 {
			return y
		}
	}
	return 0
}

// resolveDay picks the year of a day without one: the publication year,
// or the year before when that would put the day well after publication.
func resolveDay(pub time.Time, year int, m time.Month, day int) (string, bool) {
	if year == 0 {
		if pub.IsZero() {
			return "", false
		}
		year = pub.Year()
		if time.Date(year, m, day, 0, 0, 0, 0, time.UTC).After(pub.AddDate(0, 0, 31)) {
			year--
		}
	}
	dt := time.Date(year, m, day, 0, 0, 0, 0, time.UTC)
	if dt.Day() != day {
		return "", false // "February 31"
	}
	return dt.Format(time.DateOnly), true
}
