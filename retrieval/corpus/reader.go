package corpus

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/citebot/citebot/retrieval/corpus/structure"
	"github.com/citebot/citebot/retrieval/text"
)

// Load reads every document of fsys (the embedded corpus, a test's files:
// .txt, .md, .html and .pdf files, and the plain text kindOf names, each
// also gzipped) with the default options. Symbolic links in fsys are not followed; a corpus folder
// on disk is read with LoadDir.
func Load(fsys fs.FS) (*Corpus, error) {
	return load(fsSource(fsys), Options{})
}

// LoadDir reads every document (as Load) under the folder dir,
// recursively, without ever leaving it: a symbolic link is followed only
// when its target is a regular file inside dir, and only regular files are
// opened (never a named pipe, device or socket), each at most
// opts.MaxFileBytes long. What cannot be read is skipped and reported in
// Corpus.Skipped (Problem set); the load fails only when no document is left.
func LoadDir(dir string, opts Options) (*Corpus, error) {
	src, closeRoot, err := dirSource(dir)
	if err != nil {
		return nil, err
	}
	defer closeRoot()
	return load(src, opts)
}

// source is where a corpus is read from: a tree to walk, and the guarded
// way a file found in it is opened.
type source struct {
	fsys fs.FS
	// resolve returns the name to stat and open for the file at p, or why
	// the file is skipped.
	resolve func(p string, d fs.DirEntry) (name, skip string)
	stat    func(name string) (fs.FileInfo, error)
	open    func(name string) (fs.File, error)
}

// fsSource reads an fs.FS, where links are never followed.
func fsSource(fsys fs.FS) source {
	return source{
		fsys: fsys,
		resolve: func(p string, d fs.DirEntry) (string, string) {
			if d.Type()&fs.ModeSymlink != 0 {
				return "", "symbolic link, not followed here"
			}
			return p, ""
		},
		stat: func(name string) (fs.FileInfo, error) { return fs.Stat(fsys, name) },
		open: fsys.Open,
	}
}

// dirSource reads a folder on disk through an os.Root, which refuses any
// path leaving the folder, even when a link is swapped under it.
func dirSource(dir string) (source, func(), error) {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return source{}, nil, fmt.Errorf("corpus folder: %w", err)
	}
	real, err = filepath.Abs(real)
	if err != nil {
		return source{}, nil, fmt.Errorf("corpus folder: %w", err)
	}
	root, err := os.OpenRoot(real)
	if err != nil {
		return source{}, nil, fmt.Errorf("corpus folder: %w", err)
	}
	src := source{
		fsys: root.FS(),
		resolve: func(p string, d fs.DirEntry) (string, string) {
			if d.Type()&fs.ModeSymlink == 0 {
				return p, ""
			}
			return resolveLink(real, p)
		},
		stat: root.Stat,
		open: func(name string) (fs.File, error) {
			// O_NONBLOCK: should a named pipe take the file's place
			// between the check and the open, opening it doesn't wait for
			// a writer; the opened file is checked again before reading.
			return root.OpenFile(name, os.O_RDONLY|openNonblock, 0)
		},
	}
	return src, func() { root.Close() }, nil
}

// resolveLink returns where the link at p (slash-separated, relative to
// the folder real) leads, relative to real, or why it is not followed.
func resolveLink(real, p string) (string, string) {
	target, err := filepath.EvalSymlinks(filepath.Join(real, filepath.FromSlash(p)))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", "broken link: its target does not exist"
	case err != nil && (errors.Is(err, syscall.ELOOP) || strings.Contains(err.Error(), "too many links")):
		return "", "link loop"
	case err != nil:
		return "", "unreadable link: " + errText(err)
	}
	rel, err := filepath.Rel(real, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return "", "link to a file outside the corpus folder"
	}
	if rel == "." {
		return "", "link to a folder, not followed"
	}
	return filepath.ToSlash(rel), ""
}

// errText is what an error says without the path it names.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// load reads the corpus of src in lexical order. Files of other types,
// hidden files and folders, and empty files are skipped; so are files that
// cannot be read, with Problem set. A corpus without documents is an error.
func load(src source, opts Options) (*Corpus, error) {
	l := loader{src: src, limit: opts.MaxFileBytes, slow: opts.SlowPDFs, pdfCache: opts.PDFCache, retryPDFs: opts.RetryPDFs,
		c: &Corpus{}, h: sha256.New()}
	if l.limit <= 0 {
		l.limit = DefaultMaxFileBytes
	}
	fmt.Fprintf(l.h, "%s\n", chunkerVersion)
	if err := fs.WalkDir(src.fsys, ".", l.visit); err != nil {
		return nil, err
	}
	c := l.c
	if len(c.Documents) == 0 {
		if s := c.ProblemSummary(3); s != "" {
			return nil, fmt.Errorf("%w; %s", ErrEmptyCorpus, s)
		}
		return nil, ErrEmptyCorpus
	}
	c.Hash = hex.EncodeToString(l.h.Sum(nil))
	return c, nil
}

