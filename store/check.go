package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// FileReport is the health of one case file or backup.
type FileReport struct {
	Path     string
	Size     int64
	Modified time.Time
	Format   int    // the file's format number
	Writer   string // the Overturn version that last wrote it
	Cases    int    // live cases
	Trashed  int    // cases in the trash
	Err      error  // nil when the file is whole
	// InUse is set when another Overturn has the case file open: a
	// consistent copy of it, taken then, was checked.
	InUse bool
	// Future is set for a backup dated after now: it was taken while the
	// clock ran ahead, and is not the newest.
	Future bool
}

// Report is what Check found: the case file and each of its backups,
// newest first.
type Report struct {
	File    FileReport
	Backups []FileReport
}

// OK reports whether the case file is whole (a damaged backup is reported
// but is not the case file's problem).
func (r Report) OK() bool { return r.File.Err == nil }

// Check checks the case file at path and each of its backups, without
// changing anything: each file gets opts.Verify (a child process, when set)
// or VerifyFile, then its counts are read. The error is for a backups
// folder that cannot be read; the health of each file is in its report.
func Check(path string, opts Options) (Report, error) {
	opts = opts.withDefaults()
	abs, err := filepath.Abs(path)
	if err != nil {
		return Report{}, fmt.Errorf("checking the case file %s: %w", path, err)
	}
	r := Report{File: checkCaseFile(abs, opts)}
	bs, err := listBackups(abs)
	if err != nil {
		return r, fmt.Errorf("listing the backups of %s: %w", abs, err)
	}
	for _, b := range bs {
		fr := checkOne(b.Path, opts)
		fr.Future = b.Taken.After(opts.Now())
		var ce *CorruptError
		if errors.As(fr.Err, &ce) {
			fr.Err = fmt.Errorf("%w: the backup %s is damaged (%s); do not restore from it", ErrCorrupt, b.Path, ce.Problem)
		}
		r.Backups = append(r.Backups, fr)
	}
	return r, nil
}

// checkCaseFile is checkOne of the case file at path, or of a copy of it
// when another Overturn holds it (snapshot.go). Damage found is marked
// (damagemark.go): no Overturn writes to the file until it is restored.
func checkCaseFile(path string, opts Options) FileReport {
	var fr FileReport
	if held, err := lockFile(path, false, readerWait); errors.Is(err, errLockBusy) {
		fr = checkCopy(path, opts)
	} else {
		if err == nil {
			held.Close()
		}
		if fr = checkOne(path, opts); errors.Is(fr.Err, ErrLocked) {
			fr = checkCopy(path, opts)
		}
	}
	var ce *CorruptError
	if errors.As(fr.Err, &ce) && ce.Path == path {
		markDamaged(path, ce)
	}
	return fr
}

// checkCopy checks a consistent copy of the case file at path, which
// another Overturn holds.
func checkCopy(path string, opts Options) FileReport {
	fr := FileReport{Path: path, InUse: true}
	info, err := os.Stat(path)
	if err != nil {
		fr.Err = fmt.Errorf("checking %s: %w", path, err)
		return fr
	}
	fr.Size, fr.Modified = info.Size(), info.ModTime()
	f, _, err := newCopy(path)
	if err != nil {
		fr.Err = err
		return fr
	}
	defer os.Remove(f.Name())
	defer f.Close()
	c := checkOne(f.Name(), opts)
	fr.Format, fr.Writer, fr.Cases, fr.Trashed = c.Format, c.Writer, c.Cases, c.Trashed
	if c.Err != nil {
		fr.Err = copyError(path, c.Err)
	}
	return fr
}

func checkOne(path string, opts Options) FileReport {
	fr := FileReport{Path: path}
	info, err := os.Stat(path)
	if err != nil {
		fr.Err = fmt.Errorf("checking %s: %w", path, err)
		return fr
	}
	fr.Size, fr.Modified = info.Size(), info.ModTime()
	verify := opts.Verify
	if verify == nil {
		verify = VerifyFile
	}
	if fr.Err = verify(path); fr.Err != nil {
		return fr
	}
	db, err := openRO(path, opts.Timeout)
	if err != nil {
		fr.Err = err
		return fr
	}
	defer db.Close()
	fr.Err = db.View(func(tx *bolt.Tx) error {
		h, err := readHeader(tx, path)
		if err != nil {
			return err
		}
		fr.Format, fr.Writer = h.schema, h.writer
		if h.schema > schemaVersion {
			return &NewerVersionError{Path: path, Writer: h.writer, Schema: h.schema, Mine: opts.Version, Known: schemaVersion}
		}
		if h.fresh {
			return nil
		}
		if h.schema == 0 {
			fr.Cases = tx.Bucket(bucketCases).Stats().KeyN
			return nil
		}
		fr.Cases = tx.Bucket(bucketRecent).Stats().KeyN
		fr.Trashed = tx.Bucket(bucketTrash).Stats().KeyN
		return nil
	})
	return fr
}
