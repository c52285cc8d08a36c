package feed

import (
	"bytes"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParseList(t *testing.T) {
	tests := []struct {
		name, in string
		want     []ListEntry
	}{
		{"urls with comments and blank lines", "# news\nhttps://a.example/feed\n\n  https://b.example/rss # b\n",
			[]ListEntry{{URL: "https://a.example/feed"}, {URL: "https://b.example/rss"}}},
		{"the nofulltext flag", "https://a.example/feed nofulltext\n", []ListEntry{{URL: "https://a.example/feed", NoFullText: true}}},
		{"a fragment is not a comment", "https://a.example/feed#x\n", []ListEntry{{URL: "https://a.example/feed#x"}}},
		{"duplicates by canonical url are dropped", "https://A.example/feed\nhttps://a.example:443/feed?utm_source=x\n",
			[]ListEntry{{URL: "https://A.example/feed"}}},
		{"nested opml", `<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
			<outline text="News"><outline text="A" type="rss" xmlUrl="https://a.example/feed"/></outline>
			<outline title="B" xmlUrl="https://b.example/rss" claimwatchFullText="false"/></body></opml>`,
			[]ListEntry{{URL: "https://a.example/feed", Title: "A"}, {URL: "https://b.example/rss", Title: "B", NoFullText: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseList([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseList (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseListErrors(t *testing.T) {
	for name, in := range map[string]string{
		"a line that is not a url": "https://a.example/feed\nnot a url\n",
		"an ftp url":               "ftp://a.example/feed\n",
		"an unknown option":        "https://a.example/feed fast\n",
		"broken opml":              "<opml><body><outline xmlUrl=",
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseList([]byte(in)); !errors.Is(err, ErrFeedList) {
				t.Errorf("err = %v, want ErrFeedList", err)
			}
		})
	}
}

func TestOPMLRoundTrip(t *testing.T) {
	in := []ListEntry{{URL: "https://a.example/feed?x=1&y=2", Title: "A & B"}, {URL: "https://b.example/rss", NoFullText: true}}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, "claimwatch feeds", in); err != nil {
		t.Fatal(err)
	}
	got, err := ParseList(buf.Bytes())
	if err != nil {
		t.Fatalf("re-reading our OPML: %v\n%s", err, buf.String())
	}
	in[1].Title = "https://b.example/rss" // an untitled feed is written with its URL as text
	if diff := cmp.Diff(in, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}
