package chaos

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// stages are the binaries the suites run as separate processes.
var stages = []string{"fetcher", "dedup", "extractor", "store", "alerter"}

// buildStages builds every stage binary into dir (without the race
// detector: these are the processes under test, not the test).
func buildStages(t testing.TB, dir string) map[string]string {
	t.Helper()
	args := []string{"build", "-o", dir + string(filepath.Separator)}
	for _, s := range stages {
		args = append(args, "./cmd/"+s)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = moduleRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	bins := map[string]string{}
	for _, s := range stages {
		bins[s] = filepath.Join(dir, s)
	}
	return bins
}

// moduleRoot is two directories up from this package.
func moduleRoot(t testing.TB) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Clean(filepath.Join(wd, "..", ".."))
}

// replica is one stage process, restartable with the same arguments and
// HTTP port.
type replica struct {
	stage string
	name  string
	bin   string
	args  []string
	env   []string
	http  string
	log   string

	// held is set while the test itself has the replica down; the
	// supervisor leaves it alone then.
	held atomic.Bool

	mu       sync.Mutex
	cmd      *exec.Cmd
	done     chan struct{}
	restarts int // by the supervisor, after an exit the test did not cause
	kills    int
}

func (r *replica) start() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	logf, err := os.OpenFile(r.log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	fmt.Fprintf(logf, "\n==== start %s %s\n", time.Now().Format(time.RFC3339Nano), strings.Join(r.args, " "))
	cmd := exec.Command(r.bin, r.args...)
	cmd.Env = append(os.Environ(), r.env...)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return fmt.Errorf("start %s: %w", r.name, err)
	}
	done := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		logf.Close()
		close(done)
	}()
	r.cmd, r.done = cmd, done
	return nil
}

// pid is the running process's id, 0 when it is not running.
func (r *replica) pid() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.cmd == nil || r.cmd.Process == nil {
		return 0
	}
	select {
	case <-r.done:
		return 0
	default:
	}
	return r.cmd.Process.Pid
}

// kill9 sends SIGKILL and waits for the process to be gone.
func (r *replica) kill9() {
	r.mu.Lock()
	cmd, done := r.cmd, r.done
	r.kills++
	r.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGKILL)
	<-done
}

// stop sends SIGTERM and waits up to grace, then kills.
func (r *replica) stop(grace time.Duration) {
	r.mu.Lock()
	cmd, done := r.cmd, r.done
	r.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(grace):
		_ = cmd.Process.Kill()
		<-done
	}
}

// exited reports whether the process has ended on its own.
func (r *replica) exited() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.done == nil {
		return false
	}
	select {
	case <-r.done:
		return true
	default:
		return false
	}
}

// fleet is every stage replica of one deployment.
type fleet struct {
	mu       sync.Mutex // guards replicas: add runs while supervise reads
	replicas []*replica
}

// all returns the replicas started so far.
func (f *fleet) all() []*replica {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*replica(nil), f.replicas...)
}

// supervise plays the part of Kubernetes or compose's restart policy: a
// replica that exits without the test's doing is restarted after a second,
// and the exit is reported through logf with the end of its log, since a
// stage that crashes is a finding even when a supervisor hides it.
func (f *fleet) supervise(ctx context.Context, logf func(format string, args ...any)) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		for _, r := range f.all() {
			if r.held.Load() || !r.exited() {
				continue
			}
			r.mu.Lock()
			r.restarts++
			r.mu.Unlock()
			logf("%s exited on its own; restarting it. Log tail:\n%s", r.name, tail(r.log, 800))
			if err := r.start(); err != nil {
				logf("restart %s: %v", r.name, err)
			}
		}
	}
}

// unexpectedExits is how many times the supervisor had to restart a
// replica.
func (f *fleet) unexpectedExits() int {
	n := 0
	for _, r := range f.all() {
		r.mu.Lock()
		n += r.restarts
		r.mu.Unlock()
	}
	return n
}

// add starts n replicas of stage with the common options plus extra.
func (f *fleet) add(t testing.TB, dir, bin, stage string, n int, env []string, extra ...string) []*replica {
	t.Helper()
	var out []*replica
	have := 0
	for _, r := range f.all() {
		if r.stage == stage {
			have++
		}
	}
	for i := have; i < have+n; i++ {
		addr := fmt.Sprintf("127.0.0.1:%d", freePort(t))
		r := &replica{
			stage: stage, name: fmt.Sprintf("%s-%d", stage, i+1), bin: bin, env: env, http: addr,
			args: append([]string{"--http", addr, "--log-format", "json", "--log-level", "info"}, extra...),
		}
		r.log = filepath.Join(dir, r.name+".log")
		if err := r.start(); err != nil {
			t.Fatal(err)
		}
		f.mu.Lock()
		f.replicas = append(f.replicas, r)
		f.mu.Unlock()
		out = append(out, r)
	}
	return out
}

func (f *fleet) stopAll() {
	var wg sync.WaitGroup
	for _, r := range f.all() {
		wg.Go(func() { r.stop(20 * time.Second) })
	}
	wg.Wait()
}

// pick returns a random replica of one of the given stages.
func (f *fleet) pick(stagesToKill ...string) *replica {
	var pool []*replica
	for _, r := range f.all() {
		for _, s := range stagesToKill {
			if r.stage == s {
				pool = append(pool, r)
			}
		}
	}
	if len(pool) == 0 {
		return nil
	}
	return pool[rand.IntN(len(pool))]
}

// procStat is what /proc says about one process.
type procStat struct {
	cpu time.Duration // user + system time so far
	rss int64         // resident set size, bytes
}

// readProc reads CPU time and RSS of pid from /proc.
func readProc(pid int) (procStat, error) {
	var ps procStat
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return ps, err
	}
	// Fields after the command name, which is in parentheses and may hold
	// spaces.
	s := string(stat)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return ps, fmt.Errorf("unexpected /proc/%d/stat", pid)
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 22 {
		return ps, fmt.Errorf("short /proc/%d/stat", pid)
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	// USER_HZ is 100 on every Linux this runs on.
	ps.cpu = time.Duration(utime+stime) * 10 * time.Millisecond
	rssPages, _ := strconv.ParseInt(f[21], 10, 64)
	ps.rss = rssPages * int64(os.Getpagesize())
	return ps, nil
}
