package dedup

import (
	"context"
	"testing"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/natstest"
)

// The story cache hands out shared values: a change made through update
// must reach the bucket and the next read, and never the value an earlier
// reader holds.
func TestKVStoriesCacheFollowsRevisionsAndIsNeverChangedInPlace(t *testing.T) {
	k := newTestKVStories(t)
	ctx := t.Context()
	if err := k.update(ctx, "s1", func(s *story) { s.add(map[string]float64{"kyiv": 1}, 100) }); err != nil {
		t.Fatal(err)
	}
	first, rev1, err := k.story(ctx, "s1")
	if err != nil || first == nil {
		t.Fatalf("story = %v, %v", first, err)
	}
	again, rev, _ := k.story(ctx, "s1")
	if again != first || rev != rev1 {
		t.Errorf("second read at the same revision decoded again (%p vs %p)", again, first)
	}
	if err := k.update(ctx, "s1", func(s *story) { s.add(map[string]float64{"kyiv": 1, "troops": 2}, 200) }); err != nil {
		t.Fatal(err)
	}
	if first.Size != 1 || first.Centroid["kyiv"] != 1 || len(first.Centroid) != 1 {
		t.Errorf("update changed the value an earlier reader holds: %+v", first)
	}
	now, rev2, _ := k.story(ctx, "s1")
	if rev2 <= rev1 || now.Size != 2 || now.Centroid["troops"] != 2 || now.Centroid["kyiv"] != 2 {
		t.Errorf("read after update = %+v at revision %d (was %d)", now, rev2, rev1)
	}
}

// newTestKVStories is a KV story assigner on a fresh embedded server.
func newTestKVStories(t testing.TB) *KVStories {
	t.Helper()
	conn := natstest.Start(t)
	kv, err := conn.KeyValue(context.Background(), bus.BucketStory)
	if err != nil {
		t.Fatal(err)
	}
	k, err := NewKVStories(kv, StoryConfig{})
	if err != nil {
		t.Fatal(err)
	}
	return k
}
