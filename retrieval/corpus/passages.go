package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/citebot/citebot/retrieval/corpus/structure"
	"github.com/citebot/citebot/retrieval/text"
)

// MaxPassageChars is the size, in characters, above which a paragraph is
// split into several passages at sentence boundaries.
const MaxPassageChars = 1200

// Passage is a paragraph-sized piece of a document with its provenance.
// Its JSON form is flat: {"id", "source", "title", …, "text"}.
type Passage struct {
	ID string `json:"id"`
	Locator
	// Text is the verbatim text of lines LineStart..LineEnd; for HTML, the
	// visible text of the markup on those lines. Either way it is within
	// Corpus.Lines of its Locator, which is what quotes are checked against.
	Text string `json:"text"`
	// Lines says, for a passage whose text is not its source's own lines
	// (HTML's visible text, a PDF page's), the lines of the source each
	// line of Text comes from; nil when line i of Text is line
	// LineStart+i. An excerpt's lines are read from it.
	Lines []LineSpan `json:"-"`
	// Plain marks the text of a plain-text document, where a line opening
	// on "#" is a comment ("# The amount of time…" of a sample
	// configuration), not a Markdown heading: its sentences are
	// text.PlainSentences.
	Plain bool `json:"-"`
	// Copies are the other documents that hold the same text, dropped as
	// its duplicates (a docs site's v1 and v2 pages repeating a
	// paragraph): the passage is theirs too. Sorted, nil when none.
	Copies []string `json:"copies,omitempty"`
}

// Sentences splits the passage's text into sentences as its format reads.
func (p Passage) Sentences() []text.Span {
	if p.Plain {
		return text.PlainSentences(p.Text)
	}
	return text.Sentences(p.Text)
}

// LineSpan is the first and last line of a source that one line of a
// passage's text comes from.
type LineSpan struct{ First, Last int32 }

// LinesOf returns the source lines of the text of p from byte start to
// byte end (end excluded), or false when p has no lines (a format without
// them).
func (p Passage) LinesOf(start, end int) (first, last int, ok bool) {
	if p.LineStart <= 0 {
		return 0, 0, false
	}
	a, b := strings.Count(p.Text[:start], "\n"), strings.Count(p.Text[:max(start, end-1)], "\n")
	if p.Lines != nil {
		if b >= len(p.Lines) {
			return p.LineStart, p.LineEnd, true // not reached: one span per line of Text
		}
		return int(p.Lines[a].First), int(p.Lines[b].Last), true
	}
	return p.LineStart + a, p.LineStart + b, true
}

// DocInfo describes one document of an index.
type DocInfo struct {
	Source   string `json:"source"`
	Title    string `json:"title"`
	Passages int    `json:"passages"`
}

// Chunked is a corpus split into passages.
type Chunked struct {
	Passages   []Passage
	Documents  []DocInfo
	Duplicates int // passages dropped because the same text came earlier
	Navigation int // passages dropped as a table of contents: of the corpus's pages or of a document's sections (tableOfContents)
}

