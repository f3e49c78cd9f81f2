package workflow

import (
	"strings"
	"testing"
)

func dlNoticeIDs(es []NoticeElement) string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	return strings.Join(ids, " ")
}

func TestNoticeElementsApply(t *testing.T) {
	const always = "reason provision code claim-info codes-available procedures how-to-appeal assistance"
	tests := []struct {
		name     string
		category Category
		review   Review
		want     string
	}{
		{"medical necessity, post-service", CategoryMedicalNecessity, ReviewPostService, always + " clinical-judgment guideline"},
		{"experimental, urgent", CategoryExperimental, ReviewUrgent, always + " clinical-judgment expedited guideline"},
		{"coding: may be missing information", CategoryCoding, ReviewPostService, always + " missing-info guideline"},
		{"eligibility", CategoryEligibility, ReviewPostService, always + " missing-info guideline"},
		{"prior auth, pre-service", CategoryPriorAuth, ReviewPreService, always + " missing-info guideline"},
		{"category not known yet", CategoryUnknown, ReviewUnknown, always + " missing-info guideline"},
		{"not covered, urgent", CategoryNotCovered, ReviewUrgent, always + " expedited guideline"},
		{"network", CategoryNetwork, ReviewPostService, always + " guideline"},
	}
	for _, tt := range tests {
		c := dlCase(1)
		c.Denial.Category, c.Denial.Review = tt.category, tt.review
		if got := dlNoticeIDs(NoticeElements(c)); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, tt.want)
		}
	}
}

func TestNoticeElementsText(t *testing.T) {
	c := dlCase(1)
	c.Denial.Category = CategoryMedicalNecessity
	c.Denial.Review = ReviewUrgent
	cites := map[string]string{
		NoticeReason:           "29 CFR 2560.503-1(g)(1)(i)",
		NoticeProvision:        "29 CFR 2560.503-1(g)(1)(ii)",
		NoticeCode:             "29 CFR 2590.715-2719(b)(2)(ii)(E)(3)",
		NoticeClaimInfo:        "29 CFR 2590.715-2719(b)(2)(ii)(E)(1)",
		NoticeCodesAvailable:   "29 CFR 2590.715-2719(b)(2)(ii)(E)(1)",
		NoticeProcedures:       "29 CFR 2560.503-1(g)(1)(iv)",
		NoticeHowToAppeal:      "29 CFR 2590.715-2719(b)(2)(ii)(E)(4)",
		NoticeAssistance:       "29 CFR 2590.715-2719(b)(2)(ii)(E)(5)",
		NoticeClinicalJudgment: "29 CFR 2560.503-1(g)(1)(v)(B)",
		NoticeExpedited:        "29 CFR 2560.503-1(g)(1)(vi)",
		NoticeGuideline:        "29 CFR 2560.503-1(g)(1)(v)(A)",
	}
	for _, e := range NoticeElements(c) {
		if e.Cite != cites[e.ID] {
			t.Errorf("%s cites %q, want %q", e.ID, e.Cite, cites[e.ID])
		}
		if e.Text == "" || e.Text != strings.TrimSpace(e.Text) || strings.ToLower(e.Text[:1]) != e.Text[:1] {
			t.Errorf("%s text %q: want a lowercase noun phrase", e.ID, e.Text)
		}
		if e.ID == NoticeClaimInfo && strings.Contains(e.Text, "amount") {
			t.Errorf("urgent (pre-service) claim asks for the amount: %q", e.Text)
		}
	}
	c.Denial.Review = ReviewPostService
	for _, e := range NoticeElements(c) {
		if e.ID == NoticeClaimInfo && !strings.Contains(e.Text, "the amount") {
			t.Errorf("post-service claim does not ask for the amount: %q", e.Text)
		}
	}
	c.Denial.Category = CategoryOther
	for _, e := range NoticeElements(c) {
		if e.ID == NoticeMissingInfo && e.Cite != "29 CFR 2560.503-1(g)(1)(iii)" {
			t.Errorf("missing-info cites %q", e.Cite)
		}
	}
}

