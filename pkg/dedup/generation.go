package dedup

import (
	"math"

	"github.com/claimwatch/claimwatch/internal/hashmix"
)

// generation is one half-window of the Memory index: the entries added
// while it was current and their LSH chains. Chains are intrusive linked
// lists: heads[slot] holds the newest entry whose band key hashes to slot,
// next[o*NumBands+b] the entry after o in band b's chain. A link is
// ordinal+1 in its low 24 bits and 8 bits of the linked entry's band key
// above them, so a walk skips entries of other keys without touching
// their (cache-cold) signatures.
// Band keys are recomputed from the stored signatures rather than kept,
// which costs a hash per step and saves 128 bytes per entry.
type generation struct {
	start  int64
	ids    map[string]uint32
	urls   map[uint64]uint32
	bodies map[uint64]uint32
	ents   []memEntry
	heads  []uint32
	next   []uint32
}

// memEntry is one remembered article, about 180 bytes plus its ID.
type memEntry struct {
	sig   Signature
	size  uint32
	rev   int32
	first int32
	sim   uint16 // similarity in 1/10000
	exact bool
	pub   int64
	id    string
	root  string // "" for a unique article
}

// rootID is the ID a copy of this entry points to: its own root when it
// is itself a copy, so duplicate_of always names the earliest article.
func (e *memEntry) rootID() string {
	if e.root != "" {
		return e.root
	}
	return e.id
}

// seen returns the decision stored for an entry added again with revision
// rev, raising the remembered revision on an update.
func (e *memEntry) seen(rev int) Decision {
	d := Decision{DuplicateOf: e.root, Similarity: float64(e.sim) / 1e4, Exact: e.exact, Revision: int(e.rev), FirstRevision: int(e.first)}
	if rev > int(e.rev) {
		e.rev = int32(min(rev, 1<<31-1))
		d.Updated, d.Revision = true, rev
	}
	return d
}

// chainsPerEntry is the average chain length the heads table is sized
// for; longer chains cost a hash per step, shorter ones memory.
const chainsPerEntry = 4

// maxChainSteps bounds the walk of one chain, so a band value shared by
// very many articles cannot make one lookup slow. Chains run newest
// first, so the bound keeps the most recent candidates.
const maxChainSteps = 64

func newGeneration(start int64) *generation {
	return &generation{
		start:  start,
		ids:    map[string]uint32{},
		urls:   map[uint64]uint32{},
		bodies: map[uint64]uint32{},
		heads:  make([]uint32, 32*NumBands),
	}
}

// Links: 24 bits of ordinal+1, 8 bits of band-key tag.
const (
	linkMask = 1<<24 - 1
	// maxGenerationEntries is the most entries a generation can link;
	// Memory starts a new generation when the current one is full.
	maxGenerationEntries = linkMask - 1
)

// linkTag is the tag of a band key, from bits the slot does not use.
func linkTag(key uint32) uint32 { return key & 0xff000000 }

// slot is the heads index of a band key. The table is split into one
// region per band: a chain is followed through one band's next links, so
// it must never mix entries linked through different bands.
func (g *generation) slot(key uint32, band int) uint32 {
	per := uint32(len(g.heads) / NumBands)
	return uint32(band)*per + uint32(hashmix.Mix64(uint64(key)))&(per-1)
}

// candidates calls fn for each entry sharing a band with sig, once per
// band it shares (callers keep the best, so repeats are harmless).
func (g *generation) candidates(sig *Signature, fn func(o uint32)) {
	for b := 0; b < NumBands; b++ {
		key := sig.Band(b)
		tag := linkTag(key)
		p := g.heads[g.slot(key, b)]
		for steps := 0; p != 0 && steps < maxChainSteps; steps++ {
			o := p&linkMask - 1
			if p&^linkMask == tag && g.ents[o].sig.Band(b) == key {
				fn(o)
			}
			p = g.next[int(o)*NumBands+b]
		}
	}
}

func (g *generation) add(e Entry, d Decision, pub int64) {
	o := uint32(len(g.ents))
	me := memEntry{
		sig: e.FP.Sig, size: e.FP.Size, rev: int32(min(max(e.Revision, 0), 1<<31-1)), first: int32(min(max(e.Revision, 0), 1<<31-1)),
		sim: uint16(math.Round(d.Similarity * 1e4)), exact: d.Exact, pub: pub, id: e.ID, root: d.DuplicateOf,
	}
	g.ents = append(g.ents, me)
	g.ids[e.ID] = o
	g.next = append(g.next, make([]uint32, NumBands)...)
	if d.DuplicateOf != "" {
		// A copy is reachable through its root's fingerprint; keeping it
		// out of the chains keeps them short. Exact keys still point to
		// it, so a copy of the copy finds the root through it.
		g.addKeys(e, o)
		return
	}
	g.addKeys(e, o)
	if e.FP.Size == 0 {
		return
	}
	if len(g.ents)*NumBands > chainsPerEntry*len(g.heads) {
		g.grow() // relinks every entry, o included
		return
	}
	g.link(o)
}

func (g *generation) addKeys(e Entry, o uint32) {
	if e.URLKey != "" {
		if _, ok := g.urls[urlKeyHash(e.URLKey)]; !ok {
			g.urls[urlKeyHash(e.URLKey)] = o
		}
	}
	if e.FP.BodyHash != 0 {
		if _, ok := g.bodies[e.FP.BodyHash]; !ok {
			g.bodies[e.FP.BodyHash] = o
		}
	}
}

func (g *generation) link(o uint32) {
	sig := &g.ents[o].sig
	for b := 0; b < NumBands; b++ {
		key := sig.Band(b)
		s := g.slot(key, b)
		g.next[int(o)*NumBands+b] = g.heads[s]
		g.heads[s] = linkTag(key) | (o + 1)
	}
}

// grow doubles the heads table and relinks every indexed entry in order,
// so chains stay newest first.
func (g *generation) grow() {
	g.heads = make([]uint32, 2*len(g.heads))
	for i := range g.next {
		g.next[i] = 0
	}
	for o := range g.ents {
		if g.ents[o].root == "" && g.ents[o].size > 0 {
			g.link(uint32(o))
		}
	}
}
