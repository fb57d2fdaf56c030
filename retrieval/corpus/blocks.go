package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citebot/citebot/retrieval/text"
)

// srcLine is one line of a document.
type srcLine struct {
	n          int    // 1-based line number
	start, end int    // byte offsets of the trimmed line in the document
	text       string // the line without the white space around it
	indent     int    // columns of white space before text, a tab counting 4
}

func (l srcLine) blank() bool { return l.text == "" }

// splitLines returns every line of doc, blank ones included.
func splitLines(doc string) []srcLine {
	var out []srcLine
	off := 0
	for n, raw := range strings.Split(doc, "\n") {
		l := srcLine{n: n + 1, start: off, end: off}
		if s, ok := text.TrimSpan(doc, off, off+len(raw)); ok {
			l.start, l.end, l.text = s.Start, s.End, doc[s.Start:s.End]
			for _, c := range raw {
				if c == '\t' {
					l.indent += 4 - l.indent%4
				} else if unicode.IsSpace(c) {
					l.indent++
				} else {
					break
				}
			}
		}
		out = append(out, l)
		off += len(raw) + 1
	}
	return out
}

// blockKind says how a block may be split: a paragraph between sentences,
// the others only between their units (items, rows, lines).
type blockKind int

const (
	kindPara blockKind = iota
	kindList
	kindTable
	kindCode
)

// block is a run of lines that makes one passage when it fits.
type block struct {
	kind        blockKind
	first, last int   // indices of its first and last line (neither blank)
	units       []int // structured blocks: indices of the lines starting a unit
	section     string
	head        int // index of the first heading line right above it, -1 for none
}

// structure is what a scan of a document finds.
type structure struct {
	blocks       []block
	frontTitle   string // "title:" of a Markdown file's front matter
	firstHeading string // text of the first heading (Markdown) or heading-like line (plain text)
	h1           string // text of the first level-1 Markdown heading
}

// scanner reads the blocks of one document.
type scanner struct {
	lines []srcLine
	md    bool
	hp    headingPath
	out   structure
	head  int // first heading line waiting for the block below it, -1 for none
}

// scan finds the blocks of d. With headings false, no line is taken for a
// heading and nothing is dropped as decoration.
func scan(d Document, headings bool) structure {
	s := &scanner{lines: splitLines(d.Text), md: d.Kind == "md", head: -1}
	s.hp.md = s.md
	if s.md {
		s.scanMarkdown(headings)
	} else {
		s.scanPlain(headings)
	}
	s.joinLeadIns()
	return s.out
}

// emit records a block under the current section, with the heading lines
// waiting above it.
func (s *scanner) emit(b block) {
	b.section = s.hp.section
	b.head = s.head
	s.head = -1
	s.out.blocks = append(s.out.blocks, b)
}

// heading records a heading whose lines start at index at.
func (s *scanner) heading(h mdHeading, at int) {
	if h.text == "" {
		s.head = -1
		return
	}
	if s.out.firstHeading == "" {
		s.out.firstHeading = h.text
	}
	if s.md && h.level == 1 && s.out.h1 == "" {
		s.out.h1 = h.text
	}
	s.hp.set(h)
	if s.head < 0 {
		s.head = at
	}
}

// drop skips lines that make no passage; a heading above them is no
// longer right above the next block.
func (s *scanner) drop() { s.head = -1 }

func (s *scanner) scanMarkdown(headings bool) {
	ls := s.lines
	i := 0
	if headings {
		i = s.frontMatter()
	}
	for i < len(ls) {
		l := ls[i]
		switch {
		case l.blank():
			i++
		case l.indent < 4 && isFence(l.text):
			i = s.fence(i)
		case headings && l.indent < 4 && isATX(l.text):
			h, _ := markdownHeading(l.text)
			s.heading(h, i)
			i++
		case headings && l.indent < 4 && isThematicBreak(l.text):
			s.drop()
			i++
		case l.indent >= 4:
			i = s.indentedCode(i)
		case isTableStart(ls, i):
			i = s.table(i)
		case isListItem(l.text):
			i = s.list(i)
		default:
			i = s.paragraph(i, headings)
		}
	}
}

