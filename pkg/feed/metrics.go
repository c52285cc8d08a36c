package feed

import (
	"errors"
	"fmt"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics are the fetcher's Prometheus series. A nil Registerer gives
// working but unregistered collectors, so callers need no nil checks.
type metrics struct {
	polls       *prometheus.CounterVec // by result: ok, not_modified, unchanged, error, parse_error
	published   *prometheus.CounterVec // by kind: new, update
	fullText    *prometheus.CounterVec // by result: ok, error, skipped
	pollSeconds prometheus.Histogram
	leaseLost   prometheus.Counter
	feeds       prometheus.Gauge
	inflight    prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	m := &metrics{
		polls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "fetcher", Name: "polls_total",
			Help: "Feed polls by result (ok, not_modified, unchanged, error, parse_error).",
		}, []string{"result"}),
		published: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "fetcher", Name: "articles_published_total",
			Help: "Articles published on cw.articles.raw, new or updated.",
		}, []string{"kind"}),
		fullText: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "fetcher", Name: "full_text_total",
			Help: "Full-text page fetches by result (ok, error).",
		}, []string{"result"}),
		pollSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: "claimwatch", Subsystem: "fetcher", Name: "poll_duration_seconds",
			Help:    "Duration of one feed poll, including publishing.",
			Buckets: prometheus.ExponentialBuckets(0.005, 3, 9),
		}),
		leaseLost: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "fetcher", Name: "lease_conflicts_total",
			Help: "Polls skipped or results dropped because another replica held or took the feed.",
		}),
		feeds: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: "claimwatch", Subsystem: "fetcher", Name: "feeds",
			Help: "Feeds known to this replica's scheduler.",
		}),
		inflight: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: "claimwatch", Subsystem: "fetcher", Name: "polls_in_flight",
			Help: "Polls running now.",
		}),
	}
	if reg == nil {
		return m, nil
	}
	var err error
	reuse(reg, &m.polls, &err)
	reuse(reg, &m.published, &err)
	reuse(reg, &m.fullText, &err)
	reuse(reg, &m.pollSeconds, &err)
	reuse(reg, &m.leaseLost, &err)
	reuse(reg, &m.feeds, &err)
	reuse(reg, &m.inflight, &err)
	if err != nil {
		return nil, err
	}
	return m, nil
}

// reuse registers *c, or, when an identical collector is registered
// already (a second Fetcher in one process), points *c at that one so both
// count into the same series.
func reuse[T prometheus.Collector](reg prometheus.Registerer, c *T, errp *error) {
	if *errp != nil {
		return
	}
	if err := reg.Register(*c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if existing, ok := are.ExistingCollector.(T); ok {
				*c = existing
				return
			}
		}
		*errp = fmt.Errorf("register fetcher metrics: %w", err)
	}
}
