package demo

import (
	"embed"
	"fmt"
	"strings"
	"time"
)

//go:embed seeds/*.txt
var seedFiles embed.FS

// Seed is one demo article.
type Seed struct {
	// File is the seed's name in the corpus, without extension.
	File      string
	Title     string
	URL       string
	Published time.Time
	// Text is the article as scraped, page chrome included.
	Text string
}

// The feed metadata the scrapes lost: which outlet, which day. Titles are
// the scraped first line where the page had one.
var manifest = []struct {
	file, title, url, published string
}{
	{"000_f23ad0ff0bccace4", "", "https://world-desk.example/2024/10/25/north-korean-soldiers-ukraine-putin", "2024-10-25T08:10:00Z"},
	{"001_6639965c93229eb0", "Putin: North Korean deployment would be a sovereign decision", "https://eurasia-monitor.example/putin-north-korea-sovereign-decision", "2024-10-25T11:40:00Z"},
	{"002_9ed75726b9e34a17", "", "https://asia-wire.example/news/north-korea-troops-russia-ukraine-putin", "2024-10-24T17:05:00Z"},
	{"003_493e4b5b748902a0", "Putin says use of North Korean troops is Russia's business", "https://defense-post.example/putin-north-korean-troops-our-business/", "2024-10-25T14:30:00Z"},
	{"004_f2aaa5bb09a36568", "Putin affirms North Korean troop use is Russia's decision", "https://global-brief.example/articles/putin-affirms-decision", "2024-10-25T19:55:00Z"},
}

// Seeds returns the five demo articles in a stable order.
func Seeds() ([]Seed, error) {
	out := make([]Seed, 0, len(manifest))
	for _, m := range manifest {
		raw, err := seedFiles.ReadFile("seeds/" + m.file + ".txt")
		if err != nil {
			return nil, fmt.Errorf("demo seed %s: %w", m.file, err)
		}
		pub, err := time.Parse(time.RFC3339, m.published)
		if err != nil {
			return nil, fmt.Errorf("demo seed %s: %w", m.file, err)
		}
		text := string(raw)
		title := m.title
		if title == "" {
			// The scrape put the headline on the first line.
			first, rest, _ := strings.Cut(text, "\n")
			title, text = strings.TrimSpace(first), strings.TrimLeft(rest, "\n")
		}
		out = append(out, Seed{File: m.file, Title: title, URL: m.url, Published: pub, Text: text})
	}
	return out, nil
}
