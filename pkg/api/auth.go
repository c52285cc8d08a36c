package api

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
)

// credential extracts the token a client sent: "Authorization: Bearer T",
// or HTTP Basic with T as the password (any user name), which is what a
// browser can send for the dashboard and its event stream. ok is false
// when the request carries no credential at all.
func credential(r *http.Request) (token string, ok bool) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return "", false
	}
	if scheme, rest, found := strings.Cut(h, " "); found && strings.EqualFold(scheme, "Bearer") {
		return strings.TrimSpace(rest), true
	}
	if _, pass, found := r.BasicAuth(); found {
		return pass, true
	}
	// A malformed header counts as a credential that matches nothing, so the
	// client learns it was rejected (403) rather than missing (401).
	return "", true
}

// tokenEqual compares in constant time; hashing first hides the length.
func tokenEqual(got, want string) bool {
	g := sha256.Sum256([]byte(got))
	w := sha256.Sum256([]byte(want))
	return subtle.ConstantTimeCompare(g[:], w[:]) == 1
}

// requireToken guards next: 401 without a credential, 403 with a wrong one.
// accept lists the tokens that pass; an empty list means the endpoint is
// disabled (every request gets 403), which is how write endpoints behave
// when no token was configured. browser makes the 401 ask for Basic auth,
// so a person opening the dashboard gets the browser's login prompt.
func requireToken(accept []string, browser bool, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(accept) == 0 {
			writeError(w, http.StatusForbidden, "access is disabled: the server has no token configured for it")
			return
		}
		tok, ok := credential(r)
		if !ok {
			if browser {
				w.Header().Set("WWW-Authenticate", `Basic realm="claimwatch", charset="UTF-8"`)
			} else {
				w.Header().Set("WWW-Authenticate", `Bearer realm="claimwatch"`)
			}
			writeError(w, http.StatusUnauthorized, "authentication required: send Authorization: Bearer <token>")
			return
		}
		matched := false
		for _, want := range accept {
			// No early exit, so the time taken does not tell which token matched.
			if want != "" && tokenEqual(tok, want) {
				matched = true
			}
		}
		if !matched {
			writeError(w, http.StatusForbidden, "invalid token")
			return
		}
		next.ServeHTTP(w, r)
	})
}
