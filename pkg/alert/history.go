package alert

import (
	"context"

	"github.com/nats-io/nats.go/jetstream"
	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// History lists the alerts of the shared delivery-mark bucket for a
// process that delivers none itself: the store serving the API while the
// alerters run elsewhere. It watches the bucket, so its list follows every
// replica's deliveries. It is safe for concurrent use.
type History struct {
	kv    jetstream.KeyValue
	ix    *index
	log   *zap.Logger
	rules *RuleSet
}

// NewHistory returns a History over the bucket (bus.BucketAlerts) keeping
// the latest history final alerts (all pending ones are kept). rules, the
// alerters' rules file when this process has it, is what Rules describes;
// it may be nil. Call Run.
func NewHistory(kv jetstream.KeyValue, rules *RuleSet, history int, log *zap.Logger) *History {
	if history <= 0 {
		history = 1000
	}
	if log == nil {
		log = zap.NewNop()
	}
	return &History{kv: kv, ix: newIndex(history, nil), log: log, rules: rules}
}

// Rules describes the rules this process was given, if any.
func (h *History) Rules() []RuleInfo { return describeRules(h.rules) }

// Run follows the bucket until ctx ends and returns nil.
func (h *History) Run(ctx context.Context) error { return watchMarks(ctx, h.kv, h.ix, h.log) }

// Alerts lists up to limit alerts (all when limit <= 0), newest first.
func (h *History) Alerts(ctx context.Context, limit int) ([]model.AlertRecord, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return h.ix.records(limit), nil
}
