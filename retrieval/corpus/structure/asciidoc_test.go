package structure

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// An AsciiDoc document reads as Asciidoctor renders it, each line of its
// text after the line of the document it shows (see rendered), and its
// blocks are found in that text as in Markdown's.
func TestScanAsciiDoc(t *testing.T) {
	cases := []struct {
		name     string
		doc      string
		rendered []string
		blocks   []string
		title    string
	}{
		{
			name: "sections nest below the document's title",
			doc: "= Guide\nDoc Writer <doc@example.org>\n:toc: left\n:description: a value \\\n  over two lines\n\nIntro.\n\n" +
				"== A\n\n=== B ===\n\nText under B.\n\n== C\nText under C.\n",
			rendered: []string{"1|# Guide", "2|Doc Writer <doc@example.org>", "6|", "7|Intro.", "8|", "9|## A", "10|",
				"11|### B", "12|", "13|Text under B.", "14|", "15|## C", "16|Text under C."},
			blocks: []string{"para 1-1 ^0", "para 3-3", "para 9-9 A › B ^5", "para 12-12 C ^11"},
			title:  "Guide",
		},
		{
			name:     "a title over its underline, the older form, is a section title; a paragraph's last line over a rule is not",
			doc:      "Guide\n=====\n\nIntro.\n\nInstall\n-------\n\nRun make.\n\nOn Linux\n~~~~~~~~\nUse apt.\nNot a title\n-----------\n",
			rendered: []string{"1|# Guide", "3|", "4|Intro.", "5|", "6|## Install", "8|", "9|Run make.", "10|", "11|### On Linux", "13|Use apt.", "14|Not a title", "15|\\-----------"},
			blocks:   []string{"para 2-2 ^0", "para 6-6 Install ^4", "para 9-11 Install › On Linux ^8"},
			title:    "Guide",
		},
		{
			name: "attributes, comments, macros and passthroughs show nothing",
			doc: "== A\n// a comment\n[%hardbreaks]\n[[anchor]]\n[#id.role]\n[quote, Author]\n////\n== Hidden\n////\n" +
				"include::x.adoc[]\nimage::a.png[A]\ntoc::[]\n++++\n<h2>Raw</h2>\n++++\n:name: value\n'''\nText.\n// more\nMore text.\n",
			rendered: []string{"1|## A", "18|Text.", "20|More text."},
			blocks:   []string{"para 1-2 A ^0"},
		},
		{
			name: "listing blocks, source and literal paragraphs are code",
			doc: "== Use\n.Run it\n[source,ruby]\n----\n# a comment\n= not a title\nputs 'hi'\n----\n\n[source]\ngo build ./...\n\n" +
				"  indented\n    literal\n\n....\n```\noutput\n....\n",
			rendered: []string{"1|## Use", "2|Run it:", "4|````ruby", "5|# a comment", "6|= not a title", "7|puts 'hi'", "8|````",
				"9|", "11|````", "11|go build ./...", "11|````", "12|", "13|````", "13|indented", "14|  literal", "14|````", "15|",
				"16|````", "17|```", "18|output", "19|````"},
			blocks: []string{"code 1-6 [1 2 4 5] Use ^0", "code 8-10 [8] Use", "code 12-15 [12 14] Use", "code 17-20 [17 19] Use"},
		},
		{
			name:     "a block title is no heading",
			doc:      "== A\n\n.Options\nText.\n\n.Notes:\n* one\n",
			rendered: []string{"1|## A", "2|", "3|Options:", "4|Text.", "5|", "6|Notes:", "7|* one"},
			blocks:   []string{"para 2-3 A ^0", "list 5-6 [5 6] A"},
		},
		{
			name: "a table's cells are no headings",
			doc: "== A\n\n[cols=\"1,1\"]\n|===\n| = Name | # Value\n\na| Cell\n== not a heading\n# nor this\n|===\n\n" +
				"[%header,format=csv]\n,===\n== Name,Value\n,===\n",
			rendered: []string{"1|## A", "2|", "5|| = Name | # Value", "6|", "7|a| Cell", "8|== not a heading", "9|\\# nor this",
				"10|", "14|== Name,Value"},
			blocks: []string{"para 2-2 A ^0", "para 4-6 A", "para 8-8 A"},
		},
		{
			name: "a table with a header row is a Markdown table",
			doc:  ".Limits\n|===\n| Name | Default\n\n| size | 10\n| depth\n| 3\n|===\n\n[%header]\n|===\n| Key\n| Value\n|===\n",
			rendered: []string{"1|Limits:", "2|", "3|| Name | Default", "3||---|---|", "5|| size | 10", "6|| depth | 3",
				"8|", "12|| Key", "12||---|", "13|| Value"},
			blocks: []string{"table 0-5 [0 2 4 5]", "table 7-9 [7 9]"},
		},
		{
			name:     "a delimiter never repeated opens nothing",
			doc:      "== A\nText\n----\nnever ends\n# nor this\n\n====\nstill text\n",
			rendered: []string{"1|## A", "2|Text", "3|\\----", "4|never ends", "5|\\# nor this", "6|", "7|====", "8|still text"},
			blocks:   []string{"para 1-4 A ^0", "para 6-7 A"},
		},
		{
			name: "blocks of text show their content, admonitions their label",
			doc: "== A\n\n[NOTE]\n====\nNoted.\n----\n====\n----\n====\n\n****\nAside.\n****\n\n[quote, Someone]\n____\nQuoted.\n____\n" +
				"--\n== Not a section\n--\n\nWARNING: Hot.\n\n* item\n+\nmore\n\nterm:: def\n",
			rendered: []string{"1|## A", "2|", "3|Note:", "5|Noted.", "6|````", "7|====", "8|````", "9|", "12|Aside.", "13|",
				"17|Quoted.", "18|", "20|== Not a section", "21|", "23|WARNING: Hot.", "24|", "25|* item", "27|more", "28|",
				"29|term:: def"},
			blocks: []string{"para 2-3 A ^0", "code 4-6 [4] A", "para 8-8 A", "para 10-10 A", "para 12-12 A", "para 14-14 A",
				"list 16-17 [16] A", "para 19-19 A"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := ScanAsciiDoc(c.doc)
			if got := rendered(d); !slices.Equal(got, c.rendered) {
				t.Errorf("rendered\n  %q\nwant\n  %q", got, c.rendered)
			}
			var got []string
			for _, b := range d.Blocks {
				got = append(got, describe(b))
			}
			if !slices.Equal(got, c.blocks) {
				t.Errorf("blocks\n  %q\nwant\n  %q", got, c.blocks)
			}
			if c.title != "" && d.Title() != c.title {
				t.Errorf("title %q, want %q", d.Title(), c.title)
			}
			checkAsciiDoc(t, c.doc)
		})
	}
}

