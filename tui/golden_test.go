package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/workflow"
)

// fullCase is a case well along: step 5, with calls and documents.
func fullCase(c *workflow.Case) {
	c.Title = "Vitamin D test denied as not necessary"
	c.Member = workflow.Member{Name: "Dana Reyes", MemberID: "U1234567801", GroupNumber: "3345678",
		Address: "418 Alder Street\nAustin, TX 78704", Phone: "512-555-0142", Email: "dana@example.com"}
	c.Plan = workflow.Plan{Type: workflow.PlanEmployer, Funding: workflow.FundingSelf, State: "TX", Employer: "Acme", InternalLevels: 2}
	c.Claim = workflow.Claim{
		Number: "E2026091400871", DateOfService: workflow.NewDate(2026, 9, 2),
		Provider:   workflow.Provider{Name: "Austin Family Medicine", NPI: "1234567893"},
		Procedures: []workflow.Procedure{{Code: "82306", Billed: workflow.Cents(18500)}},
		Diagnoses:  []string{"E55.9"},
		Billed:     workflow.Cents(18500), Allowed: workflow.Cents(0), PlanPaid: workflow.Cents(0), MemberOwes: workflow.Cents(18500),
	}
	c.EOB = workflow.EOB{Date: workflow.NewDate(2026, 9, 14), Received: workflow.NewDate(2026, 9, 18),
		Codes: []string{"CO-50"}, Reason: "Not medically necessary per Cigna coverage policy."}
	c.Denial = workflow.Denial{Category: workflow.CategoryMedicalNecessity, Review: workflow.ReviewPostService,
		LetterDate: workflow.NewDate(2026, 9, 14), Received: workflow.NewDate(2026, 9, 18), Reviewer: workflow.ReviewerInsurer,
		Policy: workflow.Policy{Number: "0117", Title: "Vitamin D testing"}}
	c.EOBErrors.Network.Status = workflow.CheckOK
	c.EOBErrors.CPT.Status = workflow.CheckOK
	c.EOBErrors.Duplicate.Status = workflow.CheckOK
	c.EOBErrors.PriorAuth.Status = workflow.CheckOK
	c.Calls = []workflow.Call{
		{At: time.Date(2026, 9, 20, 10, 15, 0, 0, time.UTC), With: workflow.CallMemberServices, Rep: "Maria", Reference: "REF-88231", Outcome: "No informal fix; file an appeal."},
		{At: time.Date(2026, 9, 22, 9, 0, 0, 0, time.UTC), With: workflow.CallProviderBilling, Rep: "Tom", Outcome: "Will send the physician letter."},
	}
	c.Documents = []workflow.Document{
		{Kind: workflow.DocPhysicianLetter, Status: workflow.DocHave, Description: "Dr. Lee on deficiency risk"},
		{Kind: workflow.DocMedicalRecords, Status: workflow.DocHave},
		{Kind: workflow.DocEOB, Status: workflow.DocRequested},
	}
	c.Step = workflow.StepFile
	c.Resume = workflow.Resume{Step: workflow.StepFile, Field: "appeals[0].filed"}
}

// seedFiles stores the flow room's example case files, the vitamin D case
// last so that it is the newest, and returns their ids by file name.
func seedFiles(t testing.TB, st *memStore) map[string]uint64 {
	paths, err := filepath.Glob("../testdata/cases/*.json")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no example cases: %v", err)
	}
	ids := map[string]uint64{}
	for i, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c, err := casefile.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		name := strings.TrimSuffix(filepath.Base(p), ".json")
		c.Updated = testNow.Add(time.Duration(i) * time.Minute)
		if name == "medical-necessity-vitamin-d" {
			c.Updated = testNow.Add(time.Hour)
		}
		id, err := st.Create(c)
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = id
	}
	return ids
}

func TestGoldenScreens(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}, {160, 48}} {
		w, h := size[0], size[1]
		name := func(s string) string { return fmt.Sprintf("%s-%dx%d", s, w, h) }
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			d := newDriver(t, newMemStore(), w, h, engine(t))
			d.golden(name("start-empty"))
			d.keys("n")
			d.golden(name("new-case"))
			d.keys("2", "enter")
			d.toField("eob.codes")
			d.typ("CO-50 N130 PR-2")
			d.golden(name("new-case-codes"))

			// An urgent case, on the first screen after its form.
			d = newDriver(t, newMemStore(), w, h, engine(t))
			d.keys("n", "3", "enter", "2", "enter")
			d.toField("title")
			d.answer("Rehab after stroke denied")
			d.toField("denial.appeals_fax")
			d.answer("(800) 555-0199")
			d.answer("800-555-0123")
			d.keys("esc", "esc")
			checkLayout(t, d, w, h)
			d.golden(name("case-urgent"))

			st := newMemStore()
			ids := seedFiles(t, st)
			id := ids["medical-necessity-vitamin-d"]
			d = newDriver(t, st, w, h, engine(t))
			d.golden(name("start"))
			d.keys("?")
			d.golden(name("start-help"))
			d.keys("esc", "d")
			d.golden(name("start-delete"))

			d = newDriver(t, st, w, h, func(o *Options) { engine(t)(o); o.OpenID = id })
			checkLayout(t, d, w, h)
			d.golden(name("case-step5"))
			d.keys("[", "[", "[", "[")
			d.golden(name("case-step1"))
			d.keys("x", "down", "down", "down")
			d.golden(name("case-checklist-costshare"))
			d.keys("esc", "c")
			d.golden(name("case-calls"))
			d.keys("esc", "o")
			d.golden(name("case-documents"))
			d.keys("esc", "n")
			d.golden(name("case-notice"))
			d.keys("esc", "r")
			d.golden(name("case-codes"))
			d.keys("esc", "?")
			d.golden(name("case-help"))
			d.keys("esc", "g")
			d.golden(name("case-guide"))
			d.keys("g", "l")
			checkLayout(t, d, w, h)
			d.golden(name("letters"))
			d.keys("s")
			d.golden(name("letters-export"))
			d.keys("esc", "esc", "enter")
			d.typ("x")
			d.keys("ctrl+c")
			d.golden(name("confirm-quit"))

			gaps := seed(t, st, func(c *workflow.Case) { readyCase(c); c.Member.MemberID, c.Member.Phone = "", "" })
			d = newDriver(t, st, w, h, func(o *Options) { engine(t)(o); o.OpenID = gaps })
			d.keys("l")
			d.golden(name("letters-missing"))
			d.keys("1")
			d.golden(name("letters-fill"))
		})
	}
	d := newDriver(t, newMemStore(), 60, 20, nil)
	d.golden("too-small-60x20")
}
