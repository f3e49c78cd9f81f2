package workflow

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// dlAt returns noon UTC on date s.
func dlAt(t testing.TB, s string) time.Time {
	return dlDate(t, s).Time().Add(12 * time.Hour)
}

// dlCase returns an open employer case at step 5 with nothing dated.
func dlCase(levels int) *Case {
	c := NewCase(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), "Cigna")
	c.Plan = Plan{Type: PlanEmployer, Funding: FundingSelf, InternalLevels: levels}
	c.Step = StepFile
	c.Denial.Category = CategoryNotCovered
	c.Denial.Review = ReviewPostService
	return c
}

// dlOnly returns the single deadline of kind k (and level l when not "").
func dlOnly(t *testing.T, ds []Deadline, k DeadlineKind, l Level) Deadline {
	t.Helper()
	var found []Deadline
	for _, d := range ds {
		if d.Kind == k && (l == "" || d.Level == l) {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one %s deadline (level %q), got %d in %+v", k, l, len(found), ds)
	}
	return found[0]
}

func dlKinds(ds []Deadline) []string {
	var out []string
	for _, d := range ds {
		out = append(out, string(d.Kind)+"/"+string(d.Level))
	}
	return out
}

func TestAddFourMonths(t *testing.T) {
	tests := []struct {
		from, want string
		fifth      bool
	}{
		{"2026-10-30", "2027-03-01", true},  // the rule's own example
		{"2026-10-31", "2027-03-01", true},  // no February 31
		{"2026-11-30", "2027-03-30", false}, // March has a 30th
		{"2027-10-29", "2028-02-29", false}, // leap year: February 29 exists
		{"2026-10-29", "2027-03-01", true},  // common year: no February 29
		{"2025-10-28", "2026-02-28", false},
		{"2026-12-31", "2027-05-01", true}, // no April 31
		{"2026-05-31", "2026-10-01", true}, // no September 31
		{"2026-08-31", "2026-12-31", false},
		{"2026-09-30", "2027-01-30", false},
		{"2026-01-15", "2026-05-15", false},
	}
	for _, tt := range tests {
		got, fifth := addFourMonths(dlDate(t, tt.from))
		if got.String() != tt.want || fifth != tt.fifth {
			t.Errorf("addFourMonths(%s) = %s, %v; want %s, %v", tt.from, got, fifth, tt.want, tt.fifth)
		}
	}
}

func TestExternalReviewDeadline(t *testing.T) {
	tests := []struct {
		name, received, want string
		note                 string // a phrase the note must hold
	}{
		{"plain day", "2026-01-15", "2026-05-15", "Counted from January 15, 2026"},
		{"Oct 30 to Mar 1", "2026-10-30", "2027-03-01", "There is no February 30"},
		{"leap year Feb 29", "2027-10-29", "2028-02-29", ""},
		{"common year: no Feb 29", "2026-10-29", "2027-03-01", "There is no February 29"},
		{"Saturday moves to Monday", "2026-02-06", "2026-06-08", "Saturday, June 6, 2026, a weekend day"},
		{"Christmas on a Friday moves past the weekend", "2026-08-25", "2026-12-28", "Christmas Day, a federal holiday"},
		{"Thanksgiving moves to the Friday after", "2026-07-26", "2026-11-27", "Thanksgiving Day"},
		{"observed Friday for a Saturday July 4 is no extension", "2026-03-03", "2026-07-03", "in place of Independence Day"},
		{"Sunday July 4 moves to the observed Monday and no further", "2027-03-04", "2027-07-05", "in place of Independence Day"},
		{"Saturday, Sunday, then Memorial Day", "2026-01-23", "2026-05-26", "Memorial Day"},
		{"fifth-month rule then a Sunday", "2025-10-31", "2026-03-02", "There is no February 31"},
		{"New Year's Day on a Friday", "2026-09-01", "2027-01-04", "New Year's Day"},
		{"Martin Luther King Jr.'s Birthday", "2026-09-18", "2027-01-19", "Martin Luther King"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dlCase(1)
			c.Appeals = []Appeal{{Level: Level1, Filed: dlDate(t, "2025-06-01"), Decision: DecisionUpheld,
				DecisionReceived: dlDate(t, tt.received)}}
			d := dlOnly(t, Deadlines(c, dlAt(t, tt.received)), DeadlineExternalReview, LevelExternal)
			if d.Due.String() != tt.want {
				t.Errorf("due %s, want %s (note: %s)", d.Due, tt.want, d.Note)
			}
			if !strings.Contains(d.Note, tt.note) {
				t.Errorf("note %q lacks %q", d.Note, tt.note)
			}
			if !IsFederalHoliday(d.Due) && d.Due.Weekday() != time.Saturday && d.Due.Weekday() != time.Sunday {
				return
			}
			t.Errorf("due %s is not a working day", d.Due)
		})
	}
}

