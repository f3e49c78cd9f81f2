package deadlineoracle

import (
	"slices"
	"testing"
	"time"

	"github.com/overturn/overturn/workflow"
)

func date(s string) workflow.Date {
	d, err := workflow.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestHolidays checks 5 U.S.C. 6103(a) against the federal holidays OPM
// lists for 2027 and 2028, and the days observed in place of those on a
// weekend (6103(b)).
func TestHolidays(t *testing.T) {
	want := []string{
		"2027-01-01", "2027-01-18", "2027-02-15", "2027-05-31", "2027-06-19", "2027-07-04",
		"2027-09-06", "2027-10-11", "2027-11-11", "2027-11-25", "2027-12-25",
		"2028-01-01", "2028-01-17", "2028-02-21", "2028-05-29", "2028-06-19", "2028-07-04",
		"2028-09-04", "2028-10-09", "2028-11-11", "2028-11-23", "2028-12-25",
	}
	observed := []string{"2027-06-18", "2027-07-05", "2027-12-24", "2027-12-31", "2028-11-10"}
	var gotHolidays, gotObserved []string
	for d := date("2027-01-01"); d.Year() < 2029; d = d.AddDays(1) {
		if Holiday(d) != "" {
			gotHolidays = append(gotHolidays, d.String())
		}
		if Observed(d) != "" {
			gotObserved = append(gotObserved, d.String())
		}
	}
	if !slices.Equal(gotHolidays, want) {
		t.Errorf("holidays:\n got %v\nwant %v", gotHolidays, want)
	}
	// 2028-12-25 is a Monday, a holiday itself; 2027-12-31 stands for
	// New Year's Day 2028, a Saturday.
	if !slices.Equal(gotObserved, observed) {
		t.Errorf("observed days:\n got %v\nwant %v", gotObserved, observed)
	}
	if n := Holiday(date("2020-06-19")); n != "" {
		t.Errorf("June 19, 2020 is %q: Juneteenth became a holiday in 2021", n)
	}
}

func TestAddMonths(t *testing.T) {
	for from, want := range map[string]string{
		"2026-10-30": "2027-03-01", // the rules' example: Oct 30 -> Mar 1
		"2026-10-31": "2027-03-01",
		"2027-10-29": "2028-02-29", // a leap year has a February 29
		"2027-10-30": "2028-03-01",
		"2027-07-31": "2027-12-01",
		"2027-08-31": "2027-12-31",
		"2027-11-30": "2028-03-30",
		"2027-12-31": "2028-05-01",
		"2028-02-29": "2028-06-29",
	} {
		if got := addMonths(date(from), 4); got != date(want) {
			t.Errorf("4 months after %s: %s, want %s", from, got, want)
		}
	}
}

// one returns the only deadline of c of kind k and level lv, failing when
// there is not exactly one.
func one(t *testing.T, c *workflow.Case, k Kind, lv workflow.Level) Deadline {
	t.Helper()
	var found []Deadline
	for _, d := range Deadlines(c) {
		if d.Kind == k && d.Level == lv {
			found = append(found, d)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d deadlines %s %s, want 1: %+v", len(found), k, lv, Deadlines(c))
	}
	return found[0]
}

func decidedAt(level workflow.Level, d workflow.Decision, received string) workflow.Appeal {
	return workflow.Appeal{Level: level, Filed: date("2027-06-01"), Decision: d, DecisionReceived: date(received)}
}

func TestInternalAppeal(t *testing.T) {
	// README's example: received November 2, 2026, printed October 28.
	c := &workflow.Case{Plan: workflow.Plan{Type: workflow.PlanEmployer, InternalLevels: 1},
		EOB:    workflow.EOB{Date: date("2026-10-28"), Received: date("2026-11-02")},
		Denial: workflow.Denial{LetterDate: date("2026-10-28"), Received: date("2026-11-02")}}
	d := one(t, c, InternalAppeal, workflow.Level1)
	if d.Last != date("2027-05-01") || d.FileBy != date("2027-04-30") || d.Targets[0].Day != date("2027-04-26") || len(d.Reasons) != 0 {
		t.Errorf("got %+v; want last day Saturday 2027-05-01, file by Friday 2027-04-30, target 2027-04-26", d)
	}

	// The notice received first starts the count; a notice whose receipt
	// is not known counts from its printed date, the earliest it came.
	c.EOB = workflow.EOB{Date: date("2026-10-20"), Received: date("2026-10-26")}
	c.Denial = workflow.Denial{LetterDate: date("2026-10-22")}
	d = one(t, c, InternalAppeal, workflow.Level1)
	if d.From != date("2026-10-22") || !d.Has(ReceiptUnknown) || d.Targets[0].Printed != date("2026-10-20") {
		t.Errorf("got %+v; want from the letter's printed date 2026-10-22, read as receipt unknown, target from 2026-10-20", d)
	}
	c.Denial.Received = date("2026-10-29")
	if d = one(t, c, InternalAppeal, workflow.Level1); d.From != date("2026-10-26") || d.Has(ReceiptUnknown) {
		t.Errorf("got %+v; want from the EOB's receipt 2026-10-26", d)
	}

	// Day 180 on Veterans Day: file by the day before.
	c.EOB, c.Denial = workflow.EOB{Received: date("2027-05-15")}, workflow.Denial{}
	if d = one(t, c, InternalAppeal, workflow.Level1); d.Last != date("2027-11-11") || d.FileBy != date("2027-11-10") {
		t.Errorf("got %+v; want last day 2027-11-11, file by 2027-11-10", d)
	}

	c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: date("2027-06-01")}}
	if ds := Deadlines(c); slices.ContainsFunc(ds, func(d Deadline) bool { return d.Kind == InternalAppeal }) {
		t.Errorf("an appeal sent still has its filing deadline: %+v", ds)
	}
}

