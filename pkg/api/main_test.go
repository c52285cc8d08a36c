package api

import (
	"context"
	"os"
	"testing"
	"time"
)

// TestMain removes the benchmark store, which outlives single benchmarks
// so that its sub-benchmarks and -count runs share one build.
func TestMain(m *testing.M) {
	code := m.Run()
	if benchDB != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		_ = benchDB.Close(ctx)
		cancel()
	}
	if benchDir != "" {
		_ = os.RemoveAll(benchDir)
	}
	os.Exit(code)
}
