package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/overturn/overturn/internal/ptytest"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/tui"
	"github.com/overturn/overturn/workflow"
)

// faultyStore returns the wizard's store for a fault: "slow" saves take a
// second; "panic" panics when the cases are listed, with a panic value
// that holds a case's data.
func faultyStore(fault string) func(*store.Store) tui.Store {
	return func(s *store.Store) tui.Store {
		switch fault {
		case "slow":
			return slowStore{s}
		case "panic":
			return panicStore{s}
		}
		return s
	}
}

type slowStore struct{ *store.Store }

func (s slowStore) Save(id uint64, c *workflow.Case) error {
	time.Sleep(time.Second)
	return s.Store.Save(id, c)
}

func (s slowStore) Create(c *workflow.Case) (uint64, error) {
	time.Sleep(time.Second)
	return s.Store.Create(c)
}

type panicStore struct{ *store.Store }

func (s panicStore) List(store.ListQuery) ([]store.Summary, error) {
	panic("listing the case of Dana Reyes, member U4829113702")
}

// screenRun is overturn running in a pseudo-terminal (see ptytest).
type screenRun struct {
	*ptytest.Term
	t *testing.T
}

// startTerm starts cmd in a pseudo-terminal, killed if it hangs.
func startTerm(t *testing.T, cmd *exec.Cmd) screenRun {
	t.Helper()
	r := ptytest.Start(t, cmd)
	guard(t, cmd)
	return screenRun{r, t}
}

// toCaseName goes past the four questions of the situation that open
// the new-case form, unanswered, to the case's name.
func (r screenRun) toCaseName() {
	r.t.Helper()
	r.WaitFor("When is the care?")
	r.Type("\r\r\r\r")
	r.WaitFor("A short name for")
}

// restored reports whether the output leaves the alternate screen and shows
// the cursor again after its last use of them.
func restored(out string) bool {
	leave := strings.LastIndex(out, "\x1b[?1049l")
	return leave >= 0 && leave > strings.LastIndex(out, "\x1b[?1049h") &&
		strings.LastIndex(out, "\x1b[?25h") > strings.LastIndex(out, "\x1b[?25l")
}

func faultyCmd(t *testing.T, fault string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := overturnCmd(t, []string{"OVERTURN_TEST_FAULT=" + fault}, args...)
	exe, err := exec.LookPath("overturn-faulty")
	if err != nil {
		t.Fatal(err)
	}
	cmd.Path = exe
	cmd.Args[0] = "overturn-faulty"
	return cmd
}

// TestSignalDuringAutosave: SIGINT, SIGTERM or SIGHUP while an answer is
// being saved: the save finishes, the terminal is restored, the exit
// status is 128 plus the signal's number, and the case is there after.
func TestSignalDuringAutosave(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "cases.db")
			r := startTerm(t, faultyCmd(t, "slow", "--db", db, "new"))
			r.toCaseName()
			r.Type("Knee MRI denied\r")
			r.WaitFor("saving…")
			if err := r.Cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			status := r.Wait()
			out := r.Output()
			if status != 128+int(sig) {
				t.Errorf("exit status %d, want %d", status, 128+int(sig))
			}
			if !restored(out) {
				t.Errorf("the terminal was not restored:\n%q", out[max(0, len(out)-300):])
			}
			if !strings.Contains(out, "everything finished before was saved") {
				t.Errorf("no message after the signal:\n%q", out[max(0, len(out)-300):])
			}
			list, err := overturnCmd(t, nil, "--db", db, "list").CombinedOutput()
			if err != nil || !strings.Contains(string(list), "Knee MRI denied") {
				t.Errorf("after %v the case list is %q, %v", sig, list, err)
			}
		})
	}
}

// TestPanicInWizard: a bug that panics restores the terminal, writes a
// crash report without case data next to the case file, and says where.
func TestPanicInWizard(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	if out, err := overturnCmd(t, nil, "--db", db, "import", "testdata/cases/vitamin-d.json").CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	r := startTerm(t, faultyCmd(t, "panic", "--db", db))
	status := r.Wait()
	out := r.Output()
	if status != 1 {
		t.Errorf("exit status %d, want 1", status)
	}
	if !restored(out) {
		t.Errorf("the terminal was not restored:\n%q", out)
	}
	reports, _ := filepath.Glob(filepath.Join(dir, "crash-*.txt"))
	if len(reports) != 1 {
		t.Fatalf("crash reports: %v\n%q", reports, out)
	}
	if !strings.Contains(strings.ReplaceAll(out, "\r\n", " "), "crash report, with no case data in it, is in "+reports[0]) {
		t.Errorf("the message does not say where the report is:\n%q", out)
	}
	info, err := os.Stat(reports[0])
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("report: %v, %v", info, err)
	}
	data, _ := os.ReadFile(reports[0])
	for _, secret := range []string{"Dana", "U4829113702", "Vitamin"} {
		if strings.Contains(string(data), secret) || strings.Contains(out, secret) {
			t.Errorf("%q is in the crash report or on the screen:\n%s", secret, data)
		}
	}
	if !strings.Contains(string(data), "panicStore.List") {
		t.Errorf("the report does not say where:\n%s", data)
	}
}

