package chaos

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/natstest"
	"github.com/claimwatch/claimwatch/pkg/store/storetest"
)

// poisonMarker is in every message the suite injects as poison.
const poisonMarker = "chaos-poison"

// deployment is one distributed claimwatch: NATS cluster, PostgreSQL
// behind a proxy, the feed server, a webhook receiver and the stage
// replicas.
type deployment struct {
	dir     string
	cluster *natsCluster
	proxy   *tcpProxy
	dsn     string // direct, for the test's own queries
	feeds   *feedServer
	fleet   *fleet
	conn    *bus.Conn // the test's own connection, same prefix
	alerts  atomic.Int64
	prefix  string
}

// deployOptions size a deployment.
type deployOptions struct {
	docs       []doc
	nFeeds     int
	spread     time.Duration // items are released over this long
	replicas   map[string]int
	concurrent map[string]int
}

func deploy(t *testing.T, o deployOptions) *deployment {
	t.Helper()
	d := &deployment{dir: t.TempDir(), prefix: natstest.UniquePrefix()}
	d.dsn = storetest.PostgresDSN(t) // skips when PostgreSQL is unreachable
	bins := buildStages(t, filepath.Join(d.dir, "bin"))
	d.cluster = startCluster(t, d.dir, 3)

	u, err := url.Parse(d.dsn)
	if err != nil {
		t.Fatal(err)
	}
	d.proxy = startProxy(t, u.Host)
	viaProxy := *u
	viaProxy.Host = d.proxy.Addr()

	d.feeds = startFeedServer(t, o.docs, o.nFeeds, o.spread)
	feedsFile := filepath.Join(d.dir, "feeds.txt")
	if err := os.WriteFile(feedsFile, []byte(strings.Join(d.feeds.feedURLs(), "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		d.alerts.Add(1)
	}))
	t.Cleanup(hook.Close)

	env := []string{"CW_NATS_URL=" + d.cluster.URLs(), "CW_NATS_PREFIX=" + d.prefix, "CW_REPLICAS=3"}
	d.fleet = &fleet{}
	supCtx, supStop := context.WithCancel(context.Background())
	supDone := make(chan struct{})
	go func() {
		defer close(supDone)
		d.fleet.supervise(supCtx, t.Logf)
	}()
	t.Cleanup(func() {
		supStop()
		<-supDone
		d.fleet.stopAll()
		if t.Failed() {
			for _, r := range d.fleet.all() {
				t.Logf("---- %s (killed %d times) log tail:\n%s", r.name, r.kills, tail(r.log, 1500))
			}
		}
	})
	conc := func(s string) string { return fmt.Sprint(max(o.concurrent[s], 1)) }
	// One store first: it declares the topology at 3 replicas and migrates
	// the database, so the others start against a ready deployment.
	first := d.fleet.add(t, d.dir, bins["store"], "store", 1, env, "--db", viaProxy.String(), "--concurrency", conc("store"))
	waitReady(t, first[0], 3*time.Minute)
	if n := o.replicas["store"] - 1; n > 0 {
		d.fleet.add(t, d.dir, bins["store"], "store", n, env, "--db", viaProxy.String(), "--concurrency", conc("store"))
	}
	d.fleet.add(t, d.dir, bins["dedup"], "dedup", o.replicas["dedup"], env, "--concurrency", conc("dedup"))
	d.fleet.add(t, d.dir, bins["extractor"], "extractor", o.replicas["extractor"], env, "--concurrency", conc("extractor"))
	d.fleet.add(t, d.dir, bins["alerter"], "alerter", o.replicas["alerter"], env, "--concurrency", conc("alerter"),
		"--alert-webhook", hook.URL, "--alert-secret", "chaos-secret")
	d.fleet.add(t, d.dir, bins["fetcher"], "fetcher", o.replicas["fetcher"], env, "--feeds", feedsFile,
		"--allow-private-networks", "--no-full-text", "--poll-interval", "2s", "--min-interval", "1s", "--max-interval", "4s")
	for _, r := range d.fleet.all() {
		waitReady(t, r, 3*time.Minute)
	}

	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	conn, err := bus.Connect(ctx, bus.Options{URLs: strings.Split(d.cluster.URLs(), ","), Prefix: d.prefix, Replicas: 3,
		Name: "chaos-test"}, zaptest.NewLogger(t).Named("test"))
	if err != nil {
		t.Fatalf("test connection: %v", err)
	}
	t.Cleanup(func() {
		cctx, ccancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer ccancel()
		_ = conn.Close(cctx)
	})
	d.conn = conn
	return d
}

