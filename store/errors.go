package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/overturn/overturn/internal/atomicfile"
	"github.com/overturn/overturn/internal/plainfile"
)

// Errors callers test with errors.Is. The errors Open, Get and the rest
// return carry the file's path and what to do; these are only their kinds.
var (
	ErrNotFound     = errors.New("no such case")
	ErrLocked       = errors.New("case file is open in another Overturn window")
	ErrNewerVersion = errors.New("case file was written by a newer Overturn")
	ErrCorrupt      = errors.New("case file is damaged")
	ErrNoRoom       = errors.New("no room to write")
)

// NoRoomError reports a write refused for want of space: a full disk or a
// limit on the size of files. The transaction was rolled back.
type NoRoomError struct{ Err error }

func (e *NoRoomError) Error() string {
	return e.Err.Error() + ". The disk is full (or files may grow no larger here): nothing was changed; free some space and try again"
}

func (e *NoRoomError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrNoRoom) true.
func (e *NoRoomError) Is(target error) bool { return target == ErrNoRoom }

// noRoom returns err as a *NoRoomError when it says the disk is full. bbolt
// formats some of its errors with %s, so the text is checked too.
func noRoom(err error) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG) ||
		strings.Contains(msg, syscall.ENOSPC.Error()) || strings.Contains(msg, syscall.EFBIG.Error()) {
		return &NoRoomError{Err: err}
	}
	return err
}

// LockedError reports that another Overturn holds the case file.
type LockedError struct{ Path string }

func (e *LockedError) Error() string {
	return fmt.Sprintf("the case file %s is open in another Overturn window; close it and try again", e.Path)
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// NewerVersionError reports a case file written by a newer Overturn. The
// file is left as it is.
type NewerVersionError struct {
	Path   string
	Writer string // the Overturn version that wrote the file, "" when not recorded
	Schema int    // the file's format number
	Mine   string // this Overturn's version
	Known  int    // the newest format this Overturn reads
}

func (e *NewerVersionError) Error() string {
	writer, update := "a newer Overturn", "Update Overturn to open it."
	if e.Writer != "" {
		writer = "Overturn " + e.Writer
		update = "Use Overturn " + e.Writer + " or later to open it."
	}
	mine := "this Overturn"
	if e.Mine != "" {
		mine = "this Overturn (" + e.Mine + ")"
	}
	return fmt.Sprintf("the case file %s was written by %s (file format %d), which %s cannot read "+
		"(it reads formats up to %d); the file was not changed. %s",
		e.Path, writer, e.Schema, mine, e.Known, update)
}

// Is makes errors.Is(err, ErrNewerVersion) true.
func (e *NewerVersionError) Is(target error) bool { return target == ErrNewerVersion }

// CorruptError reports a damaged case file, or one damaged case in it.
// Nothing was changed; Backup is the newest backup to go back to ("" when
// there is none).
type CorruptError struct {
	Path    string
	Case    uint64 // the damaged case, 0 when the damage is not in one case
	Problem string // what is wrong, in plain words
	Backup  string
}

func (e *CorruptError) Error() string {
	var b strings.Builder
	if e.Case != 0 {
		fmt.Fprintf(&b, "case %d in the case file %s is damaged: %s.", e.Case, e.Path, e.Problem)
	} else {
		fmt.Fprintf(&b, "the case file %s is damaged: %s.", e.Path, e.Problem)
	}
	b.WriteString(" The file was not changed.")
	if e.Backup != "" {
		fmt.Fprintf(&b, " To go back to the newest backup, type: %s", restoreCommand(e.Path, e.Backup))
	} else {
		fmt.Fprintf(&b, " There is no backup of it in %s; keep the file as it is and ask for help, "+
			"or move it aside (mv %s %s) to start a new case file.",
			backupDir(e.Path), shellQuote(e.Path), shellQuote(e.Path+".damaged"))
	}
	return b.String()
}

// Is makes errors.Is(err, ErrCorrupt) true.
func (e *CorruptError) Is(target error) bool { return target == ErrCorrupt }

// corrupt builds a CorruptError for path, naming its newest backup.
func corrupt(path string, id uint64, format string, args ...any) *CorruptError {
	return &CorruptError{Path: path, Case: id, Problem: fmt.Sprintf(format, args...), Backup: newestBackup(path)}
}

// restoreCommand is what a person types to go back to backup. The --db flag
// is given only when path is not the default case file.
func restoreCommand(path, backup string) string {
	cmd := "overturn restore " + shellQuote(backup)
	if def, err := DefaultPath(); err != nil || !samePath(def, path) {
		cmd = "overturn --db " + shellQuote(path) + " restore " + shellQuote(backup)
	}
	return cmd
}

func samePath(a, b string) bool {
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+:,@%=", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// isNotExist reports a missing file.
func isNotExist(err error) bool { return errors.Is(err, os.ErrNotExist) }

// errLockBusy is lockFile's "another process holds it".
var errLockBusy = errors.New("the file is locked by another process")

// openError explains why the case file at path could not be opened.
func openError(path string, err error) error {
	var np *plainfile.NotPlainError
	switch {
	case errors.As(err, &np):
		return fmt.Errorf("opening the case file %s: it is %s, not a case file; give the path of a case file with --db", path, plainfile.Kind(np.Mode))
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("opening the case file %s: %w: Overturn must be able to read and write it. If the file is yours, type: chmod 600 %s",
			path, fs.ErrPermission, shellQuote(path))
	}
	return fmt.Errorf("opening the case file %s: %w", path, err)
}

// sidecarError explains why the sidecar of the case file at path could not
// be opened, and what to do.
func sidecarError(path string, err error) error {
	side := sidecarPath(path)
	var le *atomicfile.LinkError
	var np *plainfile.NotPlainError
	switch {
	case errors.As(err, &le):
		return fmt.Errorf("opening the case file %s: its check file %w", path, err)
	case errors.As(err, &np):
		return fmt.Errorf("opening the case file %s: its check file %s is %s, not a plain file; remove it (Overturn makes a new one) and try again",
			path, side, plainfile.Kind(np.Mode))
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("the check file %s, which Overturn keeps beside the case file, cannot be written (%w), "+
			"so Overturn will notice less if the case file is damaged. If the file is yours, type: chmod 600 %s",
			side, fs.ErrPermission, shellQuote(side))
	}
	return fmt.Errorf("the check file %s, which Overturn keeps beside the case file, cannot be written (%v), "+
		"so Overturn will notice less if the case file is damaged", side, noRoom(err))
}
