package letter

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/overturn/overturn/workflow"
)

// facts is what one case says, read once for every letter of it: who
// writes, the appeals and their state, the situations the facts support,
// the law that applies, the deadlines and contradictions.
type facts struct {
	c     *workflow.Case
	ins   *workflow.Insurer
	ref   *workflow.Reference
	codes *workflow.CodeTable
	now   time.Time
	today workflow.Date
	law   workflow.Law
	sit   workflow.Situation

	open     bool // the case is open
	member   string
	rep      string // the representative's name, "" when the member writes
	provider string

	levels      int
	levelsKnown bool
	// l1, l2 and ext are the last appeal of each level; hasL1... say
	// whether there is one.
	l1, l2, ext          workflow.Appeal
	hasL1, hasL2, hasExt bool
	anyFiled             bool
	// final is the final internal adverse decision, when there is one;
	// finalMaybe says it is final only if the plan has one level.
	final      *workflow.Appeal
	finalMaybe bool
	// pending is the last internal appeal waiting for its decision; late
	// is set when its decision is overdue (deemed exhaustion).
	pending *workflow.Appeal
	late    *workflow.Late

	deadlines []workflow.Deadline
	warnings  []workflow.Warning
	// argued is set by data: the letter argues with more than the quoted
	// reason and the rights (data.Argued).
	argued bool
}

func (e *Engine) facts(c *workflow.Case, now time.Time) *facts {
	f := &facts{
		c: c, ref: e.ref, codes: e.codes, now: now, today: workflow.DateOf(now),
		ins:      e.ref.Insurer(c.Insurer),
		law:      workflow.LawFor(c.Plan),
		sit:      workflow.SituationOf(c),
		open:     c.Status == workflow.StatusOpen || c.Status == "",
		member:   plain(c.Member.Name),
		rep:      plain(c.Representative.Name),
		provider: plain(c.Claim.Provider.Name),
	}
	if !f.ins.Known() {
		// The name is the case's own text: made safe like any other.
		generic := *f.ins
		generic.Name, generic.Company = plain(generic.Name), plain(generic.Company)
		f.ins = &generic
	}
	f.levels, f.levelsKnown = workflow.InternalLevels(c)
	f.l1, f.hasL1 = workflow.LastAppeal(c, workflow.Level1)
	f.l2, f.hasL2 = workflow.LastAppeal(c, workflow.Level2)
	f.ext, f.hasExt = workflow.LastAppeal(c, workflow.LevelExternal)
	f.anyFiled = slices.ContainsFunc(c.Appeals, workflow.Appeal.IsFiled)
	if a, maybe, ok := workflow.FinalDenial(c); ok {
		f.final, f.finalMaybe = &a, maybe
	}
	for _, l := range [...]workflow.Level{workflow.Level2, workflow.Level1} {
		if a, ok := workflow.LastAppeal(c, l); ok && !a.Filed.IsZero() && !a.Decision.Decided() {
			f.pending = &a
			break
		}
	}
	if l, ok := workflow.LateDecision(c, now); ok {
		f.late = &l
	}
	f.deadlines = workflow.Deadlines(c, now)
	f.warnings = workflow.Consistency(c, now)
	return f
}

// has reports whether a document of the kind is in hand.
func (f *facts) has(kind workflow.DocKind) bool {
	return slices.ContainsFunc(f.c.Documents, func(d workflow.Document) bool {
		return d.Kind == kind && d.Status == workflow.DocHave
	})
}

// appealField is the case-file path of a field of the last appeal of the
// level, or "appeals" when there is none.
func (f *facts) appealField(l workflow.Level, field string) string {
	for i := len(f.c.Appeals) - 1; i >= 0; i-- {
		if f.c.Appeals[i].Level == l {
			return fmt.Sprintf("appeals[%d].%s", i, field)
		}
	}
	return "appeals"
}

// regulator returns the state regulator of the plan's state, or nil.
func (f *facts) regulator() *workflow.Regulator {
	if f.ref == nil {
		return nil
	}
	if g, ok := f.ref.Regulators.State(f.c.Plan.State); ok {
		return &g
	}
	return nil
}

// basis is why external review may be asked for now.
type basis int

