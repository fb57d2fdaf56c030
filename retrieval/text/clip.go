package text

import (
	"strings"
	"unicode/utf8"
)

// Clip shortens s to at most n characters (runes), the last of them "…",
// cutting at a space in the last third when there is one. s is returned as
// it is when it fits; n < 1 gives "".
func Clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n < 1 {
		return ""
	}
	r := []rune(s)
	cut := n - 1
	for i := cut; i > n*2/3; i-- {
		if r[i] == ' ' {
			cut = i
			break
		}
	}
	return strings.TrimRight(string(r[:cut]), " ") + "…"
}

// ByteOffset returns the byte offset in s of its character (rune) number n,
// counting from 0; len(s) when s has n characters or fewer.
func ByteOffset(s string, n int) int {
	c := 0
	for i := range s {
		if c == n {
			return i
		}
		c++
	}
	return len(s)
}
