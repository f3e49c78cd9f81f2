package workflow

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
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
// importance below: fixes before deadlines months away. It draws on the
// facts of the case: the EOB errors found (each with the fix the guide
// gives), the situations the facts support (SituationOf: emergency care,
// a surprise bill, a network error, urgent care, behavioral health...),
// the kind of denial, a delegated review, the documents still needed, what
// the denial notice leaves out (early external review, as an option beside
// the appeal), the running deadlines (Deadlines), a missed plan decision
// (deemed exhaustion), a peer-to-peer review for care still to come, the
// appeal levels left and the dates still to enter, and plans these rules do
// not cover (Medicare and other government programs). A resolved or
// exhausted case gets what is left to do; a closed case only a running
// external review deadline.
//
// The insurer's names, lines and portal come from its profile in ref, and
// the regulators from ref's tables (ref may be nil: the case's own insurer
// name is used, and nothing else).
func NextActions(c *Case, ref *Reference, now time.Time) []Action {
	a := &actionList{c: c, ref: ref, ins: ref.Insurer(c.Insurer), sit: SituationOf(c), today: DateOf(now),
		covered: map[string]bool{}, kinds: map[DeadlineKind]bool{}}
	switch c.Status {
	case StatusClosed, StatusResolved, StatusExhausted:
		if c.Status == StatusResolved {
			a.resolved()
		}
		if c.Status == StatusExhausted {
			a.exhausted()
		}
		a.deadlines(now)
		return a.sorted()
	}
	switch c.Plan.Type {
	case PlanGovernment:
		a.add(Action{Urgent: true, Field: "plan.type", Text: "Your plan is a government program (Medicare, Medicaid, TRICARE, " +
			"the VA or FEHB): follow the appeal steps and dates printed on the notice you received, and call the number on it " +
			"if anything is unclear. The deadlines and letters of this program are those of employer and individual plans " +
			"and do not apply to it."})
		a.eobErrors()
		return a.sorted()
	case PlanMedicareAdvantage:
		a.medicareAdvantage()
		a.deadlines(now)
		a.eobErrors()
		return a.sorted()
	}
	a.urgentCare()
	a.emergency()
	a.peerToPeer()
	a.eobErrors()
	a.surpriseBill()
	a.category()
	a.call()
	a.reviewer()
	a.behavioralHealth()
	a.late(now)
	a.notice()
	a.deadlines(now)
	a.undated()
	a.appealProgress()
	a.court()
	a.missingFacts()
	return a.sorted()
}

