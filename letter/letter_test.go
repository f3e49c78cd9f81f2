package letter

import (
	"bytes"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/overturn/overturn/assets"
	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/workflow"
)

// baseCase is a complete post-service medical-necessity case on a
// self-funded employer plan: every letter to the plan renders ready.
func baseCase() *workflow.Case {
	c := workflow.NewCase(time.Date(2026, 9, 20, 9, 0, 0, 0, time.UTC), "Cigna")
	c.Title = "MRI denied"
	c.Member = workflow.Member{Name: "Dana Reyes", MemberID: "U4829113702", GroupNumber: "3340917",
		Address: "418 Alder Street\nAustin, TX 78704", Phone: "512-555-0143", DateOfBirth: workflow.NewDate(1979, 6, 2)}
	c.Plan = workflow.Plan{Type: workflow.PlanEmployer, Funding: workflow.FundingSelf, State: "TX", Employer: "Hill Country Credit Union",
		InternalLevels: 1}
	c.Physician = workflow.Physician{Name: "Dr. Adaeze Okafor", Address: "3410 Bee Cave Road\nAustin, TX 78746"}
	c.Claim = workflow.Claim{Number: "E2026091400871", DateOfService: workflow.NewDate(2026, 9, 14),
		Provider:   workflow.Provider{Name: "Lakeside Imaging", NPI: "1417932658", Address: "12 Lake Road\nAustin, TX 78701"},
		Procedures: []workflow.Procedure{{Code: "72148", Billed: workflow.Cents(185000)}},
		Billed:     workflow.Cents(185000), Allowed: workflow.Cents(0), PlanPaid: workflow.Cents(0), MemberOwes: workflow.Cents(185000)}
	c.EOB = workflow.EOB{Date: workflow.NewDate(2026, 10, 28), Received: workflow.NewDate(2026, 11, 2), Codes: []string{"CO-50"},
		Reason: "The service is not medically necessary."}
	c.Denial.Category = workflow.CategoryMedicalNecessity
	c.Denial.Review = workflow.ReviewPostService
	c.Denial.Policy = workflow.Policy{Number: "0507", Criteria: []workflow.Criterion{{ID: "1", Text: "Six weeks of therapy", Evidence: "PT notes"}}}
	c.Documents = []workflow.Document{{Kind: workflow.DocPhysicianLetter, Status: workflow.DocHave}}
	return c
}

func kindsOf(offers []Offer) []Kind {
	var ks []Kind
	for _, o := range offers {
		ks = append(ks, o.Kind)
	}
	return ks
}

// TestRenderEveryCaseEveryKind: every kind for every case either renders a
// clean letter or is refused with a reason; a ready letter has nothing to
// fill; an option is never ready; gaps come must-fill first.
func TestRenderEveryCaseEveryKind(t *testing.T) {
	e := newTestEngine(t)
	rendered := 0
	for name, c := range allCases(t) {
		for _, k := range Kinds() {
			l, err := e.Render(k, c, goldenNow)
			var refused *RefusedError
			if errors.As(err, &refused) {
				if refused.Kind != k || refused.Reason == "" || l != nil {
					t.Errorf("%s %s: refusal %+v with letter %v", name, k, refused, l)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s %s: %v", name, k, err)
			}
			rendered++
			checkLetter(t, name+" "+string(k), l.Text)
			if l.Ready && len(l.MustFill()) > 0 || l.Option && l.Ready {
				t.Errorf("%s %s: ready %v with must-fill gaps %v, option %v", name, k, l.Ready, l.MustFill(), l.Option)
			}
			if !sort.SliceIsSorted(l.Gaps, func(i, j int) bool { return l.Gaps[i].Severity < l.Gaps[j].Severity }) {
				t.Errorf("%s %s: gaps not must-fill first: %v", name, k, l.Gaps)
			}
			for _, g := range l.Gaps {
				if g.Field == "" || g.Label == "" || strings.Contains(l.Text, g.Label) {
					t.Errorf("%s %s: gap %+v is empty, or written inside the letter", name, k, g)
				}
			}
			if len(l.Sender) == 0 || len(l.Recipient) == 0 || !strings.HasPrefix(l.Text, l.Sender[0]+"\n") {
				t.Errorf("%s %s: sender %v recipient %v", name, k, l.Sender, l.Recipient)
			}
		}
	}
	if rendered < 50 {
		t.Errorf("only %d letters rendered: the test exercises too little", rendered)
	}
}

// TestRendersDespiteGaps: a letter is refused only when it would be wrong
// or useless; each of these gaps still gives the letter, with the gap
// listed beside it (rules.md, version 2).
func TestRendersDespiteGaps(t *testing.T) {
	e := newTestEngine(t)
	tests := []struct {
		name   string
		kind   Kind
		change func(c *workflow.Case)
		gap    string // a gap on this field, or "" for none expected
		has    string // the letter contains this
		lacks  string // and not this
	}{
		{"no EOB document marked have: the EOB is enclosed by its date", Level1,
			func(c *workflow.Case) { c.Documents = nil }, "", "- Explanation of Benefits dated October 28, 2026", ""},
		{"no coverage policy named: the (g)(1)(v)(A) element listed as missing", Level1,
			func(c *workflow.Case) { c.Denial.Policy = workflow.Policy{} },
			"", "- the internal rule, guideline or protocol relied on, or a statement that it is free on request (29 CFR 2560.503-1(g)(1)(v)(A))", "relies on coverage policy"},
		{"no policy: the physician letter asks to answer the reason", Physician,
			func(c *workflow.Case) { c.Denial.Policy, c.Documents = workflow.Policy{}, nil },
			"denial.policy.number", "The denial names no coverage policy. Please write a letter that answers the reason the plan gave",
			"each criterion"},
		{"an inpatient stay with no CPT code", Level1,
			func(c *workflow.Case) {
				c.Claim.Procedures = []workflow.Procedure{{Description: "inpatient stay, revenue code 0120", Units: 3}}
			}, "", ", billed as inpatient stay, revenue code 0120 (3 units). I ask", "procedure code"},
		{"a drug by its J-code, with units", Level1,
			func(c *workflow.Case) {
				c.Claim.Procedures = []workflow.Procedure{{Code: "J9271", Description: "pembrolizumab", Units: 4}}
			}, "", "drug code J9271, pembrolizumab, 4 units", ""},
		{"a drug's units of its dose", Level1,
			func(c *workflow.Case) {
				c.Claim.Procedures = []workflow.Procedure{{Code: "J9358", Description: "fam-trastuzumab deruxtecan-nxki (Enhertu), 1 mg",
					Units: 378}}
			}, "", "Drug: J9358, fam-trastuzumab deruxtecan-nxki (Enhertu), 378 units of 1 mg", "Procedure code"},
		{"a claim paid at the out-of-network level is appealed as processed", Level1,
			func(c *workflow.Case) {
				c.Denial.Category = workflow.CategoryNetwork
				c.EOBErrors.Network.Status = workflow.CheckError
				c.Claim.Allowed, c.Claim.PlanPaid = workflow.Cents(19600), workflow.Cents(0)
			}, "", "appealing Cigna's processing of claim", "reason for the denial"},
		{"mental health care named as such", Level1,
			func(c *workflow.Case) {
				c.Denial.BehavioralHealth, c.Denial.Limit = true, "20 sessions"
				c.Claim.Diagnoses = []string{"F33.2", "F41.1"}
			}, "", "for mental health treatment", "substance use disorder treatment"},
		{"a description in running text", Level1,
			func(c *workflow.Case) {
				c.Claim.Procedures = []workflow.Procedure{{Description: "Inpatient rehabilitation stay"}, {Description: "MRI of the knee"}}
			}, "", "billed as inpatient rehabilitation stay and MRI of the knee", ""},
		{"no mailing address: must fill", Level1, func(c *workflow.Case) { c.Member.Address = "" }, "member.address", "Dana Reyes", ""},
		{"no member ID: must fill", Level1, func(c *workflow.Case) { c.Member.MemberID = "" }, "member.member_id", "", "Member ID:"},
		{"no denial reason: must fill, the codes still quoted", Level1, func(c *workflow.Case) { c.EOB.Reason = ""; c.EOB.Codes = nil },
			"eob.reason", "", "gives this reason"},
		{"no physician address: must fill", Physician, func(c *workflow.Case) { c.Physician.Address, c.Documents = "", nil },
			"physician.address", "Dear Dr. Okafor:", ""},
		{"an LCSW is greeted by name", Physician, func(c *workflow.Case) {
			c.Physician.Name, c.Physician.Credentials, c.Documents = "Jordan Lee", "LCSW", nil
		}, "", "Dear Jordan Lee, LCSW:", "Dear Dr."},
		{"other claims denied the same way: the decision asked for them too", Level1,
			func(c *workflow.Case) { c.Claim.Related = "10/28/2026, claim E1; 11/04/2026\n" },
			"", "- 10/28/2026, claim E1 - 11/04/2026 I ask that the decision apply to them as well.", ""},
		{"plan type not known: both rules, named", Level1, func(c *workflow.Case) { c.Plan.Type = workflow.PlanUnknownStated },
			"plan.type", "", "45 CFR 147.136(b)(3)(ii)(E)(1) "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := baseCase()
			tt.change(c)
			l, err := e.Render(tt.kind, c, goldenNow)
			if err != nil {
				t.Fatalf("refused: %v", err)
			}
			checkLetter(t, tt.name, l.Text)
			if tt.gap != "" && !slices.ContainsFunc(l.Gaps, func(g Gap) bool { return g.Field == tt.gap }) {
				t.Errorf("no gap on %s: %+v", tt.gap, l.Gaps)
			}
			flat := strings.Join(strings.Fields(l.Text), " ")
			if tt.has != "" && !strings.Contains(flat, tt.has) {
				t.Errorf("letter lacks %q:\n%s", tt.has, l.Text)
			}
			if tt.lacks != "" && strings.Contains(flat, tt.lacks) {
				t.Errorf("letter has %q:\n%s", tt.lacks, l.Text)
			}
		})
	}
}