func TestExternalReviewRuleAndCite(t *testing.T) {
	c := dlCase(2)
	c.Appeals = []Appeal{
		{Level: Level1, Filed: dlDate(t, "2026-01-05"), Decision: DecisionUpheld, DecisionReceived: dlDate(t, "2026-02-20")},
		{Level: Level2, Filed: dlDate(t, "2026-03-01"), Decision: DecisionPartlyOverturned, DecisionReceived: dlDate(t, "2026-03-20")},
	}
	ds := Deadlines(c, dlAt(t, "2026-03-21"))
	if len(ds) != 1 {
		t.Fatalf("want only the external review deadline, got %v", dlKinds(ds))
	}
	d := ds[0]
	if d.Due.String() != "2026-07-20" || d.Cite != "45 CFR 147.136(d)(2)(i); 5 U.S.C. 6103(a)" {
		t.Errorf("got due %s cite %q", d.Due, d.Cite)
	}
	if !strings.Contains(d.Note, "level 2 decision") || !strings.Contains(d.Rule, "4 months") {
		t.Errorf("rule %q / note %q", d.Rule, d.Note)
	}
	if d.DaysLeft != 121 || d.State != StateOK {
		t.Errorf("days left %d state %s", d.DaysLeft, d.State)
	}
}

func TestInternalAppealDeadline(t *testing.T) {
	tests := []struct {
		name                   string
		denialRecv, denialDate string
		eobRecv, eobDate       string
		want                   string
		note                   []string
	}{
		{name: "received, weekday", denialRecv: "2026-01-10", want: "2026-07-09",
			note: []string{"Counted from January 10, 2026, the day you received the denial letter."}},
		{name: "day 180 on a Saturday: file by Friday", denialRecv: "2025-11-03", want: "2026-05-01",
			note: []string{"Day 180 is Saturday, May 2, 2026", "not moved", "file by Friday, May 1, 2026"}},
		{name: "day 180 on a Sunday", eobRecv: "2026-09-01", want: "2027-02-26",
			note: []string{"the EOB", "Sunday, February 28, 2027", "Friday, February 26, 2027"}},
		{name: "day 180 on Christmas", denialRecv: "2025-06-28", want: "2025-12-24",
			note: []string{"Christmas Day", "Wednesday, December 24, 2025"}},
		{name: "day 180 on Memorial Day", denialRecv: "2025-11-26", want: "2026-05-22",
			note: []string{"Memorial Day", "Friday, May 22, 2026"}},
		{name: "only the printed date", denialDate: "2026-01-10", want: "2026-07-09",
			note: []string{"the date printed on the denial letter", "have not entered the day you received it", "File by this date"}},
		{name: "received date beats printed date", denialRecv: "2026-01-14", denialDate: "2026-01-10", want: "2026-07-13",
			note: []string{"the day you received the denial letter"}},
		{name: "earlier EOB wins", denialRecv: "2026-02-01", eobRecv: "2026-01-10", want: "2026-07-09",
			note: []string{"the day you received the EOB"}},
		{name: "earlier printed EOB date wins over a later received letter", denialRecv: "2026-02-01", eobDate: "2026-01-10", want: "2026-07-09",
			note: []string{"the date printed on the EOB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dlCase(1)
			c.Denial.Received, _ = ParseDate(tt.denialRecv)
			c.Denial.LetterDate, _ = ParseDate(tt.denialDate)
			c.EOB.Received, _ = ParseDate(tt.eobRecv)
			c.EOB.Date, _ = ParseDate(tt.eobDate)
			d := dlOnly(t, Deadlines(c, dlAt(t, "2025-06-01")), DeadlineInternalAppeal, Level1)
			if d.Due.String() != tt.want {
				t.Errorf("due %s, want %s (note: %s)", d.Due, tt.want, d.Note)
			}
			for _, n := range tt.note {
				if !strings.Contains(d.Note, n) {
					t.Errorf("note %q lacks %q", d.Note, n)
				}
			}
			if d.Cite != "29 CFR 2560.503-1(h)(3)(i)" || !strings.Contains(d.Rule, "180 days") ||
				!strings.Contains(d.Rule, "check the date printed on your own letter") {
				t.Errorf("rule %q cite %q", d.Rule, d.Cite)
			}
		})
	}
}

func TestInternalAppealClosesWhenFiled(t *testing.T) {
	c := dlCase(1)
	c.Denial.Received = dlDate(t, "2026-01-10")
	c.Appeals = []Appeal{{Level: Level1, Filed: dlDate(t, "2026-02-01"), Decision: DecisionPending}}
	ds := Deadlines(c, dlAt(t, "2026-02-02"))
	for _, d := range ds {
		if d.Kind == DeadlineInternalAppeal {
			t.Fatalf("internal appeal deadline still open after filing: %+v", d)
		}
	}
	dlOnly(t, ds, DeadlinePlanDecision, Level1)
}

// TestUnknownPlanTypeWarnsOfMedicareAdvantage: with the plan type unknown
// the 180-day rule is shown, and the note warns that a Medicare Advantage
// plan allows only 65 days.
func TestUnknownPlanTypeWarnsOfMedicareAdvantage(t *testing.T) {
	for _, pt := range []PlanType{PlanUnknown, PlanUnknownStated, PlanEmployer} {
		c := dlCase(1)
		c.Plan.Type = pt
		c.Denial.Received = dlDate(t, "2026-01-10")
		d := dlOnly(t, Deadlines(c, dlAt(t, "2026-01-11")), DeadlineInternalAppeal, Level1)
		if warned := strings.Contains(d.Note, "Medicare Advantage plan allows only 65 days"); warned != (pt != PlanEmployer) {
			t.Errorf("plan type %q: note %q", pt, d.Note)
		}
	}
}

