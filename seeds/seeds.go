// Package seeds holds citebot's default corpus, embedded in the binary.
//
// Every .txt file in this folder is part of the default corpus; a configured
// corpus.dir replaces it entirely.
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed *.txt
var files embed.FS

// FS returns the default corpus as a read-only file system rooted at this folder.
func FS() fs.FS { return files }
