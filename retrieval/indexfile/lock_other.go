//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package indexfile

import "os"

// TryLock is not supported here: Open builds without waiting for other
// processes, and only old temporary files are removed.
func TryLock(*os.File) (bool, error) { return false, ErrLockUnsupported }