// frontMatter skips YAML front matter at the top of a Markdown file,
// keeping its title, and returns the index of the line after it.
func (s *scanner) frontMatter() int {
	ls := s.lines
	if len(ls) < 3 || ls[0].text != "---" || ls[0].indent != 0 || !isYAMLKey(ls[1].text) {
		return 0
	}
	for j := 1; j < len(ls) && j < 200; j++ {
		if ls[j].indent == 0 && (ls[j].text == "---" || ls[j].text == "...") {
			for _, l := range ls[1:j] {
				if v, ok := strings.CutPrefix(l.text, "title:"); ok && l.indent == 0 {
					s.out.frontTitle = strings.Trim(strings.TrimSpace(v), `"'`)
				}
			}
			return j + 1
		}
	}
	return 0
}

func isYAMLKey(s string) bool {
	k, _, ok := strings.Cut(s, ":")
	return ok && k != "" && !strings.ContainsAny(k, " \t")
}

// fence reads a fenced code block starting at i; an unclosed fence runs
// to the end of the document.
func (s *scanner) fence(i int) int {
	ls := s.lines
	open := ls[i].text
	c := open[0]
	n := len(open) - len(strings.TrimLeft(open, string(c)))
	j := i + 1
	for ; j < len(ls); j++ {
		t := ls[j].text
		if ls[j].indent < 4 && strings.HasPrefix(t, strings.Repeat(string(c), n)) && strings.Trim(t, string(c)) == "" {
			break
		}
	}
	last := min(j, len(ls)-1)
	for ls[last].blank() {
		last--
	}
	// The opening fence stays with the first line of code, the closing
	// fence with the last.
	units := []int{i}
	for _, k := range nonBlank(ls, i+1, last) {
		if k != units[0]+1 && !(k == last && j < len(ls)) {
			units = append(units, k)
		}
	}
	s.emit(block{kind: kindCode, first: i, last: last, units: units})
	return last + 1
}

func (s *scanner) indentedCode(i int) int {
	ls := s.lines
	last := i
	for j := i; j < len(ls) && (ls[j].blank() || ls[j].indent >= 4); j++ {
		if !ls[j].blank() {
			last = j
		}
	}
	s.emit(block{kind: kindCode, first: i, last: last, units: nonBlank(ls, i, last)})
	return last + 1
}

// table reads a table: its header and delimiter rows make one unit, each
// later row another.
func (s *scanner) table(i int) int {
	ls := s.lines
	units := []int{i}
	j := i + 2
	for ; j < len(ls) && !ls[j].blank() && strings.Contains(ls[j].text, "|") && !isATX(ls[j].text) && !isFence(ls[j].text); j++ {
		units = append(units, j)
	}
	s.emit(block{kind: kindTable, first: i, last: j - 1, units: units})
	return j
}

// list reads a list: its items with their continuation lines, nested
// lists and blank lines between items. Each top-level item is a unit.
func (s *scanner) list(i int) int {
	ls := s.lines
	base := ls[i].indent
	units := []int{i}
	last := i
	for j := i + 1; j < len(ls); j++ {
		l := ls[j]
		switch {
		case l.blank():
			continue
		case isListItem(l.text) && !isThematicBreak(l.text) && l.indent < 4:
			if l.indent <= base+1 {
				units = append(units, j)
			}
		case l.indent >= 2 && l.indent > base:
			// continuation or nested content
		case !ls[j-1].blank() && !startsBlock(ls, j):
			// lazy continuation of the item's paragraph
		default:
			s.emit(block{kind: kindList, first: i, last: last, units: units})
			return last + 1
		}
		last = j
	}
	s.emit(block{kind: kindList, first: i, last: last, units: units})
	return last + 1
}

// paragraph reads the lines of a paragraph from i. A setext underline
// below it makes its last line a heading.
func (s *scanner) paragraph(i int, headings bool) int {
	ls := s.lines
	j := i
	for j < len(ls) && !ls[j].blank() {
		if j > i && headings && ls[j].indent < 4 && isSetextUnderline(ls[j].text) {
			if j-1 > i {
				s.emitParagraph(i, j-2, headings)
			}
			level := 1
			if ls[j].text[0] == '-' {
				level = 2
			}
			s.heading(mdHeading{level: level, text: cleanTitle(ls[j-1].text)}, j-1)
			if isDecoration(ls[j-1 : j]) {
				s.drop() // an image for a heading: the words are in the section
			}
			return j + 1
		}
		if j > i && (startsBlock(ls, j) || (isListItem(ls[j].text) && interruptsParagraph(ls[j].text))) {
			break
		}
		j++
	}
	s.emitParagraph(i, j-1, headings)
	return j
}

