package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/feed"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/service"
)

const feedsHelp = `claimwatch feeds: manage the feed list.

  claimwatch feeds [options] list            feeds with status, errors and article counts
  claimwatch feeds [options] export          the feed list as OPML on stdout
  claimwatch feeds [options] import FILE     add the feeds of FILE (OPML or one URL per line)

Where the list lives:
  --nats URL (or --data DIR)  the shared feed state in the JetStream KV bucket the fetchers use:
                              what a running pipeline polls; import takes effect at the fetchers'
                              next rescan. --data opens the embedded server's files, so use it only
                              while no 'claimwatch run' holds them (use --nats with its --nats-listen).
  --feeds FILE                a feeds file (no NATS needed): list and export read it, import merges
                              the new feeds into it, keeping its format (URL lines or OPML).`

// runFeeds implements `claimwatch feeds`.
func runFeeds(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var common service.Common
	var feedsFile string
	var asJSON bool
	fl := service.NewFlags("claimwatch feeds", feedsHelp)
	fl.SetOutput(stderr)
	common.Register(fl, "")
	fl.String(&feedsFile, "feeds", "", "", "feeds file to operate on instead of the shared state")
	fl.Bool(&asJSON, "json", "", false, "list: print JSON instead of a table")
	// Accept the subcommand before or after the options.
	var sub string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		sub, args = args[0], args[1:]
	}
	if err := fl.Parse(args); err != nil {
		return err
	}
	rest := fl.Args()
	if sub == "" {
		if len(rest) == 0 {
			return fmt.Errorf("%w: feeds needs list, export or import FILE", service.ErrUsage)
		}
		sub, rest = rest[0], rest[1:]
	}
	var importPath string
	switch sub {
	case "list", "export":
		if len(rest) != 0 {
			return fmt.Errorf("%w: feeds %s takes no arguments, got %q", service.ErrUsage, sub, rest)
		}
	case "import":
		if len(rest) != 1 {
			return fmt.Errorf("%w: feeds import needs exactly one FILE", service.ErrUsage)
		}
		importPath = rest[0]
	default:
		return fmt.Errorf("%w: unknown feeds command %q (want list, export or import)", service.ErrUsage, sub)
	}

	if common.NATS == "" && common.Data == "" {
		if feedsFile == "" {
			return fmt.Errorf("%w: give --nats URL (or --data DIR) for the shared feed list, or --feeds FILE", service.ErrUsage)
		}
		return feedsOnFile(sub, feedsFile, importPath, asJSON, stdout)
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	conn, err := bus.Connect(ctx, common.BusOptions("claimwatch-feeds"), zap.NewNop())
	if err != nil {
		return fmt.Errorf("connect to nats: %w", err)
	}
	defer func() {
		cctx, ccancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer ccancel()
		_ = conn.Close(cctx)
	}()
	store, err := feed.OpenKVStore(ctx, conn)
	if err != nil {
		return err
	}
	return feedsOnStore(ctx, sub, store, importPath, asJSON, stdout)
}

func feedsOnStore(ctx context.Context, sub string, store feed.StateStore, importPath string, asJSON bool, stdout io.Writer) error {
	switch sub {
	case "import":
		data, err := os.ReadFile(importPath)
		if err != nil {
			return err
		}
		entries, err := feed.ParseList(data)
		if err != nil {
			return fmt.Errorf("%s: %w", importPath, err)
		}
		n, err := feed.Import(ctx, store, entries)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(stdout, "added %d of %d feeds (%d already present)\n", n, len(entries), len(entries)-n)
		return err
	}
	st, err := feed.ListFeeds(ctx, store, feed.DefaultConfig().FailingAfter)
	if err != nil {
		return err
	}
	if sub == "export" {
		entries := make([]feed.ListEntry, 0, len(st))
		for _, s := range st {
			entries = append(entries, feed.ListEntry{URL: s.URL, Title: s.Title})
		}
		return feed.WriteOPML(stdout, "claimwatch feeds", entries)
	}
	return printFeedStatus(stdout, st, asJSON)
}

func printFeedStatus(w io.Writer, st []model.FeedStatus, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if st == nil {
			st = []model.FeedStatus{}
		}
		return enc.Encode(map[string]any{"feeds": st})
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSTATUS\tARTICLES\tLAST POLLED\tNEXT POLL\tURL\tLAST ERROR")
	for _, s := range st {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\t%s\n", s.ID, s.Status, s.Articles,
			shortTime(s.LastPolled), shortTime(s.NextPoll), s.URL, s.LastError)
	}
	return tw.Flush()
}

func shortTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04:05Z")
}

func feedsOnFile(sub, path, importPath string, asJSON bool, stdout io.Writer) error {
	data, err := os.ReadFile(path)
	if err != nil && !(sub == "import" && errors.Is(err, os.ErrNotExist)) {
		return err
	}
	cur, err := feed.ParseList(data)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	switch sub {
	case "list":
		if asJSON {
			out := make([]map[string]any, 0, len(cur))
			for _, e := range cur {
				out = append(out, map[string]any{"url": e.URL, "title": e.Title, "no_full_text": e.NoFullText})
			}
			return json.NewEncoder(stdout).Encode(map[string]any{"feeds": out})
		}
		for _, e := range cur {
			if _, err := fmt.Fprintln(stdout, e.URL); err != nil {
				return err
			}
		}
		return nil
	case "export":
		return feed.WriteOPML(stdout, "claimwatch feeds", cur)
	}
	newData, err := os.ReadFile(importPath)
	if err != nil {
		return err
	}
	add, err := feed.ParseList(newData)
	if err != nil {
		return fmt.Errorf("%s: %w", importPath, err)
	}
	have := map[string]bool{}
	for _, e := range cur {
		id, _ := feed.FeedID(e.URL) // ParseList accepted it, so it canonicalises
		have[id] = true
	}
	var added []feed.ListEntry
	for _, e := range add {
		if id, _ := feed.FeedID(e.URL); !have[id] {
			have[id] = true
			added = append(added, e)
		}
	}
	merged := append(cur, added...)
	if len(added) > 0 {
		var buf bytes.Buffer
		if isOPML(data) {
			err = feed.WriteOPML(&buf, "claimwatch feeds", merged)
		} else {
			buf.Write(data)
			if len(data) > 0 && !bytes.HasSuffix(data, []byte("\n")) {
				buf.WriteByte('\n')
			}
			for _, e := range added {
				line := e.URL
				if e.NoFullText {
					line += " nofulltext"
				}
				if e.Title != "" {
					line += " # " + strings.ReplaceAll(e.Title, "\n", " ")
				}
				buf.WriteString(line + "\n")
			}
		}
		if err != nil {
			return err
		}
		// Write beside and rename, so a crash never leaves half a list.
		tmp := path + ".tmp"
		if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(stdout, "added %d of %d feeds to %s\n", len(added), len(add), path)
	return err
}

func isOPML(data []byte) bool {
	return bytes.HasPrefix(bytes.TrimLeft(bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n"), []byte("<"))
}
