//go:build unix

package main

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestFilesArePrivate runs every command that writes under umask 000, with
// the default data directory, a home, a working directory and a TMPDIR of
// their own: the data directory and every folder in it are 0700, every
// file Overturn writes is 0600 (a crash report too), and nothing is
// written anywhere but the data directory and the paths named.
func TestFilesArePrivate(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to set the umask with")
	}
	cases, err := filepath.Abs("testdata/cases/vitamin-d.json")
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	home, work, tmp := filepath.Join(root, "home"), filepath.Join(root, "work"), filepath.Join(root, "tmp")
	for _, d := range []string{home, work, tmp} {
		if err := os.Mkdir(d, 0o777); err != nil {
			t.Fatal(err)
		}
	}
	data := filepath.Join(home, ".local", "share", "overturn")
	named := []string{"out.json", "appeal.txt", "copy.db"}
	run := func(faulty bool, args ...string) {
		t.Helper()
		cmd := overturnCmd(t, nil, args...)
		if faulty {
			cmd = faultyCmd(t, "panic", args...)
		}
		// The program's name is its file's: TestMain runs it by that.
		exe := cmd.Path
		cmd.Path = sh
		cmd.Args = append([]string{"sh", "-c", `umask 000 && exec "$@"`, "sh", exe}, args...)
		cmd.Dir = work
		for i, kv := range cmd.Env {
			if strings.HasPrefix(kv, "HOME=") {
				cmd.Env[i] = "HOME=" + home
			}
			if strings.HasPrefix(kv, "XDG_DATA_HOME=") {
				cmd.Env[i] = "XDG_DATA_HOME="
			}
		}
		cmd.Env = append(cmd.Env, "TMPDIR="+tmp)
		if faulty {
			startTerm(t, cmd).Wait()
			return
		}
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
	}
	run(false, "import", cases)
	run(false, "export-case", "1", "-o", "out.json")
	run(false, "letter", "1", "--kind", "level1", "-o", "appeal.txt")
	run(false, "backup", "copy.db")
	run(false, "check")
	run(true)

	var crashReports int
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		info, err := d.Info()
		if err != nil {
			return err
		}
		inData := path == data || strings.HasPrefix(path, data+string(filepath.Separator))
		switch {
		case path == root || path == home || path == work || path == tmp:
		case d.IsDir() && strings.HasPrefix(data, path+string(filepath.Separator)):
			// a parent of the data directory, made by Overturn
		case inData && d.IsDir():
			if info.Mode().Perm() != 0o700 {
				t.Errorf("folder %s has mode %04o, want 0700", rel, info.Mode().Perm())
			}
		case inData || filepath.Dir(path) == work && slices.Contains(named, d.Name()):
			if info.Mode().Perm() != 0o600 {
				t.Errorf("file %s has mode %04o, want 0600", rel, info.Mode().Perm())
			}
			if strings.HasPrefix(d.Name(), "crash-") {
				crashReports++
			}
		default:
			t.Errorf("%s was written, outside the data directory and the paths named", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if crashReports != 1 {
		t.Errorf("%d crash reports in the data directory, want 1", crashReports)
	}
	for _, n := range named {
		if _, err := os.Stat(filepath.Join(work, n)); err != nil {
			t.Errorf("named output: %v", err)
		}
	}
}
