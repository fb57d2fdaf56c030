package web

import (
	"fmt"
	"github.com/citebot/citebot/retrieval/text"
	"strings"
	"unicode/utf8"
)

// visible makes a name (a file's, a title, a section) safe to show inside
// a page's text: control characters (C0, DEL, C1, tab and line breaks
// too), bidirectional marks, embeddings, overrides and isolates (U+061C,
// U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), line and paragraph
// separators and invalid UTF-8 are shown as Go escapes (\u202e), seen
// rather than obeyed: "moon\u202etxt.md" can't pass for "moondm.txt".
// Templates also put names in <bdi>, so right-to-left letters in them
// don't reorder the text around.
func visible(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || text.Hidden(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x80 && text.Hidden(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case text.Hidden(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
