package structure

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// rendered writes each line of d's text after the line of the document it
// came from ("7|text"), and each heading's anchor after it ("#anchor").
func rendered(d Doc) []string {
	var out []string
	for i, l := range strings.Split(d.Text, "\n") {
		o := d.Origins[i]
		s := fmt.Sprintf("%d|%s", o.First, l)
		if o.Heading {
			s += " #" + o.Anchor
		}
		out = append(out, s)
	}
	return out
}

// A reStructuredText page reads as it renders, each line of its text after
// the line of the page it shows: titles are headings (their level by
// adornment style, in the order styles appear), markup is what it shows,
// and what shows nothing (adornments, comments, labels, directives of the
// program's own, options) is left out, blank lines around it made one.
func TestScanRSTRendersThePage(t *testing.T) {
	cases := []struct {
		name string
		doc  string
		want []string
	}{
		{
			name: "overlined and underlined titles are headings, levels by style; a label names the heading below it",
			doc: ".. _`pip install`:\n\n===========\npip install\n===========\n\nUsage\n=====\n\nRun it.\n\n" +
				"Overview\n--------\n\nStages.\n\nMore\n====\n\nText.\n",
			want: []string{"4|# pip install #pip-install", "5|", "7|## Usage #usage", "8|", "10|Run it.", "11|",
				"12|### Overview #overview", "13|", "15|Stages.", "16|", "17|## More #more", "18|", "20|Text."},
		},
		{
			name: "comments, labels, substitution definitions and page fields show nothing",
			doc: ":orphan:\n:tocdepth: 2\n\nGuide\n*****\n\n.. TODO: the period is 90 days,\n   check before publishing.\n\n" +
				".. |br| raw:: html\n\n   <br/>\n\nBackups are kept for 30 days.\n",
			want: []string{"4|# Guide #guide", "5|", "14|Backups are kept for 30 days."},
		},
		{
			name: "a code block is code under its lead-in, its options left out",
			doc:  "To install from a wheel:\n\n.. code-block:: shell\n   :caption: install\n\n   pip install frob.whl\n     --user\n\nDone.\n",
			want: []string{"1|To install from a wheel:", "2|", "6|    pip install frob.whl", "7|      --user", "8|", "9|Done."},
		},
		{
			name: "an extension's example (click:example) is code: its comments are no headings",
			doc:  "Counting:\n\n.. click:example::\n\n    # count the flags\n    @click.option('-v', count=True)\n\nDone.\n",
			want: []string{"1|Counting:", "2|", "5|    # count the flags", "6|    @click.option('-v', count=True)", "7|", "8|Done."},
		},
		{
			name: "an example of prose (prf:example) stays prose",
			doc:  ".. prf:example:: Even sums\n\n    The sum of two even numbers is always an even number.\n",
			want: []string{"1|`Even sums`", "2|", "3|The sum of two even numbers is always an even number."},
		},
		{
			name: "a paragraph ending in :: ends in : over a literal block; a :: of its own shows nothing",
			doc:  "For bash::\n\n    gadget completion --bash\n\nAnd ::\n\n    x\n\n::\n\n    y\n",
			want: []string{"1|For bash:", "2|", "3|    gadget completion --bash", "4|", "5|And", "6|", "7|    x", "8|", "11|    y"},
		},
		{
			name: "admonitions and version notes say what they are; their text is prose",
			doc: ".. note::\n\n   This page is old.\n\n.. versionadded:: 1.2\n   The --user flag.\n\n" +
				".. deprecated:: 3.0 Use --target.\n\n.. seealso:: The user guide.\n",
			want: []string{"1|Note:", "2|", "3|This page is old.", "4|", "5|New in version 1.2:", "6|The --user flag.", "7|",
				"8|Deprecated since version 3.0: Use --target.", "9|", "10|See also: The user guide."},
		},
		{
			name: "a tab is its label over its content, and nothing when its content shows nothing",
			doc: ".. tab:: Unix/macOS\n\n   .. pip-command-usage:: install \"python -m pip\"\n\n.. tab:: Windows\n\n" +
				"   .. code-block:: console\n\n      C:\\> py -m pip install quux\n",
			want: []string{"5|Windows:", "6|", "9|    C:\\> py -m pip install quux"},
		},
		{
			name: "an object description is its signature over its text; toctree and image show nothing",
			doc: ".. option:: --on-conflict <action>\n\n   What to do when a file exists.\n\n.. toctree::\n   :maxdepth: 2\n\n   install\n   usage\n\n" +
				".. image:: logo.png\n   :alt: Logo\n\nEnd.\n",
			want: []string{"1|`--on-conflict <action>`", "2|", "3|What to do when a file exists.", "4|", "14|End."},
		},
		{
			name: "roles, literals and links show their text",
			doc: "See :ref:`the guide <user-guide>`, :doc:`../topics/caching`, :pep:`440`, :option:`--user`,\n" +
				":ref:`install_--pre`, :func:`~pkg.mod.run`, ``pip install``, `Python <https://python.org>`_, `pre-releases`_ and [#]_.\n",
			want: []string{"1|See the guide, caching, PEP 440, `--user`,",
				"2|install_--pre, `run`, `pip install`, [Python](https://python.org), pre-releases and [#]."},
		},
		{
			name: "a simple table is a Markdown table; one without a header row is a list of rows",
			doc: "======== =========\n   OS      lint\n======== =========\nLinux     Travis\nWindows   AppVeyor\n======== =========\n\n" +
				"=====  =====\nA      first\nB      second\n=====  =====\n",
			want: []string{"2|| OS | lint |", "3|| --- | --- |", "4|| Linux | Travis |", "5|| Windows | AppVeyor |", "6|",
				"9|- A — first", "10|- B — second"},
		},
		{
			name: "a csv-table's rows are items under its title",
			doc:  ".. csv-table:: Exit codes\n   :header: \"Code\", \"Meaning\"\n\n   0, \"success, all done\"\n   1, ``failure``\n",
			want: []string{"1|Exit codes:", "2|", "4|- 0 — success, all done", "5|- 1 — `failure`"},
		},
		{
			name: "substitutions are made: replace:: text, an image's nothing",
			doc:  "Needs Python (>= |PythonMinVersion|) |logo|.\n\n.. |PythonMinVersion| replace:: 3.8\n.. |logo| image:: logo.png\n",
			want: []string{"1|Needs Python (>= 3.8) ."},
		},
		{
			name: "a substitution's value may be a literal",
			doc:  "Run |cmd| now.\n\n.. |cmd| replace:: ``make all``\n",
			want: []string{"1|Run `make all` now."},
		},
		{
			name: "no substitution inside an inline literal",
			doc:  "Write ``|version|`` to get |version|.\n\n.. |version| replace:: 2.1\n",
			want: []string{"1|Write `|version|` to get 2.1."},
		},
		{
			name: "a transition shows nothing; #. numbers an item",
			doc:  "One.\n\n----------\n\n#. first\n#. second\n",
			want: []string{"1|One.", "2|", "5|1. first", "6|1. second"},
		},
		{
			name: "a rubric is a heading under the section it is in",
			doc:  "Install\n=======\n\nText.\n\n.. rubric:: Requirements File Format\n\nMoved elsewhere.\n",
			want: []string{"1|# Install #install", "2|", "4|Text.", "5|", "6|## Requirements File Format #requirements-file-format", "7|", "8|Moved elsewhere."},
		},
		{
			name: "an underline needs a blank line (or a title) above its title; a short one needs a short title; others show nothing",
			doc:  "Some text\nmore text\n---------\n\nab\n==\n\nA long title\n==\n",
			want: []string{"1|Some text", "2|more text", "3|", "5|# ab #ab", "6|", "8|A long title"},
		},
		{
			name: "inline literals are never markup; a role of its own text shows it as written",
			doc: "Call ``__init__`` then ``_setup``, ``class_, id_``.\n\n" +
				"Edit :file:`~/.config/pip/pip.conf` or run :samp:`git clone <url>`; see :doc:`TCP/IP setup <net/tcp>`.\n",
			want: []string{"1|Call `__init__` then `_setup`, `class_, id_`.", "2|",
				"3|Edit `~/.config/pip/pip.conf` or run `git clone <url>`; see TCP/IP setup."},
		},
		{
			name: "a role or link running over a line's end shows its text on its first line",
			doc:  "See :ref:`Config\nPrecedence <config-precedence>` and\n`the docs\n<https://pip.pypa.io>`_ too.\n",
			want: []string{"1|See Config Precedence", "2|and", "3|[the docs](https://pip.pypa.io)", "4|too."},
		},
		{
			name: "table columns are characters wide; an indented table is a table",
			doc: "=====  ===\nnaïve  yes\n日本語    no\n=====  ===\n\n.. table:: Exit codes\n\n   ====  =======\n   Code  Meaning\n" +
				"   ====  =======\n   0     success\n   ====  =======\n",
			want: []string{"2|- naïve — yes", "3|- 日本語 — no", "4|", "6|Exit codes:", "7|",
				"9|| Code | Meaning |", "10|| --- | --- |", "11|| 0 | success |"},
		},
		{
			name: "a directive may have a space before ::; a domain's object shows its signature past its options",
			doc: ".. warning ::\n\n   Back up first.\n\n.. py:class:: Configuration\n   :noindex:\n\n   Handles config.\n\n" +
				".. note::\n\n   :returns: the path\n",
			want: []string{"1|Warning:", "2|", "3|Back up first.", "4|", "5|`Configuration`", "6|", "8|Handles config.", "9|",
				"10|Note:", "11|", "12|:returns: the path"},
		},
		{
			name: "a title right under a label is a title; an adornment that underlines nothing shows nothing",
			doc:  "Intro.\n\n.. _sec:\nSection\n~~~~~~~\n\nBody one.\n\n~~~~\n\nBody two.\n",
			want: []string{"1|Intro.", "2|", "4|# Section #sec", "5|", "7|Body one.", "8|", "11|Body two."},
		},
		{
			name: "the literal block of a list item is indented past the item's text, and ends where its text goes on",
			doc:  "- item one::\n\n      code\n\n  more item text\n",
			want: []string{"1|- item one:", "2|", "3|    code", "4|", "5|  more item text"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := rendered(ScanRST(c.doc))
			if !slices.Equal(got, c.want) {
				t.Errorf("rendered\n  %q\nwant\n  %q", got, c.want)
			}
		})
	}
}

