package alert

import (
	"context"
	"encoding/json"
	"fmt"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/bus"
)

// NATS publishes each alert as a Payload on cw.alerts.<rule>, with the
// alert ID as Nats-Msg-Id so a retried publish is dropped by the stream.
// A digest is published item by item: subscribers of a subject want one
// message per alert.
type NATS struct {
	Pub bus.Publisher
}

var _ Sink = (*NATS)(nil)

// Send implements Sink.
func (n *NATS) Send(ctx context.Context, m *Message) error {
	for _, a := range m.Alerts {
		body, err := json.Marshal(a)
		if err != nil {
			return fmt.Errorf("encode alert: %w", err)
		}
		if err := n.Pub.Publish(ctx, bus.SubjectAlertsPrefix+a.Rule, a.ID, body); err != nil {
			return fmt.Errorf("publish alert %s: %w", a.ID, err)
		}
	}
	return nil
}

// Log writes alerts to a logger at Info: for this sink the log line is the
// product, not diagnostics.
type Log struct {
	Logger *zap.Logger
}

var _ Sink = (*Log)(nil)

// Send implements Sink.
func (l *Log) Send(_ context.Context, m *Message) error {
	for _, a := range m.Alerts {
		fields := []zap.Field{
			zap.String("alert_id", a.ID), zap.String("rule", a.Rule),
			zap.String("trigger", a.Trigger), zap.String("event_key", a.EventKey),
		}
		if a.Story != "" {
			fields = append(fields, zap.String("story", a.Story))
		}
		for _, art := range a.Articles {
			fields = append(fields, zap.String("article_url", art.URL))
		}
		l.Logger.Info(a.Summary, fields...)
	}
	return nil
}
