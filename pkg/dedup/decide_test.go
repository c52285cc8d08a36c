package dedup

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// newTestStory is a story of size articles, the last at last, with the
// given centroid.
func newTestStory(id string, size int, first, last int64, centroid map[string]float64) *story {
	s := &story{ID: id, First: first, Last: last, Size: size, Centroid: centroid}
	s.renorm()
	return s
}

func TestCandidatesKeepAQuietStoryWithARareSharedTerm(t *testing.T) {
	sc := newScorer(StoryConfig{})
	now := int64(1_000_000)
	// Many busy stories share a common word with the article; one quiet
	// story, idle for hours, shares its rare name.
	lists := map[string][]posting{"kursk": {{h: "quiet", t: now - 6*3600}}}
	for i := range maxPostings {
		lists["market"] = append(lists["market"], posting{h: fmt.Sprintf("busy-%02d", i), t: now - int64(i)})
	}
	vec := map[string]float64{"kursk": 0.9, "market": 0.1}
	got := sc.candidates(vec, lists, now)
	if len(got) != maxStoryCandidates {
		t.Fatalf("got %d candidates, want the cap %d", len(got), maxStoryCandidates)
	}
	if got[0] != "quiet" {
		t.Errorf("first candidate %q, want the story sharing the rare term", got[0])
	}
	if got[1] != "busy-00" {
		t.Errorf("second candidate %q, want the most recently active busy story", got[1])
	}
}

func TestCandidatesLeaveOutClosedStories(t *testing.T) {
	sc := newScorer(StoryConfig{CloseAfter: time.Hour})
	now := int64(1_000_000)
	lists := map[string][]posting{"gox": {{h: "old", t: now - 2*3600}, {h: "open", t: now - 60}}}
	got := sc.candidates(map[string]float64{"gox": 1}, lists, now)
	if diff := cmp.Diff([]string{"open"}, got); diff != "" {
		t.Errorf("candidates (-want +got):\n%s", diff)
	}
}

func TestDecideMergeRule(t *testing.T) {
	now := int64(1_000_000)
	tests := []struct {
		name       string
		a, b       map[string]float64
		wantSecond bool
	}{
		{
			name:       "two stories with common ground bridged by an article are merged",
			a:          map[string]float64{"google": 1, "referral": 1, "cloud": 0.5},
			b:          map[string]float64{"google": 1, "cloud": 1, "microsoft": 1},
			wantSecond: true,
		},
		{
			name: "two stories that share nothing but the bridging article are not merged",
			a:    map[string]float64{"google": 1, "referral": 1},
			b:    map[string]float64{"microsoft": 1, "xbox": 1},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sc := newScorer(StoryConfig{})
			a := newTestStory("st-a", 3, now-60, now-10, tc.a)
			b := newTestStory("st-b", 3, now-60, now-10, tc.b)
			vec := map[string]float64{"google": 0.5, "referral": 0.5, "cloud": 0.2, "microsoft": 0.5, "xbox": 0.5}
			d := sc.decide(vec, []*story{a, b}, now)
			if d.best == "" {
				t.Fatalf("the article joined no story: %+v", d)
			}
			if got := d.second != ""; got != tc.wantSecond {
				t.Errorf("merge = %v (%+v), want %v", got, d, tc.wantSecond)
			}
		})
	}
}

func TestAbsorbKeepsPace(t *testing.T) {
	into := newTestStory("st-a", 4, 100, 400, map[string]float64{"x": 1})
	from := newTestStory("st-b", 3, 50, 300, map[string]float64{"x": 1, "y": 2})
	into.absorb(from)
	got := [4]int64{int64(into.Size), into.First, into.Last, int64(into.Centroid["y"])}
	if diff := cmp.Diff([4]int64{7, 50, 400, 2}, got); diff != "" {
		t.Errorf("size, first, last, y (-want +got):\n%s", diff)
	}
}

func TestStoryTermsNames(t *testing.T) {
	terms := storyTerms("Putin does not deny troops are in Russia",
		"Officials in Ukraine said North Korean troops arrived, and Vladimir Putin did not deny it.")
	for _, want := range []string{"e:north korean", "e:vladimir putin", "ukraine", "putin"} {
		if terms[want] == 0 {
			t.Errorf("term %q missing: %v", want, terms)
		}
	}
	// A one-word name is a word term only, not a second entity term.
	for _, unwanted := range []string{"e:ukraine", "e:russia", "e:putin"} {
		if terms[unwanted] != 0 {
			t.Errorf("one-word name counted twice as %q: %v", unwanted, terms)
		}
	}
}
