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
		// The level 1 appeal carried the recomputation: the math is not
		// disputed again.
		{"cost-share-deductible", "Wait for the decision on your level 1 appeal, due by December 19, 2026", nil,
			[]string{"Dispute the math", "Compare your Summary of Benefits"}},
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
		c.Calls = nil
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
	c.Denial.Policy.Number, c.Denial.Policy.Title = "", ""
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

// TestNextActionsWaitForDecision: a decision still to come is waited for,
// not asked for as a missing fact; once decided, its date is asked.
func TestNextActionsWaitForDecision(t *testing.T) {
	c := pendingAppeal()
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	acts := NextActions(c, testRef, now)
	if i := findAction(acts, "Add to the case: the decision"); i >= 0 {
		t.Errorf("a pending decision is asked for:%s", texts(acts))
	}
	if findAction(acts, "Wait for the decision") < 0 {
		t.Errorf("no wait action:%s", texts(acts))
	}
	c.Appeals[0].Decision = DecisionUpheld
	if acts := NextActions(c, testRef, now); findAction(acts, "the day you received") < 0 {
		t.Errorf("a decided appeal's date is not asked:%s", texts(acts))
	}
}

func BenchmarkNextActions(b *testing.B) {
	c := loadCase(b, "urgent-evicore-pet-scan")
	for b.Loop() {
		NextActions(c, testRef, nov28)
	}
}

// pendingAppeal returns doneCase with its level 1 appeal sent on March 2,
// 2026 and not yet decided, at step 6, and no calls logged.
func pendingAppeal() *Case {
	c := doneCase()
	c.Appeals[0].Decision, c.Appeals[0].DecisionReceived = DecisionPending, Date{}
	c.Calls = nil
	c.Step = StepTrack
	return c
}

func TestNextActionsAcknowledgment(t *testing.T) {
	mar14 := time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	callAt := func(d int, with CallWith) Call {
		return Call{At: time.Date(2026, 3, d, 15, 0, 0, 0, time.UTC), With: with, Reference: "R-1"}
	}
	tests := []struct {
		name   string
		change func(c *Case)
		want   string // the action contains this; "" when there is no action
	}{
		{"insurer", func(c *Case) {}, "Call Cigna Member Services (the number on your ID card, or 1-800-244-6224) to ask whether it arrived"},
		{"insurer, appeals phone on the denial", func(c *Case) { c.Denial.AppealsPhone = "1-800-555-0100" },
			"Call Cigna at 1-800-555-0100 to ask whether it arrived"},
		{"delegate, appeals phone on the denial", func(c *Case) {
			c.Denial.Reviewer, c.Denial.AppealsPhone = ReviewerDelegate, "1-800-555-0179"
		}, "Call eviCore healthcare at 1-800-555-0179 to ask whether it arrived"},
		{"delegate, no phone", func(c *Case) { c.Denial.Reviewer = ReviewerDelegate },
			"Call eviCore healthcare (the number on the denial letter) to ask whether it arrived"},
		{"receipt recorded", func(c *Case) { c.Appeals[0].Received = NewDate(2026, 3, 4) }, ""},
		{"the delegate called since", func(c *Case) {
			c.Denial.Reviewer = ReviewerDelegate
			c.Calls = []Call{callAt(5, CallDelegate)}
		}, ""},
		{"Member Services called on the day it was sent", func(c *Case) { c.Calls = []Call{callAt(2, CallMemberServices)} }, ""},
		{"a call before it was sent does not count", func(c *Case) { c.Calls = []Call{callAt(1, CallMemberServices)} },
			"No acknowledgment of your level 1 appeal sent March 2, 2026?"},
		{"a call to the provider does not count", func(c *Case) { c.Calls = []Call{callAt(5, CallProviderBilling)} },
			"No acknowledgment of your level 1 appeal sent March 2, 2026?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := pendingAppeal()
			tt.change(c)
			acts := NextActions(c, testRef, mar14)
			i := findAction(acts, "No acknowledgment")
			switch {
			case tt.want == "" && i >= 0:
				t.Errorf("asked to confirm a receipt the case shows: %q", acts[i].Text)
			case tt.want != "" && (i < 0 || !strings.Contains(acts[i].Text, tt.want)):
				t.Errorf("no action contains %q:%s", tt.want, texts(acts))
			}
			checkActions(t, c, acts)
		})
	}
}

