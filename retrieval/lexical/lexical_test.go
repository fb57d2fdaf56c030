package lexical_test

import (
	"fmt"
	"math"
	"path"
	"slices"
	"testing"

	"github.com/citebot/citebot/retrieval/corpus"
	"github.com/citebot/citebot/retrieval/lexical"
	"github.com/citebot/citebot/retrieval/retrievaltest"
	"github.com/citebot/citebot/retrieval/text"
)

func TestQuestionTermsReadTyposAndChatSpelling(t *testing.T) {
	lx := lexical.Build(corpus.Chunk(retrievaltest.SeedCorpus(t)).Passages)
	q := lx.Analyze("wat did teh IRS breif say abt fusion cels and the Pakistani Talbian?", "")
	got := map[string]string{}
	for _, term := range q.Terms {
		got[term.Word] = term.Stem
	}
	for w, stem := range map[string]string{"breif": "brief", "cels": "cell", "pakistani": "pakistan", "talbian": "taliban"} {
		if got[w] != stem {
			t.Errorf("%q read as %q, want %q", w, got[w], stem)
		}
	}
	for _, w := range []string{"wat", "teh", "abt"} {
		if _, ok := got[w]; ok {
			t.Errorf("%q counted as a question term", w)
		}
	}
}

// A follow-up keeps the conversation's subject unless it names its own.
func TestFollowUpKeepsTheSubject(t *testing.T) {
	var ps []corpus.Passage
	for i, name := range []string{"alpha", "beta", "gamma", "delta", "eps"} {
		ps = append(ps, corpus.Passage{ID: name, Text: name + " is released under the MIT license.",
			Locator: corpus.Locator{Source: name + "/README.md", Title: name, LineStart: 1, LineEnd: 1}})
		ps = append(ps, corpus.Passage{ID: name + "2", Text: "Run go get to install it, version " + string(rune('1'+i)) + ".",
			Locator: corpus.Locator{Source: name + "/README.md", Title: name, Section: "Install", LineStart: 3, LineEnd: 3}})
	}
	lx := lexical.Build(ps)
	names := func(q lexical.Query) []string {
		var out []string
		for _, term := range q.Terms {
			if term.Name {
				out = append(out, term.Word)
			}
		}
		return out
	}
	cases := []struct {
		name, question, subject, context string
		refersBack                       bool
		want                             []string
	}{
		{"alone", "what about its license?", "", "", true, nil},
		{"after a question naming the subject", "what about its license?", "", "how do i install beta", true, []string{"beta"}},
		{"naming its own", "and gamma?", "", "how do i install beta", false, []string{"gamma"}},
		{"a name of no documents keeps the documents' name", "can I use it with CommonJS?", "", "how do i install beta", true, []string{"commonjs", "beta"}},
		{"another name replaces names of no documents", "and in Sindh?", "", "how many died in Punjab", false, []string{"sindh"}},
		{"the subject is asked about", "can entries expire?", "beta", "", false, []string{"beta"}},
		{"the subject with a follow-up's context", "and its license?", "beta", "how do i install beta", true, []string{"beta"}},
		{"the subject gives way to other documents", "how do i install gamma?", "beta", "", false, []string{"gamma"}},
		{"and to another name", "how do I install GNU tools?", "beta", "", false, []string{"gnu"}},
		{"but not when the question refers back to it", "can it read gamma files?", "beta", "", true, []string{"gamma", "beta"}},
		{"what another is compared to is no subject", "does beta have a license like gamma", "", "", false, []string{"beta"}},
		{"unless it is all the question names", "is it licensed like gamma", "", "", false, []string{"gamma"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := names(lx.AnalyzeAbout(c.question, c.subject, c.context, c.refersBack)); !slices.Equal(got, c.want) {
				t.Errorf("names %v, want %v", got, c.want)
			}
		})
	}
	// The subject counts as if asked, not at a carried word's weight.
	q := lx.AnalyzeAbout("can entries expire?", "beta", "", false)
	plain := lx.Analyze("can entries expire? beta", "")
	if len(q.Terms) == 0 || len(plain.Terms) == 0 {
		t.Fatal("no terms")
	}
	last, want := q.Terms[len(q.Terms)-1], plain.Terms[len(plain.Terms)-1]
	if !last.Subject || !last.Context || last.Weight != want.Weight {
		t.Errorf("subject term %+v, want a subject at weight %.2f", last, want.Weight)
	}
}

// TestRealWordsAreNotMisspellings: a dictionary word the corpus lacks is
// not read as the corpus word one letter away ("empire" is not "expire"),
// though it may be read as a corpus word it extends ("pakistani"), not as
// the word an agent's ending extends ("timer" is no "time"); a
// misspelling still is corrected. A British spelling ("licence") needs no
// correcting: it stems as the corpus's American one.
func TestRealWordsAreNotMisspellings(t *testing.T) {
	ps := []corpus.Passage{
		{ID: "a", Text: "The cache entries expire after ten minutes in Pakistan.", Locator: corpus.Locator{Source: "a.md", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "Set the cache size with a flag; see the license.", Locator: corpus.Locator{Source: "b.md", LineStart: 1, LineEnd: 1}},
		{ID: "c", Text: "It keeps the time in sync with a sharp clock.", Locator: corpus.Locator{Source: "c.md", LineStart: 1, LineEnd: 1}},
	}
	lx := lexical.Build(ps)
	for _, c := range []struct{ word, want string }{
		{"empire", ""}, {"pakistani", "pakistan"}, {"exipre", "expire"}, {"enrties", "entries"}, {"timer", ""}, {"sharper", "sharp"},
	} {
		got, _ := lx.Correct(c.word)
		if got != c.want {
			t.Errorf("%q read as %q, want %q", c.word, got, c.want)
		}
	}
	q := lx.Analyze("what licence is it under", "")
	if len(q.Terms) != 1 || !q.Terms[0].Known || q.Terms[0].Corrected != "" {
		t.Errorf("licence read as %+v, want the corpus's license, uncorrected", q.Terms)
	}
}

// TestOnlySlipsAreCorrected: a word the corpus lacks is read as a corpus
// word only when fingers could have slipped from one to the other: a
// letter dropped, doubled or swapped, or struck for its neighbour on the
// keyboard, or a vowel of a name spelt from memory ("qaida"). Another
// name one letter away ("gorm" and GOARM, "semver" and server, "macos" and
// "matos", "systemd" and system) is asked of, not mistyped; a British
// spelling still reads as the corpus's American one, a word of a place as
// the place ("qatari"), a word as another of its root ("criticised") and
// an abbreviation of six letters or more as the word it starts ("backrefs").
func TestOnlySlipsAreCorrected(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "Build with GOARM=7 for the server; the process honored the window.", Locator: corpus.Locator{Source: "a.md", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "Windows cells of the system in matos, and a window.", Locator: corpus.Locator{Source: "b.md", LineStart: 1, LineEnd: 1}},
		{ID: "c", Text: "Qatar met criticism from al Qaeda; see gqlgen.yml.", Locator: corpus.Locator{Source: "c.md", LineStart: 1, LineEnd: 1}},
		{ID: "d", Text: "Backreferences need compatibility mode; compatible ones are named.", Locator: corpus.Locator{Source: "d.md", LineStart: 1, LineEnd: 1}},
	})
	for _, c := range []struct{ word, want string }{
		{"gorm", ""}, {"semver", ""}, {"macos", ""}, {"systemd", ""}, {"gqlgen.yaml", ""},
		{"proccess", "process"}, {"cels", "cells"}, {"windos", "windows"}, {"honoured", "honored"}, {"sysetm", "system"},
		{"qaida", "qaeda"}, {"qatari", "qatar"}, {"criticised", "criticism"},
		{"backrefs", "backreferences"}, {"backr", ""},
	} {
		if got, _ := lx.Correct(c.word); got != c.want {
			t.Errorf("%q read as %q, want %q", c.word, got, c.want)
		}
	}
}

