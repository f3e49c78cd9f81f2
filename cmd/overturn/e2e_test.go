package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/overturn/overturn/letter"
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
	}

	// A new case: the situation, the first answers of the new-case form,
	// then on to step 2.
	s := startBinary(t, bin, work, env)
	s.WaitFor("Press n to start your first case")
	s.Type("n")
	s.WaitFor("When is the care?")
	for _, answer := range []string{"2", "", "", "2", "Knee MRI denied", "Dana Reyes", "", "", "", "E2026091400871", "09/14/2026"} {
		s.typeSlowly(answer + "\r")
	}
	s.WaitFor("09/14/2026")
	s.esc()
	s.WaitFor("leave the form")
	s.esc()
	s.WaitFor("Step 1 of 7")
	s.Type("]")
	s.WaitFor("Step 2 of 7")
	s.quit()

	// Start again: the case is listed, and opening it lands on step 2.
	s = startBinary(t, bin, work, env)
	s.WaitFor("Knee MRI denied")
	s.Type("\r")
	s.WaitFor("Step 2 of 7")

	// Its claim-file letter: fill what it still needs, then save it in
	// the letters folder.
	s.Type("l")
	s.WaitFor("Must fill before sending")
	title := letter.ClaimFile.Title()
	for range 9 {
		if strings.Contains(s.Screen(), title) {
			break
		}
		s.sendAndWaitChange("\t")
	}
	s.WaitFor(title)
	for range 4 {
		scr := s.Screen()
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
	s.WaitFor("Ready to send")
	s.settle()
	s.Type("s")
	s.WaitFor("Save the letter as a text file")
	s.Type("\r")
	s.WaitFor("Saved to")
	s.settle()
	s.quit()

	path := filepath.Join(home, "Documents", "Overturn", "knee-mri-denied-claim-file-2026-11-27.txt")
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

// settle waits as long as the wizard holds keys after a form or a dialog
// closes: words typed on past them are not taken as commands.
func (r screenRun) settle() { time.Sleep(700 * time.Millisecond) }

// sendAndWaitChange types keys and waits for the screen to change.
func (r screenRun) sendAndWaitChange(keys string) {
	before := r.Screen()
	r.Type(keys)
	for i := 0; i < 100 && r.Screen() == before; i++ {
		time.Sleep(20 * time.Millisecond)
	}
}

// esc types a lone escape, with the pause the input reader needs to tell
// it from the start of a longer sequence.
func (r screenRun) esc() {
	r.Type("\x1b")
	time.Sleep(300 * time.Millisecond)
}

// typeSlowly types keys, pausing after them as a person does between
// answers.
func (r screenRun) typeSlowly(keys string) {
	r.Type(keys)
	time.Sleep(30 * time.Millisecond)
}

// fill opens the first missing fact of the letter and answers it.
func (r screenRun) fill(answer string) {
	r.t.Helper()
	const editing = "enter save · esc cancel"
	r.settle()
	r.Type("1")
	r.WaitFor(editing)
	r.Type(answer + "\r")
	r.WaitGone(editing)
}

// quit waits for overturn to end after q, and checks it ended well.
func (r screenRun) quit() {
	r.t.Helper()
	r.settle()
	r.Type("q")
	if status := r.Wait(); status != 0 {
		r.t.Fatalf("overturn ended with status %d:\n%s", status, r.Screen())
	}
}

// startBinary starts the built binary bin in dir, in a pseudo-terminal.
func startBinary(t *testing.T, bin, dir string, env []string) screenRun {
	cmd := exec.Command(bin)
	cmd.Dir = dir
	cmd.Env = append([]string(nil), env...)
	return startTerm(t, cmd)
}
