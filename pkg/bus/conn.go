package bus

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/prometheus/client_golang/prometheus"
	"go.uber.org/zap"
)

// Options say how to reach NATS. With no URLs the Conn starts an embedded
// nats-server; otherwise it connects to the listed servers.
type Options struct {
	// URLs of external servers. Empty means embedded.
	URLs []string
	// Name identifies the client in server monitoring.
	Name string

	CredsFile string
	User      string
	Password  string
	Token     string
	CAFile    string
	CertFile  string
	KeyFile   string

	// DataDir holds the embedded server's JetStream files.
	DataDir string
	// Listen, when set, makes the embedded server accept TCP clients on
	// this host:port (for example to run extra stage replicas against it).
	Listen string

	// Prefix separates deployments sharing one server (see Names).
	Prefix string
	// Replicas is the stream and bucket replica count (1 embedded, 3 on a
	// 3-node cluster).
	Replicas int

	// Registerer receives the bus and stage metrics (nil: not exported).
	Registerer prometheus.Registerer
}

// Validate reports a configuration that cannot work.
func (o Options) Validate() error {
	if len(o.URLs) == 0 && o.DataDir == "" {
		return errors.New("bus: embedded mode needs a data directory")
	}
	if (o.CertFile == "") != (o.KeyFile == "") {
		return errors.New("bus: TLS client certificate and key must be given together")
	}
	if o.Replicas < 0 || o.Replicas > 5 {
		return fmt.Errorf("bus: replicas %d out of range 1..5", o.Replicas)
	}
	return nil
}

// Conn is a connection to JetStream, embedded or external, with the
// topology's names applied. It is safe for concurrent use.
type Conn struct {
	nc       *nats.Conn
	js       jetstream.JetStream
	names    Names
	replicas int
	srv      *server.Server
	log      *zap.Logger
	metrics  *Metrics
}

// Connect opens the connection (starting the embedded server first when
// no URLs are given). An external connection reconnects forever with
// backoff; each disconnect and reconnect is logged.
func Connect(ctx context.Context, o Options, log *zap.Logger) (*Conn, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	if o.Replicas == 0 {
		o.Replicas = 1
	}
	c := &Conn{names: Names{Prefix: o.Prefix}, replicas: o.Replicas, log: log, metrics: NewMetrics(o.Registerer)}
	opts, err := clientOptions(o, log)
	if err != nil {
		return nil, err
	}
	url := strings.Join(o.URLs, ",")
	if len(o.URLs) == 0 {
		srv, err := startEmbedded(o.DataDir, o.Listen, log)
		if err != nil {
			return nil, err
		}
		c.srv = srv
		url = srv.ClientURL()
		opts = append(opts, nats.InProcessServer(srv))
	}
	nc, err := connectWithin(ctx, url, opts)
	if err != nil {
		c.shutdownServer()
		return nil, err
	}
	c.nc = nc
	c.js, err = jetstream.New(nc)
	if err != nil {
		nc.Close()
		c.shutdownServer()
		return nil, fmt.Errorf("bus: jetstream: %w", err)
	}
	return c, nil
}

// connectWithin retries the first connection until ctx ends, so a stage
// started before its server comes up waits instead of exiting.
func connectWithin(ctx context.Context, url string, opts []nats.Option) (*nats.Conn, error) {
	opts = append(opts, nats.RetryOnFailedConnect(false))
	delay := 100 * time.Millisecond
	for {
		nc, err := nats.Connect(url, opts...)
		if err == nil {
			return nc, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("bus: connect %s: %w", url, errors.Join(err, ctx.Err()))
		case <-time.After(delay):
		}
		delay = min(delay*2, 5*time.Second)
	}
}