// TestNoCorrectionOntoTheQuestionsOwnWord: an unknown word is not read as
// another word of the same question ("uyids" a slip from "UUIDs"):
// the question asks of something the corpus lacks, and keeps the word.
func TestNoCorrectionOntoTheQuestionsOwnWord(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "Generate UUIDs of version 4 with uuid.NewV4.", Locator: corpus.Locator{Source: "a.md", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "Parse a UUID from a string.", Locator: corpus.Locator{Source: "b.md", LineStart: 1, LineEnd: 1}},
	})
	if got, _ := lx.Correct("uyids"); got != "uuids" {
		t.Fatalf("uyids read as %q alone, want uuids (the case this test is about)", got)
	}
	q := lx.Analyze("can uuid generate uyids", "")
	var words []string
	for _, term := range q.Terms {
		words = append(words, term.Word)
		if term.Word == "uyids" && (term.Known || term.Corrected != "") {
			t.Errorf("uyids read as %+v, want an unknown word", term)
		}
	}
	if !slices.Contains(words, "uyids") {
		t.Errorf("terms %v, want uyids among them", words)
	}
	if q := lx.Analyze("generate uuids with this", ""); len(q.Terms) == 0 {
		t.Error("no terms")
	}
	if got := lx.Analyze("how to genrate ids", ""); !slices.ContainsFunc(got.Terms, func(t lexical.QueryTerm) bool { return t.Corrected == "generate" }) {
		t.Errorf("genrate: terms %+v, want it corrected to generate", got.Terms)
	}
}

// TestNamesOfCodeAreSearchedWhole: a name of code in a question finds the
// passage that writes it before one holding a longer name made of the same
// parts, at less than the weight of its parts; a name the corpus doesn't
// write is left to its parts.
func TestNamesOfCodeAreSearchedWhole(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "loc", Text: "ffi_prep_closure_loc is not deprecated on this platform.", Locator: corpus.Locator{Source: "a.md", LineStart: 1, LineEnd: 1}},
		{ID: "old", Text: "ffi_prep_closure is deprecated on this platform today.", Locator: corpus.Locator{Source: "a.md", LineStart: 3, LineEnd: 3}},
		{ID: "cif", Text: "ffi_prep_cif prepares a call interface.", Locator: corpus.Locator{Source: "a.md", LineStart: 5, LineEnd: 5}},
	})
	q := lx.Analyze("is ffi_prep_closure deprecated", "")
	ranked, _, _ := lx.Search(q, 3)
	if len(ranked) == 0 || ranked[0].P != 1 {
		t.Errorf("ranked %+v, want the passage naming ffi_prep_closure (1) first", ranked)
	}
	var whole, parts float64
	for _, term := range q.Terms {
		switch term.Word {
		case "ffi_prep_closure":
			whole = term.Weight
		case "ffi", "prep", "closure":
			parts += term.Weight
		}
	}
	if whole == 0 || whole >= parts {
		t.Errorf("terms %+v: want the whole name weighed, below its parts", q.Terms)
	}
	// A name in snake case the corpus lacks is what is asked, unknown: the
	// corpus doesn't document it. Another name of code it lacks is
	// searched by its parts alone.
	kept := false
	for _, term := range lx.Analyze("does ffi_prep_closure_var exist", "").Terms {
		kept = kept || term.Word == "ffi_prep_closure_var" && !term.Known
	}
	if !kept {
		t.Error("an unknown name in snake case is not an unknown term")
	}
	for _, term := range lx.Analyze("does os.Rooted exist", "").Terms {
		if term.Word == "os.rooted" {
			t.Errorf("unknown name of code kept as a term: %+v", term)
		}
	}
}

// termOf returns the term a question's word is read as, failing the test
// when the word is no term.
func termOf(t *testing.T, lx *lexical.Lexicon, question, word string) (lexical.QueryTerm, bool) {
	t.Helper()
	for _, term := range lx.Analyze(question, "").Terms {
		if term.Word == word {
			return term, true
		}
	}
	t.Errorf("%q: no term %q", question, word)
	return lexical.QueryTerm{}, false
}

// TestMisspeltEnglishNamesNothing: a misspelt English word the corpus
// lacks is read as the word when the corpus holds its stem, and then names
// nothing; one whose word the corpus lacks too may be a name ("rustls" is
// one letter from "rustles"), as any word that is no English word is.
func TestMisspeltEnglishNamesNothing(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "A realistic goal is to make attacks harder.", Locator: corpus.Locator{Source: "a.md", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "Border fences were built.", Locator: corpus.Locator{Source: "b.md", LineStart: 1, LineEnd: 1}},
	})
	for _, c := range []struct {
		question, word, corrected string
		name                      bool
	}{
		{"what can pakistan realisticaly achieve", "realisticaly", "realistically", false},
		{"who needs clearer rules of engagment", "engagment", "", true},
		{"default expiration in ristretto", "ristretto", "", true},
	} {
		if term, ok := termOf(t, lx, c.question, c.word); ok && (term.Corrected != c.corrected || term.Name != c.name) {
			t.Errorf("%q: %q read as %q, name %v; want %q, name %v", c.question, c.word, term.Corrected, term.Name, c.corrected, c.name)
		}
	}
}

