// Package corpus reads a corpus folder (or an fs.FS) into documents through
// one guarded reader, and splits documents into passages, each with a
// Locator saying where in the corpus its text is.
package corpus

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/citebot/citebot/retrieval/corpus/structure"
)

// Document is one file of the corpus.
type Document struct {
	Source string // path relative to the corpus root, slash-separated
	// Text is the content with "\r\n" folded to "\n" and any BOM removed; a
	// lone "\r" is a line end only in a file whose lines end that way. For
	// HTML it is the markup; its passages hold its visible text. For PDF
	// it is the text extracted from the pages, pages apart by a blank line.
	Text string
	Kind string // "md", "mdx", "txt", "rst", "org", "adoc", "html", "pdf" or "info" (GNU Info)

	view  *structure.Doc // the scan of an HTML, reStructuredText, MyST or PDF document, made when it was read
	title string         // the title a PDF's metadata gives, "" for none
}

// scan returns the lines and blocks of d.
func (d Document) scan() structure.Doc {
	if d.view != nil {
		return *d.view
	}
	return scanView(d.Kind, d.Text)
}

// scanView scans a document's text by its kind.
func scanView(kind, text string) structure.Doc {
	switch kind {
	case "html":
		return structure.ScanHTML(text)
	case "rst":
		return structure.ScanRST(text)
	case "md":
		if structure.IsRendered(text) {
			return structure.ScanMyST(text)
		}
	case "mdx":
		return structure.ScanMDX(text)
	case "org":
		return structure.ScanOrg(text)
	case "adoc":
		return structure.ScanAsciiDoc(text)
	case "info":
		return structure.ScanInfo(text)
	case "txt":
		return structure.ScanPlain(text)
	}
	return structure.Scan(text, kind == "md")
}

// Scan returns what a reader is shown of d, a line at a time, and where
// each line comes from (see structure.Doc): for Markdown and plain text the
// document itself (Origins nil: line i is line i+1); for HTML its visible
// text, each line mapped to the lines of markup it came from; for
// reStructuredText and MyST Markdown its text as rendered, line for line;
// for PDF the text of its pages, each line mapped to its page and its line
// there. The
// line numbers are those of Locators and Lines. The result is shared: do
// not modify it.
func (d Document) Scan() structure.Doc { return d.scan() }

// Skipped is a file of the corpus folder that is not part of the corpus.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	// Problem is true for a file that should have been read and could not
	// (unreadable, a link leaving the folder or leading nowhere, a named
	// pipe or device, not UTF-8, too large), false for a file that is
	// simply not corpus material (hidden, another type, empty).
	Problem bool `json:"problem"`
}

// String names the skipped file (quoted when its name holds characters
// that are not printable) and says why it was skipped.
func (s Skipped) String() string { return safeName(s.Path) + " (" + s.Reason + ")" }

// Corpus is the set of documents read from a folder, and a hash of it.
type Corpus struct {
	Documents []Document
	Skipped   []Skipped
	// Garbled names the documents read whose text may read poorly (Path,
	// and in Reason why): PDFs whose text came out garbled, files not in
	// UTF-8 read as Latin-1. Answers quoting them may be wrong.
	Garbled []Skipped
	// Hash identifies the content: same files, same text, same Hash.
	Hash string
}

// Problems returns the files that should have been read and were not.
func (c *Corpus) Problems() []Skipped {
	var out []Skipped
	for _, s := range c.Skipped {
		if s.Problem {
			out = append(out, s)
		}
	}
	return out
}

// ProblemSummary tells, in one line, how many files could not be read and
// names the first n of them with the reason; "" when every file was read.
func (c *Corpus) ProblemSummary(n int) string {
	return summarizeProblems(c.Skipped, n)
}

// LeftOutSummary describes in one line the files left out that are no
// problem (hidden ones, images, files of other types, scripts), naming the
// first n with why; "" when there are none.
func (c *Corpus) LeftOutSummary(n int) string {
	return summarize(c.Skipped, false, n, "%d %s not read as documents: ")
}

// GarbledSummary describes in one line the documents read whose text may
// read poorly (see Corpus.Garbled), naming the first n with why; "" when
// there are none.
func (c *Corpus) GarbledSummary(n int) string {
	return summarize(c.Garbled, false, n, "%d %s whose text reads poorly (answers quoting that text may be wrong): ")
}

func summarizeProblems(skipped []Skipped, n int) string {
	return summarize(skipped, true, n, "%d unreadable %s skipped: ")
}

// summarize describes the skipped files that are problems (or not, as
// problem says) in one line: a count and kind (head, a format with %d and
// %s for "file" or "files"), then the first n names with why.
func summarize(skipped []Skipped, problem bool, n int, head string) string {
	var ps []Skipped
	for _, s := range skipped {
		if s.Problem == problem {
			ps = append(ps, s)
		}
	}
	if len(ps) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, head, len(ps), plural(len(ps), "file", "files"))
	for i, s := range ps[:min(n, len(ps))] {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s (%s)", safeName(s.Path), s.Reason)
	}
	if len(ps) > n {
		fmt.Fprintf(&b, "; and %d more", len(ps)-n)
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// safeName returns a file name fit for a terminal or a chat message: as it
// is when every character prints, quoted with escapes otherwise.
func safeName(name string) string {
	if strings.ContainsFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) || !utf8.ValidString(name) {
		return strconv.Quote(name)
	}
	return name
}

