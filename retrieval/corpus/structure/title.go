package structure

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Title picks the title the document's text gives itself, "" when it
// gives none: for Markdown, the front matter's title, else the first
// level-1 heading, else the first heading, else a first line that reads as
// a title; for plain text, the first line when it reads as a title, else
// the first heading-like line; for HTML, its <title> (or the "Title" of
// the metadata comment the Go project's pages open with), else its first
// <h1>. A title is never a URL, a badge row, an HTML tag or a line of
// punctuation.
func (d Doc) Title() string {
	if d.html {
		for _, c := range []string{d.frontTitle, d.h1} {
			if t := cleanTitle(c); isTitle(t) {
				return t
			}
		}
		return ""
	}
	var first string
	for _, l := range d.Lines {
		if !l.Blank() && (!d.markdown || !isDecoration([]Line{l})) {
			first = l.Text
			break
		}
	}
	var cands []string
	if d.markdown {
		cands = []string{d.frontTitle, d.h1, d.firstHeading, titleLine(first)}
	} else {
		cands = []string{titleLine(first), titleLine(d.firstHeading)}
	}
	for _, c := range cands {
		if t := cleanTitle(c); isTitle(t) {
			return t
		}
	}
	return ""
}

// titleLine returns s when it reads as a title line: short, without a URL,
// not a sentence; "" otherwise.
func titleLine(s string) string {
	t := cleanTitle(s)
	if !isTitle(t) || utf8.RuneCountInString(t) > 80 || len(strings.Fields(t)) > 12 {
		return ""
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(cleanInline(s, true)))
	if strings.ContainsRune(".!?;,", last) {
		return ""
	}
	// A command line ("./configure --x", "ps -o pid") is no title.
	if strings.HasPrefix(t, "./") || strings.HasPrefix(t, "$ ") || strings.Contains(t, " -") && !strings.Contains(t, " - ") {
		return ""
	}
	return t
}

// cleanTitle turns a heading into plain words: links and images become
// their text, badges and HTML tags go, emphasis marks and a trailing ':'
// are dropped, as are runs of punctuation around the words.
func cleanTitle(s string) string {
	t := cleanInline(s, true)
	t = strings.NewReplacer("**", "", "__", "", "`", "").Replace(t)
	t = strings.Join(strings.Fields(t), " ")
	t = strings.TrimRight(t, ":")
	return strings.TrimFunc(t, func(r rune) bool {
		return r != ')' && r != '"' && r != '\'' && (unicode.IsPunct(r) || unicode.IsSymbol(r) || unicode.IsSpace(r))
	})
}

// isTitle reports whether a cleaned line may be a title at all.
func isTitle(t string) bool {
	if t == "" || !hasWordChar(t) || utf8.RuneCountInString(t) > 120 {
		return false
	}
	l := strings.ToLower(t)
	return !strings.Contains(l, "://") && !strings.HasPrefix(l, "www.") && !strings.HasPrefix(t, "<")
}

// cleanInline returns s with Markdown links replaced by their text, images
// by their alt text (keepAlt) or nothing, badges (a link around an image)
// and HTML tags removed.
func cleanInline(s string, keepAlt bool) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		switch {
		case s[i] == '!' && i+1 < len(s) && s[i+1] == '[':
			if alt, end, ok := linkAt(s, i+1); ok {
				if keepAlt {
					b.WriteString(alt)
				}
				i = end
				continue
			}
		case s[i] == '[':
			if label, end, ok := linkAt(s, i); ok {
				if inner := strings.TrimSpace(label); !(strings.HasPrefix(inner, "![") && strings.HasSuffix(inner, ")")) {
					b.WriteString(cleanInline(label, keepAlt))
				}
				i = end
				continue
			}
		case s[i] == '<':
			if j := strings.IndexByte(s[i:], '>'); j > 1 && (isASCIILetter(s[i+1]) || s[i+1] == '/' || s[i+1] == '!') {
				i += j + 1
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// linkAt parses "[label](target)" at s[i] (which is '['), brackets nested,
// and returns the label and the offset after it.
func linkAt(s string, i int) (string, int, bool) {
	depth := 0
	j := i
	for ; j < len(s); j++ {
		if s[j] == '[' {
			depth++
		} else if s[j] == ']' {
			depth--
			if depth == 0 {
				break
			}
		}
	}
	if j+1 >= len(s) || s[j+1] != '(' {
		return "", 0, false
	}
	k := strings.IndexByte(s[j+1:], ')')
	if k < 0 {
		return "", 0, false
	}
	return s[i+1 : j], j + 1 + k + 1, true
}
