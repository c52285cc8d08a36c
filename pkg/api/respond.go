package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strings"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/store"
)

// errorBody is the JSON shape of every error answer.
type errorBody struct {
	Error string `json:"error"`
}

// httpError is an error with the status code and the message the client
// may see. Handlers return it for problems the client caused.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return e.msg }

// badRequest, notFound … build client-facing errors.
func badRequest(msg string) error { return &httpError{status: http.StatusBadRequest, msg: msg} }
func notFound(msg string) error   { return &httpError{status: http.StatusNotFound, msg: msg} }

// errNotConfigured answers endpoints whose backend was not wired in.
var errNotConfigured = &httpError{status: http.StatusNotImplemented, msg: "not configured on this server"}

// writeJSON encodes v, tags it with an ETag and honours If-None-Match.
func (s *server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true) // a <script> title stays inert even if served as HTML by a proxy
	if err := enc.Encode(v); err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeBody(w, r, status, "application/json; charset=utf-8", buf.Bytes())
}

// writeBody sends body with an ETag. GET and HEAD requests whose
// If-None-Match matches get 304 Not Modified instead.
func (s *server) writeBody(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	if status == http.StatusOK && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
		tag := etag(body)
		h.Set("ETag", tag)
		// Cached copies must be revalidated: the read model changes with every
		// batch the store commits.
		h.Set("Cache-Control", "no-cache")
		if etagMatch(r.Header.Get("If-None-Match"), tag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.WriteHeader(status)
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body) // the client went away; nothing left to tell it
}

// etag is a strong validator over the exact bytes sent.
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
}

// etagMatch implements the weak comparison of RFC 9110 §13.1.2 that
// If-None-Match uses: "*" matches anything, W/ prefixes are ignored.
func etagMatch(header, tag string) bool {
	if header == "" {
		return false
	}
	for part := range strings.SplitSeq(header, ",") {
		part = strings.TrimSpace(part)
		if part == "*" {
			return true
		}
		if strings.TrimPrefix(part, "W/") == tag {
			return true
		}
	}
	return false
}

// writeError sends {"error": msg}.
func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(errorBody{Error: msg})
}

// fail answers err: a client error with its own message, anything else
// as 500 (or 503 when the backend timed out) with a generic message, so no
// SQL or driver detail reaches the client. Server-side errors are logged.
func (s *server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var he *httpError
	if errors.As(err, &he) {
		writeError(w, he.status, he.msg)
		return
	}
	switch {
	case errors.Is(err, store.ErrNotFound), errors.Is(err, os.ErrNotExist):
		writeError(w, http.StatusNotFound, "not found")
		return
	case errors.Is(err, store.ErrBadCursor):
		writeError(w, http.StatusBadRequest, "invalid cursor")
		return
	case errors.Is(err, os.ErrInvalid):
		// Only Feeds.AddFeed wraps os.ErrInvalid, to explain why a URL was
		// refused; its message is about the client's own input.
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		writeError(w, http.StatusRequestEntityTooLarge, "request body too large")
		return
	}
	if r.Context().Err() != nil {
		// The client left or the request deadline passed; there is nobody to
		// answer and nothing wrong with the server.
		s.log.Debug("request canceled", zap.String("path", r.URL.Path), zap.Error(err))
		writeError(w, http.StatusServiceUnavailable, "request canceled or timed out")
		return
	}
	s.log.Error("request failed", zap.String("method", r.Method), zap.String("path", r.URL.Path), zap.Error(err))
	s.metrics.backendErrors.Inc()
	writeError(w, http.StatusInternalServerError, "internal error")
}
