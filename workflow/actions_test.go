package workflow

import (
	"strings"
	"testing"
	"time"
)

func texts(acts []Action) string {
	var b strings.Builder
	for _, a := range acts {
		b.WriteString("\n  - " + a.Text)
	}
	return b.String()
}

// findAction returns the index of the first action containing s, or -1.
func findAction(acts []Action, s string) int {
	for i, a := range acts {
		if strings.Contains(a.Text, s) {
			return i
		}
	}
	return -1
}

var nov28 = time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)

func TestNextActionsForCases(t *testing.T) {
	tests := []struct {
		file  string
		first string   // the first action contains this
		has   []string // some action contains each
		not   []string // no action contains any
	}{
		{"coding-wrong-cpt-mri", "Call Scioto Valley Imaging's billing office and ask for a corrected claim with CPT 72148",
			[]string{"Send your level 1 appeal to Cigna by March 30, 2027 (180 days from the date printed on the notice; the legal last day is April 2, 2027)"},
			[]string{"whether the denial can be fixed without an appeal"}},
		{"network-anesthesia-surprise-bill", "with Summit Anesthesia Associates' NPI number 1669470324 and ask them to verify the provider's network status for October 12, 2026",
			[]string{"by your plan's terms you should owe $144.00, but the EOB says $2,740.00, $2,596.00 too much"},
			[]string{"No Surprises Act"}},
		{"prior-auth-shown-missing", "quote prior authorization number PA-2607-4471903 (approved July 22, 2026) and attach Cigna's approval letter",
			[]string{"Send your level 1 appeal to Cigna by March 1, 2027 (180 days from the date printed on the notice; the legal last day is March 5, 2027)"}, nil},
		{"cost-share-deductible", "Dispute the math in writing: by your plan's terms you should owe $100.00, but the EOB says $500.00, $400.00 too much.",
			[]string{"Wait for the decision on your level 1 appeal, due by December 19, 2026"}, nil},
		{"behavioral-health-residential", "The decision on your level 1 appeal was due by November 7, 2026 (counted from the day you sent it",
			[]string{"deemed exhaustion", "you may ask for external review now", "minor lapse", "send a follow-up letter and keep waiting"},
			[]string{"comparative analysis", "File your appeal with Evernorth"}},
		{"experimental-proton-two-level", "The decision on your level 2 appeal was due by October 20, 2026",
			[]string{"45 CFR 147.136(b)(2)(ii)(F)(1)", "signed certification"}, []string{"45 CFR 147.136(b)(3)"}},
		{"urgent-evicore-pet-scan", "Send your expedited (urgent) appeal to eviCore healthcare now: call the appeals number on the denial letter",
			[]string{"marked EXPEDITED", "never send an urgent appeal by mail alone", "Find the fax number for appeals",
				"seriously jeopardize the patient's life, health or ability to regain maximum function",
				"Ask Dr. Kwame Mensah to request a peer-to-peer review with eviCore healthcare's reviewing doctor",
				"expedited external review at the same time", "Appeal through eviCore healthcare first",
				"addresses each criterion of policy ONC-PET-2026 by name"},
			[]string{"myCigna", "EviCore"}},
		{"not-covered-hearing-aids", "Find the exclusion the denial rests on in your plan document",
			[]string{"Call Cigna Member Services (the number on your ID card, or 1-800-244-6224) and ask whether the denial can be fixed without an appeal"}, nil},
		{"eligibility-coverage-ended", "ask them to check your coverage dates for September 23, 2026",
			[]string{"Add to the case: the EOB check of deductible and coinsurance math."}, nil},
		{"government-medicare-advantage", "Your plan is a Medicare Advantage plan: Medicare's rules apply",
			[]string{"Ask your Medicare Advantage plan for reconsideration (by January 9, 2027)", "HCSC"}, []string{"Send your", "180 days"}},
		{"duplicate-resolved", "This case is resolved: Claim audit by Member Services", nil, []string{"Send your", "Call"}},
		{"medical-necessity-vitamin-d", "The denial notice leaves out what the rules require: a statement that the diagnosis and treatment codes and their meanings are available on request; contact information for the consumer assistance office or ombudsman; the scientific or clinical judgment",
			[]string{"Send your level 1 appeal to Cigna by April 26, 2027 (180 days from the date printed on the notice; the legal last day is April 30, 2027): through myCigna",
				"deemed exhaustion", "an option beside your appeal, not instead of it"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			c := loadCase(t, tt.file)
			acts := NextActions(c, testRef, nov28)
			if len(acts) == 0 || !strings.Contains(acts[0].Text, tt.first) {
				t.Fatalf("first action should contain %q; got:%s", tt.first, texts(acts))
			}
			for _, s := range tt.has {
				if findAction(acts, s) < 0 {
					t.Errorf("no action contains %q; got:%s", s, texts(acts))
				}
			}
			for _, s := range tt.not {
				if i := findAction(acts, s); i >= 0 {
					t.Errorf("action %q should not be there", acts[i].Text)
				}
			}
			checkActions(t, c, acts)
		})
	}
}

