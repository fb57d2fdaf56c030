package structure

import (
	"encoding/csv"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ScanRST reads a reStructuredText document (a Sphinx or docutils page) as
// a reader sees it rendered, and finds its blocks as in Markdown. Doc.Text
// has a line for every line of doc that shows something, Origins mapping
// each to its line of doc (a blank line stands for every blank line and
// line that shows nothing between two that do):
//   - a title over (and under) a line of one repeated punctuation
//     character is a heading, its level that of its adornment style in the
//     order styles first appear; the adornment lines are blank;
//   - the markup around text is what it renders as: a role's text
//     (:ref:`pip install <pip install>` is "pip install", :pep:`440` is
//     "PEP 440"), “code“ is `code`, a link `text <url>`_ is [text](url);
//     "Example::" ends with one ":" and the block below it is code;
//   - directives read as their output: a code block (code-block, code,
//     sourcecode, code-tab, doctest) is code; an admonition is its label
//     over its text ("Note:", "Warning:", "See also:"); versionadded,
//     versionchanged and deprecated say "New in version 1.2:", …; a tab is
//     its label over its content; an object description (option, envvar,
//     function, …) is its signature over its text; toctree, index, image,
//     include, raw, meta and directives without content give nothing;
//   - comments, labels (.. _name:), hyperlink targets and substitution
//     definitions give nothing; simple tables are Markdown tables.
//
// Each heading's Origin carries the anchor a Sphinx page gives it: the
// label right above it, else its title made an id.
func ScanRST(doc string) Doc {
	src := strings.Split(doc, "\n")
	r := &rstReader{src: src, out: make([]string, len(src)), anchors: make([]string, len(src))}
	r.substitutions()
	r.read()
	// Lines that show nothing (adornments, directives, comments) are left
	// out, and the blank lines around them made one.
	var rl renderedLines
	anchor := ""
	for i, l := range r.out {
		if r.anchors[i] != "" {
			anchor = r.anchors[i]
		}
		rl.add(l, Origin{First: i + 1, Last: i + 1, Anchor: anchor, Heading: r.heading(i)})
	}
	d := rl.doc()
	d.frontTitle = r.docTitle
	return d
}

// renderedLines gathers the lines a page shows, each with where in the
// page it comes from.
type renderedLines struct {
	lines   []string
	origins []Origin
}

// add appends line l, shown from o; a blank line shows only between
// lines that show something (a run of them is one).
func (r *renderedLines) add(l string, o Origin) {
	if strings.TrimSpace(l) == "" {
		if len(r.lines) == 0 || r.lines[len(r.lines)-1] == "" {
			return
		}
		l = ""
	}
	r.keep(l, o)
}

// keep appends line l, shown from o, as it is (a line of code).
func (r *renderedLines) keep(l string, o Origin) {
	r.lines = append(r.lines, l)
	r.origins = append(r.origins, o)
}

// doc scans the lines gathered (see renderedDoc).
func (r *renderedLines) doc() Doc { return renderedDoc(r.lines, r.origins) }

// renderedDoc scans the rendered lines of a page as Markdown, each mapped
// to the line of the page it shows by origins; blank lines at the end are
// left out, and a page showing nothing is one blank line (as "" is).
func renderedDoc(lines []string, origins []Origin) Doc {
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines, origins = lines[:len(lines)-1], origins[:len(origins)-1]
	}
	if len(lines) == 0 {
		lines, origins = []string{""}, []Origin{{First: 1, Last: 1}}
	}
	d := Scan(strings.Join(lines, "\n"), true)
	d.Origins = origins
	return d
}

// rstReader writes the rendered line of every source line.
type rstReader struct {
	src     []string
	out     []string
	anchors []string // the anchor starting at a heading line, "" elsewhere
	styles  []string // adornment styles in the order first seen ("=" or "=/=" with an overline)
	label   string   // a label waiting for the heading below it
	// docTitle is the page's ":title:" field, "" for none.
	docTitle string
	// subst holds the page's substitutions: "|version|" → "23.0" (a
	// replace:: definition), "" (an image).
	subst map[string]string
	level int // 0-based level of the last section title
}

func (r *rstReader) heading(i int) bool {
	return strings.HasPrefix(r.out[i], "#") && r.anchors[i] != ""
}

