package retrieval

import (
	"slices"

	"github.com/citebot/citebot/retrieval/lexical"
)

// Fusion parameters: reciprocal rank fusion of the vector and lexical
// rankings, plus a bonus for the share of question terms a passage holds.
const (
	rrfK          = 60
	coverageBonus = 0.02
	candidates    = 50
)

// candidate is a passage found by the vector or the lexical search, with
// its ranks in each (0: not found by it).
type candidate struct {
	hit              Hit
	vecRank, lexRank int
	// opening marks the first passage of a document the question names,
	// added whether or not a search found it.
	opening bool
}

// maxOpenings bounds how many documents' first passages one question adds.
const maxOpenings = 6

// wordResult is a lexical search's ranking, what each passage holds and
// how many hold each share of the question.
type wordResult struct {
	ranked  []lexical.Scored
	matched func(p int) lexical.Match
	spread  *lexical.Spread
}

// searchWords runs the lexical search of q.
func (ix *Index) searchWords(q lexical.Query) wordResult {
	ranked, matched, spread := ix.lex.Search(q, candidates)
	return wordResult{ranked, matched, spread}
}

// fuseLexical ranks the passages found by vectors (vres) and by words (lex,
// the lexical search of q) together by reciprocal rank fusion, best first.
func (ix *Index) fuseLexical(q lexical.Query, vres []vectorMatch, lex wordResult) []candidate {
	lexRanked, matched := lex.ranked, lex.matched
	total, rare := q.TotalWeight(), ix.lex.IDFOf(1)
	byP := make(map[int]*candidate)
	get := func(p int) *candidate {
		c, ok := byP[p]
		if !ok {
			c = &candidate{hit: Hit{Passage: ix.passages[p]}}
			m := matched(p)
			if total > 0 {
				c.hit.Coverage = m.Weight / total
			}
			c.hit.Strength = m.Weight / rare
			c.hit.terms = m.Terms
			c.hit.Score = coverageBonus * c.hit.Coverage
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
		c.vecRank = rank + 1
		c.hit.Score += 1.0 / float64(rrfK+rank+1)
	}
	for rank, s := range lexRanked {
		if rank >= candidates {
			break
		}
		c := get(s.P)
		c.hit.Lexical = s.Score
		c.lexRank = rank + 1
		c.hit.Score += 1.0 / float64(rrfK+rank+1)
	}
	// The first passage of each document the question names ("what is
	// openssl exactly"): where a project says what it is, whether or
	// not it holds many of the question's words.
	added := 0
	for _, t := range q.Terms {
		if !t.Name || t.Context && !t.Subject || !ix.lex.NamesDocuments(t.Stem) {
			continue
		}
		for _, p32 := range ix.openings[t.Stem] {
			p := int(p32)
			if c, found := byP[p]; found {
				c.opening = true // found already, or through another name
				continue
			}
			if added >= maxOpenings {
				break
			}
			added++
			get(p).opening = true
		}
	}
	all := make([]candidate, 0, len(byP))
	for _, c := range byP {
		all = append(all, *c)
	}
	slices.SortFunc(all, func(a, b candidate) int {
		switch {
		case a.hit.Score > b.hit.Score:
			return -1
		case a.hit.Score < b.hit.Score:
			return 1
		}
		return ix.byID[a.hit.Passage.ID] - ix.byID[b.hit.Passage.ID]
	})
	return withOpenings(all)
}

// withOpenings moves the openings that fused below the reranked depth up
// into it, in place of the lowest candidates that are not openings, so the
// model scores them all (as many as the depth holds). Every candidate stays
// in the list.
func withOpenings(all []candidate) []candidate {
	if len(all) <= rerankDepth {
		return all
	}
	openings, late := 0, 0
	for i, c := range all {
		if c.opening {
			openings++
			if i >= rerankDepth {
				late++
			}
		}
	}
	if late == 0 {
		return all
	}
	others := max(0, rerankDepth-openings) // the best others that keep their place
	head := make([]candidate, 0, len(all))
	var tail []candidate
	for _, c := range all {
		switch {
		case c.opening && len(head) < rerankDepth:
			head = append(head, c)
		case !c.opening && others > 0:
			head = append(head, c)
			others--
		default:
			tail = append(tail, c)
		}
	}
	return append(head, tail...)
}
