package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
	"golang.org/x/sync/errgroup"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// Stage is the store stage: it applies unique articles, duplicates and
// claim batches from the bus to a Store.
type Stage struct {
	st  Store
	log *zap.Logger
	m   *stageMetrics
}

// NewStage returns the stage writing to st. reg may be nil.
func NewStage(st Store, log *zap.Logger, reg prometheus.Registerer) *Stage {
	if log == nil {
		log = zap.NewNop()
	}
	m, err := newStageMetrics(reg)
	if err != nil {
		// Metrics are an aid, not a reason to refuse to store.
		log.Warn("store stage metrics not registered", zap.Error(err))
	}
	return &Stage{st: st, log: log, m: m}
}

// Handle is the bus.Handler of the stage. It dispatches on the logical
// subject. A message that can never be stored (undecodable, wrong version,
// missing ids, unknown subject) comes back permanent and is dead-lettered;
// any other failure (the database is down, the store is closing) is
// retryable, so the runner naks it with backoff and it is applied once the
// database is back. Redelivery is harmless: every write is idempotent.
func (s *Stage) Handle(ctx context.Context, m *bus.Message) error {
	err := s.handle(ctx, m)
	s.m.message(m.Subject, err)
	if err != nil && errors.Is(err, ErrInvalid) {
		return bus.Permanent(err)
	}
	return err
}

func (s *Stage) handle(ctx context.Context, m *bus.Message) error {
	switch m.Subject {
	case bus.SubjectArticlesUnique:
		var u model.UniqueArticle
		if err := model.Decode(m.Data, &u); err != nil {
			return err
		}
		if err := s.st.ApplyUnique(ctx, &u); err != nil {
			return err
		}
		s.log.Debug("article stored", zap.String("article_id", u.Article.ID), zap.String("story_id", u.StoryID))
	case bus.SubjectArticlesDuplicate:
		var d model.DuplicateArticle
		if err := model.Decode(m.Data, &d); err != nil {
			return err
		}
		if err := s.st.ApplyDuplicate(ctx, &d); err != nil {
			return err
		}
		s.log.Debug("duplicate stored", zap.String("article_id", d.Article.ID), zap.String("duplicate_of", d.DuplicateOf))
	case bus.SubjectClaimsExtracted:
		var b model.ClaimBatch
		if err := model.Decode(m.Data, &b); err != nil {
			return err
		}
		res, err := s.st.ApplyClaims(ctx, &b)
		if err != nil {
			return err
		}
		s.m.applied(res)
		s.log.Debug("claims stored", zap.String("article_id", b.Article.ID), zap.Int("claims", len(b.Claims)),
			zap.Int("new_claims", res.NewClaims), zap.Int("new_conflicts", res.NewConflicts))
	default:
		return bus.Permanentf("store: unexpected subject %q", m.Subject)
	}
	return nil
}

// Consumers are the durable consumers the store stage drains: unique
// articles, duplicates and claim batches.
var Consumers = []string{bus.ConsumerStoreArticles, bus.ConsumerStoreDuplicates, bus.ConsumerStore}

// MaxDeliver is the deliveries a message gets before it is dead-lettered.
// It is far above the bus default because the usual failure here is the
// database being away, not the message being bad (bad messages fail
// permanently at once): with the runner's backoff capped at 30 s, 1000
// deliveries ride out an outage of about eight hours without losing a
// message to the dead-letter stream.
const MaxDeliver = 1000

// Run consumes the store's durable consumers on conn with concurrency
// handlers each until ctx ends. It returns nil on shutdown.
func (s *Stage) Run(ctx context.Context, conn *bus.Conn, concurrency int) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, name := range Consumers {
		g.Go(func() error {
			spec := bus.StageSpec{Consumer: name, Concurrency: concurrency, MaxDeliver: MaxDeliver}
			if err := conn.RunStage(ctx, spec, s.Handle); err != nil {
				return fmt.Errorf("store stage %s: %w", name, err)
			}
			return nil
		})
	}
	return g.Wait()
}