func TestNextActionsPriorAuthNumber(t *testing.T) {
	base := func() *Case {
		c := doneCase()
		c.Appeals, c.Calls, c.Step = nil, nil, StepGather
		c.Denial.Category, c.Denial.Policy = CategoryPriorAuth, Policy{}
		c.Claim.Provider.Name = "Lakeside Imaging"
		return c
	}
	const ask = "Ask Lakeside Imaging whether they got prior authorization"
	if acts := NextActions(base(), testRef, nov28); findAction(acts, ask) < 0 {
		t.Errorf("care already given, not an emergency: ask the provider:%s", texts(acts))
	}
	for name, change := range map[string]func(c *Case){
		"the authorization request itself denied": func(c *Case) { c.Denial.Review = ReviewPreService },
		"ongoing care":   func(c *Case) { c.Denial.Review = ReviewConcurrent },
		"emergency care": func(c *Case) { c.Claim.Emergency, c.Claim.Symptoms = true, "chest pain" },
	} {
		c := base()
		change(c)
		acts := NextActions(c, testRef, nov28)
		if i := findAction(acts, "whether they got prior authorization"); i >= 0 {
			t.Errorf("%s: %q", name, acts[i].Text)
		}
		checkActions(t, c, acts)
	}
}

func TestNextActionsCoveragePolicy(t *testing.T) {
	base := func() *Case {
		c := doneCase()
		c.Appeals, c.Calls, c.Step = nil, nil, StepGather
		c.Denial.Policy = Policy{}
		return c
	}
	const find = "Find the coverage policy the denial letter names"
	tests := []struct {
		name   string
		change func(c *Case)
		has    []string
		not    []string
	}{
		{"nothing named", func(c *Case) {}, []string{find, "Cigna publishes its Medical Coverage Policies on cigna.com"}, nil},
		{"an MCG guideline by title", func(c *Case) {
			c.Denial.Policy.Title = "MCG Inpatient Rehabilitation Care Guidelines: Stroke"
			c.Documents = c.Documents[:1]
		},
			[]string{`The denial relied on "MCG Inpatient Rehabilitation Care Guidelines: Stroke", not on one of the Medical ` +
				`Coverage Policies Cigna publishes on cigna.com: ask Cigna for a copy of the criteria it applied to you (the ` +
				`claim-file request letter asks for it`,
				`addresses each criterion of "MCG Inpatient Rehabilitation Care Guidelines: Stroke" by name`},
			[]string{find}},
		{"InterQual named only in the reason", func(c *Case) { c.EOB.Reason = "Based on InterQual criteria, not necessary." },
			[]string{"The denial relied on InterQual criteria, not on one of the Medical Coverage Policies"}, []string{find}},
		{"a Cigna policy by title", func(c *Case) { c.Denial.Policy.Title = "Vitamin D Testing" },
			[]string{`Find "Vitamin D Testing" among the Medical Coverage Policies Cigna publishes on cigna.com, and add its number`},
			[]string{find, "relied on"}},
		{"a delegate's guideline by title", func(c *Case) {
			c.Denial.Reviewer = ReviewerDelegate
			c.Denial.Policy.Title = "Spine Imaging Guidelines"
		}, []string{`The denial relied on "Spine Imaging Guidelines": ask eviCore healthcare for a copy of the criteria`},
			[]string{"cigna.com", find}},
		{"a delegate's review, nothing named", func(c *Case) { c.Denial.Reviewer = ReviewerDelegate },
			[]string{find}, []string{"cigna.com"}},
		{"behavioral health: the parity request asks for the criteria", func(c *Case) {
			c.Denial.BehavioralHealth, c.Denial.BHLevel = true, BHResidential
			c.Denial.Policy.Title = "MCG Behavioral Health Care, Residential Behavioral Health Level of Care"
		}, []string{"Ask Evernorth Behavioral Health in writing for the medical-necessity criteria it used and the plan's comparative analysis"},
			[]string{"relied on", find, "which level-of-care criteria it used"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base()
			tt.change(c)
			acts := NextActions(c, testRef, nov28)
			for _, s := range tt.has {
				if findAction(acts, s) < 0 {
					t.Errorf("no action contains %q:%s", s, texts(acts))
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

// TestNextActionsCallsDone: what the call log shows done is not asked
// again; a call about the claim counts from the denial on, with the party
// the action would have the person call.
func TestNextActionsCallsDone(t *testing.T) {
	base := func() *Case {
		c := doneCase()
		c.Appeals, c.Calls, c.Step = nil, nil, StepGather
		c.Denial.Category = CategoryOther
		c.Claim.Provider = Provider{Name: "Lakeside Imaging", NPI: "1234567893"}
		c.Claim.Procedures = []Procedure{{Code: "72158"}}
		return c
	}
	call := func(with CallWith, day int) []Call {
		return []Call{{At: time.Date(2026, 2, day, 11, 0, 0, 0, time.UTC), With: with, Rep: "Ana", Reference: "CS-9",
			Outcome: "Rep sent it back for reprocessing."}}
	}
	tests := []struct {
		name   string
		change func(c *Case)
		calls  []Call
		asked  string // the action without the call
		after  string // the action with it, or "" for none
	}{
		{"network status verified", func(c *Case) { c.EOBErrors.Network.Status = CheckError },
			call(CallMemberServices, 26), "ask them to verify the provider's network status", ""},
		{"corrected claim asked for", func(c *Case) {
			c.EOBErrors.CPT = Check{Status: CheckError, Details: "billed as 72158, done 72148"}
		}, call(CallProviderBilling, 26), "ask for a corrected claim with CPT 72148",
			"You called Lakeside Imaging's billing office on February 26, 2026. If no corrected claim has gone to Cigna since, " +
				"send them the corrected-claim request letter asking for CPT 72148"},
		{"claim audit asked for", func(c *Case) {
			c.EOBErrors.Duplicate = Check{Status: CheckError, Details: "matched to claim E2026010100007 by mistake"}
		}, call(CallMemberServices, 26), "and ask for a claim audit",
			"You called Cigna on February 26, 2026 about the claim denied as a duplicate. If it has not been reprocessed " +
				"since, send the claim audit request letter with both claim numbers (E2026021000123 and E2026010100007)"},
		{"coding denial checked with the billing office", func(c *Case) { c.Denial.Category = CategoryCoding },
			call(CallProviderBilling, 26), "billing office to check the codes on the claim",
			"send them the corrected-claim request letter: a written request leaves a record"},
		{"duplicate denial asked about", func(c *Case) { c.Denial.Category = CategoryDuplicate },
			call(CallBehavioralHealth, 25), "ask which claim this one was matched to", "send the claim audit request letter with both claim numbers:"},
		{"coverage dates checked", func(c *Case) { c.Denial.Category = CategoryEligibility },
			call(CallMemberServices, 24), "check your coverage dates", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := base()
			tt.change(c)
			if acts := NextActions(c, testRef, nov28); findAction(acts, tt.asked) < 0 {
				t.Fatalf("no call logged: no action contains %q:%s", tt.asked, texts(acts))
			}
			// A call before the denial (a check before the care) is not
			// about it, and a call with someone else does not do it.
			other := CallProviderBilling
			if tt.calls[0].With == CallProviderBilling {
				other = CallMemberServices
			}
			for _, calls := range [][]Call{call(tt.calls[0].With, 19), call(other, 26)} {
				c.Calls = calls
				if acts := NextActions(c, testRef, nov28); findAction(acts, tt.asked) < 0 {
					t.Errorf("call %v: no action contains %q:%s", calls[0], tt.asked, texts(acts))
				}
			}
			c.Calls = tt.calls
			acts := NextActions(c, testRef, nov28)
			if i := findAction(acts, tt.asked); i >= 0 {
				t.Errorf("asked again after the call: %q", acts[i].Text)
			}
			if tt.after != "" && findAction(acts, tt.after) < 0 {
				t.Errorf("no action contains %q:%s", tt.after, texts(acts))
			}
			checkActions(t, c, acts)
		})
	}
}

func TestNextActionsCostShareDisputed(t *testing.T) {
	c := doneCase()
	c.Calls, c.Step = nil, StepTrack
	c.Appeals[0].Decision, c.Appeals[0].DecisionReceived = DecisionPending, Date{}
	c.Denial.Category = CategoryCostShare
	c.EOBErrors.CostShare.Status = CheckError
	acts := NextActions(c, testRef, time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC))
	for _, s := range []string{"Dispute the math", "Compare your Summary of Benefits"} {
		if i := findAction(acts, s); i >= 0 {
			t.Errorf("the appeal sent was the dispute in writing: %q", acts[i].Text)
		}
	}
	c.Appeals = nil
	if acts := NextActions(c, testRef, time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)); findAction(acts, "Compare your Summary of Benefits") < 0 {
		t.Errorf("no appeal sent: dispute the math:%s", texts(acts))
	}
}

func TestNextActionsUrgentLate(t *testing.T) {
	c := pendingAppeal()
	c.Denial.Reviewer, c.Denial.AppealsPhone = ReviewerDelegate, "1-800-555-0179"
	c.Denial.Review, c.Claim.DateOfService = ReviewUrgent, NewDate(2026, 3, 12)
	c.Appeals[0].Received = NewDate(2026, 3, 2)
	acts := NextActions(c, testRef, time.Date(2026, 3, 9, 9, 0, 0, 0, time.UTC))
	i := findAction(acts, "has not come")
	if i != 0 || !acts[i].Urgent || !strings.Contains(acts[i].Text, "The care is urgent and scheduled for March 12, 2026: ask "+
		"for an expedited external review now rather than wait") || !strings.Contains(acts[i].Text, "Call eviCore healthcare at "+
		"1-800-555-0179 for the decision at the same time.") || strings.Contains(acts[i].Text, "keep waiting") {
		t.Errorf("urgent care, decision late: the expedited external review first:%s", texts(acts))
	}
	checkActions(t, c, acts)

	c.Denial.Review = ReviewPostService
	acts = NextActions(c, testRef, time.Date(2026, 6, 9, 9, 0, 0, 0, time.UTC))
	if i := findAction(acts, "has not come"); i < 0 || !strings.Contains(acts[i].Text, "keep waiting: this is your choice") ||
		strings.Contains(acts[i].Text, "expedited") {
		t.Errorf("care already given, decision late: waiting is a choice:%s", texts(acts))
	}
}

func TestNextActionsCourtAfterFinalDenial(t *testing.T) {
	const sue = "ERISA section 502(a) lets you sue over the denial in court (the final denial must tell you of this right: " +
		"29 CFR 2560.503-1(g)(1)(iv))"
	c := doneCase()
	c.Plan.InternalLevels = 1
	apr21 := time.Date(2026, 4, 21, 9, 0, 0, 0, time.UTC)
	acts := NextActions(c, testRef, apr21)
	if findAction(acts, sue) < 0 {
		t.Errorf("employer plan, final denial:%s", texts(acts))
	}
	checkActions(t, c, acts)
	for name, change := range map[string]func(c *Case){
		"individual coverage":        func(c *Case) { c.Plan.Type, c.Plan.Funding = PlanIndividual, FundingUnknown },
		"a government employer plan": func(c *Case) { c.Plan.Type = PlanPublicEmployer },
		"a second level may follow":  func(c *Case) { c.Plan.InternalLevels = 0 },
		"level 1 still pending": func(c *Case) {
			c.Appeals[0].Decision, c.Appeals[0].DecisionReceived = DecisionPending, Date{}
		},
	} {
		c := doneCase()
		c.Plan.InternalLevels = 1
		change(c)
		if i := findAction(NextActions(c, testRef, apr21), "502(a)"); i >= 0 {
			t.Errorf("%s: %q", name, NextActions(c, testRef, apr21)[i].Text)
		}
	}
}
