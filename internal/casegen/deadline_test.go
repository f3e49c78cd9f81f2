package casegen

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/internal/deadlineoracle"
	"github.com/overturn/overturn/workflow"
)

// deadlineNow is a day after a leap day, so that the cases reach back
// over February 29, 2028.
var deadlineNow = time.Date(2028, time.March, 20, 15, 0, 0, 0, time.UTC)

func TestDeadlineCasesDeterministic(t *testing.T) {
	for i := range 50 {
		if !reflect.DeepEqual(DeadlineCase(i, 7, deadlineNow), DeadlineCase(i, 7, deadlineNow)) {
			t.Fatalf("case %d differs between two calls", i)
		}
	}
	if reflect.DeepEqual(DeadlineCase(3, 7, deadlineNow), DeadlineCase(3, 8, deadlineNow)) {
		t.Fatal("different seeds gave the same case")
	}
}

// TestDeadlineCasesAreSound: every case survives a round trip through its
// file, has no date after today (but a date of service for care to come)
// and its dates in order.
func TestDeadlineCasesAreSound(t *testing.T) {
	today := workflow.DateOf(deadlineNow)
	for i := range 1000 {
		c := DeadlineCase(i, 2, deadlineNow)
		data, err := casefile.Marshal(c)
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		back, err := casefile.Parse(data)
		if err != nil {
			t.Fatalf("case %d does not parse back: %v\n%s", i, err, data)
		}
		if again, _ := casefile.Marshal(back); !bytes.Equal(data, again) {
			t.Fatalf("case %d changed through a round trip", i)
		}
		dates := map[string]workflow.Date{"eob.date": c.EOB.Date, "eob.received": c.EOB.Received,
			"denial.letter_date": c.Denial.LetterDate, "denial.received": c.Denial.Received}
		if !c.Denial.Review.BeforeCare() {
			dates["claim.date_of_service"] = c.Claim.DateOfService
		}
		notice := c.EOB.Date
		if notice.IsZero() || !c.Denial.LetterDate.IsZero() && c.Denial.LetterDate.Before(notice) {
			notice = c.Denial.LetterDate
		}
		prev := notice
		for k, a := range c.Appeals {
			// An expedited external review may go beside the internal
			// appeal: only internal levels follow each other.
			internal := a.Level != workflow.LevelExternal
			in := func(what string, d workflow.Date) {
				dates[fmt.Sprintf("appeals[%d].%s", k, what)] = d
				if d.IsZero() || !internal {
					return
				}
				if d.Before(prev) {
					t.Errorf("case %d: appeals[%d].%s %s is before %s", i, k, what, d, prev)
				}
				prev = d
			}
			in("filed", a.Filed)
			in("received", a.Received)
			in("decision_date", a.DecisionDate)
			in("decision_received", a.DecisionReceived)
		}
		for what, d := range dates {
			if d.After(today) {
				t.Errorf("case %d: %s %s is after today %s", i, what, d, today)
			}
		}
	}
}

