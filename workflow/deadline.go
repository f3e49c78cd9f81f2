package workflow

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// DeadlineKind names a deadline; the values are those of `overturn deadlines --json`.
type DeadlineKind string

// The deadline kinds.
const (
	DeadlineInternalAppeal   DeadlineKind = "internal-appeal"
	DeadlinePlanDecision     DeadlineKind = "plan-decision"
	DeadlineExternalReview   DeadlineKind = "external-review"
	DeadlineExternalDecision DeadlineKind = "external-decision"
	DeadlinePeerToPeer       DeadlineKind = "peer-to-peer"
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
// `overturn deadlines --json`.
type Deadline struct {
	Kind  DeadlineKind `json:"kind"`
	Level Level        `json:"level,omitempty"` // the appeal level it belongs to, when any
	Title string       `json:"title"`           // in plain words: "Send your level 1 appeal"
	Due   Date         `json:"due"`
	// DueTime is set when the deadline is counted in hours (urgent reviews).
	DueTime  time.Time     `json:"due_time,omitzero"`
	DaysLeft int           `json:"days_left"`
	State    DeadlineState `json:"state"`
	Rule     string        `json:"rule"`           // the rule in words
	Cite     string        `json:"cite"`           // its source, from rules.md
	Note     string        `json:"note,omitempty"` // how it was counted, when the person should know ("counted from the printed date")
}

// Deadlines returns every open deadline of the case at now, most urgent
// first, or nil when there is none. "Today" is the calendar date of now in
// now's own location.
//
// It implements the deadline table of rules.md. Where a fact is unknown or
// a rule can be read two ways, it takes the reading that gives the person
// the earlier date and says so in Note:
//
//   - Internal appeal (level 1): 180 days from the day the denial was
//     received. The clock starts at the earliest of the denial letter and
//     the EOB, each counted from the day it was received or, when only its
//     printed date is known, from that date (and Note says so). The date is
//     not moved for weekends or holidays: when day 180 is a Saturday, Sunday
//     or federal holiday, Due is the last working day before it and Note
//     gives day 180. Open until a level 1 appeal is filed.
//   - Plan decision: while an internal appeal is pending, counted from the
//     day it was sent (the plan's clock starts when it receives it, which
//     is later). Urgent: 72 hours, counted from the start of that day, so
//     DueTime is midnight at the end of the second day after it and Due is
//     that second day. Pre-service: 30 days, 15 for each level of a
//     two-level plan; post-service: 60, 30 per level. When the number of
//     levels is unknown, the two-level figure; when the kind of review is
//     unknown, the pre-service figure. Not moved for weekends or holidays.
//     Individual (marketplace) coverage has exactly one level.
//   - Level 2: no general rule sets when a second-level appeal must be sent
//     (the plan's decision letter does). After an adverse level 1 decision
//     in a plan that has, or may have, a second level, a prompt to send it
//     is given with Due today.
//   - External review: 4 months after receiving the final internal denial
//     (an adverse level 2 decision, or an adverse level 1 decision in a
//     one-level plan; when the number of levels is unknown, the level 1
//     decision too, beside the level 2 prompt). Same day number four months
//     later, or the first day of the fifth month when that month has no
//     such day; a Saturday, Sunday or federal holiday moves forward to the
//     next day that is none of these (see IsFederalHoliday: an observed
//     Friday or Monday is no holiday and extends nothing).
//   - External decision: while an external review is pending, 45 days from
//     the day it was sent, or 72 hours for an urgent case, counted as for
//     the plan.
//   - Peer-to-peer: for medical-necessity, experimental and prior
//     authorization denials, and for reviews made by eviCore, while the
//     case is at steps 1 to 3 and no appeal has been filed. There is no
//     legal deadline, so this is a prompt to ask now: Due is today.
//
// Closed, resolved and exhausted cases have no open deadlines, and
// government plans (Medicare, Medicaid) have none: these rules do not apply
// to them (see GovernmentPlanNotice). A deadline whose start date is not
// known yet is left out.
func Deadlines(c *Case, now time.Time) []Deadline {
	if c == nil || c.Plan.Type == PlanGovernment {
		return nil
	}
	if c.Status != StatusOpen && c.Status != "" {
		return nil
	}
	r := deadlineRun{c: c, now: now, today: DateOf(now), out: make([]Deadline, 0, 3)}
	r.peerToPeer()
	r.internalAppeal()
	r.planDecisions()
	r.escalation()
	r.externalDecision()
	if len(r.out) == 0 {
		return nil
	}
	slices.SortStableFunc(r.out, func(a, b Deadline) int { return a.Due.Time().Compare(b.Due.Time()) })
	return r.out
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
	case d.DaysLeft <= soonDays:
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

// lastAppeal returns the latest appeal of level l, if any.
func (r *deadlineRun) lastAppeal(l Level) (Appeal, bool) {
	for i := len(r.c.Appeals) - 1; i >= 0; i-- {
		if r.c.Appeals[i].Level == l {
			return r.c.Appeals[i], true
		}
	}
	return Appeal{}, false
}

// anyAppealFiled reports whether an appeal of any level has been filed.
func (r *deadlineRun) anyAppealFiled() bool {
	for _, a := range r.c.Appeals {
		if r.filed(a) {
			return true
		}
	}
	return false
}

// levels returns the number of internal appeal levels of the plan and
// whether it is known.
func (r *deadlineRun) levels() (int, bool) {
	switch r.c.Plan.InternalLevels {
	case 1, 2:
		return r.c.Plan.InternalLevels, true
	}
	if _, ok := r.lastAppeal(Level2); ok {
		return 2, true
	}
	if r.c.Plan.Type == PlanIndividual {
		return 1, true
	}
	return 0, false
}

// decided reports whether a has a decision.
func (*deadlineRun) decided(a Appeal) bool { return a.Decision != "" && a.Decision != DecisionPending }

// filed reports whether a was filed: it has a filing date or a decision.
func (r *deadlineRun) filed(a Appeal) bool { return !a.Filed.IsZero() || r.decided(a) }

// adverse reports whether a was decided at least partly against the member.
func (*deadlineRun) adverse(a Appeal) bool {
	return a.Decision == DecisionUpheld || a.Decision == DecisionPartlyOverturned
}

// peerToPeer adds the prompt to ask for a peer-to-peer review.
func (r *deadlineRun) peerToPeer() {
	c := r.c
	switch {
	case c.Step > StepCall, r.anyAppealFiled():
		return
	case c.Denial.Reviewer == ReviewerEviCore:
	case c.Denial.Category == CategoryMedicalNecessity, c.Denial.Category == CategoryExperimental,
		c.Denial.Category == CategoryPriorAuth:
	default:
		return
	}
	note := "Ask your doctor to request it today. If the plan says its window has closed, go on with the written appeal."
	if c.Denial.Reviewer == ReviewerEviCore {
		note = "eviCore made this decision, so the peer-to-peer review is with eviCore. " + note
	}
	r.add(Deadline{
		Kind:  DeadlinePeerToPeer,
		Title: "Ask your doctor to request a peer-to-peer review",
		Due:   r.today,
		Rule: "There is no general legal deadline for a peer-to-peer review: insurers, and eviCore for the " +
			"reviews it makes, set their own short windows. Ask right away, often within days of the denial.",
		Cite: "payer practice",
		Note: note,
	})
}

// internalAppeal adds the deadline to file the level 1 appeal.
func (r *deadlineRun) internalAppeal() {
	if a, ok := r.lastAppeal(Level1); ok && r.filed(a) {
		return
	}
	start, ok := r.internalAppealStart()
	if !ok {
		return
	}
	last := start.day.AddDays(180)
	due := last
	for !isFederalWorkingDay(due) {
		due = due.AddDays(-1)
	}
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
	r.add(Deadline{
		Kind:  DeadlineInternalAppeal,
		Level: Level1,
		Title: "Send your level 1 appeal",
		Due:   due,
		Rule: "You have at least 180 days from the day you receive a denial to file an internal appeal. " +
			"Your plan may allow longer: check the date printed on your own letter. " +
			"The date is not moved for weekends or holidays.",
		Cite: "29 CFR 2560.503-1(h)(3)(i)",
		Note: note.String(),
	})
}

// clockStart is the day the internal-appeal clock starts.
type clockStart struct {
	day     Date
	what    string // the document: "the denial letter", "the EOB"
	printed bool   // counted from the printed date, the received date being unknown
}

// internalAppealStart returns the earliest of the denial letter and the
// EOB, each counted from the day it was received, or from its printed date
// when that is all that is known. At the same date, a received date wins.
func (r *deadlineRun) internalAppealStart() (clockStart, bool) {
	docs := [2]struct {
		what              string
		received, printed Date
	}{
		{"the denial letter", r.c.Denial.Received, r.c.Denial.LetterDate},
		{"the EOB", r.c.EOB.Received, r.c.EOB.Date},
	}
	var best clockStart
	found := false
	for _, doc := range docs {
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
	return best, found
}

// planDecisions adds the plan's decision deadline of each pending internal
// appeal.
func (r *deadlineRun) planDecisions() {
	for _, l := range [...]Level{Level1, Level2} {
		if a, ok := r.lastAppeal(l); ok && !a.Filed.IsZero() && !r.decided(a) {
			r.planDecision(a)
		}
	}
}

func (r *deadlineRun) planDecision(a Appeal) {
	d := Deadline{
		Kind:  DeadlinePlanDecision,
		Level: a.Level,
		Title: r.insurer() + " must decide your level " + string(a.Level) + " appeal",
	}
	if r.c.Denial.Review == ReviewUrgent {
		d.Due, d.DueTime = r.hours72(a.Filed)
		d.Rule = "The plan must decide an urgent (expedited) appeal within 72 hours of receiving it, " +
			"whatever the number of appeal levels."
		d.Cite = "29 CFR 2560.503-1(i)(2)(i)"
		d.Note = "Counted from the start of " + a.Filed.Long() + ", the day you sent your appeal, so the 72 hours end at midnight at the end of " +
			d.Due.Long() + ". The plan's 72 hours start when it receives your appeal, so its real deadline may be a little later; " +
			"if you have no decision by then, call the plan."
		r.add(d)
		return
	}
	kind, one, two := "pre-service", 30, 15
	d.Cite = "29 CFR 2560.503-1(i)(2)(ii)"
	if r.c.Denial.Review == ReviewPostService {
		kind, one, two = "post-service", 60, 30
		d.Cite = "29 CFR 2560.503-1(i)(2)(iii)(A)"
	}
	d.Rule = "The plan must decide a " + kind + " appeal within " + strconv.Itoa(one) + " days of receiving it when it has one level of appeal, or " +
		strconv.Itoa(two) + " days for each level when it has two. The date is not moved for weekends or holidays."
	note := []string{"Counted from " + a.Filed.Long() + ", the day you sent your appeal. The plan's time starts when it receives it, " +
		"so its real deadline may be a few days later; if you have no decision by this date, call and follow up in writing."}
	if r.c.Denial.Review != ReviewPreService && r.c.Denial.Review != ReviewPostService {
		note = append(note, "Counted as a pre-service appeal, the shorter time, because the case does not say whether the care "+
			"had already been given; for care already given the plan has 60 days, or 30 for each of two levels.")
	}
	days := one
	if n, known := r.levels(); !known {
		days = two
		note = append(note, "Counted as if your plan has two levels of appeal ("+strconv.Itoa(two)+" days each), the shorter time; "+
			"with only one level it has "+strconv.Itoa(one)+" days. The plan's letters say how many levels it has.")
	} else if n == 2 {
		days = two
	}
	d.Due = a.Filed.AddDays(days)
	d.Note = strings.Join(note, " ")
	r.add(d)
}

// escalation adds what follows an adverse internal decision: the level 2
// prompt and the external review deadline.
func (r *deadlineRun) escalation() {
	if ext, ok := r.lastAppeal(LevelExternal); ok && r.filed(ext) {
		return
	}
	if l2, ok := r.lastAppeal(Level2); ok && r.filed(l2) {
		if r.adverse(l2) && !l2.DecisionReceived.IsZero() {
			r.externalReview(l2, "")
		}
		return
	}
	l1, ok := r.lastAppeal(Level1)
	if !ok || !r.adverse(l1) {
		return
	}
	n, known := r.levels()
	if !known || n == 2 {
		r.add(Deadline{
			Kind:  DeadlineInternalAppeal,
			Level: Level2,
			Title: "Send your level 2 appeal",
			Due:   r.today,
			Rule: "An employer plan may have up to two levels of internal appeal. No general rule sets the deadline " +
				"for the second level: the plan's level 1 decision letter gives it. Send it as soon as you can.",
			Cite: "29 CFR 2560.503-1(c)(2)(i)",
			Note: "Check the date printed on your level 1 decision letter and send your level 2 appeal before it.",
		})
	}
	if (!known || n == 1) && !l1.DecisionReceived.IsZero() {
		var note string
		if !known {
			note = "This is your deadline if your plan has only one level of internal appeal. If it has a second level, " +
				"send that first: your level 1 decision letter says which."
		}
		r.externalReview(l1, note)
	}
}

// externalReview adds the deadline to ask for external review after the
// final internal denial a.
func (r *deadlineRun) externalReview(a Appeal, extra string) {
	from := a.DecisionReceived
	fourth, fifth := addFourMonths(from)
	due := fourth
	for !isFederalWorkingDay(due) {
		due = due.AddDays(1)
	}
	note := []string{"Counted from " + from.Long() + ", the day you received the level " + string(a.Level) + " decision."}
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
	note = append(note, "Your final denial letter may print its own date: if it is earlier, use it.")
	if extra != "" {
		note = append(note, extra)
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
		Note: strings.Join(note, " "),
	})
}

// externalDecision adds the independent reviewer's decision deadline while
// an external review is pending.
func (r *deadlineRun) externalDecision() {
	a, ok := r.lastAppeal(LevelExternal)
	if !ok || a.Filed.IsZero() || r.decided(a) {
		return
	}
	d := Deadline{
		Kind:  DeadlineExternalDecision,
		Level: LevelExternal,
		Title: "The independent reviewer must decide your external review",
	}
	if r.c.Denial.Review == ReviewUrgent {
		d.Due, d.DueTime = r.hours72(a.Filed)
		d.Rule = "The independent reviewer must decide an expedited external review within 72 hours of receiving the request."
		d.Cite = "45 CFR 147.136(d)(3)(iv)"
		d.Note = "Counted from the start of " + a.Filed.Long() + ", the day you sent your request, so the 72 hours end at midnight at the end of " +
			d.Due.Long() + ". The reviewer's time starts when it receives the request, so its real deadline may be a little later."
	} else {
		d.Due = a.Filed.AddDays(45)
		d.Rule = "The independent reviewer must decide a standard external review within 45 days of receiving the request."
		d.Cite = "45 CFR 147.136(d)(2)(iii)"
		d.Note = "Counted from " + a.Filed.Long() + ", the day you sent your request. The reviewer's time starts when it receives it, " +
			"so its real deadline may be a few days later."
	}
	r.add(d)
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

// insurer is the insurer's name for a title, printable characters only,
// or "Your plan" when none is recorded.
func (r *deadlineRun) insurer() string {
	name := strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) {
			return r
		}
		return -1
	}, r.c.Insurer))
	if name == "" {
		return "Your plan"
	}
	return name
}
