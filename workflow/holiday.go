package workflow

import "time"

// IsFederalHoliday reports whether d is one of the federal holidays, the
// days 5 U.S.C. 6103(a) lists, and only those:
//
//	New Year's Day                        January 1
//	Birthday of Martin Luther King, Jr.   third Monday in January
//	Washington's Birthday                 third Monday in February
//	Memorial Day                          last Monday in May
//	Juneteenth National Independence Day  June 19
//	Independence Day                      July 4
//	Labor Day                             first Monday in September
//	Columbus Day                          second Monday in October
//	Veterans Day                          November 11
//	Thanksgiving Day                      fourth Thursday in November
//	Christmas Day                         December 25
//
// The Friday or Monday observed in place of a holiday that falls on a
// weekend (6103(b)) is a rule of federal pay and leave, not a holiday: it
// never extends anyone's deadline. Inauguration Day (6103(c)) is not in the
// list either. The list is today's, applied to every year, except that the
// two holidays added since the Monday-holiday law of 1971 count from the year
// they were added: Martin Luther King Jr.'s Birthday from 1986 and Juneteenth
// from 2021.
func IsFederalHoliday(d Date) bool { return federalHolidayName(d) != "" }

// FederalHolidays returns the federal holidays of year in date order.
func FederalHolidays(year int) []Date {
	days := make([]Date, 0, 11)
	for m := time.January; m <= time.December; m++ {
		for d := NewDate(year, m, 1); d.Month() == m; d = d.AddDays(1) {
			if IsFederalHoliday(d) {
				days = append(days, d)
			}
		}
	}
	return days
}

// federalHolidayName returns the name 5 U.S.C. 6103(a) gives the holiday on d, or
// "" when d is not one.
func federalHolidayName(d Date) string {
	day := d.Day()
	monday := d.Weekday() == time.Monday
	switch d.Month() {
	case time.January:
		if day == 1 {
			return "New Year's Day"
		}
		if monday && day >= 15 && day <= 21 && d.Year() >= 1986 {
			return "Birthday of Martin Luther King, Jr."
		}
	case time.February:
		if monday && day >= 15 && day <= 21 {
			return "Washington's Birthday"
		}
	case time.May:
		if monday && day >= 25 {
			return "Memorial Day"
		}
	case time.June:
		if day == 19 && d.Year() >= 2021 {
			return "Juneteenth National Independence Day"
		}
	case time.July:
		if day == 4 {
			return "Independence Day"
		}
	case time.September:
		if monday && day <= 7 {
			return "Labor Day"
		}
	case time.October:
		if monday && day >= 8 && day <= 14 {
			return "Columbus Day"
		}
	case time.November:
		if day == 11 {
			return "Veterans Day"
		}
		if d.Weekday() == time.Thursday && day >= 22 && day <= 28 {
			return "Thanksgiving Day"
		}
	case time.December:
		if day == 25 {
			return "Christmas Day"
		}
	}
	return ""
}

// isFederalWorkingDay reports whether d is neither a Saturday, a Sunday nor a
// federal holiday.
func isFederalWorkingDay(d Date) bool {
	switch d.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	return !IsFederalHoliday(d)
}
