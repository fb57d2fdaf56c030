package structure

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// infoHeader matches the first line makeinfo writes atop a GNU Info file
// ("This is sed.info, produced by makeinfo version 6.8 from sed.texi.");
// its first group is the manual's name.
var infoHeader = regexp.MustCompile(`^This is ([^\s,]+?)\.info(?:-\d+)?, produced by (?:makeinfo|texi2any|Makeinfo)`)

// nodeSeparator opens each node of an Info file, on a line of its own.
const nodeSeparator = "\x1f"

// IsInfo reports whether text is a GNU Info manual: makeinfo's first line,
// or a node's separator followed by its "File: …, Node: …" line.
func IsInfo(text string) bool {
	first, _, _ := strings.Cut(text, "\n")
	if infoHeader.MatchString(first) {
		return true
	}
	i := strings.Index(text, nodeSeparator+"\nFile: ")
	if i < 0 {
		return false
	}
	line, _, _ := strings.Cut(text[i+2:], "\n")
	return strings.Contains(line, "Node: ")
}

// ScanInfo reads a GNU Info manual (makeinfo's output, as /usr/share/info
// holds them, or one part of a manual split in several) as the plain text
// of its nodes, line for line (each line's Origin its own number).
// What only navigates is blank: the preamble before the first node (the
// copyright notice the Top node repeats, the entries for Info's
// directory), each node's "File: …, Node: …, Next: …" line, its menu to
// the end of the node (an index node is all menu: "* -n: Invoking sed.
// (line 6)" names every topic once more), the tag table and the Emacs
// local variables at the end. Headings are underlined as makeinfo
// underlines them: chapters with '*', sections with '=', subsections
// with '-', and subsubsections with '.' (infoUnderline: no other line is
// a heading, so a line of dots is no rule here).
func ScanInfo(doc string) Doc {
	lines := strings.SplitAfter(doc, "\n")
	orig := slices.Clone(lines)
	blank := func(i int) {
		if strings.HasSuffix(lines[i], "\n") {
			lines[i] = "\n"
		} else {
			lines[i] = ""
		}
	}
	// Before the first node: the preamble (in a split manual's every part).
	i := 0
	for ; i < len(lines) && !strings.HasPrefix(lines[i], nodeSeparator); i++ {
		blank(i)
	}
	for i < len(lines) {
		// A node: its separator, its "File:" line, its text to the next.
		end := i + 1
		for end < len(lines) && !strings.HasPrefix(lines[end], nodeSeparator) {
			end++
		}
		next := ""
		if i+1 < end {
			next = strings.TrimRight(lines[i+1], "\r\n")
		}
		skip := next == "Tag Table:" || next == "Indirect:" || next == "End Tag Table" || strings.HasPrefix(next, "Local Variables:") ||
			slices.ContainsFunc(lines[i:end], func(l string) bool { return strings.HasPrefix(l, infoIndexMark) })
		inMenu := false
		for k := i; k < end; k++ {
			t := strings.TrimRight(lines[k], "\r\n")
			if t == "* Menu:" {
				inMenu = true
			} else if inMenu {
				inMenu = menuGoesOn(orig[k-1 : end])
			}
			switch {
			case skip || inMenu || k == i || k == i+1 && strings.HasPrefix(t, "File: ") && strings.Contains(t, "Node: "):
				blank(k)
			case strings.IndexByte(t, 0) >= 0:
				lines[k] = infoMarkup.ReplaceAllString(lines[k], "")
			}
		}
		i = end
	}
	text := strings.Join(lines, "")
	sc := &scanner{lines: SplitLines(text), head: -1, info: true, underlines: string(infoUnderlines)}
	d := scanWith(sc, text, true)
	if len(d.Blocks) == 0 {
		d.Blocks = scan(text, false, false).Blocks
	}
	// Line i of the text is line i+1 of the file, but what it shows may
	// differ (a menu blank, markup gone): the
	// lines a passage quotes are the text's (Corpus.Lines).
	d.Origins = make([]Origin, len(d.Lines))
	for i := range d.Origins {
		d.Origins[i] = Origin{First: i + 1, Last: i + 1}
	}
	return d
}

// infoUnderlines are makeinfo's underline characters, chapter to
// subsubsection.
const infoUnderlines = "*=-."

// infoUnderline reports whether below underlines line as makeinfo does:
// one of its characters, as many as the line's.
func infoUnderline(line, below string) bool {
	n := utf8.RuneCountInString(line)
	return n > 0 && len(below) == n && strings.Contains(infoUnderlines, below[:1]) && strings.Trim(below, below[:1]) == ""
}