// loader is one walk of a corpus source.
type loader struct {
	src   source
	limit int64
	slow  *SlowPDFs
	// pdfCache is the folder of text extracted from PDFs (Options.PDFCache).
	pdfCache  string
	retryPDFs RetryPDFs
	c         *Corpus
	h         hash.Hash // of every document read, in order
}

// retry says whether a PDF kept as unreadable is tried again.
func (l *loader) retry(kept pdfText) bool {
	return l.retryPDFs == RetryAll || l.retryPDFs == RetryTimedOut && kept.timedOut() && kept.Attempts < maxPDFAttempts
}

func (l *loader) skip(p, reason string, problem bool) {
	l.c.Skipped = append(l.c.Skipped, Skipped{Path: p, Reason: reason, Problem: problem})
}

// visit is the fs.WalkDirFunc of a load: it reads the document at p or
// records why it is skipped.
func (l *loader) visit(p string, d fs.DirEntry, err error) error {
	if err != nil {
		if p == "." {
			return fmt.Errorf("read corpus folder: %w", err)
		}
		l.skip(p, "unreadable: "+errText(err), true)
		if d != nil && d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	if p != "." && strings.HasPrefix(d.Name(), ".") {
		l.skip(p, "hidden", false)
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	if d.IsDir() {
		return nil
	}
	name, gz := gunzippedName(d.Name())
	kind, byName, ok := kindOf(name)
	if !ok {
		if manSource.MatchString(name) {
			if text, why, _ := l.read(p, d, gz, false); why == "" && roffSource(text) {
				l.skip(p, "a manual page's roff source, not read as written; to have it read, render it as text: man -l "+path.Base(p)+" | col -bx > "+path.Base(name)+".txt", false)
				return nil
			}
		}
		if w := secretWordOf(name); w != "" && docShapedName(name) {
			l.skip(p, fmt.Sprintf("named as a document, but its name holds a secret's word (%s): not read, lest it hold one", w), false)
			return nil
		}
		l.skip(p, "not a .txt, .md, .mdx, .rst, .adoc, .org, .html, .pdf or .info file (or one gzipped), nor a README-like document", false)
		return nil
	}
	text, why, problem := l.read(p, d, gz, kind == "pdf")
	if byName && why == "" && !looksLikeText(text) {
		// A README or INSTALL file that is a script or a binary is no
		// document, and no problem.
		l.skip(p, "named as a document, but not text to read", false)
		return nil
	}
	checked := text
	if kind == "info" {
		checked = structure.InfoText(text) // its markup for Info readers is between NULs
	}
	if why == "" && kind != "pdf" && strings.IndexByte(checked, 0) >= 0 {
		// NULs are valid UTF-8, but no text has them: UTF-16 without its
		// byte-order mark ("\x00H\x00e…"), or a binary.
		why, problem = ErrNotUTF8.Error(), true
	}
	if why != "" {
		l.skip(p, why, problem)
		return nil
	}
	if kind == "txt" {
		kind = textKind(name, text)
	}
	doc := Document{Source: p, Text: text, Kind: kind}
	switch kind {
	case "pdf":
		sum := sha256.Sum256([]byte(text))
		if l.slow.has(sum) {
			l.skip(p, "unreadable PDF: "+errPDFTimeout.Error()+" (when read before; not read again)", true)
			return nil
		}
		kept, ok := cachedPDF(l.pdfCache, sum)
		if ok && kept.Failed != "" && !l.retry(kept) {
			again := "'citebot index --force'"
			if kept.timedOut() && kept.Attempts < maxPDFAttempts {
				again = "'citebot index'"
			}
			l.skip(p, "unreadable PDF: "+kept.Failed+" (when read before; not read again until "+again+")", true)
			return nil
		}
		if !ok || kept.Failed != "" {
			pages, title, err := extractWithin([]byte(text))
			if errors.Is(err, errPDFTimeout) {
				l.slow.add(sum)
			}
			if err != nil {
				// Remembered, so that the next load (every ask of the
				// command line) doesn't spend the time again.
				failed := pdfText{Version: PDFTextVersion, Failed: err.Error(), TimedOut: errors.Is(err, errPDFTimeout)}
				if failed.TimedOut {
					failed.Attempts = kept.Attempts + 1
				}
				_ = cachePDF(l.pdfCache, sum, failed)
				l.skip(p, "unreadable PDF: "+err.Error(), true)
				return nil
			}
			kept = pdfText{Version: PDFTextVersion, Title: title, Pages: pageLines(pages)}
		}
		st := pdfDoc(kept.pages())
		if strings.TrimSpace(st.Text) == "" {
			l.skip(p, "no text in the PDF (scanned pages need OCR first)", true)
			return nil
		}
		// PDFs are where text comes out garbled; judged once, when
		// extracted (judging every document, each load, would double a
		// large corpus's).
		if kept.Garbled == nil {
			why := garbled(st.Text, true)
			kept.Garbled = &why
			_ = cachePDF(l.pdfCache, sum, kept) // a cache: unwritten, the text is extracted again next time
		}
		if *kept.Garbled != "" {
			l.c.Garbled = append(l.c.Garbled, Skipped{Path: p, Reason: *kept.Garbled})
		}
		doc.Text, doc.view, doc.title = st.Text, &st, kept.Title
		text = st.Text
	case "md":
		if structure.IsRendered(text) {
			st := structure.ScanMyST(text)
			if strings.TrimSpace(st.Text) == "" {
				l.skip(p, "no visible text", false)
				return nil
			}
			doc.view = &st
		}
	case "info":
		if !structure.IsInfo(text) {
			l.skip(p, "named .info, but not a GNU Info manual", false)
			return nil
		}
		st := structure.ScanInfo(text)
		if strings.TrimSpace(st.Text) == "" {
			l.skip(p, "a GNU Info manual's list of its parts; its text is in the parts", false)
			return nil
		}
		doc.view, doc.title = &st, structure.InfoTitle(text)
	case "html", "rst", "mdx", "org", "adoc":
		st := scanView(kind, text)
		if strings.TrimSpace(st.Text) == "" {
			l.skip(p, "no visible text", false)
			return nil
		}
		doc.view = &st
	}
	fmt.Fprintf(l.h, "%s\x00%d\x00", p, len(text))
	l.h.Write([]byte(text))
	l.c.Documents = append(l.c.Documents, doc)
	return nil
}

// PageOf names the page a document is an edition of: its path without
// the extension that made it a document, nor a gzip one ("api/fs.md" and
// "api/fs.html" are one page's; "v0.9.md" and "v0.10.md" two).
func PageOf(source string) string {
	if name, gz := gunzippedName(path.Base(source)); gz {
		source = path.Join(path.Dir(source), name)
	}
	if _, byName, ok := kindOf(path.Base(source)); ok && !byName {
		return strings.TrimSuffix(source, path.Ext(source))
	}
	return source
}

// kindOf returns the Document.Kind of a file name, whether that kind
// comes from the name alone (so the content must show it is text), and
// false for a file that is not corpus material. An .org file is Org (see
// structure.ScanOrg), an .adoc or .asciidoc file AsciiDoc (see
// structure.ScanAsciiDoc). Plain text is a .txt or .text file, or a file
// named as projects name their documents (README, INSTALL, NEWS, FAQ,
// WHATSNEW, …): with no suffix or one that is no file
// type (README.Debian, README.api, NEWS.old; README.saving, see
// readmeWord; README-flagfiles alike), or after a project's name
// (gdb-README, dbus_FAQ). Other files
// without an extension are not read: a folder holds credentials, keys,
// shell histories and build files under such names (Makefile, Dockerfile,
// id_rsa, license_key, zsh_history).
func kindOf(name string) (kind string, byName, ok bool) {
	switch ext := strings.TrimPrefix(strings.ToLower(path.Ext(name)), "."); ext {
	case "txt", "text":
		return "txt", false, true
	case "adoc", "asciidoc":
		return "adoc", false, true
	case "org":
		return "org", false, true
	case "rst":
		return "rst", false, true
	case "md", "markdown":
		return "md", false, true
	case "mdx":
		return "mdx", false, true
	case "html", "htm":
		return "html", false, true
	case "pdf":
		return "pdf", false, true
	case "info":
		return "info", false, true
	}
	if infoPart.MatchString(strings.TrimPrefix(strings.ToLower(path.Ext(name)), ".")) {
		return "info", false, true // a part of a manual split in several: "find.info-1"
	}
	stem, suffix, _ := strings.Cut(strings.ToLower(name), ".")
	if stem == "readme" && (readmeTopic(suffix) || readmeWord(suffix)) {
		return "txt", true, true
	}
	if topic, ok := readmeDash(stem); ok && suffix == "" && (readmeTopic(topic) || readmeWord(topic)) {
		return "txt", true, true // daemontools' README-flagfiles as README.flagfiles
	}
	if !docSuffixes[suffix] && !(releaseLogs[stem] && releaseSuffix.MatchString(suffix)) {
		return "", false, false
	}
	if docNames[stem] || shoutedDocName(name) {
		return "txt", true, true
	}
	// A project's name before the document's: the last part must be one
	// that names nothing else (not "install" of "post-install").
	if i := strings.LastIndexAny(stem, "-_"); i > 0 && namedAfterProject[stem[i+1:]] {
		return "txt", true, true
	}
	return "", false, false
}

// infoPart matches the extension of a part of a GNU Info manual split in
// several files ("info-1" of "find.info-1").
var infoPart = regexp.MustCompile(`^info-[0-9]+$`)

// releaseSuffix matches the releases a log of releases' suffix says it is
// of (Emacs's "NEWS.1-17", "NEWS.19"); releaseLogs are the names of such
// logs (not "install.1", a manual page's source).
var (
	releaseSuffix = regexp.MustCompile(`^[0-9]+(-[0-9]+)?$`)
	releaseLogs   = map[string]bool{"news": true, "changes": true, "changelog": true}
)

// manSource matches the name of a manual page's roff source: a section's
// number, perhaps with a suffix ("ls.1", "ssh_config.5", "Digest.3pm").
var manSource = regexp.MustCompile(`\.[1-9][a-z]{0,4}$`)

// roffSource reports whether text is roff's: its first line a request
// (".TH", ".Dd", a comment's `.\"`) or a preprocessor's line (`'\"`).
func roffSource(text string) bool {
	first, _, _ := strings.Cut(strings.TrimLeft(text, "\n"), "\n")
	return strings.HasPrefix(first, ".") && len(first) > 1 || strings.HasPrefix(first, "'\\\"")
}

// textKind returns the markup a text file (.txt, or a README-like name) is
// written in, which its name may not say: reStructuredText for Sphinx's
// page sources ("lexical_analysis.rst.txt"), Markdown for a file of
// Markdown headings and fenced code or links (CommonMark's spec.txt, many
// a README.txt), AsciiDoc for one of its macros and blocks (git's
// Documentation/*.txt); plain text ("txt") otherwise.
func textKind(name, text string) string {
	lower := strings.ToLower(name)
	for _, k := range []string{"rst", "md", "adoc"} {
		if strings.HasSuffix(lower, "."+k+".txt") {
			return k
		}
	}
	if len(text) > sniffBytes {
		text = text[:sniffBytes] // the markup shows early; a large file is not read twice
	}
	// atxOutside counts the "# …" lines outside AsciiDoc's listing and
	// literal blocks ("----", "...."): within them they are a shell's
	// comments (git's user manual: "# Ignore any file named foo.txt.").
	var atx, atxOutside, fences, links, adoc int
	inBlock, prev := false, ""
	for line := range strings.Lines(text) {
		t := strings.TrimRight(line, "\r\n")
		above := prev
		prev = t
		switch {
		case adocDelimiter(t) && (inBlock || opensAdocBlock(above)):
			// A block opens after a blank line, a list's continuation
			// ("+"), a block's style ("[source,shell]") or title
			// (".Example"); "----" under a title ("NAME") underlines it.
			inBlock = !inBlock
		case strings.HasPrefix(t, "#") && atxLine.MatchString(t):
			atx++
			if !inBlock {
				atxOutside++
			}
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fences++
		case strings.Contains(t, "linkgit:") || strings.Contains(t, "::") || strings.HasPrefix(t, "[") || strings.Contains(t, "}"):
			adoc += len(adocMark.FindAllStringIndex(t, -1))
		}
		links += strings.Count(t, "](")
	}
	switch {
	case adoc >= minMarks && atxOutside == 0:
		return "adoc"
	case atx >= minMarks && (fences >= 2 || links >= minMarks):
		return "md"
	}
	return "txt"
}

// adocDelimiter reports whether a line opens or closes an AsciiDoc
// listing or literal block: four or more "-" or "." alone.
func adocDelimiter(t string) bool {
	return len(t) >= 4 && (strings.Trim(t, "-") == "" || strings.Trim(t, ".") == "")
}

// opensAdocBlock reports whether the line above an AsciiDoc delimiter lets
// it open a block.
func opensAdocBlock(above string) bool {
	a := strings.TrimSpace(above)
	return a == "" || a == "+" || strings.HasPrefix(a, "[") && strings.HasSuffix(a, "]") ||
		len(a) > 1 && a[0] == '.' && a[1] != '.' && a[1] != ' '
}

// minMarks is how many marks of a markup a text file needs to be read as
// written in it; sniffBytes is how much of it is read for them.
const (
	minMarks   = 3
	sniffBytes = 64 << 10
)

// atxLine matches a Markdown heading at a line's start: "## Install".
var atxLine = regexp.MustCompile(`^#{1,6} +\S`)

// adocMark matches what only AsciiDoc writes: a macro or directive
// ("linkgit:git-add[1]", "include::", "ifdef::"), a block's style
// ("[verse]", "[source,sh]"), an attribute of a character ("{caret}").
var adocMark = regexp.MustCompile(`linkgit:\S+\[\d\]|^(include|ifdef|ifndef|endif|image)::|^\[(verse|source|listing|literal|NOTE|TIP|WARNING|IMPORTANT|CAUTION)[\],]|\{(caret|tilde|litdd|startsb|endsb|nbsp)\}`)

// readmeTopic reports whether what follows "README." names a topic of
// several words, as Debian's README.invoke-rc.d or
// README.feature-removal-schedule do, rather than a file type (README.sh,
// README.json), a tool's settings (README.npmrc, README.my-cnf) or a
// secret (README.secret-key): two words or more, none a file type or
// ending as settings files do, and no secret's word. A single word is
// read when readmeWord says so.
func readmeTopic(suffix string) bool { return readmeTopicShape(suffix) && !hasSecretWord(suffix) }

// readmeTopicShape is readmeTopic but for the secret's word.
func readmeTopicShape(suffix string) bool {
	if !topicWords.MatchString(suffix) {
		return false
	}
	for _, part := range strings.FieldsFunc(suffix, func(r rune) bool { return r == '-' || r == '.' }) {
		if fileTypes[part] || settingsName(part) {
			return false
		}
	}
	return true
}

// readmeWord reports whether what follows "README." is one word naming a
// topic, as Debian's README.saving (of fakeroot), README.local,
// README.systemd or README.FHS do: a dictionary word of four letters or
// more, or a name of three letters or more (no digits), no file type, not
// ending as settings files do (README.npmrc), and no secret's word
// (README.secret, README.env, README.venv, README.passwords,
// README.backup).
func readmeWord(suffix string) bool { return readmeWordShape(suffix) && !hasSecretWord(suffix) }

// readmeWordShape is readmeWord but for the secret's word.
func readmeWordShape(suffix string) bool {
	if len(suffix) < 3 || fileTypes[suffix] {
		return false
	}
	if text.IsEnglishWord(suffix) {
		return len(suffix) >= 4
	}
	return strings.Trim(suffix, "abcdefghijklmnopqrstuvwxyz") == "" && !settingsName(suffix)
}

// settingsName reports whether a name ends as a tool's settings file does
// ("npmrc", "my-cnf"'s "cnf", "app.cfg"'s "cfg").
func settingsName(part string) bool {
	return len(part) > 2 && strings.HasSuffix(part, "rc") || strings.HasSuffix(part, "cfg") || strings.HasSuffix(part, "cnf")
}

// topicWords matches a suffix of two words or more: "invoke-rc.d",
// "feature-removal-schedule".
var topicWords = regexp.MustCompile(`^[a-z][a-z0-9]*(?:[-.][a-z0-9]+)+$`)

// fileTypes are extensions of files that are not documents to read: code,
// data, archives, images, keys.
var fileTypes = map[string]bool{
	"sh": true, "bash": true, "zsh": true, "py": true, "pl": true, "rb": true, "js": true, "ts": true, "go": true,
	"c": true, "h": true, "cc": true, "cpp": true, "java": true, "json": true, "yaml": true, "yml": true, "toml": true,
	"xml": true, "ini": true, "cfg": true, "conf": true, "key": true, "pem": true, "crt": true, "der": true,
	"p12": true, "pfx": true, "gpg": true, "asc": true, "sig": true, "gz": true, "bz2": true, "xz": true, "zst": true,
	"zip": true, "tar": true, "db": true, "sqlite": true, "dat": true, "bin": true, "exe": true, "so": true, "o": true,
	"a": true, "png": true, "jpg": true, "jpeg": true, "gif": true, "svg": true, "ico": true, "css": true,
	"bak": true, "log": true, "lock": true, "csv": true, "tsv": true, "jar": true, "deb": true, "rpm": true,
	"patch": true, "diff": true, "python": true, "perl": true, "ruby": true, "swp": true, "tmp": true,
	"orig": true, "rej": true, "php": true, "lua": true, "rs": true, "kt": true, "swift": true, "bat": true,
	"ps1": true, "cmd": true, "env": true, "pid": true, "sock": true, "hbs": true, "tpl": true, "tmpl": true,
	"ejs": true, "erb": true, "njk": true, "sql": true, "tex": true, "vim": true, "nix": true, "proto": true,
	"jsx": true, "tsx": true, "mjs": true, "cjs": true, "vue": true, "pod": true, "ppk": true, "mustache": true,
	"jinja": true, "twig": true, "liquid": true, "scss": true, "sass": true, "svelte": true, "dart": true,
	"scala": true, "groovy": true, "gradle": true, "pom": true, "bak1": true, "dist": true, "sample": true,
}

// shoutedDocName reports whether a file without an extension is named as
// projects name their documents in capitals (POSIX, COMPAT, DETAILS,
// OVERVIEW of bash and GnuPG): four or more capital letters, no word of a
// secret (a key, token, password, credential, history, certificate).
func shoutedDocName(name string) bool { return shoutedShape(name) && !hasSecretWord(name) }

// shoutedShape is shoutedDocName but for the secret's word.
func shoutedShape(name string) bool {
	if len(name) < 4 || len(name) > 24 || strings.Contains(name, ".") {
		return false
	}
	letters := 0
	for _, c := range name {
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
		case c >= '0' && c <= '9' || c == '-' || c == '_':
		default:
			return false
		}
	}
	return letters >= 4
}

// hasSecretWord reports whether a name holds a secret's word, in any case.
func hasSecretWord(name string) bool { return secretWordOf(name) != "" }

// secretWordOf returns the first secret's word a name holds, in capitals,
// or "": one of secretWords anywhere in it, or one of secretParts as a
// whole part of it (README.aws, readme-jwt; not "gpg" of "gpgme").
func secretWordOf(name string) string {
	up := strings.ToUpper(name)
	for _, w := range secretWords {
		if strings.Contains(up, w) {
			return w
		}
	}
	for part := range strings.FieldsFuncSeq(strings.ToLower(name), func(r rune) bool { return r == '.' || r == '-' || r == '_' }) {
		if secretParts[part] {
			return strings.ToUpper(part)
		}
	}
	return ""
}

// secretParts are whole parts of names of files holding credentials,
// too short or too common inside other words to look for anywhere
// ("otp" of "footprint").
var secretParts = map[string]bool{"aws": true, "gcp": true, "azure": true, "jwt": true, "dsn": true, "tfvars": true,
	"otp": true, "totp": true, "mfa": true, "pgp": true, "gpg": true, "gnupg": true, "bearer": true, "sudoers": true,
	"htaccess": true, "htpasswd": true, "pat": true, "ghp": true, "kubeconfig": true, "oauth": true}

// docShapedName reports whether a name is shaped as a document's that
// kindOf would read but for a secret's word it holds (README.cookies,
// KEYS, README.passwords): README with a topic, or a name in capitals.
// Such a file is never read, and the skip says why.
func docShapedName(name string) bool {
	stem, suffix, _ := strings.Cut(strings.ToLower(name), ".")
	if stem == "readme" {
		return readmeTopicShape(suffix) || readmeWordShape(suffix)
	}
	if topic, ok := readmeDash(stem); ok && suffix == "" && (readmeTopicShape(topic) || readmeWordShape(topic)) {
		return true
	}
	return shoutedShape(name)
}

// readmeDash returns the topic of a README named with a dash or an
// underscore ("flagfiles" of README-flagfiles), read as README.flagfiles
// would be.
func readmeDash(stem string) (string, bool) {
	for _, sep := range []string{"readme-", "readme_"} {
		if topic, ok := strings.CutPrefix(stem, sep); ok {
			return topic, true
		}
	}
	return "", false
}

// secretWords are parts of names files holding secrets have.
var secretWords = []string{"KEY", "TOKEN", "SECRET", "PASS", "PWD", "CRED", "AUTH", "HISTORY", "ENV", "RSA", "DSA",
	"ED25519", "PEM", "CERT", "NETRC", "SHADOW", "PRIVATE", "SESSION", "COOKIE", "ACCOUNT", "LOGIN", "BACKUP", "DUMP",
	"CONF", "SETTING", "VAULT", "WALLET", "SSH", "SEED", "MNEMONIC", "RECOVER", "PROD", "SENSITIVE"}

// docNames are the names projects give their plain-text documents
// (procmail's QuickStart too).
var docNames = map[string]bool{
	"readme": true, "install": true, "news": true, "faq": true, "changes": true, "changelog": true,
	"todo": true, "authors": true, "bugs": true, "hacking": true, "thanks": true, "contributing": true,
	"copying": true, "license": true, "licence": true, "notice": true, "usage": true, "manual": true,
	"whatsnew": true, "credits": true, "copyright": true, "quickstart": true, "gettingstarted": true, "tutorial": true,
	"howto": true, "guide": true, "overview": true, "introduction": true, "quickref": true,
}

// namedAfterProject are the docNames that may follow a project's name and
// a "-" or "_" (gdb-README): none that also ends the names of scripts and
// secrets (post-install, license_key). Not "history", a shell's
// (zsh_history).
var namedAfterProject = map[string]bool{
	"readme": true, "news": true, "faq": true, "changes": true, "changelog": true, "todo": true,
	"bugs": true, "whatsnew": true,
}

// docSuffixes are what follows the dot of a document's name when it is no
// file type: the platform or distribution it is for, its age, or its topic
// (README.Debian, INSTALL.unix, NEWS.old, README.api). A list, not a rule:
// any word would let in README.secret, license.dat or CREDITS.netrc.
var docSuffixes = map[string]bool{
	"": true, "debian": true, "source": true, "unix": true, "linux": true, "windows": true, "win32": true,
	"macos": true, "mac": true, "osx": true, "bsd": true, "gnu": true, "ubuntu": true, "cygwin": true,
	"mingw": true, "msdos": true, "dos": true, "vms": true, "solaris": true, "aix": true, "android": true,
	"old": true, "new": true, "first": true, "api": true, "dev": true, "developers": true, "hacking": true,
	"maintainer": true, "maintainers": true, "packaging": true, "security": true, "privsep": true,
	"platform": true, "platforms": true, "multiarch": true, "upgrade": true, "upgrading": true,
	"migration": true, "build": true, "building": true, "install": true, "installation": true,
	"tests": true, "testing": true, "design": true, "internals": true, "usage": true, "examples": true,
	"compat": true, "porting": true, "cross": true, "release": true, "releases": true, "contrib": true,
	"translators": true, "bugs": true, "dns": true, "tun": true, "rpm": true, "git": true,
}

// Bounds of text that reads poorly (garbled): more of its long words
// English read backwards than forwards (a PDF's reversed text); a share of
// them that are English words below minEnglish (mis-encoded text; real
// READMEs read 70 % and more, a list of authors' names or of settings 33
// to 45 %); or, for a PDF, a share of its lines holding one word above
// maxOneWordLines (a page whose words come out one per line, 78 %; HTML's
// lists reach 69 %, so only PDFs).
const (
	minEnglish      = 0.25
	maxOneWordLines = 0.7
	minJudgedWords  = 200
)

// garbled says why a document's text reads poorly, or "" when it reads
// well or is too short to tell.
func garbled(s string, pdf bool) string {
	n, english, backwards := 0, 0, 0
	for _, w := range text.Words(s) {
		if len(w) < 4 || strings.IndexFunc(w, func(r rune) bool { return r < 'a' || r > 'z' }) >= 0 {
			continue
		}
		n++
		if text.IsEnglishWord(w) {
			english++
		}
		b := []byte(w)
		slices.Reverse(b)
		if text.IsEnglishWord(string(b)) {
			backwards++
		}
	}
	if n < minJudgedWords {
		return ""
	}
	share := float64(english) / float64(n)
	switch {
	case backwards > english:
		return fmt.Sprintf("more of its words are English read backwards (%.0f%%) than forwards (%.0f%%): its text came out reversed", 100*float64(backwards)/float64(n), 100*share)
	case share < minEnglish:
		return fmt.Sprintf("only %.0f%% of its words are English words: mis-encoded, or not English", 100*share)
	}
	if pdf {
		lines, one := 0, 0
		for line := range strings.Lines(s) {
			switch len(strings.Fields(line)) {
			case 0:
			case 1:
				lines++
				one++
			default:
				lines++
			}
		}
		if share := float64(one) / float64(max(lines, 1)); share > maxOneWordLines {
			return fmt.Sprintf("%.0f%% of its lines hold one word: the PDF's layout came out word by word", 100*share)
		}
	}
	return ""
}

// looksLikeText reports whether the text of a file named as a document is
// one: no NUL bytes and no script's "#!" line.
func looksLikeText(text string) bool {
	return !strings.HasPrefix(text, "#!") && !strings.ContainsRune(text, 0)
}

// gunzippedName returns the name of a gzipped file without its ".gz" (the
// name its text is read as: Debian compresses every document over a few
// KB, README.gz, user_guide.rst.gz) and whether it had one.
func gunzippedName(name string) (string, bool) {
	if len(name) > 3 && strings.EqualFold(name[len(name)-3:], ".gz") {
		return name[:len(name)-3], true
	}
	return name, false
}

// read returns the text of the corpus file at p (its bytes as they are
// when binary; decompressed when gz), or why it is skipped and whether
// that is a problem.
func (l *loader) read(p string, d fs.DirEntry, gz, binary bool) (text, why string, problem bool) {
	if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
		return "", notRegular(d.Type()), true
	}
	target, why := l.src.resolve(p, d)
	if why != "" {
		return "", why, true
	}
	raw, why := readGuarded(l.src, target, l.limit)
	if why != "" {
		return "", why, true
	}
	if gz {
		if raw, why = gunzip(raw, l.limit); why != "" {
			return "", why, true
		}
	}
	if binary {
		if len(raw) == 0 {
			return "", "empty", false
		}
		return string(raw), "", false
	}
	if !utf8.Valid(raw) {
		legacy, ok := fromLatin1(raw)
		if !ok {
			return "", ErrNotUTF8.Error(), true
		}
		// An older document in Latin-1 (a name with an accent in
		// make's NEWS) is read, and said to be.
		l.c.Garbled = append(l.c.Garbled, Skipped{Path: p, Reason: "not UTF-8: read as Latin-1 (Windows-1252), check its accented letters"})
		raw = legacy
	}
	text = withoutOverstrike(normalizeLineEnds(string(bytes.TrimPrefix(raw, []byte("\ufeff")))))
	if strings.TrimSpace(text) == "" {
		return "", "empty", false
	}
	return text, "", false
}

