package feed

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"golang.org/x/net/http/httpproxy"
)

// Errors the client wraps; callers branch on them with errors.Is.
var (
	// ErrTooManyRedirects is wrapped when a response redirects more than
	// Config.MaxRedirects times.
	ErrTooManyRedirects = errors.New("too many redirects")
	// ErrRedirectLoop is wrapped when a redirect leads back to a URL already
	// visited in the same fetch.
	ErrRedirectLoop = errors.New("redirect loop")
)

// StatusError is returned for a response that is neither 2xx nor 304.
// RetryAfter is the delay the server asked for (Retry-After), zero when it
// named none.
type StatusError struct {
	Code       int
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("http status %d %s (retry after %s)", e.Code, http.StatusText(e.Code), e.RetryAfter)
	}
	return fmt.Sprintf("http status %d %s", e.Code, http.StatusText(e.Code))
}

// Request is one conditional GET.
type Request struct {
	URL          string
	ETag         string
	LastModified string
	// Accept is sent as the Accept header; empty sends a feed-friendly one.
	Accept string
}

// Response is a fetched document.
type Response struct {
	// NotModified is true for a 304; Body is then empty.
	NotModified bool
	// URL is the URL the body came from after redirects.
	URL string
	// PermanentURL is set when every redirect followed was permanent (301
	// or 308): the address the feed should be polled at from now on.
	PermanentURL string
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
	// MaxAge is Cache-Control max-age (or s-maxage), zero when absent.
	MaxAge time.Duration
}

// Client fetches feeds and article pages with the timeouts, size cap,
// redirect rules, politeness limits and private-network protection of its
// Config. It is safe for concurrent use.
type Client struct {
	http     *http.Client
	limits   *hostLimiter
	ua       string
	maxBody  int64
	total    time.Duration
	maxRedir int
}

type redirectTrace struct {
	visited   map[string]bool
	permanent bool
	hops      int
}

type traceKey struct{}

// NewClient builds a Client from cfg (which must be valid).
func NewClient(cfg Config) *Client {
	dialer := &net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}
	if !cfg.AllowPrivateNetworks {
		dialer.Control = guardControl
	}
	proxyCfg := httpproxy.FromEnvironment()
	proxyFunc := proxyCfg.ProxyFunc()
	proxyHosts := map[string]bool{}
	for _, p := range []string{proxyCfg.HTTPProxy, proxyCfg.HTTPSProxy} {
		if u, err := url.Parse(p); err == nil && u.Host != "" {
			proxyHosts[hostPort(u)] = true
		}
	}
	plain := &net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		Proxy: func(r *http.Request) (*url.URL, error) { return proxyFunc(r.URL) },
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			// The operator's proxy may well live on a private address; the
			// feed's own host is then resolved by the proxy, which is where
			// its egress policy belongs.
			if proxyHosts[addr] {
				return plain.DialContext(ctx, network, addr)
			}
			return dialer.DialContext(ctx, network, addr)
		},
		TLSHandshakeTimeout:   cfg.TLSTimeout,
		ResponseHeaderTimeout: cfg.HeaderTimeout,
		ExpectContinueTimeout: time.Second,
		DisableCompression:    true,
		MaxIdleConns:          cfg.GlobalLimit * 4,
		MaxIdleConnsPerHost:   cfg.PerHostLimit,
		MaxConnsPerHost:       cfg.PerHostLimit * 2,
		IdleConnTimeout:       60 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	c := &Client{
		limits:   newHostLimiter(cfg.PerHostLimit, cfg.GlobalLimit),
		ua:       cfg.userAgent(),
		maxBody:  cfg.MaxBodyBytes,
		total:    cfg.RequestTimeout,
		maxRedir: cfg.MaxRedirects,
	}
	c.http = &http.Client{Transport: tr, CheckRedirect: c.checkRedirect}
	return c
}

