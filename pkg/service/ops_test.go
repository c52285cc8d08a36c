package service

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

func TestOpsProbes(t *testing.T) {
	reg := prometheus.NewRegistry()
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: "claimwatch_test_total", Help: "test"})
	reg.MustRegister(c)
	c.Inc()
	dbDown := errors.New("database unreachable")
	var dbErr error
	h := OpsHandler(reg, map[string]ReadyFunc{"database": func(context.Context) error { return dbErr }})
	get := func(path string) (int, string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec.Code, rec.Body.String()
	}
	if code, _ := get("/healthz"); code != http.StatusOK {
		t.Errorf("/healthz = %d", code)
	}
	if code, _ := get("/readyz"); code != http.StatusOK {
		t.Errorf("/readyz with a healthy database = %d", code)
	}
	dbErr = dbDown
	code, body := get("/readyz")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "database unreachable") {
		t.Errorf("/readyz with the database down = %d %s", code, body)
	}
	if code, body := get("/metrics"); code != http.StatusOK || !strings.Contains(body, "claimwatch_test_total 1") {
		t.Errorf("/metrics = %d, body lacks the counter", code)
	}
}

func TestRedactURLsHidesPasswords(t *testing.T) {
	got := redactURLs([]string{"nats://user:s3cret@n1:4222", "nats://n2:4222"})
	if strings.Contains(got[0], "s3cret") || !strings.Contains(got[0], "user") || got[1] != "nats://n2:4222" {
		t.Errorf("redactURLs = %q", got)
	}
}
