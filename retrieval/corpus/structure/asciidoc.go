package structure

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citebot/citebot/retrieval/text"
)

// adocHeading matches an AsciiDoc section title: one to six "=" (or, as
// Asciidoctor also reads them, "#"), a space, then its title, which may
// end with its markers again ("== Install ==").
var adocHeading = regexp.MustCompile(`^(={1,6}|#{1,6})[ \t]+(\S.*?)(?:[ \t]+=+)?$`)

// adocAttributeEntry matches an attribute entry (":toc: left",
// ":!hardbreaks-option:"), which sets a document attribute and shows
// nothing; adocBlockAttributes a block attribute line ("[source,ruby]",
// "[%hardbreaks]", "[[anchor]]", "[#id.role]"), which sets the style of the
// block below it; adocBlockTitle a block title (".Table Attributes").
var (
	adocAttributeEntry  = regexp.MustCompile(`^:!?\w[\w-]*!?:(?:[ \t].*)?$`)
	adocBlockAttributes = regexp.MustCompile(`^\[(?:|[\w.#%{,"'\[].*)\]$`)
	adocBlockTitle      = regexp.MustCompile(`^\.([^ \t.].*)$`)
)

// adocMacro matches a block macro or a preprocessor directive on a line of
// its own ("image::screenshot.png[…]", "include::basics.adoc[]",
// "toc::[]", "ifdef::env-github[]"): what it shows is not in the document.
var adocMacro = regexp.MustCompile(`^[A-Za-z][\w-]*::\S*\[.*\]$`)

// adocAdmonitions are the styles of an admonition block ("[NOTE]" over an
// "====" block), which renders as its label over its text.
var adocAdmonitions = map[string]bool{"note": true, "tip": true, "important": true, "warning": true, "caution": true}

// ScanAsciiDoc reads an AsciiDoc document (Asciidoctor's pages, a
// project's README.adoc) as Asciidoctor renders it, and finds its blocks
// as in a Markdown document:
//   - the level-0 title ("= Title") is the document's title, a heading
//     "# Title", and a section's "=" are its level below the title ("==
//     Install" is "## Install"), Markdown's "#" headings likewise;
//   - attribute entries (":toc: left", and the lines after one ending in
//     " \"), comments ("// …" and "////" blocks), block attribute lines
//     ("[source,ruby]", "[[anchor]]"), block macros and preprocessor
//     directives ("image::…[]", "include::…[]"), passthrough blocks
//     ("++++", raw HTML), breaks (three apostrophes, "<<<"), list
//     continuations ("+") and the lines delimiting a block show nothing;
//   - a block title (".Table Attributes") is its text and a ":" over its
//     block, no heading; a "[NOTE]" (TIP, IMPORTANT, WARNING, CAUTION)
//     style is its label, "Note:", over the block's text; a "NOTE: …"
//     paragraph is as written;
//   - listing ("----") and literal ("....") blocks, "```" fences, indented
//     (literal) paragraphs and paragraphs styled "[source]", "[listing]"
//     or "[literal]" are code; example, sidebar, quote and open blocks
//     ("====", "****", "____", "--") show their content as text;
//   - a table ("|===" to "|===") is a Markdown table when it has a header
//     row and each of its rows is written on lines of its own, cells
//     written "| a | b"; else its lines show as written, as text;
//   - lists, description lists ("term:: description") and the rest are
//     text as written, inline markup and all.
//
// A block whose delimiter is not repeated is no block: its lines are text.
// Text Markdown would take for a heading, a fence or a break ("# …" within
// a paragraph, a "----" that opens nothing) shows after a "\". Doc.Text has
// a line for every line of doc that shows something (and a fence around a
// paragraph of code, the delimiter row of a table), Origins mapping each
// to its line of doc (a table's row to the lines it is written on).
func ScanAsciiDoc(doc string) Doc {
	a := &adocReader{src: strings.Split(doc, "\n")}
	for i, l := range a.src {
		a.src[i] = strings.TrimRight(l, " \t\r")
	}
	a.same, a.fence = make([]int, len(a.src)), make([]int, len(a.src))
	seen, fence := map[string]int{}, -1
	for i := len(a.src) - 1; i >= 0; i-- {
		a.same[i], a.fence[i] = -1, fence
		if j, ok := seen[a.src[i]]; ok {
			a.same[i] = j
		}
		seen[a.src[i]] = i
		if a.src[i] == "```" {
			fence = i
		}
	}
	a.read(0, len(a.src), 0)
	return a.rl.doc()
}

