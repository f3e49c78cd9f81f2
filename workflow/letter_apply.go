package workflow

import (
	"fmt"
	"slices"
	"strings"
)

// ApplicableLetters returns the letters that fit the case now, in the
// order of LetterKinds: the level 1 appeal and the claim-file request while
// the case is open; the request to the doctor for a medical-necessity or
// experimental denial, until a doctor's letter is marked "have"; the
// corrected-claim request for a coding error; the audit request for
// duplicate processing; the follow-up while an appeal waits for its
// decision; the level 2 appeal after an adverse level 1 decision on a plan
// that may have a second level, until level 2 is decided; the external
// review request after the final internal denial (or alongside an urgent
// appeal, or when the denial notice lacks required elements: deemed
// exhaustion); the regulator complaint once appeals are exhausted, or for
// behavioral health (parity). A Medicare or Medicaid plan gets none of the
// letters that cite the federal appeal rules.
func ApplicableLetters(c *Case) []LetterKind {
	if c == nil {
		return nil
	}
	open := c.Status == StatusOpen || c.Status == ""
	applies := map[LetterKind]bool{}
	if open {
		applies[LetterLevel1] = true
		applies[LetterClaimFile] = true
		_, _, adverse1 := letterAdverse(c, Level1)
		i2, filed2 := letterLastAppeal(c, Level2)
		decided2 := filed2 && c.Appeals[i2].Decision != DecisionPending && c.Appeals[i2].Decision != ""
		applies[LetterLevel2] = adverse1 && !decided2
		_, final := letterFinalDenial(c)
		applies[LetterExternal] = final || letterUrgentConcurrent(c) || letterDeemed(c)
		_, pending := letterPendingAppeal(c)
		applies[LetterFollowUp] = pending
		applies[LetterPhysician] = letterMedicalNecessity(c) && !letterHasDoc(c, DocPhysicianLetter)
		applies[LetterCorrectedClaim] = c.EOBErrors.CPT.Status == CheckError || c.Denial.Category == CategoryCoding
		applies[LetterAudit] = c.EOBErrors.Duplicate.Status == CheckError || c.Denial.Category == CategoryDuplicate
	}
	applies[LetterComplaint] = c.Status == StatusExhausted || (open && c.Denial.BehavioralHealth)
	var ks []LetterKind
	for _, k := range LetterKinds() {
		if applies[k] && letterNotApplicable(k, c) == "" {
			ks = append(ks, k)
		}
	}
	return ks
}

// letterNotApplicable says why a letter does not fit the case at all, or "".
func letterNotApplicable(kind LetterKind, c *Case) string {
	switch kind {
	case LetterPhysician, LetterCorrectedClaim, LetterAudit:
		return ""
	}
	if c.Plan.Type == PlanGovernment {
		return "Medicare and Medicaid plans follow other appeal rules than the federal rules this letter cites; " +
			"follow the appeal instructions on your plan's notice"
	}
	if kind != LetterLevel2 {
		return ""
	}
	switch {
	case c.Plan.Type == PlanIndividual:
		return "individual coverage has exactly one internal appeal level (45 CFR 147.136(b)(3)(ii)(G)); " +
			"after an adverse level 1 decision, request external review"
	case c.Plan.InternalLevels == 1:
		return "the plan has one internal appeal level; after an adverse level 1 decision, request external review"
	}
	if i, ok := letterLastAppeal(c, Level1); ok && c.Appeals[i].Decision == DecisionOverturned {
		return "the level 1 appeal overturned the denial"
	}
	return ""
}

func letterMedicalNecessity(c *Case) bool {
	return c.Denial.Category == CategoryMedicalNecessity || c.Denial.Category == CategoryExperimental
}

func letterPreService(c *Case) bool {
	return c.Denial.Review == ReviewPreService || c.Denial.Review == ReviewUrgent
}

