package claims

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/claimwatch/claimwatch/pkg/claims/attrtag"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// Input is one article to extract claims from.
type Input struct {
	ArticleID string
	Title     string
	// Text is the article body, plain text or HTML (detected).
	Text      string
	Published time.Time
}

// Extractor reads the claims of one article. Implementations must be safe
// for concurrent use and deterministic: the same input gives the same
// claims in the same order, so a redelivered message republishes the same
// batch. A nil error with no claims means the article has none.
type Extractor interface {
	Extract(ctx context.Context, in Input) ([]model.Claim, error)
	// Version names the extractor and its rules; it is part of the
	// message ID of a claim batch, so a new version re-extracts.
	Version() string
}

// ErrTooLarge is returned for an article longer than the extractor's
// limit.
var ErrTooLarge = errors.New("article too large")

// RulesVersion is the version of the rule-based extractor.
const RulesVersion = "rules-13"

// taggerVersion names the embedded attrtag model; a retrained model
// changes it, so articles are re-extracted.
const taggerVersion = "attrtag-3"

// DefaultMaxBytes bounds the article size Rules accepts.
const DefaultMaxBytes = 32 << 20

// Rules is the rule-based Extractor, by default completed by the
// statistical attribution tagger (package attrtag) in the sentences the
// rules leave without a quote or statement. The zero value is not usable;
// call NewRules.
type Rules struct {
	maxBytes int
	tagger   *attrtag.Model
}

var _ Extractor = (*Rules)(nil)

// NewRules returns the rule-based extractor. maxBytes <= 0 means
// DefaultMaxBytes.
func NewRules(maxBytes int) *Rules {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	return &Rules{maxBytes: maxBytes, tagger: attrtag.Default()}
}

// RulesOnly returns the extractor without the tagger: the rules on their
// own, faster, finding fewer attributions.
func (r *Rules) RulesOnly() *Rules {
	c := *r
	c.tagger = nil
	return &c
}

// Version implements Extractor.
func (r *Rules) Version() string {
	if r.tagger == nil {
		return RulesVersion
	}
	return RulesVersion + "+" + taggerVersion
}

// Extract implements Extractor. It checks ctx between sentences, so a
// cancelled context stops a huge article early with ctx.Err().
func (r *Rules) Extract(ctx context.Context, in Input) ([]model.Claim, error) {
	if len(in.Text)+len(in.Title) > r.maxBytes {
		return nil, fmt.Errorf("extract %s: %w: %d bytes, limit %d", in.ArticleID, ErrTooLarge, len(in.Text)+len(in.Title), r.maxBytes)
	}
	text := Clean(in.Text)
	if title := strings.TrimSpace(Clean(in.Title)); title != "" && !strings.HasPrefix(text, title) {
		text = title + "\n\n" + text
	}
	d := newDoc(text, in.ArticleID, in.Published)
	defer d.release()
	d.tagger = r.tagger
	return d.extract(ctx)
}

// minFragmentWords is the length below which a quoted phrase inside the
// writer's sentence ("groundless rumors") is left to the statement that
// contains it.
const minFragmentWords = 8

// minContinuationWords is the length from which a quotation that opens
// the sentence after “A,” he said. continues A: a short line after the
// attribution ("This is our business.") is a remark of its own, a longer
// passage the rest of the utterance.
const minContinuationWords = 5

// maxInterruption bounds the attribution that splits one utterance
// (“…,” said Jenna Golden, Twitter’s director of political advertising,
// “…”); a longer stretch between two quotations is the writer's own.
const maxInterruption = 20

// draft is a claim being assembled, with what the post-processing needs.
type draft struct {
	claim     model.Claim
	cue       string
	para      int
	vague     bool
	quoteOpen int // where a quotation claim's opening mark is
	start     int // byte span of the claim's text
	end       int
	sentence  int
	how       string // the construction that attributed a quote or statement
	verdict   int8   // the confidence model's, once judged: 1 kept, -1 rejected
}

// extendQuote adds quotation next to the utterance dr is drafting, and
// its sentence to dr's span.
func (d *doc) extendQuote(dr *draft, next quote) {
	dr.claim.Content += " " + next.content(d.text)
	if e := d.sents[d.sentAt(next.close-1)].end; e > dr.end {
		dr.end = e
	}
}

func (d *doc) extract(ctx context.Context) ([]model.Claim, error) {
	drafts, err := d.drafts(ctx)
	if err != nil {
		return nil, err
	}
	return d.finish(dropEchoes(d.dropUnlikely(drafts))), nil
}