// checkActions checks what every list of actions must satisfy: urgent
// first, urgent ones by due date, fields that are case-file paths, no
// action twice.
func checkActions(t *testing.T, c *Case, acts []Action) {
	t.Helper()
	seen := map[string]bool{}
	var ms []Missing
	for i, a := range acts {
		if a.Text == "" || seen[a.Text] {
			t.Errorf("empty or repeated action %q", a.Text)
		}
		seen[a.Text] = true
		if i > 0 {
			p := acts[i-1]
			if a.Urgent && !p.Urgent {
				t.Errorf("urgent %q after non-urgent %q", a.Text, p.Text)
			}
			if a.Urgent && p.Urgent && !a.Due.IsZero() && (p.Due.IsZero() || p.Due.After(a.Due)) {
				t.Errorf("urgent actions out of date order: %v then %v", p.Due, a.Due)
			}
		}
		if a.Field != "" {
			ms = append(ms, Missing{Field: a.Field})
		}
	}
	checkPaths(t, c, ms)
}

func TestNextActionsEOBErrors(t *testing.T) {
	base := func() *Case {
		c := doneCase()
		c.Step = StepGather
		c.Appeals = nil
		c.Denial.Category = CategoryCoding
		c.Claim.Provider = Provider{Name: "Lakeside Imaging", NPI: "1234567893"}
		c.Claim.Procedures = []Procedure{{Code: "72158"}}
		c.Claim.MemberOwes = Cents(285000)
		return c
	}
	tests := []struct {
		name   string
		change func(c *Case)
		want   string
		field  string
	}{
		{"network", func(c *Case) { c.EOBErrors.Network.Status = CheckError },
			"Call Cigna Member Services (the number on your ID card, or 1-800-244-6224) with Lakeside Imaging's NPI number 1234567893 and ask them to verify the provider's network status for February 10, 2026", "calls"},
		{"network without NPI", func(c *Case) { c.EOBErrors.Network.Status = CheckError; c.Claim.Provider.NPI = "" },
			"Ask Lakeside Imaging for their NPI number", "claim.provider.npi"},
		{"network behavioral health", func(c *Case) { c.EOBErrors.Network.Status = CheckError; c.Denial.BehavioralHealth = true },
			"Call Evernorth Behavioral Health (the behavioral health number on your ID card) with Lakeside Imaging's NPI", "calls"},
		{"cpt from details", func(c *Case) {
			c.EOBErrors.CPT = Check{Status: CheckError, Details: "lumbar MRI without contrast (72148) billed as 72158"}
		}, "ask for a corrected claim with CPT 72148", "calls"},
		{"hcpcs from details", func(c *Case) { c.EOBErrors.CPT = Check{Status: CheckError, Details: "should be E0431"} },
			"ask for a corrected claim with code E0431", "calls"},
		{"cpt unknown", func(c *Case) { c.EOBErrors.CPT = Check{Status: CheckError, Details: "wrong code"} },
			"ask for a corrected claim with the procedure code for what was actually done", "calls"},
		{"duplicate with both numbers", func(c *Case) {
			c.EOBErrors.Duplicate = Check{Status: CheckError, Details: "matched to claim E2026010100007 by mistake"}
		}, "with both claim numbers (E2026021000123 and E2026010100007) and ask for a claim audit", "calls"},
		{"duplicate with one number", func(c *Case) { c.EOBErrors.Duplicate = Check{Status: CheckError} },
			"with both claim numbers (E2026021000123 and the claim it was matched to) and ask for a claim audit", "calls"},
		{"cost share, terms not known", func(c *Case) { c.EOBErrors.CostShare.Status = CheckError },
			"Compare your Summary of Benefits and Coverage with the EOB (deductible, coinsurance, copay, out-of-pocket maximum) and dispute the $2,850.00", "cost_share"},
		{"cost share, terms known", func(c *Case) {
			c.EOBErrors.CostShare.Status = CheckError
			c.Claim.Allowed = Cents(100000)
			c.CostShare = CostShareTerms{Network: NetworkIn, Deductible: Cents(50000), DeductibleMet: Cents(50000),
				CoinsurancePct: 20, OOPMax: Cents(400000), OOPMet: Cents(100000)}
		}, "by your plan's terms you should owe $200.00, but the EOB says $2,850.00, $2,650.00 too much", "cost_share"},
		{"prior auth without number", func(c *Case) { c.EOBErrors.PriorAuth.Status = CheckError },
			"Find the prior authorization number on Cigna's approval letter", "denial.prior_auth.number"},
		{"prior auth without date", func(c *Case) {
			c.EOBErrors.PriorAuth.Status = CheckError
			c.Denial.PriorAuth.Number = "PA-77"
		}, "quote prior authorization number PA-77 and attach Cigna's approval letter", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base()
			if i := findAction(NextActions(c, testRef, nov28), tt.want); i >= 0 {
				t.Fatalf("the action is there without the error")
			}
			tt.change(c)
			acts := NextActions(c, testRef, nov28)
			i := findAction(acts, tt.want)
			if i < 0 {
				t.Fatalf("no action contains %q; got:%s", tt.want, texts(acts))
			}
			if acts[i].Field != tt.field {
				t.Errorf("field %q, want %q", acts[i].Field, tt.field)
			}
			checkActions(t, c, acts)
		})
	}
}

