// Package deadlineoracle states the deadlines of an appeal as the product's
// rules give them (rules.md version 2: the "Deadlines" table, the plan
// table and the sentences after them), written from those rules alone and
// not from the engine in workflow/, so that the engine's deadlines can be
// checked against it. It computes federal holidays itself, from 5 U.S.C.
// 6103(a).
//
// Every date is the legal last day, read the earliest way when a fact it
// depends on is not known (Reasons says which facts, and how they were
// read). No date depends on today's; Deadline.Running says whether a
// deadline has passed.
package deadlineoracle

import (
	"slices"
	"time"

	"github.com/overturn/overturn/workflow"
)

// Kind names a deadline as `overturn deadlines --json` does.
type Kind string

// The kinds of deadline the rules set.
const (
	// InternalAppeal: the person files an internal appeal (level 1, or the
	// second level once its date is known).
	InternalAppeal Kind = "internal-appeal"
	// PlanDecision: the plan decides an internal appeal.
	PlanDecision Kind = "plan-decision"
	// ExternalReview: the person requests external review.
	ExternalReview Kind = "external-review"
	// ExternalDecision: the external reviewer (IRO) decides.
	ExternalDecision Kind = "external-decision"
	// Reconsideration: a Medicare Advantage member asks for reconsideration.
	Reconsideration Kind = "reconsideration"
)

// Reason says how a fact that is not known, or a rule that gives two
// readings, was read.
type Reason string

// The readings of facts not known.
const (
	// ReceiptUnknown: the day a notice or decision was received is not
	// known, so the count starts at the date printed on it, the earliest
	// day it can have arrived.
	ReceiptUnknown Reason = "receipt-unknown"
	// DecisionUnknown: neither the day the final decision was received nor
	// the date printed on it is known, so the count starts at the day the
	// plan received the appeal (or it was sent), the earliest day the
	// decision can have come.
	DecisionUnknown Reason = "decision-unknown"
	// SentOnly: the day the plan (or the reviewer) received the appeal is
	// not known, so its time is counted from the day it was sent: "when
	// only the sending date is known, say so".
	SentOnly Reason = "sent-only"
	// LevelsUnknown: the number of internal levels is not known. The
	// plan's time is counted per level of a two-level process, the
	// shorter; a level 1 decision is read as possibly the final one.
	LevelsUnknown Reason = "levels-unknown"
	// ReviewUnknown: the case does not say whether the care came before
	// the appeal: the plan's time is counted as for a pre-service appeal,
	// the shorter.
	ReviewUnknown Reason = "review-unknown"
	// ObservedDay: the last day to ask for external review is a day
	// observed in place of a weekend holiday (6103(b)); it is not extended
	// for it: "give the earlier date and say why".
	ObservedDay Reason = "observed-day"
)

// Deadline is one deadline the rules set for a case.
type Deadline struct {
	Kind  Kind
	Level workflow.Level
	// Last is the legal last day. For a deadline counted in hours it is
	// the day whose end End is: 72 hours from the start of March 2 end at
	// midnight at the end of March 4.
	Last workflow.Date
	// End is the instant a deadline counted in hours ends: the hours
	// start at the first moment (UTC) of the day counted from, the
	// earliest reading of a date without a time. Zero for the others.
	End time.Time
	// FileBy is, for a deadline the rules do not move for weekends or
	// holidays, the last day on or before Last that is neither: "a last day
	// on a Saturday means file by Friday". It equals Last for the others.
	FileBy workflow.Date
	// Targets are the internal appeal's safe targets, one for each denial
	// notice with a printed date, the earliest first: "180 days from the
	// date printed on the notice". Empty for the others.
	Targets []Target
	// From is the day the count starts.
	From workflow.Date
	// Reasons lists how facts not known were read.
	Reasons []Reason
	// Source is the rule's source, as rules.md cites it.
	Source string
}

// Target is a safe target: Day is 180 days from Printed, the date printed
// on a notice; FileBy is the last day on or before it that is not a
// weekend or holiday.
type Target struct {
	Printed, Day, FileBy workflow.Date
}

// Has reports whether r is one of d's reasons.
func (d Deadline) Has(r Reason) bool {
	for _, x := range d.Reasons {
		if x == r {
			return true
		}
	}
	return false
}

// Running reports whether the deadline has not passed at now: its last
// day is today or later, or, counted in hours, it ends after now.
func (d Deadline) Running(now time.Time) bool {
	if !d.End.IsZero() {
		return d.End.After(now)
	}
	return !d.Last.Before(workflow.DateOf(now.UTC()))
}

