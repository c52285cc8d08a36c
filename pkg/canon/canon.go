package canon

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// Errors URL returns, wrapped with the offending input.
var (
	// ErrInvalid is wrapped when the input is not a parseable absolute URL.
	ErrInvalid = errors.New("invalid url")
	// ErrScheme is wrapped when the scheme is not http or https.
	ErrScheme = errors.New("unsupported url scheme")
)

// maxLen bounds the input, so a hostile feed cannot make the canonicaliser
// (and every key built from its output) arbitrarily large.
const maxLen = 8 << 10

// URL returns the canonical form of an absolute http or https URL:
//   - scheme and host lower-cased, a trailing dot on the host dropped,
//     international host names in their ASCII (punycode) form;
//   - the default port (80 for http, 443 for https) dropped;
//   - user information and the fragment dropped;
//   - an empty path written as "/", "." and ".." segments resolved,
//     percent-encodings of unreserved characters decoded and the others
//     written in upper case;
//   - tracking parameters (see IsTracking) removed, the remaining query
//     parameters sorted by name then value, and an empty query dropped.
//
// URL is idempotent: URL(URL(x)) == URL(x) for every x it accepts.
func URL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", fmt.Errorf("%w: empty", ErrInvalid)
	}
	if len(raw) > maxLen {
		return "", fmt.Errorf("%w: longer than %d bytes", ErrInvalid, maxLen)
	}
	if !utf8.ValidString(raw) {
		return "", fmt.Errorf("%w: not valid utf-8", ErrInvalid)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		if scheme == "" {
			return "", fmt.Errorf("%w: %q is not absolute", ErrInvalid, raw)
		}
		return "", fmt.Errorf("%w: %q", ErrScheme, scheme)
	}
	if u.Opaque != "" {
		return "", fmt.Errorf("%w: %q has no authority", ErrInvalid, raw)
	}
	host, err := canonicalHost(u.Hostname())
	if err != nil {
		return "", fmt.Errorf("%w: %q: %w", ErrInvalid, raw, err)
	}
	port := u.Port()
	if port != "" {
		n, err := strconv.ParseUint(port, 10, 16)
		if err != nil {
			return "", fmt.Errorf("%w: %q: bad port %q", ErrInvalid, raw, port)
		}
		port = strconv.FormatUint(n, 10) // "080" and "80" are one port
		if (scheme == "http" && n == 80) || (scheme == "https" && n == 443) {
			port = ""
		}
	}

	var b strings.Builder
	b.Grow(len(raw))
	b.WriteString(scheme)
	b.WriteString("://")
	if strings.Contains(host, ":") {
		b.WriteString("[" + host + "]")
	} else {
		b.WriteString(host)
	}
	if port != "" {
		b.WriteString(":" + port)
	}
	b.WriteString(canonicalPath(u.EscapedPath()))
	if q := canonicalQuery(u.RawQuery); q != "" {
		b.WriteString("?" + q)
	}
	return b.String(), nil
}

// canonicalHost lower-cases a host name and converts it to its ASCII form.
func canonicalHost(h string) (string, error) {
	if h == "" {
		return "", errors.New("no host")
	}
	if ip := net.ParseIP(h); ip != nil {
		if strings.Contains(h, ":") {
			return ip.String(), nil // one spelling per IPv6 address
		}
		return h, nil
	}
	h = strings.TrimSuffix(strings.ToLower(h), ".")
	if h == "" {
		return "", errors.New("no host")
	}
	ascii := true
	for i := 0; i < len(h); i++ {
		if h[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		a, err := idna.Lookup.ToASCII(h)
		if err != nil {
			return "", fmt.Errorf("host %q: %w", h, err)
		}
		h = strings.ToLower(a)
	}
	if strings.HasPrefix(h, ".") || strings.Contains(h, "..") || strings.HasSuffix(h, ".") {
		return "", fmt.Errorf("host %q has an empty label", h)
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		// Characters outside this set are not part of a DNS name; url.Parse
		// lets some through (escapes, sub-delims) and they would make the
		// output re-parse differently.
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
			return "", fmt.Errorf("host %q has character %q", h, c)
		}
	}
	return h, nil
}

// canonicalPath normalises percent-encoding and removes dot segments of an
// escaped path.
func canonicalPath(p string) string {
	if p == "" {
		return "/"
	}
	p = normaliseEscapes(p)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return removeDotSegments(p)
}

// removeDotSegments implements RFC 3986 section 5.2.4 on an absolute path.
// Unlike path.Clean it keeps empty segments and a trailing slash, which
// servers may treat as significant.
func removeDotSegments(p string) string {
	if !strings.Contains(p, ".") {
		return p
	}
	segs := strings.Split(p[1:], "/")
	out := make([]string, 0, len(segs))
	trailing := false
	for i, s := range segs {
		last := i == len(segs)-1
		switch s {
		case ".":
			trailing = last
		case "..":
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
			trailing = last
		default:
			out = append(out, s)
			trailing = false
		}
	}
	res := "/" + strings.Join(out, "/")
	if trailing && !strings.HasSuffix(res, "/") {
		res += "/"
	}
	return res
}

// normaliseEscapes decodes percent-escapes of unreserved characters and
// upper-cases the hex digits of the others (RFC 3986 section 6.2.2).
func normaliseEscapes(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			v := unhex(s[i+1])<<4 | unhex(s[i+2])
			if isUnreserved(v) {
				b.WriteByte(v)
			} else {
				b.WriteByte('%')
				b.WriteByte(upper(s[i+1]))
				b.WriteByte(upper(s[i+2]))
			}
			i += 2
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'f' {
		return c - 'a' + 'A'
	}
	return c
}

func isUnreserved(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}

type param struct{ key, value, raw string }

// canonicalQuery drops tracking parameters and sorts the rest. Keys and
// values are compared decoded ("a+b" and "a%20b" are the same value) and
// written re-encoded, so every spelling of one query has one output.
func canonicalQuery(raw string) string {
	if raw == "" {
		return ""
	}
	parts := strings.Split(raw, "&")
	params := make([]param, 0, len(parts))
	for _, p := range parts {
		if p == "" {
			continue
		}
		k, v, hasValue := strings.Cut(p, "=")
		dk, err := url.QueryUnescape(k)
		if err != nil {
			dk = k
		}
		if IsTracking(dk) {
			continue
		}
		dv, err := url.QueryUnescape(v)
		if err != nil {
			dv = v
		}
		enc := url.QueryEscape(dk)
		if hasValue {
			enc += "=" + url.QueryEscape(dv)
		}
		params = append(params, param{key: dk, value: dv, raw: enc})
	}
	sort.SliceStable(params, func(i, j int) bool {
		if params[i].key != params[j].key {
			return params[i].key < params[j].key
		}
		if params[i].value != params[j].value {
			return params[i].value < params[j].value
		}
		return params[i].raw < params[j].raw
	})
	var b strings.Builder
	for i, p := range params {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.raw)
	}
	return b.String()
}
