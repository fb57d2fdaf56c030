package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClip(t *testing.T) {
	for _, c := range []struct {
		name, s string
		n       int
		want    string
	}{
		{"fits", "short words", 11, "short words"},
		{"at a space", "the quick brown fox jumps", 18, "the quick brown…"},
		{"no space in the last third", "the quickbrownfoxjumps", 12, "the quickbr…"},
		{"runes, not bytes", "ünïcödé wörds hère", 14, "ünïcödé wörds…"},
		{"lines kept", "one\ntwo three four", 15, "one\ntwo three…"},
		{"one", "abc", 1, "…"},
		{"none", "abc", 0, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Clip(c.s, c.n)
			if got != c.want {
				t.Errorf("Clip(%q, %d) = %q, want %q", c.s, c.n, got, c.want)
			}
			if n := utf8.RuneCountInString(got); n > max(c.n, 0) || !utf8.ValidString(got) {
				t.Errorf("Clip(%q, %d) = %q: %d runes", c.s, c.n, got, n)
			}
		})
	}
	long := strings.Repeat("word ", 500)
	for n := 1; n < 300; n++ {
		if got := Clip(long, n); utf8.RuneCountInString(got) > n || !strings.HasSuffix(got, "…") {
			t.Fatalf("Clip(long, %d) = %q", n, got)
		}
	}
}
