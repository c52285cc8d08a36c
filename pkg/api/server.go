package api

import (
	"context"
	"net"
	"net/http"
	"time"
)

// NewServer returns an *http.Server for h with the timeouts a public
// listener needs: slow or idle clients cannot hold connections forever.
// WriteTimeout bounds ordinary answers; the live event stream extends its
// own deadline before every write, so it is not cut by it.
//
// Shutdown cancels the context of every request in flight, so live event
// streams end at once instead of holding Shutdown until its deadline (an
// open stream never becomes idle, which is what Shutdown waits for).
func NewServer(addr string, h http.Handler) *http.Server {
	base, cancel := context.WithCancel(context.Background())
	srv := &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return base },
	}
	srv.RegisterOnShutdown(cancel)
	return srv
}
