package dedup

import (
	"fmt"
	"sort"
	"testing"

	"github.com/claimwatch/claimwatch/pkg/dedup/dedupeval"
)

type uf []int

func (u uf) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

func TestExpShingle(t *testing.T) {
	dir, err := dedupeval.FindCorpus(".")
	if err != nil {
		t.Skip(err)
	}
	docs, _ := dedupeval.ReadFile(dir + "/neardup/dev.jsonl")
	gold := map[string]string{}
	for _, d := range docs {
		gold[d.ID] = d.Group
	}
	for _, k := range []int{2, 3, 4, 5, 7} {
		sets := make([][]uint64, len(docs))
		inv := map[uint64][]int32{}
		for i, d := range docs {
			sets[i] = Shingles(Words(d.Text), k)
			for _, h := range sets[i] {
				inv[h] = append(inv[h], int32(i))
			}
		}
		type pr struct {
			a, b     int
			j, c     float64
		}
		var prs []pr
		for i := range docs {
			cnt := map[int32]int{}
			for _, h := range sets[i] {
				l := inv[h]
				if len(l) > 200 {
					continue
				}
				for _, o := range l {
					if int(o) > i {
						cnt[o]++
					}
				}
			}
			for o, n := range cnt {
				a, b := len(sets[i]), len(sets[o])
				j := float64(n) / float64(a+b-n)
				c := float64(n) / float64(min(a, b))
				if c > 0.1 {
					prs = append(prs, pr{i, int(o), j, c})
				}
			}
		}
		for _, mode := range []string{"j", "c", "max"} {
			best, bt := 0.0, 0.0
			var bs dedupeval.Scores
			for th := 0.1; th < 0.96; th += 0.05 {
				u := make(uf, len(docs))
				for i := range u {
					u[i] = i
				}
				for _, p := range prs {
					v := p.j
					if mode == "c" {
						v = p.c
					} else if mode == "max" {
						v = max(p.j, p.c*0.8)
					}
					if v >= th {
						u[u.find(p.a)] = u.find(p.b)
					}
				}
				pred := map[string]string{}
				for i, d := range docs {
					pred[d.ID] = fmt.Sprint(u.find(i))
				}
				s := dedupeval.Pairwise(pred, gold)
				if s.F1 > best {
					best, bt, bs = s.F1, th, s
				}
			}
			t.Logf("k=%d mode=%s best th=%.2f %v", k, mode, bt, bs)
		}
		// distribution of within-group min sim vs cross-group max sim
		var in, out []float64
		for _, p := range prs {
			if gold[docs[p.a].ID] == gold[docs[p.b].ID] {
				in = append(in, p.j)
			} else {
				out = append(out, p.j)
			}
		}
		sort.Float64s(in)
		sort.Float64s(out)
		if len(in) > 0 && len(out) > 0 {
			t.Logf("k=%d J in-group: min %.2f p1 %.2f p5 %.2f; cross max %.2f p99.9 %.2f n=%d", k, in[0], in[len(in)/100], in[len(in)/20], out[len(out)-1], out[len(out)*999/1000], len(out))
		}
	}
}
