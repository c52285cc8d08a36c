package main

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/claimwatch/claimwatch/pkg/demo"
	"github.com/claimwatch/claimwatch/pkg/model"
)

// benchSource is the text the benchmark articles are made of.
type benchSource struct{ title, text string }

// loadBenchSources reads bbc/articles.jsonl under corpus, or falls back
// to the embedded seeds when the corpus is absent.
func loadBenchSources(corpus string) ([]benchSource, string, error) {
	path := filepath.Join(corpus, "bbc", "articles.jsonl")
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		seeds, err := demo.Seeds()
		if err != nil {
			return nil, "", err
		}
		out := make([]benchSource, len(seeds))
		for i, s := range seeds {
			out[i] = benchSource{title: s.Title, text: s.Text}
		}
		return out, "embedded seeds", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("bench corpus: %w", err)
	}
	defer f.Close()
	var out []benchSource
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var row struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			return nil, "", fmt.Errorf("bench corpus %s: %w", path, err)
		}
		out = append(out, benchSource{title: row.Title, text: row.Text})
	}
	if err := sc.Err(); err != nil {
		return nil, "", fmt.Errorf("bench corpus %s: %w", path, err)
	}
	if len(out) == 0 {
		return nil, "", fmt.Errorf("bench corpus %s is empty", path)
	}
	return out, path, nil
}

// benchNames vary who speaks and what is counted, so articles made from
// the same source text are not all one claim.
var benchNames = []string{"Maria Lopez", "John Carter", "Aiko Tanaka", "Peter Novak", "Fatima Khan", "Lars Berg", "Chen Wei", "Amara Okafor"}

// makeBenchArticles builds n articles: mostly distinct texts (a source
// text with a varied figure and a named speaker appended), and a share
// of near-copies (an earlier article under a new headline, its last
// paragraph cut).
func makeBenchArticles(src []benchSource, n int, run string, copyShare float64) []model.Article {
	r := rand.New(rand.NewPCG(uint64(len(src)), uint64(n)))
	out := make([]model.Article, 0, n)
	now := time.Now().UTC()
	for i := range n {
		var title, text string
		if i > 10 && r.Float64() < copyShare {
			orig := out[r.IntN(len(out))]
			title = "Update: " + orig.Title
			paras := strings.Split(orig.Text, "\n\n")
			if len(paras) > 2 {
				paras = paras[:len(paras)-1]
			}
			text = strings.Join(paras, "\n\n")
		} else {
			s := src[i%len(src)]
			name := benchNames[r.IntN(len(benchNames))]
			figure := 1000 + r.IntN(50000)
			title = s.title
			place := pseudoWord(i)
			text = fmt.Sprintf("%s\n\n\"%s district counted about %d people at the site,\" %s said on Tuesday. Officials in %s said at least %d more were expected.",
				s.text, place, figure, name, place, figure/10)
		}
		id := fmt.Sprintf("bench-%s-%06d", run, i)
		sum := sha256.Sum256([]byte(text))
		out = append(out, model.Article{
			ID: id, URL: "https://bench.example/" + run + "/" + id, FeedURL: "https://bench.example/feed.xml",
			Title: title, Text: text, Published: now, Fetched: now, ContentHash: hex.EncodeToString(sum[:16]),
		})
	}
	return out
}

// pseudoWord spells n as a pronounceable capitalised word ("Bakotu"), so
// each generated article carries a quote no other article has and so
// yields a new claim of its own.
func pseudoWord(n int) string {
	const cons, vows = "bdfgklmnprstvz", "aeiou"
	var b []byte
	for {
		b = append(b, cons[n%len(cons)], vows[(n/len(cons))%len(vows)])
		n /= len(cons) * len(vows)
		if n == 0 {
			break
		}
	}
	b = append(b, 'n')
	b[0] -= 'a' - 'A'
	return string(b)
}
