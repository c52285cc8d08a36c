package dedup

import (
	"context"
	"testing"
	"time"
)

// Short articles for the split/merge cases. Background articles give the
// clusterer document frequencies, as a live stream would.
var (
	troopsReuters = StoryDoc{ID: "troops-1", Title: "Putin does not deny North Korean troops are in Russia",
		Text: "Russian President Vladimir Putin did not deny reports that North Korean troops are in Russia, saying on Thursday it was Moscow's business how it applied its mutual defence treaty with Pyongyang. Ukraine's intelligence agency said the first North Korean soldiers had arrived in the Kursk region."}
	troopsAP = StoryDoc{ID: "troops-2", Title: "'This is our business': Putin on North Korean soldiers",
		Text: "Vladimir Putin said the deployment of North Korean soldiers was a sovereign decision for Russia and North Korea. South Korea and the United States say about 3,000 North Korean troops have been sent to Russia, and Ukraine expects them in Kursk within days."}
	troopsBlog = StoryDoc{ID: "troops-3", Title: "North Korea sends troops to Russia, Putin responds",
		Text: "Asked about North Korean troops being deployed to the Russian border, Putin said Russia coordinates with its North Korean friends. Estimates of the contingent range from 1,500 special forces to 12,000 soldiers, according to Ukrainian and South Korean intelligence."}
	missiles = StoryDoc{ID: "missile-1", Title: "North Korea fires intercontinental ballistic missile into sea",
		Text: "North Korea test-fired an intercontinental ballistic missile that flew for a record 86 minutes before falling into the sea off Hokkaido, Japan's defence ministry said. Kim Jong Un said the launch showed the country's nuclear deterrent was ready, state media KCNA reported."}
	pressOct = StoryDoc{ID: "press-oct", Title: "Putin holds press conference at BRICS summit in Kazan",
		Text: "Vladimir Putin told reporters at the close of the BRICS summit in Kazan that Russia was open to talks on Ukraine, and praised the summit's agreement on a grain exchange and cross-border payments between member states."}
	pressNov = StoryDoc{ID: "press-nov", Title: "Putin holds press conference after Valdai forum",
		Text: "Vladimir Putin told reporters after the Valdai forum in Sochi that Russia was open to talks on Ukraine and congratulated Donald Trump on his election victory, saying he was ready to speak to the president-elect."}
	background = []StoryDoc{
		{ID: "bg-1", Title: "Bank of England holds interest rates", Text: "The Bank of England kept interest rates at 5% as inflation eased, its governor said on Thursday."},
		{ID: "bg-2", Title: "Floods hit Valencia", Text: "Flash floods in the Spanish region of Valencia killed dozens of people, officials said, as rescuers searched for the missing."},
		{ID: "bg-3", Title: "Apple reports record iPhone sales", Text: "Apple said quarterly revenue rose on strong iPhone sales in China and the United States, beating analysts' forecasts."},
		{ID: "bg-4", Title: "Russia fines Google", Text: "A Russian court fined Google an amount larger than the world's economy for blocking Russian state media channels on YouTube."},
		{ID: "bg-5", Title: "Ukraine says it downed drones", Text: "Ukraine's air force said it shot down dozens of Russian drones overnight over the Kyiv region, officials said on Friday."},
		{ID: "bg-6", Title: "Japan election leaves ruling party short", Text: "Japan's ruling Liberal Democratic Party lost its majority in the lower house for the first time since 2009, results showed."},
	}
)

func at(d StoryDoc, t time.Time) StoryDoc {
	d.Published = t
	return d
}

// storyImpl opens an empty StoryAssigner and the function that maps a
// story ID to the story it was merged into.
type storyImpl struct {
	name string
	open func(t *testing.T) (StoryAssigner, func(string) string)
}

