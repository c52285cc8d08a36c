package indextest

import (
	"math/rand/v2"
	"strings"
)

// Articles returns n synthetic articles of about 180 words drawn from a
// large random vocabulary, deterministic for a seed: different articles
// share words but almost no 4-word phrases, as different news stories do.
func Articles(seed uint64, n int) []string {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	vocab := make([]string, 4000)
	for i := range vocab {
		var b strings.Builder
		for j := 0; j < 3+r.IntN(6); j++ {
			b.WriteByte(byte('a' + r.IntN(26)))
		}
		vocab[i] = b.String()
	}
	out := make([]string, n)
	for i := range out {
		var paras []string
		for p := 0; p < 6; p++ {
			var words []string
			for w := 0; w < 30; w++ {
				// Zipf-like: common words recur across articles.
				words = append(words, vocab[int(float64(len(vocab))*r.Float64()*r.Float64())])
			}
			paras = append(paras, strings.Join(words, " ")+".")
		}
		out[i] = strings.Join(paras, "\n\n")
	}
	return out
}

// Copy returns variant v of text as a syndicating outlet would publish
// it: 0 verbatim, 1 with page furniture around it, 2 with the last
// paragraphs cut, 3 lightly reworded.
func Copy(text string, v int) string {
	paras := strings.Split(text, "\n\n")
	switch v % 4 {
	case 1:
		return "Share this article\n\nAdvertisement\n\n" + text + "\n\nSign up for our newsletter\n\nRead more: Top stories"
	case 2:
		return strings.Join(paras[:len(paras)-2], "\n\n")
	case 3:
		words := strings.Fields(text)
		for i := 7; i < len(words); i += 23 {
			words[i] = "reworded"
		}
		return strings.Join(words, " ")
	}
	return text
}
