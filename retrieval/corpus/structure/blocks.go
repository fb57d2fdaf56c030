// Package structure reads the line structure of a Markdown or plain-text
// document: headings (ATX, setext, underlined or heading-like lines), lists,
// tables, code blocks and paragraphs, and the lead-ins that belong to the
// block below them. It takes a document's text and returns its lines and
// blocks, each block with the section it is under; it knows nothing of
// files or passages. An HTML document is read the same way from its
// visible text (ScanHTML), each line of which says where in the markup it
// came from.
package structure

import (
	"html"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citebot/citebot/retrieval/text"
)

// Line is one line of a document.
type Line struct {
	Start, End int    // byte offsets of the trimmed line in the document
	Text       string // the line without the white space around it
	Indent     int    // columns of white space before Text, a tab counting 4
}

// Blank reports whether the line holds only white space.
func (l Line) Blank() bool { return l.Text == "" }

// SplitLines returns every line of doc, blank ones included.
func SplitLines(doc string) []Line {
	var out []Line
	off := 0
	for _, raw := range strings.Split(doc, "\n") {
		l := Line{Start: off, End: off}
		if s, ok := text.TrimSpan(doc, off, off+len(raw)); ok {
			l.Start, l.End, l.Text = s.Start, s.End, doc[s.Start:s.End]
			for _, c := range raw {
				if c == '\t' {
					l.Indent += 4 - l.Indent%4
				} else if unicode.IsSpace(c) {
					l.Indent++
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

// Kind says how a block may be split: a paragraph between sentences, the
// others only between their units (items, rows, lines).
type Kind int

// The kinds of block.
const (
	Paragraph Kind = iota
	List
	Table
	Code
)

// Block is a run of lines that makes one passage when it fits.
type Block struct {
	Kind        Kind
	First, Last int    // indices of its first and last line (neither blank)
	Units       []int  // lists, tables, code: indices of the lines starting a unit
	Section     string // the section it is under ("A › B"), "" for none
	Head        int    // index of the first heading line right above it, -1 for none
}

// Doc is what a scan of a document finds.
type Doc struct {
	// Text is the text that Lines and Blocks index: the document itself
	// for Markdown and plain text, the visible text of an HTML document.
	Text   string
	Lines  []Line  // every line of Text, blank ones included
	Blocks []Block // in document order; blank lines, headings and decoration belong to none
	// Origins says, for each line of Text, where in the document it came
	// from; nil when Text is the document itself (line i is line i+1).
	Origins []Origin

	markdown     bool
	html         bool
	frontTitle   string // "title:" of a Markdown file's front matter
	frontEnd     int    // the line after a Markdown file's front matter, 0 for none
	firstHeading string // text of the first heading (Markdown: above any text) or heading-like line (plain text)
	h1           string // text of the first level-1 Markdown heading
	// headingAfterText says that text came before firstHeading.
	headingAfterText bool
}

// scanner reads the blocks of one document.
type scanner struct {
	lines []Line
	md    bool
	hp    headingPath
	out   Doc
	head  int // first heading line waiting for the block below it, -1 for none
	width int // columns of the document's text (plain text), 0 until measured
	// details holds the levels of the open <details> blocks whose
	// <summary> titles them (see summaryLine).
	details []int
	// plainLevel is the level of the last plain-text heading that is not
	// an outline's stars (a version line, an underlined title), 0 for
	// none: stars below it nest under it, when such a heading came first
	// in the document (tar's NEWS: "version 1.28 - …" over "* New option
	// --sort"), not when stars did (GNU's "* Changes in 2.0" over a plain
	// "Bug fixes" over "* Changes in 1.9").
	plainLevel int
	starsFirst bool // the document's first heading is an outline's stars
	// starLevels are the star counts of the outline items read as headings
	// so far (starHeading); releases is set once a release's heading was
	// read ("version 1.31 - …"): a log of releases, whose outline items
	// are its entries.
	starLevels map[int]bool
	releases   bool
	// underlines holds the styles of the plain-text document's headings,
	// in the order first seen: an underline's character, or lineStyle
	// for a heading that is a line of its own. The first ("=" of
	// "Title" over "=====") marks level 2, the next ("-") level 3, as
	// reStructuredText orders its adornments.
	underlines string
	// outline is 1 when the plain-text document has an outline's star
	// headings at the left edge, -1 when not, 0 until looked at.
	outline int
	// underlined is 1 when the document titles sections with underlines
	// (see definitionTerm), -1 when it does not, 0 until known.
	underlined int
	// man is set when the document is a manual page rendered as text
	// (its first line a man header, "SED(1) User Commands SED(1)");
	// tagCol is then the column of its items' tags, the least indent of
	// its body (7 for man, 5 for mdoc). godoc is set when it is Go package
	// documentation as "go doc -all" prints it (its first line "package
	// http // import \"net/http\""): each declaration at the left edge
	// over its doc comment indented four columns. Both are read once,
	// before a plain-text document's lines (see readForm).
	man, godoc bool
	tagCol     int
	// marginHeadings is set for a plain-text document laid out as
	// standards are (RFCs, Internet-Drafts): numbered headings at the left
	// margin over text indented below them, where an indented line (a
	// template's field, a list's value, a table's row) is no heading, but
	// for an FAQ's numbered question (curl's "  3.5 How can I …?" under
	// "3. Usage problems").
	marginHeadings bool
	// marginQuestions is set for a plain-text document laid out with
	// questions at the left margin heading text indented below them
	// (ispell's README: "Who Wrote Ispell?" over its indented answer): such
	// a question is a heading there.
	marginQuestions bool
	// proseIndent is the column most of a plain-text document's prose
	// starts at (lines of six words or more), -1 when it has none: a line
	// indented well past it is an example's or a figure's (postfix's
	// "bounces" under an ASCII diagram), no heading.
	proseIndent int
	// info is set for a GNU Info manual's text (ScanInfo): its headings
	// are makeinfo's underlined lines alone, at levels fixed by the
	// underline, and no other line is taken for one.
	info bool
}

// readForm reads from a plain-text document's first line whether it is a
// manual page or Go package documentation, and a manual page's tag column.
func (s *scanner) readForm() {
	first := -1
	for i, l := range s.lines {
		if !l.Blank() {
			first = i
			break
		}
	}
	if first < 0 {
		return
	}
	l := s.lines[first]
	s.godoc = l.Indent == 0 && goDocHeader.MatchString(l.Text)
	s.man = isManHeader(l.Text)
	if !s.godoc && !s.man {
		lines, indented, numbered, questions := 0, 0, 0, 0
		for k, l := range s.lines {
			switch {
			case l.Blank():
			case l.Indent >= 2:
				lines++
				indented++
			default:
				lines++
				if numberedHeading.MatchString(l.Text) && isHeadingLike(l.Text) {
					numbered++
				}
				if s.marginQuestion(k) {
					questions++
				}
			}
		}
		s.proseIndent = proseIndent(s.lines)
		bodyIndented := float64(indented) >= marginBodyShare*float64(lines)
		s.marginHeadings = numbered >= minMarginHeadings && bodyIndented
		s.marginQuestions = questions >= minMarginHeadings && bodyIndented
	}
	if s.man {
		s.tagCol = math.MaxInt
		for _, l := range s.lines {
			if !l.Blank() && l.Indent > manSubsection {
				s.tagCol = min(s.tagCol, l.Indent)
			}
		}
	}
}

// proseIndent returns the column most lines of prose (proseLike, six words
// or more) start at, -1 when there are none.
func proseIndent(lines []Line) int {
	count := make(map[int]int)
	best, most := -1, 0
	for _, l := range lines {
		if l.Blank() || len(strings.Fields(l.Text)) < 6 || !proseLike(l.Text) {
			continue
		}
		count[l.Indent]++
		if c := count[l.Indent]; c > most || c == most && l.Indent < best {
			best, most = l.Indent, c
		}
	}
	return best
}

// deepIndent is how far past the prose's column a line starts to be an
// example's or a figure's rather than a heading.
const deepIndent = 8

// marginQuestion reports whether plain-text line k is a question at the
// left margin over indented text: short, ending in "?", the next line of
// text below it indented.
func (s *scanner) marginQuestion(k int) bool {
	l := s.lines[k]
	if l.Indent != 0 || !strings.HasSuffix(l.Text, "?") || utf8.RuneCountInString(l.Text) > maxMarginQuestion ||
		!isHeadingLike(strings.TrimSuffix(l.Text, "?")) || quotedOrItem.MatchString(l.Text) {
		return false // a quoted mail's line, an item, code: what isHeadingLike turns down but for the "?"
	}
	for _, next := range s.lines[k+1:] {
		if !next.Blank() {
			return next.Indent >= 2
		}
	}
	return false
}

// quotedOrItem matches a line of a quoted mail or a list's item.
var quotedOrItem = regexp.MustCompile(`^(?:>|[-*+•]\s|\d+[.)]\s)`)

// questionStyle is the style a question at the margin ranks by among the
// plain-text heading styles (styleLevel).
const questionStyle = '?'

// maxMarginQuestion bounds the length of a question read as a heading at
// the margin (marginQuestion).
const maxMarginQuestion = 100

// minMarginHeadings and marginBodyShare tell a document laid out with
// numbered headings at the margin (readForm): that many such headings, and
// that share of its lines of text indented.
const (
	minMarginHeadings = 3
	marginBodyShare   = 0.6
)

// caption matches a figure's or a table's caption ("Figure 2: Stacking
// With the PAM Architecture"), which titles what is above or below it, not
// the text after it.
var caption = regexp.MustCompile(`^(?:Figure|Fig\.|Table|Exhibit)\s+[0-9]+[.:]`)

// goDocHeader matches the first line of "go doc" output.
var goDocHeader = regexp.MustCompile(`^package [\w.]+ // import "[^"]*"$`)

// goDeclaration matches a declaration of "go doc" output at the left edge:
// a function, a method or a type (its struct or interface opened on the
// line), a variable or constant by name; not a group ("const (").
var goDeclaration = regexp.MustCompile(`^(?:func|type) \S|^(?:var|const) [A-Za-z_]\w*\b`)

// goDeclTitle returns the title of a declaration's section: its line
// without the brace that opens its fields ("type Client struct").
func goDeclTitle(line string) string {
	return strings.TrimSpace(strings.TrimSuffix(line, "{"))
}

// manSubsection is the deepest indent of a manual page's subsection
// titles (.SS); its sections' (.SH) are at the left edge.
const manSubsection = 3

// manTag reports whether line k of a manual page, the first of its block,
// is an item's tag: at the tag column, over text indented further (an
// option's description, a keyword's meaning: ssh_config's
// "ServerAliveCountMax"), alone on its line. The last line of a paragraph
// over an indented example is none, nor a short tag with its text beside
// it ("COPROC An array variable…", "number   Match only…"), nor a line
// ending in a word broken by a hyphen.
func (s *scanner) manTag(k int) bool {
	l := s.lines[k]
	if l.Indent != s.tagCol || k > 0 && !s.lines[k-1].Blank() || strings.HasSuffix(l.Text, "\u2010") || strings.HasSuffix(l.Text, "-") {
		return false
	}
	if f := strings.Fields(l.Text); len(f) > 1 && strings.Contains(l.Text, f[0]+"  ") {
		return false
	}
	next := s.textLine(k, 1)
	return next >= 0 && s.lines[next].Indent > s.tagCol
}

// manLevel is the level of a manual page's heading at line k: a section's
// (.SH), a subsection's (.SS) under it, an item's tag under both.
func (s *scanner) manLevel(k int) int {
	l := s.lineLevel()
	switch ind := s.lines[k].Indent; {
	case ind == 0:
		return l
	case ind <= manSubsection:
		return l + 1
	}
	return l + 2
}

// Scan reads the lines and blocks of doc, a Markdown document when
// markdown is true, else plain text. A document made only of headings or
// decoration gives blocks of its every line, as if none were a heading.
func Scan(doc string, markdown bool) Doc {
	d := scan(doc, markdown, true)
	if len(d.Blocks) == 0 {
		d.Blocks = scan(doc, markdown, false).Blocks
	}
	return d
}

// scan finds the blocks of doc. With headings false, no line is taken for
// a heading and nothing is dropped as decoration.
func scan(doc string, markdown, headings bool) Doc {
	return scanWith(&scanner{lines: SplitLines(doc), md: markdown, head: -1}, doc, headings)
}

// scanWith finds the blocks of doc with the scanner s, set up for its form.
func scanWith(s *scanner, doc string, headings bool) Doc {
	markdown := s.md
	s.out.Text, s.out.Lines, s.out.markdown = doc, s.lines, markdown
	s.hp.md = s.md
	if s.md {
		s.scanMarkdown(headings)
	} else {
		s.readForm()
		s.scanPlain(headings)
	}
	s.joinLeadIns()
	return s.out
}

// emit records a block under the current section, with the heading lines
// waiting above it.
func (s *scanner) emit(b Block) {
	b.Section = s.hp.section
	b.Head = s.head
	s.head = -1
	s.out.Blocks = append(s.out.Blocks, b)
}

// heading records a heading whose lines start at index at.
func (s *scanner) heading(h mdHeading, at int) {
	if h.text == "" {
		s.head = -1
		return
	}
	// In Markdown, a heading names the document only above its first
	// text: a README without a level-1 heading whose first "## Install"
	// comes after an introduction is not called "Install".
	if s.out.firstHeading == "" && (!s.md || len(s.out.Blocks) == 0) {
		s.out.firstHeading = h.text
		s.out.headingAfterText = len(s.out.Blocks) > 0
	}
	if s.md && h.level == 1 && s.out.h1 == "" && !IsReleaseHeading(h.text) {
		s.out.h1 = h.text
	}
	s.hp.set(h)
	if s.head < 0 {
		s.head = at
	}
}

// afterRule reports whether the last line above line k that is not blank
// is a rule: a banner's line, which may be indented ("====" over "\tMajor
// changes between "less" versions 581 and 590").
func (s *scanner) afterRule(k int) bool {
	for i := k - 1; i >= 0; i-- {
		if !s.lines[i].Blank() {
			return isRule(s.lines[i].Text)
		}
	}
	return false
}

// plainHeading records a plain-text heading that is not an outline's
// stars, which nest below it.
func (s *scanner) plainHeading(h mdHeading, at int) {
	s.heading(h, at)
	s.plainLevel = h.level
	s.releases = s.releases || IsReleaseHeading(h.text)
}

// drop skips lines that make no passage; a heading above them is no
// longer right above the next block.
func (s *scanner) drop() { s.head = -1 }

func (s *scanner) scanMarkdown(headings bool) {
	ls := s.lines
	i := 0
	if headings {
		i = s.frontMatter()
		s.out.frontEnd = i
	}
	for i < len(ls) {
		l := ls[i]
		switch {
		case l.Blank():
			i++
		case l.Indent < 4 && text.IsFenceLine(l.Text):
			i = s.fence(i)
		case headings && l.Indent < 4 && isATX(l.Text):
			h, _ := markdownHeading(l.Text)
			s.heading(h, i)
			i++
		case headings && l.Indent < 4 && isThematicBreak(l.Text):
			s.drop()
			i++
		case headings && l.Indent < 4 && closesDetails(l.Text):
			// "</details>" ends the section its summary opened; a
			// "<details><summary>…" may follow on the line.
			if n := len(s.details); n > 0 {
				s.hp.close(s.details[n-1])
				s.details = s.details[:n-1]
				s.drop()
			}
			if t, ok := summaryLine(l.Text); ok {
				s.summary(t, i)
			}
			i++
		case headings && l.Indent < 4 && detailsStart.MatchString(l.Text) && i+1 < len(ls) && isSummary(ls[i+1].Text):
			i++ // "<details>" over its summary's line
		case headings && l.Indent < 4 && isSummary(l.Text):
			t, _ := summaryLine(l.Text)
			s.summary(t, i)
			i++
		case headings && s.quotedQuestion(i):
			t := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l.Text), ">"))
			s.heading(mdHeading{level: s.hp.questionLevel(), text: cleanTitle(t), question: true}, i)
			i++
		case l.Indent >= 4:
			i = s.indentedCode(i)
		case isTableStart(ls, i):
			i = s.table(i)
		case isListItem(l.Text):
			i = s.list(i)
		default:
			i = s.paragraph(i, headings)
		}
	}
}

// quotedQuestion reports whether line i is an FAQ's question written as a
// one-line block quote, which heads its answer as a heading does
// (chromedp's "> I cannot see any browser window" over the paragraphs
// that answer it): right under a heading naming an FAQ or after another
// such question's answer (headingPath.headsFAQ), a blank line (or a
// heading) on each side, short, not nested, not what a line ending in ':'
// announces, and a paragraph that is no quote after it.
func (s *scanner) quotedQuestion(i int) bool {
	ls := s.lines
	l := ls[i]
	t := strings.TrimSpace(l.Text)
	if l.Indent >= 4 || !strings.HasPrefix(t, "> ") || strings.HasPrefix(strings.TrimSpace(t[1:]), ">") || utf8.RuneCountInString(t) > maxQuotedQuestion ||
		i > 0 && !ls[i-1].Blank() && !isATX(ls[i-1].Text) || i+2 >= len(ls) || !ls[i+1].Blank() || !s.hp.headsFAQ(s.out.h1) {
		return false
	}
	if p := s.textLine(i, -1); p >= 0 && strings.HasSuffix(strings.TrimSpace(ls[p].Text), ":") {
		return false // what an answer quotes ("you might see:" over "> Error: no display found")
	}
	for _, n := range ls[i+1:] {
		if !n.Blank() {
			return !strings.HasPrefix(strings.TrimSpace(n.Text), ">") && !isATX(n.Text)
		}
	}
	return false
}

// maxQuotedQuestion bounds an FAQ's question written as a block quote,
// in runes.
const maxQuotedQuestion = 200

// summary records a <details> block's summary as a heading one level
// below the section it is in: a README's collapsed FAQ entry ("Why am I
// getting the error 'Module not found'?") or example ("ES6") titles what
// it hides, up to its "</details>".
func (s *scanner) summary(title string, at int) {
	if title == "" {
		return
	}
	level := min(max(s.hp.depth()+1, 2), 6) // never the title's level
	s.details = append(s.details, level)
	s.heading(mdHeading{level: level, text: title}, at)
}

// detailsStart matches a line that only opens a <details> block.
var detailsStart = regexp.MustCompile(`^\s*<details[^>]*>\s*$`)

// detailsEnd matches a line that closes a <details> block and holds
// nothing else.
var detailsEnd = regexp.MustCompile(`^\s*</details>\s*$`)

// closesDetails reports whether a line closes a <details> block: alone, or
// with the summary of the next one after it.
func closesDetails(line string) bool {
	return detailsEnd.MatchString(line) || strings.HasPrefix(strings.TrimSpace(line), "</details>") && isSummary(line)
}

func isSummary(line string) bool { _, ok := text.SummaryOf(line); return ok }

// summaryLine returns the text of a line opening a <details> block with its
// summary (text.SummaryOf), its tags left out.
func summaryLine(line string) (string, bool) {
	m, ok := text.SummaryOf(line)
	if !ok {
		return "", false
	}
	return strings.Join(strings.Fields(html.UnescapeString(cleanInline(m, false))), " "), true
}

// frontMatter skips YAML front matter at the top of a Markdown file,
// keeping its title, and returns the index of the line after it.
func (s *scanner) frontMatter() int {
	ls := s.lines
	if len(ls) < 3 || ls[0].Text != "---" || ls[0].Indent != 0 || !isYAMLKey(ls[1].Text) {
		return 0
	}
	for j := 1; j < len(ls) && j < 200; j++ {
		if ls[j].Indent == 0 && (ls[j].Text == "---" || ls[j].Text == "...") {
			for k, l := range ls[1:j] {
				if v, ok := strings.CutPrefix(l.Text, "title:"); ok && l.Indent == 0 {
					s.out.frontTitle = strings.Trim(strings.TrimSpace(v), `"'`)
				}
				// A page's one-line description (a docs site's "what this
				// command does") is text to quote.
				if v, ok := strings.CutPrefix(l.Text, "description:"); ok && l.Indent == 0 && frontText(v) {
					s.emit(Block{Kind: Paragraph, First: k + 1, Last: k + 1})
				}
			}
			return j + 1
		}
	}
	return 0
}

// frontText reports whether a front matter value is a line of prose: not
// empty, a block scalar ("|", ">") or a list.
func frontText(v string) bool {
	v = strings.Trim(strings.TrimSpace(v), `"'`)
	return len(strings.Fields(v)) >= 3 && !strings.HasPrefix(v, "[") && !strings.HasPrefix(v, "{")
}

func isYAMLKey(s string) bool {
	k, _, ok := strings.Cut(s, ":")
	return ok && k != "" && !strings.ContainsAny(k, " \t")
}

// fence reads a fenced code block starting at i; an unclosed fence runs
// to the end of the document.
func (s *scanner) fence(i int) int {
	ls := s.lines
	open := ls[i].Text
	c := open[0]
	n := len(open) - len(strings.TrimLeft(open, string(c)))
	j := i + 1
	for ; j < len(ls); j++ {
		t := ls[j].Text
		if ls[j].Indent < 4 && strings.HasPrefix(t, strings.Repeat(string(c), n)) && strings.Trim(t, string(c)) == "" {
			break
		}
	}
	last := min(j, len(ls)-1)
	for ls[last].Blank() {
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
	s.emit(Block{Kind: Code, First: i, Last: last, Units: units})
	return last + 1
}

func (s *scanner) indentedCode(i int) int {
	ls := s.lines
	last := i
	for j := i; j < len(ls) && (ls[j].Blank() || ls[j].Indent >= 4); j++ {
		if !ls[j].Blank() {
			last = j
		}
	}
	s.emit(Block{Kind: Code, First: i, Last: last, Units: nonBlank(ls, i, last)})
	return last + 1
}

// table reads a table: its header and delimiter rows make one unit, each
// later row another.
func (s *scanner) table(i int) int {
	ls := s.lines
	units := []int{i}
	j := i + 2
	for ; j < len(ls) && !ls[j].Blank() && strings.Contains(ls[j].Text, "|") && !isATX(ls[j].Text) && !text.IsFenceLine(ls[j].Text); j++ {
		units = append(units, j)
	}
	s.emit(Block{Kind: Table, First: i, Last: j - 1, Units: units})
	return j
}

// list reads a list: its items with their continuation lines, nested
// lists and blank lines between items. Each top-level item is a unit.
func (s *scanner) list(i int) int {
	ls := s.lines
	base := ls[i].Indent
	units := []int{i}
	last := i
	for j := i + 1; j < len(ls); j++ {
		l := ls[j]
		switch {
		case l.Blank():
			continue
		case isListItem(l.Text) && !isThematicBreak(l.Text) && l.Indent < 4:
			if l.Indent <= base+1 {
				units = append(units, j)
			}
		case l.Indent >= 2 && l.Indent > base:
			// continuation or nested content
		case !ls[j-1].Blank() && !startsBlock(ls, j):
			// lazy continuation of the item's paragraph
		default:
			s.emit(Block{Kind: List, First: i, Last: last, Units: units})
			return last + 1
		}
		last = j
	}
	s.emit(Block{Kind: List, First: i, Last: last, Units: units})
	return last + 1
}

// paragraph reads the lines of a paragraph from i. A setext underline
// below it makes its last line a heading.
func (s *scanner) paragraph(i int, headings bool) int {
	ls := s.lines
	j := i
	for j < len(ls) && !ls[j].Blank() {
		if j > i && headings && ls[j].Indent < 4 && isSetextUnderline(ls[j].Text) {
			if j-1 > i {
				s.emitParagraph(i, j-2, headings)
			}
			level := 1
			if ls[j].Text[0] == '-' {
				level = 2
			}
			s.heading(mdHeading{level: level, text: cleanTitle(ls[j-1].Text)}, j-1)
			if isDecoration(ls[j-1 : j]) {
				s.drop() // an image for a heading: the words are in the section
			}
			return j + 1
		}
		if j > i && (startsBlock(ls, j) || (isListItem(ls[j].Text) && interruptsParagraph(ls[j].Text))) {
			break
		}
		if j > i && headings && ls[j].Indent < 4 && (closesDetails(ls[j].Text) || isSummary(ls[j].Text)) {
			break // "</details>" right under the text it hid
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
		if !anchorsOnly(s.lines[first : last+1]) {
			s.drop()
		}
		return
	}
	if medianRunes(s.lines[first:last+1]) >= 200 {
		for k := first; k <= last; k++ {
			if !isDecoration(s.lines[k : k+1]) {
				s.emit(Block{Kind: Paragraph, First: k, Last: k})
			}
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
		if isListItem(s.lines[k].Text) {
			items = append(items, k)
		}
	}
	if len(items) < 2 {
		s.emit(Block{Kind: Paragraph, First: first, Last: last})
		return
	}
	if items[0] != first {
		items = append([]int{first}, items...)
	}
	s.emit(Block{Kind: List, First: first, Last: last, Units: items})
}

// scanPlain reads a plain-text file: paragraphs between blank lines,
// headings underlined with "===" or "---", and short heading-like lines.
func (s *scanner) scanPlain(headings bool) {
	ls := s.lines
	for i := 0; i < len(ls); {
		if ls[i].Blank() {
			i++
			continue
		}
		j := i
		for j < len(ls) && !ls[j].Blank() {
			if headings && j+1 < len(ls) && s.underlinedAt(j) {
				break
			}
			if headings && !s.info && isRule(ls[j].Text) {
				break
			}
			j++
		}
		if s.info {
			if j > i {
				s.infoBlock(i, j-1)
			}
		} else if h, ok := starHeading(ls, i, j, s.releaseLevels()); ok && headings {
			if s.starLevels == nil {
				s.starLevels = make(map[int]bool)
			}
			s.starLevels[starCount(ls[i].Text)] = true
			s.releases = s.releases || versionHeading.MatchString(h.text)
			if s.out.firstHeading == "" { // plain text: no heading yet
				s.starsFirst = true
			}
			s.starEntry(h, i)
		} else if h, ok := changelogEntry(ls, i, j); ok && headings {
			s.plainHeading(h, i)
		} else if h, ok := s.entryOverText(i, j); ok && headings {
			// A release's entry written over its text without a blank
			// line ("* Fix heap-buffer-overrun with --one-top-level." over
			// "Bug introduced with …"): the entry heads its text.
			s.starEntry(h, i)
			s.plainBlock(i+1, j-1, headings)
		} else if j > i {
			s.plainBlock(i, j-1, headings)
		}
		switch {
		case j < len(ls) && headings && !s.info && isRule(ls[j].Text):
			s.drop()
			j++
		case j+1 < len(ls) && headings && !ls[j].Blank() && s.underlinedAt(j):
			h := mdHeading{level: s.styleLevel(ls[j+1].Text[0]), text: ls[j].Text}
			if h.level == 2 && s.out.firstHeading == "" && len(s.out.Blocks) == 0 && !IsReleaseHeading(h.text) {
				// The document's title, above all its text, heads that
				// text but no section after it: the next heading, of
				// any level, closes it ("Background" under it is a
				// section of its own, as a Markdown page's sections are
				// below its "# Title").
				s.heading(mdHeading{level: titleLevel, text: h.text}, j)
			} else {
				s.plainHeading(h, j)
			}
			j += 2
		}
		i = j
	}
}

// underlinedAt reports whether plain-text line k is a heading underlined by
// the line below it (isUnderlined); in an Info manual, only as makeinfo
// underlines: at the left edge, by a line of one of its characters as
// long as the heading (infoUnderline).
func (s *scanner) underlinedAt(k int) bool {
	if s.info {
		return s.lines[k].Indent == 0 && infoUnderline(s.lines[k].Text, s.lines[k+1].Text)
	}
	return isUnderlined(s.lines[k].Text, s.lines[k+1].Text)
}

// starEntry heads what follows line i with an outline's item: under the
// line above it that titles a release, as tar's NEWS writes them
// ("version 1.28 - …" over "* New option --sort"), unless the outline's
// stars come first.
func (s *scanner) starEntry(h mdHeading, i int) {
	if !s.starsFirst {
		h.level += max(0, s.plainLevel-1)
	}
	s.heading(h, i)
}

// starCount returns how many stars open a line.
func starCount(line string) int { return len(line) - len(strings.TrimLeft(line, "*")) }

// entryOverText reads the block of lines i..j-1 as an outline's entry over
// its text, in a log of releases whose items at that level head entries
// (releaseLevels): a star item's line, then lines that are no items.
func (s *scanner) entryOverText(i, j int) (mdHeading, bool) {
	levels := s.releaseLevels()
	if levels == nil || j <= i+1 || strings.HasPrefix(s.lines[i+1].Text, "*") || isListItem(s.lines[i+1].Text) {
		return mdHeading{}, false
	}
	if !levels[starCount(s.lines[i].Text)] {
		return mdHeading{}, false
	}
	// An item over lines indented to its text is one entry, wrapped or
	// going on, not a heading over the rest (gettext's NEWS: "* msgcmp
	// now ignores fuzzy and untranslated messages in the PO file." over
	// "  Previously it considered …", cut there, had quoted the opposite);
	// a category's colon ("* Runtime behaviour:") still heads its text.
	if s.lines[i+1].Indent > 0 && !strings.HasSuffix(strings.TrimSpace(s.lines[i].Text), ":") {
		return mdHeading{}, false
	}
	return starHeading(s.lines, i, i+1, levels)
}

// releaseLevels returns the star counts whose items head entries, in a log
// of releases; nil elsewhere (a README's "* Known problems:" over a long
// item is a list, not entries).
func (s *scanner) releaseLevels() map[int]bool {
	if !s.releases {
		return nil
	}
	return s.starLevels
}

// starHeading reads the block of lines i..j-1 as an outline heading, as
// Org mode and tmux's README write them ("* License", "** Building"): one
// line of stars and a heading-like title, alone between blank lines, over
// text that does not start with a star, nor under an item of as many stars
// (a list of items set apart).
//
// In a log of releases whose outline items at a level already head
// sections (levels: the star counts of those), an item at that level
// heads its entry whatever it says: tar's NEWS "* The -K option interacts
// properly with member names given in the command line" over its text,
// which had been filed under the entry before it.
func starHeading(ls []Line, i, j int, levels map[int]bool) (mdHeading, bool) {
	l := ls[i]
	if j != i+1 || l.Indent > 0 || !strings.HasPrefix(l.Text, "*") {
		return mdHeading{}, false
	}
	stars := starCount(l.Text)
	// A category's colon ("* Other questions:") ends no sentence.
	title := strings.TrimSuffix(strings.TrimSpace(l.Text[stars:]), ":")
	if stars > 6 || !strings.HasPrefix(l.Text[stars:], " ") || title == "" ||
		!levels[stars] && (!isHeadingLike(title) || len(strings.Fields(title)) > 8) {
		return mdHeading{}, false
	}
	// The last item of a list set apart ("* Linux", "* macOS", "* FreeBSD")
	// is no heading either.
	for k := i - 1; k >= 0; k-- {
		if !ls[k].Blank() {
			if ls[k].Indent == 0 && strings.HasPrefix(ls[k].Text, strings.Repeat("*", stars)+" ") {
				return mdHeading{}, false
			}
			break
		}
	}
	for k := j; k < len(ls); k++ {
		if !ls[k].Blank() {
			// A heading of the next level may come first: GNU's NEWS
			// ("* Noteworthy changes in release 3.8" over "** Bug fixes").
			if below := starCount(ls[k].Text); below > 0 &&
				!(below > stars && ls[k].Indent == 0 && strings.HasPrefix(ls[k].Text[below:], " ")) {
				return mdHeading{}, false
			}
			return mdHeading{level: stars + 1, text: title}, true
		}
	}
	return mdHeading{}, false // nothing below it to title
}

// changeEntry matches a release log's entry written on one line, opening
// on what the change does and four words or more ("Add an ext2/3/4 FUSE
// server", "Fix a crash in e2fsck"): an entry to quote, not a heading over
// the entries after it ("Added a FUSE server for ext4 images"). A part's
// heading is shorter ("Removed features", "Updated translations") or
// names what it is about (partHeading).
var changeEntry = regexp.MustCompile(`^\s*(Added|Fixed|Removed|Improved|Updated|Changed|Dropped|Deprecated|Implemented|Introduced|Corrected|Renamed|Enabled|Disabled|Made|Support|Supports|Update|Updates|Add|Adds|Fix|Fixes|Remove|Removes|Allow|Allows|Improve|Improves|Teach|Teaches|Drop|Drops|Make|Makes|Avoid|Avoids|Enable|Enables|Disable|Disables|Rename|Renames|Deprecate|Implement|Implements|Introduce|Introduces|Prevent|Prevents|Correct|Corrects|Speed up|Reduce|Reduces|Handle|Handles)\s+\S+\s+\S+\s+\S`)

// partHeading matches a release part's heading that opens as an entry
// may: "Support for new platforms", "Updates to the build system".
var partHeading = regexp.MustCompile(`^\s*(Support|Supports|Update|Updates|Change|Changes)\s+(for|in|of|to|from)\b`)

// versionHeading matches a plain-text line that titles a version's changes,
// as NEWS files write them: "Changes in version 2.7.5:", "Major changes
// between "less" versions 581 and 590", "Version 1.2
// (2020-01-01)", "Release 3.0", "v2.1.0 - 2019-05-01" (a bare number then
// a date: "2.5 (approximately) is it" is no heading).
var versionHeading = regexp.MustCompile(`(?i)^(?:(?:major |notable )?changes between\b[^:]{0,40}\bversions\s+v?\d+(?:\.\w+)*\s+and\s+v?\d+(?:\.\w+)*|(?:(?:user-visible |noteworthy |major |notable )?changes|new features|what's new)\b[^:]{0,40}\b(?:version|release)s?\s+v?\d+(?:\.\w+)+|(?:version|release)\s+v?\d+(?:\.\w+)+|v?\d+\.\d+(?:\.\d+)*\s+(?:[-–]\s*|\(\s*)(?:\d{4}|\d{1,2}\s|[A-Z][a-z]{2,8}\.?\s+\d))[^.!?]{0,60}:?$`)

// debianEntry matches the line a Debian changelog entry opens with:
// "git (1:2.39.5-0+deb12u2) bookworm-security; urgency=medium".
var debianEntry = regexp.MustCompile(`^([a-z0-9][a-z0-9+.-]*) \(([^()\s]+)\) [^;]+; urgency=\w+`)

// debianSignOff matches the line a Debian changelog entry ends with, its
// maintainer's name and date, which titles nothing.
var debianSignOff = regexp.MustCompile(`^-- .+ <[^<>\s]+@[^<>\s]+>  \S`)

// changelogEntry reads the block of lines i..j-1 as the heading of a
// Debian changelog entry ("git 1:2.39.5-0+deb12u2"): each version is a
// section, its maintainer's sign-off the last line of it.
func changelogEntry(ls []Line, i, j int) (mdHeading, bool) {
	if j != i+1 || ls[i].Indent > 0 {
		return mdHeading{}, false
	}
	m := debianEntry.FindStringSubmatch(ls[i].Text)
	if m == nil {
		return mdHeading{}, false
	}
	return mdHeading{level: 2, text: m[1] + " " + m[2]}, true
}

// plainBlock records the lines first..last of a plain-text block, taking
// heading-like lines for headings where the block's shape says so.
func (s *scanner) plainBlock(first, last int, headings bool) {
	ls := s.lines
	b := ls[first : last+1]
	if headings && leaderList(b) {
		s.drop() // a table of contents or an index: where things are, not what
		return
	}
	if headings && wrappedQuestion(b) {
		// zlib's FAQ: "42. The match.asm code in contrib is under the GNU
		// General Public License.\n    Since it's part of zlib, doesn't
		// that mean …\n    GNU GPL?" over its indented answer.
		parts := make([]string, len(b))
		for i, l := range b {
			parts[i] = l.Text
		}
		s.plainHeading(mdHeading{level: s.lineLevel(), text: strings.Join(parts, " ")}, first)
		return
	}
	perLine := medianRunes(b) >= 200
	run := -1
	flush := func(end int) {
		if run >= 0 {
			s.emitText(run, end)
			run = -1
		}
	}
	for k := first; k <= last; k++ {
		if headings && s.godoc {
			// Go package documentation: a declaration heads its code and
			// its doc comment, under the category line (FUNCTIONS,
			// TYPES) above it, and a doc comment's heading ("# Clients
			// and Transports") its text; a group's or a block's
			// brackets, and anything indented (doc comments, code), are
			// text.
			t := ls[k].Text
			switch {
			case ls[k].Indent == 0 && goDeclaration.MatchString(t):
				flush(k - 1)
				s.plainHeading(mdHeading{level: s.lineLevel() + 1, text: goDeclTitle(t)}, k)
				continue
			case ls[k].Indent == 0 && strings.HasPrefix(t, "# ") && len(b) == 1:
				flush(k - 1)
				s.plainHeading(mdHeading{level: s.lineLevel() + 1, text: strings.TrimSpace(t[2:])}, k)
				continue
			case ls[k].Indent > 0 || strings.HasSuffix(t, "(") || strings.HasSuffix(t, "{") || t == ")" || t == "}":
				if run < 0 {
					run = k
				}
				if perLine {
					flush(k)
				}
				continue
			}
		}
		if headings && ls[k].Indent > manSubsection && s.man {
			// A manual page's body: an item's tag heads its text; any
			// other line (a description, a sub-item's value, an
			// example, output) is text. An option's term, which stays
			// with its description, ends the item before it.
			if s.manTag(k) {
				flush(k - 1)
				if isHeadingLike(ls[k].Text) && !s.shownNotTitled(k) {
					s.plainHeading(mdHeading{level: s.manLevel(k), text: ls[k].Text}, k)
					continue
				}
				s.hp.close(s.manLevel(k))
			}
			if run < 0 {
				run = k
			}
			if perLine {
				flush(k)
			}
			continue
		}
		if headings && s.iniSection(k) {
			flush(k - 1)
			s.plainHeading(mdHeading{level: s.lineLevel(), text: ls[k].Text}, k)
			continue
		}
		if headings && len(b) == 1 && (ls[k].Indent == 0 || s.afterRule(k)) && versionHeading.MatchString(ls[k].Text) {
			s.releases = true
			s.plainHeading(mdHeading{level: s.lineLevel(), text: strings.TrimSuffix(ls[k].Text, ":")}, k)
			continue
		}
		question := !isHeadingLike(ls[k].Text) && s.marginQuestions && len(b) == 1 && s.marginQuestion(k)
		label := k == first && s.labelOver(b) // "REQUIREMENTS:" over its indented text
		if headings && (isHeadingLike(ls[k].Text) || question || label) && !directive(ls[k].Text) && !s.shownNotTitled(k) && !debianSignOff.MatchString(ls[k].Text) &&
			!(s.releases && changeEntry.MatchString(ls[k].Text) && !partHeading.MatchString(ls[k].Text)) &&
			!(s.marginHeadings && ls[k].Indent > 0 && !IsNumberedQuestion(ls[k].Text)) && !caption.MatchString(ls[k].Text) &&
			!(ls[k].Indent > 0 && !s.marginHeadings && s.numberedStep(k)) &&
			!s.outlineBody(k) && !(len(b) == 1 && s.introduced(k)) && !s.deep(k) && !(k < last && urlLine(ls[k+1].Text)) &&
			(perLine || len(b) == 1 && !s.shownLine(k) || (k == first && leadsLongerLines(b) && !s.definitionTerm(b)) || label) {
			flush(k - 1)
			h := mdHeading{level: s.lineLevel(), text: ls[k].Text}
			if capsLabel(h.text) {
				h.text = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(h.text), ":")) // "REQUIREMENTS:" titles "REQUIREMENTS"
			}
			if question {
				// Under the line headings used before ("BUILDING ON
				// WINDOWS" over "How do I build it?"), not closing them.
				h.level = s.styleLevel(questionStyle)
			}
			if s.man {
				h.level = s.manLevel(k)
				if isManHeader(h.text) {
					if name := manName(ls); name != "" {
						h.text = name // the page's header, "SED(1) User Commands SED(1)", titles it by its name
					}
				}
			}
			s.plainHeading(h, k)
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

// labelOver reports whether plain-text block b is a label in capitals
// (capsLabel) at the margin over text indented under it, every line of it:
// a section's heading ("REQUIREMENTS:" over "        Linux kernel >=
// 3.15"), not one of a list of labelled values.
func (s *scanner) labelOver(b []Line) bool {
	if len(b) < 2 || b[0].Indent != 0 || !capsLabel(b[0].Text) {
		return false
	}
	for _, l := range b[1:] {
		if l.Indent == 0 {
			return false
		}
	}
	return true
}

// urlLine reports whether a line is a web address alone, which the line
// above introduces ("For more information on this issue consult" over
// it), never a section's text under that line as a heading.
func urlLine(line string) bool {
	t := strings.TrimSpace(line)
	return (strings.HasPrefix(t, "http://") || strings.HasPrefix(t, "https://")) && !strings.ContainsAny(t, " \t")
}

// deep reports whether plain-text line k is indented well past the
// document's prose (proseIndent), and not centred as a title is: a line of
// an example or a figure.
func (s *scanner) deep(k int) bool {
	return s.proseIndent >= 0 && s.lines[k].Indent >= s.proseIndent+deepIndent && !s.centered(k)
}

// introduced reports whether plain-text line k, a paragraph of its own,
// is what the paragraph above it announces: that one ends on a colon, or
// breaks off (three words or more) on a word leading into it, and line k
// reads as no title — it opens in lower case or on a sign ("… by run a
// command like" over "host jlsdajkdalld.com"; "… easy to get started
// with" over "Configuration" is a heading still). A command or an example
// so introduced is no heading.
func (s *scanner) introduced(k int) bool {
	p := s.textLine(k, -1)
	if p < 0 || p == k-1 {
		return false
	}
	t := strings.TrimSpace(s.lines[p].Text)
	if strings.HasSuffix(t, ":") {
		return true
	}
	f := strings.Fields(strings.ToLower(t))
	r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s.lines[k].Text))
	return len(f) >= 3 && leadInTail[f[len(f)-1]] && !unicode.IsUpper(r) && !unicode.IsDigit(r)
}

// leadInTail are the words a sentence breaks off on before the command or
// example it introduces on a line of its own ("… run a command like",
// "… start it with", "… for example").
var leadInTail = map[string]bool{"like": true, "as": true, "with": true, "run": true, "type": true, "enter": true,
	"try": true, "execute": true, "use": true, "using": true, "example": true, "e.g.": true, "follows": true, "following": true}

// iniSection reports whether plain-text line k is an INI file's section
// ("[server]", "[relay]" of sudo_logsrvd.conf) over its settings or their
// comments: a bracketed name alone at the left edge, the next line a
// comment or a setting. A reference manual's bracketed kind
// ("[Function]") is over prose.
func (s *scanner) iniSection(k int) bool {
	l := s.lines[k]
	if l.Indent != 0 || !iniName.MatchString(l.Text) {
		return false
	}
	next := s.textLine(k, 1)
	if next < 0 {
		return false
	}
	t := s.lines[next].Text
	return strings.HasPrefix(t, "#") || strings.HasPrefix(t, ";") || iniAssign.MatchString(t) || directive(t)
}

// iniName matches an INI section's line; iniAssign a setting given its
// value, with or without spaces around "=" ("listen_address = host:port",
// "NAME=value"; setting's forms too).
var (
	iniName   = regexp.MustCompile(`^\[[A-Za-z][\w. -]*\]$`)
	iniAssign = regexp.MustCompile(`^[A-Za-z_][\w.-]*\s*=\s*\S`)
)

// maxWrappedQuestion bounds the lines of an FAQ's numbered question
// wrapped over several lines.
const maxWrappedQuestion = 4

// wrappedQuestion reports whether a plain-text block is an FAQ's numbered
// question wrapped over lines, as its single-line questions are headings
// (IsNumberedQuestion): two to four lines, the first opening on a number,
// the others hanging under it, the last ending in "?", and none before it
// ending in "?" or ":" (a statement may lead the question: zlib's "… is
// under the GNU General Public License.").
func wrappedQuestion(b []Line) bool {
	if len(b) < 2 || len(b) > maxWrappedQuestion || !numberedQuestion.MatchString(b[0].Text) {
		return false
	}
	for i, l := range b {
		t := strings.TrimRight(l.Text, `"')]»”’`)
		if i > 0 && l.Indent <= b[0].Indent {
			return false
		}
		if i == len(b)-1 {
			return strings.HasSuffix(t, "?")
		}
		if strings.HasSuffix(t, "?") || strings.HasSuffix(t, ":") {
			return false
		}
	}
	return false
}

// shownLine reports whether plain-text line k, a block of its own, is what
// the text before it shows rather than a title: a setting given its value
// ("GRUB_CMDLINE_LINUX_DEFAULT="quiet"", not a term over its description,
// which a block of more lines is), or a line the paragraph before it
// announces ("… extend GRUB_CMDLINE_LINUX_DEFAULT like:").
func (s *scanner) shownLine(k int) bool {
	if setting.MatchString(s.lines[k].Text) || directive(s.lines[k].Text) {
		return true
	}
	p := s.textLine(k, -1)
	return p >= 0 && p < k-1 && strings.HasSuffix(strings.TrimSpace(s.lines[p].Text), ":") && len(strings.Fields(s.lines[p].Text)) >= 3
}

// directive reports whether a line is a configuration file's directive, a
// key over its values ("port 6379", "bind 127.0.0.1 -::1", "compress
// yes"), or one commented out ("! makestep 1.0 3", "#leapsecmode slew"):
// a lower-case key of code's characters, then at most five values, every
// one a value rather than a word (a figure, a path, an address, a switch
// of a directive of two words), or any values behind a comment's mark. A
// title in lower case ("building on windows", "upgrading from 1.x",
// "nginx configuration") holds words.
func directive(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" {
		return false
	}
	commented := strings.IndexByte("!#;", t[0]) >= 0
	f := strings.Fields(strings.TrimLeft(t, "!#; \t"))
	if len(f) < 2 || len(f) > 6 || !directiveKey.MatchString(f[0]) || strings.ContainsAny(t[len(t)-1:], ".:?!,") || strings.Contains(t, "//") {
		return false
	}
	if commented {
		return !text.IsEnglishWord(f[0]) || strings.ContainsAny(f[0], "_.") || len(f) == 2
	}
	for _, v := range f[1:] {
		if !strings.ContainsAny(v, "0123456789/=:") && !(len(f) == 2 && switchValues[strings.ToLower(v)]) {
			return false // a word: "building on windows"
		}
	}
	return true
}

// directiveKey matches a directive's key: lower case, of code's characters.
var directiveKey = regexp.MustCompile(`^[a-z][a-z0-9_.-]*$`)

// switchValues are the values that turn a directive on or off.
var switchValues = map[string]bool{"yes": true, "no": true, "on": true, "off": true, "true": true, "false": true}

// setting matches a setting given its value: "NAME=value", "name.sub =
// value".
var setting = regexp.MustCompile(`^\s*[A-Za-z_][\w.-]*=\S|^\s*[a-z][\w-]*[_.][\w.-]*\s=\s\S`)

// titleLevel is the level of a plain-text document's underlined title in
// its heading path: below any heading, so that the first closes it.
const titleLevel = 7

// lineStyle stands for a heading that is a line of its own among the
// styles of a plain-text document's headings.
const lineStyle = '\n'

// styleLevel returns the level of a plain-text heading of a style (an
// underline's character, or lineStyle): styles rank in the order the
// document first uses them, as reStructuredText's adornments do.
func (s *scanner) styleLevel(c byte) int {
	i := strings.IndexByte(s.underlines, c)
	if i < 0 {
		s.underlines += string(c)
		i = len(s.underlines) - 1
	}
	return 2 + i
}

// lineLevel returns the level of a plain-text heading that is a line of its
// own, not underlined: ranked with the underlines by first use, below
// those used before it (git's release notes: "Updates since v2.9" over
// "-----" heads "UI, Workflows & Features", which the next underlined
// "Fixes since v2.9" closes), above those used after it (a README's
// "INSTALLATION" heads "Debian packages" over "-----", and "USAGE" closes
// both).
func (s *scanner) lineLevel() int { return s.styleLevel(lineStyle) }

// definitionTerm reports whether block b opens on a term over its
// definition, indented more, the term quoted or code ("\"nocheck\"" over
// "   This tag says …", "DEFAULT_ARG_SIZE=<value>" over its meaning, as
// Sphinx writes a definition list as text), in a document whose sections
// are underlined: there such a term is no heading, which would close the
// underlined section it is in. A document without underlines titles its
// sections so ("NAME" over an indented body, a manual page's).
func (s *scanner) definitionTerm(b []Line) bool {
	if len(b) < 2 || b[1].Indent <= b[0].Indent || sectionNumber.MatchString(b[0].Text) {
		return false // a numbered section's title ("1.4. \"Covered Software\"") heads its text
	}
	if !strings.ContainsAny(b[0].Text, "\"'`_.=<>/[]()*") {
		return false // words ("Requirements" over its indented body) title a subsection
	}
	if s.underlined == 0 {
		s.underlined = -1
		n := 0
		for i := 0; i+1 < len(s.lines) && n < minUnderlined; i++ {
			l, u := s.lines[i], s.lines[i+1]
			if !l.Blank() && l.Indent == 0 && u.Indent == 0 && isUnderlined(l.Text, u.Text) {
				n++
			}
		}
		if n >= minUnderlined {
			s.underlined = 1
		}
	}
	return s.underlined > 0
}

// sectionNumber matches a line opening on a section's number, captured: "1.4. ",
// "2) ", "10 ".
var sectionNumber = regexp.MustCompile(`^(\d+(?:\.\d+)*)[.)]?\s`)

// minUnderlined is how many headings underlined at the left edge make a
// plain-text document one whose sections are underlined: a rule of dashes
// within an indented example does not.
const minUnderlined = 2

// minOutlineHeadings is how many star headings make a plain-text document
// an outline: one "* Note: read this first" does not.
const minOutlineHeadings = 2

// outlineBody reports whether plain-text line k is indented text of an
// outline: in a document titling its sections with stars at the left edge
// ("* INTRODUCTION" over "  GnuPG is …"), a line indented as its text is
// ("  You may run" over "    gpgconf --list-dirs") titles nothing, unless
// it stands centered, as a title page's lines do.
func (s *scanner) outlineBody(k int) bool {
	if s.lines[k].Indent == 0 {
		return false
	}
	if s.outline == 0 {
		s.outline = -1
		ls, stars := s.lines, 0
		for i := range ls {
			if (i == 0 || ls[i-1].Blank()) && (i+1 == len(ls) || ls[i+1].Blank()) {
				if _, ok := starHeading(ls, i, i+1, nil); ok {
					stars++
				}
			}
		}
		if stars >= minOutlineHeadings {
			s.outline = 1
		}
	}
	return s.outline > 0 && !s.centered(k)
}

// leaderList reports whether plain-text lines are a table of contents or
// a book's index: three or more, most of them an entry, a leader of dots,
// colons or spaced dots, and a page number ("asn1_der_coding ::::::: 17",
// "Installation . . . . . 5").
func leaderList(ls []Line) bool {
	if len(ls) < 3 {
		return false
	}
	n := 0
	for _, l := range ls {
		if leaderLine.MatchString(l.Text) {
			n++
		}
	}
	return 2*n > len(ls)
}

// leaderLine matches an entry of a table of contents or an index.
var leaderLine = regexp.MustCompile(`\S\s*(?:[.:·_]\s?){3,}\s*[0-9ivxlc]+(?:[-–,]\s*[0-9]+)*\s*$`)

// shownNotTitled reports whether plain-text line k, heading-like in its
// words, is shown rather than titled by its place: a shell prompt's command;
// an option's term ("-p port" over its description); columns (a name, then
// three spaces or more, then its description); or, unless it stands between
// rule lines as a banner's title, a line indented past the text before it
// (rule lines aside) that is announced by it (a lead-in ending in ":"), or
// is indented past the text after it too, or as far as a line after it that
// is not prose ("You can build it here:" over "    cd gdb-VERSION"); unless
// it is centered, as titles in plain text are ("Preamble" of the GPL). A
// heading is never indented further than the text on both sides of it.
func (s *scanner) shownNotTitled(k int) bool {
	ls := s.lines
	t := ls[k].Text
	prev, next := s.textLine(k, -1), s.textLine(k, 1)
	columns := strings.Contains(t, "   ") || strings.ContainsRune(t, '\t')
	if strings.HasPrefix(t, "$ ") || strings.HasPrefix(t, "% ") || strings.HasPrefix(t, "./") ||
		(columns && !(prev < 0 && isManHeader(t))) || isOptionTerm(t) {
		return true
	}
	if k > 0 && k+1 < len(ls) && isRule(ls[k-1].Text) && isRule(ls[k+1].Text) {
		return false // a banner's title, between rules
	}
	if next >= 0 && strings.TrimSpace(ls[next].Text) == "{" {
		return true // code: a class's or a function's head over its block ("class Test" over "{")
	}
	if rootPrompt.MatchString(t) && prev >= 0 && strings.HasSuffix(ls[prev].Text, ":") {
		return true // a root's prompt announced: "Then execute these commands (also as root):" over "# apt update"
	}
	ind := ls[k].Indent
	if prev < 0 || ind <= ls[prev].Indent {
		return false // the document's first line, or not indented past the text before
	}
	if strings.HasSuffix(ls[prev].Text, ":") {
		return true
	}
	if s.centered(k) {
		return false
	}
	switch {
	case next < 0 || ind > ls[next].Indent:
		return true
	case ind == ls[next].Indent:
		return !proseLike(ls[next].Text)
	}
	return false // text indented further below: an outline's heading
}

// rootPrompt matches a root's shell prompt and a command ("# apt update"),
// not a title ("# See Also").
var rootPrompt = regexp.MustCompile(`^# [a-z./]`)

// isOptionTerm reports whether a line starts with a command's option
// ("-p port", "--no-run-if-empty", "`--with-curses'"): the term of a
// manual's option list, which is the answer to a question about it and
// stays with its description rather than titling it.
func isOptionTerm(s string) bool {
	s = strings.TrimLeft(s, "`'\"‘“")
	t := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "-")
	if len(t) == len(s) || t == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLetter(r) || unicode.IsDigit(r) // not "-- Installation --" nor "---"
}

// optionTerms reports whether every line of paragraph b, of a few, is an
// option's term (isOptionTerm).
func (s *scanner) optionTerms(b Block) bool {
	if b.Last-b.First >= maxOptionTerms {
		return false
	}
	for i := b.First; i <= b.Last; i++ {
		if !isOptionTerm(s.lines[i].Text) {
			return false
		}
	}
	return true
}

// maxOptionTerms bounds the options a description is shared by.
const maxOptionTerms = 6

// isManHeader reports whether a line is a manual page's header, its
// title: "TAR(1)    GNU TAR Manual    TAR(1)", the page's name and section
// at both ends.
func isManHeader(s string) bool {
	f := strings.Fields(s)
	return len(f) >= 2 && f[0] == f[len(f)-1] && strings.HasSuffix(f[0], ")") && strings.Contains(f[0], "(")
}

// textLine returns the nearest line before (step -1) or after (step 1)
// line k that is neither blank nor a rule, or -1.
func (s *scanner) textLine(k, step int) int {
	for i := k + step; i >= 0 && i < len(s.lines); i += step {
		if l := s.lines[i]; !l.Blank() && !isRule(l.Text) {
			return i
		}
	}
	return -1
}

// centered reports whether line k stands in the middle of the page: as
// far from the right edge of the document's text as from the left.
func (s *scanner) centered(k int) bool {
	if s.width == 0 {
		s.width = 72
		for _, l := range s.lines {
			s.width = max(s.width, min(l.Indent+utf8.RuneCountInString(l.Text), 100))
		}
	}
	l := s.lines[k]
	right := s.width - l.Indent - utf8.RuneCountInString(l.Text)
	return l.Indent >= 8 && abs(l.Indent-right) <= max(4, s.width/8)
}

// proseLike reports whether a line reads as prose: five words or more,
// most of them words of letters.
func proseLike(s string) bool {
	f := strings.Fields(s)
	if len(f) < 5 {
		return false
	}
	words := 0
	for _, w := range f {
		if strings.TrimFunc(strings.TrimRight(w, ".,;:!?)\"'"), unicode.IsLetter) == "" {
			words++
		}
	}
	return 10*words >= 7*len(f)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// joinLeadIns joins a short paragraph ending in ':' to the block right
// below it, so the lead-in stays with what it introduces; and a short
// question (a FAQ's) to the paragraph that answers it. A joined block may
// lead on in turn, but leadsInto measures it whole: at most 300 characters
// of lead-ins, then the one block they lead to.
func (s *scanner) joinLeadIns() {
	bs := s.out.Blocks
	var out []Block
	for k := 0; k < len(bs); k++ {
		b := bs[k]
		// A joined paragraph may lead on in turn: a FAQ's question, then
		// "Here's why:", then the paragraph that says why.
		// A code block takes one paragraph that goes on after it, never
		// one that leads into what follows ("then run:").
		afterCode := false
		for k+1 < len(bs) && bs[k+1].Head < 0 && bs[k+1].Section == b.Section && s.blankBetween(b.Last, bs[k+1].First) &&
			(b.Kind == Paragraph && s.leadsInto(b, bs[k+1]) ||
				b.Kind == Code && !afterCode && s.goesOnAfterCode(bs[k+1]) && (k+2 >= len(bs) || !s.leadsInto(bs[k+1], bs[k+2]))) {
			afterCode = b.Kind == Code
			next := bs[k+1]
			units, kind := next.Units, next.Kind
			if len(units) > 0 && units[0] != b.First {
				units = append([]int{b.First}, units...)
			}
			if b.Kind == Code {
				// What is said after the code ends its last unit.
				units, kind = b.Units, b.Kind
			}
			b = Block{Kind: kind, First: b.First, Last: next.Last, Units: units, Section: b.Section, Head: b.Head}
			k++
		}
		out = append(out, b)
	}
	s.out.Blocks = out
}

// goesOnAfterCode reports whether paragraph next goes on with the sentence
// the code block above it broke ("For example, Electron exposes a module:"
// over the code, then "that would otherwise be unresolved. To avoid this,
// …"): it opens in lower case on a function word, is short, and announces
// nothing (no closing ':'). The code and what is said of it are one block.
func (s *scanner) goesOnAfterCode(next Block) bool {
	if next.Kind != Paragraph {
		return false
	}
	para := strings.TrimSpace(s.linesText(next.First, next.Last))
	first, _, _ := strings.Cut(para, " ")
	r, _ := utf8.DecodeRuneInString(first)
	return unicode.IsLower(r) && text.IsStopWord(strings.TrimRight(first, ",;:")) && utf8.RuneCountInString(para) <= 300 &&
		!strings.HasSuffix(para, ":")
}

// leadsInto reports whether paragraph b introduces next: a short lead-in
// ending in ':' before whatever it announces ("Here's an explanation:" and
// the paragraph that explains), one ending mid-sentence before a list,
// table or code block, or a short question before the paragraph or block
// that answers it (a FAQ's).
func (s *scanner) leadsInto(b, next Block) bool {
	last := strings.TrimSpace(s.lines[b.Last].Text)
	para := s.linesText(b.First, b.Last)
	n := utf8.RuneCountInString(para)
	switch {
	case strings.HasSuffix(last, ":"):
		return n <= 300
	case b.First == b.Last && isEntryLabel(last):
		// An entry's label over its text ("`startretries`" over "The
		// number of serial failure attempts …", a reference page's):
		// what the text is about, never cut from it.
		return true
	case !s.md && b.First == b.Last && isOptionTerm(last):
		// An option's term over its description, a blank line apart
		// ("-a" / "    Print all."): one option, never cut apart.
		return true
	case !s.md && s.optionTerms(b) && s.lines[next.First].Indent > s.lines[b.First].Indent:
		// Options given together over the description they share, more
		// indented ("--with-timeout=15" / "--with-passprompt=…" /
		// "\tAllow 15 minutes …"): one entry.
		return true
	case next.Kind != Paragraph && endsMidSentence(last):
		// "After all flags are defined, call" + the code: one sentence.
		return n <= 300
	case next.Kind != Paragraph && pointsBelow.MatchString(lastSentence(para)) && !strings.Contains(strings.ToLower(lastSentence(para)), "section"):
		// "… include the items listed below." + the list.
		return n <= 300
	case strings.HasSuffix(last, "?"):
		// A question, not an answer that ends in one ("Because of B.
		// Did you try restarting it?").
		return n <= 200 && len(text.Sentences(para)) == 1
	}
	return false
}

func isEntryLabel(line string) bool {
	_, ok := text.EntryLabel(line)
	return ok
}

// pointsBelow matches a sentence that ends speaking of the block below
// it ("… include the items listed below.", "… as follows."), not one that
// says "below" in passing ("versions below 3.8") or points to another
// section ("see the Configuration section below").
var pointsBelow = regexp.MustCompile(`(?i)\b((listed|shown|given|described|are|is|as) below|as follows|the following(\s+\w+){0,2})\s*[.:]?\s*$`)

// lastSentence is the last sentence of a paragraph's text.
func lastSentence(para string) string {
	ss := text.Sentences(para)
	if len(ss) == 0 {
		return para
	}
	return para[ss[len(ss)-1].Start:ss[len(ss)-1].End]
}

// endsMidSentence reports whether a line stops in the middle of a
// sentence: its last word is a plain word ("…, call", "Install by
// running"), not a URL, a code span, a parenthesis or a sentence's end.
func endsMidSentence(line string) bool {
	f := strings.Fields(line)
	if len(f) == 0 {
		return false
	}
	for _, r := range f[len(f)-1] {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func (s *scanner) linesText(first, last int) string {
	var parts []string
	for _, l := range s.lines[first : last+1] {
		parts = append(parts, l.Text)
	}
	return strings.Join(parts, " ")
}

// blankBetween reports whether every line strictly between a and b is blank.
func (s *scanner) blankBetween(a, b int) bool { return BlankBetween(s.lines, a, b) }

// BlankBetween reports whether the lines strictly between lines a and b of
// ls are all blank.
func BlankBetween(ls []Line, a, b int) bool {
	for _, l := range ls[a+1 : b] {
		if !l.Blank() {
			return false
		}
	}
	return true
}

func nonBlank(ls []Line, first, last int) []int {
	var out []int
	for k := first; k <= last; k++ {
		if !ls[k].Blank() {
			out = append(out, k)
		}
	}
	return out
}

// startsBlock reports whether the Markdown line at j starts a block that
// ends a paragraph or list above it.
func startsBlock(ls []Line, j int) bool {
	l := ls[j]
	if l.Indent >= 4 {
		return false
	}
	return isATX(l.Text) || text.IsFenceLine(l.Text) || isThematicBreak(l.Text) || isTableStart(ls, j)
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
// least two '=', '-', '~' or '*'.
func isUnderline(s string) bool {
	if len(s) < 2 {
		return false
	}
	return strings.Trim(s, string(s[0])) == "" && strings.ContainsRune("=-~*", rune(s[0]))
}

// isUnderlined reports whether a plain-text line is a heading underlined
// by the line below it: at least half its length, and all of it when the
// underline is shorter than three ("jq" over "=="); or, "=" being no
// punctuation prose ends a line with, any run of two or more of them under
// a line that reads as a heading ("Security" over "==", as Markdown reads
// it too). A command at a shell's prompt ("$ git revert HEAD" over a
// listing's "-----") heads nothing.
func isUnderlined(line, below string) bool {
	n := utf8.RuneCountInString(line)
	if !isUnderline(below) || isRule(line) || n > 120 || isListItem(line) || strings.Contains(line, "://") || text.IsPromptLine(line) {
		return false
	}
	if below[0] == '=' && isHeadingLike(line) {
		return true
	}
	if first, _ := utf8.DecodeRuneInString(strings.TrimSpace(line)); unicode.IsLower(first) && strings.HasSuffix(strings.TrimSpace(line), ".") {
		return false // a sentence's end over a frame's closing rule: " in the file LICENSE." over " ------"
	}
	if len(below) < 3 && len(below) < n {
		return false
	}
	return 2*len(below) >= n
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

// IsListItem reports whether a line (without its indentation) opens a list
// item: "- ", "* ", "+ ", "• ", "1. " or "1) ".
func IsListItem(s string) bool { return isListItem(s) }

// isListItem recognises a list item: "- ", "* ", "+ ", "• ", "1. " or "1) ".
func isListItem(s string) bool {
	for _, m := range []string{"- ", "* ", "+ ", "• "} {
		if strings.HasPrefix(s, m) {
			return true
		}
	}
	d := 0
	for d < len(s) && d < text.MaxMarkerDigits+1 && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	return d > 0 && d <= text.MaxMarkerDigits && d+1 < len(s) && (s[d] == '.' || s[d] == ')') && (s[d+1] == ' ' || s[d+1] == '\t')
}

// interruptsParagraph reports whether a list item may start right below a
// paragraph line: a bullet, or a numbered item starting at 1.
func interruptsParagraph(s string) bool {
	return !(s[0] >= '0' && s[0] <= '9') || strings.HasPrefix(s, "1.") || strings.HasPrefix(s, "1)")
}

// isTableStart reports whether line i starts a table: a row with '|'
// followed by a delimiter row such as "|---|:--:|".
func isTableStart(ls []Line, i int) bool {
	return i+1 < len(ls) && strings.Contains(ls[i].Text, "|") && text.IsTableDelimiter(ls[i+1].Text)
}

// isDecoration reports whether lines hold nothing to read: badge rows,
// images, HTML tags without text, link reference definitions ("[#9]:
// https://…", the targets of links written elsewhere).
//
// The lines are read joined, so a badge whose text wraps ("[![Goose" over
// "CI](…badge.svg)](…)") is one badge, not a line of words.
func isDecoration(ls []Line) bool {
	var joined []string
	for _, l := range ls {
		if linkDefinition.MatchString(l.Text) || text.IsAlertMarker(l.Text) {
			continue
		}
		joined = append(joined, strings.TrimSpace(l.Text))
	}
	return !hasWordChar(cleanInline(strings.Join(joined, " "), false))
}

// anchorsOnly reports whether lines are empty HTML anchors ('<a
// id="lts-schedule"></a>' under "### Schedule"), which show nothing and
// leave the heading above them over the block below them.
func anchorsOnly(ls []Line) bool {
	for _, l := range ls {
		if !emptyAnchor.MatchString(l.Text) {
			return false
		}
	}
	return true
}

// emptyAnchor matches an HTML anchor with no text: '<a id="x"></a>',
// '<a name="x"/>'.
var emptyAnchor = regexp.MustCompile(`^\s*<a\s+(?:id|name)=["']?[^"'>]*["']?\s*(?:/>|>\s*</a>)\s*$`)

// linkDefinition matches a Markdown link reference definition: a label,
// a colon, a destination and an optional title.
var linkDefinition = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s*\S+(\s+("[^"]*"|'[^']*'|\([^)]*\)))?\s*$`)

func hasWordChar(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

// numberedStep reports whether line k, indented in a text whose headings
// are not, is a step of a numbered list, not a heading: "   1. Add the
// following lines to ~/.bashrc" over its code in an FAQ's answer, with
// "   2. …" at the same indent next, or "   1. …" before.
func (s *scanner) numberedStep(k int) bool {
	n, ok := itemNumber(s.lines[k].Text)
	if !ok {
		return false
	}
	for j := max(0, k-maxStepGap); j < min(len(s.lines), k+maxStepGap+1); j++ {
		l := s.lines[j]
		if j == k || l.Blank() || l.Indent != s.lines[k].Indent {
			continue
		}
		if p, ok := itemNumber(l.Text); ok && (p == n+1 && j > k || p == n-1 && j < k) {
			return true
		}
	}
	return false
}

// itemNumber returns the number of a numbered list item (isListItem: "2.
// Add …", "3) Run …"), and whether the line is one.
func itemNumber(line string) (int, bool) {
	if !isListItem(line) || line[0] < '0' || line[0] > '9' {
		return 0, false
	}
	n, err := strconv.Atoi(line[:strings.IndexAny(line, ".)")])
	return n, err == nil
}

// maxStepGap is how many lines apart two steps of a numbered list may be
// (a step's code between them).
const maxStepGap = 12
