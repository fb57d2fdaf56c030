package structure

import (
	"encoding/json"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Origin says where in an HTML document a line of its visible text came
// from.
type Origin struct {
	First, Last int // 1-based lines of the markup holding the line's text
	// Page is the 1-based page of a PDF the line is on, 0 for HTML; First
	// and Last are then the line's number within the page's text.
	Page int
	// Anchor is the id of the nearest element at or above the text (or
	// the name of an <a name=…>), "" when there is none: the fragment a
	// link to the text ends with.
	Anchor string
	// Heading marks the text of a heading (h1–h6).
	Heading bool
}

// ScanHTML reads the visible text of the HTML document doc and finds its
// blocks. Doc.Text is that text: words as a browser shows them (entities
// decoded, white space collapsed, inline tags joining words), a line per
// line of markup holding text, and a new line at each <br>, block element,
// list item and table row; a table row is one line, its cells separated by
// " | "; a <pre> keeps its lines and spaces. What is not shown or is page
// furniture gives no text: <head> but for <title> (the document's title),
// script, style, noscript, template, svg, nav, header, footer, aside, form
// and its controls, and elements marked hidden, aria-hidden or
// display:none. Headings h1–h6 make the section path as Markdown headings
// do; lists, tables and <pre> blocks are blocks split only between their
// items, rows and lines. Doc.Origins maps every line of the text back to
// the lines of markup it came from, and to the anchor above it.
//
// A page whose every word a class hid (a theme wrapping the whole page in a
// box whose class names the navigation it leaves room for) is read again
// with classes saying nothing: a page of furniture is rarer than a class
// read wrong.
func ScanHTML(doc string) Doc {
	d, byClass := scanHTML(doc, true)
	if byClass && !hasText(d) {
		d, _ = scanHTML(doc, false)
	}
	return d
}

// hasText reports whether a scanned document holds a line of text.
func hasText(d Doc) bool {
	return strings.TrimSpace(d.Text) != ""
}

// scanHTML is ScanHTML; classes says whether an element's class may mark
// it page furniture. It also reports whether a class hid an element.
func scanHTML(doc string, classes bool) (Doc, bool) {
	h := &htmlScanner{
		classes:   classes,
		markup:    doc,
		s:         &scanner{md: true, head: -1},
		skipAt:    -1,
		headingAt: -1,
		blk:       openBlock{first: -1},
	}
	h.s.hp.md = true
	h.lineStarts = []int{0}
	for i := 0; i < len(doc); i++ {
		if doc[i] == '\n' {
			h.lineStarts = append(h.lineStarts, i+1)
		}
	}
	z := html.NewTokenizer(strings.NewReader(doc))
	off := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := off
		off += len(z.Raw())
		h.off = off
		switch tt {
		case html.TextToken:
			h.text(string(z.Raw()), start)
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			var attrs []html.Attribute
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
			}
			h.preFirstLine = false
			h.start(string(name), attrs, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			h.preFirstLine = false
			h.end(string(name))
		case html.CommentToken:
			h.comment(string(z.Text()))
		}
	}
	for len(h.stack) > 0 {
		h.pop()
	}
	h.finishHeading()
	h.endBlock(Paragraph)
	return h.doc(), h.hidByClass
}

// htmlScanner follows the tokens of an HTML document, writing its visible
// text line by line and recording blocks and headings with a scanner.
type htmlScanner struct {
	s          *scanner
	lineStarts []int // byte offset of each line of the markup

	lines   []string // visible text, line by line
	origins []Origin // of each of lines

	cur   strings.Builder // the line being written
	curO  Origin
	open  bool   // cur holds a word
	space bool   // white space came since the last word
	sep   string // what goes before the next word on this line (" | " between cells)

	stack     []string // names of the open elements
	skipAt    int      // index in stack of the element whose content is not shown, -1 for none
	titling   bool     // the element skipped is the <title>
	title     strings.Builder
	metaTitle string
	anchor    string

	lists, tables, pres int
	layouts             []int // the stack places of the open tables that only lay out an option's term beside its text
	options             bool  // an option's term in bold has headed its text (boldOption)
	// listKinds holds, for each open list, the number of its last item
	// (an <ol>) or -1 (an unordered list) or -2 (a <dl>, whose terms and
	// descriptions have no marks); itemIndents the column where the text
	// of each open item starts, which its further lines are indented to.
	listKinds   []int
	itemIndents []int
	marker      string // the mark of the item whose first line comes next ("- ", "2. ")
	olStart     int    // the number of the first item of the <ol> being opened
	// apiAt holds the stack indexes of the open definition lists that
	// document code (see apiList), apiLevels the heading level of their
	// terms; apiNext marks the <dl> being opened as one.
	apiAt        []int
	apiLevels    []int
	apiNext      bool
	headingAt    int // index in stack of the heading being read, -1 for none
	headingLevel int
	// markup and off are the document and the offset after the tag being
	// handled; realLevel the level of the last h1–h6 heading (0: none);
	// questionNext marks the <b> or <strong> being opened as a question
	// heading (see boldQuestion).
	markup       string
	off          int
	realLevel    int
	questionNext bool
	preFirstLine bool // right after a <pre> tag, where a newline is not content

	// classes says whether an element's class may mark it furniture
	// (furnitureClass); hidByClass records that one did.
	classes    bool
	hidByClass bool

	blk      openBlock
	unitNext bool // the next line starts a unit of the block (an item, a row)
	sup      bool // the next word is a superscript, written after "^"
	// codeEnded marks a <code> of a <pre> closed with nothing shown after
	// it yet: another <code> right after it is a second version of the
	// example (Node's ES module and CommonJS twins), on a line of its own.
	codeEnded bool
}

// openBlock is the block being written: lines first..last.
type openBlock struct {
	kind        Kind
	first, last int
	units       []int
}

func (h *htmlScanner) lineAt(off int) int {
	return sort.Search(len(h.lineStarts), func(i int) bool { return h.lineStarts[i] > off })
}

// The elements whose content is not shown, or is page furniture.
var hiddenElements = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "svg": true,
	"nav": true, "header": true, "footer": true, "aside": true, "form": true,
	"button": true, "select": true, "textarea": true, "iframe": true, "object": true,
	"canvas": true, "audio": true, "video": true, "dialog": true, "datalist": true,
	"noembed": true, "noframes": true,
}