// adocReader renders the lines of an AsciiDoc document.
type adocReader struct {
	src   []string // the document's lines, without their trailing spaces
	same  []int    // the next line written as each one, -1 for none
	fence []int    // the next "```" line after each one, -1 for none
	rl    renderedLines
	para  bool      // the last line read is a paragraph's: a title or heading below it is text
	lead  bool      // the last line shown is a block's title or label
	attrs adocAttrs // what block attribute lines give the next block
}

// adocAttrs is what the block attribute lines above a block give it.
type adocAttrs struct {
	style string // the first positional attribute: "source", "note", "" for none
	lang  string // a source block's language ("ruby" of "[source,ruby]")
	list  string // the lines' attributes, joined by ","
}

// adocLine is the Origin of line i.
func adocLine(i int) Origin { return Origin{First: i + 1, Last: i + 1} }

// show adds line l, shown from line i: a block's title or label if lead.
func (a *adocReader) show(l string, i int, lead bool) {
	a.rl.add(l, adocLine(i))
	a.lead = lead
}

// blank ends the block above line i, which shows nothing.
func (a *adocReader) blank(i int) {
	a.show("", i, false)
	a.para = false
}

// text shows t, a line of text at line i, after a "\" when Markdown would
// read it otherwise: as a heading, a fence, a break or a setext underline.
func (a *adocReader) text(t string, i int) {
	n := len(a.rl.lines)
	under := n > 0 && a.rl.lines[n-1] != "" && isSetextUnderline(t)
	if isATX(t) || text.IsFenceLine(t) || isThematicBreak(t) || under {
		t = `\` + t
	}
	a.show(t, i, false)
}

// read renders the lines from up to end, within a block at depth (0 at
// the top level, where sections are).
func (a *adocReader) read(from, end, depth int) {
	for i := from; i < end; i++ {
		line := a.src[i]
		t := strings.TrimLeft(line, " \t")
		switch {
		case t == "":
			a.blank(i)
			continue
		case strings.HasPrefix(line, "//") && !strings.HasPrefix(line, "///"):
			continue // a comment, even within a paragraph
		case adocMacro.MatchString(line), adocAttributeEntry.MatchString(line):
			// An attribute's value goes on over lines ending in " \".
			for strings.HasSuffix(a.src[i], ` \`) && i+1 < end {
				i++
			}
			continue
		case adocBlockAttributes.MatchString(line):
			a.attributes(line[1:len(line)-1], i)
			continue
		case t == "+":
			a.para = false // a list continuation: the block below is the item's
			continue
		}
		if level := a.twoLineTitle(i, end); level > 0 && depth == 0 && !a.para {
			// A title over its underline, the older form ("Install" over
			// "-------"): the underline shows nothing.
			a.show(strings.Repeat("#", level)+" "+strings.TrimSpace(line), i, false)
			a.attrs = adocAttrs{}
			i++
			continue
		}
		if close := a.delimited(i, end); close >= 0 {
			a.attrs, a.para = adocAttrs{}, false
			i = close
			continue
		}
		if a.para {
			a.text(t, i)
			continue
		}
		attrs := a.attrs
		a.attrs = adocAttrs{}
		m := adocHeading.FindStringSubmatch(line)
		switch style := attrs.style; {
		case m != nil && depth == 0:
			a.show(strings.Repeat("#", len(m[1]))+" "+m[2], i, false)
		case adocBlockTitle.MatchString(line):
			title := line[1:]
			if !strings.HasSuffix(title, ":") {
				title += ":"
			}
			a.show(title, i, true)
			a.attrs = attrs // they are the block's below it
		case adocBreak(t):
		case line != t || style == "source" || style == "listing" || style == "literal":
			i = a.codeParagraph(i, end, line != t, attrs.lang)
		case style == "comment" || style == "pass":
			for i+1 < end && strings.TrimSpace(a.src[i+1]) != "" {
				i++
			}
		default:
			a.text(t, i)
			a.para = true
		}
	}
}

// twoLineTitle returns the level ("=" 1, the document's title, down to
// "+" 5) of a section title written over an underline of one character as
// long as the title, give or take two ("Install" over "-------"), at line
// i, after a blank line or none, starting with a letter or a digit; 0
// when there is none.
func (a *adocReader) twoLineTitle(i, end int) int {
	if i+1 >= end {
		return 0
	}
	title, under := a.src[i], a.src[i+1]
	if i > 0 && strings.TrimSpace(a.src[i-1]) != "" || title == "" || len(under) < 2 || strings.Trim(under, under[:1]) != "" {
		return 0 // not at a block's start, or no underline
	}
	if r, _ := utf8.DecodeRuneInString(title); !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return 0 // a cell, a list item, an attribute, a block title
	}
	level := strings.IndexByte("=-~^+", under[0]) + 1
	n := utf8.RuneCountInString(title)
	if level == 0 || len(under) < n-2 || len(under) > n+2 || !strings.ContainsFunc(title, unicode.IsLetter) {
		return 0
	}
	return level
}

// adocBreak reports whether a line (trimmed) is a thematic break (three
// apostrophes, "---", "* * *") or a page break ("<<<"), which show nothing.
func adocBreak(t string) bool {
	switch strings.ReplaceAll(t, " ", "") {
	case "'''", "---", "***", "___", "<<<":
		return true
	}
	return false
}

// attributes reads the block attribute line i, list its brackets'
// content: its style (the first positional attribute, "source" of
// "[source,ruby]"), an admonition's shown as its label.
func (a *adocReader) attributes(list string, i int) {
	a.para = false
	if strings.HasPrefix(list, "[") {
		return // an anchor ("[[install]]")
	}
	pos := strings.Split(list, ",")
	style := pos[0]
	if k := strings.IndexAny(style, "#.%"); k >= 0 {
		style = style[:k]
	}
	style = strings.ToLower(strings.TrimSpace(style))
	if strings.Contains(style, "=") {
		style = "" // a named attribute ("cols=…")
	}
	if style != "" {
		a.attrs.style = style
	}
	if lang := ""; len(pos) > 1 && (style == "source" || style == "") {
		if lang = strings.TrimSpace(pos[1]); lang != "" && !strings.ContainsAny(lang, `= "'`) {
			a.attrs.lang = lang
		}
	}
	a.attrs.list += "," + list
	if adocAdmonitions[style] {
		a.show(rstAdmonition[style]+":", i, true)
	}
}