type actionList struct {
	c       *Case
	ref     *Reference
	ins     *Insurer
	sit     Situation
	today   Date
	list    []Action
	covered map[string]bool       // fields an action already fills
	kinds   map[DeadlineKind]bool // deadline-driven actions present, by kind
	isLate  bool                  // a missed decision was acted on
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

// doctor names the treating clinician: the physician of the case, or
// "your doctor".
func (a *actionList) doctor() string {
	if s := strings.TrimSpace(a.c.Physician.Name); s != "" {
		return s
	}
	return "your doctor"
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
	return a.ins.ReviewerName(a.c)
}

// sendBy says how to send the appeal: by phone and fax when urgent,
// never by mail alone.
func (a *actionList) sendBy() string {
	c := a.c
	switch {
	case a.sit.Urgent:
		return "by fax to " + a.appealsFax() + " and by phone, never by mail alone"
	case c.Denial.Reviewer == ReviewerDelegate:
		return "by fax or certified mail to the address on " + possessive(a.ins.ReviewerName(c)) + " denial letter"
	case c.Denial.BehavioralHealth:
		return "by certified mail with return receipt, or fax, to the address on the denial letter"
	case a.ins.Portal.Name != "" && a.ins.Portal.AppealButton != "":
		return "through " + a.ins.Portal.Name + " (\"" + a.ins.Portal.AppealButton + "\") or by certified mail with return receipt"
	}
	return "by certified mail with return receipt, or fax, to the address on the denial letter"
}

// appealsFax and appealsPhone are the numbers for appeals from the denial
// letter, or where to find them.
func (a *actionList) appealsFax() string {
	if f := strings.TrimSpace(a.c.Denial.AppealsFax); f != "" {
		return f
	}
	return "the fax number on the denial letter"
}

func (a *actionList) appealsPhone() string {
	if p := strings.TrimSpace(a.c.Denial.AppealsPhone); p != "" {
		return p
	}
	return "the appeals number on the denial letter"
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// memberServices says whom to call and how.
func (a *actionList) memberServices() string {
	if a.c.Denial.BehavioralHealth && a.ins.BehavioralHealth.Name != "" {
		return a.ins.BehavioralHealth.Name + " (" + a.ins.BehavioralHealth.Phone + ")"
	}
	return a.ins.MemberServicesName()
}

// appealsLine says whom to call about an appeal: the reviewer at the
// appeals number the denial letter gives, a delegate at its own line, or
// Member Services.
func (a *actionList) appealsLine() string {
	who := a.ins.ReviewerName(a.c)
	if p := strings.TrimSpace(a.c.Denial.AppealsPhone); p != "" {
		return who + " at " + p
	}
	if a.c.Denial.Reviewer == ReviewerDelegate {
		return who + " (the number on the denial letter)"
	}
	return a.memberServices()
}

// The parties of the call log: the plan's own lines (its Member Services,
// its behavioral health arm, the company reviewing for it), and its
// Member Services and behavioral health lines alone.
var (
	planLines    = []CallWith{CallMemberServices, CallBehavioralHealth, CallDelegate}
	insurerLines = []CallWith{CallMemberServices, CallBehavioralHealth}
)

// calledSince returns the last call logged with one of the parties on or
// after since (any call with them when since is not known): a call the
// actions would ask for that the person has already made.
func (a *actionList) calledSince(since Date, with []CallWith) (Call, bool) {
	var last Call
	found := false
	for _, cl := range a.c.Calls {
		if !slices.Contains(with, cl.With) || !since.IsZero() && !cl.At.IsZero() && DateOf(cl.At).Before(since) {
			continue
		}
		if !found || cl.At.After(last.At) {
			last, found = cl, true
		}
	}
	return last, found
}

// sinceDenial is the day from which a call can be about the denial: the
// earliest date of the denial letter or the EOB, printed or received (the
// person may see it online before the mail brings it), else the date of
// service.
func (a *actionList) sinceDenial() Date {
	c := a.c
	var first Date
	for _, d := range []Date{c.Denial.LetterDate, c.Denial.Received, c.EOB.Date, c.EOB.Received} {
		if !d.IsZero() && (first.IsZero() || d.Before(first)) {
			first = d
		}
	}
	if first.IsZero() {
		return c.Claim.DateOfService
	}
	return first
}

func (a *actionList) filed(level Level) bool {
	ap, ok := LastAppeal(a.c, level)
	return ok && !ap.Filed.IsZero()
}

func (a *actionList) anyFiled() bool {
	return slices.ContainsFunc(a.c.Appeals, func(ap Appeal) bool { return !ap.Filed.IsZero() })
}

func pressing(d Deadline) bool {
	return d.State == StateSoon || d.State == StateDueToday || d.State == StateOverdue
}

// deadlines turns each running deadline into an action.
func (a *actionList) deadlines(now time.Time) {
	c := a.c
	for _, d := range Deadlines(c, now) {
		act := Action{Due: d.Due, Urgent: pressing(d) || a.sit.Urgent}
		when := "by " + d.Due.Long()
		if d.State == StateOverdue {
			when = "the deadline was " + d.Due.Long()
		}
		switch d.Kind {
		case DeadlineInternalAppeal:
			act.Field = "appeals"
			switch {
			case d.Level == Level2:
				act.Text = fmt.Sprintf("Send your level 2 appeal to %s %s (the date on your level 1 decision letter): %s, and keep a copy.",
					a.appealsTo(), when, a.sendBy())
			case d.State == StateOverdue:
				act.Text = fmt.Sprintf("Send your level 1 appeal to %s today, even though the usual last day was %s: your "+
					"plan may allow longer, so check the date printed on your letter. %s.", a.appealsTo(), d.Due.Long(),
					upperFirst(a.sendBy()))
			case a.sit.Urgent:
				act.Text = fmt.Sprintf("Send your expedited (urgent) appeal to %s now: call %s and say it is urgent, then "+
					"fax the written appeal marked EXPEDITED to %s; never send an urgent appeal by mail alone. The plan must "+
					"decide it within 72 hours. (The last day allowed to file is %s.)", a.appealsTo(), a.appealsPhone(),
					a.appealsFax(), d.Due.Long())
			case !d.Target.IsZero():
				act.Text = fmt.Sprintf("Send your level 1 appeal to %s by %s (180 days from the date printed on the notice; "+
					"the legal last day is %s): %s, and keep a copy.", a.appealsTo(), d.Target.Long(), d.Due.Long(), a.sendBy())
			default:
				act.Text = fmt.Sprintf("Send your level 1 appeal to %s (%s): %s, and keep a copy.", a.appealsTo(), when, a.sendBy())
			}
		case DeadlinePlanDecision:
			level := d.Level.Label()
			switch {
			case d.State != StateOverdue:
				act.Text = fmt.Sprintf("Wait for the decision on your %s, due by %s. If it does not come by then, "+
					"send a follow-up letter.", level, d.Due.Long())
			case a.isLate:
				continue
			default:
				act.Urgent = true
				act.Text = fmt.Sprintf("The decision on your %s may be late (due %s on the shorter reading of your plan's "+
					"time): send a follow-up letter asking for it in writing, and keep a copy.", level, d.Due.Long())
			}
		case DeadlineExternalReview:
			act.Field = "appeals"
			act.Text = fmt.Sprintf("Ask for external review by an independent review organization (%s): the final "+
				"denial letter says how. Its decision binds %s.", when, a.ins.Name)
			if c.Status == StatusClosed || c.Status == StatusExhausted {
				act.Text = fmt.Sprintf("You can still ask for external review by an independent review organization (%s): "+
					"the final denial letter says how.", when)
			}
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
		a.kinds[d.Kind] = true
		a.add(act)
	}
}

// urgentCare asks for what an urgent appeal needs (the fax number, the
// doctor's statement) and offers an expedited external review beside it;
// the appeal itself is the deadline's action.
func (a *actionList) urgentCare() {
	c := a.c
	if !a.sit.Urgent || a.anyFiled() {
		return
	}
	if c.Denial.AppealsFax == "" {
		a.add(Action{Urgent: true, Field: "denial.appeals_fax", Text: "Find the fax number for appeals on the denial letter " +
			"(or ask for it when you call) and add it: the urgent appeal goes by fax."})
	}
	if !hasDoc(c, DocHave, DocUrgencyStatement) {
		a.add(Action{Urgent: true, Field: "documents", Text: "Ask " + a.doctor() + " to state in writing that waiting the normal " +
			"time could seriously jeopardize the patient's life, health or ability to regain maximum function: when a " +
			"doctor says so, the plan must treat the appeal as urgent."})
	}
	a.add(Action{Text: "You can ask for an expedited external review at the same time as the urgent appeal: ask " +
		a.ins.Name + " how when you call."})
}

// emergency reminds the person that emergency care needs no prior
// authorization and is covered in network whatever the provider.
func (a *actionList) emergency() {
	c := a.c
	if !a.sit.Emergency || a.filed(Level1) {
		return
	}
	text := "This was emergency care: a plan that covers emergencies must cover it without prior authorization and at the " +
		"in-network level, whatever the provider's network, judged by the symptoms a prudent layperson would think needed " +
		"immediate care, not by the final diagnosis. Put that first in your appeal"
	if strings.TrimSpace(c.Claim.Symptoms) == "" {
		a.add(Action{Urgent: true, Field: "claim.symptoms", Text: text + ", and add the symptoms that made you seek care."})
		return
	}
	a.add(Action{Urgent: a.sit.EmergencyPriorAuth, Text: text + "."})
}

// peerToPeer suggests a peer-to-peer review for a denial of care still to
// come or going on, within about 14 days of the denial, to the treating
// clinician: payers set their own short windows.
func (a *actionList) peerToPeer() {
	c := a.c
	if !a.sit.BeforeCare || a.anyFiled() || !(a.sit.MedicalNecessity || a.sit.Experimental ||
		c.Denial.Category == CategoryPriorAuth || c.Denial.Reviewer == ReviewerDelegate) {
		return
	}
	if start := denialStart(c); !start.IsZero() && start.DaysUntil(a.today) > 14 {
		return
	}
	a.add(Action{Urgent: true, Text: "Ask " + a.doctor() + " to request a peer-to-peer review with " +
		possessive(a.ins.ReviewerName(c)) + " reviewing doctor now: a talk between the doctors can reverse a denial of care " +
		"still to come, and the plan's window for it is short (often days). If the window has closed, go on with the written appeal."})
}

// medicareAdvantage says what applies to a Medicare Advantage plan.
func (a *actionList) medicareAdvantage() {
	text := "Your plan is a Medicare Advantage plan: Medicare's rules apply, not those of employer and individual plans. Ask " +
		"the plan for reconsideration by the date your notice gives (65 days from the notice), as the notice says; " +
		"1-800-MEDICARE (1-800-633-4227) can help."
	if a.ins.Medicare != "" {
		text += " " + a.ins.Medicare
	}
	a.add(Action{Urgent: true, Field: "plan.type", Text: text})
}

var (
	procCodeRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`\b(?:\d{4}[0-9A-Z]|[A-V]\d{4})\b`)
	})
	claimNumRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`\b[A-Z]{1,3}\d{8,}\b`)
	})
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
	// A call the person has logged since the denial is the call these
	// actions ask for: it is not asked again, and what comes after it is
	// the same request in writing.
	since := a.sinceDenial()
	if _, called := a.calledSince(since, insurerLines); a.sit.NetworkEOBError && !called {
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
	if e.CPT.Status == CheckError {
		var billed []string
		for _, p := range c.Claim.Procedures {
			billed = append(billed, p.Code)
		}
		code := otherToken(procCodeRe(), e.CPT.Details, billed)
		with := "the procedure code for what was actually done"
		if code != "" {
			with = "CPT " + code
			if code[0] >= 'A' && code[0] <= 'Z' {
				with = "code " + code
			}
		}
		if call, called := a.calledSince(since, []CallWith{CallProviderBilling}); called {
			a.add(Action{Text: fmt.Sprintf("You called %s billing office on %s. If no corrected claim has gone to %s since, "+
				"send them the corrected-claim request letter asking for %s: a written request leaves a record.",
				possessive(a.provider()), DateOf(call.At).Long(), a.ins.Name, with)})
		} else {
			a.add(Action{Field: "calls", Text: fmt.Sprintf("Call %s billing office and ask for a corrected claim with %s: a "+
				"corrected claim fixes a coding error without an appeal.", possessive(a.provider()), with)})
		}
	}
	if e.Duplicate.Status == CheckError {
		claim := strings.TrimSpace(c.Claim.Number)
		other := strings.TrimSpace(c.Claim.DuplicateOf)
		if other == "" {
			other = otherToken(claimNumRe(), e.Duplicate.Details, []string{claim})
		}
		both := "both claim numbers"
		switch {
		case claim != "" && other != "":
			both = "both claim numbers (" + claim + " and " + other + ")"
		case claim != "":
			both = "both claim numbers (" + claim + " and the claim it was matched to)"
		}
		if call, called := a.calledSince(since, insurerLines); called {
			a.add(a.auditInWriting(call, both))
		} else {
			a.add(Action{Field: "calls", Text: fmt.Sprintf("Call %s with %s and ask for a claim audit: the claim was processed "+
				"as a duplicate.", a.memberServices(), both)})
		}
	}
	if e.CostShare.Status == CheckError {
		a.costShare()
	}
	if e.PriorAuth.Status == CheckError {
		n := strings.TrimSpace(c.Denial.PriorAuth.Number)
		if n == "" {
			a.add(Action{Field: "denial.prior_auth.number", Text: "Find the prior authorization number on " + possessive(a.ins.Name) +
				" approval letter and add it to the case: the appeal quotes it."})
			return
		}
		approved := ""
		if !c.Denial.PriorAuth.Approved.IsZero() {
			approved = " (approved " + c.Denial.PriorAuth.Approved.Long() + ")"
		}
		a.add(Action{Text: fmt.Sprintf("In your appeal, quote prior authorization number %s%s and attach %s approval letter.",
			n, approved, possessive(a.ins.Name))})
	}
}

