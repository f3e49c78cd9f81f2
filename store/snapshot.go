package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/overturn/overturn/internal/atomicfile"
	"github.com/overturn/overturn/internal/plainfile"
)

// Reading a file another Overturn holds.
//
// bbolt locks the case file for the whole life of the program that writes
// it, so a command that only reads (list, show, deadlines, letter,
// export-case, backup, check) would be refused while the wizard is open.
// Instead it reads a consistent copy: the file is copied, without its
// lock, and the copy is kept only when the file's newest transaction is
// the same after the copy as before it. That is enough because bbolt never
// writes over a page that transaction N uses before transaction N+2:
// N+1 writes only pages free in N, and the pages N+1 frees are reused no
// earlier than N+2, which starts only after N+1 has written its meta page
// (and so changed the newest transaction). A torn meta page fails its
// checksum and counts as not written.
//
// The copy is checked as the file itself would be at open: when it is the
// very state the writer recorded in the sidecar after its last commit
// (same transaction, same meta pages and freelist), the writer's own check
// at its open stands for it; otherwise it gets the deep check. It lives
// beside the case file (0600, in the private folder), locked so that no
// other Overturn removes it as stale, and is removed as soon as bbolt has
// it open where the system allows it, else at Close.

// ErrBusy is a file saved to so often that no consistent copy could be
// taken.
var ErrBusy = errors.New("the case file is being saved to without a pause")

// copyTries is how many copies are tried before ErrBusy: each fails only
// when a save landed while it was taken.
const copyTries = 40

// copyConsistent copies the case file at path into dst (from its start,
// replacing what dst held) and returns the meta page of the transaction
// the copy holds whole.
func copyConsistent(path string, dst *os.File) (rawMeta, error) {
	in, err := plainfile.Open(path, true)
	if err != nil {
		return rawMeta{}, openError(path, err)
	}
	defer in.Close()
	newest := func() (rawMeta, error) {
		info, err := in.Stat()
		if err != nil {
			return rawMeta{}, err
		}
		return readHead(in, path, info.Size())
	}
	for try := range copyTries {
		before, err := newest()
		if err != nil {
			return rawMeta{}, err
		}
		if err := dst.Truncate(0); err != nil {
			return rawMeta{}, err
		}
		if _, err := in.Seek(0, io.SeekStart); err != nil {
			return rawMeta{}, err
		}
		if _, err := dst.Seek(0, io.SeekStart); err != nil {
			return rawMeta{}, err
		}
		if _, err := io.Copy(dst, in); err != nil {
			return rawMeta{}, noRoom(err)
		}
		after, err := newest()
		if err == nil && after.txid == before.txid {
			return before, nil
		}
		time.Sleep(time.Duration(try+1) * 5 * time.Millisecond)
	}
	return rawMeta{}, fmt.Errorf("reading the case file %s: %w; try again in a moment", path, ErrBusy)
}

// newCopy makes a consistent copy of the case file at path in a new
// temporary file beside it, locked (see above), and returns it open with
// the meta page of the transaction it holds.
func newCopy(path string) (*os.File, rawMeta, error) {
	f, err := atomicfile.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".snapshot-*")
	if err != nil {
		return nil, rawMeta{}, fmt.Errorf("reading the case file %s, which another Overturn has open: a copy of it could not be made beside it: %w", path, noRoom(err))
	}
	m, err := rawMeta{}, lockShared(f)
	if err == nil {
		m, err = copyConsistent(path, f)
	}
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return nil, rawMeta{}, err
	}
	return f, m, nil
}

// takeCopy is newCopy, checked: a damaged copy is a *CorruptError about
// the case file.
func takeCopy(path string, opts Options) (*os.File, error) {
	for try := 0; ; try++ {
		f, m, err := newCopy(path)
		if err != nil {
			return nil, err
		}
		if trusted(path, f, m) {
			return f, nil
		}
		if try < 3 {
			f.Close()
			os.Remove(f.Name())
			continue
		}
		verify := opts.Verify
		if verify == nil {
			verify = VerifyFile
		}
		if err := verify(f.Name()); err != nil {
			f.Close()
			os.Remove(f.Name())
			return nil, copyError(path, err)
		}
		return f, nil
	}
}

