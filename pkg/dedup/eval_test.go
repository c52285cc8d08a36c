package dedup

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/dedup/dedupeval"
)

// corpusDir returns the shared corpus or skips the test.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir, err := dedupeval.FindCorpus(".")
	if err != nil {
		t.Skipf("skipping: %v (expected ../shared/corpus beside the module root)", err)
	}
	return dir
}

func readCorpus(t testing.TB, rel string) []dedupeval.Doc {
	t.Helper()
	docs, err := dedupeval.ReadFile(filepath.Join(corpusDir(t), rel))
	if err != nil {
		if os.IsNotExist(err) {
			t.Skipf("skipping: %v", err)
		}
		t.Fatal(err)
	}
	dedupeval.Synthesize(docs)
	return docs
}

func toDocs(in []dedupeval.Doc) []Doc {
	out := make([]Doc, len(in))
	for i, d := range in {
		out[i] = Doc{ID: d.ID, URL: d.URL, Title: d.Title, Text: d.Text, Published: d.Published}
	}
	return out
}

func runOffline(t testing.TB, docs []Doc, stories StoryAssigner) []Result {
	t.Helper()
	idx, err := NewMemory()
	if err != nil {
		t.Fatal(err)
	}
	res, err := Offline(context.Background(), docs, idx, stories)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestNearDupEvaluation(t *testing.T) {
	docs := readCorpus(t, "neardup/dev.jsonl")
	res := runOffline(t, toDocs(docs), nil)
	dup := map[string]string{}
	for _, r := range res {
		dup[r.ID] = r.DuplicateOf
	}
	gold := map[string]string{}
	for _, d := range docs {
		gold[d.ID] = d.Group
	}
	s := dedupeval.Pairwise(dedupeval.Roots(dup), gold)
	t.Logf("neardup/dev.jsonl: %v", s)
	if s.F1 < 0.97 {
		t.Errorf("near-duplicate pairwise F1 = %.3f, goal >= 0.97", s.F1)
	}
}

func TestStoryEvaluationUCI(t *testing.T) {
	docs := readCorpus(t, "stories/uci-headlines.jsonl")
	res := runOffline(t, toDocs(docs), NewClusterer(StoryConfig{}))
	pred := map[string]string{}
	for _, r := range res {
		pred[r.ID] = r.Story
	}
	gold := map[string]string{}
	for _, d := range docs {
		gold[d.ID] = d.Story
	}
	s := dedupeval.Pairwise(pred, gold)
	t.Logf("stories/uci-headlines.jsonl: %v", s)
	// The goal is 0.90; the defaults reach 0.904 while keeping
	// the seeds together in the BBC stream wherever they are mixed in.
	if s.F1 < storyFloor {
		t.Errorf("story pairwise F1 = %.3f, floor %.3f (goal 0.90)", s.F1, storyFloor)
	}
}

// storyFloor is the pairwise F1 the defaults reach on
// stories/uci-headlines.jsonl (0.904, in memory and with KVStories),
// rounded down: a change that loses more fails.
const storyFloor = 0.90

// TestStoryEvaluationSeedsInBBC mixes the five seeds into the BBC stream,
// evenly spread and at six random sets of places (CW_EVAL_MIXES=n for n),
// and requires each time that they form one story with no BBC article in
// it.
func TestStoryEvaluationSeedsInBBC(t *testing.T) {
	bbc := readCorpus(t, "bbc/articles.jsonl")
	seeds, err := dedupeval.ReadSeeds(filepath.Join(corpusDir(t), "seeds"))
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	mixes := map[string][]dedupeval.Doc{"evenly spread": dedupeval.MixSeeds(bbc, seeds)}
	random := 6
	if v := os.Getenv("CW_EVAL_MIXES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			t.Fatalf("CW_EVAL_MIXES=%q: want a count of random mixes", v)
		}
		random = n
	}
	for k := range random {
		r := rand.New(rand.NewPCG(uint64(k), 9))
		mixed := slices.Clone(bbc)
		for _, s := range seeds {
			p := r.IntN(len(mixed))
			mixed = slices.Insert(mixed, p, s)
		}
		for i := range mixed {
			mixed[i].Published = time.Time{}
		}
		dedupeval.Synthesize(mixed)
		mixes[fmt.Sprintf("random places %d", k)] = mixed
	}
	for name, mixed := range mixes {
		t.Run(name, func(t *testing.T) {
			res := runOffline(t, toDocs(mixed), NewClusterer(StoryConfig{}))
			story := map[string]string{}
			for _, r := range res {
				story[r.ID] = r.Story
			}
			ok, summary := dedupeval.SeedStory(story, seeds)
			t.Logf("seeds in bbc/articles.jsonl: %s", summary)
			if !ok {
				t.Errorf("the seeds must form one story with no BBC article: %s", summary)
			}
		})
	}
}
