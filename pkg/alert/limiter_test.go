package alert

import (
	"testing"
	"time"
)

func TestLimiter(t *testing.T) {
	t0 := time.Unix(1000, 0)
	l := newLimiter(60, 2) // one token a second, two at most
	for i, want := range []bool{true, true, false} {
		if ok, _ := l.take(t0); ok != want {
			t.Fatalf("take %d at t0 = %v, want %v", i, ok, want)
		}
	}
	if _, wait := l.take(t0); wait <= 0 || wait > time.Second {
		t.Errorf("wait for the next token = %s, want (0, 1s]", wait)
	}
	if ok, _ := l.take(t0.Add(500 * time.Millisecond)); ok {
		t.Error("a token appeared after half its refill time")
	}
	if ok, _ := l.take(t0.Add(1100 * time.Millisecond)); !ok {
		t.Error("no token after its refill time")
	}
	if ok, _ := l.take(t0.Add(time.Hour)); !ok {
		t.Error("no token after an hour")
	}
	if ok, _ := l.take(t0.Add(time.Hour)); !ok {
		t.Error("burst not refilled")
	}
	if ok, _ := l.take(t0.Add(time.Hour)); ok {
		t.Error("bucket holds more than its burst")
	}
	var none *limiter
	if ok, _ := none.take(t0); !ok {
		t.Error("a nil limiter refused")
	}
}
