package store

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// backupNow writes a copy of the open store s to a new file and returns
// its path.
func backupNow(t *testing.T, s *Store) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "backup.db")
	var buf bytes.Buffer
	if _, err := s.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRestoreCrashWindow ends a restore, as a crash would, at each of its
// steps: the next open finds either the file as it was or the restored
// one, whole, never "gone back to an earlier state", and removes the
// temporary copy the crash left. The file being replaced is at an earlier
// transaction than the backup (it was itself restored from an older one),
// which is when the old file compared with the restored file's sidecar
// looked as if it had lost saves.
func TestRestoreCrashWindow(t *testing.T) {
	for _, step := range []string{"copied", "kept", "sidecar removed", "renamed"} {
		t.Run(step, func(t *testing.T) {
			clk := newClock()
			path := filepath.Join(t.TempDir(), "cases.db")
			s := open(t, path, clk)
			makeCases(t, s, clk, 2)
			older := backupNow(t, s)
			makeCases(t, s, clk, 20)
			newer := backupNow(t, s)
			s.Close()
			if _, err := Restore(path, older, Options{Now: clk.now}); err != nil {
				t.Fatal(err)
			}
			was, _ := os.ReadFile(path)

			cmd := exec.Command(testBinary(t), "__restore", path, newer, step)
			out, err := cmd.CombinedOutput()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
				t.Fatalf("the restore was not ended at %q: %v\n%s", step, err, out)
			}
			s, err = Open(path, Options{Now: clk.now, Verify: verifyChild(t)})
			if err != nil {
				t.Fatalf("after a crash at %q: %v", step, err)
			}
			n, err := s.Count("")
			s.Close()
			now, _ := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			want := 2
			if step == "renamed" {
				want = 22
			} else if !bytes.Equal(now, was) {
				t.Errorf("after a crash at %q the old file was changed", step)
			}
			if n != want {
				t.Errorf("after a crash at %q the file holds %d cases, want %d", step, n, want)
			}
			left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".cases.db.*"))
			if len(left) != 0 {
				t.Errorf("left behind after the next open: %v", left)
			}
		})
	}
}

// TestStaleTempsRemoved: copies a kill left beside the case file and in its
// backups folder are removed at the next open; a copy another Overturn
// still holds open is not.
func TestStaleTempsRemoved(t *testing.T) {
	clk := newClock()
	path := filepath.Join(t.TempDir(), "cases.db")
	s := open(t, path, clk)
	makeCases(t, s, clk, 2)
	s.Close()
	dir := filepath.Dir(path)
	stale := []string{
		filepath.Join(dir, ".cases.db.restore-123"),
		filepath.Join(dir, ".cases.db.new-123"),
		filepath.Join(dir, ".cases.db.snapshot-123"),
		filepath.Join(dir, ".cases.db.txid.tmp-123"),
		filepath.Join(dir, ".cases.db.replaced-20260403-093000.tmp-123"),
		filepath.Join(backupDir(path), ".cases-20260403-093000.db.tmp-123"),
	}
	keep := []string{
		filepath.Join(dir, "notes.txt"),
		filepath.Join(dir, ".cases.db.snapshot-456"), // held open by a reader
		filepath.Join(backupDir(path), "cases-20260403-093000.db.tmp-but-not-hidden"),
	}
	for _, f := range append(append([]string(nil), stale...), keep...) {
		if err := os.WriteFile(f, []byte("all the cases"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	held, err := os.Open(keep[1])
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	if err := lockShared(held); err != nil {
		t.Fatal(err)
	}
	clk.advance(time.Minute)
	open(t, path, clk).Close()
	for _, f := range stale {
		if _, err := os.Lstat(f); !os.IsNotExist(err) {
			t.Errorf("%s was not removed", strings.TrimPrefix(f, dir))
		}
	}
	for _, f := range keep {
		if _, err := os.Lstat(f); err != nil {
			t.Errorf("%s was removed", strings.TrimPrefix(f, dir))
		}
	}
}
