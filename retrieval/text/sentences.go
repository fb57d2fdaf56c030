package text

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) of a text.
type Span struct{ Start, End int }

// Sentences splits text into sentences. A sentence ends at '.', '!' or '?'
// (with any closing quotes or brackets after it) followed by white space and
// a word that starts a sentence, unless the period ends a known abbreviation
// or an initial. A line break ends a sentence too when a blank line, a list
// item, a table row, a Markdown heading or a code fence follows it, so one
// list item or table row can be quoted alone, or when the line is prose
// ending in ":" (what it announces follows: see announcesNext); a period
// standing alone before a parenthesis ("the . (period) character") ends
// none; a fenced code block is one
// sentence, whatever its comments say; a table's delimiter row
// ("|---|---|") stays with the header row above it; a list item of up to
// maxItemSentence bytes is one sentence. Each span is trimmed of
// surrounding white space; together they cover every non-space character
// of text.
func Sentences(text string) []Span { return sentences(text, true) }

// PlainSentences is Sentences for plain text, where a line opening on "#"
// is no heading but a comment ("# The amount of time the server waits"
// of a sample configuration), wrapped over lines like any other.
func PlainSentences(text string) []Span { return sentences(text, false) }

func sentences(text string, atx bool) []Span {
	var spans []Span
	start := 0
	inFence := startsInFence(text)
	lineStart, scanned := 0, 0 // the start of the line at scanned, read so far once
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r == '\n' {
			fence := IsFenceLine(firstLine(text[i:]))
			if inFence {
				// Inside a code block: one sentence through its
				// closing fence.
				inFence = !fence
				continue
			}
			rawPrev := text[strings.LastIndexByte(text[:i-1], '\n')+1 : i-1]
			prev := strings.TrimSpace(rawPrev)
			if next, ok := structuredLine(text, i, atx); ok || atx && isHeading(prev) || IsFenceLine(prev) || commandEnds(text[start:i-1], prev) || announcesNext(text[start:i-1], rawPrev, firstLine(text[i:])) {
				if s, ok := TrimSpan(text, start, i); ok {
					spans = append(spans, s)
				}
				start = next
				i = next
			}
			inFence = fence
			continue
		}
		if inFence || (r != '.' && r != '!' && r != '?' && r != '…') {
			continue
		}
		if k := strings.LastIndexByte(text[scanned:i], '\n'); k >= 0 {
			lineStart = scanned + k + 1
		}
		scanned = i
		if isTableRow(text[lineStart:i]) {
			// A table's row is one sentence, whatever its cells say:
			// "| readTimeout | Timeout for socket reads. | 3s |" keeps
			// its value with its key.
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
		// A sentence opens in capitals, on a figure or a quote, or, on
		// the same line, on a name of code ("… the number of steps.
		// `DragAndDropXY` does the same …"; a fence's line is read at
		// its line break).
		codeName := c == '`' && !strings.HasPrefix(text[next:], "``") && !strings.Contains(text[end:next], "\n") && !shortBefore(text[start:i-1])
		if !(unicode.IsUpper(c) || unicode.IsDigit(c) || strings.ContainsRune(`"'(“‘[`, c) || codeName) {
			i = end
			continue
		}
		if r == '.' && end == i && i >= 2 && (text[i-2] == ' ' || text[i-2] == '\t') && next < len(text) && text[next] == '(' {
			i = end // a period standing alone names the character ("from the last occurrence of the . (period) character")
			continue
		}
		if r == '.' && (endsWithAbbreviation(text[start:i-1]) || isItemNumber(text[start:i-1])) {
			i = end
			continue
		}
		if e := shortItemEnd(text, start, i, atx); e > end && strings.TrimSpace(text[end:e]) != "" {
			i = end // "- flag <string> See the flags. Default: 'w'." reads as one
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

// isTableRow reports whether a line (up to some point of it) is a row of a
// pipe table: it opens on "|" after its indentation.
func isTableRow(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " \t"), "|")
}

// maxItemSentence is the longest list item read as one sentence.
const maxItemSentence = 320

// shortItemEnd returns where the list item starting at text[start] ends,
// when it is one of at most maxItemSentence bytes (to a structured line,
// or one not indented under it) and i is in it; -1 otherwise. An item of
// a reference ("- `interval` (default: `100`). Interval of file system
// polling.") says one thing: its name and what is said of it together.
func shortItemEnd(text string, start, i int, atx bool) int {
	if !IsListMarker(firstLine(text[start:min(len(text), start+16)])) {
		return -1 // a marker is at the start: no need to read a long line to its end
	}
	indent := start - (strings.LastIndexByte(text[:start], '\n') + 1)
	limit := min(len(text), start+maxItemSentence)
	for k := start; k < limit; k++ {
		if text[k] != '\n' {
			continue
		}
		if _, ok := structuredLine(text, k+1, atx); ok || indentOf(text[k+1:]) <= indent {
			if k < i {
				return -1 // i is past the item
			}
			return k
		}
	}
	if limit == len(text) {
		return limit
	}
	return -1
}

// indentOf is the number of spaces and tabs s starts with.
func indentOf(s string) int {
	return len(s) - len(strings.TrimLeft(s, " \t"))
}

// isItemNumber reports whether s, the sentence so far up to a period, is a
// numbered list item's number ("1" of "1. Unpack the archive."): the item
// is one sentence with its number.
func isItemNumber(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) >= 1 && len(s) <= 3 && strings.Trim(s, "0123456789") == ""
}

