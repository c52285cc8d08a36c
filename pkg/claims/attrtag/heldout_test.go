package attrtag_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/claims"
	. "github.com/claimwatch/claimwatch/pkg/claims/attrtag"
	"github.com/claimwatch/claimwatch/pkg/claims/claimseval"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// TestTrain trains the tagger on PolNeAR train and writes model.bin; with
// ATTRTAG_HELDOUT set it learns from the first 756 articles only and
// writes model.heldout.bin, for TestHeldOut to score on the other 84. The
// confidence score is fitted on attributions that two fold models (each
// trained on half the articles) find in the other half, so that it
// learns from the errors the tagger makes on text it has not seen.
func TestTrain(t *testing.T) {
	if !*TrainFlag {
		t.Skip("run with -train")
	}
	arts := TrainingSlice(LoadPolNeAR(t))
	epochs, bits := EnvInt("ATTRTAG_EPOCHS", 10), uint(EnvInt("ATTRTAG_BITS", DefaultBits))
	start := time.Now()
	var feats [][NAF]float32
	var right []bool
	for fold := range 2 {
		var in, out []GoldArticle
		for i := range arts {
			if i%2 == fold {
				out = append(out, arts[i])
			} else {
				in = append(in, arts[i])
			}
		}
		fm := TrainModel(t, in, epochs, bits)
		for i := range out {
			for _, a := range fm.TagAll(out[i].Text) {
				feats = append(feats, a.Features())
				right = append(right, matchesGold(&out[i], a.Source, a.Content))
			}
		}
	}
	folds := time.Since(start)
	m := TrainModel(t, arts, epochs, bits)
	trained := time.Since(start) - folds
	m.Calibrate(feats, right)
	t.Logf("trained on %d articles: tagger %v, fold models and calibration %v (%d attributions); %d cue words",
		len(arts), trained.Round(time.Millisecond), (time.Since(start) - trained).Round(time.Millisecond), len(feats), m.CueWords())
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := back.Save(&again); err != nil || !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Fatalf("model does not survive a save and load (%v)", err)
	}
	// Package claims embeds model.bin as it builds: write it whole or not
	// at all.
	out := ModelPath()
	if err := os.WriteFile(out+".tmp", buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(out+".tmp", out); err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d bytes", out, buf.Len())
}

// matchesGold is the scorer's test of a prediction against an article.
func matchesGold(a *GoldArticle, speaker, content string) bool {
	for _, x := range a.Attrs {
		var src *string
		if x.Source != nil {
			src = &x.Source.Text
		}
		if claimseval.WordF1(content, x.Content.Text) >= 0.5 && claimseval.SpeakerOK(speaker, src) {
			return true
		}
	}
	return false
}

// pred is a predicted attribution as the scorer sees it, with the byte
// range it covers for the sentence-overlap variant of the union.
type pred struct {
	speaker, content string
	lo, hi           int
	score            float64
}

// counts are the scorer's tallies (claimseval.PolNeAR's definitions).
type counts struct {
	predicted, predOK, gold, hit, quoted, hitQuoted int
}

func (c *counts) add(a *GoldArticle, ps []pred) {
	c.predicted += len(ps)
	for _, p := range ps {
		for _, x := range a.Attrs {
			var src *string
			if x.Source != nil {
				src = &x.Source.Text
			}
			if claimseval.WordF1(p.content, x.Content.Text) >= 0.5 && claimseval.SpeakerOK(p.speaker, src) {
				c.predOK++
				break
			}
		}
	}
	for _, x := range a.Attrs {
		if x.Source == nil {
			continue
		}
		ok := false
		for _, p := range ps {
			if claimseval.WordF1(p.content, x.Content.Text) >= 0.5 && claimseval.SpeakerOK(p.speaker, &x.Source.Text) {
				ok = true
				break
			}
		}
		q := claimseval.IsQuoted(x.Content.Text)
		c.gold++
		if q {
			c.quoted++
		}
		if ok {
			c.hit++
			if q {
				c.hitQuoted++
			}
		}
	}
}

