package dedup

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// Clusterer is the in-memory StoryAssigner: an online, single-pass
// clusterer over a sliding time window. Each story keeps a centroid (the
// sum of its articles' TF-IDF vectors, pruned to its strongest terms); an
// inverted index from term to the most recent open stories containing it
// yields the candidate stories of a new article, so the cost per article
// is bounded by (terms per article x stories per term) whatever the number
// of articles seen.
type Clusterer struct {
	mu sync.Mutex
	scorer
	stories map[string]*story
	post    map[string][]*story
	arts    [2]map[string]Assignment // current and previous generation
	artGen  int64                    // start of the current generation, unix seconds
	clock   int64
	adds    int
	alias   map[string]string // merged story -> story it was merged into
}

var _ StoryAssigner = (*Clusterer)(nil)

// Bounds that keep the cost per article constant.
const (
	maxDocTerms      = 40  // strongest terms kept per article vector
	maxCentroidTerms = 200 // strongest terms kept per story centroid
	maxPostings      = 64  // most recent stories kept per term
	sweepEvery       = 1024
)

// NewClusterer returns an empty clusterer.
func NewClusterer(cfg StoryConfig) *Clusterer {
	return &Clusterer{
		scorer:  newScorer(cfg),
		stories: map[string]*story{},
		post:    map[string][]*story{},
		arts:    [2]map[string]Assignment{{}, {}},
		alias:   map[string]string{},
	}
}

// Assign implements StoryAssigner.
func (c *Clusterer) Assign(ctx context.Context, doc StoryDoc) (Assignment, error) {
	if err := ctx.Err(); err != nil {
		return Assignment{}, err
	}
	if doc.ID == "" {
		return Assignment{}, fmt.Errorf("%w: empty id", ErrInvalidEntry)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.tick(doc.Published)
	if a, ok := c.article(doc.ID); ok {
		return Assignment{StoryID: a.StoryID, New: a.New}, nil
	}
	if doc.DuplicateOf != "" {
		if a, ok := c.article(doc.DuplicateOf); ok {
			if s := c.stories[a.StoryID]; s != nil {
				s.Last = max(s.Last, now)
			}
			return c.remember(doc.ID, Assignment{StoryID: a.StoryID}), nil
		}
	}
	vec := c.vector(storyTerms(doc.Title, doc.Text))
	best, score, second, score2 := c.best(vec, now)
	if !c.cfg.NoMerge && second != nil && score2 >= c.cfg.Threshold+c.cfg.MergeMargin {
		// The article bridges two open stories: they were one event
		// whose first articles happened to share too few words.
		c.merge(second, best)
	}
	if best == nil || score < c.cfg.Threshold {
		best = &story{ID: storyID(doc.ID), Centroid: map[string]float64{}}
		c.stories[best.ID] = best
		c.join(best, vec, now)
		return c.remember(doc.ID, Assignment{StoryID: best.ID, New: true}), nil
	}
	c.join(best, vec, now)
	return c.remember(doc.ID, Assignment{StoryID: best.ID}), nil
}

// tick advances the clock to t and does the periodic housekeeping.
func (c *Clusterer) tick(t time.Time) int64 {
	now := t.Unix()
	if t.IsZero() || now > time.Now().Unix()+24*3600 {
		now = c.clock
		if now == 0 {
			now = time.Now().Unix()
		}
	}
	c.clock = max(c.clock, now)
	if c.artGen == 0 {
		c.artGen = c.clock
	}
	if c.clock-c.artGen >= int64(c.cfg.Remember/time.Second)/2 {
		c.arts[1], c.arts[0] = c.arts[0], map[string]Assignment{}
		c.artGen = c.clock
	}
	c.adds++
	if c.adds%sweepEvery == 0 {
		c.sweep()
	}
	return now
}

func (c *Clusterer) article(id string) (Assignment, bool) {
	for _, m := range c.arts {
		if a, ok := m[id]; ok {
			return a, true
		}
	}
	return Assignment{}, false
}

func (c *Clusterer) remember(id string, a Assignment) Assignment {
	c.arts[0][id] = a
	return a
}

// best returns the open story whose centroid is most similar to vec.
//
// It also returns the runner-up and its score, the evidence for merging
// the two.
func (c *Clusterer) best(vec map[string]float64, now int64) (best *story, bestScore float64, second *story, secondScore float64) {
	closeAfter := int64(c.cfg.CloseAfter / time.Second)
	dots := map[*story]float64{}
	for t, w := range vec {
		for _, s := range c.post[t] {
			if s.merged || now-s.Last > closeAfter {
				continue
			}
			dots[s] += w * s.Centroid[t]
		}
	}
	for s, d := range dots {
		if s.norm == 0 {
			continue
		}
		score := c.score(d/s.norm, s, now)
		switch {
		case best == nil || score > bestScore || score == bestScore && s.ID < best.ID:
			best, bestScore, second, secondScore = s, score, best, bestScore
		case second == nil || score > secondScore || score == secondScore && s.ID < second.ID:
			second, secondScore = s, score
		}
	}
	return best, bestScore, second, secondScore
}

// merge folds story from into into: later articles of either go to into,
// and Resolve maps from's ID to into's.
func (c *Clusterer) merge(from, into *story) {
	for _, t := range into.add(from.Centroid, from.Last) {
		c.post[t] = appendPosting(c.post[t], into)
	}
	into.Size += from.Size - 1
	into.First = min(into.First, from.First)
	from.merged = true
	delete(c.stories, from.ID)
	c.alias[from.ID] = into.ID
}

// Resolve returns the story that id was merged into (following merges),
// or id itself. Offline output resolves every article's story this way, so
// one event has one ID; the stage publishes the ID current at the time.
func (c *Clusterer) Resolve(_ context.Context, id string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := 0; i < 64; i++ {
		next, ok := c.alias[id]
		if !ok {
			break
		}
		id = next
	}
	return id
}

// join adds vec to s's centroid and s to the postings of vec's new terms.
func (c *Clusterer) join(s *story, vec map[string]float64, now int64) {
	for _, t := range s.add(vec, now) {
		c.post[t] = appendPosting(c.post[t], s)
	}
}

// appendPosting adds s as the newest story of a posting list, dropping the
// oldest beyond maxPostings.
func appendPosting(p []*story, s *story) []*story {
	if len(p) >= maxPostings {
		copy(p, p[1:])
		p = p[:len(p)-1]
	}
	return append(p, s)
}

// sweep forgets closed stories and empty postings, so memory follows the
// number of open stories, not the number ever seen.
func (c *Clusterer) sweep() {
	closeAfter := int64(c.cfg.CloseAfter / time.Second)
	for id, s := range c.stories {
		if c.clock-s.Last > closeAfter {
			delete(c.stories, id)
		}
	}
	for t, p := range c.post {
		q := p[:0]
		for _, s := range p {
			if c.clock-s.Last <= closeAfter {
				q = append(q, s)
			}
		}
		if len(q) == 0 {
			delete(c.post, t)
		} else {
			c.post[t] = q
		}
	}
}

// storyID derives a story's ID from the article that opened it, so every
// replica and every replay names the story alike.
func storyID(firstArticle string) string {
	return "st-" + strconv.FormatUint(mix64(wordHash(firstArticle)), 16)
}
