package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/overturn/overturn/internal/plainfile"
)

// precheck reads the two meta pages of the file at path without bbolt and
// rejects what would make bbolt fail silently or crash: an empty file, a
// file too short for what its header says, a file with no valid header,
// anything but a plain file. It returns the meta page bbolt will use. The
// file is only read.
func precheck(path string) (rawMeta, error) {
	f, err := plainfile.Open(path, true)
	if err != nil {
		return rawMeta{}, openError(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return rawMeta{}, openError(path, err)
	}
	return readHead(f, path, info.Size())
}

// readHead is precheck of the file f, of size bytes, at path.
func readHead(f io.ReaderAt, path string, size int64) (rawMeta, error) {
	if size == 0 {
		return rawMeta{}, corrupt(path, 0, "it is empty (0 bytes), so the cases it held are not in it")
	}
	read := func(off int64) (rawMeta, bool) {
		buf := make([]byte, metaLen)
		if _, err := f.ReadAt(buf, off); err != nil {
			return rawMeta{}, false
		}
		return parseMeta(buf)
	}
	var metas []rawMeta
	m0, ok0 := read(0)
	if ok0 {
		metas = append(metas, m0)
		if m1, ok := read(m0.pageSize); ok && m1.pageSize == m0.pageSize {
			metas = append(metas, m1)
		}
	} else {
		// bbolt looks for the second meta page at every page size it supports.
		for i := 0; i <= 14; i++ {
			if m1, ok := read(1024 << i); ok && m1.pageSize == 1024<<i {
				metas = append(metas, m1)
				break
			}
		}
	}
	if len(metas) == 0 {
		if size < 4096 {
			return rawMeta{}, corrupt(path, 0, "it is only %d bytes long: it is cut short or is not an Overturn case file", size)
		}
		return rawMeta{}, corrupt(path, 0, "it is not an Overturn case file, or its header is damaged")
	}
	m := metas[0]
	if len(metas) == 2 && metas[1].txid > m.txid {
		m = metas[1]
	}
	switch {
	case m.pageSize < 512 || m.pageSize&(m.pageSize-1) != 0:
		return rawMeta{}, corrupt(path, 0, "its header is damaged (page size %d)", m.pageSize)
	case size < 2*m.pageSize || uint64(size) < m.pgid*uint64(m.pageSize):
		return rawMeta{}, corrupt(path, 0, "it is cut short: it is %d bytes long but needs at least %d",
			size, max(2*m.pageSize, int64(m.pgid)*m.pageSize))
	case m.root >= m.pgid || m.freelist != noFreelistPage && m.freelist >= m.pgid:
		return rawMeta{}, corrupt(path, 0, "its header points outside the file")
	}
	return m, nil
}

// checkFreeFile is checkFreePages of the case file at path, whose newest
// meta page is m.
func checkFreeFile(path string, m rawMeta) error {
	f, err := plainfile.Open(path, true)
	if err != nil {
		return openError(path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return openError(path, err)
	}
	return freeError(path, checkFreePages(f, m, info.Size()))
}

// freeError words an error of checkFreePages on the case file at path.
func freeError(path string, err error) error {
	var se errStructure
	switch {
	case err == nil:
		return nil
	case errors.As(err, &se):
		return corrupt(path, 0, "%v", se)
	}
	return fmt.Errorf("checking the case file %s: %w", path, err)
}

// fileState is what the sidecar records of a case file after a commit.
type fileState struct {
	meta  rawMeta
	info  os.FileInfo
	sum   uint32
	sumOK bool
}

// readFileState reads the state of the case file f, at path.
func readFileState(f *os.File, path string) (fileState, error) {
	info, err := f.Stat()
	if err != nil {
		return fileState{}, err
	}
	m, err := readHead(f, path, info.Size())
	if err != nil {
		return fileState{}, err
	}
	st := fileState{meta: m, info: info}
	if sum, err := structureSum(f, m, info.Size()); err == nil {
		st.sum, st.sumOK = sum, true
	}
	return st, nil
}

// openRO opens path read-only with bbolt after precheck, mapping a busy
// lock to a LockedError.
func openRO(path string, timeout time.Duration) (*bolt.DB, error) {
	if _, err := precheck(path); err != nil {
		return nil, err
	}
	db, err := bolt.Open(path, fileMode, &bolt.Options{ReadOnly: true, Timeout: timeout})
	if err != nil {
		return nil, boltOpenError(path, err)
	}
	return db, nil
}

// boltOpenError words an error of bolt.Open.
func boltOpenError(path string, err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return &LockedError{Path: path}
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
		return corrupt(path, 0, "its header cannot be read (%v)", err)
	}
	return openError(path, err)
}

// VerifyFile checks the case file at path deeply, without changing it: its
// header, bbolt's own consistency check (tx.Check), the checksum of every
// record, and the sidecar's last transaction. It is what the hidden
// `overturn __verify-db PATH` command runs in a child process (see
// RunVerify), because bbolt can crash the process on a damaged file. A
// damaged file gives a *CorruptError, a file held by another Overturn a
// *LockedError, a newer file a *NewerVersionError.
func VerifyFile(path string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = corrupt(path, 0, "reading it failed (%v)", r)
		}
	}()
	m, err := precheck(path)
	if err != nil {
		return err
	}
	// tx.Check does not see a meta page given as free, nor does it
	// survive a broken freelist page.
	if err := checkFreeFile(path, m); err != nil {
		return err
	}
	db, err := openRO(path, time.Second)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		var problems []string
		for e := range tx.Check() {
			problems = append(problems, e.Error())
		}
		if len(problems) > 0 {
			more := ""
			if len(problems) > 1 {
				more = fmt.Sprintf(" and %d more problems", len(problems)-1)
			}
			return corrupt(path, 0, "its internal structure is broken (%s%s)", problems[0], more)
		}
		h, err := readHeader(tx, path)
		if err != nil {
			return err
		}
		if h.schema > schemaVersion {
			return &NewerVersionError{Path: path, Writer: h.writer, Schema: h.schema, Known: schemaVersion}
		}
		if err := checkRecords(tx, path, h); err != nil {
			return err
		}
		return checkSidecar(path, h.fileID, uint64(tx.ID()))
	})
}

