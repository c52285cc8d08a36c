package api

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/claimwatch/claimwatch/internal/browsertest"
	"github.com/claimwatch/claimwatch/pkg/model"
)

func TestDashboardInBrowser(t *testing.T) {
	ctx, alerts := browsertest.Chromium(t)
	src := newChanEvents()
	srv, _ := testServer(t, func(o *Options) { o.Events = src })
	dir := browsertest.ScreenshotDir(t)

	must := func(err error, what string) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	must(chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS("table.list"))), "load the front page")
	home, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	must(err, "read the front page")
	front, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(err, "screenshot the front page")
	must(os.WriteFile(filepath.Join(dir, "front.png"), front, 0o644), "save screenshot")

	must(chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/stories/"+seedStory),
		chromedp.WaitVisible(chromedp.CSS("svg.chart")),
		// The live panel turns green once its EventSource is open.
		chromedp.WaitVisible(chromedp.CSS("#live-dot.on")),
	), "load the story page")
	story, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
	must(err, "read the story page")
	scripts, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("script").length`))
	must(err, "count scripts")
	imgs, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("img").length`))
	must(err, "count images")

	// A live claim from a hostile feed, pushed through SSE, appears as text.
	hostile := model.Claim{ID: "live-1", Kind: model.KindQuote, Speaker: "Vladimir Putin", Content: "<img src=x onerror=alert(9)> live words"}
	ref := model.ArticleRef{ID: "a-live", Title: hostileTitle, StoryID: seedStory}
	if n := src.publish(LiveEvent{Seq: 7, Event: model.Event{V: 1, Type: model.EventClaimNew, Key: "live-1", Claim: &hostile, Article: &ref}}); n == 0 {
		t.Fatal("the browser never subscribed to the live stream")
	}
	must(chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("#live li"))), "wait for the live claim")
	liveText, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#live")))
	must(err, "read the live panel")
	liveImgs, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("img").length`))
	must(err, "count images")
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must(err, "screenshot")
	path := filepath.Join(dir, "story.png")
	must(os.WriteFile(path, shot, 0o644), "save screenshot")
	t.Logf("screenshot saved to %s", path)

	for _, want := range []string{seedStoryTitle, "conflicting figures", "12,000"} {
		if !strings.Contains(home, want) {
			t.Errorf("front page lacks %q", want)
		}
	}
	for _, want := range []string{
		"Vladimir Putin", "What we do within the framework of Article 4 is our business.",
		"about 1,500 troops", "approximately 3,000 troops", "nearly 12,000 troops", "conflicting figures",
		hostileTitle, // shown as text, not run
	} {
		if !strings.Contains(story, want) {
			t.Errorf("story page lacks %q", want)
		}
	}
	if !strings.Contains(liveText, "<img src=x onerror=alert(9)> live words") {
		t.Errorf("live panel shows %q, want the hostile claim as text", liveText)
	}
	if scripts != 1 || imgs != 0 || liveImgs != 0 {
		t.Errorf("page has %d script and %d (then %d) img elements, want only app.js and none", scripts, imgs, liveImgs)
	}
	if n := alerts.Load(); n != 0 {
		t.Errorf("%d JavaScript dialogs opened: feed markup ran", n)
	}
	if len(shot) < 10_000 {
		t.Errorf("screenshot is only %d bytes", len(shot))
	}
}