// TestRefusedWhenWrong: the letters refused, each with its reason and the
// fact to look at.
func TestRefusedWhenWrong(t *testing.T) {
	e := newTestEngine(t)
	upheld := workflow.Appeal{Level: workflow.Level1, Filed: workflow.NewDate(2026, 11, 3), Decision: workflow.DecisionUpheld,
		DecisionReceived: workflow.NewDate(2026, 11, 20)}
	tests := []struct {
		name   string
		kind   Kind
		change func(c *workflow.Case)
		reason string
		field  string
	}{
		{"no writer", Level1, func(c *workflow.Case) { c.Member.Name = "" }, "no one is named to write it", "member.name"},
		{"no claim", ClaimFile, func(c *workflow.Case) {
			c.Claim = workflow.Claim{}
			c.EOB = workflow.EOB{}
		}, "which claim", "claim.number"},
		{"no doctor to write to", Physician, func(c *workflow.Case) { c.Physician = workflow.Physician{} }, "no doctor is named", "physician.name"},
		{"level 1 already decided", Level1, func(c *workflow.Case) { c.Appeals = []workflow.Appeal{upheld} },
			"the level 1 appeal is already decided", "appeals[0].decision"},
		{"level 1 sent and pending", Level1, func(c *workflow.Case) {
			c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: workflow.NewDate(2026, 11, 3)}}
		}, "a second one would only duplicate it", "appeals[0].decision"},
		{"level 2 on a one-level plan", Level2, func(c *workflow.Case) { c.Appeals = []workflow.Appeal{upheld} },
			"one internal appeal level", "plan.internal_levels"},
		{"level 2 on individual coverage recorded with two levels", Level2, func(c *workflow.Case) {
			c.Plan.Type, c.Plan.InternalLevels = workflow.PlanIndividual, 2
			c.Appeals = []workflow.Appeal{upheld}
		}, "147.136(b)(3)(ii)(G)", "plan.type"},
		{"level 2 before the level 1 decision", Level2, func(c *workflow.Case) { c.Plan.InternalLevels = 2 },
			"answers the level 1 decision", "appeals"},
		{"external review with no basis", External, func(c *workflow.Case) {}, "external review follows", "appeals"},
		{"a complaint with no lapse", Complaint, func(c *workflow.Case) {}, "no lapse", ""},
		{"a follow-up with nothing pending", FollowUp, func(c *workflow.Case) {}, "no internal appeal is waiting", "appeals"},
		{"an appeal for a Medicare Advantage plan", Level1, func(c *workflow.Case) { c.Plan.Type = workflow.PlanMedicareAdvantage },
			"follow other appeal rules", "plan.type"},
		{"a corrected claim with no coding error", CorrectedClaim, func(c *workflow.Case) {}, "no coding error", "eob_errors.cpt.status"},
		{"plan documents from an individual plan", PlanDocuments, func(c *workflow.Case) { c.Plan.Type = workflow.PlanIndividual },
			"ERISA section 104(b)(4)", "plan.type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := baseCase()
			tt.change(c)
			_, err := e.Render(tt.kind, c, goldenNow)
			var refused *RefusedError
			if !errors.As(err, &refused) {
				t.Fatalf("not refused: %v", err)
			}
			if !strings.Contains(refused.Error(), tt.reason) || refused.Field != tt.field || refused.Kind != tt.kind {
				t.Errorf("refusal %q (field %q), want %q (field %q)", refused.Error(), refused.Field, tt.reason, tt.field)
			}
		})
	}
	if _, err := e.Render("level9", baseCase(), goldenNow); err == nil || !strings.Contains(err.Error(), "level1, level2") {
		t.Errorf("unknown kind: %v", err)
	}
}

