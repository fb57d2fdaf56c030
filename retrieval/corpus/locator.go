package corpus

import (
	"path"
	"regexp"
	"strconv"
	"strings"

	"github.com/citebot/citebot/retrieval/corpus/structure"
)

// Locator says where in the corpus a piece of text is. It is the one
// provenance type: whatever shows where a quote came from carries a Locator.
type Locator struct {
	Source  string `json:"source"`  // path relative to the corpus root, slash-separated
	Title   string `json:"title"`   // the document's title
	Section string `json:"section"` // heading path above the text, "" if none
	// LineStart and LineEnd are the 1-based lines of Source holding the
	// text, both included; 0 for a format without lines.
	LineStart int `json:"line_start"`
	LineEnd   int `json:"line_end"`
	// Page is the 1-based page of a paged format (PDF), 0 otherwise.
	Page int `json:"page,omitempty"`
	// Anchor is the fragment of an HTML source nearest above the text.
	Anchor string `json:"anchor,omitempty"`
}

// Heading is the text's own heading, the last of its section path ("On
// Linux" of "Install › On Linux"); "" if none.
func (l Locator) Heading() string {
	if i := strings.LastIndex(l.Section, structure.SectionSeparator); i >= 0 {
		return l.Section[i+len(structure.SectionSeparator):]
	}
	return l.Section
}

// Over is what names the text from above: its section path, then, when
// its file is named by a version as release notes are ("2.39.0.txt",
// "RelNotes-1.5.md"), that name on a line of its own. (Not the title, nor
// another name: a README's "Libpng 1.6.39" or "01-intro.md" would give a
// version to every sentence of the file.)
func (l Locator) Over() string {
	// The name is a version whole ("RelNotes-1.5", whose ".5" is no
	// extension) or without its extension ("2.39.0.txt").
	name := path.Base(l.Source)
	if !versionName.MatchString(name) {
		name = strings.TrimSuffix(name, path.Ext(name))
	}
	if versionName.MatchString(name) {
		return l.Section + "\n" + name
	}
	return l.Section
}

// versionName matches a file name (without its extension) that is a
// version, maybe after a word: "2.39.0", "RelNotes-1.5", "v1.2".
var versionName = regexp.MustCompile(`^(?:.*[-_])?v?\d+(?:\.\d+)+$`)

// String is the one human reference to a location: "a.txt:6–8" (an en
// dash), "a.txt:6" for a single line; for a PDF, whose lines are counted
// within a page, "a.pdf, page 3, lines 4–6" ("line 4", or "a.pdf, page 3"
// without lines); "a.html#intro" where a format has no lines; the source
// alone when nothing more is known.
func (l Locator) String() string {
	switch {
	case l.Page > 0 && l.LineStart > 0 && l.LineEnd > l.LineStart:
		return l.Source + ", page " + strconv.Itoa(l.Page) + ", lines " + strconv.Itoa(l.LineStart) + "–" + strconv.Itoa(l.LineEnd)
	case l.Page > 0 && l.LineStart > 0:
		return l.Source + ", page " + strconv.Itoa(l.Page) + ", line " + strconv.Itoa(l.LineStart)
	case l.LineStart > 0 && l.LineEnd > l.LineStart:
		return l.Source + ":" + strconv.Itoa(l.LineStart) + "–" + strconv.Itoa(l.LineEnd)
	case l.LineStart > 0:
		return l.Source + ":" + strconv.Itoa(l.LineStart)
	case l.Page > 0:
		return l.Source + ", page " + strconv.Itoa(l.Page)
	case l.Anchor != "":
		return l.Source + "#" + l.Anchor
	}
	return l.Source
}
