package workflow

import (
	"testing"
	"time"
)

func dlDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil || d.IsZero() {
		t.Fatalf("bad test date %q: %v", s, err)
	}
	return d
}

func TestFederalHolidaysKnownYears(t *testing.T) {
	// Checked against the OPM federal holiday calendars (the dates, not the
	// observed days).
	known := map[int][]string{
		2024: {"2024-01-01", "2024-01-15", "2024-02-19", "2024-05-27", "2024-06-19", "2024-07-04", "2024-09-02", "2024-10-14", "2024-11-11", "2024-11-28", "2024-12-25"},
		2025: {"2025-01-01", "2025-01-20", "2025-02-17", "2025-05-26", "2025-06-19", "2025-07-04", "2025-09-01", "2025-10-13", "2025-11-11", "2025-11-27", "2025-12-25"},
		2026: {"2026-01-01", "2026-01-19", "2026-02-16", "2026-05-25", "2026-06-19", "2026-07-04", "2026-09-07", "2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"},
		2027: {"2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-19", "2027-07-04", "2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-25"},
		2028: {"2028-01-01", "2028-01-17", "2028-02-21", "2028-05-29", "2028-06-19", "2028-07-04", "2028-09-04", "2028-10-09", "2028-11-11", "2028-11-23", "2028-12-25"},
		2030: {"2030-01-01", "2030-01-21", "2030-02-18", "2030-05-27", "2030-06-19", "2030-07-04", "2030-09-02", "2030-10-14", "2030-11-11", "2030-11-28", "2030-12-25"},
	}
	for year, want := range known {
		got := FederalHolidays(year)
		if len(got) != len(want) {
			t.Errorf("FederalHolidays(%d) = %v, want %v", year, got, want)
			continue
		}
		for i := range want {
			if got[i].String() != want[i] {
				t.Errorf("FederalHolidays(%d)[%d] = %s, want %s", year, i, got[i], want[i])
			}
			if !IsFederalHoliday(got[i]) {
				t.Errorf("IsFederalHoliday(%s) = false", got[i])
			}
		}
	}
}

func TestIsFederalHoliday(t *testing.T) {
	tests := []struct {
		date string
		want bool
		why  string
	}{
		{"2026-11-26", true, "Thanksgiving 2026"},
		{"2027-01-18", true, "Martin Luther King Jr.'s Birthday 2027"},
		{"2026-05-25", true, "Memorial Day 2026"},
		{"2026-07-04", true, "Independence Day on a Saturday is still the holiday"},
		{"2026-07-03", false, "the Friday observed for a Saturday Independence Day is no holiday"},
		{"2027-07-05", false, "the Monday observed for a Sunday Independence Day is no holiday"},
		{"2021-12-31", false, "the Friday observed for a Saturday New Year's Day is no holiday"},
		{"2027-06-18", false, "the Friday observed for a Saturday Juneteenth is no holiday"},
		{"2026-11-27", false, "the day after Thanksgiving"},
		{"2029-01-20", false, "Inauguration Day is not in 6103(a)"},
		{"2026-12-24", false, "Christmas Eve"},
		{"2026-12-31", false, "New Year's Eve"},
		{"2026-05-18", false, "a Monday in May that is not the last"},
		{"2026-01-12", false, "second Monday of January"},
		{"2026-01-26", false, "fourth Monday of January"},
		{"2026-11-19", false, "third Thursday of November"},
		{"2026-10-05", false, "first Monday of October"},
		{"2026-09-14", false, "second Monday of September"},
		{"2021-06-19", true, "first Juneteenth as a federal holiday"},
		{"2020-06-19", false, "Juneteenth became a federal holiday in 2021"},
		{"1985-01-21", false, "Martin Luther King Jr.'s Birthday counts from 1986"},
		{"1986-01-20", true, "first Martin Luther King Jr.'s Birthday"},
	}
	for _, tt := range tests {
		if got := IsFederalHoliday(dlDate(t, tt.date)); got != tt.want {
			t.Errorf("IsFederalHoliday(%s) = %v, want %v (%s)", tt.date, got, tt.want, tt.why)
		}
	}
}

func TestFederalHolidaysEveryYearHasElevenInOrder(t *testing.T) {
	for year := 2021; year <= 2100; year++ {
		days := FederalHolidays(year)
		if len(days) != 11 {
			t.Fatalf("FederalHolidays(%d) has %d days: %v", year, len(days), days)
		}
		for i, d := range days {
			if d.Year() != year || (i > 0 && !days[i-1].Before(d)) {
				t.Fatalf("FederalHolidays(%d) not in order: %v", year, days)
			}
		}
		if w := days[9].Weekday(); w != time.Thursday {
			t.Fatalf("Thanksgiving %s is a %s", days[9], w)
		}
	}
}