// Listed reports whether a list of every case's deadlines shows d of c at
// now ("How Overturn applies these rules"): an open case's deadlines
// whether or not they have passed; a case closed, resolved or exhausted
// keeps its external review deadline there up to its last day.
func Listed(c *workflow.Case, d Deadline, now time.Time) bool {
	return c.Status == workflow.StatusOpen || c.Status == "" || d.Running(now)
}

// The periods of rules.md.
const (
	appealDays          = 180 // 29 CFR 2560.503-1(h)(3)(i)
	urgentHours         = 72  // 29 CFR 2560.503-1(i)(2)(i); 45 CFR 147.136(d)(3)(iv)
	preServiceOneLevel  = 30  // 29 CFR 2560.503-1(i)(2)(ii)
	preServicePerLevel  = 15
	postServiceOneLevel = 60 // 29 CFR 2560.503-1(i)(2)(iii)(A)
	postServicePerLevel = 30
	externalMonths      = 4  // 45 CFR 147.136(d)(2)(i)
	reviewerDays        = 45 // 45 CFR 147.136(d)(2)(iii)
	medicareDays        = 65 // 42 CFR 422.582
)

// Deadlines returns every deadline the rules set for c whose act is not
// yet done (an appeal not yet sent, a decision not yet made), overdue
// ones included. Medicare Advantage has only its reconsideration; other
// government plans have none; a plan whose type is not known is read as
// an employer or individual plan. A case that is not open keeps only its
// external review deadline, which runs whatever the status.
func Deadlines(c *workflow.Case) []Deadline {
	switch c.Plan.Type {
	case workflow.PlanGovernment:
		return nil
	case workflow.PlanMedicareAdvantage:
		if c.Status != workflow.StatusOpen && c.Status != "" {
			return nil
		}
		return medicareAdvantage(c)
	}
	f := factsOf(c)
	var ds []Deadline
	add := func(d Deadline, ok bool) {
		if ok {
			ds = append(ds, d)
		}
	}
	if c.Status == workflow.StatusOpen || c.Status == "" {
		add(f.firstAppeal())
		add(f.secondAppeal())
		add(f.planDecision(workflow.Level1))
		add(f.planDecision(workflow.Level2))
	}
	add(f.externalReview())
	if c.Status == workflow.StatusOpen || c.Status == "" {
		add(f.reviewerDecision())
	}
	return ds
}

// facts are what the deadlines of a group or individual plan depend on.
type facts struct {
	c *workflow.Case
	// levels is the number of internal levels: 1 for individual coverage
	// whatever the case says, else the case's count, 0 when not known.
	levels int
	// level1, level2 and external are the last appeal recorded at each
	// level, or nil.
	level1, level2, external *workflow.Appeal
}

func factsOf(c *workflow.Case) facts {
	f := facts{c: c, levels: c.Plan.InternalLevels}
	if c.Plan.Type == workflow.PlanIndividual {
		f.levels = 1 // 45 CFR 147.136(b)(3)(ii)(G): before any stored count
	}
	for i := range c.Appeals {
		a := &c.Appeals[i]
		switch a.Level {
		case workflow.Level1:
			f.level1 = a
		case workflow.Level2:
			f.level2 = a
		case workflow.LevelExternal:
			f.external = a
		}
	}
	if f.levels == 0 && sent(f.level2) {
		// A plan whose levels are not known has two when a second level
		// was appealed.
		f.levels = 2
	}
	return f
}

// sent reports whether appeal a has gone to the plan: it has a date sent
// or received, or a decision.
func sent(a *workflow.Appeal) bool {
	return a != nil && (!a.Filed.IsZero() || !a.Received.IsZero() || decided(a))
}

// decided reports whether a has a decision.
func decided(a *workflow.Appeal) bool {
	return a.Decision != workflow.DecisionPending && a.Decision != ""
}

// adverse reports whether a was decided and still denies something: an
// upheld or partly overturned decision is an adverse benefit
// determination for what stays denied.
func adverse(a *workflow.Appeal) bool {
	return a != nil && (a.Decision == workflow.DecisionUpheld || a.Decision == workflow.DecisionPartlyOverturned)
}

