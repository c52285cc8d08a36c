package deploy

import (
	"context"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// binaryHelp is what one binary's --help says it accepts.
type binaryHelp struct {
	path  string
	flags map[string]bool
	env   map[string]bool
}

var (
	helpFlag = regexp.MustCompile(`(?m)^\s+--?([a-z0-9][a-z0-9-]*)`)
	helpEnv  = regexp.MustCompile(`\(env (CW_[A-Z0-9_]+)\)`)
)

var (
	buildOnce sync.Once
	built     map[string]*binaryHelp
	buildErr  string
)

// stageBinaries builds every binary under cmd/ once per test run (without
// cgo, as the Dockerfile does) and reads its --help. It fails the test when
// a binary the deploy files run does not build.
func stageBinaries(t *testing.T) map[string]*binaryHelp {
	t.Helper()
	if testing.Short() {
		t.Skip("SKIPPING: -short: building the binaries takes a while")
	}
	buildOnce.Do(func() {
		dir := binDir
		names := binariesUnderCmd(t)
		args := []string{"build", "-o", dir + string(filepath.Separator)}
		for _, n := range names {
			args = append(args, "./cmd/"+n)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = ".."
		cmd.Env = append(cmd.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = "go " + strings.Join(args, " ") + ": " + err.Error() + "\n" + string(out)
			return
		}
		built = map[string]*binaryHelp{}
		for _, n := range names {
			h, err := readHelp(ctx, filepath.Join(dir, n))
			if err != nil {
				buildErr = err.Error()
				return
			}
			built[n] = h
		}
	})
	if buildErr != "" {
		t.Fatalf("building the binaries: %s", buildErr)
	}
	return built
}

func readHelp(ctx context.Context, path string) (*binaryHelp, error) {
	name := filepath.Base(path)
	args := []string{"--help"}
	if name == "claimwatch" {
		args = []string{"run", "--help"}
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	// --help exits 0 and prints to stderr (flag package convention).
	out, err := exec.CommandContext(ctx, path, args...).CombinedOutput()
	if err != nil {
		return nil, &helpError{name: name, err: err, out: string(out)}
	}
	h := &binaryHelp{path: path, flags: map[string]bool{}, env: map[string]bool{}}
	for _, m := range helpFlag.FindAllStringSubmatch(string(out), -1) {
		h.flags[m[1]] = true
	}
	for _, m := range helpEnv.FindAllStringSubmatch(string(out), -1) {
		h.env[m[1]] = true
	}
	if len(h.flags) == 0 {
		return nil, &helpError{name: name, out: string(out)}
	}
	return h, nil
}

type helpError struct {
	name string
	err  error
	out  string
}

func (e *helpError) Error() string {
	return e.name + " --help: no flags read (" + errString(e.err) + "):\n" + e.out
}

func errString(err error) string {
	if err == nil {
		return "exit 0"
	}
	return err.Error()
}

// invocation is one container's command line and environment as a deploy
// file gives it.
type invocation struct {
	where   string
	binary  string
	args    []string
	env     []string
	httpArg string
}

// checkInvocation fails the test for each flag or CW_* variable the
// binary does not know.
func checkInvocation(t *testing.T, bins map[string]*binaryHelp, inv invocation) {
	t.Helper()
	h, ok := bins[inv.binary]
	if !ok {
		t.Errorf("%s runs %q, which is not a binary under cmd/", inv.where, inv.binary)
		return
	}
	for _, a := range inv.args {
		if !strings.HasPrefix(a, "-") {
			continue
		}
		name := strings.TrimLeft(a, "-")
		name, _, _ = strings.Cut(name, "=")
		if !h.flags[name] {
			t.Errorf("%s passes %s, but %s --help has no such flag", inv.where, a, inv.binary)
		}
	}
	for _, e := range inv.env {
		if strings.HasPrefix(e, "CW_") && !h.env[e] {
			t.Errorf("%s sets %s, but %s does not read it (a binary ignores unknown variables silently)", inv.where, e, inv.binary)
		}
	}
}

// flagValue returns the value of --name in args ("" when absent).
func flagValue(args []string, name string) string {
	for i, a := range args {
		if a == "--"+name && i+1 < len(args) {
			return args[i+1]
		}
		if v, ok := strings.CutPrefix(a, "--"+name+"="); ok {
			return v
		}
	}
	return ""
}

func portOf(addr string) int {
	_, p, _ := strings.Cut(addr, ":")
	n, _ := strconv.Atoi(p)
	return n
}

func composeInvocations(t *testing.T) (invs []invocation, services map[string]any) {
	t.Helper()
	doc := decodeAll(t, "docker-compose.yml")[0]
	services = mapOf(doc, "services")
	for name, s := range services {
		if !strings.HasPrefix(str(s, "image"), "claimwatch") {
			continue
		}
		var argv []string
		for _, a := range list(s, "command") {
			argv = append(argv, a.(string))
		}
		if len(argv) == 0 {
			t.Errorf("compose service %s has no command", name)
			continue
		}
		var env []string
		for k := range mapOf(s, "environment") {
			env = append(env, k)
		}
		invs = append(invs, invocation{where: "docker-compose.yml service " + name, binary: argv[0],
			args: argv[1:], env: env, httpArg: flagValue(argv[1:], "http")})
	}
	slices.SortFunc(invs, func(a, b invocation) int { return strings.Compare(a.where, b.where) })
	return invs, services
}

func TestComposeFlagsExist(t *testing.T) {
	bins := stageBinaries(t)
	invs, services := composeInvocations(t)
	stages := map[string]bool{}
	for _, inv := range invs {
		checkInvocation(t, bins, inv)
		stages[inv.binary] = true
		if inv.httpArg == "" || !strings.HasPrefix(inv.httpArg, "0.0.0.0:") {
			t.Errorf("%s: --http %q: must listen on 0.0.0.0 for Prometheus and probes to reach it", inv.where, inv.httpArg)
		}
	}
	for _, stage := range []string{"fetcher", "dedup", "extractor", "store", "alerter"} {
		if !stages[stage] {
			t.Errorf("docker-compose.yml runs no %s", stage)
		}
	}
	for name, s := range services {
		if !strings.HasPrefix(str(s, "image"), "claimwatch") {
			continue
		}
		if r, _ := dig(s, "deploy", "replicas").(int); r < 2 {
			t.Errorf("compose service %s: %d replicas, want 2 or more", name, r)
		}
		if got := str(s, "environment", "CW_REPLICAS"); got != "3" {
			t.Errorf("compose service %s: CW_REPLICAS=%q, want 3 (streams on the 3-node cluster)", name, got)
		}
		if got := str(s, "environment", "CW_NATS_URL"); strings.Count(got, "nats://") != 3 {
			t.Errorf("compose service %s: CW_NATS_URL=%q, want all three NATS nodes", name, got)
		}
	}
	var natsNodes int
	for name, s := range services {
		if strings.HasPrefix(str(s, "image"), "nats:") {
			natsNodes++
			if str(s, "environment", "SERVER_NAME") != name {
				t.Errorf("nats service %s: SERVER_NAME %q differs from the service name the routes use", name, str(s, "environment", "SERVER_NAME"))
			}
		}
	}
	if natsNodes != 3 {
		t.Errorf("docker-compose.yml has %d NATS nodes, want 3", natsNodes)
	}
	if services["postgres"] == nil {
		t.Error("docker-compose.yml has no postgres service")
	}
}

func TestPrometheusScrapesEveryComposeStage(t *testing.T) {
	invs, _ := composeInvocations(t)
	prom := decodeAll(t, "prometheus.yml")[0]
	scraped := map[string]int{} // compose service -> port
	for _, job := range list(prom, "scrape_configs") {
		for _, sd := range list(job, "dns_sd_configs") {
			port, _ := dig(sd, "port").(int)
			for _, n := range list(sd, "names") {
				scraped[n.(string)] = port
			}
		}
	}
	for _, inv := range invs {
		service := strings.TrimPrefix(inv.where, "docker-compose.yml service ")
		port, ok := scraped[service]
		if !ok {
			t.Errorf("prometheus.yml does not scrape compose service %s", service)
			continue
		}
		if want := portOf(inv.httpArg); port != want {
			t.Errorf("prometheus.yml scrapes %s on port %d, but it serves /metrics on %d", service, port, want)
		}
	}
}

// k8sContainer is one container of a Deployment with its probes.
type k8sContainer struct {
	invocation
	deployment string
	ports      map[string]int
	readiness  string
	liveness   string
	probePort  any
	requests   map[string]any
}

func k8sContainers(t *testing.T) []k8sContainer {
	t.Helper()
	var out []k8sContainer
	files, _ := filepath.Glob(filepath.Join("k8s", "*.yaml"))
	for _, path := range files {
		for _, doc := range decodeAll(t, path) {
			if doc["kind"] != "Deployment" {
				continue
			}
			dep := str(doc, "metadata", "name")
			for _, c := range list(doc, "spec", "template", "spec", "containers") {
				var argv []string
				for _, a := range list(c, "command") {
					argv = append(argv, a.(string))
				}
				for _, a := range list(c, "args") {
					argv = append(argv, a.(string))
				}
				var env []string
				for _, e := range list(c, "env") {
					env = append(env, str(e, "name"))
				}
				kc := k8sContainer{deployment: dep, ports: map[string]int{},
					readiness: str(c, "readinessProbe", "httpGet", "path"),
					liveness:  str(c, "livenessProbe", "httpGet", "path"),
					probePort: dig(c, "readinessProbe", "httpGet", "port"),
					requests:  mapOf(c, "resources", "requests"),
				}
				if len(argv) > 0 {
					kc.invocation = invocation{where: path + " deployment " + dep, binary: argv[0], args: argv[1:], env: env,
						httpArg: flagValue(argv[1:], "http")}
				}
				for _, p := range list(c, "ports") {
					n, _ := dig(p, "containerPort").(int)
					kc.ports[str(p, "name")] = n
				}
				out = append(out, kc)
			}
		}
	}
	return out
}

func TestKubernetesDeploymentsMatchTheBinaries(t *testing.T) {
	bins := stageBinaries(t)
	// Keys of the shared ConfigMap reach every container through envFrom,
	// so every binary must know every one of them.
	var shared []string
	for k := range mapOf(decodeAll(t, filepath.Join("k8s", "config.yaml"))[0], "data") {
		shared = append(shared, k)
	}
	seen := map[string]bool{}
	for _, c := range k8sContainers(t) {
		if c.binary == "" {
			t.Errorf("deployment %s: container has no command", c.deployment)
			continue
		}
		seen[c.binary] = true
		c.env = append(c.env, shared...)
		checkInvocation(t, bins, c.invocation)
		if c.readiness != "/readyz" {
			t.Errorf("%s: readiness probe path %q, want /readyz", c.where, c.readiness)
		}
		if c.liveness != "/healthz" {
			t.Errorf("%s: liveness probe path %q, want /healthz", c.where, c.liveness)
		}
		port := c.ports[fmtPort(c.probePort)]
		if n, ok := c.probePort.(int); ok {
			port = n
		}
		if want := portOf(c.httpArg); port == 0 || port != want {
			t.Errorf("%s: probes go to port %d but --http %q serves them", c.where, port, c.httpArg)
		}
		if c.requests["cpu"] == nil || c.requests["memory"] == nil {
			t.Errorf("%s: no cpu and memory requests", c.where)
		}
	}
	for _, stage := range []string{"fetcher", "dedup", "extractor", "store", "alerter"} {
		if !seen[stage] {
			t.Errorf("no Deployment runs %s", stage)
		}
	}
}

func fmtPort(p any) string {
	s, _ := p.(string)
	return s
}

func TestKubernetesAutoscalesTheExtractorAndExposesTheAPI(t *testing.T) {
	var hpaTarget, svcSelector, svcTarget string
	files, _ := filepath.Glob(filepath.Join("k8s", "*.yaml"))
	for _, path := range files {
		for _, doc := range decodeAll(t, path) {
			switch doc["kind"] {
			case "HorizontalPodAutoscaler":
				hpaTarget = str(doc, "spec", "scaleTargetRef", "kind") + "/" + str(doc, "spec", "scaleTargetRef", "name")
			case "Service":
				if str(doc, "metadata", "name") == "store" {
					svcSelector = str(doc, "spec", "selector", "app.kubernetes.io/name")
					svcTarget = fmtPort(dig(list(doc, "spec", "ports")[0], "targetPort"))
				}
			}
		}
	}
	if hpaTarget != "Deployment/extractor" {
		t.Errorf("HorizontalPodAutoscaler targets %q, want Deployment/extractor", hpaTarget)
	}
	if svcSelector != "store" {
		t.Errorf("the store Service selects %q, want the store pods", svcSelector)
	}
	for _, c := range k8sContainers(t) {
		if c.deployment == "store" {
			if _, ok := c.ports[svcTarget]; !ok {
				t.Errorf("the store Service targets port %q, which the store container does not name", svcTarget)
			}
		}
	}
}
