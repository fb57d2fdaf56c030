package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Sentences splits text into sentences. A sentence ends at '.', '!' or '?'
// (with any closing quotes or brackets after it) followed by white space and
// a word that starts a sentence, unless the period ends a known abbreviation
// or an initial. Each span is trimmed of surrounding white space; together
// they cover every non-space character of text.
func Sentences(text string) []Span {
	var spans []Span
	start := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r != '.' && r != '!' && r != '?' && r != '…' {
			continue
		}
		end := i
		for end < len(text) {
			c, sz := utf8.DecodeRuneInString(text[end:])
			if !strings.ContainsRune(`"')]»”’`, c) && c != '.' && c != '!' && c != '?' {
				break
			}
			end += sz
		}
		next := end
		for next < len(text) {
			c, sz := utf8.DecodeRuneInString(text[next:])
			if !unicode.IsSpace(c) {
				break
			}
			next += sz
		}
		if next == end || next >= len(text) {
			i = end
			continue
		}
		c, _ := utf8.DecodeRuneInString(text[next:])
		if !(unicode.IsUpper(c) || unicode.IsDigit(c) || strings.ContainsRune(`"'(“‘[`, c)) {
			i = end
			continue
		}
		if r == '.' && endsWithAbbreviation(text[start:i-1]) {
			i = end
			continue
		}
		if s, ok := TrimSpan(text, start, end); ok {
			spans = append(spans, s)
		}
		start = next
		i = next
	}
	if s, ok := TrimSpan(text, start, len(text)); ok {
		spans = append(spans, s)
	}
	return spans
}

// endsWithAbbreviation reports whether the text before a period ends with an
// abbreviation or a single-letter initial.
func endsWithAbbreviation(before string) bool {
	j := len(before)
	for j > 0 {
		r, sz := utf8.DecodeLastRuneInString(before[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= sz
	}
	w := strings.ToLower(before[j:])
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 && unicode.IsUpper([]rune(before[j:])[0]) {
		return true // an initial such as "J. Smith"
	}
	return abbreviations()[w]
}

// TrimSpan returns the span text[start:end] without the white space around
// it, and false when nothing else is left.
func TrimSpan(text string, start, end int) (Span, bool) {
	for start < end {
		r, sz := utf8.DecodeRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += sz
	}
	for end > start {
		r, sz := utf8.DecodeLastRuneInString(text[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= sz
	}
	return Span{Start: start, End: end}, end > start
}
