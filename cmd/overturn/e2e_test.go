package main

import (
	"context"
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

	"github.com/overturn/overturn/workflow"
)

// TestEndToEnd builds the real overturn binary and uses it as a person
// would, in an 80x24 pseudo-terminal whose screen a virtual terminal
// rebuilds (and which answers the program's queries as a terminal does):
// create a case, quit, start again, resume it where it was left, export
// its letter, and check the file against what `overturn letter` writes.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives it in a pseudo-terminal")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "overturn")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	home := filepath.Join(dir, "home")
	work := filepath.Join(dir, "work")
	if err := os.MkdirAll(work, 0o700); err != nil {
		t.Fatal(err)
	}
	env := []string{
		"HOME=" + home,
		"XDG_DATA_HOME=" + filepath.Join(home, "data"),
		"PATH=" + os.Getenv("PATH"),
		"OVERTURN_NOW=" + scriptNow,
		"TZ=UTC",
		"TERM=xterm-256color",
	}

	// A new case: the first answers of the new-case form, then on to step 2.
	s := startScreen(t, bin, work, env)
	s.waitFor("Press n to start your first case")
	s.send("n")
	s.waitFor("A short name for this case")
	for _, answer := range []string{"Knee MRI denied", "Dana Reyes", "", "E2026091400871", "2026-09-14"} {
		s.send(answer + "\r")
	}
	s.waitFor("2026-09-14")
	s.esc()
	s.waitFor("enter edit")
	s.esc()
	s.waitFor("Step 1 of 7")
	s.send("]")
	s.waitFor("Step 2 of 7")
	s.send("q")
	s.wait()

	// Start again: the case is listed, and opening it lands on step 2.
	s = startScreen(t, bin, work, env)
	s.waitFor("Knee MRI denied")
	s.send("\r")
	s.waitFor("Step 2 of 7")

	// Its claim-file letter: fill what it still needs, then save it.
	s.send("l")
	s.waitFor("Still missing")
	title := workflow.LetterClaimFile.Title()
	for range 9 {
		if strings.Contains(s.screen(), title) {
			break
		}
		s.sendAndWaitChange("\t")
	}
	s.waitFor(title)
	for range 4 {
		scr := s.screen()
		switch {
		case strings.Contains(scr, "Ready to send."):
		case strings.Contains(scr, "address"):
			s.fill("418 Alder Street, Austin, TX 78704")
			continue
		case strings.Contains(scr, "member ID"):
			s.fill("U1234567801")
			continue
		}
		break
	}
	s.waitFor("Ready to send.")
	s.send("s")
	s.waitFor("Save the letter as a text file")
	s.send("\r")
	s.waitFor("Saved the letter to")
	s.send("q")
	s.wait()

	path := filepath.Join(work, "E2026091400871-claim-file.txt")
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the exported letter: %v", err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the exported letter's mode: %v, %v", fi, err)
	}
	cli := exec.Command(bin, "letter", "1", "--kind", "claim-file")
	cli.Env = env
	want, err := cli.Output()
	if err != nil {
		t.Fatalf("overturn letter 1 --kind claim-file: %v", err)
	}
	if string(got) != string(want) {
		t.Errorf("the letter saved in the wizard differs from `overturn letter`:\n--- wizard\n%s\n--- letter\n%s", got, want)
	}
	for _, fact := range []string{"Dana Reyes", "E2026091400871", "U1234567801", "418 Alder Street", "September 14, 2026"} {
		if !strings.Contains(string(got), fact) {
			t.Errorf("the letter lacks %q:\n%s", fact, got)
		}
	}
}

// screen is the real binary running in a pseudo-terminal, its screen
// rebuilt by a virtual terminal.
type screen struct {
	t    *testing.T
	pty  xpty.Pty
	mu   sync.Mutex
	emu  *vt.Emulator
	done chan error
}

func startScreen(t *testing.T, bin, dir string, env []string) *screen {
	t.Helper()
	p, err := xpty.NewPty(80, 24)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	cmd := exec.Command(bin)
	cmd.Dir = dir
	cmd.Env = env
	if err := p.Start(cmd); err != nil {
		t.Fatal(err)
	}
	s := &screen{t: t, pty: p, emu: vt.NewEmulator(80, 24), done: make(chan error, 1)}
	go func() {
		buf := make([]byte, 32*1024)
		for {
			n, err := p.Read(buf)
			if n > 0 {
				s.mu.Lock()
				_, _ = s.emu.Write(buf[:n])
				s.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	// The emulator's answers to the program's queries go back as input.
	go func() { _, _ = io.Copy(p, s.emu) }()
	go func() { s.done <- xpty.WaitProcess(context.Background(), cmd) }()
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = p.Close()
	})
	return s
}

func (s *screen) screen() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

// waitFor waits until the screen shows want. The limit is a safety net
// against a hang, not a timing assertion.
func (s *screen) waitFor(want string) {
	s.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
		if strings.Contains(s.screen(), want) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("the screen never showed %q:\n%s", want, s.screen())
}

// send types keys as a terminal sends them: "\r" is enter.
func (s *screen) send(keys string) {
	s.t.Helper()
	if _, err := s.pty.Write([]byte(keys)); err != nil {
		s.t.Fatal(err)
	}
	time.Sleep(30 * time.Millisecond)
}

// sendAndWaitChange types keys and waits for the screen to change.
func (s *screen) sendAndWaitChange(keys string) {
	before := s.screen()
	s.send(keys)
	for i := 0; i < 100 && s.screen() == before; i++ {
		time.Sleep(20 * time.Millisecond)
	}
}

// esc sends a lone escape, with the pause the input reader needs to tell
// it from the start of a longer sequence.
func (s *screen) esc() {
	s.send("\x1b")
	time.Sleep(300 * time.Millisecond)
}

// fill opens the first missing fact of the letter and answers it.
func (s *screen) fill(answer string) {
	s.t.Helper()
	s.send("1")
	s.waitFor("enter save · esc cancel")
	s.send(answer + "\r")
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
		if !strings.Contains(s.screen(), "enter save · esc cancel") {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.t.Fatalf("the answer %q was not taken:\n%s", answer, s.screen())
}

func (s *screen) wait() {
	s.t.Helper()
	select {
	case err := <-s.done:
		if err != nil {
			s.t.Fatalf("overturn failed: %v\n%s", err, s.screen())
		}
	case <-time.After(20 * time.Second):
		s.t.Fatalf("overturn did not quit:\n%s", s.screen())
	}
}