// emitParagraph records lines first..last as paragraphs: one, or one per
// line when the lines are long (a file that puts each paragraph on one
// line without blank lines between). Lines holding nothing to read
// (badges, images, bare HTML tags) make no passage.
func (s *scanner) emitParagraph(first, last int, headings bool) {
	if headings && isDecoration(s.lines[first:last+1]) {
		s.drop()
		return
	}
	if medianRunes(s.lines[first:last+1]) >= 200 {
		for k := first; k <= last; k++ {
			s.emit(block{kind: kindPara, first: k, last: k})
		}
		return
	}
	s.emitText(first, last)
}

// emitText records lines first..last as one paragraph, or as a list when
// several of its lines start list items.
func (s *scanner) emitText(first, last int) {
	var items []int
	for k := first; k <= last; k++ {
		if isListItem(s.lines[k].text) {
			items = append(items, k)
		}
	}
	if len(items) < 2 {
		s.emit(block{kind: kindPara, first: first, last: last})
		return
	}
	if items[0] != first {
		items = append([]int{first}, items...)
	}
	s.emit(block{kind: kindList, first: first, last: last, units: items})
}

// scanPlain reads a plain-text file: paragraphs between blank lines,
// headings underlined with "===" or "---", and short heading-like lines.
func (s *scanner) scanPlain(headings bool) {
	ls := s.lines
	for i := 0; i < len(ls); {
		if ls[i].blank() {
			i++
			continue
		}
		j := i
		for j < len(ls) && !ls[j].blank() {
			if headings && j+1 < len(ls) && isUnderlined(ls[j].text, ls[j+1].text) {
				break
			}
			if headings && isRule(ls[j].text) {
				break
			}
			j++
		}
		if j > i {
			s.plainBlock(i, j-1, headings)
		}
		switch {
		case j < len(ls) && headings && isRule(ls[j].text):
			s.drop()
			j++
		case j+1 < len(ls) && headings && !ls[j].blank() && isUnderlined(ls[j].text, ls[j+1].text):
			s.heading(mdHeading{level: 2, text: ls[j].text}, j)
			j += 2
		}
		i = j
	}
}

// plainBlock records the lines first..last of a plain-text block, taking
// heading-like lines for headings where the block's shape says so.
func (s *scanner) plainBlock(first, last int, headings bool) {
	ls := s.lines
	b := ls[first : last+1]
	perLine := medianRunes(b) >= 200
	run := -1
	flush := func(end int) {
		if run >= 0 {
			s.emitText(run, end)
			run = -1
		}
	}
	for k := first; k <= last; k++ {
		if headings && isHeadingLike(ls[k].text) &&
			(perLine || len(b) == 1 || (k == first && leadsLongerLines(b))) {
			flush(k - 1)
			s.heading(mdHeading{level: 2, text: ls[k].text}, k)
			continue
		}
		if run < 0 {
			run = k
		}
		if perLine {
			flush(k)
		}
	}
	flush(last)
}

// joinLeadIns joins a short paragraph ending in ':' to the list, table or
// code block right below it, so the lead-in stays with what it introduces;
// and a question on a line of its own (a FAQ's) to the paragraph that
// answers it.
func (s *scanner) joinLeadIns() {
	bs := s.out.blocks
	var out []block
	for k := 0; k < len(bs); k++ {
		b := bs[k]
		if k+1 < len(bs) && b.kind == kindPara && bs[k+1].head < 0 && bs[k+1].section == b.section &&
			s.blankBetween(b.last, bs[k+1].first) && s.leadsInto(b, bs[k+1]) {
			next := bs[k+1]
			units := next.units
			if len(units) > 0 && units[0] != b.first {
				units = append([]int{b.first}, units...)
			}
			out = append(out, block{kind: next.kind, first: b.first, last: next.last, units: units, section: b.section, head: b.head})
			k++
			continue
		}
		out = append(out, b)
	}
	s.out.blocks = out
}

