// Command claimwatch is the all-in-one binary: `claimwatch run` starts the
// whole pipeline in one process (embedded NATS and SQLite by default), and
// the other commands are offline tools over the same code.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/claimwatch/claimwatch/pkg/service"
)

// command is one subcommand; run gets the arguments after its name.
type subcommand struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

func commands() map[string]subcommand {
	return map[string]subcommand{
		"run":     {"run the whole pipeline: fetch, dedup, extract, store, alert, serve the API", runRun},
		"extract": {"print the claims of one article: extract [--published DATE] [--format json] FILE|-", runExtract},
		"cluster": {"group articles of a JSONL file into duplicates and stories: cluster FILE.jsonl", runCluster},
		"eval":    {"print evaluation figures on the corpus: eval claims|dedup|stories", runEval},
		"feeds":   {"manage the feed list: feeds import FILE.opml | export | list", runFeeds},
		"claims":  {"list stored claims: claims [--db DSN] [--json]", runClaims},
		"stories": {"list stored stories: stories [--db DSN] [--json]", runStories},
		"replay":  {"re-run extraction over stored articles: replay [--db DSN]", runReplay},
		"bench":   {"measure the pipeline against a bare JetStream hop: bench [--articles N] [--json]", runBench},
		"version": {"print the version", runVersion},
	}
}

func main() {
	service.Main(func(ctx context.Context, args []string) error {
		return dispatch(ctx, args, os.Stdout, os.Stderr)
	})
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmds := commands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stderr, cmds)
		if len(args) == 0 {
			return fmt.Errorf("%w: no command given", service.ErrUsage)
		}
		return nil
	}
	c, ok := cmds[args[0]]
	if !ok {
		usage(stderr, cmds)
		return fmt.Errorf("%w: unknown command %q", service.ErrUsage, args[0])
	}
	return c.run(ctx, args[1:], stdout, stderr)
}

func usage(w io.Writer, cmds map[string]subcommand) {
	fmt.Fprintln(w, "claimwatch watches news feeds and reports new claims and conflicting figures.")
	fmt.Fprintln(w, "\nUsage: claimwatch COMMAND [options]   (claimwatch COMMAND --help for its options)")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
}

func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: eval needs claims, dedup or stories", service.ErrUsage)
	}
	switch args[0] {
	case "claims":
		return runEvalClaims(ctx, args[1:], stdout, stderr)
	case "dedup":
		return runEvalDedup(ctx, args[1:], stdout, stderr)
	case "stories":
		return runEvalStories(ctx, args[1:], stdout, stderr)
	}
	return fmt.Errorf("%w: eval %q: want claims, dedup or stories", service.ErrUsage, args[0])
}

func runVersion(_ context.Context, _ []string, stdout, _ io.Writer) error {
	_, err := fmt.Fprintln(stdout, "claimwatch", service.Version)
	return err
}
