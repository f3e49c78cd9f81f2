package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// bigFile makes a bbolt file of the pinned version with several buckets,
// trees some levels deep, values that run on over several pages, and free
// pages, and returns its path.
func bigFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "big.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for round := range 4 {
		err := db.Update(func(tx *bolt.Tx) error {
			for _, name := range []string{"small", "large", "empty"} {
				b, err := tx.CreateBucketIfNotExists([]byte(name))
				if err != nil {
					return err
				}
				for i := range 3000 {
					switch name {
					case "small":
						err = b.Put(fmt.Appendf(nil, "key-%06d", i), fmt.Appendf(nil, "value %d of round %d", i, round))
					case "large":
						if i%30 == 0 {
							err = b.Put(fmt.Appendf(nil, "big-%04d", i), bytes.Repeat([]byte{byte(round)}, 5000+i))
						}
					}
					if err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Deleting frees pages.
	if err := db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("small"))
		for i := 0; i < 3000; i += 3 {
			if err := b.Delete(fmt.Appendf(nil, "key-%06d", i)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return path
}

// fileMeta reads the newest meta page of the file at path.
func fileMeta(t *testing.T, data []byte) rawMeta {
	t.Helper()
	m0, ok0 := parseMeta(data)
	m1, ok1 := parseMeta(data[m0.pageSize:])
	if !ok0 || !ok1 {
		t.Fatal("a meta page does not parse")
	}
	if m1.txid > m0.txid {
		return m1
	}
	return m0
}

// pagesRead counts the pages read through it.
type pagesRead struct {
	r     io.ReaderAt
	size  int64
	pages map[int64]bool
}

func (p *pagesRead) ReadAt(b []byte, off int64) (int, error) {
	for pg := off / p.size; pg*p.size < off+int64(len(b)); pg++ {
		p.pages[pg] = true
	}
	return p.r.ReadAt(b, off)
}

// TestCheckFreePages: every page in use, put in the freelist in place of a
// free one, is found, in a case file and in a larger bbolt file; the files
// as bbolt left them pass.
func TestCheckFreePages(t *testing.T) {
	for name, path := range map[string]string{"case file": realFile(t), "bbolt file": bigFile(t)} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			m := fileMeta(t, data)
			r := bytes.NewReader(data)
			pr := &pagesRead{r: r, size: m.pageSize, pages: map[int64]bool{}}
			if err := checkFreePages(pr, m, int64(len(data))); err != nil {
				t.Fatalf("the file as bbolt left it: %v", err)
			}
			if name == "bbolt file" && uint64(len(pr.pages)) > m.pgid/4 {
				t.Errorf("the check read %d of %d pages; it should read a few", len(pr.pages), m.pgid)
			}
			f := &boltFile{r: r, m: m, size: int64(len(data))}
			free, _, err := f.freeIDs()
			if err != nil || len(free) == 0 {
				t.Fatalf("free pages %v, %v: the test needs some", free, err)
			}
			isFree := map[uint64]bool{}
			for _, id := range free {
				isFree[id] = true
			}
			// The first free id is at the start of the freelist page,
			// after its header (and the count, when it overflows).
			at := int(m.freelist)*int(m.pageSize) + pageHeaderLen
			if le.Uint16(data[int(m.freelist)*int(m.pageSize)+10:]) == 0xFFFF {
				at += 8
			}
			if got := le.Uint64(data[at:]); got != free[0] {
				t.Fatalf("first free id at %d is %d, want %d", at, got, free[0])
			}
			checked := 0
			for id := uint64(2); id < m.pgid; id++ {
				if isFree[id] {
					continue
				}
				bad := bytes.Clone(data)
				le.PutUint64(bad[at:], id)
				err := checkFreePages(bytes.NewReader(bad), m, int64(len(bad)))
				var se errStructure
				if !errors.As(err, &se) {
					t.Fatalf("page %d in use given as free: checkFreePages = %v", id, err)
				}
				checked++
			}
			// Twice the same free page, and a page past the end.
			bad := bytes.Clone(data)
			le.PutUint64(bad[at:], m.pgid+3)
			if err := checkFreePages(bytes.NewReader(bad), m, int64(len(bad))); err == nil {
				t.Error("a free page outside the file passed")
			}
			if len(free) > 1 {
				bad := bytes.Clone(data)
				le.PutUint64(bad[at:], free[1])
				if err := checkFreePages(bytes.NewReader(bad), m, int64(len(bad))); err == nil {
					t.Error("a page freed twice passed")
				}
			}
			t.Logf("%d pages, %d read, %d free; each of the %d in use was found in the freelist", m.pgid, len(pr.pages), len(free), checked)
		})
	}
}