// frame is a directive or literal block whose content is being read.
type frame struct {
	indent int  // columns of the line that opened it; content is indented further
	body   int  // columns of its content's first line, -1 until seen
	code   bool // content is code, written as Markdown indented code
	drop   bool // content gives nothing
	csv    bool // content is rows of comma-separated cells, each written as an item
	opts   bool // a directive's: option lines (":linenos:") may open its content
	label  int  // index of the line its label was written on, -1 for none
	wrote  bool // a line of its content was written
	shift  int  // columns taken off its content (prose is written at most 3 in)
}

func (r *rstReader) read() {
	var stack []frame
	docinfo := true // fields at the top (":orphan:", ":tocdepth: 2") are the page's settings
	field := false  // a page field was read (its value may go on indented)
	for i := 0; i < len(r.src); i++ {
		raw := strings.TrimRight(r.src[i], " \t\r")
		t := strings.TrimLeft(raw, " \t")
		ind := columns(raw)
		if t == "" {
			field = false
		}
		if docinfo && t != "" {
			if m := rstDocField.FindStringSubmatch(t); ind == 0 && m != nil {
				if strings.EqualFold(m[1], "title") {
					r.docTitle = strings.TrimSpace(m[2])
				}
				field = true
				continue
			}
			if field && ind > 0 {
				continue // a field's value going on over an indented line
			}
			docinfo = false
		}
		if t != "" {
			for len(stack) > 0 && ind <= stack[len(stack)-1].indent {
				stack = r.pop(stack)
			}
		}
		var top *frame
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
			if t != "" && top.body < 0 {
				if top.opts && rstOption.MatchString(t) {
					continue // a directive's option, shown nowhere
				}
				top.body = ind
			}
		}
		switch {
		case t == "":
			if top != nil {
				top.opts = false // options follow the directive's line, no blank line between
			}
			continue
		case top != nil && top.drop:
			continue
		case top != nil && top.code:
			r.write(stack, i, "    "+dropColumns(raw, top.body))
			continue
		case top != nil && top.csv:
			cr := csv.NewReader(strings.NewReader(t))
			cr.TrimLeadingSpace, cr.LazyQuotes = true, true
			if cells, err := cr.Read(); err == nil {
				for k := range cells {
					cells[k] = r.inline(strings.TrimSpace(cells[k]))
				}
				r.write(stack, i, "- "+strings.Join(slices.DeleteFunc(cells, func(c string) bool { return c == "" }), " — "))
			}
			continue
		}
		shift := 0
		for _, f := range stack {
			shift += f.shift
		}
		if f, ok := r.explicit(i, t, ind); ok {
			if r.out[i] != "" {
				r.write(stack, i, r.out[i])
			}
			if f.indent >= 0 {
				if !f.code && !f.drop {
					f.shift = r.bodyShift(i, ind)
				}
				stack = append(stack, f)
			}
			continue
		}
		if n := r.title(i, ind); n > 0 {
			i += n - 1
			continue
		}
		r.label = "" // a label names the heading right below it alone
		if _, n := adornment(t); n > 0 && ind == 0 && t != "::" {
			// A transition, or an adornment of no title: nothing to
			// read, and no Markdown fence or underline either.
			continue
		}
		if n := r.simpleTable(i); n > 0 {
			for k := range stack {
				stack[k].wrote = true
			}
			i += n - 1
			continue
		}
		// A role or link may run on to the next lines of its paragraph.
		n := 1
		for joined := t; openMarkup(joined) && n < 4 && i+n < len(r.src); n++ {
			next := strings.TrimSpace(r.src[i+n])
			if next == "" || strings.HasPrefix(next, "..") {
				break
			}
			joined += "\n" + next
			t = joined
		}
		if openMarkup(t) {
			n, t = 1, strings.TrimLeft(raw, " \t")
		}
		parts := strings.Split(r.inline(t), "\n")
		for k, line := range parts {
			at := i + k
			if k > 0 {
				line = strings.TrimLeft(line, " ")
			}
			ind := columns(strings.TrimRight(r.src[at], " \t\r"))
			if k == len(parts)-1 {
				if lit, rest := literalMarker(line); lit {
					line = rest
					stack = append(stack, frame{indent: textColumn(r.src[i], ind), body: -1, code: true, label: -1})
				}
			}
			if strings.HasPrefix(line, "#. ") {
				line = "1" + line[1:]
			}
			if line != "" {
				r.write(stack, at, strings.Repeat(" ", min(max(ind-shift, 0), 3))+line)
			}
		}
		i += len(parts) - 1
	}
	for len(stack) > 0 {
		stack = r.pop(stack)
	}
}

