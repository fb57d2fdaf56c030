package corpus

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// corpusDir makes a corpus folder holding good.txt and whatever add puts
// there, next to a secret file outside it.
func corpusDir(t *testing.T, add func(t *testing.T, dir, outside string)) string {
	t.Helper()
	base := t.TempDir()
	dir := filepath.Join(base, "corpus")
	outside := filepath.Join(base, "outside-secret.txt")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, outside, "The launch code is swordfish.\n")
	write(t, filepath.Join(dir, "good.txt"), "Honeybees feed on nectar and pollen.\n")
	add(t, dir, outside)
	return dir
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func TestLoadCorpusDirStaysInsideAndSkipsTheUnreadable(t *testing.T) {
	for _, c := range []struct {
		name string
		add  func(t *testing.T, dir, outside string)
		// read lists the sources read besides good.txt; skipped maps a
		// skipped file to words of its reason.
		read    []string
		skipped map[string]string
	}{
		{"link to a file outside", func(t *testing.T, dir, outside string) {
			symlink(t, "../outside-secret.txt", filepath.Join(dir, "innocent.txt"))
			symlink(t, outside, filepath.Join(dir, "absolute.txt"))
		}, nil, map[string]string{"innocent.txt": "outside the corpus folder", "absolute.txt": "outside the corpus folder"}},
		{"links inside the folder", func(t *testing.T, dir, _ string) {
			os.Mkdir(filepath.Join(dir, "sub"), 0o755)
			write(t, filepath.Join(dir, "sub", "real.md"), "Wasps eat other insects.\n")
			symlink(t, "sub/real.md", filepath.Join(dir, "relative.md"))
			symlink(t, filepath.Join(dir, "sub", "real.md"), filepath.Join(dir, "absolute.md"))
		}, []string{"absolute.md", "relative.md", "sub/real.md"}, nil},
		{"link to a folder", func(t *testing.T, dir, _ string) {
			os.Mkdir(filepath.Join(dir, "sub"), 0o755)
			symlink(t, "sub", filepath.Join(dir, "folder.txt"))
			symlink(t, ".", filepath.Join(dir, "self.txt"))
		}, nil, map[string]string{"folder.txt": "folder", "self.txt": "folder"}},
		{"named pipes", func(t *testing.T, dir, _ string) {
			mkfifo(t, filepath.Join(dir, "pipe.txt"))
			mkfifo(t, filepath.Join(dir, "hidden-pipe"))
			symlink(t, "hidden-pipe", filepath.Join(dir, "to-pipe.txt"))
		}, nil, map[string]string{"pipe.txt": "named pipe", "to-pipe.txt": "named pipe", "hidden-pipe": "not a .txt"}},
		{"link to /dev/zero", func(t *testing.T, dir, _ string) {
			symlink(t, "/dev/zero", filepath.Join(dir, "zero.txt"))
		}, nil, map[string]string{"zero.txt": "outside"}},
		{"broken link and link loop", func(t *testing.T, dir, _ string) {
			symlink(t, "nowhere.txt", filepath.Join(dir, "dangling.txt"))
			symlink(t, "loop-b.txt", filepath.Join(dir, "loop-a.txt"))
			symlink(t, "loop-a.txt", filepath.Join(dir, "loop-b.txt"))
		}, nil, map[string]string{"dangling.txt": "broken link", "loop-a.txt": "link loop", "loop-b.txt": "link loop"}},
		{"not UTF-8", func(t *testing.T, dir, _ string) {
			write(t, filepath.Join(dir, "utf16.txt"), "\xff\xfec\x00a\x00f\x00\xe9\x00\n\x00")
		}, nil, map[string]string{"utf16.txt": "UTF-8"}},
		{"too large", func(t *testing.T, dir, _ string) {
			write(t, filepath.Join(dir, "big.txt"), strings.Repeat("Large text. ", 200))
		}, nil, map[string]string{"big.txt": "size limit of 1000 bytes"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := corpusDir(t, c.add)
			corp, err := LoadDir(dir, Options{MaxFileBytes: 1000})
			if err != nil {
				t.Fatal(err)
			}
			var read []string
			for _, d := range corp.Documents {
				if strings.Contains(d.Text, "swordfish") {
					t.Errorf("%s: text from outside the corpus folder was read", d.Source)
				}
				if d.Source != "good.txt" {
					read = append(read, d.Source)
				}
			}
			if !slices.Equal(read, c.read) {
				t.Errorf("read %v, want good.txt and %v", read, c.read)
			}
			got := map[string]string{}
			for _, s := range corp.Skipped {
				got[s.Path] = s.Reason
			}
			for p, why := range c.skipped {
				if !strings.Contains(got[p], why) {
					t.Errorf("%s skipped for %q, want a reason with %q (all: %v)", p, got[p], why, corp.Skipped)
				}
			}
			if n := len(corp.Problems()); n != len(c.skipped) && c.name != "named pipes" {
				t.Errorf("%d problems, want %d: %v", n, len(c.skipped), corp.Skipped)
			}
			if len(c.skipped) > 0 && !strings.Contains(corp.ProblemSummary(3), "skipped") {
				t.Errorf("summary %q", corp.ProblemSummary(3))
			}
		})
	}
}

