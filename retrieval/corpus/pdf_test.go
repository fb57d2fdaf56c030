package corpus

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// loadPDFs reads the groff-made PDFs of testdata/pdf and checks that
// every passage has a page and lies within PageLines (and Lines) of its
// Locator.
func loadPDFs(t *testing.T) (*Corpus, Chunked) {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, name := range []string{"gzip.pdf", "twocol.pdf"} {
		b, err := os.ReadFile(filepath.Join("testdata", "pdf", name))
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ch := Chunk(c)
	checkProvenance(t, c, ch)
	for _, p := range ch.Passages {
		got, ok := c.PageLines(p.Source, p.Page, p.LineStart, p.LineEnd)
		if p.Page < 1 || !ok || !strings.Contains(got, p.Text) {
			t.Errorf("%s: passage %q is not within its page's lines, which hold %q (exist: %v)", p.Locator, p.Text, got, ok)
		}
	}
	return c, ch
}

// passageWith returns the passage of source holding phrase.
func passageWith(t *testing.T, ch Chunked, source, phrase string) Passage {
	t.Helper()
	for _, p := range ch.Passages {
		if p.Source == source && strings.Contains(p.Text, phrase) {
			return p
		}
	}
	t.Fatalf("no passage of %s holds %q", source, phrase)
	return Passage{}
}

func TestPDFPassages(t *testing.T) {
	_, ch := loadPDFs(t)
	cases := []struct {
		name, source, phrase string
		page                 int
		section              string
	}{
		{"page 1", "gzip.pdf", "reduces the size of the named files", 1, "DESCRIPTION"},
		{"page 2", "gzip.pdf", "Ascii text mode", 2, "-a --ascii"},
		{"page 4", "gzip.pdf", "ADVANCED USAGE", 4, "ADVANCED USAGE"},
		{"page 5", "gzip.pdf", "corrupt input", 5, ""},
		{"ligature fi expanded", "gzip.pdf", "each file is replaced", 1, ""},
		{"ligature fl expanded", "twocol.pdf", "official floodplain", 1, ""},
		{"hyphenated word joined", "twocol.pdf", "first-order", 1, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := passageWith(t, ch, tc.source, tc.phrase)
			if p.Page != tc.page {
				t.Errorf("%q is on page %d, want %d", tc.phrase, p.Page, tc.page)
			}
			if tc.section != "" && !strings.Contains(p.Section, tc.section) && !strings.Contains(p.Text, tc.section) {
				t.Errorf("%q is under section %q, want %q", tc.phrase, p.Section, tc.section)
			}
			if p.LineStart < 1 || p.LineEnd < p.LineStart {
				t.Errorf("%q has lines %d–%d", tc.phrase, p.LineStart, p.LineEnd)
			}
		})
	}
	t.Run("no ligature characters or split hyphenations left", func(t *testing.T) {
		for _, p := range ch.Passages {
			if strings.ContainsAny(p.Text, "\ufb00\ufb01\ufb02\ufb03\ufb04") {
				t.Errorf("%s: ligature left in %q", p.Locator, p.Text)
			}
		}
		if p := passageWith(t, ch, "twocol.pdf", "flows into"); strings.Contains(p.Text, "trib-\nutary") {
			t.Errorf("hyphenation kept: %q", p.Text)
		}
	})
}

func TestPDFTwoColumnsInOrder(t *testing.T) {
	c, _ := loadPDFs(t)
	var text string
	for _, d := range c.Documents {
		if d.Source == "twocol.pdf" {
			text = d.Text
		}
	}
	order := []string{"Field Notes on Rivers", "Left column first", "The first column begins", "ALPHA-MARKER",
		"Dams trap sediment", "BRAVO-MARKER", "CHARLIE-MARKER"}
	last := -1
	for _, s := range order {
		t.Run(s, func(t *testing.T) {
			i := strings.Index(text, s)
			if i < 0 {
				t.Fatalf("%q not in the text", s)
			}
			if i < last {
				t.Errorf("%q comes before the text above it", s)
			}
			last = i
		})
	}
}

