package tui

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/overturn/overturn/internal/ptytest"
	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/store"
)

// The pseudo-terminal test runs this test binary again as the program: with
// OVERTURN_TUI_CHILD set, TestMain runs Run on the case file named by
// OVERTURN_TUI_DB instead of the tests.
func TestMain(m *testing.M) {
	if os.Getenv("OVERTURN_TUI_CHILD") != "" {
		os.Exit(runChild(os.Getenv("OVERTURN_TUI_DB")))
	}
	// Status lines do not expire in the tests, which look at them: the
	// test of their expiry sends the message itself.
	expireAfter = func(time.Duration, tea.Msg) tea.Cmd { return nil }
	os.Exit(m.Run())
}

func runChild(path string) int {
	s, err := store.Open(path, store.Options{Now: func() time.Time { return testNow }})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	codes, ref, letters, err := shipped()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	err = Run(context.Background(), Options{Store: s, Codes: codes, Ref: ref, Letters: letters, Now: func() time.Time { return testNow }})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// ptyRun is the program running in a pseudo-terminal (see ptytest).
type ptyRun struct {
	*ptytest.Term
	t *testing.T
}

func startPty(t *testing.T, db, dir string) ptyRun {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "OVERTURN_TUI_CHILD=1", "OVERTURN_TUI_DB="+db)
	r := ptyRun{ptytest.Start(t, cmd), t}
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	return r
}

// fill opens the first missing fact of the letter and answers it.
func (r ptyRun) fill(answer string) {
	r.t.Helper()
	const editing = "enter save · esc cancel"
	// A key right after a dialog closed waits, as words typed on would.
	time.Sleep(settleFor + 100*time.Millisecond)
	r.send("1")
	r.WaitFor(editing)
	r.send(answer + "\r")
	r.WaitGone(editing)
}

// send types keys as a person does, with a short pause after them.
func (r ptyRun) send(s string) {
	r.t.Helper()
	r.Type(s)
	time.Sleep(30 * time.Millisecond)
}

// esc sends a lone escape: the terminal input reader needs a pause after it
// to tell it from the start of a longer sequence.
func (r ptyRun) esc() {
	r.send("\x1b")
	time.Sleep(300 * time.Millisecond)
}

// wait waits for the program to quit, and fails the test unless it ended
// well.
func (r ptyRun) wait() {
	r.t.Helper()
	if status := r.Wait(); status != 0 {
		r.t.Fatalf("the program ended with status %d:\n%s", status, r.Screen())
	}
}

func TestPtyCreateQuitResumeExport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the program in a pseudo-terminal")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")

	r := startPty(t, db, dir)
	r.WaitFor("Press n to start your first case.")
	r.send("n")
	r.WaitFor("When is the care?")
	for _, answer := range []string{"2", "", "", "", "Knee MRI denied", "Dana Reyes", "", "", "", "E2026091400871", "09/14/2026"} {
		r.send(answer + "\r")
	}
	r.WaitFor("09/14/2026")
	r.esc()
	r.WaitFor("leave the form")
	r.esc()
	r.WaitFor("Step 1 of 7")
	r.send("]")
	r.WaitFor("Step 2 of 7")
	r.send("q")
	r.wait()

	r = startPty(t, db, dir)
	r.WaitFor("Knee MRI denied")
	r.send("\r")
	r.WaitFor("Step 2 of 7")
	r.send("l")
	r.WaitFor(letterMustFill)
	title := letter.ClaimFile.Title()
	for range 9 {
		if strings.Contains(r.Screen(), title) {
			break
		}
		before := r.Screen()
		r.send("\t")
		for i := 0; i < 100 && r.Screen() == before; i++ {
			time.Sleep(20 * time.Millisecond)
		}
	}
	r.WaitFor(title)
	for range 4 {
		scr := r.Screen()
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
	r.WaitFor(letterReady)
	time.Sleep(settleFor + 100*time.Millisecond)
	r.send("s")
	r.WaitFor(exportTitle)
	r.send("\r")
	r.WaitFor("Saved to")
	r.WaitGone(exportTitle)
	time.Sleep(settleFor + 100*time.Millisecond)
	r.send("q")
	r.wait()

	path := filepath.Join(dir, "knee-mri-denied-claim-file-2026-11-24.txt")
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
