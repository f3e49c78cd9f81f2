package main

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// readmeSetup returns the two commands of the README's set-up block: the
// run command, then the test command.
func readmeSetup(t *testing.T) (run, test string) {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(data), "\n## Set up\n")
	if !ok {
		t.Fatal(`README.md has no "## Set up" section`)
	}
	_, block, ok := strings.Cut(after, "```sh\n")
	if !ok {
		t.Fatal("the set-up section has no ```sh block")
	}
	block, _, _ = strings.Cut(block, "```")
	lines := strings.Split(strings.TrimSpace(block), "\n")
	if len(lines) != 2 {
		t.Fatalf("the set-up block has %d lines, want the run and the test command:\n%s", len(lines), block)
	}
	return lines[0], lines[1]
}

// TestREADMESetup runs the README's run command as written, as a script
// would, without a terminal: it must say to use one and exit 2, not hang.
// (The test command is this very test suite; .ci/run runs it.)
func TestREADMESetup(t *testing.T) {
	run, test := readmeSetup(t)
	if test != "go test ./..." {
		t.Errorf("README test command is %q", test)
	}
	if testing.Short() {
		t.Skip("builds the program with go run")
	}
	args := strings.Fields(run)
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Dir = "../.."
	cmd.Env = append(os.Environ(), "OVERTURN_DB="+t.TempDir()+"/cases.db")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	guard(t, cmd)
	err := cmd.Run()
	// go run reports the program's status as "exit status 2" and exits 1.
	if err == nil || !strings.Contains(out.String(), "the wizard needs a terminal") || !strings.Contains(out.String(), "exit status 2") {
		t.Errorf("%s without a terminal: %v\n%s", run, err, out.String())
	}
}
