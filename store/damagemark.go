package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The damage mark (cases.db.damaged, 0600, beside the case file) records
// that the case file was found damaged, by whatever found it: a read that
// met a record failing its checksum, the deep check at open, `overturn
// check`. It outlives the process, so no later Overturn writes to a file
// one found damaged, even when that file would pass Open's cheap checks
// (the damage is in a page they do not read). Open, when it finds the mark,
// runs the deep check: a file that still fails it is refused, a file that
// passes (repaired, or put back by hand) has the mark removed. Restore
// removes it. A store that finds damage, or the mark, stops writing at
// once.
//
// The mark holds no case data: a first line "overturn-damaged 1", the case
// the damage is in (0: not in one case), and the problem in words.

const damageMagic = "overturn-damaged 1"

func damagePath(path string) string { return path + ".damaged" }

// markDamaged records ce, the damage of the case file at path, unless a
// mark is there already (the first finding is kept). Errors are ignored:
// the store that found the damage refuses to write anyway.
func markDamaged(path string, ce *CorruptError) {
	if _, ok := readDamageMark(path); ok {
		return
	}
	line := fmt.Sprintf("%s\ncase %d\n%s\n", damageMagic, ce.Case, strings.ReplaceAll(ce.Problem, "\n", " "))
	_ = writeFileAtomic(damagePath(path), []byte(line))
}

// readDamageMark returns the damage recorded for the case file at path.
// A mark that cannot be read as one still counts as a mark.
func readDamageMark(path string) (*CorruptError, bool) {
	b, err := readSmallFile(damagePath(path), 4096)
	if errors.Is(err, os.ErrNotExist) {
		return nil, false
	}
	ce := &CorruptError{Path: path, Problem: "an earlier check found it damaged", Backup: newestBackup(path)}
	if err != nil {
		return ce, true
	}
	lines := strings.SplitN(string(b), "\n", 4)
	if len(lines) >= 3 && lines[0] == damageMagic {
		if n, ok := strings.CutPrefix(lines[1], "case "); ok {
			ce.Case, _ = strconv.ParseUint(n, 10, 64)
		}
		if p := strings.TrimSpace(lines[2]); p != "" {
			ce.Problem = p
		}
	}
	return ce, true
}

// clearDamageMark removes the damage mark of the case file at path.
func clearDamageMark(path string) error {
	err := os.Remove(damagePath(path))
	switch {
	case isNotExist(err):
		return nil
	case err != nil:
		return err
	}
	return syncDir(filepath.Dir(path))
}
