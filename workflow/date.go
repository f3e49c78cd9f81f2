package workflow

import (
	"encoding/json"
	"fmt"
	"time"
)

// Date is a calendar date with no time of day and no zone. The zero Date
// means "not known yet".
type Date struct {
	y int
	m time.Month
	d int
}

// NewDate returns the date y-m-d, normalised as time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads a YYYY-MM-DD date. The empty string gives the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date: write it as YYYY-MM-DD, for example 2026-03-14", s)
	}
	return DateOf(t), nil
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.y == 0 && d.m == 0 && d.d == 0 }

// Year, Month and Day return the parts of the date.
func (d Date) Year() int             { return d.y }
func (d Date) Month() time.Month     { return d.m }
func (d Date) Day() int              { return d.d }
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Time returns midnight UTC at the start of the date.
func (d Date) Time() time.Time { return time.Date(d.y, d.m, d.d, 0, 0, 0, 0, time.UTC) }

// AddDays returns the date n days later (earlier when n is negative).
func (d Date) AddDays(n int) Date { return NewDate(d.y, d.m, d.d+n) }

// Before, After and Equal compare two dates.
func (d Date) Before(o Date) bool { return d.Time().Before(o.Time()) }
func (d Date) After(o Date) bool  { return d.Time().After(o.Time()) }
func (d Date) Equal(o Date) bool  { return d == o }

// DaysUntil returns the number of days from d to o (negative when o is earlier).
func (d Date) DaysUntil(o Date) int {
	return int(o.Time().Sub(d.Time()).Hours() / 24)
}

// String returns YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.y, int(d.m), d.d)
}

// Long returns the date as people write it in a letter: "March 14, 2026".
func (d Date) Long() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %d, %d", d.m, d.d, d.y)
}

// MarshalJSON writes "YYYY-MM-DD", or null when unknown.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads "YYYY-MM-DD"; null and "" give the zero Date.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("a date must be a string written YYYY-MM-DD")
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
