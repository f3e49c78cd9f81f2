package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/overturn/overturn/internal/atomicfile"
	"github.com/overturn/overturn/internal/plainfile"
)

// keepDaily is how many daily backups are kept.
const keepDaily = 7

const stampLayout = "20060102-150405"

// backupDir is the backups folder beside the case file at path.
func backupDir(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

// backupBase is the name backups of path start with: "cases" for cases.db.
func backupBase(path string) string {
	b := filepath.Base(path)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// backupFile is one file in the backups folder.
type backupFile struct {
	Path  string
	Taken time.Time // by its name
	Daily bool      // a daily backup (the others were taken before a migration)
}

// checkBackupDir refuses a backups folder that is a symbolic link: the
// backups would be written, and old ones removed, wherever it points.
func checkBackupDir(dir string) error {
	if info, err := os.Lstat(dir); err == nil && info.Mode()&os.ModeSymlink != 0 {
		return &atomicfile.LinkError{Path: dir}
	}
	return nil
}

// listBackups returns the backups of the case file at path, newest first.
func listBackups(path string) ([]backupFile, error) {
	dir := backupDir(path)
	if err := checkBackupDir(dir); err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if isNotExist(err) {
			return nil, nil
		}
		return nil, err
	}
	prefix := backupBase(path) + "-"
	var out []backupFile
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok || !e.Type().IsRegular() || !strings.HasSuffix(rest, ".db") || len(rest) < len(stampLayout)+3 {
			continue
		}
		t, err := time.ParseInLocation(stampLayout, rest[:len(stampLayout)], time.Local)
		if err != nil {
			continue
		}
		out = append(out, backupFile{Path: filepath.Join(dir, name), Taken: t, Daily: rest[len(stampLayout):] == ".db"})
	}
	slices.SortFunc(out, func(a, b backupFile) int {
		if c := b.Taken.Compare(a.Taken); c != 0 {
			return c
		}
		return strings.Compare(b.Path, a.Path)
	})
	return out, nil
}

// newestBackup returns the backup of path to go back to: the newest one
// not dated after now (a clock that once ran ahead names backups in the
// future, and they are not the newest), else the newest of all; "" when
// there is none.
func newestBackup(path string) string {
	bs, err := listBackups(path)
	if err != nil || len(bs) == 0 {
		return ""
	}
	now := time.Now()
	for _, b := range bs {
		if !b.Taken.After(now) {
			return b.Path
		}
	}
	return bs[0].Path
}

// backedUpOn reports whether the daily backup of the case file at path
// for now's day has been taken.
func backedUpOn(path string, now time.Time) bool {
	bs, err := listBackups(path)
	if err != nil {
		return false
	}
	today := now.Format("20060102")
	for _, b := range bs {
		if b.Daily && b.Taken.Format("20060102") == today {
			return true
		}
	}
	return false
}

// dailyBackup copies the file to the backups folder on the first open of
// the day, after checking every record (a *CorruptError when one fails),
// and then prunes the daily backups (pruneDaily). When the child process
// of Options.Verify has just checked every record, they are not read
// again here: reading them through bbolt's memory map would make the
// whole file resident in this process.
func (s *Store) dailyBackup() error {
	if s.backedUp || backedUpOn(s.path, s.now()) {
		return nil
	}
	made, err := s.backupFile("", !s.childChecked)
	if err != nil {
		return err
	}
	return pruneDaily(s.path, made, s.now())
}

// pruneDaily keeps the daily backups of the case file at path of the last
// seven days on which they were taken, and removes the others. The days
// are those of the backups' names, which the clock gave, so: the backup
// just made is always kept; a backup dated after now (a clock that ran
// ahead) is kept and counts for no day (Check names it); and a backup
// holding the same content as a newer one kept (nothing changed between
// them: the same transaction of the same file) counts for no day and is
// removed, so that a week of opening the file without changing it does not
// push out the last backups that differ.
func pruneDaily(path, made string, now time.Time) error {
	bs, err := listBackups(path)
	if err != nil {
		return err
	}
	days := map[string]bool{}
	contents := map[backupContent]bool{}
	for _, b := range bs {
		if !b.Daily {
			continue
		}
		c, known := contentOf(b.Path)
		day := b.Taken.Format("20060102")
		keep := b.Path == made || b.Taken.After(now)
		if !keep && !(known && contents[c]) && !days[day] && len(days) < keepDaily {
			keep = true
		}
		if !keep {
			if err := os.Remove(b.Path); err != nil {
				return err
			}
			continue
		}
		if !b.Taken.After(now) {
			days[day] = true
			if known {
				contents[c] = true
			}
		}
	}
	return nil
}

