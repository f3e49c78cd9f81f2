package tui

import (
	"io"
	"os"
	"os/signal"
	"syscall"
	"unsafe"

	tea "charm.land/bubbletea/v2"
)

// handleSuspend makes the wizard stop as a terminal program should on
// SIGTSTP (kill -TSTP, a shell's job control): it gives the terminal back
// as it found it, then stops; on SIGCONT (fg) it takes the terminal again
// and draws the whole screen. Stopped by the signal's default action it
// left the terminal in its raw, full-screen state, and after fg drew
// nothing until Ctrl+C. It returns the function that ends the handling.
func handleSuspend(p *tea.Program) func() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTSTP)
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-ch:
				// The program's own loop releases the terminal, runs
				// stop, takes the terminal back and sends the message.
				p.Send(tea.Exec(stop{}, func(error) tea.Msg { return tea.ClearScreen() })())
			case <-done:
				return
			}
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// stop stops the process group, as SIGTSTP's default action would: with
// that action put back for the moment (SIGTSTP once caught through
// os/signal, the Go runtime keeps its own handler even after
// signal.Reset, and drops the signal), then its own again. Where the
// kernel discards the stop (a process group with no shell to continue
// it), it returns at once.
type stop struct{}

func (stop) Run() error {
	var dfl, old [64]byte // larger than any struct sigaction; zero is SIG_DFL
	if err := sigaction(syscall.SIGTSTP, &dfl, &old); err != nil {
		return err
	}
	err := syscall.Kill(0, syscall.SIGTSTP)
	if rerr := sigaction(syscall.SIGTSTP, &old, nil); err == nil {
		err = rerr
	}
	return err
}

// sigaction sets the action of sig to act (when not nil), saving the old
// one in old (when not nil), as opaque bytes.
func sigaction(sig syscall.Signal, act, old *[64]byte) error {
	_, _, e := syscall.RawSyscall6(syscall.SYS_RT_SIGACTION, uintptr(sig),
		uintptr(unsafe.Pointer(act)), uintptr(unsafe.Pointer(old)), 8, 0, 0)
	if e != 0 {
		return e
	}
	return nil
}

func (stop) SetStdin(io.Reader)  {}
func (stop) SetStdout(io.Writer) {}
func (stop) SetStderr(io.Writer) {}
