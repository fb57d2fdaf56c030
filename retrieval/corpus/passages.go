package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"github.com/citebot/citebot/retrieval/text"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxPassageChars is the size, in characters, above which a paragraph is
// split into several passages at sentence boundaries.
const MaxPassageChars = 1200

// Passage is a paragraph-sized piece of a document with its provenance.
// Its JSON form is flat: {"id", "source", "title", …, "text"}.
type Passage struct {
	ID string `json:"id"`
	Locator
	Text string `json:"text"` // verbatim text of lines LineStart..LineEnd
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
}

// Chunk splits every document of c into passages, keeps the first
// occurrence of passages whose text is the same after NormalizeText, and
// gives each passage an ID derived from its source and text alone, so the
// same corpus gives the same IDs anywhere.
func Chunk(c *Corpus) Chunked {
	var out Chunked
	seen := make(map[string]bool)
	ids := make(map[string]bool)
	for _, d := range c.Documents {
		title, ps := splitDocument(d)
		kept := 0
		for _, p := range ps {
			key := text.NormalizeText(p.Text)
			if seen[key] {
				out.Duplicates++
				continue
			}
			seen[key] = true
			p.ID = passageID(d.Source, key, ids)
			ids[p.ID] = true
			out.Passages = append(out.Passages, p)
			kept++
		}
		out.Documents = append(out.Documents, DocInfo{Source: d.Source, Title: title, Passages: kept})
	}
	return out
}

func passageID(source, key string, taken map[string]bool) string {
	sum := sha256.Sum256([]byte(source + "\x00" + key))
	id := hex.EncodeToString(sum[:6])
	for n := 2; taken[id]; n++ {
		id = hex.EncodeToString(sum[:6]) + "-" + strconv.Itoa(n)
	}
	return id
}

type srcLine struct {
	n          int // 1-based line number
	start, end int // byte offsets of the trimmed line in the document
	text       string
}

type paragraph struct {
	start, end int
	section    string
}

// splitDocument returns the title of d and its passages, without IDs.
func splitDocument(d Document) (string, []Passage) {
	title, paras := paragraphs(d, true)
	if len(paras) == 0 {
		// A document made only of heading-like lines: every line is text.
		_, paras = paragraphs(d, false)
	}
	if title == "" {
		title = strings.TrimSuffix(path.Base(d.Source), path.Ext(d.Source))
	}
	lineStarts := []int{0}
	for i := 0; i < len(d.Text); i++ {
		if d.Text[i] == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	lineOf := func(off int) int {
		return sort.Search(len(lineStarts), func(i int) bool { return lineStarts[i] > off })
	}
	var out []Passage
	for _, p := range paras {
		for _, s := range splitLong(d.Text, p.start, p.end) {
			out = append(out, Passage{
				Locator: Locator{
					Source:    d.Source,
					Title:     title,
					Section:   p.section,
					LineStart: lineOf(s.Start),
					LineEnd:   lineOf(s.End - 1),
				},
				Text: d.Text[s.Start:s.End],
			})
		}
	}
	return title, out
}

// paragraphs finds the title and the paragraphs of d. With headings false,
// no line is taken for a heading.
func paragraphs(d Document, headings bool) (string, []paragraph) {
	var (
		hp      = headingPath{md: d.Kind == "md"}
		paras   []paragraph
		inFence bool
	)
	for _, b := range lineBlocks(d.Text) {
		perLine := medianRunes(b) >= 200
		var run []srcLine
		flush := func() {
			if len(run) > 0 {
				paras = append(paras, paragraph{start: run[0].start, end: run[len(run)-1].end, section: hp.section})
				run = nil
			}
		}
		for i, ln := range b {
			if hp.md && isFence(ln.text) {
				inFence = !inFence
			}
			if headings && !inFence {
				if h, ok := markdownHeading(d.Kind, ln.text); ok {
					flush()
					hp.set(h)
					continue
				}
				if !hp.md && isHeadingLike(ln.text) &&
					(perLine || len(b) == 1 || (i == 0 && leadsLongerLines(b))) {
					flush()
					hp.set(mdHeading{level: 2, text: ln.text})
					continue
				}
			}
			run = append(run, ln)
			if perLine && !inFence {
				flush()
			}
		}
		flush()
	}
	return hp.title, paras
}

// lineBlocks splits a document into blocks of non-blank lines, each line
// trimmed of the white space around it.
func lineBlocks(doc string) [][]srcLine {
	var blocks [][]srcLine
	var cur []srcLine
	off := 0
	for n, raw := range strings.Split(doc, "\n") {
		s, ok := text.TrimSpan(doc, off, off+len(raw))
		if ok {
			cur = append(cur, srcLine{n: n + 1, start: s.Start, end: s.End, text: doc[s.Start:s.End]})
		} else if len(cur) > 0 {
			blocks = append(blocks, cur)
			cur = nil
		}
		off += len(raw) + 1
	}
	if len(cur) > 0 {
		blocks = append(blocks, cur)
	}
	return blocks
}

// headingPath follows the headings of a document: the first one (level 1
// in Markdown) is its title; the section of a passage is the path of
// Markdown headings above it ("A › B"), or the last heading-like line of a
// plain-text file.
type headingPath struct {
	md      bool
	title   string
	stack   []mdHeading // Markdown heading path below the title
	section string
}

func (hp *headingPath) set(h mdHeading) {
	if hp.title == "" && (!hp.md || h.level == 1) {
		hp.title = h.text
		hp.stack, hp.section = nil, ""
		return
	}
	if !hp.md {
		if h.text == hp.title {
			hp.section = ""
		} else {
			hp.section = h.text
		}
		return
	}
	for len(hp.stack) > 0 && hp.stack[len(hp.stack)-1].level >= h.level {
		hp.stack = hp.stack[:len(hp.stack)-1]
	}
	hp.stack = append(hp.stack, h)
	names := make([]string, len(hp.stack))
	for i, s := range hp.stack {
		names[i] = s.text
	}
	hp.section = strings.Join(names, " › ")
}

type mdHeading struct {
	level int
	text  string
}

func isFence(s string) bool {
	return strings.HasPrefix(s, "```") || strings.HasPrefix(s, "~~~")
}

// markdownHeading recognises an ATX heading ("## Text ##") in a Markdown file.
func markdownHeading(kind, s string) (mdHeading, bool) {
	if kind != "md" || !strings.HasPrefix(s, "#") {
		return mdHeading{}, false
	}
	level := 0
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level > 6 || (level < len(s) && s[level] != ' ' && s[level] != '\t') {
		return mdHeading{}, false
	}
	t := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s[level:]), "#"))
	if t == "" {
		return mdHeading{}, false
	}
	return mdHeading{level: level, text: t}, true
}