// backupContent tells two backups of the same state of a file: its
// newest meta page and the checksum of its meta pages and freelist.
type backupContent struct {
	meta rawMeta
	sum  uint32
}

// contentOf reads the content of the backup at path; false when it
// cannot be read.
func contentOf(path string) (backupContent, bool) {
	f, err := plainfile.Open(path, false)
	if err != nil {
		return backupContent{}, false
	}
	defer f.Close()
	st, err := readFileState(f, path)
	if err != nil || !st.sumOK {
		return backupContent{}, false
	}
	return backupContent{st.meta, st.sum}, true
}

// backupFile writes a copy of the file to the backups folder, named by the
// time and suffix, and returns its path. With check set, every record's
// checksum is verified in the same transaction first, so a damaged file is
// reported instead of becoming the newest backup.
func (s *Store) backupFile(suffix string, check bool) (string, error) {
	dir := backupDir(s.path)
	if err := checkBackupDir(dir); err != nil {
		return "", err
	}
	if err := mkdirPrivate(dir); err != nil {
		return "", err
	}
	name := backupBase(s.path) + "-" + s.now().Format(stampLayout) + suffix + ".db"
	final := filepath.Join(dir, name)
	tmp, err := atomicfile.Temp(dir, "."+name+".tmp-*", func(w *os.File) error {
		return s.view(func(tx *bolt.Tx) error {
			if check {
				if err := checkRecords(tx, s.path, header{schema: schemaVersion}); err != nil {
					return err
				}
			}
			_, err := tx.WriteTo(w)
			return err
		})
	})
	if err != nil {
		return "", err
	}
	if err := os.Rename(tmp, final); err != nil {
		_ = os.Remove(tmp)
		return "", err
	}
	return final, syncDir(dir)
}

// bufferedBackupMax is the largest file Backup copies through memory.
const bufferedBackupMax = 256 << 20

// Backup writes a consistent copy of the file to w (bbolt's tx.WriteTo in a
// read transaction) without holding up saves. A read transaction delays
// only a save that must grow bbolt's memory map, so the copy is taken into
// memory first (files up to 256 MiB) and the transaction ends before w,
// which may be slow, sees a byte.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var (
		n   int64
		buf *bytes.Buffer
	)
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		if tx.Size() > bufferedBackupMax {
			n, err = tx.WriteTo(w)
			return err
		}
		buf = bytes.NewBuffer(make([]byte, 0, tx.Size()))
		_, err = tx.WriteTo(buf)
		return err
	})
	if err == nil && buf != nil {
		n, err = buf.WriteTo(w)
	}
	if err != nil {
		return n, fmt.Errorf("backing up the case file %s: %w", s.path, err)
	}
	return n, nil
}

