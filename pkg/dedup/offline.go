package dedup

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/claimwatch/claimwatch/pkg/canon"
)

// Doc is one article of an offline run (`claimwatch cluster`).
type Doc struct {
	ID        string
	URL       string
	Title     string
	Text      string
	Published time.Time
}

// Result is the offline verdict for one Doc.
type Result struct {
	ID          string
	DuplicateOf string // "" when the article is not a copy
	Story       string
	Similarity  float64
}

// Offline runs the dedup and story logic of the stage over docs in one
// process: articles are taken in publication order (input order among
// equal times), so duplicate_of names the earliest copy. Results come back
// in input order, with each story ID resolved through later merges when
// stories can (Clusterer.Resolve). stories may be nil to skip stories.
func Offline(ctx context.Context, docs []Doc, idx Index, stories StoryAssigner) ([]Result, error) {
	// A document without a time takes its predecessor's, so it keeps its
	// place in the input order instead of sorting before everything.
	docs = slices.Clone(docs)
	var last time.Time
	for i := range docs {
		if docs[i].Published.IsZero() {
			docs[i].Published = last
		}
		last = docs[i].Published
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return docs[a].Published.Compare(docs[b].Published) })
	out := make([]Result, len(docs))
	for _, i := range order {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d := docs[i]
		e := Entry{ID: d.ID, URLKey: urlKey(d.URL), Published: d.Published, FP: FingerprintText(d.Text, false)}
		if e.FP.Size == 0 {
			// A headline-only item: the headline is all there is to
			// compare, and two outlets' identical headlines are a copy.
			e.FP = FingerprintText(d.Title, false)
		}
		dec, err := idx.Add(ctx, e)
		if err != nil {
			return nil, fmt.Errorf("dedup %s: %w", d.ID, err)
		}
		r := Result{ID: d.ID, DuplicateOf: dec.DuplicateOf, Similarity: dec.Similarity}
		if stories != nil {
			sd := StoryDoc{ID: d.ID, Title: d.Title, Text: d.Text, Published: d.Published, DuplicateOf: dec.DuplicateOf}
			a, err := stories.Assign(ctx, sd)
			if err != nil {
				return nil, fmt.Errorf("story %s: %w", d.ID, err)
			}
			r.Story = a.StoryID
		}
		out[i] = r
	}
	if res, ok := stories.(StoryResolver); ok {
		for i := range out {
			out[i].Story = res.Resolve(ctx, out[i].Story)
		}
	}
	return out, nil
}

// StoryResolver is implemented by StoryAssigners that merge stories:
// Resolve returns the story a story ID was merged into (following merges),
// or the ID itself.
type StoryResolver interface {
	Resolve(ctx context.Context, storyID string) string
}

// urlKey canonicalises raw for exact-duplicate detection; an unparseable
// or empty URL gives "" (no URL key) rather than an error, since the body
// fingerprint still applies.
func urlKey(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := canon.URL(raw)
	if err != nil {
		return ""
	}
	return u
}