// Chunk splits every document of c into passages, keeps one of the
// passages whose text is the same after NormalizeText, and gives each
// passage an ID derived from its source and text alone, so the same corpus
// gives the same IDs anywhere. Of equal passages, the first in document
// order is kept, unless it is in a compilation of other documents and
// another holds it: a site's page, not the one-page edition of the site
// that comes first by name (Node.js's all.html before fs.html).
func Chunk(c *Corpus) Chunked {
	type split struct {
		title  string
		pieces []piece
		bodies []string // each piece's body, normalised
		keep   []bool
	}
	docs := make([]split, len(c.Documents))
	sources := make(map[string]bool, len(c.Documents))
	for _, d := range c.Documents {
		sources[d.Source] = true
	}
	var navigation int
	for i, d := range c.Documents {
		docs[i].title, docs[i].pieces = splitDocument(d)
		n := len(docs[i].pieces)
		titles := sectionTitles(docs[i].pieces)
		docs[i].pieces = slices.DeleteFunc(docs[i].pieces, func(p piece) bool {
			return tableOfContents(p.body, d.Source, sources) || sectionsList(p, docs[i].title, titles)
		})
		navigation += n - len(docs[i].pieces)
		docs[i].keep = make([]bool, len(docs[i].pieces))
		docs[i].bodies = make([]string, len(docs[i].pieces))
		for k, p := range docs[i].pieces {
			docs[i].bodies[k] = text.NormalizeText(p.body)
		}
	}
	// Where each text is kept: the first document holding it, unless
	// that is a compilation and another is not.
	holders := make(map[string][]int) // the documents holding each text, in order
	for i := range docs {
		for _, b := range docs[i].bodies {
			if hs := holders[b]; len(hs) == 0 || hs[len(hs)-1] != i {
				holders[b] = append(hs, i)
			}
		}
	}
	size := func(i int) int { return len(docs[i].pieces) }
	// The two smallest documents holding each text (fewest passages,
	// then first): whether a text is shared with a document a fraction of
	// a document's size needs only the smallest other holder, so a
	// footer that 64k pages share costs 64k steps, not 64k².
	smallest := make(map[string][2]int) // of the texts more than one document holds
	for b, hs := range holders {
		if len(hs) < 2 {
			continue
		}
		two := [2]int{hs[0], -1}
		for _, h := range hs[1:] {
			switch {
			case size(h) < size(two[0]):
				two = [2]int{h, two[0]}
			case two[1] < 0 || size(h) < size(two[1]):
				two[1] = h
			}
		}
		smallest[b] = two
	}
	// A compilation is a document most of whose texts many others hold,
	// each a small part of its size.
	compilation := make([]bool, len(docs))
	for i := range docs {
		shared, partners := 0, make(map[int]bool)
		for _, b := range docs[i].bodies {
			two, ok := smallest[b]
			if !ok {
				continue // this document's alone
			}
			h := two[0]
			if h == i {
				h = two[1]
			}
			if h >= 0 && size(h)*compilationRatio <= size(i) {
				partners[h] = true
				shared++
			}
		}
		compilation[i] = len(partners) >= minCompiled && shared*10 >= size(i)*8
	}
	keeper := make(map[string]int)
	for b, hs := range holders {
		keeper[b] = hs[0]
		for _, h := range hs[1:] {
			if compilation[keeper[b]] && !compilation[h] {
				keeper[b] = h
			}
		}
	}
	seen := make(map[string]bool)
	copies := make(map[string][]string) // the sources of each dropped body
	keys := make([][]string, len(docs)) // each kept piece's text, normalised
	for i := range docs {
		keys[i] = make([]string, len(docs[i].pieces))
		for k, p := range docs[i].pieces {
			// A passage repeating another under a heading is a
			// duplicate too: the body decides.
			body := docs[i].bodies[k]
			if seen[body] || keeper[body] != i {
				copies[body] = append(copies[body], c.Documents[i].Source)
				continue
			}
			seen[body] = true
			key := body
			if p.body != p.Text {
				key = text.NormalizeText(p.Text)
			}
			seen[key], keys[i][k] = true, key
			docs[i].keep[k] = true
		}
	}
	out := Chunked{Navigation: navigation}
	ids := make(map[string]bool)
	for i, d := range c.Documents {
		kept := 0
		for k, p := range docs[i].pieces {
			if !docs[i].keep[k] {
				out.Duplicates++
				continue
			}
			p.ID = passageID(d.Source, keys[i][k], ids)
			ids[p.ID] = true
			p.Copies = copiesOf(copies[docs[i].bodies[k]], d.Source)
			out.Passages = append(out.Passages, p.Passage)
			kept++
		}
		out.Documents = append(out.Documents, DocInfo{Source: d.Source, Title: docs[i].title, Passages: kept})
	}
	return out
}

