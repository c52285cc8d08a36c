package main

import (
	"context"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/claims"
	"github.com/claimwatch/claimwatch/pkg/dedup"
	"github.com/claimwatch/claimwatch/pkg/service"
)

// newDedupHandler builds the dedup stage. On the embedded server this
// process sees every article, so the in-memory index and stories spare
// the KV round trips replicas need (exact copies across a restart are
// still caught by the stream's duplicate window and the store's article
// keys). On an external NATS other dedup replicas may be running, so the
// index and the stories are the shared KV ones.
func newDedupHandler(ctx context.Context, proc *service.Process) (bus.Handler, error) {
	log := proc.Log.Named("dedup")
	if proc.Conn.Embedded() {
		idx, err := dedup.NewMemory()
		if err != nil {
			return nil, err
		}
		return dedup.NewStage(idx, dedup.NewClusterer(dedup.StoryConfig{}), proc.Conn, log, proc.Registry).Handle, nil
	}
	idxKV, err := proc.Conn.KeyValue(ctx, bus.BucketDedup)
	if err != nil {
		return nil, err
	}
	idx, err := dedup.NewKV(idxKV)
	if err != nil {
		return nil, err
	}
	storyKV, err := proc.Conn.KeyValue(ctx, bus.BucketStory)
	if err != nil {
		return nil, err
	}
	stories, err := dedup.NewKVStories(storyKV, dedup.StoryConfig{})
	if err != nil {
		return nil, err
	}
	return dedup.NewStage(idx, stories, proc.Conn, log, proc.Registry).Handle, nil
}

func newExtractHandler(proc *service.Process) (bus.Handler, error) {
	return claims.NewStage(claims.NewRules(0), proc.Conn, proc.Log.Named("extractor"), proc.Registry).Handle, nil
}