const (
	basisNone   basis = iota
	basisFinal        // the final internal denial
	basisLate         // a missed decision deadline: deemed exhaustion
	basisUrgent       // beside an urgent internal appeal, sent or to send with it
	basisNotice       // a denial notice that lacks required elements: an option
)

func (f *facts) externalBasis() basis {
	switch {
	case f.final != nil:
		return basisFinal
	case f.late != nil:
		return basisLate
	case f.sit.Urgent && f.open:
		return basisUrgent
	case len(workflow.MissingNoticeElements(f.c)) > 0:
		return basisNotice
	}
	return basisNone
}

// refuse says why the letter of spec sp would be wrong or useless, or
// nil: every letter needs a writer and a claim; the spec may ask more.
func (f *facts) refuse(sp spec) *RefusedError {
	var err *RefusedError
	switch {
	case f.member == "" && f.rep == "":
		err = &RefusedError{Reason: "no one is named to write it: add the member's name", Field: "member.name"}
	case !f.identifiesClaim():
		err = &RefusedError{Reason: "nothing says which claim or service it is about: add the claim number, the date of " +
			"service, or the procedure", Field: "claim.number"}
	case sp.refuse != nil:
		err = sp.refuse(f)
	}
	if err != nil {
		err.Kind = sp.kind
	}
	return err
}

// identifiesClaim reports whether the case says which claim or service a
// letter is about.
func (f *facts) identifiesClaim() bool {
	c := f.c
	if plain(c.Claim.Number) != "" || !c.Claim.DateOfService.IsZero() || !c.Denial.LetterDate.IsZero() || !c.EOB.Date.IsZero() {
		return true
	}
	return slices.ContainsFunc(c.Claim.Procedures, func(p workflow.Procedure) bool {
		return plain(p.Code) != "" || plain(p.Description) != ""
	})
}

// lapse is one thing the plan did wrong that the case shows, for the
// complaint: when, what, and the rule.
type lapse struct {
	Date, Text, Cite string
}

// lapses lists the plan's lapses the case shows: a missed decision
// deadline, the elements missing from the denial notice, a surprise bill
// processed out of network, a treatment limit on behavioral health care,
// an emergency denied for prior authorization, a network error the plan
// made.
func (f *facts) lapses() []lapse {
	c := f.c
	var out []lapse
	denied := denialDate(c).Long()
	if f.late != nil {
		from := "sent on " + f.late.Appeal.Filed.Long()
		if f.late.FromReceipt {
			from = "received by the plan on " + f.late.Appeal.Received.Long()
		}
		out = append(out, lapse{f.late.Due.Long(), fmt.Sprintf("The decision on the %s, %s, was due by %s and had not been "+
			"made by %s", f.late.Appeal.Level.Label(), from, f.late.Due.Long(), f.today.Long()), f.late.Cite})
	}
	for _, e := range workflow.MissingNoticeElements(c) {
		out = append(out, lapse{denied, "The denial notice did not contain " + plain(e.Text), plain(e.Cite)})
	}
	if f.sit.PolicyUnnamed && !slices.ContainsFunc(workflow.MissingNoticeElements(c), func(e workflow.NoticeElement) bool {
		return e.ID == workflow.NoticeGuideline
	}) {
		out = append(out, lapse{denied, "The denial, which rested on a medical judgment, named no internal rule, guideline " +
			"or protocol it relied on, and did not say that one is free on request", f.law.Claims("(g)(1)(v)(A)")})
	}
	if f.sit.SurpriseBill && (f.sit.PR45 || c.EOBErrors.Network.Status == workflow.CheckError ||
		c.Denial.Category == workflow.CategoryNetwork) {
		out = append(out, lapse{c.EOB.Date.Long(), "The claim for " + possessive(f.provider) + " services, which the No " +
			"Surprises Act protects, was processed with out-of-network cost sharing", f.law.SurpriseCostSharing()})
		if f.sit.PR45 {
			out = append(out, lapse{c.EOB.Date.Long(), "The Explanation of Benefits put the charge above the allowed amount " +
				"(PR-45) on the member, although " + f.provider + " may not bill the member for more than the in-network " +
				"cost sharing", f.law.BalanceBilling()})
		}
	}
	if f.sit.ParityLimit {
		limit := "a treatment limit"
		if l := strings.TrimRight(prose(c.Denial.Limit), "."); l != "" {
			limit = "a treatment limit (\"" + l + "\")"
		}
		out = append(out, lapse{denied, "The plan applied " + limit + " to mental health or substance use care; such limits may " +
			"be no more restrictive than those on comparable medical and surgical care", f.law.Parity()})
	}
	if f.sit.EmergencyPriorAuth {
		out = append(out, lapse{denied, "Emergency care was denied for want of prior authorization, which emergency services " +
			"do not need", f.law.Emergency()})
	}
	if f.sit.DirectoryError && c.Claim.MemberOwes.Known() && c.Claim.MemberOwes.Cents() > 0 {
		out = append(out, lapse{c.EOB.Date.Long(), "The plan told the member before the care that " + f.provider + " was in " +
			"network, and then charged out-of-network cost sharing", f.law.NetworkError()})
	}
	return out
}

