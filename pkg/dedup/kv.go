package dedup

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/nats-io/nats.go/jetstream"
	"golang.org/x/sync/errgroup"

	"github.com/claimwatch/claimwatch/internal/hashmix"
)

// KV is the Index shared by many dedup replicas, kept in a JetStream
// key-value bucket whose TTL is the window. Every write is revision
// checked (kv.Create, kv.Update with the revision read), never a blind
// read-modify-write.
//
// # Protocol
//
// Keys: "a.<h>" the article record (decision, MinHash signature and
// registration sequence), "u.<h>" canonical URL -> article ID, "b.<h>"
// body hash -> article ID, "l.<band>.<key>" the LSH band lists (article
// hashes with the time they were added).
//
//  1. A done record for the ID answers a redelivery (or an update) at once.
//  2. The URL and body keys are claimed with Create; losing the race makes
//     the article an exact duplicate of the winner.
//  3. The article appends itself to its 32 band lists, then registers by
//     creating its record: the record's revision, a sequence number
//     global to the bucket, orders it against every other article.
//  4. It reads its band lists again and compares itself with every
//     candidate registered with a lower sequence. Of two similar articles
//     the later one always sees the earlier (its read follows its own
//     registration, which follows the earlier one's appends), and the
//     earlier one ignores the later: exactly one of them is the duplicate,
//     however the replicas interleave.
//  5. The decision is written to the record with Update at the record's
//     revision, so a concurrent redelivery keeps one decision.
type KV struct {
	kv  jetstream.KeyValue
	opt options
	now func() time.Time
}

var _ Index = (*KV)(nil)

// Bounds of the KV protocol.
const (
	// maxBandEntries caps one band list; newest entries are kept.
	maxBandEntries = 64
	// maxKVCandidates caps the records fetched per article.
	maxKVCandidates = 64
	// kvParallel is how many band keys are read or written at once.
	kvParallel = 32
	// maxCASRetries bounds revision-conflict retries on one key; a key
	// that many writers fight over this long is reported as an error and
	// the message is retried later.
	maxCASRetries = 16
)

// NewKV returns an index over kv. The bucket's TTL should equal the
// window (WithWindow), so records expire as band lists forget them.
func NewKV(kv jetstream.KeyValue, opts ...Option) (*KV, error) {
	if kv == nil {
		return nil, errors.New("dedup kv index: nil bucket")
	}
	o, err := defaultOptions(opts)
	if err != nil {
		return nil, err
	}
	return &KV{kv: kv, opt: o, now: time.Now}, nil
}

// kvRecord is the value of an article key.
type kvRecord struct {
	ID    string  `json:"id"`
	Rev   int     `json:"rev"`
	First int     `json:"first"`
	Done  bool    `json:"done"`
	Seq   uint64  `json:"seq,omitempty"`
	DupOf string  `json:"dup_of,omitempty"`
	Sim   float64 `json:"sim,omitempty"`
	Exact bool    `json:"exact,omitempty"`
	Size  uint32  `json:"size,omitempty"`
	Sig   string  `json:"sig,omitempty"`
	Time  int64   `json:"t"`
}

func (r *kvRecord) decision() Decision {
	return Decision{DuplicateOf: r.DupOf, Similarity: r.Sim, Exact: r.Exact, Revision: r.Rev, FirstRevision: r.First}
}

func hashKey(s string) string { return strconv.FormatUint(hashmix.Mix64(wordHash(s)), 16) }

func articleKey(id string) string { return "a." + hashKey(id) }