// firstAppeal is the level 1 appeal: at least 180 days after the member
// receives the denial (the EOB or the denial letter, whichever came
// first), not moved for weekends or holidays; the safe target is 180 days
// from the date printed on the notice.
func (f facts) firstAppeal() (Deadline, bool) {
	if sent(f.level1) {
		return Deadline{}, false
	}
	c := f.c
	from := firstNotice(c)
	if from.IsZero() {
		return Deadline{}, false
	}
	d := Deadline{Kind: InternalAppeal, Level: workflow.Level1, From: from,
		Last: from.AddDays(appealDays), Source: "29 CFR 2560.503-1(h)(3)(i)"}
	for _, p := range []workflow.Date{c.EOB.Date, c.Denial.LetterDate} {
		if !p.IsZero() {
			day := p.AddDays(appealDays)
			d.Targets = append(d.Targets, Target{Printed: p, Day: day, FileBy: openOnOrBefore(day)})
		}
	}
	slices.SortStableFunc(d.Targets, func(a, b Target) int { return a.Printed.Time().Compare(b.Printed.Time()) })
	if earliestIsPrinted(c, from) {
		d.Reasons = append(d.Reasons, ReceiptUnknown)
	}
	d.FileBy = openOnOrBefore(d.Last)
	return d, true
}

// firstNotice returns the earliest day the member can have received a
// denial notice: its receipt, or when that is not known the date printed
// on it.
func firstNotice(c *workflow.Case) workflow.Date {
	var from workflow.Date
	for _, n := range [][2]workflow.Date{{c.EOB.Date, c.EOB.Received}, {c.Denial.LetterDate, c.Denial.Received}} {
		got := n[1]
		if got.IsZero() {
			got = n[0]
		}
		from = earliest(from, got)
	}
	return from
}

// earliestIsPrinted reports whether from, the start of the count, is only
// a printed date: no notice's known receipt is that early.
func earliestIsPrinted(c *workflow.Case, from workflow.Date) bool {
	for _, r := range []workflow.Date{c.EOB.Received, c.Denial.Received} {
		if !r.IsZero() && !r.After(from) {
			return false
		}
	}
	return true
}

// secondAppeal is the second internal level: the regulation sets no
// period, the level 1 decision letter prints it; without that date there
// is no dated deadline. Individual coverage and one-level plans have no
// second level.
func (f facts) secondAppeal() (Deadline, bool) {
	if f.levels == 1 || !adverse(f.level1) || sent(f.level2) || f.level1.AppealBy.IsZero() {
		return Deadline{}, false
	}
	by := f.level1.AppealBy
	return Deadline{Kind: InternalAppeal, Level: workflow.Level2, From: by, Last: by,
		FileBy: openOnOrBefore(by), Source: "29 CFR 2560.503-1(c)(2), (h)(3)"}, true
}

// planDecision is the plan's time to decide the appeal at level lv,
// counted from its receipt: 72 hours for an urgent appeal whatever the
// levels; pre-service 30 days for one level, 15 per level of two;
// post-service 60, or 30 per level of two. Not moved for weekends or
// holidays.
func (f facts) planDecision(lv workflow.Level) (Deadline, bool) {
	a := f.level1
	if lv == workflow.Level2 {
		if f.levels == 1 {
			return Deadline{}, false
		}
		a = f.level2
	}
	if !sent(a) || decided(a) {
		return Deadline{}, false
	}
	d := Deadline{Kind: PlanDecision, Level: lv}
	if !startOf(a, &d) {
		return Deadline{}, false
	}
	review := f.c.Denial.Review
	if urgent(f.c) {
		d.Source = "29 CFR 2560.503-1(i)(2)(i)"
		hours(&d, urgentHours)
		return d, true
	}
	one, per := preServiceOneLevel, preServicePerLevel
	d.Source = "29 CFR 2560.503-1(i)(2)(ii)"
	switch review {
	case workflow.ReviewPostService:
		one, per = postServiceOneLevel, postServicePerLevel
		d.Source = "29 CFR 2560.503-1(i)(2)(iii)(A)"
	case workflow.ReviewPreService, workflow.ReviewConcurrent:
		// Ongoing care cut short is care still to come: pre-service.
	default:
		d.Reasons = append(d.Reasons, ReviewUnknown)
	}
	days := per
	switch f.levels {
	case 1:
		days = one
	case 0:
		d.Reasons = append(d.Reasons, LevelsUnknown)
	}
	d.Last = d.From.AddDays(days)
	d.FileBy = d.Last
	return d, true
}

// startOf sets d.From to the day the plan or the reviewer received appeal
// a, or, when only that is known, the day it was sent.
func startOf(a *workflow.Appeal, d *Deadline) bool {
	switch {
	case !a.Received.IsZero():
		d.From = a.Received
	case !a.Filed.IsZero():
		d.From = a.Filed
		d.Reasons = append(d.Reasons, SentOnly)
	default:
		return false
	}
	return true
}

// hours makes d a deadline of n hours from the start of d.From.
func hours(d *Deadline, n int) {
	d.End = d.From.Time().Add(time.Duration(n) * time.Hour)
	d.Last = workflow.DateOf(d.End.Add(-time.Nanosecond))
	d.FileBy = d.Last
}

