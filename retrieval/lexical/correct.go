package lexical

import (
	"strings"

	"github.com/citebot/citebot/retrieval/text"
)

// Correct returns the corpus word a misspelt word stands for; a word whose
// stem the corpus holds, a common English word, a short word or a number is
// left as it is, and a word of the dictionary is read only as a corpus word
// it extends or spells another way.
func (lx *Lexicon) Correct(word string) (string, bool) {
	if _, ok := lx.Words[word]; ok {
		return "", false
	}
	var st text.Stemmer
	stem := st.Stem(word)
	if lx.known(stem) || text.IsCommon(word, stem) {
		return "", false
	}
	c, ok := lx.correct(word)
	if ok && text.IsEnglishWord(word) && (!strings.HasPrefix(word, c) || agentNoun(word, c)) && !text.SpellingVariants(word, c) {
		// A real word the corpus lacks ("empire") is not a misspelling of
		// a corpus word ("expire"); it may still be one with an ending
		// ("pakistani" of "pakistan") or spelt the other side of the
		// Atlantic ("licence" of "license"), but not the thing that does
		// it ("timer" is no "time").
		return "", false
	}
	return c, ok
}

// correct finds the corpus word nearest to a word the corpus lacks: within
// one edit for words of five to seven letters (a dropped letter for words of
// four), two for longer ones, starting
// with the same letter (typos rarely hit the first one); failing that, the
// corpus word it is with an ending the stemmer leaves ("sharpest" →
// "sharp"). Ties go to the more frequent word. Short words and numbers are
// not corrected.
func (lx *Lexicon) correct(w string) (string, bool) {
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
			if d := text.EditDistance(r, c, maxDist); d <= maxDist {
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

// agentNoun reports whether word is stem with an agent's ending: "timer"
// of "time", "worker" of "work"; not a comparative ("sharper", "safer":
// the word has a superlative too).
func agentNoun(word, stem string) bool {
	end := strings.TrimPrefix(word, stem)
	if end != "r" && end != "er" && end != "or" {
		return false
	}
	return !text.IsEnglishWord(stem+"est") && !text.IsEnglishWord(stem+"st") && !text.IsEnglishWord(word[:len(word)-1]+"st")
}