// write sets the rendered line i, content of every frame open.
func (r *rstReader) write(stack []frame, i int, line string) {
	r.out[i] = line
	for k := range stack {
		if stack[k].label != i {
			stack[k].wrote = true
		}
	}
}

// pop closes the innermost frame: a label over content that shows nothing
// (a tab holding only a directive of the program's) shows nothing either.
func (r *rstReader) pop(stack []frame) []frame {
	f := stack[len(stack)-1]
	if f.label >= 0 && !f.wrote {
		r.out[f.label] = ""
	}
	return stack[:len(stack)-1]
}

// openMarkup reports whether a role, link or reference opened in s is
// not closed in it: an odd number of backquotes outside inline literals.
func openMarkup(s string) bool {
	return strings.Count(rstDouble.ReplaceAllString(s, ""), "`")%2 == 1
}

// textColumn returns the column where the text of a line at ind columns
// starts: after its bullet or number when it is a list item ("- item::",
// whose literal block is indented past "item").
func textColumn(line string, ind int) int {
	t := strings.TrimLeft(line, " \t")
	if m := rstItem.FindString(t); m != "" {
		return ind + len(m)
	}
	return ind
}

var rstItem = regexp.MustCompile(`^(?:[-*+•]|\d+[.)]|#\.|\(?[a-zA-Z][.)])\s+`)

// bodyShift returns how far the content of the directive at line i (at
// ind columns) is indented past it.
func (r *rstReader) bodyShift(i, ind int) int {
	opts := true // options follow the directive's line, no blank line between
	for j := i + 1; j < len(r.src); j++ {
		raw := strings.TrimRight(r.src[j], " \t\r")
		t := strings.TrimLeft(raw, " \t")
		if t == "" {
			opts = false
			continue
		}
		if opts && rstOption.MatchString(t) {
			continue
		}
		if c := columns(raw); c > ind {
			return c - ind
		}
		return 0
	}
	return 0
}

var (
	rstDirective = regexp.MustCompile(`^\.\.\s+([A-Za-z0-9][\w:+.-]*?) ?::(?:\s+(.*))?$`)
	rstSubstDef  = regexp.MustCompile(`^\.\.\s+\|[^|]+\|\s+[\w:.-]+::`)
	rstLabel     = regexp.MustCompile("^\\.\\.\\s+_(`[^`]+`|[^:]+):(?:\\s+(.*))?$")
	rstFootnote  = regexp.MustCompile(`^\.\.\s+(\[[^\]]+\])\s*(.*)$`)
	rstOption    = regexp.MustCompile(`^:[\w-]+:(\s|$)`)
	// rstDocField is a field of the page's own (":tocdepth: 2", ":title:
	// AWS CLI Return Codes", ":related command: s3, s3 cp"): its name may
	// hold spaces.
	rstDocField   = regexp.MustCompile(`^:([\w-]+(?: [\w-]+)*):(?:\s+(.*))?$`)
	rstAnonTarget = regexp.MustCompile(`^__\s+\S`)
)

// Directives that show their content as code.
var rstCode = map[string]bool{
	"code-block": true, "code": true, "sourcecode": true, "code-tab": true, "doctest": true,
	"testcode": true, "testoutput": true, "parsed-literal": true, "prompt": true, "math": true,
	"productionlist": true, "ipython": true, "jupyter-execute": true, "code-cell": true,
}

// exampleDirective reports whether a directive's name says it holds an
// example, which may be code: an extension's "click:example",
// "code-example".
func exampleDirective(name string) bool {
	return name == "example" || strings.HasSuffix(name, "-example")
}

// codeContent reports whether the content of the directive on line i,
// indented past ind, reads as code: fewer than half its lines prose (four
// words or more, nearly all of letters).
func (r *rstReader) codeContent(i, ind int) bool {
	lines, prose := 0, 0
	for j := i + 1; j < len(r.src); j++ {
		raw := strings.TrimRight(r.src[j], " \t\r")
		t := strings.TrimSpace(raw)
		switch {
		case t == "":
			continue
		case columns(raw) <= ind:
			return lines > 0 && 2*prose < lines
		case rstOption.MatchString(t) && lines == 0:
			continue
		}
		lines++
		if proseLine(t) {
			prose++
		}
	}
	return lines > 0 && 2*prose < lines
}

