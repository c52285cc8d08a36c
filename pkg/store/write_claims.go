package store

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// maxConflictCandidates bounds the stored figures one new figure is
// compared with (the most recent of the same subject), so a subject with
// a long history cannot make one write slow.
const maxConflictCandidates = 500

// maxConflictsPerClaim bounds the conflicts recorded for one new figure:
// the newest stored figures it conflicts with, up to this many. Without
// it, a subject whose figures disagree a lot (20 outlets, 20 estimates)
// costs every new figure a conflict row, a lookup and an event per
// earlier figure — quadratic in the subject's figures, and measured
// slowing writes to 11 claims/s. The new figure is still flagged against
// its most recent rivals, which is what an alert needs; older pairs of a
// very contested subject are not all enumerated.
const maxConflictsPerClaim = 16

// ApplyClaims implements Writer.
func (c *core) ApplyClaims(ctx context.Context, b *model.ClaimBatch) (ApplyResult, error) {
	if b == nil || b.Article.ID == "" {
		return ApplyResult{}, fmt.Errorf("%w: claim batch without article id", ErrInvalid)
	}
	merged, err := mergeBatch(b)
	if err != nil {
		return ApplyResult{}, err
	}
	var res ApplyResult
	err = c.write(ctx, func(ctx context.Context, q querier) (bool, error) {
		res = ApplyResult{}
		if err := c.applyClaims(ctx, q, b, merged, &res); err != nil {
			return false, err
		}
		return res.Events > 0, nil
	})
	if err != nil {
		return ApplyResult{}, fmt.Errorf("apply claims of %s: %w", b.Article.ID, err)
	}
	return res, nil
}

