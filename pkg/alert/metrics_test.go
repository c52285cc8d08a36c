package alert

import (
	"net/http"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// metricValue gathers reg and returns the counter value, or the histogram
// sample count, of name for a sink (-1 when absent).
func metricValue(t *testing.T, reg *prometheus.Registry, name, sink string) float64 {
	t.Helper()
	fams, err := reg.Gather()
	if err != nil {
		t.Fatalf("gather: %v", err)
	}
	for _, f := range fams {
		if f.GetName() != name {
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "sink" && l.GetValue() == sink {
					if h := m.GetHistogram(); h != nil {
						return float64(h.GetSampleCount())
					}
					return m.GetCounter().GetValue()
				}
			}
		}
	}
	return -1
}

func TestMetricsCountSentFailedAndDead(t *testing.T) {
	conn, kv := testBus(t)
	ok, flaky, gone := newReceiver(t), newReceiver(t), newReceiver(t)
	flaky.setStatus(http.StatusBadGateway)
	gone.setStatus(http.StatusNotFound)
	rs := parseRules(t, `
sinks:
  - {name: ok, type: webhook, url: `+ok.url()+`, secret: s3cret}
  - {name: flaky, type: webhook, url: `+flaky.url()+`, secret: s3cret}
  - {name: gone, type: webhook, url: `+gone.url()+`}
rules: [{name: all, triggers: [claim.new], sinks: [ok, flaky, gone]}]`, "")
	reg := prometheus.NewPedanticRegistry()
	cfg := Config{Rules: rs, InitialBackoff: 20 * time.Millisecond, MaxBackoff: 40 * time.Millisecond}
	a := startAlerterWith(t, cfg, conn, kv, reg)
	// A second alerter on the same registry shares the collectors.
	if _, err := New(cfg, conn, kv, nil, reg); err != nil {
		t.Fatalf("second New on one registry: %v", err)
	}
	handle(t, a, newClaimEvent("m:1", quote("m1", "Vladimir Putin", "q"), artKyiv))
	handle(t, a, newClaimEvent("m:2", quote("m2", "Vladimir Putin", "q"), artKyiv))
	waitFor(t, 10*time.Second, "counters", func() bool {
		return metricValue(t, reg, "claimwatch_alerts_sent_total", "ok") == 2 &&
			metricValue(t, reg, "claimwatch_alerts_dead_total", "gone") == 2 &&
			metricValue(t, reg, "claimwatch_alerts_failed_total", "flaky") >= 4
	})
	if got := metricValue(t, reg, "claimwatch_alerts_sent_total", "flaky"); got > 0 {
		t.Errorf("flaky sink sent = %v", got)
	}
	if got := metricValue(t, reg, "claimwatch_alert_delivery_seconds", "ok"); got != 2 {
		t.Errorf("latency samples for sink ok = %v, want 2", got)
	}
	if got := metricValue(t, reg, "claimwatch_alert_delivery_seconds", "gone"); got != -1 {
		t.Errorf("latency observed for a sink that delivered nothing: %v", got)
	}
}
