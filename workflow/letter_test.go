package workflow

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"
)

// checkLetter asserts what every rendered letter must be: no template
// residue, no control characters, no empty "Label:" line or heading with
// nothing under it, and no line wider than letterWidth unless it holds a
// single word without wide characters (those break anywhere).
func checkLetter(t testing.TB, s string) {
	t.Helper()
	if s == "" {
		t.Fatal("empty letter")
	}
	for _, bad := range []string{"<no value>", "{{", "}}", "\n\n\n"} {
		if strings.Contains(s, bad) {
			t.Errorf("letter contains %q", bad)
		}
	}
	if !strings.HasSuffix(s, "\n") || strings.HasPrefix(s, "\n") {
		t.Errorf("letter must start with text and end with one newline")
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, ln := range lines {
		if strings.ContainsFunc(ln, unicode.IsControl) {
			t.Errorf("line %d has a control character: %q", i+1, ln)
		}
		if strings.HasSuffix(ln, " ") {
			t.Errorf("line %d has trailing space: %q", i+1, ln)
		}
		if strings.HasSuffix(ln, ":") && !strings.HasPrefix(ln, "Dear ") &&
			(i+1 == len(lines) || lines[i+1] == "") {
			t.Errorf("line %d is a label or heading with nothing after it: %q", i+1, ln)
		}
		wide := strings.ContainsFunc(ln, func(r rune) bool { return letterRuneWidth(r) == 2 })
		if letterTextWidth(ln) > letterWidth && (len(strings.Fields(ln)) > 1 || wide) {
			t.Errorf("line %d is %d columns wide: %q", i+1, letterTextWidth(ln), ln)
		}
	}
}

func letterMissingFields(ms []Missing) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Field
		if m.Label == "" {
			panic("missing without a label: " + m.Field)
		}
	}
	return out
}

