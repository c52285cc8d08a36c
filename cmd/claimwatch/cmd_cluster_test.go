package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/claimwatch/claimwatch/pkg/dedup/dedupeval"
	"github.com/claimwatch/claimwatch/pkg/service"
)

const clusterBody = `Chelsea left-back Wayne Bridge could miss the rest of the season with a suspected broken ankle.

The England international, 24, was hurt in an innocuous challenge with Alan Shearer during the Londoners' FA Cup defeat at Newcastle on Sunday. "We think it's a big injury," said Jose Mourinho, whose Chelsea side are chasing three trophies.

Bridge's injury also means Mourinho, who reportedly wants to sign Ashley Cole from Arsenal, will not have a specialist senior left-back for the run-in to the season.`

const otherBody = `Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn for the three months to December, from $639m a year earlier.

The firm, which is now one of the biggest investors in Google, benefited from sales of high-speed internet connections and higher advert sales.`

func writeJSONL(t *testing.T, rows []map[string]any) string {
	t.Helper()
	var b bytes.Buffer
	for _, r := range rows {
		line, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(line)
		b.WriteByte('\n')
	}
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunClusterPrintsOneLinePerArticle(t *testing.T) {
	path := writeJSONL(t, []map[string]any{
		// The copy comes first in the file but was published later.
		{"id": "copy", "url": "https://b.example/bridge", "title": "Bridge could miss - report", "text": "Share this article\n\n" + clusterBody + "\n\nAdvertisement", "published": "2024-10-24T12:00:00Z"},
		{"id": "orig", "url": "https://a.example/bridge", "title": "Bridge could miss rest of season", "text": clusterBody, "published": "2024-10-24T09:00:00Z"},
		{"id": "other", "url": "https://a.example/timewarner", "title": "Ad sales boost Time Warner profit", "text": otherBody, "published": "2024-10-24T10:00:00Z"},
		{"id": "same-url", "url": "https://a.example/timewarner?utm_source=rss", "title": "Time Warner", "text": "A different teaser text entirely, nothing alike.", "published": "2024-10-24T11:00:00Z"},
	})
	var out, errOut bytes.Buffer
	if err := runCluster(context.Background(), []string{path}, &out, &errOut); err != nil {
		t.Fatalf("runCluster: %v (stderr %s)", err, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 4 {
		t.Fatalf("got %d lines, want 4:\n%s", len(lines), out.String())
	}
	got := map[string]map[string]any{}
	var order []string
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("bad output line %q: %v", l, err)
		}
		for _, k := range []string{"id", "duplicate_of", "story"} {
			if _, ok := m[k]; !ok {
				t.Errorf("line %q has no %q", l, k)
			}
		}
		id := m["id"].(string)
		got[id] = m
		order = append(order, id)
	}
	if strings.Join(order, ",") != "copy,orig,other,same-url" {
		t.Errorf("output order %v, want input order", order)
	}
	if got["orig"]["duplicate_of"] != nil || got["other"]["duplicate_of"] != nil {
		t.Errorf("originals must have duplicate_of null: %v %v", got["orig"], got["other"])
	}
	if got["copy"]["duplicate_of"] != "orig" {
		t.Errorf("copy: duplicate_of %v, want orig (the earlier article)", got["copy"]["duplicate_of"])
	}
	if got["same-url"]["duplicate_of"] != "other" {
		t.Errorf("same canonical URL: duplicate_of %v, want other", got["same-url"]["duplicate_of"])
	}
	if got["copy"]["story"] != got["orig"]["story"] || got["orig"]["story"] == got["other"]["story"] {
		t.Errorf("stories: copy %v orig %v other %v", got["copy"]["story"], got["orig"]["story"], got["other"]["story"])
	}
}

func TestRunClusterRejectsBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	if err := os.WriteFile(bad, []byte("{\"id\":\"a\",\"text\":\"x\"}\n{not json}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	noID := filepath.Join(dir, "noid.jsonl")
	if err := os.WriteFile(noID, []byte("{\"text\":\"x\"}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		args  []string
		usage bool
		want  string
	}{
		{"no file is a usage error", nil, true, ""},
		{"two files are a usage error", []string{bad, bad}, true, ""},
		{"a missing file is reported", []string{filepath.Join(dir, "missing.jsonl")}, false, "missing.jsonl"},
		{"a malformed line is reported with its number", []string{bad}, false, "line 2"},
		{"a line without id is reported", []string{noID}, false, "no id"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := runCluster(context.Background(), tc.args, &out, &errOut)
			if err == nil {
				t.Fatalf("no error; output %q", out.String())
			}
			if errors.Is(err, service.ErrUsage) != tc.usage {
				t.Errorf("usage error = %v, want %v (%v)", errors.Is(err, service.ErrUsage), tc.usage, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not mention %q", err, tc.want)
			}
		})
	}
}

// figure extracts key=value from eval output.
func evalFigure(t *testing.T, out, key string) float64 {
	t.Helper()
	m := regexp.MustCompile(`\b` + key + `=([0-9.]+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no %s in output:\n%s", key, out)
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func corpusOrSkip(t *testing.T) string {
	t.Helper()
	dir, err := dedupeval.FindCorpus(".")
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	return dir
}

func TestRunEvalDedup(t *testing.T) {
	dir := corpusOrSkip(t)
	var out, errOut bytes.Buffer
	if err := runEvalDedup(context.Background(), []string{"--corpus", dir}, &out, &errOut); err != nil {
		t.Fatalf("eval dedup: %v (%s)", err, errOut.String())
	}
	t.Log(out.String())
	if f1 := evalFigure(t, out.String(), "dup_f1"); f1 < 0.97 {
		t.Errorf("dup_f1 = %.3f, goal >= 0.97", f1)
	}
}

func TestRunEvalStories(t *testing.T) {
	dir := corpusOrSkip(t)
	var out, errOut bytes.Buffer
	if err := runEvalStories(context.Background(), []string{"--corpus", dir}, &out, &errOut); err != nil {
		t.Fatalf("eval stories: %v (%s)", err, errOut.String())
	}
	t.Log(out.String())
	// The defaults reach 0.904 (pkg/dedup TestStoryEvaluationUCI); the
	// issue's goal 0.90 is the floor.
	if f1 := evalFigure(t, out.String(), "story_f1"); f1 < 0.90 {
		t.Errorf("story_f1 = %.3f, floor 0.90", f1)
	}
	if !strings.Contains(out.String(), "ok=true") {
		t.Errorf("seeds are not one story free of BBC articles:\n%s", out.String())
	}
}