func TestNextActionsOutcomes(t *testing.T) {
	c := doneCase()
	c.Plan.State = "TX"
	c.Plan.Type, c.Plan.Funding = PlanEmployer, FundingInsured
	RecordDecision(c, LevelExternal, DecisionUpheld, NewDate(2026, 9, 1))
	acts := NextActions(c, testRef, nov28)
	if len(acts) != 2 || !strings.Contains(acts[0].Text, "file a complaint with the Texas Department of Insurance (1-800-252-3439), and the U.S. Department of Labor's Employee Benefits Security Administration (1-866-444-3272) for the plan's ERISA duties") ||
		!strings.Contains(acts[1].Text, "ERISA section 502(a)") {
		t.Errorf("exhausted, fully insured:%s", texts(acts))
	}
	c.Plan.Type, c.Plan.Funding = PlanEmployer, FundingSelf
	if acts := NextActions(c, testRef, nov28); !strings.Contains(acts[0].Text, "the U.S. Department of Labor's Employee Benefits Security Administration (1-866-444-3272)") {
		t.Errorf("exhausted, self-funded:%s", texts(acts))
	}
	c.Plan.Type = PlanIndividual
	if acts := NextActions(c, testRef, nov28); strings.Contains(texts(acts), "ERISA") {
		t.Errorf("individual plans are not ERISA plans:%s", texts(acts))
	}
	RecordDecision(c, LevelExternal, DecisionPartlyOverturned, NewDate(2026, 9, 1))
	if acts := NextActions(c, testRef, nov28); !strings.Contains(acts[0].Text, "overturned part of the denial") {
		t.Errorf("partly overturned:%s", texts(acts))
	}

	c = doneCase()
	RecordDecision(c, Level1, DecisionOverturned, NewDate(2026, 5, 1))
	if acts := NextActions(c, testRef, nov28); len(acts) != 1 || !strings.HasPrefix(acts[0].Text, "This case is resolved: The plan overturned the denial on the level 1 appeal. Keep") {
		t.Errorf("resolved:%s", texts(acts))
	}
	c.Status = StatusClosed
	if acts := NextActions(c, testRef, nov28); acts != nil {
		t.Errorf("closed:%s", texts(acts))
	}
}

func TestNextActionsEscalation(t *testing.T) {
	// Level 1 upheld, number of levels not known: ask, and both the level 2
	// action (undated: the decision letter gives its date) and the external
	// review deadline appear.
	c := doneCase()
	acts := NextActions(c, testRef, time.Date(2026, 4, 21, 9, 0, 0, 0, time.UTC))
	for _, want := range []string{"whether your plan has a second level of appeal",
		"Send your level 2 appeal to Cigna before the date printed on your level 1 decision letter, and enter that date",
		"Ask for external review by an independent review organization (by August 20, 2026)"} {
		if findAction(acts, want) < 0 {
			t.Errorf("no action %q:%s", want, texts(acts))
		}
	}
	checkActions(t, c, acts)

	c.Plan.InternalLevels = 1
	acts = NextActions(c, testRef, time.Date(2026, 4, 21, 9, 0, 0, 0, time.UTC))
	if findAction(acts, "second level") >= 0 || findAction(acts, "level 2") >= 0 || findAction(acts, "external review") < 0 {
		t.Errorf("one-level plan:%s", texts(acts))
	}

	// An appeal sent 12 days ago with no case number: follow up.
	c = doneCase()
	c.Appeals[0].Decision, c.Appeals[0].DecisionReceived = DecisionPending, Date{}
	c.Step = StepTrack
	acts = NextActions(c, testRef, time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC))
	if i := findAction(acts, "No acknowledgment of your level 1 appeal sent March 2, 2026?"); i < 0 || acts[i].Field != "appeals[0].case_number" {
		t.Errorf("acknowledgment:%s", texts(acts))
	}
	if findAction(NextActions(c, testRef, time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)), "No acknowledgment") >= 0 {
		t.Error("follow-up on the acknowledgment asked before 10 days")
	}
}

