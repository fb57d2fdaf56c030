package text

import (
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	text := "The IRS brief mentions fusion cells i.e. joint units. Dr. Khan said “No.” Then 70-80pc agreed! Was it 2.5 times? Yes. `Drop` takes two points, e.g. `a` and `b`, cf. `c`; see versions 1. `a` and 2. `b`. The default is 10."
	var got []string
	for _, s := range Sentences(text) {
		got = append(got, text[s.Start:s.End])
	}
	want := []string{
		"The IRS brief mentions fusion cells i.e. joint units.",
		"Dr. Khan said “No.”",
		"Then 70-80pc agreed!",
		"Was it 2.5 times?",
		"Yes.",
		"`Drop` takes two points, e.g. `a` and `b`, cf. `c`; see versions 1. `a` and 2. `b`.",
		"The default is 10.",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Sentences:\n got %q\nwant %q", got, want)
	}
}

func TestWordsFoldQuotesAndNumbers(t *testing.T) {
	got := strings.Join(Words("Qatar’s 2,414 people — “cross-border” Qatar's"), " ")
	if want := "qatar 2414 people cross border qatar"; got != want {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestWordsReadVisibleTextAndThousands(t *testing.T) {
	tests := []struct{ in, want string }{
		{"A [Go (golang)](http://golang.org) implementation", "a go golang implementation"},
		{"[![Go Reference](https://pkg.go.dev/badge/x.svg)](https://pkg.go.dev/x) term", "go reference term"},
		{`see [the docs](docs/README.md "Docs") now`, "see the docs now"},
		{"a [bracket] (then words) stay", "a bracket then words stay"},
		{"[x](not a url) stays", "x not a url stays"},
		{"[x](http://a.b \u201cTitle\u201d) word and [y](http://c.d\u00a0\"T\") word", "x word and y word"},
		{"[![openssl logo]][www.openssl.org] and [the docs][docs] or [x][]", "openssl logo and the docs or x"},
		{"m[i][j] and a[0][12]", "m i j and a 0 12"},
		{"query 100k documents, 100,000 or 1.5K; 0k", "query 100000 documents 100000 or 1500 0"},
		{"k8s and 10kb and kk stay", "k8s and 10kb and kk stay"},
		{"what is bzip2 -s for, and -k or (-rf)? `-S`", "what is bzip2 -s for and -k or -rf -S"},
		{"e-mail, -1, --small, go test -race, -s2, -s-x stay words", "e mail 1 small --small go test race s2 s x stay words"},
		{"use \u201c-k\u201d or --small/-s or |-s or -s\u00a0now or -s\u2026", "use -k or small --small -s or -s or -s now or -s"},
	}
	for _, tt := range tests {
		if got := strings.Join(Words(tt.in), " "); got != tt.want {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestTokensReadCamelCaseParts: a camel-case name is a word and, for
// searching, its parts of two letters or more are too ("check redirect"
// finds CheckRedirect), and a number joined to a word is read with it;
// Words keeps what is written alone, as sentences read it.
func TestTokensReadCamelCaseParts(t *testing.T) {
	var st Stemmer
	for _, c := range []struct{ in, want string }{
		{"Client.CheckRedirect is nil", "client checkredirect check redirect client.checkredirect is nil"},
		{"use xsltEvalAttrValueTemplate", "use xsltevalattrvaluetemplate xslt eval attr value template"},
		{"DPanic and HTTPServer and iPhone", "dpanic and httpserver and iphone phone"},
		{"plain words stay", "plain words stay"},
		// A number joined to a word by "/", "-" or "." is read with it
		// too, as it is often written: "http2", "utf8", "x509".
		{"HTTP/2 and UTF-8 with X.509", "http 2 http2 and utf 8 utf8 with x 509 x509 x.509"},
		{"version 2.5 of http 2", "version 2.5 of http 2"},
		// So is a word after a single letter and a hyphen ("dbus" finds
		// D-Bus, "email" e-mail), not after a longer word.
		{"D-Bus sends e-mail cross-border", "d bus dbus sends e mail email cross border"},
		// A protocol's name with its version joined by "v" is its name
		// too ("tls" finds TLSv1.2); a word ending on "v" and a number
		// written in lower case is not ("dev1").
		{"TLSv1.2 over IPv6, not SSLv3 nor dev1", "tlsv1.2 tls over ipv6 ip not sslv3 ssl nor dev1"},
		// A web address's words are read whole: "tall" is no part of a
		// gist's owner.
		{"see <https://gist.github.com/TooTallNate/1> or SetTimeout", "see https gist github com gist.github.com github.com tootallnate 1 or settimeout set timeout"},
	} {
		var got []string
		for _, tok := range Tokens(&st, c.in) {
			got = append(got, tok.Word)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, strings.Join(got, " "), c.want)
		}
	}
	if got := strings.Join(Words("Client.CheckRedirect"), " "); got != "client checkredirect client.checkredirect" {
		t.Errorf("Words(Client.CheckRedirect) = %q: the parts are for searching only", got)
	}
}

// TestWordsReadNamesOfCodeWhole: a name of code made of parts, or a long
// option, is a word beside its parts (and a member after a dot that is a
// name itself), and its own stem; abbreviations,
// numbers and a sentence's full stop make none.
func TestWordsReadNamesOfCodeWhole(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Call ffi_prep_closure_loc() now.", "call ffi prep closure loc ffi_prep_closure_loc now"},
		{"fs.watch(filename[, options])", "fs watch fs.watch filename options"},
		{"std::vector and RUNNING_ON_VALGRIND.", "std vector std::vector and running on valgrind running_on_valgrind"},
		{"use --save-dev or --max-old-space-size=4096", "use save dev --save-dev or max old space size --max-old-space-size 4096"},
		{"e.g. the U.S. is 2.5 big; v1.2.3 and 3.x", "e g the u s is 2.5 big v1.2.3 and 3 x"},
		{"the end of fs. Next, __init__ and _id, a--b", "the end of fs next init and id a b"},
		// The members a name holds after its dots that are names themselves.
		{"PurePath.with_suffix(suffix)", "purepath with suffix purepath.with_suffix with_suffix suffix"},
		{"os.path.join and std::chrono::steady_clock", "os path join os.path.join path.join and std chrono steady clock std::chrono::steady_clock chrono::steady_clock steady_clock"},
		{"--no-save_x", "no save x --no-save_x"},
		{"a.b.c.d.e.with_suffix", "a b c d e with suffix a.b.c.d.e.with_suffix c.d.e.with_suffix d.e.with_suffix e.with_suffix with_suffix"},
	}
	for _, tt := range tests {
		if got := strings.Join(Words(tt.in), " "); got != tt.want {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var st Stemmer
	for _, w := range []string{"ffi_prep_closure_loc", "fs.watchfile", "--save-dev", "std::vectors"} {
		if !IsCodeName(w) || st.Stem(w) != w {
			t.Errorf("%s: IsCodeName %v, stem %q; want a name of code, its own stem", w, IsCodeName(w), st.Stem(w))
		}
	}
	for _, w := range []string{"2.5", "watching", "-s"} {
		if IsCodeName(w) {
			t.Errorf("%s read as a name of code", w)
		}
	}
}

// TestWordsReadLanguageNames: "C++", "C#", "F#" and "g++" are one word
// each, not a letter (the "c" of "does indent work on c++ code" named no
// language); "a+b" and "c++17" are read as before.
func TestWordsReadLanguageNames(t *testing.T) {
	checkWords(t, map[string]string{
		"GNU indent does NOT work for C++, if it does": "gnu indent does not work for c++ if it does",
		"C# bindings and F# too":                       "c# bindings and f# too",
		"C/C++ code, built with g++":                   "c c++ code built with g++",
		"c++17 and i++ and a+b":                        "c 17 and i and a b",
	})
}

func TestFindNormalized(t *testing.T) {
	hay := "It said “Qatar’s role”  in\nSouth Asia — clearly."
	for _, c := range []struct {
		needle string
		fold   bool
		want   string
		ok     bool
	}{
		{`"Qatar's role" in South Asia`, false, "“Qatar’s role”  in\nSouth Asia", true},
		{"south Asia - clearly.", true, "South Asia — clearly.", true},
		{"south Asia", false, "", false},
		{"Qatar’s rule", false, "", false},
		{"  ", false, "", false},
	} {
		sp, ok := FindNormalized(hay, c.needle, c.fold)
		if ok != c.ok || (ok && hay[sp.Start:sp.End] != c.want) {
			t.Errorf("FindNormalized(%q) = %q, %v; want %q, %v", c.needle, hay[sp.Start:sp.End], ok, c.want, c.ok)
		}
	}
}

// TestWordLists checks that each embedded word list is read, comments
// left out, and used where it belongs.
func TestWordLists(t *testing.T) {
	cases := []struct {
		name string
		got  func() bool
	}{
		{"common word", func() bool { return IsCommonWord("about") && IsCommonWord("zero") }},
		{"common stem", func() bool {
			return IsCommon("believes", "believ") == IsCommonWord("believ") && IsCommon("believe", "believ")
		}},
		{"inflection of a common word is common", func() bool {
			var st Stemmer
			return IsCommonForm("holds", st.Stem("holds")) && IsCommonForm("brings", st.Stem("brings")) && IsCommonForm("running", st.Stem("running")) &&
				!IsCommonWord("holds") && !IsCommonForm("generalization", st.Stem("generalization")) && !IsCommonForm("taliban", st.Stem("taliban")) &&
				!IsCommonForm("nationals", st.Stem("nationals")) && IsCommonForm("stopped", st.Stem("stopped"))
		}},
		{"inflection whose stem is written otherwise is common", func() bool {
			return IsCommonInflection("singled") && IsCommonInflection("places") && IsCommonInflection("stopped") &&
				!IsCommonInflection("single") && !IsCommonInflection("talibans") && !IsCommonInflection("nationals")
		}},
		{"topic word is not common", func() bool { return !IsCommonWord("taliban") && !IsCommonWord("france") }},
		{"comment line is no word", func() bool { return !IsCommonWord("#") && !IsCommonWord("frequent") }},
		{"extra stop word", func() bool { return IsStopWord("wat") && IsStopWord("also") && IsStopWord("the") }},
		{"chat filler", func() bool { return IsStopWord("ok") && IsStopWord("thanks") && IsStopWord("hey") }},
		{"contractions written without the apostrophe", func() bool {
			return IsStopWord("theres") && IsStopWord("hasnt") && IsStopWord("youre") && !IsStopWord("ill")
		}},
		{"content word is no stop word", func() bool { return !IsStopWord("refugees") }},
		{"meta word", func() bool { return IsMetaWord("article") && !IsMetaWord("refugees") }},
		{"abbreviation keeps a sentence whole", func() bool { return len(Sentences("Gen. Asim Munir spoke. He left.")) == 2 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !c.got() {
				t.Error("word list does not hold as it should")
			}
		})
	}
	if n := len(commonWords()); n != 972 {
		t.Errorf("common.txt holds %d words, want 972", n)
	}
}

// TestSentencesEndAtStructuredLines checks that a list item, a table row,
// a heading or a blank line ends the sentence before it even without a
// period, that a table's delimiter row stays with its header, and that
// abbreviations still keep a sentence whole.
func TestSentencesEndAtStructuredLines(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"list items", "Features\n- fast search\n- small files, e.g. one per doc\n1. first step\n2) second step", []string{
			"Features", "- fast search", "- small files, e.g. one per doc", "1. first step", "2) second step"}},
		{"table rows", "| Name | License |\n|---|:---:|\n| foo | MIT |\n| bar | BSD |", []string{
			"| Name | License |\n|---|:---:|", "| foo | MIT |", "| bar | BSD |"}},
		{"heading and blank line", "Intro text\n## Install\nRun it\n\nThen use it", []string{
			"Intro text", "## Install", "Run it", "Then use it"}},
		{"wrapped prose stays one sentence", "This line wraps\nover two lines. Dr. Khan said so.", []string{
			"This line wraps\nover two lines.", "Dr. Khan said so."}},
		{"setext underline stays with its heading", "Title\n=====\n\nBody.", []string{"Title\n=====", "Body."}},
		{"a command at a prompt is a sentence of its own", "You can change it by the following.\n$ sudo update-alternatives --config editor\nThe choice is yours.\nIt costs $ 5 a month.", []string{
			"You can change it by the following.", "$ sudo update-alternatives --config editor", "The choice is yours.", "It costs $ 5 a month."}},
		{"a command going on over lines stays whole", "Run it like this:\n$ docker run \\\n  -p 80:80 nginx\nThen open the page.", []string{
			"Run it like this:", "$ docker run \\\n  -p 80:80 nginx", "Then open the page."}},
		{"a code block is one sentence", "Set the level:\n\n```go\n// Will log info or above. Default.\n# not a heading\nlogrus.SetLevel(logrus.InfoLevel)\n```\nDone.", []string{
			"Set the level:", "```go\n// Will log info or above. Default.\n# not a heading\nlogrus.SetLevel(logrus.InfoLevel)\n```", "Done."}},
		{"a number closing a wrapped parenthesis is no item", "It reads many formats (over\n  200) including PNG.\n1) one\n2) two", []string{
			"It reads many formats (over\n  200) including PNG.", "1) one", "2) two"}},
		// A passage cut from the middle of a long code block starts inside
		// it: its code up to the closing fence is one sentence, and the
		// prose after it is prose. One that opens a block is inside it.
		{"the block's tail, then prose", "./step25.\n./step26. Done.\n```\n\nThe daemon listens on port 7781. It logs to syslog.",
			[]string{"./step25.\n./step26. Done.\n```", "The daemon listens on port 7781.", "It logs to syslog."}},
		{"the block's head", "```sh\n./step1. Go.\n./step2.", []string{"```sh\n./step1. Go.\n./step2."}},
		{"prose, then a whole block", "Run it. Then:\n\n```\nmake. all\n```", []string{"Run it.", "Then:", "```\nmake. all\n```"}},
		// A short item is one sentence, its name with what is said of it;
		// a long one is split as prose is.
		{"a short item is one sentence", "- flag <string> See the flags. Default: 'w'.\n- mode <integer> The mode.\n  Default: 0o666.\nAfter it. Done.", []string{
			"- flag <string> See the flags. Default: 'w'.", "- mode <integer> The mode.\n  Default: 0o666.", "After it.", "Done."}},
		// A line ending in ":" announces what follows, code a web page
		// sets apart by no blank line or fence.
		{"a line ending in a colon", "Return a new path. If the suffix is empty, the suffix is\nremoved:\n>>> p.with_suffix('')\nPureWindowsPath('README')", []string{
			"Return a new path.", "If the suffix is empty, the suffix is\nremoved:", ">>> p.with_suffix('')\nPureWindowsPath('README')"}},
		// Not a key's colon, an item's, an indented line's, a URL's, nor
		// one the text goes on from in lower case or under an underline.
		{"YAML keys", "server:\n  port: 8080\n  tls: on", []string{"server:\n  port: 8080\n  tls: on"}},
		{"a definition item", "- `retries`:\n  How many times a request is tried again. Default 3.", []string{"- `retries`:\n  How many times a request is tried again. Default 3."}},
		{"a wrapped colon in prose", "The value it returns:\nthe number of bytes written.", []string{"The value it returns:\nthe number of bytes written."}},
		{"a wrapped URL", "See the site at http:\n//example.com for more.", []string{"See the site at http:\n//example.com for more."}},
		{"an underlined heading", "Usage:\n------\n\nRun it.", []string{"Usage:\n------", "Run it."}},
		{"a period before a parenthesis", "It returns the extension, from the last occurrence of the . (period) character. Then more.", []string{
			"It returns the extension, from the last occurrence of the . (period) character.", "Then more."}},
		{"an ellipsis still ends", "Wait ... Then it runs.", []string{"Wait ...", "Then it runs."}},
		{"a long item is sentences", "- " + strings.Repeat("word ", 60) + "end. Second sentence here.\n- next", []string{
			"- " + strings.Repeat("word ", 60) + "end.", "Second sentence here.", "- next"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, s := range Sentences(c.text) {
				got = append(got, c.text[s.Start:s.End])
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("Sentences:\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		max  int
		want int
	}{
		{"dirr", "dir", 2, 1},
		{"brief", "breif", 2, 1}, // a swap of neighbours is one edit
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 1, 2}, // past max: max+1
	} {
		if got := EditDistance([]rune(c.a), []rune(c.b), c.max); got != c.want {
			t.Errorf("EditDistance(%q, %q, %d) = %d, want %d", c.a, c.b, c.max, got, c.want)
		}
	}
}

// TestTypoDistance: the slips fingers make cost one TypoCost each (a
// neighbour's key a tenth more); another letter for one, or a letter added
// far from its neighbours' keys, is no slip.
func TestTypoDistance(t *testing.T) {
	const limit = TypoCost + 1
	for _, c := range []struct {
		typed, meant string
		doubledOnly  bool
		want         int
	}{
		{"verison", "version", false, TypoCost},                  // neighbours swapped
		{"enviroment", "environment", false, TypoCost},           // a letter dropped
		{"proccess", "process", false, TypoCost},                 // a letter struck twice
		{"raisd", "raise", false, TypoCost + 1},                  // d struck for its neighbour e
		{"windos", "windows", false, TypoCost},                   // dropped: cheaper than …
		{"windos", "window", false, TypoCost + 1},                // … s struck for w
		{"strict_undefined", "strictundefined", false, TypoCost}, // punctuation
		{"semver", "server", false, limit + 1},                   // m is far from r
		{"macos", "matos", false, limit + 1},
		{"systemd", "system", false, limit + 1}, // d added far from m
		{"berlin", "berli", false, limit + 1},
		{"gorm", "goarm", true, limit + 1}, // a dropped letter not doubled …
		{"cels", "cells", true, TypoCost},  // … and one that was
		{"gorm", "goarm", false, TypoCost},
		{"ulids", "uuids", false, limit + 1},
		{"abc", "abc", false, 0},
	} {
		if got := TypoDistance([]rune(c.typed), []rune(c.meant), limit, TypoRules{DoubledOnly: c.doubledOnly}); got != c.want {
			t.Errorf("TypoDistance(%q, %q, doubledOnly %v) = %d, want %d", c.typed, c.meant, c.doubledOnly, got, c.want)
		}
	}
	if got := TypoDistance([]rune("histsize"), []rune("histfile"), 2*limit, TypoRules{}); got <= 2*limit {
		t.Errorf("histsize read as a slip for histfile (%d)", got)
	}
	if got := TypoDistance([]rune("subscritpion"), []rune("subscription"), 2*limit, TypoRules{}); got != TypoCost {
		t.Errorf("subscritpion → subscription = %d, want %d", got, TypoCost)
	}
	// A name's vowels are spelt from memory; a word's are not.
	if got := TypoDistance([]rune("qaida"), []rune("qaeda"), limit, TypoRules{NameVowels: true}); got != TypoCost+1 {
		t.Errorf("qaida → qaeda (a name) = %d, want %d", got, TypoCost+1)
	}
	if got := TypoDistance([]rune("openid"), []rune("opened"), limit, TypoRules{}); got <= limit {
		t.Errorf("openid read as a slip for opened (%d)", got)
	}
}

func TestSpellingVariants(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"licence", "license", true}, {"colour", "color", true}, {"organisation", "organization", true},
		{"analyse", "analyze", true}, {"centre", "center", true}, {"catalogue", "catalog", true},
		{"modelling", "modeling", true}, {"empire", "expire", false}, {"license", "license", false},
		{"sense", "since", false},
	} {
		if got := SpellingVariants(c.a, c.b); got != c.want {
			t.Errorf("SpellingVariants(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestEnglishMisspelling(t *testing.T) {
	for _, c := range []struct {
		w, want string
	}{
		{"realisticaly", "realistically"}, {"engagment", "engagement"}, {"intsall", "install"},
		{"commentry", "commentary"}, {"internationaly", "internationally"},
		{"research", ""},  // a word
		{"redis", ""},     // too short to tell from a name
		{"ristretto", ""}, // a name, no misspelling
		{"relased", ""},   // "released" or "relapsed": no reading
		{"zutty", ""}, {"naïvty", ""},
	} {
		got, ok := EnglishMisspelling(c.w)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("EnglishMisspelling(%q) = %q, %v, want %q", c.w, got, ok, c.want)
		}
	}
}

func TestHidden(t *testing.T) {
	for _, c := range []struct {
		r    rune
		want bool
	}{
		{'\n', true}, {'\t', true}, {0x1b, true}, {0x85, true}, {0x202e, true}, {0x2067, true}, {0x200f, true},
		{0x061c, true}, {0x2028, true}, {'a', false}, {'é', false}, {'’', false}, {0x05d0, false}, {0xfffd, false},
	} {
		if got := Hidden(c.r); got != c.want {
			t.Errorf("Hidden(%U) = %v, want %v", c.r, got, c.want)
		}
	}
}

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain ’ text \uFFFD", "plain ’ text \uFFFD"},
		{"a\x1b[2J\n\r\tb", `a\x1b[2J\n\r\tb`},
		{"moon\u202etxt.md", `moon\u202etxt.md`},
		{"bad\xffbyte", `bad\xffbyte`},
	} {
		if got := Escape(c.in, Hidden); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestShortFormsStemAsTheirLongWord checks that the short forms readers
// type ("env var", "config", "repo") stem as the words documents spell
// out, and that code identifiers and plain words are left alone.
func TestShortFormsStemAsTheirLongWord(t *testing.T) {
	var st Stemmer
	same := [][2]string{
		{"env", "environment"}, {"vars", "variables"}, {"config", "configuration"}, {"conf", "configure"},
		{"repo", "repositories"}, {"docs", "documentation"}, {"args", "argument"}, {"dirs", "directory"}, {"vuln", "vulnerabilities"},
		{"auth", "authentication"}, {"db", "databases"}, {"deps", "dependencies"}, {"auto", "automatically"},
	}
	wantSameStems(t, &st, same)
	apart := [][2]string{{"err", "error"}, {"ctx", "context"}, {"cmd", "command"}, {"func", "function"}, {"min", "minimum"},
		{"max", "maximum"}, {"var", "variable"}, {"init", "initial"}, {"sync", "synchronous"}, {"spec", "specific"}, {"prod", "product"}}
	for _, p := range apart {
		if a, b := st.Stem(p[0]), st.Stem(p[1]); a == b {
			t.Errorf("%q and %q both stem as %q: a code identifier is not its long word", p[0], p[1], a)
		}
	}
	if got := shortForms()["env"]; got != "environment" {
		t.Errorf("shortforms.txt: env stands for %q, want environment", got)
	}
	raw, err := wordFiles.ReadFile("words/shortforms.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") && len(strings.Fields(line)) != 2 {
			t.Errorf("shortforms.txt: line %q is not a short form and its word", line)
		}
	}
}

// TestIrregularFormsStemAsTheirWord checks that "who wrote it" finds
// "written by", "children" a "child", while forms that are words of their
// own in documentation ("bit", "left", "data") keep their own stems.
func TestIrregularFormsStemAsTheirWord(t *testing.T) {
	var st Stemmer
	wantSameStems(t, &st, [][2]string{{"wrote", "written"}, {"wrote", "writes"}, {"ran", "running"}, {"children", "child"},
		{"began", "begins"}, {"chose", "chosen"}, {"taught", "teaching"}, {"made", "make"}})
	for _, p := range [][2]string{{"bit", "bite"}, {"left", "leave"}, {"data", "datum"}, {"leaves", "leaf"}, {"lives", "life"}} {
		if a, b := st.Stem(p[0]), st.Stem(p[1]); a == b {
			t.Errorf("%q and %q both stem as %q", p[0], p[1], a)
		}
	}
	for w, base := range irregular() {
		if strings.ContainsAny(w+base, " #") || w == base {
			t.Errorf("irregular.txt: %q → %q is no word and its base", w, base)
		}
	}
}

// TestBritishSpellingsStemAsAmerican checks that a question's "licence" or
// "behaviour" finds a document's "License" or "behavior", and the other way
// round, while words ending in -ise that are no -ize are left alone.
func TestBritishSpellingsStemAsAmerican(t *testing.T) {
	var st Stemmer
	wantSameStems(t, &st, [][2]string{{"licence", "license"}, {"licences", "licensed"}, {"behaviour", "behavior"},
		{"colours", "colors"}, {"initialise", "initialization"}, {"customised", "customize"}, {"cancelled", "canceled"},
		{"colouring", "coloring"}, {"favoured", "favored"}, {"recognising", "recognizes"}, {"catalogues", "catalog"}})
	for _, p := range [][2]string{{"promise", "promize"}, {"otherwise", "otherwize"}, {"advise", "advize"}} {
		if a, b := st.Stem(p[0]), st.Stem(p[1]); a == b {
			t.Errorf("%q and %q both stem as %q", p[0], p[1], a)
		}
	}
	raw, err := wordFiles.ReadFile("words/spellings.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") && len(strings.Fields(line)) != 2 {
			t.Errorf("spellings.txt: line %q is not a spelling and its American one", line)
		}
	}
}

// TestWordsSkipHTMLMarkup: the tags and comments of HTML written in a
// Markdown document are no words; a reference's types in angle brackets
// are.
func TestWordsSkipHTMLMarkup(t *testing.T) {
	checkWords(t, map[string]string{
		`<div align="center"><img src="logo.png" alt="the logo"><br/>Fast</div>`: "fast",
		"<a href=\"x\">Sponsor</a> <!-- a\ncomment --> us":                       "sponsor us",
		"flag <string> and <Buffer> or <Map>":                                    "flag string and buffer or map",
		"if a < b and c > d":                                                     "if a b and c d",
		"if x <b and y > z":                                                      "if x b and y z",
		"<details open><summary>More</summary>":                                  "more",
		"<details>\n<summary>More</summary>":                                     "more",
	})
}

// TestVersionsStemAlike: a version is one stem however it is written
// ("4.6", "v4.6.0"; "v3", "3.0.0"), apart from other versions and from a
// plain number.
func TestVersionsStemAlike(t *testing.T) {
	var st Stemmer
	for _, same := range [][]string{{"4.6", "v4.6.0", "4.6.0"}, {"v3", "3.0.0", "v3.0"}, {"2.39.3", "v2.39.3"}} {
		for _, w := range same[1:] {
			if st.Stem(w) != st.Stem(same[0]) {
				t.Errorf("%s stems as %q, %s as %q; want one stem", w, st.Stem(w), same[0], st.Stem(same[0]))
			}
		}
	}
	for _, pair := range [][2]string{{"4.6", "4.6.1"}, {"v3", "3"}, {"v3", "v30"}, {"2.5", "v2.50"}} {
		if st.Stem(pair[0]) == st.Stem(pair[1]) {
			t.Errorf("%s and %s stem alike (%q)", pair[0], pair[1], st.Stem(pair[0]))
		}
	}
	if IsCodeName("v4.6.0") {
		t.Error("v4.6.0 read as a name of code")
	}
}

// BenchmarkSentencesLongLine: one line of many sentences is split in
// linear time (looking for an item's mark does not read the line again at
// each sentence).
func BenchmarkSentencesLongLine(b *testing.B) {
	line := strings.Repeat("This is a sentence. ", 20000)
	for b.Loop() {
		Sentences(line)
	}
}

// "added" stems as "add", as "add" and "adds" do; "planned" as "plan".
func TestUndoubledStems(t *testing.T) {
	var st Stemmer
	for _, g := range [][]string{{"add", "adds", "added", "adding"}, {"staff", "staffed"}, {"plan", "planned", "planning"}, {"stop", "stopped"}, {"commit", "committed"}} {
		for _, w := range g[1:] {
			if a, b := st.Stem(g[0]), st.Stem(w); a != b {
				t.Errorf("%q stems as %q, %q as %q", g[0], a, w, b)
			}
		}
	}
	if st.Stem("planned") == "plann" {
		t.Error("a doubled letter a suffix brought is kept")
	}
}

// A word broken over two lines by a hyphen is one word; a compound
// broken at its hyphen stays two.
func TestWordsJoinHyphenatedLineEnds(t *testing.T) {
	checkWords(t, map[string]string{
		"the com-\n   mand runs":  "the command runs",
		"an op-\ntional flag":     "an optional flag",
		"the command-\nline tool": "the command line tool",
		"a com-\n\nmand":          "a com mand",
		"self-\ncontained":        "self contained",
	})
}

// A word ending in "s" that is no plural stems as its plural does
// ("alias" and "aliases", "canvas" and "canvases"); a plural still stems
// as its singular ("ideas", "idea"; "bugs", "bug", whose singular is too
// short for the word list).
func TestSingularsEndingInS(t *testing.T) {
	var st Stemmer
	wantSameStems(t, &st, [][2]string{{"alias", "aliases"}, {"canvas", "canvases"}, {"chaos", "chaoses"}, {"ideas", "idea"}, {"arenas", "arena"}, {"bugs", "bug"}, {"adds", "add"}})
}

// A numbered item's mark has at most three digits: a line a wrapped
// sentence goes on with, opening on a year or a size, is no item.
func TestListMarkers(t *testing.T) {
	for line, want := range map[string]bool{
		"- item": true, "1. first": true, "12) twelfth": true, "999. last": true,
		"2024. The next release": false, "4093. Larger values": false, "1.5 GB": false, "-x": false,
	} {
		if got := IsListMarker(line); got != want {
			t.Errorf("IsListMarker(%q) = %v, want %v", line, got, want)
		}
	}
}

// wantSameStems fails the test for each pair of words st stems apart.
func wantSameStems(t *testing.T, st *Stemmer, pairs [][2]string) {
	t.Helper()
	for _, p := range pairs {
		if a, b := st.Stem(p[0]), st.Stem(p[1]); a != b {
			t.Errorf("%q stems as %q, %q as %q: want the same", p[0], a, p[1], b)
		}
	}
}

// checkWords checks that Words reads each text as its words, joined by a
// space.
func checkWords(t *testing.T, cases map[string]string) {
	t.Helper()
	for in, want := range cases {
		if got := strings.Join(Words(in), " "); got != want {
			t.Errorf("Words(%q) = %q, want %q", in, got, want)
		}
	}
}
