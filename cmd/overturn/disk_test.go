package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestDiskFull imports a long stream into a case file that may grow no
// larger (a file-size limit stands in for a full disk): the import stops
// with a message that says so, every id it printed is stored, the file
// checks out, and no partial file is left in the folder.
func TestDiskFull(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to set a file-size limit with")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "cases.db")
	if out, err := overturnCmd(t, nil, "--db", db, "import", "testdata/cases/vitamin-d.json").CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	info, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("testdata/cases/vitamin-d.json")
	if err != nil {
		t.Fatal(err)
	}
	// The limit is 64 KiB above the file's size now: a few cases fit.
	// SIGXFSZ is ignored so that the write fails with EFBIG instead of
	// killing the process, as a full disk would fail it with ENOSPC.
	cmd := overturnCmd(t, nil, "--db", db, "import", "-")
	exe := cmd.Path
	cmd.Path = bash
	cmd.Args = []string{"bash", "-c", fmt.Sprintf(`ulimit -f %d && trap "" XFSZ && exec "$0" "$@"`, info.Size()/1024+64), exe, "--db", db, "import", "-"}
	cmd.Stdin = bytes.NewReader(bytes.Repeat(data, 300))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	guard(t, cmd)
	err = cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("import into a full disk: %v, want exit status 1\nstderr: %s", err, stderr.String())
	}
	if !strings.Contains(stderr.String(), "The disk is full") || !strings.Contains(stderr.String(), "nothing was changed") {
		t.Errorf("the message does not say the disk is full:\n%s", stderr.String())
	}
	out, err := overturnCmd(t, nil, "--db", db, "check").CombinedOutput()
	if err != nil {
		t.Fatalf("check after a full disk: %v\n%s", err, out)
	}
	list, err := overturnCmd(t, nil, "--db", db, "list").Output()
	if err != nil {
		t.Fatal(err)
	}
	ids := strings.Fields(stdout.String())
	if len(ids) == 0 {
		t.Error("no case fit before the disk was full")
	}
	for _, id := range ids {
		if !strings.Contains(string(list), "\n"+id+" ") && !strings.HasPrefix(string(list), id+" ") {
			t.Errorf("import printed %s but list lacks it:\n%s", id, list)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(leftovers) != 0 {
		t.Errorf("partial files left: %v", leftovers)
	}
}
