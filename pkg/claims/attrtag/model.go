package attrtag

import (
	"bytes"
	"compress/flate"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"sync"

	"github.com/claimwatch/claimwatch/internal/hashmix"
)

// Tags. A span is B-X followed by I-X tokens.
const (
	tagO = iota
	tagBSrc
	tagISrc
	tagBCue
	tagICue
	tagBCon
	tagICon
	nTags
)

// rowWidth pads a weight row to eight int8s so that a feature's row is
// one aligned 8-byte load. int8 weights (with a clipped scale) scored the
// same as int16 on the dev articles at half the size.
const rowWidth = 8

// A row is held as one uint64 of weights biased by rowBias, one byte per
// tag, so that summing rows (lanes) adds four tags at a time in 16-bit
// lanes instead of sign-extending seven bytes per feature.
const (
	rowBias  = 128
	laneMask = 0x00ff00ff00ff00ff
)

// packRows turns int8 weights, rowWidth per row, into biased rows.
func packRows(w []int8) []uint64 {
	rows := make([]uint64, len(w)/rowWidth)
	for r := range rows {
		var x uint64
		for t := range nTags {
			x |= uint64(uint8(int16(w[r*rowWidth+t])+rowBias)) << (8 * t)
		}
		rows[r] = x
	}
	return rows
}

// weight is the int8 weight of tag t in row r.
func (m *Model) weight(r, t int) int8 {
	return int8(int16(uint8(m.w[r]>>(8*t))) - rowBias)
}

// defaultBits is log2 of the number of hashed feature buckets.
const defaultBits = 18

// Attribution is one attribution found by the tagger. Offsets are bytes
// into the tagged text. Cue is empty when the tagger found none in the
// sentence. Content is the content span's text; when one
// source governs several content spans of the same sentence group ("…,"
// he said, "…") they are joined with a space and ContentStart/End cover
// all of them.
type Attribution struct {
	Source, Cue, Content     string
	SourceStart, SourceEnd   int
	ContentStart, ContentEnd int
	// Score is the estimated probability that the attribution is right
	// (content and source as PolNeAR's annotators would have them), for
	// thresholding.
	Score float64

	feats [nAF]float32
}

// Model is a trained tagger. It is safe for concurrent use.
type Model struct {
	bits  uint
	w     []uint64 // (1<<bits) rows, packed by packRows
	scale float32  // w * scale = perceptron weight
	cues  []uint64
	// gates is the stricter lexicon that decides which sentences Tag
	// looks at; a subset of cues.
	gates   []uint64
	cal     []float32 // logistic weights of the confidence score, nAF of them
	cueSet  hashSet
	gateSet hashSet
	// viterbi models are first-order and decoded exactly per sentence;
	// the others greedily with second-order and sentence-state features.
	viterbi bool
	expTab  []float64
	tab     *tables
}

//go:embed model.bin
var modelFile []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
)

// Default returns the embedded model, loaded on first use. It panics if
// the embedded file is corrupt, which is a build error.
func Default() *Model {
	defaultOnce.Do(func() {
		m, err := Load(bytes.NewReader(modelFile))
		if err != nil {
			panic(fmt.Sprintf("attrtag: embedded model: %v", err))
		}
		defaultModel = m
	})
	return defaultModel
}

var magic = [4]byte{'A', 'T', 'G', '5'}

// header opens a model file: the format, the table size, the weight
// scale and the lengths of the lists that follow.
type header struct {
	Magic [4]byte
	Bits  uint8
	NTags uint8
	Flags uint16
	Scale float32
	NCues uint32
	NGate uint32
	NCal  uint32
}

// Save writes m in the format Load reads: a header, the cue lexicon and
// the deflated int8 weights (without row padding).
func (m *Model) Save(w io.Writer) error {
	hdr := header{Magic: magic, Bits: uint8(m.bits), NTags: nTags, Flags: m.headerFlags(), Scale: m.scale, NCues: uint32(len(m.cues)), NGate: uint32(len(m.gates)), NCal: uint32(len(m.cal))}
	if err := binary.Write(w, binary.LittleEndian, &hdr); err != nil {
		return err
	}
	if err := binary.Write(w, binary.LittleEndian, m.cues); err != nil {
		return err
	}
	if err := binary.Write(w, binary.LittleEndian, m.gates); err != nil {
		return err
	}
	if err := binary.Write(w, binary.LittleEndian, m.cal); err != nil {
		return err
	}
	zw, err := flate.NewWriter(w, flate.BestCompression)
	if err != nil {
		return err
	}
	rows := 1 << m.bits
	plane := make([]byte, rows*nTags)
	for r := range rows {
		for t := range nTags {
			plane[r*nTags+t] = byte(m.weight(r, t))
		}
	}
	if _, err := zw.Write(plane); err != nil {
		return err
	}
	return zw.Close()
}