// denialDate is the date the denial was issued: the denial letter's, else
// the EOB's.
func denialDate(c *workflow.Case) workflow.Date {
	if !c.Denial.LetterDate.IsZero() {
		return c.Denial.LetterDate
	}
	return c.EOB.Date
}

// gapList collects the gaps of a letter, and the kinds of document they
// ask for.
type gapList struct {
	list []Gap
	docs map[workflow.DocKind]bool
}

// doc asks for a document of kind k, to enclose.
func (g *gapList) doc(sev Severity, k workflow.DocKind, label string) {
	if g.docs == nil {
		g.docs = map[workflow.DocKind]bool{}
	}
	g.docs[k] = true
	g.add(sev, "documents", label)
}

func (g *gapList) add(sev Severity, field, label string) {
	for _, have := range g.list {
		if have.Field == field && have.Label == label {
			return
		}
	}
	g.list = append(g.list, Gap{Field: field, Label: label, Severity: sev})
}

func (g *gapList) need(sev Severity, v, field, label string) {
	if plain(v) == "" {
		g.add(sev, field, label)
	}
}

func (g *gapList) date(sev Severity, d workflow.Date, field, label string) {
	if d.IsZero() {
		g.add(sev, field, label)
	}
}

// gaps returns what the letter of spec sp lacks, must-fill ones first.
func (f *facts) gaps(sp spec) []Gap {
	g := &gapList{}
	c := f.c
	switch sp.to {
	case toPhysician:
		g.need(MustFill, c.Physician.Address, "physician.address", "the doctor's mailing address (or fax number), to send the letter")
	case toProvider:
		g.need(MustFill, c.Claim.Provider.Address, "claim.provider.address", "the provider's billing office address, from the bill")
	case toAdministrator:
		g.need(MustFill, c.Plan.Administrator, "plan.administrator",
			"the plan administrator's name and address, from the Summary Plan Description")
	case toClaims:
		g.need(MustFill, c.EOB.ClaimsAddress, "eob.claims_address", "the claims address printed on the Explanation of "+
			"Benefits or the ID card")
	case toAppeals, toExternal:
		if len(f.recipient(sp).address) == 0 {
			field, label := f.recipientGap(sp)
			g.add(MustFill, field, label)
		}
	}
	if f.rep != "" {
		g.need(MustFill, c.Representative.Address, "representative.address", "your mailing address, for the reply")
	} else {
		g.need(MustFill, c.Member.Address, "member.address", "the member's mailing address, for the reply")
	}
	if sp.to != toPhysician && sp.to != toProvider && sp.to != toAdministrator {
		g.need(MustFill, c.Member.MemberID, "member.member_id", "the member ID from the insurance card")
	}
	if sp.gaps != nil {
		sp.gaps(f, g)
	}
	if f.rep != "" {
		g.need(Strengthens, c.Representative.Phone, "representative.phone", "your phone number")
	} else {
		g.need(Strengthens, c.Member.Phone, "member.phone", "the member's phone number")
	}
	out := slices.Clone(g.list)
	slices.SortStableFunc(out, func(a, b Gap) int { return int(a.Severity) - int(b.Severity) })
	return out
}

// recipientGap names the fact that would give the letter an address.
func (f *facts) recipientGap(sp spec) (field, label string) {
	switch sp.to {
	case toExternal:
		if f.final != nil {
			return "denial.external_review_address", "where to send the external review request, as the final denial letter says"
		}
		return "denial.external_review_address", "where to send an external review request, as the denial letter or the plan's " +
			"documents say (ask the plan when they do not)"
	}
	return "denial.appeals_address", "the appeals address printed on the denial letter"
}

