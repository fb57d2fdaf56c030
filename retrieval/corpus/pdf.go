package corpus

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ledongthuc/pdf"

	"github.com/citebot/citebot/retrieval/corpus/structure"
)

// The bounds of one PDF's extraction: a file that takes longer, or has
// more pages, is skipped rather than read forever. The time allowed grows
// with its pages (pdfBudget): a 140-page manual takes a minute on a busy
// machine.
const (
	pdfTimeout    = 20 * time.Second
	pdfPerPage    = 500 * time.Millisecond
	pdfMaxTimeout = 10 * time.Minute
	pdfMaxPages   = 5000
)

// pdfBudget is the time a PDF of n pages may take: pdfTimeout, and
// pdfPerPage for each page, at most pdfMaxTimeout.
func pdfBudget(n int) time.Duration {
	return min(pdfTimeout+time.Duration(n)*pdfPerPage, pdfMaxTimeout)
}

// errPDFTimeout is why a PDF whose text takes too long to extract is
// skipped.
var errPDFTimeout = errors.New("text extraction took too long")

// pdfPage is the extracted text of one page, a line per line of the page.
type pdfPage struct {
	lines []string
}

// extractWithin extracts the text of the PDF raw's pages and its title. A
// malformed PDF, one the library panics on, or one that takes longer than
// its pdfBudget (pdfTimeout until its pages are counted) is an error.
func extractWithin(raw []byte) ([]pdfPage, string, error) {
	type result struct {
		pages []pdfPage
		title string
		err   error
	}
	done := make(chan result, 1)
	counted := make(chan int, 1)
	var stop atomic.Bool
	go func() {
		var r result
		defer func() {
			if x := recover(); x != nil {
				r = result{err: fmt.Errorf("malformed PDF: %v", x)}
			}
			done <- r
		}()
		r.pages, r.title, r.err = extractPDF(raw, counted, &stop)
	}()
	start := time.Now()
	timer := time.NewTimer(pdfTimeout)
	defer timer.Stop()
	for {
		select {
		case n := <-counted:
			timer.Reset(max(pdfBudget(n)-time.Since(start), 0))
		case r := <-done:
			return r.pages, r.title, r.err
		case <-timer.C:
			// The library takes no context: the extraction stops at its
			// next page, and the file is skipped.
			stop.Store(true)
			return nil, "", errPDFTimeout
		}
	}
}

// pdfDoc scans the text of a PDF's pages as plain text. Each line of the
// scan's text says, in Doc.Origins, the page it is on (Origin.Page) and its
// line within that page's extracted text (Origin.First, Origin.Last). Pages
// are separated by a blank line, so no block spans two pages.
func pdfDoc(pages []pdfPage) structure.Doc {
	var lines []string
	var origins []structure.Origin
	for i, p := range pages {
		if i > 0 && len(lines) > 0 {
			lines = append(lines, "")
			o := origins[len(origins)-1] // the blank line between pages
			origins = append(origins, o)
		}
		for k, l := range p.lines {
			lines = append(lines, l)
			origins = append(origins, structure.Origin{Page: i + 1, First: k + 1, Last: k + 1})
		}
	}
	st := structure.Scan(strings.Join(lines, "\n"), false)
	st.Origins = origins
	return st
}

// PDFTextVersion changes whenever extractPDF reads pages differently, so
// that text kept in a PDFCache from an earlier extraction is read anew (3:
// a PDF that took longer than 20 s, skipped before, may now be read in
// the time its pages allow; 4: TeX's run-end mark as an ohm sign is left
// out too; 5: a page whose glyphs have no widths is read in the order
// drawn).
const PDFTextVersion = 5

