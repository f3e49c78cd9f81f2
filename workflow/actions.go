package workflow

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Action is one thing the person should do now.
type Action struct {
	Text   string // concrete, in plain words, specific to the case
	Due    Date   // when it must be done by; zero when no date applies
	Urgent bool   // do it first: a deadline is close or passed, or the care is urgent
	Field  string // the case-file path of the fact it fills in, when there is one
}

// NextActions returns what the person should do now, most urgent first:
// urgent actions (earliest due date first), then the rest in the order of
// importance below: fixes before deadlines months away. It draws on the facts of the case: the EOB errors found
// (each with the fix the guide gives), the kind of denial, behavioral
// health (Evernorth, parity), an eviCore review, urgent care, the
// documents still needed, what the denial notice leaves out, the open
// deadlines (Deadlines), an overdue decision, the appeal levels left, and a government plan (these rules do
// not apply). A resolved or exhausted case gets what is left to do; a
// closed case nothing.
func NextActions(c *Case, now time.Time) []Action {
	a := &actionList{c: c, today: DateOf(now), covered: map[string]bool{}}
	switch c.Status {
	case StatusClosed:
		return nil
	case StatusResolved:
		a.resolved()
		return a.sorted()
	case StatusExhausted:
		a.exhausted()
		return a.sorted()
	}
	if c.Plan.Type == PlanGovernment {
		a.add(Action{Urgent: true, Field: "plan.type", Text: "Your plan is a government plan (such as Medicare or Medicaid): " +
			"follow the appeal steps and dates printed on the notice you received, and call the number on it if anything " +
			"is unclear. The deadlines and rules in this program are those of employer and individual plans and do not apply to it."})
		a.eobErrors()
		return a.sorted()
	}
	a.urgentCare()
	a.eobErrors()
	a.category()
	a.call()
	a.reviewer()
	a.behavioralHealth()
	a.notice()
	a.deadlines(now)
	a.appealProgress()
	a.missingFacts()
	return a.sorted()
}

type actionList struct {
	c       *Case
	today   Date
	list    []Action
	covered map[string]bool // fields an action already fills
	kinds   map[string]bool // deadline-driven actions present, by kind
}

func (a *actionList) add(act Action) {
	act.Text = SanitizeLine(act.Text)
	a.list = append(a.list, act)
	if act.Field != "" {
		a.covered[act.Field] = true
	}
}

// sorted returns the urgent actions first, by due date (dated before
// undated), then the others in the order they were added.
func (a *actionList) sorted() []Action {
	out := slices.Clone(a.list)
	slices.SortStableFunc(out, func(x, y Action) int {
		if x.Urgent != y.Urgent {
			if x.Urgent {
				return -1
			}
			return 1
		}
		if !x.Urgent {
			return 0
		}
		switch {
		case x.Due.IsZero() && y.Due.IsZero():
			return 0
		case x.Due.IsZero():
			return 1
		case y.Due.IsZero():
			return -1
		}
		return x.Due.Time().Compare(y.Due.Time())
	})
	return out
}

func (a *actionList) provider() string {
	if s := strings.TrimSpace(a.c.Claim.Provider.Name); s != "" {
		return s
	}
	return "your provider"
}

// possessive returns "Name's", or "Names'" for a name ending in s.
func possessive(name string) string {
	if strings.HasSuffix(name, "s") {
		return name + "'"
	}
	return name + "'s"
}

// appealsTo names who the appeal goes to.
func (a *actionList) appealsTo() string {
	switch {
	case a.c.Denial.BehavioralHealth:
		return "Evernorth Behavioral Health"
	case a.c.Denial.Reviewer == ReviewerEviCore:
		return "eviCore"
	}
	return insurerName(a.c)
}

