package dedup

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/sync/errgroup"
)

// KVStories is the StoryAssigner shared by many dedup replicas, kept in a
// JetStream KV bucket (bus.BucketStory) whose TTL should exceed
// CloseAfter. It runs the Clusterer's algorithm over shared state:
//
//   - "a.<h>" an article's assignment, created once (kv.Create), which
//     makes Assign idempotent across replicas and redeliveries;
//   - "s.<story>" a story's centroid, changed with revision-checked
//     updates, retried on conflict;
//   - "t.<h>" a term's posting list: the most recent stories with the term.
//
// Document frequencies are counted per replica: replicas consuming one
// stream see samples of the same vocabulary, and IDF needs no precision.
//
// It decides with the Clusterer's code (scorer.candidates, scorer.decide),
// so one replica places every article as the Clusterer would. Like the
// Clusterer, an article that scores above the threshold against two open
// stories with common ground merges them: the story with the larger ID is
// marked merged into the smaller one (a fixed direction, so two replicas
// merging the same pair at once cannot make a cycle) and absorbed by it
// (centroid, article count, time span). Resolve follows the marks.
//
// Limit: two replicas opening a story for two articles of a new event at
// the same moment open two stories, until a later article merges them.
type KVStories struct {
	kv jetstream.KeyValue
	// serial makes this replica place one article at a time: concurrent
	// handlers of one process would otherwise race to open the same new
	// story twice. Replicas can still race each other; a later article
	// merges what they split.
	serial sync.Mutex
	mu     sync.Mutex // guards sc.df
	sc     scorer
	now    func() time.Time
	// stories caches decoded stories by revision (see story).
	cmu     sync.Mutex
	stories map[string]cachedStory
}

type cachedStory struct {
	rev uint64
	s   *story
}

// maxCachedStories bounds the decoded-story cache of one replica; it is
// emptied when full, which costs a round of decoding, not correctness.
const maxCachedStories = 4096

var _ StoryAssigner = (*KVStories)(nil)

// NewKVStories returns a story assigner over kv.
func NewKVStories(kv jetstream.KeyValue, cfg StoryConfig) (*KVStories, error) {
	if kv == nil {
		return nil, errors.New("dedup kv stories: nil bucket")
	}
	return &KVStories{kv: kv, sc: newScorer(cfg), now: time.Now, stories: map[string]cachedStory{}}, nil
}

// Assign implements StoryAssigner.
func (k *KVStories) Assign(ctx context.Context, doc StoryDoc) (Assignment, error) {
	k.serial.Lock()
	defer k.serial.Unlock()
	return k.assign(ctx, doc)
}

func (k *KVStories) assign(ctx context.Context, doc StoryDoc) (Assignment, error) {
	if doc.ID == "" {
		return Assignment{}, fmt.Errorf("%w: empty id", ErrInvalidEntry)
	}
	akey := "a." + hashKey(doc.ID)
	if a, ok, err := k.assignment(ctx, akey); err != nil || ok {
		return a, err
	}
	now := doc.Published.Unix()
	if doc.Published.IsZero() || doc.Published.After(k.now().Add(24*time.Hour)) {
		now = k.now().Unix()
	}
	if doc.DuplicateOf != "" {
		if a, ok, err := k.assignment(ctx, "a."+hashKey(doc.DuplicateOf)); err != nil {
			return Assignment{}, err
		} else if ok {
			return k.record(ctx, akey, Assignment{StoryID: a.StoryID})
		}
	}
	k.mu.Lock()
	vec := k.sc.vector(storyTerms(doc.Title, doc.Text))
	k.mu.Unlock()
	d, err := k.best(ctx, vec, now)
	if err != nil {
		return Assignment{}, err
	}
	best := d.best
	if best != "" && d.second != "" {
		if best, err = k.merge(ctx, best, d.second); err != nil {
			return Assignment{}, err
		}
	}
	asg := Assignment{StoryID: storyID(doc.ID), New: true}
	if best != "" {
		asg = Assignment{StoryID: best}
	}
	// Every term is posted, not only those new to the centroid, so the
	// postings' times say when the story was last active under each term.
	terms := make([]string, 0, len(vec))
	for t := range vec {
		terms = append(terms, t)
	}
	// The story and its postings are separate keys: written side by side
	// they cost one wave of round trips, not two. A failure of either
	// leaves the article unrecorded, and its redelivery places it again,
	// as when they were written one after the other.
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return k.update(gctx, asg.StoryID, func(s *story) { s.add(vec, now) }) })
	g.Go(func() error { return k.post(gctx, terms, asg.StoryID, now) })
	if err := g.Wait(); err != nil {
		return Assignment{}, err
	}
	return k.record(ctx, akey, asg)
}

