package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/overturn/overturn/internal/atomicfile"
)

// Modes of everything the store creates, set with chmod so the umask
// cannot widen or narrow them.
const (
	fileMode = atomicfile.Mode
	dirMode  = 0o700
)

// mkdirPrivate creates dir and any missing parents, each 0700. Directories
// that exist already are left as they are.
func mkdirPrivate(dir string) error {
	info, err := os.Stat(dir)
	if err == nil {
		if !info.IsDir() {
			return fmt.Errorf("%s is not a directory", dir)
		}
		return nil
	}
	if !isNotExist(err) {
		return err
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := mkdirPrivate(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, dirMode); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	return os.Chmod(dir, dirMode)
}

// syncDir makes a rename or link in dir durable.
func syncDir(dir string) error { return atomicfile.SyncDir(dir) }

// writeFileAtomic replaces path with data, durably, mode 0600.
func writeFileAtomic(path string, data []byte) error {
	return atomicfile.Write(path, true, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// copyFile copies src to a new temporary file in dir and returns its name.
func copyFile(src, dir, pattern string) (string, error) {
	in, err := atomicfile.OpenNoFollow(src, os.O_RDONLY, 0)
	if err != nil {
		return "", err
	}
	defer in.Close()
	return atomicfile.Temp(dir, pattern, func(f *os.File) error {
		_, err := io.Copy(f, in)
		return err
	})
}