// proseLine reports whether a line reads as words: four or more, nearly
// all of letters (a trailing comma or period allowed).
func proseLine(t string) bool {
	f := strings.Fields(t)
	if len(f) < 4 {
		return false
	}
	words := 0
	for _, w := range f {
		w = strings.TrimRight(w, ".,;:!?")
		if w != "" && strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '-' }) < 0 {
			words++
		}
	}
	return words*5 >= len(f)*4
}

// Directives whose content shows nothing a reader would quote.
var rstDropped = map[string]bool{
	"toctree": true, "index": true, "image": true, "include": true, "literalinclude": true,
	"raw": true, "meta": true, "contents": true, "sectnum": true, "highlight": true,
	"autosummary": true, "currentmodule": true, "module": true, "default-role": true,
	"role": true, "title": true, "tabularcolumns": true,
	"graphviz": true, "digraph": true, "mermaid": true, "plot": true,
	"program": true, "automodule": true, "autoclass": true,
	"autofunction": true, "automethod": true, "autodata": true, "autoattribute": true,
	"autoexception": true, "click": true, "argparse": true,
}

// Directives that show their content and nothing of their own.
var rstContainer = map[string]bool{
	"only": true, "container": true, "rst-class": true, "class": true, "cssclass": true,
	"tab-set": true, "tabs": true, "grid": true, "grid-item": true, "glossary": true,
	"highlights": true, "pull-quote": true, "epigraph": true, "compound": true, "hlist": true,
	"ifconfig": true,
}

// Directives whose argument is a label or title over their content.
var rstLabelled = map[string]bool{
	"admonition": true, "tab": true, "group-tab": true, "tab-item": true, "rubric": true,
	"topic": true, "sidebar": true, "dropdown": true, "card": true, "grid-item-card": true,
	"list-table": true, "table": true, "centered": true,
}

// Admonitions and what they render as.
var rstAdmonition = map[string]string{
	"note": "Note", "warning": "Warning", "tip": "Tip", "important": "Important",
	"attention": "Attention", "caution": "Caution", "danger": "Danger", "error": "Error",
	"hint": "Hint", "seealso": "See also", "todo": "Todo", "info": "Info", // info: Docusaurus's and VitePress's
	"versionadded": "New in version", "versionchanged": "Changed in version",
	"deprecated": "Deprecated since version", "versionremoved": "Removed in version",
}