func (c counts) String() string {
	r := func(a, b int) float64 { return float64(a) / float64(max(1, b)) }
	return fmt.Sprintf("P=%.3f R=%.3f R_quoted=%.3f (pred %d ok %d; gold %d hit %d; quoted %d hit %d)",
		r(c.predOK, c.predicted), r(c.hit, c.gold), r(c.hitQuoted, c.quoted), c.predicted, c.predOK, c.gold, c.hit, c.quoted, c.hitQuoted)
}

// ruleClaims runs the rules and locates each quote or statement in the
// raw text, so that the union can test sentence overlap.
func ruleClaims(tb testing.TB, a *GoldArticle) []pred {
	cs, err := claims.NewRules(0).RulesOnly().Extract(context.Background(), claims.Input{ArticleID: a.ID, Text: a.Text, Published: claimseval.ParseDate(a.Date)})
	if err != nil {
		tb.Fatal(err)
	}
	var out []pred
	for _, c := range cs {
		if c.Kind != model.KindQuote && c.Kind != model.KindStatement {
			continue
		}
		p := pred{speaker: c.Speaker, content: c.Content, lo: -1, hi: -1}
		for _, s := range []string{c.Text, c.Content} {
			if i := strings.Index(a.Text, s); s != "" && i >= 0 {
				p.lo, p.hi = i, i+len(s)
				break
			}
		}
		if p.lo < 0 && len(c.Mentions) > 0 {
			ro := RuneOffsets(a.Text)
			mn := c.Mentions[0]
			if mn.Start >= 0 && mn.End < len(ro) && mn.Start < mn.End {
				p.lo, p.hi = ro[mn.Start], ro[mn.End]
			}
		}
		out = append(out, p)
	}
	return out
}

func taggerPreds(m *Model, text string, gated bool) []pred {
	var out []pred
	for _, a := range m.TagWith(text, gated) {
		out = append(out, pred{speaker: a.Source, content: a.Content,
			lo: min(a.SourceStart, a.ContentStart), hi: max(a.SourceEnd, a.ContentEnd), score: a.Score})
	}
	return out
}

// expand widens [lo, hi) to whole sentences.
func expand(sents [][2]int, lo, hi int) (int, int) {
	a, b := lo, hi
	for _, s := range sents {
		if s[1] > lo && s[0] < hi {
			a, b = min(a, s[0]), max(b, s[1])
		}
	}
	return a, b
}

// dump logs the tagger's additions to the rules that match no gold
// attribution, to see what goes wrong.
var dump = os.Getenv("ATTRTAG_DUMP") != ""

func dumpMiss(t *testing.T, a *GoldArticle, p pred) {
	for _, x := range a.Attrs {
		var src *string
		if x.Source != nil {
			src = &x.Source.Text
		}
		if claimseval.WordF1(p.content, x.Content.Text) >= 0.5 && claimseval.SpeakerOK(p.speaker, src) {
			return
		}
	}
	best, bf := "", 0.0
	for _, x := range a.Attrs {
		if f := claimseval.WordF1(p.content, x.Content.Text); f > bf {
			best, bf = x.Content.Text, f
			if x.Source != nil {
				best = "[" + x.Source.Text + "] " + best
			}
		}
	}
	t.Logf("MISS %.2f [%s] %q\n   nearest gold (F1 %.2f): %q", p.score, p.speaker, p.content, bf, best)
}

var thresholds = []float64{0, 0.5, 0.6, 0.7, 0.8, 0.9}

