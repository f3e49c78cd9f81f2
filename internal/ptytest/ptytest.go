// Package ptytest runs a program in an 80x24 pseudo-terminal for tests:
// its screen is rebuilt by a terminal emulator (charmbracelet/x/vt) that
// also answers the program's queries as a real terminal does, and its raw
// output is kept, so a test can look at both what a person would see and
// the escape sequences that made it.
package ptytest

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// Timeout is how long WaitFor and WaitGone wait for the screen.
const Timeout = 20 * time.Second

// Term is a program running in a pseudo-terminal.
type Term struct {
	Cmd  *exec.Cmd
	t    testing.TB
	ptmx *os.File
	mu   sync.Mutex
	emu  *vt.Emulator
	raw  strings.Builder
	read chan struct{} // closed when the output ends
}

// Start starts cmd in an 80x24 pseudo-terminal with TERM=xterm-256color
// added to its environment. It skips the test where there is no
// pseudo-terminal. The terminal is closed when the test ends.
func Start(t testing.TB, cmd *exec.Cmd) *Term {
	t.Helper()
	if cmd.Env == nil {
		cmd.Env = os.Environ()
	}
	cmd.Env = append(cmd.Env, "TERM=xterm-256color")
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close() })
	r := &Term{Cmd: cmd, t: t, ptmx: ptmx, emu: vt.NewEmulator(80, 24), read: make(chan struct{})}
	go func() {
		defer close(r.read)
		buf := make([]byte, 32*1024)
		for {
			n, err := ptmx.Read(buf)
			r.mu.Lock()
			_, _ = r.emu.Write(buf[:n])
			r.raw.Write(buf[:n])
			r.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	// The emulator answers the program's queries.
	go func() { _, _ = io.Copy(ptmx, r.emu) }()
	return r
}

// Screen returns the text on the screen now.
func (r *Term) Screen() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.emu.String()
}

// Output returns everything the program has written, escape sequences
// and all.
func (r *Term) Output() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.raw.String()
}

// WaitFor waits until the screen shows want, and fails the test if it
// never does.
func (r *Term) WaitFor(want string) {
	r.t.Helper()
	if !r.poll(func(s string) bool { return strings.Contains(s, want) }) {
		r.t.Fatalf("the terminal never showed %q:\n%s", want, r.Screen())
	}
}

// WaitGone waits until the screen no longer shows text, and fails the
// test if it still does.
func (r *Term) WaitGone(text string) {
	r.t.Helper()
	if !r.poll(func(s string) bool { return !strings.Contains(s, text) }) {
		r.t.Fatalf("the terminal still shows %q:\n%s", text, r.Screen())
	}
}

func (r *Term) poll(ok func(screen string) bool) bool {
	deadline := time.Now().Add(Timeout)
	for time.Now().Before(deadline) {
		if ok(r.Screen()) {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// Type writes s to the terminal as keys: "\r" is enter, "\x1b" escape.
func (r *Term) Type(s string) {
	r.t.Helper()
	if _, err := io.WriteString(r.ptmx, s); err != nil {
		r.t.Fatal(err)
	}
}

// Wait waits for the program to end and returns its exit status.
func (r *Term) Wait() int {
	r.t.Helper()
	err := r.Cmd.Wait()
	<-r.read
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	if err != nil {
		r.t.Fatal(err)
	}
	return 0
}

// Close closes the terminal, as closing its window does: the program gets
// SIGHUP, and reading or writing the terminal fails.
func (r *Term) Close() error { return r.ptmx.Close() }