// waitReady waits for a replica's /readyz to answer 200.
func waitReady(t *testing.T, r *replica, within time.Duration) {
	t.Helper()
	deadline := time.Now().Add(within)
	client := &http.Client{Timeout: 3 * time.Second}
	for time.Now().Before(deadline) {
		resp, err := client.Get("http://" + r.http + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(250 * time.Millisecond)
	}
	t.Fatalf("%s not ready after %s:\n%s", r.name, within, tail(r.log, 3000))
}

// converge waits until every feed was served whole and the database holds
// want articles, no stubs and an empty outbox — twice in a row, a few
// seconds apart — failing the test if that does not happen within the
// deadline. Then it gives the consumers up to drainWithin to drain,
// reporting (not stopping at) a backlog that stays, so the state checks
// still run.
func (d *deployment) converge(t *testing.T, want int, within, drainWithin time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), within)
	defer cancel()
	streak := 0
	var last string
	for streak < 2 {
		st, derr := readDB(ctx, d.dsn)
		n, stubs := 0, 0
		if derr == nil {
			for _, a := range st.articles {
				if a.Stub {
					stubs++
				} else {
					n++
				}
			}
		}
		last = fmt.Sprintf("feeds served: %v, articles %d/%d, stubs %d, outbox %d (%v)",
			d.feeds.allServed(), n, want, stubs, outbox(st), derr)
		if derr == nil && d.feeds.allServed() && n >= want && stubs == 0 && st.outbox == 0 {
			streak++
		} else {
			streak = 0
		}
		select {
		case <-ctx.Done():
			t.Fatalf("no convergence within %s: %s", within, last)
		case <-time.After(3 * time.Second):
		}
	}
	t.Logf("data converged: %s", last)
	dctx, dcancel := context.WithTimeout(t.Context(), drainWithin)
	defer dcancel()
	for {
		left := map[string]string{}
		for _, c := range bus.Consumers() {
			p, a, err := d.conn.Backlog(dctx, c.Durable)
			if err != nil {
				left[c.Durable] = err.Error()
			} else if p+a > 0 {
				left[c.Durable] = fmt.Sprintf("%d pending, %d unacknowledged", p, a)
			}
		}
		if len(left) == 0 {
			return
		}
		select {
		case <-dctx.Done():
			t.Errorf("consumers not drained %s after the data converged: %v", drainWithin, left)
			return
		case <-time.After(3 * time.Second):
		}
	}
}

func outbox(st *dbState) int {
	if st == nil {
		return -1
	}
	return st.outbox
}

