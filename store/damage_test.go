package store

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/overturn/overturn/workflow"
)

// marker is written into one case's address, a field no summary holds, in
// the last save, so that case's record is written once.
const marker = "Marker Street 7f3a"

const markerCase = 7

// realFile builds a case file as a person's looks after a while: a dozen
// full cases saved now and then over two days (so backups exist), the last
// save putting marker into case 7. It returns the file's path.
func realFile(t *testing.T) string {
	t.Helper()
	clk := newClock()
	path := filepath.Join(t.TempDir(), "cases.db")
	s := open(t, path, clk)
	for i := range 12 {
		c := fullCase(t)
		c.Title = "case " + string(rune('A'+i))
		if _, err := s.Create(c); err != nil {
			t.Fatal(err)
		}
		clk.advance(time.Minute)
	}
	for _, id := range []uint64{3, 7, 3, 11} {
		c, err := s.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		c.Step = c.Step%7 + 1
		if err := s.Save(id, c); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	clk.advance(24 * time.Hour)
	s = open(t, path, clk)
	c, err := s.Get(markerCase)
	if err != nil {
		t.Fatal(err)
	}
	c.Member.Address = marker + ", Portland, OR 97205"
	if err := s.Save(markerCase, c); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path
}

// caseAt returns where the record of markerCase is in data, the bytes of
// the case file at path (its payload is compressed, so the marker itself
// is not to be seen).
func caseAt(t *testing.T, path string, data []byte) int {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var rec []byte
	if err := db.View(func(tx *bolt.Tx) error {
		rec = bytes.Clone(tx.Bucket(bucketCases).Get(idKey(markerCase)))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if p, err := checkRecord(bucketCases, idKey(markerCase), rec); err != nil || p[0] != caseDeflate {
		t.Fatalf("case %d is not stored compressed: %v", markerCase, err)
	}
	at := bytes.Index(data, rec)
	if at < 0 || bytes.Count(data, rec) != 1 {
		t.Fatalf("the record of case %d found %d times", markerCase, bytes.Count(data, rec))
	}
	return at
}

// copyCaseFile copies the case file at path, its sidecar and its backups to
// a new directory and returns the copy's path.
func copyCaseFile(t *testing.T, path string) string {
	t.Helper()
	dir := t.TempDir()
	dst := filepath.Join(dir, filepath.Base(path))
	files := []string{path, sidecarPath(path)}
	bs, _ := filepath.Glob(filepath.Join(backupDir(path), "*"))
	files = append(files, bs...)
	for _, f := range files {
		rel, _ := filepath.Rel(filepath.Dir(path), f)
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, rel)), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, rel), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func TestCorruptionTable(t *testing.T) {
	orig := realFile(t)
	data, err := os.ReadFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	m, err := precheck(orig)
	if err != nil {
		t.Fatal(err)
	}
	ps := int(m.pageSize)
	if int(m.pgid)*ps <= len(data)/2 {
		t.Fatalf("test file too sparse: %d pages in use of %d bytes; cutting it in half would lose nothing", m.pgid, len(data))
	}
	at := caseAt(t, orig, data)
	rng := rand.New(rand.NewPCG(1, 2))
	garbage := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	otherProgram := filepath.Join(t.TempDir(), "other.db")
	db, err := bolt.Open(otherProgram, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("settings")); return err }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	otherData, _ := os.ReadFile(otherProgram)

	tests := []struct {
		name    string
		damage  func([]byte) []byte
		problem string // in the message
		// inProcess: Open without a child check gives the error too (the
		// damage is found by the cheap checks of the main process).
		inProcess bool
		caseID    uint64
	}{
		{"truncated to 0 bytes", func(b []byte) []byte { return b[:0] }, "empty (0 bytes)", true, 0},
		{"truncated to 100 bytes", func(b []byte) []byte { return b[:100] }, "cut short", true, 0},
		{"truncated to one page", func(b []byte) []byte { return b[:ps] }, "cut short", true, 0},
		{"truncated to two pages", func(b []byte) []byte { return b[:2*ps] }, "cut short", true, 0},
		{"truncated to half", func(b []byte) []byte { return b[:len(b)/2] }, "cut short", true, 0},
		{"a data page overwritten with garbage", func(b []byte) []byte {
			pg := at / ps * ps
			copy(b[pg:pg+ps], garbage(ps))
			return b
		}, "", false, 0},
		{"the newest meta page damaged", func(b []byte) []byte {
			pg := int(m.txid%2) * ps
			b[pg+metaOffset+40] ^= 0xff // its high-water mark
			return b
		}, "gone back to an earlier state", true, 0},
		{"one byte flipped inside a stored case", func(b []byte) []byte {
			b[at+20] ^= 0x01
			return b
		}, "checksum does not match", false, markerCase},
		{"random garbage", func(b []byte) []byte { return garbage(len(b)) }, "not an Overturn case file", true, 0},
		{"a text file", func([]byte) []byte { return bytes.Repeat([]byte("Dear Cigna,\n"), 1000) }, "not an Overturn case file", true, 0},
		{"another program's database", func([]byte) []byte { return append([]byte(nil), otherData...) }, "another program", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := copyCaseFile(t, orig)
			damaged := tt.damage(append([]byte(nil), data...))
			if err := os.WriteFile(path, damaged, 0o600); err != nil {
				t.Fatal(err)
			}
			backup := newestBackup(path)
			if backup == "" {
				t.Fatal("the copy has no backups")
			}
			check := func(err error) {
				t.Helper()
				if !errors.Is(err, ErrCorrupt) {
					t.Fatalf("got %v, want ErrCorrupt", err)
				}
				msg := err.Error()
				for _, want := range []string{path, "was not changed", "overturn --db " + path + " restore " + backup, tt.problem} {
					if !strings.Contains(msg, want) {
						t.Errorf("message %q does not contain %q", msg, want)
					}
				}
				var ce *CorruptError
				if errors.As(err, &ce) && ce.Case != tt.caseID {
					t.Errorf("damaged case = %d, want %d", ce.Case, tt.caseID)
				}
			}
			// The file was made "yesterday" and opened "today": today's
			// backup exists.
			today := newClock()
			today.advance(24 * time.Hour)
			_, err := Open(path, Options{Now: today.now, Verify: verifyChild(t)})
			check(err)
			t.Log(err)
			if tt.inProcess {
				_, err := Open(path, Options{Now: today.now})
				check(err)
			}
			if tt.caseID != 0 {
				// Without the deep check the file opens; reading the case
				// finds the damage, and the other cases still read.
				s, err := Open(path, Options{Now: today.now})
				if err != nil {
					t.Fatal(err)
				}
				_, err = s.Get(tt.caseID)
				check(err)
				if _, err := s.Get(1); err != nil {
					t.Errorf("an undamaged case: %v", err)
				}
				s.Close()
				// The first open of a day checks every record before it
				// takes the day's backup, and takes none of a damaged file.
				today.advance(24 * time.Hour)
				_, err = Open(path, Options{Now: today.now})
				check(err)
				if b := newestBackup(path); b != backup {
					t.Errorf("a backup of the damaged file was taken: %s", b)
				}
			}
			after, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(after, damaged) {
				t.Error("the damaged file was changed")
			}
			r, err := Check(path, Options{Verify: verifyChild(t)})
			if err != nil {
				t.Fatal(err)
			}
			if r.OK() || !errors.Is(r.File.Err, ErrCorrupt) {
				t.Errorf("Check found %v", r.File.Err)
			}
			for _, b := range r.Backups {
				if b.Err != nil {
					t.Errorf("backup %s: %v", b.Path, b.Err)
				}
			}
			// The advice works: the restored file opens, and the damaged
			// one is kept.
			replaced, err := Restore(path, backup, Options{Now: today.now, Verify: verifyChild(t)})
			if err != nil {
				t.Fatal(err)
			}
			if kept, _ := os.ReadFile(replaced); !bytes.Equal(kept, damaged) {
				t.Error("the damaged file was not kept")
			}
			s, err := Open(path, Options{Now: today.now, Verify: verifyChild(t)})
			if err != nil {
				t.Fatalf("after restoring: %v", err)
			}
			if n, err := s.Count(""); err != nil || n != 12 {
				t.Errorf("restored file holds %d cases, %v", n, err)
			}
			s.Close()
		})
	}
}

