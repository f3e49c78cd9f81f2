package tui

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/charmbracelet/x/xpty"
	"github.com/overturn/overturn/assets"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// The pseudo-terminal test runs this test binary again as the program: with
// OVERTURN_TUI_CHILD set, TestMain runs Run on the case file named by
// OVERTURN_TUI_DB instead of the tests.
func TestMain(m *testing.M) {
	if os.Getenv("OVERTURN_TUI_CHILD") != "" {
		os.Exit(runChild(os.Getenv("OVERTURN_TUI_DB")))
	}
	os.Exit(m.Run())
}

func runChild(path string) int {
	s, err := store.Open(path, store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	codes, err := workflow.LoadCodes(assets.Codes())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	letters, err := workflow.NewLetters(assets.Letters())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	err = Run(context.Background(), Options{Store: s, Codes: codes, Letters: letters, Now: func() time.Time { return testNow }})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// ptyRun is the program running in a pseudo-terminal, its screen rebuilt by
// a virtual terminal that also answers the program's queries.
type ptyRun struct {
	t    *testing.T
	pty  xpty.Pty
	cmd  *exec.Cmd
	mu   sync.Mutex
	emu  *vt.Emulator
	done chan error
}

func startPty(t *testing.T, db, dir string) *ptyRun {
	t.Helper()
	p, err := xpty.NewPty(80, 24)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "OVERTURN_TUI_CHILD=1", "OVERTURN_TUI_DB="+db, "TERM=xterm-256color")
	if err := p.Start(cmd); err != nil {
		t.Fatal(err)
	}
	r := &ptyRun{t: t, pty: p, cmd: cmd, emu: vt.NewEmulator(80, 24), done: make(chan error, 1)}
	go func() {
		buf := make([]byte, 32*1024)
		for {
			n, err := p.Read(buf)
			if n > 0 {
				r.mu.Lock()
				_, _ = r.emu.Write(buf[:n])
				r.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	go func() { _, _ = io.Copy(p, r.emu) }()
	go func() { r.done <- xpty.WaitProcess(context.Background(), cmd) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = p.Close()
	})
	return r
}

func (r *ptyRun) screen() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.emu.String()
}

func (r *ptyRun) waitFor(want string) {
	r.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Contains(r.screen(), want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	r.t.Fatalf("the terminal never showed %q:\n%s", want, r.screen())
}

// waitGone waits until the terminal no longer shows text.
func (r *ptyRun) waitGone(text string) {
	r.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if !strings.Contains(r.screen(), text) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	r.t.Fatalf("the terminal still shows %q:\n%s", text, r.screen())
}

// fill opens the first missing fact of the letter and answers it.
func (r *ptyRun) fill(answer string) {
	r.t.Helper()
	r.send("1")
	r.waitFor(fieldEditHint)
	r.send(answer + "\r")
	r.waitGone(fieldEditHint)
}

// send types keys as a terminal sends them: "\r" is enter, "\x1b" escape.
func (r *ptyRun) send(s string) {
	r.t.Helper()
	if _, err := r.pty.Write([]byte(s)); err != nil {
		r.t.Fatal(err)
	}
	time.Sleep(30 * time.Millisecond)
}

// esc sends a lone escape: the terminal input reader needs a pause after it
// to tell it from the start of a longer sequence.
func (r *ptyRun) esc() {
	r.send("\x1b")
	time.Sleep(300 * time.Millisecond)
}

func (r *ptyRun) wait() {
	r.t.Helper()
	select {
	case err := <-r.done:
		if err != nil {
			r.t.Fatalf("the program failed: %v\n%s", err, r.screen())
		}
	case <-time.After(15 * time.Second):
		r.t.Fatalf("the program did not quit:\n%s", r.screen())
	}
}

func TestPtyCreateQuitResumeExport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the program in a pseudo-terminal")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")

	r := startPty(t, db, dir)
	r.waitFor("Press n to start your first case.")
	r.send("n")
	r.waitFor("A short name for this case")
	for _, answer := range []string{"Knee MRI denied", "Dana Reyes", "", "E2026091400871", "2026-09-14"} {
		r.send(answer + "\r")
	}
	r.waitFor("2026-09-14")
	r.esc()
	r.waitFor("enter edit")
	r.esc()
	r.waitFor("Step 1 of 7")
	r.send("]")
	r.waitFor("Step 2 of 7")
	r.send("q")
	r.wait()

	r = startPty(t, db, dir)
	r.waitFor("Knee MRI denied")
	r.send("\r")
	r.waitFor("Step 2 of 7")
	r.send("l")
	r.waitFor(letterMissing)
	title := workflow.LetterClaimFile.Title()
	for range 9 {
		if strings.Contains(r.screen(), title) {
			break
		}
		before := r.screen()
		r.send("\t")
		for i := 0; i < 100 && r.screen() == before; i++ {
			time.Sleep(20 * time.Millisecond)
		}
	}
	r.waitFor(title)
	for range 4 {
		scr := r.screen()
		switch {
		case strings.Contains(scr, letterReady):
		case strings.Contains(scr, "address"):
			r.fill("418 Alder Street, Austin, TX 78704")
			continue
		case strings.Contains(scr, "member ID"):
			r.fill("U1234567801")
			continue
		}
		break
	}
	r.waitFor(letterReady)
	r.send("s")
	r.waitFor(exportTitle)
	r.send("\r")
	r.waitFor("Saved the letter to")
	r.waitGone(exportHint)
	r.send("q")
	r.wait()

	path := filepath.Join(dir, "E2026091400871-claim-file.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"E2026091400871", "Dana Reyes", "U1234567801", "418 Alder Street"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the letter lacks %q:\n%s", want, data)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("letter file mode: %v %v", fi.Mode(), err)
	}
}