// TestSignalInAccessibleMode: the plain question-and-answer mode waits on
// its input; a signal ends the wait at once, at a text question or at a
// menu just after an out-of-range number (where huh's prompts panicked),
// with every answer kept and the status the README gives: 130 for Ctrl+C,
// 143 for SIGTERM, 129 for SIGHUP.
func TestSignalInAccessibleMode(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		for _, at := range []string{"text", "menu"} {
			t.Run(sig.String()+"/"+at, func(t *testing.T) {
				db := filepath.Join(t.TempDir(), "cases.db")
				r := startTerm(t, overturnCmd(t, nil, "--db", db, "--accessible", "new"))
				r.toCaseName()
				r.Type("Knee MRI denied\r")
				r.WaitFor("The insured person")
				if at == "menu" {
					r.Type("\r\r\r\r")
					r.WaitFor("Claim number")
					r.Type("\r\r\r\r\r\r\r")
					r.WaitFor("Kind of denial")
					r.Type("99\r")
					r.WaitFor("not one of the numbers")
				}
				if sig == syscall.SIGINT {
					r.Type("\x03") // Ctrl+C, as a person presses it
				} else if err := r.Cmd.Process.Signal(sig); err != nil {
					t.Fatal(err)
				}
				out := r.Output()
				if status := r.Wait(); status != 128+int(sig) {
					t.Errorf("exit status %d, want %d\n%q", status, 128+int(sig), out)
				}
				if strings.Contains(r.Output(), "crashed") {
					t.Errorf("it crashed:\n%s", r.Output())
				}
				list, err := overturnCmd(t, nil, "--db", db, "list").CombinedOutput()
				if err != nil || !strings.Contains(string(list), "Knee MRI denied") {
					t.Errorf("after %v the case list is %q, %v", sig, list, err)
				}
			})
		}
	}
}

// TestPanicInCommand: a panic in a command outside the wizard writes the
// same report, without the panic's value, next to the case file.
func TestPanicInCommand(t *testing.T) {
	dir := t.TempDir()
	var out strings.Builder
	a := &app{
		stdin:  strings.NewReader(""),
		stdout: &out,
		stderr: &out,
		getenv: func(key string) string {
			if key == "OVERTURN_NOW" {
				panic("reading the case of Dana Reyes")
			}
			return ""
		},
	}
	status := a.main(t.Context(), []string{"--db", filepath.Join(dir, "cases.db"), "list"})
	if status != 1 {
		t.Errorf("exit status %d, want 1", status)
	}
	reports, _ := filepath.Glob(filepath.Join(dir, "crash-*.txt"))
	if len(reports) != 1 || !strings.Contains(out.String(), "is in "+reports[0]) {
		t.Fatalf("reports %v; output:\n%s", reports, out.String())
	}
	data, _ := os.ReadFile(reports[0])
	if strings.Contains(string(data)+out.String(), "Dana") {
		t.Errorf("the panic's value was written:\n%s\n%s", data, out.String())
	}
	if !strings.Contains(string(data), "TestPanicInCommand") {
		t.Errorf("the report does not say where:\n%s", data)
	}
}

// TestTerminalClosedDuringAutosave closes the terminal itself (the window
// closing), not only sending SIGHUP: the save under way still finishes.
func TestTerminalClosedDuringAutosave(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cases.db")
	r := startTerm(t, faultyCmd(t, "slow", "--db", db, "new"))
	r.toCaseName()
	r.Type("Knee MRI denied\r")
	r.WaitFor("saving…")
	r.Close()
	if status := r.Wait(); status != 129 {
		t.Errorf("exit status %d, want 129 (SIGHUP)", status)
	}
	list, err := overturnCmd(t, nil, "--db", db, "list").CombinedOutput()
	if err != nil || !strings.Contains(string(list), "Knee MRI denied") {
		t.Errorf("after the terminal closed the case list is %q, %v", list, err)
	}
}

// TestNohup: started with SIGHUP ignored, as nohup starts it, overturn
// keeps ignoring it.
func TestNohup(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	db := filepath.Join(t.TempDir(), "cases.db")
	cmd := overturnCmd(t, nil, "--db", db, "import", "-")
	exe := cmd.Path
	cmd.Path = sh
	cmd.Args = []string{"sh", "-c", `trap "" HUP && exec "$@"`, "sh", exe, "--db", db, "import", "-"}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	guard(t, cmd)
	data, err := os.ReadFile("testdata/cases/vitamin-d.json")
	if err != nil {
		t.Fatal(err)
	}
	stdin.Write(data)
	buf := make([]byte, 2)
	if _, err := io.ReadFull(stdout, buf); err != nil || string(buf) != "1\n" {
		t.Fatalf("import printed %q, %v", buf, err)
	}
	cmd.Process.Signal(syscall.SIGHUP)
	stdin.Write(data)
	if _, err := io.ReadFull(stdout, buf); err != nil || string(buf) != "2\n" {
		t.Fatalf("after SIGHUP, import printed %q, %v", buf, err)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Errorf("import under nohup: %v", err)
	}
}