// startLockHolder runs a child process holding the store at path open,
// until the test ends.
func startLockHolder(t *testing.T, path string) {
	t.Helper()
	cmd := exec.Command(testBinary(t), "__hold-lock", path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if line != "ready\n" {
		t.Fatalf("lock holder said %q, %v", line, err)
	}
}

func TestLockContentionBetweenTwoProcesses(t *testing.T) {
	clk := newClock()
	path := filepath.Join(t.TempDir(), "cases.db")
	s := open(t, path, clk)
	if _, err := s.Create(fullCase(t)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	startLockHolder(t, path)
	want := "the case file " + path + " is open in another Overturn window; close it and try again"
	for name, opts := range map[string]Options{
		"checked in a child": {Verify: verifyChild(t)},
		"not checked":        {},
	} {
		start := time.Now()
		_, err := Open(path, opts)
		elapsed := time.Since(start)
		if !errors.Is(err, ErrLocked) || err.Error() != want {
			t.Errorf("%s: Open = %v, want %q", name, err, want)
		}
		t.Logf("%s: refused after %v", name, elapsed)
		if elapsed > 10*time.Second {
			t.Errorf("%s: Open waited %v", name, elapsed)
		}
	}
	if err := verifyChild(t)(path); !errors.Is(err, ErrLocked) {
		t.Errorf("the child check of a held file = %v, want ErrLocked", err)
	}
	if _, err := Restore(path, path, Options{}); !errors.Is(err, ErrLocked) {
		t.Errorf("Restore over a held file = %v, want ErrLocked", err)
	}
}

func TestRestore(t *testing.T) {
	clk := newClock()
	path := filepath.Join(t.TempDir(), "cases.db")
	s := open(t, path, clk)
	makeCases(t, s, clk, 2)
	s.Close()
	clk.advance(24 * time.Hour)
	s = open(t, path, clk) // today's backup holds the 2 cases
	makeCases(t, s, clk, 3)
	backup := newestBackup(path)

	if _, err := Restore(path, backup, Options{Now: clk.now}); !errors.Is(err, ErrLocked) {
		t.Errorf("Restore while the store is open = %v, want ErrLocked", err)
	}
	s.Close()
	current, _ := os.ReadFile(path)

	// A damaged backup is refused, and nothing is replaced.
	bad := filepath.Join(t.TempDir(), "bad.db")
	b, _ := os.ReadFile(backup)
	if err := os.WriteFile(bad, b[:len(b)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Restore(path, bad, Options{Now: clk.now, Verify: verifyChild(t)})
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "nothing was replaced") || !strings.Contains(err.Error(), bad) {
		t.Errorf("Restore from a damaged backup = %v", err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, current) {
		t.Error("a refused restore changed the file")
	}

	replaced, err := Restore(path, backup, Options{Now: clk.now, Verify: verifyChild(t)})
	if err != nil {
		t.Fatal(err)
	}
	if want := path + ".replaced-" + clk.now().Format(stampLayout); replaced != want {
		t.Errorf("replaced file kept as %q, want %q", replaced, want)
	}
	if kept, _ := os.ReadFile(replaced); !bytes.Equal(kept, current) {
		t.Error("the replaced file was not kept as it was")
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("restored file: %v, %v", info, err)
	}
	// The restored file is older than the sidecar knew; that is no alarm.
	s = open(t, path, clk)
	if n, err := s.Count(""); err != nil || n != 2 {
		t.Errorf("restored file holds %d cases, %v; want 2", n, err)
	}
	// Cases 3 to 5 live on in the replaced file: their ids are not given again.
	if id, err := s.Create(workflow.NewCase(clk.now(), "Cigna")); err != nil || id != 6 {
		t.Errorf("first id after the restore = %d, %v; want 6", id, err)
	}
	s.Close()
	if err := VerifyFile(path); err != nil {
		t.Error(err)
	}
}

func TestCheckReportsEveryFile(t *testing.T) {
	path := realFile(t)
	bs, err := listBackups(path)
	if err != nil || len(bs) != 2 {
		t.Fatalf("backups %v, %v", bs, err)
	}
	if err := os.Truncate(bs[1].Path, 5000); err != nil {
		t.Fatal(err)
	}
	r, err := Check(path, Options{Verify: verifyChild(t)})
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.File.Cases != 12 || r.File.Format != schemaVersion || r.File.Writer != "1.0.0" || r.File.Size == 0 {
		t.Errorf("case file report %+v", r.File)
	}
	if len(r.Backups) != 2 || r.Backups[0].Err != nil || r.Backups[0].Cases != 12 || !errors.Is(r.Backups[1].Err, ErrCorrupt) {
		t.Fatalf("backup reports %+v", r.Backups)
	}
	if msg := r.Backups[1].Err.Error(); !strings.Contains(msg, "the backup "+bs[1].Path+" is damaged") || !strings.Contains(msg, "do not restore from it") {
		t.Errorf("damaged backup reported as %q", msg)
	}
}

func TestSidecarNeverRaisesAFalseAlarm(t *testing.T) {
	clk := newClock()
	path := filepath.Join(t.TempDir(), "cases.db")
	s := open(t, path, clk)
	makeCases(t, s, clk, 2)
	older, _ := os.ReadFile(sidecarPath(path))
	makeCases(t, s, clk, 2)
	s.Close()
	for name, content := range map[string][]byte{
		"older":   older,
		"torn":    older[:30],
		"garbage": bytes.Repeat([]byte{0xff}, len(older)),
	} {
		if err := os.WriteFile(sidecarPath(path), content, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, Options{Now: clk.now})
		if err != nil {
			t.Errorf("%s sidecar: %v", name, err)
			continue
		}
		s.Close()
	}
	os.Remove(sidecarPath(path))
	s = open(t, path, clk)
	s.Close()
	// A case file put in place of another (a different file id) is not
	// compared with the old one's sidecar.
	other := filepath.Join(t.TempDir(), "cases.db")
	open(t, other, clk).Close()
	data, _ := os.ReadFile(other)
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	open(t, path, clk).Close()
}

func TestSidecarFormat(t *testing.T) {
	sc := sidecar{fileID: bytes.Repeat([]byte{0xab}, 16), txid: 1234, size: 65536, lastID: 7,
		clean: true, mtime: 1795914205926350374, inode: 10191585}
	line := sc.encode()
	got, ok := parseSidecar(line)
	if !ok || !bytes.Equal(got.fileID, sc.fileID) || got.txid != sc.txid || got.size != sc.size || got.lastID != sc.lastID ||
		got.clean != sc.clean || got.mtime != sc.mtime || got.inode != sc.inode {
		t.Errorf("parse(encode(%+v)) = %+v, %v", sc, got, ok)
	}
	// The line the format 1 store wrote still counts, as not clean.
	v2 := "overturn-txid 2 abababababababababababababababab 00000000000000001234 00000000000000065536 00000000000000000007"
	v2line := fmt.Appendf(nil, "%s %08x\n", v2, crc32.Checksum([]byte(v2), castagnoli))
	if got, ok := parseSidecar(v2line); !ok || got.txid != 1234 || got.size != 65536 || got.lastID != 7 || got.clean {
		t.Errorf("a layout 2 line parsed as %+v, %v", got, ok)
	}
	for i := range line {
		bad := append([]byte(nil), line...)
		bad[i] ^= 0x04
		if _, ok := parseSidecar(bad); ok {
			t.Errorf("a sidecar with byte %d changed was accepted: %q", i, bad)
		}
		if _, ok := parseSidecar(line[:i]); ok {
			t.Errorf("a sidecar cut to %d bytes was accepted", i)
		}
	}
}

func TestRecordChecksums(t *testing.T) {
	rec := sealRecord(bucketCases, idKey(4), []byte(`{"title":"x"}`))
	if p, err := openRecord(bucketCases, idKey(4), rec); err != nil || string(p) != `{"title":"x"}` {
		t.Errorf("openRecord = %q, %v", p, err)
	}
	for name, bad := range map[string]func() ([]byte, []byte, []byte){
		"other key":    func() ([]byte, []byte, []byte) { return bucketCases, idKey(5), rec },
		"other bucket": func() ([]byte, []byte, []byte) { return bucketSummaries, idKey(4), rec },
		"short":        func() ([]byte, []byte, []byte) { return bucketCases, idKey(4), rec[:3] },
		"flipped":      func() ([]byte, []byte, []byte) { r := bytes.Clone(rec); r[9] ^= 1; return bucketCases, idKey(4), r },
	} {
		if _, err := openRecord(bad()); !errors.Is(err, errChecksum) {
			t.Errorf("%s: %v, want a checksum error", name, err)
		}
	}
}

// crashRounds is how many times TestCrash kills the writer.
var crashRounds = flag.Int("crash-rounds", 200, "rounds of TestCrash")

func TestCrash(t *testing.T) {
	clk := newClock()
	path := filepath.Join(t.TempDir(), "cases.db")
	s := open(t, path, clk)
	for id := uint64(1); id <= crashCases; id++ {
		if _, err := s.Create(crashCase(id, 0, clk.now())); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	want := map[uint64]int{}
	rng := rand.New(rand.NewPCG(7, uint64(time.Now().UnixNano())))
	saves := 0
	for round := range *crashRounds {
		cmd := exec.Command(testBinary(t), "__crash-writer", path)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Half the rounds kill at any moment, opening included; the
		// others once the writer is saving.
		if round%2 == 1 {
			if l := <-lines; l != "ready" {
				t.Fatalf("round %d: writer said %q: %s", round, l, stderr.String())
			}
		}
		timer := time.After(time.Duration(rng.IntN(15000)) * time.Microsecond)
	wait:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("round %d: the writer stopped: %s", round, stderr.String())
				}
				saves += noteSave(t, want, l)
			case <-timer:
				break wait
			}
		}
		cmd.Process.Kill()
		for l := range lines {
			saves += noteSave(t, want, l)
		}
		cmd.Wait()

		if err := VerifyFile(path); err != nil {
			t.Fatalf("round %d: after the kill: %v", round, err)
		}
		s, err := Open(path, Options{Now: clk.now})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
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
			// The save in flight when the writer died may have committed.
			if v != want[id] && v != want[id]+1 {
				t.Fatalf("round %d: case %d is at version %d, but version %d was reported saved", round, id, v, want[id])
			}
			want[id] = v
		}
		s.Close()
	}
	t.Logf("%d rounds, %d reported saves", *crashRounds, saves)
}

// noteSave notes a "saved ID VERSION" line of the crash writer.
func noteSave(t *testing.T, want map[uint64]int, line string) int {
	t.Helper()
	var id uint64
	var v int
	if line == "ready" {
		return 0
	}
	if _, err := fmt.Sscanf(line, "saved %d %d", &id, &v); err != nil {
		t.Fatalf("writer said %q", line)
	}
	want[id] = v
	return 1
}