type kvAssignment struct {
	Story string `json:"story"`
	New   bool   `json:"new,omitempty"`
}

func (k *KVStories) assignment(ctx context.Context, key string) (Assignment, bool, error) {
	ent, err := k.kv.Get(ctx, key)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return Assignment{}, false, nil
	}
	if err != nil {
		return Assignment{}, false, fmt.Errorf("dedup kv stories: get %s: %w", key, err)
	}
	var a kvAssignment
	if err := json.Unmarshal(ent.Value(), &a); err != nil {
		return Assignment{}, false, fmt.Errorf("dedup kv stories: decode %s: %w", key, err)
	}
	return Assignment{StoryID: a.Story, New: a.New}, true, nil
}

// record stores the assignment unless another delivery stored one first,
// and returns the stored one.
func (k *KVStories) record(ctx context.Context, key string, a Assignment) (Assignment, error) {
	b, _ := json.Marshal(kvAssignment{Story: a.StoryID, New: a.New})
	_, err := k.kv.Create(ctx, key, b)
	if err == nil {
		return a, nil
	}
	if !errors.Is(err, jetstream.ErrKeyExists) {
		return Assignment{}, fmt.Errorf("dedup kv stories: record %s: %w", key, err)
	}
	got, ok, err := k.assignment(ctx, key)
	if err != nil || !ok {
		return Assignment{}, fmt.Errorf("dedup kv stories: record %s: lost", key)
	}
	return got, nil
}

func termKey(t string) string { return "t." + hashKey(t) }

