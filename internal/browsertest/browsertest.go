// Package browsertest starts headless Chromium for the tests that look at
// the dashboard as a person would. It skips, saying how to install it,
// when no Chromium is on the machine.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"sync/atomic"
	"testing"
	"time"

	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromiumPath finds a Chromium binary: $CW_CHROMIUM, then Debian's
// chromium, then the usual other names.
func chromiumPath() string {
	if p := os.Getenv("CW_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Chromium starts headless Chromium with a fresh profile and returns a tab
// context bounded to a minute; alerts counts JavaScript dialogs, which the
// hostile feed would open if any of its markup ran.
func Chromium(t *testing.T) (ctx context.Context, alerts *atomic.Int32) {
	t.Helper()
	bin := chromiumPath()
	if bin == "" {
		t.Skip("SKIPPING BROWSER TEST: no chromium binary found; install it with `apt-get install -y chromium` (Debian) or set CW_CHROMIUM")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1360, 1000),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(t.Context(), opts...)
	t.Cleanup(cancelAlloc)
	tab, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(cancelTab)
	// The first call starts the browser; it must not carry the timeout,
	// which would stop the whole browser (chromedp.NewContext docs).
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("start chromium %s: %v", bin, err)
	}
	alerts = new(atomic.Int32)
	err := chromedp.Listen(tab, func(ev any) {
		if _, ok := ev.(*cdppage.EventJavascriptDialogOpening); ok {
			alerts.Add(1)
			// Dismiss it from another goroutine: a listener must not run
			// commands, and an open dialog would block the page.
			go func() {
				_, _ = chromedp.Call(tab, cdppage.HandleJavaScriptDialog, cdppage.HandleJavaScriptDialogParams{Accept: false})
			}()
		}
	})
	if err != nil {
		t.Fatalf("listen to the tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(tab, time.Minute)
	t.Cleanup(cancel)
	return ctx, alerts
}

// ScreenshotDir is where tests save screenshots: $CW_SCREENSHOT_DIR, or a
// temporary directory.
func ScreenshotDir(t *testing.T) string {
	if d := os.Getenv("CW_SCREENSHOT_DIR"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatalf("screenshot dir: %v", err)
		}
		return d
	}
	return t.TempDir()
}
