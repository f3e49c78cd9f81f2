package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// countingVerify is an Options.Verify that counts its calls and runs the
// real check in process.
type countingVerify struct{ n int }

func (c *countingVerify) verify(path string) error {
	c.n++
	return VerifyFile(path)
}

func TestOpenSkipsTheDeepCheckOnlyForAFileLeftAsClosed(t *testing.T) {
	clk := newClock()
	dir := t.TempDir()
	path := filepath.Join(dir, "cases.db")
	s := open(t, path, clk) // a new file: no check, today's backup taken
	makeCases(t, s, clk, 3)
	s.Close()

	opens := func(what string, wantChecked bool) {
		t.Helper()
		var cv countingVerify
		s, err := Open(path, Options{Now: clk.now, Verify: cv.verify})
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if checked := cv.n > 0; checked != wantChecked {
			t.Errorf("%s: deep check run = %v, want %v", what, checked, wantChecked)
		}
		if n, err := s.Count(""); err != nil || n != 3 {
			t.Errorf("%s: %d cases, %v", what, n, err)
		}
		s.Close()
	}
	opens("closed cleanly, backed up today", false)
	opens("again", false)

	// A save, then a clean close: still as left.
	s = open(t, path, clk)
	c, err := s.Get(2)
	if err != nil {
		t.Fatal(err)
	}
	clk.advance(time.Minute)
	if err := s.Save(2, c); err != nil {
		t.Fatal(err)
	}
	s.Close()
	opens("saved and closed", false)

	// Not closed: the program ended without Close (a crash).
	s = open(t, path, clk)
	sideNow, _ := os.ReadFile(sidecarPath(path))
	s.Close()
	if err := os.WriteFile(sidecarPath(path), sideNow, 0o600); err != nil {
		t.Fatal(err)
	}
	opens("left open", true)

	info, _ := os.Stat(path)
	later := info.ModTime().Add(time.Second)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	opens("modified since it was closed", true)
	opens("closed again", false)

	data, _ := os.ReadFile(path)
	if err := os.WriteFile(path+".new", data, 0o600); err != nil {
		t.Fatal(err)
	}
	info, _ = os.Stat(path)
	if err := os.Chtimes(path+".new", info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path+".new", path); err != nil {
		t.Fatal(err)
	}
	opens("replaced by a copy with the same time", true)

	info, _ = os.Stat(path)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(make([]byte, 4096))
	f.Close()
	if err := os.Chtimes(path, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	opens("grown, with its time put back", true)

	os.Remove(sidecarPath(path))
	opens("no sidecar", true)

	clk.advance(24 * time.Hour)
	opens("first open of a new day", true)
	opens("second open of that day", false)
}

// A damage that leaves size, time and inode alone (a bad disk sector)
// passes the cheap open; the record checksums find it when the case is
// read, and the first open of the next day's deep check finds it too.
func TestDamageUnderACleanCloseIsFoundOnReadAndNextDay(t *testing.T) {
	path := realFile(t)
	data, _ := os.ReadFile(path)
	at := caseAt(t, path, data)
	info, _ := os.Stat(path)
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{data[at+20] ^ 1}, int64(at+20)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if err := os.Chtimes(path, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	today := newClock()
	today.advance(24 * time.Hour)
	var cv countingVerify
	s, err := Open(path, Options{Now: today.now, Verify: cv.verify})
	if err != nil || cv.n != 0 {
		t.Fatalf("open = %v after %d checks; want the cheap open", err, cv.n)
	}
	_, err = s.Get(markerCase)
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Case != markerCase {
		t.Errorf("reading the damaged case = %v", err)
	}
	s.Close()
	today.advance(24 * time.Hour)
	_, err = Open(path, Options{Now: today.now, Verify: cv.verify})
	if !errors.As(err, &ce) || ce.Case != markerCase || cv.n != 1 {
		t.Errorf("next day's open = %v after %d checks; want case %d damaged", err, cv.n, markerCase)
	}
}
