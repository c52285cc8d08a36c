package chaos

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// natsServerBinary finds a nats-server to run: CW_CHAOS_NATS_SERVER, the
// machine's /usr/sbin/nats-server (2.9, the oldest supported), or one
// built from the module's nats-server version (the newest).
func natsServerBinary(t testing.TB, dir string) string {
	t.Helper()
	if p := os.Getenv("CW_CHAOS_NATS_SERVER"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/sbin/nats-server", "/usr/bin/nats-server"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("nats-server"); err == nil {
		return p
	}
	out := filepath.Join(dir, "nats-server")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "github.com/nats-io/nats-server/v2")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("no nats-server on the machine and building one failed: %v\n%s", err, b)
	}
	return out
}

// freePort returns a loopback port nothing listens on right now.
func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// natsNode is one nats-server process of the cluster.
type natsNode struct {
	name    string
	conf    string
	client  int
	monitor int
	log     string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
}

// natsCluster is a 3-node JetStream cluster on loopback ports.
type natsCluster struct {
	bin   string
	nodes []*natsNode
}

func startCluster(t testing.TB, dir string, n int) *natsCluster {
	t.Helper()
	c := &natsCluster{bin: natsServerBinary(t, dir)}
	routes := make([]int, n)
	for i := range routes {
		routes[i] = freePort(t)
	}
	var routeURLs []string
	for _, p := range routes {
		routeURLs = append(routeURLs, fmt.Sprintf("nats-route://127.0.0.1:%d", p))
	}
	for i := range n {
		node := &natsNode{name: fmt.Sprintf("n%d", i+1), client: freePort(t), monitor: freePort(t)}
		ndir := filepath.Join(dir, node.name)
		if err := os.MkdirAll(ndir, 0o755); err != nil {
			t.Fatal(err)
		}
		node.conf = filepath.Join(ndir, "nats.conf")
		node.log = filepath.Join(ndir, "nats.log")
		conf := fmt.Sprintf(`server_name: %s
listen: 127.0.0.1:%d
http: 127.0.0.1:%d
max_payload: 8MB
jetstream { store_dir: %q, max_memory_store: 64MB, max_file_store: 64GB }
cluster {
  name: cwchaos
  listen: 127.0.0.1:%d
  routes: [%s]
}
`, node.name, node.client, node.monitor, filepath.Join(ndir, "js"), routes[i], strings.Join(routeURLs, ", "))
		if err := os.WriteFile(node.conf, []byte(conf), 0o644); err != nil {
			t.Fatal(err)
		}
		c.nodes = append(c.nodes, node)
	}
	for _, node := range c.nodes {
		if err := c.start(node); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(c.stopAll)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	for _, node := range c.nodes {
		if err := node.waitHealthy(ctx); err != nil {
			t.Fatalf("nats node %s: %v\n%s", node.name, err, tail(node.log, 2000))
		}
	}
	return c
}

// URLs is the comma-separated client URL list of every node.
func (c *natsCluster) URLs() string {
	var u []string
	for _, n := range c.nodes {
		u = append(u, fmt.Sprintf("nats://127.0.0.1:%d", n.client))
	}
	return strings.Join(u, ",")
}

func (c *natsCluster) start(node *natsNode) error {
	logf, err := os.OpenFile(node.log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	cmd := exec.Command(c.bin, "-c", node.conf)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("start nats %s: %w", node.name, err)
	}
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		logf.Close()
		close(done)
	}()
	node.mu.Lock()
	node.cmd, node.done = cmd, done
	node.mu.Unlock()
	return nil
}

// kill stops the node with SIGKILL: no clean shutdown, as when a machine
// dies.
func (c *natsCluster) kill(node *natsNode) {
	node.mu.Lock()
	cmd, done := node.cmd, node.done
	node.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Kill()
	<-done
}

func (c *natsCluster) stopAll() {
	for _, node := range c.nodes {
		node.mu.Lock()
		cmd, done := node.cmd, node.done
		node.mu.Unlock()
		if cmd == nil {
			continue
		}
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}
}

// waitHealthy polls the node's monitoring /healthz until it answers 200.
func (n *natsNode) waitHealthy(ctx context.Context) error {
	url := fmt.Sprintf("http://127.0.0.1:%d/healthz", n.monitor)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("not healthy: %w", ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// tail returns the last n bytes of a file, for failure messages.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return string(b)
}
