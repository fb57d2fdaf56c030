package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// FuzzChunk splits arbitrary documents: it must never panic, and every
// passage must be found within Corpus.Lines of its lines, which are the
// lines of the source, but for a paginated text's (its pages' running
// headers and footers left out, a paragraph cut by a page's end joined).
func FuzzChunk(f *testing.F) {
	f.Add("# Title\n\n## A\n\nText. More text.\n\nShort line\nLong line "+strings.Repeat("word ", 300)+"\n", true)
	f.Add("Heading\nPara one.\n\nPara two?\n", false)
	f.Add("```\n# x\n```\n\n- a\n- b\n", true)
	f.Add("---\ntitle: x\n---\nTitle\n===\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n    code\n\n---\n\nIt has:\n\n1. one\n   more\n2) two\n", true)
	f.Add("Title\n-----\n\n* a\n* b\n\n=====\n[![b](u)](l)\n", false)
	f.Add("<img ȺȺȺȺȺȺȺȺȺȺ alt=>\n# <img title=\"İİ\" alt=\"x\"> [![a]][b]\n\n"+strings.Repeat("[", 3000)+"\n", true)
	page := "\nFrob      Informational      [Page 1]\n\f\nRFC 1      FROB      May 2003\n\n"
	f.Add("1. Intro\n\n   It runs\n"+page+"   on pages.\n"+page+"2. Use\n\n   Use it.\n"+page+"\f", false)
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
			got, ok := c.Lines(p.Source, p.LineStart, p.LineEnd)
			if !ok || !strings.Contains(got, p.Text) || strings.TrimSpace(p.Text) == "" {
				t.Fatalf("passage %q not within lines %d–%d: %q", p.Text, p.LineStart, p.LineEnd, got)
			}
			if at := strings.Join(lines[p.LineStart-1:p.LineEnd], "\n"); c.Documents[0].Scan().Origins == nil && got != at {
				t.Fatalf("Lines(%d, %d) = %q; the lines are %q", p.LineStart, p.LineEnd, got, at)
			}
		}
	})
}

// FuzzHTML reads arbitrary HTML: it must never panic, every passage must
// lie on lines of the file and within Corpus.Lines of its Locator, and no
// passage may hold markup of an element that is never shown.
func FuzzHTML(f *testing.F) {
	f.Add("<title>T</title><h1 id=a>A</h1><p>x &amp; y<br>z</p><pre>\n a\n\n b</pre>")
	f.Add("<table><tr><td>a<td>b<tr><td>c</table><ul><li>1<li>2<ol><li>3</ol></ul>")
	f.Add("<div><p>Open <b>bold\n<h2>H<p>body<script>s()</script><nav>n</nav><svg/><p hidden>h")
	f.Add("<!--{\"Title\": \"X\"}--><dl><dt>t<dd>d</dl><a name=n></a><h3>three</h3>text&#10;more&#0;")
	f.Add("<pre><table><tr><td>x\ny</td></tr></table></pre></br></p><title/>t")
	f.Fuzz(func(t *testing.T, src string) {
		if !utf8.ValidString(src) {
			return
		}
		c, err := Load(fstest.MapFS{"doc.html": {Data: []byte(src)}})
		if err != nil {
			return // nothing visible
		}
		n := strings.Count(c.Documents[0].Text, "\n") + 1
		for _, p := range Chunk(c).Passages {
			if p.LineStart < 1 || p.LineEnd > n || p.LineEnd < p.LineStart {
				t.Fatalf("lines %d–%d of %d", p.LineStart, p.LineEnd, n)
			}
			got, ok := c.Lines(p.Source, p.LineStart, p.LineEnd)
			if !ok || !strings.Contains(got, p.Text) || strings.TrimSpace(p.Text) == "" {
				t.Fatalf("passage %q not within lines %d–%d: %q", p.Text, p.LineStart, p.LineEnd, got)
			}
			if utf8.RuneCountInString(p.Text) > MaxPassageChars {
				t.Fatalf("passage of %d characters", utf8.RuneCountInString(p.Text))
			}
		}
	})
}
