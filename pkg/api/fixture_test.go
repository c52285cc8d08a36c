package api

import (
	"context"
	"math"
	"path/filepath"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// The seed story, as the pipeline would store it after reading the five
// seed articles plus one hostile feed item.
const (
	seedStory      = "story-nk-troops"
	seedStoryTitle = "Putin on North Korean troops: “this is our business”"
	hostileTitle   = "<script>alert(1)</script>"
)

// seedArticles: five outlets, one copy of the first (a duplicate), and a
// hostile title.
var seedArticles = []model.Article{
	{ID: "a-kt", URL: "https://www.koreatimes.co.kr/world/putin", FeedURL: "https://www.koreatimes.co.kr/rss", FeedTitle: "Korea Times", Title: seedStoryTitle, Published: day(24, 9)},
	{ID: "a-ap", URL: "https://apnews.com/article/putin-nk", FeedURL: "https://apnews.com/rss", FeedTitle: "AP", Title: "Putin doesn't deny North Korean troops are in Russia", Published: day(24, 15)},
	{ID: "a-kh", URL: "https://www.koreaherald.com/view.php?ud=1", FeedURL: "https://www.koreaherald.com/rss", FeedTitle: "Korea Herald", Title: "Seoul weighs response to NK troop deployment", Published: day(25, 2)},
	{ID: "a-nk", URL: "https://www.nknews.org/2024/10/putin", FeedURL: "https://www.nknews.org/feed", FeedTitle: "NK News", Title: "Kyiv says nearly 12,000 North Korean troops in Russia", Published: day(25, 8)},
	{ID: "a-evil", URL: "https://evil.example/feed/item", FeedURL: "https://evil.example/feed", FeedTitle: "Evil", Title: hostileTitle, Published: day(25, 10)},
}

var seedDuplicate = model.Article{ID: "a-kt-copy", URL: "https://mirror.example/putin", FeedURL: "https://mirror.example/rss", Title: seedStoryTitle + "_1", Published: day(24, 11)}

func day(d, h int) time.Time { return time.Date(2024, 10, d, h, 0, 0, 0, time.UTC) }

func ptr(v float64) *float64 { return &v }

// seedClaims maps article id to the claims read from it.
var seedClaims = map[string][]model.Claim{
	"a-kt": {
		{ID: "c-putin-business", Kind: model.KindQuote, Speaker: "Vladimir Putin", Content: "What we do within the framework of Article 4 is our business.",
			Text: "\"What we do within the framework of Article 4 is our business,\" Putin said.", Entities: []string{"Vladimir Putin", "North Korea"}, Score: 0.9,
			Mentions: []model.Mention{{ArticleID: "a-kt", Sentence: 3, Start: 100, End: 160}}},
		{ID: "c-1500", Kind: model.KindQuantity, Subject: "North Korea", Source: "intelligence assessments from the U.S., South Korea, and Ukraine",
			Content: "about 1,500 special forces", Text: "about 1,500 special forces have been sent", Date: "2024-10-24", Score: 0.8,
			Quantity: &model.Quantity{Value: 1500, Unit: "troops", Hedge: "about", Low: ptr(1350), High: ptr(1650)},
			Mentions: []model.Mention{{ArticleID: "a-kt", Sentence: 5, Start: 300, End: 330}}},
	},
	"a-ap": {
		{ID: "c-putin-sovereign", Kind: model.KindQuote, Speaker: "Vladimir Putin", Content: "Once it's necessary to make a decision, we will do so.",
			Text: "\"Once it's necessary to make a decision, we will do so,\" he said.", Entities: []string{"Vladimir Putin"}, Score: 0.85,
			Mentions: []model.Mention{{ArticleID: "a-ap", Sentence: 2, Start: 50, End: 100}}},
		{ID: "c-putin-business", Kind: model.KindQuote, Speaker: "Vladimir Putin", Content: "What we do within the framework of Article 4 is our business.",
			Text: "\"It's our business,\" Putin said.", Entities: []string{"Vladimir Putin"}, Score: 0.9,
			Mentions: []model.Mention{{ArticleID: "a-ap", Sentence: 4, Start: 200, End: 230}}},
		{ID: "c-3000", Kind: model.KindQuantity, Subject: "North Korea", Source: "U.S. estimates", Content: "approximately 3,000",
			Text: "U.S. estimates put the number at approximately 3,000", Score: 0.8,
			Quantity: &model.Quantity{Value: 3000, Unit: "troops", Hedge: "approximately", Low: ptr(2700), High: ptr(3300)},
			Mentions: []model.Mention{{ArticleID: "a-ap", Sentence: 6, Start: 400, End: 450}}},
	},
	"a-kh": {
		{ID: "c-kim-statement", Kind: model.KindStatement, Speaker: "Kim Yong-kil", Content: "the Foreign Ministry does not directly intervene in the actions of the Ministry of Defense",
			Text: "Kim Yong-kil stated that the Foreign Ministry does not directly intervene in the actions of the Ministry of Defense.", Entities: []string{"Foreign Ministry"}, Score: 0.7,
			Mentions: []model.Mention{{ArticleID: "a-kh", Sentence: 8, Start: 500, End: 600}}},
	},
	"a-nk": {
		{ID: "c-12000", Kind: model.KindQuantity, Subject: "North Korea", Source: "Ukrainian, South Korean, and U.S. intelligence", Content: "nearly 12,000 troops",
			Text: "nearly 12,000 troops, according to Ukrainian, South Korean, and U.S. intelligence", Score: 0.8,
			Quantity: &model.Quantity{Value: 12000, Unit: "troops", Hedge: "nearly", Low: ptr(11000), High: ptr(11999)},
			Mentions: []model.Mention{{ArticleID: "a-nk", Sentence: 1, Start: 10, End: 40}}},
	},
	"a-evil": {
		{ID: "c-evil", Kind: model.KindQuote, Speaker: "Mallory <img src=x onerror=alert(2)>", Content: "<b>bold</b> claim </script><script>alert(3)</script>",
			Text: "hostile text", Score: 0.5, Mentions: []model.Mention{{ArticleID: "a-evil", Sentence: 0, Start: 0, End: 10}}},
	},
}

// overlap is the conflict rule of DESIGN.md: two figures for the same
// subject and unit conflict when their intervals do not overlap.
func overlap(a, b *model.Claim) bool {
	if a.Quantity == nil || b.Quantity == nil || a.Quantity.Unit != b.Quantity.Unit {
		return false
	}
	lo := func(q *model.Quantity) float64 {
		if q.Low == nil {
			return q.Value
		}
		return *q.Low
	}
	hi := func(q *model.Quantity) float64 {
		if q.High == nil {
			return math.Inf(1)
		}
		return *q.High
	}
	return hi(a.Quantity) < lo(b.Quantity) || hi(b.Quantity) < lo(a.Quantity)
}

// newStore opens a fresh SQLite store in a temporary directory.
func newStore(t testing.TB) *store.SQLite {
	t.Helper()
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "cw.db"), zaptest.NewLogger(t), store.WithConflictFunc(overlap))
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := st.Close(ctx); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return st
}

