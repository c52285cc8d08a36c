package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	xhtml "golang.org/x/net/html"
)

// Extractor finds the main text of an article page.
type Extractor interface {
	// Extract returns the article text of page (UTF-8 HTML fetched from
	// pageURL) as plain text with "\n\n" between paragraphs, or an error
	// when the page has no recognisable article. Safe for concurrent use.
	Extract(pageURL string, page []byte) (string, error)
}

// ErrNoArticle is wrapped when a page has no recognisable article text.
var ErrNoArticle = errors.New("no article text found")

// Readability is the Extractor built on codeberg.org/readeck/go-readability
// (a maintained port of Mozilla's Readability). It was chosen over
// go-trafilatura by measurement on article pages built from corpus text
// with page chrome around it: word precision 0.999 against 0.975 at equal
// recall, 1.6 ms against 4.7 ms a page, and a fraction of the dependencies.
type Readability struct{}

// NewReadability returns the Readability extractor.
func NewReadability() Readability { return Readability{} }

// Extract implements Extractor.
func (Readability) Extract(pageURL string, page []byte) (text string, err error) {
	u, err := url.Parse(pageURL)
	if err != nil {
		return "", fmt.Errorf("extract %s: %w", pageURL, err)
	}
	defer func() {
		// The page is hostile input to a third-party parser.
		if r := recover(); r != nil {
			text, err = "", fmt.Errorf("extract %s: parser panic: %v", pageURL, r)
		}
	}()
	p := readability.NewParser()
	art, err := p.Parse(bytes.NewReader(page), u)
	if err != nil {
		return "", fmt.Errorf("extract %s: %w", pageURL, err)
	}
	if art.Node == nil {
		return "", fmt.Errorf("extract %s: %w", pageURL, ErrNoArticle)
	}
	var buf strings.Builder
	if err := xhtml.Render(&buf, art.Node); err != nil {
		return "", fmt.Errorf("extract %s: render: %w", pageURL, err)
	}
	// Our own HTML-to-text keeps paragraphs as "\n\n", the form the
	// claims extractor reads best.
	text = htmlToText(buf.String())
	if text == "" {
		return "", fmt.Errorf("extract %s: %w", pageURL, ErrNoArticle)
	}
	return text, nil
}

// wantsFullText reports whether e carries only a summary worth replacing.
func (f *Fetcher) wantsFullText(st *State, e *entry) bool {
	return !f.cfg.DisableFullText && !st.NoFullText && e.link != "" &&
		utf8.RuneCountInString(e.text) < f.cfg.FullTextMinChars
}

// fullText fetches e's page with the fetcher's client (same limits and
// private-network rules) and extracts its text. It returns the text only
// when it is longer than what the feed carried.
func (f *Fetcher) fullText(ctx context.Context, e *entry) (string, error) {
	resp, err := f.client.Get(ctx, Request{URL: e.link, Accept: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"})
	if err != nil {
		return "", err
	}
	if resp.NotModified || len(resp.Body) == 0 {
		return "", fmt.Errorf("full text %s: %w", e.link, ErrNoArticle)
	}
	text, err := f.pages.Extract(resp.URL, toUTF8(resp.Body, resp.ContentType))
	if err != nil {
		return "", err
	}
	if utf8.RuneCountInString(text) <= utf8.RuneCountInString(e.text) {
		return "", fmt.Errorf("full text %s: %w (page text not longer than the summary)", e.link, ErrNoArticle)
	}
	return text, nil
}