// TestPhrasingNamesNothing: a word joined by a hyphen that is English
// phrasing names nothing when the corpus never writes it ("even-handed");
// one the corpus writes may ("multi-threaded"), and a project's joined
// name stays one whether the corpus writes it or not.
func TestPhrasingNamesNothing(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "Doha has been handed the talks; even so, nothing changed.", Locator: corpus.Locator{Source: "a.md", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "The server is multi-threaded.", Locator: corpus.Locator{Source: "b.md", LineStart: 1, LineEnd: 1}},
	})
	if got := lx.Phrasings("has doha been even-handed, is it multi-threaded, does node-fetch work"); len(got) != 1 || got[0] != "even-handed" {
		t.Errorf("Phrasings = %q, want [even-handed]", got)
	}
	for _, c := range []struct {
		question, word string
		name           bool
	}{
		{"has doha been even-handed in the talks", "handed", false},
		{"is the server multi-threaded", "threaded", true},
		{"does node-fetch follow redirects", "fetch", true},
	} {
		if term, ok := termOf(t, lx, c.question, c.word); ok && term.Name != c.name {
			t.Errorf("%q: %q names the subject: %v, want %v", c.question, c.word, term.Name, c.name)
		}
	}
}

// TestSettingPartsNameNoProject: the parts of a setting's name
// (XDG_CONFIG_HOME) name no project whose folder one of them names; the
// project the question names beside it still does.
func TestSettingPartsNameNoProject(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "The xdg-open tool opens a file.", Locator: corpus.Locator{Source: "xdg/README", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "The lesskey file is read from XDG_CONFIG_HOME.", Locator: corpus.Locator{Source: "lesskey/NEWS", LineStart: 1, LineEnd: 1}},
		{ID: "c", Text: "Other text about pagers.", Locator: corpus.Locator{Source: "more/NEWS", LineStart: 1, LineEnd: 1}},
		{ID: "d", Text: "Still more text.", Locator: corpus.Locator{Source: "pg/NEWS", LineStart: 1, LineEnd: 1}},
	})
	q := "where does lesskey look if XDG_CONFIG_HOME is set"
	if term, ok := termOf(t, lx, q, "xdg"); ok && (term.Documents || term.Name) {
		t.Errorf("%q: xdg names documents %v, names the subject %v", q, term.Documents, term.Name)
	}
	if term, ok := termOf(t, lx, q, "lesskey"); ok && !term.Documents {
		t.Errorf("%q: lesskey names no documents", q)
	}
	if term, ok := termOf(t, lx, "what does xdg do", "xdg"); ok && !term.Documents {
		t.Error("xdg alone names no documents")
	}
}

// TestOwnerNameIsNoSubject: a word the corpus has only in paths (an
// owner's, "caarlos0" of "github.com/caarlos0/env") is no name a passage
// must hold, and weighs little; a word also in the text stays a name.
func TestOwnerNameIsNoSubject(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "Install it:\n\n    go get github.com/caarlos0/env/v11", Locator: corpus.Locator{Source: "env/README.md", LineStart: 1, LineEnd: 3}},
		{ID: "b", Text: "Set envSeparator to change the slice separator.", Locator: corpus.Locator{Source: "env/README.md", LineStart: 5, LineEnd: 5}},
		{ID: "c", Text: "Thanks to mattn2 for the Windows port, see github.com/mattn2/port.", Locator: corpus.Locator{Source: "x/README.md", LineStart: 1, LineEnd: 1}},
		{ID: "d", Text: "It installs /usr/bin/gmake2/ too.", Locator: corpus.Locator{Source: "y/README.md", LineStart: 1, LineEnd: 1}},
	})
	if lx.InPathsOnly("gmake2", "gmake2") {
		t.Error("a file's path read as naming an owner")
	}
	if !lx.InPathsOnly("caarlos0", "caarlos0") {
		t.Error("an owner in a module path not read as one")
	}
	for _, c := range []struct {
		question, word string
		name           bool
	}{
		{"how do i change the slice separator in caarlos0 env", "caarlos0", false},
		{"what did mattn2 do", "mattn2", true},
	} {
		if term, ok := termOf(t, lx, c.question, c.word); ok && term.Name != c.name {
			t.Errorf("%q: %q names the subject: %v, want %v", c.question, c.word, term.Name, c.name)
		}
	}
	if lx.InPathsOnly("v11", "v11") {
		t.Error("a path's last part read as an owner's name")
	}
}

// TestOwnerOfOneFolder: an owner the corpus names in one folder's links
// and module paths ("avast" only in link targets, which no text holds;
// "sethvargo" also in a benchmark's label) names that folder's project: a
// known word, no name a passage must hold, light; not an owner two
// folders' links name, nor a word the texts use as English.
func TestOwnerOfOneFolder(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "See [examples](https://github.com/avast/retry-go/tree/master/examples).", Locator: corpus.Locator{Source: "retry-go/README.md", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "Log each retry with OnRetry.", Locator: corpus.Locator{Source: "retry-go/README.md", LineStart: 3, LineEnd: 3}},
		{ID: "c", Text: "import \"github.com/sethvargo/go-retry\"\n\nBenchmark/sethvargo-7 5.73 ns/op", Locator: corpus.Locator{Source: "go-retry/README.md", LineStart: 1, LineEnd: 3}},
		{ID: "d", Text: "Forked from https://github.com/shared/one and the office is open.", Locator: corpus.Locator{Source: "one/README.md", LineStart: 1, LineEnd: 1}},
		{ID: "e", Text: "Thanks to https://gitlab.com/shared/two and https://example.org/office/two and https://example.org/my/two.", Locator: corpus.Locator{Source: "two/README.md", LineStart: 1, LineEnd: 1}},
		{ID: "f", Text: "Tested with [testify](https://github.com/stretchr/testify); sponsor us at https://github.com/sponsors/retry-go.", Locator: corpus.Locator{Source: "retry-go/README.md", LineStart: 5, LineEnd: 5}},
	})
	for _, c := range []struct {
		word, folder string
		ok           bool
	}{
		{"avast", "retry-go", true},
		{"sethvargo", "go-retry", true},
		{"shared", "", false},   // two folders' links
		{"office", "", false},   // an English word the texts use
		{"my", "", false},       // a stop word
		{"stretchr", "", false}, // the owner of another project the folder links to
		{"sponsors", "", false}, // a site's section
		{"examples", "", false}, // after the owner, no owner
		{"retry-go", "", false}, // a project's own name
	} {
		if f, ok := lx.OwnerOf(c.word); f != c.folder || ok != c.ok {
			t.Errorf("OwnerOf(%q) = %q, %v; want %q, %v", c.word, f, ok, c.folder, c.ok)
		}
	}
	term, ok := termOf(t, lx, "log each attempt with avast retry", "avast")
	if ok && (!term.Known || term.Name || term.Corrected != "") {
		t.Errorf("avast: %+v; want a known word, no name, not corrected", term)
	}
	if rare, ok := termOf(t, lx, "what is zzqx", "zzqx"); ok && term.Weight >= rare.Weight/2 {
		t.Errorf("an owner's name weighs %.2f against an unknown word's %.2f", term.Weight, rare.Weight)
	}
}