// TestDeadlineCasesCoverage: the cases hold every shape the deadline rules
// turn on, and deadlines that end where the counting is hard.
func TestDeadlineCasesCoverage(t *testing.T) {
	seen := map[string]bool{}
	for i := range 3000 {
		c := DeadlineCase(i, 1, deadlineNow)
		seen["plan "+string(c.Plan.Type)] = true
		seen["funding "+string(c.Plan.Funding)] = true
		seen["review "+string(c.Denial.Review)] = true
		seen["status "+string(c.Status)] = true
		if c.Plan.Type == workflow.PlanIndividual && c.Plan.InternalLevels == 2 {
			seen["individual coverage recorded with two levels"] = true
		}
		for _, n := range []int{0, 1, 2} {
			if c.Plan.InternalLevels == n && c.Plan.Type == workflow.PlanEmployer {
				seen[[]string{"levels not known", "one level", "two levels"}[n]] = true
			}
		}
		known := func(what string, d workflow.Date) {
			if d.IsZero() {
				seen[what+" not known"] = true
			} else {
				seen[what+" known"] = true
			}
		}
		known("eob.received", c.EOB.Received)
		known("denial.received", c.Denial.Received)
		var external, pending1 bool
		for _, a := range c.Appeals {
			known("appeals[].received", a.Received)
			if a.Decision != workflow.DecisionPending {
				known("appeals[].decision_date", a.DecisionDate)
				known("appeals[].decision_received", a.DecisionReceived)
			}
			if !a.AppealBy.IsZero() {
				seen["appeal_by"] = true
			}
			external = external || a.Level == workflow.LevelExternal
			pending1 = pending1 || a.Level == workflow.Level1 && a.Decision == workflow.DecisionPending
			seen["decision "+string(a.Decision)] = true
		}
		if external && pending1 {
			seen["expedited external review beside the internal appeal"] = true
		}
		for _, d := range deadlineoracle.Deadlines(c) {
			seen["deadline "+string(d.Kind)+" "+string(d.Level)] = true
			if d.Kind == deadlineoracle.ExternalReview && (c.Status == workflow.StatusExhausted || c.Status == workflow.StatusClosed) {
				seen["external review running in a case "+string(c.Status)] = true
			}
			for _, r := range d.Reasons {
				seen["read: "+string(r)] = true
			}
			if d.From.Month() == time.February && d.From.Day() == 29 || d.Last.Month() == time.February && d.Last.Day() == 29 {
				seen["a leap day"] = true
			}
			switch d.Kind {
			case deadlineoracle.InternalAppeal, deadlineoracle.Reconsideration:
				if d.FileBy != d.Last && deadlineoracle.Holiday(d.Last) != "" {
					seen[string(d.Kind)+" on a holiday"] = true
				}
				if d.FileBy != d.Last && deadlineoracle.Holiday(d.Last) == "" {
					seen[string(d.Kind)+" on a weekend"] = true
				}
			case deadlineoracle.ExternalReview:
				y, m := d.From.Year(), d.From.Month()+4
				if d.From.Day() > time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day() {
					seen["external review: the fifth-month rule"] = true
				}
				for back := d.Last.AddDays(-1); deadlineoracle.Closed(back); back = back.AddDays(-1) {
					if deadlineoracle.Holiday(back) != "" {
						seen["external review moved past a holiday"] = true
					} else {
						seen["external review moved past a weekend"] = true
					}
				}
			}
		}
	}
	for _, want := range []string{
		"plan employer", "plan public-employer", "plan individual", "plan medicare-advantage", "plan government",
		"plan unknown", "plan ", "funding self-funded", "funding fully-insured", "funding ",
		"review post-service", "review pre-service", "review concurrent", "review urgent", "review ",
		"status open", "status resolved", "status exhausted", "status closed",
		"individual coverage recorded with two levels", "levels not known", "one level", "two levels",
		"eob.received known", "eob.received not known", "denial.received known", "denial.received not known",
		"appeals[].received known", "appeals[].received not known",
		"appeals[].decision_date known", "appeals[].decision_date not known",
		"appeals[].decision_received known", "appeals[].decision_received not known", "appeal_by",
		"decision pending", "decision upheld", "decision partly-overturned", "decision overturned",
		"expedited external review beside the internal appeal",
		"deadline internal-appeal 1", "deadline internal-appeal 2", "deadline plan-decision 1", "deadline plan-decision 2",
		"deadline external-review external", "deadline external-decision external", "deadline reconsideration 1",
		"external review running in a case exhausted", "external review running in a case closed",
		"read: receipt-unknown", "read: decision-unknown", "read: sent-only", "read: levels-unknown",
		"read: review-unknown", "read: observed-day", "a leap day",
		"internal-appeal on a holiday", "internal-appeal on a weekend",
		"external review: the fifth-month rule", "external review moved past a holiday", "external review moved past a weekend",
	} {
		if !seen[want] {
			t.Errorf("no case with %s", want)
		}
	}
}
