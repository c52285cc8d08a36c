package deploy

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/claimwatch/claimwatch/pkg/alert"
	"gopkg.in/yaml.v3"
)

// yamlFiles lists every YAML file under deploy/.
func yamlFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk deploy: %v", err)
	}
	if len(files) == 0 {
		t.Fatal("no YAML files under deploy/")
	}
	return files
}

// decodeAll decodes every document of a multi-document YAML file.
func decodeAll(t *testing.T, path string) []map[string]any {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []map[string]any
	for i := 0; ; i++ {
		var doc map[string]any
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("%s: document %d: %v", path, i, err)
		}
		if doc != nil {
			docs = append(docs, doc)
		}
	}
	return docs
}

func TestEveryYAMLFileParses(t *testing.T) {
	for _, path := range yamlFiles(t) {
		t.Run(path, func(t *testing.T) {
			docs := decodeAll(t, path)
			if len(docs) == 0 {
				t.Fatalf("%s has no documents", path)
			}
		})
	}
}

func TestKubernetesObjectsAreComplete(t *testing.T) {
	for _, path := range yamlFiles(t) {
		if !strings.HasPrefix(path, "k8s"+string(filepath.Separator)) {
			continue
		}
		for i, doc := range decodeAll(t, path) {
			kind, _ := doc["kind"].(string)
			if kind == "" || doc["apiVersion"] == nil {
				t.Errorf("%s document %d: no kind or apiVersion", path, i)
				continue
			}
			if kind == "Kustomization" {
				continue
			}
			if str(doc, "metadata", "name") == "" {
				t.Errorf("%s %s: no metadata.name", path, kind)
			}
			if kind != "Namespace" && str(doc, "metadata", "namespace") != "claimwatch" {
				t.Errorf("%s %s: namespace %q, want claimwatch", path, kind, str(doc, "metadata", "namespace"))
			}
		}
	}
}

func TestKustomizationListsEveryManifest(t *testing.T) {
	docs := decodeAll(t, filepath.Join("k8s", "kustomization.yaml"))
	var listed []string
	for _, r := range list(docs[0], "resources") {
		listed = append(listed, r.(string))
	}
	entries, err := os.ReadDir("k8s")
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, e := range entries {
		n := e.Name()
		// The secret is an example to copy, never applied from the repository.
		if strings.HasSuffix(n, ".yaml") && n != "kustomization.yaml" && !strings.Contains(n, "example") {
			want = append(want, n)
		}
	}
	slices.Sort(listed)
	slices.Sort(want)
	if d := cmp.Diff(want, listed); d != "" {
		t.Errorf("kustomization resources differ from k8s/*.yaml (-files +listed):\n%s", d)
	}
}

var buildLine = regexp.MustCompile(`\./cmd/([a-z0-9_-]+)`)

func TestDockerfileBuildsEveryBinaryStatically(t *testing.T) {
	data, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	df := string(data)
	var built []string
	for _, m := range buildLine.FindAllStringSubmatch(df, -1) {
		built = append(built, m[1])
	}
	slices.Sort(built)
	if d := cmp.Diff(binariesUnderCmd(t), built); d != "" {
		t.Errorf("Dockerfile builds a different set of binaries than cmd/ holds (-cmd +Dockerfile):\n%s", d)
	}
	for _, want := range []string{"CGO_ENABLED=0", "-trimpath"} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile does not set %s", want)
		}
	}
	var froms, users []string
	for _, line := range strings.Split(df, "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 && strings.EqualFold(f[0], "FROM") {
			froms = append(froms, f[1])
		}
		if len(f) >= 2 && strings.EqualFold(f[0], "USER") {
			users = append(users, f[1])
		}
	}
	if len(froms) < 2 {
		t.Fatalf("Dockerfile has %d stages, want a multi-stage build", len(froms))
	}
	final := froms[len(froms)-1]
	if !strings.HasPrefix(final, "gcr.io/distroless/static") && final != "scratch" {
		t.Errorf("final image %s: want distroless/static or scratch", final)
	}
	if len(users) == 0 {
		t.Fatal("Dockerfile never sets USER: the image would run as root")
	}
	if u := users[len(users)-1]; u == "root" || u == "0" || strings.HasPrefix(u, "0:") {
		t.Errorf("final USER %s is root", u)
	}
}