// pdfText is what a PDFCache keeps of one PDF: its extracted pages, and
// why its text reads poorly ("" when it reads well; nil when not judged
// yet, in a file kept before the judgement was).
type pdfText struct {
	Version int        `json:"version"`
	Title   string     `json:"title"`
	Pages   [][]string `json:"pages"`
	Garbled *string    `json:"garbled,omitempty"`
	// Failed says why no text could be extracted, "" when it was.
	Failed string `json:"failed,omitempty"`
	// TimedOut says the extraction failed by taking too long: on a
	// loaded machine, a PDF that a quiet one reads.
	TimedOut bool `json:"timed_out,omitempty"`
	// Attempts counts the extractions that timed out.
	Attempts int `json:"attempts,omitempty"`
}

// maxPDFAttempts bounds the index runs that try a timed-out PDF again: one
// that always takes too long is then left for 'citebot index --force'
// rather than costing every run its time.
const maxPDFAttempts = 3

// timedOut reports whether the kept failure was a timeout (a cache written
// before TimedOut was kept says so by its message).
func (t pdfText) timedOut() bool { return t.TimedOut || t.Failed == errPDFTimeout.Error() }

// pages returns the kept pages as the extraction gave them.
func (t pdfText) pages() []pdfPage {
	pages := make([]pdfPage, len(t.Pages))
	for i, ls := range t.Pages {
		pages[i] = pdfPage{lines: ls}
	}
	return pages
}

// pageLines returns the lines of each page.
func pageLines(pages []pdfPage) [][]string {
	out := make([][]string, len(pages))
	for i, p := range pages {
		out[i] = p.lines
	}
	return out
}

// cachedPDF returns the text extracted earlier from the PDF whose content
// hashes to sum, kept in dir; false when there is none (or it is from
// another version of the extraction, or unreadable).
func cachedPDF(dir string, sum [32]byte) (pdfText, bool) {
	var t pdfText
	if dir == "" {
		return t, false
	}
	raw, err := os.ReadFile(filepath.Join(dir, hex.EncodeToString(sum[:])+".json"))
	if err != nil || json.Unmarshal(raw, &t) != nil || t.Version != PDFTextVersion {
		return pdfText{}, false
	}
	return t, true
}

// cachePDF keeps t, the text extracted from the PDF whose content hashes
// to sum, in dir, written whole or not at all. It is a cache: when it
// can't be written, the next load extracts the text again.
func cachePDF(dir string, sum [32]byte, t pdfText) error {
	if dir == "" {
		return nil
	}
	raw, err := json.Marshal(t)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".pdf-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // after the rename, nothing to remove
	_, werr := f.Write(raw)
	if err := errors.Join(werr, f.Close()); err != nil {
		return err
	}
	return os.Rename(f.Name(), filepath.Join(dir, hex.EncodeToString(sum[:])+".json"))
}

// extractPDF returns the text of every page of raw and the title its
// metadata gives, "" for none.
//
// It sends the number of pages on counted (one value, if it gets that
// far), and gives up between pages once stop is set.
func extractPDF(raw []byte, counted chan<- int, stop *atomic.Bool) ([]pdfPage, string, error) {
	r, err := pdf.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		return nil, "", fmt.Errorf("read PDF: %w", err)
	}
	n := r.NumPage()
	if n > pdfMaxPages {
		return nil, "", fmt.Errorf("more than %d pages", pdfMaxPages)
	}
	counted <- n
	title := strings.TrimSpace(r.Trailer().Key("Info").Key("Title").Text())
	if !utf8.ValidString(title) {
		title = ""
	}
	pages := make([]pdfPage, n)
	glyphs := make([][]glyph, n)
	for i := range n {
		if stop.Load() {
			return nil, "", errPDFTimeout
		}
		p := r.Page(i + 1)
		if p.V.IsNull() {
			continue
		}
		for k, t := range p.Content().Text {
			glyphs[i] = append(glyphs[i], glyph{x: t.X, y: t.Y, w: t.W, size: t.FontSize, font: t.Font, s: t.S, seq: k})
		}
	}
	if stop.Load() {
		return nil, "", errPDFTimeout
	}
	dropRunEnds(glyphs)
	for i, gs := range glyphs {
		if gs != nil {
			pages[i] = pdfPage{lines: layoutPage(gs)}
		}
	}
	dropFurniture(pages)
	return pages, title, nil
}

