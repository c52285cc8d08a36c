package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/claimwatch/claimwatch/pkg/claims"
	"github.com/claimwatch/claimwatch/pkg/claims/claimseval"
	"github.com/claimwatch/claimwatch/pkg/service"
)

// runEvalClaims implements `claimwatch eval claims`: the seed and PolNeAR
// figures of ../shared/tools/score.py, computed in-process.
func runEvalClaims(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval claims", flag.ContinueOnError)
	fs.SetOutput(stderr)
	corpus := fs.String("corpus", "", "corpus directory (default: ../shared/corpus from the working directory, or $CW_CORPUS)")
	split := fs.String("polnear", "dev", "PolNeAR split to score: dev, train, none, or a JSONL path")
	limit := fs.Int("limit", 0, "score only the first N PolNeAR articles (0: all)")
	rulesOnly := fs.Bool("rules-only", false, "score the rules without the statistical attribution tagger")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return fmt.Errorf("%w: %w", service.ErrUsage, err)
	}
	dir, err := findCorpus(*corpus)
	if err != nil {
		return err
	}
	ex := claims.NewRules(0)
	if *rulesOnly {
		ex = ex.RulesOnly()
	}
	seeds, err := claimseval.Seeds(ctx, ex, filepath.Join(dir, "seeds"), filepath.Join(dir, "seeds.gold.json"))
	if err != nil {
		return fmt.Errorf("eval seeds: %w", err)
	}
	fmt.Fprintf(stdout, "seeds (%s)\n%s\n", filepath.Join(dir, "seeds"), seeds)
	if *split == "none" {
		return nil
	}
	path := *split
	if path == "dev" || path == "train" {
		path = filepath.Join(dir, "polnear", path+".jsonl")
	}
	arts, err := claimseval.ReadPolNeAR(path, *limit)
	if err != nil {
		return fmt.Errorf("eval polnear: %w", err)
	}
	res, err := claimseval.PolNeAR(ctx, ex, arts)
	if err != nil {
		return fmt.Errorf("eval polnear: %w", err)
	}
	fmt.Fprintf(stdout, "polnear (%s)\n%s\n", path, res)
	return nil
}

// findCorpus returns the corpus directory: the flag, $CW_CORPUS, or
// ../shared/corpus relative to the working directory or its parents.
func findCorpus(flagValue string) (string, error) {
	cands := []string{flagValue, os.Getenv("CW_CORPUS")}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			cands = append(cands, filepath.Join(d, "..", "shared", "corpus"))
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for _, c := range cands {
		if c == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(c, "seeds.gold.json")); err == nil {
			return c, nil
		}
		if c == flagValue {
			return "", fmt.Errorf("%w: --corpus %s has no seeds.gold.json", service.ErrUsage, c)
		}
	}
	return "", fmt.Errorf("%w: corpus not found; pass --corpus DIR or set CW_CORPUS", service.ErrUsage)
}