// binariesUnderCmd lists the directories of ../cmd holding a main package.
func binariesUnderCmd(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("..", "cmd"))
	if err != nil {
		t.Fatalf("read ../cmd: %v", err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			if _, err := os.Stat(filepath.Join("..", "cmd", e.Name(), "main.go")); err == nil {
				out = append(out, e.Name())
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestHelmValuesDescribeAThreeNodeJetStreamCluster(t *testing.T) {
	v := decodeAll(t, filepath.Join("helm", "nats-values.yaml"))[0]
	if b, _ := dig(v, "config", "cluster", "enabled").(bool); !b {
		t.Error("config.cluster.enabled is not true")
	}
	if n, _ := dig(v, "config", "cluster", "replicas").(int); n != 3 {
		t.Errorf("config.cluster.replicas = %v, want 3", dig(v, "config", "cluster", "replicas"))
	}
	if b, _ := dig(v, "config", "jetstream", "enabled").(bool); !b {
		t.Error("config.jetstream.enabled is not true")
	}
	if b, _ := dig(v, "config", "jetstream", "fileStore", "pvc", "enabled").(bool); !b {
		t.Error("JetStream file store is not on a persistent volume")
	}
	if s, _ := dig(v, "config", "merge", "authorization", "password").(string); !strings.Contains(s, "$NATS_PASSWORD") {
		t.Errorf("NATS password %q is not taken from the environment (secret)", s)
	}
}

func TestSecretsAreNotInTheRepository(t *testing.T) {
	// Compose takes every secret from the environment; the only Secret
	// manifest is an example with placeholders.
	compose, err := os.ReadFile("docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"NATS_PASSWORD", "POSTGRES_PASSWORD", "CW_API_TOKEN"} {
		if !strings.Contains(string(compose), "${"+v+":?") {
			t.Errorf("docker-compose.yml does not require %s from the environment", v)
		}
	}
	for _, path := range yamlFiles(t) {
		for _, doc := range decodeAll(t, path) {
			if doc["kind"] != "Secret" {
				continue
			}
			if !strings.Contains(path, "example") {
				t.Errorf("%s holds a Secret; only *example* files may", path)
			}
			for k, val := range mapOf(doc, "stringData") {
				if !strings.Contains(val.(string), "REPLACE_ME") {
					t.Errorf("%s: secret key %s holds a value, not a placeholder", path, k)
				}
			}
		}
	}
}

// dig walks nested maps; nil when a key is missing.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func str(v any, keys ...string) string {
	s, _ := dig(v, keys...).(string)
	return s
}

func list(v any, keys ...string) []any {
	l, _ := dig(v, keys...).([]any)
	return l
}

func mapOf(v any, keys ...string) map[string]any {
	m, _ := dig(v, keys...).(map[string]any)
	return m
}

// TestAlertRulesLoad checks the rules the deployments give the alerter
// parse with pkg/alert (the alerter refuses to start without rules), and
// that the Kubernetes ConfigMap carries the same file.
func TestAlertRulesLoad(t *testing.T) {
	if _, err := alert.LoadRules("alert-rules.yaml"); err != nil {
		t.Fatalf("alert-rules.yaml: %v", err)
	}
	want, err := os.ReadFile("alert-rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var got string
	for _, doc := range decodeAll(t, filepath.Join("k8s", "config.yaml")) {
		if str(doc, "metadata", "name") == "claimwatch-alert-rules" {
			got = str(doc, "data", "alert-rules.yaml")
		}
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("k8s/config.yaml claimwatch-alert-rules differs from alert-rules.yaml (-file +configmap):\n%s", d)
	}
}