func TestNoDateNoDeadline(t *testing.T) {
	if ds := Deadlines(dlCase(1), dlAt(t, "2026-02-02")); len(ds) != 0 {
		t.Fatalf("a case with no dates has deadlines: %+v", ds)
	}
}

func TestDeadlineStates(t *testing.T) {
	c := dlCase(1)
	c.Denial.Received = dlDate(t, "2026-01-10") // due 2026-07-09
	tests := []struct {
		now   string
		left  int
		state DeadlineState
	}{
		{"2026-06-23", 16, StateOK},
		{"2026-06-24", 15, StateOK},
		{"2026-06-25", 14, StateSoon},
		{"2026-07-08", 1, StateSoon},
		{"2026-07-09", 0, StateDueToday},
		{"2026-07-10", -1, StateOverdue},
		{"2026-09-01", -54, StateOverdue},
	}
	for _, tt := range tests {
		d := dlOnly(t, Deadlines(c, dlAt(t, tt.now)), DeadlineInternalAppeal, Level1)
		if d.DaysLeft != tt.left || d.State != tt.state {
			t.Errorf("at %s: %d days %s, want %d %s", tt.now, d.DaysLeft, d.State, tt.left, tt.state)
		}
	}
}

func TestTodayIsInNowsLocation(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	c := dlCase(1)
	c.Denial.Received = dlDate(t, "2026-01-10") // due 2026-07-09
	// 23:30 on July 9 in Los Angeles is already July 10 in UTC.
	d := dlOnly(t, Deadlines(c, time.Date(2026, 7, 9, 23, 30, 0, 0, la)), DeadlineInternalAppeal, Level1)
	if d.State != StateDueToday || d.DaysLeft != 0 {
		t.Errorf("late evening of the last day: %d days %s, want due today", d.DaysLeft, d.State)
	}
}

func TestPlanDecisionDeadline(t *testing.T) {
	tests := []struct {
		name     string
		plan     PlanType
		levels   int
		review   Review
		level    Level
		filed    string
		want     string
		cite     string
		noteHas  string
		hours    bool
		rulePart string
		received string // the day the plan received the appeal, when known
	}{
		{name: "pre-service, one level: 30 days", levels: 1, review: ReviewPreService, level: Level1, filed: "2026-03-02",
			want: "2026-04-01", cite: "29 CFR 2560.503-1(i)(2)(ii)", rulePart: "30 days"},
		{name: "pre-service, two levels: 15 days", levels: 2, review: ReviewPreService, level: Level1, filed: "2026-03-02",
			want: "2026-03-17", cite: "29 CFR 2560.503-1(i)(2)(ii)", rulePart: "15 days for each level"},
		{name: "post-service, one level: 60 days", levels: 1, review: ReviewPostService, level: Level1, filed: "2026-03-02",
			want: "2026-05-01", cite: "29 CFR 2560.503-1(i)(2)(iii)(A)", rulePart: "60 days"},
		{name: "post-service, two levels, level 2: 30 days", levels: 2, review: ReviewPostService, level: Level2, filed: "2026-03-02",
			want: "2026-04-01", cite: "29 CFR 2560.503-1(i)(2)(iii)(A)", rulePart: "30 days for each level"},
		{name: "ending on a Saturday: not moved", levels: 2, review: ReviewPostService, level: Level1, filed: "2026-03-05",
			want: "2026-04-04", cite: "29 CFR 2560.503-1(i)(2)(iii)(A)"},
		{name: "ending on Memorial Day: not moved", levels: 1, review: ReviewPreService, level: Level1, filed: "2026-04-25",
			want: "2026-05-25", cite: "29 CFR 2560.503-1(i)(2)(ii)"},
		{name: "unknown levels: the two-level figure", levels: 0, review: ReviewPostService, level: Level1, filed: "2026-03-02",
			want: "2026-04-01", cite: "29 CFR 2560.503-1(i)(2)(iii)(A)", noteHas: "as if your plan has two levels"},
		{name: "individual coverage has one level", plan: PlanIndividual, review: ReviewPostService, level: Level1, filed: "2026-03-02",
			want: "2026-05-01", cite: "29 CFR 2560.503-1(i)(2)(iii)(A)"},
		{name: "unknown review: the pre-service figure", levels: 1, level: Level1, filed: "2026-03-02",
			want: "2026-04-01", cite: "29 CFR 2560.503-1(i)(2)(ii)", noteHas: "Counted as a pre-service appeal"},
		{name: "urgent, one level: 72 hours", levels: 1, review: ReviewUrgent, level: Level1, filed: "2026-03-02",
			want: "2026-03-04", cite: "29 CFR 2560.503-1(i)(2)(i)", hours: true, rulePart: "72 hours"},
		{name: "urgent, two levels: still 72 hours", levels: 2, review: ReviewUrgent, level: Level2, filed: "2026-03-02",
			want: "2026-03-04", cite: "29 CFR 2560.503-1(i)(2)(i)", hours: true},
		{name: "counted from the plan's receipt when known", levels: 1, review: ReviewPostService, level: Level1,
			filed: "2026-03-02", received: "2026-03-06", want: "2026-05-05", cite: "29 CFR 2560.503-1(i)(2)(iii)(A)",
			noteHas: "the day the plan received your appeal"},
		{name: "urgent, from receipt", levels: 1, review: ReviewUrgent, level: Level1, filed: "2026-03-02", received: "2026-03-03",
			want: "2026-03-05", cite: "29 CFR 2560.503-1(i)(2)(i)", hours: true, noteHas: "the day the plan received your appeal"},
		{name: "ongoing care: the pre-service figure", levels: 1, review: ReviewConcurrent, level: Level1, filed: "2026-03-02",
			want: "2026-04-01", cite: "29 CFR 2560.503-1(i)(2)(ii)", noteHas: "Ongoing care is counted as care not yet given"},
		{name: "individual coverage recorded with two levels has one", plan: PlanIndividual, levels: 2, review: ReviewPreService,
			level: Level1, filed: "2026-03-02", want: "2026-04-01", cite: "29 CFR 2560.503-1(i)(2)(ii)", rulePart: "30 days"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dlCase(tt.levels)
			if tt.plan != "" {
				c.Plan.Type = tt.plan
			}
			c.Denial.Review = tt.review
			c.Denial.Received = dlDate(t, "2026-01-10")
			if tt.level == Level2 {
				c.Appeals = append(c.Appeals, Appeal{Level: Level1, Filed: dlDate(t, "2026-01-20"),
					Decision: DecisionUpheld, DecisionReceived: dlDate(t, "2026-02-20")})
			}
			a := Appeal{Level: tt.level, Filed: dlDate(t, tt.filed), Decision: DecisionPending}
			if tt.received != "" {
				a.Received = dlDate(t, tt.received)
			}
			c.Appeals = append(c.Appeals, a)
			ds := Deadlines(c, dlAt(t, tt.filed))
			d := dlOnly(t, ds, DeadlinePlanDecision, tt.level)
			if len(ds) != 1 {
				t.Errorf("want only the plan decision, got %v", dlKinds(ds))
			}
			if d.Due.String() != tt.want || d.Cite != tt.cite {
				t.Errorf("due %s cite %q, want %s %q", d.Due, d.Cite, tt.want, tt.cite)
			}
			if tt.hours != !d.DueTime.IsZero() {
				t.Errorf("DueTime %v, counted in hours: %v", d.DueTime, tt.hours)
			}
			if !strings.Contains(d.Note, tt.noteHas) || !strings.Contains(d.Rule, tt.rulePart) {
				t.Errorf("rule %q note %q", d.Rule, d.Note)
			}
			from := "the day you sent your appeal"
			if tt.received != "" {
				from = "the day the plan received your appeal"
			}
			if !strings.Contains(d.Note, from) || !strings.HasPrefix(d.Title, "Your plan must decide your level "+string(tt.level)) {
				t.Errorf("title %q note %q", d.Title, d.Note)
			}
		})
	}
}