// copiesOf returns the sources holding a kept passage's text besides its
// own (source), sorted and once each; nil when none.
func copiesOf(sources []string, source string) []string {
	var out []string
	for _, s := range sources {
		if s != source {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// tableOfContents reports whether a passage's body is a list of links to
// other documents of the corpus, each item opening with one ("- [Variables]
// (./variables.md): declaring values, …"): a docs site's index, whose
// summaries matched every how-to question while the pages they point to
// hold the answers. At least three items, two thirds of them to documents
// the corpus holds (a list pointing to pages it lacks is kept: it may be
// all there is) or to sections of the document itself, each item nothing
// but the link ("- [Flags](#flags)"): a README's contents, whose section
// names matched any question while the sections hold the answers (and
// their names stay searchable as their passages' section paths).
func tableOfContents(body, source string, sources map[string]bool) bool {
	items, held := 0, 0
	bare := false // the last item is a bare link to a section
	for _, l := range strings.Split(body, "\n") {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if !text.IsListMarker(t) {
			if items == 0 || t == l || bare {
				return false // text before the list, or after it (a passage packs a section's blocks), or a section's link with words of its own
			}
			continue // an item's text going on, indented
		}
		if bare = contentsItem.MatchString(t); bare {
			items++
			held++
			continue
		}
		m := navigationItem.FindStringSubmatch(t)
		if m == nil {
			return false
		}
		items++
		target, _, _ := strings.Cut(m[1], "#")
		for _, p := range []string{path.Join(path.Dir(source), target), path.Clean(strings.TrimPrefix(target, "/"))} {
			if sources[p] {
				held++
				break
			}
		}
	}
	return items >= 3 && held*3 >= items*2
}

// sectionsList reports whether a passage lists its own document's section
// titles, nothing else but the document's title, rule lines and a label
// ("Contents"; a title of its own section path only where other passages
// are under it too): a table of contents
// without links ("0. Overview", "1.1. Overall documentation", … over the
// sections they name), whose titles match any question while the
// sections hold the answers (and their titles stay searchable as their
// passages' section paths). At least minListedSections titles, so that a
// short list of things that also head sections ("- Linux", "- macOS" over
// a section for each) stays an answer. A passage holding more (the line
// under a title giving its release) is kept; numbered lines may name
// sections that hold no text of their own, as long as most lines name one.
func sectionsList(p piece, title string, titles map[string]int) bool {
	title = sectionKey(title)
	own := make(map[string]bool) // titles of the passage's own section path: named only where other passages are under them too
	for _, t := range strings.Split(p.Section, structure.SectionSeparator) {
		own[sectionKey(t)] = true
	}
	named := make(map[string]bool)
	entries := 0 // numbered lines naming no section (one with no text of its own, over its subsections)
	for _, l := range strings.Split(p.Text, "\n") {
		t := strings.TrimSpace(l)
		if t == "" || !strings.ContainsFunc(t, unicode.IsLetter) {
			continue
		}
		switch k := sectionKey(t); {
		case k == title || contentsLabel[strings.TrimRight(k, ":")]:
		case titles[k] > 1 || titles[k] == 1 && !own[k]:
			named[k] = true
		case entryNumber.MatchString(t):
			entries++
		default:
			return false
		}
	}
	return len(named) >= minListedSections && len(named) >= entries
}

// contentsLabel holds the labels a table of contents goes by.
var contentsLabel = map[string]bool{"contents": true, "table of contents": true, "toc": true, "index": true, "sections": true, "chapters": true, "in this document": true, "on this page": true}

// minListedSections is the fewest section titles a list names to be a
// table of contents (sectionsList).
const minListedSections = 4

// sectionTitles returns the keys (sectionKey) of the titles in the
// section paths of a document's pieces, each with the number of pieces
// under it.
func sectionTitles(pieces []piece) map[string]int {
	titles := make(map[string]int)
	for _, p := range pieces {
		for _, t := range strings.Split(p.Section, structure.SectionSeparator) {
			if k := sectionKey(t); k != "" {
				titles[k]++
			}
		}
	}
	return titles
}

// sectionKey is a section title as a table of contents may list it: lower
// case, without a list marker or the section's number ("1.1. Overall
// documentation", "2a. Unix", "A) Usage", "IV. Notes") and with its words
// single-spaced.
func sectionKey(title string) string {
	t := sectionNumber.ReplaceAllString(strings.ToLower(title), "")
	return strings.Join(strings.Fields(t), " ")
}

// entryNumber matches a line opening on a section's number ("1. ", "2.3 ",
// "iv) "), not a bullet.
var entryNumber = regexp.MustCompile(`^` + sectionNumberRE + `\s+\S`)

// sectionNumber matches a list marker or a Markdown heading's marks, and a
// section number, opening a title.
var sectionNumber = regexp.MustCompile(`^\s*(?:[-*+•]\s+|#{1,6}\s+)?(?:` + sectionNumberRE + `\s+)?`)

// sectionNumberRE is a section's number as a title or a list of them
// writes it: "1.1.", "2a.", "10", "A)", "iv.".
const sectionNumberRE = `(?:\d+[a-z]?(?:\.\d+[a-z]?)*[.)]?|(?:[a-z]|[ivxlc]+)[.)])`

// navigationItem matches a list item opening with a link to a page by a
// relative path.
var navigationItem = regexp.MustCompile(`^(?:[-*+]|\d+[.)])\s+\[[^\]]+\]\(((?:\.{0,2}/)?[\w./-]+\.(?:md|markdown|html?|rst|txt)(?:#[\w-]*)?)\)`)

// contentsItem matches a list item that is only a link to a section of
// its own document.
var contentsItem = regexp.MustCompile(`^(?:[-*+]|\d+[.)])\s+\[[^\]]+\]\(#[^)\s]*\)$`)

// A compilation holds at least compilationRatio times the passages of
// each of at least minCompiled documents whose texts make 80 % of its own:
// two READMEs sharing a licence paragraph, or a docs site's pages sharing
// option blocks, are none.
const (
	compilationRatio = 4
	minCompiled      = 10
)

func passageID(source, key string, taken map[string]bool) string {
	sum := sha256.Sum256([]byte(source + "\x00" + key))
	id := hex.EncodeToString(sum[:6])
	for n := 2; taken[id]; n++ {
		id = hex.EncodeToString(sum[:6]) + "-" + strconv.Itoa(n)
	}
	return id
}

// piece is a passage before it has an ID, and its text without the
// heading lines above it.
type piece struct {
	Passage
	body string
}

// pastTitle returns the first heading line of those from head up to a
// block's first line that is not the document's title ("# yq: Command-line
// YAML processor" over "## Installation"), -1 for none: the title is every
// passage's (its Title field), not the first passage's words alone.
func pastTitle(lines []structure.Line, head, first int, title string) int {
	if t, ok := structure.ATXHeadingText(lines[head].Text); !ok || t != title {
		return head
	}
	for k := head + 1; k < first; k++ {
		if !lines[k].Blank() {
			return k
		}
	}
	return -1
}

// splitDocument returns the title of d and its passages, without IDs.
func splitDocument(d Document) (string, []piece) {
	st := d.scan()
	doc, lines := st.Text, st.Lines
	title := documentTitle(d, st)
	lineStarts := []int{0}
	for i := 0; i < len(doc); i++ {
		if doc[i] == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	lineOf := func(off int) int {
		return sort.Search(len(lineStarts), func(i int) bool { return lineStarts[i] > off })
	}
	// Each block's passages, then neighbours of one section packed, each
	// passage on one page of a PDF (pages: its origins; nil for others).
	var pages []structure.Origin
	if paged(st.Origins) {
		pages = st.Origins
	}
	var spans []sectionSpan
	for _, b := range st.Blocks {
		section := b.Section
		if section == title {
			section = ""
		}
		// The page's title over its own top heading ("20.3. Connections
		// and Authentication › 20.3.1. Connection Settings" under a
		// <title> of the same words) is said once, as the title.
		section = strings.TrimPrefix(section, title+structure.SectionSeparator)
		if b.Head >= 0 {
			b.Head = pastTitle(lines, b.Head, b.First, title)
		}
		for _, s := range pageSpans(doc, lines, pages, blockSpans(doc, lines, b)) {
			body := s.Start
			if b.Head >= 0 && s.End <= lines[b.First].Start {
				continue // a heading cut from its block by a page break
			}
			if b.Head >= 0 && s.Start == lines[b.Head].Start {
				body = lines[b.First].Start
			}
			spans = append(spans, sectionSpan{Span: s, body: body, section: section})
		}
	}
	var out []piece
	plain := d.Kind == "txt" || d.Kind == "info"
	if plain {
		spans = ruledEntries(doc, lines, spans) // Markdown's rules part sections under headings
	}
	faqEntries(doc, spans)
	for _, s := range packSection(doc, lines, pages, spans) {
		loc := Locator{
			Source:    d.Source,
			Title:     title,
			Section:   s.section,
			LineStart: lineOf(s.Start),
			LineEnd:   lineOf(s.End - 1),
		}
		var ls []LineSpan
		if st.Origins != nil {
			// Lines of the visible text → lines of the markup, or
			// of a PDF's page (a passage never spans two pages: a
			// blank line parts them).
			origins := st.Origins[loc.LineStart-1 : loc.LineEnd]
			first, last := origins[0], origins[len(origins)-1]
			loc.LineStart, loc.LineEnd, loc.Anchor, loc.Page = first.First, last.Last, textAnchor(origins), first.Page
			ls = make([]LineSpan, len(origins))
			for i, o := range origins {
				ls[i] = LineSpan{First: int32(o.First), Last: int32(o.Last)}
			}
		}
		out = append(out, piece{body: doc[s.body:s.End], Passage: Passage{Locator: loc, Text: doc[s.Start:s.End], Lines: ls, Plain: plain}})
	}
	return title, out
}

// sectionSpan is a passage's span of a document, where its text starts
// below the headings it begins with, and its section.
type sectionSpan struct {
	text.Span
	body    int
	section string
}

// PackChars is the size, in characters (the heading lines a passage starts
// with included), up to which neighbouring passages of one section are
// joined into one: a section's lead-in, its example and the note below it
// answer together.
const PackChars = 700

// packSection joins each passage to the one before when both are in the
// same section under a heading (or in none, where it goes on about what
// the one before says: "This release introduced …" under "Zorp 8 Jessie
// (April 2015): …"), only blank lines part them (no heading, no
// decoration left out of passages), they are on one page, and together
// they fit in PackChars; or, in any section or none, when they are an
// FAQ's question and its answer (see answers).
//
// An entry of a reference page (a label and the text about it, see
// entryOf) joins the passage before only when the whole of it fits there
// too: it is cut from the entry before, not in its middle ("*Default*: 3"
// in the next option's passage). An entry too long for one passage is
// cut into passages of its own, each under its label as under a heading
// ("[program:x] Section Values › autorestart"), which no other entry joins.
func packSection(doc string, lines []structure.Line, origins []structure.Origin, spans []sectionSpan) []sectionSpan {
	of := entryOf(doc, spans)
	last := make(map[int]int) // each entry's end, by its label's span
	for j, o := range of {
		if o >= 0 {
			last[o] = spans[j].End
		}
	}
	var out []sectionSpan
	var from []int            // the span each passage starts at
	cut := func(k int) bool { // out[k] is of an entry cut apart
		o := of[from[k]]
		return o >= 0 && (from[k] != o || last[o] > out[k].End)
	}
	for i, s := range spans {
		k := len(out) - 1
		end := s.End
		if of[i] == i {
			end = last[i]
		}
		if k >= 0 && s.section == out[k].section && s.body == s.Start &&
			((s.section != "" || goesOn(doc[s.Start:s.End]) || breaksOff(doc[out[k].Start:out[k].End], leadsIndented(lines, out[k].End, s.Start)) || continues(doc[s.Start:s.End])) && within(doc, out[k].Start, end, PackChars) || answers(doc, out[k], s)) &&
			blankBetween(lines, out[k].End, s.Start) && samePage(lines, origins, out[k].Start, s.End) &&
			(of[i] >= 0 && of[i] == of[from[k]] || !cut(k)) {
			out[k].End = s.End
			continue
		}
		out = append(out, s)
		from = append(from, i)
	}
	for k := range out {
		if cut(k) {
			name, _ := spanLabel(doc, spans[of[from[k]]])
			out[k].section = joinSection(out[k].section, name)
		}
	}
	return out
}

// spanLabel returns the entry's label (text.EntryLabel) a span's text opens
// on, below its heading, when more text follows it.
func spanLabel(doc string, s sectionSpan) (string, bool) {
	first, rest, _ := strings.Cut(strings.TrimLeft(doc[s.body:s.End], "\n"), "\n")
	name, ok := text.EntryLabel(first)
	return name, ok && strings.TrimSpace(rest) != ""
}

// entryOf returns, for each span of an entry of a reference page, the
// index of the span opening it, -1 for the others. An entry opens on a
// span whose text (below its heading, if it opens on one) starts with an
// entry's label (text.EntryLabel) and goes on past it, in a section of two
// or more such, and runs over the spans after it in its section up to the
// next label or heading (a label with nothing under it, at the section's
// end, is the entry's before).
func entryOf(doc string, spans []sectionSpan) []int {
	of := make([]int, len(spans))
	opens := make([]bool, len(spans))
	count := make(map[string]int)
	for i, s := range spans {
		if _, ok := spanLabel(doc, s); ok {
			opens[i] = true
			count[s.section]++
		}
	}
	open := -1
	for i, s := range spans {
		switch {
		case opens[i] && count[s.section] >= 2:
			open = i
		case opens[i] || open < 0 || s.section != spans[open].section || s.body != s.Start:
			open = -1
		}
		of[i] = open
	}
	return of
}

// faqEntries puts an FAQ's question and its answer's paragraphs under the
// question, as under a heading ("If you want this new glibc package to
// stick…" of "Q2: What if I want to compile a program…"), until a question,
// a heading or another section: the passage holding the question and the
// answer's first paragraph is as much under it as the paragraphs after
// (they used to match the question by their section alone, and outrank
// the answer itself).
func faqEntries(doc string, spans []sectionSpan) {
	var question, asked string // the FAQ question open in section asked ("" for none)
	bare := false              // the span before is a question and nothing more
	for i := range spans {
		s := &spans[i]
		body := doc[s.body:s.End]
		switch {
		case text.OpensFAQQuestion(body):
			// Two questions over one answer ("How do I know which
			// distribution I run?", "And which release?") are one
			// entry, under the first.
			if !bare || s.section != asked || s.body != s.Start {
				question, asked = faqTitle(body), s.section
			}
			bare = strings.HasSuffix(strings.TrimSpace(body), "?")
			s.section = joinSection(s.section, question)
			continue
		case s.section != asked || s.body != s.Start: // another section, or a heading again
			question = ""
		case question != "":
			s.section = joinSection(s.section, question)
		}
		bare = false
	}
}

// ruledEntries puts the paragraphs of a plain-text entry set apart by rule
// lines under its first paragraph, when that one is short and others
// follow it, as under a heading: ncurses' FAQ states a problem ("Home/End
// keys don't work in some non-full-screen applications.") between
// "********" lines and answers it in the paragraphs below; Valgrind's asks
// "5.4. Is it possible to attach Valgrind to a program that is already
// running?" and answers "No. …". As a heading's line does, a first
// paragraph that asks a question opens the passage of the one under it
// when the two fit in MaxPassageChars: the question and its answer are
// quoted together, never the question alone. It returns the spans so read;
// spans is left as it was.
func ruledEntries(doc string, lines []structure.Line, spans []sectionSpan) []sectionSpan {
	out := make([]sectionSpan, 0, len(spans))
	lead, section, prev := "", "", ""
	opens := -1 // the start of the first paragraph that opens the next span's passage, -1 for none
	for i, s := range spans {
		apart := i > 0 && s.section == prev && gap(lines, spans[i-1].End, s.Start) == decoration
		prev = s.section
		if parent, title := cutSection(s.section); apart && s.body == s.Start && structure.IsNumberedQuestion(title) {
			// A numbered question heads its answer ("5.4. Can I use the
			// keys in application mode?"), up to the rule that ends the
			// entry, not the text after it.
			s.section = parent
		}
		opened := opens >= 0
		if opened {
			// The paragraph under it starts at it, its text after it.
			s.Start, opens = opens, -1
		}
		switch {
		case apart && s.body == s.Start && i+1 < len(spans) && spans[i+1].section == s.section &&
			spans[i+1].body == spans[i+1].Start && gap(lines, s.End, spans[i+1].Start) == blank && shortLead(doc[s.Start:s.End]):
			lead, section = faqTitle(doc[s.Start:s.End]), s.section
			if strings.HasSuffix(strings.TrimSpace(doc[s.Start:s.End]), "?") && fits(doc, s.Start, spans[i+1].End) {
				opens = s.Start
				continue
			}
			// A statement ("Home/End keys don't work …", a TODO's item)
			// says something itself, and a question too long with its
			// answer cannot join it: the first paragraph stays a passage
			// of its own, the others go under it all the same.
		case !opened && (apart || s.section != section || s.body != s.Start): // a heading starts anew
			lead = ""
		case lead != "":
			s.section = joinSection(s.section, lead)
		}
		out = append(out, s)
	}
	return out
}

// What parts two passages of a section: nothing (one line holds the end of
// one and the start of the other), blank lines only, or more (a rule, or
// other decoration left out of passages).
const (
	sameLine = iota
	blank
	decoration
)

// gap says what parts the text ending at end from the text starting at
// start.
func gap(lines []structure.Line, end, start int) int {
	if lineFrom(lines, end-1) >= lineFrom(lines, start) {
		return sameLine
	}
	if blankBetween(lines, end, start) {
		return blank
	}
	return decoration
}

// shortLead reports whether a paragraph is short enough to title the ones
// after it: at most three lines and maxFAQTitle bytes, and no line of it
// announcing what follows ("The GNU MPFR distribution contains the
// following files:" leads into its list; it titles nothing).
func shortLead(p string) bool {
	if len(p) > maxFAQTitle || strings.Count(p, "\n") >= 3 {
		return false
	}
	for l := range strings.Lines(p) {
		if strings.HasSuffix(strings.TrimSpace(l), ":") {
			return false
		}
	}
	return true
}

// faqTitle returns an FAQ's question as a section's title: its words after
// the "Q1:" mark, up to its question mark or its answer's mark, on one
// line, at most maxFAQTitle bytes (cut at a space); "" when it has none.
func faqTitle(body string) string {
	var q []string // the question's lines, up to its answer's
	for i, l := range strings.Split(text.WithoutFAQQuestionMark(body), "\n") {
		if i > 0 && text.OpensFAQAnswer(l) {
			break
		}
		q = append(q, l)
	}
	t := strings.Join(strings.Fields(strings.Join(q, " ")), " ")
	if i := strings.IndexByte(t, '?'); i >= 0 {
		t = t[:i+1]
	}
	if len(t) > maxFAQTitle {
		cut := strings.LastIndexByte(t[:maxFAQTitle], ' ')
		if cut <= 0 {
			cut = maxFAQTitle
		}
		t = strings.ToValidUTF8(t[:cut], "") + "…"
	}
	return t
}

// maxFAQTitle bounds an FAQ question read as a section's title, in bytes.
const maxFAQTitle = 160

// cutSection returns the path above a section and its own title.
func cutSection(section string) (parent, title string) {
	if i := strings.LastIndex(section, structure.SectionSeparator); i >= 0 {
		return section[:i], section[i+len(structure.SectionSeparator):]
	}
	return "", section
}

// goesOn reports whether a paragraph opens on words pointing back to the
// one before it: "This release …", "These changes …", "It is a fork of
// NaCl" (what "it" is, the one before says).
func goesOn(paragraph string) bool {
	return backReference.MatchString(paragraph)
}

// breaksOff reports whether a paragraph stops mid-sentence: on a colon, on
// a word that needs more after it ("The homepage of this package is at",
// "Use", "or"), or, when the paragraph after it is indented deeper
// (indented), on any word without a stop ("or specify it directly while
// configuring" over its command). The paragraph after it finishes it: the
// address, the command, the list it leads into.
func breaksOff(paragraph string, indented bool) bool {
	t := strings.TrimSpace(paragraph)
	if i := strings.LastIndexByte(t, '\n'); i >= 0 {
		t = strings.TrimSpace(t[i+1:])
	}
	if strings.HasSuffix(t, ":") {
		return true
	}
	f := strings.Fields(t)
	if len(f) == 0 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(t)
	return leadingOn[strings.ToLower(f[len(f)-1])] || indented && len(f) >= 3 && unicode.IsLetter(last)
}

// leadsIndented reports whether the text starting at offset start is
// indented deeper than the last line of the text ending at offset end.
func leadsIndented(lines []structure.Line, end, start int) bool {
	a, b := lineFrom(lines, end-1), lineFrom(lines, start)
	return a < len(lines) && b < len(lines) && lines[b].Indent > lines[a].Indent
}

// leadingOn are the words a paragraph breaks off on before what it
// leads into.
var leadingOn = map[string]bool{"a": true, "an": true, "the": true, "to": true, "of": true, "for": true, "and": true, "or": true,
	"in": true, "on": true, "at": true, "by": true, "with": true, "from": true, "into": true, "is": true, "are": true, "was": true,
	"be": true, "as": true, "like": true, "via": true, "using": true, "either": true, "use": true, "run": true, "type": true,
	"enter": true, "try": true, "execute": true}

// continues reports whether a paragraph goes on with the sentence before
// it: it opens on a conjunction in lower case ("or both in parallel, as
// here.", "and then …").
func continues(paragraph string) bool { return continuation.MatchString(paragraph) }

var continuation = regexp.MustCompile(`^\s*(?:or|and|but|nor|then|otherwise)\b`)

// backReference matches a paragraph's opening that points back.
var backReference = regexp.MustCompile(`^\s*(?:(?:This|These|That|Those|Such)\s+(?:release|version|change|changes|update|feature|features|option|setting|one|ones|means|is|was|are|were|has|had)\b|(?:It|They)\s+(?:is|was|are|were|has|had|also|adds|added|introduced|contains|contained|includes|included)\b)`)

// joinSection returns the section path below section titled title.
func joinSection(section, title string) string {
	if section == "" {
		return title
	}
	return section + structure.SectionSeparator + title
}

// answers reports whether passage q of an FAQ is a question ("Q. …",
// "Question: …") whose answer passage a opens ("A. …", "Answer: …"), the
// two together at most twice PackChars, within MaxPassageChars: one
// entry, whatever its section.
func answers(doc string, q, a sectionSpan) bool {
	return q.End <= a.Start && strings.Count(doc[q.End:a.Start], "\n") >= 2 &&
		text.OpensFAQQuestion(doc[q.body:q.End]) && text.OpensFAQAnswer(doc[a.Start:a.End]) &&
		within(doc, q.Start, a.End, min(2*PackChars, MaxPassageChars))
}

// blankBetween reports whether only blank lines part the text ending at
// offset end from the text starting at offset start.
func blankBetween(lines []structure.Line, end, start int) bool {
	return structure.BlankBetween(lines, lineFrom(lines, end-1), lineFrom(lines, start))
}

// samePage reports whether the lines of [start, end) lie on one page of a
// PDF (always, for other documents: origins nil).
func samePage(lines []structure.Line, origins []structure.Origin, start, end int) bool {
	if len(origins) != len(lines) {
		return true
	}
	page := -1
	for i := lineFrom(lines, start); i < len(lines) && lines[i].Start < end; i++ {
		if lines[i].Blank() || lines[i].End <= start {
			continue
		}
		if page >= 0 && origins[i].Page != page {
			return false
		}
		page = origins[i].Page
	}
	return true
}

// lineFrom returns the index of the first line that ends after offset off
// (lines are in document order).
func lineFrom(lines []structure.Line, off int) int {
	return sort.Search(len(lines), func(i int) bool { return lines[i].End > off })
}

// paged reports whether origins are a PDF's, whose lines have pages.
func paged(origins []structure.Origin) bool {
	for _, o := range origins {
		if o.Page > 0 {
			return true
		}
	}
	return false
}

// textAnchor is the anchor of a passage's text: that of its first line
// that is not a heading's (the headings above it, "Program initialization
// › The zero value", each have their own), else of its last line.
func textAnchor(origins []structure.Origin) string {
	for _, o := range origins {
		if !o.Heading {
			return o.Anchor
		}
	}
	return origins[len(origins)-1].Anchor
}

// pageSpans cuts each span of spans that crosses from one page of a PDF to
// the next (a heading at the foot of a page, a lead-in joined to the list
// below it) at the page break, so that a passage has one page.
func pageSpans(doc string, lines []structure.Line, origins []structure.Origin, spans []text.Span) []text.Span {
	if len(origins) != len(lines) {
		return spans
	}
	var out []text.Span
	for _, s := range spans {
		for {
			cut := -1
			page := -1
			for i := lineFrom(lines, s.Start); i < len(lines) && lines[i].Start < s.End; i++ {
				if lines[i].Blank() {
					continue
				}
				if page >= 0 && origins[i].Page != page {
					cut = i
					break
				}
				page = origins[i].Page
			}
			if cut < 0 {
				out = append(out, s)
				break
			}
			if head, ok := text.TrimSpan(doc, s.Start, lines[cut].Start); ok {
				out = append(out, head)
			}
			s.Start = lines[cut].Start
		}
	}
	return out
}

// blockSpans splits block b of doc into passages: the whole block when it
// fits in MaxPassageChars; otherwise a paragraph at sentence boundaries,
// and a list, table or code block between its units (items, rows), a unit
// too long between its lines, and only a line too long inside itself.
// Heading lines right above the block start its first passage when they fit.
func blockSpans(doc string, lines []structure.Line, b structure.Block) []text.Span {
	start, end := lines[b.First].Start, lines[b.Last].End
	var head text.Span
	if b.Head >= 0 {
		last := b.First - 1
		for lines[last].Blank() {
			last--
		}
		head = text.Span{Start: lines[b.Head].Start, End: lines[last].End}
		if fits(doc, head.Start, end) {
			return []text.Span{{Start: head.Start, End: end}}
		}
	}
	if fits(doc, start, end) {
		return []text.Span{{Start: start, End: end}}
	}
	var units []text.Span
	inside := map[int]bool{} // units that go on a sentence the one before began
	code := b.Kind == structure.Code && sourceCode(lines[b.First].Text)
	if b.Head >= 0 && fits(doc, head.Start, head.End) {
		units = append(units, head)
	}
	if b.Kind == structure.Paragraph {
		units = append(units, sentencePieces(doc, start, end)...)
	} else {
		for k, u := range b.Units {
			last := b.Last
			if k+1 < len(b.Units) {
				last = b.Units[k+1] - 1
			}
			for lines[last].Blank() {
				last--
			}
			if k > 0 && b.Kind != structure.Table && !endsThought(doc, units[len(units)-1], lines[u], code) {
				inside[len(units)] = true // preformatted prose: a line of code is a unit
			}
			if fits(doc, lines[u].Start, lines[last].End) {
				units = append(units, text.Span{Start: lines[u].Start, End: lines[last].End})
				continue
			}
			for i, l := range lines[u : last+1] {
				if l.Blank() {
					continue
				}
				if i > 0 && !endsThought(doc, units[len(units)-1], l, code) {
					inside[len(units)] = true
				}
				if fits(doc, l.Start, l.End) {
					units = append(units, text.Span{Start: l.Start, End: l.End})
				} else {
					units = append(units, sentencePieces(doc, l.Start, l.End)...)
				}
			}
		}
	}
	spans := pack(doc, units, inside)
	if b.Head >= 0 && len(spans) > 1 && spans[0] == head {
		spans = spans[1:] // a heading alone is no passage: its words are in the section
	}
	return spans
}

func fits(doc string, start, end int) bool { return within(doc, start, end, MaxPassageChars) }

// within reports whether doc[start:end] is at most limit characters long.
func within(doc string, start, end, limit int) bool {
	return end-start <= limit || utf8.RuneCountInString(doc[start:end]) <= limit
}

// sentencePieces returns the sentences of doc[start:end], a sentence longer
// than MaxPassageChars cut at white space.
func sentencePieces(doc string, start, end int) []text.Span {
	var pieces []text.Span
	for _, s := range text.Sentences(doc[start:end]) {
		s = text.Span{Start: s.Start + start, End: s.End + start}
		for {
			cut, _ := cutAtSpace(doc, s.Start, s.End, MaxPassageChars)
			if cut >= s.End {
				pieces = append(pieces, s)
				break
			}
			pieces = append(pieces, text.Span{Start: s.Start, End: cut})
			next, ok := text.TrimSpan(doc, cut, s.End)
			if !ok {
				break
			}
			s.Start = next.Start
		}
	}
	return pieces
}

// pack joins consecutive pieces of doc, each at most MaxPassageChars
// characters long, into as few spans of at most MaxPassageChars as it can,
// in order. A span is not ended before a piece that inside marks (a line
// going on with the sentence of the line before) when it can end at an
// earlier unmarked piece and still hold half of MaxPassageChars: a long
// item or preformatted text is cut where a thought ends, not mid-sentence.
func pack(doc string, pieces []text.Span, inside map[int]bool) []text.Span {
	var out []text.Span
	first := 0 // index in pieces of out's last span's first piece
	size := 0  // characters in out's last span
	for i := 0; i < len(pieces); i++ {
		p := pieces[i]
		n := utf8.RuneCountInString(doc[p.Start:p.End])
		if k := len(out); k > 0 {
			gap := utf8.RuneCountInString(doc[out[k-1].End:p.Start])
			if size+gap+n <= MaxPassageChars {
				out[k-1].End = p.End
				size += gap + n
				continue
			}
			if inside[i] {
				if j := lastBreak(doc, pieces, inside, first, i); j > first {
					out[k-1].End = pieces[j-1].End
					i, p = j, pieces[j] // pieces j.. are packed again
					n = utf8.RuneCountInString(doc[p.Start:p.End])
				}
			}
		}
		out = append(out, p)
		first, size = i, n
	}
	return out
}

// lastBreak returns the index of the last of pieces first+1..end-1 before
// which a span of pieces from first may end unmarked by inside and still
// hold half of MaxPassageChars, or first when there is none.
func lastBreak(doc string, pieces []text.Span, inside map[int]bool, first, end int) int {
	for j := end - 1; j > first; j-- {
		if inside[j] {
			continue
		}
		if within(doc, pieces[first].Start, pieces[j-1].End, MaxPassageChars/2) {
			return first
		}
		return j
	}
	return first
}

// endsThought reports whether a line break after prev, before line l, ends
// a thought: a blank line between them; or, unless the lines are source
// code (code), prev ending a sentence (or a clause, with ':' or ';') or l
// opening a list item. In code a comment's full stop or a "def f():" ends
// no thought: the function under it goes with it.
func endsThought(doc string, prev text.Span, l structure.Line, code bool) bool {
	if strings.Count(doc[prev.End:l.Start], "\n") >= 2 {
		return true
	}
	if code {
		return false
	}
	end := strings.TrimRight(doc[prev.Start:prev.End], ` "')]*_`+"`")
	if end == "" || strings.ContainsAny(end[len(end)-1:], ".!?:;") {
		return true
	}
	return structure.IsListItem(l.Text)
}

// sourceCode reports whether a code block's first line is a fence naming
// a language ("```go", "~~~ python"), not text ("```text", "```", an
// indented or preformatted block, which may hold prose).
func sourceCode(first string) bool {
	info, ok := structure.FenceInfo(first)
	if !ok {
		return false
	}
	lang, _, _ := strings.Cut(info, " ")
	switch strings.ToLower(strings.Trim(lang, "{}.")) {
	case "", "text", "txt", "plain", "plaintext", "none", "md", "markdown":
		return false
	}
	return true
}

// cutAtSpace looks at most max characters into doc[from:end]. When all of
// it fits it returns end and its length in characters; otherwise it returns
// the offset of the last white space in the second half of those max
// characters (or the offset max characters on, when there is none) and the
// number of characters before that offset.
func cutAtSpace(doc string, from, end, max int) (int, int) {
	off, n := from, 0
	lastSpace, spaceN := -1, 0
	for n < max && off < end {
		r, sz := utf8.DecodeRuneInString(doc[off:end])
		if unicode.IsSpace(r) && n > max/2 {
			lastSpace, spaceN = off, n
		}
		off += sz
		n++
	}
	if off >= end {
		return end, n
	}
	if lastSpace > from {
		return lastSpace, spaceN
	}
	return off, n
}
