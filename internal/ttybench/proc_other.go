//go:build !unix

package ttybench

import (
	"errors"
	"os"
)

// The harness runs programs in a pseudo-terminal and pauses them with
// signals: Unix only. Elsewhere it builds, and a Session cannot be paused.
type signal int

const (
	sigStop signal = iota
	sigCont
	sigTerm
	sigKill
)

func signalGroup(pid int, sig signal) error {
	if sig == sigKill || sig == sigTerm {
		p, err := os.FindProcess(pid)
		if err != nil {
			return err
		}
		return p.Kill()
	}
	return errors.New("ttybench: programs cannot be paused on this system")
}

func peakRSS(*os.ProcessState) int64 { return 0 }
