package corpus

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// BenchmarkChunkLargeMarkdown chunks one 10 MB Markdown file of short
// sections (a heading and twenty short paragraphs each), the case where
// packing a section's blocks meets the most neighbours: the time must grow
// with the file, not with its square (b.N files of 315,000 lines).
func BenchmarkChunkLargeMarkdown(b *testing.B) {
	benchmarkChunk(b, "big.md", func(doc *strings.Builder, s int) {
		fmt.Fprintf(doc, "## Section %d\n\n", s)
		for p := range 20 {
			fmt.Fprintf(doc, "Paragraph %d of section %d says a little.\n\n", p, s)
		}
	})
}

// BenchmarkChunkLargeHTML is the same for a 10 MB HTML page, whose lines
// map to lines of markup: the page checks, made for PDFs, must not scan
// them for every block.
func BenchmarkChunkLargeHTML(b *testing.B) {
	benchmarkChunk(b, "big.html", func(doc *strings.Builder, s int) {
		fmt.Fprintf(doc, "<h2>Section %d</h2>\n", s)
		for p := range 20 {
			fmt.Fprintf(doc, "<p>Paragraph %d of section %d says a little.</p>\n", p, s)
		}
	})
}

// benchmarkChunk chunks a file named name of about 10 MB, written a
// section at a time by section.
func benchmarkChunk(b *testing.B, name string, section func(doc *strings.Builder, s int)) {
	var doc strings.Builder
	for s := 0; doc.Len() < 10<<20; s++ {
		section(&doc, s)
	}
	c, err := Load(fstest.MapFS{name: {Data: []byte(doc.String())}})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if ch := Chunk(c); len(ch.Passages) == 0 {
			b.Fatal("no passages")
		}
	}
}

// BenchmarkChunkSharedFooter chunks 20,000 small pages that all end with
// the same footer paragraph, as a generated docs site does: finding the
// compilations must take time in proportion to the pages, not to their
// square (each page once looked at every other page holding the footer).
func BenchmarkChunkSharedFooter(b *testing.B) {
	fsys := fstest.MapFS{}
	for i := range 20000 {
		fsys[fmt.Sprintf("page%05d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
			"# Page %d\n\nPage %d tells of thing %d.\n\n## Footer\n\nThis site is built from the project's docs folder.\n", i, i, i))}
	}
	c, err := Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if ch := Chunk(c); ch.Duplicates != 19999 {
			b.Fatalf("%d duplicates, want 19999", ch.Duplicates)
		}
	}
}
