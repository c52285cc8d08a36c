package dedupeval

import (
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPairwise(t *testing.T) {
	gold := map[string]string{"a": "x", "b": "x", "c": "x", "d": "y", "e": "z"}
	tests := []struct {
		name    string
		pred    map[string]string
		p, r, f float64
	}{
		{"the gold clustering scores one", map[string]string{"a": "1", "b": "1", "c": "1", "d": "2", "e": "3"}, 1, 1, 1},
		{"all singletons have no pairs", map[string]string{"a": "1", "b": "2", "c": "3", "d": "4", "e": "5"}, 0, 0, 0},
		{"one big cluster has every pair", map[string]string{"a": "1", "b": "1", "c": "1", "d": "1", "e": "1"}, 0.3, 1, 2 * 0.3 / 1.3},
		{"a split cluster loses recall", map[string]string{"a": "1", "b": "1", "c": "2", "d": "3", "e": "4"}, 1, 1.0 / 3, 0.5},
		{"documents without an answer are left out", map[string]string{"a": "1", "b": "1"}, 1, 1, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Pairwise(tc.pred, gold)
			for _, c := range []struct {
				name      string
				got, want float64
			}{{"precision", s.Precision, tc.p}, {"recall", s.Recall, tc.r}, {"f1", s.F1, tc.f}} {
				if math.Abs(c.got-c.want) > 1e-9 {
					t.Errorf("%s = %v, want %v (%+v)", c.name, c.got, c.want, s)
				}
			}
		})
	}
}

func TestRoots(t *testing.T) {
	got := Roots(map[string]string{"a": "", "b": "a", "c": "b", "d": "d", "x": "y", "y": "x"})
	want := map[string]string{"a": "a", "b": "a", "c": "a", "d": "d"}
	for id, r := range want {
		if got[id] != r {
			t.Errorf("root of %s = %s, want %s", id, got[id], r)
		}
	}
	// A cycle in bad input ends after a bounded walk instead of hanging.
	if got["x"] == "" || got["y"] == "" {
		t.Errorf("cycle members got no root: %v", got)
	}
}

func TestReadDocs(t *testing.T) {
	docs, err := ReadDocs(strings.NewReader("{\"id\":\"a\",\"title\":\"T\",\"published\":\"2014-03-10T16:52:50.698000+00:00\"}\n\n  \n{\"id\":\"b\",\"story\":\"s\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "b"}, []string{docs[0].ID, docs[1].ID}); diff != "" {
		t.Error(diff)
	}
	if docs[0].Published.IsZero() || docs[1].Story != "s" {
		t.Errorf("fields not read: %+v", docs)
	}
	for name, in := range map[string]string{"bad json": "{\"id\":", "no id": "{\"title\":\"x\"}"} {
		if _, err := ReadDocs(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "line 1") {
			t.Errorf("%s: error %v, want one naming line 1", name, err)
		}
	}
}

func TestMixSeeds(t *testing.T) {
	stream := make([]Doc, 10)
	for i := range stream {
		stream[i].ID = string(rune('a' + i))
	}
	seeds := []Doc{{ID: SeedPrefix + "1"}, {ID: SeedPrefix + "2"}}
	mixed := MixSeeds(stream, seeds)
	if len(mixed) != 12 {
		t.Fatalf("got %d documents, want 12", len(mixed))
	}
	for i := 1; i < len(mixed); i++ {
		if !mixed[i].Published.After(mixed[i-1].Published) {
			t.Fatalf("times not increasing at %d", i)
		}
	}
	story := map[string]string{SeedPrefix + "1": "s", SeedPrefix + "2": "s", "a": "t"}
	if ok, _ := SeedStory(story, seeds); !ok {
		t.Error("seeds alone in one story not accepted")
	}
	story["a"] = "s"
	if ok, _ := SeedStory(story, seeds); ok {
		t.Error("a stream article in the seeds' story accepted")
	}
}