// letterLastAppeal returns the index of the last appeal of the level.
func letterLastAppeal(c *Case, level Level) (int, bool) {
	for i := len(c.Appeals) - 1; i >= 0; i-- {
		if c.Appeals[i].Level == level {
			return i, true
		}
	}
	return 0, false
}

// letterAdverse returns the last appeal of the level when it upheld the
// denial in whole or in part.
func letterAdverse(c *Case, level Level) (Appeal, int, bool) {
	i, ok := letterLastAppeal(c, level)
	if !ok {
		return Appeal{}, 0, false
	}
	a := c.Appeals[i]
	return a, i, a.Decision == DecisionUpheld || a.Decision == DecisionPartlyOverturned
}

// letterFinalDenial returns the index of the appeal whose adverse decision ends
// the internal appeals: level 2, or level 1 on a plan with one level.
func letterFinalDenial(c *Case) (int, bool) {
	if _, i, ok := letterAdverse(c, Level2); ok {
		return i, true
	}
	oneLevel := c.Plan.InternalLevels == 1 || c.Plan.Type == PlanIndividual
	if _, i, ok := letterAdverse(c, Level1); ok && oneLevel {
		return i, true
	}
	return 0, false
}

// letterDeemed reports a denial notice marked as lacking required
// elements, which may let the member go straight to external review
// (45 CFR 147.136(b)(3)(ii)(F)(1)).
func letterDeemed(c *Case) bool {
	applies, _ := DeemedExhaustion(c)
	return applies
}

// letterUrgentConcurrent reports an urgent internal appeal already filed, which
// expedited external review may run alongside (45 CFR 147.136(d)(3)(i)).
func letterUrgentConcurrent(c *Case) bool {
	return c.Denial.Review == ReviewUrgent && len(c.Appeals) > 0
}

// letterPendingAppeal returns the index of the last internal appeal still
// waiting for its decision.
func letterPendingAppeal(c *Case) (int, bool) {
	for i := len(c.Appeals) - 1; i >= 0; i-- {
		a := c.Appeals[i]
		if (a.Level == Level1 || a.Level == Level2) && (a.Decision == DecisionPending || a.Decision == "") {
			return i, true
		}
	}
	return 0, false
}

// Missing lists the facts the letter still needs, in the order the letter
// uses them. Field is the fact's path in the case file.
func (l *Letters) Missing(kind LetterKind, c *Case) []Missing {
	if c == nil {
		return nil
	}
	var m letterMissing
	switch kind {
	case LetterLevel1, LetterLevel2:
		m.identity(c)
		m.claim(c)
		m.reason(c)
		if kind == LetterLevel2 {
			m.decision(c, Level1, "the level 1 appeal")
		}
		m.argument(c)
		m.denialCopy(c)
	case LetterExternal:
		m.identity(c)
		m.claim(c)
		m.reason(c)
		if _, ok := letterFinalDenial(c); !ok && !letterUrgentConcurrent(c) && !letterDeemed(c) {
			_, _, adverse1 := letterAdverse(c, Level1)
			switch {
			case c.Plan.InternalLevels == 2:
				m.decision(c, Level2, "the level 2 appeal")
			case c.Plan.InternalLevels == 1 || c.Plan.Type == PlanIndividual || !adverse1:
				m.decision(c, Level1, "the level 1 appeal")
			default:
				m.add("plan.internal_levels", "how many internal appeal levels the plan has (ask the plan; never assume): "+
					"external review follows the last one")
			}
		}
	case LetterFollowUp:
		m.identity(c)
		m.claim(c)
		if i, ok := letterPendingAppeal(c); !ok {
			m.add("appeals", "an appeal you have filed and are waiting on")
		} else if c.Appeals[i].Filed.IsZero() {
			m.add(fmt.Sprintf("appeals[%d].filed", i), "the date you filed the appeal")
		}
	case LetterPhysician:
		m.need(c.Member.Name, "member.name", "the member's name")
		m.need(c.Physician.Name, "physician.name", "the name of the doctor who ordered the care, who is asked for the letter")
		m.need(c.Claim.Provider.Name, "claim.provider.name", "the provider's name")
		m.criteria(c, false)
	case LetterCorrectedClaim:
		m.need(c.Member.Name, "member.name", "the member's name")
		m.sender(c)
		m.need(c.Claim.Provider.Name, "claim.provider.name", "the provider's name")
		m.need(c.Claim.Number, "claim.number", "the claim number on the EOB")
		m.date(c.Claim.DateOfService, "claim.date_of_service", "the date of service")
		m.need(c.EOBErrors.CPT.Details, "eob_errors.cpt.details",
			"the wrong procedure code on the EOB and the service actually performed")
	case LetterAudit:
		m.identity(c)
		m.need(c.Claim.Number, "claim.number", "the claim number on the EOB")
		m.date(c.Claim.DateOfService, "claim.date_of_service", "the date of service")
		m.need(c.EOBErrors.Duplicate.Details, "eob_errors.duplicate.details",
			"the other claim number and what was processed twice")
	case LetterClaimFile:
		m.identity(c)
		m.claim(c)
	case LetterComplaint:
		m.identity(c)
		switch c.Plan.Type {
		case PlanUnknown, PlanUnknownStated:
			m.add("plan.type", "the plan type (employer self-funded, employer fully insured, or individual): it decides who takes the complaint")
		case PlanEmployerFullyInsured, PlanIndividual:
			if letterStateName(c.Plan.State) == "" {
				m.add("plan.state", "the state whose insurance department oversees the plan")
			}
		}
		m.claim(c)
		m.reason(c)
	}
	return m.list
}

