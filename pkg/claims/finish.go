package claims

import (
	"slices"
	"strings"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// dropHeadlineRepeats removes claims read from a title or heading that
// the body repeats: a headline figure the body gives with its hedge and
// source, a headline quote the body quotes in full.
func (d *doc) dropHeadlineRepeats(drafts []draft) []draft {
	out := drafts[:0]
	for i, dr := range drafts {
		if !d.headline[dr.para] || !repeatedInBody(d, drafts, i) {
			out = append(out, dr)
		}
	}
	return out
}

func repeatedInBody(d *doc, drafts []draft, i int) bool {
	a := drafts[i].claim
	for j, b := range drafts {
		if j == i || d.headline[b.para] || b.claim.Kind != a.Kind {
			continue
		}
		if a.Kind == model.KindQuantity && a.Quantity.Value == b.claim.Quantity.Value {
			return true
		}
		if a.Kind != model.KindQuantity && wordF1(a.Content, b.claim.Content) >= 0.5 {
			return true
		}
	}
	return false
}

// dropEchoes removes a statement that repeats a quotation of its own
// sentence and speaker, whole or behind a few words of the writer's
// ("As a phone rang, “It’s 3 a.m. …”", "Asked about the device, “Not
// going to go into that”"): the quote is the claim, and the words before
// it are circumstance, not speech.
func dropEchoes(drafts []draft) []draft {
	// Only statements are dropped, so the compacted prefix still holds
	// every quote before i, in order, for echoesQuote to look back on.
	out := drafts[:0]
	for i, dr := range drafts {
		if dr.claim.Kind != model.KindStatement || !echoesQuote(drafts, i) {
			out = append(out, dr)
		}
	}
	return out
}

// maxEchoLead bounds the writer's words before a quotation that a
// statement echoing it may have.
const maxEchoLead = 8

// echoesQuote reports whether the statement drafts[i] ends with a quote
// of its sentence and speaker. Drafts come in sentence order, so the
// sentence's quotes are its neighbours.
func echoesQuote(drafts []draft, i int) bool {
	s := drafts[i]
	var ws []string
	for _, step := range [2]int{-1, 1} {
		for j := i + step; j >= 0 && j < len(drafts) && drafts[j].sentence == s.sentence; j += step {
			q := drafts[j]
			if q.claim.Kind != model.KindQuote || q.claim.Fragment || q.claim.Speaker != s.claim.Speaker {
				continue
			}
			if ws == nil {
				ws = words(s.claim.Content)
			}
			if endsWithQuote(ws, words(q.claim.Content)) {
				return true
			}
		}
	}
	return false
}

// endsWithQuote reports statement words ws that are quote words wq behind
// at most maxEchoLead words of circumstance. "Truancy was “very bad” and
// said “firm action” was needed" reports a second act before the
// quotation, and is no echo.
func endsWithQuote(ws, wq []string) bool {
	lead := len(ws) - len(wq)
	return len(wq) > 0 && lead >= 0 && lead <= maxEchoLead && slices.Equal(ws[lead:], wq) && !slices.ContainsFunc(ws[:lead], cues.has)
}

// dropVagueFigures removes "thousands of"-style magnitudes when the same
// article gives a precise figure for the same unit: the magnitude adds
// nothing and would only pose as a separate claim. A magnitude that is
// the article's only figure for its unit stays.
func dropVagueFigures(drafts []draft) []draft {
	precise := map[string]bool{}
	for _, dr := range drafts {
		if dr.claim.Kind == model.KindQuantity && !dr.vague {
			precise[UnitKind(dr.claim.Quantity.Unit)] = true
		}
	}
	out := drafts[:0]
	for _, dr := range drafts {
		if dr.vague && precise[UnitKind(dr.claim.Quantity.Unit)] {
			continue
		}
		out = append(out, dr)
	}
	return out
}

// finish fills dates, entities, scores, keys and mentions, and merges
// claims of the same key within the article into one with several
// mentions.
func (d *doc) finish(drafts []draft) []model.Claim {
	out := make([]model.Claim, 0, len(drafts))
	index := map[string]int{}
	published := "" // the date of claims whose sentence names none
	if !d.published.IsZero() {
		published = d.published.UTC().Format("2006-01-02")
	}
	for _, dr := range drafts {
		c := dr.claim
		if c.Kind == model.KindQuote {
			// “…,” she said: the comma stands for the full stop the
			// attribution displaced.
			c.Content = strings.TrimRight(c.Content, ", ")
		}
		c.Text = strings.TrimSpace(d.text[dr.start:dr.end])
		if dt, ok := d.findDate(dr.sentence); ok {
			c.Date = dt
		} else {
			c.Date = published
		}
		c.Entities = d.claimEntities(dr, &c)
		c.Score = Score(&c, dr.cue)
		SetKey(&c)
		m := model.Mention{ArticleID: d.id, Sentence: dr.sentence, Start: d.runeOffset(dr.start), End: d.runeOffset(dr.end)}
		for tries := 0; tries < 3; tries++ {
			k, ok := index[c.ID]
			if !ok || sameClaim(&out[k], &c) {
				break
			}
			refineKey(&c)
		}
		if k, ok := index[c.ID]; ok {
			out[k].Mentions = append(out[k].Mentions, m)
			continue
		}
		c.Mentions = []model.Mention{m}
		index[c.ID] = len(out)
		out = append(out, c)
	}
	return out
}

// claimEntities lists the people, organisations and places named in the
// claim's sentences plus its speaker, source and subject, in order of
// appearance, each once.
func (d *doc) claimEntities(dr draft, c *model.Claim) []string {
	var names nameSet
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			names.add(s)
		}
	}
	if c.Speaker != "" && isUpperStart(c.Speaker) {
		add(c.Speaker)
	}
	for si := dr.sentence; si < len(d.sents) && d.sents[si].start < dr.end; si++ {
		for _, e := range d.ents[si] {
			if e.kind == entUnknown && e.tok == 0 && !strings.Contains(e.name, " ") && !isAcronym(e.name) {
				continue // a capitalised first word may be any word
			}
			add(e.canon)
		}
	}
	if c.Source != "" && isUpperStart(c.Source) {
		add(c.Source)
	}
	add(c.Subject)
	return names.list
}

