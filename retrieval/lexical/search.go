package lexical

import (
	"container/heap"
	"math"
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

// Score returns the BM25F score of passage p for q, as Search scores it,
// and what of q the passage holds.
func (lx *Lexicon) Score(q Query, p int) (float64, Match) {
	var score float64
	var m Match
	dl := float64(lx.DocLen[p])
	for ti, t := range q.Terms {
		if !t.Known {
			continue
		}
		var tf float64
		body, fields := lx.Postings[t.Stem], lx.Fields[t.Stem]
		if i, ok := slices.BinarySearchFunc(body, int32(p), func(e posting, p int32) int { return int(e.P - p) }); ok {
			tf += float64(body[i].TF)
		}
		if j, ok := slices.BinarySearchFunc(fields, int32(p), func(e fieldPosting, p int32) int { return int(e.P - p) }); ok {
			tf += fieldTF(fields[j].Bits)
		}
		if tf == 0 {
			continue
		}
		score += t.Weight * tf * (K1 + 1) / (tf + K1*(1-B+B*dl/lx.AvgLen))
		m.Weight += t.Weight
		m.Terms |= uint64(1) << min(ti, 63)
	}
	return score, m
}

// Local returns q weighed as in a corpus of the passages [lo, hi) alone
// (one document's): each known term's weight scaled by its inverse
// document frequency among them over its frequency in the whole corpus.
// A word most of them hold (a document's topic, the rarest of words in a
// corpus of other documents) then says little of which passage answers,
// as it would in that document alone.
func (lx *Lexicon) Local(q Query, lo, hi int) Query {
	out := q
	out.Terms = slices.Clone(q.Terms)
	n := float64(hi - lo)
	for i := range out.Terms {
		t := &out.Terms[i]
		global := lx.idf(t.Stem)
		if !t.Known || global <= 0 {
			continue
		}
		d := float64(lx.holding(t.Stem, int32(lo), int32(hi)))
		t.Weight *= math.Log(1+(n-d+0.5)/(d+0.5)) / global
	}
	return out
}

// holding counts the passages of [lo, hi) holding a stem in their text or
// fields.
func (lx *Lexicon) holding(stem string, lo, hi int32) int {
	body, fields := lx.Postings[stem], lx.Fields[stem]
	i, _ := slices.BinarySearchFunc(body, lo, func(e posting, p int32) int { return int(e.P - p) })
	j, _ := slices.BinarySearchFunc(fields, lo, func(e fieldPosting, p int32) int { return int(e.P - p) })
	n := 0
	for (i < len(body) && body[i].P < hi) || (j < len(fields) && fields[j].P < hi) {
		switch {
		case j >= len(fields) || fields[j].P >= hi || (i < len(body) && body[i].P < hi && body[i].P < fields[j].P):
			i++
		case i >= len(body) || body[i].P >= hi || fields[j].P < body[i].P:
			j++
		default:
			i++
			j++
		}
		n++
	}
	return n
}
