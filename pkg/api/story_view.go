package api

import (
	"cmp"
	"slices"
	"time"

	"github.com/claimwatch/claimwatch/pkg/model"
	"github.com/claimwatch/claimwatch/pkg/store"
)

// storyView is the story page: articles, claims grouped by speaker and
// kind, and the story's figures over time with conflicts marked.
type storyView struct {
	Story     *store.Story
	Speakers  []speakerGroup
	Figures   []figureSeries
	Conflicts []store.Conflict
}

type speakerGroup struct {
	Speaker string // "" for claims with no speaker (figures from sources)
	Kinds   []kindGroup
	Count   int
}

type kindGroup struct {
	Kind   string
	Claims []store.Claim
}

// figureSeries is every figure reported for one subject and unit.
type figureSeries struct {
	Subject, Unit string
	Points        []figurePoint
	Chart         chart
	Conflicting   bool
}

// figurePoint is one reported figure, placed at the time it was first
// published, with who reported it and where.
type figurePoint struct {
	Claim      store.Claim
	When       time.Time
	Source     string
	Outlets    []string
	Conflict   bool
	ConflictIn []string // ids of the claims it conflicts with
}

// kindOrder puts direct quotes first: they are what readers look for.
var kindOrder = map[string]int{model.KindQuote: 0, model.KindStatement: 1, model.KindQuantity: 2}

func buildStoryView(st *store.Story) storyView {
	v := storyView{Story: st, Conflicts: st.Conflicts}

	// Articles by id, duplicates included, to date and name mentions.
	arts := map[string]store.ArticleSummary{}
	for _, a := range st.Articles {
		arts[a.ID] = a
		for _, d := range a.Duplicates {
			arts[d.ID] = d
		}
	}
	against := map[string][]string{}
	for _, c := range st.Conflicts {
		against[c.A.ID] = append(against[c.A.ID], c.B.ID)
		against[c.B.ID] = append(against[c.B.ID], c.A.ID)
	}

	bySpeaker := map[string]map[string][]store.Claim{}
	type seriesKey struct{ subject, unit string }
	series := map[seriesKey]*figureSeries{}
	var seriesOrder []seriesKey
	for _, c := range st.Claims {
		if c.Speaker != "" || c.Kind != model.KindQuantity {
			if bySpeaker[c.Speaker] == nil {
				bySpeaker[c.Speaker] = map[string][]store.Claim{}
			}
			bySpeaker[c.Speaker][c.Kind] = append(bySpeaker[c.Speaker][c.Kind], c)
		}
		if c.Kind != model.KindQuantity || c.Quantity == nil {
			continue
		}
		k := seriesKey{c.Subject, c.Quantity.Unit}
		fs := series[k]
		if fs == nil {
			fs = &figureSeries{Subject: c.Subject, Unit: c.Quantity.Unit}
			series[k] = fs
			seriesOrder = append(seriesOrder, k)
		}
		p := figurePoint{Claim: c, Source: c.Source, When: c.FirstSeen, ConflictIn: against[c.ID]}
		p.Conflict = len(p.ConflictIn) > 0
		fs.Conflicting = fs.Conflicting || p.Conflict
		seen := map[string]bool{}
		for _, m := range c.Mentions {
			a, ok := arts[m.ArticleID]
			if !ok {
				continue
			}
			if !a.Published.IsZero() && (p.When.IsZero() || a.Published.Before(p.When)) {
				p.When = a.Published
			}
			if o := outletOf(a); o != "" && !seen[o] {
				seen[o] = true
				p.Outlets = append(p.Outlets, o)
			}
		}
		fs.Points = append(fs.Points, p)
	}

	for speaker, kinds := range bySpeaker {
		g := speakerGroup{Speaker: speaker}
		for kind, claims := range kinds {
			g.Kinds = append(g.Kinds, kindGroup{Kind: kind, Claims: claims})
			g.Count += len(claims)
		}
		slices.SortFunc(g.Kinds, func(a, b kindGroup) int { return cmp.Compare(kindOrder[a.Kind], kindOrder[b.Kind]) })
		v.Speakers = append(v.Speakers, g)
	}
	// Most-quoted speakers first; unattributed claims last.
	slices.SortFunc(v.Speakers, func(a, b speakerGroup) int {
		if (a.Speaker == "") != (b.Speaker == "") {
			if a.Speaker == "" {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Speaker, b.Speaker))
	})

	for _, k := range seriesOrder {
		fs := series[k]
		slices.SortStableFunc(fs.Points, func(a, b figurePoint) int {
			return cmp.Or(a.When.Compare(b.When), cmp.Compare(a.Claim.Quantity.Value, b.Claim.Quantity.Value))
		})
		fs.Chart = buildChart(fs.Points)
		v.Figures = append(v.Figures, *fs)
	}
	// Series with conflicts first, then the larger ones.
	slices.SortStableFunc(v.Figures, func(a, b figureSeries) int {
		if a.Conflicting != b.Conflicting {
			if a.Conflicting {
				return -1
			}
			return 1
		}
		return cmp.Compare(len(b.Points), len(a.Points))
	})
	return v
}