type letterMissing struct{ list []Missing }

func (m *letterMissing) add(field, label string) {
	m.list = append(m.list, Missing{Field: field, Label: label})
}

func (m *letterMissing) need(v, field, label string) {
	if letterPlain(v) == "" {
		m.add(field, label)
	}
}

func (m *letterMissing) date(d Date, field, label string) {
	if d.IsZero() {
		m.add(field, label)
	}
}

// identity: who writes, for whom, at which address.
func (m *letterMissing) identity(c *Case) {
	m.need(c.Member.Name, "member.name", "the member's name")
	m.sender(c)
	m.need(c.Member.MemberID, "member.member_id", "the member ID from the insurance card")
}

// sender: the return address of whoever signs.
func (m *letterMissing) sender(c *Case) {
	if letterPlain(c.Representative.Name) != "" {
		m.need(c.Representative.Address, "representative.address", "the representative's mailing address")
		return
	}
	m.need(c.Member.Address, "member.address", "the member's mailing address")
}

// claim: what identifies the claim or the pre-service request.
func (m *letterMissing) claim(c *Case) {
	if letterPreService(c) {
		if len(c.Claim.Procedures) == 0 || letterPlain(c.Claim.Procedures[0].Code) == "" {
			m.add("claim.procedures[0].code", "the procedure code of the requested service")
		}
		m.date(c.Denial.LetterDate, "denial.letter_date", "the date printed on the denial letter")
		return
	}
	m.need(c.Claim.Number, "claim.number", "the claim number on the EOB")
	m.date(c.Claim.DateOfService, "claim.date_of_service", "the date of service")
}

// reason: the denial reason as the plan gave it.
func (m *letterMissing) reason(c *Case) {
	if letterPlain(c.EOB.Reason) != "" || len(letterDenialCodes(c)) > 0 {
		return
	}
	if letterPreService(c) && letterPlain(c.Denial.Policy.Number) != "" {
		return
	}
	m.add("eob.reason", "the denial reason, word for word from the EOB or denial letter (or its denial codes)")
}