// The roles of page furniture, for elements that say what they are by role.
var hiddenRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true, "search": true,
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
	"param": true, "keygen": true,
}

// blockElements start and end a block of text; list, table, heading and
// preformatted elements are handled apart.
var blockElements = map[string]bool{
	"address": true, "article": true, "blockquote": true, "body": true, "center": true,
	"details": true, "div": true, "fieldset": true, "figcaption": true, "figure": true,
	"hgroup": true, "html": true, "legend": true, "main": true, "p": true, "section": true,
	"summary": true, "hr": true, "dir": true,
}

// closesP lists the start tags that end an open <p>.
var closesP = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "center": true,
	"details": true, "dialog": true, "dir": true, "div": true, "dl": true, "fieldset": true,
	"figcaption": true, "figure": true, "footer": true, "form": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "h5": true, "h6": true, "header": true, "hgroup": true, "hr": true,
	"listing": true, "main": true, "menu": true, "nav": true, "ol": true, "p": true, "pre": true,
	"section": true, "summary": true, "table": true, "ul": true,
}

func headingLevel(name string) int {
	if len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
		return int(name[1] - '0')
	}
	return 0
}

func isList(name string) bool {
	return name == "ul" || name == "ol" || name == "dl" || name == "menu"
}

func isPre(name string) bool { return name == "pre" || name == "listing" }

// hidden reports whether an element's attributes hide it: the element
// named name. A page's header or footer is a block: an inline element of
// class "header" is a heading's text (mdBook's <a class="header"> linking
// a heading to itself, underscore's <b class="header"> naming a function
// or a release).
//
// With classes false, an element's class says nothing; byClass reports
// that it was its class that hid it.
func hidden(name string, attrs []html.Attribute, classes bool, ahead func(int) string) (hide, byClass bool) {
	// The page's main content is never furniture, whatever its class says
	// of the layout around it (Mako's <div role="main" class="withsidebar">).
	// Nor is the page itself: its classes say how it is laid out
	// (mdBook's <html class="light sidebar-visible">).
	main := name == "main" || name == "html" || name == "body" || slices.ContainsFunc(attrs, func(a html.Attribute) bool {
		return a.Key == "role" && strings.EqualFold(strings.TrimSpace(a.Val), "main")
	})
	for _, a := range attrs {
		switch a.Key {
		case "hidden":
			return true, false
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true, false
			}
		case "role":
			if hiddenRoles[strings.ToLower(strings.TrimSpace(a.Val))] {
				return true, false
			}
		case "style":
			if strings.Contains(strings.ToLower(strings.ReplaceAll(a.Val, " ", "")), "display:none") {
				return true, false
			}
		case "class":
			if !classes {
				continue
			}
			for _, c := range strings.Fields(strings.ToLower(a.Val)) {
				if furnitureClass(c) && !main && !((c == "header" || c == "footer") && inlineElements[name]) && !(c == "sidebar" && proseBox(ahead(maxBoxMarkup), name)) {
					return true, true
				}
			}
		case "id":
			if id := strings.ToLower(a.Val); strings.Contains(id, "popup") || strings.Contains(id, "modal") || strings.Contains(id, "menu-bar") || id == "banner" {
				return true, false
			}
		}
	}
	return false, false
}

// proseBox reports whether the element name whose content markup opens is a
// box of prose set beside the text rather than a navigation bar, both of
// which go by the class "sidebar": DocBook's and docutils' sidebars (the
// Debian handbook's TIP and NOTE boxes) hold sentences, most of their
// words outside links; a site's sidebar is links.
func proseBox(markup, name string) bool {
	var inLinks, outside int
	depth := 0 // of elements named name within it
	words := 0 // the longest run of words outside links, up to a full stop or a block's end
	run := 0
	link := 0
	z := html.NewTokenizer(strings.NewReader(markup))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		if tt == html.TextToken {
			t := string(z.Text())
			n := len(strings.Fields(t))
			if link > 0 {
				inLinks += n
				continue
			}
			outside += n
			run += n
			words = max(words, run)
			if strings.HasSuffix(strings.TrimSpace(t), ".") {
				run = 0
			}
			continue
		}
		b, _ := z.TagName()
		el := string(b)
		switch {
		case el == "a" && tt == html.StartTagToken:
			link++
		case el == "a" && tt == html.EndTagToken:
			link = max(0, link-1)
		case el == name && tt == html.StartTagToken:
			depth++
		case el == name && tt == html.EndTagToken:
			if depth--; depth < 0 {
				return words >= minBoxSentence && outside >= 2*inLinks // its end
			}
		}
		if blockElements[el] || closesP[el] || itemElements[el] {
			run = 0 // a sentence does not run over an item's or a paragraph's end
		}
	}
	return words >= minBoxSentence && outside >= 2*inLinks
}

// itemElements end a run of words as a block's end does: an item, a cell,
// a line break.
var itemElements = map[string]bool{"li": true, "dt": true, "dd": true, "td": true, "th": true, "tr": true, "br": true}

// minBoxSentence is the fewest words of a sentence outside links that make
// a sidebar prose (proseBox); maxBoxMarkup bounds how much of it is read.
const (
	minBoxSentence = 8
	maxBoxMarkup   = 4096
)

// inlineElements are the elements that mark text within a line.
var inlineElements = map[string]bool{"a": true, "b": true, "strong": true, "em": true, "i": true, "span": true, "code": true,
	"tt": true, "kbd": true, "small": true, "big": true, "u": true, "sup": true, "sub": true, "abbr": true, "cite": true,
	"q": true, "var": true, "samp": true, "mark": true, "label": true, "time": true, "font": true}

// sidebarClass reports whether a class names a sidebar: "sidebar",
// Sphinx's "sphinxsidebar", "bd-sidebar", "sidebar-primary"; not a layout
// that has one beside the content ("withsidebar", "has-sidebar").
func sidebarClass(c string) bool {
	if strings.Contains(c, "with-sidebar") || strings.Contains(c, "has-sidebar") || strings.Contains(c, "withsidebar") {
		return false // "page-with-sidebar", "layout-has-sidebar": the layout, content and all
	}
	return c == "sidebar" || c == "sphinxsidebar" || strings.HasPrefix(c, "sidebar-") || strings.HasPrefix(c, "sidebar_") || strings.Contains(c, "-sidebar-") ||
		strings.HasSuffix(c, "-sidebar") || strings.HasSuffix(c, "_sidebar")
}

