package workflow

import (
	"fmt"
	"time"
)

// Warning is a contradiction in the case that a letter would carry: Field
// is the case-file path to look at, Text says what is wrong and what to do.
type Warning struct {
	Field string
	Text  string
}

// Consistency checks the case for the contradictions rules.md lists
// before any letter is written: an appeal filed before the denial it
// appeals; care recorded as still to come whose date has passed; an
// external review deadline that has passed with no request filed; line
// amounts that do not add up to the claim's total. Letters are still
// written (the external review request with a late-filing paragraph), and
// the command line and the wizard show these beside them.
func Consistency(c *Case, now time.Time) []Warning {
	if c == nil {
		return nil
	}
	today := DateOf(now)
	var out []Warning
	add := func(field, format string, args ...any) {
		out = append(out, Warning{Field: field, Text: fmt.Sprintf(format, args...)})
	}
	denied := denialDate(c)
	for i, a := range c.Appeals {
		if a.Level == Level1 && !a.Filed.IsZero() && !denied.IsZero() && a.Filed.Before(denied) {
			add(fmt.Sprintf("appeals[%d].filed", i), "The level 1 appeal is recorded as sent on %s, before the denial of %s "+
				"that it appeals: check both dates.", a.Filed.Long(), denied.Long())
		}
	}
	if dos := c.Claim.DateOfService; c.Denial.Review.BeforeCare() && c.Denial.Review != ReviewConcurrent &&
		!dos.IsZero() && dos.Before(today) {
		if c.EOB.Date.IsZero() {
			add("denial.review", "The case says the care is still to come, but its date (%s) has passed: the letters say it "+
				"was scheduled for that date. If the care was given, record it as care already received.", dos.Long())
		} else {
			add("denial.review", "The case says the care is still to come, but its date (%s) has passed and there is an EOB: "+
				"if the care was given, record it as care already received, and the letters will say so.", dos.Long())
		}
	}
	for _, d := range Deadlines(c, now) {
		if d.Kind == DeadlineExternalReview && d.State == StateOverdue {
			add("appeals", "The deadline to ask for external review was %s and has passed. The request can still be sent, "+
				"with a paragraph asking the plan to accept it late, but it may be refused: send it at once, and check the "+
				"date printed on your final denial letter.", d.Due.Long())
		}
	}
	if total := c.Claim.Billed; total.Known() && len(c.Claim.Procedures) > 1 {
		sum, all := Cents(0), true
		for _, p := range c.Claim.Procedures {
			if !p.Billed.Known() {
				all = false
				break
			}
			sum = Cents(sum.Cents() + p.Billed.Cents())
		}
		if all && sum.Cents() != total.Cents() {
			add("claim.billed", "The lines of the claim add up to %s, but its total billed amount is %s: check both on the EOB.",
				sum.Dollars(), total.Dollars())
		}
	}
	return out
}

// denialDate is the date the denial was issued: the denial letter's, else
// the EOB's.
func denialDate(c *Case) Date {
	if !c.Denial.LetterDate.IsZero() {
		return c.Denial.LetterDate
	}
	return c.EOB.Date
}