// TestNoticeCitesByPlanType: the (E) and (F) paragraphs are cited by plan
// type, and the individual-market paragraph never for an employer plan
// (rules.md, version 2).
func TestNoticeCitesByPlanType(t *testing.T) {
	tests := []struct {
		plan    Plan
		want    string // the cite of the code element, (E)(3)
		deemed  string
		erisa   bool // the right to sue under ERISA 502(a) is named
		notWant string
	}{
		{Plan{Type: PlanEmployer, Funding: FundingSelf}, "29 CFR 2590.715-2719(b)(2)(ii)(E)(3)",
			"29 CFR 2560.503-1(l); 29 CFR 2590.715-2719(b)(2)(ii)(F)(1)", true, "147.136(b)(3)"},
		{Plan{Type: PlanEmployer, Funding: FundingInsured}, "29 CFR 2590.715-2719(b)(2)(ii)(E)(3); 45 CFR 147.136(b)(2)(ii)(E)(3)",
			"29 CFR 2560.503-1(l); 29 CFR 2590.715-2719(b)(2)(ii)(F)(1); 45 CFR 147.136(b)(2)(ii)(F)(1)", true, "147.136(b)(3)"},
		{Plan{Type: PlanPublicEmployer}, "45 CFR 147.136(b)(2)(ii)(E)(3)", "45 CFR 147.136(b)(2)(ii)(F)(1)", false, "2590.715"},
		{Plan{Type: PlanIndividual}, "45 CFR 147.136(b)(3)(ii)(E)(3)", "45 CFR 147.136(b)(3)(ii)(F)(1)", false, "2590.715"},
		{Plan{}, "29 CFR 2590.715-2719(b)(2)(ii)(E)(3) for employer plans; 45 CFR 147.136(b)(3)(ii)(E)(3) for individual coverage",
			"29 CFR 2560.503-1(l); 29 CFR 2590.715-2719(b)(2)(ii)(F)(1) for employer plans; 45 CFR 147.136(b)(3)(ii)(F)(1) for individual coverage",
			false, "nothing"},
	}
	for _, tt := range tests {
		c := dlCase(1)
		c.Plan = tt.plan
		var all strings.Builder
		for _, e := range NoticeElements(c) {
			all.WriteString(e.Cite + " " + e.Text + "\n")
			if e.ID == NoticeCode && e.Cite != tt.want {
				t.Errorf("%+v: code element cites %q, want %q", tt.plan, e.Cite, tt.want)
			}
			if e.ID == NoticeProcedures && strings.Contains(e.Text, "502(a)") != tt.erisa {
				t.Errorf("%+v: procedures element %q", tt.plan, e.Text)
			}
		}
		if strings.Contains(all.String(), tt.notWant) {
			t.Errorf("%+v cites %s:\n%s", tt.plan, tt.notWant, all.String())
		}
		if got := LawFor(c.Plan).DeemedExhaustion(); got != tt.deemed {
			t.Errorf("%+v: deemed exhaustion cites %q, want %q", tt.plan, got, tt.deemed)
		}
	}
}

func TestMissingNoticeElementsAndDeemedExhaustion(t *testing.T) {
	c := dlCase(1)
	c.Denial.Category = CategoryMedicalNecessity
	c.Denial.Review = ReviewPostService

	if got := MissingNoticeElements(c); len(got) != 0 {
		t.Errorf("nothing checked, yet missing: %v", got)
	}
	if ok, why := DeemedExhaustion(c); ok || why != "" {
		t.Errorf("nothing checked, deemed exhaustion %v %q", ok, why)
	}

	c.Denial.Notice = map[string]bool{
		NoticeReason:           true,
		NoticeClinicalJudgment: false,
		NoticeGuideline:        false,
		NoticeExpedited:        false, // does not apply: not urgent
		"no-such-element":      false,
	}
	missing := MissingNoticeElements(c)
	if got := dlNoticeIDs(missing); got != "clinical-judgment guideline" {
		t.Fatalf("missing %s", got)
	}
	ok, why := DeemedExhaustion(c)
	if !ok {
		t.Fatal("required elements missing, but no deemed exhaustion")
	}
	for _, want := range []string{
		"missing 2 things",
		missing[0].Text, missing[0].Cite, missing[1].Text,
		"deemed exhaustion", "29 CFR 2560.503-1(l); 29 CFR 2590.715-2719(b)(2)(ii)(F)(1)",
		"minor", "did not harm you", "good reason", "part of a pattern", "29 CFR 2590.715-2719(b)(2)(ii)(F)(2)",
		"an option beside your appeal, not instead of it", "internal appeal deadline",
	} {
		if !strings.Contains(why, want) {
			t.Errorf("explanation lacks %q:\n%s", want, why)
		}
	}

	c.Denial.Notice = map[string]bool{NoticeReason: false}
	if ok, why := DeemedExhaustion(c); !ok || !strings.Contains(why, "missing one thing") {
		t.Errorf("one missing: %v %q", ok, why)
	}

	c.Plan.Type = PlanGovernment
	if ok, _ := DeemedExhaustion(c); ok || len(NoticeElements(c)) != 0 || len(MissingNoticeElements(c)) != 0 {
		t.Error("government plan gets the notice check of rules that do not apply to it")
	}
	if NoticeElements(nil) != nil || MissingNoticeElements(nil) != nil {
		t.Error("nil case has elements")
	}
}

func TestGovernmentPlanNotice(t *testing.T) {
	c := dlCase(1)
	for _, pt := range []PlanType{PlanUnknown, PlanEmployer, PlanPublicEmployer, PlanIndividual, PlanUnknownStated} {
		c.Plan.Type = pt
		if got := GovernmentPlanNotice(c); got != "" {
			t.Errorf("%q plan gets %q", pt, got)
		}
	}
	c.Plan.Type = PlanGovernment
	got := GovernmentPlanNotice(c)
	for _, want := range []string{"Medicare", "Medicaid", "do not apply", "no deadlines", "dates printed"} {
		if !strings.Contains(got, want) {
			t.Errorf("notice lacks %q: %s", want, got)
		}
	}
	if GovernmentPlanNotice(nil) != "" {
		t.Error("nil case gets a notice")
	}
}
