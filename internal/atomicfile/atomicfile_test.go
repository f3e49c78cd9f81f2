package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func write(s string) func(*os.File) error {
	return func(f *os.File) error {
		_, err := f.WriteString(s)
		return err
	}
}

func TestWrite(t *testing.T) {
	for _, replace := range []bool{false, true} {
		dir := t.TempDir()
		path := filepath.Join(dir, "letter.txt")
		err := Write(path, replace, func(f *os.File) error {
			// While it is written, the file is not at its name, and on
			// Linux the folder holds no name for it at all.
			if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("replace=%v: %s exists before it is whole", replace, path)
			}
			if got := names(t, dir); runtime.GOOS == "linux" && len(got) != 0 {
				t.Errorf("replace=%v: the folder holds %v while the file is written", replace, got)
			}
			return write("Dear Cigna,\n")(f)
		})
		if err != nil {
			t.Fatalf("replace=%v: %v", replace, err)
		}
		if got, _ := os.ReadFile(path); string(got) != "Dear Cigna,\n" {
			t.Errorf("replace=%v: wrote %q", replace, got)
		}
		if info, _ := os.Stat(path); info.Mode().Perm() != Mode {
			t.Errorf("replace=%v: mode %v", replace, info.Mode().Perm())
		}
		if got := names(t, dir); !slices.Equal(got, []string{"letter.txt"}) {
			t.Errorf("replace=%v: the folder holds %v", replace, got)
		}
	}
}

func TestWriteExisting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "letter.txt")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Write(path, false, write("new")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Write over an existing file = %v, want fs.ErrExist", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("the existing file became %q", got)
	}
	if err := Write(path, true, write("new")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "new" {
		t.Errorf("replaced with %q", got)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"letter.txt"}) {
		t.Errorf("the folder holds %v", got)
	}
}

// A link at the destination is never written through: kept without
// replace, replaced itself with it; the file it points at is untouched.
func TestWriteNeverFollowsALink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), ".bashrc")
	if err := os.WriteFile(target, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "cases.db.txid")
	if err := os.Symlink(target, path); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := Write(path, false, write("x")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Write over a link = %v, want fs.ErrExist", err)
	}
	if err := Write(path, true, write("x")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(target); string(got) != "mine" {
		t.Errorf("the link's target became %q", got)
	}
	if info, err := os.Lstat(path); err != nil || !info.Mode().IsRegular() {
		t.Errorf("the link was not replaced by a file: %v, %v", info, err)
	}
	if _, err := OpenNoFollow(target, os.O_RDONLY, 0); err != nil {
		t.Errorf("OpenNoFollow of a plain file: %v", err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	for _, flag := range []int{os.O_RDONLY, os.O_RDWR | os.O_CREATE, os.O_WRONLY | os.O_CREATE | os.O_TRUNC} {
		_, err := OpenNoFollow(link, flag, 0o600)
		var le *LinkError
		if !errors.As(err, &le) || le.Path != link {
			t.Errorf("OpenNoFollow(link, %#x) = %v, want a *LinkError naming it", flag, err)
		}
	}
	if got, _ := os.ReadFile(target); string(got) != "mine" {
		t.Errorf("the link's target became %q", got)
	}
}

func TestFailuresLeaveNothing(t *testing.T) {
	boom := errors.New("disk on fire")
	for _, replace := range []bool{false, true} {
		dir := t.TempDir()
		err := Write(filepath.Join(dir, "backup.db"), replace, func(f *os.File) error {
			f.WriteString("partial")
			return boom
		})
		var fe *FillError
		if !errors.As(err, &fe) || !errors.Is(err, boom) {
			t.Errorf("replace=%v: Write = %v, want the fill's error", replace, err)
		}
		if got := names(t, dir); len(got) != 0 {
			t.Errorf("replace=%v: left behind %v", replace, got)
		}
	}
	dir := t.TempDir()
	if _, err := Temp(dir, ".x-*", func(*os.File) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("Temp = %v", err)
	}
	if got := names(t, dir); len(got) != 0 {
		t.Errorf("Temp left behind %v", got)
	}
	name, err := Temp(dir, ".x-*", write("whole"))
	if err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(name); err != nil || info.Mode().Perm() != Mode || filepath.Dir(name) != dir {
		t.Errorf("Temp made %s: %v, %v", name, info, err)
	}
}
