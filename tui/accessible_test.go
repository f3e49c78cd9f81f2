package tui

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/overturn/overturn/workflow"
)

func TestAccessiblePipedNewCase(t *testing.T) {
	st := newMemStore()
	answers := strings.Join([]string{
		"1",                       // start a new case
		"MRI denied",              // title
		"Dana Reyes",              // member
		"",                        // patient: keep empty
		"E2026091400871",          // claim number
		"not a date",              // date of service: refused, asked again
		"2026-09-14",              // date of service
		"Austin Imaging",          // provider
		"2026-09-20",              // EOB date
		"2026-10-01",              // EOB received
		"CO-50",                   // codes
		"Not medically necessary", // reason
		"2",                       // kind of denial: not medically necessary
		"6",                       // back to the list
		"3",                       // quit
	}, "\n") + "\n"
	var out bytes.Buffer
	opts := Options{Store: st, Now: func() time.Time { return testNow }, Accessible: true,
		Input: strings.NewReader(answers), Output: &out}
	engine(t)(&opts)
	if err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	c := st.get(t, 1)
	if c.Title != "MRI denied" || c.Claim.Number != "E2026091400871" || c.Claim.DateOfService.String() != "2026-09-14" ||
		c.EOB.Received.String() != "2026-10-01" || c.Denial.Category != "medical-necessity" || c.Patient.Name != "" {
		t.Fatalf("stored case: %+v", c)
	}
	text := out.String()
	if strings.Contains(text, "\x1b") {
		t.Fatalf("escape codes in piped output:\n%q", text)
	}
	if n := strings.Count(text, a11yChooseCase); n != 2 {
		t.Fatalf("the case list was asked %d times, want 2:\n%s", n, text)
	}
	for _, want := range []string{"Saved.", "YYYY-MM-DD", "Step 1 of 7"} {
		if !strings.Contains(text, want) {
			t.Fatalf("output lacks %q:\n%s", want, text)
		}
	}
}

func TestAccessibleStopsAtEndOfInput(t *testing.T) {
	st := newMemStore()
	var out bytes.Buffer
	opts := Options{Store: st, Now: func() time.Time { return testNow }, Accessible: true,
		Input: strings.NewReader("1\nHalf a case\n"), Output: &out}
	if err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if c := st.get(t, 1); c.Title != "Half a case" {
		t.Fatalf("title %q", c.Title)
	}
	if st.saves != 1 {
		t.Fatalf("%d saves; the end of input must not store defaults", st.saves)
	}
}

func TestAccessibleInvalidLastAnswer(t *testing.T) {
	var out bytes.Buffer
	opts := Options{Store: newMemStore(), Now: func() time.Time { return testNow }, Accessible: true,
		Input: strings.NewReader("7\n"), Output: &out}
	if err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "between 1 and 2") {
		t.Fatalf("no message for the invalid answer:\n%s", out.String())
	}
}

func TestAccessibleChecklistAndFinishStep(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) {
		c.EOB.Date = workflow.NewDate(2026, 9, 28)
		c.EOB.Codes = []string{"CO-50"}
		c.EOB.Reason = "Not medically necessary"
		c.Claim.DateOfService = workflow.NewDate(2026, 9, 2)
	})
	fields := len(stepFieldsFor(st.get(t, id), workflow.StepEOB))
	answers := []string{"1"} // go through the step
	for range fields {
		answers = append(answers, "") // keep every answer
	}
	answers = append(answers, "1", "2", "Code 70553 billed, 70551 done", "1", "1", "1") // the five checks
	answers = append(answers, "2")                                                      // finish the step
	out := runOnCase(t, st, id, answers)
	c := st.get(t, id)
	if c.EOBErrors.CPT.Status != workflow.CheckError || c.EOBErrors.CPT.Details != "Code 70553 billed, 70551 done" ||
		c.EOBErrors.Network.Status != workflow.CheckOK {
		t.Fatalf("checks = %+v\n%s", c.EOBErrors, out)
	}
	if c.Step != workflow.StepReason {
		t.Fatalf("step %d, want 2; still missing %v\n%s", c.Step, workflow.StepMissing(c, workflow.StepEOB), out)
	}
}