// explicit reads an explicit markup line (".. …", or an anonymous target)
// at line i: it writes what it renders as and returns the frame of its
// content (indent -1 when it has none to read), or false for other lines.
func (r *rstReader) explicit(i int, t string, ind int) (frame, bool) {
	none := frame{indent: -1}
	if rstAnonTarget.MatchString(t) {
		return none, true
	}
	if t != ".." && !strings.HasPrefix(t, ".. ") {
		return frame{}, false
	}
	switch m := rstLabel.FindStringSubmatch(t); {
	case m != nil:
		if ind == 0 && m[2] == "" {
			r.label = strings.Trim(m[1], "`")
		}
		return frame{indent: ind, body: -1, drop: true, label: -1}, true
	case rstSubstDef.MatchString(t):
		return frame{indent: ind, body: -1, drop: true, label: -1}, true
	}
	if m := rstFootnote.FindStringSubmatch(t); m != nil {
		r.out[i] = strings.Repeat(" ", min(ind, 3)) + m[1] + " " + r.inline(m[2])
		return frame{indent: ind, body: -1, label: -1}, true
	}
	m := rstDirective.FindStringSubmatch(t)
	if m == nil {
		// A comment, with whatever is indented under it.
		return frame{indent: ind, body: -1, drop: true, label: -1}, true
	}
	name, arg := strings.ToLower(m[1]), strings.TrimSpace(m[2])
	domain := false
	if k := strings.LastIndexByte(name, ':'); k >= 0 && name[k+1:] != "" {
		name, domain = name[k+1:], true // py:function, std:option, py:class
	}
	pad := strings.Repeat(" ", min(ind, 3))
	switch {
	case rstCode[name] || exampleDirective(name) && r.codeContent(i, ind):
		// click:example's code is code, its "# comments" no headings
		// (sphinx-proof's prf:example holds prose: it stays prose).
		return frame{indent: ind, body: -1, code: true, opts: true, label: -1}, true
	case domain && !rstDropped[name]:
		// An object of a domain (py:class, c:function): its signature
		// over its text, whether or not it has text.
		if arg != "" {
			r.out[i] = pad + "`" + arg + "`"
		}
	case rstDropped[name]:
		return frame{indent: ind, body: -1, drop: true, label: -1}, true
	case rstAdmonition[name] != "":
		var label string
		label, arg = admonitionLabel(name, arg)
		r.out[i] = pad + label + ":"
		if arg != "" {
			r.out[i] += " " + r.inline(arg)
		}
	case rstContainer[name]:
	case name == "csv-table":
		if arg != "" {
			r.out[i] = pad + r.inline(arg) + ":"
		}
		return frame{indent: ind, body: -1, csv: true, opts: true, label: -1}, true
	case name == "rubric" && arg != "":
		// An informal heading: one level under the section it is in.
		r.out[i] = strings.Repeat("#", min(r.level+2, 6)) + " " + r.inline(arg)
		r.anchors[i] = makeID(arg)
		if r.label != "" {
			r.anchors[i] = makeID(r.label)
		}
		r.label = ""
		return none, true
	case rstLabelled[name]:
		if arg != "" {
			r.out[i] = pad + r.inline(arg)
			if name != "rubric" && name != "centered" && !strings.HasSuffix(arg, ":") {
				r.out[i] += ":"
			}
		}
	case !r.hasContent(i, ind):
		// A directive of its own (pip-command-usage:: install) shows what
		// a program makes of it, nothing the document says.
		return none, true
	case arg != "":
		// An object description: its signature over its text.
		r.out[i] = pad + "`" + arg + "`"
	}
	f := frame{indent: ind, body: -1, opts: true, label: -1}
	if r.out[i] != "" && (rstLabelled[name] || rstAdmonition[name] != "" && arg == "") {
		f.label = i
	}
	return f, true
}

// admonitionLabel returns what an admonition directive renders as before
// its text ("Note", "New in version 1.2" of versionadded:: 1.2) and the
// rest of its argument.
func admonitionLabel(name, arg string) (label, rest string) {
	label = rstAdmonition[name]
	if strings.HasPrefix(name, "version") || name == "deprecated" {
		v, after, _ := strings.Cut(arg, " ")
		return label + " " + v, after
	}
	return label, arg
}

// hasContent reports whether the directive at line i has content indented
// under it, past its options.
func (r *rstReader) hasContent(i, ind int) bool {
	opts := true
	for j := i + 1; j < len(r.src); j++ {
		raw := strings.TrimRight(r.src[j], " \t\r")
		switch t := strings.TrimSpace(raw); {
		case t == "":
			opts = false
		case columns(raw) <= ind:
			return false
		case !opts || !rstOption.MatchString(t):
			return true
		}
	}
	return false
}

// title reads a section title at line i (its overline there, or the title
// there over its underline) and returns how many lines it takes, 0 for
// none.
func (r *rstReader) title(i, ind int) int {
	line := func(j int) string {
		if j < 0 || j >= len(r.src) {
			return ""
		}
		return strings.TrimRight(r.src[j], " \t\r")
	}
	cur := line(i)
	if ind != 0 || (i > 0 && strings.TrimSpace(line(i-1)) != "" && !r.adornedAbove(i) && !strings.HasPrefix(line(i-1), "..")) {
		return 0
	}
	if c, n := adornment(cur); n > 0 {
		// Overline, title (it may be inset), underline of the same character.
		t := strings.TrimSpace(line(i + 1))
		u, m := adornment(line(i + 2))
		if t == "" || m == 0 || u != c || utf8.RuneCountInString(t) > max(n, m) {
			return 0
		}
		r.setHeading(i+1, string(c)+"/"+string(c), t)
		return 3
	}
	c, n := adornment(line(i + 1))
	if n == 0 {
		return 0
	}
	t := strings.TrimSpace(cur)
	if n < 3 && n < utf8.RuneCountInString(t) {
		return 0
	}
	r.setHeading(i, string(c), t)
	return 2
}

