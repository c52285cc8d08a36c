package api

import (
	"context"
	"errors"
	"net"
	"net/http"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/service"
)

func TestShutdownEndsLiveStreams(t *testing.T) {
	st := newStore(t)
	src := newChanEvents()
	srv := service.NewHTTPServer(New(Options{Store: st, Events: src, Logger: zaptest.NewLogger(t)}))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	res, _ := openStream(t, "http://"+ln.Addr().String()+"/api/v1/events", nil)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("stream status %d", res.StatusCode)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	start := time.Now()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown with an open stream: %v (after %v)", err, time.Since(start))
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("serve returned %v", err)
	}
}
