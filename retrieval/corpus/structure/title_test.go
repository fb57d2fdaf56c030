package structure

import "testing"

func TestDocTitle(t *testing.T) {
	cases := []struct {
		name     string
		markdown bool
		doc      string
		want     string
	}{
		{"front matter first", true, "---\ntitle: \"Front\"\n---\n# Heading\n\nText.\n", "Front"},
		{"a level-1 heading before an earlier level-2 one", true, "## Sub\n\n# Main\n\nText.\n", "Main"},
		{"the first line after a badge row", true, "[![b](u)](l)\n\nMy Tool\n\nIt does things.\n", "My Tool"},
		{"a heading cleaned of links and emphasis", true, "# **[Tool](http://x)** docs:\n\nText.\n", "Tool docs"},
		{"a title from headings alone", true, "# One\n## Two\n", "One"},
		{"plain: a title line", false, "My Tool Manual\n\nThis is text.\n", "My Tool Manual"},
		{"plain: a sentence is no title", false, "This is the file README for gzip.\n\nIt compresses.\n", ""},
		{"plain: a URL is no title", false, "https://example.org/x\n\nText.\n", ""},
		{"plain: a command line is no title", false, "./configure --prefix=/usr\n\nText.\n", ""},
		{"plain: punctuation is no title", false, "*** ***\n\nText.\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Scan(c.doc, c.markdown).Title(); got != c.want {
				t.Errorf("title %q, want %q", got, c.want)
			}
		})
	}
}