// adornedAbove reports whether the line above i ends a title (an
// underline), so a title may follow without a blank line between.
func (r *rstReader) adornedAbove(i int) bool {
	_, n := adornment(strings.TrimRight(r.src[i-1], " \t\r"))
	return n > 0
}

// setHeading writes the title at line i as a Markdown heading of the
// level of style.
func (r *rstReader) setHeading(i int, style, title string) {
	level := 0
	for level < len(r.styles) && r.styles[level] != style {
		level++
	}
	if level == len(r.styles) {
		r.styles = append(r.styles, style)
	}
	r.level = level
	r.out[i] = strings.Repeat("#", min(level+1, 6)) + " " + r.inline(title)
	anchor := makeID(title)
	if r.label != "" {
		anchor = makeID(r.label)
	}
	r.label = ""
	if anchor == "" {
		anchor = "-"
	}
	r.anchors[i] = anchor
}

// adornment returns the character of a line made of one punctuation
// character repeated (at least twice, from column 0) and its length.
func adornment(s string) (rune, int) {
	if len(s) < 2 || s[0] == ' ' || s[0] == '\t' {
		return 0, 0
	}
	c := rune(s[0])
	if c >= utf8.RuneSelf || !strings.ContainsRune("=-`:'\"~^_*+#<>.!$%&(),/;?@[\\]{|}", c) || strings.Trim(s, string(c)) != "" {
		return 0, 0
	}
	return c, len(s)
}

// simpleTable writes the simple table starting at line i (a border of
// "=" columns) as a Markdown table and returns its lines, 0 for none.
func (r *rstReader) simpleTable(i int) int {
	first := strings.TrimRight(r.src[i], " \t\r")
	ind := columns(first)
	cols := tableColumns(strings.TrimSpace(first))
	if len(cols) < 2 {
		return 0
	}
	isBorder := func(l string) bool { return tableColumns(strings.TrimSpace(l)) != nil }
	borders := 0
	j := i
	var rows []int
	for ; j < len(r.src); j++ {
		l := strings.TrimRight(r.src[j], " \t\r")
		if isBorder(l) {
			borders++
			if borders == 3 || borders == 2 && (j+1 >= len(r.src) || strings.TrimSpace(r.src[j+1]) == "") {
				break
			}
			continue
		}
		if strings.TrimSpace(l) == "" && borders < 2 {
			// A blank line inside the body separates rows.
			continue
		}
		if strings.TrimSpace(l) == "" {
			break
		}
		rows = append(rows, j)
	}
	if j >= len(r.src) || borders < 2 || len(rows) == 0 {
		return 0
	}
	header := borders == 3
	seen := 0
	for k := i; k <= j; k++ {
		l := strings.TrimRight(r.src[k], " \t\r")
		switch {
		case isBorder(l):
			seen++
			if header && seen == 2 {
				r.out[k] = "|" + strings.Repeat(" --- |", len(cols))
			}
		case strings.TrimSpace(l) != "":
			// Columns are characters wide, as the border's "=" are.
			row := []rune(dropColumns(l, ind))
			cells := make([]string, len(cols))
			for c, span := range cols {
				end := len(row)
				if c+1 < len(cols) {
					end = min(cols[c+1][0], len(row))
				}
				if span[0] < end {
					cells[c] = r.inline(strings.TrimSpace(string(row[span[0]:end])))
				}
			}
			r.out[k] = "| " + strings.Join(cells, " | ") + " |"
		}
	}
	if !header {
		// Without a header row there is no Markdown table to write: each
		// row is an item, its cells apart by " — ".
		for _, k := range rows {
			cells := strings.Split(strings.Trim(r.out[k], "| "), " | ")
			r.out[k] = "- " + strings.Join(slices.DeleteFunc(cells, func(c string) bool { return c == "" }), " — ")
		}
	}
	return j - i + 1
}

// tableColumns returns the column spans of a simple table's border ("===
// =====  ==="), nil for a line that is none.
func tableColumns(s string) [][2]int {
	if s == "" || s[0] != '=' || strings.Trim(s, "= ") != "" || !strings.Contains(s, " ") {
		return nil
	}
	var cols [][2]int
	start := -1
	for k := 0; k <= len(s); k++ {
		if k < len(s) && s[k] == '=' {
			if start < 0 {
				start = k
			}
			continue
		}
		if start >= 0 {
			cols = append(cols, [2]int{start, k})
			start = -1
		}
	}
	if len(cols) < 2 {
		return nil
	}
	return cols
}