// TestFaultInjection runs ~2,000 articles through the distributed
// deployment while killing stage replicas, restarting a NATS node and
// cutting PostgreSQL off, and checks nothing was lost or doubled.
func TestFaultInjection(t *testing.T) {
	if os.Getenv("CW_FAULT_SUITE") != "1" {
		t.Skip("SKIPPING fault-injection suite: set CW_FAULT_SUITE=1 to run it (.ci/run does); it needs nats-server and PostgreSQL on 127.0.0.1:5432")
	}
	if testing.Short() {
		t.Skip("SKIPPING fault-injection suite in -short mode")
	}
	docs, groups := stableDocs(t, buildDocs(t, 1700, 6))
	t.Logf("%d articles in %d duplicate groups", len(docs), countGroups(groups))
	d := deploy(t, deployOptions{
		docs: docs, nFeeds: 16, spread: 45 * time.Second,
		replicas:   map[string]int{"fetcher": 2, "dedup": 2, "extractor": 3, "store": 2, "alerter": 2},
		concurrent: map[string]int{"fetcher": 8, "dedup": 4, "extractor": 2, "store": 4, "alerter": 4},
	})

	start := time.Now()
	d.feeds.begin()
	ctx, cancel := context.WithCancel(t.Context())
	var wg sync.WaitGroup
	var events []string
	var evMu sync.Mutex
	note := func(format string, args ...any) {
		evMu.Lock()
		defer evMu.Unlock()
		events = append(events, fmt.Sprintf("%5.1fs ", time.Since(start).Seconds())+fmt.Sprintf(format, args...))
	}

	// Killer: every few seconds a random worker replica gets SIGKILL and is
	// restarted a moment later. Fetchers are restarted with SIGTERM instead:
	// a fetcher killed mid-poll holds its feed's lease for the lease
	// timeout (5 min), longer than this suite may run.
	wg.Go(func() {
		for i := 0; ; i++ {
			select {
			case <-ctx.Done():
				return
			case <-time.After(4 * time.Second):
			}
			r := d.fleet.pick("dedup", "extractor", "store", "alerter")
			note("kill -9 %s", r.name)
			r.held.Store(true)
			r.kill9()
			time.Sleep(time.Second)
			err := r.start()
			r.held.Store(false)
			if err != nil {
				t.Errorf("restart %s: %v", r.name, err)
				return
			}
			if i == 5 {
				f := d.fleet.pick("fetcher")
				note("SIGTERM and restart %s", f.name)
				f.held.Store(true)
				f.stop(20 * time.Second)
				err := f.start()
				f.held.Store(false)
				if err != nil {
					t.Errorf("restart %s: %v", f.name, err)
					return
				}
			}
		}
	})
	// Poison, a NATS node restart and a database outage, on a schedule.
	wg.Go(func() {
		at := func(d time.Duration) bool {
			select {
			case <-ctx.Done():
				return false
			case <-time.After(time.Until(start.Add(d))):
				return true
			}
		}
		if !at(8 * time.Second) {
			return
		}
		for i, p := range []string{`{"v":2,"id":"` + poisonMarker + `-1"}`, `{"v":1,"id":"` + poisonMarker + `-2","url":"htt`, poisonMarker + "-3 is not JSON"} {
			pctx, pcancel := context.WithTimeout(ctx, 30*time.Second)
			err := d.conn.Publish(pctx, bus.SubjectArticlesRaw, fmt.Sprintf("%s-%d", poisonMarker, i), []byte(p))
			pcancel()
			if err != nil {
				t.Errorf("publish poison: %v", err)
			}
		}
		note("published 3 poison messages")
		if !at(15 * time.Second) {
			return
		}
		node := d.cluster.nodes[1]
		note("kill -9 nats %s", node.name)
		d.cluster.kill(node)
		if !at(25 * time.Second) {
			return
		}
		if err := d.cluster.start(node); err != nil {
			t.Errorf("restart nats %s: %v", node.name, err)
			return
		}
		note("restarted nats %s", node.name)
		if !at(35 * time.Second) {
			return
		}
		note("PostgreSQL unreachable")
		d.proxy.Cut()
		at(45 * time.Second)
		d.proxy.Restore()
		note("PostgreSQL reachable again")
	})
	select {
	case <-time.After(70 * time.Second):
	case <-t.Context().Done():
	}
	cancel()
	wg.Wait()
	d.proxy.Restore()
	for _, e := range events {
		t.Log(e)
	}

	d.converge(t, len(docs), 8*time.Minute, 90*time.Second)
	t.Logf("converged %s after the start; %d webhook alerts received; %d replica exits the test did not cause (restarted by the supervisor, see above)",
		time.Since(start).Round(time.Second), d.alerts.Load(), d.fleet.unexpectedExits())

	vctx, vcancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer vcancel()
	st, err := readDB(vctx, d.dsn)
	if err != nil {
		t.Fatal(err)
	}
	verifyArticles(t, st, docs, groups)
	verifyClaims(t, st)
	verifyEvents(t, d.conn, st)
	verifyDLQ(t, d.conn, 3)
}

func countGroups(groups map[string]string) int {
	seen := map[string]bool{}
	for _, g := range groups {
		seen[g] = true
	}
	return len(seen)
}