// menuGoesOn reports whether a node's menu goes on at ls[1], ls[0] being a
// line of it: a blank line, an entry ("* Invoking::  How to run it."),
// an entry's description wrapped under it (by spaces or tabs), or short
// lines that title the entries below them. The node's text may go on
// below its menu (bc's "Functions").
func menuGoesOn(ls []string) bool {
	t := strings.TrimRight(ls[1], "\r\n")
	prev := strings.TrimRight(ls[0], "\r\n")
	switch {
	case strings.TrimSpace(t) == "" || menuEntry.MatchString(t):
		return true
	case prev != "" && (t[0] == ' ' || t[0] == '\t'):
		return true // a description wrapped under its entry
	}
	// Titles of the entries below ("Overview", "Developer information:",
	// " -- The Detailed Node Listing --" over a group's title): short
	// lines and blank ones up to the next entry. A paragraph is the
	// node's text.
	for k := 1; k < len(ls) && k <= maxMenuTitles; k++ {
		raw := strings.TrimRight(ls[k], "\r\n")
		l := strings.TrimSpace(raw)
		switch {
		case menuEntry.MatchString(raw):
			return true
		case l != "" && (utf8.RuneCountInString(l) > maxMenuTitle || strings.HasSuffix(l, ".")):
			return false
		}
	}
	return false
}

// menuEntry matches a menu's entry at the left edge: "* Invoking::" or
// "* sed: (sed)Invoking." (an itemized list's "   * Linux" is text).
var menuEntry = regexp.MustCompile(`^\* [^:]+::|^\* [^:]+: `)

// maxMenuTitles bounds the lines of titles and blanks between a menu's
// entries; maxMenuTitle a title's length.
const (
	maxMenuTitles = 6
	maxMenuTitle  = 60
)

// infoIndexMark opens the line makeinfo puts atop an index node's menu.
const infoIndexMark = "\x00\b[index\x00\b]"

// infoMarkup matches makeinfo's inline markup for Info readers, between
// NUL-backspace brackets: an index node's mark, an image's description
// ("\x00\b[image src=\"overview.png\" alt=\"GnuPG modules\"\x00\b]").
var infoMarkup = regexp.MustCompile(`\x00\x08\[[^\x00]*\x00\x08\]`)

// InfoText returns an Info file's text without its inline markup for
// Info readers, the only NULs it holds.
func InfoText(doc string) string {
	if strings.IndexByte(doc, 0) < 0 {
		return doc
	}
	return infoMarkup.ReplaceAllString(doc, "")
}

// InfoTitle returns the title of a GNU Info manual: its Top node's
// heading ("GNU ‘sed’"), else, for a part of a manual split in several,
// the manual's name from makeinfo's first line ("find").
func InfoTitle(doc string) string {
	if _, rest, ok := strings.Cut(doc, "Node: Top,"); ok {
		ls := strings.SplitN(rest, "\n", 8)
		for k := 1; k+1 < len(ls); k++ {
			t := strings.TrimSpace(ls[k])
			if t != "" && isUnderline(strings.TrimSpace(ls[k+1])) {
				return t
			}
		}
	}
	first, _, _ := strings.Cut(doc, "\n")
	if m := infoHeader.FindStringSubmatch(first); m != nil {
		return m[1]
	}
	return ""
}

// infoTermLevel is the level of an Info manual's definition entry's term
// (infoBlock): below any section's, the title's and those numbered
// sections nest to (headingPath.numberedParent).
const infoTermLevel = 64

// infoBlock records the lines first..last of an Info manual's text. An
// entry of a table of definitions (its terms at the left edge, ‘-p’ over
// ‘--parents’, or a definition's line, " -- Function: json_object_put",
// over its description indented five columns) is headed by its terms, so
// that the entry is a passage of its own, its paragraphs under its name;
// a paragraph of the section's own text (at the left edge or indented
// three columns) ends the table.
func (s *scanner) infoBlock(first, last int) {
	ls := s.lines
	k := first
	for k <= last && ls[k].Indent <= 1 && infoTerm(ls[k].Text) {
		k++
	}
	if k > first && k <= last && ls[k].Indent >= infoDescIndent {
		terms := make([]string, 0, k-first)
		for _, l := range ls[first:k] {
			terms = append(terms, l.Text)
		}
		s.plainHeading(mdHeading{level: infoTermLevel, text: strings.Join(terms, " ")}, first)
		s.plainBlock(k, last, false)
		return
	}
	if ls[first].Indent < infoDescIndent {
		s.hp.close(infoTermLevel)
	}
	s.plainBlock(first, last, false)
}

// infoDescIndent is the indent of a definition's description in an Info
// manual.
const infoDescIndent = 4

// infoTerm reports whether a line is a term of an Info manual's table: a
// quoted term alone (‘-p’, ‘--parents’, `-n') or a definition's line
// ("-- Function: int json_object_put (json_object *obj)").
func infoTerm(line string) bool {
	if infoDef.MatchString(line) {
		return true
	}
	open := strings.HasPrefix(line, "‘") || strings.HasPrefix(line, "`") || strings.HasPrefix(line, "'")
	shut := strings.HasSuffix(line, "’") || strings.HasSuffix(line, "'")
	return open && shut && utf8.RuneCountInString(line) <= maxInfoTerm
}

// maxInfoTerm bounds a term's length.
const maxInfoTerm = 80

// infoDef matches a definition's line, as makeinfo writes @deffn and its
// kin.
var infoDef = regexp.MustCompile(`^-- [A-Z][A-Za-z ]{2,30}: \S`)