// dropRunEnds leaves out of the pages' glyphs the runEndMarks that stand
// for the ends of runs, not for text.
func dropRunEnds(pages [][]glyph) {
	marks := map[string]int{}
	total := 0
	for _, gs := range pages {
		for _, g := range gs {
			if runEndMarks[g.s] {
				marks[g.s]++
			}
			total++
		}
	}
	for i, gs := range pages {
		pages[i] = slices.DeleteFunc(gs, func(g glyph) bool { return float64(marks[g.s]) > runEndShare*float64(total) })
	}
}

// runEndMarks are what the PDF reader makes of the newline it adds after
// each run of text when a font's encoding gives code 10 a glyph: TeX's OT1
// fonts an "Ω" (Greek omega, or the ohm sign some fonts map it to), its
// T1 fonts an ogonek. Where they are more than
// runEndShare of the glyphs, they are those newlines, not text ("REALΩ",
// "(cΩonst" of libtasn1's manual), and are left out.
var runEndMarks = map[string]bool{"\u03a9": true, "\u2126": true, "˛": true}

const runEndShare = 0.005

// glyph is one piece of text drawn on a page; seq is its place in the
// page's content stream.
type glyph struct {
	x, y, w, size float64
	font          string
	s             string
	seq           int
}

// widthless reports whether the reader gave (almost) none of a page's
// glyphs a width: a font without its widths (a TeX reference card's Type 1
// fonts), where every glyph of a run is placed at the run's start and
// only the run's own moves (a kern, a word's space, a jump to a column)
// tell where it stands. Such a page is read in the order it is drawn.
func widthless(gs []glyph) bool {
	zero, n := 0, 0
	for _, g := range gs {
		if strings.TrimSpace(g.s) == "" {
			continue
		}
		n++
		if g.w <= 0 {
			zero++
		}
	}
	return n > 0 && float64(zero) > 0.9*float64(n)
}

// textLine is a run of glyphs on one baseline, left to right.
type textLine struct {
	x0, x1, y, size float64
	bold            bool
	text            string
}

// layoutPage puts the glyphs of a page in reading order and returns its
// lines: glyphs on one baseline make a line, split where a gap wider than
// a column gutter parts them; when the page has two columns (a gutter no
// line crosses, text on both sides of it), the left column is read before
// the right one, and text across the whole width (a title, a figure
// caption) keeps its place above or below them. A blank line separates
// paragraphs (a wider gap between lines than the page's usual one, or a
// change of type size); a line in larger or bold type (a heading) stands
// alone. A word hyphenated at a line end is joined on the upper line.
func layoutPage(gs []glyph) []string {
	segs := segments(gs)
	if len(segs) == 0 {
		return nil
	}
	gutter, two := findGutter(segs)
	var order []textLine
	if !two {
		order = segs
	} else {
		var left, right []textLine
		flush := func() {
			order = append(order, left...)
			order = append(order, right...)
			left, right = nil, nil
		}
		for _, s := range segs {
			switch {
			case s.x1 <= gutter:
				left = append(left, s)
			case s.x0 >= gutter:
				right = append(right, s)
			default:
				flush()
				order = append(order, s)
			}
		}
		flush()
	}
	return paragraphs(order)
}

