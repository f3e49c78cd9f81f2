package store

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/overturn/overturn/workflow"
)

// startWriter runs a child that saves the crash cases of the store at path
// again and again, a millisecond apart, until the test ends.
func startWriter(t *testing.T, path string) {
	t.Helper()
	cmd := exec.Command(testBinary(t), "__busy-writer", path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	sc := bufio.NewScanner(stdout)
	if !sc.Scan() || sc.Text() != "ready" {
		t.Fatalf("the writer said %q", sc.Text())
	}
	// The first save, then the rest drained.
	if !sc.Scan() {
		t.Fatal("the writer saved nothing")
	}
	go func() {
		for sc.Scan() {
		}
	}()
}

func crashFile(t *testing.T) string {
	t.Helper()
	clk := newClock()
	path := filepath.Join(t.TempDir(), "cases.db")
	s := open(t, path, clk)
	for id := uint64(1); id <= crashCases; id++ {
		if _, err := s.Create(crashCase(id, 0, clk.now())); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	return path
}

// TestReadWhileAnotherWrites: while another Overturn holds the file and
// saves to it without a pause, OpenReading reads consistent copies (every
// case whole, none going back), Check checks one, writing through such a
// store is refused as the file being in use, and no copy is left behind.
func TestReadWhileAnotherWrites(t *testing.T) {
	path := crashFile(t)
	startWriter(t, path)
	if _, err := Open(path, Options{}); !errors.Is(err, ErrLocked) {
		t.Fatalf("a second writer: %v, want ErrLocked", err)
	}
	seen := map[uint64]int{}
	for round := range 20 {
		s, err := OpenReading(path, Options{Verify: verifyChild(t)})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if !s.InUse() {
			t.Fatalf("round %d: the store is not a copy of a file in use", round)
		}
		sums, err := s.List(ListQuery{})
		if err != nil || len(sums) != crashCases {
			t.Fatalf("round %d: list %d cases, %v", round, len(sums), err)
		}
		for id := uint64(1); id <= crashCases; id++ {
			c, err := s.Get(id)
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			v, err := crashVersion(id, c)
			if err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
			if v < seen[id] {
				t.Fatalf("round %d: case %d went back from version %d to %d", round, id, seen[id], v)
			}
			seen[id] = v
		}
		if err := s.Save(1, workflow.NewCase(time.Now(), "Cigna")); !errors.Is(err, ErrLocked) {
			t.Errorf("round %d: saving through a copy: %v, want ErrLocked", round, err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	r, err := Check(path, Options{Verify: verifyChild(t)})
	if err != nil || !r.OK() || !r.File.InUse || r.File.Cases != crashCases {
		t.Errorf("Check of a file in use: %+v, %v", r.File, err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".cases.db.*"))
	if len(left) != 0 {
		t.Errorf("copies left behind: %v", left)
	}
	if _, ok := readDamageMark(path); ok {
		t.Error("the file was marked damaged")
	}
	t.Logf("last versions read: %v", seen)
}

// TestReadCopyOfADamagedFile: a copy of a held file whose damage is in a
// record is read as the file would be (the damage found when the record
// is read), reported as damage of the file itself, and the file is marked.
func TestReadCopyOfADamagedFile(t *testing.T) {
	path := realFile(t)
	data, _ := os.ReadFile(path)
	at := caseAt(t, path, data)
	data[at+20] ^= 1
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	held, err := lockFile(path, true, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	s, err := OpenReading(path, Options{Verify: verifyChild(t)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(1); err != nil {
		t.Errorf("an undamaged case: %v", err)
	}
	_, err = s.Get(markerCase)
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Path != path || ce.Case != markerCase || !strings.Contains(err.Error(), "restore") {
		t.Errorf("reading the damaged case from a copy: %v", err)
	}
	s.Close()
	if _, ok := readDamageMark(path); !ok {
		t.Error("the damaged file was not marked")
	}
	os.Remove(damagePath(path))
	r, err := Check(path, Options{Verify: verifyChild(t)})
	if err != nil || r.OK() || !r.File.InUse || !errors.As(r.File.Err, &ce) || ce.Path != path || ce.Case != markerCase {
		t.Errorf("Check of a damaged file in use: %+v, %v", r.File, err)
	}
	if _, ok := readDamageMark(path); !ok {
		t.Error("Check did not mark the damaged file")
	}
}
