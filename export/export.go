// Package export writes files that hold health data: letters, case files
// and backups. Each is written to a temporary file in the destination's
// directory, synced, and renamed into place with mode 0600, so a crash never
// leaves half a file, and an existing file is replaced only when asked.
package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ExistsError is returned when the destination exists and force is false.
// errors.Is(err, fs.ErrExist) holds for it.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string { return e.Path + " already exists" }

// Is makes errors.Is(err, fs.ErrExist) true.
func (e *ExistsError) Is(target error) bool { return target == fs.ErrExist }

// WriteFile writes data to path atomically with mode 0600. Unless force is
// set it never replaces an existing file. On error nothing is left behind.
func WriteFile(path string, data []byte, force bool) error {
	return Write(path, force, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// Write is WriteFile for content produced by fill, which writes into the
// temporary file. If fill fails, nothing is written.
func Write(path string, force bool, fill func(f *os.File) error) (err error) {
	if path == "" {
		return errors.New("no file name given")
	}
	dir := filepath.Dir(path)
	if err := checkDestination(path, dir, force); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return explain(path, err)
	}
	tmpName := tmp.Name()
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return explain(path, err)
	}
	if err := fill(tmp); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		return explain(path, err)
	}
	if err := tmp.Close(); err != nil {
		return explain(path, err)
	}
	if force {
		if err := os.Rename(tmpName, path); err != nil {
			return explain(path, err)
		}
	} else if err := linkNoReplace(tmpName, path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// linkNoReplace puts tmp at path only if path does not exist: a hard link
// fails atomically when the name is taken. Where the file system has no
// hard links, it falls back to a check and a rename.
func linkNoReplace(tmp, path string) error {
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		return os.Remove(tmp)
	case errors.Is(err, fs.ErrExist):
		return existsOrDir(path)
	}
	if _, statErr := os.Lstat(path); statErr == nil {
		return existsOrDir(path)
	}
	if err := os.Rename(tmp, path); err != nil {
		return explain(path, err)
	}
	return nil
}

func checkDestination(path, dir string, force bool) error {
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: the folder %s does not exist", path, dir)
	case err != nil:
		return explain(path, err)
	case !info.IsDir():
		return fmt.Errorf("cannot write %s: %s is not a folder", path, dir)
	}
	info, err = os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return explain(path, err)
	case info.IsDir():
		return fmt.Errorf("cannot write %s: it is a folder; give a file name inside it", path)
	case !force:
		return &ExistsError{Path: path}
	case !info.Mode().IsRegular() && info.Mode()&fs.ModeSymlink == 0:
		return fmt.Errorf("cannot write %s: it is not a regular file", path)
	}
	return nil
}

func existsOrDir(path string) error {
	if info, err := os.Lstat(path); err == nil && info.IsDir() {
		return fmt.Errorf("cannot write %s: it is a folder; give a file name inside it", path)
	}
	return &ExistsError{Path: path}
}

func explain(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("cannot write %s: permission denied", path)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: the folder does not exist", path)
	}
	return fmt.Errorf("cannot write %s: %w", path, err)
}

// syncDir makes the rename durable. Errors are ignored: some file systems
// cannot sync a directory, and the data itself is already synced.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
