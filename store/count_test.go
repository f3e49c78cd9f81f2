package store

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/overturn/overturn/workflow"
)

// checkCount fails t unless Count("") and the live record both equal the
// number of cases List returns.
func checkCount(t *testing.T, s *Store, when string) {
	t.Helper()
	list, err := s.List(ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Count("")
	if err != nil || n != len(list) {
		t.Errorf("%s: Count = %d, %v; List holds %d", when, n, err, len(list))
	}
	_ = s.view(func(tx *bolt.Tx) error {
		if live, ok := readLive(tx); !ok || live != len(list) {
			t.Errorf("%s: the live record = %d (readable %v); List holds %d", when, live, ok, len(list))
		}
		return nil
	})
}

func TestCountIsKeptByEveryChange(t *testing.T) {
	clk := newClock()
	path := filepath.Join(t.TempDir(), "cases.db")
	s := open(t, path, clk)
	checkCount(t, s, "new file")
	makeCases(t, s, clk, 4)
	checkCount(t, s, "after 4 creates")
	batch := []*workflow.Case{workflow.NewCase(clk.now(), "Cigna"), workflow.NewCase(clk.now(), "Cigna"), workflow.NewCase(clk.now(), "Cigna")}
	if _, err := s.CreateMany(batch); err != nil {
		t.Fatal(err)
	}
	checkCount(t, s, "after an import of 3")
	c, err := s.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	c.Status = workflow.StatusResolved
	if err := s.Save(1, c); err != nil {
		t.Fatal(err)
	}
	checkCount(t, s, "after a save that changes the status")
	for _, id := range []uint64{2, 3} {
		if err := s.Delete(id); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Delete(2); err == nil {
		t.Fatal("deleting a deleted case succeeded")
	}
	checkCount(t, s, "after 2 deletes and a refused one")
	if err := s.Undelete(2); err != nil {
		t.Fatal(err)
	}
	if err := s.Undelete(2); err == nil {
		t.Fatal("undeleting a live case succeeded")
	}
	checkCount(t, s, "after an undelete and a refused one")
	s.Close()
	clk.advance(31 * 24 * time.Hour)
	s = open(t, path, clk)
	if trash, _ := s.Trash(); len(trash) != 0 {
		t.Fatalf("trash after 31 days = %v", ids(trash))
	}
	checkCount(t, s, "after the trash is emptied")
	if n, _ := s.Count(""); n != 6 {
		t.Errorf("Count = %d, want 6 (7 made, 1 deleted)", n)
	}
}

func TestCountReadsTheRecordNotTheIndex(t *testing.T) {
	clk := newClock()
	path := filepath.Join(t.TempDir(), "cases.db")
	s := open(t, path, clk)
	makeCases(t, s, clk, 3)
	// A record saying 41 proves Count reads it instead of walking recent/.
	if err := s.update(func(tx *bolt.Tx) error { return putLive(tx, 41) }); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Count(""); err != nil || n != 41 {
		t.Errorf("Count = %d, %v; want the record's 41", n, err)
	}
	if n, err := s.Count(workflow.StatusOpen); err != nil || n != 2 {
		t.Errorf("Count(open) = %d, %v; want 2, counted", n, err)
	}
}

func TestADamagedCountRecordIsRebuilt(t *testing.T) {
	clk := newClock()
	path := filepath.Join(t.TempDir(), "cases.db")
	s := open(t, path, clk)
	makeCases(t, s, clk, 3)
	err := s.update(func(tx *bolt.Tx) error {
		v := sealRecord(bucketMeta, keyLive, []byte("3"))
		v[0] ^= 0xff
		return tx.Bucket(bucketMeta).Put(keyLive, v)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.Count(""); err != nil || n != 3 {
		t.Errorf("Count with a damaged record = %d, %v; want 3, counted", n, err)
	}
	if err := s.Delete(1); err != nil {
		t.Fatal(err)
	}
	checkCount(t, s, "after a delete rebuilt the record")
}

func TestMigrationFromFormat2(t *testing.T) {
	clk := newClock()
	dir := t.TempDir()
	path := filepath.Join(dir, "cases.db")
	s := open(t, path, clk)
	makeCases(t, s, clk, 5)
	for i := range 3 {
		if _, err := s.Create(dueCase(t, "due "+strconv.Itoa(i), 10*i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Delete(4); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// Format 2 was format 3 without the live record, and with empty
	// records in due/.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		meta, due := tx.Bucket(bucketMeta), tx.Bucket(bucketDue)
		if err := meta.Delete(keyLive); err != nil {
			return err
		}
		var keys [][]byte
		_ = due.ForEach(func(k, _ []byte) error { keys = append(keys, append([]byte(nil), k...)); return nil })
		if len(keys) != 3 {
			t.Fatalf("%d deadline entries, want 3", len(keys))
		}
		for _, k := range keys {
			if err := putRecord(due, bucketDue, k, nil); err != nil {
				return err
			}
		}
		return putRecord(meta, bucketMeta, keySchema, []byte("2"))
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	clk.advance(time.Hour)
	s = open(t, path, clk)
	checkCount(t, s, "after migrating from format 2")
	if n, _ := s.Count(""); n != 7 {
		t.Errorf("Count after migration = %d, want 7", n)
	}
	got, err := s.Upcoming(0)
	if err != nil {
		t.Fatal(err)
	}
	if want := wantUpcoming(t, s); len(got) != 3 || !reflect.DeepEqual(got, want) {
		t.Errorf("Upcoming after migration = %+v, want %+v", got, want)
	}
	before := filepath.Join(dir, "backups", "cases-"+clk.now().Format(stampLayout)+"-before-format-"+strconv.Itoa(schemaVersion)+".db")
	if _, err := os.Stat(before); err != nil {
		t.Errorf("no backup before migration: %v", err)
	}
	s.Close()
	if err := VerifyFile(path); err != nil {
		t.Errorf("migrated file does not verify: %v", err)
	}
}
