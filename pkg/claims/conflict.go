package claims

import (
	"math"
	"strings"

	"github.com/claimwatch/claimwatch/pkg/model"
)

// Interval is the range of values a hedged figure allows. A nil bound is
// unbounded on that side.
type Interval struct {
	Low, High *float64
}

// Overlaps reports whether i and j share at least one value.
func (i Interval) Overlaps(j Interval) bool {
	lo1, hi1 := i.bounds()
	lo2, hi2 := j.bounds()
	return lo1 <= hi2 && lo2 <= hi1
}

func (i Interval) bounds() (lo, hi float64) {
	lo, hi = math.Inf(-1), math.Inf(1)
	if i.Low != nil {
		lo = *i.Low
	}
	if i.High != nil {
		hi = *i.High
	}
	return lo, hi
}

// Hedge interval factors (DESIGN.md): "approximately 3,000" is about ±10 %,
// "nearly 12,000" is the 10 % just below 12,000.
const (
	approxSpread = 0.10
	nearlySpread = 0.10
)

// HedgeInterval turns a value and its hedge into the interval the claim
// allows:
//
//	"" (a bare figure)                      [v, v]
//	about, approximately, roughly, around,
//	some, an estimated, nearly … (approx.)  [0.9v, 1.1v]
//	nearly, almost, just under              [0.9v, v]
//	at least, more than, over, upwards of   [v, ∞)
//	up to, as many as, as high as, at most,
//	fewer than, less than, under            (-∞, v]
//	thousands of, hundreds of, dozens of    [v, ∞)   (v is the unit: 1000, 100, 12)
//
// An unknown hedge is treated as approximate.
func HedgeInterval(v float64, hedge string) Interval {
	// Rounded so 3,000 ± 10 % is [2700, 3300], not 3300.0000000000005.
	f := func(x float64) *float64 { x = math.Round(x*1e6) / 1e6; return &x }
	switch strings.ToLower(strings.TrimSpace(hedge)) {
	case "":
		return Interval{f(v), f(v)}
	case "nearly", "almost", "just under", "close to":
		return Interval{f(v * (1 - nearlySpread)), f(v)}
	case "at least", "more than", "over", "upwards of", "in excess of", "just over", "greater than":
		return Interval{f(v), nil}
	case "up to", "as many as", "as high as", "at most", "fewer than", "less than", "under", "no more than":
		return Interval{nil, f(v)}
	case "thousands of", "hundreds of", "dozens of", "millions of", "tens of thousands of", "hundreds of thousands of", "billions of":
		return Interval{f(v), nil}
	default:
		return Interval{f(v * (1 - approxSpread)), f(v * (1 + approxSpread))}
	}
}

// QuantityInterval returns the interval of a quantity claim, preferring
// its stored Low/High.
func QuantityInterval(q *model.Quantity) Interval {
	if q == nil {
		return Interval{}
	}
	if q.Low != nil || q.High != nil {
		return Interval{q.Low, q.High}
	}
	return HedgeInterval(q.Value, q.Hedge)
}

// unitKinds folds units that count the same thing.
var unitKinds = map[string]string{
	"troops": "troops", "troop": "troops", "soldiers": "troops", "soldier": "troops",
	"forces": "troops", "special forces": "troops", "personnel": "troops", "fighters": "troops",
	"units": "troops", "servicemen": "troops", "military personnel": "troops", "mercenaries": "troops",
	"people": "people", "persons": "people", "civilians": "people", "residents": "people",
	"dead": "deaths", "deaths": "deaths", "killed": "deaths", "fatalities": "deaths", "lives": "deaths",
	"injured": "injuries", "wounded": "injuries", "injuries": "injuries",
	"usd": "usd", "dollars": "usd", "$": "usd",
	"percent": "percent", "%": "percent", "per cent": "percent",
}

// UnitKind returns the canonical kind of a unit: troops, soldiers and
// special forces are one kind; an unknown unit is its own kind.
func UnitKind(unit string) string {
	u := strings.ToLower(strings.TrimSpace(unit))
	if k, ok := unitKinds[u]; ok {
		return k
	}
	return u
}

// Conflicts reports whether a and b are figures for the same subject and
// the same kind of unit whose intervals do not overlap. Claims that are not
// quantities, or that lack a subject, never conflict: without a subject
// two figures are not known to be about the same thing.
func Conflicts(a, b *model.Claim) bool {
	if a == nil || b == nil || a.Kind != model.KindQuantity || b.Kind != model.KindQuantity ||
		a.Quantity == nil || b.Quantity == nil {
		return false
	}
	if normName(a.Subject) == "" || normName(a.Subject) != normName(b.Subject) {
		return false
	}
	if UnitKind(a.Quantity.Unit) != UnitKind(b.Quantity.Unit) {
		return false
	}
	return !QuantityInterval(a.Quantity).Overlaps(QuantityInterval(b.Quantity))
}
