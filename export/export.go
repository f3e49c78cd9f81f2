// Package export writes the files a person names that hold health data:
// letters, case files and backups. Each is written whole or not at all, with
// mode 0600 (internal/atomicfile), an existing file is replaced only when
// asked, and every failure is said in words that name the file.
package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/overturn/overturn/internal/atomicfile"
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
func Write(path string, force bool, fill func(f *os.File) error) error {
	if path == "" {
		return errors.New("no file name given")
	}
	if err := checkDestination(path, filepath.Dir(path), force); err != nil {
		return err
	}
	err := atomicfile.Write(path, force, fill)
	var fe *atomicfile.FillError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &fe):
		return fmt.Errorf("cannot write %s: %w", path, fe.Err)
	case errors.Is(err, fs.ErrExist):
		return existsOrDir(path)
	}
	return explain(path, err)
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
		return fmt.Errorf("cannot write %s: permission denied; write it to a folder of yours, or make %s writable", path, filepath.Dir(path))
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: the folder does not exist", path)
	}
	return fmt.Errorf("cannot write %s: %w", path, err)
}