// navLayout reports whether a class names a layout that leaves room for
// a navigation bar beside the content rather than the bar: Read the
// Docs' theme wraps a whole page in "wy-grid-for-nav" under a body of
// class "wy-body-for-nav".
func navLayout(c string) bool {
	for _, l := range []string{"for-nav", "with-nav", "has-nav", "for_nav", "with_nav", "has_nav"} {
		if strings.HasSuffix(c, l) {
			return true
		}
	}
	return false
}

// furnitureClass reports whether an element's class names it page
// furniture, where generated manuals mark their navigation by class rather
// than by element: DocBook's "navheader", "navfooter" and "nav" tables
// ("Prev | Up | Home | Next"; Publican's "docnav" list), Texinfo's "header" and "nav-panel" ("Next:
// Types, Previous: …, Up: … [Index]"), Sphinx's "sphinxsidebar", a
// "breadcrumbs" trail, a "toc" that repeats the headings, a "skip to
// content" link, a "[src]" link; mdBook's "menu-bar" (the book's name
// over every page) and its popups (keyboard shortcuts, themes); what a
// style sheet hides ("hidden", a "modal" until opened); Doxygen's hover
// tooltips ("ttc": a symbol's declaration and "Definition: sftp.c:2546"
// after each use in an example), the pieces that obfuscate an address
// (".nosp@m."), its permalink marks, its diagrams' "Collaboration
// diagram" headers and its member summaries ("memberdecls": each entry's
// brief and a link to the entry below, which says it all again).
func furnitureClass(c string) bool {
	switch {
	case navLayout(c):
		return false // "wy-grid-for-nav", "page-with-nav": the layout, content and all
	case strings.HasPrefix(c, "nav"), strings.HasSuffix(c, "nav"), strings.Contains(c, "breadcrumb"), sidebarClass(c),
		strings.Contains(c, "popup"), strings.Contains(c, "modal"):
		return true
	}
	switch c {
	case "header", "footer", "toc", "skip-link", "skip-to-content", "srclink", "headerlink", "copy-button", "menu-bar", "hidden",
		"ttc", "obfuscator", "permalink", "dynheader", "memberdecls":
		return true
	}
	return false
}

// maxScopeSearch bounds how far down the open elements a tag looks for
// the element it closes, so that markup never closing its tags stays linear.
const maxScopeSearch = 64

