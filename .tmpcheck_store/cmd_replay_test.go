package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.uber.org/zap/zaptest"

	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/service"
	"github.com/claimwatch/claimwatch/pkg/store"
)

var replayText = []string{
	`Russian President Vladimir Putin said on Thursday that the deployment was a matter for Moscow. ` +
		`"This is our business and nobody else's," Putin told reporters in Kazan. ` +
		`South Korean intelligence said about 3,000 North Korean troops had arrived in Russia.`,
	`Ukrainian President Volodymyr Zelensky said nearly 12,000 North Korean troops were being trained. ` +
		`"The world must respond now," Zelensky said in his nightly address.`,
}

// seedStore stores articles without claims, as if the extractor had been
// down, and returns the database path.
func seedStore(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "claimwatch.db")
	st, err := store.Open(t.Context(), path, zaptest.NewLogger(t))
	if err != nil {
		t.Fatal(err)
	}
	defer closeStore(st)
	for i, text := range replayText {
		a := &model.UniqueArticle{V: 1, StoryID: "story-1", Article: model.Article{V: 1,
			ID: fmt.Sprintf("a%d", i), URL: fmt.Sprintf("https://outlet%d.example/a", i), FeedURL: fmt.Sprintf("https://outlet%d.example/rss", i),
			Title: "North Korean troops in Russia", Text: text, Published: time.Date(2024, 10, 25, i, 0, 0, 0, time.UTC)}}
		if err := st.ApplyUnique(t.Context(), a); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

type command func(ctx context.Context, args []string, stdout, stderr io.Writer) error

func run(t *testing.T, fn command, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := fn(t.Context(), args, &out, &errb)
	return out.String(), errb.String(), err
}

var replaySummary = regexp.MustCompile(`replayed (\d+) articles with \S+: (\d+) new claims, (\d+) new mentions`)

func TestReplayIsIdempotentAndFeedsTheListings(t *testing.T) {
	db := seedStore(t)
	replay := func() (articles, claims int) {
		out, stderr, err := run(t, runReplay, "--db", db, "--progress", "never")
		if err != nil {
			t.Fatalf("replay: %v\n%s", err, stderr)
		}
		m := replaySummary.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("replay printed %q", out)
		}
		articles, _ = strconv.Atoi(m[1])
		claims, _ = strconv.Atoi(m[2])
		return articles, claims
	}
	articles, first := replay()
	if articles != len(replayText) || first == 0 {
		t.Fatalf("first replay: %d articles, %d new claims; want %d articles and some claims", articles, first, len(replayText))
	}
	if _, again := replay(); again != 0 {
		t.Errorf("second replay stored %d new claims, want 0", again)
	}

	out, _, err := run(t, runClaims, "--db", db, "--json", "--limit", "500")
	if err != nil {
		t.Fatal(err)
	}
	var page store.ClaimPage
	if err := json.Unmarshal([]byte(out), &page); err != nil {
		t.Fatalf("claims --json: %v\n%s", err, out)
	}
	if len(page.Claims) != first {
		t.Errorf("claims --json lists %d claims, replay stored %d", len(page.Claims), first)
	}
	table, _, err := run(t, runClaims, "--db", db, "--speaker", "Putin")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(table, "Vladimir Putin") || strings.Contains(table, "Zelensky") {
		t.Errorf("claims --speaker Putin table:\n%s", table)
	}

	stories, _, err := run(t, runStories, "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stories, "North Korean troops in Russia") || !strings.Contains(stories, "story-1") {
		t.Errorf("stories table:\n%s", stories)
	}
	one, _, err := run(t, runStories, "--db", db, "--json", "story-1")
	if err != nil {
		t.Fatal(err)
	}
	var st store.Story
	if err := json.Unmarshal([]byte(one), &st); err != nil || st.ArticleCount != len(replayText) || len(st.Claims) != first {
		t.Errorf("stories story-1 --json: %d articles, %d claims (err %v)", st.ArticleCount, len(st.Claims), err)
	}
}

func TestStoreCommandsRejectBadUsage(t *testing.T) {
	db := seedStore(t)
	cases := []struct {
		name string
		fn   command
		args []string
	}{
		{"a missing database", runClaims, []string{"--db", filepath.Join(t.TempDir(), "none.db")}},
		{"an unknown kind", runClaims, []string{"--db", db, "--kind", "rumour"}},
		{"an unparsable date", runClaims, []string{"--db", db, "--since", "yesterday-ish"}},
		{"a foreign cursor", runClaims, []string{"--db", db, "--cursor", "bm9wZQ"}},
		{"an unknown story", runStories, []string{"--db", db, "nope"}},
		{"a bad progress mode", runReplay, []string{"--db", db, "--progress", "sometimes"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, err := run(t, tc.fn, tc.args...); !errors.Is(err, service.ErrUsage) {
				t.Errorf("err = %v, want a usage error", err)
			}
		})
	}
}
