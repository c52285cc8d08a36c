package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/claimwatch/claimwatch/pkg/service"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// runStories implements `claimwatch stories [ID]`: the stories, most
// recently active first, or with an ID one story with its articles,
// claims and conflicts; a table, or JSON with --json.
func runStories(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := service.NewFlags("claimwatch stories", "claimwatch stories [ID]: list stored stories, most recently active first,\nor show one story with its articles, claims and conflicts.")
	var db dbFlags
	db.register(f)
	var cursor string
	var limit int
	var asJSON bool
	f.String(&cursor, "cursor", "", "", "continue after a previous page (the \"next\" of --json output)")
	f.Int(&limit, "limit", "", 50, fmt.Sprintf("stories per page (at most %d)", store.MaxLimit))
	f.Bool(&asJSON, "json", "", false, "print JSON for scripts")
	if err := parseFlags(f, args, stderr); err != nil {
		return err
	}
	if len(f.Args()) > 1 {
		return fmt.Errorf("%w: stories takes at most one story ID, got %q", service.ErrUsage, f.Args())
	}
	st, err := db.open(ctx)
	if err != nil {
		return err
	}
	defer closeStore(st)
	if len(f.Args()) == 1 {
		return showStory(ctx, st, f.Args()[0], asJSON, stdout)
	}
	page, err := st.ListStories(ctx, cursor, limit)
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
	fmt.Fprintln(tw, "LAST SEEN\tARTICLES\tCLAIMS\tTITLE\tID")
	for _, s := range page.Stories {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\n", s.LastSeen.Format("2006-01-02 15:04"), s.ArticleCount, s.ClaimCount, cell(s.Title, 70), s.ID)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(page.Stories) == 0 {
		fmt.Fprintln(stderr, "no stories stored yet")
	}
	if page.Next != "" {
		fmt.Fprintf(stderr, "more: --cursor %s\n", page.Next)
	}
	return nil
}

func showStory(ctx context.Context, st store.Store, id string, asJSON bool, stdout io.Writer) error {
	s, err := st.GetStory(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%w: no story %q", service.ErrUsage, id)
	}
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(stdout, s)
	}
	fmt.Fprintf(stdout, "%s\n%s · %s – %s · %d articles · %d claims · %d conflicts\n\n", s.Title, s.ID,
		s.FirstSeen.Format("2006-01-02 15:04"), s.LastSeen.Format("2006-01-02 15:04"), s.ArticleCount, s.ClaimCount, len(s.Conflicts))
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PUBLISHED\tOUTLET\tTITLE\tCOPIES")
	for _, a := range s.Articles {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", a.Published.Format("2006-01-02 15:04"), cell(a.Outlet, 24), cell(a.Title, 70), len(a.Duplicates))
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "KIND\tWHO\tCLAIM\tOUTLETS")
	for _, c := range s.Claims {
		who := c.Speaker
		if who == "" {
			who = c.Source
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\n", c.Kind, cell(who, 24), cell(c.Content, 70), c.Outlets)
	}
	if len(s.Conflicts) > 0 {
		fmt.Fprintln(tw)
		fmt.Fprintln(tw, "CONFLICT\tA\tB\t")
		for _, k := range s.Conflicts {
			fmt.Fprintf(tw, "%s (%s)\t%s\t%s\t\n", cell(k.Subject, 30), k.Unit, figure(k.A.Content, k.ArticleA.URL), figure(k.B.Content, k.ArticleB.URL))
		}
	}
	return tw.Flush()
}

func figure(content, url string) string {
	return cell(content, 30) + " [" + cell(url, 40) + "]"
}
