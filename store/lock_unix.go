//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package store

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// lockFile takes the same flock bbolt takes on path (shared, or exclusive
// when exclusive is set), trying for up to timeout. The lock is held until
// the returned file is closed. errLockBusy means another process holds it.
func lockFile(path string, exclusive bool, timeout time.Duration) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, errLockBusy
			}
			return nil, err
		}
		time.Sleep(25 * time.Millisecond)
	}
}
