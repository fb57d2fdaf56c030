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
	var doc strings.Builder
	for s := 0; doc.Len() < 10<<20; s++ {
		fmt.Fprintf(&doc, "## Section %d\n\n", s)
		for p := range 20 {
			fmt.Fprintf(&doc, "Paragraph %d of section %d says a little.\n\n", p, s)
		}
	}
	c, err := Load(fstest.MapFS{"big.md": {Data: []byte(doc.String())}})
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