func TestLoadCorpusDirFailsOnlyWhenNothingIsReadable(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "utf16.txt"), "\xff\xfec\x00a\x00f\x00\xe9\x00\n\x00")
	symlink(t, "gone.txt", filepath.Join(dir, "dangling.txt"))
	_, err := LoadDir(dir, Options{})
	if !errors.Is(err, ErrEmptyCorpus) || !strings.Contains(err.Error(), "utf16.txt (not valid UTF-8") ||
		!strings.Contains(err.Error(), "dangling.txt (broken link") {
		t.Errorf("err = %v, want ErrEmptyCorpus naming both files", err)
	}
}

func TestLoneCRDoesNotShiftLines(t *testing.T) {
	for _, c := range []struct {
		name, text string
		line       int
	}{
		{"LF file with a stray CR", "Title\n\nFirst para\rgraph.\n\nThe target sentence.\n", 5},
		{"CRLF file with a stray CR", "Title\r\n\r\nFirst para\rgraph.\r\n\r\nThe target sentence.\r\n", 5},
		{"CR file", "Title\r\rFirst paragraph.\r\rThe target sentence.\r", 5},
	} {
		t.Run(c.name, func(t *testing.T) {
			corp, err := Load(fstest.MapFS{"a.txt": {Data: []byte(c.text)}})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range Chunk(corp).Passages {
				if p.Text == "The target sentence." {
					if p.LineStart != c.line {
						t.Errorf("target at line %d, want %d", p.LineStart, c.line)
					}
					return
				}
			}
			t.Errorf("no passage holds the target: %+v", Chunk(corp).Passages)
		})
	}
}

