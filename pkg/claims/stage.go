package claims

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// Stage is the extractor stage: it consumes model.UniqueArticle from
// cw.articles.unique and publishes one model.ClaimBatch per article on
// cw.claims.extracted, even when the article has no claims, so the store
// knows the article is done. Run it with
//
//	conn.RunStage(ctx, bus.StageSpec{Consumer: bus.ConsumerExtractor, Concurrency: n}, stage.Handle)
//
// Stage is safe for concurrent use.
type Stage struct {
	ex  Extractor
	pub bus.Publisher
	log *zap.Logger

	articles prometheus.Counter
	claims   *prometheus.CounterVec
	failures prometheus.Counter
	seconds  prometheus.Histogram
}

// NewStage returns the extractor stage. log and reg may be nil.
func NewStage(ex Extractor, pub bus.Publisher, log *zap.Logger, reg prometheus.Registerer) *Stage {
	if log == nil {
		log = zap.NewNop()
	}
	s := &Stage{
		ex:  ex,
		pub: pub,
		log: log,
		articles: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "extractor", Name: "articles_total",
			Help: "Articles the extractor stage published a claim batch for.",
		}),
		claims: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "extractor", Name: "claims_total",
			Help: "Claims extracted, by kind.",
		}, []string{"kind"}),
		failures: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "extractor", Name: "failures_total",
			Help: "Articles whose extraction or publication failed.",
		}),
		seconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "claimwatch", Subsystem: "extractor", Name: "extract_seconds",
			Help:    "Time to extract the claims of one article.",
			Buckets: prometheus.ExponentialBuckets(0.0001, 4, 9),
		}),
	}
	if reg != nil {
		for _, c := range []prometheus.Collector{s.articles, s.claims, s.failures, s.seconds} {
			if err := reg.Register(c); err != nil {
				var are prometheus.AlreadyRegisteredError
				if !errors.As(err, &are) {
					log.Warn("register extractor metric", zap.Error(err))
				}
			}
		}
	}
	return s
}

// BatchMsgID is the Nats-Msg-Id of the claim batch of one article
// revision: the same article, revision and extractor version always give
// the same ID, so a redelivered article is dropped by the stream's
// duplicate window.
func BatchMsgID(articleID string, revision int, extractorVersion string) string {
	return articleID + ":" + strconv.Itoa(revision) + ":" + extractorVersion
}

// Handle is the bus.Handler of the stage. An undecodable payload or an
// article the extractor refuses (too large) is permanent; a failed
// publish is retried by the runner.
func (s *Stage) Handle(ctx context.Context, m *bus.Message) error {
	var u model.UniqueArticle
	if err := model.Decode(m.Data, &u); err != nil {
		s.failures.Inc()
		return fmt.Errorf("extractor: %w", err)
	}
	batch, err := s.Batch(ctx, &u)
	if err != nil {
		s.failures.Inc()
		if errors.Is(err, ErrTooLarge) {
			return bus.Permanent(err)
		}
		return err
	}
	data, err := model.Encode(batch)
	if err != nil {
		s.failures.Inc()
		return bus.Permanent(err)
	}
	id := BatchMsgID(u.Article.ID, u.Article.Revision, s.ex.Version())
	if err := s.pub.Publish(ctx, bus.SubjectClaimsExtracted, id, data); err != nil {
		s.failures.Inc()
		return fmt.Errorf("publish claims of %s: %w", u.Article.ID, err)
	}
	s.articles.Inc()
	for _, c := range batch.Claims {
		s.claims.WithLabelValues(c.Kind).Inc()
	}
	s.log.Debug("claims extracted", zap.String("article_id", u.Article.ID),
		zap.Int("claims", len(batch.Claims)), zap.Uint64("stream_seq", m.StreamSeq))
	return nil
}

// Batch extracts the claims of one unique article into the batch the
// stage publishes.
func (s *Stage) Batch(ctx context.Context, u *model.UniqueArticle) (*model.ClaimBatch, error) {
	a := &u.Article
	start := time.Now()
	cs, err := s.ex.Extract(ctx, Input{ArticleID: a.ID, Title: a.Title, Text: a.Text, Published: a.Published})
	s.seconds.Observe(time.Since(start).Seconds())
	if err != nil {
		return nil, fmt.Errorf("extract %s: %w", a.ID, err)
	}
	if cs == nil {
		cs = []model.Claim{}
	}
	ref := a.Ref()
	ref.StoryID = u.StoryID
	return &model.ClaimBatch{Article: ref, Extractor: s.ex.Version(), Claims: cs}, nil
}
