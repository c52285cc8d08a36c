package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/alert"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// The JSON answers reuse pkg/store's page types, so the API, the command
// line (--json) and the store speak one shape: {"stories": [...], "next":
// "cursor"}. Lists are never null, so clients can iterate without checks.

func (s *server) listStories(w http.ResponseWriter, r *http.Request) error {
	p, err := parsePage(r.URL.Query())
	if err != nil {
		return err
	}
	res, err := s.opts.Store.ListStories(r.Context(), p.Cursor, p.Limit)
	if err != nil {
		return fmt.Errorf("list stories: %w", err)
	}
	res.Stories = orEmpty(res.Stories)
	s.writeJSON(w, r, http.StatusOK, res)
	return nil
}

func (s *server) getStory(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r.PathValue("id"))
	if err != nil {
		return err
	}
	st, err := s.opts.Store.GetStory(r.Context(), id)
	if err != nil {
		return fmt.Errorf("get story %q: %w", id, err)
	}
	st.Articles = orEmpty(st.Articles)
	st.Claims = orEmpty(st.Claims)
	st.Conflicts = orEmpty(st.Conflicts)
	s.writeJSON(w, r, http.StatusOK, st)
	return nil
}

// claimFilter reads the claim filters shared by the API and the dashboard.
func (s *server) claimFilter(q url.Values) (store.ClaimFilter, error) {
	var f store.ClaimFilter
	var err error
	if f.Q, err = textParam(q, "q"); err != nil {
		return f, err
	}
	if f.Speaker, err = textParam(q, "speaker"); err != nil {
		return f, err
	}
	if f.Entity, err = textParam(q, "entity"); err != nil {
		return f, err
	}
	if f.StoryID, err = textParam(q, "story"); err != nil {
		return f, err
	}
	if f.Kind, err = kindParam(q); err != nil {
		return f, err
	}
	if f.Since, err = sinceParam(q, s.now()); err != nil {
		return f, err
	}
	return f, nil
}

// searchClaims runs the claim query of a request's parameters, for the
// JSON list and the dashboard's search page alike.
func (s *server) searchClaims(r *http.Request) (store.ClaimFilter, store.ClaimPage, error) {
	q := r.URL.Query()
	f, err := s.claimFilter(q)
	if err != nil {
		return f, store.ClaimPage{}, err
	}
	p, err := parsePage(q)
	if err != nil {
		return f, store.ClaimPage{}, err
	}
	res, err := s.opts.Store.ListClaims(r.Context(), f, p.Cursor, p.Limit)
	if err != nil {
		return f, res, fmt.Errorf("list claims: %w", err)
	}
	return f, res, nil
}

func (s *server) listClaims(w http.ResponseWriter, r *http.Request) error {
	_, res, err := s.searchClaims(r)
	if err != nil {
		return err
	}
	res.Claims = orEmpty(res.Claims)
	s.writeJSON(w, r, http.StatusOK, res)
	return nil
}

func (s *server) getClaim(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r.PathValue("id"))
	if err != nil {
		return err
	}
	c, err := s.opts.Store.GetClaim(r.Context(), id)
	if err != nil {
		return fmt.Errorf("get claim %q: %w", id, err)
	}
	c.Articles = orEmpty(c.Articles)
	c.Conflicts = orEmpty(c.Conflicts)
	s.writeJSON(w, r, http.StatusOK, c)
	return nil
}

func (s *server) listConflicts(w http.ResponseWriter, r *http.Request) error {
	p, err := parsePage(r.URL.Query())
	if err != nil {
		return err
	}
	res, err := s.opts.Store.ListConflicts(r.Context(), p.Cursor, p.Limit)
	if err != nil {
		return fmt.Errorf("list conflicts: %w", err)
	}
	res.Conflicts = orEmpty(res.Conflicts)
	s.writeJSON(w, r, http.StatusOK, res)
	return nil
}

func (s *server) getArticle(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r.PathValue("id"))
	if err != nil {
		return err
	}
	a, err := s.opts.Store.GetArticle(r.Context(), id)
	if err != nil {
		return fmt.Errorf("get article %q: %w", id, err)
	}
	a.Claims = orEmpty(a.Claims)
	s.writeJSON(w, r, http.StatusOK, a)
	return nil
}

// alertList is the answer of GET /api/v1/alerts: a page of alerts and,
// when an alerter is wired in, its rules.
type alertList struct {
	store.AlertPage
	Rules []alert.RuleInfo `json:"rules,omitempty"`
}

