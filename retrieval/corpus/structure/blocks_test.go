package structure

import (
	"fmt"
	"strings"
	"testing"
)

// describe writes a block as "kind first-last [units] section ^head", line
// indices 0-based.
func describe(b Block) string {
	kind := [...]string{Paragraph: "para", List: "list", Table: "table", Code: "code"}[b.Kind]
	s := fmt.Sprintf("%s %d-%d", kind, b.First, b.Last)
	if b.Units != nil {
		s += fmt.Sprint(" ", b.Units)
	}
	if b.Section != "" {
		s += " " + b.Section
	}
	if b.Head >= 0 {
		s += fmt.Sprint(" ^", b.Head)
	}
	return s
}

func TestScanFindsBlocks(t *testing.T) {
	cases := []struct {
		name     string
		markdown bool
		doc      string
		want     []string
	}{
		{
			name:     "ATX headings give a section path below the title",
			markdown: true,
			doc:      "# Tool\n\nIntro.\n\n## Build\n\n### On Linux ###\n\nRun make.\n\n## Use\nRun it.\n",
			want:     []string{"para 2-2 ^0", "para 8-8 Build › On Linux ^4", "para 11-11 Use ^10"},
		},
		{
			name:     "a release's headings written at its level are its parts, up to the next release",
			markdown: true,
			doc:      "# Changelog\n\n## v1.50.1\n\n## What's Changed\n\n### Fixes\n\n* fix: stop leaking sockets\n\n## New Contributors\n\n* @a made a first PR\n\n## 1.50.0-rc.1\n\nText.\n",
			want:     []string{"list 8-8 [8] v1.50.1 › What's Changed › Fixes ^0", "list 12-12 [12] v1.50.1 › New Contributors ^10", "para 16-16 1.50.0-rc.1 ^14"},
		},
		{
			name:     "a heading after the last release that is no part of it is a section of its own",
			markdown: true,
			doc:      "# Changelog\n\n## 1.1.0\n\nFix.\n\n## 1.0.0\n\nFirst.\n\n## License\n\nMIT.\n",
			want:     []string{"para 4-4 1.1.0 ^0", "para 8-8 1.0.0 ^6", "para 12-12 License ^10"},
		},
		{
			name:     "a setext underline makes the line above it a heading",
			markdown: true,
			doc:      "Project\n=======\n\nIntro line one\nInstall\n-------\nRun make.\n",
			want:     []string{"para 3-3 ^0", "para 6-6 Install ^4"},
		},
		{
			name:     "fences stay with the first and last lines of code",
			markdown: true,
			doc:      "```go\na := 1\nb := 2\n\nc := 3\n```\nAfter.\n",
			want:     []string{"code 0-5 [0 2 4]", "para 6-6"},
		},
		{
			name:     "an unclosed fence runs to the end",
			markdown: true,
			doc:      "Text.\n~~~\nx\ny\n",
			want:     []string{"para 0-0", "code 1-3 [1 3]"},
		},
		{
			name:     "indented code joins the lead-in above it",
			markdown: true,
			doc:      "Intro:\n\n    one\n\n    two\nNext.\n",
			want:     []string{"code 0-4 [0 2 4]", "para 5-5"},
		},
		{
			name:     "a table's header and delimiter rows make one unit",
			markdown: true,
			doc:      "| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\n# H\n",
			want:     []string{"table 0-3 [0 2 3]"},
		},
		{
			name:     "a list holds nested items and lazy lines; top-level items are units",
			markdown: true,
			doc:      "- one\n  continued\n  - nested\nlazy line\n\n- two\n\nPara.\n",
			want:     []string{"list 0-5 [0 5]", "para 7-7"},
		},
		{
			name:     "a lead-in joins its list, a question its answer",
			markdown: true,
			doc:      "It has:\n\n- speed\n- size\n\nWhy use it?\n\nBecause it is fast.\n",
			want:     []string{"list 0-3 [0 2 3]", "para 5-7"},
		},
		{
			name:     "a paragraph ending mid-sentence joins the code below; one ending a sentence does not",
			markdown: true,
			doc:      "After all flags are defined, call\n\n```go\nflag.Parse()\n```\n\nIt parses.\n\n```go\nx()\n```\n",
			want:     []string{"code 0-4 [0 2]", "para 6-6", "code 8-10 [8]"},
		},
		{
			name:     "a paragraph going on with the sentence the code broke joins the code; one opening anew does not",
			markdown: true,
			doc:      "Electron exposes a module:\n\n```js\nimport 'electron'\n```\n\nthat would otherwise be unresolved. Add it.\n\n```js\nx()\n```\n\nlinters flag it too.\n",
			want:     []string{"code 0-6 [0 2]", "code 8-10 [8]", "para 12-12"},
		},
		{
			name:     "a lower-case paragraph announcing the next code leads into it, not on from the code above",
			markdown: true,
			doc:      "```sh\nmake\n```\n\nthen run:\n\n```sh\nmake install\n```\n",
			want:     []string{"code 0-2 [0]", "code 4-8 [4 6]"},
		},
		{
			name:     "a code block takes one paragraph going on after it, not every one",
			markdown: true,
			doc:      "```sh\nmake\n```\n\nthe build takes a while.\n\nthe tests run after it.\n",
			want:     []string{"code 0-4 [0]", "para 6-6"},
		},
		{
			name:     "a paragraph speaking of the list below joins it; one that does not stays apart",
			markdown: false,
			doc:      "It works well in the cases\nlisted below.\n\n  * threads\n  * realtime kernels\n\nIt is portable.\n\n  * Linux\n  * BSD\n",
			want:     []string{"list 0-4 [0 3 4]", "para 6-6", "list 8-9 [8 9]"},
		},
		{
			name:     "'below' in passing, or of another section, joins nothing",
			markdown: true,
			doc:      "Python versions below 3.8 are not supported.\n\n```sh\npip install tool\n```\n\nSee the Configuration section below.\n\n- Linux\n- macOS\n",
			want:     []string{"para 0-0", "code 2-4 [2]", "para 6-6", "list 8-9 [8 9]"},
		},
		{
			name:     "a GitHub alert's marker line says nothing, among long lines too",
			markdown: true,
			doc:      "> [!IMPORTANT]\n> " + strings.Repeat("long ", 50) + "\n",
			want:     []string{"para 1-1"},
		},
		{
			name:     "front matter makes no block",
			markdown: true,
			doc:      "---\ntitle: \"Front\"\nlayout: post\n---\nBody.\n",
			want:     []string{"para 4-4"},
		},
		{
			name:     "but for a page's one-line description",
			markdown: true,
			doc:      "---\ntitle: npm-ci\nsection: 1\ndescription: Clean install a project\ntags: [a, b]\n---\n### Synopsis\n\nnpm ci\n",
			want:     []string{"para 3-3", "para 8-8 Synopsis ^6"},
		},
		{
			name:     "a thematic break or a badge row parts a heading from the text below",
			markdown: true,
			doc:      "# T\n\n## A\n\n---\n\nText.\n\n## B\n[![b](u)](l)\n\nMore.\n",
			want:     []string{"para 6-6 A", "para 11-11 B"},
		},
		{
			name:     "a badge row whose text wraps is a badge row",
			markdown: true,
			doc:      "# goose\n\n[![Goose\nCI](https://e.org/ci.svg)](https://e.org/ci)\n[![Go\nReference](https://e.org/ref.svg)](https://e.org/ref)\n\nGoose is a tool.\n",
			want:     []string{"para 7-7"},
		},
		{
			name:     "a changelog's heading linking to its reference shows the link's text",
			markdown: true,
			doc:      "# Changelog\n\n## [4.4.0] - 2026-08-04\n\nText.\n\n[4.4.0]: https://example.org/compare/v4.3.0...v4.4.0\n",
			want:     []string{"para 4-4 4.4.0 - 2026-08-04 ^0"},
		},
		{
			name:     "link reference definitions make no passage",
			markdown: true,
			doc:      "# T\n\nSee [the issue][#9].\n\n[#9]: https://example.org/issues/9\n[docs]: <https://example.org> \"Docs\"\n",
			want:     []string{"para 2-2 ^0"},
		},
		{
			name: "plain text: a line running on into the next is no heading",
			doc:  "Intro text here, long enough to read as a paragraph of the file.\n\nTo view the repository in your browser, go to\n\n  https://example.org/cgit/groff.git\n\nNotes\nThe notes follow here and run on for a while longer than the heading.\n",
			want: []string{"para 0-0", "para 2-2", "para 4-4", "para 7-7 Notes ^6"},
		},
		{
			name: "plain text: a short line ending in an article runs on into the option below",
			doc:  "Intro text here, long enough to read as a paragraph of the file.\n\nThis can be overridden by the\n\n  --pax-option='mtime=STRING'\n\ncommand line option. The STRING is a number.\n",
			want: []string{"para 0-0", "para 2-2", "para 4-6"},
		},
		{
			name: "plain text: an aligned field of a record is no heading",
			doc:  "Intro text here, long enough to read as a paragraph of the file.\n\nwhat:  \"swapon --summary\" output format\nwhy:   does not provide control on output data formatting, the recommended way\n\nNotes\nThe notes follow here and run on for a while longer than the heading.\n",
			want: []string{"para 0-0", "para 2-3", "para 6-6 Notes ^5"},
		},
		{
			name: "plain text: an outline's item alone is no heading",
			doc:  "* Noteworthy changes in release 2.0.3 (2017-07-24)\n\n** Fix several documentation issues\n\n** Fix build issues\n\n* Noteworthy changes in release 2.0.2 (2017-04-27)\n\n** Fix TR46 transitional mode\n",
			want: []string{"para 2-2 Noteworthy changes in release 2.0.3 (2017-07-24) ^0", "para 4-4 Noteworthy changes in release 2.0.3 (2017-07-24)", "para 8-8 Noteworthy changes in release 2.0.2 (2017-04-27) ^6"},
		},
		{
			name: "plain text: a heading may end in a capital letter",
			doc:  "Intro text here, long enough to read as a paragraph of the file.\n\nAppendix A\nThe notes follow here and run on for a while longer than the heading.\n",
			want: []string{"para 0-0", "para 3-3 Appendix A ^2"},
		},
		{
			name: "plain text: a line that says something is no heading",
			doc:  "Intro text here, long enough to read as a paragraph of the file.\n\nThis release fixes some bugs and adds a few new features\n\nadduser is developed on\n\n  https://salsa.debian.org/debian/adduser\n\nWhat is new in 2.0\nThe notes follow here and run on for a while longer than the heading.\n",
			want: []string{"para 0-0", "para 2-2", "para 4-4", "para 6-6", "para 9-9 What is new in 2.0 ^8"},
		},
		{
			name: "plain text: an outline's stars nest under a release's line",
			doc:  "version 1.28 - Sergey Poznyakoff, 2014-07-28\n\n* New option --sort\n\nThe --sort=ORDER option sorts directory entries.\n\nversion 1.27 - Sergey Poznyakoff, 2013-10-05\n\n* New option --one-top-level\n\nIt extracts into a subdirectory.\n",
			want: []string{"para 4-4 version 1.28 - Sergey Poznyakoff, 2014-07-28 › New option --sort ^0", "para 10-10 version 1.27 - Sergey Poznyakoff, 2013-10-05 › New option --one-top-level ^6"},
		},
		{
			name: "plain text: underlines rank as first seen, the title heads its text but no section; a line heading goes below them",
			doc:  "Rootless builds\n===============\n\nIntro.\n\nBackground\n----------\n\nWhy.\n\nPrototyping\n===========\n\ndpkg side\n---------\n\nDone.\n\nKnown issues\nNone of these are fixed yet, and some never will be at all.\n",
			want: []string{"para 3-3 Rootless builds ^0", "para 8-8 Background ^5", "para 16-16 Prototyping › dpkg side ^10", "para 19-19 Prototyping › dpkg side › Known issues ^18"},
		},
		{
			name:     "a release log's first release heading is a section, not the title",
			markdown: true,
			doc:      "4.22.3\n======\n\n* Allow QUERY.\n\n4.22.2\n======\n\n* Fix parsing.\n",
			want:     []string{"list 3-3 [3] 4.22.3 ^0", "list 8-8 [8] 4.22.2 ^5"},
		},
		{
			name: "plain text: a release log's first underlined version heads its entries",
			doc:  "Version 2.14\n============\n\nReleased 2021-09-09\n\n* New Features:\n\n  - Add json_object_getn.\n\nVersion 2.13.1\n==============\n\nReleased 2020-05-07\n\n* Fixes:\n\n  - Fix y.\n",
			want: []string{"para 7-7 Version 2.14 › Released 2021-09-09 › New Features ^0", "para 16-16 Version 2.13.1 › Released 2020-05-07 › Fixes ^9"},
		},
		{
			name: "plain text: a release under its product's name heads its entries, and a one-line entry is no heading",
			doc:  "E2fsprogs 1.47.0 (February 5, 2023)\n===================================\n\nUI and Features\n---------------\n\nAdd support for the orphan_file feature, which speeds up workloads.\n\nE2fsprogs 1.43 (May 17, 2016)\n=============================\n\nAdd an ext2/3/4 FUSE server\n\nDebugfs can now modify extended attributes.\n",
			want: []string{"para 6-6 E2fsprogs 1.47.0 (February 5, 2023) › UI and Features ^0", "para 11-11 E2fsprogs 1.43 (May 17, 2016) ^8", "para 13-13 E2fsprogs 1.43 (May 17, 2016)"},
		},
		{
			name: "plain text: a release log's wrapped item is one entry, not a heading over its own end",
			doc:  "Version 0.18.3 - July 2013\n\n* Programming languages support:\n\nVersion 0.16 - October 2006\n\n* msgcmp now ignores fuzzy and untranslated messages in the PO file.\n  Previously it considered fuzzy messages the same way.\n\n* gettextize, when invoked without --intl option, now installs only the\n  files that are needed.\n",
			want: []string{"para 6-7 Version 0.16 - October 2006 ^0", "para 9-10 Version 0.16 - October 2006"},
		},
		{
			name: "plain text: questions at the margin head the text indented under them; an indented question is text",
			doc: "    This is ispell version 3.3.\n\nWho Wrote Ispell?\n\n    Ispell is a very old program.\n    Gorin wrote it.\n\n" +
				"How Do I Reference Ispell?\n\n    There is no published paper.\n    Is that a problem?\n\nWhere Do I Send Bug Reports?\n\n    To the author.\n",
			want: []string{"para 0-0", "para 4-5 Who Wrote Ispell? ^2", "para 9-10 How Do I Reference Ispell? ^7", "para 14-14 Where Do I Send Bug Reports? ^12"},
		},
		{
			name: "plain text: questions at the margin nest under the line heading above them; a quoted mail's question is text",
			doc: "    Notes on building.\n\nBUILDING ON WINDOWS\n\nHow Do I Build It?\n\n    Run make.\n    Then make install.\n    As root.\n\nWhy Does Linking Fail?\n\n    The static zlib is missing.\n    Install it.\n    Then link again.\n\n" +
				"BUILDING ON MACOS\n\nHow Do I Build It?\n\n    Run xcodebuild.\n    It takes a while.\n    Then install.\n\n> Does It Reload On SIGHUP?\n\n    Yes.\n    It does.\n",
			want: []string{"para 0-0", "para 6-8 BUILDING ON WINDOWS › How Do I Build It? ^2", "para 12-14 BUILDING ON WINDOWS › Why Does Linking Fail? ^10",
				"para 20-22 BUILDING ON MACOS › How Do I Build It? ^16", "para 24-27 BUILDING ON MACOS › How Do I Build It?"},
		},
		{
			name: "plain text: two questions at the margin are too few to head anything",
			doc:  "    This is a tool.\n\nWho wrote it?\n\n    Gorin did.\n\nWhy?\n\n    Because.\n",
			want: []string{"para 0-0", "para 2-4", "para 6-8"},
		},
		{
			name: "plain text: a release log's part heading stays one beside a one-line entry",
			doc:  "Version 2.0.1 (2024-01-02)\n\nRemoved features\n\nThe -x flag is gone for good now.\n\nAdd an ext2/3/4 FUSE server\n\nDebugfs can now modify attributes.\n",
			want: []string{"para 4-4 Removed features ^0", "para 6-6 Removed features", "para 8-8 Removed features"},
		},
		{
			name: "plain text: a release log's entries in the past tense are entries, a part named by its subject a heading",
			doc:  "E2fsprogs 1.47.0 (February 5, 2023)\n===================================\n\nSupport for new platforms\n\nThe port to Hurd is done.\n\nE2fsprogs 1.46.0 (January 29, 2021)\n===================================\n\nAdded a FUSE server for ext4 images\n\nDebugfs can now modify attributes.\n",
			want: []string{"para 5-5 E2fsprogs 1.47.0 (February 5, 2023) › Support for new platforms ^0", "para 10-10 E2fsprogs 1.46.0 (January 29, 2021) ^7", "para 12-12 E2fsprogs 1.46.0 (January 29, 2021)"},
		},
		{
			name: "plain text: a table of contents or an index with leaders gives no passage",
			doc:  "Contents\n\n1 Introduction ........ 1\n2 Using it . . . . . . . 5\nasn1_der_coding :::::: 17\n\nThe text.\n",
			want: []string{"para 6-6 Contents"},
		},
		{
			name: "plain text: an outline's category ending in a colon is a heading",
			doc:  "* Questions about /etc/issue:\n\nQ. Why does it say sid?\n\nA. Because testing is built from it.\n\n* Other questions:\n\nQ. Is this ok?\n",
			want: []string{"para 2-4 Questions about /etc/issue ^0", "para 8-8 Other questions ^6"},
		},
		{
			name: "plain text: heading lines used before an underline rank above it",
			doc:  "INSTALLATION\n\nRun make install to build and install everything you need here.\n\nDebian packages\n---------------\n\nUse apt.\n\nUSAGE\n\nRun the tool with a file name and it will do what it does best.\n",
			want: []string{"para 2-2 INSTALLATION ^0", "para 7-7 INSTALLATION › Debian packages ^4", "para 11-11 USAGE ^9"},
		},
		{
			name: "plain text: a command a sentence breaks off before is no heading (dnsmasq's FAQ)",
			doc:  "Q: Who are Verisign, what do they have to do with the bogus-nxdomain\n   option in dnsmasq and why should I wory about it?\n\nA: [note: this was written in September 2003, things may well change.]\n   Verisign run the .com and .net top-level-domains. They have just\n   changed the configuration of their servers so that unknown .com and\n   .net domains, instead of returning an error code NXDOMAIN, (no such\n   domain) return the address of a host at Verisign which runs a web\n   server showing a search page. Most right-thinking people regard\n   this new behaviour as broken :-).  You can test to see if you are\n   suffering Verisign brokenness by run a command like \n   \n   host jlsdajkdalld.com\n\n   If you get \"jlsdajkdalld.com\" does not exist, then all is fine, if\n   host returns an IP address, then the DNS is broken. (Try a few\n   different unlikely domains, just in case you picked a weird one\n   which really _is_ registered.)\n\n   Assuming that your DNS is broken, and you want to fix it, simply\n",
			want: []string{"para 0-10", "para 12-12", "para 14-17", "para 19-19"},
		},
		{
			name: "plain text: a title after a sentence breaking off is a heading still",
			doc:  "Intro text here, long enough to read as a paragraph and easy to get started with\n\nConfiguration\n\nEdit the file /etc/srv.conf to set the port and the rest of it.\n",
			want: []string{"para 0-0", "para 4-4 Configuration ^2"},
		},
		{
			name: "plain text: a figure's label indented far past the prose is no heading (postfix's)",
			doc:  "\nPostfix address rewriting overview\n\nThe figure below zooms in on those parts of Postfix that are most involved with\naddress rewriting activity. See the OVERVIEW document for an overview of the\ncomplete Postfix architecture. Names followed by a number are Postfix daemon\nprograms, while unnumbered names represent Postfix queues or internal sources\nof mail messages.\n\n                  trivial-                              trivial-\n                 rewrite(8)                            rewrite(8)\n                 (std form)                            (resolve)\n\n                      ^ |                                   ^ |\n                      | v                                   | v\n\n    smtpd(8)                                                         smtp(8)\n\n    qmqpd(8)  >- cleanup(8) -> incoming ->  active  ->   qmgr(8)  -< lmtp(8)\n\n    pickup(8)                                                        local(8)\n\n                       ^                      ^ |\n                       |                      | v\n\n                  bounces\n                 forwarding                deferred\n                  notices\n\nThe table below summarizes all Postfix address manipulations. If you're reading\nthis document for the first time, skip forward to \"Address rewriting when mail\nis received\". Once you've finished reading the remainder of this document, the\n",
			want: []string{"para 3-7 Postfix address rewriting overview ^1", "para 9-11 Postfix address rewriting overview", "para 14-14 Postfix address rewriting overview",
				"para 16-16 Postfix address rewriting overview", "para 18-18 Postfix address rewriting overview", "para 20-20 Postfix address rewriting overview",
				"para 23-23 Postfix address rewriting overview", "para 25-27 Postfix address rewriting overview", "para 29-31 Postfix address rewriting overview"},
		},
		{
			name: "plain text: one star line makes no outline; indented headings stay headings",
			doc:  "Intro text here, long enough to read as a paragraph of the file.\n\n* Note: read this first\n\n  INSTALLATION\n\n    Run make install to build everything that you need for it.\n\n  USAGE\n\n    Run the tool with a file name and it does what it does best.\n",
			want: []string{"para 0-0", "para 6-6 INSTALLATION ^2", "para 10-10 USAGE ^8"},
		},
		{
			name: "plain text: an outline's indented text titles nothing, though it reads like a heading",
			doc:  "* INTRODUCTION\n\n  GnuPG is a complete implementation of the OpenPGP standard.\n\n  You may run\n\n    gpgconf --list-dirs\n\n* RECOMMENDATIONS\n\n  Use a per-user socket directory.\n",
			want: []string{"para 2-2 INTRODUCTION ^0", "para 4-4 INTRODUCTION", "para 6-6 INTRODUCTION", "para 10-10 RECOMMENDATIONS ^8"},
		},
		{
			name: "plain text: a release's banner line, indented after a rule",
			doc:  "NEWS about less\n\n======\n\n\tMajor changes between \"less\" versions 581 and 590\n\n* Add the --file-size option.\n\n* Fix a bug.\n",
			want: []string{"para 6-6 Major changes between \"less\" versions 581 and 590 ^4", "para 8-8 Major changes between \"less\" versions 581 and 590"},
		},
		{
			name: "plain text: a root's prompt announced, or a maintainer's address, is no heading",
			doc:  "Intro text here, long enough to read as a paragraph of the file.\n\nThen execute these commands (also as root):\n\n# apt update\n# apt install chromium-dbgsym\n\nMatthias Klose <doko@debian.org>\nThe notes follow here and run on for a while longer than the heading.\n",
			want: []string{"para 0-0", "para 2-5", "para 7-8"},
		},
		{
			name: "plain text: stars that come first do not nest under a plain heading between them",
			doc:  "* Changes in 2.0\n\nBug fixes\nThe parser no longer crashes on empty files and the lexer is faster.\n\n* Changes in 1.9\n\nThe 1.9 release was about speed and nothing else at all, really.\n",
			want: []string{"para 3-3 Bug fixes ^0", "para 7-7 Changes in 1.9 ^5"},
		},
		{
			name: "plain text: a class's head over its block is code, no heading",
			doc:  "Intro text here, long enough to read as a paragraph of the file.\n\nclass Test\n{\n  public:\n};\n",
			want: []string{"para 0-0", "para 2-5"},
		},
		{
			name: "plain text: a short heading may end in a run-on word",
			doc:  "Intro text here, long enough to read as a paragraph of the file.\n\nWhat to look for\nThe notes follow here and run on for a while longer than the heading.\n",
			want: []string{"para 0-0", "para 3-3 What to look for ^2"},
		},
		{
			name:     "a paragraph ending in a URL, a code span or a parenthesis keeps apart from the list below",
			markdown: true,
			doc:      "It lives at https://example.org/foo\n\n- one\n- two\n\nGet going with `foo`\n\n- three\n",
			want:     []string{"para 0-0", "list 2-3 [2 3]", "para 5-5", "list 7-7 [7]"},
		},
		{
			name: "plain text: underlined and heading-like lines are headings, a rule parts",
			doc:  "Manual\n======\n\nIntro text here.\n\nUsage\nRun the tool with a file name and it will do what it does best.\n\n***\nLast words.\n",
			want: []string{"para 3-3 Manual ^0", "para 6-6 Usage ^5", "para 9-9 Usage"},
		},
		{
			name: "plain text: a short title underlined as long as itself is a heading, a shorter dash underline is not",
			doc:  "jq\n==\n\njq is a JSON processor.\n\nGo tools\n--\n",
			want: []string{"para 3-3 jq ^0", "para 5-6 jq"},
		},
		{
			name: "plain text: any run of = under a line that reads as a heading underlines it",
			doc:  "Introduction\n===\n\nD-Bus is a message bus.\n\nSecurity\n==\n\nReport vulnerabilities privately.\n",
			want: []string{"para 3-3 Introduction ^0", "para 8-8 Security ^5"},
		},
		{
			name: "plain text: a line of stars and a title alone is an outline heading; items set apart are a list",
			doc:  "Welcome to tmux!\n\n* Dependencies\n\nIt needs libevent.\n\n** On Linux\n\nUse apt.\n\n* License\n\nISC.\n\n* one\n\n* two\n\nOthers may work.\n",
			want: []string{"para 0-0", "para 4-4 Dependencies ^2", "para 8-8 Dependencies › On Linux ^6", "para 12-12 License ^10", "para 14-14 License", "para 16-16 License", "para 18-18 License"},
		},
		{
			name:     "a <details> block's summary titles what it hides, up to its end",
			markdown: true,
			doc: "# Lib\n\n## FAQ\n\n<details><summary>Should I commit my <code>.env</code> file?</summary><br>\n\nNo. Never.\n\n</details>\n" +
				"<details>\n<summary><b>Can I nest?</b></summary>\n\nYes.\n\n</details>\n\nAfter the entries.\n",
			want: []string{"para 6-6 FAQ › Should I commit my .env file? ^0", "para 12-12 FAQ › Can I nest? ^10", "para 16-16 FAQ"},
		},
		{
			name:     "a </details> right under its text ends the section; words after it on its line are text",
			markdown: true,
			doc:      "## FAQ\n\n<summary>Why X?</summary>\n\nBecause Y.\n</details>\n\nOutside text.\n\n</details> trailing words\n",
			want:     []string{"para 4-4 FAQ › Why X? ^0", "para 7-7 FAQ", "para 9-9 FAQ"},
		},
		{
			name: "plain text: GNU's NEWS, an outline of releases over their kinds of change",
			doc: "GNU diffutils NEWS    -*- outline -*-\n\n* Noteworthy changes in release 3.8 (2021-08-01) [stable]\n\n** Bug fixes\n\n  diff no longer crashes.\n\n" +
				"* Noteworthy changes in release 3.7 (2018-12-31) [stable]\n\n** Improvements\n\n  diff --color works.\n",
			want: []string{"para 0-0", "para 6-6 Noteworthy changes in release 3.8 (2021-08-01) [stable] › Bug fixes ^2",
				"para 12-12 Noteworthy changes in release 3.7 (2018-12-31) [stable] › Improvements ^8"},
		},
		{
			name: "plain text: a line naming a version over its changes is a heading",
			doc: "Changes in version 2.7.6:\n\n* Files are no longer checked.\n* Various fixes.\n\nVersion 2.7.5 (2015-03-07)\n\n* Links are followed.\n\n" +
				"v2.7.4 - 2014-11-02\n\n* Older.\n\n2.5 (approximately) is it\n\nEnd.\n",
			want: []string{"list 2-3 [2 3] Changes in version 2.7.6 ^0", "para 7-7 Version 2.7.5 (2015-03-07) ^5",
				"para 11-11 v2.7.4 - 2014-11-02 ^9", "para 15-15 2.5 (approximately) is it ^13"}, // a short line alone titles what follows
		},
		{
			name: "plain text: a Debian changelog's entries are sections, each signed off at its end",
			doc: "git (1:2.39.5-0+deb12u2) bookworm-security; urgency=medium\n\n  * Fix CVE-2024-52006.\n\n -- Salvatore <s@d.org>  Mon, 13 Jan 2025 10:00:00 +0100\n\n" +
				"git (1:2.39.5-0+deb12u1) bookworm-security; urgency=medium\n\n  * New upstream point release.\n\n -- Jonathan <j@d.org>  Tue, 15 Oct 2024 09:00:00 +0200\n",
			want: []string{"para 2-2 git 1:2.39.5-0+deb12u2 ^0", "para 4-4 git 1:2.39.5-0+deb12u2", "para 8-8 git 1:2.39.5-0+deb12u1 ^6", "para 10-10 git 1:2.39.5-0+deb12u1"},
		},
		{
			name: "plain text: a command indented past the text around it is shown, not a heading",
			doc:  "The configure script provides an option.\nUse\n\n        --disable-nls\n\nif you don't want messages.\n",
			want: []string{"para 0-1", "para 3-5"}, // the option stays with what follows it
		},
		{
			name: "plain text: an example block under a lead-in is no heading over its lines",
			doc:  "You can build GDB in any empty build directory:\n\n      mkdir build\n      cd build\n      ../gdb-VERSION/configure [etc...]\n      make all install\n\nThis configures and builds all the libraries.\n",
			want: []string{"para 0-5", "para 7-7"},
		},
		{
			name: "plain text: a centered title is a heading, however indented",
			doc:  "This licence is long enough to set how wide the text of this document is.\n\n                               Preamble\n\nThe licenses for most software are designed to take away your freedom.\n",
			want: []string{"para 0-0", "para 4-4 Preamble ^2"},
		},
		{
			name: "plain text: a banner's title between rules is a heading",
			doc:  "Some text.\n\n####\n    Installation\n####\n\nRun make.\n",
			want: []string{"para 0-0", "para 6-6 Installation"},
		},
		{
			name: "plain text: an outline's heading over prose as indented as itself",
			doc:  "Intro text.\n\n  Requirements\n  You need a C compiler and make to build it.\n",
			want: []string{"para 0-0", "para 3-3 Requirements ^2"},
		},
		{
			name: "plain text: a heading after a lead-in ending in a colon, not indented past it",
			doc:  "Changes in 1.2:\n\nBug fixes\nThe parser no longer crashes on empty files and the lexer is faster.\n",
			want: []string{"para 0-0", "para 3-3 Bug fixes ^2"},
		},
		{
			name: "plain text: columns are no heading",
			doc:  "Other files you might look into:\n\nCOPYING      - copying conditions\nDEPENDENCIES - list of prerequisite packages, to be installed first\n",
			want: []string{"para 0-3"},
		},
		{
			name: "plain text: a manual's option term stays with its description",
			doc:  "OPTIONS\n     -p port\n             Port to connect to on the remote host.\n\n     `--with-curses'\n             Use the curses library.\n",
			want: []string{"para 1-2 OPTIONS ^0", "para 4-5 OPTIONS"},
		},
		{
			name: "plain text: an option's term a blank line above its description stays with it",
			doc:  "OPTIONS\n\n-a\n\n    Print all.\n\n-b\n\n    Use the b mode.\n",
			want: []string{"para 2-4 OPTIONS ^0", "para 6-8 OPTIONS"},
		},
		{
			name: "plain text: options given together stay with the description they share",
			doc:  "Where sudo examples are installed.\n\n  --with-timeout=15\n  --with-passprompt=\"[sudo] password: \"\n\n\tAllow 15 minutes before a user has to type the password again.\n\n  --with-env-editor\n\n\tHonour the EDITOR variable.\n",
			want: []string{"para 0-0", "para 2-5", "para 7-9"},
		},
		{
			name: "plain text: options not over a more indented description are a paragraph of their own",
			doc:  "Examples:\n\n  --verbose\n  --quiet\n\nBoth print to standard error, one more and one less than the default level of detail.\n",
			want: []string{"para 0-3", "para 5-5"},
		},
		{
			name: "plain text: in a document of underlined sections, a term over its indented definition is no heading",
			doc:  "4.9. Build options\n==================\n\nThe meaning of these tags is standard:\n\n\"nocheck\"\n   This tag says not to run the test suite of the package.\n\n\"terse\"\n   This tag says to print less.\n\n4.10. Substitutions\n===================\n\nText.\n",
			want: []string{"para 3-6 4.9. Build options ^0", "para 8-9 4.9. Build options", "para 14-14 4.10. Substitutions ^11"},
		},
		{
			name: "plain text: in a document of underlined sections, words over an indented body still title a subsection",
			doc:  "Installation\n============\n\nRequirements\n   A C compiler and make.\n\nUsage\n=====\n\nRun it.\n",
			want: []string{"para 4-4 Requirements ^0", "para 9-9 Usage ^6"},
		},
		{
			name: "plain text: without underlined sections, a line over an indented body is a heading (a manual page's)",
			doc:  "NAME\n       tool - does things\n\nSYNOPSIS\n       tool [options]\n",
			want: []string{"para 1-1 NAME ^0", "para 4-4 SYNOPSIS ^3"},
		},
		{
			name: "plain text: dashes around a heading are no option",
			doc:  "Intro.\n\n-- Installation --\n\nRun make to install it, then run make check to test it.\n",
			want: []string{"para 0-0", "para 4-4 -- Installation -- ^2"},
		},
		{
			name: "plain text: columns on the first line are a title only as a manual's header",
			doc:  "COPYING      - copying conditions\nINSTALL      - how to install\n",
			want: []string{"para 0-1"},
		},
		{
			name: "plain text: lines starting items read as a list",
			doc:  "Steps\n1. unpack the archive file\n2. run the configure script\n",
			want: []string{"list 1-2 [1 2] Steps ^0"},
		},
		{
			name:     "long lines make a paragraph each",
			markdown: true,
			doc:      strings.Repeat("word ", 50) + "\n" + strings.Repeat("word ", 50) + "\n",
			want:     []string{"para 0-0", "para 1-1"},
		},
		{
			name: "plain text's numbered sections nest by their numbers, whatever their style",
			doc: "Constitution\n============\n\n4. The Developers\n\n4.1. Powers\n\nThey may vote.\n\n4.2. Procedure\n\nThey vote by mail.\n\n" +
				"5. The Leader\n-------------\n\n5.1. Powers\n\nThe Leader may appoint.\n",
			want: []string{"para 7-7 4. The Developers › 4.1. Powers ^0", "para 11-11 4. The Developers › 4.2. Procedure ^9", "para 18-18 5. The Leader › 5.1. Powers ^16"},
		},
		{
			name: "plain text: a setting alone on its line, or a line a paragraph announces, is shown, not a title",
			doc: "Docker on Debian\n================\n\nTo enable it, edit /etc/default/grub and extend the line like:\n\nGRUB_CMDLINE_LINUX_DEFAULT=\"cgroup_enable=memory\"\n\n" +
				"Then run update-grub.\n\nTo list them, run the following:\n\nls the group\n\nDone.\n",
			want: []string{"para 3-5 Docker on Debian ^0", "para 7-7 Docker on Debian", "para 9-11 Docker on Debian", "para 13-13 Docker on Debian"},
		},
		{
			name:     "a text of headings only gives its every line",
			markdown: true,
			doc:      "# One\n## Two\n",
			want:     []string{"para 0-0", "para 1-1"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, b := range Scan(c.doc, c.markdown).Blocks {
				got = append(got, describe(b))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestSplitLinesKeepsOffsetsAndIndent(t *testing.T) {
	got := SplitLines("  a b \n \tc\n\n")
	want := []Line{
		{Start: 2, End: 5, Text: "a b", Indent: 2},
		{Start: 9, End: 10, Text: "c", Indent: 4},
		{Start: 11, End: 11},
		{Start: 12, End: 12},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("lines %+v, want %+v", got, want)
	}
}

func TestMarkdownHeading(t *testing.T) {
	cases := []struct {
		line  string
		level int
		text  string
		ok    bool
	}{
		{"## Build ##", 2, "Build", true},
		{"### C# notes", 3, "C# notes", true},
		{"#\tTab", 1, "Tab", true},
		{"# **[Tool](http://x)** docs:", 1, "Tool docs", true},
		{"## Fail fast {#fail-fast}", 2, "Fail fast", true},
		{"## Ask before running {#confirmation-prompts}", 2, "Ask before running (confirmation prompts)", true},
		{"### Supply auth {#auth .note}", 3, "Supply auth", true},
		{"## Caching {#cache}", 2, "Caching", true},
		{"## Install {#install-1}", 2, "Install", true},
		{"## Sets {a, b}", 2, "Sets {a, b", true},
		{"#NoSpace", 0, "", false},
		{"####### seven", 0, "", false},
	}
	for _, c := range cases {
		t.Run(c.line, func(t *testing.T) {
			h, ok := markdownHeading(c.line)
			if ok != c.ok || h.level != c.level || h.text != c.text {
				t.Errorf("got %d %q %v, want %d %q %v", h.level, h.text, ok, c.level, c.text, c.ok)
			}
		})
	}
}

// TestVersionHeading: a line titles a version's changes when it names the
// version with "version", "release" or "changes", or gives a date after a
// bare version number; a number in prose does not.
func TestVersionHeading(t *testing.T) {
	for line, want := range map[string]bool{
		"Changes in version 2.7.5:":       true,
		"Version 1.2 (2020-01-01)":        true,
		"v2.1.0 - 2019-05-01":             true,
		"3.4 (Jan 5 2016)":                true,
		"2.5 (approximately) is it":       false,
		"1.5 - the best one of them":      false,
		"Changes in the build of the app": false,
	} {
		if got := versionHeading.MatchString(line); got != want {
			t.Errorf("versionHeading(%q) = %v, want %v", line, got, want)
		}
	}
}
