package lexical

import (
	"strings"
	"unicode"

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
// one slip of the fingers (text.TypoDistance) for words of five to seven
// letters (a doubled letter dropped for words of four), two for longer ones,
// starting with the same letter (typos rarely hit the first one); failing that, the
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
	best, bestDist, bestDF := "", (maxDist+2)*(text.TypoCost+1), 0
	consider := func(cand string, d int) {
		df := lx.df[lx.Words[cand]]
		if d < bestDist || (d == bestDist && (df > bestDF || (df == bestDF && cand < best))) {
			best, bestDist, bestDF = cand, d, df
		}
	}
	limit := maxDist * (text.TypoCost + 1)
	english := text.IsEnglishWord(w)
	lettersOnly := lettersOnly(w)
	for n := max(len(r)-maxDist, minLen); n <= len(r)+maxDist; n++ {
		for _, cand := range lx.byLen[n] {
			c := []rune(cand)
			if c[0] != r[0] {
				continue
			}
			// A slip is an edit at least: most words are more edits
			// away, and the cheaper count turns them down first.
			if text.EditDistance(r, c, maxDist) <= maxDist {
				rules := text.TypoRules{DoubledOnly: minLen > 0, NameVowels: lettersOnly && !text.IsEnglishWord(cand)}
				if d := text.TypoDistance(r, c, limit, rules); d <= limit {
					consider(cand, d)
					continue
				}
			}
			if commonPrefix(r, c) >= 3 && (text.SpellingVariants(w, cand) || english && strings.HasPrefix(w, cand) || sameRoot(r, c)) {
				// No slip: a spelling ("honoured" of "honored"), a
				// word with an ending ("pakistani" of "pakistan"), or
				// another of its root ("criticised", "criticism").
				consider(cand, limit)
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
			consider(base, (maxDist+1)*(text.TypoCost+1))
		}
	}
	if best == "" {
		best = lx.expand(w)
	}
	return best, best != ""
}

// expand returns the corpus word an abbreviation of six letters or more
// (five before a plural's "s") is the start of, three to eight letters
// short of it ("backrefs" of "backreferences"), in letters only
// ("red.bold" is no start of "red.bold.underline"): the most frequent such
// word; "" for none.
func (lx *Lexicon) expand(w string) string {
	base := strings.TrimSuffix(w, "s")
	n := len([]rune(base))
	if n < 5 || len([]rune(w)) < 6 || !lettersOnly(w) {
		return ""
	}
	best, bestDF := "", 0
	for l := n + 3; l <= n+8; l++ {
		for _, cand := range lx.byLen[l] {
			if !strings.HasPrefix(cand, base) || !lettersOnly(cand) {
				continue
			}
			if df := lx.df[lx.Words[cand]]; df > bestDF || df == bestDF && cand < best {
				best, bestDF = cand, df
			}
		}
	}
	return best
}

// wordEndings are endings that leave a word's meaning as it was, or name
// who or what is of a place ("qatari" of "qatar").
var wordEndings = []string{"est", "er", "ers", "age", "ness", "ly", "ity", "i"}

// sameRoot reports whether two words are one root of five or more letters
// with other endings ("critic" of "criticised" and "criticism"), not a
// slip; "systemd" is no "system" with an ending, and the thing that does
// it ("formatter") is not what it does ("formatting").
func sameRoot(a, b []rune) bool {
	for k := commonPrefix(a, b); k >= 5; k-- {
		if rootEndings[string(a[k:])] && rootEndings[string(b[k:])] {
			return true
		}
	}
	return false
}

// commonPrefix returns how many runes a and b start with alike.
func commonPrefix(a, b []rune) int {
	p := 0
	for p < len(a) && p < len(b) && a[p] == b[p] {
		p++
	}
	return p
}

// rootEndings are the endings sameRoot reads after a root.
var rootEndings = map[string]bool{
	"": true, "s": true, "es": true, "e": true, "ed": true, "ing": true, "ion": true, "ions": true, "ation": true, "al": true, "ally": true,
	"ly": true, "ise": true, "ised": true, "ising": true, "ize": true, "ized": true, "izing": true,
	"ism": true, "ist": true, "ists": true, "ity": true, "ive": true, "ment": true, "ments": true,
}

// lettersOnly reports whether s is written in letters alone.
func lettersOnly(s string) bool {
	return !strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) })
}

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
