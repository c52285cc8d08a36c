package claimseval

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/claimwatch/claimwatch/pkg/claims"
)

// corpusDir finds ../shared/corpus relative to the module root, skipping
// the test when it is absent.
func corpusDir(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(file), "..", "..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(dir, "seeds.gold.json")); err != nil {
		t.Skipf("corpus not found at %s (the shared corpus sits next to the module root): %v", dir, err)
	}
	return dir
}

// Goals of issue 5. The seed goals are met, and so are precision and
// recall over quoted attributions on PolNeAR dev (rules-13 with the
// attrtag-3 tagger at its split thresholds: precision 0.856,
// recall_quoted 0.852, f1_all 0.679; the rules alone 0.856 / 0.821 /
// 0.667), with little margin; F1 over attributions with a source 0.75 is
// not reached. The floors are the figures measured on dev less a small
// margin, so a regression still fails. Earlier figures (precision /
// recall_quoted / f1_all): rules-12 0.853 / 0.852 / 0.675, rules alone
// 0.853 / 0.821 / 0.664; rules-11 with one tagger threshold of 0.6
// 0.835 / 0.850 / 0.690, rules alone 0.847 / 0.820 / 0.661; rules-10
// 0.833 / 0.850 / 0.689; rules-8 0.835 / 0.839 / 0.689; rules-7 with
// attrtag-2 0.832 / 0.831 / 0.684; rules-6 0.837 / 0.831 / 0.680;
// rules-5 with attrtag-1 0.832 / 0.826 / 0.670; rules-4 0.826 / 0.829 /
// 0.669; rules-3 0.832 / 0.784 / 0.648; rules-2 0.825 / 0.735 / 0.622.
// Keeping the tagger's unquoted contents only from confidence 0.85 gave
// up 0.017 of F1 for the precision goal (TestTaggerEarnsItsPlace). About
// 0.05 of precision and of quoted recall on dev are lost to a scoring
// rule rather than to extraction: a sentence-initial "He" or "She" as
// gold source counts as a name, so a correctly resolved speaker ("James
// Baker" for "He said …") fails the speaker check. With that source
// accepting any speaker, as the lower-case pronoun does
// (PolNeARPronounsFree), dev reads 0.909 / 0.899 / 0.720.
const (
	seedQuoteP = 0.9
	seedQuoteR = 0.9
	seedQtyP   = 0.9
	seedQtyR   = 0.85

	polnearGoalP       = 0.85
	polnearGoalRQuoted = 0.85
	polnearGoalF1      = 0.75

	polnearFloorP       = 0.85
	polnearFloorRQuoted = 0.845
	polnearFloorF1      = 0.67
)

func TestSeedsEvaluation(t *testing.T) {
	dir := corpusDir(t)
	res, err := Seeds(t.Context(), claims.NewRules(0), filepath.Join(dir, "seeds"), filepath.Join(dir, "seeds.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("seeds:\n%s", res)
	check(t, "quote precision", res.QuoteP(), seedQuoteP)
	check(t, "quote recall", res.QuoteR(), seedQuoteR)
	check(t, "quantity precision", res.QtyP(), seedQtyP)
	check(t, "quantity recall", res.QtyR(), seedQtyR)
}

func check(t *testing.T, what string, got, floor float64) {
	t.Helper()
	if got+1e-9 < floor {
		t.Errorf("%s = %.3f, below %.3f", what, got, floor)
	}
}

func TestPolNeARDevEvaluation(t *testing.T) {
	dir := corpusDir(t)
	arts, err := ReadPolNeAR(filepath.Join(dir, "polnear", "dev.jsonl"), 0)
	if err != nil {
		t.Skipf("PolNeAR dev split not readable: %v", err)
	}
	res, err := PolNeAR(t.Context(), claims.NewRules(0), arts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("polnear dev:\n%s", res)
	for _, g := range []struct {
		what        string
		got         float64
		goal, floor float64
	}{
		{"precision", res.Precision(), polnearGoalP, polnearFloorP},
		{"recall over quoted attributions", res.RecallQuoted(), polnearGoalRQuoted, polnearFloorRQuoted},
		{"F1 over attributions with a source", res.F1All(), polnearGoalF1, polnearFloorF1},
	} {
		if g.got < g.goal {
			t.Logf("%s = %.3f: below the issue's goal %.3f (floor %.3f)", g.what, g.got, g.goal, g.floor)
		}
		check(t, g.what, g.got, g.floor)
	}
	free, err := PolNeARPronounsFree(t.Context(), claims.NewRules(0), arts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("polnear dev with a capitalised pronoun as gold source accepting any speaker:\n%s", free)
}

// The statistical tagger must earn its cost: on dev it adds recall over
// attributions with a source and over quoted ones and gives up little
// precision against the rules alone.
func TestTaggerEarnsItsPlace(t *testing.T) {
	dir := corpusDir(t)
	arts, err := ReadPolNeAR(filepath.Join(dir, "polnear", "dev.jsonl"), 0)
	if err != nil {
		t.Skipf("PolNeAR dev split not readable: %v", err)
	}
	all, err := PolNeAR(t.Context(), claims.NewRules(0), arts)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := PolNeAR(t.Context(), claims.NewRules(0).RulesOnly(), arts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("with the tagger:\n%s\nrules only:\n%s", all, rules)
	if gain := all.RecallAll() - rules.RecallAll(); gain < minTaggerRecallGain {
		t.Errorf("the tagger adds %.3f recall over attributions with a source, want at least %.3f", gain, minTaggerRecallGain)
	}
	if gain := all.RecallQuoted() - rules.RecallQuoted(); gain < minTaggerQuotedGain {
		t.Errorf("the tagger adds %.3f recall over quoted attributions, want at least %.3f", gain, minTaggerQuotedGain)
	}
	if loss := rules.Precision() - all.Precision(); loss > maxTaggerPrecisionLoss {
		t.Errorf("the tagger costs %.3f precision, want at most %.3f", loss, maxTaggerPrecisionLoss)
	}
}

// The tagger's measured effect on dev (attrtag-3 with rules-13, a
// quotation kept from confidence 0.5 and an unquoted content from 0.85:
// +0.016 recall over all, +0.031 over quoted, no precision lost; with
// rules-12 +0.016, +0.032, no precision lost; at one
// threshold of 0.6 with rules-11: +0.045, +0.030, -0.012; rules-8:
// +0.046, +0.032, -0.014; attrtag-2 with rules-7: +0.044, +0.033,
// -0.012), with a margin.
const (
	minTaggerRecallGain    = 0.01
	minTaggerQuotedGain    = 0.02
	maxTaggerPrecisionLoss = 0.005
)
