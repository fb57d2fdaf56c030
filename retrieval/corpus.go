package retrieval

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"unicode"
	"unicode/utf8"
)

// Document is one file of the corpus.
type Document struct {
	Source string // path relative to the corpus root, slash-separated
	// Text is the content with "\r\n" folded to "\n" and any BOM removed; a
	// lone "\r" is a line end only in a file whose lines end that way.
	Text string
	Kind string // "md" or "txt"
}

// Skipped is a file of the corpus folder that is not part of the corpus.
type Skipped struct {
	Path   string `json:"path"`
	Reason string `json:"reason"`
	// Problem is true for a file that should have been read and could not
	// (unreadable, a link leaving the folder or leading nowhere, a named
	// pipe or device, not UTF-8, too large), false for a file that is
	// simply not corpus material (hidden, another type, empty).
	Problem bool `json:"problem"`
}

// Corpus is the set of documents read from a folder, and a hash of it.
type Corpus struct {
	Documents []Document
	Skipped   []Skipped
	// Hash identifies the content: same files, same text, same Hash.
	Hash string
}

// chunkerVersion changes whenever passage splitting changes, so that an index
// built by an older splitter is rebuilt.
const chunkerVersion = "chunker-v2"

// DefaultMaxFileBytes is the size of the largest corpus file read when
// CorpusOptions.MaxFileBytes is 0.
const DefaultMaxFileBytes = 16 << 20

// CorpusOptions limits what a corpus load reads.
type CorpusOptions struct {
	// MaxFileBytes is the size of the largest file read; larger files are
	// skipped. 0 means DefaultMaxFileBytes.
	MaxFileBytes int64
}

// LoadCorpus reads every .txt and .md file of fsys (the embedded corpus, a
// test's files) with the default options. Symbolic links in fsys are not
// followed; a corpus folder on disk is read with LoadCorpusDir.
func LoadCorpus(fsys fs.FS) (*Corpus, error) {
	return loadCorpus(fsSource(fsys), CorpusOptions{})
}

// LoadCorpusDir reads every .txt and .md file under the folder dir,
// recursively, without ever leaving it: a symbolic link is followed only
// when its target is a regular file inside dir, and only regular files are
// opened (never a named pipe, device or socket), each at most
// opts.MaxFileBytes long. What cannot be read is skipped and reported in
// Corpus.Skipped (Problem set); the load fails only when no document is left.
func LoadCorpusDir(dir string, opts CorpusOptions) (*Corpus, error) {
	src, closeRoot, err := dirSource(dir)
	if err != nil {
		return nil, err
	}
	defer closeRoot()
	return loadCorpus(src, opts)
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

// loadCorpus reads the corpus of src in lexical order. Files of other types,
// hidden files and folders, and empty files are skipped; so are files that
// cannot be read, with Problem set. A corpus without documents is an error.
func loadCorpus(src source, opts CorpusOptions) (*Corpus, error) {
	limit := opts.MaxFileBytes
	if limit <= 0 {
		limit = DefaultMaxFileBytes
	}
	c := &Corpus{}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", chunkerVersion)
	skip := func(p, reason string, problem bool) {
		c.Skipped = append(c.Skipped, Skipped{Path: p, Reason: reason, Problem: problem})
	}
	err := fs.WalkDir(src.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return fmt.Errorf("read corpus folder: %w", err)
			}
			skip(p, "unreadable: "+errText(err), true)
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if p != "." && strings.HasPrefix(name, ".") {
			skip(p, "hidden", false)
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		kind := strings.TrimPrefix(strings.ToLower(path.Ext(name)), ".")
		switch kind {
		case "txt", "md", "markdown":
		default:
			skip(p, "not a .txt or .md file", false)
			return nil
		}
		if kind == "markdown" {
			kind = "md"
		}
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			skip(p, notRegular(d.Type()), true)
			return nil
		}
		target, why := src.resolve(p, d)
		if why != "" {
			skip(p, why, true)
			return nil
		}
		raw, why := readGuarded(src, target, limit)
		if why != "" {
			skip(p, why, true)
			return nil
		}
		if !utf8.Valid(raw) {
			skip(p, ErrNotUTF8.Error(), true)
			return nil
		}
		text := normalizeLineEnds(string(bytes.TrimPrefix(raw, []byte("\ufeff"))))
		if strings.TrimSpace(text) == "" {
			skip(p, "empty", false)
			return nil
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(text))
		h.Write([]byte(text))
		c.Documents = append(c.Documents, Document{Source: p, Text: text, Kind: kind})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(c.Documents) == 0 {
		if s := c.ProblemSummary(3); s != "" {
			return nil, fmt.Errorf("%w; %s", ErrEmptyCorpus, s)
		}
		return nil, ErrEmptyCorpus
	}
	c.Hash = hex.EncodeToString(h.Sum(nil))
	return c, nil
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

// Problems returns the files that should have been read and were not.
func (c *Corpus) Problems() []Skipped {
	var out []Skipped
	for _, s := range c.Skipped {
		if s.Problem {
			out = append(out, s)
		}
	}
	return out
}

// ProblemSummary tells, in one line, how many files could not be read and
// names the first n of them with the reason; "" when every file was read.
func (c *Corpus) ProblemSummary(n int) string {
	return summarizeProblems(c.Skipped, n)
}

func summarizeProblems(skipped []Skipped, n int) string {
	var ps []Skipped
	for _, s := range skipped {
		if s.Problem {
			ps = append(ps, s)
		}
	}
	if len(ps) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d unreadable %s skipped: ", len(ps), plural(len(ps), "file", "files"))
	for i, s := range ps[:min(n, len(ps))] {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s (%s)", safeName(s.Path), s.Reason)
	}
	if len(ps) > n {
		fmt.Fprintf(&b, "; and %d more", len(ps)-n)
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// safeName returns a file name fit for a terminal or a chat message: as it
// is when every character prints, quoted with escapes otherwise.
func safeName(name string) string {
	if strings.ContainsFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) || !utf8.ValidString(name) {
		return strconv.Quote(name)
	}
	return name
}

// ErrNotUTF8 is the reason a corpus file that is not valid UTF-8 text is
// skipped.
var ErrNotUTF8 = errors.New("not valid UTF-8 text: convert it to UTF-8 or remove it from the corpus")

// ErrEmptyCorpus is returned when a corpus folder holds no usable document.
var ErrEmptyCorpus = errors.New("the corpus holds no readable .txt or .md document with text")

// Lines returns lines start..end (1-based, inclusive) of the document at
// source, joined by "\n", and whether they exist.
func (c *Corpus) Lines(source string, start, end int) (string, bool) {
	for _, d := range c.Documents {
		if d.Source != source {
			continue
		}
		lines := strings.Split(d.Text, "\n")
		if start < 1 || end < start || end > len(lines) {
			return "", false
		}
		return strings.Join(lines[start-1:end], "\n"), true
	}
	return "", false
}