// gapsClaim asks for what identifies the claim in a letter to the plan.
func (f *facts) gapsClaim(g *gapList) {
	c := f.c
	if f.sit.BeforeCare {
		if !slices.ContainsFunc(c.Claim.Procedures, func(p workflow.Procedure) bool {
			return plain(p.Code) != "" || plain(p.Description) != ""
		}) {
			g.add(MustFill, "claim.procedures[0].code", "the service requested: its procedure code, or what it is")
		}
		g.date(MustFill, c.Denial.LetterDate, "denial.letter_date", "the date printed on the denial letter")
		return
	}
	g.need(MustFill, c.Claim.Number, "claim.number", "the claim number on the EOB")
	g.date(MustFill, c.Claim.DateOfService, "claim.date_of_service", "the date of service")
}

// gapsReason asks for the denial reason as the plan gave it.
func (f *facts) gapsReason(g *gapList) {
	if prose(f.c.EOB.Reason) == "" && len(denialCodes(f.c)) == 0 {
		g.add(MustFill, "eob.reason", "the denial reason, word for word from the EOB or denial letter (or its denial codes)")
	}
}

// gapsDenialCopy asks for a copy of the denial to enclose, when no date
// says the person has one.
func (f *facts) gapsDenialCopy(g *gapList) {
	c := f.c
	if c.EOB.Date.IsZero() && c.Denial.LetterDate.IsZero() && !f.has(workflow.DocEOB) && !f.has(workflow.DocDenialLetter) {
		g.add(MustFill, "eob.date", "the date of the EOB or denial letter you will enclose")
	}
}