// externalReview is the request for external review: within 4 months
// after receiving the final internal denial (the first day of the fifth
// month when the fourth has no such day), a last day on a Saturday, Sunday
// or 6103(a) holiday moved to the next day that is none of these, never
// for an observed day.
func (f facts) externalReview() (Deadline, bool) {
	if sent(f.external) {
		return Deadline{}, false
	}
	var d Deadline
	final := f.level1
	switch f.levels {
	case 2:
		final = f.level2
	case 0:
		d.Reasons = append(d.Reasons, LevelsUnknown)
	}
	if !adverse(final) || final == f.level1 && f.level2 != nil && f.level2.Decision == workflow.DecisionOverturned {
		// Nothing left denied: a level the plan does not have may still
		// have overturned the final denial.
		return Deadline{}, false
	}
	switch {
	case !final.DecisionReceived.IsZero():
		d.From = final.DecisionReceived
	case !final.DecisionDate.IsZero():
		d.From = final.DecisionDate
		d.Reasons = append(d.Reasons, ReceiptUnknown)
	case !final.Received.IsZero():
		d.From = final.Received
		d.Reasons = append(d.Reasons, DecisionUnknown)
	case !final.Filed.IsZero():
		d.From = final.Filed
		d.Reasons = append(d.Reasons, DecisionUnknown)
	default:
		return Deadline{}, false
	}
	d.Kind, d.Level, d.Source = ExternalReview, workflow.LevelExternal, "45 CFR 147.136(d)(2)(i); 5 U.S.C. 6103"
	last := addMonths(d.From, externalMonths)
	for Closed(last) {
		last = last.AddDays(1)
	}
	if Observed(last) != "" {
		d.Reasons = append(d.Reasons, ObservedDay)
	}
	d.Last, d.FileBy = last, last
	return d, true
}

// reviewerDecision is the external reviewer's time: 45 days from receiving
// the request; 72 hours when expedited (an urgent case).
func (f facts) reviewerDecision() (Deadline, bool) {
	a := f.external
	if !sent(a) || decided(a) {
		return Deadline{}, false
	}
	d := Deadline{Kind: ExternalDecision, Level: workflow.LevelExternal}
	if !startOf(a, &d) {
		return Deadline{}, false
	}
	if urgent(f.c) {
		d.Source = "45 CFR 147.136(d)(3)(iv)"
		hours(&d, urgentHours)
		return d, true
	}
	d.Source = "45 CFR 147.136(d)(2)(iii)"
	d.Last = d.From.AddDays(reviewerDays)
	d.FileBy = d.Last
	return d, true
}

// medicareAdvantage is a Medicare Advantage plan's only deadline here: ask
// for reconsideration within 65 days of the notice (42 CFR 422.582), from
// the earliest date printed on a notice; without a printed date, none.
func medicareAdvantage(c *workflow.Case) []Deadline {
	from := earliest(c.EOB.Date, c.Denial.LetterDate)
	if sent(factsOf(c).level1) || from.IsZero() {
		return nil
	}
	last := from.AddDays(medicareDays)
	return []Deadline{{Kind: Reconsideration, Level: workflow.Level1, From: from, Last: last,
		FileBy: openOnOrBefore(last), Source: "42 CFR 422.582"}}
}

// addMonths returns the day n months after d; when that month has no such
// day, the first day of the month after it (Oct 30 + 4 months = Mar 1).
func addMonths(d workflow.Date, n int) workflow.Date {
	y, m := d.Year(), d.Month()+time.Month(n)
	for m > time.December {
		y, m = y+1, m-12
	}
	if d.Day() > daysIn(y, m) {
		return workflow.NewDate(y, m+1, 1)
	}
	return workflow.NewDate(y, m, d.Day())
}

// openOnOrBefore returns the last day on or before d that is not a
// Saturday, Sunday or 6103(a) holiday.
func openOnOrBefore(d workflow.Date) workflow.Date {
	for Closed(d) {
		d = d.AddDays(-1)
	}
	return d
}

// earliest returns the earlier of two dates, ignoring an unknown one.
func earliest(a, b workflow.Date) workflow.Date {
	switch {
	case a.IsZero():
		return b
	case b.IsZero() || !b.Before(a):
		return a
	}
	return b
}

// urgent reports whether the care is urgent (29 CFR 2560.503-1(m)(1)): an
// urgent review, or care not yet received that the case marks urgent.
func urgent(c *workflow.Case) bool {
	switch c.Denial.Review {
	case workflow.ReviewUrgent:
		return true
	case workflow.ReviewPostService:
		return false
	}
	return c.Denial.Urgent
}
