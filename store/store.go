// Package store keeps workflow.Case values in one local bbolt file, the
// case file ($XDG_DATA_HOME/overturn/cases.db by default), and makes sure
// that file survives whatever a laptop does to it. Nothing in it prints or
// exits: problems come back as errors, advice as Warnings.
//
// Bucket layout of format 5 (every value is a record: a 4-byte big-endian
// CRC-32C of bucket name, key and payload, then the payload; every read
// checks it):
//
//	meta/
//	    "schema"  -> the format number, decimal ("5")
//	    "writer"  -> the Overturn version that last wrote the file
//	    "file-id" -> 16 random bytes naming this file (see the sidecar)
//	    "live"    -> the number of live cases (entries in recent/), decimal
//	cases/        sequence: the last id handed out; ids are never reused
//	    <id: 8 bytes big-endian> -> the case-file JSON (casefile.Marshal),
//	            compressed (caserecord.go)
//	summaries/
//	    <id> -> the Summary in a compact binary encoding (summary.go): title,
//	            claim, step, status, updated, next deadline, search terms
//	recent/       the recency index of live cases, walked backwards by List
//	    <updated: Unix ns, 8 bytes big-endian><id> -> the case's status
//	due/          the deadline index of live cases with a next deadline,
//	              read by Upcoming: open cases walked forwards from the
//	              start, the others from today on
//	    <due: YYYYMMDD, 4 bytes big-endian><id> -> a copy of the summary of
//	            an open case
//	    0xff<due><id> -> a copy of the summary of a case closed, resolved
//	            or exhausted whose next deadline (an external review) runs
//	trash/        deleted cases; they stay in cases/ and summaries/ and leave
//	              recent/ and due/, and are purged 30 days after deletion
//	    <id> -> deletion time, Unix ns, 8 bytes big-endian
//
// Save, Create, CreateMany, Delete and Undelete keep summaries/, recent/,
// due/ and the live count in step with cases/ in the same transaction.
//
// Format 0, the prototype, had only cases/ with bare JSON; format 1 had
// JSON summaries and no due/; format 2 had no live count, and no summaries
// in due/; format 3 had no search terms in the summaries; format 4 had
// only open cases in due/. Migrations turn older formats into the current
// one in one transaction, after a backup.
//
// # Checking at open
//
// A damaged page can crash bbolt, so the program's Open runs a deep check
// first (Options.Verify: tx.Check and every record's checksum, in a child
// process). That reads the whole file: seconds, and as much memory as the
// file, at 100,000 cases. Open skips it when the file is exactly as an
// Overturn left it, which the sidecar tells: the last close was clean
// (Close marks it so, Open unmarks it at once, so a crash leaves it
// unmarked), and the file's transaction id (read from its meta page
// without bbolt), size, modification time, inode and a checksum of its
// meta pages and freelist are those recorded at that close. Anything else
// (a crash, a copy or restore put in place, a change by another program, a
// bit flipped in the freelist by a failing disk, a missing or old sidecar)
// means the full check, as does the first open of each day, which also
// takes the day's backup after checking every record. What the skip does
// not see is damage to a data page that leaves size, time and inode alone:
// the record checksums catch it when a damaged record is read, that day's
// first open catches it, and `overturn check` always checks in full.
//
// # Damage is never written over
//
// Damage found anywhere (a record failing its checksum, a page that makes
// bbolt panic, the deep check, `overturn check`) is marked in a file
// beside the case file (damagemark.go) and stops the store that found it
// from writing; every later Open runs the deep check on a marked file and
// refuses it while it fails, and without a deep check opens it only to
// read. Before its first write a store also checks that no page bbolt's
// freelist would hand out for the write is still in use by the tree
// (checkFreePages, reading the branch pages, not the leaves): a flipped
// bit there would have a save write over cases.
//
// # Reading while another Overturn writes
//
// A command that only reads opens the file with OpenReading: when another
// Overturn holds it (the wizard is open), it reads a consistent copy taken
// without the lock (snapshot.go), so list, show, deadlines, letter,
// export-case, backup and check work beside the wizard, while a second
// writer is still refused at once. Shell completion reads the case list
// with Glance (glance.go), which writes nothing at all.
//
// Beside the file:
//
//	cases.db.txid                       the sidecar: file id, last transaction, size, state (sidecar.go)
//	cases.db.damaged                    the damage mark, while the file is damaged (damagemark.go)
//	backups/cases-YYYYMMDD-HHMMSS.db    daily copies, the last 7 kept
//	backups/cases-YYYYMMDD-HHMMSS-before-format-N.db   copies taken before a migration, kept
//	cases.db.replaced-YYYYMMDD-HHMMSS   what a restore replaced
//	.cases.db.snapshot-*                a reader's copy, while it reads (a crash's is removed at the next open)
package store

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/overturn/overturn/internal/atomicfile"
	"github.com/overturn/overturn/internal/plainfile"
	"github.com/overturn/overturn/workflow"
)