// sendBy says how to send the appeal.
func (a *actionList) sendBy() string {
	switch {
	case a.c.Denial.Reviewer == ReviewerEviCore:
		return "by fax or certified mail to the address on eviCore's denial letter"
	case a.c.Denial.BehavioralHealth:
		return "by certified mail with return receipt, or fax, to the address on the denial letter"
	}
	return "through myCigna (\"Appeal this Decision\") or by certified mail with return receipt"
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// memberServices says whom to call and how.
func (a *actionList) memberServices() string {
	if a.c.Denial.BehavioralHealth {
		return "Evernorth Behavioral Health (the behavioral health number on your ID card)"
	}
	if insurerName(a.c) == "Cigna" {
		return "Cigna Member Services (the number on your ID card, or 1-800-244-6224)"
	}
	return insurerName(a.c) + " Member Services (the number on your ID card)"
}

func (a *actionList) filed(level Level) bool {
	i := lastAppeal(a.c, level)
	return i >= 0 && !a.c.Appeals[i].Filed.IsZero()
}

func (a *actionList) anyFiled() bool {
	for _, ap := range a.c.Appeals {
		if !ap.Filed.IsZero() {
			return true
		}
	}
	return false
}

func pressing(d Deadline) bool {
	return d.State == StateSoon || d.State == StateDueToday || d.State == StateOverdue
}

// deadlines turns each open deadline into an action.
func (a *actionList) deadlines(now time.Time) {
	a.kinds = map[string]bool{}
	c := a.c
	for _, d := range Deadlines(c, now) {
		act := Action{Due: d.Due, Urgent: pressing(d) || c.Denial.Review == ReviewUrgent}
		when := "by " + d.Due.Long()
		if d.State == StateOverdue {
			when = "the deadline was " + d.Due.Long()
		}
		switch d.Kind {
		case DeadlinePeerToPeer:
			act.Urgent = true
			with := insurerName(c) + "'s medical director"
			switch {
			case c.Denial.Reviewer == ReviewerEviCore:
				with = "eviCore's reviewing doctor"
			case c.Denial.BehavioralHealth:
				with = "Evernorth's reviewing doctor"
			}
			act.Text = "Ask the ordering doctor's office today to request a peer-to-peer review with " + with +
				": it is often the fastest way to reverse the denial, and the window is short."
		case DeadlineInternalAppeal:
			if d.Level == Level2 {
				act.Field = "appeals"
				act.Text = "Send your level 2 appeal to " + a.appealsTo() + " now: your level 1 decision letter gives the last date."
				break
			}
			act.Field = "appeals"
			act.Text = fmt.Sprintf("Send your level 1 appeal to %s (%s): %s, and keep a copy.", a.appealsTo(), when, a.sendBy())
			switch {
			case d.State == StateOverdue:
				act.Text = fmt.Sprintf("Send your level 1 appeal to %s today, even though the usual last day was %s: your "+
					"plan may allow longer, so check the date printed on your letter. %s.", a.appealsTo(), d.Due.Long(),
					upperFirst(a.sendBy()))
			case c.Denial.Review == ReviewUrgent:
				act.Text = fmt.Sprintf("Send your expedited appeal to %s as soon as you can (the last day allowed is %s): %s.",
					a.appealsTo(), d.Due.Long(), a.sendBy())
			}
		case DeadlinePlanDecision:
			level := levelName(d.Level)
			if d.State == StateOverdue {
				act.Urgent = true
				act.Text = fmt.Sprintf("%s's decision on your %s was due %s and has not come: send a follow-up letter "+
					"asking for the decision in writing, and keep a copy.", insurerName(c), level, d.Due.Long())
			} else {
				act.Text = fmt.Sprintf("Wait for %s's decision on your %s, due by %s. If it does not come by then, "+
					"send a follow-up letter.", insurerName(c), level, d.Due.Long())
			}
		case DeadlineExternalReview:
			act.Field = "appeals"
			act.Text = fmt.Sprintf("Ask for external review by an Independent Review Organization (%s): the final "+
				"denial letter says how. Its decision binds %s.", when, insurerName(c))
		case DeadlineExternalDecision:
			if d.State == StateOverdue {
				act.Urgent = true
				act.Text = fmt.Sprintf("The external reviewer's decision was due %s: call the number on the external "+
					"review notice and ask for it.", d.Due.Long())
			} else {
				act.Text = fmt.Sprintf("Wait for the external reviewer's decision, due by %s.", d.Due.Long())
			}
		default:
			act.Text = d.Title + " (" + when + ")."
		}
		a.kinds[string(d.Kind)] = true
		a.add(act)
	}
}

func (a *actionList) urgentCare() {
	c := a.c
	if c.Denial.Review != ReviewUrgent || a.anyFiled() {
		return
	}
	a.add(Action{Urgent: true, Text: "Ask for an expedited (urgent) appeal: say it is urgent when you call and write " +
		"EXPEDITED at the top of the appeal. " + a.appealsTo() + " must decide an urgent appeal within 72 hours."})
	if !hasDoc(c, DocHave, DocPhysicianLetter) {
		a.add(Action{Urgent: true, Field: "documents", Text: "Ask your doctor to state in writing that waiting the normal " +
			"time could seriously jeopardize your life, health or ability to regain maximum function."})
	}
	a.add(Action{Text: "You can ask for an expedited external review at the same time as the urgent appeal: ask " +
		insurerName(c) + " how when you call."})
}

var (
	procCodeRe   = regexp.MustCompile(`\b(?:\d{4}[0-9A-Z]|[A-V]\d{4})\b`)
	claimNumRe   = regexp.MustCompile(`\b[A-Z]{1,3}\d{8,}\b`)
	anesthesiaRe = regexp.MustCompile(`^0[01]\d{3}$`)
)

// otherToken returns the first match of re in s that is not one of known.
func otherToken(re *regexp.Regexp, s string, known []string) string {
	for _, m := range re.FindAllString(s, -1) {
		if !slices.Contains(known, m) {
			return m
		}
	}
	return ""
}

func (a *actionList) eobErrors() {
	c := a.c
	e := c.EOBErrors
	dos := "the date of service"
	if !c.Claim.DateOfService.IsZero() {
		dos = c.Claim.DateOfService.Long()
	}
	if e.Network.Status == CheckError {
		npi := strings.TrimSpace(c.Claim.Provider.NPI)
		act := Action{Field: "calls", Text: fmt.Sprintf("Call %s with %s NPI number %s and ask them to verify the provider's network "+
			"status for %s and reprocess the claim as in network.", a.memberServices(), possessive(a.provider()), npi, dos)}
		if npi == "" {
			act.Field = "claim.provider.npi"
			act.Text = fmt.Sprintf("Ask %s for their NPI number, then call %s with it and ask them to verify the "+
				"provider's network status for %s and reprocess the claim as in network.", a.provider(), a.memberServices(), dos)
		}
		a.add(act)
	}
	if e.Network.Status == CheckError || c.Denial.Category == CategoryNetwork {
		a.noSurprises()
	}
	if e.CPT.Status == CheckError {
		var billed []string
		for _, p := range c.Claim.Procedures {
			billed = append(billed, p.Code)
		}
		code := otherToken(procCodeRe, e.CPT.Details, billed)
		with := "the procedure code for what was actually done"
		if code != "" {
			with = "CPT " + code
			if code[0] >= 'A' && code[0] <= 'Z' {
				with = "code " + code
			}
		}
		a.add(Action{Field: "calls", Text: fmt.Sprintf("Call %s billing office and ask for a corrected claim with %s: a corrected "+
			"claim fixes a coding error without an appeal.", possessive(a.provider()), with)})
	}
	if e.Duplicate.Status == CheckError {
		claim := strings.TrimSpace(c.Claim.Number)
		other := otherToken(claimNumRe, e.Duplicate.Details, []string{claim})
		both := "both claim numbers"
		switch {
		case claim != "" && other != "":
			both = "both claim numbers (" + claim + " and " + other + ")"
		case claim != "":
			both = "both claim numbers (" + claim + " and the claim it was matched to)"
		}
		a.add(Action{Field: "calls", Text: fmt.Sprintf("Call %s with %s and ask for a claim audit: the claim was processed as a duplicate.",
			a.memberServices(), both)})
	}
	if e.CostShare.Status == CheckError {
		a.costShare()
	}
	if e.PriorAuth.Status == CheckError {
		n := strings.TrimSpace(c.Denial.PriorAuth.Number)
		if n == "" {
			a.add(Action{Field: "denial.prior_auth.number", Text: "Find the prior authorization number on " + insurerName(c) +
				"'s approval letter and add it to the case: the appeal quotes it."})
			return
		}
		approved := ""
		if !c.Denial.PriorAuth.Approved.IsZero() {
			approved = " (approved " + c.Denial.PriorAuth.Approved.Long() + ")"
		}
		a.add(Action{Text: fmt.Sprintf("In your appeal, quote prior authorization number %s%s and attach %s's approval letter.",
			n, approved, insurerName(c))})
	}
}

// costShare asks the person to dispute the cost-sharing math, with the
// figures when the plan's terms are known (CheckCostShare).
func (a *actionList) costShare() {
	c := a.c
	if r := CheckCostShare(c); r.Complete && r.Difference.Cents() > 0 {
		a.add(Action{Field: "cost_share", Text: fmt.Sprintf("Dispute the math in writing: by your plan's terms you should "+
			"owe %s, but the EOB says %s, %s too much. Send the figures from your Summary of Benefits and Coverage with "+
			"the letter.", r.Expected.Dollars(), r.Billed.Dollars(), r.Difference.Dollars())})
		return
	}
	owes := "what the EOB says you owe"
	if c.Claim.MemberOwes.Known() {
		owes = "the " + c.Claim.MemberOwes.Dollars() + " the EOB says you owe"
	}
	a.add(Action{Field: "cost_share", Text: fmt.Sprintf("Compare your Summary of Benefits and Coverage with the EOB "+
		"(deductible, coinsurance, copay, out-of-pocket maximum) and dispute %s in writing, showing the correct math.", owes)})
}

// noSurprises tells the person about the No Surprises Act for an
// out-of-network bill.
func (a *actionList) noSurprises() {
	who := "an out-of-network doctor (such as an anesthesiologist or radiologist) at an in-network hospital or facility"
	for _, p := range a.c.Claim.Procedures {
		if anesthesiaRe.MatchString(p.Code) {
			who = "an out-of-network anesthesiologist at an in-network hospital or facility"
			break
		}
	}
	a.add(Action{Text: "If you were treated in an emergency, or by " + who + ", you owe only your in-network share " +
		"(No Surprises Act). Say so when you call and in writing, and ask the provider to hold the bill while it is sorted out."})
}

// call asks for the step 3 call when none is logged.
func (a *actionList) call() {
	c := a.c
	if c.Step > StepCall || len(c.Calls) > 0 || len(c.Messages) > 0 || a.anyFiled() || a.covered["calls"] {
		return
	}
	who := a.memberServices()
	if c.Denial.Reviewer == ReviewerEviCore {
		who = "eviCore (the number on the denial letter)"
	}
	a.add(Action{Field: "calls", Text: "Call " + who + " and ask whether the denial can be fixed without an appeal, " +
		"and whether a peer-to-peer review is possible. Write down the date, the name of the person and the reference number."})
}

func (a *actionList) reviewer() {
	if a.c.Denial.Reviewer != ReviewerEviCore || a.filed(Level1) {
		return
	}
	a.add(Action{Text: "Appeal through eviCore first, not through Cigna's general appeals unit: eviCore made this " +
		"decision. Use the appeal address or fax number printed on eviCore's denial letter."})
}

func (a *actionList) behavioralHealth() {
	c := a.c
	if !c.Denial.BehavioralHealth {
		return
	}
	if !a.filed(Level1) {
		a.add(Action{Text: "File your appeal with Evernorth Behavioral Health (formerly Cigna Behavioral Health), not with " +
			"Cigna's general Member Services: call the behavioral health number on your ID card for the appeal address."})
	}
	asked := false
	for _, d := range c.Documents {
		desc := strings.ToLower(d.Description)
		if strings.Contains(desc, "parity") || strings.Contains(desc, "comparative analysis") {
			asked = true
		}
	}
	if !asked {
		a.add(Action{Field: "documents", Text: "Ask Cigna in writing for the plan's comparative analysis of its limits on " +
			"mental health and substance use care. Under the Mental Health Parity Act these limits may be no stricter " +
			"than for medical care, and the plan must give the analysis on request."})
	}
	if c.Denial.BHLevel != BHUnknown && c.Denial.BHLevel != BHOutpatient && strings.TrimSpace(c.Denial.Policy.Number) == "" {
		a.add(Action{Field: "denial.policy.number", Text: "Ask Evernorth which level-of-care criteria it used (MCG for " +
			"mental health, ASAM for substance use; LOCUS or CALOCUS in California and New York) and for a copy."})
	}
}

func (a *actionList) category() {
	c := a.c
	filed := a.filed(Level1)
	switch c.Denial.Category {
	case CategoryMedicalNecessity, CategoryExperimental:
		a.clinical(filed)
	case CategoryPriorAuth:
		if c.EOBErrors.PriorAuth.Status != CheckError && strings.TrimSpace(c.Denial.PriorAuth.Number) == "" {
			a.add(Action{Field: "denial.prior_auth.number", Text: "Ask " + a.provider() + " whether they got prior " +
				"authorization, and for its number. If this was emergency care, say so in the appeal: emergency care " +
				"needs no prior authorization."})
		}
	case CategoryNotCovered:
		if !filed {
			a.add(Action{Text: "Find the exclusion the denial rests on in your plan document (the Summary Plan " +
				"Description or certificate of coverage) and quote its exact words in your appeal."})
		}
	case CategoryCoding:
		if c.EOBErrors.CPT.Status != CheckError {
			a.add(Action{Field: "calls", Text: "Ask " + possessive(a.provider()) + " billing office to check the codes on the claim and send a " +
				"corrected claim if they were wrong: coding denials are usually fixed that way."})
		}
	case CategoryDuplicate:
		if c.EOBErrors.Duplicate.Status != CheckError {
			a.add(Action{Field: "calls", Text: "Call " + a.memberServices() + " and ask which claim this one was matched to; if the " +
				"services were different, ask for a claim audit."})
		}
	case CategoryCostShare:
		if c.EOBErrors.CostShare.Status != CheckError {
			a.costShare()
		}
	case CategoryEligibility:
		dos := "the date of service"
		if !c.Claim.DateOfService.IsZero() {
			dos = c.Claim.DateOfService.Long()
		}
		a.add(Action{Field: "calls", Text: "Call " + a.memberServices() + " and ask them to check your coverage dates for " + dos +
			". If you were covered (for example under COBRA), send proof; if another plan should pay first, ask how " +
			"to update your coordination of benefits."})
	}
}

func (a *actionList) clinical(filed bool) {
	c := a.c
	policy := strings.TrimSpace(c.Denial.Policy.Number)
	if policy == "" {
		a.add(Action{Field: "denial.policy.number", Text: "Find the coverage policy the denial letter names, and add its " +
			"number: Cigna publishes its coverage policies on cigna.com, and the appeal answers its criteria one by one."})
		policy = "the coverage policy"
	} else {
		policy = "policy " + policy
	}
	for i, cr := range c.Denial.Policy.Criteria {
		if strings.TrimSpace(cr.Evidence) != "" {
			continue
		}
		id := strings.TrimSpace(cr.ID)
		if id == "" {
			id = fmt.Sprint(i + 1)
		}
		a.add(Action{Field: fmt.Sprintf("denial.policy.criteria[%d].evidence", i), Text: fmt.Sprintf("Find the record "+
			"that shows criterion %s of %s is met, and note it in the case.", id, policy)})
	}
	if filed {
		return
	}
	switch {
	case !hasDoc(c, DocRequested, DocPhysicianLetter):
		a.add(Action{Field: "documents", Text: "Ask your doctor for a letter that addresses each criterion of " + policy +
			" by name, with the clinical findings that meet it: not just that the care was needed."})
	case !hasDoc(c, DocHave, DocPhysicianLetter):
		a.add(Action{Field: "documents", Text: "Follow up with your doctor's office on the letter you asked for: the " +
			"appeal should include it."})
	}
}

// notice names the elements the denial notice leaves out, which the
// appeal should name, and which may open external review at once.
func (a *actionList) notice() {
	missing := MissingNoticeElements(a.c)
	if len(missing) == 0 || a.filed(LevelExternal) {
		return
	}
	var what []string
	for _, e := range missing {
		what = append(what, e.Text)
	}
	a.add(Action{Field: "denial.notice", Text: fmt.Sprintf("The denial notice leaves out what the rules require: %s. "+
		"Name each in your appeal and ask %s to send it. Because of this you may be able to ask for external review "+
		"right away (\"deemed exhaustion\").", strings.Join(what, "; "), insurerName(a.c))})
}

// appealProgress covers filing and tracking when no deadline did.
func (a *actionList) appealProgress() {
	c := a.c
	if c.Step >= StepGather && !a.filed(Level1) && !a.kinds[string(DeadlineInternalAppeal)] && !a.covered["appeals"] {
		a.add(Action{Field: "appeals", Text: "Send your level 1 appeal to " + a.appealsTo() + ": " + a.sendBy() +
			", and keep a copy. Send it within 180 days of the day you got the denial; check the date printed on your letter."})
	}
	if n := len(c.Appeals); n > 0 {
		i := n - 1
		ap := c.Appeals[i]
		if ap.Decision == DecisionPending && !ap.Filed.IsZero() && strings.TrimSpace(ap.CaseNumber) == "" &&
			ap.Filed.DaysUntil(a.today) >= 10 {
			a.add(Action{Field: fmt.Sprintf("appeals[%d].case_number", i), Text: fmt.Sprintf("No acknowledgment of your "+
				"%s sent %s? Call %s to ask whether it arrived, or send a follow-up letter, and note the case number.",
				levelName(ap.Level), ap.Filed.Long(), a.memberServices())})
		}
	}
	l1 := lastAppeal(c, Level1)
	if l1 >= 0 && c.Appeals[l1].Decision == DecisionUpheld && c.Plan.InternalLevels == 0 &&
		c.Plan.Type != PlanIndividual && lastAppeal(c, Level2) < 0 && lastAppeal(c, LevelExternal) < 0 {
		a.add(Action{Field: "plan.internal_levels", Text: "Ask " + insurerName(c) + " whether your plan has a second " +
			"level of appeal: your level 1 decision letter should say. If it has none, the next step is external review."})
	}
}

// missingFacts adds, for the current step, the facts still missing that
// no action above fills.
func (a *actionList) missingFacts() {
	if a.c.Step >= StepEscalate {
		return
	}
	for _, m := range StepMissing(a.c, a.c.Step) {
		if a.covered[m.Field] {
			continue
		}
		a.add(Action{Field: m.Field, Text: "Add to the case: " + m.Label + "."})
	}
}

func (a *actionList) resolved() {
	how := strings.TrimSpace(a.c.Resolution)
	text := "This case is resolved"
	if how != "" {
		text += ": " + strings.TrimRight(how, ".")
	}
	a.add(Action{Text: text + ". Keep the corrected EOB or decision letter, and check that " + possessive(a.provider()) +
		" next bill matches it. If they bill you more, send them a copy."})
}

func (a *actionList) exhausted() {
	c := a.c
	var regulator string
	switch c.Plan.Type {
	case PlanEmployerSelfFunded:
		regulator = "the U.S. Department of Labor, Employee Benefits Security Administration (1-866-444-3272)"
	case PlanEmployerFullyInsured, PlanIndividual:
		regulator = "your state insurance department"
		if s := strings.TrimSpace(c.Plan.State); s != "" {
			regulator = "the " + s + " state insurance department"
		}
	default:
		regulator = "the U.S. Department of Labor, Employee Benefits Security Administration (1-866-444-3272) for a " +
			"self-funded employer plan, or your state insurance department for other plans"
	}
	if i := lastAppeal(c, LevelExternal); i >= 0 && c.Appeals[i].Decision == DecisionPartlyOverturned {
		a.add(Action{Text: "The external review overturned part of the denial: check that " + insurerName(c) +
			" pays that part, and call if the new EOB does not show it."})
	}
	a.add(Action{Text: "The appeals are used up. You can file a complaint with " + regulator + ", especially if " +
		insurerName(c) + " missed deadlines or left things out of its notices."})
	text := "Talk to a lawyer or a patient advocate about your options."
	if c.Plan.Type == PlanEmployerSelfFunded || c.Plan.Type == PlanEmployerFullyInsured {
		text = "Talk to a lawyer or a patient advocate about your options: for an employer plan, ERISA section 502(a) " +
			"lets you sue after the appeals."
	}
	a.add(Action{Text: text})
}
