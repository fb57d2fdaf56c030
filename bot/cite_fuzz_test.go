package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCiter feeds model text to the citation checker whole and in pieces:
// it must never panic, the pieces must give the same text, and no excerpt
// marked verified may be missing from its passage.
func FuzzCiter(f *testing.F) {
	for _, s := range []string{
		`They "share deep ideological ties" [1] and [2, 3][1].`,
		`« Qatar’s role » [2] „x“ [9] "unclosed [1`,
		`[1][ [12345678901234567890] "" [1] “”`,
		"\xc2\xab mid-rune \xab\xbb",
	} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, text string, step int) {
		if step < 1 || step > 64 {
			step = 1 + step&31
		}
		whole := newCiter(testPassages, nil)
		whole.feed(text)
		whole.finish()
		split := newCiter(testPassages, nil)
		for i := 0; i < len(text); i += step {
			split.feed(text[i:min(i+step, len(text))])
		}
		split.finish()
		if utf8.ValidString(text) && whole.out.String() != split.out.String() {
			t.Fatalf("pieces of %d change the text:\nwhole %q\nsplit %q", step, whole.out.String(), split.out.String())
		}
		out := whole.out.String()
		for _, c := range whole.citations(out) {
			if c.Verified && !strings.Contains(c.Passage, c.Excerpt) {
				t.Fatalf("verified excerpt %q not in passage %s", c.Excerpt, c.PassageID)
			}
		}
	})
}
