package store

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestBackupsFollowRealDays: the clock runs a year ahead for a week, then
// is put right. Every real day's backup is kept from then on (it was
// deleted right after it was made, the future ones counting as the
// newest); the ones dated in the future are kept and named as such by
// Check, and the advice to restore names the newest real one. Days on
// which nothing changed do not push out the last backups that differ.
func TestBackupsFollowRealDays(t *testing.T) {
	base := time.Now().Add(-40 * 24 * time.Hour).Truncate(time.Hour)
	path := filepath.Join(t.TempDir(), "cases.db")
	day := func(d int, change bool) {
		t.Helper()
		clk := &clock{base.Add(time.Duration(d) * 24 * time.Hour)}
		s := open(t, path, clk)
		if change {
			makeCases(t, s, clk, 1)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	real := func(now time.Time) (dailies []string, future int) {
		t.Helper()
		bs, err := listBackups(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bs {
			switch {
			case !b.Daily:
			case b.Taken.After(now):
				future++
			default:
				dailies = append(dailies, b.Taken.Format("0102"))
			}
		}
		return dailies, future
	}
	for d := range 5 {
		day(d, true)
	}
	for d := 365; d < 372; d++ { // the clock a year ahead
		day(d, true)
	}
	for d := 5; d < 15; d++ {
		day(d, true)
		now := base.Add(time.Duration(d) * 24 * time.Hour)
		got, future := real(now)
		if len(got) == 0 || got[0] != now.Format("0102") {
			t.Fatalf("day %d: the backup just made is not kept: %v", d, got)
		}
		// The week ahead pruned the days before it, as a year old.
		if want := min(d-4, keepDaily); len(got) != want || future != 7 {
			t.Errorf("day %d: %d real backups (%v) and %d in the future; want %d and 7", d, len(got), got, future, want)
		}
	}
	now := base.Add(14 * 24 * time.Hour)
	newest := filepath.Join(backupDir(path), "cases-"+now.Format(stampLayout)+".db")
	if got := newestBackup(path); got != newest {
		t.Errorf("the backup to restore is %s, want %s", got, newest)
	}
	r, err := Check(path, Options{Now: func() time.Time { return now }})
	if err != nil || !r.OK() {
		t.Fatal(r.File.Err, err)
	}
	future := 0
	for _, b := range r.Backups {
		if b.Future {
			future++
			if !strings.Contains(b.Path, "cases-"+base.AddDate(1, 0, 0).Format("2006")) && !strings.Contains(b.Path, "cases-"+base.AddDate(0, 0, 365).Format("2006")) {
				t.Errorf("%s is named as dated in the future", b.Path)
			}
		}
	}
	if future != 7 {
		t.Errorf("Check names %d backups as dated in the future, want 7", future)
	}
	ce := corrupt(path, 0, "a test")
	if !errors.Is(ce, ErrCorrupt) || ce.Backup != newest || !strings.Contains(ce.Error(), newest) {
		t.Errorf("the advice names %s, want %s", ce.Backup, newest)
	}

	// Ten days of opening it without changing anything: one backup of
	// that content stays, beside the six before it that differ.
	before, _ := real(now)
	for d := 15; d < 25; d++ {
		day(d, false)
	}
	after, future := real(base.Add(24 * 24 * time.Hour))
	if want := append([]string{base.Add(24 * 24 * time.Hour).Format("0102")}, before[:6]...); !slices.Equal(after, want) || future != 7 {
		t.Errorf("after ten days without a change the backups are %v (%d in the future), want %v", after, future, want)
	}
}