// nameSet lists names once each, comparing them in lower case. A claim
// names a handful, found by a scan; past nameScan it keeps their lower
// case in a map, so a hostile claim naming thousands stays linear.
type nameSet struct {
	list []string
	lows map[string]bool
}

const nameScan = 16

func (s *nameSet) add(name string) {
	if s.list == nil {
		s.list = make([]string, 0, 8) // room for most claims' names at once
	}
	if len(s.list) < nameScan {
		for _, n := range s.list {
			if sameLower(n, name) {
				return
			}
		}
		s.list = append(s.list, name)
		return
	}
	if s.lows == nil {
		s.lows = make(map[string]bool, 2*nameScan)
		for _, n := range s.list {
			s.lows[strings.ToLower(n)] = true
		}
	}
	low := strings.ToLower(name)
	if !s.lows[low] {
		s.lows[low] = true
		s.list = append(s.list, name)
	}
}

// wordF1 is the word-level F1 of two texts, the measure the evaluation
// uses to match contents.
func wordF1(a, b string) float64 { return MultisetF1(words(a), words(b)) }

// MultisetF1 is the F1 of two word multisets: the share of words the two
// lists have in common, counted with multiplicity, against each list's
// length. It is 0 when either list is empty.
func MultisetF1(wa, wb []string) float64 {
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	ca := make(map[string]int, len(wa))
	for _, w := range wa {
		ca[w]++
	}
	common := 0
	for _, w := range wb {
		if ca[w] > 0 {
			ca[w]--
			common++
		}
	}
	if common == 0 {
		return 0
	}
	p, r := float64(common)/float64(len(wa)), float64(common)/float64(len(wb))
	return 2 * p * r / (p + r)
}

// sameClaim reports whether two claims of one article with the same key
// are the same claim said twice rather than two remarks on one root.
func sameClaim(a, b *model.Claim) bool {
	if a.Kind == model.KindQuantity {
		return a.Content == b.Content || a.Quantity.Value == b.Quantity.Value
	}
	return wordF1(a.Content, b.Content) >= 0.8
}