// TestCitationsAreTheRules: every letter of every case cites only what
// docs/rules.md lists, by plan type: never the individual-market paragraph
// for an employer plan, nor ERISA for individual coverage; and promises
// and threatens nothing.
func TestCitationsAreTheRules(t *testing.T) {
	e := newTestEngine(t)
	allowed := rulesCitations(t)
	found := 0
	for name, base := range allCases(t) {
		for _, plan := range []workflow.Plan{base.Plan,
			{Type: workflow.PlanEmployer, Funding: workflow.FundingSelf, State: "TX"},
			{Type: workflow.PlanEmployer, Funding: workflow.FundingInsured, State: "NY"},
			{Type: workflow.PlanPublicEmployer, State: "OH"},
			{Type: workflow.PlanIndividual, State: "FL"}} {
			c := *base
			c.Plan = plan
			for _, k := range Kinds() {
				l, err := e.Render(k, &c, goldenNow)
				if err != nil {
					continue
				}
				flat := strings.ToLower(strings.Join(strings.Fields(l.Text), " "))
				for _, w := range []string{"guarantee", "will be overturned", "will be approved", "will win", "lawsuit",
					"attorney", "legal action", " sue "} {
					if strings.Contains(" "+flat+" ", w) {
						t.Errorf("%s %s says %q: letters promise nothing and threaten nothing", name, k, w)
					}
				}
				for _, cite := range citeAtoms(l.Text) {
					found++
					if !allowed[cite] {
						t.Errorf("%s %s (%s) cites %q, which docs/rules.md does not list", name, k, plan.Type, cite)
					}
				}
				individual := strings.Contains(l.Text, "147.136(b)(3)")
				erisa := strings.Contains(l.Text, "2590.715") || strings.Contains(l.Text, "ERISA") || strings.Contains(l.Text, "1185a")
				switch plan.Type {
				case workflow.PlanEmployer, workflow.PlanPublicEmployer:
					if individual {
						t.Errorf("%s %s: an employer plan's letter cites the individual-market rules", name, k)
					}
				case workflow.PlanIndividual:
					if erisa {
						t.Errorf("%s %s: an individual plan's letter cites ERISA rules", name, k)
					}
				}
				if plan.Type == workflow.PlanPublicEmployer && erisa {
					t.Errorf("%s %s: a government employer's plan is not ERISA", name, k)
				}
			}
		}
	}
	if found < 500 {
		t.Errorf("only %d citations found: the pattern is broken", found)
	}
}

// TestNoEmployerCopy: no letter is copied to an employer, whatever the
// person chose, and the provider only when chosen.
func TestNoEmployerCopy(t *testing.T) {
	e := newTestEngine(t)
	for name, base := range allCases(t) {
		for _, copies := range []workflow.Copies{{}, {Employer: true}, {Provider: true, Employer: true}} {
			c := *base
			c.Copies = copies
			employer := strings.TrimSpace(c.Plan.Employer)
			for _, k := range Kinds() {
				l, err := e.Render(k, &c, goldenNow)
				if err != nil {
					continue
				}
				_, cc, _ := strings.Cut(l.Text, "\ncc: ")
				if employer != "" && strings.Contains(cc, employer) || strings.Contains(strings.ToLower(cc), "benefits office") {
					t.Errorf("%s %s copies the employer (%+v): cc: %s", name, k, copies, cc)
				}
				if cc != "" && !copies.Provider {
					t.Errorf("%s %s copies %q without the person's choice", name, k, cc)
				}
			}
		}
	}
}

// TestSecondInsurer: everything insurer-specific comes from its profile:
// letters for a fictional insurer name no Cigna, Evernorth, eviCore or
// myCigna, in the letter or beside it.
func TestSecondInsurer(t *testing.T) {
	acme, err := workflow.LoadInsurers(secondInsurer)
	if err != nil {
		t.Fatal(err)
	}
	regs, err := workflow.LoadRegulators(assets.Regulators())
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(assets.Letters(), workflow.NewReference(acme, regs), nil)
	if err != nil {
		t.Fatal(err)
	}
	rendered := 0
	for name, base := range allCases(t) {
		// The person's own words may name the insurer they had: this case
		// is theirs with another insurer.
		data, err := casefile.Marshal(base)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"Cigna", "eviCore", "Evernorth", "Chattanooga"} {
			data = bytes.ReplaceAll(data, []byte(name), []byte("Acme"))
		}
		c, err := casefile.Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		c.Insurer = "acme"
		for _, k := range Kinds() {
			l, err := e.Render(k, c, goldenNow)
			if err != nil {
				continue
			}
			rendered++
			beside := l.Text
			for _, g := range l.Gaps {
				beside += "\n" + g.Label
			}
			beside += "\n" + strings.Join(l.Notes, "\n")
			for _, w := range []string{"Cigna", "cigna", "Evernorth", "eviCore", "Chattanooga"} {
				if strings.Contains(beside, w) {
					t.Errorf("%s %s for Acme Health names %q:\n%s", name, k, w, beside)
				}
			}
			if strings.Contains(l.Text, "Member Appeal - Level") != (k == Level1 || k == Level2) {
				t.Errorf("%s %s: the subject is not Acme's", name, k)
			}
		}
	}
	if rendered < 40 {
		t.Errorf("only %d letters rendered", rendered)
	}
	c := baseCase()
	c.Insurer = "ACME"
	for _, a := range workflow.NextActions(c, workflow.NewReference(acme, regs), goldenNow) {
		if strings.Contains(a.Text, "Cigna") || !strings.Contains(a.Text, "Acme") && strings.Contains(a.Text, "Send your level 1 appeal") {
			t.Errorf("action %q", a.Text)
		}
	}
}

// TestLateDecision: once the plan has missed its decision deadline, the
// follow-up invokes deemed exhaustion with its exception, and external
// review is offered now, not as an option.
func TestLateDecision(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: workflow.NewDate(2026, 9, 1), Method: workflow.MethodCertifiedMail,
		Received: workflow.NewDate(2026, 9, 4), Decision: workflow.DecisionPending}}
	c.Denial.ExternalReviewAddress = "Cigna Healthcare\nExternal Review Unit\nPO Box 1\nBloomfield, CT 06002"
	offers := e.Offers(c, goldenNow)
	if !slices.Contains(kindsOf(offers), External) || !slices.Contains(kindsOf(offers), FollowUp) {
		t.Fatalf("offers %v", kindsOf(offers))
	}
	for _, o := range offers {
		if o.Kind == External && (o.Option || !strings.Contains(o.Why, "missed its decision deadline")) {
			t.Errorf("external review offer %+v", o)
		}
	}
	for _, k := range []Kind{FollowUp, External} {
		l, err := e.Render(k, c, goldenNow)
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(l.Text), " ")
		for _, want := range []string{"due by November 3, 2026", "the day Cigna received it, September 4, 2026", "deemed exhausted",
			"29 CFR 2560.503-1(l)", "minor lapse"} {
			if !strings.Contains(flat, want) {
				t.Errorf("%s lacks %q:\n%s", k, want, l.Text)
			}
		}
		if !l.Ready {
			t.Errorf("%s not ready: %+v", k, l.Gaps)
		}
	}
	// Within its time, the follow-up only asks for the status.
	c.Appeals[0].Filed, c.Appeals[0].Received = workflow.NewDate(2026, 11, 20), workflow.NewDate(2026, 11, 23)
	l, err := e.Render(FollowUp, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(l.Text, "deemed") || !strings.Contains(strings.Join(strings.Fields(l.Text), " "), "the decision is due by January 22, 2027") {
		t.Errorf("follow-up within time:\n%s", l.Text)
	}
	if slices.Contains(kindsOf(e.Offers(c, goldenNow)), External) {
		t.Error("external review offered before the decision was due")
	}
}

