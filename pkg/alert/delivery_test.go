package alert

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

const demoRules = `
sinks:
  - name: hook
    type: webhook
    url: %URL%
    secret: s3cret
rules:
  - name: putin-quotes
    triggers: [claim.new]
    match: {kind: quote, speaker: Putin}
    sinks: [hook]
  - name: troop-conflicts
    triggers: [claim.conflict]
    match: {subject: North Korea, keywords: troops}
    sinks: [hook]
  - name: nothing
    triggers: [claim.new, claim.conflict]
    match: {speaker: Zelensky}
    sinks: [hook]
`

func parseRules(t testing.TB, yaml, url string) *RuleSet {
	t.Helper()
	rs, err := ParseRules([]byte(strings.ReplaceAll(yaml, "%URL%", url)))
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestDemoProducesTheExpectedAlerts(t *testing.T) {
	conn, kv := testBus(t)
	rcv := newReceiver(t)
	a := startAlerter(t, Config{Rules: parseRules(t, demoRules, rcv.url())}, conn, kv)
	for _, ev := range demoEvents() {
		handle(t, a, ev)
	}
	want := map[string]string{
		AlertID("putin-quotes", "new:putin-business"):       model.EventClaimNew,
		AlertID("putin-quotes", "new:putin-decision"):       model.EventClaimNew,
		AlertID("putin-quotes", "new:putin-friends"):        model.EventClaimNew,
		AlertID("troop-conflicts", "conflict:q1500-q3000"):  model.EventClaimConflict,
		AlertID("troop-conflicts", "conflict:q1500-q12000"): model.EventClaimConflict,
		AlertID("troop-conflicts", "conflict:q3000-q12000"): model.EventClaimConflict,
	}
	waitFor(t, 10*time.Second, "six alerts", func() bool { return len(rcv.alerts()) >= len(want) })
	time.Sleep(100 * time.Millisecond) // a seventh would arrive now
	got := map[string]string{}
	figures := map[float64]bool{}
	for _, p := range rcv.alerts() {
		if _, dup := got[p.ID]; dup {
			t.Errorf("alert %s delivered twice", p.ID)
		}
		got[p.ID] = p.Trigger
		if p.Rule == "putin-quotes" && (len(p.Claims) != 1 || !strings.Contains(p.Claims[0].Speaker, "Putin")) {
			t.Errorf("putin alert carries %+v", p.Claims)
		}
		if p.Trigger == model.EventClaimConflict {
			for _, c := range p.Claims {
				figures[c.Quantity.Value] = true
			}
			if len(p.Articles) != 2 || p.Story != demoStory || p.Conflict == nil || p.Conflict.Unit != "troops" {
				t.Errorf("conflict alert lacks articles, story or conflict: %+v", p)
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("alerts (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[float64]bool{1500: true, 3000: true, 12000: true}, figures); diff != "" {
		t.Errorf("troop counts in conflict alerts (-want +got):\n%s", diff)
	}
	if bad := rcv.badSignatures(); len(bad) > 0 {
		t.Errorf("signatures did not verify: %v", bad)
	}
	for _, r := range rcv.requests() {
		var p Payload
		_ = json.Unmarshal(r.body, &p)
		if k := r.header.Get(HeaderIdempotency); k != p.ID {
			t.Errorf("Idempotency-Key %q, body id %q", k, p.ID)
		}
	}
	waitFor(t, 5*time.Second, "records to show delivered", func() bool {
		recs, _ := a.Alerts(t.Context(), 0)
		for _, r := range recs {
			if r.State != model.AlertDelivered {
				return false
			}
		}
		return len(recs) == len(want)
	})
	if rules := a.Rules(); len(rules) != 3 || rules[0].Sinks[0].Target != rcv.url() {
		t.Errorf("Rules() = %+v", rules)
	}
}

func TestRuleMatchingNothingSendsNothing(t *testing.T) {
	conn, kv := testBus(t)
	rcv := newReceiver(t)
	rs := parseRules(t, "sinks: [{name: hook, type: webhook, url: %URL%}]\nrules: [{name: z, triggers: [claim.new, claim.conflict], match: {speaker: Zelensky}, sinks: [hook]}]", rcv.url())
	a := startAlerter(t, Config{Rules: rs}, conn, kv)
	for _, ev := range demoEvents() {
		handle(t, a, ev)
	}
	// Handle returned, so every mark that would exist exists: none.
	keys, err := kv.ListKeys(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for range keys.Keys() {
		n++
	}
	time.Sleep(200 * time.Millisecond)
	if n != 0 || len(rcv.requests()) != 0 {
		t.Errorf("a rule matching nothing made %d marks and %d requests", n, len(rcv.requests()))
	}
}

func TestReceiverDownThenUpGetsEverythingOnceInOrder(t *testing.T) {
	conn, kv := testBus(t)
	addr := freeAddr(t) // nothing listens yet: connection refused
	a := startAlerter(t, quickConfig("http://"+addr+"/hook"), conn, kv)
	var keys []string
	for i := range 20 {
		ev := newClaimEvent("down:"+string(rune('a'+i)), quote("c"+string(rune('a'+i)), "Vladimir Putin", "quote number "+string(rune('a'+i))), artKyiv)
		handle(t, a, ev)
		keys = append(keys, ev.Key)
	}
	waitFor(t, 10*time.Second, "failed attempts to be recorded", func() bool {
		recs, _ := a.Alerts(t.Context(), 0)
		return slices.ContainsFunc(recs, func(r model.AlertRecord) bool { return r.State == model.AlertFailed && r.Attempts >= 2 })
	})
	// The receiver comes up on the address the alerter has been trying.
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s again: %v", addr, err)
	}
	rcv := &receiver{t: t}
	rcv.srv = httptest.NewUnstartedServer(http.HandlerFunc(rcv.serve))
	rcv.srv.Listener = l
	rcv.srv.Start()
	t.Cleanup(rcv.srv.Close)

	waitFor(t, 10*time.Second, "all 20 alerts", func() bool { return len(rcv.alerts()) >= 20 })
	time.Sleep(300 * time.Millisecond)
	var got []string
	for _, p := range rcv.alerts() {
		got = append(got, p.EventKey)
	}
	if diff := cmp.Diff(keys, got); diff != "" {
		t.Errorf("delivered event keys, in order (-want +got):\n%s", diff)
	}
}

func TestTwoReplicasDeliverEachAlertOnce(t *testing.T) {
	conn, kv := testBus(t)
	rcv := newReceiver(t)
	cfg := quickConfig(rcv.url())
	// The receiver is down at first, so after the first attempt the
	// replicas compete for the released marks through revision-checked
	// lease updates.
	rcv.setStatus(http.StatusServiceUnavailable)
	a1 := startAlerter(t, cfg, conn, kv)
	a2 := startAlerter(t, cfg, conn, kv)
	const n = 40
	// Both replicas see every event, as after a redelivery, and race.
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range n {
			handle(t, a2, newClaimEvent(keyN(i), quote(keyN(i), "Vladimir Putin", "q"), artKyiv))
		}
	}()
	for i := range n {
		handle(t, a1, newClaimEvent(keyN(i), quote(keyN(i), "Vladimir Putin", "q"), artKyiv))
	}
	<-done
	waitFor(t, 10*time.Second, "retries", func() bool {
		recs, _ := a1.Alerts(t.Context(), 0)
		return slices.ContainsFunc(recs, func(r model.AlertRecord) bool { return r.Attempts >= 2 })
	})
	rcv.setStatus(0)
	waitFor(t, 10*time.Second, "all alerts", func() bool { return len(rcv.alerts()) >= n })
	time.Sleep(300 * time.Millisecond)
	seen := map[string]int{}
	for _, p := range rcv.alerts() {
		seen[p.ID]++
	}
	for id, c := range seen {
		if c != 1 {
			t.Errorf("alert %s delivered %d times", id, c)
		}
	}
	if len(seen) != n {
		t.Errorf("%d distinct alerts delivered, want %d", len(seen), n)
	}
}

func keyN(i int) string { return "ev-" + string(rune('A'+i/26)) + string(rune('a'+i%26)) }

func TestReplicaTakesOverAlertsOfADeadReplica(t *testing.T) {
	conn, kv := testBus(t)
	rcv := newReceiver(t)
	rs := parseRules(t, `
sinks: [{name: hook, type: webhook, url: %URL%, secret: s3cret, timeout: 100ms}]
rules: [{name: all, triggers: [claim.new], sinks: [hook]}]`, rcv.url())
	cfg := Config{Rules: rs, LeaseGrace: 200 * time.Millisecond}
	// The first replica records alerts but never runs its delivery loop,
	// as if it crashed after acknowledging the events.
	dead, err := New(cfg, conn, kv, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	handle(t, dead, newClaimEvent("orphan", quote("o", "Vladimir Putin", "q"), artKyiv))
	startAlerter(t, cfg, conn, kv)
	waitFor(t, 15*time.Second, "the orphaned alert", func() bool { return len(rcv.alerts()) == 1 })
}

func TestUndeliverableAlertsGoToTheDeadLetterStream(t *testing.T) {
	conn, kv := testBus(t)
	gone := newReceiver(t)
	gone.setStatus(http.StatusGone)
	a := startAlerter(t, quickConfig(gone.url()), conn, kv)
	ev := newClaimEvent("dead:1", quote("d1", "Vladimir Putin", "q"), artKyiv)
	handle(t, a, ev)

	cons, err := conn.JetStream().OrderedConsumer(t.Context(), conn.Names().Stream(bus.StreamDLQ), jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	var msg jetstream.Msg
	for msg == nil && ctx.Err() == nil {
		msg, _ = cons.Next(jetstream.FetchMaxWait(time.Second))
	}
	if msg == nil {
		t.Fatal("no dead letter")
	}
	var dl DeadLetter
	if err := json.Unmarshal(msg.Data(), &dl); err != nil {
		t.Fatal(err)
	}
	if dl.Stage != "alerter" || dl.Alert.EventKey != "dead:1" || !strings.Contains(dl.Error, "410") {
		t.Errorf("dead letter = %+v", dl)
	}
	if h := msg.Headers().Get(bus.HeaderError); !strings.Contains(h, "410") {
		t.Errorf("%s header = %q", bus.HeaderError, h)
	}
	waitFor(t, 5*time.Second, "the record to show dead", func() bool {
		recs, _ := a.Alerts(t.Context(), 1)
		return len(recs) == 1 && recs[0].State == model.AlertDead && strings.Contains(recs[0].LastError, "410")
	})
}

func TestAlertsPastMaxAgeAreDeadLettered(t *testing.T) {
	conn, kv := testBus(t)
	down := newReceiver(t)
	down.setStatus(http.StatusServiceUnavailable)
	cfg := quickConfig(down.url())
	cfg.MaxAge = 300 * time.Millisecond
	a := startAlerter(t, cfg, conn, kv)
	handle(t, a, newClaimEvent("old:1", quote("o1", "Vladimir Putin", "q"), artKyiv))
	waitFor(t, 10*time.Second, "the alert to die", func() bool {
		recs, _ := a.Alerts(t.Context(), 1)
		return len(recs) == 1 && recs[0].State == model.AlertDead && recs[0].Attempts >= 2
	})
}

func TestDigestBatchesABurstIntoOneMessage(t *testing.T) {
	conn, kv := testBus(t)
	rcv := newReceiver(t)
	rs := parseRules(t, `
sinks: [{name: hook, type: webhook, url: %URL%, secret: s3cret, rate_per_minute: 120, burst: 1, digest: true}]
rules: [{name: all, triggers: [claim.new], sinks: [hook]}]`, rcv.url())
	a := startAlerter(t, Config{Rules: rs}, conn, kv)
	const n = 12
	for i := range n {
		handle(t, a, newClaimEvent(keyN(i), quote(keyN(i), "Vladimir Putin", "q"), artKyiv))
	}
	waitFor(t, 10*time.Second, "every alert", func() bool { return len(rcv.alerts()) >= n })
	reqs := rcv.requests()
	// One token at once and one every half second: the burst of twelve
	// fits in a few messages, not twelve.
	if len(reqs) > 4 {
		t.Errorf("%d requests for a burst of %d alerts with digest mode", len(reqs), n)
	}
	var digests int
	for _, r := range reqs {
		var d Digest
		_ = json.Unmarshal(r.body, &d)
		if d.Trigger == TriggerDigest {
			digests++
			if r.header.Get(HeaderIdempotency) != d.ID || len(d.Alerts) < 2 {
				t.Errorf("digest %s with key %q and %d alerts", d.ID, r.header.Get(HeaderIdempotency), len(d.Alerts))
			}
		}
	}
	if digests == 0 {
		t.Error("no digest message")
	}
	seen := map[string]bool{}
	for _, p := range rcv.alerts() {
		if seen[p.ID] {
			t.Errorf("alert %s delivered twice", p.ID)
		}
		seen[p.ID] = true
	}
	if bad := rcv.badSignatures(); len(bad) > 0 {
		t.Errorf("digest signatures did not verify: %v", bad)
	}
}

func TestRateLimitWithoutDigestHoldsAlertsBack(t *testing.T) {
	conn, kv := testBus(t)
	rcv := newReceiver(t)
	rs := parseRules(t, `
sinks: [{name: hook, type: webhook, url: %URL%, rate_per_minute: 1, burst: 2}]
rules: [{name: all, triggers: [claim.new], sinks: [hook]}]`, rcv.url())
	a := startAlerter(t, Config{Rules: rs}, conn, kv)
	for i := range 5 {
		handle(t, a, newClaimEvent(keyN(i), quote(keyN(i), "Vladimir Putin", "q"), artKyiv))
	}
	waitFor(t, 5*time.Second, "the burst", func() bool { return len(rcv.requests()) >= 2 })
	time.Sleep(300 * time.Millisecond)
	if got := len(rcv.requests()); got != 2 {
		t.Errorf("%d requests got through a limit of 2 per burst", got)
	}
	recs, _ := a.Alerts(t.Context(), 0)
	var pending int
	for _, r := range recs {
		if r.State == model.AlertPending {
			pending++
		}
	}
	if pending != 3 {
		t.Errorf("%d alerts pending, want 3", pending)
	}
}

func TestRedeliveredEventMakesNoSecondAlert(t *testing.T) {
	conn, kv := testBus(t)
	rcv := newReceiver(t)
	a := startAlerter(t, quickConfig(rcv.url()), conn, kv)
	ev := newClaimEvent("again", quote("x", "Vladimir Putin", "q"), artKyiv)
	handle(t, a, ev)
	waitFor(t, 5*time.Second, "the alert", func() bool { return len(rcv.requests()) == 1 })
	handle(t, a, ev)
	time.Sleep(200 * time.Millisecond)
	if got := len(rcv.requests()); got != 1 {
		t.Errorf("%d requests for one event delivered twice", got)
	}
}

func TestHandleRejectsBadEventsPermanently(t *testing.T) {
	_, kv := testBus(t)
	a, err := New(quickConfig("http://127.0.0.1:9/"), nil, kv, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{
		"not json":          "{",
		"no version":        `{"type":"claim.new","key":"k"}`,
		"no key":            `{"v":1,"type":"claim.new","claim":{"kind":"quote"}}`,
		"new without claim": `{"v":1,"type":"claim.new","key":"k"}`,
		"conflict w/o pair": `{"v":1,"type":"claim.conflict","key":"k"}`,
	} {
		err := a.Handle(t.Context(), &bus.Message{Data: []byte(data)})
		if !bus.IsPermanent(err) {
			t.Errorf("%s: Handle = %v, want a permanent error", name, err)
		}
	}
	if err := a.Handle(t.Context(), &bus.Message{Data: []byte(`{"v":1,"type":"claim.retracted","key":"k"}`)}); err != nil {
		t.Errorf("an unknown event type: Handle = %v, want nil (ignored)", err)
	}
}
