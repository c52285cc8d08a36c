package store

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/claimwatch/claimwatch/pkg/bus"
)

// stageMetrics count the stage's messages and what they changed. A nil
// *stageMetrics records nothing.
type stageMetrics struct {
	messages  *prometheus.CounterVec
	claims    prometheus.Counter
	mentions  prometheus.Counter
	conflicts prometheus.Counter
}

func newStageMetrics(reg prometheus.Registerer) (*stageMetrics, error) {
	if reg == nil {
		return nil, nil
	}
	m := &stageMetrics{
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "store", Name: "messages_total",
			Help: "Messages handled by the store stage, by subject and result (ok, retry, dead).",
		}, []string{"subject", "result"}),
		claims: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "store", Name: "claims_new_total", Help: "Claims stored for the first time.",
		}),
		mentions: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "store", Name: "mentions_new_total", Help: "Claim mentions stored.",
		}),
		conflicts: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "store", Name: "conflicts_new_total", Help: "Conflicts detected.",
		}),
	}
	var err, e error
	m.messages, e = register(reg, m.messages)
	err = errors.Join(err, e)
	m.claims, e = register(reg, m.claims)
	err = errors.Join(err, e)
	m.mentions, e = register(reg, m.mentions)
	err = errors.Join(err, e)
	m.conflicts, e = register(reg, m.conflicts)
	err = errors.Join(err, e)
	return m, err
}

func (m *stageMetrics) message(subject string, err error) {
	if m == nil {
		return
	}
	result := "ok"
	switch {
	case err == nil:
	case bus.IsPermanent(err) || errors.Is(err, ErrInvalid):
		result = "dead"
	default:
		result = "retry"
	}
	switch subject {
	case bus.SubjectArticlesUnique, bus.SubjectArticlesDuplicate, bus.SubjectClaimsExtracted:
	default:
		subject = "other" // bounded label cardinality
	}
	m.messages.WithLabelValues(subject, result).Inc()
}

func (m *stageMetrics) applied(r ApplyResult) {
	if m == nil {
		return
	}
	m.claims.Add(float64(r.NewClaims))
	m.mentions.Add(float64(r.NewMentions))
	m.conflicts.Add(float64(r.NewConflicts))
}
