package claims

import (
	"testing"

	"github.com/claimwatch/claimwatch/pkg/model"
)

func TestKeyMergesVariantsOfOneQuote(t *testing.T) {
	tests := []struct {
		name string
		a, b model.Claim
		same bool
	}{
		{
			name: "two translations of one remark share a key",
			a:    model.Claim{Kind: model.KindQuote, Speaker: "Vladimir Putin", Content: "When we have to decide something, we will decide…"},
			b:    model.Claim{Kind: model.KindQuote, Speaker: "Putin", Content: "When we need to make certain decisions, we will do so…"},
			same: true,
		},
		{
			name: "punctuation and truncation do not change the key",
			a:    model.Claim{Kind: model.KindQuote, Speaker: "Putin", Content: "This is our business."},
			b:    model.Claim{Kind: model.KindQuote, Speaker: "Vladimir Putin", Content: "this is our business"},
			same: true,
		},
		{
			name: "a different speaker is a different claim",
			a:    model.Claim{Kind: model.KindQuote, Speaker: "Putin", Content: "This is our business."},
			b:    model.Claim{Kind: model.KindQuote, Speaker: "Joe Biden", Content: "This is our business."},
		},
		{
			name: "different remarks of one speaker differ",
			a:    model.Claim{Kind: model.KindQuote, Speaker: "Putin", Content: "Images are a serious thing."},
			b:    model.Claim{Kind: model.KindQuote, Speaker: "Putin", Content: "This is our business."},
		},
		{
			name: "equal figures with equal hedges merge",
			a:    qty("North Korea", 1500, "troops", "at least"),
			b:    qty("north korea", 1500, "soldiers", "at least"),
			same: true,
		},
		{
			name: "a different hedge is a different figure",
			a:    qty("North Korea", 1500, "troops", "at least"),
			b:    qty("North Korea", 1500, "troops", "about"),
		},
		{
			name: "a quote and a statement never share a key",
			a:    model.Claim{Kind: model.KindQuote, Speaker: "Putin", Content: "This is our business."},
			b:    model.Claim{Kind: model.KindStatement, Speaker: "Putin", Content: "This is our business."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ka, kb := Key(&tt.a), Key(&tt.b)
			if (ka == kb) != tt.same {
				t.Errorf("Key(a)=%q Key(b)=%q, want same=%v", ka, kb, tt.same)
			}
			if (ID(ka) == ID(kb)) != tt.same {
				t.Errorf("ID mismatch with key equality")
			}
		})
	}
}

func TestKeyNilAndIDStable(t *testing.T) {
	if Key(nil) != "" {
		t.Error("Key(nil) should be empty")
	}
	if ID("x") != ID("x") || len(ID("x")) != 32 {
		t.Errorf("ID not stable or wrong length: %q", ID("x"))
	}
}

func qty(subject string, v float64, unit, hedge string) model.Claim {
	iv := HedgeInterval(v, hedge)
	return model.Claim{Kind: model.KindQuantity, Subject: subject,
		Quantity: &model.Quantity{Value: v, Unit: unit, Hedge: hedge, Low: iv.Low, High: iv.High}}
}