// mergeBatch validates the claims and folds repeats of one ID together,
// sorted by ID so concurrent writers lock claims in the same order. Every
// mention is attributed to the batch's article: a batch is one article's
// claims.
func mergeBatch(b *model.ClaimBatch) ([]model.Claim, error) {
	byID := map[string]int{}
	var out []model.Claim
	for i := range b.Claims {
		cl := b.Claims[i]
		if cl.ID == "" || cl.Kind == "" {
			return nil, fmt.Errorf("%w: claim %d of article %s has no id or kind", ErrInvalid, i, b.Article.ID)
		}
		ms := make([]model.Mention, 0, max(1, len(cl.Mentions)))
		for _, m := range cl.Mentions {
			m.ArticleID = b.Article.ID
			ms = append(ms, m)
		}
		if len(ms) == 0 {
			ms = append(ms, model.Mention{ArticleID: b.Article.ID, Sentence: -1})
		}
		if j, ok := byID[cl.ID]; ok {
			out[j].Mentions = append(out[j].Mentions, ms...)
			continue
		}
		cl.Mentions = ms
		byID[cl.ID] = len(out)
		out = append(out, cl)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (c *core) applyClaims(ctx context.Context, q querier, b *model.ClaimBatch, cls []model.Claim, res *ApplyResult) error {
	now := time.Now().UTC()
	nowUS := now.UnixMicro()
	ref := b.Article
	// A batch may overtake its article: keep a stub that ApplyUnique or
	// ApplyDuplicate later fills in.
	if _, err := q.exec(ctx, `INSERT INTO articles (id, url, title, feed_url, outlet, published, story_id, stub, stored)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8)
		ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id
		WHERE articles.story_id = '' AND excluded.story_id <> ''`,
		ref.ID, ref.URL, ref.Title, ref.FeedURL, outletOf(ref.FeedURL, ref.URL), micros(ref.Published), ref.StoryID, nowUS); err != nil {
		return fmt.Errorf("upsert article stub: %w", err)
	}
	var outlet string
	if err := q.queryRow(ctx, `SELECT outlet, story_id FROM articles WHERE id = $1`, ref.ID).Scan(&outlet, &ref.StoryID); err != nil {
		return fmt.Errorf("read article %s: %w", ref.ID, err)
	}
	if len(cls) == 0 {
		return nil
	}
	if c.d.lockKeys != nil {
		// Replicas adding mentions to the same claim, or figures on the
		// same subject, take turns: otherwise each could count outlets or
		// look for conflicts in a snapshot without the other's rows.
		if err := c.d.lockKeys(ctx, q, lockKeysOf(cls)); err != nil {
			return fmt.Errorf("lock claims: %w", err)
		}
	}
	// The statements below are set-based (one per step, not per claim):
	// on PostgreSQL every statement is a network round trip.
	// A new claim's mentions all come from this batch's article, so its
	// outlet count (0 or 1) is known at insert: only claims that existed
	// before need last_seen moved and their outlets recounted.
	firstOutlets := 0
	if outlet != "" {
		firstOutlets = 1
	}
	isNew, err := insertClaims(ctx, q, c.d.insertNew, cls, nowUS, firstOutlets)
	if err != nil {
		return err
	}
	added, err := insertMentions(ctx, q, c.d.insertNew, cls, outlet, nowUS)
	if err != nil {
		return err
	}
	var fresh []*model.Claim
	var touched []string
	for i := range cls {
		cl := &cls[i]
		res.NewMentions += added[cl.ID]
		if isNew[cl.ID] {
			fresh = append(fresh, cl)
		} else if added[cl.ID] > 0 {
			touched = append(touched, cl.ID)
		}
	}
	res.NewClaims = len(fresh)
	if err := insertEntities(ctx, q, c.d.insertNew, fresh); err != nil {
		return err
	}
	if err := touchClaims(ctx, q, touched, nowUS); err != nil {
		return err
	}
	gaining, err := gainingOutlet(ctx, q, touched, outlet, ref.ID)
	if err != nil {
		return err
	}
	outlets, grown, err := recountOutlets(ctx, q, gaining)
	if err != nil {
		return err
	}
	for _, cl := range fresh {
		outlets[cl.ID] = firstOutlets
	}
	var events []outboxRow
	for _, cl := range fresh {
		ev := model.Event{Type: model.EventClaimNew, Key: model.EventClaimNew + ":" + cl.ID, Time: now, Claim: cl, Article: &ref, Outlets: outlets[cl.ID]}
		if events, err = appendEvent(events, bus.SubjectEventClaimNew, &ev); err != nil {
			return err
		}
	}
	firsts := map[string]model.ArticleRef{}
	for _, cl := range fresh {
		if cl.Kind != model.KindQuantity || subjectNorm(cl.Subject) == "" {
			continue
		}
		if events, err = c.findConflicts(ctx, q, cl, &ref, now, res, events, firsts); err != nil {
			return err
		}
	}
	for i := range cls {
		cl := &cls[i]
		if n := outlets[cl.ID]; grown[cl.ID] && n > 1 {
			ev := model.Event{Type: model.EventClaimSpread, Key: model.EventClaimSpread + ":" + cl.ID + ":" + strconv.Itoa(n),
				Time: now, Claim: cl, Article: &ref, Outlets: n}
			if events, err = appendEvent(events, bus.SubjectEventSpread, &ev); err != nil {
				return err
			}
		}
	}
	n, err := insertOutbox(ctx, q, c.d.insertNew, events)
	res.Events = n
	return err
}

// lockKeysOf names the locks a batch needs, sorted so that every writer
// takes them in the same order.
func lockKeysOf(cls []model.Claim) []string {
	seen := map[string]bool{}
	var keys []string
	for i := range cls {
		keys = append(keys, "claim:"+cls[i].ID)
		if cls[i].Kind == model.KindQuantity {
			if s := subjectNorm(cls[i].Subject); s != "" && !seen[s] {
				seen[s] = true
				keys = append(keys, "subject:"+s)
			}
		}
	}
	sort.Strings(keys)
	return keys
}
