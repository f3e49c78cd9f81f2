package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// TestDiskFull imports into a case file that may grow no larger (a
// file-size limit stands in for a full disk): the import stops with a
// message that says so, every id it printed is stored, the file checks
// out, and no partial file is left in the folder.
func TestDiskFull(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash to set a file-size limit with")
	}
	data, err := os.ReadFile("testdata/cases/vitamin-d.json")
	if err != nil {
		t.Fatal(err)
	}
	// Pasted one at a time, each case is saved alone: the cases before
	// the one that did not fit are stored.
	t.Run("one at a time", func(t *testing.T) {
		db := caseFileOfOne(t)
		ids := importIntoFullDisk(t, bash, db, 64, func(stdin io.WriteCloser, stdout *bufio.Reader) {
			defer stdin.Close()
			for range 300 {
				if _, err := stdin.Write(data); err != nil {
					return // the import stopped
				}
				if _, err := stdout.ReadString('\n'); err != nil {
					return // the import stopped before printing its id
				}
			}
		})
		if len(ids) == 0 {
			t.Error("no case fit before the disk was full")
		}
	})
	// Sent at once, the cases are saved together, and the file cannot
	// grow to hold them all; the pages of thirty cases emptied from the
	// trash still hold some: the failed save is tried again case by case.
	t.Run("all at once", func(t *testing.T) {
		db := caseFileOfOne(t)
		c, err := casefile.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		deleted := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC) // over 30 days before scriptNow
		s, err := store.Open(db, store.Options{Now: func() time.Time { return deleted }})
		if err != nil {
			t.Fatal(err)
		}
		ids, err := s.CreateMany(slices.Repeat([]*workflow.Case{c}, 30))
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if err := s.Delete(id); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		stored := importIntoFullDisk(t, bash, db, 0, func(stdin io.WriteCloser, _ *bufio.Reader) {
			defer stdin.Close()
			stdin.Write(bytes.Repeat(data, 300)) // fails once the import stops, as it may
		})
		if len(stored) < 10 {
			t.Errorf("%d cases were stored in the room of 30: a failed save of many is not tried again case by case", len(stored))
		}
	})
}

// caseFileOfOne returns a new case file holding one case.
func caseFileOfOne(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "cases.db")
	if out, err := overturnCmd(t, nil, "--db", db, "import", "testdata/cases/vitamin-d.json").CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	return db
}

// importIntoFullDisk runs overturn import - on the case file db, under a
// file-size limit roomKiB above its size, with send writing the cases;
// checks the outcome and returns the ids printed.
func importIntoFullDisk(t *testing.T, bash, db string, roomKiB int64, send func(stdin io.WriteCloser, stdout *bufio.Reader)) []string {
	t.Helper()
	info, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	// SIGXFSZ is ignored so that the write fails with EFBIG instead of
	// killing the process, as a full disk would fail it with ENOSPC.
	cmd := overturnCmd(t, nil, "--db", db, "import", "-")
	exe := cmd.Path
	cmd.Path = bash
	cmd.Args = []string{"bash", "-c", fmt.Sprintf(`ulimit -f %d && trap "" XFSZ && exec "$0" "$@"`, info.Size()/1024+roomKiB), exe, "--db", db, "import", "-"}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	guard(t, cmd)
	send(stdin, bufio.NewReader(io.TeeReader(pipe, &stdout)))
	io.Copy(&stdout, pipe)
	err = cmd.Wait()
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
	for _, id := range ids {
		if !strings.Contains(string(list), "\n"+id+" ") && !strings.HasPrefix(string(list), id+" ") {
			t.Errorf("import printed %s but list lacks it:\n%s", id, list)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(db), ".*"))
	if len(leftovers) != 0 {
		t.Errorf("partial files left: %v", leftovers)
	}
	return ids
}
