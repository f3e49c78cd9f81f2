//go:build unix

package crash

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

//go:noinline
func holds(title string, cents int) *Report {
	var r *Report
	func() {
		defer func() { r = New(recover()) }()
		panic(errors.New(title))
	}()
	return r
}

func TestReportHoldsNoData(t *testing.T) {
	r := holds("MRI denied as not necessary", 0x4242)
	if strings.Contains(r.What, "MRI") || r.What != "panic with a value of type *errors.errorString" {
		t.Errorf("What = %q", r.What)
	}
	if strings.Contains(r.Stack, "0x4242") || !strings.Contains(r.Stack, "crash.holds(...)") {
		t.Errorf("the stack keeps arguments or lost the frame:\n%s", r.Stack)
	}
	var re *Report
	func() {
		defer func() { re = New(recover()) }()
		var s []int
		_ = s[3]
	}()
	if !strings.Contains(re.What, "index out of range [3] with length 0") {
		t.Errorf("a runtime error's message is lost: %q", re.What)
	}
}

func TestWrite(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := t.TempDir()
	now := time.Date(2026, 11, 29, 1, 2, 3, 0, time.UTC)
	r := &Report{What: "boom", Stack: "main.main(...)\n"}
	name, err := r.Write(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(name)
	if err != nil || info.Mode().Perm() != 0o600 || !strings.HasSuffix(name, "crash-20261129-010203.txt") {
		t.Fatalf("report %s: %v, %v", name, info, err)
	}
	data, _ := os.ReadFile(name)
	if !strings.Contains(string(data), "boom") || !strings.Contains(string(data), "main.main(...)") {
		t.Errorf("report:\n%s", data)
	}
	if _, err := r.Write(dir, now); err == nil {
		t.Error("a second report of the same second replaced the first")
	}
}

// TestWriteNeverFollowsALink: a link where the report is to go is not
// written through (anyone who can write the folder could otherwise have
// the report overwrite a file of the person's); the report is not written.
func TestWriteNeverFollowsALink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(t.TempDir(), ".bashrc")
	if err := os.WriteFile(target, []byte("export PATH\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC)
	if err := os.Symlink(target, filepath.Join(dir, "crash-20261127-150000.txt")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if name, err := New("x").Write(dir, now); err == nil {
		t.Errorf("the report was written to %s", name)
	}
	if b, _ := os.ReadFile(target); string(b) != "export PATH\n" {
		t.Errorf("the file the link points at became %q", b)
	}
}
