//go:build unix

package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// unprivileged returns overturn as a command that permissions apply to:
// run by root, it runs as nobody, from a copy nobody can reach, with dir
// given to nobody.
func unprivileged(t *testing.T, dir string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := overturnCmd(t, nil, args...)
	if os.Geteuid() != 0 {
		return cmd
	}
	const nobody = 65534
	exe := filepath.Join(filepath.Dir(dir), "overturn")
	if _, err := os.Stat(exe); err != nil {
		src, err := os.Open(cmd.Path)
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		dst, err := os.OpenFile(exe, os.O_CREATE|os.O_WRONLY, 0o755)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(dst, src); err != nil {
			t.Fatal(err)
		}
		if err := dst.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chown(dir, nobody, nobody); err != nil {
		t.Skipf("cannot give a folder to nobody: %v", err)
	}
	cmd.Path = exe
	for i, kv := range cmd.Env {
		if strings.HasPrefix(kv, "HOME=") || strings.HasPrefix(kv, "XDG_DATA_HOME=") {
			cmd.Env[i] = kv[:strings.Index(kv, "=")+1] + dir
		}
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody, Gid: nobody}}
	return cmd
}

// publicTemp returns a new folder everyone may enter, for unprivileged.
func publicTemp(t *testing.T) string {
	t.Helper()
	base, err := os.MkdirTemp("", "overturn-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(base, "data")
	if err := os.Mkdir(data, 0o700); err != nil {
		t.Fatal(err)
	}
	return data
}

// publicFixture copies testdata/cases/name beside the folder data, where
// unprivileged's nobody can read it (the checkout itself may be in a
// folder nobody cannot enter), and returns the copy's path.
func publicFixture(t *testing.T, data, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "cases", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(filepath.Dir(data), name)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runStatus(t *testing.T, cmd *exec.Cmd) (string, int) {
	t.Helper()
	guard(t, cmd)
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return string(out), ee.ExitCode()
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(out), 0
}

// TestReadOnlyPlaces: a case file in a folder that cannot be written to,
// and a case file that cannot be written: clear messages, nothing lost,
// nothing half-written.
func TestReadOnlyPlaces(t *testing.T) {
	data := publicTemp(t)
	db := filepath.Join(data, "cases.db")
	cases := publicFixture(t, data, "vitamin-d.json")
	if out, status := runStatus(t, unprivileged(t, data, "--db", db, "import", cases)); status != 0 {
		t.Fatalf("import: %d\n%s", status, out)
	}
	if err := os.Chmod(data, 0o500); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadDir(data)

	// A new case file cannot be made there: said so, nothing made.
	newDB := filepath.Join(data, "new.db")
	out, status := runStatus(t, unprivileged(t, data, "--db", newDB, "import", cases))
	if status != 1 || !strings.Contains(out, "the folder "+data+" cannot be written to") {
		t.Errorf("import into a read-only folder: status %d\n%s", status, out)
	}
	// The existing file still works: bbolt writes inside it.
	out, status = runStatus(t, unprivileged(t, data, "--db", db, "import", cases))
	if status != 0 || out != "2\n" {
		t.Errorf("import into an existing file in a read-only folder: status %d\n%s", status, out)
	}
	after, _ := os.ReadDir(data)
	if len(after) != len(before) {
		t.Errorf("the read-only folder changed: %v, then %v", before, after)
	}

	// A case file that cannot be written: said so, and it is unchanged.
	if err := os.Chmod(db, 0o400); err != nil {
		t.Fatal(err)
	}
	was, _ := os.ReadFile(db)
	out, status = runStatus(t, unprivileged(t, data, "--db", db, "import", cases))
	if status != 1 || !strings.Contains(out, "permission denied: Overturn must be able to read and write it") {
		t.Errorf("import into a read-only file: status %d\n%s", status, out)
	}
	if now, _ := os.ReadFile(db); string(now) != string(was) {
		t.Error("the read-only case file changed")
	}
	if err := os.Chmod(db, 0o600); err != nil {
		t.Fatal(err)
	}
	out, status = runStatus(t, unprivileged(t, data, "--db", db, "list"))
	if status != 0 || strings.Count(out, "Vitamin D") != 2 {
		t.Errorf("after the faults, list: status %d\n%s", status, out)
	}
}

// TestPermissionErrorsSayTheFix: a file Overturn cannot read or write
// because of its permissions is named, with what to type to fix it: the
// check file beside the case file (a bare "permission denied" stopped
// every command), a case file to import, a folder to write a letter to.
func TestPermissionErrorsSayTheFix(t *testing.T) {
	data := publicTemp(t)
	db := filepath.Join(data, "cases.db")
	cases := publicFixture(t, data, "vitamin-d.json")
	if out, status := runStatus(t, unprivileged(t, data, "--db", db, "import", cases)); status != 0 {
		t.Fatalf("import: %d\n%s", status, out)
	}
	side := db + ".txid"
	if err := os.Chmod(side, 0o400); err != nil {
		t.Fatal(err)
	}
	// Every command works on, saying what is wrong and the fix.
	for _, args := range [][]string{{"import", cases}, {"list"}} {
		out, status := runStatus(t, unprivileged(t, data, append([]string{"--db", db}, args...)...))
		if status != 0 || !strings.Contains(out, "warning: the check file "+side+", which Overturn keeps beside the case file, cannot be written (permission denied)") ||
			!strings.Contains(out, "chmod 600 "+side) {
			t.Errorf("%v with the check file read-only: status %d\n%s", args, status, out)
		}
	}
	if err := os.Chmod(side, 0o600); err != nil {
		t.Fatal(err)
	}

	unreadable := publicFixture(t, data, "pet-scan.json")
	if err := os.Chmod(unreadable, 0o200); err != nil {
		t.Fatal(err)
	}
	out, status := runStatus(t, unprivileged(t, data, "--db", db, "import", unreadable))
	if status != 1 || !strings.Contains(out, "cannot read "+unreadable+": permission denied. If the file is yours, make it readable: chmod u+r "+unreadable) {
		t.Errorf("import of an unreadable file: status %d\n%s", status, out)
	}

	ro := filepath.Join(data, "letters")
	if err := os.Mkdir(ro, 0o500); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		if err := os.Chown(ro, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	}
	out, status = runStatus(t, unprivileged(t, data, "--db", db, "letter", "1", "--kind", "level1", "-o", filepath.Join(ro, "appeal.txt")))
	if status != 1 || !strings.Contains(out, "permission denied; write it to a folder of yours, or make "+ro+" writable") {
		t.Errorf("a letter to a folder that cannot be written: status %d\n%s", status, out)
	}
}