// TestNoticeDefectIsAnOption: a denial notice lacking elements offers
// external review as an explained option beside the appeal, never ready.
func TestNoticeDefectIsAnOption(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Denial.Notice = map[string]bool{workflow.NoticeAssistance: false}
	var ext *Offer
	for _, o := range e.Offers(c, goldenNow) {
		if o.Kind == External {
			ext = &o
		}
	}
	if ext == nil || !ext.Option {
		t.Fatalf("offers %+v", e.Offers(c, goldenNow))
	}
	l, err := e.Render(External, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	if l.Ready || !l.Option || !slices.ContainsFunc(l.Notes, func(n string) bool {
		return strings.Contains(n, "option beside your internal appeal") && strings.Contains(n, "minor")
	}) {
		t.Errorf("ready %v option %v notes %v", l.Ready, l.Option, l.Notes)
	}
}

// TestUrgentGoesByFaxAndPhone: an urgent appeal is marked expedited, sent
// by fax (the number on its face when known), with the physician's
// statement, and never addressed for the mail alone.
func TestUrgentGoesByFaxAndPhone(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Denial.Review = workflow.ReviewUrgent
	c.Claim.DateOfService = workflow.NewDate(2026, 12, 10)
	c.Denial.LetterDate, c.Denial.Received = workflow.NewDate(2026, 12, 2), workflow.NewDate(2026, 12, 3)
	c.EOB = workflow.EOB{Reason: "Not medically necessary."}
	l, err := e.Render(Level1, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(l.Text, "EXPEDITED REVIEW REQUESTED") || l.Ready {
		t.Errorf("urgent letter without its fax number and statement is ready, or not expedited:\n%s", l.Text)
	}
	for _, f := range []string{"denial.appeals_fax", "documents"} {
		if !slices.ContainsFunc(l.MustFill(), func(g Gap) bool { return g.Field == f }) {
			t.Errorf("no must-fill gap on %s: %+v", f, l.Gaps)
		}
	}
	if !slices.ContainsFunc(l.Notes, func(n string) bool { return strings.Contains(n, "never send an urgent appeal by mail alone") }) {
		t.Errorf("notes %v", l.Notes)
	}
	c.Denial.AppealsFax = "1-800-555-0110"
	c.Documents = append(c.Documents, workflow.Document{Kind: workflow.DocUrgencyStatement, Status: workflow.DocHave,
		Description: "Dr. Okafor's statement of urgency"})
	l, err = e.Render(Level1, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(l.Text), " ")
	for _, want := range []string{"Sent by fax to 1-800-555-0110", "(Expedited Appeals)", "within 72 hours of receipt",
		"29 CFR 2560.503-1(m)(1)(ii)", "Physician's statement of urgency"} {
		if !strings.Contains(flat, want) {
			t.Errorf("urgent letter lacks %q:\n%s", want, l.Text)
		}
	}
	if !l.Ready {
		t.Errorf("not ready: %+v", l.Gaps)
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(fstest.MapFS{}, nil, nil); err == nil {
		t.Error("no templates accepted")
	}
	if _, err := New(fstest.MapFS{"level1.tmpl": {Data: []byte("x")}}, nil, nil); err == nil ||
		!strings.Contains(err.Error(), "level2.tmpl") {
		t.Errorf("missing template: %v", err)
	}
	if _, err := New(fstest.MapFS{"level1.tmpl": {Data: []byte("{{")}}, nil, nil); err == nil {
		t.Error("broken template accepted")
	}
}

func TestDeterministic(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	a, err := e.Render(Level1, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		if b, _ := e.Render(Level1, c, goldenNow); b.Text != a.Text {
			t.Fatal("two renders of the same case differ")
		}
	}
}

// BenchmarkRenderLevel1 holds the budget of issue 11: a level 1 letter in
// at most 200 µs.
func BenchmarkRenderLevel1(b *testing.B) {
	e := newTestEngine(b)
	c := baseCase()
	for b.Loop() {
		if _, err := e.Render(Level1, c, goldenNow); err != nil {
			b.Fatal(err)
		}
	}
}

// TestUrgentOngoingCare: concurrent care marked urgent keeps its wording
// (continued care) and is routed as urgent: expedited, 72 hours, fax.
func TestUrgentOngoingCare(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Denial.Review = workflow.ReviewConcurrent
	c.Denial.Urgent = true
	c.Denial.AppealsFax = "1-800-555-0110"
	c.Claim.DateOfService = workflow.NewDate(2026, 11, 21)
	c.EOB = workflow.EOB{}
	c.Denial.LetterDate, c.Denial.Received = workflow.NewDate(2026, 12, 1), workflow.NewDate(2026, 12, 2)
	l, err := e.Render(Level1, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(l.Text), " ")
	for _, want := range []string{"EXPEDITED REVIEW REQUESTED", "continued coverage", "within 72 hours of receipt", "Sent by fax to"} {
		if !strings.Contains(flat, want) {
			t.Errorf("urgent ongoing care: letter lacks %q:\n%s", want, l.Text)
		}
	}
	c.Denial.Urgent = false
	if l, err = e.Render(Level1, c, goldenNow); err != nil || strings.Contains(l.Text, "EXPEDITED") {
		t.Errorf("ongoing care not marked urgent is expedited (%v):\n%s", err, l.Text)
	}
}

// TestNothingToArgue: an appeal with no argument, criteria, records or
// situation to argue is not ready: the person's own words are asked for
// first. Records in hand are laid out under the reason instead.
func TestNothingToArgue(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Denial.Category = workflow.CategoryNotCovered
	c.Denial.Policy = workflow.Policy{}
	c.Documents = nil
	l, err := e.Render(Level1, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	if l.Ready || len(l.Gaps) == 0 || l.Gaps[0].Field != "denial.argument" || l.Gaps[0].Severity != MustFill {
		t.Errorf("an appeal that argues nothing: ready %v, gaps %+v", l.Ready, l.Gaps)
	}
	c.Documents = []workflow.Document{{Kind: workflow.DocMedicalRecords, Status: workflow.DocHave,
		Description: "Physical therapy notes, 14 visits"}}
	if l, err = e.Render(Level1, c, goldenNow); err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(l.Text), " ")
	if !strings.Contains(flat, "The enclosed records bear on the reason given: - Medical records: Physical therapy notes, 14 visits") {
		t.Errorf("the records in hand are not laid out:\n%s", l.Text)
	}
	if slices.ContainsFunc(l.MustFill(), func(g Gap) bool { return g.Field == "denial.argument" }) ||
		!slices.ContainsFunc(l.Gaps, func(g Gap) bool { return g.Field == "denial.argument" }) {
		t.Errorf("with records, the argument should strengthen, not block: %+v", l.Gaps)
	}
	c.Denial.Argument = "The exclusion covers cosmetic care; this repairs a birth defect."
	if l, err = e.Render(Level1, c, goldenNow); err != nil {
		t.Fatal(err)
	}
	if slices.ContainsFunc(l.Gaps, func(g Gap) bool { return g.Field == "denial.argument" }) || strings.Contains(l.Text, "bear on the reason") {
		t.Errorf("the argument given is asked again, or the records listed beside it: %+v\n%s", l.Gaps, l.Text)
	}
}

// TestNamedOnce: a document whose description names its kind is not
// prefixed with the kind; a fax confirmation is not named twice; an EOB
// and denial letter of the same dates are one line of the timeline.
func TestNamedOnce(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Denial.LetterDate, c.Denial.Received = c.EOB.Date, c.EOB.Received
	c.Documents = append(c.Documents, workflow.Document{Kind: workflow.DocEOB, Status: workflow.DocHave, Description: "EOB dated 2026-10-28"})
	c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: workflow.NewDate(2026, 11, 5), Method: workflow.MethodFax,
		Tracking: "Fax confirmation 11/05/2026 10:02", Decision: workflow.DecisionUpheld, DecisionReceived: workflow.NewDate(2026, 11, 20)}}
	l, err := e.Render(External, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(l.Text), " ")
	for _, bad := range []string{"Explanation of Benefits: EOB", "fax confirmation: Fax confirmation", "issued the denial letter"} {
		if strings.Contains(flat, bad) {
			t.Errorf("%q named twice:\n%s", bad, l.Text)
		}
	}
	for _, want := range []string{"- EOB dated October 28, 2026", "fax confirmation: 11/05/2026 10:02",
		"issued the Explanation of Benefits and the denial letter"} {
		if !strings.Contains(flat, want) {
			t.Errorf("letter lacks %q:\n%s", want, l.Text)
		}
	}
}

// TestUrgentExternalBesideTheAppeal: expedited external review may run at
// the same time as an urgent internal appeal, so it is offered before the
// appeal is sent, says the care is urgent, and asks the delegate that
// decided, for the insurer.
func TestUrgentExternalBesideTheAppeal(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Denial.Review = workflow.ReviewUrgent
	c.Denial.Reviewer = workflow.ReviewerDelegate
	c.Claim.DateOfService = workflow.NewDate(2026, 12, 10)
	c.Denial.LetterDate, c.Denial.Received = workflow.NewDate(2026, 12, 2), workflow.NewDate(2026, 12, 3)
	if !slices.Contains(kindsOf(e.Offers(c, goldenNow)), External) {
		t.Fatalf("expedited external review not offered beside the urgent appeal: %v", kindsOf(e.Offers(c, goldenNow)))
	}
	l, err := e.Render(External, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(l.Text), " ")
	for _, want := range []string{"my urgent internal appeal, which I am sending now", "The care is urgent", "as an expedited review"} {
		if !strings.Contains(flat, want) {
			t.Errorf("external review lacks %q:\n%s", want, l.Text)
		}
	}
	l, err = e.Render(Level1, c, goldenNow)
	if err != nil {
		t.Fatal(err)
	}
	flat = strings.Join(strings.Fields(l.Text), " ")
	for _, want := range []string{"I ask eviCore healthcare, reviewing for Cigna, to overturn", "Tell me the decision by telephone at 512-555-0143"} {
		if !strings.Contains(flat, want) {
			t.Errorf("urgent appeal to the delegate lacks %q:\n%s", want, l.Text)
		}
	}
}

// flat is a letter's text on one line, for phrases that wrap.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

// mustRender renders the letter and checks it is clean.
func mustRender(t *testing.T, e *Engine, k Kind, c *workflow.Case) *Letter {
	t.Helper()
	l, err := e.Render(k, c, goldenNow)
	if err != nil {
		t.Fatalf("%s: %v", k, err)
	}
	checkLetter(t, string(k), l.Text)
	return l
}

// body is a letter's text from its salutation on: what it says, without
// its address blocks.
func body(l *Letter) string {
	_, b, _ := strings.Cut(l.Text, "\nDear ")
	return flat(b)
}

// TestPhysicianAsksOnlyForWhatIsMissing: the letter to the doctor leaves
// out each request whose document the case holds, and is refused when
// nothing is left to ask.
func TestPhysicianAsksOnlyForWhatIsMissing(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	_, err := e.Render(Physician, c, goldenNow)
	var refused *RefusedError
	if !errors.As(err, &refused) || refused.Field != "documents" || !strings.Contains(refused.Reason, "the letter of medical necessity") {
		t.Fatalf("a physician letter in hand: %v", err)
	}
	if slices.Contains(kindsOf(e.Offers(c, goldenNow)), Physician) {
		t.Error("the letter to the doctor is offered with nothing to ask")
	}

	c.Documents = nil
	l := mustRender(t, e, Physician, c)
	if !strings.Contains(body(l), "Letter of medical necessity. Please write a letter that addresses, by name, each criterion of coverage policy 0507") {
		t.Errorf("no letter of medical necessity asked:\n%s", l.Text)
	}

	urgent := baseCase()
	urgent.Denial.Review = workflow.ReviewUrgent
	urgent.Claim.DateOfService = workflow.NewDate(2026, 12, 10)
	urgent.Documents = []workflow.Document{{Kind: workflow.DocUrgencyStatement, Status: workflow.DocHave}}
	l = mustRender(t, e, Physician, urgent)
	if strings.Contains(l.Text, "Statement of urgency") || !strings.Contains(body(l), "Letter of medical necessity") ||
		strings.Contains(l.Text, "statement of urgency") {
		t.Errorf("urgency statement in hand, still asked (or the letter not asked):\n%s", l.Text)
	}

	exp := baseCase()
	exp.Denial.Category = workflow.CategoryExperimental
	exp.Documents = []workflow.Document{{Kind: workflow.DocPhysicianCertification, Status: workflow.DocHave}}
	l = mustRender(t, e, Physician, exp)
	if strings.Contains(l.Text, "Certification for external review") {
		t.Errorf("certification in hand, still asked:\n%s", l.Text)
	}
	exp.Documents = append(exp.Documents, workflow.Document{Kind: workflow.DocPhysicianLetter, Status: workflow.DocHave})
	if _, err := e.Render(Physician, exp, goldenNow); !errors.As(err, &refused) {
		t.Errorf("letter and certification in hand, not refused: %v", err)
	}
}

// TestPhysicianNotForBillingErrors: a billing error needs no letter from
// the doctor: it is neither offered nor written.
func TestPhysicianNotForBillingErrors(t *testing.T) {
	e := newTestEngine(t)
	tests := []struct {
		name   string
		change func(c *workflow.Case)
		next   string
	}{
		{"coding", func(c *workflow.Case) {
			c.Denial.Category = workflow.CategoryCoding
			c.EOBErrors.CPT = workflow.Check{Status: workflow.CheckError, Details: "93312 billed, 93306 done"}
		}, "corrected claim"},
		{"duplicate", func(c *workflow.Case) { c.Denial.Category = workflow.CategoryDuplicate }, "audit"},
		{"prior authorization shown missing", func(c *workflow.Case) {
			c.Denial.Category = workflow.CategoryPriorAuth
			c.EOBErrors.PriorAuth = workflow.Check{Status: workflow.CheckError}
		}, "the appeal"},
		{"cost sharing", func(c *workflow.Case) { c.Denial.Category = workflow.CategoryCostShare }, "the appeal"},
		{"network", func(c *workflow.Case) { c.Denial.Category = workflow.CategoryNetwork }, "the appeal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := baseCase()
			c.Documents = nil
			tt.change(c)
			_, err := e.Render(Physician, c, goldenNow)
			var refused *RefusedError
			if !errors.As(err, &refused) || refused.Field != "denial.category" || !strings.Contains(refused.Reason, tt.next) {
				t.Errorf("not refused as a billing error: %v", err)
			}
			if slices.Contains(kindsOf(e.Offers(c, goldenNow)), Physician) {
				t.Error("offered")
			}
		})
	}
}

