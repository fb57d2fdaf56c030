package corpus

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A reStructuredText page's passages quote it as rendered, within
// Corpus.Lines of their locators (what quotes are checked against), each
// line of their text mapped to the line of the page it shows; the title is
// the page's, sections are its titles, and the anchor is the label above.
func TestRSTPassagesQuoteTheRenderedPage(t *testing.T) {
	page := ".. _`pip install`:\n\n===========\npip install\n===========\n\n" +
		"Usage\n=====\n\n.. tab:: Unix/macOS\n\n   .. pip-command-usage:: install \"python -m pip\"\n\n" +
		"Installation Order\n------------------\n\n.. note::\n\n   This section is only about runtime dependencies.\n\n" +
		"As of v6.1.0, pip installs dependencies before their dependents.\n\n" +
		"For instance, if quux depends on foo:\n\n.. code-block:: console\n   :caption: order\n\n   $ python -m pip install quux\n\n" +
		".. _`Pre Release Versions`:\n\nPre-release Versions\n--------------------\n\n" +
		"The ``pip install`` command also supports a :ref:`--pre <install_--pre>` flag.\n"
	c, err := Load(fstest.MapFS{"cli/pip_install.rst": {Data: []byte(page)}})
	if err != nil {
		t.Fatal(err)
	}
	ch := Chunk(c)
	if got := ch.Documents[0].Title; got != "pip install" {
		t.Errorf("title %q, want %q", got, "pip install")
	}
	src := strings.Split(page, "\n")
	var texts []string
	for _, p := range ch.Passages {
		texts = append(texts, p.Section+": "+p.Text)
		lines, ok := c.Lines(p.Source, p.LineStart, p.LineEnd)
		if !ok || !strings.Contains(lines, p.Text) {
			t.Errorf("%s: text %q not within its lines %q", p.Locator, p.Text, lines)
		}
		for k, l := range strings.Split(p.Text, "\n") {
			first, last, _ := p.LinesOf(0, len(p.Text))
			if k == 0 && strings.TrimSpace(src[first-1]) == "" || strings.TrimSpace(src[last-1]) == "" {
				t.Errorf("%s: cites blank lines %d–%d", p.Locator, first, last)
			}
			if l = strings.TrimSpace(l); l != "" && int(p.Lines[k].First) > 0 {
				shown := strings.TrimSpace(src[p.Lines[k].First-1])
				w := strings.ToLower(strings.Trim(strings.Fields(strings.TrimLeft(l, "# "))[0], "`:"))
				if !strings.Contains(strings.ToLower(shown), w) {
					t.Errorf("%s: line %q is mapped to line %d, %q", p.Locator, l, p.Lines[k].First, shown)
				}
			}
		}
	}
	want := []string{
		"Usage › Installation Order: ## Usage\n\n### Installation Order\n\n" +
			"Note:\n\nThis section is only about runtime dependencies.\n\n" +
			"As of v6.1.0, pip installs dependencies before their dependents.\n\n" +
			"For instance, if quux depends on foo:\n\n    $ python -m pip install quux",
		"Usage › Pre-release Versions: ### Pre-release Versions\n\nThe `pip install` command also supports a --pre flag.",
	}
	if strings.Join(texts, "\n|") != strings.Join(want, "\n|") {
		t.Errorf("passages\n%q\nwant\n%q", texts, want)
	}
	if p := ch.Passages[len(ch.Passages)-1]; p.Anchor != "pre-release-versions" || p.LineStart != 32 || p.LineEnd != 35 {
		t.Errorf("last passage %s anchor %q, want lines 32–35, anchor pre-release-versions", p.Locator, p.Anchor)
	}
}

// A MyST page's passages quote it as rendered, within Corpus.Lines of
// their locators, each line of their text mapped to the line it shows; a
// Markdown page without MyST markup is quoted as written.
func TestMySTPassagesQuoteTheRenderedPage(t *testing.T) {
	page := "# Caching\n\n```{versionadded} 6.0\n\n```\n\n(wheel-caching)=\n\n## Locally built wheels\n\n" +
		"pip uses wheels from its cache; see {ref}`local installs <Installing from local packages>`.\n\n" +
		"```{caution}\nThe layout of the cache may change.\n```\n"
	c, err := Load(fstest.MapFS{"topics/caching.md": {Data: []byte(page)}, "plain.md": {Data: []byte("# Plain\n\nSee {x} and `{y}`.\n")}})
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Split(page, "\n")
	var texts []string
	for _, p := range Chunk(c).Passages {
		texts = append(texts, p.Source+": "+p.Text)
		lines, ok := c.Lines(p.Source, p.LineStart, p.LineEnd)
		if !ok || !strings.Contains(lines, p.Text) {
			t.Errorf("%s: text %q not within its lines %q", p.Locator, p.Text, lines)
		}
		if p.Source != "topics/caching.md" {
			continue
		}
		for k, l := range strings.Split(p.Text, "\n") {
			if l = strings.TrimSpace(strings.TrimLeft(l, "#")); l == "" || strings.HasSuffix(l, ":") {
				continue // a directive's label is not written on its line
			}
			shown := strings.ToLower(src[p.Lines[k].First-1])
			if w := strings.ToLower(strings.Trim(strings.Fields(l)[0], ":")); !strings.Contains(shown, w) {
				t.Errorf("%s: line %q is mapped to line %d, %q", p.Locator, l, p.Lines[k].First, shown)
			}
		}
	}
	want := []string{
		"plain.md: See {x} and `{y}`.",
		"topics/caching.md: New in version 6.0:",
		"topics/caching.md: ## Locally built wheels\n\n" +
			"pip uses wheels from its cache; see local installs.\n\nCaution:\nThe layout of the cache may change.",
	}
	if strings.Join(texts, "\n|") != strings.Join(want, "\n|") {
		t.Errorf("passages\n%q\nwant\n%q", texts, want)
	}
}
