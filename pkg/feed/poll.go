package feed

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"go.uber.org/zap"

	"github.com/claimwatch/claimwatch/pkg/bus"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// maxErrorLen bounds the error text kept in a feed's status.
const maxErrorLen = 500

// poll runs one scheduling decision for feed id: read its state, claim it
// if due and free, poll, release it. It returns when to look at the feed
// next and false when the feed no longer exists. force polls even when
// the feed is not due (Once mode).
func (f *Fetcher) poll(ctx context.Context, id string, force bool) (time.Time, bool) {
	st, rev, err := f.store.Get(ctx, id)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return time.Time{}, false
		}
		if ctx.Err() == nil {
			f.log.Warn("feed state unreadable", zap.String("feed_id", id), zap.Error(err))
		}
		return time.Now().Add(jitter(f.cfg.RetryBase)), true
	}
	now := time.Now()
	switch {
	case st.Disabled:
		return now.Add(f.cfg.MaxInterval), true
	case !force && st.NextPoll.After(now):
		return st.NextPoll, true
	case st.Lease != nil && st.Lease.Owner != f.owner && st.Lease.Until.After(now):
		f.m.leaseLost.Inc()
		return st.Lease.Until.Add(jitter(time.Second)), true
	}

	st.Lease = &Lease{Owner: f.owner, Until: now.Add(f.cfg.LeaseTimeout)}
	rev, err = f.store.Update(ctx, id, st, rev)
	if err != nil {
		if errors.Is(err, ErrConflict) {
			// Another replica claimed it first; look again once its poll
			// has likely finished and written the next-poll time.
			f.m.leaseLost.Inc()
			return now.Add(jitter(2 * time.Second)), true
		}
		if ctx.Err() == nil {
			f.log.Warn("feed claim failed", zap.String("feed_id", id), zap.Error(err))
		}
		return now.Add(jitter(f.cfg.RetryBase)), true
	}

	f.m.inflight.Inc()
	errs, lastErr := st.Errors, st.LastError
	pctx, cancel := context.WithTimeout(ctx, f.cfg.LeaseTimeout*8/10)
	f.pollFeed(pctx, id, st, now)
	cancel()
	f.m.inflight.Dec()
	f.m.pollSeconds.Observe(time.Since(now).Seconds())
	if ctx.Err() != nil {
		// Shut down mid-poll: our cancellation is not the feed's fault, and
		// the feed is due again as soon as a replica runs. Items published
		// before the cut stay recorded.
		st.Errors, st.LastError, st.NextPoll = errs, lastErr, now
	}

	st.Lease = nil
	// Release the claim even when ctx is cancelled (shutdown), so another
	// replica need not wait for the lease to time out.
	wctx, wcancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer wcancel()
	if _, err := f.store.Update(wctx, id, st, rev); err != nil {
		if errors.Is(err, ErrNotFound) || errors.Is(err, ErrConflict) {
			// Deleted meanwhile, or the lease ran out and another replica took
			// over. Its articles are published already; the stream's duplicate
			// window drops the other replica's re-publish.
			f.m.leaseLost.Inc()
			f.log.Warn("feed state changed during poll", zap.String("feed_id", id), zap.String("feed_url", st.URL), zap.Error(err))
			return now.Add(jitter(2 * time.Second)), true
		}
		f.log.Warn("feed state not saved", zap.String("feed_id", id), zap.Error(err))
	}
	return st.NextPoll, true
}

// pollFeed fetches, parses and publishes, recording the outcome in st.
func (f *Fetcher) pollFeed(ctx context.Context, id string, st *State, now time.Time) {
	st.LastPolled = now
	resp, err := f.client.Get(ctx, Request{URL: st.URL, ETag: st.ETag, LastModified: st.LastModified})
	if err != nil {
		f.m.polls.WithLabelValues("error").Inc()
		f.fail(st, err, now)
		return
	}
	if resp.PermanentURL != "" && resp.PermanentURL != st.URL {
		f.log.Info("feed moved permanently", zap.String("feed_id", id), zap.String("feed_url", st.URL), zap.String("new_url", resp.PermanentURL))
		st.URL = resp.PermanentURL
	}
	if resp.NotModified {
		f.m.polls.WithLabelValues("not_modified").Inc()
		f.succeed(st, now, f.keptInterval(st, resp.MaxAge))
		return
	}
	bodyHash := hashBytes(resp.Body)
	if bodyHash == st.BodyHash {
		f.m.polls.WithLabelValues("unchanged").Inc()
		st.ETag, st.LastModified = resp.ETag, resp.LastModified
		f.succeed(st, now, f.keptInterval(st, resp.MaxAge))
		return
	}
	pf, err := ParseFeed(resp.Body, resp.ContentType)
	if err != nil {
		// Validators are not saved: the next poll must fetch the body again
		// rather than get a 304 for a document we never read.
		f.m.polls.WithLabelValues("parse_error").Inc()
		f.fail(st, err, now)
		return
	}
	if pf.Title != "" {
		st.Title = pf.Title
	}
	ents := entries(id, st.URL, pf.Items, now)
	if err := f.publishNew(ctx, st, ents, now); err != nil {
		f.m.polls.WithLabelValues("error").Inc()
		f.fail(st, err, now)
		return
	}
	f.m.polls.WithLabelValues("ok").Inc()
	st.ETag, st.LastModified, st.BodyHash = resp.ETag, resp.LastModified, bodyHash
	dates := make([]time.Time, 0, len(ents))
	for i := range ents {
		dates = append(dates, ents[i].published)
	}
	f.succeed(st, now, f.cfg.pollInterval(dates, pf.UpdateHint, resp.MaxAge, now))
}

