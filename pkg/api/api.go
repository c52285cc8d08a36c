package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/alert"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// Store is the read side of pkg/store that the API uses; *store.SQLite and
// *store.Postgres satisfy it. Get methods return an error wrapping
// store.ErrNotFound for unknown ids, List methods one wrapping
// store.ErrBadCursor for a cursor they did not produce. It must be safe for
// concurrent use.
type Store interface {
	ListStories(ctx context.Context, cursor string, limit int) (store.StoryPage, error)
	GetStory(ctx context.Context, id string) (*store.Story, error)
	ListClaims(ctx context.Context, f store.ClaimFilter, cursor string, limit int) (store.ClaimPage, error)
	GetClaim(ctx context.Context, id string) (*store.ClaimDetail, error)
	ListConflicts(ctx context.Context, cursor string, limit int) (store.ConflictPage, error)
	GetArticle(ctx context.Context, id string) (*store.Article, error)
	ListFeeds(ctx context.Context) ([]model.FeedStatus, error)
	ListAlerts(ctx context.Context, cursor string, limit int) (store.AlertPage, error)
}

// Feeds manages the polled feeds (pkg/feed). It must be safe for
// concurrent use.
type Feeds interface {
	// Feeds lists every configured feed with its fetch health.
	Feeds(ctx context.Context) ([]model.FeedStatus, error)
	// AddFeed starts polling url (already checked to be an absolute http or
	// https URL). A URL the implementation refuses is an error wrapping
	// os.ErrInvalid, answered 400 with the error's message; adding a known
	// URL returns its status.
	AddFeed(ctx context.Context, url string) (model.FeedStatus, error)
	// RemoveFeed stops polling the feed with that id. An unknown id is an
	// error wrapping os.ErrNotExist (answered 404).
	RemoveFeed(ctx context.Context, id string) error
}

// Alerts is the alerter's view (*alert.Alerter): its alerts and its rules.
// When nil, the API lists the alerts the store recorded and no rules. It
// must be safe for concurrent use.
type Alerts interface {
	// Alerts returns up to limit alerts, newest first.
	Alerts(ctx context.Context, limit int) ([]model.AlertRecord, error)
	// Rules describes the configured rules, without secrets.
	Rules() []alert.RuleInfo
}

// Options configure New. Only Store is required.
type Options struct {
	Store  Store
	Feeds  Feeds  // nil: /api/v1/feeds lists what the store knows, POST/DELETE answer 501
	Alerts Alerts // nil: alerts come from Store.ListAlerts
	Events EventSource

	// Token is the bearer token the write endpoints need. Empty disables
	// them (403).
	Token string
	// RequireReadAuth makes every read endpoint and the dashboard need a
	// token too: ReadToken, or Token. /healthz, /readyz and /metrics stay
	// open for probes and scrapers.
	RequireReadAuth bool
	ReadToken       string

	// CORSOrigins lists the origins allowed to call the API from a browser
	// ("*" for any). Empty: no CORS headers.
	CORSOrigins []string

	// Ready is called by /readyz; nil means always ready.
	Ready func(ctx context.Context) error

	Logger *zap.Logger
	// Gatherer serves /metrics; nil answers 404 there.
	Gatherer prometheus.Gatherer
	// Registerer receives the API's own request metrics; may be nil.
	Registerer prometheus.Registerer

	// MaxBodyBytes bounds request bodies (default 64 KiB).
	MaxBodyBytes int64
	// MaxEventClients bounds concurrent live-event streams (default 256).
	MaxEventClients int
	// RequestTimeout bounds every non-streaming request (default 15s).
	RequestTimeout time.Duration

	// now is replaced by tests.
	now func() time.Time
}

// server holds the dependencies every handler needs.
type server struct {
	opts    Options
	log     *zap.Logger
	metrics *metrics
	pages   *pages
	sse     *sseLimiter
	now     func() time.Time
}

// New returns the handler serving the API, the dashboard and the probes.
// It panics only when opts.Store is nil or the embedded templates do not
// parse, both programming errors caught by the first test run.
func New(opts Options) http.Handler {
	if opts.Store == nil {
		panic("api.New: Options.Store is nil")
	}
	if opts.Logger == nil {
		opts.Logger = zap.NewNop()
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 64 << 10
	}
	if opts.MaxEventClients <= 0 {
		opts.MaxEventClients = 256
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = 15 * time.Second
	}
	if opts.now == nil {
		opts.now = time.Now
	}
	s := &server{
		opts:    opts,
		log:     opts.Logger,
		metrics: newMetrics(opts.Registerer),
		pages:   mustParsePages(),
		sse:     newSSELimiter(opts.MaxEventClients),
		now:     opts.now,
	}
	return s.routes()
}