// Options configure Open.
type Options struct {
	// Timeout bounds the wait for the file lock (default 750ms, so that a
	// second Overturn is told within a second that the file is in use).
	Timeout time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Version is the Overturn version recorded in the file.
	Version string
	// Verify, when set, checks the file before it is opened, in a child
	// process, so that a crash inside bbolt becomes an error here (see
	// VerifyInChild). When nil, Open makes only its own cheap checks.
	Verify func(path string) error
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = 750 * time.Millisecond
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// trashDays is how long a deleted case stays restorable.
const trashDays = 30

// Store is an open case file. Its methods are safe for concurrent use.
type Store struct {
	path     string
	db       *bolt.DB
	now      func() time.Time
	version  string
	fileID   []byte
	warnings []string
	// childChecked is set when Options.Verify checked every record of the
	// file in a child process during Open, so the daily backup need not
	// read them all again in this one.
	childChecked bool

	// file is the case file as bbolt opened it, read to record the
	// state of each commit in the sidecar.
	file *os.File
	// readOnly is set for a store that reads a copy of a file another
	// Overturn holds (snapshot.go): snapshot is the copy, removed from
	// its folder already when snapshotRemoved is set.
	readOnly        bool
	snapshot        *os.File
	snapshotRemoved bool

	mu       sync.Mutex // guards the fields below
	side     *os.File
	lastTx   uint64
	lastID   uint64
	writerOK bool
	// damaged is the damage found in the file (here or by another
	// Overturn, see damagemark.go): nothing more is written to it.
	damaged *CorruptError
	// freeChecked is set once the freelist was checked against the tree
	// (checkFreePages), before the first write.
	freeChecked bool
	// opened is the state of a file Open found as an Overturn left it
	// (and its backup of the day taken), for the sidecar's first line;
	// backedUp says the backup of the day was found taken then.
	opened   *fileState
	backedUp bool
}

// DeadlineSummary is the next deadline of a case, kept in its summary.
type DeadlineSummary struct {
	Kind    workflow.DeadlineKind `json:"kind"`
	Title   string                `json:"title"`
	Due     workflow.Date         `json:"due"`
	DueTime time.Time             `json:"due_time,omitzero"`
}

// Summary is what the case list shows, without decoding the case.
// NextDeadline was computed when the case was last saved.
type Summary struct {
	ID           uint64           `json:"id"`
	Title        string           `json:"title"`
	Claim        string           `json:"claim"`
	Step         workflow.Step    `json:"step"`
	Status       workflow.Status  `json:"status"`
	Updated      time.Time        `json:"updated"`
	NextDeadline *DeadlineSummary `json:"next_deadline"`
	// Deleted is when the case went to the trash; set only by Trash.
	Deleted time.Time `json:"-"`
	// Terms is what else a search of the cases matches, lower case, one
	// a line (SearchTerms): the member's and patient's names and member
	// ID, the provider and NPI, the procedure, diagnosis and EOB codes,
	// and the numbers of the prior authorization and of the appeals.
	Terms string `json:"-"`
}

// ListQuery selects a page of summaries, newest first.
type ListQuery struct {
	Status workflow.Status // empty: all
	Offset int
	Limit  int // 0: no limit
}

// DefaultPath returns $OVERTURN_DB, else $XDG_DATA_HOME/overturn/cases.db,
// else ~/.local/share/overturn/cases.db.
func DefaultPath() (string, error) {
	if p := os.Getenv("OVERTURN_DB"); p != "" {
		return filepath.Abs(p)
	}
	if x := os.Getenv("XDG_DATA_HOME"); x != "" && filepath.IsAbs(x) {
		return filepath.Join(x, "overturn", "cases.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("finding the case file: %w; give its place with --db PATH", err)
	}
	return filepath.Join(home, ".local", "share", "overturn", "cases.db"), nil
}

// Open opens the case file at path, creating it (0600, in a 0700
// directory) when absent. An existing file is checked before bbolt writes
// to it: an empty, cut-short or damaged file, or one that lost its last
// saves, gives a *CorruptError (errors.Is ErrCorrupt) and is not changed;
// a file held by another Overturn gives a *LockedError within about
// opts.Timeout; a file from a newer Overturn a *NewerVersionError. Then
// Open migrates an older format (after a backup), takes the day's backup
// on the first open of the day, and empties the trash of cases deleted
// more than 30 days ago.
func Open(path string, opts Options) (*Store, error) {
	opts = opts.withDefaults()
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("opening the case file %s: %w", path, err)
	}
	s := &Store{path: abs, now: opts.Now, version: opts.Version}
	info, err := os.Stat(abs)
	var h header
	switch {
	case isNotExist(err):
		if err := s.create(); err != nil {
			if errors.Is(err, fs.ErrPermission) {
				return nil, fmt.Errorf("creating the case file %s: %w: the folder %s cannot be written to; give another place with --db, or make the folder writable", abs, fs.ErrPermission, filepath.Dir(abs))
			}
			return nil, fmt.Errorf("creating the case file %s: %w", abs, noRoom(err))
		}
		h = header{schema: schemaVersion}
	case err != nil:
		return nil, openError(abs, err)
	case info.IsDir():
		return nil, fmt.Errorf("opening the case file %s: it is a directory; give the path of a file with --db", abs)
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("opening the case file %s: it is %s, not a case file; give the path of a case file with --db", abs, plainfile.Kind(info.Mode()))
	default:
		s.permissionWarnings(info)
		if h, err = s.inspect(opts); err != nil {
			return nil, err
		}
	}
	db, err := s.openBolt(opts.Timeout)
	if err != nil {
		return nil, err
	}
	s.db = db
	if err := s.prepare(h); err != nil {
		s.db.Close()
		if s.side != nil {
			s.side.Close()
		}
		return nil, err
	}
	return s, nil
}

// openBolt opens the file with bbolt for writing. bbolt reads the
// freelist as it opens a file, and a damaged one makes it panic: that
// becomes a *CorruptError, and the file is closed (its lock released).
func (s *Store) openBolt(timeout time.Duration) (db *bolt.DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			if s.file != nil {
				s.file.Close()
			}
			db, err = nil, corrupt(s.path, 0, "reading it failed (%v)", r)
		}
	}()
	db, err = bolt.Open(s.path, fileMode, &bolt.Options{Timeout: timeout, OpenFile: func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		s.file = f
		return f, err
	}})
	if err != nil {
		return nil, boltOpenError(s.path, err)
	}
	return db, nil
}