func TestUrgentCountedInHours(t *testing.T) {
	la, err := time.LoadLocation("America/Chicago")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	c := dlCase(1)
	c.Denial.Review = ReviewUrgent
	c.Appeals = []Appeal{{Level: Level1, Filed: dlDate(t, "2026-03-02"), Decision: DecisionPending}}
	end := time.Date(2026, 3, 5, 0, 0, 0, 0, la)
	tests := []struct {
		now   time.Time
		left  int
		state DeadlineState
	}{
		{time.Date(2026, 3, 2, 9, 0, 0, 0, la), 2, StateSoon},
		{time.Date(2026, 3, 3, 23, 59, 0, 0, la), 1, StateSoon},
		{time.Date(2026, 3, 4, 0, 0, 0, 0, la), 0, StateDueToday},
		{end.Add(-time.Second), 0, StateDueToday},
		{end, -1, StateOverdue},
		{end.Add(30 * time.Hour), -2, StateOverdue},
	}
	for _, tt := range tests {
		d := dlOnly(t, Deadlines(c, tt.now), DeadlinePlanDecision, Level1)
		if !d.DueTime.Equal(end) || d.Due.String() != "2026-03-04" {
			t.Fatalf("DueTime %v due %s, want %v 2026-03-04", d.DueTime, d.Due, end)
		}
		if d.DaysLeft != tt.left || d.State != tt.state {
			t.Errorf("at %v: %d days %s, want %d %s", tt.now, d.DaysLeft, d.State, tt.left, tt.state)
		}
	}
}