func TestPlanDecision(t *testing.T) {
	for _, tc := range []struct {
		plan    workflow.PlanType
		levels  int
		review  workflow.Review
		days    int
		reasons []Reason
	}{
		{workflow.PlanEmployer, 1, workflow.ReviewPostService, 60, nil},
		{workflow.PlanEmployer, 2, workflow.ReviewPostService, 30, nil},
		{workflow.PlanPublicEmployer, 0, workflow.ReviewPostService, 30, []Reason{LevelsUnknown}},
		{workflow.PlanEmployer, 1, workflow.ReviewPreService, 30, nil},
		{workflow.PlanEmployer, 2, workflow.ReviewPreService, 15, nil},
		{workflow.PlanEmployer, 2, workflow.ReviewConcurrent, 15, nil},
		{workflow.PlanEmployer, 1, workflow.ReviewUnknown, 30, []Reason{ReviewUnknown}},
		// Individual coverage has one level whatever the file says.
		{workflow.PlanIndividual, 2, workflow.ReviewPostService, 60, nil},
	} {
		c := &workflow.Case{Plan: workflow.Plan{Type: tc.plan, InternalLevels: tc.levels}, Denial: workflow.Denial{Review: tc.review},
			Appeals: []workflow.Appeal{{Level: workflow.Level1, Filed: date("2027-03-01"), Received: date("2027-03-04")}}}
		d := one(t, c, PlanDecision, workflow.Level1)
		if d.Last != date("2027-03-04").AddDays(tc.days) || !slices.Equal(d.Reasons, tc.reasons) {
			t.Errorf("%s, %d levels, %s: got %s %v, want %d days from 2027-03-04, %v", tc.plan, tc.levels, tc.review, d.Last, d.Reasons, tc.days, tc.reasons)
		}
	}

	// Urgent: 72 hours from the start of the day the plan received it, or
	// sent it when that is all that is known.
	c := &workflow.Case{Plan: workflow.Plan{Type: workflow.PlanEmployer, InternalLevels: 2}, Denial: workflow.Denial{Review: workflow.ReviewUrgent},
		Appeals: []workflow.Appeal{{Level: workflow.Level1, Filed: date("2027-03-01"), Method: workflow.MethodFax}}}
	d := one(t, c, PlanDecision, workflow.Level1)
	if !d.End.Equal(time.Date(2027, 3, 4, 0, 0, 0, 0, time.UTC)) || d.Last != date("2027-03-03") || !d.Has(SentOnly) {
		t.Errorf("got %+v; want the end of March 3 (72 hours), counted from the day sent", d)
	}
	if !d.Running(time.Date(2027, 3, 3, 23, 0, 0, 0, time.UTC)) || d.Running(time.Date(2027, 3, 4, 0, 0, 0, 0, time.UTC)) {
		t.Error("72 hours from March 1 must run until midnight at the end of March 3, and no longer")
	}

	// A second level on a one-level plan has no decision time.
	c.Plan = workflow.Plan{Type: workflow.PlanIndividual, InternalLevels: 2}
	c.Appeals = []workflow.Appeal{decidedAt(workflow.Level1, workflow.DecisionUpheld, "2027-07-01"),
		{Level: workflow.Level2, Filed: date("2027-07-10")}}
	if ds := Deadlines(c); slices.ContainsFunc(ds, func(d Deadline) bool { return d.Kind == PlanDecision }) {
		t.Errorf("individual coverage with a level 2 recorded: %+v", ds)
	}
}