// alertPage reads alerts from the alerter when one is wired in (it has no
// cursor: one page of up to limit), else from the store.
func (s *server) alertPage(r *http.Request) (alertList, error) {
	p, err := parsePage(r.URL.Query())
	if err != nil {
		return alertList{}, err
	}
	if s.opts.Alerts != nil {
		if p.Cursor != "" {
			return alertList{}, badRequest("invalid cursor")
		}
		recs, err := s.opts.Alerts.Alerts(r.Context(), p.Limit)
		if err != nil {
			return alertList{}, fmt.Errorf("list alerts: %w", err)
		}
		return alertList{AlertPage: store.AlertPage{Alerts: orEmpty(recs)}, Rules: s.opts.Alerts.Rules()}, nil
	}
	res, err := s.opts.Store.ListAlerts(r.Context(), p.Cursor, p.Limit)
	if err != nil {
		return alertList{}, fmt.Errorf("list alerts: %w", err)
	}
	res.Alerts = orEmpty(res.Alerts)
	return alertList{AlertPage: res}, nil
}

func (s *server) listAlerts(w http.ResponseWriter, r *http.Request) error {
	res, err := s.alertPage(r)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, res)
	return nil
}

// feedList is the answer of GET /api/v1/feeds.
type feedList struct {
	Feeds []model.FeedStatus `json:"feeds"`
}

// feeds merges the fetcher's view (health) with the store's (article
// counts). Without a fetcher, the store's feeds are listed with unknown
// health.
func (s *server) feeds(r *http.Request) ([]model.FeedStatus, error) {
	stored, err := s.opts.Store.ListFeeds(r.Context())
	if err != nil {
		return nil, fmt.Errorf("list stored feeds: %w", err)
	}
	if s.opts.Feeds == nil {
		return orEmpty(stored), nil
	}
	live, err := s.opts.Feeds.Feeds(r.Context())
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	counts := make(map[string]int64, len(stored))
	for _, f := range stored {
		counts[f.URL] = f.Articles
	}
	for i := range live {
		if n, ok := counts[live[i].URL]; ok && n > live[i].Articles {
			live[i].Articles = n
		}
	}
	return orEmpty(live), nil
}

func (s *server) listFeeds(w http.ResponseWriter, r *http.Request) error {
	fs, err := s.feeds(r)
	if err != nil {
		return err
	}
	s.writeJSON(w, r, http.StatusOK, feedList{Feeds: fs})
	return nil
}

// addFeedRequest is the body of POST /api/v1/feeds.
type addFeedRequest struct {
	URL string `json:"url"`
}

// maxFeedURL bounds a feed URL; real ones are far shorter.
const maxFeedURL = 2048

func (s *server) addFeed(w http.ResponseWriter, r *http.Request) error {
	if s.opts.Feeds == nil {
		return errNotConfigured
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
			return &httpError{status: http.StatusUnsupportedMediaType, msg: "body must be application/json"}
		}
	}
	var req addFeedRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return err
		}
		return badRequest("body must be a JSON object {\"url\": \"...\"}")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return badRequest("body must hold exactly one JSON object")
	}
	u, err := checkFeedURL(req.URL)
	if err != nil {
		return err
	}
	st, err := s.opts.Feeds.AddFeed(r.Context(), u)
	if err != nil {
		return fmt.Errorf("add feed %q: %w", u, err)
	}
	s.writeJSON(w, r, http.StatusCreated, st)
	return nil
}

// checkFeedURL accepts absolute http and https URLs without credentials.
func checkFeedURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" || len(raw) > maxFeedURL {
		return "", badRequest(fmt.Sprintf("url must be 1 to %d bytes", maxFeedURL))
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", badRequest("url must be an absolute http or https URL")
	}
	if u.User != nil {
		return "", badRequest("url must not carry credentials")
	}
	return u.String(), nil
}

func (s *server) removeFeed(w http.ResponseWriter, r *http.Request) error {
	if s.opts.Feeds == nil {
		return errNotConfigured
	}
	id, err := idParam(r.PathValue("id"))
	if err != nil {
		return err
	}
	if err := s.opts.Feeds.RemoveFeed(r.Context(), id); err != nil {
		return fmt.Errorf("remove feed %q: %w", id, err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	s.writeBody(w, r, http.StatusOK, "text/plain; charset=utf-8", []byte("ok\n"))
}

// readyTimeout bounds the readiness check: a probe that hangs is worse
// than one that fails.
const readyTimeout = 5 * time.Second

func (s *server) readyz(w http.ResponseWriter, r *http.Request) {
	if s.opts.Ready != nil {
		ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
		defer cancel()
		if err := s.opts.Ready(ctx); err != nil {
			// The reason goes to the log: a probe only needs the status.
			s.log.Warn("not ready", zap.Error(err))
			writeError(w, http.StatusServiceUnavailable, "not ready")
			return
		}
	}
	s.writeBody(w, r, http.StatusOK, "text/plain; charset=utf-8", []byte("ready\n"))
}

// orEmpty turns a nil slice into an empty one so JSON shows [] not null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
