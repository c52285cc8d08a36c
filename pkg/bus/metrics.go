package bus

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

// Metrics counts what every stage runner does, labelled by stage. One
// Metrics serves all stages of a process.
type Metrics struct {
	In          *prometheus.CounterVec
	Out         *prometheus.CounterVec
	Failed      *prometheus.CounterVec
	DeadLetter  *prometheus.CounterVec
	Handle      *prometheus.HistogramVec
	Pending     *prometheus.GaugeVec
	AckPending  *prometheus.GaugeVec
	InFlight    *prometheus.GaugeVec
	Published   *prometheus.CounterVec
	PublishFail *prometheus.CounterVec
}

// NewMetrics creates the stage metrics and registers them on reg (nil
// registers nothing). Registering twice on one registry returns the
// collectors already there.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	stage := []string{"stage"}
	m := &Metrics{
		In:          prometheus.NewCounterVec(prometheus.CounterOpts{Name: "claimwatch_stage_messages_in_total", Help: "Messages delivered to the stage."}, stage),
		Out:         prometheus.NewCounterVec(prometheus.CounterOpts{Name: "claimwatch_stage_messages_out_total", Help: "Messages the stage handled and acknowledged."}, stage),
		Failed:      prometheus.NewCounterVec(prometheus.CounterOpts{Name: "claimwatch_stage_messages_failed_total", Help: "Handler failures that were retried."}, stage),
		DeadLetter:  prometheus.NewCounterVec(prometheus.CounterOpts{Name: "claimwatch_stage_messages_dead_lettered_total", Help: "Messages terminated and copied to the dead-letter stream."}, stage),
		Handle:      prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "claimwatch_stage_handle_seconds", Help: "Time spent in the stage handler.", Buckets: prometheus.ExponentialBuckets(0.0005, 2, 16)}, stage),
		Pending:     prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "claimwatch_stage_consumer_pending", Help: "Messages waiting in the stage's consumer."}, stage),
		AckPending:  prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "claimwatch_stage_consumer_ack_pending", Help: "Messages delivered but not yet acknowledged."}, stage),
		InFlight:    prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "claimwatch_stage_in_flight", Help: "Handlers running now."}, stage),
		Published:   prometheus.NewCounterVec(prometheus.CounterOpts{Name: "claimwatch_bus_published_total", Help: "Messages published, by logical subject."}, []string{"subject"}),
		PublishFail: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "claimwatch_bus_publish_failures_total", Help: "Publishes that failed, by logical subject."}, []string{"subject"}),
	}
	if reg == nil {
		return m
	}
	m.In = register(reg, m.In)
	m.Out = register(reg, m.Out)
	m.Failed = register(reg, m.Failed)
	m.DeadLetter = register(reg, m.DeadLetter)
	m.Handle = register(reg, m.Handle)
	m.Pending = register(reg, m.Pending)
	m.AckPending = register(reg, m.AckPending)
	m.InFlight = register(reg, m.InFlight)
	m.Published = register(reg, m.Published)
	m.PublishFail = register(reg, m.PublishFail)
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
