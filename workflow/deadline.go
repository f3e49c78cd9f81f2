package workflow

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// DeadlineKind names a deadline; the values are those of `overturn deadlines --json`.
type DeadlineKind string

// The deadline kinds.
const (
	DeadlineInternalAppeal   DeadlineKind = "internal-appeal"
	DeadlinePlanDecision     DeadlineKind = "plan-decision"
	DeadlineExternalReview   DeadlineKind = "external-review"
	DeadlineExternalDecision DeadlineKind = "external-decision"
	// DeadlineReconsideration is a Medicare Advantage plan's own appeal:
	// a request for reconsideration.
	DeadlineReconsideration DeadlineKind = "reconsideration"
)

// DeadlineState is how close a deadline is.
type DeadlineState string

// The deadline states.
const (
	StateOK       DeadlineState = "ok"
	StateSoon     DeadlineState = "soon" // 14 days or less
	StateDueToday DeadlineState = "due-today"
	StateOverdue  DeadlineState = "overdue"
)

// soonDays is the number of days left at or under which a deadline is soon.
const soonDays = 14

// Deadline is one computed deadline of a case. Its JSON form is that of
// `overturn deadlines --json`. A deadline's dates depend only on the case,
// never on the day it is computed: only DaysLeft and State do.
type Deadline struct {
	Kind  DeadlineKind `json:"kind"`
	Level Level        `json:"level,omitempty"` // the appeal level it belongs to, when any
	Title string       `json:"title"`           // in plain words: "Send your level 1 appeal"
	Due   Date         `json:"due"`
	// DueTime is set when the deadline is counted in hours (urgent reviews).
	DueTime time.Time `json:"due_time,omitzero"`
	// Target, when set, is a safer date to aim for, before Due: for the
	// internal appeal, 180 days from the date printed on the notice, since
	// the day it was received is hard to prove.
	Target   Date          `json:"target,omitzero"`
	DaysLeft int           `json:"days_left"`
	State    DeadlineState `json:"state"`
	Rule     string        `json:"rule"`           // the rule in words
	Cite     string        `json:"cite"`           // its source, from rules.md
	Note     string        `json:"note,omitempty"` // how it was counted, when the person should know ("counted from the printed date")
}

// Deadlines returns every running deadline of the case at now, most urgent
// first, or nil when there is none. "Today" is the calendar date of now in
// now's own location; it sets DaysLeft and State, never a date.
//
// It implements the deadline table of rules.md (version 2). Where a fact
// is unknown or a rule can be read two ways, it takes the reading that
// gives the person the earlier date and says so in Note:
//
//   - Internal appeal (level 1): 180 days from the day the denial was
//     received. The clock starts at the earliest of the denial letter and
//     the EOB, each counted from the day it was received or, when only its
//     printed date is known, from that date (and Note says so). Target is
//     180 days from the earliest printed date of either notice when that is
//     earlier than the start and gives another day. Neither is moved
//     for weekends or holidays: when day 180 is a Saturday, Sunday or
//     federal holiday, the date is the last working day before it and Note
//     gives day 180. Open until a level 1 appeal is filed.
//   - Plan decision: while an internal appeal is pending, counted from the
//     day the plan received it, or, when that is not known, from the day
//     it was sent (and Note says the plan's clock may start later).
//     Urgent: 72 hours, counted from the start of that day, so DueTime is
//     midnight at the end of the second day after it and Due is that
//     second day. Pre-service and ongoing care: 30 days, 15 for each level
//     of a two-level plan; post-service: 60, 30 per level. When the number
//     of levels is unknown, the two-level figure; when the kind of review
//     is unknown, the pre-service figure. Not moved for weekends or
//     holidays. Individual coverage has exactly one level, whatever the
//     case file says, and a level 2 appeal to a one-level plan has no
//     decision deadline. A decision past this date may let the member go to
//     external review at once (see LateDecision).
//   - Level 2: no rule sets when a second-level appeal must be sent (the
//     plan's level 1 decision letter does): once the person enters the
//     date printed on it (appeals[].appeal_by of the level 1 appeal), it is
//     a deadline like any other; until then NextActions asks for it.
//   - External review: 4 months after receiving the final internal denial
//     (an adverse level 2 decision, or an adverse level 1 decision on a
//     one-level plan, whatever later appeal the case records; when the
//     number of levels is unknown, the level 1 decision too, beside the
//     level 2 action), counted from the day the decision was received, or
//     from its printed date when that is all that is known, or, when the
//     decision is not dated at all, from the day the plan received the
//     appeal (or it was sent): the earliest it can be. Same day number four months later, or the first day of the
//     fifth month when that month has no such day; a Saturday, Sunday or
//     federal holiday moves forward to the next day that is none of these
//     (see IsFederalHoliday: an observed Friday or Monday is no holiday and
//     extends nothing). Computed whatever the case's status, until an
//     external review is filed (but see Watched).
//   - External decision: while an external review is pending, 45 days, or
//     72 hours for an urgent case, from the day the reviewer received the
//     request, or from the day it was sent when that is all that is known.
//   - Medicare Advantage: a request for reconsideration within 65 days of
//     the notice (42 CFR 422.582), counted from its printed date, until an
//     appeal is filed. No other deadline of these rules applies.
//
// Other government plans (Medicare, Medicaid, TRICARE, VA, FEHB) have
// none: these rules do not apply to them (see GovernmentPlanNotice). A
// deadline with no date to count from is left out: NextActions asks for
// the date instead.
func Deadlines(c *Case, now time.Time) []Deadline {
	if c == nil || c.Plan.Type == PlanGovernment {
		return nil
	}
	r := deadlineRun{c: c, now: now, today: DateOf(now), out: make([]Deadline, 0, 3)}
	open := c.Status == StatusOpen || c.Status == ""
	switch {
	case c.Plan.Type == PlanMedicareAdvantage:
		if open {
			r.reconsideration()
		}
	default:
		if open {
			r.internalAppeal()
			r.planDecisions()
			r.secondLevel()
			r.externalDecision()
		}
		r.externalReview()
	}
	if len(r.out) == 0 {
		return nil
	}
	slices.SortStableFunc(r.out, func(a, b Deadline) int { return a.Due.Time().Compare(b.Due.Time()) })
	return r.out
}