func TestAfterLevel1Upheld(t *testing.T) {
	l1 := Appeal{Level: Level1, Filed: dlDate(t, "2026-01-20"), Decision: DecisionUpheld, DecisionReceived: dlDate(t, "2026-02-20")}
	now := dlAt(t, "2026-02-21")
	t.Run("one level: external review only", func(t *testing.T) {
		c := dlCase(1)
		c.Appeals = []Appeal{l1}
		ds := Deadlines(c, now)
		if len(ds) != 1 || ds[0].Kind != DeadlineExternalReview || ds[0].Due.String() != "2026-06-22" {
			t.Fatalf("got %+v", ds)
		}
	})
	t.Run("two levels, no date entered: an undated action, no deadline", func(t *testing.T) {
		c := dlCase(2)
		c.Appeals = []Appeal{l1}
		if ds := Deadlines(c, now); len(ds) != 0 {
			t.Fatalf("got %v: the level 2 date comes from the decision letter, never from today", dlKinds(ds))
		}
		acts := NextActions(c, testRef, now)
		i := findAction(acts, "level 2 appeal")
		if i < 0 || acts[i].Field != "appeals[0].appeal_by" || !acts[i].Due.IsZero() {
			t.Fatalf("no undated level 2 action asking for the date:%s", texts(acts))
		}
	})
	t.Run("two levels, date entered: a deadline on it", func(t *testing.T) {
		c := dlCase(2)
		withDate := l1
		withDate.AppealBy = dlDate(t, "2026-04-21")
		c.Appeals = []Appeal{withDate}
		for _, at := range []string{"2026-02-21", "2026-03-30"} {
			d := dlOnly(t, Deadlines(c, dlAt(t, at)), DeadlineInternalAppeal, Level2)
			if d.Due.String() != "2026-04-21" || d.Cite != "29 CFR 2560.503-1(c)(2), (h)(3)" {
				t.Errorf("at %s: level 2 deadline %+v", at, d)
			}
		}
	})
	t.Run("unknown levels: external review with a note, level 2 as an action", func(t *testing.T) {
		c := dlCase(0)
		c.Appeals = []Appeal{l1}
		ds := Deadlines(c, now)
		if len(ds) != 1 {
			t.Fatalf("got %v", dlKinds(ds))
		}
		ext := dlOnly(t, ds, DeadlineExternalReview, LevelExternal)
		if !strings.Contains(ext.Note, "only one level") {
			t.Errorf("external note %q", ext.Note)
		}
		if i := findAction(NextActions(c, testRef, now), "level 2 appeal"); i < 0 {
			t.Error("no level 2 action")
		}
	})
	t.Run("individual coverage recorded with two levels: external review", func(t *testing.T) {
		c := dlCase(2)
		c.Plan.Type = PlanIndividual
		c.Appeals = []Appeal{l1}
		dlOnly(t, Deadlines(c, now), DeadlineExternalReview, LevelExternal)
	})
	t.Run("one level, a level 2 appeal sent anyway: the time still runs from level 1", func(t *testing.T) {
		c := dlCase(2)
		c.Plan.Type = PlanIndividual
		l2 := Appeal{Level: Level2, Filed: dlDate(t, "2026-03-01")}
		c.Appeals = []Appeal{l1, l2}
		d := dlOnly(t, Deadlines(c, now), DeadlineExternalReview, LevelExternal)
		if d.Due.String() != "2026-06-22" {
			t.Errorf("external review %s, want 4 months from the level 1 decision (2026-06-20, a Saturday)", d.Due)
		}
		l2.Decision, l2.DecisionReceived = DecisionUpheld, dlDate(t, "2026-04-01")
		c.Appeals = []Appeal{l1, l2}
		if d := dlOnly(t, Deadlines(c, now), DeadlineExternalReview, LevelExternal); d.Due.String() != "2026-06-22" {
			t.Errorf("a second decision moved the deadline to %s", d.Due)
		}
		l2.Decision = DecisionOverturned
		c.Appeals = []Appeal{l1, l2}
		if ds := Deadlines(c, now); len(ds) != 0 {
			t.Errorf("the plan paid on reconsideration, yet %v", dlKinds(ds))
		}
	})
	t.Run("one level, only the printed date: counted from it", func(t *testing.T) {
		c := dlCase(1)
		printed := l1
		printed.DecisionReceived, printed.DecisionDate = Date{}, dlDate(t, "2026-02-17")
		c.Appeals = []Appeal{printed}
		d := dlOnly(t, Deadlines(c, now), DeadlineExternalReview, LevelExternal)
		if d.Due.String() != "2026-06-17" || !strings.Contains(d.Note, "the date printed on the level 1 decision") {
			t.Errorf("external review %+v", d)
		}
	})
	t.Run("one level, no decision date at all: the earliest reading, and an action asks for it", func(t *testing.T) {
		c := dlCase(1)
		undated := l1
		undated.DecisionReceived = Date{}
		c.Appeals = []Appeal{undated}
		d := dlOnly(t, Deadlines(c, now), DeadlineExternalReview, LevelExternal)
		if d.Due.String() != "2026-05-20" || !strings.Contains(d.Note, "the day you sent your level 1 appeal") ||
			!strings.Contains(d.Note, "earliest") {
			t.Errorf("external review counted from the appeal's sending: %+v", d)
		}
		undated.Received = dlDate(t, "2026-01-23")
		c.Appeals = []Appeal{undated}
		if d := dlOnly(t, Deadlines(c, now), DeadlineExternalReview, LevelExternal); d.Due.String() != "2026-05-26" {
			t.Errorf("external review counted from the appeal's receipt: %+v", d)
		}
		acts := NextActions(c, testRef, now)
		if i := findAction(acts, "Enter the day you received the level 1 appeal decision"); i < 0 || acts[i].Field != "appeals[0].decision_received" {
			t.Fatalf("no action for the decision's date:%s", texts(acts))
		}
	})
	t.Run("exhausted or closed: the external review deadline still runs", func(t *testing.T) {
		for _, st := range []Status{StatusExhausted, StatusClosed} {
			c := dlCase(1)
			c.Appeals = []Appeal{l1}
			c.Status = st
			dlOnly(t, Deadlines(c, now), DeadlineExternalReview, LevelExternal)
			if i := findAction(NextActions(c, testRef, now), "external review"); i < 0 {
				t.Errorf("%s: no external review action", st)
			}
		}
	})
	t.Run("overturned: nothing left", func(t *testing.T) {
		c := dlCase(0)
		won := l1
		won.Decision = DecisionOverturned
		c.Appeals = []Appeal{won}
		if ds := Deadlines(c, now); len(ds) != 0 {
			t.Fatalf("got %v", dlKinds(ds))
		}
	})
	t.Run("level 2 pending: its decision only", func(t *testing.T) {
		c := dlCase(2)
		c.Appeals = []Appeal{l1, {Level: Level2, Filed: dlDate(t, "2026-02-25"), Decision: DecisionPending}}
		ds := Deadlines(c, now)
		if len(ds) != 1 || ds[0].Kind != DeadlinePlanDecision || ds[0].Level != Level2 || ds[0].Due.String() != "2026-03-27" {
			t.Fatalf("got %+v", ds)
		}
	})
}

