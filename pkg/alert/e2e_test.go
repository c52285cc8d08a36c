package alert

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// runStage runs a's Handle under the bus runner on the alerter consumer,
// with its delivery loop, until the test ends.
func runStage(t testing.TB, conn *bus.Conn, a *Alerter) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		if err := conn.RunStage(ctx, bus.StageSpec{Consumer: bus.ConsumerAlerter, Concurrency: 8}, a.Handle); err != nil {
			t.Errorf("RunStage: %v", err)
		}
	}()
	go func() {
		defer wg.Done()
		if err := a.Run(ctx); err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	t.Cleanup(func() { cancel(); wg.Wait() })
}

func publishEvent(ctx context.Context, t testing.TB, conn *bus.Conn, ev model.Event) {
	data, err := model.Encode(&ev)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.Publish(ctx, bus.SubjectEventsPrefix+ev.Type, ev.Key, data); err != nil {
		t.Fatal(err)
	}
}

func TestEventsOnTheStreamBecomeWebhookAlerts(t *testing.T) {
	conn, kv := testBus(t)
	rcv := newReceiver(t)
	a, err := New(Config{Rules: parseRules(t, demoRules, rcv.url())}, conn, kv, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	runStage(t, conn, a)
	for _, ev := range demoEvents() {
		publishEvent(t.Context(), t, conn, ev)
	}
	// Publishing the demo again is dropped by the stream (Nats-Msg-Id)
	// and would be dropped by the marks if it were not.
	for _, ev := range demoEvents() {
		publishEvent(t.Context(), t, conn, ev)
	}
	waitFor(t, 10*time.Second, "six alerts", func() bool { return len(rcv.alerts()) >= 6 })
	time.Sleep(200 * time.Millisecond)
	var rules []string
	for _, p := range rcv.alerts() {
		rules = append(rules, p.Rule)
	}
	slices.Sort(rules)
	want := []string{"putin-quotes", "putin-quotes", "putin-quotes", "troop-conflicts", "troop-conflicts", "troop-conflicts"}
	if !slices.Equal(rules, want) {
		t.Errorf("alerts by rule = %v, want %v", rules, want)
	}
}

func TestNATSAndLogSinks(t *testing.T) {
	conn, kv := testBus(t)
	rs := parseRules(t, `
sinks: [{name: bus, type: nats}, {name: journal, type: log}]
rules: [{name: quotes, triggers: [claim.new], match: {kind: quote}, sinks: [bus, journal]}]`, "")
	a := startAlerter(t, Config{Rules: rs}, conn, kv)
	sub, err := conn.NATS().SubscribeSync(conn.Names().Subject(bus.SubjectAlertsPrefix + "quotes"))
	if err != nil {
		t.Fatal(err)
	}
	handle(t, a, newClaimEvent("nats:1", quote("n1", "Vladimir Putin", "q"), artKyiv))
	msg, err := sub.NextMsg(10 * time.Second)
	if err != nil {
		t.Fatalf("no alert on the NATS subject: %v", err)
	}
	var p Payload
	if err := json.Unmarshal(msg.Data, &p); err != nil || p.EventKey != "nats:1" || p.Rule != "quotes" {
		t.Errorf("NATS alert = %+v (%v)", p, err)
	}
	waitFor(t, 5*time.Second, "both sinks delivered", func() bool {
		recs, _ := a.Alerts(t.Context(), 0)
		return len(recs) == 2 && recs[0].State == model.AlertDelivered && recs[1].State == model.AlertDelivered
	})
}

// BenchmarkEventToWebhookLatency publishes claim.new events on CW_EVENTS at
// 200 events/s through the bus runner and the alerter to an httptest
// webhook, and reports the publication-to-receipt latency.
//
//	go test ./pkg/alert -run '^$' -bench EventToWebhookLatency -benchtime 2000x
func BenchmarkEventToWebhookLatency(b *testing.B) {
	conn, kv := testBus(b)
	var (
		mu   sync.Mutex
		lats []time.Duration
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p Payload
		if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		mu.Lock()
		lats = append(lats, time.Since(p.Time))
		mu.Unlock()
	}))
	b.Cleanup(srv.Close)
	a, err := New(Config{WebhookURL: srv.URL, Secret: testSecret}, conn, kv, zap.NewNop(), nil)
	if err != nil {
		b.Fatal(err)
	}
	runStage(b, conn, a)
	const interval = time.Second / 200
	next := time.Now()
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		if d := time.Until(next); d > 0 {
			time.Sleep(d)
		}
		next = next.Add(interval)
		ev := newClaimEvent("bench:"+keyN(i%1000)+time.Now().Format(time.RFC3339Nano), quote("b", "Vladimir Putin", "q"), artKyiv)
		ev.Time = time.Now()
		publishEvent(b.Context(), b, conn, ev)
		i++
	}
	b.StopTimer()
	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		n := len(lats)
		mu.Unlock()
		if n >= i || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(lats) < i {
		b.Fatalf("%d of %d alerts arrived", len(lats), i)
	}
	slices.Sort(lats)
	pct := func(p float64) float64 { return float64(lats[int(p*float64(len(lats)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(pct(1), "max-ms")
}
