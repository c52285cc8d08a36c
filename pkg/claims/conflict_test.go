package claims

import (
	"testing"

	"github.com/claimwatch/claimwatch/pkg/model"
)

func TestConflicts(t *testing.T) {
	tests := []struct {
		name string
		a, b model.Claim
		want bool
	}{
		{"about 1,500 and nearly 12,000 troops conflict", qty("North Korea", 1500, "troops", "about"), qty("North Korea", 12000, "troops", "nearly"), true},
		{"at least 1,500 and approximately 3,000 overlap", qty("North Korea", 1500, "troops", "at least"), qty("North Korea", 3000, "soldiers", "approximately"), false},
		{"as high as 3,000 and nearly 12,000 conflict", qty("North Korea", 3000, "troops", "as high as"), qty("North Korea", 12000, "troops", "nearly"), true},
		{"bare figures that differ conflict", qty("North Korea", 1500, "troops", ""), qty("North Korea", 3000, "troops", ""), true},
		{"about 1,500 and a bare 1,500 agree", qty("North Korea", 1500, "troops", "about"), qty("North Korea", 1500, "troops", ""), false},
		{"different subjects never conflict", qty("North Korea", 1500, "troops", ""), qty("Russia", 3000, "troops", ""), false},
		{"different units never conflict", qty("North Korea", 1500, "troops", ""), qty("North Korea", 3000, "usd", ""), false},
		{"figures without subject never conflict", qty("", 1500, "troops", ""), qty("", 3000, "troops", ""), false},
		{"a quote never conflicts", model.Claim{Kind: model.KindQuote}, qty("North Korea", 3000, "troops", ""), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Conflicts(&tt.a, &tt.b); got != tt.want {
				t.Errorf("Conflicts(a,b)=%v want %v", got, tt.want)
			}
			if got := Conflicts(&tt.b, &tt.a); got != tt.want {
				t.Errorf("Conflicts(b,a)=%v want %v (must be symmetric)", got, tt.want)
			}
		})
	}
	if Conflicts(nil, nil) {
		t.Error("nil claims must not conflict")
	}
}

func TestHedgeInterval(t *testing.T) {
	iv := HedgeInterval(12000, "nearly")
	if *iv.Low != 10800 || *iv.High != 12000 {
		t.Errorf("nearly 12000 = [%v,%v]", *iv.Low, *iv.High)
	}
	iv = HedgeInterval(1500, "at least")
	if *iv.Low != 1500 || iv.High != nil {
		t.Errorf("at least 1500 has wrong bounds")
	}
	iv = HedgeInterval(3000, "as high as")
	if iv.Low != nil || *iv.High != 3000 {
		t.Errorf("as high as 3000 has wrong bounds")
	}
	if !(Interval{}).Overlaps(HedgeInterval(1, "")) {
		t.Error("unbounded interval must overlap everything")
	}
}
