package structure

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
)

// rstPieces are the lines random pages are made of: titles and
// adornments, directives and their options, literal blocks, tables, roles,
// odd indentation and line ends.
var rstPieces = []string{"", "", "", "Title", "=====", "-----", "~~~~~", "```", "====  ====", "====  ====  ====", "a    b",
	".. note::", ".. code-block:: python", ".. tab:: Unix", ".. option:: --foo", "   :caption: x", "   body text",
	"      deep text", "\tTabbed text", "\t.. note::", "  \t mixed", "Para::", "::", ".. _label:", ".. comment",
	".. |s| replace:: x", "* Item", "#. item", "- item::", ".. [1] foot", "__ http://x", ":orphan:", ":field: value",
	"text with ``code`` and :ref:`x <y>`", "`link <http://u>`_", "word\r", "\r", "===", "=", "~~", "+---+---+",
	"| a | b |", "   .. code::", "      code line", ".. versionadded:: 1.0", ".. deprecated::", ".. rubric:: R",
	".. admonition:: A", "# not heading", "---", ".. toctree::", "   :maxdepth: 2", "..", ".. _x: http://y", "`a`_",
	"foo_", "\\ ", ":role:`x", "y`", "  ====  ===", "naïve  日本語", "Über", ".. warning ::", ".. py:class:: C"}

// labelWords are what ScanRST writes that no line of the page holds.
var labelWords = map[string]bool{"note": true, "warning": true, "tip": true, "important": true, "attention": true,
	"caution": true, "danger": true, "error": true, "hint": true, "see": true, "also": true, "todo": true, "new": true,
	"in": true, "version": true, "changed": true, "deprecated": true, "since": true, "removed": true, "pep": true,
	"rfc": true, "1": true}

// checkRendered checks what ScanRST and ScanMyST promise whatever the
// page: no panic, a Doc.Origins entry per line of text, in order and
// within the page, and every word of a line on the line it is mapped to
// (or, for a role run over a line's end, the lines after it).
func checkRendered(t *testing.T, doc string, scan func(string) Doc) {
	t.Helper()
	d, src, lines := scanChecked(t, doc, scan)
	prev := 0
	substitutes := strings.Contains(doc, "::") && strings.Contains(doc, "|") // text from elsewhere on the page
	for i, o := range d.Origins {
		if o.First < 1 || o.Last > len(src) || o.First > o.Last || o.First < prev {
			t.Fatalf("%q: origin %d %+v, the page has %d lines", doc, i, o, len(src))
		}
		prev = o.First
		// Markup may join a role's text to the word after it.
		near := strings.ToLower(strings.Join(src[o.First-1:min(o.First+3, len(src))], "\n"))
		near += " " + strings.NewReplacer("`", "", ":", "", "_", "", "*", "", "|", "", "\\ ", "").Replace(near)
		for _, w := range strings.FieldsFunc(strings.ToLower(lines[i]), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			if !strings.Contains(near, w) && !labelWords[w] && !substitutes {
				t.Fatalf("%q: line %q mapped to %d (%q): %q is not there", doc, lines[i], o.First, src[o.First-1], w)
			}
		}
	}
}

func randomPage(r *rand.Rand) string {
	var b []string
	for range r.IntN(12) {
		b = append(b, rstPieces[r.IntN(len(rstPieces))])
	}
	return strings.Join(b, "\n")
}

// Random pages of odd pieces keep the promises of checkRendered.
func TestScanRSTAndMySTOnRandomPages(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		doc := randomPage(r)
		checkRendered(t, doc, ScanRST)
		if IsRendered(doc) {
			checkRendered(t, doc, ScanMyST)
		}
	}
}

func FuzzScanRST(f *testing.F) {
	for _, s := range rstPieces {
		f.Add(s + "\n" + s)
	}
	f.Fuzz(func(t *testing.T, doc string) { checkRendered(t, doc, ScanRST) })
}

// scanChecked scans doc, failing the test on a panic or on a Doc whose
// lines of text, Lines and Origins are not as many, and returns the Doc
// with the lines of doc and of its text.
func scanChecked(t *testing.T, doc string, scan func(string) Doc) (d Doc, src, lines []string) {
	t.Helper()
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("%q: panic %v", doc, r)
			}
		}()
		d = scan(doc)
	}()
	src = strings.Split(doc, "\n")
	lines = strings.Split(d.Text, "\n")
	if len(lines) != len(d.Origins) || len(d.Lines) != len(lines) {
		t.Fatalf("%q: %d lines of text, %d Lines, %d origins", doc, len(lines), len(d.Lines), len(d.Origins))
	}
	return d, src, lines
}
