package tui

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/overturn/overturn/workflow"
)

// The menus of accessible mode, by number: they never change.
const (
	listNew, listQuit = "1", "2"
	listMore          = "3"

	menuFields, menuFinish, menuChecks, menuNotice, menuCost = "1", "2", "3", "4", "5"
	menuAddCall, menuEditCall, menuAddDoc, menuEditDoc       = "6", "7", "8", "9"
	menuLetter, menuBack                                     = "10", "11"
)

// run runs accessible mode with the answers, one a line, and returns what
// it said.
func runAccessibleWith(t *testing.T, st Store, mod func(*Options), answers ...string) string {
	t.Helper()
	var out bytes.Buffer
	opts := Options{Store: st, Now: func() time.Time { return testNow }, Accessible: true,
		Input: strings.NewReader(strings.Join(answers, "\n") + "\n"), Output: &out}
	engine(t)(&opts)
	if mod != nil {
		mod(&opts)
	}
	if err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// runOnCase runs accessible mode on case id with the answers.
func runOnCase(t *testing.T, st Store, id uint64, answers []string) string {
	t.Helper()
	return runAccessibleWith(t, st, func(o *Options) { o.OpenID = id }, answers...)
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

func TestAccessiblePipedNewCase(t *testing.T) {
	st := newMemStore()
	text := runAccessibleWith(t, st, nil,
		listNew,
		"2",                       // when is the care: already received
		"",                        // emergency care: keeps no
		"",                        // mental health care: keeps no
		"2",                       // the plan: through work
		"MRI denied",              // title
		"Dana Reyes",              // the insured person
		"",                        // patient: none
		"6/2/1979",                // date of birth
		"",                        // nobody writes for her
		"E2026091400871",          // claim number
		"not a date",              // date of service: refused, asked again
		"09/14/2026",              // date of service
		"Austin Imaging",          // provider
		"9/20/26",                 // EOB date
		"10/1/26",                 // EOB received
		"CO-50",                   // codes
		"Not medically necessary", // reason
		"2",                       // kind of denial: not medically necessary
		menuBack, listQuit)
	c := st.get(t, 1)
	if c.Title != "MRI denied" || c.Claim.Number != "E2026091400871" || c.Claim.DateOfService.String() != "2026-09-14" ||
		c.EOB.Received.String() != "2026-10-01" || c.Denial.Category != "medical-necessity" || c.Patient.Name != "" ||
		c.Denial.Review != workflow.ReviewPostService || c.Plan.Type != workflow.PlanEmployer ||
		c.Member.DateOfBirth != workflow.NewDate(1979, 6, 2) {
		t.Fatalf("stored case: %+v", c)
	}
	if strings.Contains(text, "\x1b") {
		t.Fatalf("escape codes in piped output:\n%q", text)
	}
	if n := strings.Count(text, a11yChooseCase); n != 2 {
		t.Fatalf("the case list was asked %d times, want 2:\n%s", n, text)
	}
	for _, want := range []string{"Saved.", "is not a date", "Step 1 of 7", "can be urgent"} {
		if !strings.Contains(text, want) {
			t.Fatalf("output lacks %q:\n%s", want, text)
		}
	}
}

func TestAccessibleStopsAtEndOfInput(t *testing.T) {
	st := newMemStore()
	text := runAccessibleWith(t, st, nil, listNew, "2", "", "", "", "Half a case")
	if c := st.get(t, 1); c.Title != "Half a case" || c.Denial.Review != workflow.ReviewPostService {
		t.Fatalf("title %q, review %q", c.Title, c.Denial.Review)
	}
	if st.saves != 2 {
		t.Fatalf("%d saves; the end of input must not store defaults", st.saves)
	}
	if !strings.Contains(text, a11yEnded) {
		t.Fatalf("the end of the input was not said:\n%s", text)
	}
}

func TestAccessibleInvalidLastAnswer(t *testing.T) {
	text := runAccessibleWith(t, newMemStore(), nil, "7")
	if !strings.Contains(text, `"7" is not one of the numbers`) {
		t.Fatalf("no message for the invalid answer:\n%s", text)
	}
}

// A signal while a menu waits after an out-of-range number ends the
// session cleanly: no panic, every answer kept (huh's prompts panicked
// here).
func TestAccessibleSignalAfterAnOutOfRangeNumber(t *testing.T) {
	st := newMemStore()
	r, w := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	opts := Options{Store: st, Now: func() time.Time { return testNow }, Accessible: true, Input: r, Output: &out}
	done := make(chan error, 1)
	go func() { done <- Run(ctx, opts) }()
	go func() { _, _ = io.WriteString(w, "1\n2\n99\n") }()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(out.String(), `"99" is not one of the numbers`); {
		if time.Now().After(deadline) {
			t.Fatalf("the out-of-range number was not refused:\n%s", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the session did not end when the context did")
	}
	if got := st.get(t, 1).Denial.Review; got != workflow.ReviewPostService {
		t.Fatalf("the answer given before the signal was not kept: review %q\n%s", got, out.String())
	}
}

// syncBuffer is a bytes.Buffer safe to read while another goroutine
// writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestAccessibleChecklistAndFinishStep(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) {
		c.EOB.Date = workflow.NewDate(2026, 9, 28)
		c.EOB.Codes = []string{"CO-50"}
		c.EOB.Reason = "Not medically necessary"
		c.Claim.DateOfService = workflow.NewDate(2026, 9, 2)
	})
	out := runOnCase(t, st, id, []string{menuChecks, "1", "2", "Code 70553 billed, 70551 done", "1", "1", "1",
		menuFinish, menuBack, listQuit})
	c := st.get(t, id)
	if c.EOBErrors.CPT.Status != workflow.CheckError || c.EOBErrors.CPT.Details != "Code 70553 billed, 70551 done" ||
		c.EOBErrors.Network.Status != workflow.CheckOK {
		t.Fatalf("checks = %+v\n%s", c.EOBErrors, out)
	}
	if c.Step != workflow.StepReason {
		t.Fatalf("step %d, want 2; still missing %v\n%s", c.Step, workflow.StepMissing(c, workflow.StepEOB), out)
	}
}

// The menu's numbers never move: an entry that cannot be chosen now keeps
// its number and says why.
func TestAccessibleMenuNumbersAreStable(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	out := runOnCase(t, st, id, []string{menuEditCall, menuAddCall, "", "", "Alex", "", "", menuEditCall, "1", menuBack, listQuit})
	if n := strings.Count(out, menuEditCall+". "+a11yEditCall); n < 2 {
		t.Fatalf("the entry to change a call was not %s every time (%d):\n%s", menuEditCall, n, out)
	}
	for _, want := range []string{"(not now: " + a11yNoCalls + ")", "That cannot be done now: " + a11yNoCalls} {
		if !strings.Contains(out, want) {
			t.Fatalf("output lacks %q:\n%s", want, out)
		}
	}
	if c := st.get(t, id); len(c.Calls) != 1 || c.Calls[0].Rep != "Alex" {
		t.Fatalf("calls %+v", c.Calls)
	}
}

func TestAccessibleRulesAskAgain(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, nil)
	answers := append([]string{menuFields}, keepUntil(stepFieldsFor(st.get(t, id), workflow.StepEOB), "claim.provider.npi", "1234567890", "1234567893")...)
	out := runOnCase(t, st, id, answers)
	if got := st.get(t, id).Claim.Provider.NPI; got != "1234567893" {
		t.Fatalf("NPI %q\n%s", got, out)
	}
	if msg := workflow.ValidateNPI("1234567890").Error(); !strings.Contains(out, msg) {
		t.Fatalf("the rules' message %q was not said:\n%s", msg, out)
	}
}