// structuredLine reports whether the line starting at text[i] ends the
// sentence before it: a blank line, a list item, a table row, a heading
// (one opening on "#" only where atx says Markdown's are read) or a code
// fence. It returns where the next sentence may start.
func structuredLine(text string, i int, atx bool) (int, bool) {
	j := i
	for j < len(text) && (text[j] == ' ' || text[j] == '\t') {
		j++
	}
	if j >= len(text) {
		return j, false
	}
	if text[j] == '\n' || text[j] == '\r' {
		return j, true
	}
	line := firstLine(text[j:])
	switch {
	case IsTableDelimiter(line) || isUnderline(line):
		return j, false
	case strings.HasPrefix(line, "|"), IsFenceLine(line):
		return j, true
	case atx && isHeading(line):
		return j, true
	case IsPromptLine(line):
		// A command starts anew, unless the line before goes on into it
		// ("$ docker run \" over "  -p 80:80 nginx").
		return j, !strings.HasSuffix(strings.TrimSpace(lineBefore(text, i)), "\\")
	}
	if !IsListMarker(line) {
		return j, false
	}
	// "(over\n  200) including PNG": a number closing the previous line's
	// parenthesis continues its sentence; it is not an item "200)".
	if d := strings.IndexAny(line, ".)"); d > 0 && line[d] == ')' && openParen(lineBefore(text, i)) {
		return j, false
	}
	return j, true
}

// commandEnds reports whether the sentence so far is a command at a
// shell's prompt whose last line (prev, trimmed) ends it: not one that goes
// on to the next line ("$ docker run \\").
func commandEnds(sentence, prev string) bool {
	return IsPromptLine(firstLine(strings.TrimLeft(sentence, " \t\n"))) && !strings.HasSuffix(prev, "\\")
}

// IsPromptLine reports whether a line is a command at a shell's prompt
// ("$ sudo update-alternatives --config editor"): a sentence of its own,
// as a web page's <pre> shows it with no fence or blank line around it.
func IsPromptLine(line string) bool {
	t := strings.TrimSpace(line)
	if !strings.HasPrefix(t, "$ ") || len(t) < 3 {
		return false
	}
	c := t[2]
	return c >= 'a' && c <= 'z' || c == '.' || c == '/' || c == '_'
}

// announcesNext reports whether a line ending in ":" (raw: as written,
// the last of sentence so far) announces the line after it (next,
// trimmed), which then starts a sentence: a web page's example, which no
// blank line or fence sets apart ("… the original suffix is removed:" over
// ">>> p.with_suffix('.bz2')"). Only an unindented line ending prose does
// (a sentence of two words or more; no list item, not "::" nor a URL's
// "http:"), over a line that is no underline and does not go on in lower
// case: not YAML's "server:" nor a definition list's "- `retries`:" over
// its description.
func announcesNext(sentence, raw, next string) bool {
	prev := strings.TrimSpace(raw)
	if !strings.HasSuffix(prev, ":") || strings.HasSuffix(prev, "::") || raw != strings.TrimLeft(raw, " \t") ||
		IsListMarker(prev) || !strings.ContainsAny(strings.TrimSpace(sentence), " \t\n") || next == "" || isUnderline(next) {
		return false
	}
	words := strings.Fields(prev)
	switch strings.ToLower(strings.TrimSuffix(words[len(words)-1], ":")) {
	case "http", "https", "ftp", "mailto", "file":
		return false
	}
	r, _ := utf8.DecodeRuneInString(next)
	return !unicode.IsLower(r) && r != '/'
}

// firstLine returns the first line of s, trimmed of white space.
func firstLine(s string) string {
	if k := strings.IndexByte(s, '\n'); k >= 0 {
		s = s[:k]
	}
	return strings.TrimSpace(s)
}