// Restore replaces the case file at dbPath with the backup at backupPath
// and returns where the replaced file was kept
// (dbPath.replaced-YYYYMMDD-HHMMSS; "" when there was no file). The backup
// is checked first (opts.Verify, in a child process, when set; VerifyFile
// otherwise) and nothing is replaced unless it is whole. The file must not
// be open (in this or another Overturn): that is a *LockedError. The
// replacement is one rename, so a crash leaves either the old file or the
// restored one; the old file's sidecar is removed before it and the
// restored file's written after it, so neither is ever compared with the
// other's (crashAt names the steps). The damage mark goes with the old
// file, and the temporary copy of a crash is removed at the next open.
func Restore(dbPath, backupPath string, opts Options) (string, error) {
	opts = opts.withDefaults()
	db, err := filepath.Abs(dbPath)
	if err != nil {
		return "", fmt.Errorf("restoring the case file %s: %w", dbPath, err)
	}
	backup, err := filepath.Abs(backupPath)
	if err != nil {
		return "", fmt.Errorf("restoring the case file %s: %w", db, err)
	}
	fail := func(err error) (string, error) {
		return "", fmt.Errorf("restoring the case file %s from %s: %w; nothing was replaced", db, backup, err)
	}
	if info, err := os.Stat(backup); err != nil {
		return fail(err)
	} else if !info.Mode().IsRegular() {
		return fail(fmt.Errorf("the backup %s is %s, not a backup of a case file", backup, plainfile.Kind(info.Mode())))
	}
	if err := checkBackup(backup, opts); err != nil {
		return fail(err)
	}
	exists := true
	if info, err := os.Stat(db); isNotExist(err) {
		exists = false
		if err := mkdirPrivate(filepath.Dir(db)); err != nil {
			return fail(err)
		}
	} else if err != nil {
		return fail(err)
	} else if !info.Mode().IsRegular() {
		return fail(fmt.Errorf("%s is %s, not a case file", db, plainfile.Kind(info.Mode())))
	}
	if exists {
		held, err := lockFile(db, true, opts.Timeout)
		if errors.Is(err, errLockBusy) {
			return fail(&LockedError{Path: db})
		} else if err != nil {
			return fail(err)
		}
		defer held.Close()
	}
	dir := filepath.Dir(db)
	tmp, err := copyFile(backup, dir, "."+filepath.Base(db)+".restore-*")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp)
	crashAt("copied")
	old, _ := readSidecar(db)
	sc, err := continueIDs(tmp, old.lastID)
	if err != nil {
		return fail(err)
	}
	replaced := ""
	if exists {
		if replaced, err = keepReplaced(db, opts.Now()); err != nil {
			return fail(fmt.Errorf("keeping the current file: %w", err))
		}
	}
	crashAt("kept")
	if err := os.Remove(sidecarPath(db)); err != nil && !isNotExist(err) {
		return fail(err)
	}
	if err := syncDir(dir); err != nil {
		return fail(err)
	}
	crashAt("sidecar removed")
	if err := os.Rename(tmp, db); err != nil {
		return fail(err)
	}
	if err := syncDir(dir); err != nil {
		return replaced, fmt.Errorf("restoring the case file %s: %w", db, err)
	}
	crashAt("renamed")
	var errs []error
	if sc.fileID != nil {
		errs = append(errs, writeSidecarFile(db, sc))
	}
	errs = append(errs, clearDamageMark(db))
	if err := errors.Join(errs...); err != nil {
		return replaced, fmt.Errorf("restored the case file %s, but: %w", db, err)
	}
	return replaced, nil
}

// crashAt is called at each step of Restore; tests end the process there,
// as a crash would.
var crashAt = func(step string) {}

// checkBackup verifies a backup: whole, and of a format this Overturn reads.
func checkBackup(backup string, opts Options) error {
	verify := opts.Verify
	if verify == nil {
		verify = VerifyFile
	}
	if err := verify(backup); err != nil {
		var ce *CorruptError
		if errors.As(err, &ce) {
			return fmt.Errorf("%w: the backup %s is damaged (%s); try an older backup from %s",
				ErrCorrupt, backup, ce.Problem, filepath.Dir(backup))
		}
		return err
	}
	db, err := openRO(backup, opts.Timeout)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		h, err := readHeader(tx, backup)
		switch {
		case err != nil:
			return err
		case h.fresh:
			return fmt.Errorf("the backup %s holds no case file data", backup)
		case h.schema > schemaVersion:
			return &NewerVersionError{Path: backup, Writer: h.writer, Schema: h.schema, Mine: opts.Version, Known: schemaVersion}
		}
		return nil
	})
}

// continueIDs makes the restored copy at tmp (checked, private) go on from
// case id lastID, the last id the replaced file handed out, so no id is
// given twice; it returns the sidecar of the copy.
func continueIDs(tmp string, lastID uint64) (sidecar, error) {
	db, err := bolt.Open(tmp, fileMode, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return sidecar{}, err
	}
	var sc sidecar
	err = db.Update(func(tx *bolt.Tx) error {
		h, err := readHeader(tx, tmp)
		if err != nil {
			return err
		}
		cases := tx.Bucket(bucketCases)
		if cases.Sequence() < lastID {
			if err := cases.SetSequence(lastID); err != nil {
				return err
			}
		}
		sc = sidecar{fileID: h.fileID, txid: uint64(tx.ID()), lastID: cases.Sequence()}
		return nil
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return sidecar{}, err
	}
	info, err := os.Stat(tmp)
	if err != nil {
		return sidecar{}, err
	}
	sc.size = info.Size()
	return sc, nil
}

// keepReplaced keeps the file at db under a .replaced-time name (a hard
// link, or a copy where links are not possible) and returns that name.
func keepReplaced(db string, now time.Time) (string, error) {
	base := db + ".replaced-" + now.Format(stampLayout)
	name := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); isNotExist(err) {
			break
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
	if err := os.Link(db, name); err == nil {
		return name, syncDir(filepath.Dir(db))
	}
	tmp, err := copyFile(db, filepath.Dir(db), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return "", err
	}
	if err := os.Rename(tmp, name); err != nil {
		_ = os.Remove(tmp)
		return "", err
	}
	return name, syncDir(filepath.Dir(db))
}