// The blocks of a page are read from its rendered text: a lead-in stays
// with the code a directive shows, the section path is the titles', and the
// first title is the page's.
func TestScanRSTBlocksAndTitle(t *testing.T) {
	doc := ".. _`blorp tool`:\n\n==========\nblorp tool\n==========\n\nDescription\n===========\n\n" +
		".. blorp-command-description:: tool\n\nInstalling\n----------\n\nTo install it:\n\n" +
		".. code-block:: shell\n\n   pip install blorp\n\nIt rotates logs.\n"
	d := ScanRST(doc)
	var got []string
	lines := strings.Split(d.Text, "\n")
	for _, b := range d.Blocks {
		got = append(got, fmt.Sprintf("%s: %d-%d %q", b.Section, d.Origins[b.First].First, d.Origins[b.Last].Last, lines[b.First]))
	}
	want := []string{
		`Description › Installing: 15-19 "To install it:"`,
		`Description › Installing: 21-21 "It rotates logs."`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("blocks\n  %q\nwant\n  %q", got, want)
	}
	if title := d.Title(); title != "blorp tool" {
		t.Errorf("title %q, want %q", title, "blorp tool")
	}
}

// A page's fields at its top are its settings, shown nowhere; its
// ":title:" field is its title, and a field's name may hold spaces (the
// AWS CLI's topics: ":related command: s3, s3 cp" was read as the title).
func TestRSTPageFields(t *testing.T) {
	d := ScanRST(":title: AWS CLI Return Codes\n:description: Describes the return codes\n:related command: s3, s3 cp\n\nThese are the return codes of a command.\n")
	if title := d.Title(); title != "AWS CLI Return Codes" {
		t.Errorf("title %q, want %q", title, "AWS CLI Return Codes")
	}
	if strings.Contains(d.Text, "related command") || strings.Contains(d.Text, "Describes") {
		t.Errorf("fields shown: %q", d.Text)
	}
	if d := ScanRST(":related command: s3,\n  s3 cp\n\nText here.\n"); d.Title() != "" || strings.Contains(d.Text, "s3 cp") {
		t.Errorf("a field's continuation line shown: title %q, text %q", d.Title(), d.Text)
	}
	if d := ScanRST(":orphan:\n\nPlain page\n==========\n\nText.\n"); d.Title() != "Plain page" {
		t.Errorf("title %q, want %q", d.Title(), "Plain page")
	}
}
