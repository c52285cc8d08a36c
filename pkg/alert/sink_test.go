package alert

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/bus"
)

func TestStatusClassification(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		retryAfter string
		permanent  bool
		wait       time.Duration
	}{
		{"server errors are retried", 503, "", false, 0},
		{"rate limiting is retried after the asked delay", 429, "7", false, 7 * time.Second},
		{"a timeout is retried", 408, "", false, 0},
		{"a bad request is permanent", 400, "", true, 0},
		{"gone is permanent", 410, "", true, 0},
		{"unauthorised is permanent", 401, "", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tt.retryAfter != "" {
					w.Header().Set("Retry-After", tt.retryAfter)
				}
				w.WriteHeader(tt.status)
				io.WriteString(w, "no thanks")
			}))
			defer srv.Close()
			err := (&Webhook{URL: srv.URL}).Send(t.Context(), &Message{Key: "k", Alerts: []Payload{{ID: "k"}}})
			if err == nil {
				t.Fatal("Send succeeded against an error status")
			}
			if got := bus.IsPermanent(err); got != tt.permanent {
				t.Errorf("permanent = %v, want %v (%v)", got, tt.permanent, err)
			}
			if got := RetryAfter(err); got != tt.wait {
				t.Errorf("RetryAfter = %s, want %s", got, tt.wait)
			}
			if !strings.Contains(err.Error(), "no thanks") {
				t.Errorf("error %q does not quote the receiver's answer", err)
			}
		})
	}
}

func TestWebhookHonoursTheAttemptDeadline(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	defer srv.Close()
	defer close(release)
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	err := (&Webhook{URL: srv.URL}).Send(ctx, &Message{Key: "k", Alerts: []Payload{{ID: "k"}}})
	if err == nil || bus.IsPermanent(err) {
		t.Errorf("Send against a hanging receiver = %v, want a retryable error", err)
	}
}

func TestSlackSinkPostsIncomingWebhookJSON(t *testing.T) {
	var got map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("content type %q", ct)
		}
		_ = json.NewDecoder(r.Body).Decode(&got)
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	evs := demoEvents()
	m := &Message{Key: "d", Alerts: []Payload{newPayload("r", &evs[0]), newPayload("r", &evs[8])}}
	if err := (&Slack{URL: srv.URL}).Send(t.Context(), m); err != nil {
		t.Fatal(err)
	}
	text, _ := got["text"].(string)
	for _, w := range []string{"2 claimwatch alerts", "New quote by Vladimir Putin", "Conflicting figures for North Korea", artKyiv.URL} {
		if !strings.Contains(text, w) {
			t.Errorf("slack text lacks %q:\n%s", w, text)
		}
	}
}

// smtpServer is a minimal SMTP receiver: no SMTP server runs on this
// machine, and the e-mail sink's exchange is what is under test.
type smtpServer struct {
	addr string
	mu   sync.Mutex
	rcpt []string
	data string
}

func startSMTP(t *testing.T) *smtpServer {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{addr: l.Addr().String()}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go s.serve(c)
		}
	}()
	return s
}

func (s *smtpServer) serve(c net.Conn) {
	defer c.Close()
	r := bufio.NewReader(c)
	reply := func(line string) { io.WriteString(c, line+"\r\n") }
	reply("220 test ESMTP")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			reply("250 test")
		case strings.HasPrefix(cmd, "MAIL FROM"):
			reply("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO"):
			s.mu.Lock()
			s.rcpt = append(s.rcpt, strings.TrimSpace(line[len("RCPT TO:"):]))
			s.mu.Unlock()
			reply("250 ok")
		case cmd == "DATA":
			reply("354 go on")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			s.mu.Lock()
			s.data = b.String()
			s.mu.Unlock()
			reply("250 queued")
		case cmd == "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 unsupported")
		}
	}
}

func TestEmailSinkSendsThroughSMTP(t *testing.T) {
	srv := startSMTP(t)
	evs := demoEvents()
	e := &Email{Addr: srv.addr, From: "claimwatch@example.org", To: []string{"desk@example.org", "ops@example.org"}}
	if err := e.Send(t.Context(), &Message{Key: "abc", Alerts: []Payload{newPayload("troops", &evs[8])}}); err != nil {
		t.Fatal(err)
	}
	srv.mu.Lock()
	defer srv.mu.Unlock()
	if len(srv.rcpt) != 2 {
		t.Errorf("recipients = %v", srv.rcpt)
	}
	msg, err := mail.ReadMessage(strings.NewReader(srv.data))
	if err != nil {
		t.Fatalf("not a mail message: %v\n%s", err, srv.data)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || !strings.HasPrefix(subject, "[claimwatch] Conflicting figures for North Korea") {
		t.Errorf("subject = %q (%v)", subject, err)
	}
	if id := msg.Header.Get("Message-ID"); id != "<abc@claimwatch>" {
		t.Errorf("Message-ID = %q", id)
	}
	body, _ := io.ReadAll(msg.Body)
	for _, w := range []string{"rule: troops", "about 1,500 troops", artMeduza.URL} {
		if !strings.Contains(string(body), w) {
			t.Errorf("mail body lacks %q:\n%s", w, body)
		}
	}
}

func TestEmailSinkReportsAnUnreachableServer(t *testing.T) {
	err := (&Email{Addr: freeAddr(t), From: "a@b", To: []string{"c@d"}}).Send(t.Context(), &Message{Key: "k", Alerts: []Payload{{ID: "k"}}})
	var op *net.OpError
	if !errors.As(err, &op) {
		t.Errorf("Send = %v, want a dial error", err)
	}
}