// Plain text is read under the names projects give it: README and
// README.Debian, README.api, NEWS.old, WHATSNEW, gdb-README, a name in
// capitals (POSIX, DETAILS) but for a secret's (API_KEY, PASSWORDS,
// ENVIRONMENT, TLS-CERT) or a script (DEPLOY); a .rst file as
// reStructuredText.
// Other files without an extension (credentials, keys, build files, a
// post-install script, a license key, shell histories) are not read, nor a
// document's name with a suffix that is a file type or no known topic
// (install.sh, readme.png, LICENSE.key, license.dat, README.secret); a
// README's topic may be words (README.invoke-rc.d) or one English word
// (README.saving), but not a file type, settings or a secret's
// (README.json, README.env, README.sh, README.npmrc, README.my-cnf,
// README.passwords); README-flagfiles is read as README.flagfiles, and
// README-passwords skipped as README.passwords; an Org file (USAGE.org) is plain text; a
// README that is a
// script is left out quietly, and one that is not UTF-8 is a problem, as for
// a .txt file.
func TestLoadDirReadsPlainTextDocumentsByName(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"README":                          "Frobnicator\n\nIt frobnicates.\n",
		"README.Debian":                   "On Debian the frobnicator lives in /usr/bin.\n",
		"NEWS.old":                        "Version 1 frobnicated.\n",
		"NEWS.1-17":                       "Version 17 frobnicated twice.\n",
		"notes.rst":                       "Notes\n=====\n\nFrobnicate gently.\n",
		"credentials":                     "DB_PASSWORD=hunter2\n",
		"id_rsa":                          "-----BEGIN OPENSSH PRIVATE KEY-----\n",
		"Makefile":                        "install:\n\tcp frob /usr/bin\n",
		"install.sh":                      "#!/bin/sh\ncp frob /usr/bin\n",
		"readme.png":                      "\x89PNG\r\n",
		"INSTALL":                         "#!/bin/sh\necho frobnicate\n",
		"run.":                            "#!/bin/sh\necho frobnicate\n",
		"FAQ":                             "\xff\xfec\x00a\x00f\x00\xe9\x00\n\x00",
		"README.api":                      "The API is not stable.\n",
		"WHATSNEW":                        "Zip 3.0 adds bzip2.\n",
		"gdb-README":                      "GDB is a debugger.\n",
		"QuickStart":                      "Procmail reads your mail as it arrives.\n",
		"post-install":                    "cp frob /usr/bin\n",
		"license_key":                     "AAAA-BBBB-CCCC\n",
		"LICENSE.key":                     "AAAA-BBBB-CCCC\n",
		"license.dat":                     "FEATURE frob vendor 1.0 permanent uncounted HOSTID=ANY SIGN=0\n",
		"README.secret":                   "password=hunter2\n",
		"CREDITS.netrc":                   "machine example.org login me password hunter2\n",
		"zsh_history":                     "mysql -u root -pHunter2\n",
		"HISTORY":                         "mysql -u root -pHunter2\n",
		"POSIX":                           "Bash POSIX Mode\n\nStarting Bash with --posix changes it.\n",
		"DETAILS":                         "Format of the colon listings.\n",
		"API_KEY":                         "sk-live-1234\n",
		"PASSWORDS":                       "root:hunter2\n",
		"ENVIRONMENT":                     "DB_PASSWORD=hunter2\n",
		"TLS-CERT":                        "-----BEGIN CERTIFICATE-----\n",
		"APP_CONFIG":                      "db_password: hunter2\n",
		"DEPLOY":                          "#!/bin/sh\nrsync . host:\n",
		"README.invoke-rc.d":              "invoke-rc.d runs an init script.\n",
		"README.feature-removal-schedule": "Features to be removed from dpkg.\n",
		"README.json":                     "{\"password\": \"hunter2\"}\n",
		"README.env":                      "DB_PASSWORD=hunter2\n",
		"README.sh":                       "#!/bin/sh\necho frobnicate\n",
		"README.npmrc":                    "//registry.example.org/:_authToken=abc\n",
		"README.my-cnf":                   "[client]\npassword=hunter2\n",
		"README.saving":                   "Saving fakeroot's state between runs.\n",
		"README.passwords":                "root:hunter2\n",
		"README.mnemonic":                 "abandon ability able about above absent\n",
		"README.patch":                    "--- a/x\n+++ b/x\n",
		"USAGE.org":                       "* Options\n\nRun it with -fg.\n",
		"README.systemd":                  "The unit starts frob at boot.\n",
		"README.FHS":                      "Files live under /usr/share/frob.\n",
		"README.venv":                     "VIRTUAL_ENV=/srv/frob\n",
		"README.swp":                      "b0VIM 8.2\n",
		"README-flagfiles":                "The run script's flag files.\n",
		"README-passwords":                "root:hunter2\n",
		"README-x.sh":                     "#!/bin/sh\necho frobnicate\n",
		"readme-aws":                      "AWS_SECRET_ACCESS_KEY=abc\n",
		"README.jwt":                      "eyJhbGciOiJIUzI1NiJ9\n",
		"README-KEY":                      "AAAA-BBBB\n",
	} {
		write(t, filepath.Join(dir, name), body)
	}
	c, err := LoadDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var read []string
	for _, d := range c.Documents {
		read = append(read, d.Source+":"+d.Kind)
	}
	slices.Sort(read)
	if want := []string{"DETAILS:txt", "NEWS.1-17:txt", "NEWS.old:txt", "POSIX:txt", "QuickStart:txt", "README-flagfiles:txt", "README.Debian:txt", "README.FHS:txt", "README.api:txt", "README.feature-removal-schedule:txt", "README.invoke-rc.d:txt", "README.saving:txt", "README.systemd:txt", "README:txt", "USAGE.org:org", "WHATSNEW:txt", "gdb-README:txt", "notes.rst:rst"}; !slices.Equal(read, want) {
		t.Errorf("read %v, want %v", read, want)
	}
	var problems []string
	for _, s := range c.Problems() {
		problems = append(problems, s.Path)
	}
	if !slices.Equal(problems, []string{"FAQ"}) {
		t.Errorf("problems %v, want the FAQ that is not UTF-8 alone", c.Problems())
	}
	if len(c.Skipped) != 37 {
		t.Errorf("skipped %v, want 37", c.Skipped)
	}
	// A document's name holding a secret's word is never read, and the
	// skip names the word (lynx's README.cookies, a KEYS file).
	for _, sk := range c.Skipped {
		switch sk.Path {
		case "README.passwords", "README-passwords", "PASSWORDS", "README.secret", "API_KEY", "HISTORY", "readme-aws", "README.jwt", "README-KEY":
			if !strings.Contains(sk.Reason, "secret's word") {
				t.Errorf("%s skipped as %q, want the secret's word named", sk.Path, sk.Reason)
			}
		}
	}
}