func TestAccessibleRulesAskAgain(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	answers := append([]string{"1"}, keepUntil(stepFieldsFor(st.get(t, id), workflow.StepEOB), "claim.provider.npi", "1234567890", "1234567893")...)
	out := runOnCase(t, st, id, answers)
	if got := st.get(t, id).Claim.Provider.NPI; got != "1234567893" {
		t.Fatalf("NPI %q\n%s", got, out)
	}
	if msg := workflow.ValidateNPI("1234567890").Error(); !strings.Contains(out, msg) {
		t.Fatalf("the rules' message %q was not said:\n%s", msg, out)
	}
}

func TestAccessibleListPages(t *testing.T) {
	var out bytes.Buffer
	st := summaryStore{newMemStore(), summaries(120)}
	// new case is 1, then 50 cases, then more; on the second page first
	// comes after more, and quit last: 23 on the last page of 20.
	opts := Options{Store: st, Now: func() time.Time { return testNow }, Accessible: true,
		Input: strings.NewReader("52\n52\n23\n"), Output: &out}
	if err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"(cases 1 to 50 of 120)", "(cases 51 to 100 of 120)", "(cases 101 to 120 of 120)",
		"Case number 119 denied", a11yFirstCases} {
		if !strings.Contains(text, want) {
			t.Fatalf("output lacks %q:\n%s", want, text)
		}
	}
	if strings.Count(text, "Case number 0 denied") != 1 {
		t.Fatalf("the first page was offered more than once:\n%s", text)
	}
}

func TestAccessibleClearsAFieldAndEditsTheLogs(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) {
		c.Calls = []workflow.Call{{At: testNow.Add(-time.Hour), With: workflow.CallMemberServices, Rep: "Alex"}}
		c.Documents = []workflow.Document{
			{Kind: workflow.DocEOB, Description: "EOB of October 1", Status: workflow.DocHave},
			{Kind: workflow.DocOther, Description: "Old fax cover", Status: workflow.DocNeeded},
		}
	})
	// The case menu: 1 answer the step, 2 add a call, 3 change a call,
	// 4 add a document, 5 change a document, 6 notice, 7 letter, 8 back.
	answers := []string{"3", "1", "1"} // change call 1's details
	for _, d := range callFields {
		if strings.HasSuffix(d.Path, ".rep") {
			answers = append(answers, "Jordan")
		} else {
			answers = append(answers, "")
		}
	}
	answers = append(answers, "5", "2", "2") // remove document 2
	answers = append(answers, "5", "2")      // document 1 stays; go back
	answers = append(answers, "1")           // answer the step: clear the claim number
	answers = append(answers, keepUntil(stepFieldsFor(st.get(t, id), workflow.StepEOB), "claim.number", "-")...)
	out := runOnCase(t, st, id, answers)
	c := st.get(t, id)
	if len(c.Calls) != 1 || c.Calls[0].Rep != "Jordan" || c.Calls[0].With != workflow.CallMemberServices {
		t.Errorf("calls = %+v, want the one call with Jordan\n%s", c.Calls, out)
	}
	if len(c.Documents) != 1 || c.Documents[0].Description != "EOB of October 1" {
		t.Errorf("documents = %+v, want only the EOB\n%s", c.Documents, out)
	}
	if c.Claim.Number != "" {
		t.Errorf("claim number %q, want it cleared\n%s", c.Claim.Number, out)
	}
	text := out
	for _, want := range []string{a11yEditCall, a11yEditDoc, "Old fax cover", entryRemoved, a11yClearHint} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
}

// runOnCase runs accessible mode on case id of st with the answers, one a
// line, and returns what it said.
func runOnCase(t *testing.T, st Store, id uint64, answers []string) string {
	t.Helper()
	var out bytes.Buffer
	opts := Options{Store: st, Now: func() time.Time { return testNow }, Accessible: true, OpenID: id,
		Input: strings.NewReader(strings.Join(answers, "\n") + "\n"), Output: &out}
	engine(t)(&opts)
	if err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// keepUntil answers the fields of defs: empty (keep what is there) up to
// the one at path, then the answers given for it.
func keepUntil(defs []fieldDef, path string, answers ...string) []string {
	var out []string
	for _, d := range defs {
		if d.Path == path {
			return append(out, answers...)
		}
		out = append(out, "")
	}
	return out
}
