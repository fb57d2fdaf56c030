package structure

import (
	"strings"
	"testing"
)

// TestHeadingLikeLines: which plain-text lines read as headings after the
// rules for statements, outline items, addresses and numbering.
func TestHeadingLikeLines(t *testing.T) {
	for line, want := range map[string]bool{
		"This release fixes some bugs and adds a few new features": false,
		"adduser is developed on":                                  false,
		"** Fix build issues":                                      false,
		"Matthias Klose <doko@debian.org>":                         false,
		"2. What is new in version 2.0 of the library today":       true,
		"Systems that are known to work well with it":              true,
		"Migrating to react@18.2":                                  true,
		"Appendix A":                                               true,
		"What is new":                                              true,
		"try {":                                                    false,
		"Test::Test(const char *q)":                                false,
		"};":                                                       false,
		"Timeout -> broadcast":                                     false,
		"2.14. Why are client log records dropped?":                true,
		"3.5 How can I disable the Accept: */* header?":            true,
		"1.5: What's the latest version?":                          true,
		"2: Why are they dropped?":                                 true,
		"Q3: Can I use it in a closed source product?":             false,
		"Why are client log records dropped?":                      false,
		"2 Why are they dropped?":                                  false,
		"An individual Developer may":                              false,
		"Default: \"poll\"":                                        false,
		"Type: integer":                                            false,
		"Defaults and limits":                                      true,
		"What's new in May":                                        true,
		"A: You need a bash shell in your executable path":         false,
		"Answer: use the -L option":                                false,
		"A: Introduction":                                          true,
	} {
		if got := isHeadingLike(line); got != want {
			t.Errorf("isHeadingLike(%q) = %v, want %v", line, got, want)
		}
	}
}

