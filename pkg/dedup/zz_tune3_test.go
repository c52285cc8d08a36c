package dedup

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/dedup/dedupeval"
)

func TestZZAll(t *testing.T) {
	if os.Getenv("ZZ_ALL") == "" {
		t.Skip()
	}
	var cfgs []StoryConfig
	if err := json.Unmarshal([]byte(os.Getenv("ZZ_ALL")), &cfgs); err != nil {
		t.Fatal(err)
	}
	docs := readCorpus(t, "stories/uci-headlines.jsonl")
	bbc := readCorpus(t, "bbc/articles.jsonl")
	seeds, _ := dedupeval.ReadSeeds(filepath.Join(corpusDir(t), "seeds"))
	mixes := [][]dedupeval.Doc{dedupeval.MixSeeds(bbc, seeds)}
	nmix := 6
	if os.Getenv("ZZ_EXTRA") != "" {
		nmix = 26
	}
	for k := range nmix {
		r := rand.New(rand.NewPCG(uint64(k), 9))
		mixed := slices.Clone(bbc)
		for _, s := range seeds {
			mixed = slices.Insert(mixed, r.IntN(len(mixed)), s)
		}
		for i := range mixed {
			mixed[i].Published = time.Time{}
		}
		dedupeval.Synthesize(mixed)
		mixes = append(mixes, mixed)
	}
	gold := map[string]string{}
	for _, d := range docs {
		gold[d.ID] = d.Story
	}
	for _, cfg := range cfgs {
		res := runOffline(t, toDocs(docs), NewClusterer(cfg))
		pred := map[string]string{}
		for _, r := range res {
			pred[r.ID] = r.Story
		}
		s := dedupeval.Pairwise(pred, gold)
		bad := ""
		if os.Getenv("ZZ_NOSEEDS") != "" {
			mixes = nil
		}
		for i, m := range mixes {
			res := runOffline(t, toDocs(m), NewClusterer(cfg))
			story := map[string]string{}
			for _, r := range res {
				story[r.ID] = r.Story
			}
			ok, sum := dedupeval.SeedStory(story, seeds)
			if !ok {
				bad += fmt.Sprintf(" mix%d(%s)", i, sum[8:])
			}
		}
		b, _ := json.Marshal(cfg)
		fmt.Printf("ZZ f1=%.4f p=%.3f r=%.3f n=%d %s BAD:%s\n", s.F1, s.Precision, s.Recall, s.PredictedClusters, b, bad)
	}
}

func init() {
	if v := os.Getenv("ZZ_MERGEMIN"); v != "" {
		fmt.Sscan(v, &zzMergeMin)
	}
	if v := os.Getenv("ZZ_BIGRAM"); v != "" {
		fmt.Sscan(v, &zzBigram)
	}
}

func init() {
	if v := os.Getenv("ZZ_REC"); v != "" {
		fmt.Sscan(v, &zzRecMode)
	}
}

func init() {
	if v := os.Getenv("ZZ_NOSE"); v != "" {
		zzNoSingleEnt = true
	}
}