// find returns the index in the stack of the innermost open element named
// one of names, looking no further than an element named one of stops;
// -1 when there is none.
func (h *htmlScanner) find(names, stops []string) int {
	for i := len(h.stack) - 1; i >= 0 && i >= len(h.stack)-maxScopeSearch; i-- {
		switch {
		case contains(names, h.stack[i]):
			return i
		case contains(stops, h.stack[i]):
			return -1
		}
	}
	return -1
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// popTo closes the elements above and at index i of the stack.
func (h *htmlScanner) popTo(i int) {
	for i >= 0 && len(h.stack) > i {
		h.pop()
	}
}

// implyEnds closes the elements that a start tag name ends without their
// end tag, as a browser does: an open <p> before a block, the previous
// list item, row or cell.
func (h *htmlScanner) implyEnds(name string) {
	if closesP[name] {
		h.popTo(h.find([]string{"p"}, []string{"table", "td", "th", "caption", "button", "template", "html"}))
	}
	switch {
	case name == "li":
		h.popTo(h.find([]string{"li"}, []string{"ul", "ol", "menu", "table", "td", "th"}))
	case name == "dt" || name == "dd":
		h.popTo(h.find([]string{"dt", "dd"}, []string{"dl", "table", "td", "th"}))
	case name == "tr":
		h.popTo(h.find([]string{"tr"}, []string{"table"}))
	case name == "td" || name == "th":
		h.popTo(h.find([]string{"td", "th"}, []string{"tr", "table"}))
	case name == "thead" || name == "tbody" || name == "tfoot":
		h.popTo(h.find([]string{"thead", "tbody", "tfoot"}, []string{"table"}))
	case headingLevel(name) > 0:
		if n := len(h.stack); n > 0 && headingLevel(h.stack[n-1]) > 0 {
			h.pop()
		}
	}
}

func (h *htmlScanner) start(name string, attrs []html.Attribute, selfClosing bool) {
	void := voidElements[name]
	if h.skipAt >= 0 {
		if !void && !selfClosing {
			h.stack = append(h.stack, name)
		}
		return
	}
	h.implyEnds(name)
	hide, byClass := hidden(name, attrs, h.classes, h.ahead)
	h.hidByClass = h.hidByClass || byClass
	if hiddenElements[name] || hide || name == "title" || (name == "ol" || name == "ul") && pageContents(h.ahead(maxContentsMarkup), name) {
		if !void && !(selfClosing && name == "svg") {
			h.stack = append(h.stack, name)
			h.skipAt = len(h.stack) - 1
			h.titling = name == "title"
		}
		return
	}
	for _, a := range attrs {
		if (a.Key == "id" || a.Key == "name" && name == "a") && strings.TrimSpace(a.Val) != "" {
			h.anchor = strings.TrimSpace(a.Val)
		}
	}
	if name == "ol" {
		h.olStart = 1
		for _, a := range attrs {
			if n, err := strconv.Atoi(strings.TrimSpace(a.Val)); a.Key == "start" && err == nil && n >= 0 && n < 1e6 {
				h.olStart = n // <ol start="3">: the page shows 3., 4., …
			}
		}
	}
	h.apiNext = name == "dl" && h.tables == 0 && h.pres == 0 && h.lists == 0 && h.headingAt < 0 && !fieldList(attrs) &&
		(apiList(attrs) || headedTerms(h.ahead(maxParameterMarkup)) || len(h.apiAt) > 0 && parameterList(h.ahead(maxParameterMarkup)))
	h.opened(name)
	if !void {
		h.stack = append(h.stack, name)
	}
}

// apiList reports whether a <dl> documents code, one object per term: a
// Sphinx domain's ("py function", "c macro", "cpp class", "js method") or
// Texinfo's "def" lists. Its terms are the signatures that head their
// descriptions ("shutil.which(cmd, mode=…, path=None)"), as a reference's
// headings do, not items of a list.
func apiList(attrs []html.Attribute) bool {
	for _, a := range attrs {
		if a.Key != "class" {
			continue
		}
		for _, c := range strings.Fields(a.Val) {
			switch c {
			case "py", "c", "cpp", "js", "def", "first-deffn", "first-deftypefn", "first-defvr", "first-deftp":
				return true
			}
		}
	}
	return false
}

// fieldList reports whether a <dl> is a Sphinx field list: "Parameters",
// "Return type", "Raises" over what an object of code takes, gives and
// throws. Its fields are part of the object's description, not sections
// of it ("Return type" over "Result" said nothing alone).
func fieldList(attrs []html.Attribute) bool {
	for _, a := range attrs {
		if a.Key == "class" && slices.Contains(strings.Fields(a.Val), "field-list") {
			return true
		}
	}
	return false
}

// inAPIList reports whether the innermost open <dl> documents code.
func (h *htmlScanner) inAPIList() bool {
	n := len(h.apiAt)
	return n > 0 && h.find([]string{"dl"}, nil) == h.apiAt[n-1]
}

func (h *htmlScanner) end(name string) {
	i := h.find([]string{name}, nil)
	if i < 0 {
		if h.skipAt < 0 {
			switch name {
			case "br":
				h.lineBreak()
			case "p":
				h.boundary()
			}
		}
		return
	}
	h.popTo(i)
}

// pop closes the innermost open element.
func (h *htmlScanner) pop() {
	name := h.stack[len(h.stack)-1]
	h.stack = h.stack[:len(h.stack)-1]
	at := len(h.stack)
	switch {
	case h.skipAt >= 0 && at > h.skipAt:
		return
	case at == h.skipAt:
		h.skipAt, h.titling = -1, false
		return
	}
	h.closed(name, at)
}

// opened handles the start of a shown element.
func (h *htmlScanner) opened(name string) {
	if h.headingAt >= 0 && (blockElements[name] || isList(name) || isPre(name) || name == "table" || name == "li") {
		h.finishHeading() // a heading left open: what follows is no longer its text
	}
	switch {
	case headingLevel(name) > 0:
		h.options = false // a title in bold heads text only among options
		if h.headingAt >= 0 || h.inContainer() {
			h.lineBreak()
			return
		}
		h.endBlock(Paragraph)
		h.headingAt, h.headingLevel = len(h.stack), headingLevel(name)
		h.realLevel = h.headingLevel
	case name == "p" && h.headingAt < 0 && !h.inContainer() && len(h.apiAt) == 0 &&
		(boldOption(h.ahead(maxQuestionMarkup)) || h.options && boldTitle(h.ahead(maxQuestionMarkup), false)):
		// A manual page's option, a paragraph of its term in bold
		// ("<p><b>&minus;dir</b> <i>directory</i></p>", groff's), heads
		// the paragraphs about it, as a <dl>'s term does; after one, so
		// does a title in bold ("<p><b>Notes</b></p>"), no option's text.
		h.options = true
		h.endBlock(Paragraph)
		h.headingAt, h.headingLevel = len(h.stack), min(max(h.realLevel+1, 2), 6)
	case name == "p" && h.headingAt < 0 && !h.inContainer() && len(h.apiAt) == 0:
		// A question in bold, and after an option's term a title in bold
		// running into its text below a line break ("<b>Notes</b><br>
		// Options may come in any order …"), head what follows them.
		h.questionNext = boldQuestion(h.ahead(maxQuestionMarkup)) || h.options && boldTitle(h.ahead(maxQuestionMarkup), true)
		h.boundary()
	case (name == "b" || name == "strong") && h.questionNext:
		// An FAQ's question, a paragraph all in bold ("<p><b>(4) Why
		// doesn't SQLite allow …?</b></p>"), heads its answer: a
		// section one level below the page's heading it is under.
		h.questionNext = false
		h.endBlock(Paragraph)
		h.headingAt, h.headingLevel = len(h.stack), min(max(h.realLevel+1, 2), 6)
	case name == "dl" && h.apiNext:
		// A definition list of code: its terms head sections, one level
		// below the heading it is under (or the list it is nested in).
		h.apiNext = false
		h.endBlock(Paragraph)
		level := min(max(h.s.hp.depth()+1, 2), 6)
		if n := len(h.apiLevels); n > 0 {
			level = min(h.apiLevels[n-1]+1, 6)
		}
		h.apiAt = append(h.apiAt, len(h.stack))
		h.apiLevels = append(h.apiLevels, level)
	case (name == "dt" || name == "dd") && h.inAPIList():
		h.endBlock(Paragraph)
		if name == "dt" {
			h.headingAt, h.headingLevel = len(h.stack), h.apiLevels[len(h.apiLevels)-1]
		}
	case isList(name):
		h.container(List)
		h.lists++
		switch name {
		case "ol":
			h.listKinds = append(h.listKinds, h.olStart-1)
		case "dl":
			h.listKinds = append(h.listKinds, -2)
		default:
			h.listKinds = append(h.listKinds, -1)
		}
	case name == "table" && !h.inContainer() && h.headingAt < 0 && len(h.apiAt) == 0 && layoutOption(h.ahead(maxLayoutMarkup)):
		// groff's manual pages set a short option beside its text in a
		// table of one row: the term heads the text, as above.
		h.endBlock(Paragraph)
		h.layouts = append(h.layouts, len(h.stack))
	case name == "table":
		h.container(Table)
		h.tables++
		h.marker = "" // an item opening with a table: its rows are lines, unmarked
	case isPre(name):
		h.container(Code)
		h.pres++
		h.preFirstLine = true
		h.marker = "" // nor is the code under an item's mark
	case name == "li" || name == "dt" || name == "dd":
		if h.lists == 0 {
			h.boundary()
			return
		}
		h.lineBreak()
		if name != "dd" && h.lists == 1 && h.tables == 0 && h.pres == 0 {
			h.unitNext = true
		}
		if name == "li" {
			h.markItem()
		}
	case name == "tr" || name == "caption":
		if h.tables > 0 {
			h.endLine()
			if h.tables == 1 && h.lists == 0 && h.pres == 0 {
				h.unitNext = true
			}
		}
	case (name == "td" || name == "th") && len(h.layouts) > 0 && h.tables == 0:
		// A layout's cell: its term in bold heads the row's text (as a
		// <p> of it does), other cells are text apart.
		if h.headingAt < 0 && boldOption(h.ahead(maxQuestionMarkup)) {
			h.options = true
			h.endBlock(Paragraph)
			h.headingAt, h.headingLevel = len(h.stack), min(max(h.realLevel+1, 2), 6)
			return
		}
		h.boundary()
	case name == "td" || name == "th":
		if h.tables > 0 && h.open {
			h.sep = " | "
		}
	case name == "br":
		h.lineBreak()
	case name == "code" && h.pres > 0:
		if h.codeEnded && h.open {
			h.lineBreak() // one example in two flavours: "…}" and "const zlib = …" are two lines
		}
	case name == "sup":
		h.sup = true // "2<sup>32</sup>" reads 2^32, not 232
	case blockElements[name]:
		h.boundary()
	}
}

// closed handles the end of a shown element, at index at of the stack.
func (h *htmlScanner) closed(name string, at int) {
	switch {
	case at == h.headingAt:
		h.finishHeading()
	case len(h.apiAt) > 0 && at == h.apiAt[len(h.apiAt)-1]:
		// The list of code ends: what follows is the section it is in.
		n := len(h.apiAt)
		h.endBlock(Paragraph)
		h.s.hp.close(h.apiLevels[n-1])
		h.s.drop()
		h.apiAt, h.apiLevels = h.apiAt[:n-1], h.apiLevels[:n-1]
	case (name == "dt" || name == "dd") && h.inAPIList():
		h.endBlock(Paragraph)
	case isList(name):
		h.lists--
		h.listKinds = h.listKinds[:max(0, len(h.listKinds)-1)]
		h.containerEnd()
	case name == "table" && len(h.layouts) > 0 && h.layouts[len(h.layouts)-1] == at:
		h.layouts = h.layouts[:len(h.layouts)-1]
		h.boundary()
	case (name == "td" || name == "th") && len(h.layouts) > 0 && h.tables == 0:
		h.boundary()
	case name == "table":
		h.tables--
		h.containerEnd()
	case isPre(name):
		h.pres--
		h.containerEnd()
	case name == "li" || name == "dt" || name == "dd":
		h.lineBreak()
		if name == "li" && len(h.itemIndents) > 0 {
			h.itemIndents = h.itemIndents[:len(h.itemIndents)-1]
			h.marker = ""
		}
	case name == "tr" || name == "caption":
		if h.tables > 0 {
			h.endLine()
		}
	case name == "code" && h.pres > 0:
		h.codeEnded = true
	case blockElements[name]:
		h.boundary()
	}
}

// markItem starts an item of a list as a browser shows it: its first line
// after a mark ("- ", or its number in an <ol>: "2. "), indented two
// columns for each list it is nested in, as Markdown writes a list; its
// further lines indented to its text. Items in a table's cell, a <pre> or
// a <dl> get no mark: a row is one line, and a definition list marks
// nothing.
func (h *htmlScanner) markItem() {
	n := len(h.listKinds)
	if n == 0 || h.tables > 0 || h.pres > 0 || h.headingAt >= 0 || h.listKinds[n-1] == -2 {
		h.itemIndents = append(h.itemIndents, h.indent())
		return
	}
	mark := "- "
	if h.listKinds[n-1] >= 0 {
		h.listKinds[n-1]++
		mark = strconv.Itoa(h.listKinds[n-1]) + ". "
	}
	depth := 0
	for _, k := range h.listKinds[:n-1] {
		if k != -2 {
			depth++
		}
	}
	h.marker = strings.Repeat("  ", min(depth, maxItemDepth)) + mark
	h.itemIndents = append(h.itemIndents, len(h.marker))
}

// maxItemDepth bounds the nesting an item's indent shows: markup nesting
// lists hundreds deep gives no line of hundreds of spaces.
const maxItemDepth = 8

// indent is the column the text of the innermost open item starts at, 0
// outside items.
func (h *htmlScanner) indent() int {
	if len(h.itemIndents) == 0 {
		return 0
	}
	return h.itemIndents[len(h.itemIndents)-1]
}

func (h *htmlScanner) inContainer() bool { return h.lists > 0 || h.tables > 0 || h.pres > 0 }

// container starts a list, table or <pre>: a block of its own, or lines of
// the list, table or <pre> it is in.
func (h *htmlScanner) container(k Kind) {
	if h.inContainer() || h.headingAt >= 0 {
		h.lineBreak()
		return
	}
	h.endBlock(k)
}

func (h *htmlScanner) containerEnd() {
	if h.inContainer() || h.headingAt >= 0 {
		h.lineBreak()
		return
	}
	h.endBlock(Paragraph)
}

// boundary is the start or end of a block element: a new block, or a new
// line inside a list, table or heading.
func (h *htmlScanner) boundary() {
	if h.inContainer() || h.headingAt >= 0 {
		h.lineBreak()
		return
	}
	h.endBlock(Paragraph)
}

// lineBreak ends the line, except in a table row or a heading, which are
// one line each.
func (h *htmlScanner) lineBreak() {
	if h.tables > 0 || h.headingAt >= 0 {
		h.space = true
		return
	}
	h.endLine()
}

func (h *htmlScanner) comment(c string) {
	c = strings.TrimSpace(c)
	if h.metaTitle != "" || len(h.lines) > 0 || !strings.HasPrefix(c, "{") || !strings.HasSuffix(c, "}") {
		return
	}
	var meta struct{ Title string }
	if json.Unmarshal([]byte(c), &meta) == nil {
		h.metaTitle = meta.Title
	}
}

// text handles a run of text at byte offset off of the markup, raw.
func (h *htmlScanner) text(raw string, off int) {
	switch {
	case h.skipAt >= 0:
		if h.titling && h.title.Len() == 0 {
			h.title.WriteString(strings.Join(strings.Fields(html.UnescapeString(raw)), " "))
		}
		return
	case h.pres > 0 && h.tables == 0 && h.headingAt < 0:
		if h.preFirstLine && strings.HasPrefix(raw, "\n") {
			raw, off = raw[1:], off+1
		}
		h.preFirstLine = false
		h.preText(raw, off)
		return
	}
	if h.headingAt >= 0 && h.find([]string{"a"}, []string{"h1", "h2", "h3", "h4", "h5", "h6"}) > h.headingAt &&
		permalinkMarks[strings.TrimSpace(html.UnescapeString(raw))] {
		return // a heading's link to itself ("Path#", "Usage¶")
	}
	for i := 0; i < len(raw); {
		if isHTMLSpace(raw[i]) {
			h.space = true
			i++
			continue
		}
		j := i
		for j < len(raw) && !isHTMLSpace(raw[j]) {
			j++
		}
		h.words(html.UnescapeString(raw[i:j]), off+i)
		i = j
	}
}

// permalinkMarks are the texts of a heading's link to itself.
var permalinkMarks = map[string]bool{"#": true, "¶": true, "§": true, "🔗": true, "[src]": true, "[source]": true}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' }

// words adds the decoded text of a run of markup without white space.
// Entities may have put spaces in it (&nbsp;) or control characters.
func (h *htmlScanner) words(w string, off int) {
	w = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, w)
	if w == "" {
		return
	}
	h.codeEnded = false // shown text came after the <code>
	if w[0] == ' ' {
		h.space = true
	}
	for k, part := range strings.Fields(w) {
		if k > 0 {
			h.space = true
		}
		h.word(part, off)
	}
	if w[len(w)-1] == ' ' {
		h.space = true
	}
}

