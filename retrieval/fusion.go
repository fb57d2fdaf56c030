package retrieval

import "slices"

// Fusion parameters: reciprocal rank fusion of the vector and lexical
// rankings, plus a bonus for the share of question terms a passage holds.
const (
	rrfK          = 60
	coverageBonus = 0.02
	candidates    = 50
)

// fuse ranks the passages found by vectors (vres) and by words (the
// lexical search of q) together and returns the best k.
func (ix *Index) fuse(q Query, vres []vectorMatch, k int) []Hit {
	lexRanked, matched := ix.lex.search(q)
	total, rare := q.TotalWeight(), ix.lex.idfOf(1)
	type cand struct {
		hit   Hit
		fused float64
	}
	byP := make(map[int]*cand)
	get := func(p int) *cand {
		c, ok := byP[p]
		if !ok {
			c = &cand{hit: Hit{Passage: ix.passages[p]}}
			if total > 0 {
				c.hit.Coverage = matched[p] / total
			}
			c.hit.Strength = matched[p] / rare
			c.fused = coverageBonus * c.hit.Coverage
			byP[p] = c
		}
		return c
	}
	for rank, r := range vres {
		p, ok := ix.byID[r.ID]
		if !ok {
			continue
		}
		c := get(p)
		c.hit.Similarity = r.Similarity
		c.fused += 1.0 / float64(rrfK+rank+1)
	}
	for rank, s := range lexRanked {
		if rank >= candidates {
			break
		}
		c := get(s.P)
		c.hit.Lexical = s.Score
		c.fused += 1.0 / float64(rrfK+rank+1)
	}
	all := make([]*cand, 0, len(byP))
	for _, c := range byP {
		c.hit.Score = c.fused
		all = append(all, c)
	}
	slices.SortFunc(all, func(a, b *cand) int {
		switch {
		case a.fused > b.fused:
			return -1
		case a.fused < b.fused:
			return 1
		}
		return ix.byID[a.hit.Passage.ID] - ix.byID[b.hit.Passage.ID]
	})
	var hits []Hit
	for _, c := range all[:min(k, len(all))] {
		hits = append(hits, c.hit)
	}
	return hits
}