func TestPDFTitleAndHeaders(t *testing.T) {
	_, ch := loadPDFs(t)
	for _, d := range ch.Documents {
		if d.Source == "twocol.pdf" && d.Title != "Field Notes on Rivers" {
			t.Errorf("title of twocol.pdf = %q", d.Title)
		}
	}
	for _, p := range ch.Passages {
		if p.Source == "gzip.pdf" && p.Page > 1 && strings.Contains(p.Text, "General Commands Manual") {
			t.Errorf("%s: running header kept: %q", p.Locator, p.Text)
		}
	}
}

func TestPDFUnreadableSkipped(t *testing.T) {
	good, err := os.ReadFile(filepath.Join("testdata", "pdf", "twocol.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		data []byte
	}{
		{"truncated", good[:len(good)/2]},
		{"not a PDF", []byte("%PDF-1.4\nthis is no PDF at all\n%%EOF\n")},
		{"garbage", []byte{0x25, 0x50, 0x44, 0x46, 0xff, 0x00, 0x13}},
		{"xref pointing past the end", []byte("%PDF-1.4\ntrailer\n<< /Root 1 0 R /Size 2 >>\nstartxref\n999999\n%%EOF\n")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(fstest.MapFS{"bad.pdf": {Data: tc.data}, "ok.txt": {Data: []byte("Some text.\n")}})
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Documents) != 1 || c.Documents[0].Source != "ok.txt" {
				t.Errorf("documents %v, want ok.txt alone", c.Documents)
			}
			ps := c.Problems()
			if len(ps) != 1 || ps[0].Path != "bad.pdf" || !strings.Contains(ps[0].Reason, "PDF") {
				t.Errorf("problems %v, want bad.pdf as an unreadable PDF", ps)
			}
		})
	}
}

