package dedup

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// Stage is the dedup stage: it consumes model.Article from
// cw.articles.raw and publishes a model.UniqueArticle (with its story) on
// cw.articles.unique or a model.DuplicateArticle on cw.articles.duplicate.
//
// Handle is deterministic and idempotent: the Index and the
// StoryAssigner return their first answer for an article ID, and the
// published message's Nats-Msg-Id is derived from the article ID and
// revision, so a redelivery yields the same decision and the stream drops
// the second copy of the output. An updated article (same ID, higher
// Revision) is published again under the new revision, with the decision
// and story it first received.
//
// Wiring (cmd/dedup, claimwatch run):
//
//	kv, _ := conn.KeyValue(ctx, bus.BucketDedup)      // or dedup.NewMemory() in one process
//	idx, _ := dedup.NewKV(kv, dedup.WithWindow(window))
//	stories := dedup.NewClusterer(dedup.StoryConfig{}) // see doc.go on replicas
//	st := dedup.NewStage(idx, stories, conn, log, reg)
//	err := st.Run(ctx, conn, concurrency)
type Stage struct {
	idx     Index
	stories StoryAssigner
	pub     bus.Publisher
	log     *zap.Logger
	m       *stageMetrics
}

// NewStage returns a stage deciding with idx, grouping unique articles
// with stories and publishing on pub. log may be nil (no logs) and reg nil
// (no metrics).
func NewStage(idx Index, stories StoryAssigner, pub bus.Publisher, log *zap.Logger, reg prometheus.Registerer) *Stage {
	if log == nil {
		log = zap.NewNop()
	}
	return &Stage{idx: idx, stories: stories, pub: pub, log: log, m: newStageMetrics(reg)}
}

// Run consumes cw.articles.raw through the dedup durable consumer with
// concurrency handlers until ctx ends.
func (s *Stage) Run(ctx context.Context, conn *bus.Conn, concurrency int) error {
	s.log.Info("dedup stage starting", zap.Int("concurrency", concurrency))
	err := conn.RunStage(ctx, bus.StageSpec{Consumer: bus.ConsumerDedup, Concurrency: concurrency}, s.Handle)
	s.log.Info("dedup stage stopped", zap.Error(err))
	return err
}

// Handle implements bus.Handler for one raw article.
func (s *Stage) Handle(ctx context.Context, m *bus.Message) error {
	var a model.Article
	if err := model.Decode(m.Data, &a); err != nil {
		return err
	}
	if a.ID == "" {
		return bus.Permanentf("dedup: article without id (stream seq %d)", m.StreamSeq)
	}
	out, err := s.Decide(ctx, &a)
	if err != nil {
		if errors.Is(err, ErrInvalidEntry) {
			return bus.Permanent(err)
		}
		return err
	}
	if out.Stale {
		// An older revision arriving after a newer one was decided:
		// publishing it would roll the article back downstream.
		s.log.Debug("stale revision dropped", zap.String("article_id", a.ID), zap.Int("revision", a.Revision))
		return nil
	}
	data, err := out.encode()
	if err != nil {
		return bus.Permanent(err)
	}
	if err := s.pub.Publish(ctx, out.subject, out.msgID, data); err != nil {
		return fmt.Errorf("dedup: publish %s: %w", a.ID, err)
	}
	s.m.count(out)
	s.log.Debug("article decided", zap.String("article_id", a.ID), zap.String("subject", out.subject),
		zap.String("duplicate_of", out.dupOf()), zap.String("story_id", out.storyID()))
	return nil
}

// Outcome is the stage's verdict on one article: exactly one of Unique
// and Duplicate is set.
type Outcome struct {
	Unique    *model.UniqueArticle
	Duplicate *model.DuplicateArticle
	// Stale is set when a newer revision of the article was decided
	// before this one; the stage does not publish it.
	Stale   bool
	subject string
	msgID   string
	updated bool
}

func (o *Outcome) encode() ([]byte, error) {
	if o.Unique != nil {
		return model.Encode(o.Unique)
	}
	return model.Encode(o.Duplicate)
}

func (o *Outcome) dupOf() string {
	if o.Duplicate != nil {
		return o.Duplicate.DuplicateOf
	}
	return ""
}

func (o *Outcome) storyID() string {
	if o.Unique != nil {
		return o.Unique.StoryID
	}
	return o.Duplicate.StoryID
}

// Decide runs the dedup and story logic for a without publishing.
func (s *Stage) Decide(ctx context.Context, a *model.Article) (*Outcome, error) {
	text := a.Text
	if a.HTML {
		text = StripHTML(text)
	}
	e := Entry{ID: a.ID, Revision: a.Revision, URLKey: urlKey(a.URL), Published: a.Published, FP: FingerprintText(text, false)}
	if e.FP.Size == 0 {
		// A headline-only item: the headline is all there is to compare.
		e.FP = FingerprintText(a.Title, false)
	}
	dec, err := s.idx.Add(ctx, e)
	if err != nil {
		return nil, fmt.Errorf("dedup: index %s: %w", a.ID, err)
	}
	sd := StoryDoc{ID: a.ID, Title: a.Title, Text: text, Published: a.Published, DuplicateOf: dec.DuplicateOf}
	asg, err := s.stories.Assign(ctx, sd)
	if err != nil {
		return nil, fmt.Errorf("dedup: story of %s: %w", a.ID, err)
	}
	id := a.ID + "." + strconv.Itoa(a.Revision)
	stale := a.Revision < dec.Revision
	if dec.Unique() {
		return &Outcome{
			Unique: &model.UniqueArticle{Article: *a, StoryID: asg.StoryID, StoryNew: asg.New && a.Revision == dec.FirstRevision},
			Stale:  stale, subject: bus.SubjectArticlesUnique, msgID: "dedup.u." + id, updated: dec.Updated,
		}, nil
	}
	return &Outcome{
		Duplicate: &model.DuplicateArticle{Article: *a, DuplicateOf: dec.DuplicateOf, StoryID: asg.StoryID, Similarity: dec.Similarity, Exact: dec.Exact},
		Stale:     stale, subject: bus.SubjectArticlesDuplicate, msgID: "dedup.d." + id, updated: dec.Updated,
	}, nil
}

type stageMetrics struct {
	articles *prometheus.CounterVec
	stories  prometheus.Counter
}

func newStageMetrics(reg prometheus.Registerer) *stageMetrics {
	m := &stageMetrics{
		articles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claimwatch_dedup_articles_total",
			Help: "Articles decided by the dedup stage, by decision (unique, near, exact) and whether it was an update.",
		}, []string{"decision", "update"}),
		stories: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "claimwatch_dedup_stories_opened_total",
			Help: "Stories opened by the dedup stage.",
		}),
	}
	if reg != nil {
		m.articles = registerOr(reg, m.articles)
		m.stories = registerOr(reg, m.stories)
	}
	return m
}

// registerOr registers c, or returns the collector already registered
// under its name, so two stages in one process share their metrics.
func registerOr[C prometheus.Collector](reg prometheus.Registerer, c C) C {
	if err := reg.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if existing, ok := are.ExistingCollector.(C); ok {
				return existing
			}
		}
	}
	return c
}

func (m *stageMetrics) count(o *Outcome) {
	decision := "unique"
	switch {
	case o.Duplicate != nil && o.Duplicate.Exact:
		decision = "exact"
	case o.Duplicate != nil:
		decision = "near"
	}
	m.articles.WithLabelValues(decision, strconv.FormatBool(o.updated)).Inc()
	if o.Unique != nil && o.Unique.StoryNew {
		m.stories.Inc()
	}
}
