//go:build unix

package main

import (
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestFIFOsRefused: a named pipe (or another file that is not a plain
// file) given as a case file, an import file, a backup to restore or a
// place to write is refused with a message that names it, before anything
// waits on it: opened for reading with no writer, a FIFO would keep
// overturn waiting, deaf to SIGTERM and SIGHUP, for ever.
func TestFIFOsRefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	db := filepath.Join(dir, "cases.db")
	if out, status := runStatus(t, overturnCmd(t, nil, "--db", db, "import", "testdata/cases/vitamin-d.json")); status != 0 {
		t.Fatalf("import: %d\n%s", status, out)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--db", db, "import", fifo}, "cannot read " + fifo + ": it is a named pipe (FIFO), not a case file; to import from a pipe, give -"},
		{[]string{"--db", db, "import", "testdata/cases/pet-scan.json", fifo}, "it is a named pipe (FIFO)"},
		{[]string{"--db", fifo, "list"}, fifo + ": it is a named pipe (FIFO), not a case file"},
		{[]string{"--db", fifo, "show", "1"}, "it is a named pipe (FIFO)"},
		{[]string{"--db", fifo, "import", "testdata/cases/vitamin-d.json"}, "it is a named pipe (FIFO)"},
		{[]string{"--db", fifo, "check"}, "cannot check " + fifo + ": it is a named pipe (FIFO), not a case file"},
		{[]string{"--db", fifo}, "the wizard needs a terminal"},
		{[]string{"--db", db, "restore", "--force", fifo}, "the backup " + fifo + " is a named pipe (FIFO)"},
		{[]string{"--db", db, "backup", "--force", fifo}, "not a regular file"},
		{[]string{"--db", db, "export-case", "1", "-o", fifo, "--force"}, "not a regular file"},
	} {
		out, status := runStatus(t, overturnCmd(t, nil, tc.args...))
		if status == 0 || !strings.Contains(out, tc.want) {
			t.Errorf("%v: status %d, want it refused saying %q:\n%s", tc.args, status, tc.want, out)
		}
	}
	list, status := runStatus(t, overturnCmd(t, nil, "--db", db, "list"))
	if status != 0 || strings.Count(list, "\n") != 1 {
		t.Errorf("afterwards the list is (%d):\n%s", status, list)
	}
}
