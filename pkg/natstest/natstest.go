// Package natstest gives tests a real JetStream: an in-process nats-server
// with claimwatch's whole topology declared, or a connection to the
// machine's nats-server under a prefix no other run uses.
package natstest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/bus"
)

// ExternalURLEnv names the variable that points distributed tests at a
// nats-server other than the default 127.0.0.1:4222.
const ExternalURLEnv = "CW_TEST_NATS_URL"

// Start runs an embedded JetStream server listening on a random loopback
// port, declares the topology, and returns a connection. Everything is
// shut down by t.Cleanup.
func Start(t testing.TB) *bus.Conn {
	t.Helper()
	return StartWith(t, bus.Options{DataDir: t.TempDir(), Listen: "127.0.0.1:0"})
}

// StartWith is Start with chosen options.
func StartWith(t testing.TB, o bus.Options) *bus.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := bus.Connect(ctx, o, zaptest.NewLogger(t))
	if err != nil {
		t.Fatalf("natstest: connect: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = conn.Close(ctx)
	})
	if err := conn.EnsureTopology(ctx, bus.Limits{}); err != nil {
		t.Fatalf("natstest: topology: %v", err)
	}
	return conn
}

// ExternalURL returns the URL of the machine's nats-server.
func ExternalURL() string {
	if u := os.Getenv(ExternalURLEnv); u != "" {
		return u
	}
	return "nats://127.0.0.1:4222"
}

// External connects to the machine's nats-server with a fresh prefix, so
// the run's streams, consumers and buckets are its own, and deletes them
// at the end. It skips the test, loudly, when no server answers.
func External(t testing.TB) *bus.Conn {
	t.Helper()
	prefix := UniquePrefix()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	conn, err := bus.Connect(ctx, bus.Options{URLs: []string{ExternalURL()}, Prefix: prefix}, zaptest.NewLogger(t))
	if err != nil {
		t.Skipf("SKIPPING: no nats-server with JetStream at %s (%v). Start it with: "+
			"start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server", ExternalURL(), err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		DeletePrefixed(ctx, conn)
		_ = conn.Close(ctx)
	})
	if err := conn.EnsureTopology(ctx, bus.Limits{MaxBytes: 256 << 20}); err != nil {
		t.Fatalf("natstest: topology on %s: %v", ExternalURL(), err)
	}
	return conn
}

// UniquePrefix returns a prefix no other test run uses.
func UniquePrefix() string {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return "t" + hex.EncodeToString(b[:])
}

// DeletePrefixed removes the streams and buckets created under conn's
// prefix (bus.Conn.DeletePrefixed), ignoring errors: cleanup of a test.
func DeletePrefixed(ctx context.Context, conn *bus.Conn) {
	_ = conn.DeletePrefixed(ctx)
}

// ReadStream returns every message a stream holds (up to 10,000), read
// with an ordered consumer that leaves the stream's consumers untouched.
func ReadStream(t testing.TB, conn *bus.Conn, stream string) []jetstream.Msg {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cons, err := conn.JetStream().OrderedConsumer(ctx, conn.Names().Stream(stream), jetstream.OrderedConsumerConfig{})
	if err != nil {
		t.Fatalf("natstest: read %s: %v", stream, err)
	}
	batch, err := cons.FetchNoWait(10_000)
	if err != nil {
		t.Fatalf("natstest: read %s: %v", stream, err)
	}
	var out []jetstream.Msg
	for m := range batch.Messages() {
		out = append(out, m)
	}
	return out
}
