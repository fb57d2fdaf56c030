package corpus

import (
	"testing"
	"testing/fstest"
)

// A release log is titled by its file, not by its newest entry, and a
// package's copyright or licence file by its package and name.
func TestReleaseLogAndLicenceTitles(t *testing.T) {
	c, err := Load(fstest.MapFS{
		"git/changelog.Debian":  {Data: []byte("git (1:2.39.5-0+deb12u2) bookworm-security; urgency=medium\n\n  * Fix a CVE.\n\n -- S <s@d.org>  Mon, 13 Jan 2025 10:00:00 +0100\n")},
		"git/copyright":         {Data: []byte("Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nLicense: GPL-2\n")},
		"tool/NEWS":             {Data: []byte("Tool 2.0\n\nNew features.\n")},
		"tool/README":           {Data: []byte("Tool\n\nIt does things.\n")},
		"other/notes-guide.txt": {Data: []byte("Notes Guide\n\nText.\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"git/changelog.Debian": "git changelog", "git/copyright": "git copyright",
		"tool/NEWS": "tool NEWS", "tool/README": "Tool", "other/notes-guide.txt": "Notes Guide"}
	for _, d := range Chunk(c).Documents {
		if d.Title != want[d.Source] {
			t.Errorf("%s: title %q, want %q", d.Source, d.Title, want[d.Source])
		}
	}
}
