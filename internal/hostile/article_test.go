package hostile

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/claimwatch/claimwatch/pkg/claims"
	"github.com/claimwatch/claimwatch/pkg/dedup"
	"github.com/claimwatch/claimwatch/pkg/demo"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// articleBound is the time one hostile article may take in one package.
// The bound is generous for -race on a shared 2-core machine; what it
// catches is an unbounded (quadratic or worse) path, which takes minutes.
const articleBound = 90 * time.Second

type hostileArticle struct {
	name string
	text string
	html bool
}

func hostileArticles() []hostileArticle {
	sentence := "The minister said on Tuesday that 1,500 troops had arrived, according to officials. "
	return []hostileArticle{
		{"invalid UTF-8", strings.Repeat("Putin said \xff\xfe\"this is \xc3\x28 our business\xed\xa0\x80\" on Friday. ", 2000), false},
		{"10 MB of text", strings.Repeat(sentence, (10<<20)/len(sentence)+1), false},
		{"100,000 quotation marks", strings.Repeat(`"`, 100000), false},
		{"100,000 curly quotes never closed", strings.Repeat("\u201cno end ", 100000), false},
		{"HTML nested 100,000 deep", strings.Repeat("<div><span>", 100000) + "Putin said \"it is our business\"." + strings.Repeat("</span></div>", 100000), true},
		{"HTML tags never closed", strings.Repeat("<p><b><i><a href=\"", 50000), true},
		{"one 2 MB word", strings.Repeat("x", 2<<20), false},
		{"NUL bytes and control characters", strings.Repeat("\x00\x01\x1b[31mSaid \"\x00\" he.\r\n", 20000), false},
		// Last: an extractor that does not bound this one leaves its
		// goroutine busy until the test binary exits (it once looped
		// quadratically over one 100,000-claim sentence without checking ctx).
		{"100,000 quotation marks between words", strings.Repeat(`He said "a`, 100000), false},
	}
}

// TestHostileArticlesThroughClaims extracts claims from each hostile
// article under a deadline: it must return (claims, a clear error, or the
// context's error) and whatever it returns must be valid UTF-8 that
// encodes as a claim batch. The seeds extracted before and after must give
// the same claims: nothing the extractor holds is disturbed.
func TestHostileArticlesThroughClaims(t *testing.T) {
	seeds, err := demo.Seeds()
	if err != nil {
		t.Fatal(err)
	}
	ex := claims.NewRules(0)
	seedClaims := func() []string {
		var ids []string
		for _, s := range seeds {
			cs, err := ex.Extract(t.Context(), claims.Input{ArticleID: s.File, Title: s.Title, Text: s.Text, Published: s.Published})
			if err != nil {
				t.Fatalf("seed %s: %v", s.File, err)
			}
			for _, c := range cs {
				ids = append(ids, c.ID)
			}
		}
		return ids
	}
	before := seedClaims()
	if len(before) == 0 {
		t.Fatal("the seeds gave no claims: the check below would prove nothing")
	}
	for _, a := range hostileArticles() {
		t.Run(a.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), articleBound)
			defer cancel()
			start := time.Now()
			type result struct {
				cs  []model.Claim
				err error
			}
			done := make(chan result, 1)
			go func() {
				cs, err := ex.Extract(ctx, claims.Input{ArticleID: "hostile", Title: "hostile \xff", Text: a.text, Published: time.Now()})
				done <- result{cs, err}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(articleBound + 15*time.Second):
				// The goroutine is abandoned (it cannot be stopped from
				// here); the failure names the input that needs a bound.
				t.Fatalf("Extract ignored its %s deadline on %d bytes: the extractor has an unbounded path that does not check ctx", articleBound, len(a.text))
			}
			cs, err := r.cs, r.err
			el := time.Since(start)
			if err != nil {
				if errors.Is(err, context.DeadlineExceeded) {
					t.Fatalf("extraction ran into the %s deadline: unbounded work on %d bytes", articleBound, len(a.text))
				}
				if !errors.Is(err, claims.ErrTooLarge) {
					t.Fatalf("err = %v: want claims or a clear ErrTooLarge", err)
				}
				return
			}
			for i, c := range cs {
				for _, s := range []string{c.Text, c.Content, c.Speaker, c.Source, c.Subject} {
					if !utf8.ValidString(s) {
						t.Fatalf("claim %d carries invalid UTF-8: %q", i, s)
					}
				}
			}
			b := model.ClaimBatch{Claims: cs}
			if _, err := model.Encode(&b); err != nil {
				t.Fatalf("claims do not encode: %v", err)
			}
			if _, err := json.Marshal(cs); err != nil {
				t.Fatal(err)
			}
			t.Logf("%d bytes -> %d claims in %s", len(a.text), len(cs), el.Round(time.Millisecond))
		})
	}
	if after := seedClaims(); strings.Join(after, ",") != strings.Join(before, ",") {
		t.Errorf("the seeds' claims changed after the hostile articles:\nbefore %v\nafter  %v", before, after)
	}
}

// TestHostileArticlesThroughDedup fingerprints each hostile article, adds
// it to a near-duplicate index and a story clusterer, and checks the index
// still recognises a copy of an article accepted before them.
func TestHostileArticlesThroughDedup(t *testing.T) {
	seeds, err := demo.Seeds()
	if err != nil {
		t.Fatal(err)
	}
	idx, err := dedup.NewMemory()
	if err != nil {
		t.Fatal(err)
	}
	stories := dedup.NewClusterer(dedup.StoryConfig{})
	now := time.Now()
	first := seeds[0]
	if _, err := idx.Add(t.Context(), dedup.Entry{ID: "seed", Published: now, FP: dedup.FingerprintText(first.Text, false)}); err != nil {
		t.Fatal(err)
	}
	for i, a := range hostileArticles() {
		t.Run(a.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(t.Context(), articleBound)
			defer cancel()
			start := time.Now()
			done := make(chan error, 1)
			go func() {
				fp := dedup.FingerprintText(a.text, a.html)
				id := "hostile-" + string(rune('a'+i))
				if _, err := idx.Add(ctx, dedup.Entry{ID: id, URLKey: "https://example.com/" + id, Published: now.Add(time.Duration(i+1) * time.Second), FP: fp}); err != nil {
					done <- err
					return
				}
				_, err := stories.Assign(ctx, dedup.StoryDoc{ID: id, Title: "hostile \xff", Text: a.text, Published: now})
				done <- err
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("dedup refused a hostile article with %v; it should be decided (as unique or a copy)", err)
				}
			case <-ctx.Done():
				t.Fatalf("dedup did not finish within %s on %d bytes", articleBound, len(a.text))
			}
			t.Logf("%d bytes decided in %s", len(a.text), time.Since(start).Round(time.Millisecond))
		})
	}
	// A syndicated copy of the seed accepted first is still found.
	copyText := "Reuters — " + first.Text + "\n\nShare this article."
	d, err := idx.Add(t.Context(), dedup.Entry{ID: "seed-copy", Published: now.Add(time.Hour), FP: dedup.FingerprintText(copyText, false)})
	if err != nil {
		t.Fatal(err)
	}
	if d.DuplicateOf != "seed" {
		t.Errorf("a copy of the first article is now decided as %+v, want a duplicate of seed", d)
	}
}