// TestPhysicianWhen: the doctor is told when the letter is needed: before
// care still to come, as soon as possible for care going on, today and not
// by mail when urgent, and by the deadline of the appeal it supports.
func TestPhysicianWhen(t *testing.T) {
	e := newTestEngine(t)
	pre := baseCase()
	pre.Documents = nil
	pre.Denial.Review = workflow.ReviewPreService
	pre.Claim = workflow.Claim{DateOfService: workflow.NewDate(2026, 12, 18), Provider: pre.Claim.Provider,
		Procedures: pre.Claim.Procedures}
	pre.EOB = workflow.EOB{Reason: "Not medically necessary."}
	pre.Denial.LetterDate = workflow.NewDate(2026, 11, 20)
	l := mustRender(t, e, Physician, pre)
	if !strings.Contains(body(l), "The care is scheduled for December 18, 2026, so I need your letter as soon as possible, and before then.") ||
		strings.Contains(l.Text, "should be sent by") {
		t.Errorf("care still to come:\n%s", l.Text)
	}

	pre.Denial.Review = workflow.ReviewConcurrent
	l = mustRender(t, e, Physician, pre)
	if !strings.Contains(body(l), "The care is going on now, so I need your letter as soon as possible.") {
		t.Errorf("care going on:\n%s", l.Text)
	}

	pre.Denial.Review = workflow.ReviewUrgent
	pre.Member.Email = "dana@example.com"
	pre.Denial.AppealsFax = "1-800-555-0110"
	l = mustRender(t, e, Physician, pre)
	b := body(l)
	if !strings.Contains(b, "I need your letter today, not by mail: please e-mail it to me at dana@example.com.") ||
		!strings.Contains(b, "fax it straight to the plan's appeals unit at 1-800-555-0110") || strings.Contains(b, "address above") {
		t.Errorf("urgent:\n%s", l.Text)
	}
	pre.Member.Email = ""
	l = mustRender(t, e, Physician, pre)
	if !strings.Contains(body(l), "please call me at 512-555-0143 when it is ready") {
		t.Errorf("urgent without e-mail:\n%s", l.Text)
	}

	post := baseCase()
	post.Documents = nil
	l = mustRender(t, e, Physician, post)
	if !strings.Contains(body(l), "The appeal should be sent by April 26, 2027") {
		t.Errorf("care already given, first appeal:\n%s", l.Text)
	}
}