// word adds a word at byte offset off of the markup to the line, or to a
// new line when white space and a new line of markup came before it (the
// visible text keeps to the lines of the markup).
func (h *htmlScanner) word(w string, off int) {
	ln := h.lineAt(off)
	if h.open && h.space && h.sep == "" && ln > h.curO.Last && h.tables == 0 && h.headingAt < 0 {
		h.endLine()
	}
	switch {
	case !h.open:
		h.curO = Origin{First: ln, Last: ln, Anchor: h.anchor, Heading: h.headingAt >= 0}
		h.open = true
		switch {
		case h.marker != "":
			h.cur.WriteString(h.marker) // an item's first line
			h.marker = ""
		case h.tables == 0 && h.pres == 0 && h.headingAt < 0 && h.indent() > 0:
			h.cur.WriteString(strings.Repeat(" ", h.indent())) // an item's further line
		}
	case h.sep != "":
		h.cur.WriteString(h.sep)
	case h.space:
		h.cur.WriteByte(' ')
	}
	if h.sup && !h.space && h.cur.Len() > 0 {
		h.cur.WriteByte('^') // right after a word: "2^32", not "note ^1" nor a caret opening a line
	}
	h.sup = false
	h.sep, h.space = "", false
	h.cur.WriteString(w)
	h.curO.Last = max(h.curO.Last, ln)
}

