package discord

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSplit: pieces stay within the limit, leave no code block open, and
// lose no words.
func FuzzSplit(f *testing.F) {
	f.Add("Para one. Para two.\n\n```go\ncode\n```\n"+strings.Repeat("word ", 500), 100)
	f.Add(strings.Repeat("x", 300), 50)
	f.Add("```\n```\n```", 20)
	f.Fuzz(func(t *testing.T, text string, limit int) {
		if !utf8.ValidString(text) || limit < 20 || limit > 5000 {
			return
		}
		var out strings.Builder
		for i, p := range split(text, limit) {
			if n := runes(p); n > limit {
				t.Fatalf("piece %d has %d characters, limit %d", i, n, limit)
			}
			if strings.Count(p, "```")%2 != 0 && strings.Count(text, "```")%2 == 0 {
				t.Fatalf("piece %d leaves a code block open", i)
			}
			out.WriteString(p)
		}
		// Every non-space character comes out, in order (reopened code
		// blocks add their fence lines).
		got := []rune(out.String())
		j := 0
		for _, r := range text {
			if r == ' ' || r == '\n' || r == '\t' || r == '\r' {
				continue
			}
			for j < len(got) && got[j] != r {
				j++
			}
			if j == len(got) {
				t.Fatalf("text lost at %q", r)
			}
			j++
		}
	})
}
