package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/overturn/overturn/casefile"
)

// overturnCmd returns a command that runs this test binary as overturn
// (see TestMain), with a clean environment plus env.
func overturnCmd(t *testing.T, env []string, args ...string) *exec.Cmd {
	t.Helper()
	// TestMain (testscript.Main) put a copy of this test binary named
	// overturn in $PATH; under that name it runs main, and so do the
	// children it starts with os.Executable.
	exe, err := exec.LookPath("overturn")
	if err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	cmd := &exec.Cmd{
		Path: exe,
		Args: append([]string{"overturn"}, args...),
		Env: append([]string{
			"HOME=" + home,
			"XDG_DATA_HOME=" + filepath.Join(home, "data"),
			"PATH=" + os.Getenv("PATH"),
			"OVERTURN_NOW=" + scriptNow,
		}, env...),
	}
	return cmd
}

// guard kills cmd if it is still running when the test would otherwise
// hang; it is a safety net, not a timing assertion. A command the test has
// already waited for is left alone, however long the test goes on after it.
func guard(t *testing.T, cmd *exec.Cmd) {
	timer := time.AfterFunc(60*time.Second, func() {
		if errors.Is(cmd.Process.Signal(syscall.Signal(0)), os.ErrProcessDone) {
			return
		}
		t.Errorf("%v did not finish; killing it", cmd.Args)
		cmd.Process.Kill()
	})
	t.Cleanup(func() { timer.Stop() })
}

// runPTY runs overturn with a pseudo-terminal on stdin, stdout and stderr
// that never answers anything, and returns all it wrote and its status.
func runPTY(t *testing.T, env []string, args ...string) (string, int) {
	t.Helper()
	cmd := overturnCmd(t, append([]string{"TERM=xterm-256color"}, env...), args...)
	ptmx, err := pty.Start(cmd)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	guard(t, cmd)
	var out bytes.Buffer
	copied := make(chan struct{})
	go func() {
		io.Copy(&out, ptmx) // ends with EIO when the program exits
		close(copied)
	}()
	err = cmd.Wait()
	<-copied
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), code
}

// Terminal queries a program might send and then wait on.
var queries = []string{
	"\x1b]11;?", // background colour
	"\x1b]10;?", // foreground colour
	"\x1b[c",    // primary device attributes
	"\x1b[6n",   // cursor position
	"\x1b[?u",   // kitty keyboard flags
}

func assertNoQueries(t *testing.T, out string) {
	t.Helper()
	for _, q := range queries {
		if strings.Contains(out, q) {
			t.Errorf("output asks the terminal %q: a terminal that never answers would stall it", q)
		}
	}
}

func TestTerminalNeverQueried(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		status int
		want   string
	}{
		{"help", []string{"--help"}, 0, "USAGE"},
		{"command help", []string{"letter", "--help"}, 0, "overturn letter ID"},
		{"version", []string{"version"}, 0, "overturn "},
		{"usage error", []string{"frobnicate"}, 2, "is not a command"},
		{"error", []string{"show", "7"}, 1, "there is no case 7"},
		{"wizard on an unknown case", []string{"open", "99"}, 1, "there is no case 99"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, status := runPTY(t, nil, tc.args...)
			if status != tc.status {
				t.Errorf("exit status %d, want %d; output:\n%s", status, tc.status, out)
			}
			if !strings.Contains(out, tc.want) {
				t.Errorf("output lacks %q:\n%q", tc.want, out)
			}
			assertNoQueries(t, out)
		})
	}
}

func TestHelpColour(t *testing.T) {
	out, _ := runPTY(t, nil, "--help")
	if !hasColour(out) {
		t.Errorf("help on a terminal has no colour:\n%q", out)
	}
	for _, v := range []string{"1", "true", "yes", "0"} {
		out, _ := runPTY(t, []string{"NO_COLOR=" + v}, "--help")
		if hasColour(out) {
			t.Errorf("NO_COLOR=%s: help still has colour:\n%q", v, out)
		}
		if !strings.Contains(out, "USAGE") {
			t.Errorf("NO_COLOR=%s: no help:\n%q", v, out)
		}
	}
}

