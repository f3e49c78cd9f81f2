package deadlineoracle

import (
	"time"

	"github.com/overturn/overturn/workflow"
)

// Holiday returns the name of the legal public holiday that falls on d
// under 5 U.S.C. 6103(a), or "" when d is none. The list is the statute's;
// a Friday or Monday "observed" in place of a weekend holiday (6103(b)) is
// not one of them (see Observed). The list is the statute as it reads since
// 2021, when Juneteenth was added; years before that have no Juneteenth.
func Holiday(d workflow.Date) string {
	y, m, day, wd := d.Year(), d.Month(), d.Day(), d.Weekday()
	nth := (day-1)/7 + 1 // the 1st, 2nd... such weekday of the month
	last := day+7 > daysIn(y, m)
	switch {
	case m == time.January && day == 1:
		return "New Year's Day"
	case m == time.January && wd == time.Monday && nth == 3:
		return "Birthday of Martin Luther King, Jr."
	case m == time.February && wd == time.Monday && nth == 3:
		return "Washington's Birthday"
	case m == time.May && wd == time.Monday && last:
		return "Memorial Day"
	case m == time.June && day == 19 && y >= 2021:
		return "Juneteenth National Independence Day"
	case m == time.July && day == 4:
		return "Independence Day"
	case m == time.September && wd == time.Monday && nth == 1:
		return "Labor Day"
	case m == time.October && wd == time.Monday && nth == 2:
		return "Columbus Day"
	case m == time.November && day == 11:
		return "Veterans Day"
	case m == time.November && wd == time.Thursday && nth == 4:
		return "Thanksgiving Day"
	case m == time.December && day == 25:
		return "Christmas Day"
	}
	return ""
}

// Observed returns the name of the holiday whose "observed" day d is under
// 5 U.S.C. 6103(b) (a Saturday holiday is observed on the Friday before, a
// Sunday holiday on the Monday after), or "" when d is no such day.
func Observed(d workflow.Date) string {
	switch d.Weekday() {
	case time.Friday:
		if n := Holiday(d.AddDays(1)); n != "" {
			return n
		}
	case time.Monday:
		if n := Holiday(d.AddDays(-1)); n != "" {
			return n
		}
	}
	return ""
}

// Closed reports whether d is a Saturday, a Sunday or a 6103(a) holiday.
func Closed(d workflow.Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday || Holiday(d) != ""
}

// daysIn returns the number of days of month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