func TestNextActionsBehavioralHealth(t *testing.T) {
	c := loadCase(t, "behavioral-health-residential")
	c.Appeals = nil
	c.Documents = c.Documents[:4]
	c.Denial.Policy.Number = ""
	c.Step = StepGather
	acts := NextActions(c, testRef, nov28)
	for _, want := range []string{
		"File your appeal with Evernorth Behavioral Health (formerly Cigna Behavioral Health), not with Cigna's general Member Services",
		"comparative analysis of its limits on mental health and substance use care",
		"MCG for mental health and ASAM for substance use, or LOCUS and CALOCUS in California and New York",
		"Send your level 1 appeal to Evernorth Behavioral Health by February 8, 2027 (180 days from the date printed on the notice; the legal last day is February 12, 2027): by certified mail",
	} {
		if findAction(acts, want) < 0 {
			t.Errorf("no action %q:%s", want, texts(acts))
		}
	}
	checkActions(t, c, acts)
}

func TestNextActionsMedicalNecessity(t *testing.T) {
	c := doneCase()
	c.Appeals = nil
	c.Step = StepReason
	c.Denial.Policy.Number = ""
	c.Denial.Policy.Criteria = []Criterion{{ID: "2(b)", Text: "x", Evidence: "note of 2026-01-05"}, {ID: "3", Text: "y"}}
	c.Documents = c.Documents[:1]
	acts := NextActions(c, testRef, time.Date(2026, 2, 25, 9, 0, 0, 0, time.UTC))
	for _, want := range []struct{ text, field string }{
		{"Find the coverage policy the denial letter names", "denial.policy.number"},
		{"Find the record that shows criterion 3 of the coverage policy is met", "denial.policy.criteria[1].evidence"},
		{"Ask your doctor for a letter that addresses each criterion of the coverage policy by name", "documents"},
	} {
		i := findAction(acts, want.text)
		if i < 0 || acts[i].Field != want.field {
			t.Errorf("no action %q with field %q:%s", want.text, want.field, texts(acts))
		}
	}
	if findAction(acts, "criterion 2(b)") >= 0 {
		t.Error("asked for evidence already given")
	}
	if findAction(acts, "peer-to-peer") >= 0 {
		t.Errorf("a peer-to-peer review suggested for care already given:%s", texts(acts))
	}
	checkActions(t, c, acts)

	c.Denial.Policy.Number = "0507"
	c.Documents = append(c.Documents, Document{Kind: DocPhysicianLetter, Status: DocRequested})
	acts = NextActions(c, testRef, time.Date(2026, 2, 25, 9, 0, 0, 0, time.UTC))
	if findAction(acts, "Follow up with your doctor's office on the letter") < 0 || findAction(acts, "criterion 3 of policy 0507") < 0 {
		t.Errorf("letter requested:%s", texts(acts))
	}
}

func TestNextActionsOverdueAppeal(t *testing.T) {
	c := loadCase(t, "medical-necessity-vitamin-d")
	acts := NextActions(c, testRef, time.Date(2027, 5, 3, 9, 0, 0, 0, time.UTC))
	i := findAction(acts, "Send your level 1 appeal to Cigna today, even though the usual last day was April 30, 2027: your plan may allow longer")
	if i < 0 || !acts[i].Urgent || i != 0 {
		t.Errorf("overdue appeal should come first and be urgent:%s", texts(acts))
	}
	checkActions(t, c, acts)
}

func TestNextActionsSanitized(t *testing.T) {
	c := doneCase()
	c.Step = StepGather
	c.Appeals = nil
	c.Claim.Provider.Name = "Evil\x1b]52;c;ZXZpbA==\x07 Imaging\nLLC"
	c.EOBErrors.CPT = Check{Status: CheckError}
	i := findAction(NextActions(c, testRef, nov28), "Call Evil Imaging LLC's billing office")
	if i < 0 {
		t.Errorf("provider name not sanitized in the action:%s", texts(NextActions(c, testRef, nov28)))
	}
}

func TestNextActionsMissingFacts(t *testing.T) {
	c := NewCase(t0, "Cigna")
	acts := NextActions(c, testRef, t0)
	for _, f := range []string{"eob.received", "eob.reason", "claim.number", "eob_errors.network.status"} {
		found := false
		for _, a := range acts {
			if a.Field == f && strings.HasPrefix(a.Text, "Add to the case: ") {
				found = true
			}
		}
		if !found {
			t.Errorf("no action fills %s:%s", f, texts(acts))
		}
	}
	checkActions(t, c, acts)
}

func BenchmarkNextActions(b *testing.B) {
	c := loadCase(b, "urgent-evicore-pet-scan")
	for b.Loop() {
		NextActions(c, testRef, nov28)
	}
}