// Watched reports whether a deadline of a case with status s belongs in
// the lists that watch every case (`overturn deadlines`, the calendars,
// the wizard's deadlines): each deadline of an open case, overdue ones
// too, since the person can still act; for a case closed, resolved or
// exhausted, its external review deadline until its date and no longer:
// after it, the case is done with. The case itself (show, its letters)
// keeps every deadline, the passed one with its warning.
func Watched(s Status, d Deadline) bool {
	return s == StatusOpen || s == "" || d.State != StateOverdue
}

// NextDeadline returns the most urgent open deadline of the case, and false
// when it has none.
func NextDeadline(c *Case, now time.Time) (Deadline, bool) {
	ds := Deadlines(c, now)
	if len(ds) == 0 {
		return Deadline{}, false
	}
	return ds[0], true
}

// deadlineRun computes the deadlines of one case at one moment.
type deadlineRun struct {
	c     *Case
	now   time.Time
	today Date
	out   []Deadline
}

// add sets the days left and state of d and records it. A deadline
// counted in hours is overdue from the moment DueTime is reached.
func (r *deadlineRun) add(d Deadline) {
	d.DaysLeft = r.today.DaysUntil(d.Due)
	switch {
	case !d.DueTime.IsZero() && !r.now.Before(d.DueTime), d.DaysLeft < 0:
		d.State = StateOverdue
	case d.DaysLeft == 0:
		d.State = StateDueToday
	case d.DaysLeft <= soonDays, !d.Target.IsZero() && r.today.DaysUntil(d.Target) <= soonDays:
		d.State = StateSoon
	default:
		d.State = StateOK
	}
	r.out = append(r.out, d)
}

// hours72 returns the last day and the moment at which 72 hours counted
// from the start of day end: midnight at the end of the second day after.
func (r *deadlineRun) hours72(day Date) (Date, time.Time) {
	last := day.AddDays(2)
	return last, time.Date(day.Year(), day.Month(), day.Day()+3, 0, 0, 0, 0, r.now.Location())
}

// LastAppeal returns the latest appeal of level l in c, and false when
// there is none.
func LastAppeal(c *Case, l Level) (Appeal, bool) {
	if i := lastAppeal(c, l); i >= 0 {
		return c.Appeals[i], true
	}
	return Appeal{}, false
}

// IsFiled reports whether an appeal was filed: it has a filing date or a
// decision.
func (a Appeal) IsFiled() bool { return !a.Filed.IsZero() || a.Decision.Decided() }