// drafts finds every claim of the document before the confidence filter.
func (d *doc) drafts(ctx context.Context) ([]draft, error) {
	var drafts []draft
	qi := 0
	var prev *attribution
	plan := d.planTagging()
	claimedUntil := 0 // where the last quote or statement drafted so far ends
	var fs featureSet
	turns := d.findTurns()
	for si := range d.sents {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		s := d.sents[si]
		firstOfSentence := len(drafts)
		fullQuote := false
		if t, ok := turns[s.para]; ok && s.start == d.paras[s.para].start {
			drafts = append(drafts, d.turnDraft(si, t))
		}
		var fragments []draft
		for qi < len(d.quotes) && d.quotes[qi].open < s.end {
			q := d.quotes[qi]
			a, ok := d.attributeQuote(qi, prev)
			qi++
			if !ok {
				continue
			}
			if !a.fragment {
				fullQuote = true
				cp := a
				prev = &cp
			}
			d.noteSpeaker(a.lastS, a.speaker)
			dr := d.quoteDraft(q, a)
			for !a.fragment && a.tail == 0 && qi < len(d.quotes) && (a.after && d.interrupted(q, d.quotes[qi]) || d.adjacent(q, d.quotes[qi])) {
				// “…,” X said, “…”: one utterance split by its
				// attribution is one quote.
				q = d.quotes[qi]
				qi++
				d.extendQuote(&dr, q)
			}
			if !a.fragment && a.after {
				// “A,” he said. “B.”: the quotation that opens the next
				// sentence without an attribution of its own continues
				// the utterance.
				for qi+1 < len(d.quotes) && d.titleInAttribution(d.quotes[qi], a.lastS) && d.continues(q, d.quotes[qi+1], a) {
					qi++
				}
				for qi < len(d.quotes) && d.continues(q, d.quotes[qi], a) {
					b, ok := d.attributeQuote(qi, &a)
					if !ok || b.after || b.fragment || b.speaker != a.speaker || wordCount(d.quotes[qi].content(d.text)) < minContinuationWords || d.attributedRun(qi) {
						break
					}
					q = d.quotes[qi]
					qi++
					d.extendQuote(&dr, q)
				}
			}
			if a.fragment {
				// A quoted phrase inside the writer's sentence waits
				// until we know whether a statement carries it.
				fragments = append(fragments, dr)
				continue
			}
			drafts = append(drafts, dr)
		}
		var stated []statementHit
		h, titled := d.headlineAttribution(si)
		if titled {
			stated = append(stated, h)
			drafts = append(drafts, d.statementDraft(si, h))
		} else if !d.headline[s.para] {
			stated = d.findStatements(si)
			for _, h := range stated {
				d.noteSpeaker(si, h.speaker)
				drafts = append(drafts, d.statementDraft(si, h))
			}
		}
		if !fullQuote {
			// A quoted phrase is a claim of its own when it is long
			// enough to be more than a label and no reported statement
			// of the sentence already carries it.
			for _, dr := range fragments {
				long := wordCount(dr.claim.Content) >= minFragmentWords
				if (long || len(stated) == 0) && !isTitleCase(dr.claim.Content) && !carried(stated, dr.quoteOpen) {
					drafts = append(drafts, dr)
				}
			}
		}
		if plan != nil {
			for i := firstOfSentence; i < len(drafts); i++ {
				dr := &drafts[i]
				if (dr.claim.Kind == model.KindQuote || dr.claim.Kind == model.KindStatement) && !d.unlikely(dr, &fs) {
					claimedUntil = max(claimedUntil, dr.end)
				}
			}
		}
		for _, f := range d.findFigures(si) {
			drafts = append(drafts, d.figureDraft(si, f))
		}
		plan.note(d, si, s.start < claimedUntil, len(drafts))
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	drafts = d.addTagged(drafts, plan)
	drafts = d.dropHeadlineRepeats(drafts)
	drafts = dropVagueFigures(drafts)
	return drafts, nil
}

func (d *doc) quoteDraft(q quote, a attribution) draft {
	start, end := d.sents[a.firstS].start, d.sents[a.lastS].end
	if q.open < start {
		start = q.open
	}
	content := q.content(d.text)
	if a.tail > q.close {
		content += " " + strings.TrimSpace(d.text[q.close:a.tail])
	}
	c := model.Claim{Kind: model.KindQuote, Content: content, Fragment: a.fragment, Speaker: a.speaker}
	return draft{claim: c, para: d.sents[a.firstS].para, start: start, end: end, sentence: a.firstS, quoteOpen: q.open, how: a.how}
}

func (d *doc) statementDraft(si int, h statementHit) draft {
	s := d.sents[si]
	content := h.content
	if content == "" {
		content = d.text[h.contentStart:h.contentEnd]
	}
	c := model.Claim{Kind: model.KindStatement, Content: content, Speaker: h.speaker}
	return draft{claim: c, cue: h.cue, para: s.para, start: s.start, end: s.end, sentence: si, how: h.how}
}

func (d *doc) figureDraft(si int, f figure) draft {
	s := d.sents[si]
	iv := HedgeInterval(f.value, f.hedge)
	c := model.Claim{
		Kind:     model.KindQuantity,
		Content:  d.text[f.start:f.end],
		Subject:  f.subject,
		Quantity: &model.Quantity{Value: f.value, Unit: f.unit, Hedge: f.hedge, Low: iv.Low, High: iv.High},
	}
	if c.Subject == "" {
		c.Subject = d.figureSubject(si, f)
	}
	c.Source = d.figureSource(si, f)
	return draft{claim: c, para: s.para, vague: f.vague, start: s.start, end: s.end, sentence: si}
}

// attributedRun reports a quotation qi that runs on, with nothing but a
// comma, into one with an attribution of its own after it (“…,” “…,”
// she added): the two are that attribution's utterance, not a
// continuation of the one before.
func (d *doc) attributedRun(qi int) bool {
	_, _, ok := d.runAttribution(qi)
	return ok
}

// maxRun bounds the quotations runAttribution follows.
const maxRun = 16

// runAttribution finds the attribution after the last of the quotations
// that follow quotation qi with nothing but a comma between them: the
// speaker and the sentence it stands in.
func (d *doc) runAttribution(qi int) (string, int, bool) {
	l := qi
	for l+1 < len(d.quotes) && l-qi < maxRun && d.adjacent(d.quotes[l], d.quotes[l+1]) {
		l++
	}
	if l == qi {
		return "", 0, false
	}
	lq := d.quotes[l]
	if !lq.closed {
		return "", 0, false
	}
	le := d.sentAt(lq.close - 1)
	sp, ok := d.speakerAfter(le, d.toks[le], d.tokenAt(le, lq.close), false)
	return sp, le, ok
}

// interrupted reports whether quotation b continues a in the same sentence
// after an attribution: “…,” X said, “…”.
func (d *doc) interrupted(a, b quote) bool {
	if !a.closed || b.open < a.close || b.open-a.close > 200 || d.sentAt(a.close-1) != d.sentAt(b.open) {
		return false
	}
	between := strings.TrimSpace(d.text[a.close:b.open])
	if !strings.HasSuffix(between, ",") && !strings.HasSuffix(between, "—") {
		return false
	}
	if bw := words(between); len(bw) > maxInterruption || slices.Contains(bw, "that") || participleClause(between) {
		// “…,” Gingrich told O’Reilly, noting that he …, “…” and “…,”
		// Sanders said, suggesting a few questions, including, “…”: a
		// new clause, and a new utterance.
		return false
	}
	// A dot in the same sentence is an abbreviation's ("Mr.", "N.C.").
	return !strings.ContainsAny(between, "!?;:")
}

// participleClause reports a speech act's participle opening a clause
// after a comma (", adding", ", suggesting"): another utterance. An
// aside (", referring to the first entries,") or a noun phrase ("director
// of marketing") leaves the utterance whole.
func participleClause(s string) bool {
	_, rest, _ := strings.Cut(s, ", ")
	for part := range strings.SplitSeq(rest, ", ") {
		w := part
		if k := strings.IndexAny(w, " ,"); k >= 0 {
			w = w[:k]
		}
		if strings.HasSuffix(w, "ing") && cues.has(w) {
			return true
		}
	}
	return false
}

// isTitleCase reports a quoted phrase whose every word is capitalised: a
// title or a name ("Meet the Press"), not speech.
func isTitleCase(s string) bool {
	n := 0
	for w := range strings.FieldsSeq(s) {
		w = strings.Trim(w, ".,:;!?\"“”‘’'()")
		if w == "" || len(w) <= 3 && !isUpperStart(w) {
			continue // "the", "of", "for"
		}
		if !isUpperStart(w) {
			return false
		}
		n++
	}
	return n > 0
}

// continues reports whether quotation b opens the sentence right after
// the one where q closes, or right after the sentence of q's attribution
// at when that stood on its own (“…?” Trump said. “…”). That sentence
// may open the next paragraph when the attribution closed its own: news
// writing gives a long utterance a paragraph of its own after
// “…,” Carson continued. A list of voices credited by a dash (“…” ―
// Jane Doe) has one a paragraph.
func (d *doc) continues(q, b quote, at attribution) bool {
	if !q.closed || b.open < q.close {
		return false
	}
	sa, sb := max(d.sentAt(q.close-1), at.lastS), d.sentAt(b.open)
	if sb != sa+1 || d.sents[sb].para-d.sents[sa].para > 1 || at.credit && d.sents[sb].para != d.sents[sa].para {
		return false
	}
	return strings.TrimSpace(d.text[d.sents[sb].start:b.open]) == ""
}

// titleInAttribution reports a quoted title inside the attribution
// sentence attrS of an utterance (“…,” Sanders said on CNN’s “State of
// the Union” Sunday. “…”): it neither continues nor ends the utterance.
func (d *doc) titleInAttribution(q quote, attrS int) bool {
	return q.closed && d.sentAt(q.open) == attrS && d.sentAt(q.close-1) == attrS && isTitleCase(q.content(d.text))
}

// adjacent reports quotations in one sentence with nothing but a comma
// between them (“…,” “…”): one utterance.
func (d *doc) adjacent(a, b quote) bool {
	if !a.closed || b.open < a.close || b.open-a.close > 3 || d.sentAt(a.close-1) != d.sentAt(b.open) {
		return false
	}
	between := strings.TrimSpace(d.text[a.close:b.open])
	return between == "" || between == ","
}

// carried reports whether a statement's clause contains byte position pos.
func carried(hits []statementHit, pos int) bool {
	for _, h := range hits {
		if pos >= h.contentStart && pos < h.contentEnd {
			return true
		}
	}
	return false
}