// auditInWriting follows a call about a claim denied as a duplicate: the
// audit request in writing.
func (a *actionList) auditInWriting(call Call, both string) Action {
	return Action{Text: fmt.Sprintf("You called %s on %s about the claim denied as a duplicate. If it has not been "+
		"reprocessed since, send the claim audit request letter with %s: a written request leaves a record.",
		a.ins.Name, DateOf(call.At).Long(), both)}
}

// costShare asks the person to dispute the cost-sharing math, with the
// figures when the plan's terms are known (CheckCostShare). Once an appeal
// is sent, it was the dispute in writing: it carries the recomputation,
// and the documents sent with it the figures.
func (a *actionList) costShare() {
	c := a.c
	if a.anyFiled() {
		return
	}
	if r := CheckCostShare(c); r.Complete && r.Difference.Cents() > 0 {
		should, over := r.Expected.Dollars(), r.Difference.Dollars()
		if r.ExpectedHigh.Known() && r.ExpectedHigh != r.Expected {
			should = r.Expected.Dollars() + " to " + r.ExpectedHigh.Dollars() + " (depending on whether the copay covers the whole claim)"
			over = "up to " + over
			if r.Billed.Cents() > r.ExpectedHigh.Cents() {
				over = "at least " + Cents(r.Billed.Cents()-r.ExpectedHigh.Cents()).Dollars()
			}
		}
		a.add(Action{Field: "cost_share", Text: fmt.Sprintf("Dispute the math in writing: by your plan's terms you should "+
			"owe %s, but the EOB says %s, %s too much. Send the figures from your Summary of Benefits and Coverage with "+
			"the letter.", should, r.Billed.Dollars(), over)})
		return
	}
	owes := "what the EOB says you owe"
	if c.Claim.MemberOwes.Known() {
		owes = "the " + c.Claim.MemberOwes.Dollars() + " the EOB says you owe"
	}
	a.add(Action{Field: "cost_share", Text: fmt.Sprintf("Compare your Summary of Benefits and Coverage with the EOB "+
		"(deductible, coinsurance, copay, out-of-pocket maximum) and dispute %s in writing, showing the correct math.", owes)})
}

