package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputLost: when standard output cannot be written (a full disk,
// /dev/full), every command exits 1 and says so; an import says which
// cases it stored, so that a retry does not store them twice.
func TestOutputLost(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full here: %v", err)
	}
	defer full.Close()
	db := filepath.Join(t.TempDir(), "cases.db")
	run := func(args ...string) (string, int) {
		t.Helper()
		cmd := overturnCmd(t, nil, append([]string{"--db", db}, args...)...)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = full, &stderr
		guard(t, cmd)
		err := cmd.Run()
		status := 0
		if ee, ok := err.(*exec.ExitError); ok {
			status = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return stderr.String(), status
	}
	out, status := run("import", "testdata/cases/vitamin-d.json", "testdata/cases/pet-scan.json")
	if status != 1 || !strings.Contains(out, "cases 1, 2 were stored, but their ids could not be written") || !strings.Contains(out, "do not import them again") {
		t.Errorf("import to a full output: status %d\n%s", status, out)
	}
	for _, args := range [][]string{
		{"list"}, {"list", "--json"}, {"show", "1"}, {"deadlines"}, {"letter", "1", "--kind", "level1"},
		{"export-case", "1"}, {"check"}, {"check", "--json"}, {"version"},
	} {
		out, status := run(args...)
		if status != 1 || !strings.Contains(out, "could not be written") || !strings.Contains(out, "no space left") {
			t.Errorf("%v to a full output: status %d\n%s", args, status, out)
		}
	}
	list, err := overturnCmd(t, nil, "--db", db, "list").Output()
	if err != nil || strings.Count(string(list), "\n") != 2 {
		t.Errorf("after the import, the list is %q, %v", list, err)
	}
}