// gapsArgument asks for what the situations of the case argue with.
func (f *facts) gapsArgument(g *gapList) {
	c := f.c
	s := f.sit
	if c.Plan.Type == workflow.PlanUnknown || c.Plan.Type == workflow.PlanUnknownStated {
		g.add(Strengthens, "plan.type", "the plan type (through work, bought yourself): the letter then cites the rules of "+
			"your kind of plan only")
	}
	if c.Plan.Group() && c.Plan.Funding == workflow.FundingUnknown {
		g.add(Strengthens, "plan.funding", "whether the employer's plan is self-funded or fully insured (the plan documents say)")
	}
	if s.Urgent {
		g.need(MustFill, c.Denial.AppealsFax, "denial.appeals_fax", "the fax number for appeals, from the denial letter: an "+
			"urgent appeal goes by fax and phone, never by mail alone")
		if !f.has(workflow.DocUrgencyStatement) {
			g.doc(MustFill, workflow.DocUrgencyStatement, "your doctor's statement that the care is urgent, to enclose: "+
				"with it the plan must treat the appeal as urgent")
		}
		g.need(Strengthens, c.Denial.AppealsPhone, "denial.appeals_phone", "the phone number for appeals, to call as you fax")
	}
	if s.MedicalNecessity || s.Experimental {
		p := c.Denial.Policy
		if plain(p.Number) != "" && len(p.Criteria) == 0 {
			g.add(Strengthens, "denial.policy.criteria[0].text", "the criteria of the coverage policy, one by one")
		}
		for i, cr := range p.Criteria {
			g.need(Strengthens, cr.Evidence, fmt.Sprintf("denial.policy.criteria[%d].evidence", i),
				fmt.Sprintf("what in the records meets criterion %s", criterionLabel(cr, i)))
		}
		if !f.has(workflow.DocPhysicianLetter) {
			g.doc(Strengthens, workflow.DocPhysicianLetter, "a letter from the doctor answering the criteria, to enclose")
		}
	}
	if s.Experimental {
		g.need(Strengthens, c.Denial.Experimental.Definition, "denial.experimental.definition",
			"the plan document's definition of experimental or investigational, quoted")
		if len(c.Denial.Experimental.Evidence) == 0 {
			g.add(Strengthens, "denial.experimental.evidence", "the published evidence for the treatment that you have")
		}
	}
	if s.Emergency {
		g.need(Strengthens, c.Claim.Symptoms, "claim.symptoms", "the symptoms that made the patient seek emergency care")
	}
	if s.SurpriseUnsure {
		g.add(Strengthens, "claim.provider.specialty", "what the out-of-network provider does (anesthesiology, radiology...): "+
			"the No Surprises Act may protect the bill")
	}
	if workflow.FacilityUnknown(c) {
		g.add(Strengthens, "claim.facility.name", "the hospital or facility where the care was given, unless it was the "+
			"provider's own office, and whether it is in network: the No Surprises Act may apply")
	}
	if s.SurpriseBill || s.CostShare {
		if r := workflow.CheckCostShare(c); !r.Complete {
			g.add(Strengthens, "cost_share", "your plan's cost-sharing terms (deductible, coinsurance, out-of-pocket "+
				"maximum), to show the right amount")
		}
	}
	if s.NetworkEOBError {
		g.need(Strengthens, c.Claim.Provider.NPI, "claim.provider.npi", "the provider's NPI, to verify network status")
	}
	if s.DirectoryError {
		g.date(Strengthens, c.Claim.Provider.Verified.Date, "claim.provider.verified.date",
			"when the plan said the provider was in network")
	}
	e := c.EOBErrors
	if e.CPT.Status == workflow.CheckError {
		g.need(MustFill, e.CPT.Details, "eob_errors.cpt.details", "the wrong procedure code on the EOB and the service actually performed")
	}
	if s.Duplicate {
		g.need(Strengthens, c.Claim.DuplicateOf, "claim.duplicate_of", "the claim number the plan says this one duplicates")
		if e.Duplicate.Status == workflow.CheckError {
			g.need(Strengthens, e.Duplicate.Details, "eob_errors.duplicate.details", "how the two claims differ")
		}
	}
	if e.CostShare.Status == workflow.CheckError {
		if !c.Claim.MemberOwes.Known() {
			g.add(MustFill, "claim.member_owes", "what the EOB says you owe")
		}
		g.need(Strengthens, e.CostShare.Details, "eob_errors.cost_share.details", "what the EOB got wrong, in your words")
	}
	if s.PriorAuthShownMissing {
		g.need(MustFill, c.Denial.PriorAuth.Number, "denial.prior_auth.number", "the prior authorization number")
		if !f.has(workflow.DocPriorAuthApproval) {
			g.doc(Strengthens, workflow.DocPriorAuthApproval, "the prior authorization approval letter, to enclose")
		}
	}
	if s.ParityLimit && plain(c.Denial.Limit) == "" {
		g.add(Strengthens, "denial.limit", "the limit the plan applied (a visit count, a review after so many sessions)")
	}
	if c.Plan.Insured() && workflow.StateName(c.Plan.State) == "" {
		g.add(Strengthens, "plan.state", "the plan's state: its insurance law applies too")
	}
}

// gapsToCome names the documents the person still waits for, to enclose
// once in hand, unless a gap already asks for one of their kind.
func (f *facts) gapsToCome(g *gapList) {
	for _, doc := range f.c.Documents {
		if (doc.Status == workflow.DocNeeded || doc.Status == workflow.DocRequested) && !g.docs[doc.Kind] {
			g.add(Strengthens, "documents", docName(doc)+": you are still waiting for this document. Enclose it when you "+
				"have it, and mark it as in hand")
		}
	}
}

// gapArgument asks for the person's own argument when the letter has no
// criteria to answer. With nothing at all to argue, an appeal says only
// that the person disagrees: sev says how much that matters. Otherwise it
// would strengthen a denial made on judgment; the processing errors argue
// by their own facts.
func (f *facts) gapArgument(g *gapList, sev Severity) {
	c := f.c
	if plain(c.Denial.Argument) != "" || len(c.Denial.Policy.Criteria) > 0 {
		return
	}
	label := "why the denial is wrong, in your own words: what the records show against the reason given"
	switch c.Denial.Category {
	case workflow.CategoryNotCovered, workflow.CategoryEligibility:
		label = "why the denial is wrong, in your own words (for an exclusion: what it covers, and why this care is different)"
	}
	s := f.sit
	switch {
	case !f.argued:
		g.add(sev, "denial.argument", label+": without it the letter argues nothing")
	case !(s.Coding || s.Duplicate || s.CostShare || s.PriorAuthShownMissing || s.NetworkEOBError || s.DirectoryError ||
		s.SurpriseBill || s.Emergency):
		g.add(Strengthens, "denial.argument", label)
	}
}