// preText adds the text of a <pre> line by line, spaces kept.
func (h *htmlScanner) preText(raw string, off int) {
	for i, seg := range strings.Split(raw, "\n") {
		if i > 0 {
			if !h.open {
				ln := h.lineAt(off - 1)
				h.curO = Origin{First: ln, Last: ln, Anchor: h.anchor}
			}
			h.push(h.cur.String(), h.curO)
			h.cur.Reset()
			h.open, h.space, h.sep = false, false, ""
		}
		t := strings.Map(func(r rune) rune {
			switch {
			case r == '\t':
				return r
			case unicode.IsSpace(r):
				return ' '
			case unicode.IsControl(r):
				return -1
			}
			return r
		}, html.UnescapeString(seg))
		if t != "" {
			h.codeEnded = h.codeEnded && strings.TrimSpace(t) == ""
			ln := h.lineAt(off)
			if !h.open {
				h.curO = Origin{First: ln, Last: ln, Anchor: h.anchor}
				h.open = true
			}
			h.cur.WriteString(t)
			h.curO.Last = max(h.curO.Last, ln)
		}
		off += len(seg) + 1
	}
}

// endLine ends the line being written, if it holds anything.
func (h *htmlScanner) endLine() {
	if h.open {
		h.push(h.cur.String(), h.curO)
	}
	h.cur.Reset()
	h.open, h.space, h.sep = false, false, ""
}

// push adds a line of visible text to the open block.
func (h *htmlScanner) push(line string, o Origin) {
	idx := len(h.lines)
	h.lines = append(h.lines, line)
	h.origins = append(h.origins, o)
	if strings.TrimSpace(line) == "" {
		return
	}
	if h.blk.first < 0 {
		h.blk.first = idx
	}
	h.blk.last = idx
	if h.unitNext || h.blk.kind == Code {
		h.blk.units = append(h.blk.units, idx)
		h.unitNext = false
	}
}

// pageContents reports whether the list whose items markup opens (after
// its <ol> or <ul> tag, name) is a table of the page's contents: three
// items or more, each only a link to a place in the page ("<li><a
// href="#q12">I deleted a lot of data …</a></li>"), no list within it.
// It repeats the headings or questions below it, which are read there.
func pageContents(markup, name string) bool {
	end := closingTag(markup, name)
	if end < 0 {
		return false
	}
	body := markup[:end]
	var texts []string
	for rest := strings.TrimSpace(body); rest != ""; {
		m := contentsLink.FindStringSubmatchIndex(rest)
		if m == nil || m[0] != 0 {
			return false
		}
		texts = append(texts, strings.Join(strings.Fields(html.UnescapeString(anyTag.ReplaceAllString(rest[m[2]:m[3]], ""))), " "))
		rest = strings.TrimSpace(rest[m[1]:])
	}
	if len(texts) < 3 {
		return false
	}
	// What it lists is read below it: its first words recur there (a
	// heading, an FAQ's question), or it is no table of contents but the
	// only place they are said.
	after := strings.Join(strings.Fields(html.UnescapeString(anyTag.ReplaceAllString(markup[end:], " "))), " ")
	for _, t := range texts {
		if w := strings.Fields(t); len(w) > 0 && !strings.Contains(after, strings.Join(w[:min(3, len(w))], " ")) {
			return false
		}
	}
	return true
}

// closingTag returns where the first closing tag of the element name
// opens in markup ("</ul>"; not "</b" of "</body>"), matched without
// regard to case, -1 for none.
func closingTag(markup, name string) int {
	for i := 0; ; {
		k := strings.Index(markup[i:], "</")
		if k < 0 {
			return -1
		}
		i += k
		if j := i + 2 + len(name); j <= len(markup) && strings.EqualFold(markup[i+2:j], name) &&
			(j == len(markup) || markup[j] == '>' || markup[j] == ' ' || markup[j] == '\t' || markup[j] == '\n' || markup[j] == '\r') {
			return i
		}
		i += 2
	}
}

// contentsLink matches an item of a page's table of contents: a link to a
// place in the page and nothing else (no list within it).
var contentsLink = regexp.MustCompile(`(?is)^<li\b[^>]*>\s*<a\s[^>]*\bhref\s*=\s*["']?#[^>]*>((?:[^<]|</?(?:b|i|em|strong|code|tt|span)\b[^>]*>)*)</a>\s*(?:</li\s*>)?`)

