package dedupeval

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// SeedPrefix starts the ID of every seed document ReadSeeds returns.
const SeedPrefix = "seed-"

// ReadSeeds reads the seed articles of dir (*.txt, title on the first
// line, as corpus/README.md describes them), sorted by file name.
func ReadSeeds(dir string) ([]Doc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%w: no seeds in %s", ErrNoCorpus, dir)
	}
	slices.Sort(files)
	var out []Doc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		title, text, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
		id := SeedPrefix + strings.TrimSuffix(filepath.Base(f), ".txt")
		out = append(out, Doc{ID: id, Title: strings.TrimSpace(title), Text: strings.TrimSpace(text)})
	}
	return out, nil
}

// MixSeeds spreads seeds evenly through stream, as a day of news would
// carry them, and gives every document score.py's synthetic times.
func MixSeeds(stream, seeds []Doc) []Doc {
	out := make([]Doc, 0, len(stream)+len(seeds))
	step := max(1, len(stream)/(len(seeds)+1))
	k := 0
	for i, d := range stream {
		out = append(out, d)
		if (i+1)%step == 0 && k < len(seeds) {
			out = append(out, seeds[k])
			k++
		}
	}
	out = append(out, seeds[k:]...)
	for i := range out {
		out[i].Published = time.Time{}
	}
	Synthesize(out)
	return out
}

// SeedStory checks the seeds' story assignment: all seeds in one story,
// and no other document in it. It returns whether both hold and a
// one-line summary.
func SeedStory(story map[string]string, seeds []Doc) (bool, string) {
	if len(seeds) == 0 {
		return false, "no seeds"
	}
	stories := map[string]int{}
	for _, s := range seeds {
		stories[story[s.ID]]++
	}
	main := story[seeds[0].ID]
	others := 0
	for id, st := range story {
		if st == main && !strings.HasPrefix(id, SeedPrefix) {
			others++
		}
	}
	ok := len(stories) == 1 && others == 0
	return ok, fmt.Sprintf("seeds=%d seed_stories=%d other_articles_in_seed_story=%d ok=%v", len(seeds), len(stories), others, ok)
}
