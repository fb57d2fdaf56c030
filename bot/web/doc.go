package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/citebot/citebot/retrieval/corpus"
)

// docPage is the data of the document viewer.
type docPage struct {
	chrome
	Source  string
	Kind    string
	Rows    []row
	Page    int   // the PDF page shown, 0 for other kinds
	Pages   []int // a PDF's pages
	HLStart int   // the lines highlighted, 0 for none
	HLEnd   int
}

// row is a line of a document as the viewer shows it.
type row struct {
	N       int    // its number: the line of the file (HTML: of the markup; PDF: of the page)
	ID      string // the line's anchor ("L6"), "" when an earlier row has it
	Anchor  string // an HTML anchor at the line, "" for none
	Text    string
	HL      bool
	Heading bool
}

// maxHighlight bounds the lines ?hl= may name.
const maxHighlight = 1 << 20

// doc serves /doc/{source...}: the document at source, lines ?hl=S-E
// highlighted; for a PDF, page ?page=N. Only documents of the corpus are
// found: the path is a name looked up among them, never a file opened.
func (s *Server) doc(w http.ResponseWriter, r *http.Request) {
	source := r.PathValue("source")
	if source == "" {
		s.docList(w)
		return
	}
	d, ok := s.document(source)
	if !ok {
		s.fail(w, http.StatusNotFound, "No such document", "The corpus holds no document "+strconv.Quote(source)+".")
		return
	}
	q := r.URL.Query()
	start, end := parseRange(q.Get("hl"))
	page := 0
	if d.Kind == "pdf" {
		page = 1
		if n, err := strconv.Atoi(q.Get("page")); err == nil && n > 0 {
			page = n
		}
	}
	p := docPage{chrome: chrome{Title: d.Source}, Source: d.Source, Kind: d.Kind, Page: page, HLStart: start, HLEnd: end}
	if ix := s.deps.Desk.Engine().Index; ix != nil {
		if di, ok := ix.Document(d.Source); ok && di.Title != "" {
			p.Title = di.Title
		}
	}
	p.Rows, p.Pages = rows(d, page, start, end)
	// Lines beyond the document's end are not highlighted, nor said to be.
	p.HLStart, p.HLEnd = 0, 0
	for _, rw := range p.Rows {
		if rw.HL {
			if p.HLStart == 0 {
				p.HLStart = max(start, rw.N)
			}
			p.HLEnd = min(end, max(rw.N, p.HLEnd))
		}
	}
	if d.Kind == "pdf" && !containsInt(p.Pages, page) {
		s.fail(w, http.StatusNotFound, "No such page", "The document "+strconv.Quote(source)+" has no page "+strconv.Itoa(page)+".")
		return
	}
	s.render(w, http.StatusOK, "doc", p)
}

// docsPage is the data of the list of the corpus's documents.
type docsPage struct {
	chrome
	Docs []docLink
}

// docLink is a document in the list.
type docLink struct{ Source, URL string }

// docList serves /doc/: the corpus's documents, each a link to the viewer.
func (s *Server) docList(w http.ResponseWriter) {
	p := docsPage{chrome: chrome{Title: "Documents"}}
	if c := s.deps.Desk.Engine().Corpus; c != nil {
		for _, d := range c.Documents {
			p.Docs = append(p.Docs, docLink{Source: d.Source, URL: "/doc/" + escapePath(d.Source)})
		}
	}
	s.render(w, http.StatusOK, "docs", p)
}

// document returns the corpus's document at source.
func (s *Server) document(source string) (corpus.Document, bool) {
	c := s.deps.Desk.Engine().Corpus
	if c == nil || source == "" {
		return corpus.Document{}, false
	}
	for _, d := range c.Documents {
		if d.Source == source {
			return d, true
		}
	}
	return corpus.Document{}, false
}

// parseRange reads "6-8" or "6" as lines 6..8 or 6..6; 0, 0 for anything
// else.
func parseRange(s string) (start, end int) {
	a, b, found := strings.Cut(s, "-")
	start, err := strconv.Atoi(a)
	if err != nil || start < 1 || start > maxHighlight {
		return 0, 0
	}
	end = start
	if found {
		if end, err = strconv.Atoi(b); err != nil || end < start || end > maxHighlight {
			return 0, 0
		}
	}
	return start, end
}

// reservedID matches the ids the viewer gives rows itself: a document's
// anchor by such a name is not used.
var reservedID = regexp.MustCompile(`^(L\d+|page-\d+|c-\d+|main)$`)

// rows returns the lines of d the viewer shows (a PDF's page page), lines
// start..end highlighted, and, for a PDF, its pages.
func rows(d corpus.Document, page, start, end int) ([]row, []int) {
	st := d.Scan()
	lines := strings.Split(st.Text, "\n")
	out := make([]row, 0, len(lines))
	if st.Origins == nil { // Markdown and plain text: the file's lines
		for i, l := range lines {
			n := i + 1
			out = append(out, row{N: n, ID: "L" + strconv.Itoa(n), Text: l, HL: start > 0 && n >= start && n <= end})
		}
		return out, nil
	}
	seen := map[string]bool{}
	var pages []int
	for i, o := range st.Origins {
		if i >= len(lines) {
			break
		}
		if len(pages) == 0 || pages[len(pages)-1] != o.Page {
			if o.Page > 0 {
				pages = append(pages, o.Page)
			}
		}
		if o.Page != page || (i > 0 && st.Origins[i-1] == o) {
			continue // another page, or the blank line between two
		}
		rw := row{N: o.First, Text: lines[i], Heading: o.Heading, HL: start > 0 && o.Last >= start && o.First <= end}
		if id := "L" + strconv.Itoa(o.First); !seen[id] {
			rw.ID, seen[id] = id, true
		}
		if o.Anchor != "" && !seen["#"+o.Anchor] && !reservedID.MatchString(o.Anchor) {
			rw.Anchor, seen["#"+o.Anchor] = o.Anchor, true
		}
		out = append(out, rw)
	}
	return out, pages
}

// contextRows returns lines start-pad..end+pad of d (not a PDF), lines
// start..end highlighted and no row with an anchor.
func contextRows(d corpus.Document, start, end, pad int) []row {
	if d.Kind == "pdf" || start < 1 {
		return nil
	}
	all, _ := rows(d, 0, start, max(end, start))
	var out []row
	for _, rw := range all {
		if rw.N >= start-pad && rw.N <= max(end, start)+pad {
			rw.ID, rw.Anchor = "", ""
			out = append(out, rw)
		}
	}
	return out
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// passage serves /p/{id}: a redirect to the passage in its document.
func (s *Server) passage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	ix := s.deps.Desk.Engine().Index
	p, ok := ix.Passage(id)
	if !ok {
		s.fail(w, http.StatusNotFound, "No such passage", "The corpus holds no passage "+strconv.Quote(id)+".")
		return
	}
	http.Redirect(w, r, DocURL(p.Locator), http.StatusFound)
}

// escapePath escapes each segment of a slash-separated path.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}