// maxContentsMarkup bounds how much of a list is read ahead for
// pageContents.
const maxContentsMarkup = 1 << 16

// parameterList reports whether the <dl> whose content markup opens,
// within the description of an object of code, lists its parameters:
// its first term is one name ("<dt><cite>cache_size</cite></dt>", Jinja's
// Environment). Its terms then head their descriptions as the object's
// do: "Per default this is 400" is said of cache_size.
func parameterList(markup string) bool {
	m := firstTerm.FindStringSubmatch(markup)
	if m == nil {
		return false
	}
	t := strings.TrimSpace(html.UnescapeString(anyTag.ReplaceAllString(m[1], "")))
	return parameterName.MatchString(t)
}

// headedTerms reports whether the <dl> whose content markup opens has
// terms that head their descriptions as headings do: its first term is
// code ("<dt><span class="term"><code class="varname">port</code>
// (integer)</span></dt>", DocBook's variablelist of settings), an option
// ("-v, --verbose") or a question (an FAQ's "<dt>How do I ignore changes
// to a tracked file?</dt>"). Each description is then read as said of its
// term, apart from the next one's ("The default is 100" of
// max_connections), not as one list.
func headedTerms(markup string) bool {
	m := firstTerm.FindStringSubmatch(markup)
	if m == nil {
		return false
	}
	inner := strings.TrimSpace(leadingSpans.ReplaceAllString(m[1], ""))
	t := strings.Join(strings.Fields(html.UnescapeString(anyTag.ReplaceAllString(m[1], ""))), " ")
	return codeOpening.MatchString(inner) || strings.HasPrefix(t, "-") && !strings.HasPrefix(t, "- ") || strings.HasSuffix(t, "?") && len(strings.Fields(t)) >= 3
}

// leadingSpans matches the <span> and <a> tags, and the bold and italic
// ones, opening a term (yodl's "<dt><strong><strong><code>backlog"); codeOpening
// a term opening with an element of code.
var (
	leadingSpans = regexp.MustCompile(`^(?is)(\s*<(span|a|b|strong|em|i)\b[^>]*>)+`)
	codeOpening  = regexp.MustCompile(`(?i)^<(code|tt|kbd|var|samp)\b`)
)

// firstTerm matches the markup up to a <dl>'s first term, capturing its
// content: after anchors and empty paragraphs, to its end tag or, where
// the markup leaves it out as HTML allows (yodl's, man2html's manual
// pages), to the description or term after it; anyTag a tag; parameterName one name of code.
var (
	firstTerm     = regexp.MustCompile(`(?is)^\s*(?:<(?:a|p|br)\b[^>]*>\s*(?:</a>\s*)?)*<dt\b[^>]*>(.{1,200}?)(?:</dt>|<dd\b|<dt\b)`)
	anyTag        = regexp.MustCompile(`<[^>]*>`)
	parameterName = regexp.MustCompile(`^\*{0,2}[A-Za-z_][\w.]*$`)
)

// maxParameterMarkup bounds how much of a <dl> parameterList reads.
const maxParameterMarkup = 1024

// ahead returns up to n bytes of the markup after the tag being handled:
// what a look-ahead reads.
func (h *htmlScanner) ahead(n int) string { return h.markup[h.off:min(len(h.markup), h.off+n)] }

// boldQuestion reports whether what follows a <p> (markup) is only a
// question in bold: "<b>(1) How do I create an AUTOINCREMENT
// field?</b></p>", links and code within it allowed.
func boldQuestion(markup string) bool {
	tag, t, end := openingBold(markup)
	if tag == "" {
		return false
	}
	if end < 0 {
		return false
	}
	inner := t[:end]
	if !onlyTags(inner, questionInline) {
		return false // a paragraph that goes on past the bold words, or a block
	}
	words := strings.TrimSpace(anyTag.ReplaceAllString(inner, ""))
	rest := strings.TrimLeft(t[end:], " \t\r\n")
	after := closingTag(rest, tag) // the bold tag's own end
	if after != 0 {
		return false
	}
	rest = strings.TrimLeft(rest[strings.IndexByte(rest, '>')+1:], " \t\r\n")
	return len(words) >= 3 && strings.HasSuffix(words, "?") && len(rest) >= 3 && strings.EqualFold(rest[:3], "</p")
}

// boldOption reports whether what follows a <p> or a table's cell
// (markup) is only an option's term opening in bold: "<b>&minus;dir</b>
// <i>directory</i></p>", "<b>-q</b>, <b>--quiet</b></p>": a dash, a minus
// sign or a plus, then a letter (not "+1 for this", "-5°C"); no word
// outside the terms in bold and their arguments in italics (an option's
// one-line description, "<b>-v</b> print every name", is a paragraph);
// no "=" (a diff's "-old_value = 1").
func boldOption(markup string) bool {
	t := strings.TrimLeft(markup, " \t\r\n")
	if !(len(t) > 3 && (strings.EqualFold(t[:3], "<b>") || len(t) > 8 && strings.EqualFold(t[:8], "<strong>"))) {
		return false
	}
	low := strings.ToLower(t)
	end := strings.Index(low, "</p")
	if cell := strings.Index(low, "</td"); cell >= 0 && (end < 0 || cell < end) {
		end = cell
	}
	if end < 0 {
		return false
	}
	inner := t[:end]
	if !onlyTags(inner, optionInline) {
		return false
	}
	words := strings.Join(strings.Fields(html.UnescapeString(anyTag.ReplaceAllString(inner, ""))), " ")
	if words == "" || len(words) > maxOptionTerm || strings.ContainsAny(words, "=.") && !strings.Contains(words, "...") {
		return false
	}
	outside := strings.TrimSpace(html.UnescapeString(anyTag.ReplaceAllString(termParts.ReplaceAllString(inner, ""), "")))
	if strings.Trim(outside, " ,|[]<>/") != "" {
		return false // words outside the terms: a description
	}
	r, n := utf8.DecodeRuneInString(words)
	second, _ := utf8.DecodeRuneInString(words[n:])
	return strings.ContainsRune("-−‐‑+", r) && (unicode.IsLetter(second) || strings.ContainsRune("-−?", second))
}