// create makes a new, empty case file at s.path. It is built under a
// temporary name and linked into place, so a crash never leaves a
// half-made file (an empty file at path is refused as damaged).
func (s *Store) create() error {
	dir := filepath.Dir(s.path)
	if err := mkdirPrivate(dir); err != nil {
		return err
	}
	if _, ok := readSidecar(s.path); ok {
		s.warn(fmt.Sprintf("there was no case file at %s, so a new, empty one was started; "+
			"backups of the earlier one are in %s", s.path, backupDir(s.path)))
	}
	// bbolt sets up an empty file as a new database.
	tmp, err := atomicfile.Temp(dir, "."+filepath.Base(s.path)+".new-*", func(*os.File) error { return nil })
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	db, err := bolt.Open(tmp, fileMode, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return err
	}
	err = db.Update(func(tx *bolt.Tx) error { return initFile(tx, schemaVersion, s.version) })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, fileMode)
	}
	if err != nil {
		return err
	}
	if err := os.Link(tmp, s.path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return nil // another Overturn made it first; open that one
		}
		if err := os.Rename(tmp, s.path); err != nil {
			return err
		}
	}
	return syncDir(dir)
}

// permissionWarnings warns about a case file or folder others can read, and
// a folder others can change.
func (s *Store) permissionWarnings(info os.FileInfo) {
	if info.Mode().Perm()&0o077 != 0 {
		s.warn(fmt.Sprintf("the case file %s can be read by other people using this computer "+
			"(its permissions are %04o); to fix it, type: chmod 600 %s", s.path, info.Mode().Perm(), shellQuote(s.path)))
	}
	dir := filepath.Dir(s.path)
	di, err := os.Stat(dir)
	switch {
	case err != nil:
	case di.Mode().Perm()&0o022 != 0:
		s.warn(fmt.Sprintf("the folder %s, which holds your case file, can be changed by other people using this computer: "+
			"they could replace or remove the case file, its backups and the files Overturn keeps beside it. "+
			"Keep it in a folder only you can change: type chmod go-w %s, or give another place with --db", dir, shellQuote(dir)))
	case di.Mode().Perm()&0o077 != 0 && filepath.Base(dir) == "overturn":
		s.warn(fmt.Sprintf("the folder %s, which holds your cases, can be opened by other people using this computer; "+
			"to fix it, type: chmod 700 %s", dir, shellQuote(dir)))
	}
}

