package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/claimwatch/claimwatch/pkg/claims"
	"github.com/claimwatch/claimwatch/pkg/claims/claimseval"
	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/service"
)

// runExtract implements `claimwatch extract [--published DATE] [--format
// json|text] FILE|-`: the claims of one article (plain text or HTML) as
// {"claims": [...]}, no NATS needed.
func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	published := fs.String("published", "", "publication date (YYYY-MM-DD or RFC 3339) that relative dates resolve against")
	format := fs.String("format", "json", "output format: json or text")
	title := fs.String("title", "", "article title, when it is not the first line of the file")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: claimwatch extract [--published DATE] [--format json|text] FILE|-")
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
		return fmt.Errorf("%w: extract needs exactly one FILE or -", service.ErrUsage)
	}
	if *format != "json" && *format != "text" {
		return fmt.Errorf("%w: unknown --format %q (json or text)", service.ErrUsage, *format)
	}
	var pub time.Time
	if *published != "" {
		pub = claimseval.ParseDate(*published)
		if pub.IsZero() {
			return fmt.Errorf("%w: --published %q is not YYYY-MM-DD or RFC 3339", service.ErrUsage, *published)
		}
	}
	path := fs.Arg(0)
	text, err := readArticle(path)
	if err != nil {
		return err
	}
	id := "stdin"
	if path != "-" {
		id = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	cs, err := claims.NewRules(0).Extract(ctx, claims.Input{ArticleID: id, Title: *title, Text: text, Published: pub})
	if err != nil {
		return fmt.Errorf("extract %s: %w", path, err)
	}
	if cs == nil {
		cs = []model.Claim{}
	}
	if *format == "text" {
		return printClaimsText(stdout, cs)
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(struct {
		Claims []model.Claim `json:"claims"`
	}{cs}); err != nil {
		return fmt.Errorf("write claims: %w", err)
	}
	return nil
}

// readArticle reads FILE or stdin ("-"), refusing more than the
// extractor's limit instead of reading an endless stream.
func readArticle(path string) (string, error) {
	var r io.Reader
	if path == "-" {
		r = os.Stdin
	} else {
		f, err := os.Open(path)
		if err != nil {
			return "", fmt.Errorf("open article: %w", err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, claims.DefaultMaxBytes+1))
	if err != nil {
		return "", fmt.Errorf("read article %s: %w", path, err)
	}
	if len(b) > claims.DefaultMaxBytes {
		return "", fmt.Errorf("read article %s: %w: more than %d bytes", path, claims.ErrTooLarge, claims.DefaultMaxBytes)
	}
	return string(b), nil
}

func printClaimsText(w io.Writer, cs []model.Claim) error {
	for _, c := range cs {
		who := c.Speaker
		if who == "" {
			who = c.Source
		}
		line := fmt.Sprintf("%-9s %.2f  %s: %s", c.Kind, c.Score, who, c.Content)
		if c.Fragment {
			line += "  (fragment)"
		}
		if q := c.Quantity; q != nil {
			line += fmt.Sprintf("  [value=%g unit=%s hedge=%q subject=%s]", q.Value, q.Unit, q.Hedge, c.Subject)
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return fmt.Errorf("write claims: %w", err)
		}
	}
	return nil
}