// termParts matches an option's term in bold and its argument in italics
// (or as a variable or code): what an option's heading may hold.
var termParts = regexp.MustCompile(`(?is)<(b|strong|i|em|var|code|tt)\b[^>]*>.*?</(b|strong|i|em|var|code|tt)>`)

// boldTitle reports whether what follows a <p> (markup) is only a few
// words in bold, no sentence: "<b>Notes</b></p>", "<b>General options</b></p>";
// or, runIn, such words then a line break ("<b>Notes</b><br>Options may …").
func boldTitle(markup string, runIn bool) bool {
	tag, t, end := openingBold(markup)
	if tag == "" {
		return false
	}
	if end < 0 || strings.Contains(t[:end], "<") {
		return false
	}
	rest := strings.TrimLeft(t[end:], " \t\r\n")
	rest = strings.TrimLeft(rest[strings.IndexByte(rest, '>')+1:], " \t\r\n")
	words := strings.Fields(html.UnescapeString(t[:end]))
	last := ""
	if len(words) > 0 {
		last = words[len(words)-1]
	}
	if len(words) == 0 || len(words) > maxTitleWords || strings.ContainsAny(last, ".!?,;") {
		return false
	}
	if runIn {
		return len(rest) >= 3 && strings.EqualFold(rest[:3], "<br")
	}
	return len(rest) >= 3 && strings.EqualFold(rest[:3], "</p")
}

// maxTitleWords bounds a title in bold (boldTitle).
const maxTitleWords = 6

// layoutOption reports whether what follows a <table> (markup) is one row
// whose first cell with text holds only an option's term in bold
// (boldOption): a layout, not a table.
func layoutOption(markup string) bool {
	low := strings.ToLower(markup)
	end := strings.Index(low, "</table")
	if end < 0 || strings.Count(low[:end], "<tr") != 1 || strings.Contains(low[:end], "<table") || strings.Contains(low[:end], "<th") {
		return false
	}
	for rest := markup[:end]; ; {
		i := strings.Index(strings.ToLower(rest), "<td")
		if i < 0 {
			return false
		}
		rest = rest[i:]
		rest = rest[strings.IndexByte(rest, '>')+1:]
		cell := rest
		if j := strings.Index(strings.ToLower(cell), "</td"); j >= 0 {
			cell = cell[:j]
		}
		if strings.TrimSpace(anyTag.ReplaceAllString(cell, "")) == "" {
			continue // a margin's empty cell
		}
		t := strings.TrimLeft(cell, " \t\r\n")
		if len(t) > 2 && strings.EqualFold(t[:2], "<p") {
			t = t[strings.IndexByte(t, '>')+1:]
		}
		return boldOption(t + "</p>")
	}
}

// maxLayoutMarkup bounds how much of a table layoutOption reads.
const maxLayoutMarkup = 2048

// optionInline are the tags an option's term may hold; maxOptionTerm bounds
// its text, in bytes.
var optionInline = map[string]bool{"b": true, "strong": true, "i": true, "em": true, "code": true, "tt": true, "var": true, "a": true, "span": true}

const maxOptionTerm = 80

// openingBold returns, when markup opens on a bold element (<b> or
// <strong>, after white space), its tag, the markup after that opening tag
// and where in it the element's end tag is (-1 for none); tag is ""
// otherwise.
func openingBold(markup string) (tag, after string, end int) {
	t := strings.TrimLeft(markup, " \t\r\n")
	for _, name := range []string{"b", "strong"} {
		if len(t) > len(name)+2 && t[0] == '<' && strings.EqualFold(t[1:len(name)+1], name) && t[len(name)+1] == '>' {
			tag = name
		}
	}
	if tag == "" {
		return "", "", -1
	}
	after = t[len(tag)+2:]
	return tag, after, closingTag(after, tag)
}

// onlyTags reports whether every tag in markup, opening or closing, is one
// of allowed.
func onlyTags(markup string, allowed map[string]bool) bool {
	for _, m := range anyTag.FindAllString(markup, -1) {
		name := strings.ToLower(strings.TrimLeft(strings.Trim(m, "<>/ "), "/"))
		if i := strings.IndexAny(name, " \t\n"); i >= 0 {
			name = name[:i]
		}
		if !allowed[name] {
			return false
		}
	}
	return true
}

// questionInline are the tags a bold question may hold.
var questionInline = map[string]bool{"a": true, "code": true, "i": true, "em": true, "tt": true}

// maxQuestionMarkup bounds how much of a paragraph boldQuestion reads.
const maxQuestionMarkup = 600

// finishHeading ends the heading being read: its text is a line of its own
// and the next section.
func (h *htmlScanner) finishHeading() {
	if h.headingAt < 0 {
		return
	}
	h.headingAt = -1
	t, o, open := h.cur.String(), h.curO, h.open
	h.cur.Reset()
	h.open, h.space, h.sep = false, false, ""
	if !open {
		return
	}
	idx := len(h.lines)
	h.lines = append(h.lines, t)
	h.origins = append(h.origins, o)
	h.s.heading(mdHeading{level: h.headingLevel, text: cleanHTMLTitle(t)}, idx)
}

// endBlock ends the open block, recording it, and starts one of kind next.
func (h *htmlScanner) endBlock(next Kind) {
	h.endLine()
	if b := h.blk; b.first >= 0 {
		units := b.units
		if b.kind == Paragraph {
			units = nil
		} else if len(units) == 0 || units[0] != b.first {
			units = append([]int{b.first}, units...)
		}
		h.s.emit(Block{Kind: b.kind, First: b.first, Last: b.last, Units: units})
	}
	h.blk = openBlock{kind: next, first: -1}
	h.unitNext = false
}

// doc returns what the scan found.
func (h *htmlScanner) doc() Doc {
	s := h.s
	text := strings.Join(h.lines, "\n")
	s.lines = SplitLines(text)
	s.out.Text, s.out.Lines, s.out.Origins, s.out.html = text, s.lines, h.origins, true
	s.out.frontTitle = h.title.String()
	if s.out.frontTitle == "" {
		s.out.frontTitle = h.metaTitle
	}
	s.joinLeadIns()
	if len(s.out.Blocks) == 0 {
		// Headings alone: each is a passage, as in a Markdown file.
		for i, l := range s.lines {
			if !l.Blank() {
				s.out.Blocks = append(s.out.Blocks, Block{Kind: Paragraph, First: i, Last: i, Head: -1})
			}
		}
	}
	return s.out
}
