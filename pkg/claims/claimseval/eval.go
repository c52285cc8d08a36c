package claimseval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/claimwatch/claimwatch/pkg/claims"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// SeedsResult holds the seed figures of score.py.
type SeedsResult struct {
	QuotesMatched, QuotesPredicted, QuotesGold             int
	QuantitiesMatched, QuantitiesPredicted, QuantitiesGold int
}

// QuoteP and the other accessors are score.py's ratios (max(1, n) below).
func (r SeedsResult) QuoteP() float64 { return ratio(r.QuotesMatched, r.QuotesPredicted) }

// QuoteR is quote recall.
func (r SeedsResult) QuoteR() float64 { return ratio(r.QuotesMatched, r.QuotesGold) }

// QtyP is quantity precision.
func (r SeedsResult) QtyP() float64 { return ratio(r.QuantitiesMatched, r.QuantitiesPredicted) }

// QtyR is quantity recall.
func (r SeedsResult) QtyR() float64 { return ratio(r.QuantitiesMatched, r.QuantitiesGold) }

func ratio(a, b int) float64 { return float64(a) / float64(max(1, b)) }

// String prints the figures in score.py's format.
func (r SeedsResult) String() string {
	return fmt.Sprintf("quotes: %d matched, %d predicted, %d gold\nquantities: %d matched, %d predicted, %d gold\nquote_p=%.3f quote_r=%.3f qty_p=%.3f qty_r=%.3f",
		r.QuotesMatched, r.QuotesPredicted, r.QuotesGold, r.QuantitiesMatched, r.QuantitiesPredicted, r.QuantitiesGold,
		r.QuoteP(), r.QuoteR(), r.QtyP(), r.QtyR())
}

type seedGold struct {
	Articles map[string]struct {
		Published string `json:"published"`
		Quotes    []struct {
			Speaker string `json:"speaker"`
			Quote   string `json:"quote"`
		} `json:"quotes"`
		Quantities []struct {
			Value float64 `json:"value"`
			Unit  string  `json:"unit"`
			Hedge string  `json:"hedge"`
		} `json:"quantities"`
	} `json:"articles"`
}

// Seeds scores ex on the seed articles in seedsDir against gold.json.
func Seeds(ctx context.Context, ex claims.Extractor, seedsDir, goldPath string) (SeedsResult, error) {
	var res SeedsResult
	raw, err := os.ReadFile(goldPath)
	if err != nil {
		return res, fmt.Errorf("read gold: %w", err)
	}
	var gold seedGold
	if err := json.Unmarshal(raw, &gold); err != nil {
		return res, fmt.Errorf("parse gold %s: %w", goldPath, err)
	}
	ids := make([]string, 0, len(gold.Articles))
	for id := range gold.Articles {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		g := gold.Articles[id]
		text, err := os.ReadFile(filepath.Join(seedsDir, id+".txt"))
		if err != nil {
			return res, fmt.Errorf("read seed: %w", err)
		}
		cs, err := ex.Extract(ctx, claims.Input{ArticleID: id, Text: string(text), Published: ParseDate(g.Published)})
		if err != nil {
			return res, fmt.Errorf("extract %s: %w", id, err)
		}
		used := map[int]bool{}
		for _, c := range cs {
			if c.Kind != model.KindQuote || c.Fragment {
				continue
			}
			res.QuotesPredicted++
			for i, q := range g.Quotes {
				if !used[i] && SameSpeaker(c.Speaker, q.Speaker) && WordF1(c.Content, q.Quote) >= 0.6 {
					used[i] = true
					res.QuotesMatched++
					break
				}
			}
		}
		res.QuotesGold += len(g.Quotes)
		used = map[int]bool{}
		for _, c := range cs {
			if c.Kind != model.KindQuantity {
				continue
			}
			res.QuantitiesPredicted++
			if c.Quantity == nil {
				continue
			}
			for i, q := range g.Quantities {
				if !used[i] && c.Quantity.Value == q.Value && c.Quantity.Hedge == q.Hedge && unitKind(c.Quantity.Unit) == unitKind(q.Unit) {
					used[i] = true
					res.QuantitiesMatched++
					break
				}
			}
		}
		res.QuantitiesGold += len(g.Quantities)
	}
	return res, nil
}

// PolNeARResult holds the PolNeAR figures of score.py.
type PolNeARResult struct {
	Articles, Gold, Quoted, Predicted int
	HitAll, HitQuoted, PredOK         int
}

// Precision is over all predicted quotes and statements.
func (r PolNeARResult) Precision() float64 { return ratio(r.PredOK, r.Predicted) }

// RecallAll is over gold attributions with a source.
func (r PolNeARResult) RecallAll() float64 { return ratio(r.HitAll, r.Gold) }

// RecallQuoted is over gold attributions whose content is quoted.
func (r PolNeARResult) RecallQuoted() float64 { return ratio(r.HitQuoted, r.Quoted) }

