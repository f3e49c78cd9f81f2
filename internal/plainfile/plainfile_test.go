//go:build unix

package plainfile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/overturn/overturn/internal/atomicfile"
)

// TestOpen: a plain file opens; a FIFO with no writer (which a plain open
// would wait on for ever), a folder and a device are refused at once; a
// link is followed only when asked.
func TestOpen(t *testing.T) {
	dir := t.TempDir()
	plain := filepath.Join(dir, "case.json")
	if err := os.WriteFile(plain, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	link := filepath.Join(dir, "link")
	if err := os.Symlink(plain, link); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, p := range []string{plain, link} {
			f, err := Open(p, true)
			if err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			f.Close()
		}
		for p, kind := range map[string]string{fifo: "a named pipe (FIFO)", dir: "a folder", "/dev/null": "a device"} {
			_, err := Open(p, true)
			var np *NotPlainError
			if !errors.As(err, &np) || np.Path != p || Kind(np.Mode) != kind {
				t.Errorf("%s: %v, want it refused as %s", p, err, kind)
			}
		}
		var le *atomicfile.LinkError
		if _, err := Open(link, false); !errors.As(err, &le) {
			t.Errorf("a link, not followed: %v", err)
		}
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Open waited on something that is not a plain file")
	}
}