func clientOptions(o Options, log *zap.Logger) ([]nats.Option, error) {
	name := o.Name
	if name == "" {
		name = "claimwatch"
	}
	opts := []nats.Option{
		nats.Name(name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(250 * time.Millisecond),
		nats.ReconnectJitter(250*time.Millisecond, time.Second),
		nats.CustomReconnectDelay(reconnectDelay),
		nats.DisconnectErrHandler(func(nc *nats.Conn, err error) {
			if err == nil || nc.IsClosed() || nc.IsDraining() {
				log.Debug("nats connection closing")
				return
			}
			log.Warn("nats disconnected", zap.Error(err))
		}),
		nats.ReconnectHandler(func(nc *nats.Conn) {
			log.Info("nats reconnected", zap.String("url", nc.ConnectedUrlRedacted()))
		}),
		nats.ErrorHandler(func(_ *nats.Conn, sub *nats.Subscription, err error) {
			subject := ""
			if sub != nil {
				subject = sub.Subject
			}
			log.Warn("nats async error", zap.String("subject", subject), zap.Error(err))
		}),
	}
	if o.CredsFile != "" {
		opts = append(opts, nats.UserCredentials(o.CredsFile))
	}
	if o.User != "" {
		opts = append(opts, nats.UserInfo(o.User, o.Password))
	}
	if o.Token != "" {
		opts = append(opts, nats.Token(o.Token))
	}
	tlsOpt, err := tlsOption(o)
	if err != nil {
		return nil, err
	}
	if tlsOpt != nil {
		opts = append(opts, tlsOpt)
	}
	return opts, nil
}

// reconnectDelay backs off exponentially up to 10 s; nats.go adds the
// configured jitter on top.
func reconnectDelay(attempts int) time.Duration {
	d := 250 * time.Millisecond << min(attempts, 6)
	return min(d, 10*time.Second)
}

func tlsOption(o Options) (nats.Option, error) {
	if o.CAFile == "" && o.CertFile == "" {
		return nil, nil
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if o.CAFile != "" {
		pem, err := os.ReadFile(o.CAFile)
		if err != nil {
			return nil, fmt.Errorf("bus: read CA file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("bus: CA file %s holds no PEM certificate", o.CAFile)
		}
		cfg.RootCAs = pool
	}
	if o.CertFile != "" {
		cert, err := tls.LoadX509KeyPair(o.CertFile, o.KeyFile)
		if err != nil {
			return nil, fmt.Errorf("bus: load client certificate: %w", err)
		}
		cfg.Certificates = []tls.Certificate{cert}
	}
	return nats.Secure(cfg), nil
}

// JetStream returns the JetStream context.
func (c *Conn) JetStream() jetstream.JetStream { return c.js }

// NATS returns the core connection.
func (c *Conn) NATS() *nats.Conn { return c.nc }

// Names returns the naming scheme in force.
func (c *Conn) Names() Names { return c.names }

// Embedded reports whether this Conn runs its own server.
func (c *Conn) Embedded() bool { return c.srv != nil }

// ClientURL returns a URL other processes can connect to, or "" when the
// embedded server has no TCP listener.
func (c *Conn) ClientURL() string {
	if c.srv != nil {
		if c.srv.Addr() == nil {
			return ""
		}
		return c.srv.ClientURL()
	}
	return c.nc.ConnectedUrlRedacted()
}

// Publish implements Publisher.
func (c *Conn) Publish(ctx context.Context, subject, msgID string, data []byte) error {
	return c.PublishMsg(ctx, subject, msgID, data, nil)
}

// PublishMsg publishes with extra headers.
func (c *Conn) PublishMsg(ctx context.Context, subject, msgID string, data []byte, hdr nats.Header) error {
	msg := &nats.Msg{Subject: c.names.Subject(subject), Data: data, Header: hdr}
	var opts []jetstream.PublishOpt
	if msgID != "" {
		opts = append(opts, jetstream.WithMsgID(msgID))
	}
	if _, err := c.js.PublishMsg(ctx, msg, opts...); err != nil {
		c.metrics.PublishFail.WithLabelValues(subject).Inc()
		return fmt.Errorf("publish %s: %w", subject, err)
	}
	c.metrics.Published.WithLabelValues(subject).Inc()
	return nil
}

var _ BatchPublisher = (*Conn)(nil)

// PublishBatch implements BatchPublisher. The acknowledgements are
// awaited in order, so the count it returns is a prefix of msgs.
func (c *Conn) PublishBatch(ctx context.Context, msgs []Outgoing) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("publish batch: %w", err)
	}
	futures := make([]jetstream.PubAckFuture, 0, len(msgs))
	var sendErr error
	for _, m := range msgs {
		var opts []jetstream.PublishOpt
		if m.MsgID != "" {
			opts = append(opts, jetstream.WithMsgID(m.MsgID))
		}
		f, err := c.js.PublishMsgAsync(&nats.Msg{Subject: c.names.Subject(m.Subject), Data: m.Data}, opts...)
		if err != nil {
			sendErr = err
			break
		}
		futures = append(futures, f)
	}
	for i, f := range futures {
		select {
		case <-f.Ok():
			c.metrics.Published.WithLabelValues(msgs[i].Subject).Inc()
		case err := <-f.Err():
			c.metrics.PublishFail.WithLabelValues(msgs[i].Subject).Inc()
			return i, fmt.Errorf("publish %s: %w", msgs[i].Subject, err)
		case <-ctx.Done():
			return i, fmt.Errorf("publish %s: %w", msgs[i].Subject, ctx.Err())
		}
	}
	if sendErr != nil {
		n := len(futures)
		c.metrics.PublishFail.WithLabelValues(msgs[n].Subject).Inc()
		return n, fmt.Errorf("publish %s: %w", msgs[n].Subject, sendErr)
	}
	return len(msgs), nil
}

// DeletePrefixed removes every stream and KV bucket under this
// connection's prefix: the throwaway topology of a benchmark or a test on
// a shared server. Without a prefix it refuses, so a deployment's own
// streams can never be deleted through it.
func (c *Conn) DeletePrefixed(ctx context.Context) error {
	p := c.names.Prefix
	if p == "" {
		return errors.New("bus: refusing to delete streams without a prefix")
	}
	names := c.js.StreamNames(ctx)
	var doomed []string
	for n := range names.Name() {
		if strings.HasPrefix(n, p+"_") || strings.HasPrefix(n, "KV_"+p+"_") {
			doomed = append(doomed, n)
		}
	}
	var errs []error
	if err := names.Err(); err != nil {
		errs = append(errs, err)
	}
	for _, n := range doomed {
		if err := c.js.DeleteStream(ctx, n); err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) {
			errs = append(errs, fmt.Errorf("delete %s: %w", n, err))
		}
	}
	return errors.Join(errs...)
}