// readGuarded reads the regular file name of src, at most limit bytes, or
// says why it is not read. The file is checked before it is opened and
// again once open, so nothing but a regular file is ever read from.
func readGuarded(src source, name string, limit int64) ([]byte, string) {
	st, err := src.stat(name)
	if err != nil {
		return nil, "unreadable: " + errText(err)
	}
	if why := checkFile(st, limit); why != "" {
		return nil, why
	}
	f, err := src.open(name)
	if err != nil {
		return nil, "unreadable: " + errText(err)
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, "unreadable: " + errText(err)
	}
	if why := checkFile(st, limit); why != "" {
		return nil, why
	}
	raw, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, "unreadable: " + errText(err)
	}
	if int64(len(raw)) > limit {
		return nil, tooLarge(limit)
	}
	return raw, ""
}

// fromLatin1 returns text that is not UTF-8 read as Latin-1 (Windows-1252
// in 0x80–0x9F, where its quotes and dashes are): its valid UTF-8 kept as
// it is, each byte that is not read as its Windows-1252 character. False
// when it is no such text: a NUL or other control byte (UTF-16, a binary),
// a byte Windows-1252 has no character for, stray bytes in runs of three
// or more (another encoding: KOI8-R, Shift_JIS), or more than a fifth of
// its bytes outside ASCII.
func fromLatin1(raw []byte) ([]byte, bool) {
	high := 0
	for _, c := range raw {
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f:
			return nil, false
		case c >= 0x80:
			high++
		}
	}
	if 5*high > len(raw) {
		return nil, false
	}
	out := make([]byte, 0, len(raw)+high)
	run := 0
	for i := 0; i < len(raw); {
		r, n := utf8.DecodeRune(raw[i:])
		if r != utf8.RuneError || n > 1 {
			out = append(out, raw[i:i+n]...)
			i += n
			run = 0
			continue
		}
		c := raw[i]
		if run++; run >= 3 || c >= 0x80 && c < 0xa0 && cp1252[c-0x80] == '\uFFFD' {
			return nil, false
		}
		if c < 0xa0 {
			out = utf8.AppendRune(out, cp1252[c-0x80])
		} else {
			out = utf8.AppendRune(out, rune(c))
		}
		i++
	}
	return out, true
}