// TestBareMajorVersion: a whole number after a name of the corpus's
// documents or a runtime's is read as the major release its notes write
// ("uuid 9" as "9.0.0", "node 10" as "v10"), besides the number when the
// corpus has the number alone too.
func TestBareMajorVersion(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "Use native crypto.", Locator: corpus.Locator{Source: "uuid/CHANGELOG.md", Title: "uuid", Section: "9.0.0 (2022-09-05)", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "Drop support for Node v10.", Locator: corpus.Locator{Source: "dotenv/CHANGELOG.md", Title: "dotenv", LineStart: 1, LineEnd: 1}},
		{ID: "c", Text: "It has 10 options.", Locator: corpus.Locator{Source: "x/README.md", Title: "x", LineStart: 1, LineEnd: 1}},
	})
	if term, ok := termOf(t, lx, "whats new in uuid 9", "9"); ok && term.Stem != "v9" {
		t.Errorf("uuid 9: %+v, want it read as v9", term)
	}
	q := lx.Analyze("did dotenv drop node 10", "")
	var stems []string
	for _, term := range q.Terms {
		stems = append(stems, term.Stem)
	}
	if !slices.Contains(stems, "10") || !slices.Contains(stems, "v10") {
		t.Errorf("node 10: terms %v, want both 10 and v10", stems)
	}
	if term, ok := termOf(t, lx, "has 10 options", "10"); ok && term.Stem != "10" {
		t.Errorf("a number after no name read as a version: %+v", term)
	}
}

// TestNumbersNameNoDocument: a number in headings or paths ("2022-10-10")
// does not make the same number in a question a name of its subject.
func TestNumbersNameNoDocument(t *testing.T) {
	var ps []corpus.Passage
	for i, title := range []string{"Changes in 2.2.24 (2022-10-10)", "Tool 10", "Guide", "Manual", "Notes", "Intro", "Usage", "Setup", "Help", "About"} {
		ps = append(ps, corpus.Passage{ID: string(rune('a' + i)), Text: "Fix printing on Windows.",
			Locator: corpus.Locator{Source: string(rune('a'+i)) + ".md", Title: title, LineStart: 1, LineEnd: 1}})
	}
	lx := lexical.Build(ps)
	for _, term := range lx.Analyze("how do i upgrade from windows 10 to windows 11", "").Terms {
		if term.Word == "10" && term.Name {
			t.Errorf("%q names the subject", term.Word)
		}
	}
}

// TestFolderNamesDocuments: a frequent English word names documents when a
// folder of the corpus is named by it alone ("less/NEWS", GNU less's), not
// when it is part of a folder's name ("x-time") or only in a title.
func TestFolderNamesDocuments(t *testing.T) {
	var ps []corpus.Passage
	for i, src := range []string{"less/NEWS", "x-time/README.md", "notes/guide.md", "a/b.md", "c/d.md", "e/f.md", "g/h.md", "i/j.md", "k/l.md", "m/n.md"} {
		title := "Notes " + string(rune('a'+i))
		if i == 2 {
			title = "Less time, more work"
		}
		ps = append(ps, corpus.Passage{ID: src, Text: "Released under the GNU General Public License.",
			Locator: corpus.Locator{Source: src, Title: title, LineStart: 1, LineEnd: 1}})
	}
	lx := lexical.Build(ps)
	for _, c := range []struct {
		question, word string
		names          bool
	}{
		{"what license is less under", "less", true},
		{"what license is x time under", "time", false},
		{"how do i get work done in less time", "time", false},
	} {
		if term, ok := termOf(t, lx, c.question, c.word); ok && term.Documents != c.names {
			t.Errorf("%q in %q: names documents %v, want %v", c.word, c.question, term.Documents, c.names)
		}
	}
}

// TestCamelCasePartNamesNoDocuments: an English word that a path writes
// only as a camel-case part ("cell" of "iPythonCell.7.txt") names no
// documents; written whole between separators ("cell-types.md") it does.
func TestCamelCasePartNamesNoDocuments(t *testing.T) {
	var ps []corpus.Passage
	for i, src := range []string{"man/lang-iPythonCell.7.txt", "docs/cell-types.md", "a/b.md", "c/d.md", "e/f.md", "g/h.md", "i/j.md", "k/l.md", "m/n.md", "o/p.md"} {
		ps = append(ps, corpus.Passage{ID: src, Text: "Fusion cells combine intelligence and police work.",
			Locator: corpus.Locator{Source: src, Title: "Notes " + string(rune('a'+i)), LineStart: 1, LineEnd: 1}})
	}
	for _, c := range []struct {
		sources     []string
		word        string
		namesByPath bool
	}{
		{[]string{"man/lang-iPythonCell.7.txt"}, "cells", false},
		{[]string{"man/lang-iPythonCell.7.txt", "docs/cell-types.md"}, "cells", true},
	} {
		var corpusPs []corpus.Passage
		for _, p := range ps {
			if p.Source == "docs/cell-types.md" && len(c.sources) == 1 {
				continue
			}
			corpusPs = append(corpusPs, p)
		}
		lx := lexical.Build(corpusPs)
		if term, ok := termOf(t, lx, "what do fusion cells need to work", c.word); ok && term.Documents != c.namesByPath {
			t.Errorf("%q over %v: names documents %v, want %v", c.word, c.sources, term.Documents, c.namesByPath)
		}
	}
}