// codeParagraph shows the paragraph at line i, up to a blank line or end,
// as code in lang: an indented (literal) paragraph without the indentation
// its lines share. It returns the paragraph's last line.
func (a *adocReader) codeParagraph(i, end int, indented bool, lang string) int {
	last := i
	for last+1 < end && strings.TrimSpace(a.src[last+1]) != "" {
		last++
	}
	cut := 0
	if indented {
		cut = len(a.src[i])
		for _, l := range a.src[i : last+1] {
			cut = min(cut, len(l)-len(strings.TrimLeft(l, " \t")))
		}
	}
	f := adocFence(a.src[i : last+1])
	a.show(f+lang, i, false)
	for j := i; j <= last; j++ {
		a.rl.keep(a.src[j][cut:], adocLine(j))
	}
	a.show(f, last, false)
	a.para = false
	return last
}

// adocFence returns a code fence longer than any run of backquotes opening
// a line of code ("````" for most).
func adocFence(code []string) string {
	n := 3
	for _, l := range code {
		t := strings.TrimLeft(l, " \t")
		n = max(n, len(t)-len(strings.TrimLeft(t, "`")))
	}
	return strings.Repeat("`", n+1)
}

// delimited renders the delimited block line i opens, within a block
// ending at end, and returns its closing line; -1 when line i opens no
// block (or one not closed before end, whose lines are text).
func (a *adocReader) delimited(i, end int) int {
	line := a.src[i]
	close := a.closing(i, end)
	if close < 0 {
		return -1
	}
	style := a.attrs.style
	code := style == "source" || style == "listing" || style == "literal"
	switch c := line[0]; {
	case style == "comment" || c == '/' || c == '+' && !adocMath(style) || line == "--" && style == "pass":
		// a comment, or a passthrough's raw HTML: nothing shows
	case c == '-' && line != "--" || c == '.' || c == '`' || line == "--" && code:
		lang := a.attrs.lang
		if c == '`' {
			lang = strings.TrimSpace(line[3:])
		}
		f := adocFence(a.src[i+1 : close])
		a.show(f+lang, i, false)
		for j := i + 1; j < close; j++ {
			a.rl.keep(a.src[j], adocLine(j))
		}
		a.show(f, close, false)
	case c == '|' || c == '!' || c == ',' || c == ':':
		a.blank(i)
		a.table(i, close)
		a.blank(close)
	case c == '+':
		// a formula ("[stem]"): its text
		for j := i + 1; j < close; j++ {
			if t := strings.TrimSpace(a.src[j]); t != "" {
				a.text(t, j)
			} else {
				a.blank(j)
			}
		}
		a.blank(close)
	default:
		// an example, a sidebar, a quote or an open block: its text
		if !a.lead {
			a.blank(i)
		}
		a.attrs, a.para = adocAttrs{}, false
		a.read(i+1, close, 1)
		a.blank(close)
	}
	return close
}