func TestAccessibleListPages(t *testing.T) {
	st := summaryStore{newMemStore(), summaries(120)}
	text := runAccessibleWith(t, st, nil, listMore, listMore, listQuit)
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
	answers := []string{menuEditCall, "2", "2"} // change call 1's details
	for _, d := range callFields {
		if strings.HasSuffix(d.Path, ".rep") {
			answers = append(answers, "Jordan")
		} else {
			answers = append(answers, "")
		}
	}
	answers = append(answers, menuEditDoc, "3", "3") // remove document 2
	answers = append(answers, menuEditDoc, "1")      // go back
	answers = append(answers, menuFields)            // answer the step: clear the claim number
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
	for _, want := range []string{a11yEditCall, a11yEditDoc, "Old fax cover", entryRemoved, a11yClearHint} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// The cost-sharing questions of the full-screen wizard are asked here too,
// and the math is said.
func TestAccessibleCostShare(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) {
		fullCase(c)
		c.Claim.Allowed, c.Claim.MemberOwes = workflow.Cents(100000), workflow.Cents(50000)
	})
	out := runOnCase(t, st, id, []string{menuCost, "2", "1000", "1000", "20", "0", "5000", "0", menuBack, listQuit})
	c := st.get(t, id)
	if c.CostShare.CoinsurancePct != 20 || c.CostShare.OOPMax != workflow.Cents(500000) || c.CostShare.Network != workflow.NetworkIn {
		t.Fatalf("cost share %+v\n%s", c.CostShare, out)
	}
	if !strings.Contains(out, "$200.00") {
		t.Fatalf("the math was not said:\n%s", out)
	}
}

// A letter asks each missing fact by its own kind (a document is ticked,
// not typed as text), is read out with its gaps, and is saved in the
// letters folder. Nothing is wrapped inside a value.
func TestAccessibleLetterAsksFactsByTheirKind(t *testing.T) {
	st := newMemStore()
	id := seed(t, st, func(c *workflow.Case) {
		fullCase(c)
		c.Denial.Review = workflow.ReviewUrgent
		c.Denial.AppealsFax, c.Denial.AppealsPhone = "(800) 555-0199", "800-555-0123"
		c.Member.MemberID = ""
		c.Step = workflow.StepFile
	})
	dir := t.TempDir()
	var answers []string
	answers = append(answers, menuLetter, "1", "U1234567801") // the level 1 appeal; the member ID
	for range workflow.SuggestedDocuments(st.get(t, id)) {
		answers = append(answers, "4") // have it
	}
	answers = append(answers, "") // every other document listed: leave it
	answers = append(answers, "", "", "", menuBack, listQuit)
	out := runAccessibleWith(t, st, func(o *Options) { o.OpenID = id; o.LetterDir = dir }, answers...)
	if strings.Contains(out, "expected a list") {
		t.Fatalf("a list was asked as text:\n%s", out)
	}
	c := st.get(t, id)
	if c.Member.MemberID != "U1234567801" || !strings.Contains(entryText(c, false, len(c.Documents)-1), "have it") {
		t.Fatalf("member ID %q, documents %+v\n%s", c.Member.MemberID, c.Documents, out)
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*-level1-2026-11-24.txt"))
	if len(paths) != 1 {
		t.Fatalf("letters saved: %v\n%s", paths, out)
	}
	data, _ := os.ReadFile(paths[0])
	if !strings.Contains(out, strings.TrimRight(string(data), "\n")) {
		t.Fatalf("the letter was not read out whole:\n%s", out)
	}
	for _, want := range []string{"by phone (800-555-0123) and fax ((800) 555-0199)", a11yLetterStart, "Saved to " + paths[0]} {
		if !strings.Contains(out, want) {
			t.Fatalf("output lacks %q on one line:\n%s", want, out)
		}
	}
}