// leadsInto reports whether paragraph b introduces next: a short lead-in
// ending in ':' before a list, table or code block, or a one-line question
// before the paragraph or block that answers it.
func (s *scanner) leadsInto(b, next block) bool {
	last := strings.TrimSpace(s.lines[b.last].text)
	n := utf8.RuneCountInString(s.linesText(b.first, b.last))
	switch {
	case next.kind != kindPara && strings.HasSuffix(last, ":"):
		return n <= 300
	case b.first == b.last && strings.HasSuffix(last, "?"):
		return n <= 200
	}
	return false
}

func (s *scanner) linesText(first, last int) string {
	var parts []string
	for _, l := range s.lines[first : last+1] {
		parts = append(parts, l.text)
	}
	return strings.Join(parts, " ")
}

// blankBetween reports whether every line strictly between a and b is blank.
func (s *scanner) blankBetween(a, b int) bool {
	for _, l := range s.lines[a+1 : b] {
		if !l.blank() {
			return false
		}
	}
	return true
}

func nonBlank(ls []srcLine, first, last int) []int {
	var out []int
	for k := first; k <= last; k++ {
		if !ls[k].blank() {
			out = append(out, k)
		}
	}
	return out
}

// startsBlock reports whether the Markdown line at j starts a block that
// ends a paragraph or list above it.
func startsBlock(ls []srcLine, j int) bool {
	l := ls[j]
	if l.indent >= 4 {
		return false
	}
	return isATX(l.text) || isFence(l.text) || isThematicBreak(l.text) || isTableStart(ls, j)
}

func isFence(s string) bool {
	return strings.HasPrefix(s, "```") || strings.HasPrefix(s, "~~~")
}

func isATX(s string) bool {
	_, ok := markdownHeading(s)
	return ok
}

// isThematicBreak recognises "---", "***" or "___" (three or more, spaces
// allowed between them).
func isThematicBreak(s string) bool {
	if s == "" || !strings.ContainsRune("-*_", rune(s[0])) {
		return false
	}
	n := 0
	for _, c := range s {
		switch {
		case c == rune(s[0]):
			n++
		case c == ' ' || c == '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// isSetextUnderline recognises a Markdown setext underline: "===" or "---".
func isSetextUnderline(s string) bool {
	return len(s) >= 2 && (strings.Trim(s, "=") == "" || strings.Trim(s, "-") == "")
}

// isUnderline recognises a plain-text heading underline: a line of at
// least three '=', '-', '~' or '*'.
func isUnderline(s string) bool {
	if len(s) < 3 {
		return false
	}
	return strings.Trim(s, string(s[0])) == "" && strings.ContainsRune("=-~*", rune(s[0]))
}

// isUnderlined reports whether a plain-text line is a heading underlined
// by the line below it.
func isUnderlined(line, below string) bool {
	n := utf8.RuneCountInString(line)
	return isUnderline(below) && !isRule(line) && n <= 120 && 2*len(below) >= n &&
		!isListItem(line) && !strings.Contains(line, "://")
}

// isRule recognises a plain-text separator line: punctuation only.
func isRule(s string) bool {
	if utf8.RuneCountInString(s) < 3 {
		return false
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// isListItem recognises a list item: "- ", "* ", "+ ", "• ", "1. " or "1) ".
func isListItem(s string) bool {
	for _, m := range []string{"- ", "* ", "+ ", "• "} {
		if strings.HasPrefix(s, m) {
			return true
		}
	}
	d := 0
	for d < len(s) && d < 9 && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	return d > 0 && d+1 < len(s) && (s[d] == '.' || s[d] == ')') && (s[d+1] == ' ' || s[d+1] == '\t')
}

// interruptsParagraph reports whether a list item may start right below a
// paragraph line: a bullet, or a numbered item starting at 1.
func interruptsParagraph(s string) bool {
	return !(s[0] >= '0' && s[0] <= '9') || strings.HasPrefix(s, "1.") || strings.HasPrefix(s, "1)")
}

// isTableStart reports whether line i starts a table: a row with '|'
// followed by a delimiter row such as "|---|:--:|".
func isTableStart(ls []srcLine, i int) bool {
	return i+1 < len(ls) && strings.Contains(ls[i].text, "|") && text.IsTableDelimiter(ls[i+1].text)
}

// isDecoration reports whether lines hold nothing to read: badge rows,
// images, HTML tags without text.
func isDecoration(ls []srcLine) bool {
	for _, l := range ls {
		if hasWordChar(cleanInline(l.text, false)) {
			return false
		}
	}
	return true
}

func hasWordChar(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}
