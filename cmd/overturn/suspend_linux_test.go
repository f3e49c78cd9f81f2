package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"golang.org/x/sys/unix"
)

func init() { platformCommands["overturn-jobs"] = func() { os.Exit(jobShell(os.Args[1:])) } }

// jobShell runs overturn with args as a shell with job control runs a
// job, on the terminal on its standard input: in a process group of its
// own, in the foreground. When the job stops it takes the terminal back
// and says so; on SIGUSR1 it does what fg does: gives the job the
// terminal again and continues it.
func jobShell(args []string) int {
	exe, err := exec.LookPath("overturn")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fg := make(chan os.Signal, 1)
	signal.Notify(fg, syscall.SIGUSR1)
	cmd := exec.Command(exe, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Foreground: true, Ctty: 0}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	// Set after the start: a child inherits what is ignored.
	signal.Ignore(syscall.SIGTTOU)
	pid := cmd.Process.Pid
	fmt.Printf("job %d\r\n", pid)
	tty := int(os.Stdin.Fd())
	for {
		var ws syscall.WaitStatus
		if _, err := syscall.Wait4(pid, &ws, syscall.WUNTRACED, nil); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		switch {
		case ws.Stopped():
			_ = unix.IoctlSetPointerInt(tty, unix.TIOCSPGRP, syscall.Getpgrp())
			fmt.Print("\r\n[job stopped]\r\n")
			<-fg
			_ = unix.IoctlSetPointerInt(tty, unix.TIOCSPGRP, pid)
			_ = syscall.Kill(-pid, syscall.SIGCONT)
		case ws.Exited():
			return ws.ExitStatus()
		case ws.Signaled():
			return 128 + int(ws.Signal())
		}
	}
}

// TestStopAndContinue: the wizard stopped by SIGTSTP, as a shell's job
// control stops it, first gives the terminal back (the full screen left,
// the cursor shown); after fg it takes the terminal again, draws its
// screen whole and answers keys, and the answer typed then is saved.
func TestStopAndContinue(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cases.db")
	cmd := overturnCmd(t, nil, "--db", db, "new")
	exe, err := exec.LookPath("overturn-jobs")
	if err != nil {
		t.Fatal(err)
	}
	cmd.Path, cmd.Args[0] = exe, "overturn-jobs"
	r := startTerm(t, cmd)
	r.toCaseName()
	m := regexp.MustCompile(`job (\d+)`).FindStringSubmatch(r.Output())
	if m == nil {
		t.Fatalf("the job's pid was not printed:\n%q", r.Output())
	}
	pid, _ := strconv.Atoi(m[1])
	r.Type("Knee MRI")
	r.WaitFor("Knee MRI")
	before := len(r.Output())

	if err := syscall.Kill(pid, syscall.SIGTSTP); err != nil {
		t.Fatal(err)
	}
	r.WaitFor("[job stopped]")
	if !stopped(t, pid) {
		t.Fatal("the wizard did not stop")
	}
	if out := r.Output()[before:]; !restored(out) {
		t.Errorf("the terminal was not given back before the wizard stopped:\n%q", out)
	}
	before = len(r.Output())

	if err := cmd.Process.Signal(syscall.SIGUSR1); err != nil { // fg
		t.Fatal(err)
	}
	r.WaitFor("A short name for this case")
	if out := r.Output()[before:]; !strings.Contains(out, "\x1b[?1049h") {
		t.Errorf("the wizard did not take the full screen again:\n%q", out)
	}
	r.Type(" denied\r")
	r.WaitFor("saved 15:00")
	r.esc() // the answer after the title is being typed: stop typing
	r.esc() // leave the form
	r.settle()
	r.Type("q")
	if status := r.Wait(); status != 0 {
		t.Fatalf("the wizard ended with %d:\n%s", status, r.Screen())
	}
	list, err := overturnCmd(t, nil, "--db", db, "list").Output()
	if err != nil || !strings.Contains(string(list), "Knee MRI denied") {
		t.Errorf("after the stop the list is %q, %v", list, err)
	}
}

// stopped reports whether process pid is stopped, from /proc, or, where
// there is none, trusts the shell's word.
func stopped(t *testing.T, pid int) bool {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	return len(f) > 0 && (f[0] == "T" || f[0] == "t")
}
