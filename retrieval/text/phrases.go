package text

import (
	"strconv"
	"strings"
)

// Phrases matches any of a list of words or phrases standing as whole
// words, in any case of their ASCII letters: the work of a pattern such as
// `(?i)\b(because|due to|recommend\w*)\b`, done by looking for each literal
// rather than by running a regular expression on every sentence judged
// (but for Unicode's folds of ASCII letters, "ſ" and the Kelvin sign, which
// the pattern would read as "s" and "k").
// A phrase ending in "*" matches any word it opens ("recommend*":
// "recommended"). The zero Phrases matches nothing.
type Phrases struct {
	literal []string // lower-cased, without the "*"
	opens   []bool   // the phrase ended in "*"
}

// NewPhrases returns the Phrases matching list; each is lower-case ASCII,
// opening and ending on a letter or digit. It panics on any other, as
// regexp.MustCompile on a bad pattern: the lists are the program's own.
func NewPhrases(list ...string) Phrases {
	var p Phrases
	for _, s := range list {
		open := strings.HasSuffix(s, "*")
		lit := strings.TrimSuffix(s, "*")
		if lit == "" || lit != lowerASCII(lit) || !IsWordByte(lit[0]) || !IsWordByte(lit[len(lit)-1]) {
			panic("text.NewPhrases: " + strconv.Quote(s) + " is no lower-case phrase of words")
		}
		p.literal = append(p.literal, lit)
		p.opens = append(p.opens, open)
	}
	return p
}

// MatchString reports whether s holds one of the phrases as whole words.
func (p Phrases) MatchString(s string) bool {
	lower := lowerASCII(s)
	for k, lit := range p.literal {
		for from := 0; ; {
			i := strings.Index(lower[from:], lit)
			if i < 0 {
				break
			}
			i += from
			end := i + len(lit)
			if (i == 0 || !IsWordByte(lower[i-1])) && (p.opens[k] || end == len(lower) || !IsWordByte(lower[end])) {
				return true
			}
			if from = i + 1; from >= len(lower) {
				break
			}
		}
	}
	return false
}

// lowerASCII lower-cases s's ASCII letters only, so that positions in it
// are positions in s; s itself when it has none upper-case.
func lowerASCII(s string) string {
	i := 0
	for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