// surpriseBill tells the person about the No Surprises Act when the facts
// support it, or that it may apply when the provider's specialty is not
// known.
func (a *actionList) surpriseBill() {
	c := a.c
	help := ""
	if a.ref != nil {
		if o := a.ref.Regulators.Federal(OfficeNoSurprises); o.Phone != "" {
			help = " The federal " + o.Name + " (" + o.Phone + ") can help."
		}
	}
	state := ""
	if c.Plan.Insured() {
		state = " Your state may have a surprise-billing law too: " + a.stateRegulator() + " can say."
	}
	switch {
	case a.sit.SurpriseBill:
		a.add(Action{Urgent: true, Text: "The No Surprises Act protects this bill: you owe only your in-network cost sharing, " +
			"counted toward your in-network deductible and out-of-pocket maximum, and " + a.provider() + " may not bill you " +
			"the rest. Say so in your appeal, and send " + a.provider() + " the letter asking it to hold the bill." + help + state})
	case a.sit.SurpriseUnsure:
		a.add(Action{Field: "claim.provider.specialty", Text: "An out-of-network provider at an in-network facility: add what " +
			a.provider() + " does (anesthesiology, radiology...). For many specialties the No Surprises Act limits you to " +
			"in-network cost sharing." + help})
	case a.sit.DirectoryError:
		a.add(Action{Text: "The plan told you " + a.provider() + " was in network before the care: you owe no more than " +
			"in-network cost sharing. Keep the proof (the directory page, or the call's date and reference) and put it in " +
			"your appeal." + help})
	}
}