// isHeadingLike reports whether a plain-text line reads as a heading: short,
// at most 16 words, not a list item, and not ending like a sentence.
func isHeadingLike(s string) bool {
	if utf8.RuneCountInString(s) > 120 || len(strings.Fields(s)) > 16 {
		return false
	}
	if strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "* ") || strings.HasPrefix(s, "• ") {
		return false
	}
	letters := false
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters = true
			break
		}
	}
	if !letters {
		return false
	}
	t := strings.TrimRight(s, `"')]»”’`)
	last, _ := utf8.DecodeLastRuneInString(t)
	return !strings.ContainsRune(".!?;,:…", last)
}

// leadsLongerLines reports whether the first line of a block is much shorter
// than a later one, as a heading above a hard-wrapped paragraph is.
func leadsLongerLines(b []srcLine) bool {
	if len(b) < 2 {
		return false
	}
	first := utf8.RuneCountInString(b[0].text)
	for _, l := range b[1:] {
		if float64(first) < 0.6*float64(utf8.RuneCountInString(l.text)) {
			return true
		}
	}
	return false
}

func medianRunes(b []srcLine) int {
	ns := make([]int, len(b))
	for i, l := range b {
		ns[i] = utf8.RuneCountInString(l.text)
	}
	slices.Sort(ns)
	return ns[len(ns)/2]
}

// splitLong splits doc[start:end] at sentence boundaries into spans of at
// most MaxPassageChars characters; a longer sentence is cut at white space.
// It runs in time linear in the paragraph's length.
func splitLong(doc string, start, end int) []text.Span {
	if end-start <= MaxPassageChars || utf8.RuneCountInString(doc[start:end]) <= MaxPassageChars {
		return []text.Span{{Start: start, End: end}}
	}
	type piece struct {
		text.Span
		runes int
	}
	var pieces []piece
	for _, s := range text.Sentences(doc[start:end]) {
		s = text.Span{Start: s.Start + start, End: s.End + start}
		for {
			cut, n := cutAtSpace(doc, s.Start, s.End, MaxPassageChars)
			if cut >= s.End {
				pieces = append(pieces, piece{s, n})
				break
			}
			pieces = append(pieces, piece{text.Span{Start: s.Start, End: cut}, n})
			next, ok := text.TrimSpan(doc, cut, s.End)
			if !ok {
				break
			}
			s.Start = next.Start
		}
	}
	var out []text.Span
	size := 0 // characters in out's last span
	for _, p := range pieces {
		if n := len(out); n > 0 {
			gap := utf8.RuneCountInString(doc[out[n-1].End:p.Start])
			if size+gap+p.runes <= MaxPassageChars {
				out[n-1].End = p.End
				size += gap + p.runes
				continue
			}
		}
		out = append(out, p.Span)
		size = p.runes
	}
	return out
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
