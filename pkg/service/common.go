package service

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/claimwatch/claimwatch/pkg/bus"
)

// Common holds the options every binary has: logging, the ops HTTP
// address and how to reach NATS.
type Common struct {
	LogLevel  string
	LogFormat string
	HTTP      string

	NATS       string
	Creds      string
	User       string
	Password   string
	Token      string
	CAFile     string
	CertFile   string
	KeyFile    string
	Prefix     string
	Replicas   int
	Data       string
	NATSListen string
	// StreamMaxBytes caps each stream; the server reserves it up front.
	// Zero means the bus default.
	StreamMaxBytes int
}

// Register defines the common flags. httpDefault is the ops/API address.
func (c *Common) Register(f *Flags, httpDefault string) {
	f.String(&c.LogLevel, "log-level", "CW_LOG_LEVEL", "info", "log level: debug, info, warn, error")
	f.String(&c.LogFormat, "log-format", "CW_LOG_FORMAT", "auto", "log format: json, console, or auto (console on a terminal)")
	f.String(&c.HTTP, "http", "CW_HTTP", httpDefault, "address for /healthz, /readyz, /metrics (and the API where served); empty disables")
	f.String(&c.NATS, "nats", "CW_NATS_URL", "", "comma-separated NATS server URLs; empty starts an embedded server under --data")
	f.String(&c.Creds, "nats-creds", "CW_NATS_CREDS", "", "NATS credentials file (JWT + nkey)")
	f.String(&c.User, "nats-user", "CW_NATS_USER", "", "NATS user name")
	f.String(&c.Password, "nats-password", "CW_NATS_PASSWORD", "", "NATS password")
	f.String(&c.Token, "nats-token", "CW_NATS_TOKEN", "", "NATS authentication token")
	f.String(&c.CAFile, "nats-ca", "CW_NATS_CA", "", "CA certificate file to verify the NATS servers")
	f.String(&c.CertFile, "nats-cert", "CW_NATS_CERT", "", "client certificate file for NATS TLS")
	f.String(&c.KeyFile, "nats-key", "CW_NATS_KEY", "", "client key file for NATS TLS")
	f.String(&c.Prefix, "nats-prefix", "CW_NATS_PREFIX", "", "prefix for subjects, streams and buckets, to run several deployments on one NATS")
	f.Int(&c.Replicas, "replicas", "CW_REPLICAS", 1, "stream and bucket replicas (3 on a 3-node JetStream cluster)")
	f.String(&c.Data, "data", "CW_DATA", "", "data directory for the embedded NATS server and SQLite")
	f.String(&c.NATSListen, "nats-listen", "CW_NATS_LISTEN", "", "let other processes connect to the embedded NATS server at this host:port")
	f.Int(&c.StreamMaxBytes, "stream-max-bytes", "CW_STREAM_MAX_BYTES", 1<<30, "bytes each stream keeps at most (reserved on the server when a stream is created); oldest messages go first")
}

// Validate checks the common options.
func (c *Common) Validate() error {
	if c.Replicas < 1 || c.Replicas > 5 {
		return fmt.Errorf("--replicas %d: want 1..5", c.Replicas)
	}
	if c.StreamMaxBytes != 0 && c.StreamMaxBytes < 1<<20 {
		return fmt.Errorf("--stream-max-bytes %d: want at least 1 MiB", c.StreamMaxBytes)
	}
	if c.NATS == "" && c.Data == "" {
		return errors.New("no --nats URL and no --data directory: give one (embedded mode needs --data)")
	}
	return nil
}

// BusOptions turns the flags into bus.Options for the named client.
func (c *Common) BusOptions(name string) bus.Options {
	var urls []string
	for _, u := range strings.Split(c.NATS, ",") {
		if u = strings.TrimSpace(u); u != "" {
			urls = append(urls, u)
		}
	}
	o := bus.Options{
		URLs: urls, Name: name, CredsFile: c.Creds, User: c.User, Password: c.Password, Token: c.Token,
		CAFile: c.CAFile, CertFile: c.CertFile, KeyFile: c.KeyFile, Prefix: c.Prefix, Replicas: c.Replicas,
		Listen: c.NATSListen,
	}
	if len(urls) == 0 {
		o.DataDir = filepath.Join(c.Data, "nats")
	}
	return o
}
