package indexfile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"time"
)

// lockFileName is the file in the data folder whose lock a process holds
// while it rebuilds the index, so that others wait and reuse its work.
const lockFileName = "index.lock"

// tempPattern names the files an index is written to before it is renamed
// into place.
const tempPattern = ".index-*.tmp"

// A temporary file is stale when no live save holds its lock and it has not
// been written to for staleTempAge; where locks are not supported, when it
// has not been written to for staleTempAgeNoLock.
const (
	staleTempAge       = time.Minute
	staleTempAgeNoLock = 15 * time.Minute
)

// ErrLockUnsupported is returned by TryLock where there are no file locks.
var ErrLockUnsupported = errors.New("file locks are not supported on this system")

// LockDir waits until this process holds the rebuild lock of dir, or ctx
// ends. The returned func releases it.
func LockDir(ctx context.Context, dir string) (func(), error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, lockFileName), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	delay := 5 * time.Millisecond
	for {
		ok, err := TryLock(f)
		if err != nil {
			f.Close()
			return nil, err
		}
		if ok {
			return func() { f.Close() }, nil
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			f.Close()
			return nil, ctx.Err()
		case <-t.C:
		}
		delay = min(2*delay, 200*time.Millisecond)
	}
}

// RemoveStaleTemps removes the temporary files of saves that died (a kill
// during Save) and returns their names. A file a live save is writing is
// locked by it and left alone.
func RemoveStaleTemps(dir string, now time.Time) []string {
	matches, _ := filepath.Glob(filepath.Join(dir, tempPattern))
	var removed []string
	for _, m := range matches {
		st, err := os.Lstat(m)
		if err != nil || !st.Mode().IsRegular() {
			continue
		}
		age := now.Sub(st.ModTime())
		if age < staleTempAge {
			continue
		}
		f, err := os.Open(m)
		if err != nil {
			continue
		}
		stale, err := TryLock(f)
		if errors.Is(err, ErrLockUnsupported) {
			stale = age >= staleTempAgeNoLock
		}
		if stale && os.Remove(m) == nil {
			removed = append(removed, filepath.Base(m))
		}
		f.Close()
	}
	return removed
}