// Ready reports whether the connection is up and every stream exists.
func (c *Conn) Ready(ctx context.Context) error {
	if !c.nc.IsConnected() {
		return fmt.Errorf("nats not connected (status %s)", c.nc.Status())
	}
	for _, s := range streamSpecs(c.names, c.replicas) {
		if _, err := c.js.Stream(ctx, s.Name); err != nil {
			return fmt.Errorf("stream %s: %w", s.Name, err)
		}
	}
	return nil
}

// Close drains the connection (flushing pending publishes and letting
// subscriptions finish) and stops the embedded server, bounded by ctx.
func (c *Conn) Close(ctx context.Context) error {
	var err error
	if c.nc != nil && !c.nc.IsClosed() {
		closed := make(chan struct{})
		c.nc.SetClosedHandler(func(*nats.Conn) { close(closed) })
		if derr := c.nc.Drain(); derr != nil {
			c.nc.Close()
		} else {
			select {
			case <-closed:
			case <-ctx.Done():
				c.nc.Close()
				err = fmt.Errorf("bus: drain: %w", ctx.Err())
			}
		}
	}
	c.shutdownServer()
	return err
}

func (c *Conn) shutdownServer() {
	if c.srv == nil {
		return
	}
	c.srv.Shutdown()
	c.srv.WaitForShutdown()
}
