package bus

import (
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"go.uber.org/zap"
)

// startEmbedded runs nats-server in this process with JetStream on file
// storage. Without listen it opens no TCP port, so it never competes with
// a system nats-server for 4222; clients reach it in-process.
func startEmbedded(dataDir, listen string, log *zap.Logger) (*server.Server, error) {
	opts := &server.Options{
		ServerName:         "claimwatch-embedded",
		JetStream:          true,
		StoreDir:           dataDir,
		DontListen:         listen == "",
		NoSigs:             true,
		MaxPayload:         8 << 20,
		JetStreamMaxMemory: 256 << 20,
	}
	if listen != "" {
		host, port, err := net.SplitHostPort(listen)
		if err != nil {
			return nil, fmt.Errorf("bus: nats listen address %q: %w", listen, err)
		}
		p, err := strconv.Atoi(port)
		if err != nil {
			return nil, fmt.Errorf("bus: nats listen port %q: %w", port, err)
		}
		if p == 0 {
			p = server.RANDOM_PORT // nats-server reads 0 as "the default 4222"
		}
		opts.Host, opts.Port = host, p
	}
	srv, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("bus: embedded server: %w", err)
	}
	srv.SetLoggerV2(serverLogger{log.Named("nats-server").Sugar()}, false, false, false)
	srv.Start()
	if !srv.ReadyForConnections(30 * time.Second) {
		srv.Shutdown()
		return nil, fmt.Errorf("bus: embedded server not ready within 30s (data dir %s)", dataDir)
	}
	log.Info("embedded nats-server started", zap.String("data_dir", dataDir), zap.String("listen", listen))
	return srv, nil
}

// serverLogger routes nats-server's log lines into zap; its notices are
// lifecycle chatter, so they go to Debug.
type serverLogger struct{ s *zap.SugaredLogger }

func (l serverLogger) Noticef(format string, v ...any) { l.s.Debugf(format, v...) }
func (l serverLogger) Warnf(format string, v ...any)   { l.s.Warnf(format, v...) }
func (l serverLogger) Fatalf(format string, v ...any)  { l.s.Errorf(format, v...) }
func (l serverLogger) Errorf(format string, v ...any)  { l.s.Errorf(format, v...) }
func (l serverLogger) Debugf(format string, v ...any)  { l.s.Debugf(format, v...) }
func (l serverLogger) Tracef(format string, v ...any)  {}
