package store

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
)

func figureBatch(n int, value float64) *model.ClaimBatch {
	art := fmt.Sprintf("art-%d", n)
	low, high := 0.9*value, 1.1*value
	return &model.ClaimBatch{
		V: model.Version,
		Article: model.ArticleRef{ID: art, URL: "https://o" + fmt.Sprint(n%5) + ".example/" + art,
			FeedURL: "https://o" + fmt.Sprint(n%5) + ".example/rss", Published: time.Unix(int64(n)*60, 0).UTC()},
		Claims: []model.Claim{{
			ID: fmt.Sprintf("fig-%d", n), Kind: model.KindQuantity, Subject: "The border", Source: "officials",
			Text:     fmt.Sprintf("Officials said %.0f troops were at the border.", value),
			Quantity: &model.Quantity{Value: value, Unit: "troops", Low: &low, High: &high},
			Mentions: []model.Mention{{ArticleID: art, Sentence: 1}},
		}},
	}
}

// A much-contested subject records at most maxConflictsPerClaim conflicts
// per new figure (its newest rivals), so writes stay bounded; a figure
// with fewer rivals still gets every one of them.
func TestConflictsPerFigureBounded(t *testing.T) {
	s := openTestSQLite(t)
	ctx := t.Context()
	const figures = 2*maxConflictsPerClaim + 8
	total := 0
	for n := range figures {
		value := 1000.0
		if n%2 == 1 {
			value = 5000 // disagrees with every even figure
		}
		res, err := s.ApplyClaims(ctx, figureBatch(n, value))
		if err != nil {
			t.Fatal(err)
		}
		rivals := n / 2 // earlier figures of the other value
		if n%2 == 1 {
			rivals = (n + 1) / 2
		}
		if want := min(rivals, maxConflictsPerClaim); res.NewConflicts != want {
			t.Errorf("figure %d: %d new conflicts, want %d (of %d rivals)", n, res.NewConflicts, want, rivals)
		}
		total += res.NewConflicts
	}
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Conflicts != int64(total) {
		t.Errorf("stored %d conflicts, ApplyClaims reported %d", c.Conflicts, total)
	}
	// The newest rivals are the ones kept: the last figure conflicts with
	// the figure just before it.
	d, err := s.GetClaim(ctx, fmt.Sprintf("fig-%d", figures-1))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, cf := range d.Conflicts {
		found = found || cf.A.ID == fmt.Sprintf("fig-%d", figures-2) || cf.B.ID == fmt.Sprintf("fig-%d", figures-2)
	}
	if !found || len(d.Conflicts) != maxConflictsPerClaim {
		t.Errorf("last figure has %d conflicts (newest rival included: %v), want %d including fig-%d",
			len(d.Conflicts), found, maxConflictsPerClaim, figures-2)
	}
}

// The conflict candidates come from the partial subject index, not from a
// scan of every claim.
func TestConflictCandidatesUseSubjectIndex(t *testing.T) {
	s := openTestSQLite(t)
	rs, err := s.db.query(t.Context(), "EXPLAIN QUERY PLAN "+conflictCandidatesSQL, "the border", "x", 10)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var plan []string
	for rs.Next() {
		var id, parent, unused int
		var detail string
		if err := rs.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	if len(plan) == 0 || !strings.Contains(strings.Join(plan, "; "), "USING INDEX claims_subject") {
		t.Errorf("conflict candidate plan %q, want a search using claims_subject", plan)
	}
}