// TestPhysicianAtLevel2: after an adverse level 1 decision, the letter to
// the doctor quotes that decision's reason and gives the level 2 deadline
// the decision printed; a letter sent with level 1 is not new evidence.
func TestPhysicianAtLevel2(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Plan.InternalLevels = 2
	c.Documents = []workflow.Document{{Kind: workflow.DocPhysicianLetter, Status: workflow.DocHave,
		SentWith: []workflow.Level{workflow.Level1}}}
	c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: workflow.NewDate(2026, 11, 3), Decision: workflow.DecisionUpheld,
		DecisionReceived: workflow.NewDate(2026, 11, 20), DecisionReason: "The records do not show six weeks of therapy.",
		AppealBy: workflow.NewDate(2027, 2, 18)}}
	l := mustRender(t, e, Physician, c)
	b := body(l)
	for _, want := range []string{"the level 1 decision, which I received on November 20, 2026, upheld the denial",
		"I am now asking for a level 2 review", `The reason the level 1 decision gives: "The records do not show six weeks of therapy."`,
		"Please answer the reason the level 1 decision gives as well.", "The level 2 appeal should be sent by February 18, 2027"} {
		if !strings.Contains(b, want) {
			t.Errorf("lacks %q:\n%s", want, l.Text)
		}
	}
	if !strings.Contains(l.Text, "for a level 2 appeal") {
		t.Errorf("subject:\n%s", l.Text)
	}
	offers := e.Offers(c, goldenNow)
	if !slices.ContainsFunc(offers, func(o Offer) bool { return o.Kind == Physician && strings.Contains(o.Why, "level 1 decision") }) {
		t.Errorf("not offered for the level 2 appeal: %+v", offers)
	}
	c.Documents = append(c.Documents, workflow.Document{Kind: workflow.DocPhysicianLetter, Status: workflow.DocHave})
	if _, err := e.Render(Physician, c, goldenNow); err == nil {
		t.Error("a new letter in hand, and the doctor is asked again")
	}
}

// TestPhysicianPolicyAndPeople: the guideline's title stands in for a
// missing policy number; the address block names the clinician with
// credentials and without "Dr."; a representative's authorization is
// not printed in the letter to the doctor; Medicare plans are refused.
func TestPhysicianPolicyAndPeople(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Documents = nil
	c.Denial.Policy = workflow.Policy{Title: "MCG Inpatient Rehabilitation Care Guidelines: Stroke"}
	c.Physician.Name, c.Physician.Credentials = "Dr. Minh Trần", "MD"
	c.Representative = workflow.Representative{Name: "Lee Reyes", Relationship: "husband", Address: "418 Alder Street\nAustin, TX 78704"}
	l := mustRender(t, e, Physician, c)
	b := body(l)
	if !strings.Contains(b, `each criterion of the guideline the plan applied, "MCG Inpatient Rehabilitation Care Guidelines: Stroke"`) {
		t.Errorf("guideline title not used:\n%s", l.Text)
	}
	if l.Recipient[0] != "Minh Trần, MD" || !strings.Contains(l.Text, "Dear Dr. Trần:") {
		t.Errorf("recipient %q:\n%s", l.Recipient[0], l.Text)
	}
	if strings.Contains(l.Text, "Representative authorization") || slices.ContainsFunc(l.Notes, func(n string) bool {
		return strings.Contains(n, "representative authorization")
	}) {
		t.Errorf("the member's authorization in the letter to the doctor:\n%s\n%v", l.Text, l.Notes)
	}
	c.Claim.Provider.Address = "12 Lake Road\nAustin, TX 78701"
	c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: workflow.NewDate(2026, 11, 3)}}
	if l := mustRender(t, e, ProviderBill, c); !strings.Contains(l.Text, "Representative authorization") {
		t.Errorf("the provider letter lost the authorization:\n%s", l.Text)
	}
	for _, tt := range []struct{ name, cr, want string }{
		{"Dr. Minh Trần", "MD", "Minh Trần, MD"},
		{"Dr. Minh Trần, MD", "MD", "Minh Trần, MD"},
		{"Dr. Minh Trần", "", "Dr. Minh Trần"},
		{"Jordan Whitaker", "LCSW", "Jordan Whitaker, LCSW"},
		{"Doctor Ada Obi", "DO", "Ada Obi, DO"},
	} {
		if got := clinicianName(tt.name, tt.cr); got != tt.want {
			t.Errorf("clinicianName(%q, %q) = %q, want %q", tt.name, tt.cr, got, tt.want)
		}
	}
	c.Plan.Type = workflow.PlanMedicareAdvantage
	_, err := e.Render(Physician, c, goldenNow)
	var refused *RefusedError
	if !errors.As(err, &refused) || refused.Field != "plan.type" {
		t.Errorf("Medicare Advantage: %v", err)
	}
}

// TestPhysicianAsksWhatThePlanSaysIsMissing: a denial for clinical
// information not received asks for the records; one that calls the
// care cosmetic asks for the functional impairment and photographs,
// unless the case holds them.
func TestPhysicianAsksWhatThePlanSaysIsMissing(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Documents = nil
	c.Denial.Category = workflow.CategoryNotCovered
	c.Denial.Policy = workflow.Policy{}
	c.EOB.Reason = "Clinical information to support additional sessions was not received."
	l := mustRender(t, e, Physician, c)
	if !strings.Contains(body(l), "Records the plan says it lacks.") || !strings.Contains(l.Text, "clinical records") {
		t.Errorf("records not asked:\n%s", l.Text)
	}
	c.Documents = []workflow.Document{{Kind: workflow.DocMedicalRecords, Status: workflow.DocHave}}
	if l := mustRender(t, e, Physician, c); strings.Contains(l.Text, "Records the plan says it lacks") {
		t.Errorf("records in hand, still asked:\n%s", l.Text)
	}

	c.Documents = nil
	c.EOB.Reason = "Reduction mammaplasty is considered cosmetic and is excluded."
	l = mustRender(t, e, Physician, c)
	b := body(l)
	if !strings.Contains(b, "describe the functional impairment it treats") || !strings.Contains(b, "Photographs. The plan calls the care cosmetic.") {
		t.Errorf("cosmetic:\n%s", l.Text)
	}
	c.Documents = []workflow.Document{{Kind: workflow.DocOther, Status: workflow.DocHave, Description: "Photographs of the condition"},
		{Kind: workflow.DocPhysicianLetter, Status: workflow.DocHave}}
	if _, err := e.Render(Physician, c, goldenNow); err == nil {
		t.Error("letter and photographs in hand, and the doctor is asked again")
	}
	c.EOB.Reason = "Not medically necessary."
	if l, err := e.Render(Physician, c, goldenNow); err == nil && strings.Contains(l.Text, "Photographs") {
		t.Errorf("photographs asked for a denial that does not say cosmetic:\n%s", l.Text)
	}
}

