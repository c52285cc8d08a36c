package api

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// Page sizes: small enough that one page is a cheap query, large enough
// for a dashboard table.
const (
	defaultLimit = 50
	maxLimit     = 200
	// maxParamLen bounds every free-text parameter: a search box needs no
	// more, and it keeps a hostile query string from reaching the FTS engine.
	maxParamLen = 256
)

// page is a parsed ?limit=&cursor=.
type page struct {
	Limit  int
	Cursor string // the store's own cursor; "" for the first page
}

// parsePage reads limit and cursor. The cursor is the store's own opaque
// one, passed back unchanged; the store refuses cursors it did not make.
func parsePage(q url.Values) (page, error) {
	p := page{Limit: defaultLimit}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			return p, badRequest(fmt.Sprintf("limit must be an integer from 1 to %d", maxLimit))
		}
		p.Limit = n
	}
	if c := q.Get("cursor"); c != "" {
		if len(c) > 1024 || !utf8.ValidString(c) {
			return p, badRequest("invalid cursor")
		}
		p.Cursor = c
	}
	return p, nil
}

// textParam returns a trimmed free-text parameter, refusing what no search
// needs: over-long values, invalid UTF-8 and control characters.
func textParam(q url.Values, name string) (string, error) {
	v := strings.TrimSpace(q.Get(name))
	if len(v) > maxParamLen {
		return "", badRequest(fmt.Sprintf("%s is longer than %d bytes", name, maxParamLen))
	}
	if !utf8.ValidString(v) {
		return "", badRequest(name + " is not valid UTF-8")
	}
	for _, r := range v {
		if r < 0x20 || r == 0x7f {
			return "", badRequest(name + " contains control characters")
		}
	}
	return v, nil
}

// kindParam accepts the claim kinds of DESIGN.md and nothing else.
func kindParam(q url.Values) (string, error) {
	k := strings.ToLower(strings.TrimSpace(q.Get("kind")))
	switch k {
	case "", model.KindQuote, model.KindQuantity, model.KindStatement:
		return k, nil
	}
	return "", badRequest("kind must be quote, quantity or statement")
}

// sinceParam accepts an RFC 3339 time, a date (2006-01-02, midnight UTC)
// or a duration back from now ("24h", "90m"). now is passed in for tests.
func sinceParam(q url.Values, now time.Time) (time.Time, error) {
	s := strings.TrimSpace(q.Get("since"))
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	if d, err := time.ParseDuration(s); err == nil && d > 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, badRequest("since must be an RFC 3339 time, a date (2006-01-02) or a duration such as 24h")
}

// idParam validates a path id: ids are hashes or slugs, so anything long
// or with control characters cannot exist and is answered 404 without a
// store round trip.
func idParam(v string) (string, error) {
	if v == "" || len(v) > maxParamLen || !utf8.ValidString(v) {
		return "", notFound("not found")
	}
	for _, r := range v {
		if r < 0x20 || r == 0x7f {
			return "", notFound("not found")
		}
	}
	return v, nil
}
