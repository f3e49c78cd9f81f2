package workflow

import (
	"strconv"
	"strings"
)

// NoticeElement is one thing a denial notice must contain.
type NoticeElement struct {
	ID   string // stable short id, the key of Case.Denial.Notice
	Text string // in plain words, a noun phrase that reads in a checklist and in "please send me ..."
	Cite string // its source, from rules.md
}

// The elements of a denial notice, in the order of rules.md, by id:
//
//	reason             the specific reason for the denial                  29 CFR 2560.503-1(g)(1)(i)
//	provision          the plan provision it rests on                      29 CFR 2560.503-1(g)(1)(ii)
//	code               the denial code, its meaning, the standard used     (E)(3)
//	claim-info         date of service, provider, amount (post-service)    (E)(1)
//	codes-available    diagnosis and treatment codes available on request  (E)(1)
//	procedures         review procedures, time limits, right to sue        29 CFR 2560.503-1(g)(1)(iv)
//	how-to-appeal      how to start internal appeal and external review    (E)(4)
//	assistance         consumer assistance office or ombudsman             (E)(5)
//	missing-info       information needed, and why                         29 CFR 2560.503-1(g)(1)(iii)
//	clinical-judgment  clinical judgment, or free on request               29 CFR 2560.503-1(g)(1)(v)(B)
//	expedited          the expedited process for urgent care               29 CFR 2560.503-1(g)(1)(vi)
//	guideline          internal rule or guideline, or free on request      29 CFR 2560.503-1(g)(1)(v)(A)
//
// The (E) paragraphs are cited by plan type (Law.Notice): 29 CFR
// 2590.715-2719(b)(2)(ii)(E) for an employer plan (and 45 CFR
// 147.136(b)(2)(ii)(E) for a fully insured one), 45 CFR 147.136(b)(2)(ii)(E)
// for a state or local government plan, 45 CFR 147.136(b)(3)(ii)(E) for
// individual coverage; the right to sue under ERISA section 502(a) is named
// only for an ERISA plan.
//
// Most apply to every denial. The conditional ones apply only when the case
// says so:
//
//   - claim-info asks for the amount only for a post-service claim (it
//     applies to every denial either way);
//   - missing-info applies when the denial may be for missing information:
//     a coding, prior-authorization, eligibility or other denial, or one
//     whose category is not known yet (a medical-necessity, experimental,
//     not-covered, network, duplicate or cost-sharing denial is not one);
//   - clinical-judgment applies to medical-necessity and experimental
//     denials;
//   - expedited applies to urgent care.
const (
	NoticeReason           = "reason"
	NoticeProvision        = "provision"
	NoticeCode             = "code"
	NoticeClaimInfo        = "claim-info"
	NoticeCodesAvailable   = "codes-available"
	NoticeProcedures       = "procedures"
	NoticeHowToAppeal      = "how-to-appeal"
	NoticeAssistance       = "assistance"
	NoticeMissingInfo      = "missing-info"
	NoticeClinicalJudgment = "clinical-judgment"
	NoticeExpedited        = "expedited"
	NoticeGuideline        = "guideline"
)

