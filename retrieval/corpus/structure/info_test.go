package structure

import (
	"slices"
	"strings"
	"testing"
)

// infoManual is a small GNU Info manual as makeinfo writes it: a preamble
// with the entry for Info's directory, a Top node with its menu, a chapter
// with a section and a subsubsection, an index node and the tag table.
const infoManual = "This is demo.info, produced by makeinfo version 6.8 from demo.texi.\n" + // 1
	"\n" +
	"This manual documents demo 1.0.\n" +
	"INFO-DIR-SECTION Utilities\n" +
	"START-INFO-DIR-ENTRY\n" + // 5
	"* demo: (demo).   Demonstrate things.\n" +
	"END-INFO-DIR-ENTRY\n" +
	"\n" +
	"\x1f\n" +
	"File: demo.info,  Node: Top,  Next: Invoking,  Up: (dir)\n" + // 10
	"\n" +
	"GNU demo\n" +
	"********\n" +
	"\n" +
	"This manual documents demo 1.0.\n" + // 15
	"\n" +
	"* Menu:\n" +
	"\n" +
	"* Invoking::    How to run it.\n" +
	"* Index::       Every topic.\n" + // 20
	"\n" +
	"\x1f\n" +
	"File: demo.info,  Node: Invoking,  Next: Index,  Prev: Top,  Up: Top\n" +
	"\n" +
	"1 Invoking demo\n" + // 25
	"***************\n" +
	"\n" +
	"Run demo with the files to demonstrate.\n" +
	"\n" +
	"1.1 Options\n" + // 30
	"===========\n" +
	"\n" +
	"‘-q’\n" +
	"     Print nothing.\n" +
	"\n" + // 35
	"1.1.1 Quiet mode\n" +
	"................\n" +
	"\n" +
	"Quiet mode keeps errors on standard error.\n" +
	"\n" + // 40
	"\x1f\n" +
	"File: demo.info,  Node: Index,  Prev: Invoking,  Up: Top\n" +
	"\n" +
	"Index\n" +
	"*****\n" + // 45
	"\n" +
	"\x00\b[index\x00\b]\n" +
	"* Menu:\n" +
	"\n" +
	"* quiet mode:  Invoking.   (line 12)\n" + // 50
	"\n" +
	"\x1f\n" +
	"Tag Table:\n" +
	"Node: Top\x7f90\n" +
	"\x1f\n" + // 55
	"End Tag Table\n" +
	"\n" +
	"\x1f\n" +
	"Local Variables:\n" +
	"coding: utf-8\n" + // 60
	"End:\n"

// A GNU Info manual reads as the text of its nodes, line for line: the
// preamble, node lines, menus, index nodes, the tag table and the local
// variables show nothing; chapters, sections and subsubsections (dots
// underlining) are headings in that order, a chapter a sibling of the Top
// node's title (the manual's title, which every passage carries anyway).
func TestScanInfoReadsTheNodes(t *testing.T) {
	if !IsInfo(infoManual) {
		t.Fatal("IsInfo = false for makeinfo's output")
	}
	d := ScanInfo(infoManual)
	if n := strings.Count(d.Text, "\n"); n != strings.Count(infoManual, "\n") {
		t.Fatalf("text has %d lines, the manual %d: lines must keep their numbers", n, strings.Count(infoManual, "\n"))
	}
	for _, hidden := range []string{"makeinfo", "INFO-DIR", "File: ", "Menu", "How to run it", "quiet mode:", "Tag Table", "coding:", "\x00", "\x1f"} {
		if strings.Contains(d.Text, hidden) {
			t.Errorf("text shows %q", hidden)
		}
	}
	var got []string
	for _, b := range d.Blocks {
		got = append(got, describe(b))
	}
	want := []string{
		"para 14-14 GNU demo ^11",
		"para 27-27 1 Invoking demo ^24",
		"para 33-33 1 Invoking demo › 1.1 Options › ‘-q’ ^29",
		"para 38-38 1 Invoking demo › 1.1 Options › 1.1.1 Quiet mode ^35",
	}
	if !slices.Equal(got, want) {
		t.Errorf("blocks\n  %q\nwant\n  %q", got, want)
	}
	if got := InfoTitle(infoManual); got != "GNU demo" {
		t.Errorf("title %q, want %q", got, "GNU demo")
	}
}

// A part of a manual split in several files has no Top node: makeinfo's
// first line names the manual. A file of another kind named .info is none.
func TestInfoPartsAndLookAlikes(t *testing.T) {
	part := "This is find.info-2, produced by makeinfo version 6.8 from find.texi.\n\nPreamble.\n\x1f\nFile: find.info,  Node: Security,  Up: Top\n\n5 Security\n**********\n\nText.\n"
	if !IsInfo(part) {
		t.Error("IsInfo = false for a part of a split manual")
	}
	if got := InfoTitle(part); got != "find" {
		t.Errorf("title %q, want %q", got, "find")
	}
	for _, other := range []string{"name = Views\ndescription = Create lists\ncore = 7.x\n", "File: notes\nNode: none\n"} {
		if IsInfo(other) {
			t.Errorf("IsInfo(%q) = true", other)
		}
	}
	if got := InfoText("a\x00\b[image src=\"x.png\" alt=\"X\"\x00\b]b"); got != "ab" {
		t.Errorf("InfoText = %q, want the image's markup gone", got)
	}
}

// A node's menu may open it, its text below (bc's "Functions"); an Info
// manual's headings are makeinfo's underlines alone (a sample's line over
// stars, or a short line, is text), and a definition's terms, which head
// its indented description up to the section's next paragraph.
func TestScanInfoMenusAndHeadings(t *testing.T) {
	doc := "\x1f\nFile: bc.info,  Node: Functions,  Up: Top\n\n" + // 1-3
		"5 Functions\n***********\n\n" + // 4-6
		"* Menu:\n\n* Math Library::\n\n" + // 7-10
		" -- The Detailed Node Listing --\nOverview\n* Sub::  A sub node.\n\t\tWrapped.\n\n" + // 11-15
		"Functions provide a method of defining a computation.\n\n" + // 16-17
		"     And let there always be being,\n     *****\n\n" + // 18-20
		"‘-q’\n     Print nothing.\n\n" + // 21-23
		"‘-v’\n‘--verbose’\n     Print more.\n\n     Twice, more still.\n\n   The options combine.\n\n" + // 24-31
		"5.1 Libraries\n=============\n\nThe math library.\n" + // 32-35
		"\n* Menu:\n\n* Sub::\n\nSupported platforms\n   * Linux on x86-64.\n" // 36-41
	d := ScanInfo(doc)
	if strings.Contains(d.Text, "Math Library::") || strings.Contains(d.Text, "Detailed") || strings.Contains(d.Text, "Wrapped") {
		t.Errorf("the menu shows:\n%s", d.Text)
	}
	var got []string
	for _, b := range d.Blocks {
		got = append(got, describe(b))
	}
	want := []string{
		"para 15-15 5 Functions ^3",
		"para 17-18 5 Functions",
		"para 21-21 5 Functions › ‘-q’ ^20",
		"para 25-25 5 Functions › ‘-v’ ‘--verbose’ ^23",
		"para 27-27 5 Functions › ‘-v’ ‘--verbose’",
		"para 29-29 5 Functions",
		"para 34-34 5 Functions › 5.1 Libraries ^31",
		"para 40-41 5 Functions › 5.1 Libraries",
	}
	if !slices.Equal(got, want) {
		t.Errorf("blocks\n  %q\nwant\n  %q", got, want)
	}
}
