package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/creack/pty"
)

// syncBuffer is a bytes.Buffer safe to read while another goroutine writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestWizardInTerminal starts the wizard in a terminal, as a person would,
// waits for it to draw, and quits it.
func TestWizardInTerminal(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	imp := overturnCmd(t, nil, "--db", db, "import", "testdata/cases/vitamin-d.json")
	if out, err := imp.CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		want   string
		quit   string // typed; "" sends SIGINT instead; Ctrl+C (\x03) is an interruption too
		status int
	}{
		{"alone", nil, "Overturn", "q", 0},
		{"new", []string{"new"}, "New case", "\x03", 130},
		{"open", []string{"open", "1"}, "Vitamin D", "\x03", 130},
		{"interrupted", nil, "Overturn", "", 130},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runWizard(t, db, tc.args, tc.want, tc.quit, tc.status)
		})
	}
}

// runWizard runs overturn --db db args... in a terminal, waits until the
// screen shows want, types quit (or sends SIGINT) and checks the exit status.
func runWizard(t *testing.T, db string, args []string, want, quit string, status int) {
	cmd := overturnCmd(t, []string{"TERM=xterm-256color"}, append([]string{"--db", db}, args...)...)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	guard(t, cmd)
	var out syncBuffer
	shown, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		var once sync.Once
		buf := make([]byte, 4096)
		for {
			n, err := ptmx.Read(buf)
			out.Write(buf[:n])
			if strings.Contains(out.String(), want) {
				once.Do(func() { close(shown) })
			}
			if err != nil {
				return
			}
		}
	}()
	select {
	case <-shown:
	case <-done:
		t.Fatalf("the wizard ended before showing anything: %v\n%q", cmd.Wait(), out.String())
	}
	if quit == "" {
		cmd.Process.Signal(syscall.SIGINT)
	} else {
		io.WriteString(ptmx, quit)
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	got := 0
	if errors.As(err, &ee) {
		got = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if got != status {
		t.Errorf("the wizard ended with status %d, want %d\n%q", got, status, out.String())
	}
	info, err := os.Stat(db)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("case file after the wizard: %v, %v", info, err)
	}
}