// TestProviderBillSaysWhereTheAppealsStand: the letter about the bill says
// what was decided and what comes next, never "until the appeal is
// decided" once it is.
func TestProviderBillSaysWhereTheAppealsStand(t *testing.T) {
	e := newTestEngine(t)
	upheld := workflow.Appeal{Level: workflow.Level1, Filed: workflow.NewDate(2026, 9, 25), Decision: workflow.DecisionUpheld,
		DecisionDate: workflow.NewDate(2026, 10, 30)}
	tests := []struct {
		name    string
		levels  int
		appeals []workflow.Appeal
		want    string
	}{
		{"nothing sent", 1, nil, "I am appealing Cigna's decision. Please hold the balance on the account, and do not send it to " +
			"collections, until the appeal is decided."},
		{"level 1 pending", 1, []workflow.Appeal{{Level: workflow.Level1, Filed: workflow.NewDate(2026, 11, 3)}},
			"I appealed Cigna's decision on November 3, 2026. Please hold the balance"},
		{"level 1 upheld, one level", 1, []workflow.Appeal{upheld}, "the level 1 decision of October 30, 2026 upheld the denial, " +
			"the last of the plan's internal appeals. I am asking for external review by an independent reviewer. Please hold " +
			"the balance on the account, and do not send it to collections, until the external review is decided."},
		{"level 1 upheld, two levels", 2, []workflow.Appeal{upheld}, "the level 1 decision of October 30, 2026 upheld the " +
			"denial. I am asking for a level 2 review. Please hold the balance on the account, and do not send it to " +
			"collections, until the level 2 appeal is decided."},
		{"external review pending", 1, []workflow.Appeal{upheld, {Level: workflow.LevelExternal, Filed: workflow.NewDate(2026, 11, 10)}},
			"I requested external review by an independent reviewer on November 10, 2026, and it has not been decided."},
		{"overturned", 1, []workflow.Appeal{{Level: workflow.Level1, Filed: workflow.NewDate(2026, 9, 25),
			Decision: workflow.DecisionOverturned, DecisionDate: workflow.NewDate(2026, 10, 30)}},
			"The level 1 decision of October 30, 2026 overturned the denial. Please hold the balance on the account, and do not " +
				"send it to collections, until Cigna pays the claim."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := baseCase()
			c.Plan.InternalLevels = tt.levels
			c.Appeals = tt.appeals
			l := mustRender(t, e, ProviderBill, c)
			b := body(l)
			if !strings.Contains(b, tt.want) {
				t.Errorf("lacks %q:\n%s", tt.want, l.Text)
			}
			if len(tt.appeals) > 0 && tt.appeals[0].Decision.Decided() && strings.Contains(b, "until the appeal is decided") {
				t.Errorf("the decided appeal is still to be decided:\n%s", l.Text)
			}
		})
	}
	c := baseCase()
	c.Appeals = []workflow.Appeal{upheld, {Level: workflow.LevelExternal, Filed: workflow.NewDate(2026, 11, 10),
		Decision: workflow.DecisionUpheld}}
	if _, err := e.Render(ProviderBill, c, goldenNow); err == nil {
		t.Error("a hold asked after the external review upheld the denial")
	}
}

// TestProviderLetters: the letters to the billing office name the care by
// its date, not the provider to itself; give the address once; ask to
// withdraw a bill the EOB puts nothing of on the member; say what an
// in-network provider, a surprise bill and a directory error allow.
func TestProviderLetters(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Claim.Provider.Address = "Lakeside Imaging\nAttn: Billing Office\n12 Lake Road\nAustin, TX 78701"
	c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: workflow.NewDate(2026, 11, 3)}}
	l := mustRender(t, e, ProviderBill, c)
	if want := []string{"Lakeside Imaging", "Attn: Billing Office", "12 Lake Road", "Austin, TX 78701"}; !slices.Equal(l.Recipient, want) {
		t.Errorf("recipient %q, want %q", l.Recipient, want)
	}
	b := body(l)
	if !strings.Contains(b, "your bill for my care on September 14, 2026 (claim E2026091400871)") || strings.Contains(b, "Lakeside") {
		t.Errorf("the provider is named to itself:\n%s", l.Text)
	}
	c.Claim.Provider.Address = "Lakeside Imaging\nBilling Office\n12 Lake Road\nAustin, TX 78701"
	if l := mustRender(t, e, CorrectedClaim, withCPTError(c)); !slices.Equal(l.Recipient,
		[]string{"Lakeside Imaging", "Billing Office", "12 Lake Road", "Austin, TX 78701"}) {
		t.Errorf("corrected-claim recipient %q", l.Recipient)
	}

	zero := baseCase()
	zero.Claim.MemberOwes = workflow.Cents(0)
	zero.EOB.Codes = []string{"CO-197"}
	zero.Claim.Provider.Network = workflow.NetworkIn
	zero.Documents = []workflow.Document{{Kind: workflow.DocItemizedBill, Status: workflow.DocHave}}
	l = mustRender(t, e, ProviderBill, zero)
	b = body(l)
	if !strings.Contains(b, "shows that I owe nothing for this care: it puts the amount under group code CO (contractual "+
		"obligation)") || !strings.Contains(b, "Please withdraw the statement you sent") || strings.Contains(b, "hold the balance") {
		t.Errorf("nothing owed:\n%s", l.Text)
	}
	if !slices.Contains(kindsOf(e.Offers(zero, goldenNow)), ProviderBill) {
		t.Error("withdrawing a bill the EOB puts nothing of on the member is not offered")
	}

	in := baseCase()
	in.Claim.Provider.Network = workflow.NetworkIn
	in.EOB.Codes = []string{"PR-242", "PR-45"}
	in.EOBErrors.Network = workflow.Check{Status: workflow.CheckError}
	l = mustRender(t, e, ProviderBill, in)
	if b := body(l); !strings.Contains(b, "You are in Cigna's network, and a network provider generally may not bill me for charges "+
		"above the plan's allowed amount") || !strings.Contains(b, "reprocess the claim at the in-network level") {
		t.Errorf("in network, PR-45:\n%s", l.Text)
	}

	dir := baseCase()
	dir.Denial.Category = workflow.CategoryNetwork
	dir.Claim.Provider.Network = workflow.NetworkOut
	dir.Claim.Provider.Verified = workflow.Verification{Date: workflow.NewDate(2026, 6, 30), Source: workflow.VerifyDirectory}
	l = mustRender(t, e, ProviderBill, dir)
	if b := body(l); !strings.Contains(b, "Cigna's provider directory listed you as in its network on June 30, 2026.") ||
		!strings.Contains(b, "(42 U.S.C. 300gg-139(b))") || !strings.Contains(b, "until it does") {
		t.Errorf("directory error:\n%s", l.Text)
	}

	nsa := baseCase()
	nsa.Denial.Category = workflow.CategoryNetwork
	nsa.Claim.Provider = workflow.Provider{Name: "Front Range Anesthesia", Specialty: "anesthesiology", Network: workflow.NetworkOut,
		Address: "PO Box 1\nDenver, CO 80217"}
	nsa.Claim.Facility = workflow.Facility{Name: "Rose Hill Surgical Hospital", Network: workflow.NetworkIn}
	nsa.Claim.Billed, nsa.Claim.Allowed, nsa.Claim.PlanPaid, nsa.Claim.MemberOwes = workflow.Cents(264000), workflow.Cents(78000),
		workflow.Cents(39000), workflow.Cents(225000)
	nsa.CostShare = workflow.CostShareTerms{Network: workflow.NetworkIn, Deductible: workflow.Cents(150000),
		DeductibleMet: workflow.Cents(150000), CoinsurancePct: 20, OOPMax: workflow.Cents(500000), OOPMet: workflow.Cents(214000)}
	l = mustRender(t, e, ProviderBill, nsa)
	if !strings.Contains(body(l), "I expect that amount to be $156.00") {
		t.Errorf("surprise bill without the expected amount:\n%s", l.Text)
	}
}