func storyImpls() []storyImpl {
	return []storyImpl{
		{"memory", func(t *testing.T) (StoryAssigner, func(string) string) {
			c := NewClusterer(StoryConfig{})
			return c, func(id string) string { return c.Resolve(t.Context(), id) }
		}},
		{"kv", func(t *testing.T) (StoryAssigner, func(string) string) {
			k := newTestKVStories(t)
			return k, func(id string) string { return k.Resolve(t.Context(), id) }
		}},
	}
}

func TestStoriesSplitAndMerge(t *testing.T) {
	for _, impl := range storyImpls() {
		t.Run(impl.name, func(t *testing.T) { testSplitsAndMerges(t, impl) })
	}
}

func testSplitsAndMerges(t *testing.T, impl storyImpl) {
	day := time.Date(2024, 10, 24, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		docs   []StoryDoc
		same   [][2]string
		differ [][2]string
	}{
		{
			name: "one event written up by three outlets is one story",
			docs: []StoryDoc{at(troopsReuters, day), at(troopsAP, day.Add(3*time.Hour)), at(troopsBlog, day.Add(20*time.Hour))},
			same: [][2]string{{"troops-1", "troops-2"}, {"troops-1", "troops-3"}},
		},
		{
			name:   "North Korean missile tests and the troop deployment are different stories",
			docs:   []StoryDoc{at(troopsReuters, day), at(missiles, day.Add(2*time.Hour)), at(troopsAP, day.Add(3*time.Hour))},
			same:   [][2]string{{"troops-1", "troops-2"}},
			differ: [][2]string{{"troops-1", "missile-1"}, {"troops-2", "missile-1"}},
		},
		{
			name:   "two Putin press conferences a week apart are different stories",
			docs:   []StoryDoc{at(pressOct, day), at(pressNov, day.Add(7*24*time.Hour))},
			differ: [][2]string{{"press-oct", "press-nov"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, resolve := impl.open(t)
			ctx := context.Background()
			story := map[string]string{}
			for i, bg := range background {
				if _, err := c.Assign(ctx, at(bg, day.Add(-time.Duration(len(background)-i)*time.Hour))); err != nil {
					t.Fatal(err)
				}
			}
			for _, d := range tc.docs {
				a, err := c.Assign(ctx, d)
				if err != nil {
					t.Fatal(err)
				}
				story[d.ID] = a.StoryID
			}
			for _, p := range tc.same {
				if resolve(story[p[0]]) != resolve(story[p[1]]) {
					t.Errorf("%s and %s in different stories", p[0], p[1])
				}
			}
			for _, p := range tc.differ {
				if resolve(story[p[0]]) == resolve(story[p[1]]) {
					t.Errorf("%s and %s in the same story", p[0], p[1])
				}
			}
		})
	}
}

func TestStoriesAreIdempotentAndPlaceCopies(t *testing.T) {
	for _, impl := range storyImpls() {
		t.Run(impl.name, func(t *testing.T) {
			c, _ := impl.open(t)
			testIdempotent(t, c)
		})
	}
}

func testIdempotent(t *testing.T, c StoryAssigner) {
	ctx := context.Background()
	day := time.Date(2024, 10, 24, 8, 0, 0, 0, time.UTC)
	first, err := c.Assign(ctx, at(troopsReuters, day))
	if err != nil || !first.New {
		t.Fatalf("first article: %+v, %v; want a new story", first, err)
	}
	again, _ := c.Assign(ctx, at(troopsReuters, day))
	if again != first {
		t.Errorf("reassigned: %+v, want %+v", again, first)
	}
	cp := at(missiles, day.Add(time.Minute)) // text irrelevant: it is a copy
	cp.ID, cp.DuplicateOf = "copy", troopsReuters.ID
	got, _ := c.Assign(ctx, cp)
	if got.StoryID != first.StoryID || got.New {
		t.Errorf("copy placed in %+v, want the story of its original %s", got, first.StoryID)
	}
	if _, err := c.Assign(ctx, StoryDoc{}); err == nil {
		t.Error("an article without ID was accepted")
	}
}