// NoticeElements returns the elements the denial notice of c must contain,
// in the order of rules.md: the ones that apply to every denial and the
// conditional ones that apply to this case. Government plans get none:
// these rules do not apply to them (see GovernmentPlanNotice).
func NoticeElements(c *Case) []NoticeElement {
	if c == nil || c.Plan.OtherRules() {
		return nil
	}
	law := LawFor(c.Plan)
	procedures := "the plan's review procedures and their time limits"
	if law.ERISA() {
		procedures += ", including the right to sue under ERISA section 502(a) after an appeal"
	}
	claim := "information identifying the claim: the date of service and the provider"
	if c.Denial.Review == ReviewPostService {
		claim = "information identifying the claim: the date of service, the provider and the amount"
	}
	all := []struct {
		applies bool
		NoticeElement
	}{
		{true, NoticeElement{NoticeReason, "the specific reason for the denial", "29 CFR 2560.503-1(g)(1)(i)"}},
		{true, NoticeElement{NoticeProvision, "the plan provision the denial rests on", "29 CFR 2560.503-1(g)(1)(ii)"}},
		{true, NoticeElement{NoticeCode, "the denial code and its meaning, and a description of the standard used to deny the claim",
			law.Notice("(E)(3)")}},
		{true, NoticeElement{NoticeClaimInfo, claim, law.Notice("(E)(1)")}},
		{true, NoticeElement{NoticeCodesAvailable, "a statement that the diagnosis and treatment codes and their meanings are available on request",
			law.Notice("(E)(1)")}},
		{true, NoticeElement{NoticeProcedures, procedures, "29 CFR 2560.503-1(g)(1)(iv)"}},
		{true, NoticeElement{NoticeHowToAppeal, "how to start an internal appeal and an external review", law.Notice("(E)(4)")}},
		{true, NoticeElement{NoticeAssistance, "contact information for the consumer assistance office or ombudsman", law.Notice("(E)(5)")}},
		{noticeMissingInfoApplies(c.Denial.Category), NoticeElement{NoticeMissingInfo,
			"a description of any information needed to complete the claim, and why it is needed", "29 CFR 2560.503-1(g)(1)(iii)"}},
		{c.Denial.Category == CategoryMedicalNecessity || c.Denial.Category == CategoryExperimental, NoticeElement{NoticeClinicalJudgment,
			"the scientific or clinical judgment for the decision, or a statement that it is free on request", "29 CFR 2560.503-1(g)(1)(v)(B)"}},
		{c.Denial.IsUrgent(), NoticeElement{NoticeExpedited, "a description of the expedited review process for urgent care",
			"29 CFR 2560.503-1(g)(1)(vi)"}},
		{true, NoticeElement{NoticeGuideline, "the internal rule, guideline or protocol relied on, or a statement that it is free on request",
			"29 CFR 2560.503-1(g)(1)(v)(A)"}},
	}
	out := make([]NoticeElement, 0, len(all))
	for _, e := range all {
		if e.applies {
			out = append(out, e.NoticeElement)
		}
	}
	return out
}

// noticeMissingInfoApplies reports whether a denial of category cat may be
// for missing information.
func noticeMissingInfoApplies(cat Category) bool {
	switch cat {
	case CategoryCoding, CategoryPriorAuth, CategoryEligibility, CategoryOther, CategoryUnknown:
		return true
	}
	return false
}

// MissingNoticeElements returns the applicable elements the person marked
// as missing from the notice (false in c.Denial.Notice), in order. Elements
// not checked yet are not missing.
func MissingNoticeElements(c *Case) []NoticeElement {
	if c == nil {
		return nil
	}
	var out []NoticeElement
	for _, e := range NoticeElements(c) {
		if present, checked := c.Denial.Notice[e.ID]; checked && !present {
			out = append(out, e)
		}
	}
	return out
}

// DeemedExhaustion reports whether the denial notice lacks required
// elements, so that the member may be able to go straight to external
// review without finishing the internal appeals, and explains the path
// and its conditions. It returns false and "" when no required element is
// marked missing, and for government plans.
func DeemedExhaustion(c *Case) (applies bool, explanation string) {
	missing := MissingNoticeElements(c)
	if len(missing) == 0 {
		return false, ""
	}
	law := LawFor(c.Plan)
	var b strings.Builder
	b.WriteString("Your denial notice is missing ")
	if len(missing) == 1 {
		b.WriteString("one thing")
	} else {
		b.WriteString(strconv.Itoa(len(missing)) + " things")
	}
	b.WriteString(" the claims rules require:\n")
	for _, e := range missing {
		b.WriteString("  - " + e.Text + " (" + e.Cite + ")\n")
	}
	b.WriteString("When a plan does not follow these rules, you may be able to ask for external review right away, " +
		"without finishing the internal appeals. This is called \"deemed exhaustion\" (" + law.DeemedExhaustion() + "). " +
		"It does not apply when the lapse was minor, did not harm you, had a good reason and was not part of a pattern " +
		"(" + law.DeemedException() + "). Overturn cannot tell whether that exception applies, so this is an option beside " +
		"your appeal, not instead of it: name each missing item when you ask, and keep your internal appeal deadline in view.")
	return true, b.String()
}

// NoticeIDs returns the ids of every element a denial notice may be
// checked for, in the order of rules.md: the keys of Case.Denial.Notice.
func NoticeIDs() []string {
	return []string{NoticeReason, NoticeProvision, NoticeCode, NoticeClaimInfo, NoticeCodesAvailable, NoticeProcedures,
		NoticeHowToAppeal, NoticeAssistance, NoticeMissingInfo, NoticeClinicalJudgment, NoticeExpedited, NoticeGuideline}
}
