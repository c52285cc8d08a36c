package alert

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// Names of the sink and rule Config's quick path adds.
const (
	QuickSink = "webhook"
	QuickRule = "default"
)

// Config configures an Alerter.
type Config struct {
	// Rules is a parsed rules file (ParseRules or LoadRules); may be nil
	// when WebhookURL is set.
	Rules *RuleSet
	// WebhookURL and Secret are the quick path (--alert-webhook,
	// --alert-secret): a sink "webhook" and a rule "default" sending every
	// claim.new and claim.conflict alert to it.
	WebhookURL string
	Secret     string
	// Replica names this alerter in leases; default host-pid-random.
	Replica string
	// MaxAge is how long an alert is retried before it is dead-lettered
	// (default 24h).
	MaxAge time.Duration
	// InitialBackoff doubles on each failure up to MaxBackoff (defaults 1s
	// and 5m), with ±20 % jitter.
	InitialBackoff time.Duration
	MaxBackoff     time.Duration
	// LeaseGrace is how long, beyond one attempt's timeout, a replica owns
	// an alert it is sending (default 5s). A replica that dies holding a
	// lease delays that alert by at most timeout + LeaseGrace.
	LeaseGrace time.Duration
	// History is how many delivered and dead alerts Alerts can list
	// (default 1000).
	History int
	// HTTPClient sends webhook and Slack requests (default: a client with
	// no overall timeout; each attempt is bounded by its sink's timeout).
	HTTPClient *http.Client
}

// withDefaults returns cfg with zero fields defaulted and the quick path
// folded into the rule set.
func (cfg Config) withDefaults() (Config, error) {
	if cfg.MaxAge == 0 {
		cfg.MaxAge = 24 * time.Hour
	}
	if cfg.InitialBackoff == 0 {
		cfg.InitialBackoff = time.Second
	}
	if cfg.MaxBackoff == 0 {
		cfg.MaxBackoff = 5 * time.Minute
	}
	if cfg.LeaseGrace == 0 {
		cfg.LeaseGrace = 5 * time.Second
	}
	if cfg.History == 0 {
		cfg.History = 1000
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{}
	}
	if cfg.Replica == "" {
		host, _ := os.Hostname()
		var b [4]byte
		_, _ = rand.Read(b[:])
		cfg.Replica = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
	}
	rs := &RuleSet{}
	if cfg.Rules != nil {
		rs.Sinks = append(rs.Sinks, cfg.Rules.Sinks...)
		rs.Rules = append(rs.Rules, cfg.Rules.Rules...)
	}
	if cfg.WebhookURL != "" {
		rs.Sinks = append(rs.Sinks, SinkConfig{Name: QuickSink, Type: SinkWebhook, URL: cfg.WebhookURL, Secret: cfg.Secret})
		rs.Rules = append(rs.Rules, Rule{Name: QuickRule, Triggers: []string{model.EventClaimNew, model.EventClaimConflict}, Sinks: []string{QuickSink}})
	}
	cfg.Rules = rs
	return cfg, cfg.Validate()
}

// Validate reports configuration errors.
func (cfg Config) Validate() error {
	var errs []error
	if cfg.Rules == nil || len(cfg.Rules.Rules) == 0 {
		errs = append(errs, errors.New("alert: no rules: give a rules file or a webhook URL"))
	} else if err := cfg.Rules.Validate(); err != nil {
		errs = append(errs, err)
	}
	if cfg.MaxAge < 0 || cfg.InitialBackoff < 0 || cfg.MaxBackoff < 0 || cfg.LeaseGrace < 0 || cfg.History < 0 {
		errs = append(errs, errors.New("alert: durations and history must not be negative"))
	}
	if cfg.MaxBackoff > 0 && cfg.InitialBackoff > cfg.MaxBackoff {
		errs = append(errs, errors.New("alert: initial backoff exceeds max backoff"))
	}
	return errors.Join(errs...)
}
