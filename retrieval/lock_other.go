//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package retrieval

import "os"

// tryLock is not supported here: Open builds without waiting for other
// processes, and only old temporary files are removed.
func tryLock(*os.File) (bool, error) { return false, errLockUnsupported }
