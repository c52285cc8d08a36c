package attrtag_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/claimwatch/claimwatch/pkg/claims"
	. "github.com/claimwatch/claimwatch/pkg/claims/attrtag"
)

// BenchmarkShare sets the tagger's cost against the rules' on the BBC
// articles, all MB/s of whole-article text: rules is the rule extractor
// alone, tag is Tag, ranges is TagRanges over the sentences without a
// rule claim, as a caller that tags only those would. The tagger's share
// is the rules' MB/s over its own.
func BenchmarkShare(b *testing.B) {
	// The tagger is the model file's, so a candidate can be timed.
	raw, err := os.ReadFile(ModelPath())
	if err != nil {
		b.Fatal(err)
	}
	m, err := Load(bytes.NewReader(raw))
	if err != nil {
		b.Fatal(err)
	}
	texts := LoadBBC(b)
	var size int64
	free := make([][][2]int, len(texts))
	var sents, kept int
	for i, t := range texts {
		size += int64(len(t))
		rules := ruleClaims(b, &GoldArticle{Text: t})
		all := SentenceSpans(t)
		free[i] = freeSentences(all, rules)
		sents += len(all)
		kept += len(free[i])
	}
	b.Logf("%d of %d sentences without a rule claim", kept, sents)
	rules := claims.NewRules(0).RulesOnly()
	for _, bc := range []struct {
		name string
		f    func(int) int
	}{
		{"rules", func(i int) int {
			cs, err := rules.Extract(context.Background(), claims.Input{Text: texts[i]})
			if err != nil {
				b.Fatal(err)
			}
			return len(cs)
		}},
		{"tag", func(i int) int { return len(m.Tag(texts[i])) }},
		{"ranges", func(i int) int { return len(m.TagRanges(texts[i], free[i])) }},
	} {
		b.Run(bc.name, func(b *testing.B) { BenchFound(b, size, len(texts), bc.f) })
	}
}
