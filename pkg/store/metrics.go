package store

import (
	"errors"
	"fmt"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// storeMetrics describe the write batcher. A nil *storeMetrics records
// nothing, so a store opened without a registerer pays nothing.
type storeMetrics struct {
	batchSize     prometheus.Histogram
	batchDuration prometheus.Histogram
	batchErrors   prometheus.Counter
}

// WithRegisterer registers the store's write metrics (batch size,
// duration, failed transactions) on reg.
func WithRegisterer(reg prometheus.Registerer) Option {
	return func(o *options) error {
		if reg == nil {
			return nil
		}
		m := &storeMetrics{
			batchSize: prometheus.NewHistogram(prometheus.HistogramOpts{
				Namespace: "claimwatch", Subsystem: "store", Name: "batch_writes",
				Help:    "Writes grouped into one transaction.",
				Buckets: prometheus.ExponentialBuckets(1, 2, 8),
			}),
			batchDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
				Namespace: "claimwatch", Subsystem: "store", Name: "batch_duration_seconds",
				Help:    "Time to run and commit one batched transaction.",
				Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
			}),
			batchErrors: prometheus.NewCounter(prometheus.CounterOpts{
				Namespace: "claimwatch", Subsystem: "store", Name: "batch_errors_total",
				Help: "Batched transactions that failed to begin or commit.",
			}),
		}
		var err error
		if m.batchSize, err = register(reg, m.batchSize); err != nil {
			return err
		}
		if m.batchDuration, err = register(reg, m.batchDuration); err != nil {
			return err
		}
		if m.batchErrors, err = register(reg, m.batchErrors); err != nil {
			return err
		}
		o.metrics = m
		return nil
	}
}

// register registers c; when an earlier store or stage in the same
// process (tests, replay) registered the same metric, it returns that one
// so both count into it.
func register[T prometheus.Collector](reg prometheus.Registerer, c T) (T, error) {
	if err := reg.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if existing, ok := are.ExistingCollector.(T); ok {
				return existing, nil
			}
		}
		return c, fmt.Errorf("register metric: %w", err)
	}
	return c, nil
}

func (m *storeMetrics) observeBatch(n int, took time.Duration, err error) {
	if m == nil {
		return
	}
	m.batchSize.Observe(float64(n))
	m.batchDuration.Observe(took.Seconds())
	if err != nil {
		m.batchErrors.Inc()
	}
}
