package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// FuzzChunk splits arbitrary documents: it must never panic, and every
// passage must be found at its lines in the source.
func FuzzChunk(f *testing.F) {
	f.Add("# Title\n\n## A\n\nText. More text.\n\nShort line\nLong line "+strings.Repeat("word ", 300)+"\n", true)
	f.Add("Heading\nPara one.\n\nPara two?\n", false)
	f.Add("```\n# x\n```\n\n- a\n- b\n", true)
	f.Add("---\ntitle: x\n---\nTitle\n===\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n    code\n\n---\n\nIt has:\n\n1. one\n   more\n2) two\n", true)
	f.Add("Title\n-----\n\n* a\n* b\n\n=====\n[![b](u)](l)\n", false)
	f.Fuzz(func(t *testing.T, text string, md bool) {
		if !utf8.ValidString(text) {
			return
		}
		name := "doc.txt"
		if md {
			name = "doc.md"
		}
		c, err := Load(fstest.MapFS{name: {Data: []byte(text)}})
		if err != nil {
			return // empty documents are refused
		}
		src := c.Documents[0].Text
		lines := strings.Split(src, "\n")
		for _, p := range Chunk(c).Passages {
			if p.LineStart < 1 || p.LineEnd > len(lines) || p.LineEnd < p.LineStart {
				t.Fatalf("lines %d–%d of %d", p.LineStart, p.LineEnd, len(lines))
			}
			if !strings.Contains(strings.Join(lines[p.LineStart-1:p.LineEnd], "\n"), p.Text) || strings.TrimSpace(p.Text) == "" {
				t.Fatalf("passage %q not at lines %d–%d", p.Text, p.LineStart, p.LineEnd)
			}
		}
	})
}
