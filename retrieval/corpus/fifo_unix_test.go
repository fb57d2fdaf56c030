//go:build unix

package corpus

import (
	"io/fs"
	"strings"
	"syscall"
	"testing"
)

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A named pipe that takes a checked file's place before it is opened is
// opened without waiting for a writer, and not read.
func TestReadGuardedRechecksTheOpenedFile(t *testing.T) {
	dir := t.TempDir()
	write(t, dir+"/plain.txt", "text\n")
	mkfifo(t, dir+"/pipe.txt")
	src, closeRoot, err := dirSource(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer closeRoot()
	stat := src.stat
	src.stat = func(string) (fs.FileInfo, error) { return stat("plain.txt") } // the check saw a regular file
	if raw, why := readGuarded(src, "pipe.txt", DefaultMaxFileBytes); raw != nil || !strings.Contains(why, "named pipe") {
		t.Errorf("read %q, reason %q; want the pipe skipped", raw, why)
	}
}
