package bus_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// A stage: connect (here to an embedded server), declare the topology,
// publish an article and handle it through the dedup consumer.
func ExampleConn_RunStage() {
	dir, _ := os.MkdirTemp("", "bus-example-")
	defer os.RemoveAll(dir)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()

	conn, err := bus.Connect(ctx, bus.Options{DataDir: dir}, zap.NewNop())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer conn.Close(context.Background())
	if err := conn.EnsureTopology(ctx, bus.Limits{}); err != nil {
		fmt.Println(err)
		return
	}

	a := model.Article{ID: "a1", URL: "https://example.com/a1", Title: "Budget approved"}
	data, _ := model.Encode(&a)
	if err := conn.Publish(ctx, bus.SubjectArticlesRaw, a.ID, data); err != nil {
		fmt.Println(err)
		return
	}

	stageCtx, stop := context.WithCancel(ctx)
	_ = conn.RunStage(stageCtx, bus.StageSpec{Consumer: bus.ConsumerDedup, Concurrency: 2}, func(ctx context.Context, m *bus.Message) error {
		var got model.Article
		if err := model.Decode(m.Data, &got); err != nil {
			return err // undecodable: dead-lettered, never retried
		}
		fmt.Println("handled", got.ID, "from", m.Subject)
		stop()
		return nil
	})
	// Output: handled a1 from cw.articles.raw
}
