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
		{"front matter's title, however generic", true, "---\ntitle: Install\n---\n\n# Install\n\nText.\n", "Install"},
		{"front matter without a title is no title line", true, "---\nsidebar_position: 2\n---\n\nSome text here.\n", ""},
		{"a level-1 heading before an earlier level-2 one", true, "## Sub\n\n# Main\n\nText.\n", "Main"},
		{"the first line after a badge row", true, "[![b](u)](l)\n\nMy Tool\n\nIt does things.\n", "My Tool"},
		{"a heading cleaned of links and emphasis", true, "# **[Tool](http://x)** docs:\n\nText.\n", "Tool docs"},
		{"images after a heading's words are badges", true, "# Go rate limiter [![GoDoc][doc-img]][doc] ![test][test-img]\n\nIt limits rates.\n", "Go rate limiter"},
		{"a logo image then words: the words", true, "# ![logo](logo.png) Foo\n\nIt foos.\n", "Foo"},
		{"a logo's alt text in the heading", true, "# <img alt=\"chi\" src=\"https://x/chi.svg\" width=\"220\" />\n\n`chi` is a router.\n\n## Install\n\ngo get x\n", "chi"},
		{"an image without alt text is no title", true, "# <img src=\"logo.svg\" data-alt=\"x\">\n\n## Install\n\ngo get x\n", ""},
		{"a level-2 heading after the introduction is no title", true, "![logo](x.svg)\n\n**Go configuration with fangs!**\n\nMany projects use it.\n\n## Install\n\ngo get x\n", "Go configuration with fangs"},
		{"emoji short codes go", true, "# :zap: zap\n\nFast logging.\n", "zap"},
		{"an emoji short code after the name goes", true, "# Logrus <img src=\"x.png\" width=\"40\" alt=\":walrus:\" class=\"emoji\"/> [![Build](b.svg)](l)\n\nText.\n", "Logrus"},
		{"entities read", true, "# Tom &amp; Jerry&nbsp;docs\n\nText.\n", "Tom & Jerry docs"},
		{"reference-style badges are decoration", true, "[![openssl logo]][www.openssl.org]\n\n[![ci badge]][ci]\n\nOpenSSL Project\n\nIt is a toolkit.\n", "OpenSSL Project"},
		{"a subtitle after a colon", false, "GNU Make: A Program for Directing Recompilation\n\nText.\n", "GNU Make: A Program for Directing Recompilation"},
		{"initials are no sentence end", false, "U.S. Army Field Manual\n\nText.\n", "U.S. Army Field Manual"},
		{"back-to-back emoji codes", true, "# :zap: :fire: zap\n\nText.\n", "zap"},
		{"alt text after letters that grow when lower-cased", true, "# <img title=\"ȺȺȺȺȺȺȺȺ\" alt=\"chi\">\n\nText.\n", "chi"},
		{"an img tag of such letters does not break the title", true, "<img ȺȺȺȺȺȺȺȺȺȺ alt=>\n\n# Real\n\nText.\n", "Real"},
		{"a title from headings alone", true, "# One\n## Two\n", "One"},
		{"a GitHub alert and a banner link are no title", true, "> [!IMPORTANT]\n> [**Get Security Updates for Tool →**](https://x.example/a)\n\nSome text.\n", ""},
		{"a tagline quoted under a logo is no title", true, "<h1 align=\"center\">\n\t<img width=\"320\" src=\"media/logo.svg\" alt=\"Chalk\">\n</h1>\n\n> Terminal string styling done right\n\n## Info\n\nText.\n", ""},
		{"a banner link is no title", true, "[**Get Security Updates for Tool →**](https://x.example/a)\n\nSome text.\n", ""},
		{"plain: a quoted line is no title", false, "> Quoted from the mailing list\n\nThis is text.\n", ""},
		{"plain: a title line", false, "My Tool Manual\n\nThis is text.\n", "My Tool Manual"},
		{"plain: a sentence is no title", false, "This is the file README for gzip.\n\nIt compresses.\n", ""},
		{"plain: a wrapped paragraph's first line is no title", false, "These are the GNU core utilities.  This package is the union of\nthe GNU fileutils.\n\nMore.\n", ""},
		{"plain: an editor's mode line is skipped", false, "     -*- text -*-\nGNU Wget\n========\n\nGNU Wget is a free utility.\n", "GNU Wget"},
		{"plain: an author line is no title", false, "See the notes.\n\nSome text here.\n\nDamien Miller <djm@mindrot.org>\n\nMore text.\n", ""},
		{"plain: a heading below text in title case is", false, "Some text here, wrapped\nover lines.\n\nAfghan Taliban and Cross Border Terrorism in Pakistan\nPakistan is witnessing a renewed wave of terrorist violence, marking a dangerous escalation in its internal security landscape.\n", "Afghan Taliban and Cross Border Terrorism in Pakistan"},
		{"plain: a heading below text in sentence case is not", false, "Some text here.\n\nPre-C99 build failure\n--------------------\n\nText.\n", ""},
		{"plain: a generic heading is no title", false, "Description\n===========\n\nText.\n", ""},
		{"welcome line", false, "Welcome to tmux!\n\ntmux is a terminal multiplexer.\n", "Welcome to tmux"},
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
