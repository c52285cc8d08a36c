package feed

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// ErrParse is wrapped by ParseFeed for a body that is not a readable feed.
var ErrParse = errors.New("unparseable feed")

// ParsedFeed is a feed body read into the parts the fetcher uses.
type ParsedFeed struct {
	Title string
	Items []*gofeed.Item
	// UpdateHint is the feed's own idea of its update period: RSS <ttl>, or
	// sy:updatePeriod / sy:updateFrequency. Zero when it gives none.
	UpdateHint time.Duration
}

var ttlRe = regexp.MustCompile(`(?is)<ttl>\s*(\d{1,7})\s*</ttl>`)

// ParseFeed parses an RSS (0.9x, 1.0, 2.0), Atom or JSON Feed body.
// contentType is the response's Content-Type, used only as a charset hint.
// A body that is not a feed returns an error wrapping ErrParse that says
// why in words an operator can act on.
func ParseFeed(body []byte, contentType string) (pf *ParsedFeed, err error) {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, fmt.Errorf("%w: empty body", ErrParse)
	}
	body = toUTF8(body, contentType)
	defer func() {
		// gofeed is a third-party parser of hostile input; a panic in it
		// must cost one poll, not the process.
		if r := recover(); r != nil {
			pf, err = nil, fmt.Errorf("%w: parser panic: %v", ErrParse, r)
		}
	}()
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		if errors.Is(err, gofeed.ErrFeedTypeNotDetected) {
			what := "not RSS, Atom or JSON Feed"
			if looksLikeHTMLPage(body) {
				what = "an HTML page, not a feed"
			}
			return nil, fmt.Errorf("%w: %s", ErrParse, what)
		}
		return nil, fmt.Errorf("%w: %w", ErrParse, err)
	}
	pf = &ParsedFeed{Title: cleanTitle(f.Title), Items: f.Items}
	pf.UpdateHint = updateHint(f, body)
	return pf, nil
}

func looksLikeHTMLPage(b []byte) bool {
	head := b
	if len(head) > 512 {
		head = head[:512]
	}
	l := bytes.ToLower(head)
	return bytes.Contains(l, []byte("<!doctype html")) || bytes.Contains(l, []byte("<html"))
}

// cleanTitle decodes entities left by double-escaping feeds and removes
// markup and line breaks from a title.
func cleanTitle(s string) string {
	s = html.UnescapeString(s)
	if looksLikeHTML(s) {
		s = htmlToText(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// updateHint reads <ttl> (minutes) and the syndication module's
// updatePeriod/updateFrequency.
func updateHint(f *gofeed.Feed, body []byte) time.Duration {
	if f.FeedType == "rss" {
		head := body
		if len(head) > 64<<10 {
			head = head[:64<<10]
		}
		if m := ttlRe.FindSubmatch(head); m != nil {
			if n, err := strconv.Atoi(string(m[1])); err == nil && n > 0 {
				return time.Duration(n) * time.Minute
			}
		}
	}
	sy := f.Extensions["sy"]
	if sy == nil {
		return 0
	}
	var period time.Duration
	if p := sy["updatePeriod"]; len(p) > 0 {
		switch strings.ToLower(strings.TrimSpace(p[0].Value)) {
		case "hourly":
			period = time.Hour
		case "daily":
			period = 24 * time.Hour
		case "weekly":
			period = 7 * 24 * time.Hour
		case "monthly":
			period = 30 * 24 * time.Hour
		case "yearly":
			period = 365 * 24 * time.Hour
		}
	}
	if period == 0 {
		return 0
	}
	freq := 1
	if fr := sy["updateFrequency"]; len(fr) > 0 {
		if n, err := strconv.Atoi(strings.TrimSpace(fr[0].Value)); err == nil && n > 0 {
			freq = n
		}
	}
	return period / time.Duration(freq)
}