// inspect checks an existing file before bbolt may write to it, and
// returns its header. A file marked damaged (damagemark.go) always gets
// the deep check of opts.Verify; without one it is opened, but nothing is
// written to it (see writable).
func (s *Store) inspect(opts Options) (header, error) {
	m, err := precheck(s.path)
	if err != nil {
		return header{}, err
	}
	held, err := lockFile(s.path, false, opts.Timeout)
	switch {
	case errors.Is(err, errLockBusy):
		return header{}, &LockedError{Path: s.path}
	case err != nil:
		return header{}, openError(s.path, err)
	}
	mark, marked := readDamageMark(s.path)
	unchanged := !marked && s.leftAsClosed(m, opts.Now())
	if !unchanged {
		// bbolt reads the freelist as it opens the file for writing, and
		// panics on a broken one; a page in use given as free would be
		// written over at the first save.
		if err := checkFreeFile(s.path, m); err != nil {
			held.Close()
			return header{}, err
		}
	}
	held.Close()
	if opts.Verify != nil && !unchanged {
		if err := opts.Verify(s.path); err != nil {
			var ce *CorruptError
			if errors.As(err, &ce) && ce.Path == s.path {
				markDamaged(s.path, ce)
			}
			return header{}, err
		}
		s.childChecked = true
		if marked {
			if err := clearDamageMark(s.path); err != nil {
				return header{}, fmt.Errorf("the case file %s was found damaged before (%s) and checks whole now, but its mark %s could not be removed: %w",
					s.path, mark.Problem, damagePath(s.path), err)
			}
			s.warn(fmt.Sprintf("the case file %s was found damaged before (%s); it checks whole now, so it is used again", s.path, mark.Problem))
		}
	}
	if unchanged {
		// Exactly as an Overturn left it: its header is read once bbolt
		// has it open (prepare), which writes nothing to a file like it.
		return header{unread: true}, nil
	}
	db, err := openRO(s.path, opts.Timeout)
	if err != nil {
		return header{}, err
	}
	defer db.Close()
	var h header
	err = db.View(func(tx *bolt.Tx) error {
		var err error
		if h, err = s.readHeader(tx); err != nil {
			return err
		}
		return checkSidecar(s.path, h.fileID, uint64(tx.ID()))
	})
	return h, err
}

