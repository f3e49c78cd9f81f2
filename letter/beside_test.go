package letter

import (
	"slices"
	"strings"
	"testing"

	"github.com/overturn/overturn/workflow"
)

// hasNote reports whether one of the letter's notes contains s.
func hasNote(l *Letter, s string) bool {
	return slices.ContainsFunc(l.Notes, func(n string) bool { return strings.Contains(n, s) })
}

// hasGap reports whether the letter has a gap on the field.
func hasGap(l *Letter, field string) bool {
	return slices.ContainsFunc(l.Gaps, func(g Gap) bool { return g.Field == field })
}

// TestFacilityGap: where the care was given is asked only when it could
// bring the bill under the No Surprises Act.
func TestFacilityGap(t *testing.T) {
	e := newTestEngine(t)
	tests := []struct {
		name   string
		change func(c *workflow.Case)
		want   bool
	}{
		{"specialty not recorded", func(c *workflow.Case) {}, true},
		{"radiology", func(c *workflow.Case) { c.Claim.Provider.Specialty = "radiology" }, true},
		{"dermatology, in its own office", func(c *workflow.Case) { c.Claim.Provider.Specialty = "dermatology" }, false},
		{"ground ambulance by its codes", func(c *workflow.Case) {
			c.Claim.Procedures = []workflow.Procedure{{Code: "A0427", Billed: workflow.Cents(150000)},
				{Code: "A0425", Units: 14, Billed: workflow.Cents(35000)}}
		}, false},
		{"a facility recorded", func(c *workflow.Case) { c.Claim.Facility.Name = "St. David's Medical Center" }, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := baseCase()
			c.Claim.Provider.Network = workflow.NetworkOut
			tt.change(c)
			l, err := e.Render(Level1, c, goldenNow)
			if err != nil {
				t.Fatal(err)
			}
			if got := hasGap(l, "claim.facility.name"); got != tt.want {
				t.Errorf("facility gap %v, want %v: %+v", got, tt.want, l.Gaps)
			}
		})
	}
}

// TestAuditGoesToClaims: the audit request asks for the claims address in
// a field of its own, never the appeals address the appeals go to.
func TestAuditGoesToClaims(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Denial.Category = workflow.CategoryDuplicate
	c.Claim.DuplicateOf = "E2026091400870"
	l, err := e.Render(Audit, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	if !hasGap(l, "eob.claims_address") || hasGap(l, "denial.appeals_address") || l.Ready {
		t.Errorf("no claims address: want a must-fill gap on eob.claims_address: %+v", l.Gaps)
	}
	c.EOB.ClaimsAddress = "P.O. Box 182223\nChattanooga, TN 37422"
	c.Denial.AppealsAddress = "Cigna Healthcare\nNational Appeals Unit\nP.O. Box 188011\nChattanooga, TN 37422"
	l, err = e.Render(Audit, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Cigna Healthcare", "Claims", "P.O. Box 182223", "Chattanooga, TN 37422"}
	if !slices.Equal(l.Recipient, want) || hasGap(l, "eob.claims_address") {
		t.Errorf("recipient %q, want %q; gaps %+v", l.Recipient, want, l.Gaps)
	}
}

// TestUrgentFaxNote: the urgent note names the enclosures only when the
// letter has some.
func TestUrgentFaxNote(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Denial.Review = workflow.ReviewUrgent
	c.Denial.AppealsFax, c.Denial.AppealsPhone = "1-866-555-0188", "1-800-555-0179"
	c.Documents = append(c.Documents, workflow.Document{Kind: workflow.DocUrgencyStatement, Status: workflow.DocHave})
	l, err := e.Render(Level1, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	if !hasNote(l, "Urgent: fax this letter and its enclosures to 1-866-555-0188") {
		t.Errorf("level 1 with enclosures: %q", l.Notes)
	}
	c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: workflow.NewDate(2026, 11, 30), Method: workflow.MethodFax,
		Received: workflow.NewDate(2026, 11, 30), Decision: workflow.DecisionPending}}
	l, err = e.Render(FollowUp, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	if !hasNote(l, "Urgent: fax this letter to 1-866-555-0188") || hasNote(l, "enclosures") {
		t.Errorf("follow-up, which encloses nothing: %q", l.Notes)
	}
}

// TestExternalReviewStateOffice: with no address for the external review
// request, the state office that runs the plan's external review is named
// beside the gap.
func TestExternalReviewStateOffice(t *testing.T) {
	e := newTestEngine(t)
	late := func() *workflow.Case {
		c := baseCase()
		c.Plan.Funding, c.Plan.State = workflow.FundingInsured, "NJ"
		c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: workflow.NewDate(2026, 9, 15), Method: workflow.MethodCertifiedMail,
			Tracking: "9407", Received: workflow.NewDate(2026, 9, 18), Decision: workflow.DecisionPending}}
		return c
	}
	const office = "This plan uses the external review process of New Jersey, run by the Department of Banking and Insurance, " +
		"Office of Managed Care (Independent Health Care Appeals Program). Ask that office, or the plan, where to send the request"
	l, err := e.Render(External, late(), goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	if !hasGap(l, "denial.external_review_address") || !hasNote(l, office) {
		t.Errorf("late decision, New Jersey process, no address: gaps %+v notes %q", l.Gaps, l.Notes)
	}
	for name, change := range map[string]func(c *workflow.Case){
		"the address known": func(c *workflow.Case) {
			c.Denial.ExternalReviewAddress = "Cigna Healthcare\nP.O. Box 188011\nChattanooga, TN 37422"
		},
		"a self-funded plan: the federal process": func(c *workflow.Case) { c.Plan.Funding = workflow.FundingSelf },
	} {
		c := late()
		change(c)
		l, err := e.Render(External, c, goldenNow)
		if err != nil {
			t.Fatal(err)
		}
		if hasNote(l, "external review process of") {
			t.Errorf("%s: %q", name, l.Notes)
		}
	}
}

// TestComplaintToCMS: a complaint about a self-funded government plan
// says how it reaches CMS, from the federal offices table.
func TestComplaintToCMS(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Plan.Type, c.Plan.Employer = workflow.PlanPublicEmployer, "Travis County"
	c.Denial.Notice = map[string]bool{workflow.NoticeAssistance: false}
	l, err := e.Render(Complaint, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	const page = "https://www.hhs.gov/guidance/document/self-funded-non-federal-governmental-plans-factsheet"
	if !hasNote(l, "Send it to the Centers for Medicare & Medicaid Services, which takes complaints about self-funded state "+
		"and local government plans; its page on these plans is "+page) {
		t.Errorf("self-funded government plan: %q", l.Notes)
	}
	c.Plan.Funding = workflow.FundingUnknown
	if l, err = e.Render(Complaint, c, goldenNow); err != nil {
		t.Fatal(err)
	}
	if !hasNote(l, "If the plan is self-funded, send it instead to the Centers for Medicare & Medicaid Services") {
		t.Errorf("funding not known: %q", l.Notes)
	}
	c.Plan.Funding = workflow.FundingInsured
	if l, err = e.Render(Complaint, c, goldenNow); err != nil {
		t.Fatal(err)
	}
	if hasNote(l, "Centers for Medicare") {
		t.Errorf("an insured government plan goes to the state: %q", l.Notes)
	}
}