// decision: the adverse decision the next level answers.
func (m *letterMissing) decision(c *Case, level Level, what string) {
	i, ok := letterLastAppeal(c, level)
	if !ok {
		m.add("appeals", what+": when it was filed and its decision")
		return
	}
	a := c.Appeals[i]
	switch a.Decision {
	case DecisionUpheld, DecisionPartlyOverturned:
	case DecisionOverturned:
		m.add(fmt.Sprintf("appeals[%d].decision", i), what+" overturned the denial; there is nothing left to appeal")
		return
	default:
		m.add(fmt.Sprintf("appeals[%d].decision", i), "the decision on "+what)
	}
	m.date(a.DecisionReceived, fmt.Sprintf("appeals[%d].decision_received", i), "the date you received the decision on "+what)
}

// criteria: the coverage policy and, when withEvidence, the evidence that
// meets each criterion.
func (m *letterMissing) criteria(c *Case, withEvidence bool) {
	p := c.Denial.Policy
	m.need(p.Number, "denial.policy.number", "the coverage policy number named in the denial")
	if len(p.Criteria) == 0 {
		m.add("denial.policy.criteria[0].text", "the criteria of the coverage policy, one by one")
		return
	}
	for i, cr := range p.Criteria {
		m.need(cr.Text, fmt.Sprintf("denial.policy.criteria[%d].text", i), fmt.Sprintf("the text of policy criterion %d", i+1))
		if withEvidence {
			m.need(cr.Evidence, fmt.Sprintf("denial.policy.criteria[%d].evidence", i),
				fmt.Sprintf("what in the records meets policy criterion %d", i+1))
		}
	}
}

// argument: what the appeal argues with, by category and EOB error.
func (m *letterMissing) argument(c *Case) {
	if letterMedicalNecessity(c) {
		m.criteria(c, true)
	}
	e := c.EOBErrors
	if e.Network.Status == CheckError {
		m.need(c.Claim.Provider.Name, "claim.provider.name", "the provider's name")
		m.need(c.Claim.Provider.NPI, "claim.provider.npi", "the provider's NPI, to verify network status")
	}
	if e.CPT.Status == CheckError {
		m.need(e.CPT.Details, "eob_errors.cpt.details", "the wrong procedure code on the EOB and the service actually performed")
	}
	if e.Duplicate.Status == CheckError {
		m.need(e.Duplicate.Details, "eob_errors.duplicate.details", "the other claim number and what was processed twice")
	}
	if e.CostShare.Status == CheckError {
		if !c.Claim.MemberOwes.Known() {
			m.add("claim.member_owes", "what the EOB says you owe")
		}
		m.need(e.CostShare.Details, "eob_errors.cost_share.details", "what the EOB got wrong in the deductible, coinsurance or copay, with the right figures")
	}
	if e.PriorAuth.Status == CheckError {
		m.need(c.Denial.PriorAuth.Number, "denial.prior_auth.number", "the prior authorization number")
	}
}

// denialCopy: a letter without Cigna's form encloses the EOB or denial
// letter: a document marked "have", or the EOB's file.
func (m *letterMissing) denialCopy(c *Case) {
	if letterPlain(c.EOB.File) != "" || slices.ContainsFunc(c.Documents, func(d Document) bool {
		return d.Status == DocHave && (d.Kind == DocEOB || d.Kind == DocDenialLetter)
	}) {
		return
	}
	m.add("documents", `a copy of the EOB or denial letter to enclose (add it under documents, marked "have")`)
}

// letterDenialCodes returns the cleaned denial codes of the EOB.
func letterDenialCodes(c *Case) []string {
	var codes []string
	for _, s := range c.EOB.Codes {
		if s = letterPlain(s); s != "" {
			codes = append(codes, s)
		}
	}
	return codes
}

var letterStateNames = map[string]string{
	"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
	"CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "the District of Columbia",
	"FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
	"IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
	"ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
	"MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
	"NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
	"NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
	"PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
	"TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
	"WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
	"PR": "Puerto Rico", "GU": "Guam", "VI": "the U.S. Virgin Islands",
	"AS": "American Samoa", "MP": "the Northern Mariana Islands",
}

// letterStateName returns the name of a two-letter state code, or "".
func letterStateName(code string) string {
	return letterStateNames[strings.ToUpper(strings.TrimSpace(code))]
}
