package dedup

import (
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/dedup/dedupeval"
)

func seedMixes(t *testing.T) ([][]dedupeval.Doc, []dedupeval.Doc) {
	bbc := readCorpus(t, "bbc/articles.jsonl")
	seeds, _ := dedupeval.ReadSeeds(filepath.Join(corpusDir(t), "seeds"))
	var mixes [][]dedupeval.Doc
	mixes = append(mixes, dedupeval.MixSeeds(bbc, seeds))
	for k := 0; k < 6; k++ {
		r := rand.New(rand.NewPCG(uint64(k), 9))
		mixed := append([]dedupeval.Doc{}, bbc...)
		for _, s := range seeds {
			p := r.IntN(len(mixed))
			mixed = append(mixed[:p], append([]dedupeval.Doc{s}, mixed[p:]...)...)
		}
		z := make([]dedupeval.Doc, len(mixed))
		for i, d := range mixed {
			z[i] = dedupeval.Doc{ID: d.ID, Title: d.Title, Text: d.Text}
		}
		dedupeval.Synthesize(z)
		mixes = append(mixes, z)
	}
	return mixes, seeds
}

func TestExpPace(t *testing.T) {
	docs := readCorpus(t, "stories/uci-headlines.jsonl")
	gold := map[string]string{}
	for _, d := range docs {
		gold[d.ID] = d.Story
	}
	mixes, seeds := seedMixes(t)
	for _, pf := range []float64{0, 50, 500} {
		for _, dc := range []time.Duration{12 * time.Hour, 48 * time.Hour, 1000 * time.Hour} {
			for _, th := range []float64{0.28} {
				cfg := StoryConfig{PaceFactor: pf, DecayScale: dc, Threshold: th}
				res := runOffline(t, toDocs(docs), NewClusterer(cfg))
				pred := map[string]string{}
				for _, r := range res {
					pred[r.ID] = r.Story
				}
				okn := 0
				for _, m := range mixes {
					res = runOffline(t, toDocs(m), NewClusterer(cfg))
					st := map[string]string{}
					for _, r := range res {
						st[r.ID] = r.Story
					}
					if ok, _ := dedupeval.SeedStory(st, seeds); ok {
						okn++
					}
				}
				s := dedupeval.Pairwise(pred, gold)
				t.Logf("pf=%v dc=%v th=%.2f seeds=%d/%d f1=%.3f p=%.3f r=%.3f", pf, dc, th, okn, len(mixes), s.F1, s.Precision, s.Recall)
			}
		}
	}
}

func TestExpPace2(t *testing.T) {
	docs := readCorpus(t, "stories/uci-headlines.jsonl")
	gold := map[string]string{}
	for _, d := range docs {
		gold[d.ID] = d.Story
	}
	mixes, seeds := seedMixes(t)
	for _, cfg := range []StoryConfig{
		{PaceFactor: 50, DecayScale: 48 * time.Hour, RecencyGate: 0.65},
		{PaceFactor: 50, DecayScale: 48 * time.Hour, RecencyGate: 0.8},
		{PaceFactor: 50, DecayScale: 48 * time.Hour, RecencyGate: 0.65, Threshold: 0.3},
		{PaceFactor: 50, DecayScale: 48 * time.Hour, RecencyGate: 0.8, RecencyBonus: 0.2},
		{PaceFactor: 50, DecayScale: 24 * time.Hour, RecencyGate: 0.65},
	} {
		res := runOffline(t, toDocs(docs), NewClusterer(cfg))
		pred := map[string]string{}
		for _, r := range res {
			pred[r.ID] = r.Story
		}
		var fails []string
		for _, m := range mixes {
			res = runOffline(t, toDocs(m), NewClusterer(cfg))
			st := map[string]string{}
			for _, r := range res {
				st[r.ID] = r.Story
			}
			if ok, s := dedupeval.SeedStory(st, seeds); !ok {
				fails = append(fails, s[8:])
			}
		}
		s := dedupeval.Pairwise(pred, gold)
		t.Logf("%+v f1=%.3f p=%.3f r=%.3f fails=%v", cfg, s.F1, s.Precision, s.Recall, fails)
	}
}