// seed writes the seed story through the store's write methods.
func seed(t testing.TB, st store.Store) {
	t.Helper()
	ctx := context.Background()
	for i, a := range seedArticles {
		a.Text = "Text of " + a.Title
		a.ContentHash = "hash-" + a.ID
		a.Fetched = a.Published.Add(time.Minute)
		if err := st.ApplyUnique(ctx, &model.UniqueArticle{V: model.Version, Article: a, StoryID: seedStory, StoryNew: i == 0}); err != nil {
			t.Fatalf("apply article %s: %v", a.ID, err)
		}
	}
	dup := seedDuplicate
	dup.Text, dup.ContentHash, dup.Fetched = "copy", "hash-copy", dup.Published
	if err := st.ApplyDuplicate(ctx, &model.DuplicateArticle{V: model.Version, Article: dup, DuplicateOf: "a-kt", StoryID: seedStory, Similarity: 0.97}); err != nil {
		t.Fatalf("apply duplicate: %v", err)
	}
	for _, a := range seedArticles {
		cl, ok := seedClaims[a.ID]
		if !ok {
			continue
		}
		b := &model.ClaimBatch{V: model.Version, Article: a.Ref(), Extractor: "test", Claims: cl}
		b.Article.StoryID = seedStory
		if _, err := st.ApplyClaims(ctx, b); err != nil {
			t.Fatalf("apply claims of %s: %v", a.ID, err)
		}
	}
	alerts := []model.AlertRecord{
		{ID: "al-1", Rule: "conflicts", Sink: "log", Trigger: model.EventClaimConflict, EventKey: "k1", Summary: "North Korea troops: 1,500 vs 12,000", State: model.AlertDelivered, Attempts: 1, Created: day(25, 9), Delivered: day(25, 9)},
		{ID: "al-2", Rule: "putin", Sink: "webhook", Trigger: model.EventClaimNew, EventKey: "k2", Summary: "New quote by Vladimir Putin", State: model.AlertFailed, Attempts: 3, LastError: "webhook answered 502", Created: day(25, 10)},
	}
	for i := range alerts {
		if err := st.RecordAlert(ctx, &alerts[i]); err != nil {
			t.Fatalf("record alert: %v", err)
		}
	}
}