// segments groups the glyphs of a page into lines, top to bottom, each
// line split where a gap of more than two ems parts its glyphs.
func segments(gs []glyph) []textLine {
	gs = slices.DeleteFunc(gs, func(g glyph) bool { return g.s == "" })
	if len(gs) == 0 {
		return nil
	}
	drawn := widthless(gs)
	sort.SliceStable(gs, func(i, j int) bool { return gs[i].y > gs[j].y })
	// Baselines: glyphs within a fraction of their size of the first
	// glyph of a cluster share its line.
	var rows [][]glyph
	for _, g := range gs {
		if k := len(rows); k > 0 {
			top := rows[k-1][0]
			if math.Abs(top.y-g.y) <= 0.3*math.Max(1, math.Min(top.size, g.size)) {
				rows[k-1] = append(rows[k-1], g)
				continue
			}
		}
		rows = append(rows, []glyph{g})
	}
	var out []textLine
	for _, row := range rows {
		if drawn {
			sort.SliceStable(row, func(i, j int) bool { return row[i].seq < row[j].seq })
			out = append(out, drawnLine(row)...)
			continue
		}
		sort.SliceStable(row, func(i, j int) bool { return row[i].x < row[j].x })
		w := lineWriter{out: out, cur: lineAt(row[0])}
		end := row[0].x
		// The library advances over a space without the word spacing
		// (Tw) a justified line adds to it, so the text after a run of
		// words placed on its own (a new TJ, marked by a "\n" glyph) seems
		// to start later than it does, by that spacing for each space of
		// the run before: such a gap is no word break.
		spaces, lag := 0, 0.0
		pending := false
		for i, g := range row {
			size := math.Max(g.size, 1)
			if strings.TrimSpace(g.s) == "" {
				if strings.Contains(g.s, "\n") {
					lag, spaces = float64(spaces)*0.2*size, 0
				} else {
					pending = true
					spaces++
				}
				end = math.Max(end, g.x+g.w)
				continue
			}
			gap := g.x - end
			if i > 0 && gap > 2*size+lag {
				w.start(g)
			} else if pending || gap > 0.2*size+lag {
				w.space()
			}
			pending, lag = false, 0
			w.write(g)
			end = math.Max(end, g.x+g.w)
			w.cur.x1 = end
		}
		out = w.finish()
	}
	return out
}

// drawnLine is segments for one baseline of a widthless page, its glyphs
// in the order drawn: where a glyph stands past the one before by more
// than a sixth of an em it starts a word, by more than two ems a new
// segment (another column). A segment's right end is its last run's
// start and half an em for each of its glyphs.
func drawnLine(row []glyph) []textLine {
	w := lineWriter{cur: lineAt(row[0])}
	prev, run, pending := row[0].x, 0, false
	for i, g := range row {
		size := math.Max(g.size, 1)
		if strings.TrimSpace(g.s) == "" {
			pending = true
			continue
		}
		move := g.x - prev
		switch {
		case i > 0 && math.Abs(move) > 2*size:
			w.start(g)
			run = 0
		case pending || move > size/6:
			w.space()
		}
		if move != 0 {
			run = 0
		}
		pending = false
		prev = g.x
		run++
		w.write(g)
		w.cur.x1 = math.Max(w.cur.x1, g.x+float64(run)*size/2)
	}
	return w.finish()
}

// lineWriter writes the glyphs of one baseline into its segments (out),
// the one being written in cur.
type lineWriter struct {
	out     []textLine
	cur     textLine
	b       strings.Builder
	bold, n int // of cur's glyphs, how many are bold, and all
}

// start ends the segment being written and starts one at glyph g.
func (w *lineWriter) start(g glyph) {
	w.emit()
	w.cur = lineAt(g)
}

// lineAt is an empty segment starting at glyph g.
func lineAt(g glyph) textLine {
	return textLine{x0: g.x, x1: g.x, y: g.y, size: g.size}
}

// space writes a word break, unless the segment is empty.
func (w *lineWriter) space() {
	if w.b.Len() > 0 {
		w.b.WriteByte(' ')
	}
}

// write writes a glyph that is not white space.
func (w *lineWriter) write(g glyph) {
	w.b.WriteString(g.s)
	w.n++
	if isBold(g.font) {
		w.bold++
	}
	w.cur.size = math.Max(w.cur.size, g.size)
}