func gzipped(t *testing.T, text string) string {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write([]byte(text)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Gzipped documents, as Debian installs every document over a few KB
// (README.gz, user_guide.rst.gz), are read as the document they hold, under
// their own name, with lines counted in the decompressed text: every member
// of the file, and zeros padding it after the last, as gzip(1) reads them.
// A gzipped file that is no document is not read; damaged gzip data, and
// data that decompresses past the size limit, are problems, not read.
func TestLoadDirReadsGzippedDocuments(t *testing.T) {
	dir := t.TempDir()
	guide := "User Guide\n==========\n\nInstall with pip install frob.\n"
	for name, body := range map[string]string{
		"user_guide.rst.gz": gzipped(t, guide),
		"README.gz":         gzipped(t, "Frobnicator\n\nIt frobnicates.\n"),
		"page.html.gz":      gzipped(t, "<html><title>Page</title><p>Frobnicate gently.</p></html>"),
		"frob.1.gz":         gzipped(t, ".TH FROB 1\n"),
		"NEWS.gz":           "not gzip at all\n",
		"bomb.txt.gz":       gzipped(t, strings.Repeat("a", 5000)),
		"cut.md.gz":         gzipped(t, "# Cut\n\nA long text.\n")[:20],
		"padded.txt.gz":     gzipped(t, "Padded to a block.\n") + strings.Repeat("\x00", 512),
		"two.txt.gz":        gzipped(t, "First member.\n") + gzipped(t, "Second member.\n"),
		"junk.txt.gz":       gzipped(t, "Then junk.\n") + "junk",
	} {
		write(t, filepath.Join(dir, name), body)
	}
	c, err := LoadDir(dir, Options{MaxFileBytes: 4096})
	if err != nil {
		t.Fatal(err)
	}
	var read []string
	for _, d := range c.Documents {
		read = append(read, d.Source+":"+d.Kind)
		if d.Source == "user_guide.rst.gz" && d.Text != guide {
			t.Errorf("user_guide.rst.gz read as %q, want %q", d.Text, guide)
		}
	}
	if want := []string{"README.gz:txt", "padded.txt.gz:txt", "page.html.gz:html", "two.txt.gz:txt", "user_guide.rst.gz:rst"}; !slices.Equal(read, want) {
		t.Errorf("read %v, want %v", read, want)
	}
	why := map[string]string{}
	for _, s := range c.Problems() {
		why[s.Path] = s.Reason
	}
	for path, want := range map[string]string{
		"NEWS.gz":     "not gzip data",
		"bomb.txt.gz": "size limit of 4096 bytes once decompressed",
		"cut.md.gz":   "damaged gzip data",
		"junk.txt.gz": "damaged gzip data",
	} {
		if !strings.Contains(why[path], want) {
			t.Errorf("%s: problem %q, want one saying %q", path, why[path], want)
		}
	}
	if len(why) != 4 {
		t.Errorf("problems %v, want the four bad gzip files", c.Problems())
	}
	for _, d := range c.Documents {
		if d.Source == "two.txt.gz" && d.Text != "First member.\nSecond member.\n" {
			t.Errorf("two.txt.gz read as %q, want both members", d.Text)
		}
	}
	if got := fileTitle("frob/tutorial.txt.gz"); got != "tutorial" {
		t.Errorf("title of tutorial.txt.gz %q, want tutorial", got)
	}
	for _, p := range Chunk(c).Passages {
		if p.Source == "user_guide.rst.gz" && (p.LineEnd != 4 || !strings.Contains(p.Text, "pip install frob")) {
			t.Errorf("user_guide.rst.gz passage %+v, want one ending with line 4, the install sentence", p)
		}
	}
}

// Text that reads poorly is named, so that a corpus's owner knows answers
// quoting it may be wrong: a PDF's text come out reversed, or word by word;
// not a real README, a list of names, nor a short text.
func TestGarbledText(t *testing.T) {
	prose := strings.Repeat("The archive utility stores many files together and restores them later when asked. ", 40)
	reversed := func(s string) string {
		var out []string
		for _, w := range strings.Fields(s) {
			r := []rune(w)
			slices.Reverse(r)
			out = append(out, string(r))
		}
		return strings.Join(out, " ")
	}
	names := strings.Repeat("Copyright Michael Kerrisk, Andries Brouwer, Walter Harms, Jakub Wilk, Alejandro Colomar, Guillem Jover. ", 30)
	for _, c := range []struct {
		name, text string
		pdf        bool
		want       string // a part of why, "" for none
	}{
		{"prose", prose, true, ""},
		{"reversed", reversed(prose), true, "reversed"},
		{"word by word", strings.ReplaceAll(prose, " ", "\n"), true, "one word"},
		{"word by word, not a PDF", strings.ReplaceAll(prose, " ", "\n"), false, ""},
		{"a list of names", names, false, ""},
		{"short", reversed("The archive utility stores files."), true, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := garbled(c.text, c.pdf)
			if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
				t.Errorf("garbled = %q, want %q", got, c.want)
			}
		})
	}
}

