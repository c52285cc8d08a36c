package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"github.com/claimwatch/claimwatch/pkg/dedup"
	"github.com/claimwatch/claimwatch/pkg/dedup/dedupeval"
	"github.com/claimwatch/claimwatch/pkg/service"
)

// evalFlags parses the options shared by `eval dedup` and `eval stories`
// and returns the corpus directory and the file to score.
func evalFlags(name, defaultFile string, args []string, stderr io.Writer) (dir, file string, err error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	corpus := fs.String("corpus", "", "corpus directory (default: ../shared/corpus from the working directory, or $CW_CORPUS)")
	path := fs.String("file", "", "JSONL file to score (default: <corpus>/"+defaultFile+")")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", "", err
		}
		return "", "", fmt.Errorf("%w: %w", service.ErrUsage, err)
	}
	if *path != "" && *corpus == "" {
		return "", *path, nil
	}
	dir, err = findCorpus(*corpus)
	if err != nil {
		return "", "", err
	}
	if *path == "" {
		*path = filepath.Join(dir, defaultFile)
	}
	return dir, *path, nil
}

// runEvalDedup implements `claimwatch eval dedup`: pairwise precision,
// recall and F1 of duplicate groups on neardup/dev.jsonl, as score.py
// computes them from `claimwatch cluster`.
func runEvalDedup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	_, file, err := evalFlags("eval dedup", "neardup/dev.jsonl", args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	docs, err := dedupeval.ReadFile(file)
	if err != nil {
		return err
	}
	dedupeval.Synthesize(docs)
	idx, err := dedup.NewMemory()
	if err != nil {
		return err
	}
	res, err := dedup.Offline(ctx, toDedupDocs(docs), idx, nil)
	if err != nil {
		return err
	}
	dup := make(map[string]string, len(res))
	for _, r := range res {
		dup[r.ID] = r.DuplicateOf
	}
	gold := map[string]string{}
	for _, d := range docs {
		if d.Group != "" {
			gold[d.ID] = d.Group
		}
	}
	s := dedupeval.Pairwise(dedupeval.Roots(dup), gold)
	fmt.Fprintf(stdout, "file=%s\ndocuments=%d answered=%d\n", file, len(docs), s.Documents)
	fmt.Fprintf(stdout, "dup_p=%.3f dup_r=%.3f dup_f1=%.3f\n", s.Precision, s.Recall, s.F1)
	return nil
}

// runEvalStories implements `claimwatch eval stories`: pairwise story
// precision, recall and F1 on stories/uci-headlines.jsonl, and, when the
// corpus is known, whether the five seeds mixed into bbc/articles.jsonl
// form one story without any BBC article.
func runEvalStories(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	dir, file, err := evalFlags("eval stories", "stories/uci-headlines.jsonl", args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	docs, err := dedupeval.ReadFile(file)
	if err != nil {
		return err
	}
	dedupeval.Synthesize(docs)
	story, err := clusterStories(ctx, docs)
	if err != nil {
		return err
	}
	gold := map[string]string{}
	for _, d := range docs {
		if d.Story != "" {
			gold[d.ID] = d.Story
		}
	}
	s := dedupeval.Pairwise(story, gold)
	fmt.Fprintf(stdout, "file=%s\ndocuments=%d answered=%d predicted_stories=%d gold_stories=%d\n",
		file, len(docs), s.Documents, s.PredictedClusters, s.GoldClusters)
	fmt.Fprintf(stdout, "story_p=%.3f story_r=%.3f story_f1=%.3f\n", s.Precision, s.Recall, s.F1)
	if dir == "" {
		return nil
	}
	bbc, err := dedupeval.ReadFile(filepath.Join(dir, "bbc", "articles.jsonl"))
	if err != nil {
		return err
	}
	seeds, err := dedupeval.ReadSeeds(filepath.Join(dir, "seeds"))
	if err != nil {
		return err
	}
	mixed := dedupeval.MixSeeds(bbc, seeds)
	story, err = clusterStories(ctx, mixed)
	if err != nil {
		return err
	}
	_, summary := dedupeval.SeedStory(story, seeds)
	fmt.Fprintf(stdout, "seeds in bbc/articles.jsonl (%d articles): %s\n", len(mixed), summary)
	return nil
}

func clusterStories(ctx context.Context, docs []dedupeval.Doc) (map[string]string, error) {
	idx, err := dedup.NewMemory()
	if err != nil {
		return nil, err
	}
	res, err := dedup.Offline(ctx, toDedupDocs(docs), idx, dedup.NewClusterer(dedup.StoryConfig{}))
	if err != nil {
		return nil, err
	}
	story := make(map[string]string, len(res))
	for _, r := range res {
		story[r.ID] = r.Story
	}
	return story, nil
}
