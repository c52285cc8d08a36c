package deploy

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// binDir holds the binaries built once for the whole run.
var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "claimwatch-deploy-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "deploy tests:", err)
		os.Exit(1)
	}
	binDir = dir
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// freeAddr returns a loopback address nothing listens on right now.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	return addr
}

// TestProbesAnswerAndStagesDrainOnSIGTERM starts every stage the
// manifests run (embedded NATS under a temporary --data, so nothing else
// is needed), calls the probe paths the manifests configure, then sends
// SIGTERM as Kubernetes does and expects a clean exit well inside the
// manifests' 30 s termination grace period.
func TestProbesAnswerAndStagesDrainOnSIGTERM(t *testing.T) {
	bins := stageBinaries(t)
	probes := map[string][2]string{}
	for _, c := range k8sContainers(t) {
		probes[c.binary] = [2]string{c.readiness, c.liveness}
	}
	for _, stage := range []string{"fetcher", "dedup", "extractor", "store", "alerter"} {
		t.Run(stage, func(t *testing.T) {
			h, ok := bins[stage]
			if !ok {
				t.Fatalf("no binary %s", stage)
			}
			p, ok := probes[stage]
			if !ok {
				t.Fatalf("no Deployment runs %s", stage)
			}
			data := t.TempDir()
			addr := freeAddr(t)
			args := []string{"--data", data, "--http", addr, "--log-format", "json"}
			switch stage {
			case "store":
				args = append(args, "--db", filepath.Join(data, "claimwatch.db"))
			case "alerter":
				// As the manifests run it: the alerter needs rules.
				args = append(args, "--rules", "alert-rules.yaml")
			}
			ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, h.path, args...)
			logs, err := os.Create(filepath.Join(data, "stderr.log"))
			if err != nil {
				t.Fatal(err)
			}
			defer logs.Close()
			cmd.Stdout, cmd.Stderr = logs, logs
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			dump := func() {
				b, _ := os.ReadFile(logs.Name())
				t.Logf("%s output:\n%s", stage, b)
			}
			for _, path := range []string{p[1], p[0]} { // alive first, then ready
				if err := waitOK(ctx, "http://"+addr+path, done); err != nil {
					dump()
					t.Fatalf("%s %s: %v", stage, path, err)
				}
			}
			if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-done:
				if err != nil {
					dump()
					t.Fatalf("%s exited with %v after SIGTERM, want a clean exit", stage, err)
				}
			case <-time.After(25 * time.Second):
				_ = cmd.Process.Kill()
				dump()
				t.Fatalf("%s still running 25 s after SIGTERM: Kubernetes would kill it at 30 s", stage)
			}
		})
	}
}

// waitOK polls url until it answers 200, the process exits or ctx ends.
func waitOK(ctx context.Context, url string, exited <-chan error) error {
	client := &http.Client{Timeout: 3 * time.Second}
	last := "no answer"
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			last = resp.Status
		} else {
			last = err.Error()
		}
		select {
		case err := <-exited:
			return fmt.Errorf("process exited (%v) before answering 200; last answer: %s", err, last)
		case <-ctx.Done():
			return fmt.Errorf("no 200 before the deadline; last answer: %s", last)
		case <-time.After(200 * time.Millisecond):
		}
	}
}
