//go:build unix

package atomicfile

import (
	"errors"
	"os"
	"syscall"
)

func openNoFollow(path string, flag int, mode os.FileMode) (*os.File, error) {
	return os.OpenFile(path, flag|syscall.O_NOFOLLOW, mode)
}

// SyncDir makes a rename or link in dir durable. A file system that cannot
// sync a folder (EINVAL) is no error: the file itself is synced.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, syscall.EINVAL) {
		return nil
	}
	return err
}