func hostPort(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	if u.Scheme == "https" {
		return net.JoinHostPort(u.Hostname(), "443")
	}
	return net.JoinHostPort(u.Hostname(), "80")
}

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	tr, _ := req.Context().Value(traceKey{}).(*redirectTrace)
	if tr == nil {
		return nil
	}
	tr.hops++
	if tr.hops > c.maxRedir {
		return fmt.Errorf("%w: more than %d", ErrTooManyRedirects, c.maxRedir)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
	}
	u := req.URL.String()
	if tr.visited[u] {
		return fmt.Errorf("%w: back to %s", ErrRedirectLoop, u)
	}
	tr.visited[u] = true
	if req.Response != nil && req.Response.StatusCode != http.StatusMovedPermanently &&
		req.Response.StatusCode != http.StatusPermanentRedirect {
		tr.permanent = false
	}
	// Headers set on the first request (User-Agent, validators) are copied
	// by net/http; validators for another URL would be wrong, so drop them.
	req.Header.Del("If-None-Match")
	req.Header.Del("If-Modified-Since")
	return nil
}

// Get performs a conditional GET of r.URL under the per-host and global
// limits. It returns a Response for 2xx and 304, a *StatusError for other
// statuses, and wraps ErrBodyTooLarge, ErrTooManyRedirects, ErrRedirectLoop
// or ErrPrivateNetwork for those failures. The whole exchange, including
// reading the body, is bounded by Config.RequestTimeout.
func (c *Client) Get(ctx context.Context, r Request) (*Response, error) {
	u, err := url.Parse(r.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("fetch %q: not an http(s) url", r.URL)
	}
	release, err := c.limits.acquire(ctx, strings.ToLower(u.Hostname()))
	if err != nil {
		return nil, fmt.Errorf("fetch %s: wait for host slot: %w", r.URL, err)
	}
	defer release()

	ctx, cancel := context.WithTimeout(ctx, c.total)
	defer cancel()
	tr := &redirectTrace{visited: map[string]bool{u.String(): true}, permanent: true}
	ctx = context.WithValue(ctx, traceKey{}, tr)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, r.URL, nil)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", r.URL, err)
	}
	req.Header.Set("User-Agent", c.ua)
	req.Header.Set("Accept-Encoding", acceptEncoding)
	accept := r.Accept
	if accept == "" {
		accept = "application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
	}
	req.Header.Set("Accept", accept)
	if r.ETag != "" {
		req.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		req.Header.Set("If-Modified-Since", r.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", r.URL, unwrapURLError(err))
	}
	defer resp.Body.Close()

	out := &Response{
		URL:          resp.Request.URL.String(),
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		MaxAge:       maxAge(resp.Header.Get("Cache-Control")),
	}
	if tr.hops > 0 && tr.permanent {
		out.PermanentURL = out.URL
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		out.NotModified = true
		return out, nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, fmt.Errorf("fetch %s: %w", r.URL, &StatusError{
			Code:       resp.StatusCode,
			RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now()),
		})
	}
	body, err := readBody(resp.Body, resp.Header.Get("Content-Encoding"), c.maxBody)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", r.URL, err)
	}
	out.Body = body
	return out, nil
}

// unwrapURLError drops the *url.Error layer, whose message repeats the
// method and URL we already put in ours.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// retryAfter parses a Retry-After value: delay seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > int64(365*24*3600) {
			n = 365 * 24 * 3600
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// maxAge returns s-maxage or max-age of a Cache-Control header.
func maxAge(cc string) time.Duration {
	var best time.Duration
	for _, d := range strings.Split(cc, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(d), "=")
		if !ok {
			continue
		}
		k = strings.ToLower(k)
		if k != "max-age" && k != "s-maxage" {
			continue
		}
		n, err := strconv.ParseInt(strings.Trim(v, `"`), 10, 64)
		if err != nil || n <= 0 || n > 365*24*3600 {
			continue
		}
		if dd := time.Duration(n) * time.Second; dd > best {
			best = dd
		}
	}
	return best
}
