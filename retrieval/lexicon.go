package retrieval

import (
	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/text"
	"math"
	"slices"
	"sort"
	"strings"
)

// BM25 parameters.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// posting records that a stem occurs TF times in passage P.
type posting struct {
	P  int32
	TF int32
}

// lexicon is the lexical index: BM25 postings per stem, passage lengths and
// the corpus vocabulary used to correct misspelt query words. It is built
// once and only read afterwards, so it is safe for concurrent use.
type lexicon struct {
	N        int
	AvgLen   float64
	DocLen   []int32
	Postings map[string][]posting
	// Words maps each surface word of the corpus to its stem.
	Words map[string]string

	byLen map[int][]string // surface words by rune count, for typo look-ups
}

func buildLexicon(passages []corpus.Passage) *lexicon {
	lx := &lexicon{
		N:        len(passages),
		DocLen:   make([]int32, len(passages)),
		Postings: make(map[string][]posting),
		Words:    make(map[string]string),
	}
	var st text.Stemmer
	total := 0
	tf := make(map[string]int32)
	for i, p := range passages {
		clear(tf)
		n := 0
		for _, t := range text.Tokens(&st, p.Text) {
			if t.Stop {
				continue
			}
			n++
			tf[t.Stem]++
			lx.Words[t.Word] = t.Stem
		}
		lx.DocLen[i] = int32(n)
		total += n
		for s, c := range tf {
			lx.Postings[s] = append(lx.Postings[s], posting{P: int32(i), TF: c})
		}
	}
	if lx.N > 0 {
		lx.AvgLen = float64(total) / float64(lx.N)
	}
	lx.prepare()
	return lx
}

// prepare derives the look-up tables that are not persisted.
func (lx *lexicon) prepare() {
	lx.byLen = make(map[int][]string)
	for w := range lx.Words {
		n := len([]rune(w))
		lx.byLen[n] = append(lx.byLen[n], w)
	}
	for _, ws := range lx.byLen {
		sort.Strings(ws)
	}
}

// idf is the BM25 inverse document frequency of a stem; a stem the corpus
// doesn't hold gets the weight of the rarest possible one.
func (lx *lexicon) idf(stem string) float64 {
	return lx.idfOf(len(lx.Postings[stem]))
}

// IDF implements Vocabulary.
func (lx *lexicon) IDF(stem string) float64 { return lx.idf(stem) }

// Correct implements Vocabulary: a word whose stem the corpus holds, a
// common English word, a short word or a number is left as it is.
func (lx *lexicon) Correct(word string) (string, bool) {
	if _, ok := lx.Words[word]; ok {
		return "", false
	}
	var st text.Stemmer
	stem := st.Stem(word)
	if _, ok := lx.Postings[stem]; ok || text.IsCommon(word, stem) {
		return "", false
	}
	return lx.correct(word)
}

// idfOf is the inverse document frequency of a stem found in df passages.
func (lx *lexicon) idfOf(df int) float64 {
	n, d := float64(lx.N), float64(df)
	return math.Log(1 + (n-d+0.5)/(d+0.5))
}

// QueryTerm is one content word of a question.
type QueryTerm struct {
	Word      string  `json:"word"`
	Stem      string  `json:"stem"`                // the stem searched for
	Weight    float64 `json:"weight"`              // IDF-based importance
	Known     bool    `json:"known"`               // the corpus holds the stem
	Corrected string  `json:"corrected,omitempty"` // corpus word a misspelling was read as
	// Context marks a word carried over from earlier in a conversation.
	Context bool `json:"context,omitempty"`
}

// Query is an analysed question.
type Query struct {
	Text  string      `json:"text"`
	Terms []QueryTerm `json:"terms"`
}

// TotalWeight is the sum of the weights of the query's terms.
func (q Query) TotalWeight() float64 {
	var w float64
	for _, t := range q.Terms {
		w += t.Weight
	}
	return w
}

// Coverage returns the share, by weight, of the query's terms that occur in
// text: 1 when all do, 0 when none does or the query has no terms.
func (q Query) Coverage(s string) float64 {
	total := q.TotalWeight()
	if total == 0 {
		return 0
	}
	var got float64
	for _, i := range q.Matched(s) {
		got += q.Terms[i].Weight
	}
	return got / total
}

// Matched returns the indexes of the query's terms that occur in text.
func (q Query) Matched(s string) []int {
	var st text.Stemmer
	have := make(map[string]bool)
	for _, t := range text.Tokens(&st, s) {
		have[t.Stem] = true
	}
	var out []int
	for i, t := range q.Terms {
		if have[t.Stem] {
			out = append(out, i)
		}
	}
	return out
}

// contextWeight is how much a word carried over from earlier in a
// conversation counts against a word of the question itself.
const contextWeight = 0.3

