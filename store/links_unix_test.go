//go:build unix

package store

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestNoLinkFollowed: a symbolic link where Overturn keeps a file of its
// own (the sidecar, the damage mark, the backups folder) is never written
// through: anyone who can write the folder could otherwise have Overturn
// overwrite any file of the person's. The sidecar's is refused with a
// message naming it; the file it points at is untouched.
func TestNoLinkFollowed(t *testing.T) {
	newTarget := func() string {
		target := filepath.Join(t.TempDir(), ".bashrc")
		if err := os.WriteFile(target, []byte("export PATH\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return target
	}
	untouched := func(target string) {
		t.Helper()
		if b, err := os.ReadFile(target); err != nil || string(b) != "export PATH\n" {
			t.Errorf("the file the link points at became %q, %v", b, err)
		}
	}

	t.Run("sidecar", func(t *testing.T) {
		clk := newClock()
		path := filepath.Join(t.TempDir(), "cases.db")
		s := open(t, path, clk)
		makeCases(t, s, clk, 1)
		s.Close()
		target := newTarget()
		os.Remove(sidecarPath(path))
		if err := os.Symlink(target, sidecarPath(path)); err != nil {
			t.Fatal(err)
		}
		_, err := Open(path, Options{Now: clk.now})
		if err == nil || !strings.Contains(err.Error(), sidecarPath(path)+" is a symbolic link") {
			t.Errorf("Open with the sidecar a link: %v", err)
		}
		untouched(target)
	})

	t.Run("damage mark", func(t *testing.T) {
		path := realFile(t)
		data, _ := os.ReadFile(path)
		at := caseAt(t, path, data)
		inPlace(t, path, func(b []byte) { b[at+20] ^= 1 })
		target := newTarget()
		if err := os.Symlink(target, damagePath(path)); err != nil {
			t.Fatal(err)
		}
		today := newClock()
		today.advance(24 * time.Hour)
		s, err := Open(path, Options{Now: today.now})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Get(markerCase); err == nil {
			t.Error("the damaged case was read")
		}
		if _, err := s.Create(fullCase(t)); err == nil {
			t.Error("a case was stored in a file found damaged")
		}
		s.Close()
		untouched(target)
	})

	t.Run("backups folder", func(t *testing.T) {
		clk := newClock()
		path := filepath.Join(t.TempDir(), "cases.db")
		s := open(t, path, clk)
		makeCases(t, s, clk, 1)
		s.Close()
		elsewhere := t.TempDir()
		old := filepath.Join(elsewhere, "cases-20200101-000000.db")
		if err := os.WriteFile(old, []byte("export PATH\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll(backupDir(path)); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(elsewhere, backupDir(path)); err != nil {
			t.Fatal(err)
		}
		clk.advance(24 * time.Hour)
		s = open(t, path, clk)
		s.Close()
		untouched(old)
		if entries, _ := os.ReadDir(elsewhere); len(entries) != 1 {
			t.Errorf("the folder the link points at holds %d files", len(entries))
		}
		if w := strings.Join(s.Warnings(), "\n"); !strings.Contains(w, backupDir(path)+" is a symbolic link") {
			t.Errorf("warnings: %q", w)
		}
	})

	t.Run("folder others can change", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "shared")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "cases.db")
		open(t, path, newClock()).Close()
		if err := os.Chmod(dir, 0o1777); err != nil {
			t.Fatal(err)
		}
		s := open(t, path, newClock())
		if w := strings.Join(s.Warnings(), "\n"); !strings.Contains(w, "the folder "+dir+", which holds your case file, can be changed by other people") {
			t.Errorf("warnings: %q", w)
		}
	})
}
