package dedup

import (
	"context"
	"fmt"
	"os"
	"testing"
)

func TestZZMerges(t *testing.T) {
	if os.Getenv("ZZ_MERGES") == "" {
		t.Skip()
	}
	docs := readCorpus(t, "stories/uci-headlines.jsonl")
	c := NewClusterer(StoryConfig{})
	idx := mustMem(t)
	firstTitle := map[string]string{}
	for _, d := range docs {
		dec, _ := idx.Add(context.Background(), Entry{ID: d.ID, Published: d.Published, FP: FingerprintText(d.Title, false)})
		n := len(c.alias)
		var before map[string]string = map[string]string{}
		for k, v := range c.alias { before[k] = v }
		a, _ := c.Assign(context.Background(), StoryDoc{ID: d.ID, Title: d.Title, Published: d.Published, DuplicateOf: dec.DuplicateOf})
		if _, ok := firstTitle[a.StoryID]; !ok { firstTitle[a.StoryID] = d.Title }
		if len(c.alias) != n {
			for k, v := range c.alias {
				if _, ok := before[k]; !ok {
					fmt.Printf("MERGE by %q [%s] : %q -> %q\n", d.Title, d.Published.Format("01-02 15:04:05"), firstTitle[k], firstTitle[v])
				}
			}
		}
	}
}
