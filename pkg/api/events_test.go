package api

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/natstest"
)

// chanEvents is an EventSource the test feeds by hand: publish hands an
// event to every open subscription.
type chanEvents struct {
	mu     sync.Mutex
	subs   map[chan LiveEvent]struct{}
	afters []uint64
}

func newChanEvents() *chanEvents {
	return &chanEvents{subs: map[chan LiveEvent]struct{}{}}
}

func (c *chanEvents) Subscribe(ctx context.Context, after uint64) (<-chan LiveEvent, error) {
	ch := make(chan LiveEvent, 16)
	c.mu.Lock()
	c.afters = append(c.afters, after)
	c.subs[ch] = struct{}{}
	c.mu.Unlock()
	go func() {
		<-ctx.Done()
		c.mu.Lock()
		delete(c.subs, ch)
		c.mu.Unlock()
		close(ch)
	}()
	return ch, nil
}

// publish delivers ev to every subscriber and returns how many got it.
func (c *chanEvents) publish(ev LiveEvent) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	for ch := range c.subs {
		ch <- ev // buffered; tests publish a handful
	}
	return len(c.subs)
}

// sseEvent is one parsed Server-Sent Event.
type sseEvent struct{ id, typ, data string }

// openStream connects to the event stream and returns a channel of parsed
// events; the stream closes with the test.
func openStream(t *testing.T, url string, hdr map[string]string) (*http.Response, <-chan sseEvent) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("open stream: %v", err)
	}
	t.Cleanup(func() { res.Body.Close() })
	out := make(chan sseEvent, 16)
	go func() {
		defer close(out)
		sc := bufio.NewScanner(res.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.data != "" {
					out <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "id: "):
				ev.id = strings.TrimPrefix(line, "id: ")
			case strings.HasPrefix(line, "event: "):
				ev.typ = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return res, out
}

func next(t *testing.T, ch <-chan sseEvent) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("stream closed")
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10s")
	}
	return sseEvent{}
}

func TestEventStreamRelaysEvents(t *testing.T) {
	src := newChanEvents()
	srv, _ := testServer(t, func(o *Options) { o.Events = src; o.MaxEventClients = 1 })
	res, events := openStream(t, srv.URL+"/api/v1/events", map[string]string{"Last-Event-ID": "41"})
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("content type %q", ct)
	}
	claim := seedClaims["a-evil"][0]
	src.publish(LiveEvent{Seq: 42, Event: model.Event{V: 1, Type: model.EventClaimNew, Key: "k", Claim: &claim}})
	src.publish(LiveEvent{Seq: 43, Event: model.Event{V: 1, Type: "bad\ndata: injected", Key: "k2"}})
	ev := next(t, events)
	if ev.id != "42" || ev.typ != model.EventClaimNew {
		t.Errorf("event id %q type %q, want 42 claim.new", ev.id, ev.typ)
	}
	var got model.Event
	if err := json.Unmarshal([]byte(ev.data), &got); err != nil || got.Claim == nil || got.Claim.Content != claim.Content {
		t.Errorf("data %s does not carry the claim (%v)", ev.data, err)
	}
	if strings.Contains(ev.data, "<script>") {
		t.Error("event data carries a raw <script>")
	}
	ev = next(t, events)
	if ev.typ != "message" || ev.id != "43" {
		t.Errorf("hostile event type became %q (id %q), want message", ev.typ, ev.id)
	}
	src.mu.Lock()
	afters := append([]uint64(nil), src.afters...)
	src.mu.Unlock()
	if len(afters) != 1 || afters[0] != 41 {
		t.Errorf("Subscribe got afterSeq %v, want [41] from Last-Event-ID", afters)
	}
	// The only slot is taken: a second client is turned away, not queued.
	if r := get(t, srv.URL+"/api/v1/events"); r.status != http.StatusServiceUnavailable {
		t.Errorf("second client: %d, want 503", r.status)
	}
}

func TestEventStreamWithoutSource(t *testing.T) {
	srv, _ := testServer(t, nil)
	if r := get(t, srv.URL+"/api/v1/events"); r.status != http.StatusNoContent {
		t.Errorf("status %d, want 204 so browsers stop reconnecting", r.status)
	}
	src := newChanEvents()
	srv2, _ := testServer(t, func(o *Options) { o.Events = src })
	r := do(t, http.MethodGet, srv2.URL+"/api/v1/events", nil, map[string]string{"Last-Event-ID": "x"})
	if r.status != http.StatusBadRequest {
		t.Errorf("bad Last-Event-ID: %d, want 400", r.status)
	}
}

func TestBusEventsOverJetStream(t *testing.T) {
	conn := natstest.Start(t)
	publish := func(typ, key string) {
		t.Helper()
		ev := model.Event{Type: typ, Key: key, Time: time.Now(), Claim: &model.Claim{ID: key, Kind: model.KindQuote, Content: "content " + key}}
		data, err := model.Encode(&ev)
		if err != nil {
			t.Fatal(err)
		}
		subject := bus.SubjectEventClaimNew
		if typ == model.EventClaimConflict {
			subject = bus.SubjectEventConflict
		}
		if err := conn.Publish(t.Context(), subject, key, data); err != nil {
			t.Fatalf("publish: %v", err)
		}
	}
	publish(model.EventClaimNew, "old") // before anyone listens: not delivered live

	srv, _ := testServer(t, func(o *Options) { o.Events = NewBusEvents(conn) })
	_, events := openStream(t, srv.URL+"/api/v1/events", nil)
	// The handler creates its ordered consumer (DeliverNew) before it sends
	// the response headers, so once openStream returned, every later
	// publish reaches this stream.
	publish(model.EventClaimNew, "new-1")
	publish(model.EventClaimConflict, "conflict-1")
	first, second := next(t, events), next(t, events)
	if !strings.Contains(first.data, `"new-1"`) || first.typ != model.EventClaimNew {
		t.Errorf("first live event = %+v, want new-1 (the older event must not replay)", first)
	}
	if !strings.Contains(second.data, `"conflict-1"`) || second.typ != model.EventClaimConflict {
		t.Errorf("second live event = %+v, want conflict-1", second)
	}

	// A browser reconnecting with Last-Event-ID gets what came after it.
	_, resumed := openStream(t, srv.URL+"/api/v1/events", map[string]string{"Last-Event-ID": first.id})
	if ev := next(t, resumed); ev.id != second.id {
		t.Errorf("resumed at id %s, want %s", ev.id, second.id)
	}
}
