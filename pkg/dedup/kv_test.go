package dedup_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/dedup"
	"github.com/claimwatch/claimwatch/pkg/dedup/indextest"
	"github.com/claimwatch/claimwatch/pkg/natstest"
)

var bucketSeq atomic.Int64

// newBucket creates a fresh KV bucket whose TTL is window.
func newBucket(t testing.TB, conn *bus.Conn, window time.Duration) jetstream.KeyValue {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	name := conn.Names().Stream(fmt.Sprintf("cw_dedup_test_%d", bucketSeq.Add(1)))
	kv, err := conn.JetStream().CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{Bucket: name, TTL: window, History: 1})
	if err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
	return kv
}

func TestKVConformance(t *testing.T) {
	conn := natstest.Start(t)
	indextest.Run(t, indextest.Harness{
		Open: func(t *testing.T, window time.Duration) func() dedup.Index {
			kv := newBucket(t, conn, window)
			return func() dedup.Index {
				idx, err := dedup.NewKV(kv, dedup.WithWindow(window))
				if err != nil {
					t.Fatal(err)
				}
				return idx
			}
		},
		// The bucket TTL is real time, so the suite really waits it out.
		Window: 2 * time.Second,
		Now:    time.Now,
		Pass:   time.Sleep,
	})
}

func TestKVRaceWithThreeReplicas(t *testing.T) {
	conn := natstest.Start(t)
	indextest.Race(t, indextest.Harness{
		Open: func(t *testing.T, window time.Duration) func() dedup.Index {
			kv := newBucket(t, conn, window)
			return func() dedup.Index {
				idx, err := dedup.NewKV(kv, dedup.WithWindow(window))
				if err != nil {
					t.Fatal(err)
				}
				return idx
			}
		},
		Window: time.Hour,
		Now:    time.Now,
	}, 3, 50, 4)
}