// emit adds the segment being written to out, unless it is empty.
func (w *lineWriter) emit() {
	w.cur.text = strings.TrimSpace(w.b.String())
	w.cur.bold = w.n > 0 && w.bold*2 > w.n
	if w.cur.text != "" {
		w.out = append(w.out, w.cur)
	}
	w.b.Reset()
	w.bold, w.n = 0, 0
}

// finish emits the last segment and returns them all.
func (w *lineWriter) finish() []textLine {
	w.emit()
	return w.out
}

func isBold(font string) bool {
	f := strings.ToLower(font)
	return strings.Contains(f, "bold") || strings.HasSuffix(f, "-b") || strings.Contains(f, "black")
}

// findGutter returns the x of a gutter splitting the page into two
// columns, and whether there is one: an x in the middle of the page that at
// most a tenth of the lines cross, with at least three lines on either side.
func findGutter(segs []textLine) (float64, bool) {
	minX, maxX := segs[0].x0, segs[0].x1
	for _, s := range segs {
		minX, maxX = math.Min(minX, s.x0), math.Max(maxX, s.x1)
	}
	width := maxX - minX
	if width <= 0 || len(segs) < 6 {
		return 0, false
	}
	best, bestCross := 0.0, len(segs)+1
	for f := 0.35; f <= 0.65; f += 0.01 {
		x := minX + f*width
		cross, left, right := 0, 0, 0
		for _, s := range segs {
			switch {
			case s.x1 <= x:
				left++
			case s.x0 >= x:
				right++
			default:
				cross++
			}
		}
		if left >= 3 && right >= 3 && cross < bestCross {
			best, bestCross = x, cross
		}
	}
	return best, bestCross <= len(segs)/10
}

// paragraphs turns lines in reading order into the lines of a page's
// text: blank lines between paragraphs, headings alone, hyphenated words
// joined.
func paragraphs(ls []textLine) []string {
	var gaps []float64
	for i := 1; i < len(ls); i++ {
		if d := ls[i-1].y - ls[i].y; d > 0 {
			gaps = append(gaps, d)
		}
	}
	usual := 0.0
	if len(gaps) > 0 {
		slices.Sort(gaps)
		usual = gaps[len(gaps)/2]
	}
	body := bodySize(ls)
	heading := func(l textLine) bool {
		return l.size > body*1.1 || l.bold && utf8.RuneCountInString(l.text) < 80
	}
	var out []string
	for i, l := range ls {
		text := expandLigatures(l.text)
		if i > 0 {
			p := ls[i-1]
			d := p.y - l.y
			brk := d < 0 || usual > 0 && d > usual*1.4 || math.Abs(p.size-l.size) > 0.5 ||
				heading(l) || heading(p)
			if brk {
				out = append(out, "")
			} else if k := len(out) - 1; k >= 0 {
				out[k], text = joinHyphen(out[k], text)
			}
		}
		out = append(out, text)
	}
	// Lines emptied by a joined hyphenation are dropped with their break.
	return slices.DeleteFunc(out, func(s string) bool { return s == "\x00" })
}

// bodySize is the type size most of the page's text is set in.
func bodySize(ls []textLine) float64 {
	count := map[float64]int{}
	best, n := 0.0, -1
	for _, l := range ls {
		s := math.Round(l.size*2) / 2
		count[s] += utf8.RuneCountInString(l.text)
		if count[s] > n {
			best, n = s, count[s]
		}
	}
	return best
}

