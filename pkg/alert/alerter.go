package alert

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// Alerter matches events against rules and delivers the alerts. Handle is
// the bus.Handler for the alerter consumer; Run is the delivery loop. Both
// are needed: Handle only records alerts. It is safe for concurrent use.
type Alerter struct {
	cfg   Config
	rules []*rule
	sinks map[string]*sinkState
	order []string // sink names, in file order
	kv    jetstream.KeyValue
	pub   bus.Publisher
	log   *zap.Logger
	met   *metrics
	ix    *index
	now   func() time.Time
	// recording bounds and tracks the "delivered" writes in flight (see
	// recordDelivered); Run waits for them before it returns.
	recording sync.WaitGroup
	slots     chan struct{}
}

type rule struct {
	Rule
	m        matcher
	triggers map[string]bool
}

type sinkState struct {
	cfg  SinkConfig
	sink Sink
	lim  *limiter
}

// RuleInfo describes a rule for GET /api/v1/alerts.
type RuleInfo struct {
	Name     string     `json:"name"`
	Triggers []string   `json:"triggers"`
	Outlets  int        `json:"outlets,omitempty"`
	Match    Match      `json:"match"`
	Sinks    []SinkInfo `json:"sinks"`
}

// SinkInfo describes a sink without its secrets.
type SinkInfo struct {
	Name          string  `json:"name"`
	Type          string  `json:"type"`
	Target        string  `json:"target"`
	RatePerMinute float64 `json:"rate_per_minute,omitempty"`
	Digest        bool    `json:"digest,omitempty"`
}

// New builds an Alerter. kv is the delivery-mark bucket (bus.BucketAlerts),
// shared by all replicas; pub publishes NATS-sink alerts and dead letters
// (it may be nil only when no rule uses a nats sink, and then dead alerts
// are only recorded). log and reg may be nil.
func New(cfg Config, pub bus.Publisher, kv jetstream.KeyValue, log *zap.Logger, reg prometheus.Registerer) (*Alerter, error) {
	if kv == nil {
		return nil, errors.New("alert: nil key-value bucket")
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = zap.NewNop()
	}
	a := &Alerter{cfg: cfg, sinks: map[string]*sinkState{}, kv: kv, pub: pub, log: log, now: time.Now,
		slots: make(chan struct{}, maxRecording)}
	deps := sinkDeps{client: cfg.HTTPClient, pub: pub, log: log}
	for _, sc := range cfg.Rules.Sinks {
		s, err := newSink(sc, deps)
		if err != nil {
			return nil, fmt.Errorf("alert: %w", err)
		}
		a.sinks[sc.Name] = &sinkState{cfg: sc, sink: s, lim: newLimiter(sc.RatePerMinute, sc.Burst)}
		a.order = append(a.order, sc.Name)
	}
	for _, r := range cfg.Rules.Rules {
		cr := &rule{Rule: r, m: compileMatch(r.Match), triggers: map[string]bool{}}
		for _, t := range r.Triggers {
			cr.triggers[t] = true
		}
		a.rules = append(a.rules, cr)
	}
	a.ix = newIndex(cfg.History, a.order)
	a.met = newMetrics(reg, func() float64 { return float64(a.ix.pending()) })
	return a, nil
}

// Rules describes the configured rules.
func (a *Alerter) Rules() []RuleInfo { return describeRules(a.cfg.Rules) }

// describeRules lists rs for the API, naming each sink's target without
// its secrets.
func describeRules(rs *RuleSet) []RuleInfo {
	if rs == nil {
		return nil
	}
	sinks := map[string]SinkConfig{}
	for _, sc := range rs.Sinks {
		sinks[sc.Name] = sc
	}
	out := make([]RuleInfo, 0, len(rs.Rules))
	for _, r := range rs.Rules {
		ri := RuleInfo{Name: r.Name, Triggers: r.Triggers, Outlets: r.Outlets, Match: r.Match}
		for _, s := range r.Sinks {
			sc := sinks[s]
			ri.Sinks = append(ri.Sinks, SinkInfo{Name: s, Type: sc.Type, Target: target(sc), RatePerMinute: sc.RatePerMinute, Digest: sc.Digest})
		}
		out = append(out, ri)
	}
	return out
}

