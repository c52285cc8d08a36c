package dedup

import (
	"encoding/json"
	"os"
	"testing"
)

// Temporary tuning harness (removed before the report).
func TestZZTuneDump(t *testing.T) {
	out := os.Getenv("ZZ_OUT")
	if out == "" {
		t.Skip("ZZ_OUT not set")
	}
	var cfg StoryConfig
	if s := os.Getenv("ZZ_CFG"); s != "" {
		if err := json.Unmarshal([]byte(s), &cfg); err != nil {
			t.Fatal(err)
		}
	}
	docs := readCorpus(t, "stories/uci-headlines.jsonl")
	res := runOffline(t, toDocs(docs), NewClusterer(cfg))
	f, _ := os.Create(out)
	defer f.Close()
	enc := json.NewEncoder(f)
	for i, r := range res {
		enc.Encode(map[string]any{"id": r.ID, "story": r.Story, "gold": docs[i].Story, "title": docs[i].Title, "t": docs[i].Published, "dup": r.DuplicateOf})
	}
}
