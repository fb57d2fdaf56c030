package structure

import (
	"slices"
	"strings"
	"testing"
)

// An Org document reads as its export shows it: the #+TITLE line is the
// title, other #+ lines and comments show nothing, stars are headings
// (without a TODO keyword, priority or tags), source blocks and runs of
// fixed-width lines are code without their markers, a quote's lines text.
func TestScanOrgRendersTheDocument(t *testing.T) {
	doc := "#+TITLE: Zutty user guide\n#+OPTIONS: num:nil\n\n* Installation\n\nInstall the build dependencies:\n" +
		": sudo apt-get install \\\n:    libegl-dev\nThen build it.\n\n# a comment\n** TODO [#A] Build it :docs:\n\n" +
		"#+BEGIN_SRC sh\n./waf build\n#+END_SRC\n\n#+BEGIN_QUOTE\nIt is fast.\n#+END_QUOTE\n#+BEGIN_COMMENT\nhidden\n#+END_COMMENT\n"
	want := []string{"1|# Zutty user guide", "3|", "4|## Installation", "5|", "6|Install the build dependencies:",
		"7|````", "7|sudo apt-get install \\", "8|   libegl-dev", "8|````", "9|Then build it.", "10|",
		"12|### Build it", "13|", "14|````sh", "15|./waf build", "16|````", "17|", "19|It is fast."}
	d := ScanOrg(doc)
	if got := rendered(d); !slices.Equal(got, want) {
		t.Errorf("rendered\n  %q\nwant\n  %q", got, want)
	}
	if got := d.Title(); got != "Zutty user guide" {
		t.Errorf("title %q, want %q", got, "Zutty user guide")
	}
	var got []string
	for _, b := range d.Blocks {
		got = append(got, describe(b))
	}
	// The lead-in ending in ":" stays with the code it announces.
	wantBlocks := []string{"code 4-8 [4 5 7] Installation ^0", "para 9-9 Installation", "code 13-15 [13] Installation › Build it ^11", "para 17-17 Installation › Build it"}
	if !slices.Equal(got, wantBlocks) {
		t.Errorf("blocks\n  %q\nwant\n  %q", got, wantBlocks)
	}
}

// What an Org export leaves out shows nothing, and Org's own layout is not
// read as Markdown's: text indented under a heading is text, a rule is no
// underline, a comment in a quote no heading, a code block's "```" stays
// code, a block that never ends opens nothing.
func TestScanOrgLeavesOutWhatTheExportDoes(t *testing.T) {
	doc := "* Top\n** Mid\n*** Deep\n    :PROPERTIES:\n    :CUSTOM_ID: deep\n    :END:\n    SCHEDULED: <2024-01-01>\n" +
		"    Indented text under the heading.\nSome text\n-----\n#+BEGIN_QUOTE\n# not a heading\nQuoted.\n#+END_QUOTE\n" +
		"#+BEGIN_SRC md\n```\ninner\n```\n#+END_SRC\n* Hidden :noexport:\nSecret notes.\n** Below it\nMore.\n* COMMENT Draft\nDraft text.\n" +
		"* Usage\n***\n#+BEGIN_SRC sh\nnever ends\n: last"
	want := []string{"1|## Top", "2|### Mid", "3|#### Deep", "8|Indented text under the heading.", "9|Some text", "13|Quoted.",
		"15|````md", "16|```", "17|inner", "18|```", "19|````", "26|## Usage", "29|never ends", "30|````", "30|last", "30|````"}
	d := ScanOrg(doc)
	if got := rendered(d); !slices.Equal(got, want) {
		t.Errorf("rendered\n  %q\nwant\n  %q", got, want)
	}
	var got []string
	for _, b := range d.Blocks {
		got = append(got, describe(b))
	}
	wantBlocks := []string{"para 3-5 Top › Mid › Deep ^0", "code 6-10 [6 8 9] Top › Mid › Deep", "code 12-15 [12 13] Usage ^11"}
	if !slices.Equal(got, wantBlocks) {
		t.Errorf("blocks\n  %q\nwant\n  %q", got, wantBlocks)
	}
	if d := ScanOrg("#+TITLE:\n***\n"); strings.TrimSpace(d.Text) != "" {
		t.Errorf("a title without text and a line of stars show %q", d.Text)
	}
}