func gapsAppeal(f *facts, g *gapList) {
	f.gapArgument(g, MustFill)
	f.gapsClaim(g)
	f.gapsReason(g)
	f.gapsDenialCopy(g)
	f.gapsArgument(g)
	f.gapsToCome(g)
}

func gapsLevel2(f *facts, g *gapList) {
	f.gapsClaim(g)
	i := f.appealField(workflow.Level1, "")
	g.date(MustFill, f.l1.DecisionReceived, i+"decision_received", "the day you received the level 1 decision")
	g.need(Strengthens, f.l1.DecisionReason, i+"decision_reason", "the reason the level 1 decision gives, word for word: the "+
		"level 2 appeal answers it")
	f.gapArgument(g, Strengthens)
	f.gapsReason(g)
	f.gapsArgument(g)
	if len(f.newEvidence()) == 0 {
		g.add(Strengthens, "documents", "something new since level 1 (a doctor's letter, records, evidence): mark the documents "+
			"sent with level 1, and add what is new")
	}
	f.gapsToCome(g)
}

func gapsExternal(f *facts, g *gapList) {
	c := f.c
	f.gapArgument(g, Strengthens)
	f.gapsClaim(g)
	f.gapsReason(g)
	if f.final != nil {
		i := f.appealField(f.final.Level, "")
		g.date(MustFill, f.final.DecisionReceived, i+"decision_received", "the day you received the final denial: the deadline counts from it")
		if f.finalMaybe {
			g.add(MustFill, "plan.internal_levels", "whether the plan has a second level of internal appeal: external review follows the last one")
		}
	}
	if c.Plan.Insured() && f.law.ExternalReview(f.regulator()) == "" {
		g.add(MustFill, "plan.state", "the plan's state: an insured plan uses the state's external review process")
	}
	if slices.ContainsFunc(f.deadlines, func(d workflow.Deadline) bool {
		return d.Kind == workflow.DeadlineExternalReview && d.State == workflow.StateOverdue
	}) {
		g.need(Strengthens, c.Denial.Argument, "denial.argument", "why the request is late, in your own words (an illness, "+
			"caring for someone, a final notice that did not explain external review): the reviewer decides whether to accept it")
	}
	if f.sit.Experimental && !f.has(workflow.DocPhysicianCertification) {
		g.doc(MustFill, workflow.DocPhysicianCertification, "the treating doctor's certification (standard care has not "+
			"worked or is not appropriate, or this treatment is likely more beneficial), to enclose: external review of an "+
			"experimental denial needs it")
	}
	f.gapsArgument(g)
	f.gapsToCome(g)
}

func gapsFollowUp(f *facts, g *gapList) {
	f.gapsClaim(g)
	if f.pending != nil && f.pending.Received.IsZero() {
		g.add(Strengthens, f.appealField(f.pending.Level, "received"), "the day the plan received the appeal (the certified "+
			"mail delivery date or the fax confirmation): the plan's time counts from it")
	}
	if f.sit.Urgent {
		g.need(MustFill, f.c.Denial.AppealsFax, "denial.appeals_fax", "the fax number for appeals, from the denial letter")
	}
}

func gapsCorrectedClaim(f *facts, g *gapList) {
	f.gapsClaim(g)
	g.need(MustFill, f.c.EOBErrors.CPT.Details, "eob_errors.cpt.details", "the wrong procedure code on the EOB and the service actually performed")
}

func gapsAudit(f *facts, g *gapList) {
	f.gapsClaim(g)
	g.need(MustFill, f.c.Claim.DuplicateOf, "claim.duplicate_of", "the claim number the plan says this one duplicates")
	g.need(Strengthens, f.c.EOBErrors.Duplicate.Details, "eob_errors.duplicate.details", "how the two claims differ")
}

func gapsComplaint(f *facts, g *gapList) {
	f.gapsClaim(g)
}

