package feed

import (
	"testing"
	"time"
)

func TestPollInterval(t *testing.T) {
	cfg := DefaultConfig() // default 10m, min 5m, max 6h
	now := time.Date(2026, 1, 10, 12, 0, 0, 0, time.UTC)
	every := func(gap time.Duration, n int) []time.Time {
		var out []time.Time
		for i := range n {
			out = append(out, now.Add(-time.Duration(i)*gap))
		}
		return out
	}
	tests := []struct {
		name         string
		published    []time.Time
		hint, maxAge time.Duration
		want         time.Duration
	}{
		{"no dates gives the default", nil, 0, 0, 10 * time.Minute},
		{"a busy feed is clamped to the minimum", every(time.Minute, 50), 0, 0, 5 * time.Minute},
		{"an hourly feed is polled every half hour", every(time.Hour, 20), 0, 0, 30 * time.Minute},
		{"a feed silent for a week slows down", every(24*time.Hour, 3)[2:], 0, 0, 30 * time.Minute},
		{"ttl is a floor", every(time.Minute, 50), time.Hour, 0, time.Hour},
		{"max-age is a floor", nil, 0, 20 * time.Minute, 20 * time.Minute},
		{"a daily hint is clamped to the maximum", nil, 24 * time.Hour, 0, 6 * time.Hour},
	}
	// "silent for a week": one item 2 days old does not count as silent,
	// so build that case explicitly.
	tests[3].published = []time.Time{now.Add(-10 * 24 * time.Hour), now.Add(-20 * 24 * time.Hour)}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cfg.pollInterval(tt.published, tt.hint, tt.maxAge, now); got != tt.want {
				t.Errorf("pollInterval = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestBackoffIsCappedAndHonoursRetryAfter(t *testing.T) {
	cfg := DefaultConfig()
	for n := 1; n < 60; n++ {
		d := cfg.backoff(n, 0)
		lo := min(cfg.RetryBase<<min(n-1, 30), cfg.MaxBackoff) / 2
		if d < lo || d > cfg.MaxBackoff {
			t.Fatalf("backoff(%d) = %s, want within [%s, %s]", n, d, lo, cfg.MaxBackoff)
		}
	}
	if d := cfg.backoff(1, 3*time.Hour); d != 3*time.Hour {
		t.Errorf("backoff with Retry-After 3h = %s", d)
	}
	if d := cfg.backoff(1, 1000*time.Hour); d != cfg.MaxBackoff {
		t.Errorf("backoff with a huge Retry-After = %s, want the cap", d)
	}
}

func TestSchedule(t *testing.T) {
	s := newSchedule()
	t0 := time.Unix(1000, 0)
	s.set("c", t0.Add(3*time.Second))
	s.set("a", t0.Add(1*time.Second))
	s.set("b", t0.Add(2*time.Second))
	if _, ok := s.popDue(t0); ok {
		t.Fatal("popped a feed before it was due")
	}
	id, ok := s.popDue(t0.Add(2 * time.Second))
	if !ok || id != "a" {
		t.Fatalf("popDue = %q, %v; want a", id, ok)
	}
	s.set("a", t0) // a rescan while a is being polled must not re-add it
	if id, _ := s.popDue(t0.Add(2 * time.Second)); id != "b" {
		t.Fatalf("popDue = %q, want b (a is in flight)", id)
	}
	s.done("a", t0.Add(10*time.Second))
	s.remove("c")
	if s.len() != 2 || !s.nextDue().Equal(t0.Add(10*time.Second)) {
		t.Errorf("len %d next %v, want 2 feeds with a next at +10s", s.len(), s.nextDue())
	}
}
