package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/claimwatch/claimwatch/pkg/dedup"
	"github.com/claimwatch/claimwatch/pkg/dedup/dedupeval"
	"github.com/claimwatch/claimwatch/pkg/service"
)

// clusterLine is one output line of `claimwatch cluster` (DESIGN.md).
type clusterLine struct {
	ID          string  `json:"id"`
	DuplicateOf *string `json:"duplicate_of"`
	Story       string  `json:"story"`
}

// runCluster implements `claimwatch cluster FILE.jsonl`: it reads articles
// ({"id","url","title","text","published"} per line; "-" reads stdin),
// runs the dedup stage's index and story clustering over them in
// publication order, and prints {"id","duplicate_of","story"} per article
// in input order.
func runCluster(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("cluster", flag.ContinueOnError)
	fs.SetOutput(stderr)
	threshold := fs.Float64("threshold", dedup.DefaultThreshold, "near-duplicate similarity threshold")
	storyThreshold := fs.Float64("story-threshold", dedup.DefaultStoryThreshold, "story similarity threshold")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: claimwatch cluster [options] FILE.jsonl|-")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %w", service.ErrUsage, err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("%w: cluster needs one FILE.jsonl (or -)", service.ErrUsage)
	}
	docs, err := readClusterInput(fs.Arg(0))
	if err != nil {
		return err
	}
	idx, err := dedup.NewMemory(dedup.WithThreshold(*threshold))
	if err != nil {
		return fmt.Errorf("%w: %w", service.ErrUsage, err)
	}
	res, err := dedup.Offline(ctx, docs, idx, dedup.NewClusterer(dedup.StoryConfig{Threshold: *storyThreshold}))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	for _, r := range res {
		line := clusterLine{ID: r.ID, Story: r.Story}
		if r.DuplicateOf != "" {
			line.DuplicateOf = &r.DuplicateOf
		}
		if err := enc.Encode(line); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	return nil
}

func readClusterInput(path string) ([]dedup.Doc, error) {
	var in []dedupeval.Doc
	var err error
	if path == "-" {
		in, err = dedupeval.ReadDocs(os.Stdin)
		if err != nil {
			err = fmt.Errorf("read stdin: %w", err)
		}
	} else {
		in, err = dedupeval.ReadFile(path)
	}
	if err != nil {
		return nil, err
	}
	return toDedupDocs(in), nil
}

func toDedupDocs(in []dedupeval.Doc) []dedup.Doc {
	out := make([]dedup.Doc, len(in))
	for i, d := range in {
		out[i] = dedup.Doc{ID: d.ID, URL: d.URL, Title: d.Title, Text: d.Text, Published: d.Published}
	}
	return out
}