// TestHeldOut logs the figures of the held-out slice: rules alone, the
// tagger alone, and the union, at several score thresholds, gated and
// not. It trains nothing; it evaluates the model TestTrain wrote for the
// same experiment. The shipped model.bin has learned from the held-out
// slice, so it is never the one scored here.
func TestHeldOut(t *testing.T) {
	if !HeldOut && !DevMode {
		t.Skip("run with ATTRTAG_HELDOUT=1 (or ATTRTAG_DEV=1), after training that experiment's model with -train")
	}
	raw, err := os.ReadFile(ModelPath())
	if err != nil {
		t.Fatalf("%v: train the experiment's model first (the same variables and -train -run 'TestTrain$')", err)
	}
	m, err := Load(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	arts := LoadPolNeAR(t)[TrainArticles:]
	if DevMode {
		arts = LoadPolNeAR(t)[DevStart:TrainArticles]
	}
	t.Logf("held-out: %d articles; %s %d bytes", len(arts), ModelPath(), len(raw))

	var rules counts
	rulePreds := make([][]pred, len(arts))
	start := time.Now()
	for i := range arts {
		rulePreds[i] = ruleClaims(t, &arts[i])
		rules.add(&arts[i], rulePreds[i])
	}
	t.Logf("rules alone:  %v  [%v]", rules, time.Since(start).Round(time.Millisecond))

	for _, gated := range []bool{false, true} {
		tagged := make([][]pred, len(arts))
		for i := range arts {
			tagged[i] = taggerPreds(m, arts[i].Text, gated)
		}
		for _, th := range thresholds {
			var alone, union, unionSent counts
			for i := range arts {
				a := &arts[i]
				sents := SentenceSpans(a.Text)
				var keep, u, us []pred
				u = append(u, rulePreds[i]...)
				us = append(us, rulePreds[i]...)
				for _, p := range tagged[i] {
					if p.score < th {
						continue
					}
					keep = append(keep, p)
					novel := true
					for _, r := range rulePreds[i] {
						if claimseval.WordF1(p.content, r.content) >= 0.5 {
							novel = false
							break
						}
					}
					if !novel {
						continue
					}
					u = append(u, p)
					plo, phi := expand(sents, p.lo, p.hi)
					free := true
					for _, r := range rulePreds[i] {
						if r.lo < 0 {
							continue
						}
						rlo, rhi := expand(sents, r.lo, r.hi)
						if rlo < phi && plo < rhi {
							free = false
							break
						}
					}
					if free {
						us = append(us, p)
						if dump && th == 0 && gated {
							dumpMiss(t, a, p)
						}
					}
				}
				alone.add(a, keep)
				union.add(a, u)
				unionSent.add(a, us)
			}
			t.Logf("gated=%v score>=%.2f\n  tagger alone: %v\n  union:        %v\n  union (sentences without a rule claim): %v", gated, th, alone, union, unionSent)
		}
	}

	// What a caller that skips the sentences the rules attributed gets:
	// TagRanges over the others only.
	ranged := make([][]pred, len(arts))
	for i := range arts {
		ranged[i] = rangePreds(m, arts[i].Text, rulePreds[i])
	}
	for _, th := range thresholds {
		var union counts
		for i := range arts {
			u := append([]pred(nil), rulePreds[i]...)
			for _, p := range ranged[i] {
				if p.score >= th {
					u = append(u, p)
				}
			}
			union.add(&arts[i], u)
		}
		t.Logf("TagRanges over sentences without a rule claim, score>=%.2f, union: %v", th, union)
	}
}

// rangePreds tags the sentences of text that no rule claim overlaps.
func rangePreds(m *Model, text string, rules []pred) []pred {
	var out []pred
	for _, a := range m.TagRanges(text, freeSentences(SentenceSpans(text), rules)) {
		out = append(out, pred{speaker: a.Source, content: a.Content,
			lo: min(a.SourceStart, a.ContentStart), hi: max(a.SourceEnd, a.ContentEnd), score: a.Score})
	}
	return out
}

// freeSentences are the sentences of sents that no rule claim overlaps.
func freeSentences(sents [][2]int, rules []pred) [][2]int {
	var free [][2]int
	for _, s := range sents {
		taken := false
		for _, r := range rules {
			if r.lo < 0 {
				continue
			}
			if rlo, rhi := expand(sents, r.lo, r.hi); rlo < s[1] && s[0] < rhi {
				taken = true
				break
			}
		}
		if !taken {
			free = append(free, s)
		}
	}
	return free
}
