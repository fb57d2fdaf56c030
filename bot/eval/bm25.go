package eval

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// BM25 parameters of the reference ranking: the textbook values.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// isBM25StopWord reports whether w is on the reference ranking's short stop
// list.
func isBM25StopWord(w string) bool {
	switch w {
	case "a", "an", "and", "are", "as", "at", "be", "by", "did", "do", "does", "for", "from", "has", "have",
		"how", "i", "in", "is", "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "was",
		"were", "what", "when", "where", "which", "who", "whom", "why", "will", "with", "you":
		return true
	}
	return false
}

// BM25 is a plain BM25 ranking of passages, the reference citebot is
// measured against: lower-cased words, a short stop list, k1 1.2, b 0.75,
// no stemming, no fields, no vectors.
type BM25 struct {
	postings map[string][]bm25Posting
	docLen   []float64
	avgLen   float64
}

type bm25Posting struct {
	doc, tf int
}

// NewBM25 indexes texts; Search returns indices into texts.
func NewBM25(texts []string) *BM25 {
	b := &BM25{postings: map[string][]bm25Posting{}, docLen: make([]float64, len(texts))}
	var total float64
	for i, t := range texts {
		tf := map[string]int{}
		for _, w := range bm25Words(t) {
			tf[w]++
		}
		for w, n := range tf {
			b.postings[w] = append(b.postings[w], bm25Posting{i, n})
		}
		n := float64(len(bm25AllWords(t)))
		b.docLen[i] = n
		total += n
	}
	if len(texts) > 0 {
		b.avgLen = total / float64(len(texts))
	}
	if b.avgLen == 0 {
		b.avgLen = 1
	}
	return b
}

// Search returns the indices of the k best texts for question, best first;
// texts sharing no word with it are left out. Equal scores keep text order.
func (b *BM25) Search(question string, k int) []int {
	n := float64(len(b.docLen))
	scores := map[int]float64{}
	seen := map[string]bool{}
	for _, w := range bm25Words(question) {
		if seen[w] {
			continue
		}
		seen[w] = true
		ps := b.postings[w]
		if len(ps) == 0 {
			continue
		}
		df := float64(len(ps))
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		for _, p := range ps {
			tf := float64(p.tf)
			norm := 1 - bm25B + bm25B*b.docLen[p.doc]/b.avgLen
			scores[p.doc] += idf * tf * (bm25K1 + 1) / (tf + bm25K1*norm)
		}
	}
	docs := make([]int, 0, len(scores))
	for d := range scores {
		docs = append(docs, d)
	}
	slices.SortFunc(docs, func(x, y int) int {
		switch sx, sy := scores[x], scores[y]; {
		case sx > sy:
			return -1
		case sx < sy:
			return 1
		}
		return x - y
	})
	if len(docs) > k {
		docs = docs[:k]
	}
	return docs
}

// bm25AllWords returns the lower-cased words of s: runs of letters and digits.
func bm25AllWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// bm25Words returns the words of s that are not stop words.
func bm25Words(s string) []string {
	ws := bm25AllWords(s)
	out := ws[:0]
	for _, w := range ws {
		if !isBM25StopWord(w) {
			out = append(out, w)
		}
	}
	return out
}

// BestSentence returns the sentence of text that shares the most distinct
// words (stop words aside) with question: the excerpt the reference would
// show. The first one wins a tie.
func BestSentence(text, question string) string {
	q := map[string]bool{}
	for _, w := range bm25Words(question) {
		q[w] = true
	}
	best, bestN := "", -1
	for _, sp := range sentenceSpans(text) {
		s := text[sp[0]:sp[1]]
		seen := map[string]bool{}
		n := 0
		for _, w := range bm25Words(s) {
			if q[w] && !seen[w] {
				seen[w] = true
				n++
			}
		}
		if n > bestN {
			best, bestN = s, n
		}
	}
	return best
}

// sentenceSpans splits text into sentences, as byte ranges without the
// white space around them: at ., ! or ? (and closing quotes or brackets)
// followed by white space and a capital letter, digit, quote or bracket,
// unless the word before is a single letter or a common abbreviation (an
// initial, "Dr."); at blank lines; and at line breaks before a list item,
// heading or table row. Self-contained, so that the reference does not move
// when citebot's own sentence rules change.
func sentenceSpans(text string) [][2]int {
	var out [][2]int
	add := func(start, end int) {
		for start < end {
			r, n := utf8.DecodeRuneInString(text[start:])
			if !unicode.IsSpace(r) {
				break
			}
			start += n
		}
		for end > start {
			r, n := utf8.DecodeLastRuneInString(text[:end])
			if !unicode.IsSpace(r) {
				break
			}
			end -= n
		}
		if end > start {
			out = append(out, [2]int{start, end})
		}
	}
	start := 0
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			rest := text[i+1:]
			trimmed := strings.TrimLeft(rest, " \t")
			if strings.HasPrefix(trimmed, "\n") || startsBlock(trimmed) {
				add(start, i)
				start = i + 1
			}
		case r == '.' || r == '!' || r == '?':
			end := i + n
			for end < len(text) && strings.ContainsRune(`"')]»”’`, rune(text[end])) {
				end++
			}
			if end < len(text) && sentenceBreak(text, i, end) {
				add(start, end)
				start = end
				i = end
				continue
			}
		}
		i += n
	}
	add(start, len(text))
	return out
}

// sentenceBreak reports whether the punctuation at text[dot] ending at end
// closes a sentence.
func sentenceBreak(text string, dot, end int) bool {
	r, _ := utf8.DecodeRuneInString(text[end:])
	if !unicode.IsSpace(r) {
		return false
	}
	next := strings.TrimLeftFunc(text[end:], unicode.IsSpace)
	if next == "" {
		return false
	}
	nr, _ := utf8.DecodeRuneInString(next)
	if !unicode.IsUpper(nr) && !unicode.IsDigit(nr) && !strings.ContainsRune(`"'(“‘[`, nr) {
		return false
	}
	if text[dot] != '.' {
		return true
	}
	// The word before the dot.
	w := dot
	for w > 0 {
		pr, pn := utf8.DecodeLastRuneInString(text[:w])
		if !unicode.IsLetter(pr) && pr != '.' {
			break
		}
		w -= pn
	}
	word := strings.ToLower(text[w:dot])
	if utf8.RuneCountInString(word) == 1 || strings.Contains(word, ".") {
		return false // an initial, "U.S."
	}
	switch word {
	case "mr", "mrs", "ms", "dr", "st", "vs", "no", "jr", "sr", "prof", "gen", "col", "lt", "etc", "fig", "approx", "ca":
		return false
	}
	return true
}

// startsBlock reports whether a line starts a list item, heading or table row.
func startsBlock(line string) bool {
	for _, p := range []string{"- ", "* ", "+ ", "• ", "#", "|", "```"} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	i := 0
	for i < len(line) && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(line) && (line[i] == '.' || line[i] == ')') && line[i+1] == ' '
}
