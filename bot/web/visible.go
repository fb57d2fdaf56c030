package web

import "github.com/citebot/citebot/retrieval/text"

// visible makes a name (a file's, a title, a section) safe to show inside
// a page's text: control characters (C0, DEL, C1, tab and line breaks
// too), bidirectional marks, embeddings, overrides and isolates (U+061C,
// U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), line and paragraph
// separators and invalid UTF-8 are shown as Go escapes (\u202e), seen
// rather than obeyed: "moon\u202etxt.md" can't pass for "moondm.txt".
// Templates also put names in <bdi>, so right-to-left letters in them
// don't reorder the text around.
func visible(s string) string { return text.Escape(s, text.Hidden) }
