package alert

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

type metrics struct {
	sent    *prometheus.CounterVec
	failed  *prometheus.CounterVec
	dead    *prometheus.CounterVec
	latency *prometheus.HistogramVec
}

// newMetrics registers the alerter's metrics on reg; a nil reg keeps them
// unregistered (tests). A second Alerter on the same registry shares the
// first one's collectors instead of failing.
func newMetrics(reg prometheus.Registerer, pending func() float64) *metrics {
	sink := []string{"sink"}
	m := &metrics{
		sent: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claimwatch_alerts_sent_total", Help: "Alerts accepted by a sink, counting each item of a digest.",
		}, sink),
		failed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claimwatch_alerts_failed_total", Help: "Failed delivery attempts per alert; they are retried.",
		}, sink),
		dead: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "claimwatch_alerts_dead_total", Help: "Alerts given up on and sent to the dead-letter stream.",
		}, sink),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "claimwatch_alert_delivery_seconds",
			Help:    "Time from an event's emission to a sink accepting its alert.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600},
		}, sink),
	}
	if reg == nil {
		return m
	}
	m.sent = register(reg, m.sent)
	m.failed = register(reg, m.failed)
	m.dead = register(reg, m.dead)
	m.latency = register(reg, m.latency)
	register(reg, prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "claimwatch_alerts_pending", Help: "Alerts waiting for delivery, as this replica sees the bucket.",
	}, pending))
	return m
}

func register[C prometheus.Collector](reg prometheus.Registerer, c C) C {
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