// checkRecords verifies the checksum of every value in every bucket.
func checkRecords(tx *bolt.Tx, path string, h header) error {
	if h.schema == 0 {
		return nil
	}
	for _, name := range allBuckets {
		if h.schema < 2 && string(name) == string(bucketDue) {
			continue // the deadline index came with format 2
		}
		b := tx.Bucket(name)
		if b == nil {
			return corrupt(path, 0, "its %s list is missing", name)
		}
		err := b.ForEach(func(k, v []byte) error {
			if _, err := openRecord(name, k, v); err != nil {
				id := uint64(0)
				switch string(name) {
				case string(bucketCases), string(bucketSummaries), string(bucketTrash):
					id = keyID(k)
				case string(bucketRecent):
					id = recentID(k)
				case string(bucketDue):
					id = dueID(k)
				}
				return corrupt(path, id, "its %s record: %v", name, err)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// checkSidecar compares the file's transaction id and size with its
// sidecar (see sidecar.go).
func checkSidecar(path string, fileID []byte, txid uint64) error {
	sc, ok := readSidecar(path)
	if !ok || fileID == nil || !bytes.Equal(sc.fileID, fileID) {
		return nil
	}
	if txid < sc.txid {
		lost := "its last change is missing"
		if n := sc.txid - txid; n > 1 {
			lost = fmt.Sprintf("its last %d changes are missing", n)
		}
		return corrupt(path, 0, "it has gone back to an earlier state: %s (it is at transaction %d, but %d was written)",
			lost, txid, sc.txid)
	}
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("checking the case file %s: %w", path, err)
	}
	if info.Size() < sc.size {
		return corrupt(path, 0, "it is shorter than when it was last saved (%d bytes, it was %d)", info.Size(), sc.size)
	}
	return nil
}

// Exit codes of RunVerify, read back by VerifyInChild. A crash inside bbolt
// exits with 2 (a Go panic or fault) or dies by a signal.
const (
	exitOK      = 0
	exitCorrupt = 1
	exitLocked  = 3
	exitNewer   = 4
	exitFailed  = 5
)

// RunVerify runs VerifyFile(path) for the hidden `overturn __verify-db PATH`
// command: the command should do os.Exit(store.RunVerify(path, os.Stderr)).
// It writes one line on stderr when the file is not fine, and returns the
// exit code VerifyInChild understands: 0 fine, 1 damaged, 3 held by another
// Overturn, 4 written by a newer Overturn, 5 could not check.
func RunVerify(path string, stderr io.Writer) int {
	err := VerifyFile(path)
	var ce *CorruptError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ce):
		if ce.Case != 0 {
			fmt.Fprintf(stderr, "case %d: %s\n", ce.Case, ce.Problem)
		} else {
			fmt.Fprintln(stderr, ce.Problem)
		}
		return exitCorrupt
	case errors.Is(err, ErrLocked):
		fmt.Fprintln(stderr, err)
		return exitLocked
	case errors.Is(err, ErrNewerVersion):
		fmt.Fprintln(stderr, err)
		return exitNewer
	}
	fmt.Fprintln(stderr, err)
	return exitFailed
}

// verifyTimeout bounds a child check; a deep check of a large file on a
// slow disk takes seconds, a hang takes forever.
const verifyTimeout = 2 * time.Minute

// VerifyInChild returns a checker for Options.Verify that runs
// `argv... PATH` (normally the running binary with its hidden verify
// command: []string{os.Args[0], "__verify-db"}) as a child process and
// turns its outcome into an error: a crash (a signal, a Go fault, a hang)
// becomes a *CorruptError naming the file and the backup to restore, so a
// damaged file that would bring bbolt down takes down only the child. A
// file written by a newer Overturn passes here: Open refuses it itself,
// with both versions in the message.
func VerifyInChild(argv []string) func(path string) error {
	return func(path string) error {
		ctx, cancel := context.WithTimeout(context.Background(), verifyTimeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, argv[0], append(append([]string(nil), argv[1:]...), path)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return corrupt(path, 0, "checking it did not finish within %s", verifyTimeout)
		}
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return fmt.Errorf("checking the case file %s: could not start the check: %w", path, err)
		}
		msg := childLine(stderr.Bytes())
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return corrupt(path, 0, "reading it crashed the check (%s)", ws.Signal())
		}
		switch ee.ExitCode() {
		case exitCorrupt:
			id, problem := uint64(0), msg
			if rest, ok := strings.CutPrefix(msg, "case "); ok {
				if n, p, ok := strings.Cut(rest, ": "); ok {
					if v, err := strconv.ParseUint(n, 10, 64); err == nil {
						id, problem = v, p
					}
				}
			}
			if problem == "" {
				problem = "the check found damage"
			}
			return corrupt(path, id, "%s", problem)
		case exitLocked:
			return &LockedError{Path: path}
		case exitNewer:
			return nil
		case exitFailed:
			return fmt.Errorf("checking the case file %s: %s", path, msg)
		}
		return corrupt(path, 0, "reading it crashed the check (exit status %d)", ee.ExitCode())
	}
}

// childLine returns the first line the child wrote, with anything that is
// not printable text removed.
func childLine(b []byte) string {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	s := strings.Map(func(r rune) rune {
		if r == unicode.ReplacementChar || !unicode.IsPrint(r) {
			return -1
		}
		return r
	}, string(line))
	if r := []rune(s); len(r) > 300 {
		s = string(r[:300])
	}
	return strings.TrimSpace(s)
}
