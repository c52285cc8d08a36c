package alert

import (
	"bytes"
	"context"
	"fmt"
	"mime"
	"net"
	"net/smtp"
	"strings"
	"time"
)

// Email sends alerts as plain-text mail through an SMTP relay. STARTTLS is
// used when the server offers it; PLAIN auth is used when Username is set.
type Email struct {
	Addr     string // host:port
	From     string
	To       []string
	Username string
	Password string
}

var _ Sink = (*Email)(nil)

// Send implements Sink. The whole SMTP exchange is bounded by ctx.
func (e *Email) Send(ctx context.Context, m *Message) error {
	host, _, err := net.SplitHostPort(e.Addr)
	if err != nil {
		return fmt.Errorf("smtp address %q: %w", e.Addr, err)
	}
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", e.Addr)
	if err != nil {
		return fmt.Errorf("dial smtp: %w", err)
	}
	// net/smtp has no context support: the deadline bounds every read and
	// write, and closing on cancellation unblocks them.
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	} else {
		_ = conn.SetDeadline(time.Now().Add(time.Minute))
	}
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp handshake: %w", err)
	}
	defer c.Close()
	if err := e.exchange(c, host, m); err != nil {
		return fmt.Errorf("send mail: %w", err)
	}
	return nil
}

func (e *Email) exchange(c *smtp.Client, host string, m *Message) error {
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(nil); err != nil {
			return err
		}
	}
	if e.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", e.Username, e.Password, host)); err != nil {
			return err
		}
	}
	if err := c.Mail(e.From); err != nil {
		return err
	}
	for _, to := range e.To {
		if err := c.Rcpt(to); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(e.mail(m)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// mail renders the RFC 5322 message.
func (e *Email) mail(m *Message) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\n", e.From, strings.Join(e.To, ", "))
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", "[claimwatch] "+clip(m.Summary(), 150)))
	fmt.Fprintf(&b, "Message-ID: <%s@claimwatch>\r\n", m.Key)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
	for _, a := range m.Alerts {
		fmt.Fprintf(&b, "%s\r\nrule: %s, trigger: %s\r\n", a.Summary, a.Rule, a.Trigger)
		for _, art := range a.Articles {
			fmt.Fprintf(&b, "  %s\r\n  %s\r\n", art.Title, art.URL)
		}
		b.WriteString("\r\n")
	}
	return b.Bytes()
}
