package feed

import (
	"context"
	"sync"
)

// hostLimiter bounds concurrent requests per host and in total. Per-host
// semaphores are created on demand and freed when idle, so memory follows
// the number of hosts being fetched right now, not the number of feeds.
type hostLimiter struct {
	perHost int
	global  chan struct{}

	mu    sync.Mutex
	hosts map[string]*hostSem
}

type hostSem struct {
	slots chan struct{}
	refs  int
}

func newHostLimiter(perHost, global int) *hostLimiter {
	return &hostLimiter{perHost: perHost, global: make(chan struct{}, global), hosts: map[string]*hostSem{}}
}

// acquire blocks until host has a free slot and a global slot is free, or
// ctx is done. The host slot is taken first so waiting for a busy host does
// not hold a global slot other hosts could use. The returned release must be
// called exactly once.
func (l *hostLimiter) acquire(ctx context.Context, host string) (release func(), err error) {
	l.mu.Lock()
	s := l.hosts[host]
	if s == nil {
		s = &hostSem{slots: make(chan struct{}, l.perHost)}
		l.hosts[host] = s
	}
	s.refs++
	l.mu.Unlock()

	unref := func() {
		l.mu.Lock()
		s.refs--
		if s.refs == 0 {
			delete(l.hosts, host)
		}
		l.mu.Unlock()
	}
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		unref()
		return nil, ctx.Err()
	}
	select {
	case l.global <- struct{}{}:
	case <-ctx.Done():
		<-s.slots
		unref()
		return nil, ctx.Err()
	}
	return func() {
		<-l.global
		<-s.slots
		unref()
	}, nil
}