// InternalLevels returns the number of internal appeal levels of the case's plan
// and whether it is known: the plan's (individual coverage has one,
// whatever the case says), or two when a level 2 appeal is recorded.
func InternalLevels(c *Case) (int, bool) {
	if n, ok := c.Plan.Levels(); ok {
		return n, true
	}
	if _, ok := LastAppeal(c, Level2); ok {
		return 2, true
	}
	return 0, false
}

// FinalDenial returns the appeal whose adverse decision ended the internal
// appeals: level 1 on a one-level plan (whatever else the case records: a
// level 2 appeal to such a plan does not extend the time), otherwise level
// 2. With unknown levels (maybe is true) an adverse level 1 decision is
// returned too, since it is final if the plan has no second level.
func FinalDenial(c *Case) (a Appeal, maybe, ok bool) {
	l1, has1 := LastAppeal(c, Level1)
	if n, known := c.Plan.Levels(); known && n == 1 {
		if l2, ok := LastAppeal(c, Level2); ok && l2.Decision.Decided() && !l2.Decision.Adverse() {
			return Appeal{}, false, false // the plan reconsidered and paid
		}
		return l1, false, has1 && l1.Decision.Adverse()
	}
	if l2, ok := LastAppeal(c, Level2); ok {
		return l2, false, l2.Decision.Adverse()
	}
	if !has1 || !l1.Decision.Adverse() {
		return Appeal{}, false, false
	}
	if _, known := InternalLevels(c); !known {
		return l1, true, true
	}
	return Appeal{}, false, false
}

// internalAppeal adds the deadline to file the level 1 appeal.
func (r *deadlineRun) internalAppeal() {
	if a, ok := LastAppeal(r.c, Level1); ok && a.IsFiled() {
		return
	}
	start, ok := r.internalAppealStart()
	if !ok {
		return
	}
	due, last := lastWorkingDayOf180(start.day)
	var note strings.Builder
	if start.printed {
		note.WriteString("Counted from " + start.day.Long() + ", the date printed on " + start.what +
			", because you have not entered the day you received it; the real deadline may be a few days later. File by this date.")
	} else {
		note.WriteString("Counted from " + start.day.Long() + ", the day you received " + start.what + ".")
	}
	if due != last {
		note.WriteString(" Day 180 is " + deadlineDayOff(last) +
			". This deadline is not moved for weekends or holidays, so file by " + deadlineWeekdayLong(due) + ".")
	}
	d := Deadline{
		Kind:  DeadlineInternalAppeal,
		Level: Level1,
		Title: "Send your level 1 appeal",
		Due:   due,
		Rule: "You have at least 180 days from the day you receive a denial to file an internal appeal. " +
			"Your plan may allow longer: check the date printed on your own letter. " +
			"The date is not moved for weekends or holidays.",
		Cite: "29 CFR 2560.503-1(h)(3)(i)",
	}
	if !start.printedDay.IsZero() && start.printedDay.Before(start.day) {
		var day180 Date
		if d.Target, day180 = lastWorkingDayOf180(start.printedDay); d.Target == due {
			d.Target = Date{}
		} else {
			note.WriteString(" Aim for " + d.Target.Long() + ", 180 days from " + start.printedDay.Long() + ", the date printed on " +
				start.printedWhat + ": the day you received it is hard to prove, and plans often count from the printed date.")
			if d.Target != day180 {
				note.WriteString(" Counted from that date, day 180 is " + deadlineDayOff(day180) + ", so aim for the working day before it.")
			}
		}
	}
	if t := r.c.Plan.Type; t == PlanUnknown || t == PlanUnknownStated {
		note.WriteString(" This is the rule for employer and individual plans: a Medicare Advantage plan allows only 65 days " +
			"from the date printed on the notice, so enter your plan's type when you know it.")
	}
	d.Note = note.String()
	r.add(d)
}

// lastWorkingDayOf180 returns day 180 after start, and the last working
// day on or before it (the deadline is never moved later).
func lastWorkingDayOf180(start Date) (due, last Date) {
	last = start.AddDays(180)
	due = last
	for !isFederalWorkingDay(due) {
		due = due.AddDays(-1)
	}
	return due, last
}