// adocMath reports whether a passthrough block's style makes it a formula.
func adocMath(style string) bool {
	return style == "stem" || style == "latexmath" || style == "asciimath"
}

// closing returns the line closing the delimited block line i opens,
// before end: the next line written as line i ("```" for a "```" fence),
// past the blocks of verbatim lines within a block of text; -1 when line
// i opens no block, or one not closed before end.
func (a *adocReader) closing(i, end int) int {
	line := a.src[i]
	switch {
	case strings.HasPrefix(line, "```"):
		if j := a.fence[i]; j >= 0 && j < end && !strings.Contains(line[3:], "`") {
			return j
		}
		return -1
	case len(line) >= 4 && strings.Contains("|!,:", line[:1]) && strings.Trim(line[1:], "=") == "":
		// a table
	case line == "--" || len(line) >= 4 && strings.Contains("-.=*_+/", line[:1]) && strings.Trim(line, line[:1]) == "":
	default:
		return -1
	}
	j := a.same[i]
	if adocVerbatim(line) {
		// The first line written as the opening one closes them.
	} else {
		for k := i + 1; j >= 0 && j < end && k < j; k++ {
			if !adocVerbatim(a.src[k]) {
				continue
			}
			if c := a.closing(k, end); c >= 0 {
				for j >= 0 && j <= c {
					j = a.same[j] // line j is one of the verbatim block's
				}
				k = c
			}
		}
	}
	if j < 0 || j >= end {
		return -1
	}
	return j
}

// adocVerbatim reports whether a line may open a block of lines read as
// written (code, a comment, a passthrough, a table), in which no other
// block opens or closes.
func adocVerbatim(line string) bool {
	return line != "" && line != "--" && strings.Contains("-./+|!,:`", line[:1])
}