// Lines returns the text of lines start..end (1-based, inclusive) of the
// document at source, joined by "\n", and whether they exist. The text of
// a line is what a passage quotes from it: the line itself for Markdown
// and plain text; for reStructuredText, the line as rendered (roles and
// directives as they show); for HTML, the visible text found on those lines of
// markup (with the whole of a visible line that only starts or ends there),
// so that a passage's text is always within the Lines of its Locator.
// A PDF's lines are numbered within each page (see PageLines): without a
// page, Lines returns lines start..end of every page that has them, each
// page's apart by a blank line, so a quote from one page is within them.
func (c *Corpus) Lines(source string, start, end int) (string, bool) {
	for _, d := range c.Documents {
		if d.Source != source {
			continue
		}
		if d.Kind == "pdf" {
			return pdfLines(d.scan(), 0, start, end)
		}
		lines := strings.Split(d.Text, "\n")
		if start < 1 || end < start || end > len(lines) {
			return "", false
		}
		if st := d.scan(); st.Origins != nil {
			return visibleLines(st, start, end), true // HTML, reStructuredText, MyST Markdown
		}
		return strings.Join(lines[start-1:end], "\n"), true
	}
	return "", false
}

// PageLines returns the text of lines start..end (1-based, inclusive) of
// page (1-based) of the PDF at source, joined by "\n", and whether they
// exist. The text of a page is what the PDF reader extracted from it: its
// lines in reading order, a blank line between paragraphs, ligatures
// written as letters, a word hyphenated at a line end whole on the upper
// line, running headers and footers left out. A passage's Text is always
// within the PageLines of its Locator.
func (c *Corpus) PageLines(source string, page, start, end int) (string, bool) {
	for _, d := range c.Documents {
		if d.Source == source && d.Kind == "pdf" && page > 0 {
			return pdfLines(d.scan(), page, start, end)
		}
	}
	return "", false
}

// pdfLines returns lines start..end of page of st's text, or of every
// page that has them when page is 0.
func pdfLines(st structure.Doc, page, start, end int) (string, bool) {
	if start < 1 || end < start {
		return "", false
	}
	text := strings.Split(st.Text, "\n")
	var out []string
	found, prev := false, 0
	for i, o := range st.Origins {
		if page > 0 && o.Page != page || o.First < start || o.First > end {
			continue
		}
		if i > 0 && st.Origins[i-1] == o {
			continue // the blank line between pages
		}
		if len(out) > 0 && o.Page != prev {
			out = append(out, "")
		}
		if o.First == end {
			found = true
		}
		out = append(out, text[i])
		prev = o.Page
	}
	return strings.Join(out, "\n"), found
}

// visibleLines returns the lines of st's visible text that come from
// lines start..end of the markup, joined by "\n".
func visibleLines(st structure.Doc, start, end int) string {
	text := strings.Split(st.Text, "\n")
	var out []string
	for i, o := range st.Origins {
		if o.Last >= start && o.First <= end {
			out = append(out, text[i])
		}
	}
	return strings.Join(out, "\n")
}

// ErrNotUTF8 is the reason a corpus file that is not valid UTF-8 text is
// skipped.
var ErrNotUTF8 = errors.New("not valid UTF-8 text: convert it to UTF-8 or remove it from the corpus")

// ErrEmptyCorpus is returned when a corpus folder holds no usable document.
var ErrEmptyCorpus = errors.New("the corpus holds no readable .txt, .md, .mdx, .rst, .adoc, .org, .html, .pdf or .info document with text")

// DefaultMaxFileBytes is the size of the largest corpus file read when
// Options.MaxFileBytes is 0.
const DefaultMaxFileBytes = 16 << 20

// chunkerVersion changes whenever passage splitting or word analysis
// changes, so that an index built by an older splitter or stemmer is rebuilt.
const chunkerVersion = "chunker-v240"

// Options limits what a corpus load reads.
type Options struct {
	// MaxFileBytes is the size of the largest file read; larger files are
	// skipped. 0 means DefaultMaxFileBytes.
	MaxFileBytes int64
	// SlowPDFs, when not nil, remembers the PDFs whose text took too long
	// to read, across loads of one long-running process.
	SlowPDFs *SlowPDFs
	// PDFCache is a folder where the text extracted from PDFs is kept, by
	// their content, so that a load finds it there instead of extracting
	// it again (seconds for a large PDF); "" keeps none. A PDF whose text
	// could not be extracted is kept there as such, and not tried again
	// (a timed-out one cost every load its whole time) unless RetryPDFs
	// says so.
	PDFCache string
	// RetryPDFs says which of the PDFs PDFCache holds as unreadable are
	// tried again.
	RetryPDFs RetryPDFs
}

// RetryPDFs says which PDFs found unreadable before a load tries again.
type RetryPDFs int

const (
	// RetryNone tries none: a question's load (ask, a reload) must not
	// spend a timed-out PDF's time again.
	RetryNone RetryPDFs = iota
	// RetryTimedOut tries again those that took too long, which a quieter
	// machine may read: an explicit index run.
	RetryTimedOut
	// RetryAll tries every one again (index --force: a fixed file, or a
	// newer PDF reader).
	RetryAll
)

// SlowPDFs remembers, by content, the PDFs whose text took longer than the
// time a PDF is given. The PDF library cannot be stopped, so a timed-out
// extraction runs on until it ends; reading the same file again at the
// next reload would start another. A process that reloads its corpus keeps
// one SlowPDFs and skips such files at once. Safe for concurrent use; the
// zero value is ready.
type SlowPDFs struct {
	mu   sync.Mutex
	seen map[[32]byte]bool
}

func (s *SlowPDFs) has(sum [32]byte) bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seen[sum]
}

func (s *SlowPDFs) add(sum [32]byte) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.seen == nil {
		s.seen = make(map[[32]byte]bool)
	}
	s.seen[sum] = true
}