// TestCleanTitleShortcutLinks: a shortcut reference link shows its text;
// an index, an escaped bracket and a code span keep theirs.
func TestCleanTitleShortcutLinks(t *testing.T) {
	for in, want := range map[string]string{
		"[4.4.0] - 2026-08-04":     "4.4.0 - 2026-08-04",
		"`arr[i]` indexing":        "arr[i] indexing",
		"foo[bar] syntax":          "foo[bar] syntax",
		`see \[literal\] brackets`: `see \[literal\] brackets`,
	} {
		if got := cleanTitle(in); got != want {
			t.Errorf("cleanTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCleanTitleKeepsNameSigns: a path's, an option's or a dotfile's
// leading sign is part of the heading; decoration around a title is not.
func TestCleanTitleKeepsNameSigns(t *testing.T) {
	for in, want := range map[string]string{
		"`/etc/mdns.allow`":              "/etc/mdns.allow",
		"`--force`":                      "--force",
		".npmrc":                         ".npmrc",
		"`@types/node`":                  "@types/node",
		"~/.config/app":                  "~/.config/app",
		"-- Installation --":             "Installation",
		"--Options--":                    "Options",
		"%APPDATA%":                      "APPDATA",
		"» Usage":                        "Usage",
		"* Features:":                    "Features",
		"``[include]`` Section Settings": "[include] Section Settings",
		"`[program:x]` Section Values":   "[program:x] Section Values",
		"`[server]`":                     "[server]",
		"[[Home]]":                       "Home",
	} {
		if got := cleanTitle(in); got != want {
			t.Errorf("cleanTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

// A line closing a bracket it did not open, or a bracketed kind of entry
// alone, is no heading; a heading numbered "1)" is.
func TestHeadingLikeBrackets(t *testing.T) {
	for s, want := range map[string]bool{
		"int flags)":                      false,
		"definitions, char * error_desc)": false,
		"[Function]":                      false,
		"1) Introduction":                 true,
		"a) Install the package":          true,
		"fs.watch(filename)":              true,
		"Usage (advanced)":                true,
	} {
		if got := isHeadingLike(s); got != want {
			t.Errorf("isHeadingLike(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestIsReleaseHeading(t *testing.T) {
	for h, want := range map[string]bool{
		"v3.24.0":                    true,
		"[1.2.0] - 2024-01-31":       true,
		"1.5.1 (2023-03-02)":         true,
		"Version 2.1":                true,
		"2.0.0rc3":                   true,
		"v1.0.0-beta.2":              true,
		"1.50.0-rc.1":                true,
		"2.1 Configuring the server": false,
		"Upgrading to version 3":     false,
		"What's Changed":             false,
		"v1.21.0 — October 21, 2026": true,
		"3.1.0 / 2017-09-26":         true,
		// The product's name before a dated or three-part release.
		"E2fsprogs 1.47.0 (February 5, 2023)": true,
		"Go 1.21.0":                           true,
		"Zutty 0.14 (2023-01-02)":             true,
		"Step 2.1.3":                          false,
		"Chapter 3.2 (2023)":                  false,
		"Python 3.11":                         false, // a guide's section, maybe
		"Install 2.1":                         false,
		"§ 4.2.1":                             false,
		"Node.js 20.0.0":                      true,
		"GTK+ 3.24.38":                        true,
		"Sec. 3.1.2":                          false,
		"Requirement 8.3.6":                   false,
		"Pip 2024.1":                          true, // a calendar release
	} {
		if got := IsReleaseHeading(h); got != want {
			t.Errorf("IsReleaseHeading(%q) = %v, want %v", h, got, want)
		}
	}
	// A release's parts, however decorated, by their words of change.
	for h, want := range map[string]bool{
		"⚠️ Breaking Changes & Deprecations": true,
		"🔒 Security Fixes":                   true,
		"Maintenance & Chores":               true,
		"Bug Fixes":                          true,
		"Security considerations":            false,
		"Installation":                       false,
	} {
		if got := releasePart(h); got != want {
			t.Errorf("releasePart(%q) = %v, want %v", h, got, want)
		}
	}
}

// TestDirectiveLines: a configuration file's directive, commented out or
// not, is no heading; a title in lower case is no directive.
func TestDirectiveLines(t *testing.T) {
	for line, want := range map[string]bool{
		"port 6379":           true,
		"bind 127.0.0.1 -::1": true,
		"! makestep 1.0 3":    true,
		"#leapsecmode slew":   true,
		"compress yes":        true,
		"getting started":     false,
		"Installation notes":  false,
		"weekly":              false,
		"package cache // import \"example.com/cache\"": false,
		"see the notes below.":                          false,
	} {
		if got := directive(line); got != want {
			t.Errorf("directive(%q) = %v, want %v", line, got, want)
		}
	}
}

// TestINISectionsHeadTheirSettings: an INI file's "[server]" over its
// settings or their comments heads them; a bracketed kind over prose does
// not.
func TestINISectionsHeadTheirSettings(t *testing.T) {
	d := Scan("[server]\n# The host to listen on.\nlisten_address = *:30344\n\n[relay]\nrelay_timeout = 30\n\n[Function]\nThis function frobs.\n", false)
	var sections []string
	for _, b := range d.Blocks {
		sections = append(sections, b.Section)
	}
	if want := "[server] | [relay] | [relay]"; strings.Join(sections, " | ") != want {
		t.Errorf("sections %q, want %q", strings.Join(sections, " | "), want)
	}
}

// A copyright line says who holds the copyright: a statement to quote, no
// heading over the licence below it; a section titled "Copyright" is one.
func TestCopyrightLineIsNoHeading(t *testing.T) {
	for s, want := range map[string]bool{
		"Copyright (c) 2014 Cenk Altı":                      false,
		"Copyright 2009-2022 The Go Authors":                false,
		"(C) 2020 Free Software Foundation":                 false,
		"© 2021 The Authors":                                false,
		"Copyright":                                         true,
		"Copyright and licence":                             true,
		"Copyright (c) Isaac Z. Schlueter and Contributors": false,
	} {
		if got := isHeadingLike(s); got != want {
			t.Errorf("isHeadingLike(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestSearchedSectionLeavesOutChangeCategories: under a release, "Fixed"
// and the like say what kind of change an entry is; elsewhere a heading
// "Fixes" is a section's title like any other.
func TestSearchedSectionLeavesOutChangeCategories(t *testing.T) {
	for in, want := range map[string]string{
		"Changelog › [v3.28.0] - 2026-09-02 › Fixed":       "Changelog › [v3.28.0] - 2026-09-02",
		"Changelog › v1.2.0 (2024-01-31) › 🐛 Bug Fixes":    "Changelog › v1.2.0 (2024-01-31)",
		"Changelog › [v3.28.0] - 2026-09-02 › Added › CLI": "Changelog › [v3.28.0] - 2026-09-02 › CLI",
		"Guide › Fixes":                  "Guide › Fixes",
		"Changelog › 2.1.0 › Deprecated": "Changelog › 2.1.0 › Deprecated",
		"Usage › Commands › fix":         "Usage › Commands › fix",
		"Changelog › 1.2.3 › Fix a leak": "Changelog › 1.2.3 › Fix a leak",
	} {
		if got := SearchedSection(in); got != want {
			t.Errorf("SearchedSection(%q) = %q, want %q", in, got, want)
		}
	}
}