// adocPieces are the lines random pages are made of: titles, attributes,
// delimiters of every block, tables, lists, admonitions and odd text.
var adocPieces = []string{"", "", "", "= Title", "== Section", "=== Sub ===", "====== Deep", "# Markdown", "Text line",
	"  indented", "\tTabbed", ":toc: left", ":long: a \\", "// comment", "////", "[source,ruby]", "[,go]", "[NOTE]", "[TIP]",
	"[[anchor]]", "[#id.role]", "[quote, A]", "[cols=\"1,2\"]", "[cols=3*]", "[%header]", "[comment]", "[stem]", "[listing]",
	".Block title", ".Notes:", "..", "----", "....", "====", "=====", "****", "____", "--", "++++", "```", "```go", "|===",
	",===", "!===", "| a | b", "| a", "| b", "a| x", "2+| y", "| a \\| b", "* item", ". step", "- dash", "term:: def", "+",
	"NOTE: Careful.", "include::x.adoc[]", "image::a.png[]", "'''", "<<<", "---", "***", "~~~", "puts 'hi' # <1>", "word\r",
	"naïve 日本語", "<1> callout"}

// checkAsciiDoc checks what ScanAsciiDoc promises whatever the page: no
// panic, an Origin per line of text, in order and within the page, and
// every line the text of its lines in the page: a heading's title (over
// its underline or after its "="), a block
// title before its ":", a table's row the lines it is written on; a code
// fence, an admonition's label and a table's delimiter row apart.
func checkAsciiDoc(t *testing.T, doc string) {
	t.Helper()
	d, src, lines := scanChecked(t, doc, ScanAsciiDoc)
	prev := 0
	for i, o := range d.Origins {
		if o.First < 1 || o.Last > len(src) || o.First > o.Last || o.First < prev {
			t.Fatalf("%q: origin %d %+v, the page has %d lines", doc, i, o, len(src))
		}
		prev = o.First
		l := strings.TrimPrefix(lines[i], `\`)
		if strings.HasPrefix(l, "```") || strings.HasPrefix(l, "|---") || rstAdmonition[strings.ToLower(strings.TrimSuffix(l, ":"))] != "" {
			continue
		}
		from := strings.Join(src[o.First-1:o.Last], " ")
		if strings.HasPrefix(l, "#") {
			l = strings.TrimLeft(l, "# ")
		} else if strings.HasPrefix(from, ".") {
			l = strings.TrimSuffix(l, ":")
		}
		if !strings.Contains(from, l) {
			t.Fatalf("%q: line %q mapped to %+v (%q)", doc, lines[i], o, from)
		}
	}
}

// Random pages of odd pieces keep the promises of checkAsciiDoc.
func TestScanAsciiDocOnRandomPages(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 20000 {
		var b []string
		for range r.IntN(16) {
			b = append(b, adocPieces[r.IntN(len(adocPieces))])
		}
		checkAsciiDoc(t, strings.Join(b, "\n"))
	}
}

func FuzzScanAsciiDoc(f *testing.F) {
	for _, s := range adocPieces {
		f.Add(s + "\n" + s)
	}
	f.Add("= T\n\n== A\n[source]\n----\nx\n----\n|===\n| a | b\n\n| c | d\n|===\n")
	f.Fuzz(func(t *testing.T, doc string) { checkAsciiDoc(t, doc) })
}
