package text

import (
	"strings"
	"unicode"
)

// EditDistance is the optimal-string-alignment distance of a and b (insert,
// delete, substitute, swap two neighbours), or max+1 once it exceeds max.
func EditDistance(a, b []rune, max int) int {
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

// TypoCost is what TypoDistance charges for one slip of the fingers; a
// letter struck for its neighbour on the keyboard costs a tenth more, so
// that a dropped letter ("windos" of "windows") is read before a letter
// struck for another ("window").
const TypoCost = 10

// TypoDistance is the cost of reading typed as a slip for meant, counting
// only the slips fingers make: two neighbours swapped ("verison"), a
// letter dropped ("enviroment"), a letter struck twice or with its
// neighbour on the keyboard ("proccess"), a letter struck for its
// neighbour ("raisd"), and punctuation dropped or added; with
// rules.NameVowels, a vowel for another too (a name spelt from memory:
// "qaida" for "qaeda"). Another letter written for one ("semver" for
// "server"), a letter added where no key is near ("systemd" for "system")
// or, with rules.DoubledOnly, a dropped letter that was not doubled
// ("gorm" for "goarm"; "cels" for "cells" is one) name another thing, not
// a slip: the cost is then over limit. Costs are in units of TypoCost;
// past limit it returns limit+1.
func TypoDistance(typed, meant []rune, limit int, rules TypoRules) int {
	const never = 1 << 20
	if d := len(typed) - len(meant); d*TypoCost > limit || -d*TypoCost > limit {
		return limit + 1
	}
	// extra[i]: typed[i] may have been added by a slip; dropped[j]:
	// meant[j] may have been left out by one.
	extra := make([]bool, len(typed))
	for i, c := range typed {
		extra[i] = !isLetter(c) ||
			i > 0 && (typed[i-1] == c || keysAdjacent(typed[i-1], c)) ||
			i+1 < len(typed) && (typed[i+1] == c || keysAdjacent(typed[i+1], c))
	}
	dropped := make([]bool, len(meant))
	for j, c := range meant {
		dropped[j] = !isLetter(c) || !rules.DoubledOnly ||
			j > 0 && meant[j-1] == c || j+1 < len(meant) && meant[j+1] == c
	}
	prev2 := make([]int, len(meant)+1)
	prev := make([]int, len(meant)+1)
	cur := make([]int, len(meant)+1)
	for j := 1; j <= len(meant); j++ {
		prev[j] = never
		if dropped[j-1] {
			prev[j] = prev[j-1] + TypoCost
		}
	}
	for i := 1; i <= len(typed); i++ {
		cur[0] = never
		if extra[i-1] {
			cur[0] = prev[0] + TypoCost
		}
		rowMin := cur[0]
		for j := 1; j <= len(meant); j++ {
			a, b := typed[i-1], meant[j-1]
			v := never
			switch {
			case a == b:
				v = prev[j-1]
			case keysAdjacent(a, b), rules.NameVowels && isVowel(a) && isVowel(b):
				v = prev[j-1] + TypoCost + 1
			}
			if extra[i-1] {
				v = min(v, prev[j]+TypoCost)
			}
			if dropped[j-1] {
				v = min(v, cur[j-1]+TypoCost)
			}
			if i > 1 && j > 1 && a == meant[j-2] && typed[i-2] == b {
				v = min(v, prev2[j-2]+TypoCost)
			}
			cur[j] = min(v, never)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(meant)], limit+1)
}

// TypoRules widen or narrow the slips TypoDistance reads.
type TypoRules struct {
	DoubledOnly bool // a dropped letter must have been doubled ("cels" of "cells")
	NameVowels  bool // a vowel for another is a slip (meant is a name, not a word)
}

// keyRows are the letter rows of a QWERTY keyboard, each set off half a
// key to the right of the one above.
var keyRows = [3]string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}

// keysAdjacent reports whether two lower-case letters sit side by side
// on a QWERTY keyboard, in one row or in rows next to each other.
func keysAdjacent(a, b rune) bool {
	ra, ca := keyAt(a)
	rb, cb := keyAt(b)
	if ra < 0 || rb < 0 || a == b {
		return false
	}
	switch ra - rb {
	case 0:
		return ca-cb == 1 || cb-ca == 1
	case 1: // a in the row below b: below b's key and the one to its right
		return cb == ca || cb == ca+1
	case -1:
		return ca == cb || ca == cb+1
	}
	return false
}

func keyAt(r rune) (row, col int) {
	for i, keys := range keyRows {
		for j, k := range keys {
			if k == r {
				return i, j
			}
		}
	}
	return -1, -1
}

func isLetter(r rune) bool { return unicode.IsLetter(r) }

func isVowel(r rune) bool { return strings.ContainsRune("aeiouy", r) }