// TestCommonFolderWordNeedsItsDocuments: a frequent English word naming a
// folder ("help/", "make/") is the question's subject when those documents
// hold the question's most specific other word, or where a question names
// what it asks about, not elsewhere when they never say it ("rules help
// keep militants out" is no question about GnuPG's help).
func TestCommonFolderWordNeedsItsDocuments(t *testing.T) {
	texts := map[string]string{
		"help/help.txt":   "Ownertrust says how far you trust a key's owner to sign other keys.",
		"make/NEWS":       "Make now reads makefiles written in UTF-8 and keeps going after errors.",
		"border/guide.md": "Fences and rules keep militants from crossing the border.",
		"task/README.md":  "Task runs the tasks a Taskfile lists.",
	}
	var ps []corpus.Passage
	for _, src := range []string{"help/help.txt", "make/NEWS", "border/guide.md", "task/README.md", "a/b.md", "c/d.md", "e/f.md", "g/h.md", "i/j.md", "k/l.md", "m/n.md"} {
		text, ok := texts[src]
		if !ok {
			text = "Released under the GNU General Public License."
		}
		ps = append(ps, corpus.Passage{ID: src, Text: text,
			Locator: corpus.Locator{Source: src, Title: "Notes of " + src, LineStart: 1, LineEnd: 1}})
	}
	lx := lexical.Build(ps)
	for _, c := range []struct {
		question, word string
		names          bool
	}{
		{"what rules help keep militants out", "help", false},
		{"what does help say about ownertrust", "help", true},
		{"can make read utf-8 makefiles", "make", true},
		{"what could make the border fences fail", "make", false},
		// Where a question names what it asks about, the word names it
		// though its documents never say the rest: a near-miss.
		{"can task import targets from a makefile", "task", true},
		{"how do i import a makefile with task", "task", true},
		{"is there a task to import makefile targets", "task", false},
	} {
		term, ok := termOf(t, lx, c.question, c.word)
		if !ok {
			t.Fatalf("%q: no term %q", c.question, c.word)
		}
		if term.Documents != c.names || term.Name != c.names {
			t.Errorf("%q in %q: names documents %v (name %v), want %v", c.word, c.question, term.Documents, term.Name, c.names)
		}
	}
}

// TestShortFormNamesItsFolder: a question's word that starts the name of
// one folder ("postgres" of "postgresql/") names that folder's documents,
// though a text holds the word itself; an English word, a word starting
// two folders' names, or one far shorter, does not.
func TestShortFormNamesItsFolder(t *testing.T) {
	var ps []corpus.Passage
	for i, src := range []string{"postgresql/config.html", "syslog/notes.md", "redis/README.md", "mongodb/a.md", "mongodbx/b.md", "kubernetes/c.md", "a/b.md", "c/d.md", "e/f.md", "g/h.md"} {
		ps = append(ps, corpus.Passage{ID: src, Text: "The program name is postgres by default; kube ports and mongo hosts.",
			Locator: corpus.Locator{Source: src, Title: "Notes " + string(rune('a'+i)), LineStart: 1, LineEnd: 1}})
	}
	lx := lexical.Build(ps)
	for _, c := range []struct {
		question, word, read string
	}{
		{"postgres default port", "postgres", "postgresql"},
		{"mongo default port", "mongo", ""},
		{"kube default port", "kube", ""},
		{"redis default port", "redis", ""},
	} {
		found := false
		for _, term := range lx.Analyze(c.question, "").Terms {
			if term.Word != c.word {
				continue
			}
			found = true
			if term.Corrected != c.read || c.read != "" && !term.Documents {
				t.Errorf("%q in %q: read as %q (names documents %v), want %q naming them", c.word, c.question, term.Corrected, term.Documents, c.read)
			}
		}
		if !found {
			t.Errorf("%q in %q: no term", c.word, c.question)
		}
	}
}

// TestEnglishWordsNameDocumentsByPathOrTitleHead: an English word names
// documents when it is in their paths or first in their titles ("cobra"),
// not when only a title further on holds it ("international" of a
// licence's title).
func TestEnglishWordsNameDocumentsByPathOrTitleHead(t *testing.T) {
	var ps []corpus.Passage
	for i, c := range []struct{ src, title string }{
		{"cobra/README.md", "Cobra"},
		{"licence/cc.txt", "Creative Commons Attribution 4.0 International"},
		{"a/b.md", "Notes a"}, {"c/d.md", "Notes c"}, {"e/f.md", "Notes e"}, {"g/h.md", "Notes g"},
		{"i/j.md", "Notes i"}, {"k/l.md", "Notes k"}, {"m/n.md", "Notes m"}, {"o/p.md", "Notes o"},
	} {
		ps = append(ps, corpus.Passage{ID: string(rune('a' + i)), Text: "Share the evidence with partners.",
			Locator: corpus.Locator{Source: c.src, Title: c.title, LineStart: 1, LineEnd: 1}})
	}
	lx := lexical.Build(ps)
	for word, want := range map[string]bool{"cobra": true, "international": false, "creative": true} {
		found := false
		for _, term := range lx.Analyze("what about "+word+" evidence", "").Terms {
			if term.Word == word {
				found = true
				if term.Documents != want {
					t.Errorf("%q names documents: %v, want %v", word, term.Documents, want)
				}
			}
		}
		if !found {
			t.Errorf("%q: not a term", word)
		}
	}
}

// TestUnknownNonWordsNameTheSubject: a word the corpus lacks that is no
// English word and no misspelling of a corpus word names something
// ("ristretto"), which a passage must hold to answer; an English word the
// corpus lacks ("expiration") or a misspelling ("cahce") names nothing.
func TestUnknownNonWordsNameTheSubject(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "The cache entries expire after ten minutes by default.", Locator: corpus.Locator{Source: "go-cache/README.md", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "Set the cache size with a flag.", Locator: corpus.Locator{Source: "b.md", LineStart: 1, LineEnd: 1}},
	})
	want := map[string]bool{"ristretto": true, "expiration": false, "cahce": false}
	for _, term := range lx.Analyze("default expiration of the cahce in ristretto", "").Terms {
		if w, ok := want[term.Word]; ok && term.Name != w {
			t.Errorf("%q: Name %v, want %v (%+v)", term.Word, term.Name, w, term)
		}
		delete(want, term.Word)
	}
	if len(want) > 0 {
		t.Errorf("words not searched: %v", want)
	}
}

// TestUnknownWordOfANamedDocumentNamesNothing: a question that names one of
// the corpus's documents asks about it; a word the corpus lacks ("yaml")
// is then no name a passage must hold.
func TestUnknownWordOfANamedDocumentNamesNothing(t *testing.T) {
	var ps []corpus.Passage
	for i, src := range []string{"envconfig/README.md", "a.md", "b.md", "c.md", "d.md"} {
		ps = append(ps, corpus.Passage{ID: string(rune('a' + i)), Text: "Values are read from the environment.",
			Locator: corpus.Locator{Source: src, LineStart: 1, LineEnd: 1}})
	}
	lx := lexical.Build(ps)
	for _, term := range lx.Analyze("does envconfig read yaml", "").Terms {
		if want := term.Word == "envconfig"; term.Name != want {
			t.Errorf("%q: Name %v, want %v", term.Word, term.Name, want)
		}
	}
}