// keptInterval is the interval after a poll that read nothing new: the
// last adapted one, with the response's max-age as a floor.
func (f *Fetcher) keptInterval(st *State, maxAge time.Duration) time.Duration {
	iv := st.Interval
	if iv == 0 {
		iv = f.cfg.DefaultInterval
	}
	return min(max(iv, maxAge, f.cfg.MinInterval), f.cfg.MaxInterval)
}

func (f *Fetcher) succeed(st *State, now time.Time, iv time.Duration) {
	if st.Errors >= f.cfg.FailingAfter {
		f.log.Info("feed recovered", zap.String("feed_url", st.URL), zap.Int("errors", st.Errors))
	}
	st.Errors, st.LastError = 0, ""
	st.Interval = iv
	st.NextPoll = now.Add(jitter(iv))
}

// fail records err and backs off: exponentially with the number of
// consecutive errors, capped, and at least as long as Retry-After.
func (f *Fetcher) fail(st *State, err error, now time.Time) {
	st.Errors++
	msg := err.Error()
	if len(msg) > maxErrorLen {
		msg = msg[:maxErrorLen]
	}
	st.LastError = msg
	var se *StatusError
	var ra time.Duration
	if errors.As(err, &se) {
		ra = se.RetryAfter
	}
	st.NextPoll = now.Add(f.cfg.backoff(st.Errors, ra))
	if st.Errors == f.cfg.FailingAfter {
		// Once per failure streak: the feed's status turns "failing".
		f.log.Warn("feed failing", zap.String("feed_url", st.URL), zap.Int("errors", st.Errors),
			zap.Time("next_poll", st.NextPoll), zap.Error(err))
		return
	}
	f.log.Debug("feed poll failed", zap.String("feed_url", st.URL), zap.Int("errors", st.Errors), zap.Error(err))
}

// pending is an entry to publish with its revision.
type pending struct {
	e    *entry
	rev  int
	text string
}

// publishNew publishes entries that are new or whose content changed, oldest
// first, and records them in st.Items. It stops at the first failed
// publish: entries published before it are recorded, the rest are retried
// by the next poll.
func (f *Fetcher) publishNew(ctx context.Context, st *State, ents []entry, now time.Time) error {
	idx := make(map[string]int, len(st.Items))
	for i, it := range st.Items {
		idx[it.ID] = i
	}
	ts := now.Unix()
	var todo []pending
	for i := range ents {
		e := &ents[i]
		if j, ok := idx[e.id]; ok {
			st.Items[j].Seen = ts
			if st.Items[j].Hash == e.hash {
				continue
			}
			todo = append(todo, pending{e: e, rev: st.Items[j].Revision + 1, text: e.text})
			continue
		}
		todo = append(todo, pending{e: e, text: e.text})
	}
	sort.SliceStable(todo, func(i, j int) bool { return todo[i].e.published.Before(todo[j].e.published) })
	f.fetchFullTexts(ctx, st, todo)

	for _, p := range todo {
		a := p.e.article(st.URL, st.Title, p.text, p.rev, now)
		data, err := model.Encode(&a)
		if err != nil {
			return fmt.Errorf("encode article %s: %w", a.ID, err)
		}
		if err := f.pub.Publish(ctx, bus.SubjectArticlesRaw, msgID(&a), data); err != nil {
			return fmt.Errorf("publish article %s: %w", a.ID, err)
		}
		kind := "new"
		if p.rev > 0 {
			kind = "update"
		}
		f.m.published.WithLabelValues(kind).Inc()
		st.Articles++
		item := SeenItem{ID: p.e.id, Hash: p.e.hash, Revision: p.rev, Seen: ts}
		if j, ok := idx[p.e.id]; ok {
			st.Items[j] = item
		} else {
			idx[p.e.id] = len(st.Items)
			st.Items = append(st.Items, item)
		}
		f.log.Debug("article published", zap.String("article_id", a.ID), zap.String("feed_url", st.URL), zap.Int("revision", a.Revision))
	}
	st.Items = trimSeen(st.Items, ts, f.cfg.MaxSeenItems)
	return nil
}

// trimSeen keeps every identity present in the current document (Seen ==
// now) and the most recently seen others, up to limit in all.
func trimSeen(items []SeenItem, now int64, limit int) []SeenItem {
	sort.SliceStable(items, func(i, j int) bool { return items[i].Seen > items[j].Seen })
	keep := limit
	for keep < len(items) && items[keep].Seen == now {
		keep++
	}
	if keep < len(items) {
		items = items[:keep:keep]
	}
	return items
}

// fetchFullTexts replaces summaries with page text for up to
// FullTextPerPoll entries, four pages at a time. A failure leaves the
// feed's text in place: it is counted and logged, never fatal.
func (f *Fetcher) fetchFullTexts(ctx context.Context, st *State, todo []pending) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	budget := f.cfg.FullTextPerPoll
	for i := range todo {
		if budget <= 0 {
			break
		}
		if !f.wantsFullText(st, todo[i].e) {
			continue
		}
		budget--
		wg.Add(1)
		go func(p *pending) {
			defer wg.Done()
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				return
			}
			defer func() { <-sem }()
			text, err := f.fullText(ctx, p.e)
			if err != nil {
				f.m.fullText.WithLabelValues("error").Inc()
				f.log.Debug("full text not used", zap.String("article_url", p.e.link), zap.Error(err))
				return
			}
			f.m.fullText.WithLabelValues("ok").Inc()
			p.text = text
		}(&todo[i])
	}
	wg.Wait()
}
