package alert

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// maxResponse bounds how much of a receiver's answer is read.
const maxResponse = 64 << 10

// Webhook posts signed JSON alerts (Payload or Digest) to a URL.
type Webhook struct {
	URL     string
	Secret  []byte
	Headers map[string]string
	// Client defaults to http.DefaultClient; the attempt is bounded by the
	// context the delivery loop passes.
	Client *http.Client
	// Now defaults to time.Now; it stamps X-Claimwatch-Timestamp.
	Now func() time.Time
}

var _ Sink = (*Webhook)(nil)

// Send implements Sink.
func (w *Webhook) Send(ctx context.Context, m *Message) error {
	body, err := m.Body()
	if err != nil {
		return err
	}
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	ts := now().Unix()
	h := http.Header{}
	for k, v := range w.Headers {
		h.Set(k, v)
	}
	h.Set("Content-Type", "application/json")
	h.Set(HeaderIdempotency, m.Key)
	h.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	if len(w.Secret) > 0 {
		h.Set(HeaderSignature, Sign(w.Secret, ts, body))
	}
	return post(ctx, w.Client, w.URL, h, body)
}

// Slack posts alerts in the Slack incoming-webhook format.
type Slack struct {
	URL    string
	Client *http.Client
}

var _ Sink = (*Slack)(nil)

// Send implements Sink.
func (s *Slack) Send(ctx context.Context, m *Message) error {
	body, err := json.Marshal(map[string]string{"text": slackText(m)})
	if err != nil {
		return fmt.Errorf("encode slack message: %w", err)
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	return post(ctx, s.Client, s.URL, h, body)
}

// slackText renders m in Slack mrkdwn: the summary, then links to the
// articles.
func slackText(m *Message) string {
	var b strings.Builder
	if len(m.Alerts) > 1 {
		fmt.Fprintf(&b, "*%s*\n", slackEscape(m.Summary()))
	}
	for i, a := range m.Alerts {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "*%s* (rule %s)", slackEscape(a.Summary), slackEscape(a.Rule))
		for _, art := range a.Articles {
			if art.URL == "" {
				continue
			}
			title := firstNonEmpty(art.Title, art.URL)
			fmt.Fprintf(&b, "\n• <%s|%s>", art.URL, slackEscape(clip(title, 120)))
		}
	}
	return b.String()
}

// slackEscape escapes the three characters Slack's mrkdwn reserves.
func slackEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func post(ctx context.Context, client *http.Client, url string, h http.Header, body []byte) error {
	if client == nil {
		client = http.DefaultClient
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("build request: %w", err)
	}
	req.Header = h
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("post alert: %w", err)
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	return statusError(resp, string(answer))
}
