package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/workflow"
)

var (
	benchMu    sync.Mutex
	benchFiles = map[int]string{}
)

// benchClock is the clock of every benchmark: the file is built and opened
// on the same day, so opening it takes no daily backup.
func benchClock() *clock { return newClock() }

// benchFile returns a case file of n realistic cases (the full case of
// testdata with its title, claim, step and status varied), built once per
// test binary and removed by TestMain.
func benchFile(b *testing.B, n int) string {
	b.Helper()
	benchMu.Lock()
	defer benchMu.Unlock()
	if p, ok := benchFiles[n]; ok {
		return p
	}
	if benchDir == "" {
		d, err := os.MkdirTemp("", "overturn-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchDir = d
	}
	path := filepath.Join(benchDir, strconv.Itoa(n), "cases.db")
	clk := benchClock()
	s, err := Open(path, Options{Now: clk.now})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	base := fullCase(b)
	statuses := []workflow.Status{workflow.StatusOpen, workflow.StatusOpen, workflow.StatusResolved, workflow.StatusClosed}
	const batch = 1000
	for done := 0; done < n; done += batch {
		cs := make([]*workflow.Case, 0, batch)
		for i := done; i < min(n, done+batch); i++ {
			c := *base
			c.Title = fmt.Sprintf("Claim %d: %s", i, base.Title)
			c.Claim.Number = fmt.Sprintf("E2026%09d", i)
			c.Step = workflow.Step(i%7 + 1)
			c.Status = statuses[i%len(statuses)]
			cs = append(cs, &c)
		}
		if _, err := s.CreateMany(cs); err != nil {
			b.Fatal(err)
		}
	}
	benchFiles[n] = path
	return path
}

// BenchmarkFdatasync is the cost of one fdatasync on the benchmarks' disk,
// to read BenchmarkSave against: bbolt makes two per commit (the data
// pages, then the meta page), which the ordering of a crash-safe commit
// needs.
func BenchmarkFdatasync(b *testing.B) {
	f, err := os.Create(filepath.Join(b.TempDir(), "sync"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	page := make([]byte, 4096)
	for b.Loop() {
		if _, err := f.WriteAt(page, 0); err != nil {
			b.Fatal(err)
		}
		if err := fdatasync(f); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSave saves a full case into a file of 1,000. Budget: 1 ms plus
// the commit's syncs; "nosync" is the same save with bbolt's syncs turned
// off, the store's own cost.
func BenchmarkSave(b *testing.B) {
	path := benchFile(b, 1000)
	for _, noSync := range []bool{false, true} {
		name := "synced"
		if noSync {
			name = "nosync"
		}
		b.Run(name, func(b *testing.B) {
			clk := benchClock()
			s, err := Open(path, Options{Now: clk.now})
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			s.db.NoSync = noSync
			c := fullCase(b)
			i := 0
			for b.Loop() {
				i++
				clk.advance(time.Millisecond)
				c.Resume.Field = strconv.Itoa(i)
				if err := s.Save(uint64(i%1000)+1, c); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseCaseFile is the part of BenchmarkGet that is decoding the
// case-file JSON (casefile.Parse), not the store.
func BenchmarkParseCaseFile(b *testing.B) {
	data, err := casefile.Marshal(fullCase(b))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := casefile.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGet reads a full case from a file of 10,000. Budget: 100 µs.
func BenchmarkGet(b *testing.B) {
	path := benchFile(b, 10000)
	if info, err := os.Stat(path); err == nil {
		b.Logf("file of 10,000 cases: %.1f MB", float64(info.Size())/(1<<20))
	}
	s, err := Open(path, Options{Now: benchClock().now})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	i := 0
	for b.Loop() {
		i++
		if _, err := s.Get(uint64(i*7919%10000) + 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListFirstPage lists the newest 50 of 10,000 cases, and the
// newest 50 open ones. Budget: 2 ms.
func BenchmarkListFirstPage(b *testing.B) {
	s, err := Open(benchFile(b, 10000), Options{Now: benchClock().now})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, q := range []ListQuery{{Limit: 50}, {Status: workflow.StatusOpen, Limit: 50}} {
		b.Run(fmt.Sprintf("status=%q", q.Status), func(b *testing.B) {
			for b.Loop() {
				list, err := s.List(q)
				if err != nil || len(list) != 50 {
					b.Fatal(len(list), err)
				}
			}
		})
	}
}

// BenchmarkOpen opens and closes a file of 100,000 cases (opened before
// on the same day). Budget: 50 ms.
func BenchmarkOpen(b *testing.B) {
	path := benchFile(b, 100000)
	if info, err := os.Stat(path); err == nil {
		b.Logf("file of 100,000 cases: %d MB", info.Size()>>20)
	}
	for b.Loop() {
		s, err := Open(path, Options{Now: benchClock().now})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkOpenChecked opens a file of 1,000 cases the way the program
// does: "full" with the deep check in a child process first (no sidecar:
// as after a crash), "clean" as after a clean close on the same day,
// when the check is skipped.
func BenchmarkOpenChecked(b *testing.B) {
	path := benchFile(b, 1000)
	verify := verifyChild(b)
	for _, clean := range []bool{false, true} {
		name := "full"
		if clean {
			name = "clean"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if !clean {
					os.Remove(sidecarPath(path))
				}
				s, err := Open(path, Options{Now: benchClock().now, Verify: verify})
				if err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
		})
	}
}

// BenchmarkVerifyFile is the deep check (tx.Check and every checksum) of a
// file of 10,000 cases, in process.
func BenchmarkVerifyFile(b *testing.B) {
	path := benchFile(b, 10000)
	for b.Loop() {
		if err := VerifyFile(path); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListAll walks the summaries of all 100,000 cases, checksums
// included, as `overturn list` does. Budget: well under the 300 ms of
// `overturn list`.
func BenchmarkListAll(b *testing.B) {
	s, err := Open(benchFile(b, 100000), Options{Now: benchClock().now})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for b.Loop() {
		n := 0
		if err := s.Walk(ListQuery{}, func(Summary) error { n++; return nil }); err != nil || n != 100000 {
			b.Fatal(n, err)
		}
	}
}

// BenchmarkUpcoming reads the 20 soonest deadlines of 100,000 cases, the
// wizard's deadlines panel. Budget: 1 ms.
func BenchmarkUpcoming(b *testing.B) {
	s, err := Open(benchFile(b, 100000), Options{Now: benchClock().now})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for b.Loop() {
		if list, err := s.Upcoming(20); err != nil || len(list) != 20 {
			b.Fatal(len(list), err)
		}
	}
}
