package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/claims/claimseval"
	"github.com/claimwatch/claimwatch/pkg/service"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// dbFlags are the database options of the offline store commands, named
// and defaulted like `claimwatch run`'s so they find its database.
type dbFlags struct {
	DB   string
	Data string
}

func (d *dbFlags) register(f *service.Flags) {
	f.String(&d.DB, "db", "CW_DB", "", "database: a SQLite file path or a postgres:// URL (default DATA/claimwatch.db)")
	f.String(&d.Data, "data", "CW_DATA", "claimwatch-data", "data directory of 'claimwatch run', whose claimwatch.db is used when --db is not given")
}

// open opens the existing store. A SQLite file that does not exist is an
// error rather than a new empty database: a typo should not look like
// "no claims".
func (d *dbFlags) open(ctx context.Context) (store.Store, error) {
	dsn := d.DB
	if dsn == "" {
		dsn = filepath.Join(d.Data, "claimwatch.db")
	}
	if !strings.Contains(dsn, "://") && !strings.Contains(dsn, "=") {
		if _, err := os.Stat(dsn); err != nil {
			return nil, fmt.Errorf("%w: no database at %s (run `claimwatch run --data DIR` first, or give --db)", service.ErrUsage, dsn)
		}
	}
	return store.Open(ctx, dsn, zap.NewNop())
}

func closeStore(st store.Store) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = st.Close(ctx)
}

// parseFlags parses args, mapping --help to a nil error by the caller.
func parseFlags(f *service.Flags, args []string, stderr io.Writer) error {
	f.SetOutput(stderr)
	return f.Parse(args)
}

// runClaims implements `claimwatch claims`: stored claims, newest first,
// as a table or (--json) as {"claims": [...], "next": cursor}.
func runClaims(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := service.NewFlags("claimwatch claims", "claimwatch claims: list stored claims, newest first, as a table or JSON.")
	var db dbFlags
	db.register(f)
	var filter store.ClaimFilter
	var since, cursor string
	var limit int
	var asJSON bool
	f.String(&filter.Q, "q", "", "", "full-text search in the claim's text, content and speaker")
	f.String(&filter.Speaker, "speaker", "", "", "speaker (full name or surname)")
	f.String(&filter.Entity, "entity", "", "", "entity named in the claim")
	f.String(&filter.Kind, "kind", "", "", "quote, statement or quantity")
	f.String(&filter.StoryID, "story", "", "", "only claims of this story id")
	f.String(&since, "since", "", "", "only claims first seen at or after this date (YYYY-MM-DD or RFC 3339)")
	f.String(&cursor, "cursor", "", "", "continue after a previous page (the \"next\" of --json output)")
	f.Int(&limit, "limit", "", 50, fmt.Sprintf("claims per page (at most %d)", store.MaxLimit))
	f.Bool(&asJSON, "json", "", false, "print JSON for scripts")
	if err := parseFlags(f, args, stderr); err != nil {
		return err
	}
	if len(f.Args()) > 0 {
		return fmt.Errorf("%w: claims takes no arguments, got %q", service.ErrUsage, f.Args())
	}
	switch filter.Kind {
	case "", "quote", "statement", "quantity":
	default:
		return fmt.Errorf("%w: --kind %q: want quote, statement or quantity", service.ErrUsage, filter.Kind)
	}
	if since != "" {
		if filter.Since = claimseval.ParseDate(since); filter.Since.IsZero() {
			return fmt.Errorf("%w: --since %q is not YYYY-MM-DD or RFC 3339", service.ErrUsage, since)
		}
	}
	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer closeStore(st)
	page, err := st.ListClaims(ctx, filter, cursor, limit)
	if errors.Is(err, store.ErrBadCursor) {
		return fmt.Errorf("%w: --cursor: %w", service.ErrUsage, err)
	}
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(stdout, page)
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "FIRST SEEN\tKIND\tWHO\tCLAIM\tOUTLETS\tMENTIONS\tID")
	for _, c := range page.Claims {
		who := c.Speaker
		if who == "" {
			who = c.Source
		}
		what := c.Content
		if c.Kind == "quote" || c.Kind == "statement" {
			what = "“" + what + "”"
		}
		if c.Kind == "quantity" && c.Subject != "" {
			what = c.Subject + ": " + what
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\n", c.FirstSeen.Format("2006-01-02 15:04"), c.Kind,
			cell(who, 24), cell(what, 70), c.Outlets, len(c.Mentions), cell(c.ID, 12))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(page.Claims) == 0 {
		fmt.Fprintln(stderr, "no claims match")
	}
	if page.Next != "" {
		fmt.Fprintf(stderr, "more: --cursor %s\n", page.Next)
	}
	return nil
}

// cell makes s fit one table cell: one line, at most n runes.
func cell(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "-"
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
