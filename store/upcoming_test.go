package store

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/overturn/overturn/workflow"
)

// dueCase is a case at the reason step whose denial letter came days
// after 2026-01-05, which moves its appeal deadline by as much.
func dueCase(t testing.TB, title string, days int) *workflow.Case {
	t.Helper()
	c := workflow.NewCase(newClock().now(), "Cigna")
	c.Title = title
	c.Step = workflow.StepReason
	c.Denial.Category = workflow.CategoryMedicalNecessity
	c.Denial.Review = workflow.ReviewPostService
	c.Plan.Type, c.Plan.Funding = workflow.PlanEmployer, workflow.FundingSelf
	c.Denial.LetterDate = workflow.NewDate(2026, 1, 5).AddDays(days)
	c.Denial.Received = c.Denial.LetterDate.AddDays(3)
	return c
}

// wantUpcoming is Upcoming worked out the slow way from List: the cases
// with a next deadline, open or due today or later, by due date, then id.
func wantUpcoming(t testing.TB, s *Store) []Summary {
	t.Helper()
	all, err := s.List(ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	today := workflow.DateOf(s.now())
	all = slices.DeleteFunc(all, func(sum Summary) bool {
		return sum.NextDeadline == nil || sum.Status != workflow.StatusOpen && sum.NextDeadline.Due.Before(today)
	})
	slices.SortFunc(all, func(a, b Summary) int {
		if c := a.NextDeadline.Due.Time().Compare(b.NextDeadline.Due.Time()); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return all
}

func upcoming(t testing.TB, s *Store, limit int) []uint64 {
	t.Helper()
	list, err := s.Upcoming(limit)
	if err != nil {
		t.Fatal(err)
	}
	return ids(list)
}

func TestUpcomingFollowsSavesDeletesAndRestores(t *testing.T) {
	clk := newClock()
	s := open(t, filepath.Join(t.TempDir(), "cases.db"), clk)
	// Ids 1..6; 2 and 5 are due the same day; 4 is closed; 6 has no
	// deadline yet.
	shifts := []int{30, 10, 50, 0, 10}
	for i, d := range shifts {
		c := dueCase(t, "case "+strconv.Itoa(i+1), d)
		if i == 3 {
			c.Status = workflow.StatusClosed
		}
		if _, err := s.Create(c); err != nil {
			t.Fatal(err)
		}
		clk.advance(time.Minute)
	}
	if _, err := s.Create(workflow.NewCase(clk.now(), "Cigna")); err != nil {
		t.Fatal(err)
	}
	check := func(what string, want []uint64) {
		t.Helper()
		got, err := s.Upcoming(0)
		if err != nil {
			t.Fatal(err)
		}
		if !eq(ids(got), want) {
			t.Errorf("%s: Upcoming = %v, want %v", what, ids(got), want)
		}
		slow := wantUpcoming(t, s)
		if !eq(ids(slow), want) {
			t.Errorf("%s: the open cases by deadline are %v, want %v", what, ids(slow), want)
		}
		// The deadline index holds copies of the summaries: they must be
		// the summaries List gives.
		if len(got) == len(slow) && !reflect.DeepEqual(got, slow) {
			t.Errorf("%s: Upcoming's summaries\n%+v\ndiffer from List's\n%+v", what, got, slow)
		}
	}
	check("created", []uint64{2, 5, 1, 3})
	if got := upcoming(t, s, 2); !eq(got, []uint64{2, 5}) {
		t.Errorf("Upcoming(2) = %v", got)
	}
	list, err := s.Upcoming(1)
	if err != nil || len(list) != 1 || list[0].Title != "case 2" || list[0].NextDeadline == nil {
		t.Fatalf("Upcoming(1) = %+v, %v", list, err)
	}

	// Moving case 3's letter earlier moves it to the front.
	c, err := s.Get(3)
	if err != nil {
		t.Fatal(err)
	}
	c.Title = "case 3, renamed"
	c.Denial.LetterDate = c.Denial.LetterDate.AddDays(-60)
	c.Denial.Received = c.Denial.Received.AddDays(-60)
	if err := s.Save(3, c); err != nil {
		t.Fatal(err)
	}
	check("case 3 saved earlier", []uint64{3, 2, 5, 1})
	// Resolving case 2 takes it out; reopening the closed case 4 puts it in.
	c, _ = s.Get(2)
	c.Status = workflow.StatusResolved
	if err := s.Save(2, c); err != nil {
		t.Fatal(err)
	}
	c, _ = s.Get(4)
	c.Status = workflow.StatusOpen
	if err := s.Save(4, c); err != nil {
		t.Fatal(err)
	}
	check("2 resolved, 4 reopened", []uint64{3, 4, 5, 1})
	if err := s.Delete(5); err != nil {
		t.Fatal(err)
	}
	check("5 deleted", []uint64{3, 4, 1})
	if err := s.Undelete(5); err != nil {
		t.Fatal(err)
	}
	check("5 restored", []uint64{3, 4, 5, 1})
	s.Close()
	if err := VerifyFile(s.Path()); err != nil {
		t.Errorf("the file does not verify: %v", err)
	}
}

func TestUpcomingReadsOnlyWhatItReturns(t *testing.T) {
	clk := newClock()
	s := open(t, filepath.Join(t.TempDir(), "cases.db"), clk)
	var cs []*workflow.Case
	for i := range 50 {
		cs = append(cs, dueCase(t, "case "+strconv.Itoa(i+1), -i))
	}
	if _, err := s.CreateMany(cs); err != nil {
		t.Fatal(err)
	}
	// Damage the deadline entry of case 1, due last: Upcoming(3) never
	// reads it, a full list does and names it.
	err := s.db.Update(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket(bucketDue).Cursor().Last()
		if dueID(k) != 1 {
			t.Fatalf("the last deadline entry is case %d's, want case 1's", dueID(k))
		}
		return tx.Bucket(bucketDue).Put(k, []byte("damaged"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := upcoming(t, s, 3); !eq(got, []uint64{50, 49, 48}) {
		t.Errorf("Upcoming(3) = %v", got)
	}
	_, err = s.Upcoming(0)
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Case != 1 {
		t.Errorf("Upcoming(0) over a damaged entry = %v, want case 1 damaged", err)
	}
}

func TestMigrationFromFormat1(t *testing.T) {
	// testdata/format1.db was written by the format 1 store: cases 1-4, the
	// full case titled "format 1 case A".."D", C closed, D deleted.
	orig, err := os.ReadFile(filepath.Join("testdata", "format1.db"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "cases.db")
	if err := os.WriteFile(path, orig, 0o600); err != nil {
		t.Fatal(err)
	}
	clk := newClock()
	clk.advance(48 * time.Hour)
	s := open(t, path, clk)
	list, err := s.List(ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if !eq(ids(list), []uint64{3, 2, 1}) {
		t.Fatalf("List after migration = %v, want 3 2 1", ids(list))
	}
	made := newClock().now()
	full := fullCase(t)
	for i, sum := range list {
		n := 2 - i
		want := workflow.StatusOpen
		if n == 2 {
			want = workflow.StatusClosed
		}
		if sum.Title != "format 1 case "+string(rune('A'+n)) || sum.Claim != full.Claim.Number || sum.Step != full.Step ||
			sum.Status != want || !sum.Updated.Equal(made.Add(time.Duration(n)*time.Minute)) || (sum.NextDeadline == nil) != (n == 2) {
			t.Errorf("summary of case %d after migration: %+v", sum.ID, sum)
		}
	}
	if got := upcoming(t, s, 0); !eq(got, []uint64{1, 2}) {
		t.Errorf("Upcoming after migration = %v, want 1 2 (3 is closed, 4 deleted)", got)
	}
	if err := s.Undelete(4); err != nil {
		t.Fatal(err)
	}
	if got := upcoming(t, s, 0); !eq(got, []uint64{1, 2, 4}) {
		t.Errorf("Upcoming after restoring case 4 = %v", got)
	}
	checkCount(t, s, "after migrating from format 1 and restoring case 4")
	if c, err := s.Get(1); err != nil || c.Title != "format 1 case A" {
		t.Errorf("Get(1) after migration = %v", err)
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
	if len(saved) < 3*4096 || !bytes.Equal(saved[2*4096:], orig[2*4096:len(saved)]) {
		t.Error("the backup taken before migration is not a copy of the format 1 file")
	}
	if err := VerifyFile(before); err != nil {
		t.Errorf("the format 1 backup does not verify: %v", err)
	}
}

func TestSummaryEncoding(t *testing.T) {
	due := time.Date(2026, 5, 1, 23, 59, 0, 0, time.FixedZone("", -7*3600))
	sums := []Summary{
		{ID: 9, Title: "Ünïcode \x1b title", Claim: "E1", Step: 3, Status: workflow.StatusOpen, Terms: "dana reyes\nco-50\n",
			Updated:      time.Date(2026, 4, 3, 9, 30, 0, 123, time.UTC),
			NextDeadline: &DeadlineSummary{Kind: workflow.DeadlineInternalAppeal, Title: "Send", Due: workflow.NewDate(2026, 9, 30), DueTime: due}},
		{ID: 1, Step: 1, Status: workflow.StatusClosed},
	}
	for _, sum := range sums {
		p := encodeSummary(sum)
		got, err := decodeSummary(sum.ID, p)
		if err != nil {
			t.Fatalf("decode(encode(%+v)): %v", sum, err)
		}
		if caseJSONAny(t, got) != caseJSONAny(t, sum) || !got.Updated.Equal(sum.Updated) || got.Terms != sum.Terms {
			t.Errorf("decode(encode(x)) = %+v, want %+v", got, sum)
		}
		if sum.NextDeadline != nil && got.NextDeadline.DueTime.Format(time.RFC3339) != due.Format(time.RFC3339) {
			t.Errorf("due time %s, want %s", got.NextDeadline.DueTime.Format(time.RFC3339), due.Format(time.RFC3339))
		}
		for i := range p {
			if _, err := decodeSummary(sum.ID, p[:i]); err == nil {
				t.Errorf("a summary cut to %d bytes decoded", i)
			}
		}
		if _, err := decodeSummary(sum.ID, append(p, 0)); err == nil {
			t.Error("a summary with a byte too many decoded")
		}
	}
	if _, err := decodeSummary(1, []byte(`{"id":1}`)); err == nil {
		t.Error("a JSON summary decoded as binary")
	}
}

// upheldCase is a case closed after its level 1 appeal was upheld, the
// decision received on received: its external review deadline runs four
// months from then.
func upheldCase(t testing.TB, title string, received workflow.Date) *workflow.Case {
	t.Helper()
	c := dueCase(t, title, 0)
	c.Status = workflow.StatusClosed
	c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: received.AddDays(-30),
		Decision: workflow.DecisionUpheld, DecisionReceived: received}}
	return c
}

// TestUpcomingKeepsRunningExternalReviews: a case closed after its appeal
// was upheld stays in Upcoming while its external review deadline runs,
// and leaves it once that has passed; reopened, it is an open case again,
// listed once. A file of format 4, whose index had open cases only, gets
// them at its upgrade.
func TestUpcomingKeepsRunningExternalReviews(t *testing.T) {
	clk := newClock() // April 3, 2026
	dir := t.TempDir()
	path := filepath.Join(dir, "cases.db")
	s := open(t, path, clk)
	for _, c := range []*workflow.Case{
		dueCase(t, "open", 10),
		upheldCase(t, "closed, external review running", workflow.NewDate(2026, 3, 20)),
		upheldCase(t, "closed, external review passed", workflow.NewDate(2025, 6, 2)),
	} {
		if _, err := s.Create(c); err != nil {
			t.Fatal(err)
		}
	}
	check := func(what string, want []uint64) {
		t.Helper()
		got, err := s.Upcoming(0)
		if err != nil {
			t.Fatal(err)
		}
		slow := wantUpcoming(t, s)
		if !eq(ids(got), want) || !eq(ids(slow), want) {
			t.Errorf("%s: Upcoming = %v, worked out from List %v, want %v", what, ids(got), ids(slow), want)
		}
		if len(got) == len(slow) && !reflect.DeepEqual(got, slow) {
			t.Errorf("%s: Upcoming's summaries\n%+v\ndiffer from List's\n%+v", what, got, slow)
		}
	}
	list, err := s.Upcoming(0)
	if err != nil || len(list) != 2 || list[1].ID != 2 || list[1].NextDeadline.Kind != workflow.DeadlineExternalReview {
		t.Fatalf("Upcoming = %+v, %v: want the open case, then the external review of case 2", list, err)
	}
	check("created", []uint64{1, 2})
	if got := upcoming(t, s, 1); !eq(got, []uint64{1}) {
		t.Errorf("Upcoming(1) = %v", got)
	}
	c, err := s.Get(3)
	if err != nil {
		t.Fatal(err)
	}
	c.Status = workflow.StatusOpen
	if err := s.Save(3, c); err != nil {
		t.Fatal(err)
	}
	check("3 reopened: its passed deadline is late", []uint64{3, 1, 2})
	c.Status = workflow.StatusClosed
	if err := s.Save(3, c); err != nil {
		t.Fatal(err)
	}
	check("3 closed again", []uint64{1, 2})
	if err := s.Delete(2); err != nil {
		t.Fatal(err)
	}
	check("2 deleted", []uint64{1})
	if err := s.Undelete(2); err != nil {
		t.Fatal(err)
	}
	check("2 restored", []uint64{1, 2})
	clk.t = time.Date(2026, 7, 25, 9, 0, 0, 0, time.Local)
	check("after case 2's external review deadline", []uint64{1})
	clk.t = newClock().t

	// Back to format 4: the closed cases leave the index.
	s.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		var settled [][]byte
		if err := tx.Bucket(bucketDue).ForEach(func(k, _ []byte) error {
			if k[0] == settledPrefix {
				settled = append(settled, append([]byte(nil), k...))
			}
			return nil
		}); err != nil {
			return err
		}
		if len(settled) != 2 {
			return fmt.Errorf("%d entries of cases not open in the index, want 2 (cases 2 and 3)", len(settled))
		}
		for _, k := range settled {
			if err := tx.Bucket(bucketDue).Delete(k); err != nil {
				return err
			}
		}
		return putRecord(tx.Bucket(bucketMeta), bucketMeta, keySchema, []byte("4"))
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	s = open(t, path, clk)
	check("upgraded from format 4", []uint64{1, 2})
	s.Close()
	if err := VerifyFile(path); err != nil {
		t.Errorf("the upgraded file does not verify: %v", err)
	}
}