func TestLetterMissing(t *testing.T) {
	l := newTestLetters(t)
	empty := NewCase(letterToday.Time())
	tests := []struct {
		name string
		kind LetterKind
		c    *Case
		want []string
	}{
		{"empty level 1", LetterLevel1, empty, []string{"member.name", "member.address", "member.member_id",
			"claim.number", "claim.date_of_service", "eob.reason", "documents"}},
		{"medical necessity without criteria", LetterLevel1, func() *Case {
			c := mnEviCoreMRI()
			c.Denial.Policy = Policy{}
			return c
		}(), []string{"denial.policy.number", "denial.policy.criteria[0].text"}},
		{"criterion without evidence", LetterLevel1, func() *Case {
			c := mnEviCoreMRI()
			c.Denial.Policy.Criteria[1].Evidence = " \x1b[2J "
			return c
		}(), []string{"denial.policy.criteria[1].evidence"}},
		{"physician letter needs no evidence", LetterPhysician, func() *Case {
			c := mnEviCoreMRI()
			c.Denial.Policy.Criteria[1].Evidence = ""
			return c
		}(), nil},
		{"physician letter needs the doctor who ordered the care", LetterPhysician, func() *Case {
			c := mnEviCoreMRI()
			c.Physician = Physician{Address: "Capital Neurology Associates"}
			return c
		}(), []string{"physician.name"}},
		{"pre-service needs the procedure and letter date", LetterLevel1, func() *Case {
			c := urgentPETScan()
			c.Claim.Procedures = nil
			c.Denial.LetterDate = Date{}
			return c
		}(), []string{"claim.procedures[0].code", "denial.letter_date"}},
		{"representative's address", LetterClaimFile, func() *Case {
			c := priorAuthRepresentative()
			c.Representative.Address = ""
			return c
		}(), []string{"representative.address"}},
		{"each EOB error's facts", LetterLevel1, func() *Case {
			c := codingWrongCPT()
			c.Claim.Provider = Provider{}
			c.Claim.MemberOwes = Money{}
			c.EOBErrors = EOBErrors{Network: Check{Status: CheckError}, CPT: Check{Status: CheckError},
				Duplicate: Check{Status: CheckError}, CostShare: Check{Status: CheckError}, PriorAuth: Check{Status: CheckError}}
			return c
		}(), []string{"claim.provider.name", "claim.provider.npi", "eob_errors.cpt.details", "eob_errors.duplicate.details",
			"claim.member_owes", "eob_errors.cost_share.details", "denial.prior_auth.number"}},
		{"level 2 needs the level 1 decision", LetterLevel2, codingWrongCPT(), []string{"appeals"}},
		{"the EOB file counts as a copy to enclose", LetterLevel1, func() *Case {
			c := codingWrongCPT()
			c.Documents = nil
			c.EOB.File = "eob-oct24.pdf"
			return c
		}(), nil},
		{"level 2 with a pending level 1", LetterLevel2, func() *Case {
			c := bhResidentialLevel2()
			c.Appeals[0].Decision = DecisionPending
			c.Appeals[0].DecisionReceived = Date{}
			return c
		}(), []string{"appeals[0].decision", "appeals[0].decision_received"}},
		{"external with unknown levels", LetterExternal, func() *Case {
			c := bhResidentialLevel2()
			c.Plan.InternalLevels = 0
			return c
		}(), []string{"plan.internal_levels"}},
		{"external on a two-level plan before level 2", LetterExternal, bhResidentialLevel2(), []string{"appeals"}},
		{"follow-up without an appeal", LetterFollowUp, mnEviCoreMRI(), []string{"appeals"}},
		{"complaint without a plan type", LetterComplaint, func() *Case {
			c := exhaustedSelfFunded()
			c.Plan.Type = PlanUnknownStated
			return c
		}(), []string{"plan.type"}},
		{"complaint to a state needs the state", LetterComplaint, func() *Case {
			c := bhResidentialLevel2()
			c.Plan.State = "XX"
			return c
		}(), []string{"plan.state"}},
		{"corrected claim needs the details", LetterCorrectedClaim, func() *Case {
			c := codingWrongCPT()
			c.EOBErrors.CPT.Details = ""
			return c
		}(), []string{"eob_errors.cpt.details"}},
		{"audit needs the other claim", LetterAudit, func() *Case {
			c := duplicateVisit()
			c.EOBErrors.Duplicate.Details = ""
			return c
		}(), []string{"eob_errors.duplicate.details"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := letterMissingFields(l.Missing(tt.kind, tt.c))
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("Missing(%s) = %v, want %v", tt.kind, got, tt.want)
			}
			text, err := l.Render(tt.kind, tt.c, letterToday)
			var me *MissingError
			switch {
			case len(tt.want) == 0 && err != nil:
				t.Errorf("Render: %v", err)
			case len(tt.want) > 0 && (!errors.As(err, &me) || text != ""):
				t.Errorf("Render = %q, %v; want no text and a *MissingError", text, err)
			case me != nil && len(me.Missing) != len(tt.want):
				t.Errorf("MissingError lists %d facts, want %d", len(me.Missing), len(tt.want))
			}
		})
	}
}

func TestLetterNotApplicable(t *testing.T) {
	l := newTestLetters(t)
	gov := mnEviCoreMRI()
	gov.Plan = Plan{Type: PlanGovernment}
	individual := experimentalFinalDenial()
	individual.Plan.Type = PlanIndividual
	overturned := bhResidentialLevel2()
	overturned.Appeals[0].Decision = DecisionOverturned
	tests := []struct {
		name string
		kind LetterKind
		c    *Case
	}{
		{"government level 1", LetterLevel1, gov},
		{"government complaint", LetterComplaint, gov},
		{"government claim file", LetterClaimFile, gov},
		{"one-level plan", LetterLevel2, urgentPETScan()},
		{"individual plan", LetterLevel2, individual},
		{"level 1 overturned", LetterLevel2, overturned},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, err := l.Render(tt.kind, tt.c, letterToday)
			var na *NotApplicableError
			if !errors.As(err, &na) || text != "" || na.Kind != tt.kind || na.Reason == "" {
				t.Fatalf("Render = %q, %v; want a *NotApplicableError", text, err)
			}
			if slices.Contains(ApplicableLetters(tt.c), tt.kind) {
				t.Errorf("ApplicableLetters offers the %s", tt.kind)
			}
		})
	}
	if _, err := l.Render(LetterPhysician, gov, letterToday); err != nil {
		t.Errorf("a government plan's doctor letter: %v", err)
	}
}