// TestLongDocumentNamesItself: a document holding most of a corpus's
// passages still names itself when it is one of few documents (rsync's
// NEWS: a third of the passages, one document of thirteen); a word in the
// paths of most documents names none.
func TestLongDocumentNamesItself(t *testing.T) {
	var ps []corpus.Passage
	add := func(src string, n int) {
		for i := range n {
			ps = append(ps, corpus.Passage{ID: fmt.Sprint(src, i), Text: fmt.Sprint("Entry ", i, " of the notes."),
				Locator: corpus.Locator{Source: src, Title: path.Dir(src) + " notes", LineStart: i + 1, LineEnd: i + 1}})
		}
	}
	add("rsync/NEWS.md", 40)
	for _, p := range []string{"curl", "wget", "httpie", "aria", "lftp", "ncftp", "axel"} {
		add(p+"/docs/guide.md", 3)
	}
	lx := lexical.Build(ps)
	for _, c := range []struct {
		word  string
		names bool
	}{{"rsync", true}, {"curl", true}, {"docs", false}} {
		found := false
		for _, term := range lx.Analyze("when was "+c.word+" 4.0 released", "").Terms {
			if term.Word == c.word {
				found = true
				if term.Documents != c.names {
					t.Errorf("%q: names documents %v, want %v", c.word, term.Documents, c.names)
				}
			}
		}
		if !found {
			t.Errorf("%q: not a term", c.word)
		}
	}
}

// TestCompoundsSplit: a question's word the corpus lacks reads as the two
// words the corpus joins by a hyphen ("multithreaded" of
// "multi-threaded"); a word the corpus holds, one it misspells, or one
// that only starts and ends as two of its words do ("sourcemap" of
// "source map") stays whole.
func TestCompoundsSplit(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "The client is multi-threaded and keeps a source map of each request.", Locator: corpus.Locator{Source: "a.md", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "Notifications are queued; the requests are retried.", Locator: corpus.Locator{Source: "b.md", LineStart: 1, LineEnd: 1}},
	})
	for q, want := range map[string][]string{
		"is the client multithreaded":  {"client", "multi", "threaded"},
		"does it write a sourcemap":    {"write", "sourcemap"},
		"are notifications queued":     {"notifications", "queued"},
		"are notificatons queued":      {"notificatons", "queued"}, // a misspelling, corrected whole
		"is the client multithreadedx": {"client", "multithreadedx"},
	} {
		if got := termWords(lx, q); !slices.Equal(got, want) {
			t.Errorf("%q: terms %q, want %q", q, got, want)
		}
	}
}

// TestUnknownWordJoinsItsNeighbour: two question words, one of which the
// corpus lacks, read as the one word the corpus writes ("dry run" of
// "-dryrun"), the known one kept; two words it knows stay apart, whatever
// it also writes, and so do words apart by more than a space, or two names.
func TestUnknownWordJoinsItsNeighbour(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "Pass -dryrun to see what would run. The database runs nightly.", Locator: corpus.Locator{Source: "a.md", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "The data sits on a base of disks; John Smith keeps it. Log in as johndoe.", Locator: corpus.Locator{Source: "b.md", LineStart: 1, LineEnd: 1}},
	})
	for q, want := range map[string][]string{
		"how to do a dry run":            {"dryrun", "run"},
		"where does the data base live":  {"data", "base", "live"}, // both known: apart
		"is it dry, run or wet":          {"dry", "run", "wet"},
		"which parts does John Doe keep": {"parts", "john", "doe", "keep"},
	} {
		if got := termWords(lx, q); !slices.Equal(got, want) {
			t.Errorf("%q: terms %q, want %q", q, got, want)
		}
	}
}

// TestAnswerKindWordSearchedWhereItIsTheTopic: "how long" asks for a
// duration, its "long" no word to search; the "long" of "long options" is.
func TestAnswerKindWordSearchedWhereItIsTheTopic(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "Long options may be abbreviated; short options are one letter.", Locator: corpus.Locator{Source: "a.md", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "The build takes an hour.", Locator: corpus.Locator{Source: "b.md", LineStart: 1, LineEnd: 1}},
	})
	for q, want := range map[string][]string{
		"how long can long options be": {"long", "options"},
		"how long does the build take": {"build", "take"},
	} {
		if got := termWords(lx, q); !slices.Equal(got, want) {
			t.Errorf("%q: terms %q, want %q", q, got, want)
		}
	}
}

// TestVersionedNamesSplit: a question's name with its version glued on,
// which the corpus lacks ("gplv2", "lgpl2.1"), reads as the name and the
// version the corpus writes apart ("GPL-2"), the word itself kept when
// the corpus never joins them; a word the corpus holds ("utf8"), one whose
// name part it lacks, or is short ("ipv6"), stays whole.
func TestVersionedNamesSplit(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "Licensed under the GPL-2 and the LGPL-2.1; text is read as UTF-8 over IP.", Locator: corpus.Locator{Source: "a.md", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "The Apache License applies to the rest.", Locator: corpus.Locator{Source: "b.md", LineStart: 1, LineEnd: 1}},
	})
	for q, want := range map[string][]string{
		"gplv2 terms":         {"gpl", "2", "gpl2", "terms"},
		"is lgpl2.1 required": {"lgpl", "2.1", "required"}, // a name of code the corpus lacks: searched by its parts
		"gplv3 terms":         {"gplv3", "terms"},          // a release the corpus never writes
		"does it do ipv6":     {"ipv6"},
		"utf8 only":           {"utf8"},
		"zzzv2 terms":         {"zzzv2", "terms"},
	} {
		if got := termWords(lx, q); !slices.Equal(got, want) {
			t.Errorf("%q: terms %q, want %q", q, got, want)
		}
	}
}

// termWords returns the words of a question's terms, in order.
func termWords(lx *lexical.Lexicon, q string) []string {
	var got []string
	for _, term := range lx.Analyze(q, "").Terms {
		got = append(got, term.Word)
	}
	return got
}

