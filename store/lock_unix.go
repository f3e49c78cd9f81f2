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
// Opening never waits (on a FIFO, say).
func lockFile(path string, exclusive bool, timeout time.Duration) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
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
		wait := time.Until(deadline)
		if !errors.Is(err, syscall.EWOULDBLOCK) || wait <= 0 {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, errLockBusy
			}
			return nil, err
		}
		time.Sleep(min(wait, 25*time.Millisecond))
	}
}

// lockShared takes a shared lock on the open file f, so that no other
// Overturn's removeStaleTemps removes it while it is in use. It is held
// until f is closed.
func lockShared(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB) }
