package dedup

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

func bandKey(sig *Signature, b int) string {
	return "l." + strconv.Itoa(b) + "." + strconv.FormatUint(uint64(sig.Band(b)), 16)
}

// bandEntry is one line of a band list: an article hash and when it was
// added.
type bandEntry struct {
	h string
	t int64
}

func parseBand(v []byte) []bandEntry {
	var out []bandEntry
	for _, line := range strings.Split(string(v), "\n") {
		h, ts, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		t, err := strconv.ParseInt(ts, 10, 64)
		if err != nil {
			continue
		}
		out = append(out, bandEntry{h, t})
	}
	return out
}

func formatBand(es []bandEntry) []byte {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(e.h)
		b.WriteByte(' ')
		b.WriteString(strconv.FormatInt(e.t, 10))
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// appendBands adds self to each of sig's band lists, dropping entries
// older than the window and the oldest beyond maxBandEntries. Appending
// twice is harmless: an entry already present is left alone.
func (k *KV) appendBands(ctx context.Context, sig *Signature, self string, now time.Time) error {
	minT := now.Add(-k.opt.window).Unix()
	return forBands(ctx, func(ctx context.Context, b int) error {
		key := bandKey(sig, b)
		for try := 0; try < maxCASRetries; try++ {
			ent, err := k.kv.Get(ctx, key)
			if err != nil && !errors.Is(err, jetstream.ErrKeyNotFound) {
				return fmt.Errorf("dedup kv: get %s: %w", key, err)
			}
			var es []bandEntry
			var rev uint64
			if err == nil {
				es, rev = parseBand(ent.Value()), ent.Revision()
			}
			kept := es[:0]
			for _, e := range es {
				if e.h == self {
					return nil
				}
				if e.t >= minT {
					kept = append(kept, e)
				}
			}
			kept = append(kept, bandEntry{self, now.Unix()})
			if len(kept) > maxBandEntries {
				kept = kept[len(kept)-maxBandEntries:]
			}
			if rev == 0 {
				_, err = k.kv.Create(ctx, key, formatBand(kept))
			} else {
				_, err = k.kv.Update(ctx, key, formatBand(kept), rev)
			}
			if err == nil {
				return nil
			}
			if !isWrongRevision(err) {
				return fmt.Errorf("dedup kv: append %s: %w", key, err)
			}
		}
		return fmt.Errorf("dedup kv: append %s: too many concurrent writers", key)
	})
}

// nearest reads fp's band lists and returns the decision against the
// most similar candidate registered before seq.
func (k *KV) nearest(ctx context.Context, fp *Fingerprint, self string, seq uint64, now time.Time) (Decision, error) {
	minT := now.Add(-k.opt.window).Unix()
	var mu sync.Mutex
	cands := map[string]bool{}
	err := forBands(ctx, func(ctx context.Context, b int) error {
		key := bandKey(&fp.Sig, b)
		ent, err := k.kv.Get(ctx, key)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("dedup kv: get %s: %w", key, err)
		}
		mu.Lock()
		defer mu.Unlock()
		for _, e := range parseBand(ent.Value()) {
			if e.h != self && e.t >= minT && len(cands) < maxKVCandidates {
				cands[e.h] = true
			}
		}
		return nil
	})
	if err != nil {
		return Decision{}, err
	}
	type cand struct {
		rec *kvRecord
		seq uint64
		sim float64
	}
	var best *cand
	for h := range cands {
		rec, rev, err := k.getRecord(ctx, "a."+h)
		if err != nil {
			return Decision{}, err
		}
		if rec == nil {
			continue // expired, or appended but not yet registered: later than us
		}
		cseq := rec.Seq
		if cseq == 0 {
			cseq = rev
		}
		if cseq >= seq {
			continue // registered after us: it will see us, not we it
		}
		sig, ok := decodeSig(rec.Sig)
		if !ok {
			continue
		}
		sim := similarity(&fp.Sig, fp.Size, &sig, rec.Size)
		if sim < k.opt.threshold {
			continue
		}
		// The earliest similar article: its own decision depends only on
		// articles before it, so its root is the group's root.
		if best == nil || cseq < best.seq {
			best = &cand{rec, cseq, sim}
		}
	}
	if best == nil {
		return Decision{}, nil
	}
	rec := best.rec
	if !rec.Done {
		rec = k.awaitDone(ctx, rec)
	}
	dup := rec.ID
	if rec.Done && rec.DupOf != "" {
		dup = rec.DupOf
	}
	return Decision{DuplicateOf: dup, Similarity: best.sim}, nil
}

// awaitDone polls the record of an article another replica is deciding
// right now, for up to awaitDoneFor, so a copy can name the group root
// rather than an article whose own decision is still open. If the other
// replica is slower than that (or died), rec is returned as is and the
// copy points at that article, a longer but still correct chain.
func (k *KV) awaitDone(ctx context.Context, rec *kvRecord) *kvRecord {
	deadline := time.Now().Add(awaitDoneFor)
	for time.Now().Before(deadline) {
		t := time.NewTimer(5 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return rec
		case <-t.C:
		}
		got, _, err := k.getRecord(ctx, articleKey(rec.ID))
		if err != nil || got == nil {
			return rec
		}
		if got.Done {
			return got
		}
	}
	return rec
}

// awaitDoneFor bounds awaitDone; deciding one article takes a few
// milliseconds.
const awaitDoneFor = 2 * time.Second
