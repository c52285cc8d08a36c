package claims

import (
	"math"
	"testing"

	"github.com/claimwatch/claimwatch/pkg/model"
)

func firstStatementDraft(t *testing.T, d *doc) draft {
	t.Helper()
	drafts, err := d.drafts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, dr := range drafts {
		if dr.claim.Kind == model.KindStatement {
			return dr
		}
	}
	t.Fatal("no statement drafted")
	return draft{}
}

// A renamed feature the weights do not know would silently weigh
// nothing; this catches features changed without retraining.
func TestWeightsKnowTheFeaturesOfAPlainStatement(t *testing.T) {
	d := newDoc("Russian President Vladimir Putin said the treaty allows such cooperation between the two countries.", "art", published)
	dr := firstStatementDraft(t, d)
	var fs featureSet
	fs.reset(true)
	d.features(dr, &fs)
	if len(fs.names) < 8 {
		t.Fatalf("only %d features: %v", len(fs.names), fs.names)
	}
	for _, f := range fs.names {
		if _, ok := confWeights[f]; !ok {
			t.Errorf("feature %q has no weight; retrain with go test ./pkg/claims -run TestTrainConfidence -train-confidence", f)
		}
	}
	if math.IsInf(confThreshold, 0) || confThreshold < -10 || confThreshold > 10 {
		t.Errorf("threshold %v is not a trained one", confThreshold)
	}
}

func TestFeatureScoreIsTheSumOfItsWeightsAndAllocatesNothing(t *testing.T) {
	d := newDoc("Russian President Vladimir Putin said the treaty allows such cooperation between the two countries.", "art", published)
	dr := firstStatementDraft(t, d)
	var named featureSet
	named.reset(true)
	d.features(dr, &named)
	want := float64(confBias)
	for _, f := range named.names {
		want += float64(confWeights[f])
	}
	var fs featureSet
	fs.reset(false)
	d.features(dr, &fs)
	if math.Abs(fs.score-want) > 1e-9 || math.Abs(named.score-want) > 1e-9 {
		t.Errorf("score %v (with names %v), want the sum of weights %v", fs.score, named.score, want)
	}
	allocs := testing.AllocsPerRun(100, func() {
		fs.reset(false)
		d.features(dr, &fs)
	})
	if allocs != 0 {
		t.Errorf("scoring a draft allocates %.1f times", allocs)
	}
}

func TestConfidenceDropsOnlyQuotesAndStatements(t *testing.T) {
	d := newDoc("Officials said 1,500 troops arrived on Monday.", "art", published)
	drafts, err := d.drafts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var figures int
	for _, dr := range drafts {
		if dr.claim.Kind == model.KindQuantity {
			figures++
		}
	}
	kept := 0
	for _, dr := range d.dropUnlikely(drafts) {
		if dr.claim.Kind == model.KindQuantity {
			kept++
		}
	}
	if figures == 0 || kept != figures {
		t.Errorf("figures: %d drafted, %d kept", figures, kept)
	}
}
