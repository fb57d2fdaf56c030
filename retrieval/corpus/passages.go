package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"github.com/citebot/citebot/retrieval/text"
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
			// A passage repeating an earlier one under a heading is a
			// duplicate too: the body decides.
			if body := text.NormalizeText(p.body); seen[body] {
				out.Duplicates++
				continue
			} else {
				seen[body] = true
			}
			key := text.NormalizeText(p.Text)
			seen[key] = true
			p.ID = passageID(d.Source, key, ids)
			ids[p.ID] = true
			out.Passages = append(out.Passages, p.Passage)
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

// piece is a passage before it has an ID, and its text without the
// heading lines above it.
type piece struct {
	Passage
	body string
}

// splitDocument returns the title of d and its passages, without IDs.
func splitDocument(d Document) (string, []piece) {
	lines := splitLines(d.Text)
	st := scan(d, true)
	if len(st.blocks) == 0 {
		// A document made only of headings or decoration: every line is text.
		st.blocks = scan(d, false).blocks
	}
	title := documentTitle(d, st, lines)
	lineStarts := []int{0}
	for i := 0; i < len(d.Text); i++ {
		if d.Text[i] == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	lineOf := func(off int) int {
		return sort.Search(len(lineStarts), func(i int) bool { return lineStarts[i] > off })
	}
	var out []piece
	for _, b := range st.blocks {
		section := b.section
		if section == title {
			section = ""
		}
		for _, s := range blockSpans(d.Text, lines, b) {
			body := d.Text[s.Start:s.End]
			if b.head >= 0 && s.Start == lines[b.head].start {
				body = d.Text[lines[b.first].start:s.End]
			}
			out = append(out, piece{body: body, Passage: Passage{
				Locator: Locator{
					Source:    d.Source,
					Title:     title,
					Section:   section,
					LineStart: lineOf(s.Start),
					LineEnd:   lineOf(s.End - 1),
				},
				Text: d.Text[s.Start:s.End],
			}})
		}
	}
	return title, out
}

// headingPath follows the headings of a document: the section of a
// passage is the path of Markdown headings above it ("A › B") below the
// first level-1 heading (the title), or the last heading of a plain-text file.
type headingPath struct {
	md      bool
	titled  bool        // the first level-1 Markdown heading was seen
	stack   []mdHeading // Markdown heading path below the title
	section string
}

func (hp *headingPath) set(h mdHeading) {
	if !hp.md {
		hp.section = h.text
		return
	}
	if !hp.titled && h.level == 1 {
		hp.titled = true
		hp.stack, hp.section = nil, ""
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

// markdownHeading recognises an ATX heading ("## Text ##"); its text is
// cleaned of links, badges and emphasis marks.
func markdownHeading(s string) (mdHeading, bool) {
	if !strings.HasPrefix(s, "#") {
		return mdHeading{}, false
	}
	level := 0
	for level < len(s) && s[level] == '#' {
		level++
	}
	if level > 6 || (level < len(s) && s[level] != ' ' && s[level] != '\t') {
		return mdHeading{}, false
	}
	t := strings.TrimSpace(s[level:])
	if u := strings.TrimRight(t, "#"); u == "" || strings.HasSuffix(u, " ") || strings.HasSuffix(u, "\t") {
		t = strings.TrimSpace(u) // closing #s follow a space
	}
	return mdHeading{level: level, text: cleanTitle(t)}, true
}

// isHeadingLike reports whether a plain-text line reads as a heading: short,
// at most 16 words, not a list item, and not ending like a sentence.
func isHeadingLike(s string) bool {
	if utf8.RuneCountInString(s) > 120 || len(strings.Fields(s)) > 16 {
		return false
	}
	if strings.HasPrefix(s, "- ") || strings.HasPrefix(s, "* ") || strings.HasPrefix(s, "• ") || strings.Contains(s, "://") {
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

// blockSpans splits block b of doc into passages: the whole block when it
// fits in MaxPassageChars; otherwise a paragraph at sentence boundaries,
// and a list, table or code block between its units (items, rows), a unit
// too long between its lines, and only a line too long inside itself.
// Heading lines right above the block start its first passage when they fit.
func blockSpans(doc string, lines []srcLine, b block) []text.Span {
	start, end := lines[b.first].start, lines[b.last].end
	var head text.Span
	if b.head >= 0 {
		last := b.first - 1
		for lines[last].blank() {
			last--
		}
		head = text.Span{Start: lines[b.head].start, End: lines[last].end}
		if fits(doc, head.Start, end) {
			return []text.Span{{Start: head.Start, End: end}}
		}
	}
	if fits(doc, start, end) {
		return []text.Span{{Start: start, End: end}}
	}
	var units []text.Span
	if b.head >= 0 && fits(doc, head.Start, head.End) {
		units = append(units, head)
	}
	if b.kind == kindPara {
		units = append(units, sentencePieces(doc, start, end)...)
	} else {
		for k, u := range b.units {
			last := b.last
			if k+1 < len(b.units) {
				last = b.units[k+1] - 1
			}
			for lines[last].blank() {
				last--
			}
			if fits(doc, lines[u].start, lines[last].end) {
				units = append(units, text.Span{Start: lines[u].start, End: lines[last].end})
				continue
			}
			for _, l := range lines[u : last+1] {
				if l.blank() {
					continue
				}
				if fits(doc, l.start, l.end) {
					units = append(units, text.Span{Start: l.start, End: l.end})
				} else {
					units = append(units, sentencePieces(doc, l.start, l.end)...)
				}
			}
		}
	}
	spans := pack(doc, units)
	if b.head >= 0 && len(spans) > 1 && spans[0] == head {
		spans = spans[1:] // a heading alone is no passage: its words are in the section
	}
	return spans
}

func fits(doc string, start, end int) bool {
	return end-start <= MaxPassageChars || utf8.RuneCountInString(doc[start:end]) <= MaxPassageChars
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
// in order.
func pack(doc string, pieces []text.Span) []text.Span {
	var out []text.Span
	size := 0 // characters in out's last span
	for _, p := range pieces {
		n := utf8.RuneCountInString(doc[p.Start:p.End])
		if k := len(out); k > 0 {
			gap := utf8.RuneCountInString(doc[out[k-1].End:p.Start])
			if size+gap+n <= MaxPassageChars {
				out[k-1].End = p.End
				size += gap + n
				continue
			}
		}
		out = append(out, p)
		size = n
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
