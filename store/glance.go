package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"github.com/overturn/overturn/internal/plainfile"
)

// Glancing at the case list.
//
// Shell completion reads the case list at every Tab. Open would run the
// day's deep check, take the day's backup, bring an older format up to
// date, empty the trash and rewrite the sidecar: seconds of work and
// writes beside the file, which a Tab must not cause. Glance does none of
// them. It reads the header and the summaries with bbolt read-only, under
// the shared lock, so no Overturn writes meanwhile; a file another
// Overturn holds is read from a consistent copy, as OpenReading reads it.
// It reads only a file of the current format, never one marked damaged,
// and marks damage it meets, as every reader does (damagemark.go).

// ErrNotCurrent is a case file Glance does not read as it stands: one of
// an older format, or not set up yet. Any other command brings it up to
// date.
var ErrNotCurrent = errors.New("the case file is not of the current format; any overturn command brings it up to date")

// Glance calls fn with the summary of every live case in the case file at
// path, the most recently updated first, and writes nothing (see above).
// It stops at fn's first error and returns it.
func Glance(path string, opts Options, fn func(Summary) error) error {
	opts = opts.withDefaults()
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("reading the case file %s: %w", path, err)
	}
	info, err := os.Stat(abs)
	switch {
	case err != nil:
		return openError(abs, err)
	case !info.Mode().IsRegular():
		return openError(abs, &plainfile.NotPlainError{Path: abs, Mode: info.Mode()})
	}
	if ce, marked := readDamageMark(abs); marked {
		return ce
	}
	if _, err := precheck(abs); err != nil {
		return err
	}
	db, err := bolt.Open(abs, fileMode, &bolt.Options{ReadOnly: true, Timeout: readerWait})
	if err != nil {
		err = boltOpenError(abs, err)
		if !errors.As(err, new(*LockedError)) {
			return err
		}
		s, err := openSnapshot(abs, opts)
		if err != nil {
			return err
		}
		defer s.Close()
		return s.Walk(ListQuery{}, fn)
	}
	defer db.Close()
	s := &Store{path: abs, db: db, now: opts.Now, version: opts.Version, readOnly: true}
	err = s.view(func(tx *bolt.Tx) error {
		h, err := s.readHeader(tx)
		switch {
		case err != nil:
			return err
		case h.fresh || h.schema < schemaVersion:
			return fmt.Errorf("reading the case file %s: %w", abs, ErrNotCurrent)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.Walk(ListQuery{}, fn)
}
