package corpus

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/citebot/citebot/retrieval/corpus/structure"
	"github.com/citebot/citebot/retrieval/text"
	"github.com/citebot/citebot/seeds"
)

func seedCorpus(t testing.TB) *Corpus {
	t.Helper()
	c, err := Load(seeds.FS())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// linesOf returns lines a..b (1-based) of text.
func linesOf(text string, a, b int) string {
	ls := strings.Split(text, "\n")
	return strings.Join(ls[a-1:b], "\n")
}

func TestSeedPassagesKeepProvenance(t *testing.T) {
	c := seedCorpus(t)
	ch := Chunk(c)
	if len(ch.Passages) == 0 {
		t.Fatal("no passages")
	}
	src := c.Documents[0].Text
	for _, p := range ch.Passages {
		if p.LineStart < 1 || p.LineEnd < p.LineStart {
			t.Fatalf("passage %s: bad lines %d–%d", p.ID, p.LineStart, p.LineEnd)
		}
		if got := linesOf(src, p.LineStart, p.LineEnd); !strings.Contains(got, p.Text) {
			t.Errorf("passage %s is not at lines %d–%d of %s", p.ID, p.LineStart, p.LineEnd, p.Source)
		}
		if n := len([]rune(p.Text)); n > MaxPassageChars {
			t.Errorf("passage %s has %d characters", p.ID, n)
		}
		if p.Title != "Afghan Taliban and Cross Border Terrorism in Pakistan" {
			t.Errorf("passage %s: title %q", p.ID, p.Title)
		}
	}
}

func TestSeedDoubledArticleStoredOnce(t *testing.T) {
	ch := Chunk(seedCorpus(t))
	// Lines 1–12 are repeated as lines 14–25 under the title heading.
	if ch.Duplicates != 12 {
		t.Errorf("duplicates = %d, want 12", ch.Duplicates)
	}
	seen := map[string]bool{}
	for _, p := range ch.Passages {
		key := text.NormalizeText(p.Text)
		if seen[key] {
			t.Errorf("passage text stored twice: %.60q", p.Text)
		}
		seen[key] = true
		if p.LineStart >= 14 && p.LineStart <= 25 {
			t.Errorf("passage %s cites the second copy (line %d), want the first", p.ID, p.LineStart)
		}
	}
	// Heading-like lines are sections, not passages.
	for _, p := range ch.Passages {
		switch p.Text {
		case "SAT Commentary", "Recent", "Afghan Taliban and Cross Border Terrorism in Pakistan":
			t.Errorf("heading %q became a passage", p.Text)
		}
		if p.LineStart == 29 && p.Section != "Qatar’s Dubious Neutrality and the Narrative Campaign Against Pakistan" {
			t.Errorf("line 31 section = %q", p.Section)
		}
	}
}

// The seed corpus gives these IDs on any machine; changing them breaks
// every citation people have saved. chunker-v3 (heading lines start the
// passage below them) changed the passages under headings: lines 28 and 39
// (bf9e7d254789, 4775e50d9e39) became lines 26–28 and 38–39.
func TestSeedPassageIDsAreStable(t *testing.T) {
	ch := Chunk(seedCorpus(t))
	want := map[int]string{
		1:  "1c8729dea5ae",
		6:  "12f426dc4135",
		26: "5ffc846ac378",
		38: "356f1abd1e86",
	}
	got := map[int]string{}
	for _, p := range ch.Passages {
		got[p.LineStart] = p.ID
	}
	for line, id := range want {
		if got[line] != id {
			t.Errorf("passage at line %d: id %q, want %q", line, got[line], id)
		}
	}
	again := Chunk(seedCorpus(t))
	for i := range ch.Passages {
		if ch.Passages[i].ID != again.Passages[i].ID {
			t.Fatalf("IDs differ between two runs")
		}
	}
}

func TestChunkMarkdownAndWrappedText(t *testing.T) {
	fsys := fstest.MapFS{
		"guide.md":          {Data: []byte("# User Guide\n\nIntro paragraph that is\nwrapped over two lines.\n\n## Install\n\n### Linux\n\nRun the installer.\n\n```\n# not a heading\n```\n\n## Use\n\nAsk a question.\n")},
		"notes/wrapped.txt": {Data: []byte("Introduction\nThis paragraph is hard-wrapped at a fixed width so each line is\nshorter than the paragraph and the lines must be joined into one.\n\nSecond paragraph.\n")},
		"image.png":         {Data: []byte{0x89, 'P', 'N', 'G'}},
		"empty.txt":         {Data: []byte(" \n\n")},
		".hidden/x.txt":     {Data: []byte("secret")},
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Skipped) != 3 {
		t.Errorf("skipped %v, want the png, the empty file and the hidden folder", c.Skipped)
	}
	ch := Chunk(c)
	type want struct {
		title, section, text string
		start, end           int
	}
	wants := []want{
		{"User Guide", "", "Intro paragraph that is\nwrapped over two lines.", 3, 4}, // the title is the passage's Title, not its text
		{"User Guide", "Install › Linux", "## Install\n\n### Linux\n\nRun the installer.\n\n```\n# not a heading\n```", 6, 14},
		{"User Guide", "Use", "## Use\n\nAsk a question.", 16, 18},
		{"wrapped", "Introduction", "Introduction\nThis paragraph is hard-wrapped at a fixed width so each line is\nshorter than the paragraph and the lines must be joined into one.\n\nSecond paragraph.", 1, 5},
	}
	if len(ch.Passages) != len(wants) {
		for _, p := range ch.Passages {
			t.Logf("%+v", p)
		}
		t.Fatalf("got %d passages, want %d", len(ch.Passages), len(wants))
	}
	for i, w := range wants {
		p := ch.Passages[i]
		if p.Title != w.title || p.Section != w.section || p.Text != w.text || p.LineStart != w.start || p.LineEnd != w.end {
			t.Errorf("passage %d = %q %q %q %d–%d, want %+v", i, p.Title, p.Section, p.Text, p.LineStart, p.LineEnd, w)
		}
	}
}

func TestChunkSplitsLongParagraphsAtSentences(t *testing.T) {
	var body strings.Builder
	for i := range 60 {
		fmt.Fprintf(&body, "Sentence number %02d is about forty-five chars. ", i)
	}
	text := "Heading line\n" + body.String() + "\n"
	c, err := Load(fstest.MapFS{"long.txt": {Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	ch := Chunk(c)
	if len(ch.Passages) < 3 {
		t.Fatalf("got %d passages, want the paragraph split", len(ch.Passages))
	}
	var joined []string
	for i, p := range ch.Passages {
		if n := len([]rune(p.Text)); n > MaxPassageChars {
			t.Errorf("passage of %d characters", n)
		}
		if !strings.HasSuffix(p.Text, ".") {
			t.Errorf("passage does not end at a sentence: %q", p.Text[len(p.Text)-20:])
		}
		// The heading line starts the first passage.
		if i == 0 {
			if p.LineStart != 1 || p.LineEnd != 2 || !strings.HasPrefix(p.Text, "Heading line\n") {
				t.Errorf("first passage at lines %d–%d, want 1–2 starting with its heading", p.LineStart, p.LineEnd)
			}
			joined = append(joined, strings.TrimPrefix(p.Text, "Heading line\n"))
			continue
		}
		if p.LineStart != 2 || p.LineEnd != 2 {
			t.Errorf("lines %d–%d, want 2–2", p.LineStart, p.LineEnd)
		}
		joined = append(joined, p.Text)
	}
	if strings.Join(joined, " ") != strings.TrimSpace(body.String()) {
		t.Error("split passages lose or change text")
	}
}

func TestLoadCorpusErrors(t *testing.T) {
	_, err := Load(fstest.MapFS{"bad.txt": {Data: []byte("\xff\xfec\x00a\x00f\x00\xe9\x00\n\x00")}})
	if !errors.Is(err, ErrEmptyCorpus) || !strings.Contains(err.Error(), "bad.txt (not valid UTF-8") {
		t.Errorf("invalid UTF-8 only: err = %v, want ErrEmptyCorpus naming bad.txt", err)
	}
	c, err := Load(fstest.MapFS{"bad.txt": {Data: []byte("\xff\xfec\x00a\x00f\x00\xe9\x00\n\x00")}, "good.txt": {Data: []byte("Tea.\n")}})
	if err != nil || len(c.Documents) != 1 || len(c.Problems()) != 1 || c.Problems()[0].Path != "bad.txt" {
		t.Errorf("one invalid file among good ones: %v, %+v", err, c)
	}
	_, err = Load(fstest.MapFS{"a.pdf": {Data: []byte("%PDF")}})
	if !errors.Is(err, ErrEmptyCorpus) {
		t.Errorf("no documents: err = %v, want ErrEmptyCorpus", err)
	}
}

func TestOnlyHeadingLikeLinesStillGivePassages(t *testing.T) {
	c, err := Load(fstest.MapFS{"list.txt": {Data: []byte("apples\npears\nplums\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if ch := Chunk(c); len(ch.Passages) == 0 {
		t.Error("a document of short lines lost all its text")
	}
}

// A section's blocks are not packed across a PDF's page break: each
// passage cites one page, and its text is within that page's lines.
func TestPackingStaysOnOnePage(t *testing.T) {
	pages := [][]string{
		{"User Guide", "", "INSTALL", "", "Get it first.", "", "Then unpack it."},
		{"Then run the installer now.", "", "And check it works."},
	}
	var lines []string
	var origins []structure.Origin
	for i, p := range pages {
		if i > 0 {
			lines = append(lines, "")
			origins = append(origins, origins[len(origins)-1])
		}
		for k, l := range p {
			lines = append(lines, l)
			origins = append(origins, structure.Origin{Page: i + 1, First: k + 1, Last: k + 1})
		}
	}
	st := structure.Scan(strings.Join(lines, "\n"), false)
	st.Origins = origins
	d := Document{Source: "guide.pdf", Kind: "pdf", Text: st.Text, view: &st}
	_, ps := splitDocument(d)
	if len(ps) < 2 {
		t.Fatalf("%d passages, want one per page at least", len(ps))
	}
	for _, p := range ps {
		page := pages[p.Page-1]
		cited := strings.Join(page[p.LineStart-1:p.LineEnd], "\n")
		for _, w := range strings.Fields(p.Text) {
			if !strings.Contains(cited, w) {
				t.Errorf("passage %q (page %d, lines %d–%d): %q is not on its page's lines %q", p.Text, p.Page, p.LineStart, p.LineEnd, w, cited)
			}
		}
	}
}

// Text two documents share is kept in the first, unless the first is a
// compilation of many documents a fraction of its size: a site's one-page
// edition that comes first by name (Node.js's all.html before fs.html)
// gives its passages to the pages, a README its licence paragraph to none.
func TestSharedTextKeptOutOfCompilations(t *testing.T) {
	section := func(n int) string {
		// Each section a passage of its own.
		return fmt.Sprintf("<h2>fs.func%d</h2>\n<p>Function %d reads the entire contents of file number %d. %s</p>\n",
			n, n, n, strings.Repeat(fmt.Sprintf("It is the %dth of its kind and reads as the others do. ", n), 12))
	}
	files := fstest.MapFS{}
	var all strings.Builder
	all.WriteString("<h2>Assert</h2>\n<p>The assert module provides assertion functions.</p>\n")
	for p := range 12 { // the site's pages, and all of them in all.html
		var page strings.Builder
		for n := range 3 {
			page.WriteString(section(10*p + n))
		}
		files[fmt.Sprintf("api/page%02d.html", p)] = &fstest.MapFile{Data: []byte(page.String())}
		all.WriteString(page.String())
	}
	files["api/all.html"] = &fstest.MapFile{Data: []byte(all.String())}
	readme := "# Tool\n\nRun it.\n\n## License\n\nThe tool is licensed under the MIT license.\n"
	files["a/README.md"] = &fstest.MapFile{Data: []byte(readme)}
	files["b/README.md"] = &fstest.MapFile{Data: []byte(readme + "\n## More\n\nMore text.\n")}
	c, err := Load(files)
	if err != nil {
		t.Fatal(err)
	}
	ch := Chunk(c)
	where := map[string][]string{}
	for _, p := range ch.Passages {
		for _, w := range []string{"Function 31 reads", "MIT license"} {
			if strings.Contains(p.Text, w) {
				where[w] = append(where[w], p.Source)
			}
		}
	}
	if got := where["Function 31 reads"]; len(got) != 1 || got[0] != "api/page03.html" {
		t.Errorf("a page's passage is in %v, want api/page03.html alone", got)
	}
	if got := where["MIT license"]; len(got) != 1 || got[0] != "a/README.md" {
		t.Errorf("the shared licence is in %v, want the first README alone", got)
	}
	for _, p := range ch.Passages {
		switch {
		case strings.Contains(p.Text, "MIT license"):
			if !slices.Equal(p.Copies, []string{"b/README.md"}) {
				t.Errorf("the shared licence's copies are %v, want the second README", p.Copies)
			}
		case strings.Contains(p.Text, "More text"):
			if p.Copies != nil {
				t.Errorf("a passage no other document holds has copies %v", p.Copies)
			}
		}
	}
	for _, d := range ch.Documents {
		if d.Source == "api/all.html" && d.Passages != 1 {
			t.Errorf("all.html kept %d passages, want its own one", d.Passages)
		}
	}
}

// A docs site's index page, a list of links to its other pages with their
// summaries, makes no passage: the pages hold the answers; nor does a
// README's contents, a list of bare links to its own sections. A list of
// links to pages the corpus lacks, or of one or two, stays, and so does a
// list of links to sections that say something of each.
func TestTableOfContentsMakesNoPassage(t *testing.T) {
	page := func(name string) string {
		return "# " + name + "\n\nThe " + name + " page says what " + name + " does.\n"
	}
	fsys := fstest.MapFS{
		"guide/index.md": {Data: []byte("# Guide\n\nStart here.\n\n## Pages\n\n" +
			"- [Variables](./variables.md): declaring values, computing them\n  with shell commands.\n" +
			"- [Output](./output.md): choosing an output mode.\n" +
			"- [Loops](loops.md): looping over values.\n")},
		"guide/variables.md": {Data: []byte(page("variables"))},
		"guide/output.md":    {Data: []byte(page("output"))},
		"guide/loops.md":     {Data: []byte(page("loops"))},
		"more.md": {Data: []byte("# More\n\n## See also\n\n" +
			"- [Variables](guide/variables.md)\n- [Output](guide/output.md)\n- [Loops](guide/loops.md)\n\n" +
			"Support is given on the forum.\n")},
		"README.md": {Data: []byte("# Tool\n\nIntro.\n\n## Integrations\n\n" +
			"- [With Fastify](docs/web.md#fastify)\n- [With Express](docs/web.md#express)\n- [With Koa](docs/web.md#koa)\n")},
		"kong/README.md": {Data: []byte("# Kong\n\n- [Introduction](#introduction)\n- [Help](#help)\n  - [Defining help](#defining-help)\n" +
			"- [Flags](#flags)\n\n## Introduction\n\nKong parses command lines.\n\n## Help\n\n" +
			"- [Flags](#flags): what the flags are called\n- [Hooks](#hooks): when they run\n- [Tags](#tags): what they say\n\n" +

			"### Defining help\n\nHelp is a tag.\n\n## Flags\n\nFlags are fields.\n\n## Features\n\n" +
			"- [Flags](#flags)\n  how the flags are named\n- [Hooks](#hooks)\n  when they run\n- [Tags](#tags)\n  what they say\n")},
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ch := Chunk(c)
	if ch.Navigation != 2 {
		t.Errorf("%d passages dropped as navigation, want 2 (the index's list, the README's contents)", ch.Navigation)
	}
	for _, p := range ch.Passages {
		if strings.Contains(p.Text, "declaring values") || strings.Contains(p.Text, "[Introduction](#introduction)") {
			t.Errorf("a table of contents is a passage: %q", p.Text)
		}
		if strings.Contains(p.Text, "Kong parses") && (p.Section != "Introduction" || p.LineStart != 8) {
			t.Errorf("the section after the contents is at %s:%d, section %q; want line 8 (its heading) under Introduction", p.Source, p.LineStart, p.Section)
		}
	}
	for _, want := range []string{"With Express", "Support is given on the forum", "what the flags are called", "how the flags are named"} {
		if !anyHolds(ch.Passages, want) {
			t.Errorf("%q was dropped: a list of links to pages the corpus lacks, text packed after a list of links, or links to sections with words of their own", want)
		}
	}
}

// anyHolds reports whether some passage's text holds s.
func anyHolds(ps []Passage, s string) bool {
	return slices.ContainsFunc(ps, func(p Passage) bool { return strings.Contains(p.Text, s) })
}

// A list of a document's own section titles, without links, makes no
// passage either: a plain-text README's numbered contents ("0. Overview",
// with a section of no text of its own among them) or a Markdown list of
// them. A list naming fewer sections (platforms, each with its section)
// stays, and so does contents holding more than titles (a release line).
func TestSectionsListMakesNoPassage(t *testing.T) {
	fsys := fstest.MapFS{
		"xz/README.txt": {Data: []byte("\nXZ Utils\n========\n\n    0. Overview\n    1. Documentation\n       1.1. Overall documentation\n" +
			"       1.2. Command-line tools\n    2. Version numbering\n    3. Reporting bugs\n\n\n" +
			"0. Overview\n-----------\n\n    XZ Utils provide a general-purpose data-compression library.\n\n\n" +
			"1. Documentation\n----------------\n\n1.1. Overall documentation\n\n    The AUTHORS file lists the authors.\n\n" +
			"1.2. Command-line tools\n\n    The xz tool compresses files.\n\n\n" +
			"2. Version numbering\n--------------------\n\n    The version is X.Y.Z.\n\n\n" +
			"3. Reporting bugs\n-----------------\n\n    Mail the author.\n")},
		"tool.md": {Data: []byte("# Tool\n\n## Contents\n\n- Install\n- Usage\n- Options\n- Licence\n\n## Install\n\nRun make.\n\n" +
			"## Usage\n\nRun tool.\n\n## Options\n\nThere is one: -v.\n\n## Licence\n\nMIT.\n")},
		"ports.md": {Data: []byte("# Ports\n\nIt runs on:\n\n- Linux\n- macOS\n- Windows\n\n## Linux\n\nUse apt.\n\n## macOS\n\nUse brew.\n\n## Windows\n\nUse the installer.\n")},
		"install.md": {Data: []byte("# Install\n\n## Installation\n\n- Linux\n- macOS\n- Windows\n- FreeBSD\n- Docker images are published on every release\n- Solaris is not supported any more\n\n" +
			"### Linux\n\nUse apt.\n\n### macOS\n\nUse brew.\n\n### Windows\n\nUse the installer.\n\n### FreeBSD\n\nUse pkg.\n")},
		"FAQ.txt": {Data: []byte("\nTool FAQ\nRelease 3.19.0 11 Apr 2022\n~~~~~~~~~~~~~~~~~~~~~~~~~~\n\nTable of Contents\n1. Background\n2. Installing\n3. Crashes\n4. Help\n\n" +
			"1. Background\n-------------\n\nIt began in 2000.\n\n2. Installing\n-------------\n\nRun make.\n\n3. Crashes\n----------\n\nReport them.\n\n4. Help\n-------\n\nAsk on the list.\n")},
	}
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ch := Chunk(c)
	if ch.Navigation != 2 {
		t.Errorf("%d passages dropped as navigation, want 2 (the README's and tool.md's contents)", ch.Navigation)
	}
	for _, p := range ch.Passages {
		if strings.Contains(p.Text, "1.2. Command-line tools\n    2. Version") || strings.Contains(p.Text, "- Usage") {
			t.Errorf("a list of the document's sections is a passage: %q", p.Text)
		}
	}
	for _, want := range []string{"- macOS", "Release 3.19.0", "XZ Utils provide", "The xz tool compresses", "Solaris is not supported"} {
		if !anyHolds(ch.Passages, want) {
			t.Errorf("%q was dropped: a short list of things that head sections, contents with more than titles, or a section's text", want)
		}
	}
}

// TestParagraphGoingOnJoinsTheOneBefore: in a page without headings, a
// paragraph pointing back ("This release introduced …") is one passage
// with the paragraph it goes on about; others stay apart.
func TestParagraphGoingOnJoinsTheOneBefore(t *testing.T) {
	text := "Zorp 8 Jessie (April 2015): named for the cow girl doll.\n\nThis release introduced systemd as the default init system.\n\n" +
		"Zorp 9 Stretch (June 2017): named for the octopus.\n\nSupport for powerpc was dropped.\n\nThe cache keeps entries for an hour.\n"
	c, err := Load(fstest.MapFS{"releases.txt": {Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range Chunk(c).Passages {
		got = append(got, fmt.Sprintf("%d-%d", p.LineStart, p.LineEnd))
	}
	if want := "1-3 5-5 7-7 9-9"; strings.Join(got, " ") != want {
		t.Errorf("passages at lines %v, want %s", got, want)
	}
}

// TestParagraphBreakingOffJoinsTheOneAfter: in a page without headings, a
// paragraph that stops mid-sentence ("… is at", "… either:", "or") is one
// passage with the paragraph finishing it, as is one going on with a
// conjunction ("or both in parallel"), and one ending on a word over the
// command indented under it; a line opening on "or" heads nothing;
// paragraphs ending their sentences stay apart.
func TestParagraphBreakingOffJoinsTheOneAfter(t *testing.T) {
	text := "The homepage of this package is at\n\n           https://www.gnu.org/software/gettext/\n\n" +
		"The library is free software under the terms of either:\n\n  * the GNU Lesser General Public License,\n\nor\n\n" +
		"  * the GNU General Public License,\n\nor both in parallel, as here.\n\n" +
		"GNU MP is a library for arbitrary precision arithmetic.\n\nIt is fast.\n\nBugs go to the list.\n\n" +
		"or specify it directly while configuring\n\n        env LINGUAS=\"de\" ./configure\n"
	ps, _ := chunkOne(t, "README.txt", text)
	var got []string
	for _, p := range ps {
		got = append(got, fmt.Sprintf("%d-%d%s", p.LineStart, p.LineEnd, p.Section))
	}
	if want := "1-3 5-13 15-17 19-23"; strings.Join(got, " ") != want {
		t.Errorf("passages at lines %v, want %s", got, want)
	}
}

// TestFAQEntryIsOnePassage: in a plain-text FAQ, a question ("Q. …") and
// the answer under it ("A. …") are one passage, in a section or not (two
// questions over one answer too); a question is not joined to the text
// before it.
func TestFAQEntryIsOnePassage(t *testing.T) {
	text := "Some notes on the package.\n\nQ. Why does /etc/issue still say 10?\n\nA. The release managers asked me not to touch it.\nIt is often customized.\n\n" +
		"Q. How do I know which distribution I run?\n\nQ. And which release?\n\nA. Look at /etc/apt/sources.list.\n\nA closing note.\n"
	c, err := Load(fstest.MapFS{"FAQ.txt": {Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range Chunk(c).Passages {
		got = append(got, fmt.Sprintf("%d-%d", p.LineStart, p.LineEnd))
	}
	if want := "1-1 3-6 8-14"; strings.Join(got, " ") != want {
		t.Errorf("passages at lines %v, want %s", got, want)
	}
}

// TestWrappedNumberedQuestionHeadsItsAnswer: an FAQ's numbered question
// wrapped over lines (zlib's) titles its answer, as one on a line does; a
// numbered paragraph of statements stays text of the entry it is in.
func TestWrappedNumberedQuestionHeadsItsAnswer(t *testing.T) {
	text := "Frequently Asked Questions about zlib\n\n\n41. Can you help with the zip functions?\n\n    There are no zip functions in zlib.\n\n" +
		"42. The match.asm code in contrib is under the GNU General Public License.\n    Since it's part of zlib, doesn't that mean that all of zlib falls under the\n    GNU GPL?\n\n" +
		"    No.  The files in contrib are not part of zlib.\n\n" +
		"43. The tables are built at run time.\n    They take little memory.\n"
	c, err := Load(fstest.MapFS{"FAQ.txt": {Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range Chunk(c).Passages {
		got = append(got, fmt.Sprintf("%d-%d %q", p.LineStart, p.LineEnd, p.Section))
	}
	want := `1-6 "41. Can you help with the zip functions?" ` +
		`8-15 "42. The match.asm code in contrib is under the GNU General Public License. Since it's part of zlib, doesn't that mean that all of zlib falls under the GNU GPL?"`
	if strings.Join(got, " ") != want {
		t.Errorf("passages %s\nwant %s", strings.Join(got, " "), want)
	}
}

// TestManPageSectionsFollowIndentation: a manual page rendered as text is
// titled by the name its NAME line gives; its sections (left edge), subsections (three
// columns in) and items' tags (the tag column, over text indented further)
// head its passages; a description, even set apart by blank lines, heads
// nothing, and an option's term, which stays with its description, ends
// the item before it.
func TestManPageSectionsFollowIndentation(t *testing.T) {
	text := "SSH_CONFIG(5)            File Formats Manual           SSH_CONFIG(5)\n\nNAME\n       ssh_config - OpenSSH client configuration file\n\n" +
		"DESCRIPTION\n       ssh(1) obtains configuration data from the following sources.\n\n" +
		"       ServerAliveCountMax\n               Sets the number of server alive messages which may be sent.\n               The default value is 3.\n\n" +
		"       ServerAliveInterval\n               Sets a timeout interval in seconds.\n\n" +
		"   Patterns\n       A pattern consists of zero or more non-whitespace characters.\n\n" +
		"OPTIONS\n       -i[SUFFIX], --in-place[=SUFFIX]\n\n              edit files in place (makes backup if SUFFIX supplied)\n\n" +
		"       -l N, --line-length=N\n              specify the desired line-wrap length\n"
	c, err := Load(fstest.MapFS{"ssh_config.txt": {Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range Chunk(c).Passages {
		if p.Title != "ssh_config" {
			t.Errorf("title %q, want the NAME line's name", p.Title)
		}
		got = append(got, fmt.Sprintf("%d-%d %q", p.LineStart, p.LineEnd, p.Section))
	}
	want := `1-4 "NAME" 6-7 "DESCRIPTION" 9-11 "DESCRIPTION › ServerAliveCountMax" 13-14 "DESCRIPTION › ServerAliveInterval" ` +
		`16-17 "DESCRIPTION › Patterns" 19-25 "OPTIONS"`
	if strings.Join(got, " ") != want {
		t.Errorf("passages %s\nwant %s", strings.Join(got, " "), want)
	}
}

// TestGoDocDeclarationsHeadTheirDocs: in Go package documentation as "go
// doc -all" prints it, each declaration heads its code and doc comment,
// under its category, whatever the length of its line; a struct's fields
// and the doc after them are its own.
func TestGoDocDeclarationsHeadTheirDocs(t *testing.T) {
	text := "package cache // import \"example.com/cache\"\n\nPackage cache keeps things.\n\nFUNCTIONS\n\n" +
		"func New(size int) *Cache\n    New makes a cache that holds size entries at most, and drops the oldest.\n\n" +
		"TYPES\n\ntype Cache struct {\n\t// Size is the limit.\n\tSize int\n}\n    Cache holds entries.\n\n" +
		"func (c *Cache) GetOrLoadWithContextAndTimeout(ctx context.Context, key string) (any, bool)\n    Get returns the entry.\n"
	c, err := Load(fstest.MapFS{"cache.txt": {Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range Chunk(c).Passages {
		got = append(got, fmt.Sprintf("%d-%d %q", p.LineStart, p.LineEnd, p.Section))
	}
	want := `1-3 "" 5-8 "FUNCTIONS › func New(size int) *Cache" 10-16 "TYPES › type Cache struct" ` +
		`18-19 "TYPES › func (c *Cache) GetOrLoadWithContextAndTimeout(ctx context.Context, key string) (any, bool)"`
	if strings.Join(got, " ") != want {
		t.Errorf("passages %s\nwant %s", strings.Join(got, " "), want)
	}
}

// TestReleasesAreSiblingsWhateverTheirLevel: a release log that writes a
// major release "## [9.0.0]" and the patches after it "### [8.3.2]" has
// each release a section of its own, not one inside the other.
func TestReleasesAreSiblingsWhateverTheirLevel(t *testing.T) {
	text := "# Changelog\n\n## [9.0.0](https://example.org/compare) (2022-09-05)\n\n### Bug Fixes\n\n- drop Node 10\n\n" +
		"### [8.3.2](https://example.org/compare) (2020-12-08)\n\n### Bug Fixes\n\n- lazy load getRandomValues\n"
	c, err := Load(fstest.MapFS{"CHANGELOG.md": {Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range Chunk(c).Passages {
		got = append(got, p.Section)
	}
	want := "9.0.0 (2022-09-05) › Bug Fixes | 8.3.2 (2020-12-08) › Bug Fixes"
	if strings.Join(got, " | ") != want {
		t.Errorf("sections %q, want %q", strings.Join(got, " | "), want)
	}
}

// TestFAQQuestionsAnsweredWithoutMarkAreEntriesApart: questions answered
// without an "A." mark, or on their own line, are each an entry under its
// own title; a heading ends an entry, even a question not answered yet.
func TestFAQQuestionsAnsweredWithoutMarkAreEntriesApart(t *testing.T) {
	for name, c := range map[string]struct{ text, want string }{
		"no answer mark": {"# FAQ\n\nQ: How do I install it?\nRun make install.\n\nQ: How do I uninstall it?\nRun make uninstall.\n\nQ: How do I upgrade it?\nRun make upgrade.\n",
			`3-4 "How do I install it?" 6-7 "How do I uninstall it?" 9-10 "How do I upgrade it?"`},
		"answer on its line": {"# FAQ\n\nQ: How do I install it? A: Run make install.\n\nQ: How do I upgrade it? A: Run make upgrade.\n",
			`3-3 "How do I install it?" 5-5 "How do I upgrade it?"`},
		"a heading between": {"# Tool\n\n## FAQ\n\nQ: Why is it slow?\n\n## More\n\nQ: Why is it big?\n\nA: The tables.\n",
			`3-5 "FAQ › Why is it slow?" 7-11 "More › Why is it big?"`},
	} {
		t.Run(name, func(t *testing.T) {
			ch, err := Load(fstest.MapFS{"FAQ.md": {Data: []byte(c.text)}})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range Chunk(ch).Passages {
				got = append(got, fmt.Sprintf("%d-%d %q", p.LineStart, p.LineEnd, p.Section))
			}
			if strings.Join(got, " ") != c.want {
				t.Errorf("passages %s, want %s", strings.Join(got, " "), c.want)
			}
		})
	}
}

// TestFAQAnswerParagraphsAreUnderTheirQuestion: an FAQ's question with its
// answer, and the paragraphs of a long answer after its first, are in the
// question's section, as under a heading, until the next question.
func TestFAQAnswerParagraphsAreUnderTheirQuestion(t *testing.T) {
	long := strings.Repeat("If the situation is one like kernel driver development, rebuild the packages. ", 8)
	text := "Q1: Why does libc6-dev ship kernel headers\ninstead of symlinks?\n\nA1: Kernel headers change.\n\n" +
		"Q2: What if I want a feature from a later kernel?\n\nA2: Most programs will not have this problem.\n\n" + long + "\n\n" +
		"If you want this package to stick, place it on HOLD.\n\nQ3: Why follow the stable branch?\n\nA3: To cause little disruption.\n"
	c, err := Load(fstest.MapFS{"README.Debian": {Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range Chunk(c).Passages {
		got = append(got, fmt.Sprintf("%d-%d %q", p.LineStart, p.LineEnd, p.Section))
	}
	want := []string{`1-4 "Why does libc6-dev ship kernel headers instead of symlinks?"`, `6-8 "What if I want a feature from a later kernel?"`,
		`10-12 "What if I want a feature from a later kernel?"`, `14-16 "Why follow the stable branch?"`}
	if !slices.Equal(got, want) {
		t.Errorf("passages %v, want %v", got, want)
	}
}

// TestIndentedNumberedStepsHeadNothing: the numbered steps of an FAQ's
// answer, indented under its "A:", each over its code, are the answer's
// text, not headings (vifm's FAQ had put the next question under "2. Add
// the following line to ~/.vifm/vifmrc"); numbered sections at the margin
// still head theirs.
func TestIndentedNumberedStepsHeadNothing(t *testing.T) {
	text := "Q: How to make shell aliases work in Vifm?\n\nA: Here is a solution for bash.\n\n" +
		"   1. Add the following lines to ~/.bashrc\n\n       shopt -s expand_aliases\n\n" +
		"   2. Add the following line to ~/.vifm/vifmrc\n\n       let $BASH_ENV = '~/.bashrc'\n\n" +
		"------------------------------------------------------------\n\nQ: How can I help Vifm?\n\nA: Just use it and report any problems.\n"
	c, err := Load(fstest.MapFS{"FAQ": {Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Chunk(c).Passages {
		if strings.Contains(p.Section, "Add the following") {
			t.Errorf("passage %d-%d under %q: a step heads nothing", p.LineStart, p.LineEnd, p.Section)
		}
		if strings.Contains(p.Text, "report any problems") && !strings.HasSuffix(p.Section, "How can I help Vifm?") {
			t.Errorf("the answer to the last question is under %q", p.Section)
		}
	}
	numbered := "1. Introduction\n\nThis tool syncs files.\n\n2. Installation\n\nRun make install.\n"
	c, err = Load(fstest.MapFS{"README": {Data: []byte(numbered)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Chunk(c).Passages {
		if strings.Contains(p.Text, "make install") && !strings.HasSuffix(p.Section, "Installation") {
			t.Errorf("a numbered section at the margin heads its text: %q under %q", p.Text, p.Section)
		}
	}
}

// TestRuledEntryIsUnderItsFirstParagraph: an entry set apart by rule lines
// whose first paragraph is short puts the paragraphs after it under that
// one, as under a heading (ncurses' FAQ: a problem, then its answer); a
// first paragraph that asks a question opens their passage as a heading's
// line does (never a passage alone), one that states something stays a
// passage, for what it says.
func TestRuledEntryIsUnderItsFirstParagraph(t *testing.T) {
	text := "A list of frequently reported problems with ncurses.\n\n********\n\n" +
		"Home/End keys don't work in some non-full-screen applications.\n\nThe key sequences in terminfo are for full-screen applications only.\n\n" +
		"Use the CSI sequences in non-application mode.\n\n********\n\n" +
		"One paragraph alone, long enough to be an entry of its own and no title of anything.\n"
	c, err := Load(fstest.MapFS{"FAQ": {Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range Chunk(c).Passages {
		got = append(got, fmt.Sprintf("%d-%d %q", p.LineStart, p.LineEnd, p.Section))
	}
	const problem = "Home/End keys don't work in some non-full-screen applications."
	want := []string{`1-1 ""`, `5-5 ""`, fmt.Sprintf("7-9 %q", problem), `13-13 ""`}
	if !slices.Equal(got, want) {
		t.Errorf("passages %v, want %v", got, want)
	}
	// A first paragraph announcing what follows (a line ending in ":")
	// titles nothing: the list is no entry under it.
	listed := "Intro.\n\n########\n\nThe distribution contains the following files:\n(This does not apply to code from Git.)\n\n" +
		"AUTHORS   - the authors of the library\nBUGS      - bugs in the library\n\nMore text about the files, long enough to stand alone.\n"
	if c, err = Load(fstest.MapFS{"README": {Data: []byte(listed)}}); err != nil {
		t.Fatal(err)
	}
	for _, p := range Chunk(c).Passages {
		if p.Section != "" {
			t.Errorf("passage %d-%d under %q, want none", p.LineStart, p.LineEnd, p.Section)
		}
	}
	// A question opens its answer's passage, as a heading's line does.
	const question = "5.4. Can I use the keys in application mode?"
	asked := strings.Replace(text, problem, question, 1)
	if c, err = Load(fstest.MapFS{"FAQ": {Data: []byte(asked)}}); err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, p := range Chunk(c).Passages {
		got = append(got, fmt.Sprintf("%d-%d %q", p.LineStart, p.LineEnd, p.Section))
	}
	want = []string{`1-1 ""`, fmt.Sprintf("5-9 %q", question), `13-13 ""`}
	if !slices.Equal(got, want) {
		t.Errorf("a question: passages %v, want %v", got, want)
	}
	// An answer that fills a passage alone does not take its question on:
	// the numbered question heads it as a section does, its words in the
	// answer's section path.
	long := strings.Repeat("Set the terminal type before starting the program, then try again. ", 17) + "Then try again and again and again."
	text = "A list of frequently reported problems with ncurses.\n\n********\n\n" + question + "\n\n" + long + "\n\n********\n\n" +
		"One paragraph alone, long enough to be an entry of its own and no title of anything.\n"
	if c, err = Load(fstest.MapFS{"FAQ": {Data: []byte(text)}}); err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, p := range Chunk(c).Passages {
		if n := utf8.RuneCountInString(p.Text); n > MaxPassageChars {
			t.Errorf("passage %d-%d holds %d characters, more than %d", p.LineStart, p.LineEnd, n, MaxPassageChars)
		}
		got = append(got, fmt.Sprintf("%d-%d %q", p.LineStart, p.LineEnd, p.Section))
	}
	want = []string{`1-1 ""`, fmt.Sprintf("7-7 %q", question), `11-11 ""`}
	if !slices.Equal(got, want) {
		t.Errorf("with a long answer: passages %v, want %v", got, want)
	}
}

// TestReferenceEntriesAreCutAtTheirLabels: a reference page's entries (a
// label, "`alpha`", over the text about it) are packed whole or not at
// all: one that fits joins the passage before; one too long for a passage
// is cut into passages of its own under its label, which the next entry
// does not join.
func TestReferenceEntriesAreCutAtTheirLabels(t *testing.T) {
	long := strings.Repeat("It waits between tries, longer each time. ", 9)
	text := "# Tool\n\nA tool.\n\n## Options\n\nThe options it reads.\n\n`alpha`\n\nHow many tries it makes.\n\n*Default*: 3\n\n" +
		"`beta`\n\n" + long + "\n\n" + long + "\n\n*Default*: 10s\n\n`gamma`\n\nWhether it logs.\n"
	c, err := Load(fstest.MapFS{"tool.md": {Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range Chunk(c).Passages {
		got = append(got, fmt.Sprintf("%d-%d %s", p.LineStart, p.LineEnd, p.Section))
	}
	want := []string{"3-3 ", "5-13 Options", "15-17 Options › beta", "19-21 Options › beta", "23-25 Options"}
	if !slices.Equal(got, want) {
		t.Errorf("passages %q, want %q", got, want)
	}
	// Entries right under their heading, and a label with nothing under
	// it at the section's end: the first entry opens on the heading's
	// passage, the bare label stays with the entry before.
	text = "# Tool\n\nA tool.\n\n## Options\n\n`alpha`\n\nHow many tries it makes.\n\n*Default*: 3\n\n" +
		"`beta`\n\n" + long + "\n\n" + long + "\n\n`gamma`\n"
	c, err = Load(fstest.MapFS{"tool.md": {Data: []byte(text)}})
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, p := range Chunk(c).Passages {
		got = append(got, fmt.Sprintf("%d-%d %s", p.LineStart, p.LineEnd, p.Section))
	}
	want = []string{"3-3 ", "5-11 Options", "13-15 Options › beta", "17-19 Options › beta"}
	if !slices.Equal(got, want) {
		t.Errorf("entries under their heading: passages %q, want %q", got, want)
	}
}

// An FAQ whose questions are one-line block quotes (chromedp's "> I
// cannot see any browser window") has each answer under its question, as
// under a heading, the questions siblings; the same quote outside an FAQ
// is text.
func TestQuotedFAQQuestionsHeadTheirAnswers(t *testing.T) {
	doc := "# foo\n\nPackage foo drives browsers.\n\n## Frequently Asked Questions\n\n" +
		"> I cannot see any browser window\n\nBy default, foo runs the browser headless.\n\n" +
		"> I see \"context canceled\" errors\n\nThe connection to the browser was lost. You might see:\n\n> Error: no display found\n\nwhen it crashes.\n\n" +
		"### Why is it slow?\n\n> Because it checks every file twice.\n\nIt is thorough.\n\n" +
		"## Usage\n\n> Simple is better than complex.\n\nSo foo is small.\n"
	c, err := Load(fstest.MapFS{"foo/README.md": {Data: []byte(doc)}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"runs the browser headless": "Frequently Asked Questions › I cannot see any browser window",
		"was lost":                  `Frequently Asked Questions › I see "context canceled" errors`,
		"when it crashes":           `Frequently Asked Questions › I see "context canceled" errors`, // a quote an answer announces asks nothing
		"It is thorough":            "Frequently Asked Questions › Why is it slow",                  // nor one under a question of another form
		"Simple is better":          "Usage",
		"foo is small":              "Usage",
	}
	for _, p := range Chunk(c).Passages {
		for s, section := range want {
			if strings.Contains(p.Text, s) && p.Section != section {
				t.Errorf("%q is under %q, want %q", s, p.Section, section)
			}
		}
		if strings.Contains(p.Text, "headless") && strings.Contains(p.Text, "context canceled") {
			t.Errorf("two entries in one passage: %q", p.Text)
		}
	}
	// An FAQ page titled so ("# FAQ") has its quoted questions too.
	c, err = Load(fstest.MapFS{"docs/faq.md": {Data: []byte("# FAQ\n\n> Why no Windows build?\n\nNobody asked.\n\n> Can it run headless?\n\nYes, by default.\n")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Chunk(c).Passages {
		if strings.Contains(p.Text, "by default") && p.Section != "Can it run headless" {
			t.Errorf("%q is under %q, want its quoted question", p.Text, p.Section)
		}
	}
}

// A plain-text README's label in capitals ending in a colon heads the
// indented text under it ("REQUIREMENTS:"), titled without its colon; a
// line over a web address alone introduces it and heads nothing.
func TestCapitalLabelsHeadPlainText(t *testing.T) {
	doc := "sysd System Manager\n" +
		"\n" +
		"REQUIREMENTS:\n" +
		"        Linux kernel >= 3.15\n" +
		"                     >= 4.20 for PSI\n" +
		"\n" +
		"        Kernel Config Options:\n" +
		"          CONFIG_DEVTMPFS\n" +
		"\n" +
		"NOTE:\n" +
		"        You need a C compiler too.\n" +
		"\n" +
		"HOME:\n" +
		"        the user's home\n" +
		"PATH:\n" +
		"        where commands are found\n" +
		"\n" +
		"WARNINGS and TAINT FLAGS:\n" +
		"        sysd will warn during early boot if /usr is not already mounted at\n" +
		"        this point. Taint flag 'split-usr' will be set when this condition\n" +
		"        is detected.\n" +
		"\n" +
		"        For more information on this issue consult\n" +
		"        https://www.freedesktop.org/wiki/Software/systemd/separate-usr-is-broken\n" +
		"\n" +
		"        sysd will also warn when the cgroup support is unavailable in the\n" +
		"        kernel (taint flag 'cgroups-missing').\n" +
		"\n" +
		"        Taint conditions are logged during boot, but may also be checked at any\n" +
		"        time with:\n" +
		"\n" +
		"          busctl get-property org.freedesktop.sysd1 /org/freedesktop/sysd1 org.freedesktop.sysd1.Manager Tainted\n"
	c, err := Load(fstest.MapFS{"sysd/README": {Data: []byte(doc)}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"CONFIG_DEVTMPFS":             "REQUIREMENTS",
		"C compiler":                  "REQUIREMENTS", // an admonition alone heads nothing
		"where commands are found":    "REQUIREMENTS", // nor labelled values
		"early boot":                  "WARNINGS and TAINT FLAGS",
		"Taint conditions are logged": "WARNINGS and TAINT FLAGS",
		"separate-usr-is-broken":      "WARNINGS and TAINT FLAGS",
	}
	for _, p := range Chunk(c).Passages {
		for s, section := range want {
			if strings.Contains(p.Text, s) && p.Section != section {
				t.Errorf("%q is under %q, want %q", s, p.Section, section)
			}
		}
	}
}

// A plain-text file's banner framed by rules ends on a sentence over the
// closing rule: that sentence heads nothing. An FAQ's one-line answer
// ("A: …") goes with its question and heads nothing either.
func TestFramedBannerAndFAQAnswersHeadNothing(t *testing.T) {
	doc := " ----------------------------------------------\n" +
		" This file is part of bzip3, a compressor.\n" +
		"\n" +
		" This program is released under the terms of the license contained\n" +
		" in the file LICENSE.\n" +
		" ----------------------------------------------\n" +
		"\n" +
		"0.9.0\n" +
		"~~~~~\n" +
		"First version.\n" +
		"\n" +
		"Q: Why does ./test.sh say No such file or directory?\n" +
		"\n" +
		"A: You need a bash shell in your executable path\n" +
		"\n" +
		"\n" +
		"Q: Is there a Windows port?\n" +
		"\n" +
		"A: Try with Cygwin.\n"
	c, err := Load(fstest.MapFS{"bzip3/CHANGES": {Data: []byte(doc)}})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range Chunk(c).Passages {
		if strings.Contains(p.Section, "LICENSE") || strings.Contains(p.Section, "bash shell") {
			t.Errorf("%q is under %q, a sentence's", p.Text, p.Section)
		}
		if strings.Contains(p.Text, "bash shell") && !strings.Contains(p.Text, "Q: Why does") {
			t.Errorf("the answer %q is quoted apart from its question", p.Text)
		}
	}
}
