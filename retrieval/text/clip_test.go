package text

import (
	"fmt"
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

func TestByteOffset(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want int
	}{
		{"abc", 0, 0},
		{"abc", 2, 2},
		{"abc", 3, 3},
		{"abc", 9, 3},
		{"é€x", 1, 2},
		{"é€x", 2, 5},
		{"", 0, 0},
	} {
		t.Run(fmt.Sprintf("%q/%d", tc.s, tc.n), func(t *testing.T) {
			if got := ByteOffset(tc.s, tc.n); got != tc.want {
				t.Errorf("ByteOffset = %d, want %d", got, tc.want)
			}
		})
	}
}