// clockStart is the day the internal-appeal clock starts.
type clockStart struct {
	day     Date
	what    string // the document: "the denial letter", "the EOB"
	printed bool   // counted from the printed date, the received date being unknown
	// printedDay is the earliest date printed on any notice, when one is
	// known, and printedWhat that notice: the safe target counts from it.
	printedDay  Date
	printedWhat string
}

// internalAppealStart returns the earliest of the denial letter and the
// EOB, each counted from the day it was received, or from its printed date
// when that is all that is known. At the same date, a received date wins.
// It carries the earliest printed date of either for the safe target.
func (r *deadlineRun) internalAppealStart() (clockStart, bool) {
	docs := [2]struct {
		what              string
		received, printed Date
	}{
		{"the denial letter", r.c.Denial.Received, r.c.Denial.LetterDate},
		{"the EOB", r.c.EOB.Received, r.c.EOB.Date},
	}
	var best clockStart
	var printedDay Date
	var printedWhat string
	found := false
	for _, doc := range docs {
		if !doc.printed.IsZero() && (printedDay.IsZero() || doc.printed.Before(printedDay)) {
			printedDay, printedWhat = doc.printed, doc.what
		}
		s := clockStart{day: doc.received, what: doc.what}
		if s.day.IsZero() {
			s = clockStart{day: doc.printed, what: doc.what, printed: true}
		}
		if s.day.IsZero() {
			continue
		}
		if !found || s.day.Before(best.day) || (s.day == best.day && best.printed && !s.printed) {
			best, found = s, true
		}
	}
	best.printedDay, best.printedWhat = printedDay, printedWhat
	return best, found
}

// planDecisions adds the plan's decision deadline of each pending internal
// appeal: a level 2 appeal to a one-level plan has none.
func (r *deadlineRun) planDecisions() {
	for _, l := range [...]Level{Level1, Level2} {
		if n, known := r.c.Plan.Levels(); l == Level2 && known && n == 1 {
			continue
		}
		if a, ok := LastAppeal(r.c, l); ok && !a.Filed.IsZero() && !a.Decision.Decided() {
			if d, ok := PlanDecisionDeadline(r.c, a, r.now.Location()); ok {
				r.add(d)
			}
		}
	}
}

// PlanDecisionDeadline returns the day the plan must decide the pending
// internal appeal a by (see Deadlines), with its rule, cite and note;
// false when a has no sending date. An urgent appeal's DueTime is midnight
// in loc. Its state is not set.
func PlanDecisionDeadline(c *Case, a Appeal, loc *time.Location) (Deadline, bool) {
	start, what := a.Received, "the day the plan received your appeal"
	if start.IsZero() {
		start, what = a.Filed, "the day you sent your appeal"
	}
	if start.IsZero() {
		return Deadline{}, false
	}
	d := Deadline{
		Kind:  DeadlinePlanDecision,
		Level: a.Level,
		Title: "Your plan must decide your level " + string(a.Level) + " appeal",
	}
	if c.Denial.IsUrgent() {
		d.Due = start.AddDays(2)
		d.DueTime = time.Date(start.Year(), start.Month(), start.Day()+3, 0, 0, 0, 0, loc)
		d.Rule = "The plan must decide an urgent (expedited) appeal within 72 hours of receiving it, " +
			"whatever the number of appeal levels."
		d.Cite = "29 CFR 2560.503-1(i)(2)(i)"
		d.Note = "Counted from the start of " + start.Long() + ", " + what + ", so the 72 hours end at midnight at the end of " +
			d.Due.Long() + "."
		if a.Received.IsZero() {
			d.Note += " The plan's 72 hours start when it receives your appeal, so its real deadline may be a little later; " +
				"if you have no decision by then, call the plan."
		}
		return d, true
	}
	kind, one, two := "pre-service", 30, 15
	d.Cite = "29 CFR 2560.503-1(i)(2)(ii)"
	if c.Denial.Review == ReviewPostService {
		kind, one, two = "post-service", 60, 30
		d.Cite = "29 CFR 2560.503-1(i)(2)(iii)(A)"
	}
	d.Rule = "The plan must decide a " + kind + " appeal within " + strconv.Itoa(one) + " days of receiving it when it has one level of appeal, or " +
		strconv.Itoa(two) + " days for each level when it has two. The date is not moved for weekends or holidays."
	note := []string{"Counted from " + start.Long() + ", " + what + "."}
	if a.Received.IsZero() {
		note = append(note, "The plan's time starts when it receives your appeal, so its real deadline may be a few days later: "+
			"enter the delivery date (certified mail) or the fax confirmation's date when you have it.")
	}
	switch c.Denial.Review {
	case ReviewPreService, ReviewPostService:
	case ReviewConcurrent:
		note = append(note, "Ongoing care is counted as care not yet given.")
	default:
		note = append(note, "Counted as a pre-service appeal, the shorter time, because the case does not say whether the care "+
			"had already been given; for care already given the plan has 60 days, or 30 for each of two levels.")
	}
	days := one
	if n, known := InternalLevels(c); !known {
		days = two
		note = append(note, "Counted as if your plan has two levels of appeal ("+strconv.Itoa(two)+" days each), the shorter time; "+
			"with only one level it has "+strconv.Itoa(one)+" days. The plan's letters say how many levels it has.")
	} else if n == 2 {
		days = two
	}
	d.Due = start.AddDays(days)
	d.Note = strings.Join(note, " ")
	return d, true
}

