package api

import (
	"math"
	"time"
)

// chart is a small SVG scatter of figures over time, laid out here so the
// template only prints numbers (no user text goes into SVG attributes).
type chart struct {
	Width, Height float64
	Left, Bottom  float64 // plot area origin, in SVG units
	Top, Right    float64
	Dots          []chartDot
	YTicks        []chartTick
	XTicks        []chartTick
}

type chartDot struct {
	X, Y     float64
	Y1, Y2   float64 // interval bar from the hedge's low to high
	OpenTop  bool    // high is unbounded ("at least")
	Conflict bool
	Label    string // the figure, for the tooltip
	Index    int    // 1-based, matches the table row
}

type chartTick struct {
	Pos   float64
	Label string
}

const (
	chartWidth  = 640
	chartHeight = 220
	chartPadL   = 64
	chartPadR   = 16
	chartPadT   = 12
	chartPadB   = 28
)

func buildChart(points []figurePoint) chart {
	c := chart{
		Width: chartWidth, Height: chartHeight,
		Left: chartPadL, Right: chartWidth - chartPadR,
		Top: chartPadT, Bottom: chartHeight - chartPadB,
	}
	if len(points) == 0 {
		return c
	}
	var tmin, tmax time.Time
	vmax := 0.0
	for _, p := range points {
		q := p.Claim.Quantity
		vmax = math.Max(vmax, q.Value)
		if q.High != nil && !math.IsInf(*q.High, 0) {
			vmax = math.Max(vmax, *q.High)
		}
		if tmin.IsZero() || p.When.Before(tmin) {
			tmin = p.When
		}
		if p.When.After(tmax) {
			tmax = p.When
		}
	}
	if vmax <= 0 || math.IsNaN(vmax) || math.IsInf(vmax, 0) {
		vmax = 1
	}
	vmax = niceCeil(vmax * 1.1)
	span := tmax.Sub(tmin)
	x := func(t time.Time) float64 {
		if span <= 0 {
			return (c.Left + c.Right) / 2
		}
		return c.Left + (c.Right-c.Left)*float64(t.Sub(tmin))/float64(span)
	}
	y := func(v float64) float64 {
		v = math.Max(0, math.Min(v, vmax))
		return c.Bottom - (c.Bottom-c.Top)*v/vmax
	}
	for i, p := range points {
		q := p.Claim.Quantity
		d := chartDot{
			X: round1(x(p.When)), Y: round1(y(q.Value)), Conflict: p.Conflict,
			Label: fmtQuantity(q), Index: i + 1,
		}
		d.Y1, d.Y2 = d.Y, d.Y
		if q.Low != nil && !math.IsInf(*q.Low, 0) {
			d.Y1 = round1(y(*q.Low))
		}
		if q.High == nil || math.IsInf(*q.High, 1) {
			// An unbounded interval ("at least 1,500") when the hedge made
			// one; a bare figure has no interval at all.
			if q.Low != nil {
				d.Y2, d.OpenTop = c.Top, true
			}
		} else {
			d.Y2 = round1(y(*q.High))
		}
		c.Dots = append(c.Dots, d)
	}
	for i := 0; i <= 4; i++ {
		v := vmax * float64(i) / 4
		c.YTicks = append(c.YTicks, chartTick{Pos: round1(y(v)), Label: fmtNumber(math.Round(v))})
	}
	c.XTicks = append(c.XTicks, chartTick{Pos: round1(x(tmin)), Label: tmin.UTC().Format("2 Jan 15:04")})
	if span > 0 {
		c.XTicks = append(c.XTicks, chartTick{Pos: round1(x(tmax)), Label: tmax.UTC().Format("2 Jan 15:04")})
	}
	return c
}

// niceCeil rounds up to a round multiple of a power of ten, for round ticks.
func niceCeil(v float64) float64 {
	exp := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10} {
		if v <= m*exp {
			return m * exp
		}
	}
	return 10 * exp
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
