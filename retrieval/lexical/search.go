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

// Spread counts the passages by the share of a query's weight they hold,
// in hundredths: Spread[i] passages hold at least i/100 of it and less
// than (i+1)/100 (Spread[100]: all of it). Passages holding none of it are
// not counted.
type Spread [101]int

// AtLeast returns how many passages hold at least share of the query's
// weight (to the hundredth below it).
func (s *Spread) AtLeast(share float64) int {
	n := 0
	for i := hundredths(share); i <= 100; i++ {
		n += s[i]
	}
	return n
}

// add counts a passage holding weight of a query weighing total.
func (s *Spread) add(weight, total float64) {
	if total > 0 {
		s[hundredths(weight/total)]++
	}
}

// hundredths returns a share in whole hundredths, rounded down, within
// 0–100 (a share out of range, NaN included, is clamped).
func hundredths(share float64) int {
	switch {
	case !(share > 0):
		return 0
	case share >= 1:
		return 100
	}
	return int(share * 100)
}

// Search scores every passage holding a query term with BM25F (the
// passage's text plus its fields) and returns the best limit of them, best
// first, what of the query any passage holds, and how many passages hold
// each share of its weight.
func (lx *Lexicon) Search(q Query, limit int) (ranked []Scored, matched func(p int) Match, spread *Spread) {
	scores := make([]float64, lx.N)
	masks := make([]uint64, lx.N)
	weights := make([]float64, lx.N)
	var touched []int32
	for ti, t := range q.Terms {
		if !t.Known {
			continue
		}
		bit := uint64(1) << min(ti, 63)
		lx.holders(t.Stem, 0, int32(lx.N), func(p int32, tf float64) {
			if masks[p] == 0 {
				touched = append(touched, p)
			}
			scores[p] += t.Weight * lx.saturated(tf, p)
			weights[p] += t.Weight
			masks[p] |= bit
		})
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
	spread = new(Spread)
	total := q.TotalWeight()
	for _, p := range touched {
		spread.add(weights[p], total)
	}
	return ranked, func(p int) Match { return Match{Weight: weights[p], Terms: masks[p]} }, spread
}

// SpreadOf counts the passages of [lo, hi) (one document's) by the share
// of q's weight they hold, as Search does for the whole corpus.
func (lx *Lexicon) SpreadOf(q Query, lo, hi int) *Spread {
	weights := make([]float64, max(0, hi-lo))
	for _, t := range q.Terms {
		if t.Known {
			lx.holders(t.Stem, int32(lo), int32(hi), func(p int32, _ float64) { weights[int(p)-lo] += t.Weight })
		}
	}
	spread := new(Spread)
	total := q.TotalWeight()
	for _, w := range weights {
		if w > 0 {
			spread.add(w, total)
		}
	}
	return spread
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
	for ti, t := range q.Terms {
		if !t.Known {
			continue
		}
		var tf float64
		lx.holders(t.Stem, int32(p), int32(p)+1, func(_ int32, f float64) { tf = f })
		if tf == 0 {
			continue
		}
		score += t.Weight * lx.saturated(tf, int32(p))
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
	n := 0
	lx.holders(stem, lo, hi, func(int32, float64) { n++ })
	return n
}

// holders calls f for each passage of [lo, hi) holding a stem in its text
// or fields, in passage order, with the stem's frequency there (BM25F: the
// text's count plus the fields' weights).
func (lx *Lexicon) holders(stem string, lo, hi int32, f func(p int32, tf float64)) {
	body, fields := lx.Postings[stem], lx.Fields[stem]
	i, j := 0, 0
	if lo > 0 {
		i, _ = slices.BinarySearchFunc(body, lo, func(e posting, p int32) int { return int(e.P - p) })
		j, _ = slices.BinarySearchFunc(fields, lo, func(e fieldPosting, p int32) int { return int(e.P - p) })
	}
	for {
		inBody, inFields := i < len(body) && body[i].P < hi, j < len(fields) && fields[j].P < hi
		switch {
		case !inBody && !inFields:
			return
		case !inFields || inBody && body[i].P < fields[j].P:
			f(body[i].P, float64(body[i].TF))
			i++
		case !inBody || fields[j].P < body[i].P:
			f(fields[j].P, fieldTF(fields[j].Bits))
			j++
		default:
			f(body[i].P, float64(body[i].TF)+fieldTF(fields[j].Bits))
			i++
			j++
		}
	}
}

// saturated is a stem's frequency tf in passage p as BM25 counts it:
// saturating (K1) and normalised by the passage's length (B).
func (lx *Lexicon) saturated(tf float64, p int32) float64 {
	dl := float64(lx.DocLen[p])
	return tf * (K1 + 1) / (tf + K1*(1-B+B*dl/lx.AvgLen))
}
