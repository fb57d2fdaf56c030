package retrieval

import (
	"container/heap"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/text"
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
	// Fields maps a stem to the passages whose document title, section
	// path or source path holds it, in passage order (BM25F-style fields:
	// a question naming a project and "install" finds that project's
	// Installation section).
	Fields map[string][]fieldPosting

	byLen map[int][]string // surface words by rune count, for typo look-ups
	df    map[string]int   // passages holding a stem in the body or a field
	named map[string]int   // passages whose title or source path holds a stem
}

// Field bits of a fieldPosting.
const (
	fieldTitle   = 1 << iota // the document's title
	fieldSection             // the heading path above the passage
	fieldSource              // the file's path in the corpus
)

// fieldPosting records the fields of passage P that hold a stem.
type fieldPosting struct {
	P    int32
	Bits uint8
}

// fieldTF is what a stem's presence in each field adds to its term
// frequency in a passage.
func fieldTF(bits uint8) float64 {
	var tf float64
	if bits&fieldTitle != 0 {
		tf += fieldWeightTitle
	}
	if bits&fieldSection != 0 {
		tf += fieldWeightSection
	}
	if bits&fieldSource != 0 {
		tf += fieldWeightSource
	}
	return tf
}

// Field weights, in units of one occurrence in the passage's text.
const (
	fieldWeightTitle   = 2.0
	fieldWeightSection = 1.5
	fieldWeightSource  = 2.0
)

func buildLexicon(passages []corpus.Passage) *lexicon {
	lx := &lexicon{
		N:        len(passages),
		DocLen:   make([]int32, len(passages)),
		Postings: make(map[string][]posting),
		Words:    make(map[string]string),
		Fields:   make(map[string][]fieldPosting),
	}
	var st text.Stemmer
	fields := make(map[string]uint8)
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
		clear(fields)
		lx.addField(&st, fields, p.Title, fieldTitle)
		lx.addField(&st, fields, p.Section, fieldSection)
		lx.addField(&st, fields, p.Source, fieldSource)
		for s, bits := range fields {
			lx.Fields[s] = append(lx.Fields[s], fieldPosting{P: int32(i), Bits: bits})
		}
	}
	if lx.N > 0 {
		lx.AvgLen = float64(total) / float64(lx.N)
	}
	lx.prepare()
	return lx
}

// addField marks the stems of a field's text in fields.
func (lx *lexicon) addField(st *text.Stemmer, fields map[string]uint8, s string, bit uint8) {
	for _, t := range text.Tokens(st, s) {
		if t.Stop {
			continue
		}
		fields[t.Stem] |= bit
		if _, ok := lx.Words[t.Word]; !ok {
			lx.Words[t.Word] = t.Stem
		}
	}
}

// prepare derives the look-up tables that are not persisted.
func (lx *lexicon) prepare() {
	lx.df = make(map[string]int, len(lx.Postings))
	for s, ps := range lx.Postings {
		lx.df[s] = len(ps)
	}
	lx.named = make(map[string]int)
	for s, fs := range lx.Fields {
		for _, f := range fs {
			if f.Bits&(fieldTitle|fieldSource) != 0 {
				lx.named[s]++
			}
		}
		body := lx.Postings[s]
		extra, j := 0, 0
		for _, f := range fs {
			for j < len(body) && body[j].P < f.P {
				j++
			}
			if j == len(body) || body[j].P != f.P {
				extra++
			}
		}
		lx.df[s] += extra
	}
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
	return lx.idfOf(lx.df[stem])
}

// known reports whether the corpus holds a stem, in a text or a field.
func (lx *lexicon) known(stem string) bool { return lx.df[stem] > 0 }

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
	if lx.known(stem) || text.IsCommon(word, stem) {
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
	// Name marks a word that names the question's subject (a project,
	// product, person or place): written as a name, or naming documents of
	// the corpus. A passage that answers should hold it.
	Name bool `json:"name,omitempty"`
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

// typeWordWeight is how much a word asking for a kind of answer ("what
// percentage", "which year") counts against a word of the subject.
const typeWordWeight = 0.2

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
	names := writtenAsNames(question)
	typeWords := answerTypeWords(question)
	toks = append(toks, text.Tokens(&st, context)...)
	for i, t := range toks {
		if t.Stop {
			continue
		}
		term := QueryTerm{Word: t.Word, Stem: t.Stem}
		if lx.known(t.Stem) {
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
		case typeWords[t.Word] && i < fromQuestion:
			term.Weight *= typeWordWeight
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
		} else {
			term.Name = names[t.Word] || lx.namesDocuments(term.Stem)
		}
		q.Terms = append(q.Terms, term)
	}
	return q
}

