package corpus

import (
	"path"
	"strings"

	"github.com/citebot/citebot/retrieval/corpus/structure"
)

// documentTitle picks the title of d: the one its text gives itself
// (structure.Doc.Title) or, for a PDF, its metadata, else a name made
// from the file's path.
func documentTitle(d Document, st structure.Doc) string {
	if d.title != "" {
		return d.title
	}
	if t := st.Title(); t != "" {
		return t
	}
	return fileTitle(d.Source)
}

// fileTitle makes a title from a file's path: its name without extension,
// after the folder's name when the name says nothing of the project
// ("grep/README.txt" → "grep README").
func fileTitle(source string) string {
	base, _ := gunzippedName(path.Base(source))
	name := strings.TrimSuffix(base, path.Ext(base))
	stem, _, _ := strings.Cut(strings.ToLower(name), ".")
	switch stem {
	case "readme", "faq", "install", "news", "changelog", "changes", "copying", "authors", "todo",
		"index", "notes", "usage", "manual", "guide", "bugs", "hacking", "thanks", "doc", "docs":
		if dir := path.Base(path.Dir(source)); dir != "." && dir != "/" {
			return dir + " " + name
		}
	}
	return name
}