// A text file that is not UTF-8 but reads as Latin-1 (an older document: a
// name with an accent in make's NEWS) is read as Latin-1, Windows-1252's
// quotes and dashes included, and named as such; UTF-16 or a binary, with
// NULs or control bytes, is still not read.
func TestLatin1TextIsRead(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "NEWS"), "Version 4.4\n\nThanks to Fran\xe7ois Pinard \x96 \x93quoted\x94.\n")
	write(t, filepath.Join(dir, "utf16.txt"), "\xff\xfeN\x00o\x00")
	write(t, filepath.Join(dir, "utf16be.txt"), "\x00H\x00e\x00l\x00l\x00o\x00\n")
	write(t, filepath.Join(dir, "blob.txt"), "\x89\x01\x02\x8f\x90"+strings.Repeat("\xff", 10))
	write(t, filepath.Join(dir, "mixed.txt"), "Thanks to José García and Fran\xe7ois.\n")
	write(t, filepath.Join(dir, "koi8.txt"), "Install: \xf5\xd3\xd4\xc1\xce\xcf\xd7\xcb\xc1 make install, as the README says.\n"+strings.Repeat("More text in plain ASCII here. ", 4))
	c, err := LoadDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	text := map[string]string{}
	for _, d := range c.Documents {
		text[d.Source] = d.Text
	}
	if len(c.Documents) != 2 || text["NEWS"] != "Version 4.4\n\nThanks to François Pinard – “quoted”.\n" ||
		text["mixed.txt"] != "Thanks to José García and François.\n" {
		t.Fatalf("documents %q, want NEWS read as Latin-1, mixed.txt's UTF-8 kept", text)
	}
	if len(c.Garbled) != 2 || !strings.Contains(c.Garbled[0].Reason, "Latin-1") {
		t.Errorf("garbled %v, want NEWS and mixed.txt named as read as Latin-1", c.Garbled)
	}
	if ps := c.Problems(); len(ps) != 4 {
		t.Errorf("problems %v, want blob.txt, koi8.txt, utf16.txt and utf16be.txt, not UTF-8", ps)
	}
}