// TestScoreIsSearchsScore: one passage scored alone gets the score and
// the terms Search gives it.
func TestScoreIsSearchsScore(t *testing.T) {
	var ps []corpus.Passage
	for i, text := range []string{"Bees make honey from nectar.", "Wasps make no honey.", "Honey keeps for years in a jar."} {
		ps = append(ps, corpus.Passage{ID: string(rune('a' + i)), Text: text, Locator: corpus.Locator{Source: "bees.md", Title: "Honey", Section: "Making honey", LineStart: i + 1, LineEnd: i + 1}})
	}
	lx := lexical.Build(ps)
	q := lx.Analyze("do bees make honey", "")
	ranked, matched, _ := lx.Search(q, 10)
	if len(ranked) == 0 {
		t.Fatal("nothing found")
	}
	for _, r := range ranked {
		score, m := lx.Score(q, r.P)
		if math.Abs(score-r.Score) > 1e-9 || m != matched(r.P) {
			t.Errorf("passage %d: Score %v %+v, Search %v %+v", r.P, score, m, r.Score, matched(r.P))
		}
	}
}

// TestLocalWeights: within one document, a word every passage holds (its
// topic, rare in the corpus) weighs next to nothing; one word a single
// passage holds keeps a weight.
func TestLocalWeights(t *testing.T) {
	var ps []corpus.Passage
	add := func(src, text string) {
		ps = append(ps, corpus.Passage{ID: fmt.Sprint(len(ps)), Text: text, Locator: corpus.Locator{Source: src, LineStart: len(ps) + 1, LineEnd: len(ps) + 1}})
	}
	add("seed.md", "The Taliban host militants near the border.")
	add("seed.md", "The Taliban deny it; attacks rose in 2021.")
	add("seed.md", "The Taliban taxed imports.")
	for i := range 20 {
		add(fmt.Sprintf("news%d.md", i), fmt.Sprintf("Release %d fixes a crash in 2021 builds.", i))
	}
	lx := lexical.Build(ps)
	q := lx.Analyze("taliban attacks in 2021", "")
	local := lx.Local(q, 0, 3)
	w := func(q lexical.Query, word string) float64 {
		for _, t := range q.Terms {
			if t.Word == word {
				return t.Weight
			}
		}
		t.Fatalf("no term %q", word)
		return 0
	}
	if g, l := w(q, "taliban"), w(local, "taliban"); !(l < 0.2*g) {
		t.Errorf("taliban: local weight %.2f of global %.2f, want next to nothing", l, g)
	}
	if l, lt := w(local, "2021"), w(local, "taliban"); !(l > 3*lt) {
		t.Errorf("2021 weighs %.2f locally, taliban %.2f: want the word one passage holds to count", l, lt)
	}
	if w(q, "taliban") <= w(q, "2021") {
		t.Errorf("corpus weights: taliban %.2f, 2021 %.2f: want the topic rarer", w(q, "taliban"), w(q, "2021"))
	}
}

// TestPageFileNameIsNoSourceWord: a file that stands for its folder's page
// ("_index.md", "index.html", "README.md") lends its name to no passage's
// source field; its folder still names it, and another file its own name.
func TestPageFileNameIsNoSourceWord(t *testing.T) {
	var ps []corpus.Passage
	for i, src := range []string{"completions/_index.md", "docs/index.html", "rules/no-useless-path-segments.md", "a/b.md", "c/d.md"} {
		ps = append(ps, corpus.Passage{ID: src, Text: "Some text.", Locator: corpus.Locator{Source: src, LineStart: i + 1, LineEnd: i + 1}})
	}
	lx := lexical.Build(ps)
	ranked, _, _ := lx.Search(lx.Analyze("index", ""), 10)
	if len(ranked) != 0 {
		t.Errorf("%q matches %d passages by their file names", "index", len(ranked))
	}
	if ranked, _, _ := lx.Search(lx.Analyze("completions", ""), 10); len(ranked) != 1 {
		t.Errorf("the folder of _index.md names %d passages, want 1", len(ranked))
	}
	if ranked, _, _ := lx.Search(lx.Analyze("segments", ""), 10); len(ranked) != 1 {
		t.Errorf("a file's own name names %d passages, want 1", len(ranked))
	}
}

// TestHedgesWeighLittle: a word that qualifies the asking ("exactly",
// "roughly") weighs far less than the words of what is asked, even where
// the corpus writes it.
func TestHedgesWeighLittle(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "OpenSSL is a robust, full-featured toolkit for TLS.", Locator: corpus.Locator{Source: "openssl/README.md", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "The key is written exactly as it was read.", Locator: corpus.Locator{Source: "openssl/keys.txt", LineStart: 1, LineEnd: 1}},
		{ID: "c", Text: "Toolkits vary; a toolkit is roughly a library.", Locator: corpus.Locator{Source: "other/README.md", LineStart: 1, LineEnd: 1}},
	})
	hedge, ok := termOf(t, lx, "what is the toolkit exactly", "exactly")
	word, ok2 := termOf(t, lx, "what is the toolkit exactly", "toolkit")
	if !ok || !ok2 {
		t.Fatal("terms not searched")
	}
	if hedge.Weight >= word.Weight/2 {
		t.Errorf("exactly weighs %.2f against toolkit's %.2f", hedge.Weight, word.Weight)
	}
}

// TestSpreadCountsPassagesByShare: the search counts the passages holding
// each share of the query's weight, so that how many hold as much as the
// best is known without scoring them again; the count agrees with what
// each passage holds, and passages holding none of the query are not
// counted.
func TestSpreadCountsPassagesByShare(t *testing.T) {
	var ps []corpus.Passage
	for i, text := range []string{
		"Honeybees build hives of wax.",
		"Wasps build nests of paper.",
		"Ants build nests in soil.",
		"Termites build mounds.",
		"The weather was fine.",
	} {
		ps = append(ps, corpus.Passage{ID: fmt.Sprint(i), Text: text, Locator: corpus.Locator{Source: "a.md", LineStart: i + 1, LineEnd: i + 1}})
	}
	lx := lexical.Build(ps)
	q := lx.Analyze("what do wasps build nests of", "")
	ranked, matched, spread := lx.Search(q, 10)
	if len(ranked) != 4 {
		t.Fatalf("ranked %+v, want the 4 passages holding a word of the question", ranked)
	}
	total := q.TotalWeight()
	for _, r := range ranked {
		share := matched(r.P).Weight / total
		n := 0
		for _, o := range ranked {
			if int(matched(o.P).Weight/total*100) >= int(share*100) {
				n++
			}
		}
		if got := spread.AtLeast(share); got != n {
			t.Errorf("passage %d holds %.2f of the question: %d passages hold as much, spread says %d", r.P, share, n, got)
		}
	}
	if got := spread.AtLeast(matched(1).Weight / total); got != 1 {
		t.Errorf("only the wasps' passage holds all of the question, spread says %d do", got)
	}
	if got := spread.AtLeast(0); got != 4 {
		t.Errorf("spread counts %d passages holding any share, want 4 (not the one holding none)", got)
	}
	if got := spread.AtLeast(math.Inf(1)); got != 1 {
		t.Errorf("a share above the whole reads as the whole: %d passages, want 1", got)
	}
	if got := spread.AtLeast(math.NaN()); got != 4 {
		t.Errorf("a share that is no number reads as none: %d passages, want 4", got)
	}
	// Counted over a range of passages (one document's), as the search
	// counts the whole corpus.
	if got := lx.SpreadOf(q, 0, len(ps)); *got != *spread {
		t.Errorf("SpreadOf over the whole corpus %v, the search's %v", got, spread)
	}
	if got := lx.SpreadOf(q, 2, len(ps)).AtLeast(0); got != 2 {
		t.Errorf("SpreadOf over the last 3 passages counts %d holding any share, want 2 (ants, termites)", got)
	}
}