// readHeader reads the header of the file open in tx, refusing a file from
// a newer Overturn.
func (s *Store) readHeader(tx *bolt.Tx) (header, error) {
	h, err := readHeader(tx, s.path)
	if err == nil && h.schema > schemaVersion {
		err = &NewerVersionError{Path: s.path, Writer: h.writer, Schema: h.schema, Mine: s.version, Known: schemaVersion}
	}
	return h, err
}

// leftAsClosed reports whether the file is exactly as an Overturn left it
// when it last closed it cleanly, and today's backup (with its check of
// every record) is taken already, so that the deep check can be skipped
// (see "Checking at open" in the package comment). m is the meta page
// bbolt will use. It is called with the file's lock held, so no Overturn
// is writing it.
func (s *Store) leftAsClosed(m rawMeta, now time.Time) bool {
	sc, ok := readSidecar(s.path)
	if !ok || !sc.clean || !sc.hasSum {
		return false
	}
	f, err := plainfile.Open(s.path, true)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := readFileState(f, s.path)
	if err != nil || !st.sumOK || st.meta != m || sc.txid != m.txid || sc.size != st.info.Size() ||
		sc.mtime != st.info.ModTime().UnixNano() || sc.inode != inode(st.info) || sc.sum != st.sum ||
		!backedUpOn(s.path, now) {
		return false
	}
	s.opened, s.backedUp = &st, true
	return true
}

// FileID is the identity of the case file, made when it was created and
// kept by its backups and copies, as 32 hexadecimal digits ("" for a file
// too old to have one). Case numbers start at 1 in every file: the pair
// names a case across files, as calendar events do.
func (s *Store) FileID() string { return hex.EncodeToString(s.fileID) }

// prepare brings a just-opened file up to date: format, sidecar, daily
// backup, trash.
func (s *Store) prepare(h header) error {
	if h.unread {
		if err := s.view(func(tx *bolt.Tx) (err error) { h, err = s.readHeader(tx); return err }); err != nil {
			return err
		}
	}
	switch {
	case h.fresh:
		if err := s.update(func(tx *bolt.Tx) error { return initFile(tx, schemaVersion, s.version) }); err != nil {
			return fmt.Errorf("setting up the case file %s: %w", s.path, err)
		}
	case h.schema < schemaVersion:
		if err := s.migrate(h.schema); err != nil {
			return err
		}
	}
	err := s.view(func(tx *bolt.Tx) error {
		id, err := openRecord(bucketMeta, keyFileID, tx.Bucket(bucketMeta).Get(keyFileID))
		if err != nil {
			return corrupt(s.path, 0, "its file-id record: %v", err)
		}
		s.fileID = id
		s.lastTx = uint64(tx.ID())
		s.lastID = tx.Bucket(bucketCases).Sequence()
		w, _ := openRecord(bucketMeta, keyWriter, tx.Bucket(bucketMeta).Get(keyWriter))
		s.writerOK = string(w) == s.version
		return nil
	})
	if err != nil {
		return err
	}
	side, err := atomicfile.OpenNoFollow(sidecarPath(s.path), os.O_RDWR|os.O_CREATE|syscall.O_NONBLOCK, fileMode)
	if err == nil {
		if info, serr := side.Stat(); serr == nil && !info.Mode().IsRegular() {
			side.Close()
			err = &plainfile.NotPlainError{Path: sidecarPath(s.path), Mode: info.Mode()}
		}
	}
	var le *atomicfile.LinkError
	var np *plainfile.NotPlainError
	switch {
	case errors.As(err, &le), errors.As(err, &np):
		return sidecarError(s.path, err)
	case err != nil:
		// Without it Overturn notices less if the file is damaged, and
		// checks it in full at every open; it works on.
		s.warn(sidecarError(s.path, err).Error())
	default:
		s.side = side
		_ = side.Chmod(fileMode)
		_ = side.Truncate(0)
	}
	removeStaleTemps(s.path)
	s.writeSidecar(s.lastTx, s.lastID, false)
	if err := s.dailyBackup(); errors.Is(err, ErrCorrupt) {
		return err
	} else if errors.Is(err, fs.ErrPermission) {
		dir := backupDir(s.path)
		s.warn(fmt.Sprintf("today's backup of the case file could not be made in %s (permission denied); "+
			"if the folder is yours, make it writable: chmod 700 %s", dir, shellQuote(dir)))
	} else if err != nil {
		s.warn(fmt.Sprintf("today's backup of the case file could not be made: %v", err))
	}
	if err := s.purgeTrash(); err != nil {
		return fmt.Errorf("emptying old cases from the trash of %s: %w", s.path, err)
	}
	return nil
}

