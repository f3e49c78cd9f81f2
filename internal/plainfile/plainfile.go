// Package plainfile opens files for reading only when they are plain
// files: a FIFO, a device or a socket given where a file is expected would
// block the program or feed it without end, so it is refused before
// anything waits on it.
package plainfile

import (
	"fmt"
	"os"
	"syscall"

	"github.com/overturn/overturn/internal/atomicfile"
)

// Open opens path for reading when it is a plain file, and refuses
// anything else with a *NotPlainError, without waiting (it opens with
// O_NONBLOCK, then looks). With follow unset, a symbolic link is refused
// too (an *atomicfile.LinkError).
func Open(path string, follow bool) (*os.File, error) {
	flag := os.O_RDONLY | syscall.O_NONBLOCK
	var f *os.File
	var err error
	if follow {
		f, err = os.OpenFile(path, flag, 0)
	} else {
		f, err = atomicfile.OpenNoFollow(path, flag, 0)
	}
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = &NotPlainError{Path: path, Mode: info.Mode()}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// NotPlainError is a path that holds something other than a plain file.
type NotPlainError struct {
	Path string
	Mode os.FileMode
}

func (e *NotPlainError) Error() string {
	return fmt.Sprintf("%s is %s, not a plain file", e.Path, Kind(e.Mode))
}

// Kind names a kind of file for people: "a folder", "a named pipe (FIFO)".
func Kind(m os.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&os.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	case m&os.ModeSymlink != 0:
		return "a symbolic link"
	case m.IsRegular():
		return "a plain file"
	}
	return "a special file"
}
