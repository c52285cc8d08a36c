package alert

import (
	"fmt"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// The demo: five outlets report North Korean troops in Russia (the seed
// articles of the corpus). Events are built from model types, as the store
// would emit them.

var demoTime = time.Date(2024, 10, 25, 9, 0, 0, 0, time.UTC)

const demoStory = "story-nk-troops"

func demoArticle(i int, host, title string) model.ArticleRef {
	return model.ArticleRef{
		ID: fmt.Sprintf("art-%d", i), URL: fmt.Sprintf("https://%s/2024/10/25/nk-troops", host),
		Title: title, FeedURL: fmt.Sprintf("https://%s/feed.xml", host), Published: demoTime, StoryID: demoStory,
	}
}

var (
	artKyiv   = demoArticle(0, "www.kyivpost.example", "Putin: North Korean troops are 'our business'")
	artMeduza = demoArticle(1, "meduza.example", "Putin does not deny North Korean troops in Russia")
	artYonhap = demoArticle(2, "yonhap.example", "N. Korean troops arrive in combat zone, GUR says")
)

func quote(id, speaker, content string, entities ...string) *model.Claim {
	return &model.Claim{
		ID: id, Kind: model.KindQuote, Speaker: speaker, Content: content, Text: "“" + content + "”, " + speaker + " said.",
		Entities: entities, Score: 0.9, Date: "2024-10-24",
	}
}

func troops(id string, value float64, hedge, source string, low, high *float64) model.Claim {
	return model.Claim{
		ID: id, Kind: model.KindQuantity, Subject: "North Korea", Source: source,
		Content: hedge + " " + groupDigits(value) + " troops", Text: source + " put the number at " + hedge + " " + groupDigits(value) + " troops.",
		Quantity: &model.Quantity{Value: value, Unit: "troops", Hedge: hedge, Low: low, High: high},
		Entities: []string{"North Korea", "Russia"}, Score: 0.8,
	}
}

func f(v float64) *float64 { return &v }

var (
	q1500  = troops("q1500", 1500, "about", "U.S., South Korean and Ukrainian intelligence", f(1350), f(1650))
	q3000  = troops("q3000", 3000, "as high as", "U.S. estimates", nil, f(3000))
	q12000 = troops("q12000", 12000, "nearly", "Ukrainian, South Korean, and U.S. intelligence", f(11000), f(11999))
)

func newClaimEvent(key string, c *model.Claim, art model.ArticleRef) model.Event {
	return model.Event{Type: model.EventClaimNew, Key: key, Time: time.Now(), Claim: c, Article: &art}
}

func conflictEvent(key string, a, b model.Claim, aa, ab model.ArticleRef) model.Event {
	return model.Event{Type: model.EventClaimConflict, Key: key, Time: time.Now(), Conflict: &model.Conflict{
		ID: "c-" + a.ID + "-" + b.ID, Subject: "North Korea", Unit: "troops", A: a, B: b, ArticleA: aa, ArticleB: ab,
	}}
}

// demoEvents are what the store emits for the seed articles: new quotes
// (three by Putin, one by Ukraine's intelligence agency), new figures, and
// the conflicts between the 1,500 / 3,000 / 12,000 troop counts.
func demoEvents() []model.Event {
	return []model.Event{
		newClaimEvent("new:putin-business", quote("putin-business", "Vladimir Putin", "What we do within the framework of Article 4 is our business.", "Vladimir Putin", "North Korea"), artKyiv),
		newClaimEvent("new:putin-decision", quote("putin-decision", "Vladimir Putin", "Once it’s necessary to make a decision, we will do so.", "Vladimir Putin"), artMeduza),
		newClaimEvent("new:gur-units", quote("gur-units", "Ukraine’s defense intelligence agency (GUR)", "the first units of the Democratic People’s Republic of Korea…have arrived in the combat zone", "North Korea", "GUR"), artYonhap),
		newClaimEvent("new:putin-friends", quote("putin-friends", "Vladimir Putin", "We coordinate with our North Korean friends.", "Vladimir Putin", "North Korea"), artYonhap),
		newClaimEvent("new:q1500", &q1500, artKyiv),
		newClaimEvent("new:q3000", &q3000, artKyiv),
		newClaimEvent("new:q12000", &q12000, artMeduza),
		conflictEvent("conflict:q1500-q3000", q1500, q3000, artKyiv, artKyiv),
		conflictEvent("conflict:q1500-q12000", q1500, q12000, artKyiv, artMeduza),
		conflictEvent("conflict:q3000-q12000", q3000, q12000, artKyiv, artMeduza),
	}
}