// routes builds the mux. Read routes are wrapped by s.read, which adds the
// optional read auth and the request timeout; write routes by s.write.
func (s *server) routes() http.Handler {
	mux := http.NewServeMux()

	// Probes and metrics: never behind read auth, so orchestrators and
	// scrapers need no secret.
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	if s.opts.Gatherer != nil {
		mux.Handle("GET /metrics", promhttp.HandlerFor(s.opts.Gatherer, promhttp.HandlerOpts{
			ErrorHandling: promhttp.ContinueOnError, Timeout: 10 * time.Second,
		}))
	}

	api := func(pattern string, h func(http.ResponseWriter, *http.Request) error) {
		mux.Handle(pattern, s.read(false, s.timeout(s.handle(h))))
	}
	api("GET /api/v1/stories", s.listStories)
	api("GET /api/v1/stories/{id}", s.getStory)
	api("GET /api/v1/claims", s.listClaims)
	api("GET /api/v1/claims/{id}", s.getClaim)
	api("GET /api/v1/conflicts", s.listConflicts)
	api("GET /api/v1/articles/{id}", s.getArticle)
	api("GET /api/v1/alerts", s.listAlerts)
	api("GET /api/v1/feeds", s.listFeeds)
	mux.Handle("POST /api/v1/feeds", s.write(s.timeout(s.limitBody(s.handle(s.addFeed)))))
	mux.Handle("DELETE /api/v1/feeds/{id}", s.write(s.timeout(s.handle(s.removeFeed))))
	// The event stream lives for minutes: no request timeout.
	mux.Handle("GET /api/v1/events", s.read(true, http.HandlerFunc(s.events)))

	page := func(pattern string, h func(http.ResponseWriter, *http.Request) error) {
		mux.Handle(pattern, s.read(true, s.timeout(s.handlePage(h))))
	}
	page("GET /{$}", s.dashboardHome)
	page("GET /stories/{id}", s.dashboardStory)
	page("GET /claims", s.dashboardClaims)
	page("GET /feeds", s.dashboardFeeds)
	page("GET /alerts", s.dashboardAlerts)
	mux.Handle("GET /static/", s.read(true, staticHandler()))

	return s.observe(securityHeaders(cors(s.opts.CORSOrigins, s.fallback(mux))))
}

// fallback answers what no route matches in the API's own format (JSON
// under /api/, an HTML page elsewhere) instead of the mux's plain text,
// keeping the mux's status: 404, or 405 with its Allow header.
func (s *server) fallback(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r) // sets r.Pattern and the path values
			return
		}
		// The mux's own handler decides 404 or 405 and sets Allow; its
		// text body is discarded.
		probe := &errorCapture{header: w.Header()}
		h.ServeHTTP(probe, r)
		status := cmpOr(probe.status, http.StatusNotFound)
		msg := "not found"
		if status == http.StatusMethodNotAllowed {
			msg = "method not allowed"
		}
		if strings.HasPrefix(r.URL.Path, "/api/") || r.Method != http.MethodGet {
			writeError(w, status, msg)
			return
		}
		w.Header().Del("Content-Type")
		s.handlePage(func(http.ResponseWriter, *http.Request) error {
			return &httpError{status: status, msg: "Nothing here."}
		}).ServeHTTP(w, r)
	})
}

func cmpOr(v, fallback int) int {
	if v == 0 {
		return fallback
	}
	return v
}

// handle adapts a handler that returns an error.
func (s *server) handle(h func(http.ResponseWriter, *http.Request) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// timeout bounds the work of one request, so a slow query cannot pin a
// connection forever.
func (s *server) timeout(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.opts.RequestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// limitBody caps the request body; reading past the cap fails with
// *http.MaxBytesError, which fail answers 413. A declared Content-Length
// over the cap is refused before reading anything.
func (s *server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.opts.MaxBodyBytes {
			writeError(w, http.StatusRequestEntityTooLarge, "request body too large")
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

// read applies the optional read authentication.
func (s *server) read(browser bool, next http.Handler) http.Handler {
	if !s.opts.RequireReadAuth {
		return next
	}
	return requireToken(nonEmpty(s.opts.ReadToken, s.opts.Token), browser, next)
}

// write requires the write token.
func (s *server) write(next http.Handler) http.Handler {
	return requireToken(nonEmpty(s.opts.Token), false, next)
}

func nonEmpty(vals ...string) []string {
	var out []string
	for _, v := range vals {
		if v != "" {
			out = append(out, v)
		}
	}
	return out
}
