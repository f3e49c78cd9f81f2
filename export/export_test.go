package export

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileCreates(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "letter.txt")
	if err := WriteFile(path, []byte("hello\n"), false); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil || string(got) != "hello\n" {
		t.Fatalf("read %q, %v", got, err)
	}
	info, _ := os.Stat(path)
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode %v, want 0600", perm)
	}
	assertOnly(t, dir, "letter.txt")
}

func TestWriteFileKeepsExisting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "letter.txt")
	os.WriteFile(path, []byte("old"), 0o644)
	err := WriteFile(path, []byte("new"), false)
	if !errors.Is(err, fs.ErrExist) {
		t.Fatalf("err = %v, want ErrExist", err)
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("message %q does not name the file", err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "old" {
		t.Errorf("existing file changed to %q", got)
	}
	assertOnly(t, dir, "letter.txt")
}

func TestWriteFileForceReplaces(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "letter.txt")
	os.WriteFile(path, []byte("old"), 0o644)
	if err := WriteFile(path, []byte("new"), true); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "new" {
		t.Errorf("got %q", got)
	}
	info, _ := os.Stat(path)
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("mode %v, want 0600", perm)
	}
	assertOnly(t, dir, "letter.txt")
}

func TestWriteFileBadDestinations(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o700)
	file := filepath.Join(dir, "file")
	os.WriteFile(file, nil, 0o600)
	for _, tc := range []struct {
		name, path string
		force      bool
		want       string
	}{
		{"directory", sub, false, "is a folder"},
		{"directory forced", sub, true, "is a folder"},
		{"missing folder", filepath.Join(dir, "nope", "x.txt"), false, "does not exist"},
		{"parent is a file", filepath.Join(file, "x.txt"), false, "is not a folder"},
		{"empty", "", false, "no file name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := WriteFile(tc.path, []byte("x"), tc.force)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to say %q", err, tc.want)
			}
		})
	}
	assertOnly(t, dir, "file", "sub")
	assertOnly(t, sub)
}

func TestWriteFileUnwritableFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write anywhere")
	}
	dir := t.TempDir()
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o500)
	t.Cleanup(func() { os.Chmod(ro, 0o700) })
	err := WriteFile(filepath.Join(ro, "x.txt"), []byte("x"), false)
	if err == nil || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("err = %v", err)
	}
}

func TestWriteFailingFillLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "backup.db")
	err := Write(path, false, func(f *os.File) error {
		f.WriteString("partial")
		return errors.New("disk on fire")
	})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("err = %v", err)
	}
	assertOnly(t, dir)
}

func assertOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, ",") != strings.Join(names, ",") {
		t.Errorf("%s holds %v, want %v", dir, got, names)
	}
}

// TestWriteFolderDisappears: the folder is removed while the file is being
// written: a clear message, and nothing is left anywhere.
func TestWriteFolderDisappears(t *testing.T) {
	for _, force := range []bool{false, true} {
		parent := t.TempDir()
		dir := filepath.Join(parent, "letters")
		if err := os.Mkdir(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "appeal.txt")
		err := Write(path, force, func(f *os.File) error {
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
			_, err := f.WriteString("Dear Cigna,\n")
			return err
		})
		if err == nil || !strings.Contains(err.Error(), "cannot write "+path) || !strings.Contains(err.Error(), "does not exist") {
			t.Errorf("force=%v: the folder vanished and Write said %v", force, err)
		}
		if entries, _ := os.ReadDir(parent); len(entries) != 0 {
			t.Errorf("force=%v: left behind: %v", force, entries)
		}
	}
}
