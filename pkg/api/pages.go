package api

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds one template set per dashboard page, each the layout plus
// the page's "content" block. html/template escapes every value by its
// context, which is what keeps a hostile feed's markup inert.
type pages struct {
	byName map[string]*template.Template
}

var pageNames = []string{"home", "story", "claims", "feeds", "alerts", "error"}

func mustParsePages() *pages {
	p, err := parsePages()
	if err != nil {
		panic(err) // embedded templates: a parse error is a build defect
	}
	return p
}

func parsePages() (*pages, error) {
	layout, err := template.New("layout.html").Funcs(templateFuncs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	p := &pages{byName: make(map[string]*template.Template, len(pageNames))}
	for _, name := range pageNames {
		t, err := layout.Clone()
		if err != nil {
			return nil, fmt.Errorf("clone layout: %w", err)
		}
		if _, err := t.ParseFS(templateFS, "templates/"+name+".html"); err != nil {
			return nil, fmt.Errorf("parse page %s: %w", name, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// pageData is what every page template receives.
type pageData struct {
	Title string
	Nav   string // which menu entry is current
	// LiveStory, when set, limits the live panel to that story's events.
	LiveStory string
	Data      any
}

// render executes a page into a buffer first, so a template error becomes
// a clean 500 rather than half a page, and the ETag covers the whole body.
func (s *server) render(w http.ResponseWriter, r *http.Request, status int, name string, d pageData) error {
	t, ok := s.pages.byName[name]
	if !ok {
		return fmt.Errorf("no page template %q", name)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout.html", d); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	s.writeBody(w, r, status, "text/html; charset=utf-8", buf.Bytes())
	return nil
}

// handlePage adapts a dashboard handler: errors become an HTML page with
// the same status the JSON API would use.
func (s *server) handlePage(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		err := h(w, r)
		if err == nil {
			return
		}
		rec := &errorCapture{header: http.Header{}}
		s.fail(rec, r, err)
		msg := "Something went wrong on our side."
		var he *httpError
		switch {
		case errors.As(err, &he):
			msg = he.msg
		case rec.status == http.StatusNotFound:
			msg = "Nothing here."
		case rec.status == http.StatusBadRequest:
			msg = "That request could not be understood."
		}
		if rerr := s.render(w, r, rec.status, "error", pageData{Title: http.StatusText(rec.status), Data: msg}); rerr != nil {
			writeError(w, http.StatusInternalServerError, "internal error")
		}
	})
}

// errorCapture lets handlePage reuse fail's classification (and logging)
// without sending its JSON.
type errorCapture struct {
	header http.Header
	status int
}

func (e *errorCapture) Header() http.Header         { return e.header }
func (e *errorCapture) Write(b []byte) (int, error) { return len(b), nil }
func (e *errorCapture) WriteHeader(code int)        { e.status = code }

// staticHandler serves the embedded CSS and script. They change only with
// a new build, so a day of caching is safe; the ETag-less FileServer
// still answers If-Modified-Since.
func staticHandler() http.Handler {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the embed pattern guarantees the directory
	}
	files := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/") {
			http.NotFound(w, r) // no directory listings
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		files.ServeHTTP(w, r)
	})
}

var templateFuncs = template.FuncMap{
	"date":     fmtDate,
	"datetime": fmtDateTime,
	"ago":      fmtAgo,
	"host":     hostOf,
	"qty":      fmtQuantity,
	"number":   fmtNumber,
	"plural":   plural,
	"query":    queryWith,
	"outlet":   outletOf,
	"add1":     func(i int) int { return i + 1 },
	"join":     func(v []string) string { return strings.Join(v, ", ") },
}

func fmtDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2 Jan 2006")
}

func fmtDateTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.UTC().Format("2 Jan 2006 15:04 UTC")
}

// fmtAgo is relative to the wall clock; it is shown next to an absolute
// time in a title attribute, never alone.
func fmtAgo(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	d := time.Since(t)
	switch {
	case d < 0:
		return "in " + fmtSpan(-d)
	case d < time.Minute:
		return "just now"
	default:
		return fmtSpan(d) + " ago"
	}
}

func fmtSpan(d time.Duration) string {
	switch {
	case d < time.Hour:
		return plural(int(d/time.Minute), "minute")
	case d < 48*time.Hour:
		return plural(int(d/time.Hour), "hour")
	default:
		return plural(int(d/(24*time.Hour)), "day")
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmtNumber(float64(n)) + " " + word + "s"
}

// fmtNumber prints 12000 as "12,000" and keeps up to two decimals.
func fmtNumber(v float64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	whole := int64(v)
	frac := v - float64(whole)
	s := fmt.Sprintf("%d", whole)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if frac >= 0.005 {
		out += strings.TrimRight(strings.TrimPrefix(fmt.Sprintf("%.2f", frac), "0"), "0")
	}
	if neg {
		out = "-" + out
	}
	return out
}

// fmtQuantity prints "nearly 12,000 troops".
func fmtQuantity(q *model.Quantity) string {
	if q == nil {
		return ""
	}
	parts := make([]string, 0, 3)
	if q.Hedge != "" {
		parts = append(parts, q.Hedge)
	}
	parts = append(parts, fmtNumber(q.Value))
	if q.Unit != "" {
		parts = append(parts, q.Unit)
	}
	return strings.Join(parts, " ")
}

// hostOf names an outlet by its host, "www." dropped.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return raw
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// queryWith builds a claims-search URL query; template escaping then makes
// it safe inside href.
func queryWith(kv ...string) string {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			v.Set(kv[i], kv[i+1])
		}
	}
	return v.Encode()
}

// outletOf names where an article came from: the feed's own title reads
// best ("Korea Times"), the store's outlet (a host) is the fallback.
func outletOf(a store.ArticleSummary) string {
	switch {
	case a.FeedTitle != "":
		return a.FeedTitle
	case a.Outlet != "":
		return a.Outlet
	default:
		return hostOf(a.URL)
	}
}