// Add implements Index.
func (k *KV) Add(ctx context.Context, e Entry) (Decision, error) {
	if e.ID == "" {
		return Decision{}, fmt.Errorf("%w: empty id", ErrInvalidEntry)
	}
	akey := articleKey(e.ID)
	rec, rev, err := k.getRecord(ctx, akey)
	if err != nil {
		return Decision{}, err
	}
	if rec != nil && rec.ID != e.ID {
		return Decision{}, fmt.Errorf("dedup kv: key %s holds %q, not %q", akey, rec.ID, e.ID)
	}
	if rec != nil && rec.Done {
		return k.seen(ctx, akey, rec, rev, e.Revision)
	}
	now := k.now()
	if rec == nil {
		if dup, ok, err := k.exact(ctx, e); err != nil {
			return Decision{}, err
		} else if ok {
			return k.finish(ctx, akey, 0, &kvRecord{ID: e.ID, Rev: e.Revision, First: e.Revision, Done: true, DupOf: dup, Sim: 1, Exact: true, Time: now.Unix()})
		}
	}
	if e.FP.Size == 0 {
		return k.finish(ctx, akey, rev, &kvRecord{ID: e.ID, Rev: e.Revision, First: e.Revision, Done: true, Time: now.Unix()})
	}
	self := hashKey(e.ID)
	if rec == nil {
		if err := k.appendBands(ctx, &e.FP.Sig, self, now); err != nil {
			return Decision{}, err
		}
		pending := &kvRecord{ID: e.ID, Rev: e.Revision, First: e.Revision, Size: e.FP.Size, Sig: encodeSig(&e.FP.Sig), Time: now.Unix()}
		b, _ := json.Marshal(pending)
		rev, err = k.kv.Create(ctx, akey, b)
		if errors.Is(err, jetstream.ErrKeyExists) {
			// Another delivery of this article registered first.
			return k.Add(ctx, e)
		}
		if err != nil {
			return Decision{}, fmt.Errorf("dedup kv: register %s: %w", e.ID, err)
		}
		rec = pending
	} else if err := k.appendBands(ctx, &e.FP.Sig, self, now); err != nil {
		// Resuming after a crash between append and decision: the
		// appends are idempotent, and may have been cut short.
		return Decision{}, err
	}
	seq := rec.Seq
	if seq == 0 {
		seq = rev
	}
	d, err := k.nearest(ctx, &e.FP, self, seq, now)
	if err != nil {
		return Decision{}, err
	}
	rec.Done, rec.Seq, rec.DupOf, rec.Sim = true, seq, d.DuplicateOf, d.Similarity
	return k.finish(ctx, akey, rev, rec)
}

// seen answers an ID whose decision is stored, raising its revision.
func (k *KV) seen(ctx context.Context, akey string, rec *kvRecord, rev uint64, newRev int) (Decision, error) {
	for try := 0; try < maxCASRetries; try++ {
		d := rec.decision()
		if newRev <= rec.Rev {
			return d, nil
		}
		rec.Rev = newRev
		b, _ := json.Marshal(rec)
		_, err := k.kv.Update(ctx, akey, b, rev)
		if err == nil {
			d.Updated, d.Revision = true, newRev
			return d, nil
		}
		if !isWrongRevision(err) {
			return Decision{}, fmt.Errorf("dedup kv: update revision of %s: %w", rec.ID, err)
		}
		if rec, rev, err = k.getRecord(ctx, akey); err != nil {
			return Decision{}, err
		} else if rec == nil {
			return Decision{}, fmt.Errorf("dedup kv: record %s vanished", akey)
		}
	}
	return Decision{}, fmt.Errorf("dedup kv: update revision of %s: too many concurrent writers", akey)
}

// finish stores a done record (Create when rev is 0, else Update at rev)
// and returns its decision; if another delivery stored one first, that
// one is returned, so every delivery reports the same decision.
func (k *KV) finish(ctx context.Context, akey string, rev uint64, rec *kvRecord) (Decision, error) {
	b, _ := json.Marshal(rec)
	var err error
	if rev == 0 {
		_, err = k.kv.Create(ctx, akey, b)
	} else {
		_, err = k.kv.Update(ctx, akey, b, rev)
	}
	if err == nil {
		return rec.decision(), nil
	}
	if !errors.Is(err, jetstream.ErrKeyExists) && !isWrongRevision(err) {
		return Decision{}, fmt.Errorf("dedup kv: store decision for %s: %w", rec.ID, err)
	}
	got, _, gerr := k.getRecord(ctx, akey)
	if gerr != nil {
		return Decision{}, gerr
	}
	if got == nil || !got.Done {
		return Decision{}, fmt.Errorf("dedup kv: store decision for %s: %w", rec.ID, err)
	}
	return got.decision(), nil
}

