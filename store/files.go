package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/overturn/overturn/internal/atomicfile"
	"github.com/overturn/overturn/internal/plainfile"
)

// Modes of everything the store creates, set with chmod so the umask
// cannot widen or narrow them.
const (
	fileMode = atomicfile.Mode
	dirMode  = 0o700
)

// mkdirPrivate creates dir and any missing parents, each 0700. Directories
// that exist already are left as they are.
func mkdirPrivate(dir string) error {
	info, err := os.Stat(dir)
	if err == nil {
		if !info.IsDir() {
			return fmt.Errorf("%s is not a directory", dir)
		}
		return nil
	}
	if !isNotExist(err) {
		return err
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := mkdirPrivate(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, dirMode); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	return os.Chmod(dir, dirMode)
}

// syncDir makes a rename or link in dir durable.
func syncDir(dir string) error { return atomicfile.SyncDir(dir) }

// writeFileAtomic replaces path with data, durably, mode 0600.
func writeFileAtomic(path string, data []byte) error {
	return atomicfile.Write(path, true, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

// copyFile copies src to a new temporary file in dir and returns its name.
func copyFile(src, dir, pattern string) (string, error) {
	in, err := plainfile.Open(src, true)
	if err != nil {
		return "", err
	}
	defer in.Close()
	return atomicfile.Temp(dir, pattern, func(f *os.File) error {
		_, err := io.Copy(f, in)
		return err
	})
}

// removeStaleTemps removes the temporary files a crash or a kill left
// beside the case file at path and in its backups folder: copies holding
// all its cases (a restore's, a backup's, a new file's) among them. A
// temporary file another Overturn still holds (a reader's copy, see
// snapshot.go) is locked, and left alone.
func removeStaleTemps(path string) {
	base := filepath.Base(path)
	stale := func(dir string, match func(name string) bool) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		for _, e := range entries {
			if !e.Type().IsRegular() || !match(e.Name()) {
				continue
			}
			name := filepath.Join(dir, e.Name())
			held, err := lockFile(name, true, 0)
			if err != nil {
				continue
			}
			_ = os.Remove(name)
			held.Close()
		}
	}
	stale(filepath.Dir(path), func(name string) bool {
		rest, ok := strings.CutPrefix(name, "."+base+".")
		if !ok {
			return false
		}
		for _, kind := range []string{"restore-", "new-", "snapshot-", "tmp-", "txid.tmp-", "damaged.tmp-"} {
			if strings.HasPrefix(rest, kind) {
				return true
			}
		}
		return strings.HasPrefix(rest, "replaced-") && strings.Contains(rest, ".tmp-")
	})
	stale(backupDir(path), func(name string) bool {
		return strings.HasPrefix(name, "."+backupBase(path)+"-") && strings.Contains(name, ".tmp-")
	})
}