// trusted reports whether the copy f, at transaction m, is the state the
// writer recorded in the sidecar of the file at path after a commit. The
// writer records it just after the commit, so for a copy of the newest
// one the sidecar may be a moment behind: it is read again, a few times.
func trusted(path string, f *os.File, m rawMeta) bool {
	info, err := f.Stat()
	if err != nil {
		return false
	}
	sum, err := structureSum(f, m, info.Size())
	if err != nil {
		return false
	}
	for range 5 {
		sc, ok := readSidecar(path)
		switch {
		case !ok || !sc.hasSum || sc.txid > m.txid:
			return false
		case sc.txid == m.txid:
			return sc.sum == sum
		}
		time.Sleep(2 * time.Millisecond)
	}
	return false
}

// copyError is an error about a copy of the case file at path, said of
// the file itself.
func copyError(path string, err error) error {
	var ce *CorruptError
	var ne *NewerVersionError
	switch {
	case errors.As(err, &ce):
		c := *ce
		c.Path, c.Backup = path, newestBackup(path)
		return &c
	case errors.As(err, &ne):
		n := *ne
		n.Path = path
		return &n
	}
	return fmt.Errorf("checking a copy of the case file %s: %w", path, err)
}

// openSnapshot opens a consistent copy of the case file at path, which
// another Overturn holds, for reading (see above). Its writing methods
// return a *LockedError.
func openSnapshot(path string, opts Options) (*Store, error) {
	f, err := takeCopy(path, opts)
	if err != nil {
		return nil, err
	}
	s := &Store{path: path, now: opts.Now, version: opts.Version, snapshot: f, readOnly: true}
	db, err := bolt.Open(f.Name(), fileMode, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		s.closeSnapshot()
		return nil, fmt.Errorf("reading a copy of the case file %s: %w", path, err)
	}
	s.db = db
	if err := os.Remove(f.Name()); err == nil {
		s.snapshotRemoved = true
	}
	err = s.view(func(tx *bolt.Tx) error {
		h, err := readHeader(tx, path)
		switch {
		case err != nil:
			return err
		case h.schema > schemaVersion:
			return &NewerVersionError{Path: path, Writer: h.writer, Schema: h.schema, Mine: s.version, Known: schemaVersion}
		case h.fresh || h.schema < schemaVersion:
			// The other Overturn brings the file up to date as it opens
			// it; a copy taken before then is not read.
			return fmt.Errorf("reading the case file %s: %w", path, &LockedError{Path: path})
		}
		s.fileID = h.fileID
		return nil
	})
	if err != nil {
		s.db.Close()
		s.closeSnapshot()
		return nil, err
	}
	return s, nil
}

// closeSnapshot removes the copy of a snapshot store.
func (s *Store) closeSnapshot() error {
	err := s.snapshot.Close()
	if !s.snapshotRemoved {
		if rerr := os.Remove(s.snapshot.Name()); err == nil && !isNotExist(rerr) {
			err = rerr
		}
	}
	return err
}

// OpenReading opens the case file at path for a command that only reads
// it. The file is opened as Open opens it; when another Overturn holds it
// (the wizard is open), a consistent copy of it is read instead, taken
// now. InUse then reports true. A missing file is an error (fs.ErrNotExist).
func OpenReading(path string, opts Options) (*Store, error) {
	opts = opts.withDefaults()
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("opening the case file %s: %w", path, err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, openError(abs, err)
	}
	if !info.Mode().IsRegular() {
		return Open(abs, opts) // which says what it is
	}
	quick := opts
	quick.Timeout = min(opts.Timeout, readerWait)
	s, err := Open(abs, quick)
	if !errors.Is(err, ErrLocked) {
		return s, err
	}
	s, err = openSnapshot(abs, opts)
	if err != nil {
		return nil, err
	}
	s.permissionWarnings(info)
	return s, nil
}

// readerWait is how long OpenReading waits for the file's lock before it
// reads a copy: not at all, as a copy is as good.
const readerWait = time.Millisecond

// InUse reports whether the store is a copy of a file another Overturn
// holds (see OpenReading).
func (s *Store) InUse() bool { return s.readOnly }