// migrate takes the file from format from to the current one, in one
// transaction, after a backup of it.
func (s *Store) migrate(from int) error {
	backup, err := s.backupFile(fmt.Sprintf("-before-format-%d", schemaVersion), false)
	if err != nil {
		return fmt.Errorf("backing up the case file %s before updating its format: %w; it was not changed", s.path, err)
	}
	now := s.now()
	err = s.update(func(tx *bolt.Tx) error {
		for i := from; i < schemaVersion; i++ {
			if err := migrations[i](tx, now); err != nil {
				return fmt.Errorf("from format %d to %d: %w", i, i+1, err)
			}
			if err := putRecord(tx.Bucket(bucketMeta), bucketMeta, keySchema, []byte(strconv.Itoa(i+1))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("updating the format of the case file %s: %w; it was not changed (a copy is in %s)", s.path, err, backup)
	}
	return nil
}

// Close closes the file, and marks the close clean in the sidecar.
//
// The mark is written while bbolt still holds the file's lock (closing
// writes nothing to the file), so another Overturn that opens the file
// next cannot have its own mark overwritten by it.
func (s *Store) Close() error {
	if s.readOnly {
		err := s.db.Close()
		if cerr := s.closeSnapshot(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("closing a copy of the case file %s: %w", s.path, err)
		}
		return nil
	}
	s.mu.Lock()
	txid, lastID := s.lastTx, s.lastID
	s.mu.Unlock()
	s.writeSidecar(txid, lastID, true)
	err := s.db.Close()
	if err != nil {
		s.writeSidecar(txid, lastID, false)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.side != nil {
		if cerr := s.side.Close(); err == nil {
			err = cerr
		}
		s.side = nil
	}
	if err != nil {
		return fmt.Errorf("closing the case file %s: %w", s.path, err)
	}
	return nil
}

// Path returns the file's path.
func (s *Store) Path() string { return s.path }

// Warnings returns advice gathered while opening and using the file (a
// file others can read, a backup that could not be made), for the caller
// to show. The store never prints.
func (s *Store) Warnings() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.warnings...)
}

func (s *Store) warn(w string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.warnings = append(s.warnings, w)
}

// view runs fn in a read transaction. A panic inside bbolt, which a
// damaged page can cause, becomes a *CorruptError (bbolt's own deferred
// rollback ends the transaction). A fault that kills the process cannot be
// caught; Options.Verify is there for those. Damage found stops all
// writing (noteDamage).
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	defer s.noteDamage(&err)
	defer s.recoverDamage(&err)
	return s.db.View(fn)
}

func (s *Store) recoverDamage(err *error) {
	if r := recover(); r != nil {
		*err = corrupt(s.path, 0, "reading it failed (%v)", r)
	}
}

// noteDamage marks the file damaged, here and for every later Overturn
// (damagemark.go), when *err says it is.
func (s *Store) noteDamage(err *error) {
	var ce *CorruptError
	if *err == nil || !errors.As(*err, &ce) || ce.Path != s.path {
		return
	}
	s.mu.Lock()
	first := s.damaged == nil
	if first {
		s.damaged = ce
	}
	s.mu.Unlock()
	if first {
		markDamaged(s.path, ce)
	}
}

// writable returns the damage found in the file, by this store or by
// another Overturn since, if any: then nothing may be written to it.
func (s *Store) writable() error {
	s.mu.Lock()
	d := s.damaged
	s.mu.Unlock()
	if d != nil {
		return d
	}
	if ce, ok := readDamageMark(s.path); ok {
		s.mu.Lock()
		s.damaged = ce
		s.mu.Unlock()
		return ce
	}
	return nil
}

// checkFree runs checkFreePages on the file as bbolt last committed it,
// once, in the first write transaction: bbolt loaded its freelist from
// there when it opened the file, and allocates the pages it writes from it.
func (s *Store) checkFree() error {
	s.mu.Lock()
	done := s.freeChecked
	s.mu.Unlock()
	if done || s.file == nil {
		return nil
	}
	st, err := readFileState(s.file, s.path)
	if err != nil {
		return err
	}
	if err := freeError(s.path, checkFreePages(s.file, st.meta, st.info.Size())); err != nil {
		return err
	}
	s.mu.Lock()
	s.freeChecked = true
	s.mu.Unlock()
	return nil
}

// update runs fn in a write transaction, records the writing version in the
// same transaction, and notes the commit in the sidecar. A file found
// damaged is not written to (writable, checkFree).
func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	if s.readOnly {
		return &LockedError{Path: s.path}
	}
	if err := s.writable(); err != nil {
		return err
	}
	defer s.noteDamage(&err)
	defer s.recoverDamage(&err)
	var txid, lastID uint64
	s.mu.Lock()
	writerOK := s.writerOK
	s.mu.Unlock()
	err = s.db.Update(func(tx *bolt.Tx) error {
		if err := s.checkFree(); err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		if !writerOK {
			if meta := tx.Bucket(bucketMeta); meta != nil {
				if err := putRecord(meta, bucketMeta, keyWriter, []byte(s.version)); err != nil {
					return err
				}
			}
		}
		txid = uint64(tx.ID())
		if b := tx.Bucket(bucketCases); b != nil {
			lastID = b.Sequence()
		}
		return nil
	})
	if err != nil {
		return noRoom(err)
	}
	s.mu.Lock()
	s.writerOK = true
	s.mu.Unlock()
	s.writeSidecar(txid, lastID, false)
	return nil
}

