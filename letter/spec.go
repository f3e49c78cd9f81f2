package letter

import (
	"strings"

	"github.com/overturn/overturn/workflow"
)

// Kind names a letter; the values are those of `overturn letter --kind`.
type Kind string

// The letter kinds.
const (
	Level1         Kind = "level1"
	Level2         Kind = "level2"
	External       Kind = "external"
	FollowUp       Kind = "followup"
	Physician      Kind = "physician"
	CorrectedClaim Kind = "corrected-claim"
	Audit          Kind = "audit"
	ClaimFile      Kind = "claim-file"
	ProviderBill   Kind = "provider-bill"
	PlanDocuments  Kind = "plan-documents"
	Complaint      Kind = "complaint"
)

// spec is one kind of letter: one row of the table below and one
// template of the kind's name. Adding a kind is a row and a template.
type spec struct {
	kind  Kind
	title string
	// to is who the letter goes to.
	to recipient
	// clinical is true when the letter carries clinical facts (the care,
	// the diagnosis, the medical argument): it is never copied to an
	// employer.
	clinical bool
	// copyProvider is true when the provider may get a copy, if the
	// person chooses (case.copies.provider).
	copyProvider bool
	// offer says why the letter fits the case now, or "" when it does not
	// (it may still be rendered unless refused).
	offer func(f *facts) string
	// option reports an offer that takes another path than the normal
	// one, explained beside the letter and never ready.
	option func(f *facts) bool
	// refuse says why the letter would be wrong or useless for the case,
	// beyond what every letter needs (a writer, a claim), or nil.
	refuse func(f *facts) *RefusedError
	// gaps adds what the letter lacks, beyond the writer's and the
	// recipient's addresses.
	gaps func(f *facts, g *gapList)
}

// recipient is who a letter goes to.
type recipient int

const (
	toAppeals       recipient = iota // the plan's appeals office (or its delegate's)
	toExternal                       // where external review requests go
	toClaims                         // the plan's claims department
	toPhysician                      // the treating clinician
	toProvider                       // the provider's billing office
	toAdministrator                  // the plan administrator (the employer)
	toRegulator                      // the state or federal regulator
)

// specs is the table of letter kinds, in the order they are offered.
var specs = []spec{
	{kind: Level1, title: "Level 1 appeal", to: toAppeals, clinical: true, copyProvider: true,
		offer: offerLevel1, refuse: refuseLevel1, gaps: gapsAppeal},
	{kind: Level2, title: "Level 2 appeal", to: toAppeals, clinical: true, copyProvider: true,
		offer: offerLevel2, refuse: refuseLevel2, gaps: gapsLevel2},
	{kind: External, title: "External review request", to: toExternal, clinical: true, copyProvider: true,
		offer: offerExternal, option: optionExternal, refuse: refuseExternal, gaps: gapsExternal},
	{kind: FollowUp, title: "Follow-up on a pending appeal", to: toAppeals, clinical: true, copyProvider: true,
		offer: offerFollowUp, refuse: refuseFollowUp, gaps: gapsFollowUp},
	{kind: Physician, title: "Request to the doctor", to: toPhysician, clinical: true,
		offer: offerPhysician, refuse: refusePhysician, gaps: gapsPhysician},
	{kind: CorrectedClaim, title: "Corrected-claim request", to: toProvider, clinical: true,
		offer: offerCorrectedClaim, refuse: refuseCorrectedClaim, gaps: gapsCorrectedClaim},
	{kind: Audit, title: "Claim audit request", to: toClaims, clinical: true, copyProvider: true,
		offer: offerAudit, refuse: refuseAudit, gaps: gapsAudit},
	{kind: ClaimFile, title: "Claim-file request", to: toAppeals, clinical: true,
		offer: offerClaimFile, refuse: refuseAppealRules},
	{kind: ProviderBill, title: "Letter to the provider about the bill", to: toProvider, clinical: true,
		offer: offerProviderBill, refuse: refuseProviderBill},
	{kind: PlanDocuments, title: "Plan-documents request", to: toAdministrator,
		offer: offerPlanDocuments, refuse: refusePlanDocuments},
	{kind: Complaint, title: "Complaint to the regulator", to: toRegulator, clinical: true,
		offer: offerComplaint, refuse: refuseComplaint, gaps: gapsComplaint},
}

// Kinds returns every letter kind, in the order they are offered.
func Kinds() []Kind {
	out := make([]Kind, len(specs))
	for i, sp := range specs {
		out[i] = sp.kind
	}
	return out
}

