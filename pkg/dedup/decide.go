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
				r := ranks[e.h]
				ranks[e.h] = rank{r.w + vec[term], max(r.t, e.t)}
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
	// An article that belongs in two stories shows they are one event,
	// unless the two have nothing in common but that article: a headline
	// naming two subjects ("Google and Microsoft ...") bridges stories
	// whose centroids never met.
	if second != nil && !c.cfg.NoMerge && secondScore >= c.cfg.Threshold+c.cfg.MergeMargin &&
		centroidCosine(best, second) >= c.cfg.MergeGuard {
		d.second = second.ID
	}
	return d
}

// posting is one entry of a term's posting list: a story ID (h) and when
// the story was last posted under the term (t, unix seconds). It is the
// band entry of the KV index, so KVStories stores posting lists as bands.
type posting = bandEntry

// addPosting records story id as the newest entry of a posting list,
// dropping its older entry and the oldest beyond maxPostings.
func addPosting(p []posting, id string, t int64) []posting {
	kept := p[:0]
	for _, e := range p {
		if e.h != id {
			kept = append(kept, e)
		}
	}
	kept = append(kept, posting{id, t})
	if len(kept) > maxPostings {
		kept = kept[len(kept)-maxPostings:]
	}
	return kept
}

// centroidCosine is the cosine similarity of two stories' centroids.
func centroidCosine(a, b *story) float64 {
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