// joinHyphen joins a word hyphenated at the end of line a with its rest at
// the start of line b: the rest moves up to a, the hyphen goes. Only a
// hyphen after a letter and before a lower-case letter is a hyphenation.
func joinHyphen(a, b string) (string, string) {
	last, n := utf8.DecodeLastRuneInString(a)
	if last != '-' && last != '\u00ad' && last != '\u2010' {
		return a, b
	}
	before, _ := utf8.DecodeLastRuneInString(a[:len(a)-n])
	first, _ := utf8.DecodeRuneInString(b)
	if !unicode.IsLetter(before) || !unicode.IsLower(first) {
		return a, b
	}
	rest, tail, _ := strings.Cut(b, " ")
	a = a[:len(a)-n] + rest
	if tail = strings.TrimSpace(tail); tail == "" {
		tail = "\x00"
	}
	return a, tail
}

var ligatures = strings.NewReplacer(
	"\ufb00", "ff", "\ufb01", "fi", "\ufb02", "fl", "\ufb03", "ffi", "\ufb04", "ffl",
	"\ufb05", "st", "\ufb06", "st", "\u2212", "-", "\u00a0", " ",
)

// expandLigatures writes ligatures as their letters (ﬁ → fi), a minus
// sign as a hyphen-minus (what a reader types for a command's option) and
// drops characters that do not print.
func expandLigatures(s string) string {
	s = ligatures.Replace(s)
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || r != ' ' && !unicode.IsPrint(r) {
			return -1
		}
		return r
	}, s)
}

var digits = regexp.MustCompile(`[0-9]+`)

// dropFurniture removes running headers and footers: a first or last line
// that is a page number alone, or that, digits aside, stands at that edge
// of at least half the pages of a document of three pages or more, or of
// a tenth of them and three at least (a book's running head names its
// chapter: "Chapter 4: Function reference" over that chapter's pages). Up
// to two such lines go from each edge (a running head, then the page's
// number).
func dropFurniture(pages []pdfPage) {
	if len(pages) < 3 {
		return
	}
	for _, end := range []bool{false, true} {
		for range 2 {
			dropEdge(pages, end)
		}
	}
}

// dropEdge removes the furniture on the first (end false) or last line
// of each page.
func dropEdge(pages []pdfPage, end bool) {
	edge := func(p pdfPage) (int, bool) {
		if len(p.lines) == 0 {
			return 0, false
		}
		if end {
			return len(p.lines) - 1, true
		}
		return 0, true
	}
	count := map[string]int{}
	for _, p := range pages {
		if i, ok := edge(p); ok {
			count[digits.ReplaceAllString(p.lines[i], "#")]++
		}
	}
	often := max(3, len(pages)/10)
	for k := range pages {
		if k == 0 && !end {
			continue // the first page's header is often the title
		}
		i, ok := edge(pages[k])
		if !ok {
			continue
		}
		line := pages[k].lines[i]
		n := count[digits.ReplaceAllString(line, "#")]
		if !pageNumber.MatchString(line) && n*2 < len(pages) && (n < often && !(n >= 2 && chapterHead.MatchString(line)) || strings.TrimSpace(line) == "") {
			continue
		}
		ls := slices.Delete(pages[k].lines, i, i+1)
		// and the blank line the furniture leaves
		if end && len(ls) > 0 && ls[len(ls)-1] == "" {
			ls = ls[:len(ls)-1]
		} else if !end && len(ls) > 0 && ls[0] == "" {
			ls = ls[1:]
		}
		pages[k].lines = ls
	}
}

// chapterHead matches a book's running head naming its chapter: "Chapter
// 2: ASN.1 structure handling", "Appendix A: Copying Information".
var chapterHead = regexp.MustCompile(`^(?:Chapter|Appendix|Part)\s+[0-9A-Z]{1,3}[.:]\s`)

// pageNumber matches a line that is a page's number alone: "24", "iv",
// "- 3 -", "Page 7".
var pageNumber = regexp.MustCompile(`^\s*(?:(?i:page)\s+)?[-–]?\s*(?:[0-9]{1,4}|[ivxlc]{1,6}|[IVXLC]{1,6})\s*[-–]?\s*$`)