// analyze turns a question into weighted terms, reading misspelt words as
// the nearest corpus word; words of context (earlier questions of a
// conversation) follow at a lower weight.
func (lx *lexicon) analyze(question, context string) Query {
	q := Query{Text: question}
	var st text.Stemmer
	seen := make(map[string]bool)
	toks := text.Tokens(&st, question)
	fromQuestion := len(toks)
	toks = append(toks, text.Tokens(&st, context)...)
	for i, t := range toks {
		if t.Stop {
			continue
		}
		term := QueryTerm{Word: t.Word, Stem: t.Stem}
		if _, ok := lx.Postings[t.Stem]; ok {
			term.Known = true
		} else if w, ok := lx.Correct(t.Word); ok {
			term.Corrected = w
			term.Stem = lx.Words[w]
			term.Known = true
		}
		if seen[term.Stem] {
			continue
		}
		seen[term.Stem] = true
		term.Weight = lx.idf(term.Stem)
		switch {
		case term.Known && text.IsCommonWord(t.Word):
			term.Weight *= 0.5
		case term.Known:
		case text.IsMetaWord(t.Word):
			term.Weight *= 0.15
		case text.IsCommon(t.Word, t.Stem):
			term.Weight *= 0.3
		}
		if i >= fromQuestion {
			term.Context = true
			term.Weight *= contextWeight
		}
		q.Terms = append(q.Terms, term)
	}
	return q
}

// correct finds the corpus word nearest to a word the corpus lacks: within
// one edit for words of five to seven letters (a dropped letter for words of
// four), two for longer ones, starting
// with the same letter (typos rarely hit the first one); failing that, the
// corpus word it is with an ending the stemmer leaves ("sharpest" →
// "sharp"). Ties go to the more frequent word. Short words and numbers are
// not corrected.
func (lx *lexicon) correct(w string) (string, bool) {
	r := []rune(w)
	maxDist, minLen := 0, 0
	switch {
	case len(r) >= 8:
		maxDist = 2
	case len(r) >= 5:
		maxDist = 1
	case len(r) == 4:
		maxDist, minLen = 1, 5 // only a dropped letter: "cels" → "cells"
	}
	if maxDist == 0 || hasDigit(w) {
		return "", false
	}
	best, bestDist, bestDF := "", maxDist+2, 0
	consider := func(cand string, d int) {
		df := len(lx.Postings[lx.Words[cand]])
		if d < bestDist || (d == bestDist && (df > bestDF || (df == bestDF && cand < best))) {
			best, bestDist, bestDF = cand, d, df
		}
	}
	for n := max(len(r)-maxDist, minLen); n <= len(r)+maxDist; n++ {
		for _, cand := range lx.byLen[n] {
			c := []rune(cand)
			if c[0] != r[0] {
				continue
			}
			if d := editDistance(r, c, maxDist); d <= maxDist {
				consider(cand, d)
			}
		}
	}
	if best != "" {
		return best, true
	}
	// A corpus word with an ending the stemmer leaves ("sharpest" →
	// "sharp", "percentage" → "percent").
	for _, suf := range wordEndings {
		base, ok := strings.CutSuffix(w, suf)
		if !ok || len([]rune(base)) < 4 {
			continue
		}
		if _, known := lx.Words[base]; known {
			consider(base, maxDist+1)
		}
	}
	return best, best != ""
}

// wordEndings are endings that leave a word's meaning as it was.
var wordEndings = []string{"est", "er", "ers", "age", "ness", "ly", "ity"}

func hasDigit(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' {
			return true
		}
	}
	return false
}

// editDistance is the optimal-string-alignment distance of a and b (insert,
// delete, substitute, swap two neighbours), or max+1 once it exceeds max.
func editDistance(a, b []rune, max int) int {
	if d := len(a) - len(b); d > max || -d > max {
		return max + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// scored is a passage index with a score.
type scored struct {
	P     int
	Score float64
}

// search scores every passage holding a query term with BM25 and returns
// them best first, with the weight of the query's terms each holds.
func (lx *lexicon) search(q Query) (ranked []scored, matched map[int]float64) {
	scores := make(map[int]float64)
	matched = make(map[int]float64)
	for _, t := range q.Terms {
		if !t.Known {
			continue
		}
		for _, p := range lx.Postings[t.Stem] {
			tf := float64(p.TF)
			dl := float64(lx.DocLen[p.P])
			norm := tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*dl/lx.AvgLen))
			scores[int(p.P)] += t.Weight * norm
			matched[int(p.P)] += t.Weight
		}
	}
	ranked = make([]scored, 0, len(scores))
	for p, s := range scores {
		ranked = append(ranked, scored{P: p, Score: s})
	}
	slices.SortFunc(ranked, func(a, b scored) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return a.P - b.P
	})
	return ranked, matched
}