// writeSidecar records a commit, or with clean set a clean close, in the
// sidecar (see sidecar.go for why no fsync is needed). A failure only
// weakens the rollback check, so it becomes a warning, once.
func (s *Store) writeSidecar(txid, lastID uint64, clean bool) {
	var st fileState
	var err error
	s.mu.Lock()
	opened := s.opened
	s.opened = nil
	s.mu.Unlock()
	switch {
	case opened != nil && opened.meta.txid == txid:
		st = *opened // as Open found it, and nothing written since
	case s.file != nil:
		st, err = readFileState(s.file, s.path)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.side == nil || txid < s.lastTx || s.fileID == nil || s.file == nil {
		return
	}
	s.lastTx, s.lastID = txid, lastID
	if err == nil {
		sc := sidecar{fileID: s.fileID, txid: txid, size: st.info.Size(), lastID: lastID, clean: clean,
			mtime: st.info.ModTime().UnixNano(), inode: inode(st.info), sum: st.sum, hasSum: st.sumOK && st.meta.txid == txid}
		_, err = s.side.WriteAt(sc.encode(), 0)
	}
	if err != nil && s.side != nil {
		s.warnings = append(s.warnings, fmt.Sprintf("the check file %s could not be written (%v); "+
			"Overturn will notice less if the case file is damaged", sidecarPath(s.path), err))
		s.side.Close()
		s.side = nil
	}
}

// purgeTrash removes cases deleted more than 30 days ago.
func (s *Store) purgeTrash() error {
	cutoff := s.now().AddDate(0, 0, -trashDays)
	var expired []uint64
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketTrash).ForEach(func(k, v []byte) error {
			p, err := openRecord(bucketTrash, k, v)
			if err != nil {
				return corrupt(s.path, keyID(k), "its trash record: %v", err)
			}
			if t, ok := bytesTime(p); ok && t.Before(cutoff) {
				expired = append(expired, keyID(k))
			}
			return nil
		})
	})
	if err != nil || len(expired) == 0 {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		for _, id := range expired {
			k := idKey(id)
			for _, name := range [][]byte{bucketCases, bucketSummaries, bucketTrash} {
				if err := tx.Bucket(name).Delete(k); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// summaryOf builds the summary of case c saved at updated. Its next
// deadline is the first one at now (a deadline's date never depends on
// now).
func summaryOf(id uint64, c *workflow.Case, updated, now time.Time) Summary {
	sum := Summary{ID: id, Title: c.Title, Claim: c.Claim.Number, Step: c.Step, Status: c.Status, Updated: updated, Terms: SearchTerms(c)}
	if d, ok := workflow.NextDeadline(c, now); ok {
		sum.NextDeadline = &DeadlineSummary{Kind: d.Kind, Title: d.Title, Due: d.Due, DueTime: d.DueTime}
	}
	return sum
}

// SearchTerms returns what a search of the cases matches in c besides its
// title and claim number: Summary.Terms.
func SearchTerms(c *workflow.Case) string {
	terms := []string{c.Member.Name, c.Member.MemberID, c.Patient.Name, c.Claim.Provider.Name, c.Claim.Provider.NPI, c.Denial.PriorAuth.Number}
	for _, p := range c.Claim.Procedures {
		terms = append(terms, p.Code)
	}
	terms = append(terms, c.Claim.Diagnoses...)
	terms = append(terms, c.EOB.Codes...)
	for _, a := range c.Appeals {
		terms = append(terms, a.CaseNumber)
	}
	var b strings.Builder
	for _, t := range terms {
		if t = strings.TrimSpace(t); t != "" {
			b.WriteString(strings.ToLower(strings.ReplaceAll(t, "\n", " ")))
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// putCaseBytes stores case id (its case-file JSON), its summary and its
// index entries, replacing the old ones.
func putCaseBytes(tx *bolt.Tx, id uint64, data []byte, sum Summary) error {
	k := idKey(id)
	sums := tx.Bucket(bucketSummaries)
	packFull(tx)
	if old := sums.Get(k); old != nil {
		p, err := checkRecord(bucketSummaries, k, old)
		if err != nil {
			return fmt.Errorf("its summary: %w", err)
		}
		prev, err := decodeSummary(id, p)
		if err != nil {
			return fmt.Errorf("its summary: %w", err)
		}
		if err := tx.Bucket(bucketRecent).Delete(recentKey(prev.Updated, id)); err != nil {
			return err
		}
		if err := unindexDue(tx, prev); err != nil {
			return err
		}
	}
	if err := putRecord(tx.Bucket(bucketCases), bucketCases, k, encodeCase(data)); err != nil {
		return err
	}
	if err := putRecord(sums, bucketSummaries, k, encodeSummary(sum)); err != nil {
		return err
	}
	rk := recentKey(sum.Updated, id)
	if err := putRecord(tx.Bucket(bucketRecent), bucketRecent, rk, []byte(sum.Status)); err != nil {
		return err
	}
	return indexDue(tx, sum)
}

// packFull fills the pages of the buckets whose keys mostly grow (new ids,
// newer times) to 90% before splitting them, instead of bbolt's default
// of 50%, which suits random inserts and left these half empty.
func packFull(tx *bolt.Tx) {
	for _, name := range [][]byte{bucketCases, bucketSummaries, bucketRecent} {
		tx.Bucket(name).FillPercent = 0.9
	}
}

// indexDue puts a live case's entry in the deadline index, when it has a
// next deadline (see indexKey); unindexDue removes it. The entry holds a
// copy of the case's summary, so that Upcoming reads a few neighbouring
// pages of due/ rather than one page of summaries/ per case, scattered
// through the file.
func indexDue(tx *bolt.Tx, sum Summary) error {
	if sum.NextDeadline == nil {
		return nil
	}
	return putRecord(tx.Bucket(bucketDue), bucketDue, indexKey(sum), encodeSummary(sum))
}

func unindexDue(tx *bolt.Tx, sum Summary) error {
	if sum.NextDeadline == nil {
		return nil
	}
	return tx.Bucket(bucketDue).Delete(indexKey(sum))
}
