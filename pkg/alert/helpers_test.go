package alert

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/natstest"
)

const testSecret = "s3cret"

// received is one request a test receiver accepted.
type received struct {
	header http.Header
	body   []byte
	at     time.Time
}

// receiver is an httptest webhook endpoint. It records accepted requests,
// checks their signature, and can answer with a chosen status instead.
type receiver struct {
	t      testing.TB
	srv    *httptest.Server
	mu     sync.Mutex
	got    []received
	status int // 0: 200 OK
	bad    []string
}

func newReceiver(t testing.TB) *receiver {
	r := &receiver{t: t}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) url() string { return r.srv.URL }

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, err := io.ReadAll(req.Body)
	if err != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.status != 0 {
		w.WriteHeader(r.status)
		return
	}
	if err := VerifySignature([]byte(testSecret), req.Header, body, time.Minute, time.Now()); err != nil {
		r.bad = append(r.bad, err.Error())
	}
	r.got = append(r.got, received{header: req.Header.Clone(), body: body, at: time.Now()})
}

func (r *receiver) setStatus(code int) {
	r.mu.Lock()
	r.status = code
	r.mu.Unlock()
}

func (r *receiver) requests() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]received(nil), r.got...)
}

// alerts flattens the accepted requests into their alerts, digests
// expanded.
func (r *receiver) alerts() []Payload {
	var out []Payload
	for _, g := range r.requests() {
		var d Digest
		if err := json.Unmarshal(g.body, &d); err != nil {
			r.t.Errorf("receiver: body is not JSON: %v", err)
			continue
		}
		if d.Trigger == TriggerDigest {
			out = append(out, d.Alerts...)
			continue
		}
		var p Payload
		if err := json.Unmarshal(g.body, &p); err != nil {
			r.t.Errorf("receiver: body is not a payload: %v", err)
			continue
		}
		out = append(out, p)
	}
	return out
}

func (r *receiver) badSignatures() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.bad...)
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// testBus starts an embedded JetStream with the topology and returns the
// connection and the alert-mark bucket.
func testBus(t testing.TB) (*bus.Conn, jetstream.KeyValue) {
	t.Helper()
	conn := natstest.Start(t)
	kv, err := conn.KeyValue(t.Context(), bus.BucketAlerts)
	if err != nil {
		t.Fatalf("alert bucket: %v", err)
	}
	return conn, kv
}

// startAlerter builds an Alerter and runs its delivery loop until the test
// ends.
func startAlerter(t testing.TB, cfg Config, conn *bus.Conn, kv jetstream.KeyValue) *Alerter {
	t.Helper()
	return startAlerterWith(t, cfg, conn, kv, nil)
}

func startAlerterWith(t testing.TB, cfg Config, conn *bus.Conn, kv jetstream.KeyValue, reg prometheus.Registerer) *Alerter {
	t.Helper()
	a, err := New(cfg, conn, kv, zaptest.NewLogger(t), reg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
	})
	return a
}

var seq struct {
	sync.Mutex
	n uint64
}

// handle feeds ev to a's Handle as the runner would.
func handle(t testing.TB, a *Alerter, ev model.Event) {
	t.Helper()
	data, err := model.Encode(&ev)
	if err != nil {
		t.Fatal(err)
	}
	seq.Lock()
	seq.n++
	n := seq.n
	seq.Unlock()
	msg := &bus.Message{Subject: bus.SubjectEventsPrefix + ev.Type, Data: data, NumDelivered: 1, StreamSeq: n}
	if err := a.Handle(t.Context(), msg); err != nil {
		t.Fatalf("Handle(%s): %v", ev.Key, err)
	}
}

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return addr
}

func quickConfig(url string) Config {
	return Config{WebhookURL: url, Secret: testSecret, InitialBackoff: 20 * time.Millisecond, MaxBackoff: 100 * time.Millisecond}
}
