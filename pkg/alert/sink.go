package alert

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// Sink delivers alert messages to one receiver.
type Sink interface {
	// Send delivers m. A nil error means the receiver accepted it. An error
	// for which bus.IsPermanent is true means no retry can succeed (the
	// alert is dead-lettered); any other error is retried with backoff, not
	// sooner than RetryAfter(err). Send must honour ctx's deadline and be
	// safe for concurrent use.
	Send(ctx context.Context, m *Message) error
}

// Message is what one Send delivers: one alert, or several batched as a
// digest.
type Message struct {
	// Key is the Idempotency-Key: the alert's ID, or for a digest a hash of
	// its items' IDs.
	Key    string
	Alerts []Payload
}

// Body returns the JSON body of m: a Payload for one alert, else a Digest.
func (m *Message) Body() ([]byte, error) {
	var v any
	if len(m.Alerts) == 1 {
		v = m.Alerts[0]
	} else {
		v = Digest{V: model.Version, ID: m.Key, Trigger: TriggerDigest, Summary: m.Summary(), Alerts: m.Alerts}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode alert: %w", err)
	}
	return b, nil
}

// Summary is a one-line text for m.
func (m *Message) Summary() string {
	if len(m.Alerts) == 1 {
		return m.Alerts[0].Summary
	}
	return fmt.Sprintf("%d claimwatch alerts", len(m.Alerts))
}

// retryAfterError carries a receiver's Retry-After.
type retryAfterError struct {
	err   error
	after time.Duration
}

func (e *retryAfterError) Error() string { return e.err.Error() }
func (e *retryAfterError) Unwrap() error { return e.err }

// RetryAfter returns the wait a receiver asked for in err, or 0.
func RetryAfter(err error) time.Duration {
	var ra *retryAfterError
	if errors.As(err, &ra) {
		return ra.after
	}
	return 0
}

// statusError classifies an HTTP response: 408, 425, 429 and 5xx are
// retried (honouring Retry-After), other non-2xx statuses are permanent.
func statusError(resp *http.Response, body string) error {
	err := fmt.Errorf("receiver answered %s: %s", resp.Status, clip(body, 200))
	switch c := resp.StatusCode; {
	case c == http.StatusRequestTimeout, c == http.StatusTooEarly, c == http.StatusTooManyRequests, c >= 500:
		return &retryAfterError{err: err, after: parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())}
	}
	return bus.Permanent(err)
}

func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	var secs int
	if _, err := fmt.Sscanf(v, "%d", &secs); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("url: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("url %q must be an absolute http or https URL", raw)
	}
	return nil
}

// sinkDeps are what sinks need beyond their configuration.
type sinkDeps struct {
	client *http.Client
	pub    bus.Publisher
	log    *zap.Logger
}

// newSink builds the sink a validated SinkConfig describes.
func newSink(cfg SinkConfig, d sinkDeps) (Sink, error) {
	switch cfg.Type {
	case SinkWebhook:
		secret := cfg.Secret
		if cfg.SecretEnv != "" {
			secret = os.Getenv(cfg.SecretEnv)
		}
		return &Webhook{URL: cfg.URL, Secret: []byte(secret), Headers: cfg.Headers, Client: d.client}, nil
	case SinkSlack:
		return &Slack{URL: cfg.URL, Client: d.client}, nil
	case SinkNATS:
		if d.pub == nil {
			return nil, fmt.Errorf("sink %q: nats sink needs a publisher", cfg.Name)
		}
		return &NATS{Pub: d.pub}, nil
	case SinkLog:
		return &Log{Logger: d.log.Named("sink").With(zap.String("sink", cfg.Name))}, nil
	case SinkEmail:
		return &Email{Addr: cfg.SMTP, From: cfg.From, To: cfg.To, Username: cfg.Username,
			Password: os.Getenv(cfg.PasswordEnv)}, nil
	}
	return nil, fmt.Errorf("sink %q: unknown type %q", cfg.Name, cfg.Type)
}

// target describes where a sink sends, without secrets, for RuleInfo.
func target(cfg SinkConfig) string {
	switch cfg.Type {
	case SinkWebhook, SinkSlack:
		if u, err := url.Parse(cfg.URL); err == nil {
			// Slack webhook paths are credentials: show the host only.
			return u.Scheme + "://" + u.Host
		}
	case SinkNATS:
		return bus.SubjectAlertsPrefix + "<rule>"
	case SinkEmail:
		return strings.Join(cfg.To, ", ")
	}
	return cfg.Type
}
