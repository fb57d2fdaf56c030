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
	// A release log's first line is its newest entry ("git (1:2.39.5-0)
	// bookworm-security; urgency=medium"), no title for all of them.
	if (d.Kind == "txt" || d.Kind == "md" || d.Kind == "adoc") && releaseLog(d.Source) {
		return fileTitle(d.Source)
	}
	if t := st.Title(); t != "" {
		return t
	}
	return fileTitle(d.Source)
}

// releaseLog reports whether a file is a project's log of its releases
// (changelog, changelog.Debian, CHANGES, NEWS.Debian, History.md,
// RELEASES).
func releaseLog(source string) bool {
	base, _ := gunzippedName(path.Base(source))
	stem, _, _ := strings.Cut(strings.ToLower(base), ".")
	switch stem {
	case "changelog", "changes", "news", "history", "releases", "release-notes", "releasenotes":
		return true
	}
	return false
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
		"index", "notes", "usage", "manual", "guide", "bugs", "hacking", "thanks", "doc", "docs",
		"copyright", "license", "licence":
		if dir := path.Base(path.Dir(source)); dir != "." && dir != "/" {
			return dir + " " + name
		}
	}
	return name
}
