package alert

import (
	"sync"
	"time"
)

// limiter is a token bucket: burst tokens, refilled at rate per second.
// A nil *limiter allows everything. Time is passed in, so tests need no
// sleeps.
type limiter struct {
	mu     sync.Mutex
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
}

func newLimiter(perMinute float64, burst int) *limiter {
	if perMinute <= 0 {
		return nil
	}
	return &limiter{rate: perMinute / 60, burst: float64(burst), tokens: float64(burst)}
}

// take spends one token if there is one. Otherwise it reports how long
// until the next token.
func (l *limiter) take(now time.Time) (ok bool, wait time.Duration) {
	if l == nil {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.last.IsZero() && now.After(l.last) {
		l.tokens = min(l.burst, l.tokens+now.Sub(l.last).Seconds()*l.rate)
	}
	if l.last.IsZero() || now.After(l.last) {
		l.last = now
	}
	if l.tokens >= 1 {
		l.tokens--
		return true, 0
	}
	return false, time.Duration((1 - l.tokens) / l.rate * float64(time.Second))
}

// refund returns a token taken for a send that did not happen.
func (l *limiter) refund() {
	if l == nil {
		return
	}
	l.mu.Lock()
	l.tokens = min(l.burst, l.tokens+1)
	l.mu.Unlock()
}
