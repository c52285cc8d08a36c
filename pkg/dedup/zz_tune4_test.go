package dedup

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/dedup/dedupeval"
)

func TestZZMix(t *testing.T) {
	if os.Getenv("ZZ_MIX") == "" {
		t.Skip()
	}
	var k int
	var th float64
	fmt.Sscan(os.Getenv("ZZ_MIX"), &k, &th)
	bbc := readCorpus(t, "bbc/articles.jsonl")
	seeds, _ := dedupeval.ReadSeeds(filepath.Join(corpusDir(t), "seeds"))
	r := rand.New(rand.NewPCG(uint64(k), 9))
	mixed := slices.Clone(bbc)
	for _, s := range seeds {
		mixed = slices.Insert(mixed, r.IntN(len(mixed)), s)
	}
	for i := range mixed {
		mixed[i].Published = time.Time{}
	}
	dedupeval.Synthesize(mixed)
	zzDebug = func(s *story, cos, score float64, vec map[string]float64) {
		if _, ok := vec["turkmen"]; ok && score > 0.1 {
			fmt.Printf("turkmen vs %s size %d cos %.3f score %.3f vec %v\n", s.ID, s.Size, cos, score, vec)
			for t, w := range vec {
				if s.Centroid[t] > 0 {
					fmt.Printf("   shared %s %.3f %.3f\n", t, w, s.Centroid[t]/s.norm)
				}
			}
		}
	}
	defer func() { zzDebug = nil }()
	res := runOffline(t, toDocs(mixed), NewClusterer(StoryConfig{Threshold: th}))
	seedStories := map[string]bool{}
	for i, r := range res {
		if strings.HasPrefix(r.ID, "seed-") {
			fmt.Printf("seed %s at %d %s story %s\n", r.ID, i, mixed[i].Published.Format("15:04"), r.Story)
			seedStories[r.Story] = true
		}
	}
	for i, r := range res {
		if seedStories[r.Story] && !strings.HasPrefix(r.ID, "seed-") {
			fmt.Printf("intruder at %d %s: %q\n", i, mixed[i].Published.Format("15:04"), mixed[i].Title)
		}
	}
}