// maxNamedShare is the largest share of passages whose titles or sources
// may hold a word for it to name documents ("discordgo" does; "readme",
// in every file's path, does not).
const maxNamedShare = 0.25

// namesDocuments reports whether a stem names some of the corpus's
// documents: it is in their titles or paths, and not in most of them.
func (lx *lexicon) namesDocuments(stem string) bool {
	n := lx.named[stem]
	return n > 0 && float64(n) <= maxNamedShare*float64(lx.N) && !text.IsCommonWord(stem)
}

// writtenAsNames returns the words of a question written as names: a
// capitalised word that does not start a sentence ("Germany"), one with
// capitals inside ("DiscordGo") or joined by '-', '/', '.' or '_' to
// another ("go-openai", "x/term"), or mixing letters and digits ("utf8").
func writtenAsNames(question string) map[string]bool {
	names := make(map[string]bool)
	first := true
	for _, raw := range strings.Fields(question) {
		tok := strings.TrimFunc(raw, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		words := text.Words(tok)
		if len(words) == 0 {
			continue
		}
		name := len(words) > 1 && strings.ContainsAny(tok, "-/._")
		letters, digits := false, false
		for i, r := range []rune(tok) {
			switch {
			case unicode.IsUpper(r) && (i > 0 || !first):
				name = true
			case unicode.IsDigit(r):
				digits = true
			case unicode.IsLetter(r):
				letters = true
			}
		}
		if letters && digits {
			name = true
		}
		if name {
			for _, w := range words {
				if !text.IsStopWord(w) {
					names[w] = true
				}
			}
		}
		first = strings.ContainsAny(raw[len(raw)-1:], ".?!:")
	}
	return names
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
		df := lx.df[lx.Words[cand]]
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

// termMatch is what a passage holds of a query: the weight of the terms
// it holds (in its text or its fields) and which (bit i: Terms[i]).
type termMatch struct {
	Weight float64
	Terms  uint64
}

// scored is a passage index with a score.
type scored struct {
	P     int
	Score float64
}

// search scores every passage holding a query term with BM25F (the
// passage's text plus its fields) and returns the best limit of them, best
// first, and what of the query any passage holds.
func (lx *lexicon) search(q Query, limit int) (ranked []scored, matched func(p int) termMatch) {
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
			norm := tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*dl/lx.AvgLen))
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
	better := func(a, b scored) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		return a.P - b.P
	}
	// The best limit passages, without sorting all of them.
	ranked = make([]scored, 0, min(limit, len(touched)))
	h := &scoredHeap{less: func(a, b scored) bool { return better(a, b) > 0 }}
	for _, p := range touched {
		s := scored{P: int(p), Score: scores[p]}
		if len(h.s) < limit {
			heap.Push(h, s)
		} else if better(s, h.s[0]) < 0 {
			h.s[0] = s
			heap.Fix(h, 0)
		}
	}
	ranked = append(ranked, h.s...)
	slices.SortFunc(ranked, better)
	return ranked, func(p int) termMatch { return termMatch{Weight: weights[p], Terms: masks[p]} }
}

// scoredHeap keeps the worst of the best passages found so far on top.
type scoredHeap struct {
	s    []scored
	less func(a, b scored) bool
}

func (h *scoredHeap) Len() int           { return len(h.s) }
func (h *scoredHeap) Less(i, j int) bool { return h.less(h.s[i], h.s[j]) }
func (h *scoredHeap) Swap(i, j int)      { h.s[i], h.s[j] = h.s[j], h.s[i] }
func (h *scoredHeap) Push(x any)         { h.s = append(h.s, x.(scored)) }
func (h *scoredHeap) Pop() any {
	x := h.s[len(h.s)-1]
	h.s = h.s[:len(h.s)-1]
	return x
}