// notes says what goes beside the letter: how to send it, what to sign,
// and what an option means.
func (f *facts) notes(sp spec, d *data) []string {
	c := f.c
	var out []string
	if sp.kind == External && f.sit.Urgent {
		with := ""
		if f.externalBasis() == basisUrgent && !f.anyFiled {
			with = " at the same time as your urgent appeal"
		}
		out = append(out, "Urgent: send it"+with+" by fax, and call, to where the denial letter says expedited external "+
			"review requests go (often the plan itself); never by mail alone. Keep the fax confirmation.")
	} else if sp.to == toAppeals || sp.to == toExternal {
		switch {
		case f.sit.Urgent && sp.kind != ClaimFile:
			fax := "the fax number on the denial letter"
			if x := plain(c.Denial.AppealsFax); x != "" {
				fax = x
			}
			phone := "the appeals number on the denial letter"
			if p := plain(c.Denial.AppealsPhone); p != "" {
				phone = p
			}
			what := "this letter"
			if len(d.Enclosures) > 0 {
				what += " and its enclosures"
			}
			out = append(out, "Urgent: fax "+what+" to "+fax+" and call "+phone+" to say it is on its way; never send an "+
				"urgent appeal by mail alone. Keep the fax confirmation.")
		case sp.kind == Level1 || sp.kind == Level2 || sp.kind == External:
			how := "Send it by certified mail with return receipt, or by fax with a confirmation page"
			if f.ins.Portal.Name != "" && f.ins.Portal.AppealButton != "" && sp.kind != External {
				how += ", or through " + f.ins.Portal.Name + " (\"" + f.ins.Portal.AppealButton + "\")"
			}
			out = append(out, how+". Keep a copy of everything you send, and record the day it was sent and received.")
		}
	}
	if sp.kind == ClaimFile && f.sit.Urgent && f.open {
		fax := "the fax number on the denial letter"
		if x := plain(c.Denial.AppealsFax); x != "" {
			fax = x
		}
		note := "The care is urgent: fax this request to " + fax + " rather than mailing it, and keep the confirmation."
		if !f.anyFiled {
			note += " Send the urgent appeal now, without waiting for the file: the plan's 72 hours start only when it " +
				"receives the appeal."
		}
		out = append(out, note)
	}
	if d.Authorization {
		out = append(out, "Have "+f.member+" sign the representative authorization at the end before you send it.")
	}
	if sp.kind == External && f.externalBasis() == basisNotice {
		out = append(out, "This is an option beside your internal appeal, not instead of it: the rules let you go to external "+
			"review at once when the plan did not follow them ("+f.law.DeemedExhaustion()+"), unless the lapse was minor, did "+
			"not harm you, had a good reason and was not part of a pattern ("+f.law.DeemedException()+"). The reviewer may "+
			"refuse it on that ground, so keep your internal appeal deadline in view.")
	}
	if sp.kind == External && len(f.recipient(sp).address) == 0 {
		out = append(out, f.stateReviewOffice()...)
	}
	if sp.kind == External && f.late != nil {
		out = append(out, "The plan may say its lapse was minor ("+f.law.DeemedException()+"); if the reviewer refuses the "+
			"request on that ground, go on with the internal appeal.")
	}
	oneLevelCoding := sp.kind == Level1 && f.sit.Coding && f.levelsKnown && f.levels == 1
	if (sp.kind == Level1 || sp.kind == Level2) && c.EOBErrors.CPT.Status == workflow.CheckError && !oneLevelCoding {
		out = append(out, "Send the provider the corrected-claim letter as well: this letter says you are asking for a "+
			"corrected claim.")
	}
	if oneLevelCoding {
		out = append(out, "Your plan has one level of internal appeal: ask the provider for a corrected claim first, and send "+
			"this appeal only if the corrected claim does not fix it, or when the deadline comes close.")
	}
	if (sp.kind == Level1 || sp.kind == Level2 || sp.kind == External) && f.sit.EmergencyPriorAuth && f.ins.EmergencyAdmission != "" {
		out = append(out, f.ins.Name+" asks that an admission from the emergency room be reported "+f.ins.EmergencyAdmission+
			", not authorized in advance. If you were admitted and the hospital reported it in time, add the date it did so "+
			"(the hospital or "+f.ins.Name+" can tell you) to \"why the denial is wrong\": it answers a denial for want of "+
			"precertification. If it was reported late, leave it out.")
	}
	if sp.copyProvider && c.Copies.Employer {
		out = append(out, "No copy goes to the employer: this letter carries clinical facts. The plan-documents request is the "+
			"letter for the plan administrator.")
	}
	if sp.kind == Complaint {
		out = append(out, f.complaintRoute()...)
		switch other := f.heldOther(); len(other) {
		case 0:
		case 1:
			out = append(out, "The complaint encloses a document you added under \"other\": "+other[0]+". If it shows "+
				"medical details, leave it out: the complaint needs only the proof of what went wrong.")
		default:
			out = append(out, "The complaint encloses the documents you added under \"other\": "+joinAnd(other)+". Leave "+
				"out any that shows medical details: the complaint needs only the proof of what went wrong.")
		}
	}
	return out
}