func specFor(k Kind) (spec, bool) {
	for _, sp := range specs {
		if sp.kind == k {
			return sp, true
		}
	}
	return spec{}, false
}

// Title names the letter in plain words: "Level 1 appeal".
func (k Kind) Title() string {
	if sp, ok := specFor(k); ok {
		return sp.title
	}
	return string(k)
}

// Valid reports whether k is a letter kind.
func (k Kind) Valid() bool {
	_, ok := specFor(k)
	return ok
}

func kindList() string {
	ks := Kinds()
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, ", ")
}

// refuseAppealRules refuses the letters that cite the rules of employer
// and individual plans for a plan those rules do not cover.
func refuseAppealRules(f *facts) *RefusedError {
	if f.c.Plan.OtherRules() {
		return &RefusedError{Reason: "Medicare, Medicare Advantage, Medicaid, TRICARE, VA and FEHB plans follow other appeal " +
			"rules than the ones this letter cites: follow the appeal instructions on your plan's notice", Field: "plan.type"}
	}
	return nil
}

func offerLevel1(f *facts) string {
	if !f.open || f.l1.IsFiled() {
		return ""
	}
	if f.sit.Urgent {
		return "the expedited appeal of a denial of urgent care, decided within 72 hours"
	}
	return "the first internal appeal of the denial"
}

func refuseLevel1(f *facts) *RefusedError {
	if err := refuseAppealRules(f); err != nil {
		return err
	}
	switch {
	case f.hasL1 && f.l1.Decision.Decided():
		return &RefusedError{Reason: "the level 1 appeal is already decided (" + f.l1.Decision.Label() + "): write the level 2 " +
			"appeal, the external review request or a complaint instead", Field: f.appealField(workflow.Level1, "decision")}
	case f.hasL1 && !f.l1.Filed.IsZero():
		return &RefusedError{Reason: "your level 1 appeal was sent on " + f.l1.Filed.Long() + " and is waiting for its " +
			"decision: a second one would only duplicate it. Write the follow-up letter to ask about it, or record its " +
			"decision", Field: f.appealField(workflow.Level1, "decision")}
	}
	return nil
}

func offerLevel2(f *facts) string {
	if !f.open || f.hasL2 && f.l2.IsFiled() {
		return ""
	}
	return "the second internal appeal, answering the level 1 decision"
}

func refuseLevel2(f *facts) *RefusedError {
	if err := refuseAppealRules(f); err != nil {
		return err
	}
	switch {
	case f.levelsKnown && f.levels == 1 && f.c.Plan.Type == workflow.PlanIndividual:
		return &RefusedError{Reason: "individual coverage has exactly one internal appeal level (45 CFR 147.136(b)(3)(ii)(G)); " +
			"after an adverse level 1 decision, request external review", Field: "plan.type"}
	case f.levelsKnown && f.levels == 1:
		return &RefusedError{Reason: "the plan has one internal appeal level; after an adverse level 1 decision, request " +
			"external review", Field: "plan.internal_levels"}
	case !f.hasL1 || !f.l1.Decision.Decided():
		return &RefusedError{Reason: "a level 2 appeal answers the level 1 decision, which is not recorded yet: record the " +
			"level 1 decision first", Field: f.appealField(workflow.Level1, "decision")}
	case !f.l1.Decision.Adverse():
		return &RefusedError{Reason: "the level 1 appeal overturned the denial: there is nothing left to appeal",
			Field: f.appealField(workflow.Level1, "decision")}
	case f.hasL2 && f.l2.Decision.Decided():
		return &RefusedError{Reason: "the level 2 appeal is already decided (" + f.l2.Decision.Label() + ")",
			Field: f.appealField(workflow.Level2, "decision")}
	}
	return nil
}

func offerExternal(f *facts) string {
	if f.hasExt && f.ext.IsFiled() {
		return ""
	}
	switch f.externalBasis() {
	case basisFinal:
		return "external review by an independent reviewer, after the final internal denial"
	case basisLate:
		return "external review now: the plan missed its decision deadline, so the internal appeals count as done"
	case basisUrgent:
		return "expedited external review, sent at the same time as the urgent internal appeal"
	case basisNotice:
		return "an option beside the appeal: external review now, because the denial notice lacks what the rules require"
	}
	return ""
}

func optionExternal(f *facts) bool { return f.externalBasis() == basisNotice }

