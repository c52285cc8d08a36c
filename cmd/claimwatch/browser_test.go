package main

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/claimwatch/claimwatch/internal/browsertest"
	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/demo"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/service"
	"github.com/claimwatch/claimwatch/pkg/store"
)

const hostileTitle = `<script>alert(1)</script> Council budget`

// rawHostileTitle reaches cw.articles.raw without passing the fetcher,
// which strips markup from titles: the dashboard itself must escape it.
const rawHostileTitle = `<script>alert(2)</script><img src=x onerror=alert(3)> Harbour strike`

// hostileFeed serves one item whose title, once the feed's escaping is
// undone, is literal markup: what a hostile feed, or an article about
// XSS, carries. The fetcher strips real tags from titles, so the markup
// is escaped once more to reach the dashboard as text.
func hostileFeed(t *testing.T) string {
	t.Helper()
	body, err := demo.RSS("hostile", []demo.Seed{{
		Title: html.EscapeString(hostileTitle), URL: "https://hostile.example/council-budget", Published: time.Date(2024, 10, 20, 9, 0, 0, 0, time.UTC),
		Text: `The city council approved a budget of $2.5 million on Tuesday, Mayor Jane Doe said. "This is a good day for the city," Doe said.`,
	}})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(body) }))
	t.Cleanup(srv.Close)
	return srv.URL + "/hostile.xml"
}

// TestDashboardAfterTheDemoInBrowser runs the pipeline on the seed feed
// and a hostile feed, then reads the dashboard in headless Chromium.
func TestDashboardAfterTheDemoInBrowser(t *testing.T) {
	ctx, dialogs := browsertest.Chromium(t)
	addr := freeAddr(t)
	cfg := &pipelineConfig{
		Common:       service.Common{LogLevel: "warn", LogFormat: "json", Data: t.TempDir(), Replicas: 1, HTTP: addr},
		AllowPrivate: true, Concurrency: 4, StoreConcurrency: 16,
		extraFeeds: []string{seedFeed(t), hostileFeed(t)},
	}
	runCtx, cancel := context.WithCancel(context.Background())
	pl, err := startPipeline(runCtx, cfg)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- pl.run(runCtx) }()
	t.Cleanup(func() { cancel(); <-done })
	waitSettled(t, pl, func(s snapshot) bool { return s.counts.Articles == 6 })
	raw := model.Article{ID: "raw-hostile", URL: "https://hostile.example/harbour", Title: rawHostileTitle,
		Text:      `Dock workers began a strike on Monday, union leader Ann Lee said. "We will not back down," Lee said.`,
		Published: time.Now().UTC(), Fetched: time.Now().UTC(), ContentHash: "raw-hostile"}
	data, err := model.Encode(&raw)
	if err != nil {
		t.Fatal(err)
	}
	if err := pl.proc.Conn.Publish(t.Context(), bus.SubjectArticlesRaw, raw.ID, data); err != nil {
		t.Fatal(err)
	}
	waitSettled(t, pl, func(s snapshot) bool { return s.counts.Articles == 7 })

	putin, err := pl.store.ListClaims(t.Context(), store.ClaimFilter{Speaker: "Vladimir Putin", Kind: model.KindQuote}, "", 1)
	if err != nil || len(putin.Claims) == 0 || len(putin.Claims[0].Mentions) == 0 {
		t.Fatalf("no Putin quote stored: %v", err)
	}
	art, err := pl.store.GetArticle(t.Context(), putin.Claims[0].Mentions[0].ArticleID)
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + addr
	dir := browsertest.ScreenshotDir(t)
	must := func(err error, what string) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	must(chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS("main"))), "load the front page")
	front, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	must(err, "read the front page")
	frontImgs, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("img").length`))
	must(err, "count images on the front page")
	must(chromedp.Do(ctx, chromedp.Navigate(base+"/stories/"+art.StoryID), chromedp.WaitVisible(chromedp.CSS("main"))), "load the seed story")
	story, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	must(err, "read the story page")
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(err, "screenshot the story page")
	path := filepath.Join(dir, "demo-story.png")
	must(os.WriteFile(path, shot, 0o644), "save the screenshot")
	t.Logf("screenshot saved to %s", path)

	if strings.Contains(front, "alert(1)") || !strings.Contains(front, "Council budget") {
		t.Errorf("front page should show the feed's hostile title with its markup stripped by the fetcher:\n%s", front)
	}
	if !strings.Contains(front, rawHostileTitle) {
		t.Errorf("front page does not show the raw hostile title as text:\n%s", front)
	}
	for _, want := range []string{"Vladimir Putin", "our business", "12,000"} {
		if !strings.Contains(story, want) {
			t.Errorf("seed story page lacks %q", want)
		}
	}
	imgs, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("img").length`))
	must(err, "count images")
	if imgs+frontImgs != 0 {
		t.Errorf("%d img elements on the pages: feed markup became HTML", imgs+frontImgs)
	}
	if n := dialogs.Load(); n != 0 {
		t.Errorf("%d JavaScript dialogs opened: feed markup ran in the page", n)
	}
}
