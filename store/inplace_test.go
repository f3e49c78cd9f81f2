package store

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// inPlace damages the case file at path as a failing disk does: the bytes
// change where they are, and the size, modification time and inode stay.
// It returns the damaged bytes.
func inPlace(t *testing.T, path string, damage func(b []byte)) []byte {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	damage(data)
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(data, 0); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Chtimes(path, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(path)
	if after.Size() != info.Size() || !after.ModTime().Equal(info.ModTime()) || inode(after) != inode(info) {
		t.Fatal("the damage changed the file's size, time or inode")
	}
	return data
}

// layout is where things are in the case file made by realFile.
type layout struct {
	meta         rawMeta
	ps           int
	free         []uint64
	casesRoot    uint64 // the root page of the cases bucket
	summaryAt    []int  // the offsets of case 1's summary record (stale copies in free pages too)
	caseAt       int    // the offset of markerCase's record
	freeAt       int    // the offset of the first free id in the freelist page
	freeFlipped  uint64 // a page in use one bit away from free[0]
	freeFlipMask uint64
}

func readLayout(t *testing.T, path string) layout {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l := layout{meta: fileMeta(t, data)}
	l.ps = int(l.meta.pageSize)
	f := &boltFile{r: bytes.NewReader(data), m: l.meta, size: int64(len(data))}
	if l.free, _, err = f.freeIDs(); err != nil || len(l.free) == 0 {
		t.Fatalf("free pages %v, %v: the test needs some", l.free, err)
	}
	l.freeAt = int(l.meta.freelist)*l.ps + pageHeaderLen
	isFree := map[uint64]bool{}
	for _, id := range l.free {
		isFree[id] = true
	}
	for bit := range 8 {
		if id := l.free[0] ^ 1<<bit; id < l.meta.pgid && !isFree[id] {
			l.freeFlipped, l.freeFlipMask = id, 1<<bit
			break
		}
	}
	if l.freeFlipMask == 0 {
		t.Fatalf("no page in use is one bit away from free page %d", l.free[0])
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var sum []byte
	db.View(func(tx *bolt.Tx) error {
		l.casesRoot = uint64(tx.Bucket(bucketCases).Root())
		sum = bytes.Clone(tx.Bucket(bucketSummaries).Get(idKey(1)))
		return nil
	})
	for at := 0; ; {
		i := bytes.Index(data[at:], sum)
		if i < 0 {
			break
		}
		l.summaryAt = append(l.summaryAt, at+i)
		at += i + 1
	}
	if len(l.summaryAt) == 0 {
		t.Fatal("case 1's summary record is not in the file")
	}
	l.caseAt = caseAt(t, path, data)
	return l
}

// TestInPlaceDamage damages a case file in place, keeping its size,
// modification time and inode as a failing disk does, in each of the
// shapes below, then uses it as a person would: open, list, read every
// case, import, open again and import again. The damage is found (at open,
// or when what it is in is read), and from then on nothing is written to
// the file; check reports it and restore brings the cases back. A damage
// bbolt never reads (the older meta page) harms nothing.
func TestInPlaceDamage(t *testing.T) {
	orig := realFile(t)
	l := readLayout(t, orig)
	tests := []struct {
		name   string
		damage func(b []byte)
		atOpen bool // found when the file is opened
		// harmless: the file works, nothing is lost, writing is fine.
		harmless bool
	}{
		{"a free page in the freelist turned into one in use (one bit)", func(b []byte) {
			b[l.freeAt] ^= byte(l.freeFlipMask)
		}, true, false},
		{"the freelist's count one too many", func(b []byte) {
			b[int(l.meta.freelist)*l.ps+10]++
		}, true, false},
		{"the freelist page's kind", func(b []byte) {
			b[int(l.meta.freelist)*l.ps+8] ^= 0x40
		}, true, false},
		{"a bit of the newest meta page's root", func(b []byte) {
			b[int(l.meta.txid%2)*l.ps+metaOffset+16] ^= 0x01
		}, true, false},
		{"a bit of the older meta page", func(b []byte) {
			b[int((l.meta.txid+1)%2)*l.ps+metaOffset+48] ^= 0x01
		}, true, true},
		{"a byte of a stored case", func(b []byte) {
			b[l.caseAt+20] ^= 0x01
		}, false, false},
		{"a byte of a case's summary", func(b []byte) {
			for _, at := range l.summaryAt {
				b[at+6] ^= 0x01
			}
		}, false, false},
		{"the kind of the cases bucket's root page", func(b []byte) {
			b[int(l.casesRoot)*l.ps+8] = 0x40
		}, false, false},
	}
	today := newClock()
	today.advance(24 * time.Hour)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyCaseFile(t, orig)
			// Closed cleanly where it is (the copy's inode is new).
			s, err := Open(path, Options{Now: today.now, Verify: verifyChild(t)})
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
			damaged := inPlace(t, path, tt.damage)
			found := ""
			// note records the first finding of the damage; after it, the
			// file must stay as the damage left it.
			note := func(what string, err error) {
				t.Helper()
				if err != nil && !errors.Is(err, ErrCorrupt) {
					t.Fatalf("%s: %v, want nothing or ErrCorrupt", what, err)
				}
				if err != nil && found == "" {
					found = what
					t.Logf("found by %s: %v", what, err)
				}
				if found != "" {
					if now, _ := os.ReadFile(path); !bytes.Equal(now, damaged) {
						t.Fatalf("%s: the file was written after %s found it damaged", what, found)
					}
				}
			}
			use := func(round string) {
				s, err := Open(path, Options{Now: today.now, Verify: verifyChild(t)})
				note(round+" open", err)
				if err != nil {
					// Not even opened without the child check.
					if s, err := Open(path, Options{Now: today.now}); err == nil {
						_, err := s.Create(fullCase(t))
						note(round+" import after an open without the check", err)
						if err == nil {
							t.Errorf("%s: an import into a file found damaged was stored", round)
						}
						s.Close()
					}
					return
				}
				defer s.Close()
				_, err = s.List(ListQuery{})
				note(round+" list", err)
				for id := uint64(1); id <= 12; id++ {
					_, err := s.Get(id)
					note(round+" reading a case", err)
				}
				_, err = s.Create(fullCase(t))
				note(round+" import", err)
				if err == nil && found != "" {
					t.Errorf("%s: an import into a file found damaged was stored", round)
				}
			}
			use("first")
			use("second")
			switch {
			case tt.harmless && found != "":
				t.Fatalf("a harmless damage was reported by %s", found)
			case tt.harmless:
				r, err := Check(path, Options{Verify: verifyChild(t)})
				if err != nil || !r.OK() || r.File.Cases != 14 {
					t.Errorf("check after a harmless damage: %+v, %v", r.File, err)
				}
				return
			case found == "":
				t.Fatal("the damage was never found")
			case tt.atOpen != (found == "first open"):
				t.Errorf("found by %s; want at open: %v", found, tt.atOpen)
			}
			r, err := Check(path, Options{Verify: verifyChild(t)})
			if err != nil || r.OK() {
				t.Errorf("check: %+v, %v", r.File, err)
			}
			if _, err := Restore(path, newestBackup(path), Options{Now: today.now, Verify: verifyChild(t)}); err != nil {
				t.Fatal(err)
			}
			s, err = Open(path, Options{Now: today.now, Verify: verifyChild(t)})
			if err != nil {
				t.Fatalf("after the restore: %v", err)
			}
			defer s.Close()
			if n, err := s.Count(""); err != nil || n != 12 {
				t.Errorf("after the restore: %d cases, %v", n, err)
			}
			if _, err := s.Create(fullCase(t)); err != nil {
				t.Errorf("after the restore an import fails: %v", err)
			}
		})
	}
}