// cp1252 is what Windows-1252 has in 0x80–0x9F; U+FFFD where it has nothing.
var cp1252 = [32]rune{
	'€', '\uFFFD', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\uFFFD', 'Ž', '\uFFFD',
	'\uFFFD', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\uFFFD', 'ž', 'Ÿ',
}

// gunzip returns the decompressed bytes of a gzipped file, at most limit
// of them (a small file can hold gigabytes of zeros), or why it is not read.
func gunzip(raw []byte, limit int64) ([]byte, string) {
	in := bytes.NewReader(raw)
	zr, err := gzip.NewReader(in)
	if err != nil {
		return nil, "unreadable: not gzip data: " + errText(err)
	}
	var out bytes.Buffer
	for {
		// One member at a time: what follows the last may be zeros a
		// tape or a block device padded the file with, as gzip(1) allows.
		zr.Multistream(false)
		if _, err := io.Copy(&out, io.LimitReader(zr, limit+1-int64(out.Len()))); err != nil {
			return nil, "unreadable: damaged gzip data: " + errText(err)
		}
		if int64(out.Len()) > limit {
			return nil, tooLarge(limit) + " once decompressed"
		}
		rest := raw[len(raw)-in.Len():]
		if len(bytes.Trim(rest, "\x00")) == 0 {
			return out.Bytes(), ""
		}
		if err := zr.Reset(in); err != nil {
			return nil, "unreadable: damaged gzip data: " + errText(err)
		}
	}
}

