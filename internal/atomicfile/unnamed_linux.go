package atomicfile

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"
)

// procFD reports whether /proc/self/fd is there to give an unnamed file a
// name (linkat of /proc/self/fd/N).
var procFD = sync.OnceValue(func() bool {
	_, err := os.Stat("/proc/self/fd")
	return err == nil
})

// create makes the temporary file of Write: unnamed (O_TMPFILE) where the
// file system allows it, else named after pattern; named is its name, ""
// for an unnamed file.
func create(dir, pattern string) (f *os.File, named string, err error) {
	if procFD() {
		fd, err := unix.Open(dir, unix.O_TMPFILE|unix.O_RDWR|unix.O_CLOEXEC, Mode)
		switch {
		case err == nil:
			f := os.NewFile(uintptr(fd), filepath.Join(dir, "(unnamed)"))
			if err := f.Chmod(Mode); err != nil {
				f.Close()
				return nil, "", err
			}
			return f, "", nil
		case !errors.Is(err, unix.EOPNOTSUPP) && !errors.Is(err, unix.EISDIR) && !errors.Is(err, unix.EINVAL):
			return nil, "", &fs.PathError{Op: "create", Path: dir, Err: err}
		}
	}
	f, err = CreateTemp(dir, pattern)
	if err != nil {
		return nil, "", err
	}
	return f, f.Name(), nil
}

// linkUnnamed gives the unnamed file f the name path, which must not exist.
func linkUnnamed(f *os.File, path string) error {
	err := unix.Linkat(unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(int(f.Fd())), unix.AT_FDCWD, path, unix.AT_SYMLINK_FOLLOW)
	if err != nil {
		return &fs.PathError{Op: "create", Path: path, Err: err}
	}
	return nil
}

// linkUnnamedTemp gives the unnamed file f a new temporary name in dir,
// after pattern, and returns it.
func linkUnnamedTemp(f *os.File, dir, pattern string) (string, error) {
	prefix, suffix, _ := strings.Cut(pattern, "*")
	for {
		name := filepath.Join(dir, prefix+strconv.FormatUint(rand.Uint64(), 36)+suffix)
		err := linkUnnamed(f, name)
		if !errors.Is(err, fs.ErrExist) {
			return name, err
		}
	}
}
