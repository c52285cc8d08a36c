package dedupeval

import "fmt"

// Scores are pairwise precision, recall and F1 over the documents present
// in both the prediction and the gold labels.
type Scores struct {
	Precision, Recall, F1 float64
	// Documents is how many documents were scored; PredictedPairs and
	// GoldPairs count the pairs placed together by each side, TruePairs
	// those placed together by both.
	Documents                            int
	PredictedPairs, GoldPairs, TruePairs int64
	PredictedClusters, GoldClusters      int
}

// String formats s as score.py does.
func (s Scores) String() string {
	return fmt.Sprintf("p=%.3f r=%.3f f1=%.3f documents=%d predicted_clusters=%d gold_clusters=%d",
		s.Precision, s.Recall, s.F1, s.Documents, s.PredictedClusters, s.GoldClusters)
}

// Pairwise scores the clustering pred against gold. Both map a document ID
// to a cluster label; documents missing from pred are left out, as
// score.py leaves out documents the binary did not answer for.
func Pairwise(pred, gold map[string]string) Scores {
	type pair struct{ p, g string }
	both := map[pair]int64{}
	pc := map[string]int64{}
	gc := map[string]int64{}
	n := 0
	for id, g := range gold {
		p, ok := pred[id]
		if !ok {
			continue
		}
		n++
		both[pair{p, g}]++
		pc[p]++
		gc[g]++
	}
	s := Scores{Documents: n, PredictedClusters: len(pc), GoldClusters: len(gc)}
	s.TruePairs = pairs(both)
	s.PredictedPairs = pairs(pc)
	s.GoldPairs = pairs(gc)
	s.Precision = ratio(s.TruePairs, s.PredictedPairs)
	s.Recall = ratio(s.TruePairs, s.GoldPairs)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

func pairs[K comparable](counts map[K]int64) int64 {
	var t int64
	for _, n := range counts {
		t += n * (n - 1) / 2
	}
	return t
}

// ratio is a/b with score.py's convention that an empty denominator counts
// as one, so no predicted pairs gives precision 0, not NaN.
func ratio(a, b int64) float64 {
	return float64(a) / float64(max(b, 1))
}

// maxChain bounds how far Roots follows duplicate_of links, as score.py
// does, so a cycle in bad input cannot loop forever.
const maxChain = 100

// Roots turns id -> duplicate_of ("" when none) into id -> the root of its
// chain of duplicate_of links.
func Roots(dupOf map[string]string) map[string]string {
	out := make(map[string]string, len(dupOf))
	for id := range dupOf {
		r := id
		for i := 0; i < maxChain; i++ {
			next, ok := dupOf[r]
			if !ok || next == "" || next == r {
				break
			}
			r = next
		}
		out[id] = r
	}
	return out
}
