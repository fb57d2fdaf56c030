package retrieval

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"
)

// Document is one file of the corpus.
type Document struct {
	Source string // path relative to the corpus root, slash-separated
	Text   string // content with "\r\n" folded to "\n" and any BOM removed
	Kind   string // "md" or "txt"
}

// Skipped is a file of the corpus folder that is not part of the corpus.
type Skipped struct {
	Path   string
	Reason string
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

// LoadCorpus reads every .txt and .md file under fsys, recursively, in
// lexical order. Files of other types, hidden files and folders, and empty
// files are skipped and reported; a file that is not valid UTF-8 is an error
// naming it. A corpus without documents is an error.
func LoadCorpus(fsys fs.FS) (*Corpus, error) {
	c := &Corpus{}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n", chunkerVersion)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		name := d.Name()
		if p != "." && strings.HasPrefix(name, ".") {
			c.Skipped = append(c.Skipped, Skipped{Path: p, Reason: "hidden"})
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !d.Type().IsRegular() && d.Type()&fs.ModeSymlink == 0 {
			c.Skipped = append(c.Skipped, Skipped{Path: p, Reason: "not a regular file"})
			return nil
		}
		kind := strings.TrimPrefix(strings.ToLower(path.Ext(name)), ".")
		switch kind {
		case "txt", "md", "markdown":
		default:
			c.Skipped = append(c.Skipped, Skipped{Path: p, Reason: "not a .txt or .md file"})
			return nil
		}
		if kind == "markdown" {
			kind = "md"
		}
		raw, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("read %s: %w", p, err)
		}
		if !utf8.Valid(raw) {
			return fmt.Errorf("read %s: %w", p, ErrNotUTF8)
		}
		raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
		text := strings.ReplaceAll(string(raw), "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
		if strings.TrimSpace(text) == "" {
			c.Skipped = append(c.Skipped, Skipped{Path: p, Reason: "empty"})
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
		return nil, ErrEmptyCorpus
	}
	c.Hash = hex.EncodeToString(h.Sum(nil))
	return c, nil
}

// ErrNotUTF8 is returned for a corpus file that is not valid UTF-8 text.
var ErrNotUTF8 = errors.New("not valid UTF-8 text (convert it to UTF-8 or remove it from the corpus)")

// ErrEmptyCorpus is returned when a corpus folder holds no usable document.
var ErrEmptyCorpus = errors.New("the corpus holds no .txt or .md document with text")

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