// call asks for the step 3 call when none is logged.
func (a *actionList) call() {
	c := a.c
	if c.Step > StepCall || len(c.Calls) > 0 || len(c.Messages) > 0 || a.anyFiled() || a.covered["calls"] {
		return
	}
	who := a.memberServices()
	if c.Denial.Reviewer == ReviewerDelegate {
		who = a.ins.ReviewerName(c) + " (the number on the denial letter)"
	}
	a.add(Action{Field: "calls", Text: "Call " + who + " and ask whether the denial can be fixed without an appeal. " +
		"Write down the date, the name of the person and the reference number."})
}

func (a *actionList) reviewer() {
	if a.c.Denial.Reviewer != ReviewerDelegate || a.filed(Level1) {
		return
	}
	who := a.ins.ReviewerName(a.c)
	a.add(Action{Text: "Appeal through " + who + " first, not through " + possessive(a.ins.Name) + " general appeals unit: " +
		who + " made this decision. Use the appeal address or fax number printed on " + possessive(who) + " denial letter."})
}

func (a *actionList) behavioralHealth() {
	c := a.c
	if !c.Denial.BehavioralHealth {
		return
	}
	bh := a.ins.BehavioralHealth
	if !a.filed(Level1) && bh.Name != "" {
		name := bh.Name
		if bh.Formerly != "" {
			name += " (formerly " + bh.Formerly + ")"
		}
		a.add(Action{Text: "File your appeal with " + name + ", not with " + possessive(a.ins.Name) +
			" general Member Services: call " + bh.Phone + " for the appeal address."})
	}
	if !a.parityAsked() {
		a.add(Action{Field: "documents", Text: "Ask " + a.ins.ReviewerName(c) + " in writing for the medical-necessity criteria it used and " +
			"the plan's comparative analysis of its limits on mental health and substance use care (the claim-file letter " +
			"asks for both): under the parity law these limits may be no stricter than for comparable medical care."})
	}
	if c.Denial.BHLevel != BHUnknown && c.Denial.BHLevel != BHOutpatient && strings.TrimSpace(c.Denial.Policy.Number) == "" &&
		strings.TrimSpace(c.Denial.Policy.Title) == "" && a.namedCriteria() == "" {
		text := "Ask " + a.ins.ReviewerName(c) + " which level-of-care criteria it used, and for a copy"
		if bh.Criteria != "" {
			text += " (it uses " + bh.Criteria + ")"
		}
		a.add(Action{Field: "denial.policy.number", Text: text + "."})
	}
}

// parityAsked reports whether the case lists the parity documents as
// asked for: the criteria and the comparative analysis.
func (a *actionList) parityAsked() bool {
	return slices.ContainsFunc(a.c.Documents, func(d Document) bool {
		desc := strings.ToLower(d.Description)
		return strings.Contains(desc, "parity") || strings.Contains(desc, "comparative analysis")
	})
}

