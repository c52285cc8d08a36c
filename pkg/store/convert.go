package store

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"
)

// Times are stored as unix microseconds UTC; 0 is the zero time.
func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

func fromMicros(us int64) time.Time {
	if us == 0 {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

// norm is the comparison form of names and subjects: case and spacing
// folded.
func norm(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// outletOf names the outlet an article came from: the host of its feed,
// else of its own URL, without "www.".
func outletOf(feedURL, articleURL string) string {
	for _, raw := range []string{feedURL, articleURL} {
		if raw == "" {
			continue
		}
		u, err := url.Parse(raw)
		if err != nil || u.Hostname() == "" {
			continue
		}
		return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return ""
}

// pairID is a stable id for an unordered pair of ids.
func pairID(a, b string) string {
	if b < a {
		a, b = b, a
	}
	h := sha256.Sum256([]byte(a + "\x00" + b))
	return hex.EncodeToString(h[:16])
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// lastWord is the surname-like last word of a normalised name, indexed
// so that a search for "Putin" finds "vladimir putin" without LIKE.
func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}
