// Package atomicfile writes files whole or not at all: the one helper
// behind every file Overturn writes (letters, case files, backups, the
// store's own files). The content goes to a temporary file in the
// destination's folder, mode 0600 whatever the umask, which is synced and
// only then given its name, so a crash, a kill or a full disk never leaves
// half a file under that name. Where the system allows it (Linux), the
// temporary file has no name at all until it is complete, so a kill leaves
// nothing behind either. No symbolic link is followed: a temporary file is
// created anew (O_EXCL), and a name that exists is replaced, never written
// through.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Mode is the mode of every file this package writes.
const Mode = 0o600

// Write writes path with what fill writes into the temporary file. With
// replace set an existing path is replaced (a symbolic link there is
// replaced itself, not followed); otherwise an existing path is left as it
// is and the error is fs.ErrExist. When fill or anything else fails, path
// is untouched and no temporary file is left.
func Write(path string, replace bool, fill func(f *os.File) error) error {
	dir := filepath.Dir(path)
	f, named, err := create(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := named
	defer func() {
		if tmp != "" {
			_ = os.Remove(tmp)
		}
	}()
	if err := finish(f, fill); err != nil {
		return err
	}
	if named == "" {
		// An unnamed file: linked in place (never replacing), or linked
		// under a temporary name that is then renamed over path.
		if !replace {
			return errors.Join(linkUnnamed(f, path), closeAndSync(f, dir))
		}
		if tmp, err = linkUnnamedTemp(f, dir, "."+filepath.Base(path)+".tmp-*"); err != nil {
			f.Close()
			return err
		}
	}
	if err := f.Close(); err != nil {
		return err
	}
	if replace {
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
		tmp = ""
		return SyncDir(dir)
	}
	err = linkNoReplace(tmp, path)
	if err == nil {
		tmp = ""
		err = SyncDir(dir)
	}
	return err
}

// Temp writes a new temporary file in dir, named after pattern as
// os.CreateTemp names it, with what fill writes, synced and closed, and
// returns its name: for a caller that puts it in place itself. When fill
// or anything else fails the file is removed.
func Temp(dir, pattern string, fill func(f *os.File) error) (string, error) {
	f, err := CreateTemp(dir, pattern)
	if err != nil {
		return "", err
	}
	name := f.Name()
	err = finish(f, fill)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(name)
		return "", err
	}
	return name, nil
}

// CreateTemp creates a new, named temporary file in dir (O_EXCL: never
// through a link), mode 0600.
func CreateTemp(dir, pattern string) (*os.File, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(Mode); err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, err
	}
	return f, nil
}

// finish lets fill write f and syncs it.
func finish(f *os.File, fill func(*os.File) error) error {
	if err := fill(f); err != nil {
		return &FillError{Err: err}
	}
	return f.Sync()
}

// FillError is an error of the fill function, passed through Write and
// Temp unchanged but for this wrapper, so callers can tell it from an
// error of the file system.
type FillError struct{ Err error }

func (e *FillError) Error() string { return e.Err.Error() }
func (e *FillError) Unwrap() error { return e.Err }

func closeAndSync(f *os.File, dir string) error {
	if err := f.Close(); err != nil {
		return err
	}
	return SyncDir(dir)
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
		return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
	}
	if _, err := os.Lstat(path); err == nil {
		return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
	}
	return os.Rename(tmp, path)
}

// OpenNoFollow opens path with flag (os.O_RDONLY, os.O_RDWR|os.O_CREATE...)
// and mode, refusing a symbolic link in its last element with a
// *LinkError.
func OpenNoFollow(path string, flag int, mode os.FileMode) (*os.File, error) {
	f, err := openNoFollow(path, flag, mode)
	if err != nil {
		if info, lerr := os.Lstat(path); lerr == nil && info.Mode()&fs.ModeSymlink != 0 {
			return nil, &LinkError{Path: path}
		}
		return nil, err
	}
	return f, nil
}

// LinkError reports a symbolic link where Overturn keeps a file of its own.
type LinkError struct{ Path string }

func (e *LinkError) Error() string {
	return fmt.Sprintf("%s is a symbolic link, which Overturn does not follow for its own files "+
		"(it could point at any other file of yours); remove the link and try again", e.Path)
}
