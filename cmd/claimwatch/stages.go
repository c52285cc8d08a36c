package main

import (
	"context"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/claims"
	"github.com/claimwatch/claimwatch/pkg/dedup"
	"github.com/claimwatch/claimwatch/pkg/service"
)

// newDedupHandler builds the dedup stage over the in-memory index: one
// process sees every article, so the KV round trips that replicas need
// would only cost time. Exact copies across a restart are still caught by
// the stream's duplicate window and the store's article keys.
func newDedupHandler(_ context.Context, proc *service.Process) (bus.Handler, error) {
	idx, err := dedup.NewMemory()
	if err != nil {
		return nil, err
	}
	stories := dedup.NewClusterer(dedup.StoryConfig{})
	return dedup.NewStage(idx, stories, proc.Conn, proc.Log.Named("dedup"), proc.Registry).Handle, nil
}

func newExtractHandler(proc *service.Process) (bus.Handler, error) {
	return claims.NewStage(claims.NewRules(0), proc.Conn, proc.Log.Named("extractor"), proc.Registry).Handle, nil
}