// startsInFence reports whether text starts inside a fenced code block:
// at its opening fence, or, in a passage cut from the middle of a long
// block, with the block's code, when its fence lines are odd in number and
// the first of them is a bare one, which closes rather than opens.
func startsInFence(text string) bool {
	if IsFenceLine(firstLine(text)) {
		return true
	}
	if !strings.Contains(text, "```") && !strings.Contains(text, "~~~") {
		return false
	}
	n, first := 0, ""
	for line := range strings.Lines(text) {
		if l := strings.TrimRight(line, "\r\n"); IsFenceLine(l) {
			if n == 0 {
				first = l
			}
			n++
		}
	}
	return n%2 == 1 && (first == "```" || first == "~~~")
}

// IsFenceLine reports whether a line, trimmed of white space, opens or
// closes a Markdown code block ("```go", "~~~").
func IsFenceLine(line string) bool {
	return strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~")
}

// lineBefore returns the line ending right before text[i].
func lineBefore(text string, i int) string {
	end := strings.LastIndexByte(text[:i], '\n')
	if end < 0 {
		return ""
	}
	return text[strings.LastIndexByte(text[:end], '\n')+1 : end]
}

// openParen reports whether s leaves a parenthesis open.
func openParen(s string) bool {
	return strings.Count(s, "(") > strings.Count(s, ")")
}

// isHeading reports whether line is a Markdown ATX heading ("## Install").
func isHeading(line string) bool {
	n := len(line) - len(strings.TrimLeft(line, "#"))
	return n > 0 && n <= 6 && (n == len(line) || line[n] == ' ' || line[n] == '\t')
}

// IsListMarker reports whether line starts with a list marker: "- ", "* ",
// "+ ", "• ", "1. " or "1) " (a number of up to MaxMarkerDigits digits).
func IsListMarker(line string) bool {
	for _, m := range []string{"- ", "* ", "+ ", "• ", "-\t", "*\t"} {
		if strings.HasPrefix(line, m) {
			return true
		}
	}
	d := 0
	for d < len(line) && d < MaxMarkerDigits+1 && line[d] >= '0' && line[d] <= '9' {
		d++
	}
	return d > 0 && d <= MaxMarkerDigits && d+1 < len(line) && (line[d] == '.' || line[d] == ')') && (line[d+1] == ' ' || line[d+1] == '\t')
}

// isUnderline reports whether line is a setext heading underline ("===",
// "---"), which belongs with the line above it.
func isUnderline(line string) bool {
	return len(line) >= 2 && (strings.Trim(line, "=") == "" || strings.Trim(line, "-") == "")
}

// IsTableDelimiter reports whether line is the delimiter row under a
// table's header: cells of dashes with optional colons, split by '|'
// ("|---|:--:|", "--- | ---").
func IsTableDelimiter(line string) bool {
	line = strings.TrimSpace(line)
	if !strings.Contains(line, "|") && !strings.HasPrefix(line, "-") {
		return false
	}
	cells := strings.Split(strings.Trim(line, "|"), "|")
	if len(cells) < 2 && !strings.Contains(line, "|") {
		return false
	}
	for _, c := range cells {
		c = strings.TrimSpace(c)
		c = strings.TrimSuffix(strings.TrimPrefix(c, ":"), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return true
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

// alertMarker matches the line opening a GitHub alert ("> [!NOTE]",
// "> [!IMPORTANT]"): a label the page shows as an icon, no text.
var alertMarker = regexp.MustCompile(`(?i)^\s*(>\s*)+\[!(note|tip|important|warning|caution)\]\s*$`)

// IsAlertMarker reports whether a line opens a GitHub alert and says
// nothing else ("> [!IMPORTANT]").
func IsAlertMarker(line string) bool { return alertMarker.MatchString(line) }

// summaryLine matches a line that opens a <details> block with its summary
// ("<details><summary>ES6</summary><br>", "<summary><b>Why?</b></summary>"),
// maybe after the "</details>" of the one before.
var summaryLine = regexp.MustCompile(`^\s*(?:</details>\s*)?(?:<details[^>]*>\s*)?<summary[^>]*>(.*?)</summary>\s*(?:<br\s*/?>|<p>)?\s*$`)

// SummaryOf returns the inside of the <summary> a line opens a <details>
// block with (see summaryLine): the title of what the block hides, which
// says nothing by itself.
func SummaryOf(line string) (string, bool) {
	m := summaryLine.FindStringSubmatch(line)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// MaxMarkerDigits is the most digits a numbered item's mark has: a
// hard-wrapped sentence may open a line on a year or a size ("2024. The
// next release", "4093. Larger values"), which numbers no item.
const MaxMarkerDigits = 3

// shortBefore reports whether s ends in a word too short to end a sentence
// before a name of code: an abbreviation in lower case ("cf.", "sec.") or
// an item's number ("1. `a` 2. `b`").
func shortBefore(s string) bool {
	w := s[strings.LastIndexAny(s, " \t\n(")+1:]
	return w != "" && utf8.RuneCountInString(w) <= 3 && !strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLower(r) && !unicode.IsDigit(r) })
}
