package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// LiveEvent is one event of the cw.events.> stream with its stream
// sequence, which the browser sends back as Last-Event-ID to resume.
type LiveEvent struct {
	Seq   uint64
	Event model.Event
}

// EventSource delivers pipeline events to the live stream. BusEvents reads
// them from JetStream; tests feed their own.
type EventSource interface {
	// Subscribe returns a channel of events stored after sequence afterSeq,
	// or, when afterSeq is 0, of events stored from now on. The channel is
	// closed when ctx is done or the source fails; the subscriber then
	// reconnects. It must be safe for concurrent use.
	Subscribe(ctx context.Context, afterSeq uint64) (<-chan LiveEvent, error)
}

// Timings of the live stream.
const (
	// sseHeartbeat keeps proxies and the browser from closing an idle stream.
	sseHeartbeat = 15 * time.Second
	// sseMaxLifetime ends every stream after a while; the browser reconnects
	// with Last-Event-ID and loses nothing. It bounds how long one client
	// holds a subscription and lets a server drain.
	sseMaxLifetime = 10 * time.Minute
	// sseWriteTimeout bounds each write to a slow client.
	sseWriteTimeout = 10 * time.Second
	// sseRetryMillis is the reconnection delay the browser is told to use.
	sseRetryMillis = 5000
)

// sseLimiter bounds concurrent streams.
type sseLimiter struct{ slots chan struct{} }

func newSSELimiter(n int) *sseLimiter { return &sseLimiter{slots: make(chan struct{}, n)} }

func (l *sseLimiter) acquire() bool {
	select {
	case l.slots <- struct{}{}:
		return true
	default:
		return false
	}
}

func (l *sseLimiter) release() { <-l.slots }

// events serves GET /api/v1/events as Server-Sent Events: one "event:"
// per model.Event type, its JSON as data and its stream sequence as id.
func (s *server) events(w http.ResponseWriter, r *http.Request) {
	if s.opts.Events == nil {
		// 204 tells an EventSource to stop reconnecting (HTML standard,
		// server-sent events §9.2.3): this server has no live feed.
		w.WriteHeader(http.StatusNoContent)
		return
	}
	var after uint64
	if id := r.Header.Get("Last-Event-ID"); id != "" {
		n, err := strconv.ParseUint(id, 10, 64)
		if err != nil {
			writeError(w, http.StatusBadRequest, "Last-Event-ID must be a stream sequence")
			return
		}
		after = n
	}
	if !s.sse.acquire() {
		w.Header().Set("Retry-After", "30")
		writeError(w, http.StatusServiceUnavailable, "too many live-event clients")
		return
	}
	defer s.sse.release()
	s.metrics.sseClients.Inc()
	defer s.metrics.sseClients.Dec()

	ctx, cancel := context.WithTimeout(r.Context(), sseMaxLifetime)
	defer cancel()
	ch, err := s.opts.Events.Subscribe(ctx, after)
	if err != nil {
		s.log.Warn("subscribe to live events", zap.Error(err))
		writeError(w, http.StatusServiceUnavailable, "live events unavailable")
		return
	}

	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // nginx would otherwise hold events back
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	send := func(payload string) error {
		// The server's WriteTimeout would cut a long stream; each write gets
		// its own deadline instead. ErrNotSupported (a test recorder) is fine.
		if err := rc.SetWriteDeadline(time.Now().Add(sseWriteTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return err
		}
		if _, err := fmt.Fprint(w, payload); err != nil {
			return err
		}
		return rc.Flush()
	}
	if err := send(fmt.Sprintf("retry: %d\n\n", sseRetryMillis)); err != nil {
		return
	}
	tick := time.NewTicker(sseHeartbeat)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if err := send(": ping\n\n"); err != nil {
				return
			}
		case ev, ok := <-ch:
			if !ok {
				return
			}
			frame, err := sseFrame(ev)
			if err != nil {
				s.log.Debug("skip unencodable event", zap.Uint64("stream_seq", ev.Seq), zap.Error(err))
				continue
			}
			if err := send(frame); err != nil {
				return
			}
		}
	}
}

// sseFrame renders one event. JSON never contains a raw newline, so the
// data fits on one "data:" line.
func sseFrame(ev LiveEvent) (string, error) {
	data, err := json.Marshal(ev.Event)
	if err != nil {
		return "", fmt.Errorf("encode event %q: %w", ev.Event.Key, err)
	}
	typ := ev.Event.Type
	if typ == "" || !safeEventType(typ) {
		typ = "message"
	}
	return fmt.Sprintf("id: %d\nevent: %s\ndata: %s\n\n", ev.Seq, typ, data), nil
}

// safeEventType keeps a hostile event type from injecting SSE fields.
func safeEventType(t string) bool {
	for _, r := range t {
		if !(r == '.' || r == '_' || r == '-' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')) {
			return false
		}
	}
	return len(t) <= 64
}
