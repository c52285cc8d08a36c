package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/natstest"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// buildBinaries compiles the stage binaries once per test binary run.
var buildBinaries = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "claimwatch-bin-")
	if err != nil {
		return "", err
	}
	for _, name := range []string{"fetcher", "dedup", "extractor", "store", "alerter"} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, name), "../"+name)
		if out, err := cmd.CombinedOutput(); err != nil {
			return "", fmt.Errorf("build %s: %v\n%s", name, err, out)
		}
	}
	return dir, nil
})

// stageProcess is one stage binary running as its own process.
type stageProcess struct {
	name string
	cmd  *exec.Cmd
	out  *bytes.Buffer
}

func startStage(t *testing.T, bin, name string, env []string, args ...string) *stageProcess {
	t.Helper()
	cmd := exec.Command(filepath.Join(bin, name), args...)
	cmd.Env = append(os.Environ(), env...)
	out := &bytes.Buffer{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", name, err)
	}
	p := &stageProcess{name: name, cmd: cmd, out: out}
	t.Cleanup(func() { p.stop(t) })
	return p
}

// stop sends SIGTERM and expects a clean exit within the drain timeout.
func (p *stageProcess) stop(t *testing.T) {
	if p.cmd.ProcessState != nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("%s exited with %v; output:\n%s", p.name, err, p.out.String())
		}
	case <-time.After(30 * time.Second):
		_ = p.cmd.Process.Kill()
		<-done
		t.Errorf("%s did not stop on SIGTERM within 30s", p.name)
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func getJSON(ctx context.Context, url string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

func TestPipelineAcrossProcessesOnTheMachinesNATS(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs five binaries")
	}
	conn := natstest.External(t) // skips loudly when 127.0.0.1:4222 is down
	prefix := conn.Names().Prefix
	bin, err := buildBinaries()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	feeds := filepath.Join(dir, "feeds.txt")
	if err := os.WriteFile(feeds, []byte("# seed feed\n"+seedFeed(t)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	dbPath := filepath.Join(dir, "claimwatch.db")
	apiAddr := freeAddr(t)
	env := []string{"CW_NATS_URL=" + natstest.ExternalURL(), "CW_NATS_PREFIX=" + prefix, "CW_LOG_FORMAT=json", "CW_LOG_LEVEL=warn"}
	procs := []*stageProcess{
		startStage(t, bin, "store", env, "--db", dbPath, "--http", apiAddr),
		startStage(t, bin, "dedup", env, "--http", ""),
		startStage(t, bin, "extractor", env, "--http", ""),
		startStage(t, bin, "alerter", env, "--http", "", "--rules", writeLogRules(t, dir)),
		startStage(t, bin, "fetcher", env, "--http", "", "--feeds", feeds, "--allow-private-networks"),
	}

	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	var stories store.StoryPage
	var claims store.ClaimPage
	// Articles are stored before their claims: wait until the claims of
	// all five are in.
	var lastErr error
	byArticle := map[string]int{}
	total := 0
	for {
		total = 0
		if lastErr = getJSON(ctx, "http://"+apiAddr+"/api/v1/stories", &stories); lastErr == nil {
			for _, s := range stories.Stories {
				total += s.ArticleCount
			}
		}
		if total == 5 {
			if lastErr = getJSON(ctx, "http://"+apiAddr+"/api/v1/claims?limit=200", &claims); lastErr == nil {
				clear(byArticle)
				for _, c := range claims.Claims {
					for _, m := range c.Mentions {
						byArticle[m.ArticleID]++
					}
				}
				if len(byArticle) == 5 {
					break
				}
			}
		}
		if ctx.Err() != nil {
			for _, p := range procs {
				t.Logf("%s output:\n%s", p.name, p.out.String())
			}
			t.Fatalf("the five seed articles and their claims did not reach the store: %d articles, claims of %d (last error: %v)", total, len(byArticle), lastErr)
		}
		time.Sleep(200 * time.Millisecond)
	}
	for _, p := range procs {
		p.stop(t)
	}
}

// writeLogRules writes a rules file sending every alert to the log.
func writeLogRules(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "rules.yaml")
	rules := "sinks:\n  - name: log\n    type: log\nrules:\n  - name: everything\n    triggers: [claim.new, claim.conflict]\n    sinks: [log]\n"
	if err := os.WriteFile(path, []byte(rules), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