// Alerts lists up to limit alerts (all when limit <= 0), newest first:
// pending and failed ones and the latest delivered and dead ones, as this
// replica sees the shared bucket. It does no I/O; ctx is for API symmetry.
func (a *Alerter) Alerts(ctx context.Context, limit int) ([]model.AlertRecord, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return a.ix.records(limit), nil
}

// Handle is the bus.Handler for the alerter consumer. For each rule and
// sink the event matches it creates a pending delivery mark and returns:
// delivery happens in Run. An existing mark means the event was handled
// before (redelivery, or another replica), so nothing is created twice.
// Undecodable or malformed events are permanent errors; a KV failure is
// retried by the runner.
func (a *Alerter) Handle(ctx context.Context, msg *bus.Message) error {
	var ev model.Event
	if err := model.Decode(msg.Data, &ev); err != nil {
		return err
	}
	if err := checkEvent(&ev); err != nil {
		return bus.Permanent(err)
	}
	now := a.now()
	for _, r := range a.matching(&ev) {
		p := newPayload(r.Name, &ev)
		for _, s := range r.Sinks {
			if err := a.record(ctx, r, s, &p, &ev, msg.StreamSeq, now); err != nil {
				return err
			}
		}
	}
	return nil
}

func (a *Alerter) record(ctx context.Context, r *rule, sink string, p *Payload, ev *model.Event, seq uint64, now time.Time) error {
	m := &mark{
		ID: p.ID, Rule: r.Name, Sink: sink, Trigger: ev.Type, EventKey: ev.Key, Summary: p.Summary,
		Seq: seq, State: model.AlertPending, Created: now, EventTime: ev.Time,
		Owner: a.cfg.Replica, LeaseUntil: now.Add(a.lease(sink)), Payload: p,
	}
	data, err := encodeMark(m)
	if err != nil {
		return bus.Permanent(err)
	}
	key := markKey(r.Name, sink, p.ID)
	rev, err := a.kv.Create(ctx, key, data)
	if errors.Is(err, jetstream.ErrKeyExists) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("record alert %s: %w", key, err)
	}
	a.ix.put(key, rev, m)
	return nil
}

// lease is how long a replica owns a mark it is sending: long enough for
// one attempt with room to record the result.
func (a *Alerter) lease(sink string) time.Duration {
	return a.sinks[sink].cfg.Timeout + a.cfg.LeaseGrace
}

// leaseNeeded is the lease a mark must have left before an attempt starts.
func (a *Alerter) leaseNeeded(sink string) time.Duration {
	return a.sinks[sink].cfg.Timeout + min(time.Second, a.cfg.LeaseGrace/2)
}

// checkEvent rejects events missing what their type needs.
func checkEvent(ev *model.Event) error {
	if ev.Key == "" {
		return errors.New("event without key")
	}
	switch ev.Type {
	case model.EventClaimNew, model.EventClaimSpread:
		if ev.Claim == nil {
			return fmt.Errorf("%s event %s without claim", ev.Type, ev.Key)
		}
	case model.EventClaimConflict:
		if ev.Conflict == nil {
			return fmt.Errorf("conflict event %s without conflict", ev.Key)
		}
	}
	return nil
}

// matching returns the rules ev triggers. Event types no rule knows match
// nothing, so a newer store can add types without dead-lettering here.
func (a *Alerter) matching(ev *model.Event) []*rule {
	var out []*rule
	for _, r := range a.rules {
		if !r.triggers[ev.Type] {
			continue
		}
		if ev.Type == model.EventClaimSpread && ev.Outlets != r.Outlets {
			continue
		}
		if r.m.matches(ev) {
			out = append(out, r)
		}
	}
	return out
}
