//go:build unix

package store

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func umask(m int) int { return syscall.Umask(m) }

func TestPermissions(t *testing.T) {
	old := umask(0)
	defer umask(old)
	clk := newClock()
	dir := filepath.Join(t.TempDir(), "data", "overturn")
	path := filepath.Join(dir, "cases.db")
	s := open(t, path, clk)
	if _, err := s.Create(fullCase(t)); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, sidecarPath(path), filepath.Join(dir, "backups", "cases-"+clk.now().Format(stampLayout)+".db")} {
		if info, err := os.Stat(p); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, %v; want mode 0600", p, info.Mode(), err)
		}
	}
	for _, p := range []string{dir, filepath.Dir(dir), filepath.Join(dir, "backups")} {
		if info, err := os.Stat(p); err != nil || info.Mode().Perm() != 0o700 {
			t.Errorf("%s: %v, %v; want mode 0700", p, info.Mode(), err)
		}
	}
	if w := s.Warnings(); len(w) != 0 {
		t.Errorf("warnings on a private file: %q", w)
	}
	s.Close()

	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	s = open(t, path, clk)
	w := strings.Join(s.Warnings(), "\n")
	for _, want := range []string{"chmod 600 " + path, "chmod 700 " + dir, "can be read by other people"} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings %q do not say %q", w, want)
		}
	}
}
