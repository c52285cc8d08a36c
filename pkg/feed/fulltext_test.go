package feed

import (
	"bufio"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type corpusArticle struct{ Title, Text string }

// corpusArticles reads the seed articles and the first BBC articles.
func corpusArticles(t testing.TB, n int) []corpusArticle {
	dir := corpusDir(t)
	var out []corpusArticle
	seeds, _ := filepath.Glob(filepath.Join(dir, "seeds", "*.txt"))
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		title, text, _ := strings.Cut(string(b), "\n")
		out = append(out, corpusArticle{title, text})
	}
	f, err := os.Open(filepath.Join(dir, "bbc", "articles.jsonl"))
	if err != nil {
		t.Skipf("corpus bbc/articles.jsonl missing: %v", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() && len(out) < n {
		var a corpusArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// newsPage wraps an article in the chrome of a news site: navigation, a
// cookie banner, share links, an advert, a "most read" list, comments and
// a footer. Half the pages use <article>, half a plain <div>.
func newsPage(i int, a corpusArticle, all []corpusArticle) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=utf-8><title>" + html.EscapeString(a.Title) + " | Daily Example</title><script>var ads=1;</script></head><body>")
	b.WriteString(`<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div><header><nav><ul>`)
	for _, s := range []string{"Home", "World", "Business", "Politics", "Tech", "Science", "Sport", "Opinion"} {
		b.WriteString(`<li><a href="/` + strings.ToLower(s) + `">` + s + `</a></li>`)
	}
	wrap := []string{"article", "div"}[i%2]
	b.WriteString(`</ul></nav></header><main><` + wrap + ` class="story-body"><h1>` + html.EscapeString(a.Title) + `</h1><div class="share"><a href="#">Share on Facebook</a></div>`)
	for j, p := range strings.Split(a.Text, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			b.WriteString("<p>" + html.EscapeString(p) + "</p>")
		}
		if j == 3 {
			b.WriteString(`<div class="ad">Advertisement</div>`)
		}
	}
	b.WriteString("</" + wrap + `><aside class="most-read"><h2>Most read</h2><ol>`)
	for k := 1; k <= 5; k++ {
		fmt.Fprintf(&b, `<li><a href="/a/%d">%s</a></li>`, k, html.EscapeString(all[(i+k)%len(all)].Title))
	}
	other := strings.SplitN(all[(i+7)%len(all)].Text, "\n", 2)[0]
	b.WriteString(`</ol></aside><section class="comments"><h2>Comments</h2><div class="comment"><p>` + html.EscapeString(other) + `</p></div></section></main>`)
	b.WriteString(`<footer><p>Physical Address: 1 Example Street. © 2024 Daily Example.</p></footer></body></html>`)
	return b.String()
}

// wordOverlap returns precision and recall of got's words against want's.
func wordOverlap(got, want string) (p, r float64) {
	count := func(s string) map[string]int {
		m := map[string]int{}
		for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
			return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
		}) {
			m[w]++
		}
		return m
	}
	g, w := count(got), count(want)
	var ng, nw, both int
	for k, v := range g {
		ng += v
		both += min(v, w[k])
	}
	for _, v := range w {
		nw += v
	}
	if ng == 0 || nw == 0 {
		return 0, 0
	}
	return float64(both) / float64(ng), float64(both) / float64(nw)
}

// TestReadabilityOnNewsPages measures the chosen extractor on pages built
// from corpus articles: the article's words must come out, the chrome's
// must not. (go-trafilatura, measured the same way while choosing, had
// precision 0.975 at recall 1.000 and took 3x longer per page.)
func TestReadabilityOnNewsPages(t *testing.T) {
	arts := corpusArticles(t, 45)
	var sumP, sumR float64
	for i, a := range arts {
		text, err := NewReadability().Extract("https://news.example/a/1", []byte(newsPage(i, a, arts)))
		if err != nil {
			t.Fatalf("page %d (%q): %v", i, a.Title, err)
		}
		p, r := wordOverlap(text, a.Text)
		sumP += p
		sumR += r
		if strings.Contains(text, "Physical Address") || strings.Contains(text, "Most read") {
			t.Errorf("page %d: page chrome in the extracted text", i)
		}
		if strings.Count(a.Text, "\n") > 2 && !strings.Contains(text, "\n\n") {
			t.Errorf("page %d: paragraphs lost", i)
		}
	}
	p, r := sumP/float64(len(arts)), sumR/float64(len(arts))
	t.Logf("readability on %d pages: word precision %.3f, recall %.3f", len(arts), p, r)
	if p < 0.95 || r < 0.95 {
		t.Errorf("word precision %.3f recall %.3f, want both >= 0.95", p, r)
	}
}

func BenchmarkReadability(b *testing.B) {
	arts := corpusArticles(b, 10)
	pages := make([][]byte, len(arts))
	for i, a := range arts {
		pages[i] = []byte(newsPage(i, a, arts))
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := NewReadability().Extract("https://news.example/a/1", pages[i%len(pages)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
