package model_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/claimwatch/claimwatch/pkg/model"
)

func TestRoundTrip(t *testing.T) {
	low := 1500.0
	pub := time.Date(2024, 10, 25, 9, 0, 0, 0, time.UTC)
	art := model.Article{ID: "a1", URL: "https://example.com/a", Title: "T", Text: "body", Published: pub, Fetched: pub, ContentHash: "h"}
	claim := model.Claim{ID: "c1", Kind: model.KindQuantity, Text: "s", Content: "at least 1,500 troops",
		Quantity: &model.Quantity{Value: 1500, Unit: "troops", Hedge: "at least", Low: &low},
		Mentions: []model.Mention{{ArticleID: "a1", Sentence: 2, Start: 10, End: 40}}}
	tests := []struct {
		name string
		in   interface {
			model.Versioned
		}
		out model.Versioned
	}{
		{"an article", &art, &model.Article{}},
		{"a unique article", &model.UniqueArticle{Article: art, StoryID: "s1", StoryNew: true}, &model.UniqueArticle{}},
		{"a duplicate article", &model.DuplicateArticle{Article: art, DuplicateOf: "a0", Similarity: 0.93}, &model.DuplicateArticle{}},
		{"a claim batch", &model.ClaimBatch{Article: art.Ref(), Extractor: "rules/1", Claims: []model.Claim{claim}}, &model.ClaimBatch{}},
		{"an event", &model.Event{Type: model.EventClaimNew, Key: "k", Time: pub, Claim: &claim}, &model.Event{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := encode(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if err := model.Decode(data, tt.out); err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if diff := cmp.Diff(tt.in, tt.out); diff != "" {
				t.Errorf("round trip changed the value (-in +out):\n%s", diff)
			}
		})
	}
}

// encode dispatches to model.Encode, whose constraint only this
// package's concrete types satisfy.
func encode(v model.Versioned) ([]byte, error) {
	switch x := v.(type) {
	case *model.Article:
		return model.Encode(x)
	case *model.UniqueArticle:
		return model.Encode(x)
	case *model.DuplicateArticle:
		return model.Encode(x)
	case *model.ClaimBatch:
		return model.Encode(x)
	case *model.Event:
		return model.Encode(x)
	}
	return nil, errors.New("unknown type")
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name string
		data string
		want error
	}{
		{"a newer schema version", `{"v":2,"id":"a"}`, model.ErrVersion},
		{"a payload without a version", `{"id":"a"}`, model.ErrVersion},
		{"truncated JSON", `{"v":1,"id":`, model.ErrDecode},
		{"a wrong type for a field", `{"v":1,"id":5}`, model.ErrDecode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a model.Article
			err := model.Decode([]byte(tt.data), &a)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Decode(%s) = %v, want %v", tt.data, err, tt.want)
			}
			if err.Error() == "" {
				t.Error("empty error message")
			}
		})
	}
}

func TestEncodeStampsVersion(t *testing.T) {
	u := model.UniqueArticle{Article: model.Article{ID: "a"}}
	if _, err := model.Encode(&u); err != nil {
		t.Fatal(err)
	}
	if u.V != model.Version || u.Article.V != model.Version {
		t.Errorf("versions after Encode: outer %d, inner %d", u.V, u.Article.V)
	}
}