func TestApplicableLetters(t *testing.T) {
	gov := mnEviCoreMRI()
	gov.Plan = Plan{Type: PlanGovernment}
	resolved := duplicateVisit()
	resolved.Status = StatusResolved
	tests := []struct {
		name string
		c    *Case
		want []LetterKind
	}{
		{"medical necessity, notice lacking elements", mnEviCoreMRI(),
			[]LetterKind{LetterLevel1, LetterExternal, LetterPhysician, LetterClaimFile}},
		{"medical necessity with the doctor's letter in hand", bhResidentialLevel2(),
			[]LetterKind{LetterLevel1, LetterLevel2, LetterClaimFile, LetterComplaint}},
		{"behavioral health after level 1", bhResidentialLevel2(),
			[]LetterKind{LetterLevel1, LetterLevel2, LetterClaimFile, LetterComplaint}},
		{"urgent with an appeal filed", urgentPETScan(),
			[]LetterKind{LetterLevel1, LetterExternal, LetterFollowUp, LetterPhysician, LetterClaimFile}},
		{"coding", codingWrongCPT(), []LetterKind{LetterLevel1, LetterCorrectedClaim, LetterClaimFile}},
		{"duplicate", duplicateVisit(), []LetterKind{LetterLevel1, LetterAudit, LetterClaimFile}},
		{"pending appeal", costShareDeductible(), []LetterKind{LetterLevel1, LetterFollowUp, LetterClaimFile}},
		{"final denial on two levels", experimentalFinalDenial(),
			[]LetterKind{LetterLevel1, LetterExternal, LetterClaimFile}},
		{"exhausted", exhaustedSelfFunded(), []LetterKind{LetterComplaint}},
		{"government: only the doctor's letter", gov, []LetterKind{LetterPhysician}},
		{"government with the doctor's letter in hand", func() *Case {
			c := bhResidentialLevel2()
			c.Plan = Plan{Type: PlanGovernment}
			return c
		}(), nil},
		{"individual plan after level 1", notCoveredIndividual(), []LetterKind{LetterLevel1, LetterExternal, LetterClaimFile}},
		{"unknown levels: no external yet", func() *Case {
			c := notCoveredIndividual()
			c.Plan.Type = PlanEmployerFullyInsured
			c.Denial.Notice = nil
			return c
		}(), []LetterKind{LetterLevel1, LetterLevel2, LetterClaimFile}},
		{"unknown levels, notice lacking elements: deemed exhaustion", func() *Case {
			c := notCoveredIndividual()
			c.Plan.Type = PlanEmployerFullyInsured
			return c
		}(), []LetterKind{LetterLevel1, LetterLevel2, LetterExternal, LetterClaimFile}},
		{"resolved", resolved, nil},
		{"nil", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ApplicableLetters(tt.c); !slices.Equal(got, tt.want) {
				t.Errorf("ApplicableLetters = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRenderErrors(t *testing.T) {
	l := newTestLetters(t)
	if _, err := l.Render("thank-you", mnEviCoreMRI(), letterToday); err == nil || !strings.Contains(err.Error(), "level1") {
		t.Errorf("unknown kind: %v", err)
	}
	if _, err := l.Render(LetterLevel1, nil, letterToday); err == nil {
		t.Error("nil case: no error")
	}
	if _, err := l.Render(LetterLevel1, mnEviCoreMRI(), Date{}); err == nil {
		t.Error("no date: no error")
	}
	if m := l.Missing(LetterLevel1, nil); m != nil {
		t.Errorf("Missing(nil) = %v", m)
	}
}

func TestNewLettersErrors(t *testing.T) {
	good := func() fstest.MapFS {
		fsys := fstest.MapFS{}
		for _, k := range LetterKinds() {
			fsys[string(k)+".tmpl"] = &fstest.MapFile{Data: []byte("x")}
		}
		return fsys
	}
	if _, err := NewLetters(good()); err != nil {
		t.Fatalf("complete set: %v", err)
	}
	noComplaint := good()
	delete(noComplaint, "complaint.tmpl")
	broken := good()
	broken["level1.tmpl"] = &fstest.MapFile{Data: []byte("{{if}")}
	for name, fsys := range map[string]fstest.MapFS{"empty": {}, "no complaint": noComplaint, "broken": broken} {
		if _, err := NewLetters(fsys); err == nil || !strings.HasPrefix(err.Error(), "letter templates: ") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestLetterKinds(t *testing.T) {
	for _, k := range LetterKinds() {
		if k.Title() == string(k) || k.Title() == "" {
			t.Errorf("%s has no title", k)
		}
	}
	if LetterLevel1.Title() != "Level 1 appeal" {
		t.Errorf("Title = %q", LetterLevel1.Title())
	}
}

// TestLetterFacts checks sentences the goldens must carry for their facts.
func TestLetterFacts(t *testing.T) {
	l := newTestLetters(t)
	render := func(k LetterKind, c *Case) string {
		t.Helper()
		s, err := l.Render(k, c, letterToday)
		if err != nil {
			t.Fatalf("Render(%s): %v", k, err)
		}
		return strings.Join(strings.Fields(s), " ")
	}
	tests := []struct {
		name    string
		kind    LetterKind
		c       *Case
		want    []string
		notWant []string
	}{
		{"the appeals address the case gives", LetterLevel1, priorAuthRepresentative(),
			[]string{"November 28, 2026 Cigna Healthcare GWH-Cigna Appeals P.O. Box 55010 Lexington, KY 40555 Customer Appeal - Level 1"},
			[]string{"P.O. Box 188011", "Send to"}},
		{"the appeals address the case gives, for eviCore too", LetterLevel1, func() *Case {
			c := mnEviCoreMRI()
			c.Denial.AppealsAddress = "eviCore healthcare\nAttn: Clinical Appeals\nP.O. Box 1000"
			return c
		}(),
			[]string{"eviCore healthcare Attn: Clinical Appeals P.O. Box 1000 Customer Appeal - Level 1"},
			[]string{"Send to"}},
		{"Cigna default address", LetterLevel1, func() *Case {
			c := priorAuthRepresentative()
			c.Denial.AppealsAddress = ""
			return c
		}(),
			[]string{"Cigna Healthcare National Appeals Unit P.O. Box 188011 Chattanooga, TN 37422", "Customer Appeal - Level 1",
				"Representative authorization", "I, Harold Kim, authorize Grace Kim", "cc: Raritan Bay Orthopaedics Raritan Logistics, benefits office",
				"PA-2607-4471903"},
			[]string{"EXPEDITED", "Send to"}},
		{"eviCore routes to the denial letter's address", LetterLevel1, mnEviCoreMRI(),
			[]string{"eviCore healthcare Appeals (Send to the appeals address printed on the denial letter dated September 29, 2026.)",
				"Criterion SP-1.2: Progressive or severe neurological deficit. Evidence: Neurology note"},
			[]string{"P.O. Box 188011", "No Surprises Act", "Parity"}},
		{"behavioral health routes to Evernorth, argues parity", LetterLevel2, bhResidentialLevel2(),
			[]string{"Evernorth Behavioral Health", "Mental Health Parity and Addiction Equity Act (29 U.S.C. 1185a; 29 CFR 2590.712(c)(4))",
				"comparative analysis", "Customer Appeal - Level 2", "The level 1 decision, which I received on October 6, 2026, upheld the denial.",
				"each level of a post-service appeal must be decided within 30 days"},
			[]string{"P.O. Box 188011", "I filed the level 2"}},
		{"urgent is expedited", LetterLevel1, urgentPETScan(),
			[]string{"EXPEDITED REVIEW REQUESTED: URGENT CARE", "within 72 hours", "approve the requested service"},
			[]string{"Claim number", "I filed the level 1 appeal"}},
		{"network error and the No Surprises Act", LetterLevel1, networkAnesthesia(),
			[]string{"NPI 1730291846", "No Surprises Act", "at the in-network level", "puts my share at $1,920.00; the allowed amount is $960.00", "my share of the allowed amount is $192.00, not $1,920.00",
				"coinsurance 20%"},
			[]string{"scientific or clinical judgment", "health care professional"}},
		{"another insurer gets no Cigna address", LetterLevel1, func() *Case {
			c := codingWrongCPT()
			c.Insurer = "Acme Health"
			return c
		}(), []string{"Acme Health Appeals (Send to the appeals address printed on the denial letter dated October 24, 2026.)",
			"I am appealing Acme Health's denial"},
			[]string{"Cigna", "P.O. Box 188011"}},
		{"an appeal of unknown level", LetterComplaint, func() *Case {
			c := codingWrongCPT()
			c.Appeals = []Appeal{{Filed: letterDay(2026, time.November, 2), CaseNumber: "APL-1", Decision: DecisionUpheld, DecisionReceived: letterDay(2026, time.November, 20)}}
			return c
		}(), []string{"November 2, 2026: I filed an appeal.", "November 20, 2026: I received the appeal decision, which upheld the denial.",
			"Appeal case number: APL-1"},
			[]string{"appeal appeal", "()"}},
		{"overdue decision", LetterFollowUp, costShareDeductible(),
			[]string{"the decision was due by November 24, 2026 (29 CFR 2560.503-1(i)(2)(iii)(A)). I have not received it."},
			[]string{"acknowledgment"}},
		{"complaint to EBSA for self-funded", LetterComplaint, exhaustedSelfFunded(),
			[]string{"Employee Benefits Security Administration", "1-866-444-3272", "completed the plan's appeals: the external review decision"},
			[]string{"cc:", "Insurance department"}},
		{"complaint to the state for fully insured", LetterComplaint, bhResidentialLevel2(),
			[]string{"Insurance department of Vermont", "a fully insured employer plan"},
			[]string{"EBSA"}},
		{"doctor letter names each criterion and asks for peer-to-peer", LetterPhysician, urgentPETScan(),
			[]string{"Dear Doctor:", "Criterion ONC-27.3: Restaging", "peer-to-peer", "eviCore healthcare", "29 CFR 2560.503-1(m)(1)"},
			[]string{"Amount billed", "Enclosures: - Medical records"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := render(tt.kind, tt.c)
			for _, w := range tt.want {
				if !strings.Contains(s, w) {
					t.Errorf("letter lacks %q:\n%s", w, s)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(s, w) {
					t.Errorf("letter has %q", w)
				}
			}
		})
	}
}

func TestLetterLinesOfAnAddress(t *testing.T) {
	for in, want := range map[string][]string{
		"418 Alder Street\nAustin, TX 78704":                                       {"418 Alder Street", "Austin, TX 78704"},
		"418 Alder Street, Austin, TX 78704":                                       {"418 Alder Street", "Austin, TX 78704"},
		"Cigna Healthcare, GWH-Cigna Appeals, P.O. Box 55010, Lexington, KY 40555": {"Cigna Healthcare", "GWH-Cigna Appeals", "P.O. Box 55010", "Lexington, KY 40555"},
		"1427 Calle Loíza, Apt 3B, San Juan, PR 00911-1234 ":                       {"1427 Calle Loíza", "Apt 3B", "San Juan, PR 00911-1234"},
		// Not ending in a city, state and ZIP code: left as typed.
		"Flat 2, 10 Downing Street, London SW1A 2AA": {"Flat 2, 10 Downing Street, London SW1A 2AA"},
		"Austin, TX 78704":                           {"Austin, TX 78704"},
		"  \n ":                                      nil,
	} {
		if got := letterLines(in); !slices.Equal(got, want) {
			t.Errorf("letterLines(%q) = %q, want %q", in, got, want)
		}
	}
}