func TestExternalDecision(t *testing.T) {
	base := []Appeal{
		{Level: Level1, Filed: dlDate(t, "2026-01-20"), Decision: DecisionUpheld, DecisionReceived: dlDate(t, "2026-02-20")},
		{Level: LevelExternal, Filed: dlDate(t, "2026-03-02"), Decision: DecisionPending},
	}
	c := dlCase(1)
	c.Appeals = base
	ds := Deadlines(c, dlAt(t, "2026-03-03"))
	d := dlOnly(t, ds, DeadlineExternalDecision, LevelExternal)
	if len(ds) != 1 || d.Due.String() != "2026-04-16" || d.Cite != "45 CFR 147.136(d)(2)(iii)" || !d.DueTime.IsZero() {
		t.Errorf("standard: %v %+v", dlKinds(ds), d)
	}
	c.Denial.Review = ReviewUrgent
	d = dlOnly(t, Deadlines(c, dlAt(t, "2026-03-03")), DeadlineExternalDecision, LevelExternal)
	if d.Due.String() != "2026-03-04" || d.Cite != "45 CFR 147.136(d)(3)(iv)" || d.DueTime.IsZero() {
		t.Errorf("expedited: %+v", d)
	}
	c.Denial.Review = ReviewPostService
	c.Appeals[1].Received = dlDate(t, "2026-03-06")
	if d := dlOnly(t, Deadlines(c, dlAt(t, "2026-03-07")), DeadlineExternalDecision, LevelExternal); d.Due.String() != "2026-04-20" ||
		strings.Contains(d.Note, "sent") {
		t.Errorf("counted from the reviewer's receipt: %+v", d)
	}
	c.Appeals[1].Decision = DecisionUpheld
	if ds := Deadlines(c, dlAt(t, "2026-03-03")); len(ds) != 0 {
		t.Errorf("decided external review still has %v", dlKinds(ds))
	}
}

// TestPeerToPeer: a peer-to-peer review is suggested only for a denial of
// care still to come or going on, within about 14 days of the denial and
// before any appeal, addressed to the treating clinician; it is an
// action, never a dated deadline (rules.md, version 2).
func TestPeerToPeer(t *testing.T) {
	tests := []struct {
		name     string
		review   Review
		category Category
		reviewer Reviewer
		today    string
		filed    bool
		want     bool
	}{
		{"pre-service medical necessity, 5 days", ReviewPreService, CategoryMedicalNecessity, ReviewerInsurer, "2026-03-07", false, true},
		{"ongoing care, 14 days", ReviewConcurrent, CategoryMedicalNecessity, ReviewerInsurer, "2026-03-16", false, true},
		{"urgent, delegate, any category", ReviewUrgent, CategoryNotCovered, ReviewerDelegate, "2026-03-03", false, true},
		{"pre-service prior auth", ReviewPreService, CategoryPriorAuth, ReviewerInsurer, "2026-03-10", false, true},
		{"post-service: never", ReviewPostService, CategoryMedicalNecessity, ReviewerInsurer, "2026-03-03", false, false},
		{"15 days after the denial", ReviewPreService, CategoryMedicalNecessity, ReviewerInsurer, "2026-03-17", false, false},
		{"network denial", ReviewPreService, CategoryNetwork, ReviewerInsurer, "2026-03-03", false, false},
		{"appeal filed", ReviewPreService, CategoryMedicalNecessity, ReviewerInsurer, "2026-03-12", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dlCase(1)
			c.Denial.Review, c.Denial.Category, c.Denial.Reviewer = tt.review, tt.category, tt.reviewer
			c.Denial.LetterDate = dlDate(t, "2026-03-02")
			c.Physician.Name = "Dr. Lena Ortiz"
			if tt.filed {
				c.Appeals = []Appeal{{Level: Level1, Filed: dlDate(t, "2026-03-10"), Decision: DecisionPending}}
			}
			now := dlAt(t, tt.today)
			for _, d := range Deadlines(c, now) {
				if strings.Contains(strings.ToLower(d.Title+d.Rule), "peer-to-peer") {
					t.Errorf("a peer-to-peer review is a dated deadline: %+v", d)
				}
			}
			acts := NextActions(c, testRef, now)
			i := findAction(acts, "peer-to-peer")
			if (i >= 0) != tt.want {
				t.Fatalf("peer-to-peer action present %v, want %v:%s", i >= 0, tt.want, texts(acts))
			}
			if i >= 0 && (!acts[i].Urgent || !acts[i].Due.IsZero() || !strings.HasPrefix(acts[i].Text, "Ask Dr. Lena Ortiz to request")) {
				t.Errorf("peer-to-peer action %+v", acts[i])
			}
		})
	}
}

