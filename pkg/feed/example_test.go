package feed_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/feed"
)

// printer is a bus.Publisher that prints what it is given.
type printer struct{}

func (printer) Publish(_ context.Context, subject, msgID string, data []byte) error {
	fmt.Println(subject, len(msgID) > 0)
	return nil
}

// Example polls one feed once. In a deployment the publisher is the
// *bus.Conn and the store feed.OpenKVStore(ctx, conn), shared by every
// fetcher replica; Run then polls until its context ends.
func Example() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<rss version="2.0"><channel><title>News</title>
			<item><title>Hello</title><link>https://news.example/hello?utm_source=rss</link>
			<description>&lt;p&gt;First paragraph.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</description></item>
			</channel></rss>`)
	}))
	defer srv.Close()

	cfg := feed.DefaultConfig()
	cfg.AllowPrivateNetworks = true // the test server is on loopback
	cfg.DisableFullText = true
	cfg.Once = true
	store := feed.NewMemoryStore()
	f, err := feed.New(cfg, printer{}, store, zap.NewNop(), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	if _, err := f.AddFeed(ctx, srv.URL+"/rss"); err != nil {
		fmt.Println(err)
		return
	}
	if err := f.Run(ctx); err != nil {
		fmt.Println(err)
		return
	}
	feeds, _ := f.Feeds(ctx)
	fmt.Println(feeds[0].Title, feeds[0].Status, feeds[0].Articles)
	// Output:
	// cw.articles.raw true
	// News ok 1
}