// F1All combines Precision and RecallAll.
func (r PolNeARResult) F1All() float64 {
	p, rc := r.Precision(), r.RecallAll()
	return 2 * p * rc / max(1e-9, p+rc)
}

// String prints the figures in score.py's format.
func (r PolNeARResult) String() string {
	return fmt.Sprintf("articles=%d gold_attributions=%d quoted=%d predicted=%d\nprecision=%.3f recall_all=%.3f recall_quoted=%.3f f1_all=%.3f",
		r.Articles, r.Gold, r.Quoted, r.Predicted, r.Precision(), r.RecallAll(), r.RecallQuoted(), r.F1All())
}

// PolNeARArticle is one line of a PolNeAR-format file.
type PolNeARArticle struct {
	ID           string `json:"id"`
	Date         string `json:"date"`
	Title        string `json:"title"`
	Text         string `json:"text"`
	Attributions []struct {
		Source *struct {
			Text string `json:"text"`
		} `json:"source"`
		Content struct {
			Text string `json:"text"`
		} `json:"content"`
	} `json:"attributions"`
}

// ReadPolNeAR reads up to limit articles (all when limit <= 0).
func ReadPolNeAR(path string, limit int) ([]PolNeARArticle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open polnear: %w", err)
	}
	defer f.Close()
	var arts []PolNeARArticle
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var a PolNeARArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return nil, fmt.Errorf("parse %s line %d: %w", path, len(arts)+1, err)
		}
		arts = append(arts, a)
		if limit > 0 && len(arts) == limit {
			break
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return arts, nil
}

// PolNeAR scores ex on PolNeAR-format articles. Like score.py, it passes
// only the text and the date to the extractor.
func PolNeAR(ctx context.Context, ex claims.Extractor, arts []PolNeARArticle) (PolNeARResult, error) {
	return polnear(ctx, ex, arts, SpeakerOK)
}

// PolNeARPronounsFree is PolNeAR with a gold source that is a lone
// pronoun accepting any speaker whatever its case. score.py does so for
// "he" but reads a sentence-initial "He" as a name, so a speaker resolved
// to the person the pronoun stands for ("James Baker" for "He said …")
// counts as wrong there. The difference between the two is what that
// rule costs; the figures of issue 5 are PolNeAR's.
func PolNeARPronounsFree(ctx context.Context, ex claims.Extractor, arts []PolNeARArticle) (PolNeARResult, error) {
	return polnear(ctx, ex, arts, func(pred string, gold *string) bool {
		if gold != nil && pronounSource(*gold) {
			return true
		}
		return SpeakerOK(pred, gold)
	})
}

func pronounSource(s string) bool {
	switch strings.ToLower(strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))) {
	case "he", "she", "they", "we", "it", "i", "you":
		return true
	}
	return false
}

func polnear(ctx context.Context, ex claims.Extractor, arts []PolNeARArticle, speakerOK func(string, *string) bool) (PolNeARResult, error) {
	res := PolNeARResult{Articles: len(arts)}
	for _, a := range arts {
		all, err := ex.Extract(ctx, claims.Input{ArticleID: a.ID, Text: a.Text, Published: ParseDate(a.Date)})
		if err != nil {
			return res, fmt.Errorf("extract %s: %w", a.ID, err)
		}
		var cs []model.Claim
		for _, c := range all {
			if c.Kind == model.KindQuote || c.Kind == model.KindStatement {
				cs = append(cs, c)
			}
		}
		res.Predicted += len(cs)
		for _, c := range cs {
			for _, x := range a.Attributions {
				var src *string
				if x.Source != nil {
					src = &x.Source.Text
				}
				if WordF1(c.Content, x.Content.Text) >= 0.5 && speakerOK(c.Speaker, src) {
					res.PredOK++
					break
				}
			}
		}
		for _, x := range a.Attributions {
			if x.Source == nil {
				continue
			}
			quoted := containsAnyQuote(x.Content.Text)
			ok := false
			for _, c := range cs {
				if WordF1(c.Content, x.Content.Text) >= 0.5 && speakerOK(c.Speaker, &x.Source.Text) {
					ok = true
					break
				}
			}
			res.Gold++
			if ok {
				res.HitAll++
			}
			if quoted {
				res.Quoted++
				if ok {
					res.HitQuoted++
				}
			}
		}
	}
	return res, nil
}

// IsQuoted reports whether a gold content is in quotation marks, as
// score.py decides it: any quotation mark in the text.
func IsQuoted(s string) bool { return containsAnyQuote(s) }

func containsAnyQuote(s string) bool {
	for _, r := range s {
		if r == '“' || r == '”' || r == '"' {
			return true
		}
	}
	return false
}

// ParseDate parses the corpus' dates (YYYY-MM-DD or RFC 3339); a bad or
// empty date is the zero time, as score.py passes no --published then.
func ParseDate(s string) time.Time {
	for _, layout := range []string{time.DateOnly, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}