// literalMarker reads a paragraph line ending in "::", which ends with
// ":" (nothing for a "::" of its own, or after a space) and announces a
// literal block.
func literalMarker(s string) (bool, string) {
	if !strings.HasSuffix(s, "::") || strings.HasSuffix(s, ":::") {
		return false, s
	}
	rest := strings.TrimSuffix(s, "::")
	switch {
	case strings.TrimSpace(rest) == "":
		return true, ""
	case strings.HasSuffix(rest, " "):
		return true, strings.TrimRight(rest, " ")
	}
	return true, rest + ":"
}

var (
	rstRole       = regexp.MustCompile("(?:^|[^\\w`])(:[A-Za-z][\\w:+.-]*:)`([^`]+)`")
	rstLink       = regexp.MustCompile("`([^`<]*?)\\s*<([^`>]+)>`__?")
	rstRefName    = regexp.MustCompile("`([^`]+)`__?")
	rstWordRef    = regexp.MustCompile(`\b([A-Za-z0-9][\w.-]*)__?([\s.,:;!?)\]]|$)`)
	rstFootRef    = regexp.MustCompile(`(\[[#*]?[\w-]*\])_`)
	rstRoleTarget = regexp.MustCompile(`^(.*?)\s*<([^<>]+)>$`)
	rstDouble     = regexp.MustCompile("``([^`]+)``")
)

// Roles shown as code.
var rstCodeRoles = map[string]bool{
	"option": true, "command": true, "program": true, "file": true, "envvar": true, "samp": true,
	"code": true, "kbd": true, "class": true, "func": true, "meth": true, "mod": true, "attr": true,
	"data": true, "exc": true, "obj": true, "const": true, "makevar": true, "mimetype": true,
	"literal": true, "confval": true,
}

// substitutions reads the page's substitution definitions.
func (r *rstReader) substitutions() {
	for _, l := range r.src {
		if m := rstSubstitution.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			if r.subst == nil {
				r.subst = make(map[string]string)
			}
			r.subst["|"+m[1]+"|"] = ""
			if m[2] == "replace" || m[2] == "unicode" {
				r.subst["|"+m[1]+"|"] = strings.TrimSpace(m[3])
			}
		}
	}
}

var rstSubstitution = regexp.MustCompile(`^\.\.\s+\|([^|]+)\|\s+([\w:-]+)::\s*(.*)$`)

