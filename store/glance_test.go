package store

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// folderState is every file under dir with its mode, size, time and a hash
// of its content: what a command that writes nothing leaves as it was.
func folderState(t *testing.T, dir string) map[string]string {
	t.Helper()
	state := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%v %d %d", info.Mode(), info.Size(), info.ModTime().UnixNano())
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += fmt.Sprintf(" %x", sha256.Sum256(data))
		}
		state[p] = line
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return state
}

func sameFolder(t *testing.T, when string, before, after map[string]string) {
	t.Helper()
	for p, b := range before {
		if a, ok := after[p]; !ok {
			t.Errorf("%s: %s was removed", when, p)
		} else if a != b {
			t.Errorf("%s: %s changed: %s -> %s", when, p, b, a)
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			t.Errorf("%s: %s was made", when, p)
		}
	}
}

func glanceIDs(path string, clk *clock) ([]uint64, error) {
	var got []uint64
	err := Glance(path, Options{Now: clk.now, Verify: func(string) error {
		return errors.New("the deep check ran")
	}}, func(sum Summary) error {
		got = append(got, sum.ID)
		return nil
	})
	return got, err
}

// dayOld makes a case file of n cases in a new folder, closed a day
// before the clock returned (so that Open would take the day's backup),
// after calling with, when not nil, on the open store.
func dayOld(t *testing.T, n int, with func(s *Store)) (dir, path string, clk *clock) {
	t.Helper()
	clk = newClock()
	dir = t.TempDir()
	path = filepath.Join(dir, "cases.db")
	s := open(t, path, clk)
	makeCases(t, s, clk, n)
	if with != nil {
		with(s)
	}
	s.Close()
	clk.advance(24 * time.Hour)
	return dir, path, clk
}

// TestGlanceWritesNothing: on the first look of a day, when Open would
// check the file deeply, take the day's backup and rewrite the sidecar,
// Glance lists the cases as List does and leaves every file as it was,
// and so does it beside another Overturn that holds the file.
func TestGlanceWritesNothing(t *testing.T) {
	var want []Summary
	dir, path, clk := dayOld(t, 5, func(s *Store) {
		if err := s.Delete(2); err != nil {
			t.Fatal(err)
		}
		var err error
		if want, err = s.List(ListQuery{}); err != nil {
			t.Fatal(err)
		}
	})
	before := folderState(t, dir)
	got, err := glanceIDs(path, clk)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, ids(want)) {
		t.Errorf("Glance listed %v, List %v", got, ids(want))
	}
	sameFolder(t, "after Glance", before, folderState(t, dir))

	startLockHolder(t, path)
	held := folderState(t, dir)
	got, err = glanceIDs(path, clk)
	if err != nil {
		t.Fatalf("beside another Overturn: %v", err)
	}
	if !slices.Equal(got, ids(want)) {
		t.Errorf("beside another Overturn, Glance listed %v, List %v", got, ids(want))
	}
	// The copy is made beside the file and removed: the folder's time
	// changes, and nothing else.
	after := folderState(t, dir)
	delete(held, dir)
	delete(after, dir)
	sameFolder(t, "after Glance beside another Overturn", held, after)
}

// TestGlanceOpensAsTheDayBegins: the folder state above is one Open would
// change (so that test can fail): the day's first Open takes a backup and
// rewrites the sidecar.
func TestGlanceOpensAsTheDayBegins(t *testing.T) {
	dir, path, clk := dayOld(t, 2, nil)
	before := folderState(t, dir)
	open(t, path, clk).Close()
	after := folderState(t, dir)
	backups := 0
	for p := range after {
		if _, ok := before[p]; !ok && filepath.Dir(p) == backupDir(path) {
			backups++
		}
	}
	if backups != 1 || after[sidecarPath(path)] == before[sidecarPath(path)] {
		t.Errorf("the day's first Open made %d backups and left the sidecar as it was: %v", backups, after[sidecarPath(path)] == before[sidecarPath(path)])
	}
}

// TestGlanceRefuses: a file Glance does not read as it stands gives an
// error, lists nothing and is left as it was: no file, a folder, a file
// marked damaged, a file of an older format, one of a newer format.
func TestGlanceRefuses(t *testing.T) {
	setSchema := func(t *testing.T, path string, schema int) {
		db, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(func(tx *bolt.Tx) error {
			return putRecord(tx.Bucket(bucketMeta), bucketMeta, keySchema, fmt.Appendf(nil, "%d", schema))
		})
		if cerr := db.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		name  string
		make  func(t *testing.T, path string)
		check func(error) bool
	}{
		{"no file", func(t *testing.T, path string) { os.Remove(path) },
			func(err error) bool { return errors.Is(err, fs.ErrNotExist) }},
		{"a folder", func(t *testing.T, path string) {
			os.Remove(path)
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		}, func(err error) bool { return err != nil && !errors.Is(err, fs.ErrNotExist) }},
		{"marked damaged", func(t *testing.T, path string) {
			markDamaged(path, &CorruptError{Path: path, Case: 1, Problem: "a test's damage"})
		}, func(err error) bool { return errors.Is(err, ErrCorrupt) }},
		{"an older format", func(t *testing.T, path string) { setSchema(t, path, schemaVersion-1) },
			func(err error) bool { return errors.Is(err, ErrNotCurrent) }},
		{"a newer format", func(t *testing.T, path string) { setSchema(t, path, schemaVersion+1) },
			func(err error) bool { return errors.As(err, new(*NewerVersionError)) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, path, clk := dayOld(t, 2, nil)
			tc.make(t, path)
			before := folderState(t, dir)
			got, err := glanceIDs(path, clk)
			if !tc.check(err) || len(got) != 0 {
				t.Errorf("Glance listed %v, %v", got, err)
			}
			sameFolder(t, "after Glance", before, folderState(t, dir))
		})
	}
}