// adocCols matches a table's "cols" attribute: its value.
var adocCols = regexp.MustCompile(`\bcols=(?:"([^"]*)"|'([^']*)'|([^,]*))`)

// table shows the table between the delimiter lines i and end: a Markdown
// table when it has a header row (the first line alone over a blank line,
// or the "header" option) and each row is written on lines of its own,
// every cell opening with a "|" after a space ("| a | b", no "2+|" spans,
// no "a|" styles); else each line as written.
func (a *adocReader) table(i, end int) {
	if a.markdownTable(i, end) {
		return
	}
	for j := i + 1; j < end; j++ {
		if t := strings.TrimLeft(a.src[j], " \t"); t != "" {
			a.text(t, j)
		} else {
			a.blank(j)
		}
	}
}

// markdownTable shows the table between lines i and end as a Markdown
// table, each row a line mapped to the lines it is written on, and
// reports whether it could.
func (a *adocReader) markdownTable(i, end int) bool {
	if a.src[i][0] != '|' {
		return false // comma- or colon-separated values, a nested table
	}
	cols, ok := adocColumns(a.attrs.list)
	if !ok {
		return false
	}
	type row struct{ first, last int }
	var rows []row
	cells, first := 0, -1
	for j := i + 1; j < end; j++ {
		l := a.src[j]
		if l == "" {
			continue
		}
		n := 0
		for k := 0; k < len(l); k++ {
			if l[k] != '|' || k > 0 && l[k-1] == '\\' {
				continue
			}
			if k > 0 && l[k-1] != ' ' && l[k-1] != '\t' {
				return false // a cell's spec ("2+|", "a|"), or cells written close
			}
			n++
		}
		if l[0] != '|' {
			return false // a cell written over lines
		}
		if cols == 0 {
			cols = n
		}
		if cells == 0 {
			first = j
		}
		if cells += n; cells > cols {
			return false // a row ending within a line
		}
		if cells == cols {
			rows, cells = append(rows, row{first, j}), 0
		}
	}
	opts := strings.ToLower(a.attrs.list)
	header := strings.Contains(opts, "%header") || strings.Contains(opts, "options=") && strings.Contains(opts, "header")
	if !header && len(rows) > 0 && rows[0].first == rows[0].last && a.src[rows[0].first+1] == "" {
		header = true // the first line alone, over a blank line
	}
	if cells != 0 || len(rows) < 2 || !header || strings.Contains(opts, "noheader") {
		return false
	}
	for k, r := range rows {
		o := Origin{First: r.first + 1, Last: r.last + 1}
		a.rl.add(strings.Join(a.src[r.first:r.last+1], " "), o)
		if k == 0 {
			a.rl.add("|"+strings.Repeat("---|", cols), o)
		}
	}
	a.lead = false
	return true
}

// adocColumns returns the number of columns a table's "cols" attribute
// gives it ("1,2" and "2*" two, a lone "3" three), 0 when it has none,
// and false for one it cannot count.
func adocColumns(attrs string) (int, bool) {
	m := adocCols.FindStringSubmatch(attrs)
	if m == nil {
		return 0, true
	}
	count := func(s string) (int, bool) {
		n := 0
		for _, c := range strings.TrimSpace(s) {
			if c < '0' || c > '9' || n > 100 {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, n > 0
	}
	spec := strings.ReplaceAll(m[1]+m[2]+m[3], " ", "")
	if n, ok := count(spec); ok {
		return n, true // the old way: the number of columns alone
	}
	cols := 0
	for _, s := range strings.FieldsFunc(spec, func(r rune) bool { return r == ',' || r == ';' }) {
		n := 1
		if k := strings.IndexByte(s, '*'); k >= 0 {
			var ok bool
			if n, ok = count(s[:k]); !ok {
				return 0, false
			}
		}
		cols += n
	}
	return cols, true
}
