package demo

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"
)

func TestSeedsCarryTitlesAndText(t *testing.T) {
	seeds, err := Seeds()
	if err != nil {
		t.Fatal(err)
	}
	if len(seeds) != 5 {
		t.Fatalf("%d seeds, want 5", len(seeds))
	}
	for _, s := range seeds {
		if s.Title == "" || len(s.Text) < 500 || s.Published.IsZero() {
			t.Errorf("seed %s incomplete: title %q, %d bytes, published %v", s.File, s.Title, len(s.Text), s.Published)
		}
		if strings.HasPrefix(s.Text, s.Title) {
			t.Errorf("seed %s: text still starts with its title", s.File)
		}
	}
}

func TestServedFeedParsesWithEveryItem(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv, err := Serve(ctx)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	f, err := gofeed.NewParser().ParseString(string(body))
	if err != nil {
		t.Fatalf("parse demo feed: %v", err)
	}
	if len(f.Items) != 5 {
		t.Fatalf("%d items, want 5", len(f.Items))
	}
	if !strings.Contains(f.Items[0].Description, "1,500 special forces") {
		t.Errorf("first item lost its text: %.80q", f.Items[0].Description)
	}
	req, _ := http.NewRequest("GET", srv.URL, nil)
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	resp2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp2.Body.Close()
	if resp2.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET = %d, want 304", resp2.StatusCode)
	}
}