// Late is a missed plan decision: the internal appeal it belongs to, the
// day the decision was due by (counted on the reading that gives the plan
// the longest time the case allows), and the rule.
type Late struct {
	Appeal Appeal
	Due    Date
	// Hours is true for an urgent appeal: 72 hours from the receipt,
	// which ends by Due whatever the hour it arrived.
	Hours bool
	Cite  string
	// FromReceipt is true when the plan's time was counted from the day it
	// received the appeal, false when from the day it was sent.
	FromReceipt bool
}

// LateDecision returns the pending internal appeal whose decision the plan
// has missed at now, and false when none has. It is late only when even
// the longest time the case allows the plan has passed (one level when the
// number is unknown, post-service when the kind of review is), since a
// missed decision lets the member go to external review at once ("deemed
// exhaustion": Law.DeemedExhaustion), and the member should not claim it
// early.
func LateDecision(c *Case, now time.Time) (Late, bool) {
	if c == nil || c.Plan.OtherRules() || c.Status != StatusOpen && c.Status != "" {
		return Late{}, false
	}
	for _, l := range [...]Level{Level2, Level1} {
		a, ok := LastAppeal(c, l)
		if !ok || a.Filed.IsZero() || a.Decision.Decided() {
			continue
		}
		if n, known := c.Plan.Levels(); l == Level2 && known && n == 1 {
			continue
		}
		longest := *c
		if !c.Denial.IsUrgent() && (longest.Denial.Review == ReviewUnknown || longest.Denial.Review == ReviewConcurrent) {
			// Ongoing care may be decided as care not yet given or, once
			// given, as care received: the longer time. Urgent care keeps
			// its 72 hours.
			longest.Denial.Review = ReviewPostService
		}
		if _, known := InternalLevels(c); !known {
			longest.Plan.InternalLevels = 1
		}
		d, ok := PlanDecisionDeadline(&longest, a, now.Location())
		if !ok {
			continue
		}
		hours := !d.DueTime.IsZero()
		if hours {
			// 72 hours from an appeal received late in the day end on the
			// third day after it.
			d.Due = d.Due.AddDays(1)
		}
		if DateOf(now).After(d.Due) {
			return Late{Appeal: a, Due: d.Due, Hours: hours, Cite: d.Cite, FromReceipt: !a.Received.IsZero()}, true
		}
	}
	return Late{}, false
}

// secondLevel adds the deadline to send the level 2 appeal, once the
// person has entered the date the level 1 decision letter gives for it.
func (r *deadlineRun) secondLevel() {
	l1, ok := LastAppeal(r.c, Level1)
	if !ok || !l1.Decision.Adverse() || l1.AppealBy.IsZero() {
		return
	}
	if l2, ok := LastAppeal(r.c, Level2); ok && l2.IsFiled() {
		return
	}
	if n, known := InternalLevels(r.c); known && n == 1 {
		return
	}
	r.add(Deadline{
		Kind:  DeadlineInternalAppeal,
		Level: Level2,
		Title: "Send your level 2 appeal",
		Due:   l1.AppealBy,
		Rule: "No general rule sets how long you have to ask for a second level of internal appeal: the plan's level 1 " +
			"decision letter gives the date, and this is the date you entered from it.",
		Cite: "29 CFR 2560.503-1(c)(2), (h)(3)",
		Note: "The date printed on your level 1 decision letter, as you entered it.",
	})
}