func (m *Model) headerFlags() uint16 {
	if m.viterbi {
		return 1
	}
	return 0
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	var hdr header
	if err := binary.Read(r, binary.LittleEndian, &hdr); err != nil {
		return nil, fmt.Errorf("read header: %w", err)
	}
	if hdr.Magic != magic || hdr.NTags != nTags || hdr.Bits < 8 || hdr.Bits > 26 || hdr.NCues > maxCues || hdr.NGate > maxCues || hdr.NCal > 1024 {
		return nil, errors.New("not an attrtag model")
	}
	m := &Model{bits: uint(hdr.Bits), scale: hdr.Scale, viterbi: hdr.Flags&1 != 0, cues: make([]uint64, hdr.NCues)}
	if err := binary.Read(r, binary.LittleEndian, m.cues); err != nil {
		return nil, fmt.Errorf("read cues: %w", err)
	}
	m.gates = make([]uint64, hdr.NGate)
	if err := binary.Read(r, binary.LittleEndian, m.gates); err != nil {
		return nil, fmt.Errorf("read gate: %w", err)
	}
	m.cal = make([]float32, hdr.NCal)
	if err := binary.Read(r, binary.LittleEndian, m.cal); err != nil {
		return nil, fmt.Errorf("read calibration: %w", err)
	}
	rows := 1 << m.bits
	plane := make([]byte, rows*nTags)
	if _, err := io.ReadFull(flate.NewReader(r), plane); err != nil {
		return nil, fmt.Errorf("read weights: %w", err)
	}
	w := make([]int8, rows*rowWidth)
	for r := range rows {
		for t := range nTags {
			w[r*rowWidth+t] = int8(plane[r*nTags+t])
		}
	}
	m.w = packRows(w)
	m.prepare()
	return m, nil
}

// prepare builds what Load does not read: the lexicon sets, the
// exponential table and the tables of greedyScores.
func (m *Model) prepare() {
	m.cueSet = newHashSet(m.cues)
	m.gateSet = newHashSet(m.gates)
	m.expTab = make([]float64, expTabSize)
	for d := range m.expTab {
		m.expTab[d] = math.Exp(-float64(m.scale) * float64(d))
	}
	// Training prepares the lexicons before there are weights.
	if m.w != nil {
		m.buildTables()
	}
}

// expTabSize bounds the score differences whose exponential is tabled;
// beyond it the term is negligible next to the best tag's 1.
const expTabSize = 4096

// expNeg is exp(-d*scale) for a score difference d in weight units:
// a table look-up, as math.Exp for every tagged token was a tenth of
// the tagging time.
func (m *Model) expNeg(d int32) float64 {
	switch {
	case d >= expTabSize:
		return 0
	case d < 0: // only on a Viterbi path through a locally worse tag
		return math.Exp(-float64(m.scale) * float64(d))
	}
	return m.expTab[d]
}

// hashSet is an open-addressed set of word hashes (0 = empty slot), a
// power of two long: lexicon look-ups happen for every token.
type hashSet []uint64

// maxCues bounds a model's cue and gate lexicons: a token holds a slot of
// the cue set, plus one, in 16 bits, and the set has at least four slots
// a word.
const maxCues = 1 << 13

func newHashSet(hs []uint64) hashSet {
	n := 64
	for n < 4*len(hs) {
		n *= 2
	}
	s := make(hashSet, n)
	for _, h := range hs {
		if h == 0 {
			continue
		}
		for k := hashmix.Mix64(h) & uint64(n-1); ; k = (k + 1) & uint64(n-1) {
			if s[k] == 0 || s[k] == h {
				s[k] = h
				break
			}
		}
	}
	return s
}

// slot is the index in s of h, which s must hold.
func (s hashSet) slot(h uint64) uint16 {
	n := uint64(len(s) - 1)
	k := hashmix.Mix64(h) & n
	for s[k] != h {
		k = (k + 1) & n
	}
	return uint16(k)
}

func (s hashSet) has(h uint64) bool {
	n := uint64(len(s) - 1)
	for k := hashmix.Mix64(h) & n; ; k = (k + 1) & n {
		switch s[k] {
		case h:
			return true
		case 0:
			return false
		}
	}
}
