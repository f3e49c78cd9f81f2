//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package store

import (
	"os"
	"time"
)

// lockFile opens path; on this system bbolt's own lock (taken with the
// same timeout when the file is opened) reports a busy file.
func lockFile(path string, _ bool, _ time.Duration) (*os.File, error) {
	return os.Open(path)
}

// lockShared does nothing where files are not locked this way: an open
// file cannot be removed there anyway.
func lockShared(*os.File) error { return nil }