// A page's editions share a name: without the extension that made each a
// document, nor a gzip one; a version in the name stays.
func TestPageOf(t *testing.T) {
	for source, want := range map[string]string{
		"api/fs.md": "api/fs", "api/fs.html": "api/fs", "docs/user_guide.rst.gz": "docs/user_guide",
		"v0.9.md": "v0.9", "v0.10.md": "v0.10", "git/README": "git/README", "notes.Debian": "notes.Debian",
	} {
		if got := PageOf(source); got != want {
			t.Errorf("PageOf(%q) = %q, want %q", source, got, want)
		}
	}
}

// TestTextFilesReadInTheirMarkup: a .txt file is read in the markup its
// name or its text shows (Sphinx's page sources, Markdown headings over
// fenced code, AsciiDoc's macros), and as plain text otherwise, even with
// comment lines that look like headings.
func TestTextFilesReadInTheirMarkup(t *testing.T) {
	md := "---\ntitle: Spec\n---\n\n# Introduction\n\nText.\n\n## Code blocks\n\n```````````````` example\n    foo\n````````````````\n\n## Headings\n\nMore.\n"
	adoc := "git-add(1)\n==========\n\nNAME\n----\ngit-add - Add file contents\n\n[verse]\n'git add' [--verbose]\n\nSee linkgit:git-rm[1] and linkgit:git-mv[1], then HEAD{caret}.\n"
	conf := "# TAG: http_port\n# Usage: port\n\n# TAG: cache_dir\n# Usage: dir\n\n# TAG: acl\n# Usage: name\n"
	for _, c := range []struct{ name, text, want string }{
		{"spec.txt", md, "md"},
		{"lexical_analysis.rst.txt", "Lexical analysis\n================\n", "rst"},
		{"git-add.txt", adoc, "adoc"},
		// A shell's comments in a listing block are no Markdown headings,
		// whether or not a section title's dashes come before them.
		{"user-manual.txt", adoc + "\nTo revert it:\n\n-------------------------------------------------\n# Ignore any file named foo.txt.\n$ git revert HEAD\n-------------------------------------------------\n", "adoc"},
		{"gitignore-examples.txt", adoc + "\nEXAMPLES\n--------\n* Ignore generated files:\n+\n------------\n# Ignore any file named foo.txt.\n$ git add .\n------------\n", "adoc"},
		{"git-ignore.txt", "NAME\n----\ngit-ignore - ignore files\n\n" + strings.TrimPrefix(adoc, "git-add(1)\n==========\n\nNAME\n----\n") + "\n----\n# Ignore foo.\n----\n", "adoc"},
		{"squid.conf.txt", conf, "txt"},
		{"notes.txt", "Some notes.\n\nMore notes.\n", "txt"},
	} {
		if got := textKind(c.name, c.text); got != c.want {
			t.Errorf("textKind(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

// TestManSourceSkippedWithHowToRender: a manual page's roff source is not
// read, and the reason given says how to render it as text that is.
func TestManSourceSkippedWithHowToRender(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "ls.1"), ".TH LS 1\n.SH NAME\nls \\- list directory contents\n")
	write(t, filepath.Join(dir, "notes.txt"), "Notes.\n")
	c, err := LoadDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Skipped) != 1 || !strings.Contains(c.Skipped[0].Reason, "man -l ls.1 | col -bx > ls.1.txt") {
		t.Errorf("skipped %+v, want ls.1 with how to render it", c.Skipped)
	}
}

// GNU Info manuals are read, gzipped or not, split in parts or not, their
// markup for Info readers (between NULs) no reason to skip them; the
// file listing a split manual's parts, and a file named .info that is no
// Info manual, are skipped as no documents.
func TestLoadDirReadsInfoManuals(t *testing.T) {
	dir := t.TempDir()
	node := "\x1f\nFile: tool.info,  Node: Top,  Up: (dir)\n\nTool\n****\n\nTool counts words.\n\x00\b[image src=\"a.png\"\x00\b]\n" +
		"* Menu:\n\n* Use::  Using it.\n\nIt counts lines too.\n\n1.1.1 Quiet mode\n................\n\nQuiet mode prints nothing.\n"
	write(t, filepath.Join(dir, "tool.info"), "This is tool.info, produced by makeinfo version 7.1 from tool.texi.\n\n"+node)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("This is big.info-1, produced by makeinfo version 6.8 from big.texi.\n\n\x1f\nFile: big.info,  Node: Use,  Up: Top\n\n2 Use\n*****\n\nUse it.\n"))
	zw.Close()
	write(t, filepath.Join(dir, "big.info-1.gz"), gz.String())
	write(t, filepath.Join(dir, "big.info"), "This is big.info, produced by makeinfo version 6.8 from big.texi.\n\n\x1f\nIndirect:\nbig.info-1: 90\n\x1f\nTag Table:\n(Indirect)\nNode: Use\x7f90\n\x1f\nEnd Tag Table\n")
	write(t, filepath.Join(dir, "module.info"), "name = Views\ncore = 7.x\n")
	c, err := LoadDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range c.Documents {
		got = append(got, d.Source+" "+d.Kind+" "+documentTitle(d, d.Scan()))
	}
	want := []string{"big.info-1.gz info big", "tool.info info Tool"}
	if !slices.Equal(got, want) {
		t.Errorf("documents %q, want %q", got, want)
	}
	var skipped []string
	for _, s := range c.Skipped {
		skipped = append(skipped, s.Path)
	}
	if !slices.Equal(skipped, []string{"big.info", "module.info"}) {
		t.Errorf("skipped %+v, want the list of parts and the look-alike", c.Skipped)
	}
	ch := Chunk(c)
	checkProvenance(t, c, ch)
	ps := ch.Passages
	if len(ps) < 2 || !strings.Contains(ps[1].Text, "Tool counts words.") || ps[1].Title != "Tool" || ps[1].LineStart != 6 || !ps[1].Plain {
		t.Errorf("passages %+v, want tool.info's heading and text from line 6", ps)
	}
	for _, p := range ps {
		if strings.Contains(p.Text, "Using it") {
			t.Errorf("passage %q quotes the menu", p.Text)
		}
	}
}

