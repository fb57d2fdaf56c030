package corpus

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestLocatorString(t *testing.T) {
	cases := []struct {
		name string
		l    Locator
		want string
	}{
		{"line range", Locator{Source: "a.txt", LineStart: 6, LineEnd: 8}, "a.txt:6–8"},
		{"one line", Locator{Source: "a.txt", LineStart: 6, LineEnd: 6}, "a.txt:6"},
		{"end unknown", Locator{Source: "a.txt", LineStart: 6}, "a.txt:6"},
		{"page", Locator{Source: "r.pdf", Page: 3}, "r.pdf, page 3"},
		{"lines of a page", Locator{Source: "r.pdf", Page: 3, LineStart: 4, LineEnd: 6}, "r.pdf, page 3, lines 4–6"},
		{"one line of a page", Locator{Source: "r.pdf", Page: 3, LineStart: 4, LineEnd: 4}, "r.pdf, page 3, line 4"},
		{"anchor", Locator{Source: "p.html", Anchor: "intro"}, "p.html#intro"},
		{"source only", Locator{Source: "a.txt"}, "a.txt"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.l.String(); got != c.want {
				t.Errorf("String() = %q, want %q", got, c.want)
			}
		})
	}
}

// TestPassageJSONIsFlat checks that the embedded Locator leaves a
// passage's JSON as it was before there was a Locator.
func TestPassageJSONIsFlat(t *testing.T) {
	cases := []struct {
		name string
		p    Passage
		want string
	}{
		{"lines", Passage{ID: "p1", Locator: Locator{Source: "a.txt", Title: "A", Section: "S", LineStart: 1, LineEnd: 2}, Text: "x"},
			`{"id":"p1","source":"a.txt","title":"A","section":"S","line_start":1,"line_end":2,"text":"x"}`},
		{"page and anchor", Passage{ID: "p2", Locator: Locator{Source: "r.pdf", Page: 3, Anchor: "a"}, Text: "y"},
			`{"id":"p2","source":"r.pdf","title":"","section":"","line_start":0,"line_end":0,"page":3,"anchor":"a","text":"y"}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := json.Marshal(c.p)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("JSON\n got %s\nwant %s", got, c.want)
			}
		})
	}
}

func TestLocatorLink(t *testing.T) {
	const gh = "https://github.com/org/repo/blob/main/{path}#L{start}-L{end}"
	cases := []struct {
		name     string
		l        Locator
		template string
		want     string
	}{
		{"line range", Locator{Source: "docs/a.txt", LineStart: 6, LineEnd: 8}, gh,
			"https://github.com/org/repo/blob/main/docs/a.txt#L6-L8"},
		{"one line", Locator{Source: "a.txt", LineStart: 6, LineEnd: 6}, gh,
			"https://github.com/org/repo/blob/main/a.txt#L6-L6"},
		{"end unknown", Locator{Source: "a.txt", LineStart: 6}, gh,
			"https://github.com/org/repo/blob/main/a.txt#L6-L6"},
		{"space in a folder and a file", Locator{Source: "my docs/a b.md", LineStart: 1, LineEnd: 2}, gh,
			"https://github.com/org/repo/blob/main/my%20docs/a%20b.md#L1-L2"},
		{"unicode path", Locator{Source: "été/ü.md", LineStart: 1, LineEnd: 1}, gh,
			"https://github.com/org/repo/blob/main/%C3%A9t%C3%A9/%C3%BC.md#L1-L1"},
		{"reserved characters in a name", Locator{Source: "a?b#c%d.md", LineStart: 1, LineEnd: 1}, gh,
			"https://github.com/org/repo/blob/main/a%3Fb%23c%25d.md#L1-L1"},
		{"placeholder text in a name is not read again", Locator{Source: "{end}.md", LineStart: 1, LineEnd: 2}, "https://x.org/{path}",
			"https://x.org/%7Bend%7D.md"},
		{"anchor", Locator{Source: "go/doc.html", Anchor: "Getting_started", LineStart: 10, LineEnd: 12}, "https://go.dev/{path}#{anchor}",
			"https://go.dev/go/doc.html#Getting_started"},
		{"anchor escaped", Locator{Source: "p.html", Anchor: "é 1"}, "https://x.org/{path}#{anchor}",
			"https://x.org/p.html#%C3%A9%201"},
		{"no anchor drops the fragment", Locator{Source: "p.html", LineStart: 3, LineEnd: 4}, "https://x.org/{path}#{anchor}",
			"https://x.org/p.html"},
		{"page", Locator{Source: "r.pdf", Page: 3}, "https://x.org/{path}#page={page}",
			"https://x.org/r.pdf#page=3"},
		{"no page drops the fragment", Locator{Source: "a.txt", LineStart: 1, LineEnd: 1}, "https://x.org/{path}#page={page}",
			"https://x.org/a.txt"},
		{"no lines drop the fragment", Locator{Source: "r.pdf", Page: 2}, gh,
			"https://github.com/org/repo/blob/main/r.pdf"},
		{"lines of a page are no lines of the file", Locator{Source: "r.pdf", Page: 2, LineStart: 4, LineEnd: 6}, gh,
			"https://github.com/org/repo/blob/main/r.pdf"},
		{"page outside the fragment", Locator{Source: "r.pdf", Page: 2}, "https://x.org/view?file={path}&page={page}",
			"https://x.org/view?file=r.pdf&page=2"},
		{"no template", Locator{Source: "a.txt", LineStart: 1}, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.l.Link(c.template); got != c.want {
				t.Errorf("Link(%q) = %q, want %q", c.template, got, c.want)
			}
		})
	}
}

func TestCheckLink(t *testing.T) {
	cases := []struct {
		template string
		err      string // "" for none
	}{
		{"", ""},
		{"https://github.com/org/repo/blob/main/{path}#L{start}-L{end}", ""},
		{"http://docs.example.org/{path}#{anchor}", ""},
		{"https://x.org/{path}#page={page}", ""},
		{"https://x.org/{file}", "unknown placeholder {file} (use {path}, {start}, {end}, {anchor}, {page})"},
		{"https://x.org/{Path}", "unknown placeholder {Path}"},
		{"https://x.org/{path", "a { without its }"},
		{"https://x.org/{pa{th}", "a { without its }"},
		{"https://x.org/path}", "a } without its {"},
		{"{path}", "not an absolute http(s) URL"},
		{"docs/{path}", "not an absolute http(s) URL"},
		{"ftp://x.org/{path}", "not an absolute http(s) URL"},
		{"https:///{path}", "not an absolute http(s) URL"},
		{"https://x.org:bad/{path}", "not a URL once filled in"},
	}
	for _, c := range cases {
		t.Run(c.template, func(t *testing.T) {
			err := CheckLink(c.template)
			switch {
			case c.err == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
				t.Errorf("error %v, want one containing %q", err, c.err)
			}
		})
	}
}

func TestLocatorHeading(t *testing.T) {
	for section, want := range map[string]string{"": "", "Install": "Install", "Install › On Linux": "On Linux", "A › B › C [x]": "C [x]"} {
		if got := (Locator{Section: section}).Heading(); got != want {
			t.Errorf("Heading of %q = %q, want %q", section, got, want)
		}
	}
}

// TestOverNamesVersionFilesOnly: a file named by a version (release notes)
// is named over its text; another file's name, even with digits, is not.
func TestOverNamesVersionFilesOnly(t *testing.T) {
	for source, want := range map[string]string{
		"git/RelNotes/2.39.0.txt":    "Fixes\n2.39.0",
		"notes/RelNotes-1.5.md":      "Fixes\nRelNotes-1.5",
		"git/RelNotes-1.5":           "Fixes\nRelNotes-1.5",
		"git/v2.1":                   "Fixes\nv2.1",
		"docs/01-getting-started.md": "Fixes",
		"site/404.html":              "Fixes",
		"report/2023-report.pdf":     "Fixes",
		"README.md":                  "Fixes",
	} {
		if got := (Locator{Source: source, Section: "Fixes"}).Over(); got != want {
			t.Errorf("%s: Over() = %q, want %q", source, got, want)
		}
	}
}
