package dedup

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/dedup/dedupeval"
	"github.com/claimwatch/claimwatch/pkg/natstest"
)

// TestKVStoriesEvaluationUCI runs the UCI stream through the KV story
// assigner (one replica). It takes about 20 s of KV traffic, so it runs
// only with CW_EVAL_KV=1.
func TestKVStoriesEvaluationUCI(t *testing.T) {
	if os.Getenv("CW_EVAL_KV") == "" {
		t.Skip("skipping: set CW_EVAL_KV=1 to score the KV story assigner on UCI (about 20 s)")
	}
	docs := readCorpus(t, "stories/uci-headlines.jsonl")
	conn := natstest.Start(t)
	kv, _ := conn.KeyValue(t.Context(), bus.BucketStory)
	st, err := NewKVStories(kv, StoryConfig{})
	if err != nil {
		t.Fatal(err)
	}
	st.now = func() time.Time { return time.Date(2014, 3, 13, 0, 0, 0, 0, time.UTC) }
	start := time.Now()
	res, err := Offline(context.Background(), toDocs(docs), mustMem(t), st)
	if err != nil {
		t.Fatal(err)
	}
	pred := map[string]string{}
	gold := map[string]string{}
	for i, r := range res {
		pred[r.ID] = r.Story
		gold[docs[i].ID] = docs[i].Story
	}
	s := dedupeval.Pairwise(pred, gold)
	t.Logf("KV stories on stories/uci-headlines.jsonl: %v in %v", s, time.Since(start))
	if s.F1 < storyFloor {
		t.Errorf("story pairwise F1 = %.3f, floor %.3f", s.F1, storyFloor)
	}
}

// TestKVStoriesDecideLikeClusterer feeds the first articles of the UCI
// stream to both StoryAssigners in one order and requires the same story
// for every article: they share the scoring, candidate ranking and merge
// code, and differ only in where the state lives.
func TestKVStoriesDecideLikeClusterer(t *testing.T) {
	docs := readCorpus(t, "stories/uci-headlines.jsonl")
	if testing.Short() {
		docs = docs[:300]
	} else {
		docs = docs[:1200]
	}
	conn := natstest.Start(t)
	kv, err := conn.KeyValue(t.Context(), bus.BucketStory)
	if err != nil {
		t.Fatal(err)
	}
	st, err := NewKVStories(kv, StoryConfig{})
	if err != nil {
		t.Fatal(err)
	}
	st.now = func() time.Time { return time.Date(2014, 3, 13, 0, 0, 0, 0, time.UTC) }
	kvRes, err := Offline(t.Context(), toDocs(docs), mustMem(t), st)
	if err != nil {
		t.Fatal(err)
	}
	memRes := runOffline(t, toDocs(docs), NewClusterer(StoryConfig{}))
	stories := func(res []Result) map[string]string {
		m := make(map[string]string, len(res))
		for _, r := range res {
			m[r.ID] = r.Story
		}
		return m
	}
	if diff := cmp.Diff(stories(memRes), stories(kvRes)); diff != "" {
		t.Errorf("memory and KV stories differ (-memory +kv):\n%s", diff)
	}
}

func mustMem(t *testing.T) *Memory {
	m, err := NewMemory()
	if err != nil {
		t.Fatal(err)
	}
	return m
}