// checkFile says why a file is not read: not a regular file, or too large.
func checkFile(st fs.FileInfo, limit int64) string {
	if !st.Mode().IsRegular() {
		return notRegular(st.Mode().Type())
	}
	if st.Size() > limit {
		return tooLarge(limit)
	}
	return ""
}

func notRegular(m fs.FileMode) string {
	switch {
	case m&fs.ModeDir != 0:
		return "link to a folder, not followed"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe, not a regular file"
	case m&fs.ModeSocket != 0:
		return "a socket, not a regular file"
	case m&fs.ModeDevice != 0:
		return "a device, not a regular file"
	}
	return "not a regular file"
}

func tooLarge(limit int64) string {
	if limit%(1<<20) == 0 {
		return fmt.Sprintf("larger than the size limit of %d MiB", limit>>20)
	}
	return fmt.Sprintf("larger than the size limit of %d bytes", limit)
}

// withoutOverstrike reads text a typewriter-style formatter (nroff) made
// bold or underlined by backspacing over each letter ("P\bPo\bos\bst\btf\bfi\bix\bx",
// "_\bf_\bi_\bl_\be") as its letters, as a pager shows it: the bytes
// between are no part of what it says, and a heading so written is a
// heading. Lines stay as they are.
func withoutOverstrike(s string) string {
	if strings.IndexByte(s, '\b') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r != '\n' && i+n+1 < len(s) && s[i+n] == '\b' {
			if next, m := utf8.DecodeRuneInString(s[i+n+1:]); next != '\n' && next != '\b' {
				// "X\bX" (bold) or "_\bX" (underlined): X; "X\b_": X;
				// struck more than twice ("X\bX\bX", a spinner's
				// "|\b/\b-"), the last letter that is no underline.
				keep := r
				if next != '_' {
					keep = next
				}
				i += n + 1 + m
				for i+1 < len(s) && s[i] == '\b' && s[i+1] != '\n' && s[i+1] != '\b' {
					c, k := utf8.DecodeRuneInString(s[i+1:])
					if c != '_' {
						keep = c
					}
					i += 1 + k
				}
				b.WriteRune(keep)
				continue
			}
		}
		b.WriteString(s[i : i+n])
		i += n
	}
	return b.String()
}

// normalizeLineEnds folds "\r\n" to "\n". A lone "\r" ends a line only in
// a file whose lines end that way (more lone CRs than LFs); elsewhere it is
// a stray character, read as a space, so later line numbers don't shift.
func normalizeLineEnds(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if !strings.Contains(s, "\r") {
		return s
	}
	if strings.Count(s, "\r") > strings.Count(s, "\n") {
		return strings.ReplaceAll(s, "\r", "\n")
	}
	return strings.ReplaceAll(s, "\r", " ")
}