// best reads the postings of vec's terms and the candidate stories they
// name, and decides as the Clusterer does (scorer.candidates, scorer.decide).
func (k *KVStories) best(ctx context.Context, vec map[string]float64, now int64) (decision, error) {
	var mu sync.Mutex
	lists := make(map[string][]posting, len(vec))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(kvParallel)
	for t := range vec {
		g.Go(func() error {
			es, _, err := k.postings(gctx, termKey(t))
			mu.Lock()
			lists[t] = es
			mu.Unlock()
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return decision{}, err
	}
	ids := k.sc.candidates(vec, lists, now)
	cands := make([]*story, len(ids))
	g, gctx = errgroup.WithContext(ctx)
	g.SetLimit(kvParallel)
	for i, id := range ids {
		g.Go(func() error {
			s, _, err := k.story(gctx, id)
			cands[i] = s
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return decision{}, err
	}
	return k.sc.decide(vec, cands, now), nil
}

// merge folds the story with the larger ID of a and b into the other and
// returns the surviving ID.
func (k *KVStories) merge(ctx context.Context, a, b string) (string, error) {
	into, from := min(a, b), max(a, b)
	var moved *story
	for try := 0; ; try++ {
		if try == maxCASRetries {
			return "", fmt.Errorf("dedup kv stories: merge %s: too many concurrent writers", from)
		}
		s, rev, err := k.story(ctx, from)
		if err != nil {
			return "", err
		}
		if s == nil || s.MergedInto != "" {
			// Gone, or merged by another replica: nothing to move.
			return into, nil
		}
		moved = &story{ID: s.ID, First: s.First, Last: s.Last, Size: s.Size, Centroid: s.Centroid}
		moved.renorm()
		s = s.clone()
		s.MergedInto, s.Centroid = into, nil
		b, _ := json.Marshal(s)
		if _, err = k.kv.Update(ctx, "s."+from, b, rev); err == nil {
			break
		}
		if !isWrongRevision(err) {
			return "", fmt.Errorf("dedup kv stories: merge %s: %w", from, err)
		}
	}
	// The centroid moves once: only the replica whose update marked the
	// story merged gets here.
	if err := k.update(ctx, into, func(s *story) { s.absorb(moved) }); err != nil {
		return "", err
	}
	terms := make([]string, 0, len(moved.Centroid))
	for t := range moved.Centroid {
		terms = append(terms, t)
	}
	return into, k.post(ctx, terms, into, moved.Last)
}

// Resolve returns the story id was merged into, following merges, or id
// itself (also when the bucket cannot be read: the ID is still valid).
func (k *KVStories) Resolve(ctx context.Context, id string) string {
	for i := 0; i < 64; i++ {
		s, _, err := k.story(ctx, id)
		if err != nil || s == nil || s.MergedInto == "" {
			return id
		}
		id = s.MergedInto
	}
	return id
}

// story reads story id. The result is shared with the cache and must not
// be changed; clone it first. An article's candidates are mostly the same
// busy stories as the last article's, and decoding a centroid of up to
// maxCentroidTerms weights was the largest CPU cost of a KV placement, so
// a story is decoded again only when its revision moved.
func (k *KVStories) story(ctx context.Context, id string) (*story, uint64, error) {
	ent, err := k.kv.Get(ctx, "s."+id)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("dedup kv stories: get story %s: %w", id, err)
	}
	k.cmu.Lock()
	c, ok := k.stories[id]
	k.cmu.Unlock()
	if ok && c.rev == ent.Revision() {
		return c.s, c.rev, nil
	}
	var s story
	if err := json.Unmarshal(ent.Value(), &s); err != nil {
		return nil, 0, fmt.Errorf("dedup kv stories: decode story %s: %w", id, err)
	}
	if s.Centroid == nil {
		s.Centroid = map[string]float64{}
	}
	s.renorm()
	k.cmu.Lock()
	if len(k.stories) >= maxCachedStories {
		clear(k.stories)
	}
	k.stories[id] = cachedStory{ent.Revision(), &s}
	k.cmu.Unlock()
	return &s, ent.Revision(), nil
}

// update applies change to story id with a revision-checked update,
// creating the story when it does not exist.
func (k *KVStories) update(ctx context.Context, id string, change func(*story)) error {
	for try := 0; try < maxCASRetries; try++ {
		s, rev, err := k.story(ctx, id)
		if err != nil {
			return err
		}
		if s == nil {
			s = &story{ID: id, Centroid: map[string]float64{}}
		} else {
			s = s.clone()
		}
		change(s)
		b, _ := json.Marshal(s)
		if rev == 0 {
			_, err = k.kv.Create(ctx, "s."+id, b)
		} else {
			_, err = k.kv.Update(ctx, "s."+id, b, rev)
		}
		if err == nil {
			return nil
		}
		if !isWrongRevision(err) {
			return fmt.Errorf("dedup kv stories: update story %s: %w", id, err)
		}
	}
	return fmt.Errorf("dedup kv stories: update story %s: too many concurrent writers", id)
}

func (k *KVStories) postings(ctx context.Context, key string) ([]bandEntry, uint64, error) {
	ent, err := k.kv.Get(ctx, key)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("dedup kv stories: get %s: %w", key, err)
	}
	return parseBand(ent.Value()), ent.Revision(), nil
}

// post records story id as the newest story of each term, keeping the
// maxPostings most recent.
func (k *KVStories) post(ctx context.Context, terms []string, id string, now int64) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(kvParallel)
	for _, t := range terms {
		g.Go(func() error {
			key := termKey(t)
			for try := 0; try < maxCASRetries; try++ {
				es, rev, err := k.postings(gctx, key)
				if err != nil {
					return err
				}
				kept := addPosting(es, id, now)
				if rev == 0 {
					_, err = k.kv.Create(gctx, key, formatBand(kept))
				} else {
					_, err = k.kv.Update(gctx, key, formatBand(kept), rev)
				}
				if err == nil {
					return nil
				}
				if !isWrongRevision(err) {
					return fmt.Errorf("dedup kv stories: post %s: %w", key, err)
				}
			}
			return fmt.Errorf("dedup kv stories: post %s: too many concurrent writers", strings.TrimPrefix(key, "t."))
		})
	}
	return g.Wait()
}
