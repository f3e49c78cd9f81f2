//go:build unix

package atomicfile

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestModeWhateverTheUmask(t *testing.T) {
	for _, mask := range []int{0, 0o022, 0o077, 0o277} {
		old := syscall.Umask(mask)
		dir := t.TempDir()
		for _, replace := range []bool{false, true} {
			path := filepath.Join(dir, "f")
			os.Remove(path)
			err := Write(path, replace, write("x"))
			info, serr := os.Stat(path)
			if err != nil || serr != nil || info.Mode().Perm() != Mode {
				t.Errorf("umask %03o, replace=%v: %v, %v, %v", mask, replace, err, info, serr)
			}
		}
		name, err := Temp(dir, ".t-*", write("x"))
		if info, serr := os.Stat(name); err != nil || serr != nil || info.Mode().Perm() != Mode {
			t.Errorf("umask %03o, Temp: %v, %v", mask, err, serr)
		}
		syscall.Umask(old)
	}
}
