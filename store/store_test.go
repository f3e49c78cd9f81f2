package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/workflow"
)

// clock is a settable test clock.
type clock struct{ t time.Time }

func newClock() *clock { return &clock{time.Date(2026, 4, 3, 9, 30, 0, 0, time.Local)} }

func (c *clock) now() time.Time { return c.t }

func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// fullCase reads the realistic case in testdata.
func fullCase(t testing.TB) *workflow.Case {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "case-full.json"))
	if err != nil {
		t.Fatal(err)
	}
	c, err := casefile.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func open(t testing.TB, path string, clk *clock) *Store {
	t.Helper()
	s, err := Open(path, Options{Now: clk.now, Version: "1.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func caseJSON(t testing.TB, c *workflow.Case) string {
	t.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRoundTripOfAFullCase(t *testing.T) {
	clk := newClock()
	path := filepath.Join(t.TempDir(), "overturn", "cases.db")
	s := open(t, path, clk)
	c := fullCase(t)
	before := caseJSON(t, c)
	id, err := s.Create(c)
	if err != nil {
		t.Fatal(err)
	}
	if id != 1 {
		t.Errorf("first id = %d, want 1", id)
	}
	if caseJSON(t, c) != before {
		t.Error("Create changed the caller's case")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = open(t, path, clk)
	got, err := s.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	want := *c
	want.Updated = clk.now()
	if g, w := caseJSON(t, got), caseJSON(t, &want); g != w {
		t.Errorf("case after reopening differs:\n got %s\nwant %s", g, w)
	}
	if !got.Created.Equal(c.Created) {
		t.Errorf("Created = %v, want the case's own %v", got.Created, c.Created)
	}
	list, err := s.List(ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	wantSum := Summary{ID: 1, Title: c.Title, Claim: "E2026031400871", Step: workflow.StepTrack, Status: workflow.StatusOpen}
	// The level 1 appeal is pending: the next deadline is Cigna's decision.
	d, ok := workflow.NextDeadline(c, clk.now())
	if !ok || d.Kind != workflow.DeadlinePlanDecision {
		t.Fatalf("test case: next deadline %+v, %v; want the plan's decision", d, ok)
	}
	wantSum.NextDeadline = &DeadlineSummary{Kind: d.Kind, Title: d.Title, Due: d.Due, DueTime: d.DueTime}
	if len(list) != 1 {
		t.Fatalf("List = %+v, want one case", list)
	}
	gotSum := list[0]
	if !gotSum.Updated.Equal(clk.now()) {
		t.Errorf("summary Updated = %v, want %v", gotSum.Updated, clk.now())
	}
	gotSum.Updated = time.Time{}
	if g, w := caseJSONAny(t, gotSum), caseJSONAny(t, wantSum); g != w {
		t.Errorf("summary = %s, want %s", g, w)
	}
	if _, err := s.Get(2); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get(2) = %v, want ErrNotFound", err)
	}
	if err := s.Save(2, c); !errors.Is(err, ErrNotFound) {
		t.Errorf("Save(2) = %v, want ErrNotFound", err)
	}
}

// TestSummaryDeadlineIsTheCasesNext: the list's deadline is the case's
// next one, a date that does not move with the day it was saved.
func TestSummaryDeadlineIsTheCasesNext(t *testing.T) {
	clk := newClock()
	s := open(t, filepath.Join(t.TempDir(), "cases.db"), clk)
	c := workflow.NewCase(clk.now(), "Cigna")
	c.Step = workflow.StepReason
	c.Denial.Category = workflow.CategoryMedicalNecessity
	c.Denial.Review = workflow.ReviewPreService
	c.Denial.Received = workflow.DateOf(clk.now()).AddDays(-3)
	c.Denial.LetterDate = workflow.DateOf(clk.now()).AddDays(-6)
	c.Plan.Type, c.Plan.Funding = workflow.PlanEmployer, workflow.FundingSelf
	want, ok := workflow.NextDeadline(c, clk.now())
	if !ok || want.Kind != workflow.DeadlineInternalAppeal {
		t.Fatalf("test case: next deadline %+v", want)
	}
	if _, err := s.Create(c); err != nil {
		t.Fatal(err)
	}
	list, err := s.List(ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if nd := list[0].NextDeadline; nd == nil || nd.Kind != want.Kind || nd.Due != want.Due {
		t.Errorf("summary deadline %+v, want %+v", nd, want)
	}
}

func caseJSONAny(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// makeCases creates n cases titled "case 1".."case n", one minute apart,
// with statuses cycling open, open, resolved.
func makeCases(t testing.TB, s *Store, clk *clock, n int) {
	t.Helper()
	for i := 1; i <= n; i++ {
		c := workflow.NewCase(clk.now(), "Cigna")
		c.Title = "case " + strconv.Itoa(i)
		if i%3 == 0 {
			c.Status = workflow.StatusResolved
		}
		if _, err := s.Create(c); err != nil {
			t.Fatal(err)
		}
		clk.advance(time.Minute)
	}
}

func ids(list []Summary) []uint64 {
	var out []uint64
	for _, s := range list {
		out = append(out, s.ID)
	}
	return out
}

func eq(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestListOrderPagingAndFilter(t *testing.T) {
	clk := newClock()
	s := open(t, filepath.Join(t.TempDir(), "cases.db"), clk)
	makeCases(t, s, clk, 7)
	// Saving case 2 moves it to the top.
	c, err := s.Get(2)
	if err != nil {
		t.Fatal(err)
	}
	c.Step = workflow.StepCall
	if err := s.Save(2, c); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    ListQuery
		want []uint64
	}{
		{ListQuery{}, []uint64{2, 7, 6, 5, 4, 3, 1}},
		{ListQuery{Limit: 3}, []uint64{2, 7, 6}},
		{ListQuery{Offset: 3, Limit: 3}, []uint64{5, 4, 3}},
		{ListQuery{Offset: 6, Limit: 3}, []uint64{1}},
		{ListQuery{Offset: 9}, nil},
		{ListQuery{Status: workflow.StatusResolved}, []uint64{6, 3}},
		{ListQuery{Status: workflow.StatusOpen, Offset: 1, Limit: 2}, []uint64{7, 5}},
		{ListQuery{Status: workflow.StatusClosed}, nil},
	}
	for _, tt := range tests {
		got, err := s.List(tt.q)
		if err != nil {
			t.Fatal(err)
		}
		if !eq(ids(got), tt.want) {
			t.Errorf("List(%+v) = %v, want %v", tt.q, ids(got), tt.want)
		}
	}
	all, _ := s.List(ListQuery{Limit: 1})
	if all[0].Step != workflow.StepCall || all[0].Title != "case 2" {
		t.Errorf("summary of the saved case = %+v", all[0])
	}
	for status, want := range map[workflow.Status]int{"": 7, workflow.StatusOpen: 5, workflow.StatusResolved: 2} {
		if n, err := s.Count(status); err != nil || n != want {
			t.Errorf("Count(%q) = %d, %v; want %d", status, n, err, want)
		}
	}
}

func TestDeleteUndeleteAndTrash(t *testing.T) {
	clk := newClock()
	path := filepath.Join(t.TempDir(), "cases.db")
	s := open(t, path, clk)
	makeCases(t, s, clk, 4)
	if err := s.Delete(2); err != nil {
		t.Fatal(err)
	}
	clk.advance(time.Hour)
	if err := s.Delete(3); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(2); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get of a deleted case = %v, want ErrNotFound", err)
	}
	if err := s.Save(2, workflow.NewCase(clk.now(), "Cigna")); !errors.Is(err, ErrNotFound) {
		t.Errorf("Save of a deleted case = %v, want ErrNotFound", err)
	}
	if err := s.Delete(2); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice = %v, want ErrNotFound", err)
	}
	if list, _ := s.List(ListQuery{}); !eq(ids(list), []uint64{4, 1}) {
		t.Errorf("List after deleting 2 and 3 = %v", ids(list))
	}
	trash, err := s.Trash()
	if err != nil {
		t.Fatal(err)
	}
	if !eq(ids(trash), []uint64{3, 2}) || !trash[0].Deleted.Equal(clk.now()) {
		t.Errorf("Trash = %+v, want 3 then 2, 3 deleted now", trash)
	}
	if err := s.Undelete(2); err != nil {
		t.Fatal(err)
	}
	if err := s.Undelete(2); !errors.Is(err, ErrNotFound) {
		t.Errorf("undeleting a live case = %v, want ErrNotFound", err)
	}
	if list, _ := s.List(ListQuery{}); !eq(ids(list), []uint64{4, 2, 1}) {
		t.Errorf("List after undeleting 2 = %v, want it back in its place", ids(list))
	}
	if c, err := s.Get(2); err != nil || c.Title != "case 2" {
		t.Errorf("Get(2) after undelete = %v, %v", c, err)
	}
	s.Close()

	// 29 days later case 3 is still in the trash; 31 days later it is gone
	// for good, and its id is not given again.
	clk.advance(29 * 24 * time.Hour)
	s = open(t, path, clk)
	if trash, _ := s.Trash(); !eq(ids(trash), []uint64{3}) {
		t.Errorf("trash after 29 days = %v, want [3]", ids(trash))
	}
	s.Close()
	clk.advance(2 * 24 * time.Hour)
	s = open(t, path, clk)
	if trash, _ := s.Trash(); len(trash) != 0 {
		t.Errorf("trash after 31 days = %v, want empty", ids(trash))
	}
	if err := s.Undelete(3); !errors.Is(err, ErrNotFound) {
		t.Errorf("undeleting a purged case = %v, want ErrNotFound", err)
	}
	id, err := s.Create(workflow.NewCase(clk.now(), "Cigna"))
	if err != nil || id != 5 {
		t.Errorf("Create after purge = %d, %v; want 5 (ids are never reused)", id, err)
	}
}

func TestMigrationFromVersion0(t *testing.T) {
	clk := newClock()
	dir := t.TempDir()
	path := filepath.Join(dir, "cases.db")
	// A hand-written format 0 file: one cases bucket of bare JSON.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	full := fullCase(t)
	old := workflow.NewCase(time.Date(2025, 1, 5, 10, 0, 0, 0, time.UTC), "Cigna")
	old.Title = "old case"
	err = db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("cases"))
		if err != nil {
			return err
		}
		for id, c := range map[uint64]*workflow.Case{1: old, 5: full} {
			data, err := json.Marshal(c)
			if err != nil {
				return err
			}
			if err := b.Put(idKey(id), data); err != nil {
				return err
			}
		}
		return b.SetSequence(5)
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	original, _ := os.ReadFile(path)

	s := open(t, path, clk)
	got, err := s.Get(5)
	if err != nil {
		t.Fatal(err)
	}
	if caseJSON(t, got) != caseJSON(t, full) {
		t.Errorf("migrated case 5 differs:\n got %s\nwant %s", caseJSON(t, got), caseJSON(t, full))
	}
	list, err := s.List(ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if !eq(ids(list), []uint64{5, 1}) || list[0].Claim != "E2026031400871" {
		t.Errorf("List after migration = %+v", list)
	}
	if id, err := s.Create(workflow.NewCase(clk.now(), "Cigna")); err != nil || id != 6 {
		t.Errorf("Create after migration = %d, %v; want 6", id, err)
	}
	s.Close()
	if err := VerifyFile(path); err != nil {
		t.Errorf("migrated file does not verify: %v", err)
	}
	before := filepath.Join(dir, "backups", "cases-"+clk.now().Format(stampLayout)+"-before-format-"+strconv.Itoa(schemaVersion)+".db")
	saved, err := os.ReadFile(before)
	if err != nil {
		t.Fatalf("no backup before migration: %v", err)
	}
	// tx.WriteTo rewrites the meta pages and stops at the last page used;
	// the data pages are the original's.
	if len(saved) < 3*4096 || len(saved) > len(original) || !bytes.Equal(saved[2*4096:], original[2*4096:len(saved)]) {
		t.Error("the backup taken before migration is not a copy of the format 0 file")
	}
}

func TestNewerVersionIsRefusedAndNotTouched(t *testing.T) {
	clk := newClock()
	path := filepath.Join(t.TempDir(), "cases.db")
	s := open(t, path, clk)
	makeCases(t, s, clk, 2)
	s.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if err := putRecord(m, bucketMeta, keySchema, []byte("7")); err != nil {
			return err
		}
		// Format 7 stores records differently: no checksum this Overturn knows.
		if err := tx.Bucket(bucketCases).Put(idKey(99), []byte(`{"v7":true}`)); err != nil {
			return err
		}
		return putRecord(m, bucketMeta, keyWriter, []byte("3.2.0"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	clk.advance(48 * time.Hour)
	_, err = Open(path, Options{Now: clk.now, Version: "1.0.0", Verify: verifyChild(t)})
	if !errors.Is(err, ErrNewerVersion) {
		t.Fatalf("Open = %v, want ErrNewerVersion", err)
	}
	for _, want := range []string{path, "Overturn 3.2.0", "this Overturn (1.0.0)", "file format 7", "was not changed"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q does not mention %q", err, want)
		}
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the newer file was changed")
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("OVERTURN_DB", "")
	t.Setenv("XDG_DATA_HOME", "/x/data")
	if p, err := DefaultPath(); err != nil || p != "/x/data/overturn/cases.db" {
		t.Errorf("with XDG_DATA_HOME: %q, %v", p, err)
	}
	t.Setenv("XDG_DATA_HOME", "")
	t.Setenv("HOME", "/home/dana")
	if p, err := DefaultPath(); err != nil || p != "/home/dana/.local/share/overturn/cases.db" {
		t.Errorf("without XDG_DATA_HOME: %q, %v", p, err)
	}
	t.Setenv("OVERTURN_DB", "/y/my.db")
	if p, err := DefaultPath(); err != nil || p != "/y/my.db" {
		t.Errorf("with OVERTURN_DB: %q, %v", p, err)
	}
}

func TestDailyBackupsKeepTheLastSeven(t *testing.T) {
	clk := newClock()
	dir := t.TempDir()
	path := filepath.Join(dir, "cases.db")
	for range 10 {
		for range 2 { // the second open of a day takes no backup
			s := open(t, path, clk)
			if _, err := s.Create(workflow.NewCase(clk.now(), "Cigna")); err != nil {
				t.Fatal(err)
			}
			s.Close()
			clk.advance(time.Hour)
		}
		clk.advance(22 * time.Hour)
	}
	bs, err := listBackups(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != keepDaily {
		t.Fatalf("%d backups, want %d: %v", len(bs), keepDaily, bs)
	}
	for i, b := range bs {
		want := newClock().t.AddDate(0, 0, 9-i)
		if b.Taken.Format("20060102-15") != want.Format("20060102-15") || !b.Daily {
			t.Errorf("backup %d taken %v, want the first open of %v", i, b.Taken, want)
		}
		// Each day's backup holds the cases of the days before it.
		r := checkOne(b.Path, Options{})
		if r.Err != nil || r.Cases != 2*(9-i) {
			t.Errorf("backup %s: %d cases, %v; want %d", b.Path, r.Cases, r.Err, 2*(9-i))
		}
	}
}

func TestBackupDoesNotBlockSaving(t *testing.T) {
	clk := newClock()
	dir := t.TempDir()
	s := open(t, filepath.Join(dir, "cases.db"), clk)
	for range 30 {
		if _, err := s.Create(fullCase(t)); err != nil {
			t.Fatal(err)
		}
	}
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		_, err := s.Backup(pw)
		pw.Close()
		done <- err
	}()
	// Once the backup's first byte arrives its copy has been taken; the
	// rest of the pipe is not read yet, so the backup is stuck writing (a
	// pipe holds 64 KiB, the file is larger). Saving goes on.
	first := make([]byte, 1)
	if _, err := io.ReadFull(pr, first); err != nil {
		t.Fatal(err)
	}
	saved := make(chan error)
	go func() {
		c := workflow.NewCase(clk.now(), "Cigna")
		c.Title = "saved during the backup"
		_, err := s.Create(c)
		saved <- err
	}()
	select {
	case err := <-saved:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("saving waited for the backup")
	}
	buf := bytes.NewBuffer(first)
	if _, err := buf.ReadFrom(pr); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(dir, "copy.db")
	if err := os.WriteFile(copyPath, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	r := checkOne(copyPath, Options{})
	if r.Err != nil || r.Cases != 30 {
		t.Errorf("backup: %d cases, %v; want the 30 cases from before the save", r.Cases, r.Err)
	}
}

func TestAMissingCaseFileIsStartedAgainWithAWarning(t *testing.T) {
	clk := newClock()
	dir := t.TempDir()
	path := filepath.Join(dir, "cases.db")
	s := open(t, path, clk)
	makeCases(t, s, clk, 1)
	s.Close()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	s = open(t, path, clk)
	if n, _ := s.Count(""); n != 0 {
		t.Errorf("new file holds %d cases", n)
	}
	if w := strings.Join(s.Warnings(), "\n"); !strings.Contains(w, "no case file at "+path) || !strings.Contains(w, filepath.Join(dir, "backups")) {
		t.Errorf("warnings %q", w)
	}
	if _, err := Open(dir, Options{}); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("opening a directory: %v", err)
	}
}

func TestVerifyInChildTurnsACrashIntoCorrupt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cases.db")
	for name, argv := range map[string][]string{
		"killed by a signal": {"sh", "-c", "kill -SEGV $$", "sh"},
		"a Go fault":         {"sh", "-c", "echo 'unexpected fault address 0x7f' >&2; exit 2", "sh"},
	} {
		err := VerifyInChild(argv)(path)
		if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "crashed the check") {
			t.Errorf("%s: %v", name, err)
		}
	}
	err := VerifyInChild([]string{"sh", "-c", "echo 'case 12: its cases record: bad' >&2; exit 1", "sh"})(path)
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Case != 12 || ce.Problem != "its cases record: bad" {
		t.Errorf("a damaged case reported by the child: %#v", err)
	}
	if err := VerifyInChild([]string{"sh", "-c", "exit 4", "sh"})(path); err != nil {
		t.Errorf("a newer file is left to Open to refuse: %v", err)
	}
	if err := VerifyInChild([]string{"/nonexistent/overturn"})(path); err == nil || errors.Is(err, ErrCorrupt) {
		t.Errorf("a check that cannot start: %v", err)
	}
}

// TestFileIDNamesTheFile: a case file keeps its identity when it is opened
// again, read beside the wizard, backed up and restored; another file has
// another one. Calendar events carry it, so that case 1 of one file never
// updates the events of case 1 of another.
func TestFileIDNamesTheFile(t *testing.T) {
	dir := t.TempDir()
	clk := newClock()
	path := filepath.Join(dir, "cases.db")
	s := open(t, path, clk)
	id := s.FileID()
	if len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" {
		t.Fatalf("FileID %q, want 32 hexadecimal digits", id)
	}
	var backup bytes.Buffer
	if _, err := s.Backup(&backup); err != nil {
		t.Fatal(err)
	}
	reader, err := OpenReading(path, Options{Now: clk.now, Version: "1.0.0"})
	if err != nil {
		t.Fatal(err)
	}
	if !reader.InUse() || reader.FileID() != id {
		t.Errorf("a copy read beside the open file: in use %v, FileID %q, want %q", reader.InUse(), reader.FileID(), id)
	}
	reader.Close()
	s.Close()
	if again := open(t, path, clk).FileID(); again != id {
		t.Errorf("opened again: FileID %q, want %q", again, id)
	}
	saved := filepath.Join(dir, "saved.db")
	if err := os.WriteFile(saved, backup.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if restored := open(t, saved, clk).FileID(); restored != id {
		t.Errorf("its backup: FileID %q, want %q", restored, id)
	}
	if other := open(t, filepath.Join(dir, "other.db"), clk).FileID(); other == id {
		t.Errorf("another case file has the same FileID %q", other)
	}
}