// withCPTError returns a copy of the case with a wrong procedure code on
// the EOB.
func withCPTError(c *workflow.Case) *workflow.Case {
	cc := *c
	cc.EOBErrors.CPT = workflow.Check{Status: workflow.CheckError, Details: "The EOB shows 72149; 72148 was done."}
	return &cc
}

// TestCorrectedClaim: the corrected-claim request encloses the prior
// authorization approval and says when the EOB puts nothing on the member.
func TestCorrectedClaim(t *testing.T) {
	e := newTestEngine(t)
	c := withCPTError(baseCase())
	c.Denial.PriorAuth = workflow.PriorAuth{Number: "EC2608120447", Approved: workflow.NewDate(2026, 8, 12)}
	c.Documents = []workflow.Document{{Kind: workflow.DocPriorAuthApproval, Status: workflow.DocHave, Description: "approval letter"},
		{Kind: workflow.DocMedicalRecords, Status: workflow.DocHave}}
	c.Claim.MemberOwes = workflow.Cents(0)
	c.EOB.Codes = []string{"CO-197"}
	l := mustRender(t, e, CorrectedClaim, c)
	b := body(l)
	for _, want := range []string{"Prior authorization EC2608120447 was approved on August 12, 2026, and a copy of the approval is " +
		"enclosed: please put its number on the corrected claim.", "shows that I owe nothing for this care",
		"- Prior authorization approval: approval letter"} {
		if !strings.Contains(b, want) {
			t.Errorf("lacks %q:\n%s", want, l.Text)
		}
	}
	if strings.Contains(b, "Medical records") || strings.Contains(b, "hold the balance") {
		t.Errorf("clinical records enclosed, or a balance held that the EOB does not put on the member:\n%s", l.Text)
	}
}

// TestComplaint: the complaint names the plan's sponsor, encloses only the
// denial, the decisions and the appeals, and asks the regulator nothing
// that was meant for the plan.
func TestComplaint(t *testing.T) {
	e := newTestEngine(t)
	c := baseCase()
	c.Plan.Employer = "Northstar Logistics, Inc."
	c.Denial.Policy = workflow.Policy{}
	c.Denial.LetterDate = workflow.NewDate(2026, 10, 28)
	c.Documents = append(c.Documents, workflow.Document{Kind: workflow.DocMedicalRecords, Status: workflow.DocHave},
		workflow.Document{Kind: workflow.DocDecisionLetter, Status: workflow.DocHave, Description: "Level 1 decision letter"})
	c.Appeals = []workflow.Appeal{{Level: workflow.Level1, Filed: workflow.NewDate(2026, 11, 3), Received: workflow.NewDate(2026, 11, 5)}}
	c.Denial.Reviewer = workflow.ReviewerDelegate
	l := mustRender(t, e, Complaint, c)
	b := body(l)
	if !strings.Contains(b, "governed by ERISA, sponsored by Northstar Logistics, Inc. ") {
		t.Errorf("sponsor not named at the end of its sentence:\n%s", l.Text)
	}
	if strings.Contains(b, "I ask for it") {
		t.Errorf("a request to the plan in a complaint:\n%s", l.Text)
	}
	if strings.Contains(b, "Letter of medical necessity") || strings.Contains(b, "Medical records") ||
		!strings.Contains(b, "Level 1 decision letter") || !strings.Contains(b, "Copy of my level 1 appeal, sent November 3, 2026") {
		t.Errorf("enclosures:\n%s", l.Text)
	}
	if !strings.Contains(b, "The level 1 appeal reached eviCore healthcare.") ||
		!strings.Contains(b, "The denial letter was issued by eviCore healthcare, for Cigna.") || strings.Contains(b, "EviCore") {
		t.Errorf("a delegate's name starts a sentence:\n%s", l.Text)
	}
	c.Copies.Employer = true
	l = mustRender(t, e, PlanDocuments, c)
	if !strings.Contains(body(l), "documents of the group health plan sponsored by Northstar Logistics, Inc., in which I am") {
		t.Errorf("plan documents:\n%s", l.Text)
	}
}

// TestDelegateNeverStartsASentence: a delegate's name written in lower
// case ("eviCore healthcare") is never capitalised, in any letter.
func TestDelegateNeverStartsASentence(t *testing.T) {
	e := newTestEngine(t)
	for name, c := range allCases(t) {
		for _, k := range Kinds() {
			l, err := e.Render(k, c, goldenNow)
			if err == nil && strings.Contains(l.Text, "EviCore") {
				t.Errorf("%s %s capitalises eviCore:\n%s", name, k, l.Text)
			}
		}
	}
}

// TestScheduledCareAsksForTheDecisionBefore: an appeal for care still to
// come asks for the decision before the care's date; not when the date is
// today or passed, nor for care going on. (The external review request
// asks it too: the golden letters show it.)
func TestScheduledCareAsksForTheDecisionBefore(t *testing.T) {
	e := newTestEngine(t)
	pre := func(change func(c *workflow.Case)) string {
		c := baseCase()
		c.Denial.Review = workflow.ReviewPreService
		c.Denial.LetterDate = workflow.NewDate(2026, 11, 20)
		c.Claim = workflow.Claim{DateOfService: workflow.NewDate(2026, 12, 18), Provider: c.Claim.Provider,
			Procedures: c.Claim.Procedures}
		c.EOB = workflow.EOB{Reason: "Not medically necessary."}
		change(c)
		return mustRender(t, e, Level1, c).Text
	}
	const ask = "send the written decision to the address above before December 18, 2026, when the care is scheduled."
	if l := pre(func(*workflow.Case) {}); !strings.Contains(flat(l), ask) {
		t.Errorf("care still to come:\n%s", l)
	}
	for _, tc := range []struct {
		name   string
		change func(c *workflow.Case)
	}{
		{"the care is today", func(c *workflow.Case) { c.Claim.DateOfService = workflow.DateOf(goldenNow) }},
		{"the care's date passed", func(c *workflow.Case) { c.Claim.DateOfService = workflow.NewDate(2026, 12, 1) }},
		{"the care is going on", func(c *workflow.Case) { c.Denial.Review = workflow.ReviewConcurrent }},
	} {
		if l := pre(tc.change); strings.Contains(l, "when the care") {
			t.Errorf("%s: the letter asks for a decision before the care:\n%s", tc.name, l)
		}
	}
}
