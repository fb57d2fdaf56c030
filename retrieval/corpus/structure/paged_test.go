package structure

import (
	"slices"
	"strings"
	"testing"
)

// rfcPages is a paginated standard as the IETF publishes it: a running
// footer and header around each form feed, a sentence cut by a page's
// end, and a section's heading opening a page.
const rfcPages = "Network Working Group                                        S. Pfeiffer\n" + // 1
	"Request for Comments: 3533                                         CSIRO\n" +
	"\n" +
	"1. Introduction\n" +
	"\n" + // 5
	"   The Ogg encapsulation format is used to encapsulate media streams\n" +
	"   so that they can be carried in\n" +
	"\n" +
	"Pfeiffer                     Informational                      [Page 1]\n" +
	"\f\n" + // 10
	"RFC 3533                          OGG                           May 2003\n" +
	"\n" +
	"\n" +
	"   a single bitstream.  Each page holds one packet.\n" +
	"\n" + // 15
	"Pfeiffer                     Informational                      [Page 2]\n" +
	"\f\n" +
	"RFC 3533                          OGG                           May 2003\n" +
	"2. Definitions\n" +
	"\n" + // 20
	"   A packet is what the encoder makes.\n" +
	"\n" +
	"Pfeiffer                     Informational                      [Page 3]\n" +
	"\f\n" +
	"RFC 3533                          OGG                           May 2003\n" // 25

// A paginated document reads as its pages' text run together: running
// headers and footers and form feeds show nothing, a paragraph cut by a
// page's end goes on across it, a heading opening a page stays a heading,
// and each line of the text keeps the line of the document it came from.
func TestScanPlainRunsPagesTogether(t *testing.T) {
	d := ScanPlain(rfcPages)
	for _, gone := range []string{"Informational", "May 2003", "\f"} {
		if strings.Contains(d.Text, gone) {
			t.Errorf("text shows %q:\n%s", gone, d.Text)
		}
	}
	lines := strings.Split(d.Text, "\n")
	for i, o := range d.Origins {
		if got := strings.Split(rfcPages, "\n")[o.First-1]; strings.TrimSpace(lines[i]) != "" && got != lines[i] {
			t.Errorf("line %d %q comes from line %d %q", i, lines[i], o.First, got)
		}
	}
	var got []string
	for _, b := range d.Blocks {
		got = append(got, describe(b)+" "+strings.Join(strings.Fields(d.Text[d.Lines[b.First].Start:d.Lines[b.Last].End]), " "))
	}
	want := []string{
		"para 0-1 Network Working Group S. Pfeiffer Request for Comments: 3533 CSIRO",
		"para 5-7 1. Introduction ^3 The Ogg encapsulation format is used to encapsulate media streams so that they can be carried in a single bitstream. Each page holds one packet.",
		"para 11-11 2. Definitions ^9 A packet is what the encoder makes.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("blocks\n  %q\nwant\n  %q", got, want)
	}
}

// Form feeds alone (Emacs's NEWS parts its sections by them) make no
// pages: the document reads as it is.
func TestScanPlainFormFeedsWithoutPages(t *testing.T) {
	doc := "* Changes in 29.1\n\nNew mode.\n\f\n* Changes in 28.1\n\nOld mode.\n\f\n* Changes in 27.1\n\nOlder.\n"
	if d := ScanPlain(doc); d.Origins != nil || d.Text != doc {
		t.Errorf("a document of form feeds alone read as pages:\n%q", d.Text)
	}
}

// In a document laid out as standards are, numbered headings at the margin
// over indented text, an indented line (a template's field) is text, and a
// figure's caption heads nothing in any document.
func TestMarginHeadingsOnly(t *testing.T) {
	doc := "1. Introduction\n\n   Ogg carries media.\n\n2. Template\n\n   Subtype name:  vorbis-config\n\n   Intended usage:  COMMON\n\n" +
		"   Figure 2: The stack\n\n   The stack has two layers.\n\n3. Security\n\n   None.\n"
	d := Scan(doc, false)
	var got []string
	for _, b := range d.Blocks {
		got = append(got, describe(b))
	}
	want := []string{"para 2-2 1. Introduction ^0", "para 6-6 2. Template ^4", "para 8-8 2. Template", "para 10-10 2. Template", "para 12-12 2. Template", "para 16-16 3. Security ^14"}
	if !slices.Equal(got, want) {
		t.Errorf("blocks\n  %q\nwant\n  %q", got, want)
	}
}

// A page whose form feed opens its text (a chapter's first page, with no
// running header, in pdftotext's layout) keeps that text.
func TestScanPlainKeepsTextOnTheFormFeedsLine(t *testing.T) {
	doc := "1. Running\n\n   Run frob.\n\nFrob manual            Page 1\n\fFROB            Frob            FROB\n\n   It runs.\n\nFrob manual            Page 2\n" +
		"\fFROB            Frob            FROB\n\n   It stops.\n\nFrob manual            Page 3\n\f4. Sandboxing\n\n   Frob never sandboxes.\n"
	d := ScanPlain(doc)
	if d.Origins == nil || !strings.Contains(d.Text, "4. Sandboxing") || strings.Contains(d.Text, "Page 2") {
		t.Errorf("text:\n%s", d.Text)
	}
}

// A form feed within a line's text ends no page: the document reads as
// it is, its words never glued.
func TestScanPlainFormFeedWithinText(t *testing.T) {
	doc := strings.Repeat("Frob      Informational      [Page 1]\n\f\nRFC 1      FROB      May 2003\n\nThe audio\fcodec runs.\n", 3)
	if d := ScanPlain(doc); d.Origins != nil || d.Text != doc {
		t.Errorf("read as pages:\n%q", d.Text)
	}
}
