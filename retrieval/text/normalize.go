package text

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// quoteFolder maps typographic quotes and dashes to their plain forms, so that
// "Qatar's" and "Qatar’s" read the same to every comparison citebot makes.
var quoteFolder = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u201b", "'", "\u2032", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u201f", `"`, "\u2033", `"`,
	"\u00ab", `"`, "\u00bb", `"`,
	"\u2013", "-", "\u2014", "-", "\u2212", "-",
	"\u00a0", " ",
)

// NormalizeText folds typographic quotes and dashes to plain ones and
// collapses every run of white space to a single space. Two texts that are
// equal after NormalizeText are the same text to a reader.
func NormalizeText(s string) string {
	return strings.Join(strings.Fields(quoteFolder.Replace(s)), " ")
}

// ContainsNormalized reports whether needle occurs in haystack once both are
// normalised with NormalizeText and, when fold is true, lower-cased.
func ContainsNormalized(haystack, needle string, fold bool) bool {
	h, n := NormalizeText(haystack), NormalizeText(needle)
	if fold {
		h, n = strings.ToLower(h), strings.ToLower(n)
	}
	return n != "" && strings.Contains(h, n)
}

// FindNormalized finds needle in haystack as NormalizeText sees them (quotes
// and dashes folded, white space collapsed) and returns the span of
// haystack it covers. With firstFold, the first letter may differ in case,
// as a quote taken from mid-sentence often does.
func FindNormalized(haystack, needle string, firstFold bool) (Span, bool) {
	n := NormalizeText(needle)
	if n == "" {
		return Span{}, false
	}
	// Normalise haystack, remembering where each byte came from.
	var hb strings.Builder
	var from []int // from[i]: offset in haystack of normalised byte i
	space := true
	folded := quoteFolder.Replace
	for i, r := range haystack {
		if unicode.IsSpace(r) || r == '\u00a0' {
			if !space {
				hb.WriteByte(' ')
				from = append(from, i)
				space = true
			}
			continue
		}
		space = false
		s := folded(string(r))
		for j := 0; j < len(s); j++ {
			hb.WriteByte(s[j])
			from = append(from, i)
		}
	}
	h := hb.String()
	idx := strings.Index(h, n)
	if idx < 0 && firstFold {
		r, size := utf8.DecodeRuneInString(n)
		for _, alt := range []string{string(unicode.ToUpper(r)), string(unicode.ToLower(r))} {
			if idx = strings.Index(h, alt+n[size:]); idx >= 0 {
				n = alt + n[size:]
				break
			}
		}
	}
	if idx < 0 {
		return Span{}, false
	}
	start := from[idx]
	lastByte := from[idx+len(n)-1]
	_, size := utf8.DecodeRuneInString(haystack[lastByte:])
	return Span{Start: start, End: lastByte + size}, true
}

// Hidden reports whether r, shown as is, would be invisible, break a line,
// move a terminal's cursor or reorder the text around it: C0 and C1
// control characters, line and paragraph separators, and the
// bidirectional marks, embeddings, overrides and isolates. Names from a
// corpus (file names, titles) are shown with these made visible or
// replaced, wherever they are shown.
func Hidden(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
		r == 0x2028, r == 0x2029:
		return true
	}
	return false
}

// Escape returns s with the runes hide reports written as Go escapes (\n,
// \r, \t, \x1b, \u202e) and invalid UTF-8 as \xNN: text from a corpus or a
// model shown so that what could hide, move or reorder it is seen rather
// than obeyed. s is returned as it is when nothing needs escaping.
func Escape(s string, hide func(rune) bool) string {
	clean := true
	for i, r := range s {
		if r == utf8.RuneError && !strings.HasPrefix(s[i:], "\uFFFD") || hide(r) {
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
		case !hide(r):
			b.WriteString(s[i : i+n])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x80:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += n
	}
	return b.String()
}

// QuestionForm returns a question as its form is read (what it asks for,
// whether it asks how or what something is): typographic quotes and
// dashes folded, and a wh-word's contraction typed without its apostrophe
// written with it ("whats pigz" is "what's pigz", "what’s" is "what's").
func QuestionForm(question string) string {
	return whContraction.ReplaceAllStringFunc(quoteFolder.Replace(question), func(w string) string {
		full := whForms[strings.ToLower(w)]
		if w[0] >= 'A' && w[0] <= 'Z' {
			full = strings.ToUpper(full[:1]) + full[1:]
		}
		return full
	})
}

// whContraction matches a wh-word's contraction typed without its
// apostrophe, and whForms gives each its written form.
var (
	whContraction = regexp.MustCompile(`(?i)\b(whats|wats|whatre|whos|wheres|hows|whens|whys)\b`)
	whForms       = map[string]string{"whats": "what's", "wats": "what's", "whatre": "what are", "whos": "who's", "wheres": "where's",
		"hows": "how's", "whens": "when's", "whys": "why's"}
)