// A paginated standard's passages run across its pages' ends, without
// their running headers and footers, and each stays within the lines its
// locator names.
func TestPagedTextPassages(t *testing.T) {
	page := func(n int) string {
		return fmt.Sprintf("\nPfeiffer                     Informational                      [Page %d]\n\f\nRFC 3533                          OGG                           May 2003\n\n", n)
	}
	doc := "1. Introduction\n\n   The Ogg format carries media streams so that they can be carried in\n" + page(1) +
		"   a single bitstream.  Each page holds one packet.\n" + page(2) + "2. Definitions\n\n   A packet is what the encoder makes.\n" + page(3)
	dir := t.TempDir()
	write(t, filepath.Join(dir, "rfc3533.txt"), doc)
	c, err := LoadDir(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ch := Chunk(c)
	checkProvenance(t, c, ch)
	var got []string
	for _, p := range ch.Passages {
		got = append(got, show(p))
	}
	want := []string{
		"1-9 [1. Introduction] 1. Introduction\n\n   The Ogg format carries media streams so that they can be carried in\n   a single bitstream.  Each page holds one packet.",
		"15-17 [2. Definitions] 2. Definitions\n\n   A packet is what the encoder makes.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("passages\n  %q\nwant\n  %q", got, want)
	}
}

// TestOverstrikeReadAsItsLetters: nroff's bold ("P\bPo\bo") and underline
// ("_\bf") read as the letters a pager shows; no line break is ever
// taken with a backspace, so lines stay where they are.
func TestOverstrikeReadAsItsLetters(t *testing.T) {
	for in, want := range map[string]string{
		"P\bPo\bos\bst\btf\bfi\bix\bx TLS\n\n_\bf_\bi_\bl_\be here": "Postfix TLS\n\nfile here",
		"B\bB\bBo\bol\bld\bd":        "Bold",
		"x\b_y":                      "xy",
		"no marks":                   "no marks",
		"é\bé and a struck \b space": "é and a struck space",
		"trailing\b":                 "trailing\b",
		"X\bX\b\nnext":               "X\b\nnext",
		"a\n\bX\nb":                  "a\n\bX\nb",
		"|\b/\b-\b\\\b|\b\nline":     "|\b\nline",
	} {
		if got := withoutOverstrike(in); got != want {
			t.Errorf("withoutOverstrike(%q) = %q, want %q", in, got, want)
		}
	}
}
