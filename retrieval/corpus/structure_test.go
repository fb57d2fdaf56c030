package corpus

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// chunkOne splits one file and checks that every passage is exactly the
// text of its lines (without the white space around them).
func chunkOne(t *testing.T, name, src string) ([]Passage, string) {
	t.Helper()
	c, err := Load(fstest.MapFS{name: {Data: []byte(src)}})
	if err != nil {
		t.Fatal(err)
	}
	ch := Chunk(c)
	for _, p := range ch.Passages {
		if got := strings.TrimSpace(linesOf(src, p.LineStart, p.LineEnd)); got != p.Text {
			t.Errorf("passage at lines %d–%d is %q, the lines hold %q", p.LineStart, p.LineEnd, p.Text, got)
		}
		if n := len([]rune(p.Text)); n > MaxPassageChars {
			t.Errorf("passage at lines %d–%d has %d characters", p.LineStart, p.LineEnd, n)
		}
	}
	return ch.Passages, ch.Documents[0].Title
}

type wantPassage struct {
	section    string
	start, end int
}

func TestChunkFollowsMarkdownStructure(t *testing.T) {
	cases := []struct {
		name, file, src, title string
		want                   []wantPassage
	}{
		{
			name:  "setext headings",
			file:  "p.md",
			src:   "Project\n=======\n\nIntro text.\n\nInstall\n-------\n\nRun make.\n",
			title: "Project",
			want:  []wantPassage{{"", 1, 4}, {"Install", 6, 9}},
		},
		{
			name:  "setext heading right under a badge row",
			file:  "lib/README.markdown",
			src:   "[![Build](https://ci.example/b.svg)](https://ci.example)\n![libfoo](https://example.org/logo.png)\n===\n\nLibfoo encrypts.\n",
			title: "libfoo",
			want:  []wantPassage{{"", 5, 5}},
		},
		{
			name:  "thematic break after a blank line is no heading",
			file:  "t.md",
			src:   "# T\n\nPara one.\n\n---\n\nPara two.\n",
			title: "T",
			want:  []wantPassage{{"", 3, 3}, {"", 7, 7}},
		},
		{
			name:  "front matter is neither heading nor passage",
			file:  "f.md",
			src:   "---\ntitle: Front Title\nlayout: post\n---\n\nBody text.\n",
			title: "Front Title",
			want:  []wantPassage{{"", 6, 6}},
		},
		{
			name:  "ATX headings with closing hashes",
			file:  "a.md",
			src:   "# Name #\n\n## Build ##\n\nRun go build.\n\n### C# notes\n\nText.\n",
			title: "Name",
			want:  []wantPassage{{"Build", 3, 5}, {"Build › C# notes", 7, 9}},
		},
		{
			name:  "badge row is no title and no passage",
			file:  "tool/README.md",
			src:   "[![Build](https://ci.example/b.svg)](https://ci.example) [![Doc](https://d.example/d.svg)](https://d.example)\n\n<img align=\"right\" alt=\"logo\" src=\"logo.svg\">\n\nSome intro text here.\n",
			title: "tool README",
			want:  []wantPassage{{"", 5, 5}},
		},
		{
			name:  "badges after the title heading go",
			file:  "h.md",
			src:   "# Humane Units [![Build Status](https://ci.example/b.svg)](https://ci.example)\n\nJust a few functions.\n",
			title: "Humane Units",
			want:  []wantPassage{{"", 3, 3}},
		},
		{
			name:  "URL line is no title",
			file:  "tool/README.txt",
			src:   "https://example.org/project\n\nThe tool does things.\n",
			title: "tool README",
			want:  []wantPassage{{"", 1, 1}, {"", 3, 3}},
		},
		{
			name:  "a lead-in ending in ':' stays with the paragraph it announces, a question with its answer",
			file:  "logs/README.txt",
			src:   "You are looking for the log files in /var/log, and they are\ngone?\n\nHere's an explanation on what's going on:\n\nThe journal replaced them.\n\nThank you!\n",
			title: "logs README",
			want:  []wantPassage{{"", 1, 6}, {"", 8, 8}},
		},
		{
			name:  "an answer ending in a question does not join the next question",
			file:  "faq.txt",
			src:   "Why does A fail?\n\nBecause of B. Did you try restarting it?\n\nWhy does C fail?\n\nBecause of D.\n",
			title: "faq",
			want:  []wantPassage{{"", 1, 3}, {"", 5, 7}},
		},
		{
			name:  "a section's short blocks are one passage: lead-in, example, note",
			file:  "i.md",
			src:   "# I\n\n## Install\n\nUsing it is easy. First get it.\n\n```\ngo get example.com/i\n```\n\nThen import it.\n\n## Use\n\nCall it.\n",
			title: "I",
			want:  []wantPassage{{"Install", 3, 11}, {"Use", 13, 15}},
		},
		{
			name:  "blocks that together pass PackChars stay apart",
			file:  "p.md",
			src:   "# P\n\n## Long\n\n" + strings.Repeat("A sentence of some length. ", 25) + "\n\nA short one, and the two together are more than a passage packs.\n",
			title: "P",
			want:  []wantPassage{{"Long", 3, 5}, {"Long", 7, 7}},
		},
		{
			name:  "paragraphs under no heading stay apart",
			file:  "n.md",
			src:   "First paragraph of notes.\n\nSecond paragraph of notes.\n",
			title: "n",
			want:  []wantPassage{{"", 1, 1}, {"", 3, 3}},
		},
		{
			name:  "a badge row left out between blocks parts them",
			file:  "b.md",
			src:   "# B\n\n## Status\n\nIt works.\n\n[![ci](https://x.org/b.svg)](https://x.org)\n\nIt is tested.\n",
			title: "B",
			want:  []wantPassage{{"Status", 3, 5}, {"Status", 9, 9}},
		},
		{
			name:  "plain-text title line",
			file:  "notes.txt",
			src:   "My Tool Manual\n\nThis is text.\n",
			title: "My Tool Manual",
			want:  []wantPassage{{"", 1, 3}},
		},
		{
			name:  "plain-text underlined headings",
			file:  "faq.txt",
			src:   "Frequently Asked Questions\n--------------------------\n\nWhy use it?\n===========\n\nBecause it is fast.\n",
			title: "Frequently Asked Questions",
			want:  []wantPassage{{"Why use it?", 1, 7}},
		},
		{
			name:  "plain-text sentence line is no title",
			file:  "gzip/README.txt",
			src:   "This is the file README for the gzip distribution.\n\nIt compresses.\n",
			title: "gzip README",
			want:  []wantPassage{{"", 1, 1}, {"", 3, 3}},
		},
		{
			name:  "lead-in stays with its list",
			file:  "l.md",
			src:   "# L\n\n## Features\n\nIt has:\n\n- speed\n- size\n\n## More\n\nAfter.\n",
			title: "L",
			want:  []wantPassage{{"Features", 3, 8}, {"More", 10, 12}}, // the title line is every passage's Title, no passage's text
		},
		{
			name:  "a FAQ's question stays with its answer",
			file:  "tool/FAQ.txt",
			src:   "Tool FAQ\n\nWhy does it complain about a dash?\n\n\tBecause POSIX says so.\n\tRead the manual.\n\nNext line.\n",
			title: "Tool FAQ",
			want:  []wantPassage{{"", 1, 6}, {"", 8, 8}},
		},
		{
			// curl's FAQ: sections at the margin, entries numbered
			// "3.2" without a last period and indented like their
			// answers, each its own section.
			name: "an FAQ's numbered questions under margin headings",
			file: "curl/FAQ",
			src: "FAQ\n\n1. Philosophy\n\n  1.1 What is it?\n\n  It is a tool for transfers.\n\n2. Install\n\n  2.1 How do I build it?\n\n  Run make in the top folder.\n\n" +
				"3. Usage problems\n\n  3.1 How can I resume a transfer?\n\n  Use the resume flag of the tool.\n\n  3.2 How can I disable the Accept header?\n\n  Add an empty -H \"Accept:\" header.\n",
			title: "FAQ",
			want: []wantPassage{{"1. Philosophy › 1.1 What is it?", 1, 7}, {"2. Install › 2.1 How do I build it?", 9, 13},
				{"3. Usage problems › 3.1 How can I resume a transfer?", 15, 19}, {"3. Usage problems › 3.2 How can I disable the Accept header?", 21, 23}},
		},
		{
			// tar's NEWS: once an outline's items head entries, a long
			// one (a sentence) heads its own too, and so does one written
			// over its text: their text is not filed under the entry
			// before them.
			name: "a long outline item heads its entry like its siblings",
			file: "tar/NEWS",
			src: "tar NEWS\n\nversion 1.31 - Sergey Poznyakoff, 2019-01-02\n\n* Support for zstd compression\n\nNew option --zstd compresses the archive with zstd.\n\n" +
				"* The -K option interacts properly with member names given in the command line\n\nPrevious versions of tar extracted NAME twice.\n\n" +
				"* Fix heap-buffer-overrun with --one-top-level.\nBug introduced with the addition of that option in 1.28.\n",
			title: "tar NEWS",
			want: []wantPassage{{"version 1.31 - Sergey Poznyakoff, 2019-01-02 › Support for zstd compression", 1, 7},
				{"version 1.31 - Sergey Poznyakoff, 2019-01-02 › The -K option interacts properly with member names given in the command line", 9, 11},
				{"version 1.31 - Sergey Poznyakoff, 2019-01-02 › Fix heap-buffer-overrun with --one-top-level.", 13, 14}},
		},
		{
			// Outside a log of releases, a long item is a list's, not an
			// entry's heading: the sentence that answers stays quotable.
			name:  "a long outline item outside release notes heads nothing",
			file:  "tool/README",
			src:   "Tool\n\n* Installation\n\nRun make.\n\nKnown problems:\n\n* The build needs GNU make 4.0 or later, because it uses grouped targets\n\nIf make fails, check its version.\n",
			title: "Tool",
			want:  []wantPassage{{"Installation", 1, 11}},
		},
		{
			name:  "a long line ending in a question mark is no FAQ question",
			file:  "q.txt",
			src:   "Field Notes\n\n" + strings.Repeat("word ", 50) + "or is it?\n\nAnswer follows.\n",
			title: "Field Notes",
			want:  []wantPassage{{"", 1, 3}, {"", 5, 5}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ps, title := chunkOne(t, c.file, c.src)
			if title != c.title {
				t.Errorf("title %q, want %q", title, c.title)
			}
			var got []wantPassage
			for _, p := range ps {
				got = append(got, wantPassage{p.Section, p.LineStart, p.LineEnd})
				if p.Title != c.title {
					t.Errorf("passage title %q, want %q", p.Title, c.title)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(c.want) {
				t.Errorf("passages %v, want %v", got, c.want)
				for _, p := range ps {
					t.Logf("%d–%d %q", p.LineStart, p.LineEnd, p.Text)
				}
			}
		})
	}
}

// TestChunkSplitsStructuresBetweenLines checks that a list, a table or a
// code block too long for one passage is split only between its items,
// rows or lines, each piece under the same section, and that no line is
// lost or cut.
func TestChunkSplitsStructuresBetweenLines(t *testing.T) {
	var list, table, code strings.Builder
	for i := range 40 {
		fmt.Fprintf(&list, "- [X] Feature number %02d does a useful thing for the user\n", i)
		if i%5 == 0 {
			fmt.Fprintf(&list, "  - with a nested detail about feature %02d\n", i)
		}
	}
	table.WriteString("| Option | Meaning |\n| :--- | --- |\n")
	for i := range 60 {
		fmt.Fprintf(&table, "| opt%02d | sets the value number %02d of the tool |\n", i, i)
	}
	code.WriteString("```go\n")
	for i := range 80 {
		fmt.Fprintf(&code, "x%02d := compute(%d) // line %d\n", i, i, i)
	}
	code.WriteString("```\n")
	// Prose in a preformatted block and in one long list item: a piece
	// starts where a sentence does, not on the line that goes on with one.
	var prose, item strings.Builder
	prose.WriteString("```text\n")
	item.WriteString("- ")
	for i := range 30 {
		s := fmt.Sprintf("Sentence %02d tells of a thing\nthat goes on over a second line\nand ends on a third line.\n", i)
		prose.WriteString(s)
		if i > 0 {
			item.WriteString("  ")
		}
		item.WriteString(strings.ReplaceAll(s, "\n", "\n  ")[:len(s)+2*strings.Count(s, "\n")-2])
	}
	prose.WriteString("```\n")
	// Source code is cut at a blank line, not after a comment's full stop:
	// a function keeps its doc comment.
	var funcs strings.Builder
	funcs.WriteString("```go\n")
	for i := range 40 {
		fmt.Fprintf(&funcs, "// Handler%02d handles request number %02d.\nfunc Handler%02d() {\n\tx := %d\n}\n\n", i, i, i, i)
	}
	funcs.WriteString("```\n")
	sentence := func(l string) bool { return strings.HasPrefix(l, "Sentence") }
	cases := []struct {
		name, body string
		unit       func(line string) bool // whether a piece may start with line
	}{
		{"list", list.String(), func(l string) bool { return strings.HasPrefix(l, "- [X] Feature") }},
		{"table", table.String(), func(l string) bool { return strings.HasPrefix(l, "| opt") }},
		{"code", code.String(), func(l string) bool { return strings.HasPrefix(l, "x") }}, // never a lone fence
		{"preformatted prose", prose.String(), sentence},
		{"long item", item.String(), sentence},
		{"source code", funcs.String(), func(l string) bool { return strings.HasPrefix(l, "// Handler") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := "# Doc\n\n## Part\n\n" + c.body + "\nAfter.\n"
			ps, _ := chunkOne(t, "d.md", src)
			var pieces []Passage
			for _, p := range ps {
				if p.Text != "After." {
					pieces = append(pieces, p)
				}
			}
			if len(pieces) < 2 {
				t.Fatalf("got %d pieces, want the block split", len(pieces))
			}
			if !strings.HasPrefix(pieces[0].Text, "## Part\n\n") || pieces[0].LineStart != 3 {
				t.Errorf("first piece does not start with its heading: %.30q", pieces[0].Text)
			}
			next := pieces[0].LineEnd + 1
			for i, p := range pieces {
				if p.Section != "Part" {
					t.Errorf("piece %d: section %q", i, p.Section)
				}
				if i > 0 {
					if p.LineStart < next || strings.TrimSpace(linesOf(src, next, p.LineStart-1)) != "" {
						t.Errorf("piece %d starts at line %d, want %d (or after blank lines): lines lost", i, p.LineStart, next)
					}
					if first, _, _ := strings.Cut(p.Text, "\n"); !c.unit(first) {
						t.Errorf("piece %d starts inside a unit: %q", i, first)
					}
					next = p.LineEnd + 1
				}
			}
			if c.name == "table" && !strings.Contains(pieces[0].Text, "| Option | Meaning |\n| :--- | --- |") {
				t.Error("the header and delimiter rows were parted")
			}
		})
	}
}