var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// hasColour reports whether out sets a foreground or background colour.
func hasColour(out string) bool {
	for _, m := range sgr.FindAllStringSubmatch(out, -1) {
		for _, p := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ';' || r == ':' }) {
			n, _ := strconv.Atoi(p)
			if n >= 30 && n <= 49 || n >= 90 && n <= 107 {
				return true
			}
		}
	}
	return false
}

// TestNoNetwork holds the promise that health data never leaves the
// machine: the binary does not even link the network package.
func TestNoNetwork(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if slices.Contains(deps, "net") {
		why, _ := exec.Command("go", "list", "-deps", "-f", `{{.ImportPath}}: {{join .Imports " "}}`, ".").Output()
		var importers []string
		for _, line := range strings.Split(string(why), "\n") {
			if slices.Contains(strings.Fields(line)[1:], "net") {
				importers = append(importers, strings.TrimSuffix(strings.Fields(line)[0], ":"))
			}
		}
		t.Errorf("overturn links package net, imported by %v", importers)
	}
}

// TestLockedAndInterrupted holds a case file open in one overturn, checks
// that a second writer refuses it with a message while a reader reads it,
// then interrupts the first.
func TestLockedAndInterrupted(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cases.db")
	first := overturnCmd(t, nil, "--db", db, "import", "-")
	stdin, err := first.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := first.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var firstErr bytes.Buffer
	first.Stderr = &firstErr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	guard(t, first)
	data, err := os.ReadFile("testdata/cases/vitamin-d.json")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := stdin.Write(data); err != nil {
		t.Fatal(err)
	}
	// The id comes as soon as the case is stored, while stdin stays open.
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "1\n" {
		t.Fatalf("import printed %q, %v; stderr: %s", line, err, firstErr.String())
	}

	// A second writer is refused, with a message; a reader reads what
	// the first one stored.
	second := overturnCmd(t, nil, "--db", db, "import", "testdata/cases/vitamin-d.json")
	var out, errOut bytes.Buffer
	second.Stdout, second.Stderr = &out, &errOut
	guard(t, second)
	err = second.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Errorf("import into a file in use: %v, want exit status 1", err)
	}
	if !strings.Contains(errOut.String(), "open in another Overturn window") || out.Len() != 0 {
		t.Errorf("import into a file in use: stdout %q, stderr %q", out.String(), errOut.String())
	}
	reader := overturnCmd(t, nil, "--db", db, "list")
	guard(t, reader)
	if got, err := reader.Output(); err != nil || !strings.Contains(string(got), "Vitamin D test") {
		t.Errorf("list of a file in use: %q, %v", got, err)
	}

	if err := first.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err = first.Wait()
	if !errors.As(err, &ee) || ee.ExitCode() != 130 {
		t.Errorf("interrupted import: %v, want exit status 130; stderr: %s", err, firstErr.String())
	}
	if !strings.Contains(firstErr.String(), "interrupted") {
		t.Errorf("interrupted import said %q", firstErr.String())
	}

	// The case stored before the interrupt is kept.
	after := overturnCmd(t, nil, "--db", db, "list")
	got, err := after.Output()
	if err != nil || !strings.Contains(string(got), "Vitamin D test") {
		t.Errorf("after the interrupt, list gave %q, %v", got, err)
	}
}

// TestImportTooLarge: a file larger than any case file is refused before
// it is read, and nothing is stored.
func TestImportTooLarge(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	if err := os.WriteFile(big, bytes.Repeat([]byte(" "), casefile.MaxSize+1), 0o600); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "cases.db")
	cmd := overturnCmd(t, nil, "--db", db, "import", big)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	guard(t, cmd)
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 || out.Len() != 0 || !strings.Contains(errOut.String(), "too large to be a case file") {
		t.Errorf("import of a huge file: %v, stdout %q, stderr %q", err, out.String(), errOut.String())
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a case file was created")
	}
}