func (a *actionList) category() {
	c := a.c
	filed := a.filed(Level1)
	switch c.Denial.Category {
	case CategoryMedicalNecessity, CategoryExperimental:
		a.clinical(filed)
	case CategoryPriorAuth:
		// Before the care the denial is of the authorization request
		// itself, and emergency care needs none: there is no number to ask
		// the provider for.
		if !a.sit.BeforeCare && !a.sit.Emergency && c.EOBErrors.PriorAuth.Status != CheckError &&
			strings.TrimSpace(c.Denial.PriorAuth.Number) == "" {
			a.add(Action{Field: "denial.prior_auth.number", Text: "Ask " + a.provider() + " whether they got prior " +
				"authorization, and for its number. If this was emergency care, say so in the case: emergency care needs " +
				"no prior authorization."})
		}
	case CategoryNotCovered:
		if !filed {
			a.add(Action{Text: "Find the exclusion the denial rests on in your plan document (the Summary Plan " +
				"Description or certificate of coverage) and quote its exact words in your appeal."})
		}
	case CategoryCoding:
		if c.EOBErrors.CPT.Status != CheckError {
			if call, called := a.calledSince(a.sinceDenial(), []CallWith{CallProviderBilling}); called {
				a.add(Action{Text: fmt.Sprintf("You called %s billing office on %s. If no corrected claim has gone to %s "+
					"since, send them the corrected-claim request letter: a written request leaves a record.",
					possessive(a.provider()), DateOf(call.At).Long(), a.ins.Name)})
			} else {
				a.add(Action{Field: "calls", Text: "Ask " + possessive(a.provider()) + " billing office to check the codes on " +
					"the claim and send a corrected claim if they were wrong: coding denials are usually fixed that way."})
			}
		}
		if n, known := InternalLevels(c); known && n == 1 && !filed {
			a.add(Action{Text: "Your plan has only one level of internal appeal: wait for the corrected claim to be processed " +
				"before you appeal, so that the one appeal is not spent on a billing error the provider can fix. Keep your " +
				"appeal deadline in view meanwhile."})
		}
	case CategoryDuplicate:
		if c.EOBErrors.Duplicate.Status != CheckError {
			if call, called := a.calledSince(a.sinceDenial(), insurerLines); called {
				a.add(a.auditInWriting(call, "both claim numbers"))
			} else {
				a.add(Action{Field: "calls", Text: "Call " + a.memberServices() + " and ask which claim this one was matched " +
					"to; if the services were different, ask for a claim audit."})
			}
		}
	case CategoryCostShare:
		if c.EOBErrors.CostShare.Status != CheckError {
			a.costShare()
		}
	case CategoryEligibility:
		if _, called := a.calledSince(a.sinceDenial(), insurerLines); called {
			return
		}
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
	number := strings.TrimSpace(c.Denial.Policy.Number)
	policy := "policy " + number
	if number == "" {
		a.policy()
		policy = "the coverage policy"
		if t := strings.TrimSpace(c.Denial.Policy.Title); t != "" {
			policy = "\"" + t + "\""
		}
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
	if a.sit.Experimental {
		if strings.TrimSpace(c.Denial.Experimental.Definition) == "" {
			a.add(Action{Field: "denial.experimental.definition", Text: "Find the plan document's definition of " +
				"\"experimental\" or \"investigational\" and copy it into the case: the appeal shows the treatment falls outside it."})
		}
		if !hasDoc(c, DocRequested, DocPhysicianCertification) {
			a.add(Action{Field: "documents", Text: "Ask " + a.doctor() + " for a signed certification that standard treatment " +
				"has not worked or is not medically appropriate, or that this treatment is likely to be more beneficial: " +
				"external review of an experimental denial needs it."})
		}
	}
	if filed {
		return
	}
	switch {
	case !hasDoc(c, DocRequested, DocPhysicianLetter):
		a.add(Action{Field: "documents", Text: "Ask " + a.doctor() + " for a letter that addresses each criterion of " + policy +
			" by name, with the clinical findings that meet it: not just that the care was needed."})
	case !hasDoc(c, DocHave, DocPhysicianLetter):
		a.add(Action{Field: "documents", Text: "Follow up with " + possessive(a.doctor()) + " office on the letter you asked " +
			"for: the appeal should include it."})
	}
}

// licensedCriteria matches the names of the criteria sets plans buy and
// apply (MCG, formerly Milliman Care Guidelines; InterQual; and the
// level-of-care criteria ASAM, LOCUS and CALOCUS): no insurer publishes
// them among its own coverage policies.
var licensedCriteria = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\b(?:MCG|ASAM|LOCUS|CALOCUS|(?i:milliman|interqual))\b`)
})

// namedCriteria returns what the denial names as the criteria it applied
// when they are not among the insurer's own published policies: the
// policy's title when it names a licensed criteria set or a delegate or
// behavioral health arm applied it, else the licensed set the reason
// names ("MCG criteria"); "" when none.
func (a *actionList) namedCriteria() string {
	c := a.c
	title := strings.TrimSpace(c.Denial.Policy.Title)
	if title != "" && (licensedCriteria().MatchString(title) || !a.insurerReviewed()) {
		return "\"" + title + "\""
	}
	if m := licensedCriteria().FindString(c.EOB.Reason); m != "" {
		return m + " criteria"
	}
	return ""
}

// insurerReviewed reports whether the insurer itself decided, not its
// delegate or its behavioral health arm, which apply their own criteria.
func (a *actionList) insurerReviewed() bool {
	return a.ins.ReviewerName(a.c) == a.ins.Name
}

// policy asks for the coverage policy of a medical denial that has no
// policy number: where the insurer publishes it, or, for criteria it does
// not publish (a delegate's guideline, a licensed set such as MCG), a copy
// through the claim-file request. For behavioral health care the parity
// request asks for the criteria (behavioralHealth).
func (a *actionList) policy() {
	c := a.c
	pub := a.ins.CoveragePolicies
	published := pub.Name != "" && pub.Where != "" && a.insurerReviewed()
	title := strings.TrimSpace(c.Denial.Policy.Title)
	switch named := a.namedCriteria(); {
	case named != "":
		if c.Denial.BehavioralHealth && !a.parityAsked() {
			return
		}
		text := "The denial relied on " + named
		if published {
			text += ", not on one of the " + pub.Name + " " + a.ins.Name + " publishes on " + pub.Where
		}
		a.add(Action{Field: "documents", Text: text + ": ask " + a.ins.ReviewerName(c) + " for a copy " +
			"of the criteria it applied to you (the claim-file request letter asks for it, free of charge), and answer them " +
			"one by one in your appeal."})
	case title != "" && published:
		a.add(Action{Field: "denial.policy.number", Text: "Find \"" + title + "\" among the " + pub.Name + " " + a.ins.Name +
			" publishes on " + pub.Where + ", and add its number: the appeal answers its criteria one by one."})
	case title == "":
		where := ""
		if published {
			where = a.ins.Name + " publishes its " + pub.Name + " on " + pub.Where + ", and "
		}
		a.add(Action{Field: "denial.policy.number", Text: "Find the coverage policy the denial letter names, and add its " +
			"number: " + where + "the appeal answers its criteria one by one. If the letter names none, leave it empty: " +
			"the appeal says the notice left it out."})
	}
}

// late says what a missed plan decision allows: external review at once
// (deemed exhaustion), as an option beside waiting for the decision.
func (a *actionList) late(now time.Time) {
	l, ok := LateDecision(a.c, now)
	if !ok {
		return
	}
	a.isLate = true
	law := LawFor(a.c.Plan)
	from := "counted from the day you sent it; enter the day the plan received it if you know it"
	if l.FromReceipt {
		from = "counted from the day the plan received it"
	}
	sue := ""
	if law.ERISA() {
		sue = " (and, for an employer plan, go to court under ERISA section 502(a))"
	}
	// Waiting longer is a choice for care already given; urgent care
	// cannot wait, so the expedited external review is the advice.
	choice := "You may also send a follow-up letter and keep waiting: this is your choice."
	if a.sit.Urgent {
		care := "The care is urgent"
		if d := a.c.Claim.DateOfService; a.sit.BeforeCare && !d.IsZero() && !d.Before(a.today) {
			care += " and scheduled for " + d.Long()
		}
		choice = care + ": ask for an expedited external review now rather than wait, with the external review request " +
			"letter, by fax and phone. Call " + a.appealsLine() + " for the decision at the same time."
	}
	a.add(Action{Urgent: true, Field: "appeals", Text: fmt.Sprintf("The decision on your %s was due by %s (%s) and has not "+
		"come. When a plan misses its decision deadline, the internal appeals count as done (\"deemed exhaustion\", %s): you "+
		"may ask for external review now%s; the external review request letter says so. The only exception is a minor lapse "+
		"that did not harm you, had a good reason and was not part of a pattern (%s). %s", l.Appeal.Level.Label(),
		l.Due.Long(), from, law.DeemedExhaustion(), sue, law.DeemedException(), choice)})
}

// court says, for an employer plan under ERISA whose internal appeals
// ended in a final denial, that a lawsuit under ERISA section 502(a) is
// open to the person (rules.md: the notice must say so, 29 CFR
// 2560.503-1(g)(1)(iv)). Used-up appeals say it in exhausted.
func (a *actionList) court() {
	if !a.c.Plan.ERISA() {
		return
	}
	if _, maybe, ok := FinalDenial(a.c); !ok || maybe {
		return
	}
	a.add(Action{Text: "After the final denial of your internal appeals, ERISA section 502(a) lets you sue over the denial " +
		"in court (the final denial must tell you of this right: " + LawFor(a.c.Plan).Claims("(g)(1)(iv)") + "). Talk to a " +
		"lawyer or a patient advocate about it soon."})
}

// notice names the elements the denial notice leaves out, which the
// appeal should name, and which may open external review at once: an
// option beside the appeal, never instead of it.
func (a *actionList) notice() {
	missing := MissingNoticeElements(a.c)
	if len(missing) == 0 || a.filed(LevelExternal) {
		return
	}
	var what []string
	for _, e := range missing {
		what = append(what, e.Text)
	}
	law := LawFor(a.c.Plan)
	a.add(Action{Field: "denial.notice", Text: fmt.Sprintf("The denial notice leaves out what the rules require: %s. "+
		"Name each in your appeal and ask %s to send it. Because of this you may also be able to ask for external review "+
		"right away (\"deemed exhaustion\", %s), unless the lapse was minor, did not harm you, had a good reason and was not "+
		"part of a pattern (%s): an option beside your appeal, not instead of it.", strings.Join(what, "; "), a.ins.Name,
		law.DeemedExhaustion(), law.DeemedException())})
}

// undated asks for the dates the next deadlines count from: the level 2
// deadline printed on the level 1 decision, and the day the final denial
// was received (the external review deadline counts from the appeal until
// then).
func (a *actionList) undated() {
	c := a.c
	i := lastAppeal(c, Level1)
	if i >= 0 && c.Appeals[i].Decision.Adverse() && c.Appeals[i].AppealBy.IsZero() && !a.filed(Level2) &&
		!a.filed(LevelExternal) {
		if n, known := InternalLevels(c); !known || n == 2 {
			a.add(Action{Urgent: true, Field: fmt.Sprintf("appeals[%d].appeal_by", i), Text: "Send your level 2 appeal to " +
				a.appealsTo() + " before the date printed on your level 1 decision letter, and enter that date: no general " +
				"rule sets it, the letter does."})
		}
	}
	if a.filed(LevelExternal) {
		return
	}
	if f, _, ok := FinalDenial(c); ok && f.DecisionReceived.IsZero() && f.DecisionDate.IsZero() {
		j := lastAppeal(c, f.Level)
		a.add(Action{Urgent: true, Field: fmt.Sprintf("appeals[%d].decision_received", j), Text: "Enter the day you received " +
			"the " + f.Level.Label() + " decision: you may ask for external review within 4 months of it, and until you " +
			"enter it the deadline shown is the earliest it can be."})
	}
}

// appealProgress covers filing and tracking when no deadline did.
func (a *actionList) appealProgress() {
	c := a.c
	if c.Step >= StepGather && !a.filed(Level1) && !a.kinds[DeadlineInternalAppeal] && !a.covered["appeals"] {
		a.add(Action{Field: "appeals", Text: "Send your level 1 appeal to " + a.appealsTo() + ": " + a.sendBy() +
			", and keep a copy. Send it within 180 days of the day you got the denial; check the date printed on your letter."})
	}
	if n := len(c.Appeals); n > 0 {
		i := n - 1
		ap := c.Appeals[i]
		// The plan's receipt is known, or the person has called the plan
		// since sending it: asking whether it arrived is done.
		_, confirmed := a.calledSince(ap.Filed, planLines)
		if ap.Decision == DecisionPending && !ap.Filed.IsZero() && strings.TrimSpace(ap.CaseNumber) == "" &&
			ap.Filed.DaysUntil(a.today) >= 10 && ap.Received.IsZero() && !confirmed {
			a.add(Action{Field: fmt.Sprintf("appeals[%d].case_number", i), Text: fmt.Sprintf("No acknowledgment of your "+
				"%s sent %s? Call %s to ask whether it arrived, or send a follow-up letter, and note the case number.",
				ap.Level.Label(), ap.Filed.Long(), a.appealsLine())})
		}
	}
	if _, maybe, ok := FinalDenial(c); ok && maybe {
		a.add(Action{Field: "plan.internal_levels", Text: "Ask " + a.ins.Name + " whether your plan has a second " +
			"level of appeal: your level 1 decision letter should say. If it has none, the next step is external review."})
	}
}

// missingFacts adds, for the current step, the facts still missing that
// no action above fills.
func (a *actionList) missingFacts() {
	if a.c.Step >= StepEscalate {
		return
	}
	pending := ""
	if i := len(a.c.Appeals) - 1; i >= 0 && !a.c.Appeals[i].Decision.Decided() {
		pending = fmt.Sprintf("appeals[%d].decision", i)
	}
	for _, m := range StepMissing(a.c, a.c.Step) {
		// A decision still to come is waited for, not asked for.
		if a.covered[m.Field] || pending != "" && strings.HasPrefix(m.Field, pending) {
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

// stateRegulator names the insurance regulator of the plan's state, with
// its phone number where the table gives it.
func (a *actionList) stateRegulator() string {
	var regs *Regulators
	if a.ref != nil {
		regs = a.ref.Regulators
	}
	if g, ok := regs.State(a.c.Plan.State); ok {
		if g.Phone != "" {
			return "the " + g.Name + " (" + g.Phone + ")"
		}
		return "the " + g.Name
	}
	if n := StateName(a.c.Plan.State); n != "" {
		return "the insurance department of " + n
	}
	return "your state's insurance department"
}

// regulatorName names who takes complaints about the plan, with the
// phone number where the tables give it.
func (a *actionList) regulatorName() string {
	c := a.c
	withPhone := func(name, phone string) string {
		if phone != "" {
			return name + " (" + phone + ")"
		}
		return name
	}
	var regs *Regulators
	if a.ref != nil {
		regs = a.ref.Regulators
	}
	ebsa := regs.Federal(OfficeEBSA)
	if ebsa.Name == "" {
		ebsa.Name = "Employee Benefits Security Administration"
	}
	ebsa.Name = "the U.S. Department of Labor's " + ebsa.Name
	state := a.stateRegulator()
	switch {
	case c.Plan.ERISA() && c.Plan.Funding == FundingSelf:
		return withPhone(ebsa.Name, ebsa.Phone)
	case c.Plan.ERISA() && c.Plan.Funding == FundingInsured:
		return state + ", and " + withPhone(ebsa.Name, ebsa.Phone) + " for the plan's ERISA duties"
	case c.Plan.Type == PlanIndividual:
		return state
	case c.Plan.Type == PlanPublicEmployer:
		cms := regs.Federal(OfficeCMS)
		if cms.Name == "" {
			cms.Name = "the Centers for Medicare & Medicaid Services"
		}
		return state + ", or " + withPhone("the "+cms.Name, cms.Phone) + " for a self-funded government plan"
	}
	return withPhone(ebsa.Name, ebsa.Phone) + " for a self-funded employer plan, or " + state + " for other plans"
}

func (a *actionList) exhausted() {
	c := a.c
	if i := lastAppeal(c, LevelExternal); i >= 0 && c.Appeals[i].Decision == DecisionPartlyOverturned {
		a.add(Action{Text: "The external review overturned part of the denial: check that " + a.ins.Name +
			" pays that part, and call if the new EOB does not show it."})
	}
	a.add(Action{Text: "The appeals are used up. You can file a complaint with " + a.regulatorName() + ", especially if " +
		a.ins.Name + " missed deadlines or left things out of its notices: the complaint letter lists what the case shows."})
	text := "Talk to a lawyer or a patient advocate about your options."
	if c.Plan.ERISA() {
		text = "Talk to a lawyer or a patient advocate about your options: for an employer plan, ERISA section 502(a) " +
			"lets you sue after the appeals."
	}
	a.add(Action{Text: text})
}
