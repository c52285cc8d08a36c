package feed

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// corpusDir finds shared/corpus beside the module root, or skips.
func corpusDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(dir, "feeds")); err != nil {
		t.Skipf("corpus not found at %s (it lives in shared/corpus beside the module root): %v", dir, err)
	}
	return dir
}

// golden is what a golden file records of a parsed feed: enough to catch
// a change in charset handling, identity or text conversion.
type golden struct {
	Title string       `json:"title"`
	Hint  string       `json:"update_hint,omitempty"`
	Items []goldenItem `json:"items"`
}

type goldenItem struct {
	ID        string `json:"id"`
	Link      string `json:"link,omitempty"`
	Title     string `json:"title"`
	Published string `json:"published"`
	TextLen   int    `json:"text_runes"`
	TextStart string `json:"text_start"`
}

func TestParseCorpusFeeds(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "feeds")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus feeds in %s: %v", dir, err)
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, path := range files {
		name := filepath.Base(filepath.Dir(path)) + "_" + filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			pf, err := ParseFeed(body, "")
			if strings.HasSuffix(path, ".html") {
				if !errors.Is(err, ErrParse) {
					t.Fatalf("an HTML page parsed as a feed: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseFeed: %v", err)
			}
			if !utf8.ValidString(pf.Title) || strings.ContainsRune(pf.Title, utf8.RuneError) {
				t.Errorf("title %q is not clean UTF-8", pf.Title)
			}
			g := golden{Title: pf.Title}
			if pf.UpdateHint > 0 {
				g.Hint = pf.UpdateHint.String()
			}
			for _, e := range entries("feedid", "https://feed.example/", pf.Items, now) {
				if strings.ContainsRune(e.text, utf8.RuneError) || strings.ContainsRune(e.title, utf8.RuneError) {
					t.Errorf("item %q has replacement characters: charset decoded wrongly", e.title)
				}
				start := []rune(e.text)
				if len(start) > 80 {
					start = start[:80]
				}
				g.Items = append(g.Items, goldenItem{
					ID: e.id, Link: e.link, Title: e.title, Published: e.published.Format(time.RFC3339),
					TextLen: utf8.RuneCountInString(e.text), TextStart: string(start),
				})
			}
			got, err := json.MarshalIndent(g, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			gold := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(gold, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(gold)
			if err != nil {
				t.Fatalf("read golden (regenerate with go test ./pkg/feed -update): %v", err)
			}
			if diff := cmp.Diff(strings.TrimSpace(string(want)), strings.TrimSpace(string(got))); diff != "" {
				t.Errorf("parsed feed differs from %s (-want +got):\n%s", gold, diff)
			}
		})
	}
}

func TestParseFeedCharsets(t *testing.T) {
	tests := []struct {
		name, body, contentType, wantTitle string
	}{
		{"a utf-8 body with a latin-1 prolog", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Café</title></channel></rss>", "", "Café"},
		{"a latin-1 body with a latin-1 prolog", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\xe9</title></channel></rss>", "", "Café"},
		{"a latin-1 body without declaration", "<rss version=\"2.0\"><channel><title>Caf\xe9</title></channel></rss>", "", "Café"},
		{"a windows-1252 body named by the header", "<rss version=\"2.0\"><channel><title>Euro \x80</title></channel></rss>", "application/rss+xml; charset=windows-1252", "Euro €"},
		{"an unknown prolog encoding on utf-8", "<?xml version=\"1.0\" encoding=\"bogus\"?><rss version=\"2.0\"><channel><title>Ünï</title></channel></rss>", "", "Ünï"},
		{"illegal control characters", "<rss version=\"2.0\"><channel><title>A\x01B\x0bC</title></channel></rss>", "", "ABC"},
		{"html entities in a title", "<rss version=\"2.0\"><channel><title>Tom &amp;amp; Jerry&nbsp;news</title></channel></rss>", "", "Tom & Jerry news"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pf, err := ParseFeed([]byte(tt.body), tt.contentType)
			if err != nil {
				t.Fatalf("ParseFeed: %v", err)
			}
			if pf.Title != tt.wantTitle {
				t.Errorf("title = %q, want %q", pf.Title, tt.wantTitle)
			}
		})
	}
}

func TestParseFeedErrors(t *testing.T) {
	tests := []struct{ name, body, want string }{
		{"an empty body", "  \n", "empty body"},
		{"an html page", "<!DOCTYPE html><html><body>hi</body></html>", "an HTML page, not a feed"},
		{"plain text", "hello world", "not RSS, Atom or JSON Feed"},
		{"truncated xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><title>a", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pf, err := ParseFeed([]byte(tt.body), "")
			if tt.want == "" {
				// Truncated documents: gofeed may recover what it read; what
				// matters is no panic and either items or a clear error.
				if err == nil && pf == nil {
					t.Fatal("nil feed without error")
				}
				return
			}
			if !errors.Is(err, ErrParse) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want ErrParse saying %q", err, tt.want)
			}
		})
	}
}

func TestUpdateHint(t *testing.T) {
	tests := []struct {
		name, body string
		want       time.Duration
	}{
		{"rss ttl in minutes", `<rss version="2.0"><channel><title>x</title><ttl>60</ttl></channel></rss>`, time.Hour},
		{"syndication module", `<rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>x</title><sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency></channel></rss>`, 6 * time.Hour},
		{"no hint", `<rss version="2.0"><channel><title>x</title></channel></rss>`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pf, err := ParseFeed([]byte(tt.body), "")
			if err != nil {
				t.Fatal(err)
			}
			if pf.UpdateHint != tt.want {
				t.Errorf("hint = %s, want %s", pf.UpdateHint, tt.want)
			}
		})
	}
}

func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(`<rss version="2.0"><channel><title>t</title><item><title>a</title><link>http://x/a?utm_source=1</link><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>`), "")
	f.Add([]byte(`<?xml version="1.0" encoding="koi8-r"?><feed xmlns="http://www.w3.org/2005/Atom"><title>\xf4</title><entry><id>1</id></entry></feed>`), "text/xml; charset=koi8-r")
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1.1","title":"j","items":[{"id":"1","content_html":"<p>a</p>"}]}`), "application/feed+json")
	f.Fuzz(func(t *testing.T, body []byte, ct string) {
		pf, err := ParseFeed(body, ct)
		if err != nil {
			if !errors.Is(err, ErrParse) {
				t.Fatalf("error does not wrap ErrParse: %v", err)
			}
			return
		}
		for _, e := range entries("f", "https://feed.example/", pf.Items, time.Now()) {
			if e.id == "" || !utf8.ValidString(e.text) || !utf8.ValidString(e.title) {
				t.Fatalf("bad entry %+v", e)
			}
		}
	})
}
