package storetest

import (
	"fmt"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// base is the publication time of the first fixture article. Fixture
// times are whole seconds so they survive any storage precision.
var base = time.Date(2024, 10, 24, 9, 0, 0, 0, time.UTC)

// Article returns a unique article n of story on the outlet host.
func Article(n int, story, host string) *model.UniqueArticle {
	id := fmt.Sprintf("art-%s-%d", host, n)
	return &model.UniqueArticle{
		V: model.Version,
		Article: model.Article{
			V:           model.Version,
			ID:          id,
			URL:         fmt.Sprintf("https://www.%s/news/%d", host, n),
			FeedURL:     fmt.Sprintf("https://%s/rss.xml", host),
			FeedTitle:   host + " news",
			Title:       fmt.Sprintf("North Korean troops in Russia, report %d", n),
			Text:        fmt.Sprintf("Article %d text. Vladimir Putin said \"this is our business\".", n),
			Published:   base.Add(time.Duration(n) * time.Minute),
			Fetched:     base.Add(time.Duration(n)*time.Minute + time.Second),
			ContentHash: fmt.Sprintf("hash-%s-%d", host, n),
		},
		StoryID: story,
	}
}

// Batch returns the claim batch of article a.
func Batch(a *model.UniqueArticle, claims ...model.Claim) *model.ClaimBatch {
	ref := a.Article.Ref()
	ref.StoryID = a.StoryID
	for i := range claims {
		claims[i].Mentions = []model.Mention{{ArticleID: a.Article.ID, Sentence: i + 1, Start: 10 * i, End: 10*i + 8}}
	}
	return &model.ClaimBatch{V: model.Version, Article: ref, Extractor: "storetest", Claims: claims}
}

// Quote returns a quote claim.
func Quote(id, speaker, content string, entities ...string) model.Claim {
	return model.Claim{
		ID: id, Kind: model.KindQuote, Speaker: speaker, Content: content,
		Text: fmt.Sprintf("%s said: %q", speaker, content), Entities: entities, Score: 0.9,
	}
}

// Figure returns a quantity claim of value unit about subject with the
// interval [low, high] (nil = unbounded).
func Figure(id, subject string, value float64, unit, hedge string, low, high *float64) model.Claim {
	return model.Claim{
		ID: id, Kind: model.KindQuantity, Subject: subject, Source: "officials",
		Content:  fmt.Sprintf("%s %.0f %s", hedge, value, unit),
		Text:     fmt.Sprintf("Officials said %s %.0f %s were sent by %s.", hedge, value, unit, subject),
		Quantity: &model.Quantity{Value: value, Unit: unit, Hedge: hedge, Low: low, High: high},
		Score:    0.8,
	}
}

// F returns a pointer to v.
func F(v float64) *float64 { return &v }