func TestExternalReview(t *testing.T) {
	for received, want := range map[string]struct {
		last     string
		observed bool
	}{
		"2026-10-30": {"2027-03-01", false}, // no February 30: March 1
		"2026-03-04": {"2026-07-06", false}, // Saturday July 4, then Sunday: Monday, not the Friday observed
		"2027-07-26": {"2027-11-26", false}, // Thanksgiving: the Friday after is a working day
		"2027-08-24": {"2027-12-24", true},  // the Friday observed for Christmas is no holiday
		"2022-09-01": {"2023-01-02", true},  // Sunday January 1: Monday, observed but no holiday
		"2027-06-21": {"2027-10-21", false},
		"2027-10-21": {"2028-02-22", false}, // Washington's Birthday: the next day
	} {
		c := &workflow.Case{Plan: workflow.Plan{Type: workflow.PlanEmployer, InternalLevels: 1},
			Appeals: []workflow.Appeal{decidedAt(workflow.Level1, workflow.DecisionUpheld, received)}}
		d := one(t, c, ExternalReview, workflow.LevelExternal)
		if d.Last != date(want.last) || d.Has(ObservedDay) != want.observed {
			t.Errorf("final denial received %s: got %s %v, want %s (observed day: %v)", received, d.Last, d.Reasons, want.last, want.observed)
		}
	}

	base := func() *workflow.Case {
		return &workflow.Case{Plan: workflow.Plan{Type: workflow.PlanEmployer, InternalLevels: 2}, Status: workflow.StatusOpen,
			Appeals: []workflow.Appeal{decidedAt(workflow.Level1, workflow.DecisionUpheld, "2027-07-01")}}
	}
	// Two levels: not final until level 2 is decided; the second level's
	// date only once it is entered.
	c := base()
	if ds := Deadlines(c); len(ds) != 0 {
		t.Errorf("level 1 upheld on a two-level plan, no date to appeal: %+v", ds)
	}
	c.Appeals[0].AppealBy = date("2027-08-29")
	if d := one(t, c, InternalAppeal, workflow.Level2); d.Last != date("2027-08-29") || d.FileBy != date("2027-08-27") {
		t.Errorf("got %+v; want the date printed, Sunday 2027-08-29, file by Friday 2027-08-27", d)
	}
	c.Appeals = append(c.Appeals, decidedAt(workflow.Level2, workflow.DecisionPartlyOverturned, "2027-09-20"))
	if d := one(t, c, ExternalReview, workflow.LevelExternal); d.From != date("2027-09-20") {
		t.Errorf("got %+v; want from the level 2 decision, which still denies part", d)
	}

	// Individual coverage recorded with two levels: level 1 is final.
	c = base()
	c.Plan.Type = workflow.PlanIndividual
	c.Appeals = append(c.Appeals, workflow.Appeal{Level: workflow.Level2, Filed: date("2027-07-10")})
	if d := one(t, c, ExternalReview, workflow.LevelExternal); d.From != date("2027-07-01") {
		t.Errorf("got %+v; want from the level 1 decision", d)
	}
	c.Appeals[1] = decidedAt(workflow.Level2, workflow.DecisionOverturned, "2027-08-01")
	if ds := Deadlines(c); len(ds) != 0 {
		t.Errorf("a denial overturned leaves nothing to review: %+v", ds)
	}

	// Levels not known: level 1 may be final. Its receipt not known: from
	// its printed date, or, with no date at all, from the appeal.
	c = base()
	c.Plan.InternalLevels = 0
	c.Appeals[0].DecisionReceived, c.Appeals[0].DecisionDate = workflow.Date{}, date("2027-06-28")
	if d := one(t, c, ExternalReview, workflow.LevelExternal); d.From != date("2027-06-28") || !d.Has(LevelsUnknown) || !d.Has(ReceiptUnknown) {
		t.Errorf("got %+v; want from the printed date 2027-06-28, levels and receipt read as unknown", d)
	}
	c.Appeals[0].DecisionDate = workflow.Date{}
	if d := one(t, c, ExternalReview, workflow.LevelExternal); d.From != date("2027-06-01") || !d.Has(DecisionUnknown) {
		t.Errorf("got %+v; want from the appeal sent 2027-06-01, decision read as unknown", d)
	}

	// Whatever the status, and only that deadline when not open.
	for _, st := range []workflow.Status{workflow.StatusExhausted, workflow.StatusClosed, workflow.StatusResolved} {
		c = base()
		c.Plan.InternalLevels, c.Status = 1, st
		c.EOB.Received = date("2027-03-01")
		c.Appeals[0].Decision = workflow.DecisionPartlyOverturned
		if ds := Deadlines(c); len(ds) != 1 || ds[0].Kind != ExternalReview {
			t.Errorf("status %s: %+v, want the external review deadline alone", st, ds)
		}
	}

	// Asked for: the reviewer's time, 45 days or 72 hours.
	c = base()
	c.Plan.InternalLevels = 1
	c.Appeals = append(c.Appeals, workflow.Appeal{Level: workflow.LevelExternal, Filed: date("2027-08-01"), Received: date("2027-08-03")})
	if d := one(t, c, ExternalDecision, workflow.LevelExternal); d.Last != date("2027-09-17") || !d.End.IsZero() {
		t.Errorf("got %+v; want 45 days from 2027-08-03", d)
	}
	c.Denial.Review = workflow.ReviewUrgent
	if d := one(t, c, ExternalDecision, workflow.LevelExternal); !d.End.Equal(time.Date(2027, 8, 6, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("got %+v; want 72 hours from the start of 2027-08-03", d)
	}
}

func TestOtherPlans(t *testing.T) {
	c := &workflow.Case{Plan: workflow.Plan{Type: workflow.PlanMedicareAdvantage},
		EOB:    workflow.EOB{Date: date("2027-03-10"), Received: date("2027-03-15")},
		Denial: workflow.Denial{LetterDate: date("2027-03-08")}}
	ds := Deadlines(c)
	if len(ds) != 1 || ds[0].Kind != Reconsideration || ds[0].Last != date("2027-05-12") {
		t.Errorf("Medicare Advantage: %+v, want reconsideration by 2027-05-12, 65 days from the notice printed 2027-03-08", ds)
	}
	c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: date("2027-04-01")}}
	if ds := Deadlines(c); len(ds) != 0 {
		t.Errorf("Medicare Advantage after reconsideration was asked for: %+v, want none of these rules' deadlines", ds)
	}
	c.Plan.Type, c.Appeals = workflow.PlanGovernment, nil
	if ds := Deadlines(c); len(ds) != 0 {
		t.Errorf("a government plan: %+v, want none", ds)
	}
}
