package api

import (
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
)

func TestSinceParam(t *testing.T) {
	now := time.Date(2024, 10, 25, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, in string
		want     time.Time
		wantErr  bool
	}{
		{"empty means no filter", "", time.Time{}, false},
		{"RFC 3339 time", "2024-10-24T08:30:00Z", time.Date(2024, 10, 24, 8, 30, 0, 0, time.UTC), false},
		{"a date is midnight UTC", "2024-10-24", time.Date(2024, 10, 24, 0, 0, 0, 0, time.UTC), false},
		{"a duration counts back from now", "36h", now.Add(-36 * time.Hour), false},
		{"a negative duration is refused", "-1h", time.Time{}, true},
		{"words are refused", "yesterday", time.Time{}, true},
		{"SQL is refused", "2024-10-24' OR 1=1", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sinceParam(url.Values{"since": {tt.in}}, now)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if !got.Equal(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestETagMatch(t *testing.T) {
	tag := etag([]byte("body"))
	tests := []struct {
		name, header string
		want         bool
	}{
		{"no header", "", false},
		{"exact tag", tag, true},
		{"weak form of the tag", "W/" + tag, true},
		{"one of a list", `"x", ` + tag + `, "y"`, true},
		{"star", "*", true},
		{"another tag", `"x"`, false},
		{"unquoted tag", tag[1 : len(tag)-1], false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := etagMatch(tt.header, tag); got != tt.want {
				t.Errorf("etagMatch(%q) = %v, want %v", tt.header, got, tt.want)
			}
		})
	}
	if etag([]byte("a")) == etag([]byte("b")) {
		t.Error("different bodies share an ETag")
	}
}

func TestFormatting(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{fmtNumber(12000), "12,000"},
		{fmtNumber(1500), "1,500"},
		{fmtNumber(999), "999"},
		{fmtNumber(1234567.5), "1,234,567.5"},
		{fmtNumber(-3000), "-3,000"},
		{fmtQuantity(&model.Quantity{Value: 12000, Unit: "troops", Hedge: "nearly"}), "nearly 12,000 troops"},
		{fmtQuantity(&model.Quantity{Value: 3.5, Unit: "percent"}), "3.5 percent"},
		{fmtQuantity(nil), ""},
		{hostOf("https://www.koreatimes.co.kr/x"), "koreatimes.co.kr"},
		{plural(1, "claim"), "1 claim"},
		{plural(1200, "claim"), "1,200 claims"},
		{queryWith("q", "a&b", "speaker", ""), "q=a%26b"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: got %q, want %q", i, tt.got, tt.want)
		}
	}
}

func TestChartPlacesFiguresByTimeAndValue(t *testing.T) {
	pts := []figurePoint{
		{Claim: claimWith(1500, ptr(1350), ptr(1650)), When: day(24, 0)},
		{Claim: claimWith(3000, ptr(3000), nil), When: day(24, 12), Conflict: true},
		{Claim: claimWith(12000, nil, nil), When: day(25, 0), Conflict: true},
	}
	c := buildChart(pts)
	if len(c.Dots) != 3 {
		t.Fatalf("%d dots, want 3", len(c.Dots))
	}
	d := c.Dots
	if !(d[0].X == c.Left && d[2].X == c.Right && d[0].X < d[1].X && d[1].X < d[2].X) {
		t.Errorf("x positions %v %v %v do not follow time across [%v, %v]", d[0].X, d[1].X, d[2].X, c.Left, c.Right)
	}
	if !(d[0].Y > d[1].Y && d[1].Y > d[2].Y && d[2].Y >= c.Top) {
		t.Errorf("y positions %v %v %v do not grow with the value (SVG y points down)", d[0].Y, d[1].Y, d[2].Y)
	}
	if !(d[0].Y1 > d[0].Y && d[0].Y2 < d[0].Y) {
		t.Errorf("interval bar of 1,500 = [%v, %v] around %v", d[0].Y1, d[0].Y2, d[0].Y)
	}
	if !d[1].OpenTop || d[1].Y2 != c.Top {
		t.Error("an open-ended figure (at least 3,000) should reach the top")
	}
	if d[2].Y1 != d[2].Y || d[2].Y2 != d[2].Y {
		t.Error("a bare figure should have no interval bar")
	}
	if got := buildChart(nil); len(got.Dots) != 0 {
		t.Error("empty series drew dots")
	}
}

func claimWith(v float64, lo, hi *float64) store.Claim {
	return store.Claim{Claim: model.Claim{Kind: model.KindQuantity, Quantity: &model.Quantity{Value: v, Unit: "troops", Low: lo, High: hi}}}
}

func TestCheckFeedURL(t *testing.T) {
	for _, bad := range []string{"", "ftp://x.org/rss", "javascript:alert(1)", "//x.org/rss", "https://", "https://u:p@x.org/"} {
		if _, err := checkFeedURL(bad); err == nil {
			t.Errorf("checkFeedURL(%q) accepted", bad)
		}
	}
	got, err := checkFeedURL("  https://example.org/rss?a=1 ")
	if diff := cmp.Diff("https://example.org/rss?a=1", got); diff != "" || err != nil {
		t.Errorf("good URL: %v %s", err, diff)
	}
}

// FuzzQueryParams feeds arbitrary query strings to every parameter parser:
// each must return a value or a 400, never panic or another status.
func FuzzQueryParams(f *testing.F) {
	for _, s := range []string{"q=putin", "since=24h&kind=quote", "limit=5&cursor=abc", "q=%00", "since=2024-10-24", "kind=QUOTE"} {
		f.Add(s)
	}
	s := &server{now: time.Now}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		check := func(err error) {
			var he *httpError
			if err != nil && (!errors.As(err, &he) || he.status != http.StatusBadRequest) {
				t.Fatalf("%q: error %v is not a 400", raw, err)
			}
		}
		_, err = s.claimFilter(q)
		check(err)
		_, err = parsePage(q)
		check(err)
		_, err = checkFeedURL(q.Get("url"))
		check(err)
		etagMatch(q.Get("tag"), `"x"`)
	})
}