func isWrongRevision(err error) bool {
	var apiErr *jetstream.APIError
	return errors.As(err, &apiErr) && apiErr.ErrorCode == jetstream.JSErrCodeStreamWrongLastSequence ||
		errors.Is(err, jetstream.ErrKeyExists)
}

func (k *KV) getRecord(ctx context.Context, key string) (*kvRecord, uint64, error) {
	ent, err := k.kv.Get(ctx, key)
	if errors.Is(err, jetstream.ErrKeyNotFound) {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, fmt.Errorf("dedup kv: get %s: %w", key, err)
	}
	var r kvRecord
	if err := json.Unmarshal(ent.Value(), &r); err != nil {
		// Not ours or corrupted: treat as absent rather than wedge the
		// stage; the next Create on the key will fail and say so.
		return nil, 0, fmt.Errorf("dedup kv: decode %s: %w", key, err)
	}
	return &r, ent.Revision(), nil
}

// exact claims the URL and body keys; ok reports an exact duplicate of
// dup, the root of the article that claimed them first.
func (k *KV) exact(ctx context.Context, e Entry) (dup string, ok bool, err error) {
	var keys []string
	if e.URLKey != "" {
		keys = append(keys, "u."+hashKey(e.URLKey))
	}
	if e.FP.BodyHash != 0 {
		keys = append(keys, "b."+strconv.FormatUint(e.FP.BodyHash, 16))
	}
	for _, key := range keys {
		_, err := k.kv.Create(ctx, key, []byte(e.ID))
		if err == nil {
			continue
		}
		if !errors.Is(err, jetstream.ErrKeyExists) {
			return "", false, fmt.Errorf("dedup kv: claim %s: %w", key, err)
		}
		ent, err := k.kv.Get(ctx, key)
		if errors.Is(err, jetstream.ErrKeyNotFound) {
			continue // expired between the two calls
		}
		if err != nil {
			return "", false, fmt.Errorf("dedup kv: get %s: %w", key, err)
		}
		other := string(ent.Value())
		if other == e.ID {
			continue // our own claim from an earlier delivery
		}
		return k.root(ctx, other), true, nil
	}
	return "", false, nil
}

// root returns the group root of id when its record says it is a copy.
// A missing or unreadable record leaves id itself, a correct if longer
// duplicate_of chain.
func (k *KV) root(ctx context.Context, id string) string {
	rec, _, err := k.getRecord(ctx, articleKey(id))
	if err != nil || rec == nil {
		return id
	}
	if !rec.Done {
		rec = k.awaitDone(ctx, rec)
	}
	if rec.Done && rec.DupOf != "" {
		return rec.DupOf
	}
	return id
}

func encodeSig(s *Signature) string {
	var b [NumHashes * 2]byte
	for i, v := range s {
		binary.LittleEndian.PutUint16(b[2*i:], v)
	}
	return base64.RawStdEncoding.EncodeToString(b[:])
}

func decodeSig(s string) (Signature, bool) {
	var sig Signature
	b, err := base64.RawStdEncoding.DecodeString(s)
	if err != nil || len(b) != NumHashes*2 {
		return sig, false
	}
	for i := range sig {
		sig[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return sig, true
}

// forBands runs fn for every band, kvParallel at a time.
func forBands(ctx context.Context, fn func(ctx context.Context, b int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(kvParallel)
	for b := 0; b < NumBands; b++ {
		g.Go(func() error { return fn(gctx, b) })
	}
	return g.Wait()
}
