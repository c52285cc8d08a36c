package api

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

// metrics counts what the API serves. The collectors work unregistered, so
// a nil Registerer costs nothing but visibility.
type metrics struct {
	requests      *prometheus.CounterVec
	duration      *prometheus.HistogramVec
	backendErrors prometheus.Counter
	sseClients    prometheus.Gauge
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "api", Name: "requests_total",
			Help: "HTTP requests served, by route pattern and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: "claimwatch", Subsystem: "api", Name: "request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
		backendErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "claimwatch", Subsystem: "api", Name: "backend_errors_total",
			Help: "Requests answered with 500 because the store or another backend failed.",
		}),
		sseClients: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: "claimwatch", Subsystem: "api", Name: "sse_clients",
			Help: "Browsers connected to the live event stream.",
		}),
	}
	if reg != nil {
		m.requests = register(reg, m.requests)
		m.duration = register(reg, m.duration)
		m.backendErrors = register(reg, m.backendErrors)
		m.sseClients = register(reg, m.sseClients)
	}
	return m
}

// register adds c to reg. When a second API shares the registry (tests, two
// listeners), it reuses the collector already there instead of failing; any
// other registration problem leaves c working but unexported.
func register[C prometheus.Collector](reg prometheus.Registerer, c C) C {
	err := reg.Register(c)
	var are prometheus.AlreadyRegisteredError
	if errors.As(err, &are) {
		if existing, ok := are.ExistingCollector.(C); ok {
			return existing
		}
	}
	return c
}
