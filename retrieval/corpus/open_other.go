//go:build !unix

package corpus

// openNonblock is not needed where named pipes can't stand in a folder.
const openNonblock = 0
