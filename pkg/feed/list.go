package feed

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/claimwatch/claimwatch/pkg/canon"
)

// ErrFeedList is wrapped when a feeds file cannot be read as a URL list or
// as OPML.
var ErrFeedList = errors.New("unreadable feed list")

// ListEntry is one feed of a feeds file.
type ListEntry struct {
	URL   string
	Title string
	// NoFullText opts the feed out of full-text fetching: "nofulltext"
	// after the URL on a line, or claimwatchFullText="false" in OPML.
	NoFullText bool
}

// ParseList reads a feeds file: OPML when the content is XML with an
// <opml> root, otherwise one URL per line with "#" comments and an
// optional "nofulltext" flag after the URL. Lines that are not http(s)
// URLs are errors naming the line, so a typo is not silently skipped.
// Duplicate feeds (same canonical URL) are listed once.
func ParseList(data []byte) ([]ListEntry, error) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	var out []ListEntry
	var err error
	if bytes.HasPrefix(trimmed, []byte("<")) {
		out, err = parseOPML(trimmed)
	} else {
		out, err = parseLines(trimmed)
	}
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	uniq := out[:0]
	for _, e := range out {
		id, err := FeedID(e.URL)
		if err != nil {
			return nil, fmt.Errorf("%w: %q: %w", ErrFeedList, e.URL, err)
		}
		if !seen[id] {
			seen[id] = true
			uniq = append(uniq, e)
		}
	}
	return uniq, nil
}

func parseLines(data []byte) ([]ListEntry, error) {
	var out []ListEntry
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, "#"); i >= 0 && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			line = line[:i] // "#" inside a URL (a fragment) is not a comment
		}
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		e := ListEntry{URL: fields[0]}
		for _, fl := range fields[1:] {
			if strings.EqualFold(fl, "nofulltext") {
				e.NoFullText = true
				continue
			}
			return nil, fmt.Errorf("%w: line %d: unknown option %q", ErrFeedList, n, fl)
		}
		if _, err := canon.URL(e.URL); err != nil {
			return nil, fmt.Errorf("%w: line %d: %w", ErrFeedList, n, err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFeedList, err)
	}
	return out, nil
}

type opmlDoc struct {
	XMLName xml.Name    `xml:"opml"`
	Version string      `xml:"version,attr"`
	Title   string      `xml:"head>title"`
	Body    []opmlOutln `xml:"body>outline"`
}

type opmlOutln struct {
	Text     string      `xml:"text,attr,omitempty"`
	Title    string      `xml:"title,attr,omitempty"`
	Type     string      `xml:"type,attr,omitempty"`
	XMLURL   string      `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string      `xml:"htmlUrl,attr,omitempty"`
	FullText string      `xml:"claimwatchFullText,attr,omitempty"`
	Children []opmlOutln `xml:"outline"`
}

func parseOPML(data []byte) ([]ListEntry, error) {
	var doc opmlDoc
	d := xml.NewDecoder(bytes.NewReader(toUTF8(data, "")))
	d.Strict = false
	if err := d.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%w: opml: %w", ErrFeedList, err)
	}
	var out []ListEntry
	var walk func([]opmlOutln, int) error
	walk = func(os []opmlOutln, depth int) error {
		if depth > 32 {
			return fmt.Errorf("%w: opml outlines nested deeper than 32", ErrFeedList)
		}
		for _, o := range os {
			if u := strings.TrimSpace(o.XMLURL); u != "" {
				if _, err := canon.URL(u); err != nil {
					return fmt.Errorf("%w: opml outline %q: %w", ErrFeedList, o.Text, err)
				}
				title := o.Title
				if title == "" {
					title = o.Text
				}
				out = append(out, ListEntry{URL: u, Title: title, NoFullText: strings.EqualFold(o.FullText, "false")})
			}
			if err := walk(o.Children, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(doc.Body, 0); err != nil {
		return nil, err
	}
	return out, nil
}

// WriteOPML writes entries as an OPML 2.0 document.
func WriteOPML(w io.Writer, title string, entries []ListEntry) error {
	doc := opmlDoc{Version: "2.0", Title: title}
	for _, e := range entries {
		o := opmlOutln{Type: "rss", XMLURL: e.URL, Text: e.Title, Title: e.Title}
		if o.Text == "" {
			o.Text = e.URL
		}
		if e.NoFullText {
			o.FullText = "false"
		}
		doc.Body = append(doc.Body, o)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write opml: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write opml: %w", err)
	}
	_, err := io.WriteString(w, "\n")
	return err
}
