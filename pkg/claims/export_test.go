package claims

import (
	"context"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// DraftFeatures returns the claims of one article the confidence model
// judges, before its filter, each with its features, for training the
// model.
func DraftFeatures(ctx context.Context, in Input) ([]model.Claim, [][]string, error) {
	d := newDoc(Clean(in.Text), in.ArticleID, in.Published)
	drafts, err := d.drafts(ctx)
	if err != nil {
		return nil, nil, err
	}
	var cs []model.Claim
	var fs [][]string
	for _, dr := range drafts {
		if !scored(dr) {
			continue
		}
		cs = append(cs, dr.claim)
		var set featureSet
		set.reset(true)
		d.features(dr, &set)
		fs = append(fs, set.names)
	}
	return cs, fs, nil
}
