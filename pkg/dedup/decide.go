package dedup

import (
	"sort"
	"time"
)

// maxStoryCandidates caps the stories an article is scored against: the
// most recently active of those sharing a term with it. Both
// StoryAssigners apply it the same way, so they decide alike.
const maxStoryCandidates = 32

// candidates ranks the stories of the postings of an article's terms for
// an article at now. Each story is ranked by the summed weight of the
// article's terms it is posted under (a cheap upper bound on what it
// shares), then by the latest time it was posted under one of them, then
// by ID; stories idle under a term for more than CloseAfter are left out;
// at most maxStoryCandidates are kept. A rare shared name keeps a quiet
// story among the candidates however many busy stories share common words.
func (c *scorer) candidates(vec map[string]float64, lists map[string][]posting, now int64) []string {
	closeAfter := int64(c.cfg.CloseAfter / time.Second)
	type rank struct {
		w float64
		t int64
	}
	ranks := map[string]rank{}
	for term, l := range lists {
		for _, e := range l {
			if now-e.t <= closeAfter {
				r := ranks[e.id]
				ranks[e.id] = rank{r.w + vec[term], max(r.t, e.t)}
			}
		}
	}
	ids := make([]string, 0, len(ranks))
	for id := range ranks {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := ranks[ids[i]], ranks[ids[j]]
		if a.w != b.w {
			return a.w > b.w
		}
		return a.t > b.t || a.t == b.t && ids[i] < ids[j]
	})
	if len(ids) > maxStoryCandidates {
		ids = ids[:maxStoryCandidates]
	}
	return ids
}

// decision is where an article goes: best is "" for a new story; second,
// when set, is a story the article also belongs in, to be merged with best.
type decision struct {
	best, second string
}

// decide scores vec against the candidate stories (nil or merged ones are
// skipped) and applies the threshold and the merge rule.
func (c *scorer) decide(vec map[string]float64, cands []*story, now int64) decision {
	var best, second *story
	var bestScore, secondScore float64
	for _, s := range cands {
		if s == nil || s.norm == 0 || s.merged || s.MergedInto != "" {
			continue
		}
		var dot float64
		for t, w := range vec {
			dot += w * s.Centroid[t]
		}
		score := c.score(dot/s.norm, s, now)
		if zzDebug != nil {
			zzDebug(s, dot/s.norm, score, vec)
		}
		switch {
		case best == nil || score > bestScore || score == bestScore && s.ID < best.ID:
			best, bestScore, second, secondScore = s, score, best, bestScore
		case second == nil || score > secondScore || score == secondScore && s.ID < second.ID:
			second, secondScore = s, score
		}
	}
	if best == nil || bestScore < c.cfg.Threshold {
		return decision{}
	}
	d := decision{best: best.ID}
	if second != nil && !c.cfg.NoMerge && secondScore >= c.cfg.Threshold+c.cfg.MergeMargin && centroidCos(best, second) >= zzMergeMin {
		d.second = second.ID
	}
	return d
}

// posting is one entry of a term's posting list: a story and when it was
// last posted under the term (unix seconds).
type posting struct {
	id string
	t  int64
}

// addPosting records story id as the newest entry of a posting list,
// dropping its older entry and the oldest beyond maxPostings.
func addPosting(p []posting, id string, t int64) []posting {
	kept := p[:0]
	for _, e := range p {
		if e.id != id {
			kept = append(kept, e)
		}
	}
	kept = append(kept, posting{id, t})
	if len(kept) > maxPostings {
		kept = kept[len(kept)-maxPostings:]
	}
	return kept
}

var zzMergeMin = 0.0
var zzBigram = 0.0

func centroidCos(a, b *story) float64 {
	if a.norm == 0 || b.norm == 0 {
		return 0
	}
	x, y := a.Centroid, b.Centroid
	if len(y) < len(x) {
		x, y = y, x
	}
	var dot float64
	for t, w := range x {
		dot += w * y[t]
	}
	return dot / (a.norm * b.norm)
}

var zzRecMode = 0

var zzDebug func(s *story, cos, score float64, vec map[string]float64)

var zzNoSingleEnt = false
