package dedup

import (
	"maps"
	"math"
	"sort"
)

// scorer holds what both StoryAssigner implementations share: the
// configuration, the document frequencies and the scoring of an article
// against a story. It is not safe for concurrent use; its owner locks.
type scorer struct {
	cfg StoryConfig
	df  docFreq
}

func newScorer(cfg StoryConfig) scorer {
	return scorer{cfg: cfg.withDefaults(), df: newDocFreq()}
}

// vector turns weighted terms into a unit TF-IDF vector of at most
// maxDocTerms terms, and counts the article in the document frequencies.
func (c *scorer) vector(terms map[string]float64) map[string]float64 {
	c.df.add(terms)
	type tw struct {
		t string
		w float64
	}
	ws := make([]tw, 0, len(terms))
	for t, tf := range terms {
		ws = append(ws, tw{t, (1 + math.Log(tf)) * c.df.idf(t)})
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].w > ws[j].w || ws[i].w == ws[j].w && ws[i].t < ws[j].t })
	if len(ws) > maxDocTerms {
		ws = ws[:maxDocTerms]
	}
	var n float64
	for _, x := range ws {
		n += x.w * x.w
	}
	n = math.Sqrt(n)
	vec := make(map[string]float64, len(ws))
	for _, x := range ws {
		if n > 0 {
			vec[x.t] = x.w / n
		}
	}
	return vec
}

// score is an article's score against a story: the cosine of the article
// vector and the story centroid, decayed by the time dt (seconds) since the
// story's last article, plus the recency bonus.
func (c *scorer) score(cosine float64, s *story, now int64) float64 {
	dt := now - s.Last
	score := cosine * c.decay(dt, c.scale(s))
	if score >= c.cfg.Threshold*c.cfg.RecencyGate {
		// Recency breaks ties between stories the article could belong
		// to; it never makes a story of mere coincidence.
		score += c.recency(dt)
	}
	return score
}

// recency is the bonus a story gets for having had an article dt seconds
// ago: the articles of one event come in bursts, so a story that is being
// written about right now is a likelier home than an older one with the
// same words (the temporal feature of streaming news clusterers).
func (c *scorer) recency(dt int64) float64 {
	if c.cfg.RecencyBonus <= 0 {
		return 0
	}
	return c.cfg.RecencyBonus * math.Exp(-float64(max(dt, 0))/c.cfg.RecencyScale.Seconds())
}

// scale is the time scale over which story s is forgotten: PaceFactor
// times its mean gap between articles, within [MinDecay, DecayScale]. A
// story reported in a burst (dozens of articles in minutes) is over when
// the burst is; one reported every few hours (five outlets over a day)
// stays open for the next write-up. A story of fewer than PaceMinArticles
// gets DecayScale: two articles a minute apart (two outlets on one wire
// report) say nothing yet about when the next write-up will come.
func (c *scorer) scale(s *story) float64 {
	maxScale := c.cfg.DecayScale.Seconds()
	if c.cfg.PaceFactor <= 0 || s.Size < c.cfg.PaceMinArticles {
		return maxScale
	}
	gap := float64(s.Last-s.First) / float64(s.Size-1)
	return min(maxScale, max(c.cfg.MinDecay.Seconds(), c.cfg.PaceFactor*gap))
}

// decay discounts the content similarity of a story by the time dt since
// its last article over scale seconds: the same words later and later are
// less and less likely to be the same event.
func (c *scorer) decay(dt int64, scale float64) float64 {
	if c.cfg.DecayScale <= 0 {
		return 1
	}
	f := c.cfg.DecayFloor
	return f + (1-f)*math.Exp(-float64(max(dt, 0))/scale)
}

// story is one story's state: the centroid is the sum of its articles'
// vectors, pruned to the strongest terms.
type story struct {
	ID       string             `json:"id"`
	First    int64              `json:"first"` // oldest article, unix seconds
	Last     int64              `json:"last"`  // newest article, unix seconds
	Size     int                `json:"size"`
	Centroid map[string]float64 `json:"centroid"`
	// MergedInto names the story this one was folded into (KVStories).
	MergedInto string  `json:"merged_into,omitempty"`
	norm       float64 // |Centroid|, kept up to date on every change
	merged     bool    // folded into another story; skipped by lookups
}

// clone returns a copy of s that can be changed without touching s.
func (s *story) clone() *story {
	c := *s
	c.Centroid = maps.Clone(s.Centroid)
	return &c
}

// add adds vec to the centroid as an article published at now.
func (s *story) add(vec map[string]float64, now int64) {
	for t, w := range vec {
		s.Centroid[t] += w
	}
	if s.Size == 0 || now < s.First {
		s.First = now
	}
	s.Size++
	s.Last = max(s.Last, now)
	if len(s.Centroid) > 2*maxCentroidTerms {
		s.prune()
	}
	s.renorm()
}

// absorb folds story from into s: its centroid, its articles and its time
// span. Both StoryAssigners merge this way, so a merged story's pace (and
// with it its decay scale) is the same whichever replica merged it.
func (s *story) absorb(from *story) {
	for t, w := range from.Centroid {
		s.Centroid[t] += w
	}
	if s.Size == 0 || from.First < s.First {
		s.First = from.First
	}
	s.Size += from.Size
	s.Last = max(s.Last, from.Last)
	if len(s.Centroid) > 2*maxCentroidTerms {
		s.prune()
	}
	s.renorm()
}

func (s *story) renorm() {
	var n float64
	for _, w := range s.Centroid {
		n += w * w
	}
	s.norm = math.Sqrt(n)
}

// prune keeps the strongest maxCentroidTerms terms. Postings of dropped
// terms still name the story; they add nothing to its dot products.
func (s *story) prune() {
	ws := make([]float64, 0, len(s.Centroid))
	for _, w := range s.Centroid {
		ws = append(ws, w)
	}
	sort.Sort(sort.Reverse(sort.Float64Slice(ws)))
	cut := ws[maxCentroidTerms-1]
	for t, w := range s.Centroid {
		if w < cut {
			delete(s.Centroid, t)
		}
	}
}
