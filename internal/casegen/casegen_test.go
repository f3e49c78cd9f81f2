package casegen

import (
	"bytes"
	"io"
	"reflect"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/workflow"
)

var now = time.Date(2026, time.November, 28, 15, 0, 0, 0, time.UTC)

func TestDeterministic(t *testing.T) {
	a := Generate(50, 7, now)
	b := Generate(50, 7, now)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different cases")
	}
	c := Generate(50, 8, now)
	if reflect.DeepEqual(a, c) {
		t.Fatal("different seeds gave the same cases")
	}
	if !reflect.DeepEqual(a[37], Case(37, 7, now)) {
		t.Fatal("Case(i) differs from the i-th case of Generate")
	}
}

func TestCoverage(t *testing.T) {
	cases := Generate(400, 1, now)
	cats := map[workflow.Category]bool{}
	plans := map[workflow.PlanType]bool{}
	steps := map[workflow.Step]bool{}
	statuses := map[workflow.Status]bool{}
	decisions := map[workflow.Decision]bool{}
	levels := map[workflow.Level]bool{}
	var nonASCII, long, short, calls, docs, patients, reps, bh, physicians, addresses bool
	for _, c := range cases {
		cats[c.Denial.Category] = true
		plans[c.Plan.Type] = true
		steps[c.Step] = true
		statuses[c.Status] = true
		for _, a := range c.Appeals {
			decisions[a.Decision] = true
			levels[a.Level] = true
		}
		if !isASCII(c.Member.Name) {
			nonASCII = true
		}
		n := utf8.RuneCountInString(c.Title)
		long = long || n > 100
		short = short || n < 30
		calls = calls || len(c.Calls) > 0
		docs = docs || len(c.Documents) > 0
		patients = patients || c.Patient.Name != ""
		reps = reps || c.Representative.Name != ""
		bh = bh || c.Denial.BehavioralHealth
		physicians = physicians || c.Physician.Name != ""
		addresses = addresses || c.Denial.AppealsAddress != ""
		if len(c.Claim.Procedures) == 0 || !c.Claim.Billed.Known() || len(c.EOB.Codes) == 0 {
			t.Errorf("case %q has no procedures, billed amount or EOB codes", c.Title)
		}
	}
	for _, cat := range Categories {
		if !cats[cat] {
			t.Errorf("no case of category %q", cat)
		}
	}
	for _, p := range PlanTypes {
		if !plans[p] {
			t.Errorf("no case of plan type %q", p)
		}
	}
	for s := workflow.StepEOB; s <= workflow.StepEscalate; s++ {
		if !steps[s] {
			t.Errorf("no case at step %d", s)
		}
	}
	for _, s := range []workflow.Status{workflow.StatusOpen, workflow.StatusResolved, workflow.StatusExhausted, workflow.StatusClosed} {
		if !statuses[s] {
			t.Errorf("no case with status %q", s)
		}
	}
	for _, d := range []workflow.Decision{workflow.DecisionPending, workflow.DecisionOverturned, workflow.DecisionPartlyOverturned, workflow.DecisionUpheld} {
		if !decisions[d] {
			t.Errorf("no appeal with decision %q", d)
		}
	}
	for _, l := range []workflow.Level{workflow.Level1, workflow.Level2, workflow.LevelExternal} {
		if !levels[l] {
			t.Errorf("no appeal at level %q", l)
		}
	}
	for what, ok := range map[string]bool{"non-ASCII member name": nonASCII, "long title": long, "short title": short,
		"call": calls, "document": docs, "patient": patients, "representative": reps, "behavioral-health denial": bh,
		"ordering physician": physicians, "appeals address": addresses} {
		if !ok {
			t.Errorf("no case with a %s", what)
		}
	}
}

