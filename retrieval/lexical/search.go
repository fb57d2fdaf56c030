package lexical

import (
	"container/heap"
	"slices"
)

// Match is what a passage holds of a query: the weight of the terms
// it holds (in its text or its fields) and which (bit i: Terms[i]).
type Match struct {
	Weight float64
	Terms  uint64
}

// Scored is a passage index with a score.
type Scored struct {
	P     int
	Score float64
}

// Search scores every passage holding a query term with BM25F (the
// passage's text plus its fields) and returns the best limit of them, best
// first, and what of the query any passage holds.
func (lx *Lexicon) Search(q Query, limit int) (ranked []Scored, matched func(p int) Match) {
	scores := make([]float64, lx.N)
	masks := make([]uint64, lx.N)
	weights := make([]float64, lx.N)
	var touched []int32
	for ti, t := range q.Terms {
		if !t.Known {
			continue
		}
		bit := uint64(1) << min(ti, 63)
		body, fields := lx.Postings[t.Stem], lx.Fields[t.Stem]
		add := func(p int32, tf float64) {
			dl := float64(lx.DocLen[p])
			norm := tf * (K1 + 1) / (tf + K1*(1-B+B*dl/lx.AvgLen))
			if masks[p] == 0 {
				touched = append(touched, p)
			}
			scores[p] += t.Weight * norm
			weights[p] += t.Weight
			masks[p] |= bit
		}
		i, j := 0, 0
		for i < len(body) || j < len(fields) {
			switch {
			case j == len(fields) || (i < len(body) && body[i].P < fields[j].P):
				add(body[i].P, float64(body[i].TF))
				i++
			case i == len(body) || fields[j].P < body[i].P:
				add(fields[j].P, fieldTF(fields[j].Bits))
				j++
			default:
				add(body[i].P, float64(body[i].TF)+fieldTF(fields[j].Bits))
				i++
				j++
			}
		}
	}
	better := func(a, b Scored) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return a.P - b.P
	}
	// The best limit passages, without sorting all of them.
	ranked = make([]Scored, 0, min(limit, len(touched)))
	h := &scoredHeap{less: func(a, b Scored) bool { return better(a, b) > 0 }}
	for _, p := range touched {
		s := Scored{P: int(p), Score: scores[p]}
		if len(h.s) < limit {
			heap.Push(h, s)
		} else if better(s, h.s[0]) < 0 {
			h.s[0] = s
			heap.Fix(h, 0)
		}
	}
	ranked = append(ranked, h.s...)
	slices.SortFunc(ranked, better)
	return ranked, func(p int) Match { return Match{Weight: weights[p], Terms: masks[p]} }
}

// scoredHeap keeps the worst of the best passages found so far on top.
type scoredHeap struct {
	s    []Scored
	less func(a, b Scored) bool
}

func (h *scoredHeap) Len() int           { return len(h.s) }
func (h *scoredHeap) Less(i, j int) bool { return h.less(h.s[i], h.s[j]) }
func (h *scoredHeap) Swap(i, j int)      { h.s[i], h.s[j] = h.s[j], h.s[i] }
func (h *scoredHeap) Push(x any)         { h.s = append(h.s, x.(Scored)) }
func (h *scoredHeap) Pop() any {
	x := h.s[len(h.s)-1]
	h.s = h.s[:len(h.s)-1]
	return x
}
