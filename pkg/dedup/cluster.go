package dedup

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/claimwatch/claimwatch/internal/hashmix"
)

// Clusterer is the in-memory StoryAssigner: an online, single-pass
// clusterer over a sliding time window. Each story keeps a centroid (the
// sum of its articles' TF-IDF vectors, pruned to its strongest terms); an
// inverted index from term to the most recently active open stories
// containing it yields the candidate stories of a new article, so the cost
// per article is bounded by (terms per article x stories per term)
// whatever the number of articles seen. It makes the same decisions as
// KVStories for the same input order: both rank candidates and score them
// with the scorer's shared code (decide.go) and merge with story.absorb.
type Clusterer struct {
	mu sync.Mutex
	scorer
	stories map[string]*story
	post    map[string][]posting
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
		post:    map[string][]posting{},
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
			// A copy adds nothing to its story's terms or pace.
			return c.remember(doc.ID, Assignment{StoryID: a.StoryID}), nil
		}
	}
	vec := c.vector(storyTerms(doc.Title, doc.Text))
	lists := make(map[string][]posting, len(vec))
	for t := range vec {
		lists[t] = c.post[t]
	}
	ids := c.candidates(vec, lists, now)
	cands := make([]*story, len(ids))
	for i, id := range ids {
		cands[i] = c.stories[id]
	}
	d := c.decide(vec, cands, now)
	if d.best == "" {
		s := &story{ID: storyID(doc.ID), Centroid: map[string]float64{}}
		c.stories[s.ID] = s
		c.join(s, vec, now)
		return c.remember(doc.ID, Assignment{StoryID: s.ID, New: true}), nil
	}
	best := c.stories[d.best]
	if d.second != "" {
		// The article bridges two open stories: they were one event
		// whose first articles happened to share too few words.
		best = c.merge(best, c.stories[d.second])
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

// merge folds the story with the larger ID of a and b into the other (the
// direction KVStories uses) and returns the survivor: later articles of
// either go to it, and Resolve maps the other's ID to it.
func (c *Clusterer) merge(a, b *story) *story {
	into, from := a, b
	if b.ID < a.ID {
		into, from = b, a
	}
	into.absorb(from)
	for t := range from.Centroid {
		c.post[t] = addPosting(c.post[t], into.ID, from.Last)
	}
	from.merged = true
	delete(c.stories, from.ID)
	c.alias[from.ID] = into.ID
	return into
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

// join adds vec to s's centroid and posts s under every term of vec, so
// the postings' times say when the story was last active under each term.
func (c *Clusterer) join(s *story, vec map[string]float64, now int64) {
	s.add(vec, now)
	for t := range vec {
		c.post[t] = addPosting(c.post[t], s.ID, now)
	}
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
		for _, e := range p {
			if c.clock-e.t <= closeAfter {
				q = append(q, e)
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
	return "st-" + strconv.FormatUint(hashmix.Mix64(wordHash(firstArticle)), 16)
}