// externalReview adds the deadline to ask for external review after the
// final internal denial.
func (r *deadlineRun) externalReview() {
	if ext, ok := LastAppeal(r.c, LevelExternal); ok && ext.IsFiled() {
		return
	}
	a, maybe, ok := FinalDenial(r.c)
	if !ok {
		return
	}
	from, lead := externalReviewStart(a)
	if from.IsZero() {
		return
	}
	due, note := ExternalReviewDue(from)
	notes := append([]string{lead}, note...)
	if from == a.DecisionReceived {
		notes = append(notes, "Your final denial letter may print its own date: if it is earlier, use it.")
	}
	if r.c.Plan.Insured() {
		notes = append(notes, "Your plan uses your state's external review process where the state has one, which must give you "+
			"at least these 4 months and may give more: the final denial letter says.")
	}
	if maybe {
		notes = append(notes, "This is your deadline if your plan has only one level of internal appeal. If it has a second level, "+
			"send that first: your level 1 decision letter says which.")
	}
	r.add(Deadline{
		Kind:  DeadlineExternalReview,
		Level: LevelExternal,
		Title: "Ask for external review",
		Due:   due,
		Rule: "You may ask for external review by an independent reviewer within 4 months after you receive the final " +
			"internal denial. When the fourth month has no such day, the deadline is the first day of the fifth month. " +
			"A last day on a Saturday, Sunday or federal holiday moves to the next day that is none of these.",
		Cite: "45 CFR 147.136(d)(2)(i); 5 U.S.C. 6103(a)",
		Note: strings.Join(notes, " "),
	})
}

// externalReviewStart returns the day the external review clock starts
// after the final denial a, with the note that says how it was read: the
// day the decision was received; its printed date when that is all that
// is known; and when the decision is not dated at all, the day the plan
// received the appeal (or it was sent), since the decision cannot have
// come before it: the earliest the deadline can be.
func externalReviewStart(a Appeal) (Date, string) {
	level := "level " + string(a.Level)
	switch {
	case !a.DecisionReceived.IsZero():
		return a.DecisionReceived, "Counted from " + a.DecisionReceived.Long() + ", the day you received the " + level + " decision."
	case !a.DecisionDate.IsZero():
		return a.DecisionDate, "Counted from " + a.DecisionDate.Long() + ", the date printed on the " + level +
			" decision, because you have not entered the day you received it; the real deadline may be a few days later."
	}
	from, what := a.Received, "the day the plan received your "+level+" appeal"
	if from.IsZero() {
		from, what = a.Filed, "the day you sent your "+level+" appeal"
	}
	if from.IsZero() {
		return Date{}, ""
	}
	return from, "Counted from " + from.Long() + ", " + what + ", because you have not entered when the decision came: " +
		"it cannot have come earlier, so this is the earliest your deadline can be. Enter the date printed on the decision " +
		"letter and the day you received it to see the real deadline."
}

// ExternalReviewDue returns the last day to ask for external review after
// a final internal denial received on from, with notes on how it was
// counted (a fifth month, a weekend or holiday, an observed holiday).
func ExternalReviewDue(from Date) (Date, []string) {
	fourth, fifth := addFourMonths(from)
	due := fourth
	for !isFederalWorkingDay(due) {
		due = due.AddDays(1)
	}
	var note []string
	if fifth {
		note = append(note, "There is no "+fourthMonthName(from)+" "+strconv.Itoa(from.Day())+
			", so the count ends on the first day of the fifth month, "+fourth.Long()+".")
	}
	if due != fourth {
		past := ""
		for d := fourth.AddDays(1); d != due; d = d.AddDays(1) {
			if name := federalHolidayName(d); name != "" {
				past += ", past " + name
			}
		}
		note = append(note, "The count ends on "+deadlineDayOff(fourth)+
			", so the deadline moves to the next day that is not a Saturday, Sunday or federal holiday"+past+": "+deadlineWeekdayLong(due)+".")
	}
	if holiday := observedFederalHoliday(due); holiday != "" {
		note = append(note, deadlineWeekdayLong(due)+" is the day federal workers have off in place of "+holiday+
			"; it is not a federal holiday for deadlines, so the deadline stays on it.")
	}
	return due, note
}