// heldOther names the documents in hand filed as "other".
func (f *facts) heldOther() []string {
	var out []string
	for _, doc := range f.c.Documents {
		if doc.Kind == workflow.DocOther && doc.Status == workflow.DocHave {
			out = append(out, docName(doc))
		}
	}
	return out
}

// stateReviewOffice names, beside an external review request with no
// address, the state office that runs the plan's external review when the
// plan uses the state's process: it can say where the request goes.
func (f *facts) stateReviewOffice() []string {
	g := f.regulator()
	if g == nil || g.ReviewOffice == "" || f.law.ExternalReview(g) != "state" {
		return nil
	}
	return []string{"This plan uses the external review process of " + g.State + ", run by the " + g.ReviewOffice + ". Ask " +
		"that office" + phoneIn(g.ReviewPhone) + ", or the plan, where to send the request, and add that address."}
}

// complaintRoute says where the complaint goes: regulators take them
// through their websites and phone lines, and their mailing addresses are
// not in the tables.
func (f *facts) complaintRoute() []string {
	c := f.c
	var out []string
	var ebsa workflow.FederalOffice
	if f.ref != nil {
		ebsa = f.ref.Regulators.Federal(workflow.OfficeEBSA)
	}
	g := f.regulator()
	state := g != nil && (c.Plan.Insured() || c.Plan.Type == workflow.PlanPublicEmployer && c.Plan.Funding != workflow.FundingSelf)
	switch {
	case state && g.ComplaintURL != "":
		out = append(out, "Send it through the "+g.Name+"'s complaint page, "+g.ComplaintURL+" (paste or attach the letter), "+
			"or print it and mail it to the address that page gives.")
	case state:
		out = append(out, "Call the "+g.Name+phoneIn(g.Phone)+" for the address or website that takes complaints, and send it there.")
	case c.Plan.ERISA() && ebsa.URL != "":
		out = append(out, "Send it to EBSA through its online request form, "+ebsa.URL+" (paste or attach the letter), or call "+
			ebsa.Phone+".")
	}
	if state && c.Plan.ERISA() && ebsa.URL != "" {
		out = append(out, "EBSA also takes complaints about an employer plan's ERISA duties, at "+ebsa.URL+" or "+ebsa.Phone+".")
	}
	if g != nil && g.Note != "" && state {
		out = append(out, "About "+g.State+": "+g.Note)
	}
	if c.Plan.Type == workflow.PlanPublicEmployer && c.Plan.Funding != workflow.FundingInsured {
		out = append(out, f.cmsRoute())
	}
	return out
}

// cmsRoute says how a complaint about a self-funded state or local
// government plan reaches CMS (rules.md: CMS takes them), from the
// federal offices table, which gives CMS's page on these plans.
func (f *facts) cmsRoute() string {
	var cms workflow.FederalOffice
	if f.ref != nil {
		cms = f.ref.Regulators.Federal(workflow.OfficeCMS)
	}
	name := "Centers for Medicare & Medicaid Services"
	if cms.Name != "" {
		name = cms.Name
	}
	text := "Send it to the " + name + phoneIn(cms.Phone) + ", which takes complaints about self-funded state and local " +
		"government plans"
	if f.c.Plan.Funding != workflow.FundingSelf {
		text = "If the plan is self-funded, send it instead to the " + name + phoneIn(cms.Phone) + ", which takes " +
			"complaints about self-funded state and local government plans"
	}
	if cms.URL != "" {
		text += "; its page on these plans is " + cms.URL
	}
	return text + "."
}

// phoneIn writes a phone number in parentheses after a name, or nothing.
func phoneIn(phone string) string {
	if phone == "" {
		return ""
	}
	return " (" + phone + ")"
}