func TestDatesInThePast(t *testing.T) {
	today := workflow.DateOf(now)
	for i, c := range All(200, 3, now) {
		for what, d := range map[string]workflow.Date{"date of service": c.Claim.DateOfService, "EOB received": c.EOB.Received,
			"denial received": c.Denial.Received} {
			if d.After(today) {
				t.Errorf("case %d: %s %s is after today %s", i, what, d, today)
			}
		}
		for _, a := range c.Appeals {
			if a.Filed.After(today) || a.DecisionReceived.After(today) || a.Filed.Before(c.Denial.Received) {
				t.Errorf("case %d: appeal %+v is not between the denial (%s) and today", i, a, c.Denial.Received)
			}
		}
		if c.Created.After(c.Updated) || c.Updated.After(now) {
			t.Errorf("case %d: created %s, updated %s, now %s", i, c.Created, c.Updated, now)
		}
	}
}

// TestCasesDoNotShareMemory guards against one case's edit changing another.
func TestCasesDoNotShareMemory(t *testing.T) {
	cases := Generate(len(Categories)*4, 5, now)
	for _, c := range cases {
		for i := range c.Claim.Diagnoses {
			c.Claim.Diagnoses[i] = "X"
		}
		for i := range c.Denial.Policy.Criteria {
			c.Denial.Policy.Criteria[i].Text = "X"
		}
		for i := range c.EOB.Codes {
			c.EOB.Codes[i] = "X"
		}
	}
	fresh := Generate(len(Categories)*4, 5, now)
	for _, c := range fresh {
		if slices.Contains(c.Claim.Diagnoses, "X") || slices.Contains(c.EOB.Codes, "X") {
			t.Fatal("generated cases share slices with each other or with the scenario tables")
		}
		for _, cr := range c.Denial.Policy.Criteria {
			if cr.Text == "X" {
				t.Fatal("generated cases share policy criteria")
			}
		}
	}
}

func TestCaseFileRoundTrip(t *testing.T) {
	for i, c := range All(300, 11, now) {
		data, err := casefile.Marshal(c)
		if err != nil {
			t.Fatalf("case %d: marshal: %v", i, err)
		}
		back, err := casefile.Parse(data)
		if err != nil {
			t.Fatalf("case %d does not parse back: %v\n%s", i, err, data)
		}
		again, err := casefile.Marshal(back)
		if err != nil {
			t.Fatalf("case %d: marshal again: %v", i, err)
		}
		if !bytes.Equal(data, again) {
			t.Fatalf("case %d changed through a round trip:\n%s\n---\n%s", i, data, again)
		}
	}
}

func TestNPIsValid(t *testing.T) {
	// 1234567893 is the check-digit example of the CMS NPI standard.
	if got := npi("123456789"); got != "1234567893" {
		t.Fatalf("npi(123456789) = %s, want 1234567893", got)
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func BenchmarkCase(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		Case(i, 1, now)
	}
}

func TestCasesValidate(t *testing.T) {
	today := workflow.DateOf(now)
	for i, c := range All(len(Categories)*20, 13, now) {
		if errs := workflow.ValidateCase(c, today); len(errs) > 0 {
			t.Errorf("case %d (%s) does not validate: %+v", i, c.Denial.Category, errs)
		}
	}
}

// TestCasesAreClean: generated text has nothing Sanitize would strip, so
// a benchmark measures the cases it was given.
func TestCasesAreClean(t *testing.T) {
	for i, c := range All(len(Categories)*10, 17, now) {
		clean := Case(i, 17, now)
		clean.Sanitize()
		if !reflect.DeepEqual(c, clean) {
			t.Errorf("case %d changes when sanitized", i)
		}
	}
}

func TestWriteDecodes(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, 25, 3, now); err != nil {
		t.Fatal(err)
	}
	dec := casefile.NewDecoder(&buf)
	for i := range 25 {
		c, err := dec.Next()
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		if c.Title != Case(i, 3, now).Title {
			t.Fatalf("case %d is %q, want %q", i, c.Title, Case(i, 3, now).Title)
		}
	}
	if _, err := dec.Next(); err != io.EOF {
		t.Fatalf("after 25 cases: %v, want io.EOF", err)
	}
}