func TestMostUrgentFirst(t *testing.T) {
	c := dlCase(0)
	c.Step = StepCall
	c.Denial.Category = CategoryMedicalNecessity
	c.Denial.Received = dlDate(t, "2026-01-10")
	c.Denial.Review = ReviewUrgent
	c.Appeals = []Appeal{
		{Level: Level1, Filed: dlDate(t, "2026-01-11"), Decision: DecisionUpheld, DecisionReceived: dlDate(t, "2026-01-13")},
		{Level: LevelExternal, Filed: dlDate(t, "2026-01-14"), Decision: DecisionPending},
		{Level: Level2, Filed: dlDate(t, "2026-01-13"), Decision: DecisionPending},
	}
	ds := Deadlines(c, dlAt(t, "2026-01-14"))
	if got := strings.Join(dlKinds(ds), " "); got != "plan-decision/2 external-decision/external" {
		t.Fatalf("order %s", got)
	}
	next, ok := NextDeadline(c, dlAt(t, "2026-01-14"))
	if !ok || next.Kind != DeadlinePlanDecision || next.Due.String() != "2026-01-15" {
		t.Errorf("next %+v %v", next, ok)
	}
}

func TestNoDeadlinesWhenNotOpen(t *testing.T) {
	for _, tt := range []struct {
		status Status
		plan   PlanType
	}{
		{StatusClosed, PlanEmployer},
		{StatusResolved, PlanEmployer},
		{StatusExhausted, PlanEmployer},
		{StatusOpen, PlanGovernment},
		{StatusOpen, PlanMedicareAdvantage}, // no notice date: nothing to count from
	} {
		c := dlCase(1)
		c.Status, c.Plan.Type = tt.status, tt.plan
		c.Denial.Received = dlDate(t, "2026-01-10")
		c.Denial.Category = CategoryMedicalNecessity
		c.Step = StepEOB
		if ds := Deadlines(c, dlAt(t, "2026-01-12")); len(ds) != 0 {
			t.Errorf("%s %s: %v", tt.status, tt.plan, dlKinds(ds))
		}
		if _, ok := NextDeadline(c, dlAt(t, "2026-01-12")); ok {
			t.Errorf("%s %s: NextDeadline found one", tt.status, tt.plan)
		}
	}
	if ds := Deadlines(nil, dlAt(t, "2026-01-12")); ds != nil {
		t.Errorf("nil case: %v", ds)
	}
}

// TestTitlesNameNoInsurer: a deadline's title never carries the case's
// own text (an insurer typed in lower case, or with escapes): the plan is
// "your plan".
func TestTitlesNameNoInsurer(t *testing.T) {
	c := dlCase(1)
	for _, name := range []string{"cigna", "Ci\x1b[31mgna\u202e", " "} {
		c.Insurer = name
		c.Appeals = []Appeal{{Level: Level1, Filed: dlDate(t, "2026-03-02"), Decision: DecisionPending}}
		d := dlOnly(t, Deadlines(c, dlAt(t, "2026-03-03")), DeadlinePlanDecision, Level1)
		if d.Title != "Your plan must decide your level 1 appeal" {
			t.Errorf("%q: title %q", name, d.Title)
		}
	}
}

// BenchmarkDeadlines computes all the deadlines of full cases in three
// stages: before any appeal (the internal appeal, from a printed date on
// a weekend), after an adverse level 1 decision in a plan of unknown
// levels (external review, with the fifth-month rule and a weekend move),
// and with an urgent level 2 appeal and an expedited external review
// pending at once. Budget: 20 µs each.
func BenchmarkDeadlines(b *testing.B) {
	now := time.Date(2026, 1, 16, 15, 0, 0, 0, time.UTC)
	before := dlCase(0)
	before.Step = StepCall
	before.Denial.Category = CategoryMedicalNecessity
	before.Denial.Reviewer = ReviewerDelegate
	before.Denial.LetterDate = NewDate(2025, 11, 3)
	before.EOB.Date = NewDate(2025, 11, 4)

	afterLevel1 := dlCase(0)
	afterLevel1.Denial.Received = NewDate(2025, 8, 1)
	afterLevel1.Appeals = []Appeal{{Level: Level1, Filed: NewDate(2025, 9, 2), Decision: DecisionUpheld,
		DecisionReceived: NewDate(2025, 10, 31)}}

	pending := dlCase(0)
	pending.Denial.Category = CategoryMedicalNecessity
	pending.Denial.Review = ReviewUrgent
	pending.Denial.Received = NewDate(2026, 1, 8)
	pending.Appeals = []Appeal{
		{Level: Level1, Filed: NewDate(2026, 1, 9), Decision: DecisionUpheld, DecisionReceived: NewDate(2026, 1, 12)},
		{Level: Level2, Filed: NewDate(2026, 1, 14), Decision: DecisionPending},
		{Level: LevelExternal, Filed: NewDate(2026, 1, 14), Decision: DecisionPending},
	}
	for _, bc := range []struct {
		name string
		c    *Case
		want int
	}{{"before-appeal", before, 1}, {"after-level-1", afterLevel1, 1}, {"urgent-pending", pending, 2}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if n := len(Deadlines(bc.c, now)); n != bc.want {
					b.Fatalf("%d deadlines, want %d", n, bc.want)
				}
			}
		})
	}
}