// externalDecision adds the independent reviewer's decision deadline while
// an external review is pending.
func (r *deadlineRun) externalDecision() {
	a, ok := LastAppeal(r.c, LevelExternal)
	if !ok || a.Filed.IsZero() || a.Decision.Decided() {
		return
	}
	d := Deadline{
		Kind:  DeadlineExternalDecision,
		Level: LevelExternal,
		Title: "The independent reviewer must decide your external review",
	}
	state := ""
	if r.c.Plan.Insured() {
		state = " If your plan uses your state's external review process, the state's law sets the reviewer's time: " +
			"the notice from the reviewer says."
	}
	start, what := a.Received, "the day the reviewer received your request"
	if start.IsZero() {
		start, what = a.Filed, "the day you sent your request"
	}
	if r.c.Denial.IsUrgent() {
		d.Due, d.DueTime = r.hours72(start)
		d.Rule = "The independent reviewer must decide an expedited external review within 72 hours of receiving the request."
		d.Cite = "45 CFR 147.136(d)(3)(iv)"
		d.Note = "Counted from the start of " + start.Long() + ", " + what + ", so the 72 hours end at midnight at the end of " +
			d.Due.Long() + "."
	} else {
		d.Due = start.AddDays(45)
		d.Rule = "The independent reviewer must decide a standard external review within 45 days of receiving the request."
		d.Cite = "45 CFR 147.136(d)(2)(iii)"
		d.Note = "Counted from " + start.Long() + ", " + what + "."
	}
	if a.Received.IsZero() {
		d.Note += " The reviewer's time starts when it receives the request, so its real deadline may be a little later."
	}
	d.Note += state
	r.add(d)
}

// reconsideration adds a Medicare Advantage plan's appeal deadline: a
// request for reconsideration within 65 days of the notice.
func (r *deadlineRun) reconsideration() {
	for _, a := range r.c.Appeals {
		if a.IsFiled() {
			return
		}
	}
	from, what := r.c.Denial.LetterDate, "the denial notice"
	if from.IsZero() || (!r.c.EOB.Date.IsZero() && r.c.EOB.Date.Before(from)) {
		from, what = r.c.EOB.Date, "the notice (the EOB)"
	}
	if from.IsZero() {
		return
	}
	r.add(Deadline{
		Kind:  DeadlineReconsideration,
		Level: Level1,
		Title: "Ask your Medicare Advantage plan for reconsideration",
		Due:   from.AddDays(65),
		Rule: "A Medicare Advantage plan's members ask the plan for reconsideration within 65 days of the notice of its " +
			"decision. Medicare's own rules apply, not those of employer or individual plans.",
		Cite: "42 CFR 422.582",
		Note: "Counted from " + from.Long() + ", the date printed on " + what + ". Your notice gives the exact date and how " +
			"to ask; 1-800-MEDICARE (1-800-633-4227) can help.",
	})
}

// addFourMonths returns the day four months after d: the same day number,
// or, when the fourth month has no such day, the first day of the fifth
// month (reported by fifth).
func addFourMonths(d Date) (due Date, fifth bool) {
	y, m := d.Year(), d.Month()+4
	if m > time.December {
		y, m = y+1, m-12
	}
	if days := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day(); d.Day() > days {
		return NewDate(y, m+1, 1), true
	}
	return NewDate(y, m, d.Day()), false
}

// fourthMonthName names the month four months after d's.
func fourthMonthName(d Date) string {
	return ((d.Month()+3)%12 + 1).String()
}

// observedFederalHoliday returns the holiday whose observed day d is (a Friday
// before a Saturday holiday, a Monday after a Sunday one), or "".
func observedFederalHoliday(d Date) string {
	switch d.Weekday() {
	case time.Friday:
		return federalHolidayName(d.AddDays(1))
	case time.Monday:
		return federalHolidayName(d.AddDays(-1))
	}
	return ""
}

// deadlineWeekdayLong writes d as "Friday, May 1, 2026".
func deadlineWeekdayLong(d Date) string { return d.Weekday().String() + ", " + d.Long() }

// deadlineDayOff writes a day that is not a working day with its weekday and
// why: "Saturday, May 2, 2026, a weekend day", "Thursday, December 25,
// 2025, Christmas Day, a federal holiday".
func deadlineDayOff(d Date) string {
	if name := federalHolidayName(d); name != "" {
		return deadlineWeekdayLong(d) + ", " + name + ", a federal holiday"
	}
	return deadlineWeekdayLong(d) + ", a weekend day"
}