// inline writes a line's inline markup as it renders, its substitutions
// made outside inline literals (a literal |version| shows as written).
func (r *rstReader) inline(s string) string {
	if len(r.subst) == 0 || !strings.Contains(s, "|") {
		return inlineRST(s)
	}
	// Substituted outside the literals, then read again: a value may
	// itself be a literal (".. |pip| replace:: ``pip``").
	var b strings.Builder
	last := 0
	for _, m := range rstDouble.FindAllStringIndex(s, -1) {
		b.WriteString(r.substitute(s[last:m[0]]))
		b.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(r.substitute(s[last:]))
	return inlineRST(b.String())
}

// substitute makes the page's substitutions in s.
func (r *rstReader) substitute(s string) string {
	for _, k := range slices.Sorted(maps.Keys(r.subst)) {
		s = strings.ReplaceAll(s, k+"_", r.subst[k])
		s = strings.ReplaceAll(s, k, r.subst[k])
	}
	return s
}

// inlineRST writes a line's inline markup as it renders.
func inlineRST(s string) string {
	if !strings.ContainsAny(s, "`_\\[") {
		return s
	}
	// Inline literals first: what is inside one is never markup
	// ("``__init__``", "``class_, id_``").
	var b strings.Builder
	last := 0
	for _, m := range rstDouble.FindAllStringIndex(s, -1) {
		b.WriteString(inlineText(s[last:m[0]]))
		b.WriteString("`" + s[m[0]+2:m[1]-2] + "`")
		last = m[1]
	}
	b.WriteString(inlineText(s[last:]))
	return b.String()
}

// inlineText writes the roles, links and references of text outside
// inline literals as they render. A role or link may run over a line's end
// ("\n" in s): what it renders as stays on its first line, and its line
// ends follow it, so s keeps its number of lines.
func inlineText(s string) string {
	keepLines := func(m, out string) string { return out + strings.Repeat("\n", strings.Count(m, "\n")) }
	s = rstRole.ReplaceAllStringFunc(s, func(m string) string {
		sub := rstRole.FindStringSubmatch(m)
		lead := m[:len(m)-len(sub[1])-len(sub[2])-2]
		return keepLines(m, lead+renderRole(strings.Trim(sub[1], ":"), oneLine(sub[2])))
	})
	s = rstLink.ReplaceAllStringFunc(s, func(m string) string {
		sub := rstLink.FindStringSubmatch(m)
		text, target := oneLine(sub[1]), sub[2]
		switch {
		case strings.HasSuffix(target, "_"):
			return keepLines(m, text) // a link to a target named elsewhere
		case text == "":
			text = target
		}
		return keepLines(m, "["+text+"]("+target+")")
	})
	s = rstRefName.ReplaceAllStringFunc(s, func(m string) string {
		return keepLines(m, oneLine(rstRefName.FindStringSubmatch(m)[1]))
	})
	s = rstWordRef.ReplaceAllString(s, "$1$2")
	s = rstFootRef.ReplaceAllString(s, "$1")
	return strings.ReplaceAll(s, "\\ ", "")
}

// oneLine joins the lines of a role's or link's text with spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// renderRole writes a role as it renders: its text (the title of
// "title <target>", else the target; "~a.b.c" as "c"), "PEP 440" for
// pep, code for the roles that name code, options, files or commands.
func renderRole(name, body string) string {
	if k := strings.LastIndexByte(name, ':'); k >= 0 {
		name = name[k+1:]
	}
	if !rstXref[name] {
		// A role of its own text (:file:`~/.config/pip/pip.conf`,
		// :samp:`git clone <url>`) is shown as written.
		if rstCodeRoles[name] {
			return "`" + body + "`"
		}
		return body
	}
	title, titled := "", false
	if t := rstRoleTarget.FindStringSubmatch(body); t != nil && t[1] != "" {
		title, titled = t[1], true
	} else if t != nil {
		body = t[2]
	}
	body = strings.TrimLeft(body, "!")
	if strings.HasPrefix(body, "~") {
		body = body[1:]
		if k := strings.LastIndexByte(body, '.'); k >= 0 {
			body = body[k+1:]
		}
	}
	switch {
	case titled:
		body = title
	case name == "doc":
		body = body[strings.LastIndexByte(body, '/')+1:]
	case name == "pep":
		body = "PEP " + body
	case name == "rfc":
		body = "RFC " + body
	}
	if rstCodeRoles[name] && !titled {
		return "`" + body + "`"
	}
	return body
}

// Roles that refer to something named elsewhere: their text may be
// "title <target>", and "~a.b.c" shows "c".
var rstXref = map[string]bool{
	"ref": true, "doc": true, "term": true, "option": true, "envvar": true, "keyword": true,
	"numref": true, "any": true, "download": true, "pep": true, "rfc": true, "confval": true,
	"func": true, "class": true, "meth": true, "mod": true, "attr": true, "data": true, "exc": true,
	"obj": true, "const": true, "type": true, "member": true, "macro": true, "var": true,
	"struct": true, "enum": true, "program": true, "pypi": true, "issue": true, "pr": true,
	"user": true, "gh": true,
}

// makeID makes an id of a title or label as docutils does: lower case,
// runs of other characters than letters and digits one "-".
func makeID(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(s) {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// columns returns the indentation of a line, a tab counting to the next
// multiple of 8 as in reStructuredText.
func columns(s string) int {
	n := 0
	for _, c := range s {
		switch c {
		case ' ':
			n++
		case '\t':
			n += 8 - n%8
		default:
			return n
		}
	}
	return n
}

// dropColumns returns line without its first n columns of indentation.
func dropColumns(line string, n int) string {
	col := 0
	for k, c := range line {
		if col >= n || (c != ' ' && c != '\t') {
			return strings.Repeat(" ", max(col-n, 0)) + line[k:]
		}
		if c == '\t' {
			col += 8 - col%8
		} else {
			col++
		}
	}
	return ""
}