// TestDeadlineDaysAreWorkingDays checks every start day from 2024 to 2030:
// the external review deadline is the first working day on or after the
// four-month date, and the internal appeal deadline is the last working
// day on or before day 180.
func TestDeadlineDaysAreWorkingDays(t *testing.T) {
	for from := NewDate(2024, 1, 1); from.Year() <= 2030; from = from.AddDays(1) {
		c := dlCase(1)
		c.Denial.Received = from
		in := dlOnly(t, Deadlines(c, from.Time()), DeadlineInternalAppeal, Level1)
		day180 := from.AddDays(180)
		if !isFederalWorkingDay(in.Due) || in.Due.After(day180) || day180.DaysUntil(in.Due) < -4 {
			t.Fatalf("received %s: internal due %s, day 180 %s", from, in.Due, day180)
		}
		for d := in.Due.AddDays(1); !d.After(day180); d = d.AddDays(1) {
			if isFederalWorkingDay(d) {
				t.Fatalf("received %s: internal due %s, but %s is a working day before day 180", from, in.Due, d)
			}
		}

		c.Appeals = []Appeal{{Level: Level1, Filed: from, Decision: DecisionUpheld, DecisionReceived: from}}
		ext := dlOnly(t, Deadlines(c, from.Time()), DeadlineExternalReview, LevelExternal)
		fourth, _ := addFourMonths(from)
		if !isFederalWorkingDay(ext.Due) || ext.Due.Before(fourth) || fourth.DaysUntil(ext.Due) > 4 {
			t.Fatalf("received %s: external due %s, four months %s", from, ext.Due, fourth)
		}
		for d := fourth; d.Before(ext.Due); d = d.AddDays(1) {
			if isFederalWorkingDay(d) {
				t.Fatalf("received %s: external due %s, but %s is a working day", from, ext.Due, d)
			}
		}
		if m := (int(from.Month())+3)%12 + 1; int(fourth.Month()) != m && (fourth.Day() != 1 || int(fourth.Month()) != m%12+1) {
			t.Fatalf("received %s: four months is %s", from, fourth)
		}
	}
}

func TestDeadlineJSON(t *testing.T) {
	c := dlCase(1)
	c.Denial.Review = ReviewUrgent
	c.Appeals = []Appeal{{Level: Level1, Filed: dlDate(t, "2026-03-02"), Decision: DecisionPending}}
	d := dlOnly(t, Deadlines(c, dlAt(t, "2026-03-03")), DeadlinePlanDecision, Level1)
	d.Rule, d.Note = "r", "n"
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"kind":"plan-decision","level":"1","title":"Your plan must decide your level 1 appeal","due":"2026-03-04",` +
		`"due_time":"2026-03-05T00:00:00Z","days_left":1,"state":"soon","rule":"r","cite":"29 CFR 2560.503-1(i)(2)(i)","note":"n"}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	c.Denial.Review = ReviewPostService
	d = dlOnly(t, Deadlines(c, dlAt(t, "2026-03-03")), DeadlinePlanDecision, Level1)
	if b, _ := json.Marshal(d); strings.Contains(string(b), "due_time") {
		t.Errorf("day-counted deadline has a due_time: %s", b)
	}
}

// TestLateDecision: a decision is claimed late only when even the longest
// time the case allows has passed: one level when the number is unknown,
// post-service when the kind is, and for an urgent appeal 72 hours from
// the last hour of the day it arrived.
func TestLateDecision(t *testing.T) {
	c := dlCase(0)
	c.Denial.Review = ReviewUnknown
	c.Appeals = []Appeal{{Level: Level1, Filed: dlDate(t, "2026-01-05"), Received: dlDate(t, "2026-01-08")}}
	if _, late := LateDecision(c, dlAt(t, "2026-02-10")); late {
		t.Error("late at 33 days, when the plan may have 60")
	}
	l, late := LateDecision(c, dlAt(t, "2026-03-10"))
	if !late || l.Due.String() != "2026-03-09" || !l.FromReceipt || l.Hours {
		t.Errorf("at 61 days: %+v %v", l, late)
	}
	c.Denial.Review, c.Denial.Urgent = ReviewConcurrent, true
	c.Appeals[0].Received = dlDate(t, "2026-01-22")
	if _, late := LateDecision(c, time.Date(2026, 1, 25, 20, 0, 0, 0, time.UTC)); late {
		t.Error("an urgent appeal received on January 22 is claimed late before January 25 ends")
	}
	l, late = LateDecision(c, dlAt(t, "2026-01-26"))
	if !late || l.Due.String() != "2026-01-25" || !l.Hours {
		t.Errorf("urgent, the day after: %+v %v", l, late)
	}
}