func refuseExternal(f *facts) *RefusedError {
	if err := refuseAppealRules(f); err != nil {
		return err
	}
	if f.externalBasis() == basisNone {
		return &RefusedError{Reason: "external review follows the final internal denial, a missed decision deadline, an " +
			"urgent appeal, or a denial notice that lacks what the rules require, and the case shows none of these yet: " +
			"record the appeal decisions first", Field: "appeals"}
	}
	if f.hasExt && f.ext.Decision.Decided() {
		return &RefusedError{Reason: "the external review is already decided (" + f.ext.Decision.Label() + ")",
			Field: f.appealField(workflow.LevelExternal, "decision")}
	}
	return nil
}

func offerFollowUp(f *facts) string {
	if f.pending == nil {
		return ""
	}
	if f.late != nil {
		return "the decision on your " + f.pending.Level.Label() + " is late: ask for it, and say the appeals now count as done"
	}
	return "ask for the status of your " + f.pending.Level.Label()
}

func refuseFollowUp(f *facts) *RefusedError {
	if err := refuseAppealRules(f); err != nil {
		return err
	}
	if f.pending == nil {
		return &RefusedError{Reason: "no internal appeal is waiting for a decision: a follow-up asks about one you have sent " +
			"(record it with the day you sent it)", Field: "appeals"}
	}
	return nil
}

func offerCorrectedClaim(f *facts) string {
	if !f.open || !f.sit.Coding {
		return ""
	}
	return "ask the provider's billing office to send a corrected claim"
}

func refuseCorrectedClaim(f *facts) *RefusedError {
	switch {
	case !f.sit.Coding:
		return &RefusedError{Reason: "the case shows no coding error (mark the EOB's procedure-code check as an error, or the " +
			"denial as a billing code problem)", Field: "eob_errors.cpt.status"}
	case f.provider == "":
		return &RefusedError{Reason: "the letter goes to the provider's billing office, and no provider is named",
			Field: "claim.provider.name"}
	}
	return nil
}

func offerAudit(f *facts) string {
	if !f.open || !f.sit.Duplicate {
		return ""
	}
	return "ask for an audit of the claim denied as a duplicate"
}

func refuseAudit(f *facts) *RefusedError {
	if !f.sit.Duplicate {
		return &RefusedError{Reason: "the case shows no duplicate processing (mark the EOB's duplicate check as an error, or " +
			"the denial as a duplicate claim)", Field: "eob_errors.duplicate.status"}
	}
	return nil
}

func offerClaimFile(f *facts) string {
	if !f.open {
		return ""
	}
	return "ask, free of charge, for the claim file and the criteria used: not an appeal"
}

func offerPlanDocuments(f *facts) string {
	if !f.c.Plan.ERISA() || !(f.c.Copies.Employer || f.sit.BehavioralHealth) {
		return ""
	}
	return "ask the plan administrator for the plan documents, without any clinical facts"
}

func refusePlanDocuments(f *facts) *RefusedError {
	if !f.c.Plan.ERISA() {
		return &RefusedError{Reason: "ERISA section 104(b)(4), which this request relies on, covers plans from a private " +
			"employer; record the plan as through work if it is one", Field: "plan.type"}
	}
	if plain(f.c.Plan.Employer) == "" && len(addressLines(f.c.Plan.Administrator)) == 0 {
		return &RefusedError{Reason: "the letter goes to the plan administrator, and neither the administrator nor the employer " +
			"is named", Field: "plan.administrator"}
	}
	return nil
}

func offerComplaint(f *facts) string {
	if len(f.lapses()) == 0 {
		return ""
	}
	return "report to the regulator what the case shows the plan did wrong"
}

func refuseComplaint(f *facts) *RefusedError {
	if err := refuseAppealRules(f); err != nil {
		return err
	}
	if len(f.lapses()) == 0 {
		return &RefusedError{Reason: "the case shows no lapse to report (a missed decision deadline, a denial notice missing " +
			"what the rules require, a surprise bill, a parity limit, an emergency denied for prior authorization): a " +
			"complaint names concrete lapses"}
	}
	if f.c.Plan.Type == workflow.PlanUnknown || f.c.Plan.Type == workflow.PlanUnknownStated {
		return &RefusedError{Reason: "who takes the complaint depends on the plan type (through work, bought yourself): add it",
			Field: "plan.type"}
	}
	if f.regulator() == nil && f.c.Plan.Type != workflow.PlanEmployer {
		return &RefusedError{Reason: "the state's insurance department takes this complaint, and the plan's state is not known: " +
			"add it", Field: "plan.state"}
	}
	return nil
}