// TestHostOfModulePathIsNotSearched: the host of a module path naming a
// folder of the corpus says where the project is published; the folder's
// name names it. A host before another path is searched.
func TestHostOfModulePathIsNotSearched(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "Call Take() before each operation.", Locator: corpus.Locator{Source: "ratelimit/README.md", Title: "Go rate limiter", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "import \"go.uber.org/ratelimit\"", Locator: corpus.Locator{Source: "ratelimit/README.md", Title: "Go rate limiter", LineStart: 3, LineEnd: 3}},
		{ID: "c", Text: "Blazing fast logging from Uber.", Locator: corpus.Locator{Source: "zap/README.md", Title: "zap", LineStart: 1, LineEnd: 1}},
	})
	words := func(q lexical.Query) map[string]bool {
		out := make(map[string]bool)
		for _, t := range q.Terms {
			out[t.Word] = true
		}
		return out
	}
	got := words(lx.Analyze("what does Take() do in go.uber.org/ratelimit", ""))
	if got["uber"] || got["org"] || !got["ratelimit"] || !got["take"] {
		t.Errorf("terms %v: want take and ratelimit, not the host's uber and org", got)
	}
	if got := words(lx.Analyze("is uber.org/blog about logging", "")); !got["uber"] {
		t.Errorf("terms %v: a host before a path naming no folder is searched", got)
	}
}

// TestWhoMadeSearchesAuthorship: a question after who made a work
// searches the words its answer is written with ("Copyright (C) 2004 Ned
// T. Crigler" under AUTHOR), as context, not as the asker's words; another
// who-question does not.
func TestWhoMadeSearchesAuthorship(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "dtach is (C)Copyright 2004-2016 Ned T. Crigler.", Locator: corpus.Locator{Source: "dtach/README", Section: "AUTHOR", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "dtach detaches a program from its terminal; see the author's page.", Locator: corpus.Locator{Source: "dtach/README", LineStart: 3, LineEnd: 3}},
		{ID: "c", Text: "The screen program was written for terminals.", Locator: corpus.Locator{Source: "screen/README", LineStart: 1, LineEnd: 1}},
	})
	added := func(q string) []string {
		var out []string
		own := text.Words(q)
		for _, term := range lx.Analyze(q, "").Terms {
			if term.Answer {
				if term.Context == slices.Contains(own, term.Word) || term.Name || term.Documents {
					t.Errorf("%q: %+v, want a word naming nothing, context unless the asker's", q, term)
				}
				out = append(out, term.Word)
			}
		}
		return out
	}
	if got := added("who made dtach"); !slices.Equal(got, []string{"author", "copyright", "written"}) {
		t.Errorf("who made dtach: added %v, want author, copyright, written", got)
	}
	if got := added("who wrote dtach"); !slices.Equal(got, []string{"author", "copyright"}) {
		t.Errorf("who wrote dtach: added %v, want author, copyright (\"wrote\" is searched as \"write\")", got)
	}
	// The role asked after is what the answer is written with, not the
	// subject, though the asker's own word.
	if got := added("who is the author of dtach"); !slices.Equal(got, []string{"author", "copyright", "written"}) {
		t.Errorf("who is the author of dtach: added %v, want author (the asker's), copyright, written", got)
	}
	if got := added("who uses dtach"); got != nil {
		t.Errorf("who uses dtach: added %v, want none", got)
	}
}

// TestPhrasalSearchesWrittenWord: "turn off" is searched as the word
// documentation writes for it too, as context; a corpus without the word
// gets none.
func TestPhrasalSearchesWrittenWord(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "Set NO_COLOR to disable colors.", Locator: corpus.Locator{Source: "task/README", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "Colors are on when the output is a terminal.", Locator: corpus.Locator{Source: "task/README", LineStart: 3, LineEnd: 3}},
	})
	find := func(q, w string) *lexical.QueryTerm {
		for _, term := range lx.Analyze(q, "").Terms {
			if term.Word == w {
				return &term
			}
		}
		return nil
	}
	if term := find("turn off colors in task", "disable"); term == nil || !term.Context || !term.Answer || term.Name {
		t.Errorf("turn off colors: disable is %+v, want a context word the answer is written with", term)
	}
	if term := find("turn on colors in task", "enable"); term != nil {
		t.Errorf("turn on colors: enable is %+v, want none (the corpus never writes it)", term)
	}
}

// TestVersionedFolder: a folder named with its project's major version is
// found by the name alone, unless two versions' folders share it.
func TestVersionedFolder(t *testing.T) {
	lx := lexical.Build([]corpus.Passage{
		{ID: "a", Text: "Filters.", Locator: corpus.Locator{Source: "jinja2/api.md", LineStart: 1, LineEnd: 1}},
		{ID: "b", Text: "Old.", Locator: corpus.Locator{Source: "python2/README", LineStart: 1, LineEnd: 1}},
		{ID: "c", Text: "New.", Locator: corpus.Locator{Source: "python3.11/README", LineStart: 1, LineEnd: 1}},
	})
	for word, want := range map[string]string{"jinja": "jinja2", "python": "", "jinja2": "", "sprig": ""} {
		if got, ok := lx.VersionedFolder(word); got != want || ok != (want != "") {
			t.Errorf("VersionedFolder(%q) = %q, %v, want %q", word, got, ok, want)
		}
	}
}