func FuzzPDF(f *testing.F) {
	for _, name := range []string{"twocol.pdf"} {
		b, err := os.ReadFile(filepath.Join("testdata", "pdf", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("%PDF-1.4\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pages, _, err := extractWithin(data)
		if err != nil {
			return
		}
		st := pdfDoc(pages)
		if st.Text != "" && len(st.Origins) != len(st.Lines) {
			t.Errorf("%d origins for %d lines", len(st.Origins), len(st.Lines))
		}
	})
}

// A PDF that timed out once is not read again by a later load of the same
// process (its extraction could not be stopped; another would pile up).
func TestSlowPDFsAreNotReadAgain(t *testing.T) {
	raw, err := os.ReadFile("testdata/pdf/gzip.pdf")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "gzip.pdf"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("Notes\n\nSome text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	slow := new(SlowPDFs)
	c, err := LoadDir(dir, Options{SlowPDFs: slow})
	if err != nil || len(c.Documents) != 2 {
		t.Fatalf("first load: %v, %d documents", err, len(c.Documents))
	}
	slow.add(sha256.Sum256(raw)) // as a timeout would
	c, err = LoadDir(dir, Options{SlowPDFs: slow})
	if err != nil || len(c.Documents) != 1 || len(c.Skipped) != 1 || !strings.Contains(c.Skipped[0].Reason, "not read again") {
		t.Errorf("second load: %v, %d documents, skipped %+v", err, len(c.Documents), c.Skipped)
	}
}

// A PDF's extracted text is kept in Options.PDFCache by content: the next
// load reads it from there (a cached line changed by hand shows), one from
// another version of the extraction or unreadable is extracted anew, and no
// cache folder means none is kept.
func TestPDFTextCache(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "pdf", "twocol.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	dir, cache := t.TempDir(), filepath.Join(t.TempDir(), "pdf-text")
	write(t, filepath.Join(dir, "twocol.pdf"), string(raw))
	text := func(opts Options) string {
		t.Helper()
		c, err := LoadDir(dir, opts)
		if err != nil || len(c.Documents) != 1 {
			t.Fatalf("load: %v, %d documents", err, len(c.Documents))
		}
		return c.Documents[0].Text
	}
	const word, mark = "floodplain", "KEPT-IN-CACHE"
	if got := text(Options{PDFCache: cache}); !strings.Contains(got, word) {
		t.Fatalf("first load lacks %q", word)
	}
	files, _ := filepath.Glob(filepath.Join(cache, "*.json"))
	if len(files) != 1 {
		t.Fatalf("cache holds %v, want one file", files)
	}
	kept, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(kept), word, mark, 1)
	write(t, files[0], changed)
	if got := text(Options{PDFCache: cache}); !strings.Contains(got, mark) {
		t.Errorf("second load did not read the cached text")
	}
	write(t, files[0], strings.Replace(changed, fmt.Sprintf(`"version":%d`, PDFTextVersion), `"version":0`, 1))
	if got := text(Options{PDFCache: cache}); strings.Contains(got, mark) || !strings.Contains(got, word) {
		t.Errorf("text of another extraction version was used")
	}
	write(t, files[0], "{not json")
	if got := text(Options{PDFCache: cache}); !strings.Contains(got, word) {
		t.Errorf("a corrupt cache file was not extracted anew")
	}
	if got := text(Options{}); !strings.Contains(got, word) {
		t.Errorf("without a cache the text is lost")
	}
}

// A PDF whose text could not be extracted is kept in Options.PDFCache as
// such: the next load (every ask of the command line is one) skips it at
// once instead of spending the extraction's time again, until RetryPDFs
// says (index --force; any index run for one that timed out).
func TestUnreadablePDFIsRememberedInTheCache(t *testing.T) {
	dir, cache := t.TempDir(), filepath.Join(t.TempDir(), "pdf-text")
	write(t, filepath.Join(dir, "broken.pdf"), "%PDF-1.4\nnot a PDF at all\n")
	write(t, filepath.Join(dir, "notes.txt"), "Notes\n\nSome text.\n")
	reason := func(opts Options) string {
		t.Helper()
		c, err := LoadDir(dir, opts)
		if err != nil || len(c.Documents) != 1 || len(c.Skipped) != 1 {
			t.Fatalf("load: %v, %d documents, skipped %+v", err, len(c.Documents), c.Skipped)
		}
		return c.Skipped[0].Reason
	}
	if r := reason(Options{PDFCache: cache}); !strings.HasPrefix(r, "unreadable PDF") || strings.Contains(r, "not read again") {
		t.Errorf("first load: %q", r)
	}
	if r := reason(Options{PDFCache: cache}); !strings.Contains(r, "not read again") {
		t.Errorf("second load: %q, want it remembered", r)
	}
	if r := reason(Options{PDFCache: cache, RetryPDFs: RetryTimedOut}); !strings.Contains(r, "not read again until 'citebot index --force'") {
		t.Errorf("load retrying timed-out PDFs: %q, want a broken one still skipped", r)
	}
	if r := reason(Options{PDFCache: cache, RetryPDFs: RetryAll}); strings.Contains(r, "not read again") {
		t.Errorf("retried load: %q, want it read again", r)
	}
	// One that timed out (a loaded machine) is tried again by an index
	// run, not by a question's load.
	files, _ := filepath.Glob(filepath.Join(cache, "*.json"))
	if len(files) != 1 {
		t.Fatalf("cache holds %v, want one file", files)
	}
	write(t, files[0], fmt.Sprintf(`{"version":%d,"failed":"text extraction took too long","timed_out":true}`, PDFTextVersion))
	if r := reason(Options{PDFCache: cache}); !strings.Contains(r, "not read again until 'citebot index')") {
		t.Errorf("load after a timeout: %q", r)
	}
	if r := reason(Options{PDFCache: cache, RetryPDFs: RetryTimedOut}); strings.Contains(r, "not read again") || strings.Contains(r, "too long") {
		t.Errorf("index after a timeout: %q, want it read again", r)
	}
	// So is one kept before timeouts were marked, by its message; one that
	// timed out maxPDFAttempts times waits for --force.
	write(t, files[0], fmt.Sprintf(`{"version":%d,"failed":"text extraction took too long"}`, PDFTextVersion))
	if r := reason(Options{PDFCache: cache, RetryPDFs: RetryTimedOut}); strings.Contains(r, "not read again") {
		t.Errorf("index after a timeout kept unmarked: %q, want it read again", r)
	}
	write(t, files[0], fmt.Sprintf(`{"version":%d,"failed":"text extraction took too long","timed_out":true,"attempts":3}`, PDFTextVersion))
	if r := reason(Options{PDFCache: cache, RetryPDFs: RetryTimedOut}); !strings.Contains(r, "until 'citebot index --force'") {
		t.Errorf("index after %d timeouts: %q, want it left for --force", maxPDFAttempts, r)
	}
}

// A TeX font's glyph for the newline the PDF reader adds after each run
// ("Ω") is no text where it ends most runs; an Ω among many letters is.
func TestDropRunEnds(t *testing.T) {
	run := func(s string) []glyph {
		var gs []glyph
		for _, r := range s {
			gs = append(gs, glyph{s: string(r)})
		}
		return gs
	}
	text := func(gs []glyph) string {
		var b strings.Builder
		for _, g := range gs {
			b.WriteString(g.s)
		}
		return b.String()
	}
	pages := [][]glyph{run("REALΩ (cΩonst intΩ"), nil}
	dropRunEnds(pages)
	if got := text(pages[0]); got != "REAL (const int" {
		t.Errorf("run ends kept: %q", got)
	}
	ohm := [][]glyph{run("whereas\u2126 the table\u2126 spans\u2126")} // the ohm sign some fonts give the mark
	dropRunEnds(ohm)
	if got := text(ohm[0]); got != "whereas the table spans" {
		t.Errorf("run ends kept: %q", got)
	}
	physics := [][]glyph{run("The resistance is 50 Ω across the " + strings.Repeat("long winded description of the circuit ", 10))}
	dropRunEnds(physics)
	if !strings.Contains(text(physics[0]), "50 Ω") {
		t.Errorf("a real Ω was left out: %q", text(physics[0]))
	}
}

// A book's running heads go, those naming a chapter of a few pages too,
// and a page's number alone; a page's own first line stays.
func TestDropFurnitureRunningHeads(t *testing.T) {
	var pages []pdfPage
	for i := range 40 {
		lines := []string{"Body " + string(rune('A'+i%26)) + string(rune('a'+i/26)) + "."} // no two alike
		switch {
		case i == 0:
			lines = []string{"The Manual", "Intro."}
		case i < 3:
			lines = append([]string{"Chapter 2: Basics", ""}, lines...)
		case i < 30:
			lines = append([]string{"Chapter 4: Function reference", ""}, lines...)
		case i == 30:
			lines = append([]string{"5 Appendices"}, lines...)
		default:
			lines = append([]string{fmt.Sprint(i + 1)}, lines...)
		}
		pages = append(pages, pdfPage{lines: lines})
	}
	dropFurniture(pages)
	for i, want := range map[int]string{0: "The Manual", 1: "Body Ba.", 10: "Body Ka.", 30: "5 Appendices", 35: "Body Jb."} {
		if got := pages[i].lines[0]; got != want {
			t.Errorf("page %d starts %q, want %q", i+1, got, want)
		}
	}
}

// A PDF may take pdfTimeout and half a second a page, at most ten
// minutes: a 140-page manual a minute and a half.
func TestPDFBudgetGrowsWithPages(t *testing.T) {
	for n, want := range map[int]time.Duration{0: 20 * time.Second, 140: 90 * time.Second, 5000: 10 * time.Minute} {
		if got := pdfBudget(n); got != want {
			t.Errorf("pdfBudget(%d) = %v, want %v", n, got, want)
		}
	}
}

// A page whose glyphs the reader gave no widths places every glyph of a
// run at the run's start (a TeX reference card's fonts): its lines are
// read in the order drawn, a small move back a kern, a move on a word's
// space, a jump of more than two ems another column. Sorted by place,
// "Searching" read "hingSearc".
func TestPDFWidthlessGlyphsInDrawnOrder(t *testing.T) {
	var gs []glyph
	run := func(x, y float64, s string) {
		for _, r := range s {
			gs = append(gs, glyph{x: x, y: y, size: 10, font: "LMRoman10-Regular", s: string(r), seq: len(gs)})
		}
	}
	run(100, 700, "Searc")
	run(99.68, 700, "hing")
	run(103.5, 700, "path")
	run(107.3, 700, "for")
	run(300, 700, "Remove")
	run(100, 688, "next")
	run(103.3, 688, "line")
	got := segments(gs)
	var texts []string
	for _, l := range got {
		texts = append(texts, l.text)
	}
	want := []string{"Searching path for", "Remove", "next line"}
	if !slices.Equal(texts, want) {
		t.Errorf("segments = %q, want %q", texts, want)
	}
	if got[0].x1 <= got[0].x0 || got[0].x1 >= got[1].x0 {
		t.Errorf("segment ends %v, %v: the first must end before the second starts", got[0], got[1])
	}
	// With widths, the same glyphs are read by place.
	for i := range gs {
		gs[i].w = 5
	}
	if w := widthless(gs); w {
		t.Errorf("a page with widths read as widthless")
	}
}
