//go:build !unix

package atomicfile

import (
	"io/fs"
	"os"
)

// openNoFollow looks before it opens where the system has no O_NOFOLLOW.
func openNoFollow(path string, flag int, mode os.FileMode) (*os.File, error) {
	if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return nil, &LinkError{Path: path}
	}
	return os.OpenFile(path, flag, mode)
}

// SyncDir does nothing where folders cannot be synced.
func SyncDir(string) error { return nil }
