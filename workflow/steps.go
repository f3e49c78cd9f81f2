package workflow

import (
	"fmt"
	"strings"
	"sync"
)

// StepInfo says what a step is, in plain words for the person doing it.
type StepInfo struct {
	Step  Step
	Title string // short: "File your written appeal"
	Why   string // why this step matters
	Do    string // what to do, concretely
}

// stepTitles are the titles of the seven steps.
var stepTitles = [...]string{
	"Get the EOB and note the reason code",
	"Find the denial reason and the coverage policy",
	"Call Member Services",
	"Gather your documents",
	"File your written appeal",
	"Track the response",
	"Escalate",
}

// stepInfo says step s in plain words, naming the insurer's portal and
// lines where its profile gives them.
func stepInfo(s Step, ins *Insurer) StepInfo {
	if ins == nil {
		ins = Generic("")
	}
	name, portal := ins.Name, ins.PortalName()
	if !ins.Known() {
		name = "the insurer"
	}
	site := portal
	if ins.Portal.Site != "" {
		site = ins.Portal.Site
	}
	policies := "coverage policy"
	if ins.CoveragePolicies.Name != "" {
		policies = ins.Name + " coverage policy (one of its " + ins.CoveragePolicies.Name
		if ins.CoveragePolicies.Where != "" {
			policies += ", on " + ins.CoveragePolicies.Where
		}
		policies += ")"
	}
	appeal := "through " + portal
	if ins.Portal.AppealButton != "" {
		appeal += " (\"" + ins.Portal.AppealButton + "\")"
	}
	messages := "A message through " + portal
	if ins.Portal.Messages != "" {
		messages = "A " + strings.ToLower(ins.Portal.Messages) + " through " + portal
	}
	info := StepInfo{Step: s, Title: s.Title()}
	switch s {
	case StepEOB:
		info.Why = "The Explanation of Benefits (EOB) says what " + name + " did with the claim and why. Many denials are not " +
			"real coverage decisions but simple processing errors, and those are the quickest to fix."
		info.Do = "Log in to " + site + ", open your claims, find the claim by its date of service and save the EOB. " +
			"Write down the claim number, the date printed on the EOB, the day you got it, and the reason code. " +
			"Then check the EOB for the five common errors: " + checkTitlesInWords() + ". " +
			"If the denial came before the care or while it goes on, use the denial letter instead: there may be no EOB."
	case StepReason:
		info.Why = "An appeal works best when it answers the exact reason " + name + " gave, using the rules " + name + " itself uses."
		info.Do = "Read the denial letter and note what kind of denial it is, and whether it came before the care, during it, " +
			"after it, or is urgent. For a medical-necessity or experimental denial, find the " + policies + " the letter " +
			"names and read its criteria; if the letter names none, note that: it is a defect of the notice. Check your plan " +
			"documents to see whether the service is covered at all, and whether your plan is through work, bought yourself, " +
			"or a government program: that decides which rules apply."
	case StepCall:
		info.Why = "Some denials can be fixed with one call, and a peer-to-peer talk between your doctor and " + possessive(name) +
			" doctor can reverse a denial of care still to come. A call also gives you a reference number."
		info.Do = "Call the number on your ID card (for mental health or substance use care, the behavioral health number). " +
			"Ask whether the denial can be fixed without an appeal. Write down the date, the name of the person you spoke " +
			"to and the reference number. " + messages + " also counts and leaves a written record."
	case StepGather:
		info.Why = "Reviewers decide on what is in front of them. A letter from your doctor that answers the policy's " +
			"criteria one by one is the strongest part of a medical appeal."
		info.Do = "Collect a copy of the EOB or denial letter, your medical records, and the prior authorization approval " +
			"if there was one. For a medical denial, ask your doctor for a letter that addresses each criterion of " +
			"the coverage policy by name; for urgent care, a statement that waiting would seriously harm your health. " +
			"Ask for anything you do not have yet, and note when you asked."
	case StepFile:
		info.Why = "Only a written appeal starts the clock " + name + " must answer within, and it keeps your right to " +
			"an independent external review later."
		info.Do = "Send the appeal " + appeal + ", by certified mail with return receipt, or by fax with a confirmation " +
			"page; an urgent appeal goes by phone and fax, never by mail alone. Keep a copy of everything you send. Write " +
			"down the date you sent it, how you sent it, and the tracking number."
	case StepTrack:
		info.Why = upperFirst(name) + " has a legal time limit to decide. If it does not answer in time, the internal appeal " +
			"counts as done and you may go straight to external review."
		info.Do = "Expect an acknowledgment within 7 to 10 days. For an urgent appeal " + name + " must decide within 72 hours. " +
			"Otherwise it has 30 days for care not yet given and 60 days for care already given, or half of that " +
			"for each level when your plan has two levels. When the answer comes, record the decision, its reasons and the " +
			"day you got it."
	case StepEscalate:
		info.Why = "A \"no\" on the first appeal is not the end. An independent reviewer outside " + name + " can overturn the " +
			"denial, and " + name + " must follow that decision."
		info.Do = "If your plan has a second level of appeal, ask for it by the date on the decision letter. Then ask for " +
			"external review by an Independent Review Organization within 4 months of receiving the final denial. If the " +
			"external review also says no, you can complain to the regulator and talk to a lawyer or patient advocate about " +
			"your options."
	}
	return info
}

// Steps returns the seven steps in order, in words that name the
// insurer's portal and lines where its profile gives them (ins may be
// nil).
func Steps(ins *Insurer) []StepInfo {
	out := make([]StepInfo, 0, len(stepTitles))
	for s := StepEOB; s <= StepEscalate; s++ {
		out = append(out, stepInfo(s, ins))
	}
	return out
}

// Valid reports whether s is one of the seven steps.
func (s Step) Valid() bool { return s >= StepEOB && s <= StepEscalate }

// Title names step s: "File your written appeal".
func (s Step) Title() string {
	if !s.Valid() {
		return fmt.Sprintf("Step %d", int(s))
	}
	return stepTitles[s-1]
}

// TitleFor names step s of case c: for a denial before or during the care
// (no EOB yet), step 1 is about the denial letter.
func (s Step) TitleFor(c *Case) string {
	if s == StepEOB && c != nil && beforeCare(c) {
		return letterStepTitle
	}
	return s.Title()
}

// letterStepTitle is step 1's title for a denial before or during the care.
const letterStepTitle = "Get the denial letter and note the reason"

// InfoFor returns the plain-words description of step s for case c, whose
// insurer's profile is ins (nil for none): step 1 of a denial before or
// during the care asks for the denial letter, as there is no EOB.
func (s Step) InfoFor(c *Case, ins *Insurer) StepInfo {
	info := s.Info(ins)
	if s != StepEOB || c == nil || !beforeCare(c) {
		return info
	}
	name, site := "the insurer", "the insurer's member website"
	if ins != nil && ins.Known() {
		name, site = ins.Name, ins.PortalName()
		if ins.Portal.Site != "" {
			site = ins.Portal.Site
		}
	}
	info.Title = letterStepTitle
	info.Why = "The denial letter says what " + name + " decided about care still to come, or going on, and why. " +
		"There is no EOB before the care: the letter is what the appeal answers."
	info.Do = "Find the denial letter (by mail, or on " + site + "). Write down the date printed on it, the day you got " +
		"it, and the reason it gives, word for word, with the fax and phone numbers it gives for appeals."
	return info
}

// Info returns the plain-words description of step s for the insurer's
// members (ins may be nil).
func (s Step) Info(ins *Insurer) StepInfo {
	if !s.Valid() {
		return StepInfo{Step: s, Title: s.Title()}
	}
	return stepInfo(s, ins)
}

// A guard is one fact a step needs before it is done. The guards of all
// steps form one table, stepGuards, read by StepMissing, StepDone and GoTo:
// no other code decides whether a step is done.
//
//	step  field (case-file path)              needed when                          has it when
//	1     eob.received                        after-care review (or review unknown) eob.received or eob.date known
//	1     denial.received                     before or during the care            denial.received or denial.letter_date known
//	1     eob.reason                          always                               reason text or at least one code
//	1     claim.number                        after-care review (or review unknown) not empty
//	1     claim.date_of_service               after-care review (or review unknown) known
//	1     eob_errors.<item>.status            after-care review (or review unknown) each of the five checked (ok or error)
//	2     denial.category                     always                               set
//	2     denial.review                       always                               set
//	2     denial.received                     always                               a denial or EOB date known (received or printed)
//	2     plan.type                           always                               set (decides deadlines and regulator)
//	2     denial.policy.number                medical-necessity or experimental    number or title not empty
//	3     calls                               not urgent (urgent: the filing call)  a call logged (any party) or a secure message sent
//	4     documents                           always                               a copy of the EOB or denial letter in hand
//	4     documents                           medical-necessity or experimental    a physician letter at least requested
//	4     denial.prior_auth.number            authorization said obtained (*)      not empty
//	4     documents                           authorization said obtained (*)      the approval letter at least requested
//	4     documents[i].status                 every listed document                requested or have
//	5     appeals                             always                               a level 1 appeal recorded
//	5     appeals[i].filed                    that appeal                          known
//	5     appeals[i].method                   that appeal                          known
//	5     appeals[i].tracking                 that appeal, sent by certified mail  not empty
//	6     appeals[i].decision                 the latest appeal                    not pending
//	6     appeals[i].decision_received        the latest appeal                    known
//	7     status                              always                               resolved, exhausted or closed
//
// Step 6 and 7 guards look at the latest appeal (the last of Appeals); step 7
// is done only when the case has an outcome, because escalation goes on
// until one.
type guard struct {
	Field string
	Label string
	// When says whether the fact is needed for this case; nil: always.
	When func(c *Case) bool
	// Has says whether the case has the fact.
	Has func(c *Case) bool
	// Each, when set instead of Field and Has, returns the missing facts
	// itself, for facts that belong to list items.
	Each func(c *Case) []Missing
}

var stepGuards = sync.OnceValue(func() map[Step][]guard {
	return map[Step][]guard{
		StepEOB: {
			{Field: "eob.received", Label: "the day you received the EOB (or the date printed on it)", When: afterCare,
				Has: func(c *Case) bool { return !c.EOB.Received.IsZero() || !c.EOB.Date.IsZero() }},
			{Field: "denial.received", Label: "the day you received the denial letter (or the date printed on it)", When: beforeCare,
				Has: func(c *Case) bool { return !c.Denial.Received.IsZero() || !c.Denial.LetterDate.IsZero() }},
			{Field: "eob.reason", Label: "the denial reason or code, as written",
				Has: func(c *Case) bool { return strings.TrimSpace(c.EOB.Reason) != "" || len(c.EOB.Codes) > 0 }},
			{Field: "claim.number", Label: "the claim number", When: afterCare,
				Has: func(c *Case) bool { return strings.TrimSpace(c.Claim.Number) != "" }},
			{Field: "claim.date_of_service", Label: "the date of service", When: afterCare,
				Has: func(c *Case) bool { return !c.Claim.DateOfService.IsZero() }},
			{When: afterCare, Each: uncheckedEOBItems},
		},
		StepReason: {
			{Field: "denial.category", Label: "the kind of denial",
				Has: func(c *Case) bool { return c.Denial.Category != CategoryUnknown }},
			{Field: "denial.review", Label: "whether the denial came before the care, after it, or is urgent",
				Has: func(c *Case) bool { return c.Denial.Review != ReviewUnknown }},
			{Field: "denial.received", Label: "the day you received the denial (or the date printed on it)",
				Has: func(c *Case) bool { return !denialStart(c).IsZero() }},
			{Field: "plan.type", Label: "the kind of plan (through an employer, bought yourself, or a government plan)",
				Has: func(c *Case) bool { return c.Plan.Type != PlanUnknown }},
			{Field: "denial.policy.number", Label: "the number (or title) of the coverage policy or guideline the denial rests on",
				When: clinical, Has: func(c *Case) bool {
					return strings.TrimSpace(c.Denial.Policy.Number) != "" || strings.TrimSpace(c.Denial.Policy.Title) != ""
				}},
		},
		StepCall: {
			{Field: "calls", Label: "a call logged (to the insurer or the provider's billing office), or a portal message sent",
				When: notUrgent, Has: func(c *Case) bool { return len(c.Calls) > 0 || len(c.Messages) > 0 }},
		},
		StepGather: {
			{Field: "documents", Label: "a copy of the EOB or denial letter to send with the appeal",
				Has: func(c *Case) bool { return hasDoc(c, DocHave, DocEOB, DocDenialLetter) }},
			{Field: "documents", Label: "a letter from your doctor (at least asked for)", When: clinical,
				Has: func(c *Case) bool { return hasDoc(c, DocRequested, DocPhysicianLetter) }},
			{Field: "denial.prior_auth.number", Label: "the prior authorization number", When: priorAuthDispute,
				Has: func(c *Case) bool { return strings.TrimSpace(c.Denial.PriorAuth.Number) != "" }},
			{Field: "documents", Label: "the prior authorization approval letter (at least asked for)", When: priorAuthDispute,
				Has: func(c *Case) bool { return hasDoc(c, DocRequested, DocPriorAuthApproval) }},
			{Each: documentsNotRequested},
		},
		StepFile: {
			{Each: levelOneFiled},
		},
		StepTrack: {
			{Each: latestDecision},
		},
		StepEscalate: {
			{Field: "status", Label: "the outcome: resolved, or every appeal used",
				Has: func(c *Case) bool { return c.Status != StatusOpen && c.Status != "" }},
		},
	}
})

// afterCare reports whether the denial is of a claim for care already
// given (or the kind is not known yet, so the EOB is asked for).
func afterCare(c *Case) bool { return !beforeCare(c) }

// beforeCare reports whether the denial came before the care or while it
// goes on: there is a denial letter and no EOB, and no date of service
// yet.
func beforeCare(c *Case) bool { return c.Denial.Review.BeforeCare() }

// notUrgent reports whether the care is not urgent: an urgent appeal is
// filed at once by phone and fax, and that call is the call of step 3.
func notUrgent(c *Case) bool { return !c.Denial.IsUrgent() }

// clinical reports whether the denial is a medical judgment that a
// coverage policy and a doctor's letter answer.
func clinical(c *Case) bool {
	return c.Denial.Category == CategoryMedicalNecessity || c.Denial.Category == CategoryExperimental
}

// priorAuthDispute reports whether the case says prior authorization was
// obtained, so that its number and approval letter answer the denial (*
// in the table): the EOB shows it missing, or a claim for care already
// given was denied for want of it. A request refused before the care has
// no approval, and emergency care needs none.
func priorAuthDispute(c *Case) bool {
	if c.EOBErrors.PriorAuth.Status == CheckError {
		return true
	}
	return c.Denial.Category == CategoryPriorAuth && !c.Denial.Review.BeforeCare() && !c.Claim.Emergency
}

// denialStart is the first known date of the denial: received, else
// printed, of the denial letter and then the EOB.
func denialStart(c *Case) Date {
	for _, d := range []Date{c.Denial.Received, c.Denial.LetterDate, c.EOB.Received, c.EOB.Date} {
		if !d.IsZero() {
			return d
		}
	}
	return Date{}
}

// hasDoc reports whether a document of one of the kinds is at least at
// status atLeast (needed < requested < have).
func hasDoc(c *Case, atLeast DocStatus, kinds ...DocKind) bool {
	rank := map[DocStatus]int{DocNeeded: 0, DocRequested: 1, DocHave: 2}
	for _, d := range c.Documents {
		for _, k := range kinds {
			if d.Kind == k && rank[d.Status] >= rank[atLeast] {
				return true
			}
		}
	}
	return false
}

func uncheckedEOBItems(c *Case) []Missing {
	var out []Missing
	for _, it := range Checks(nil) {
		if s := it.Of(&c.EOBErrors).Status; s != CheckOK && s != CheckError {
			out = append(out, Missing{Field: "eob_errors." + it.Key + ".status", Label: "the EOB check of " + it.Short})
		}
	}
	return out
}

func documentsNotRequested(c *Case) []Missing {
	var out []Missing
	for i, d := range c.Documents {
		if d.Status != DocRequested && d.Status != DocHave {
			name := d.Description
			if name == "" {
				name = strings.ReplaceAll(string(d.Kind), "-", " ")
			}
			if name == "" {
				name = "a document"
			}
			out = append(out, Missing{Field: fmt.Sprintf("documents[%d].status", i), Label: "ask for " + name})
		}
	}
	return out
}

// lastAppeal returns the index of the last appeal of the level, or -1.
func lastAppeal(c *Case, level Level) int {
	for i := len(c.Appeals) - 1; i >= 0; i-- {
		if c.Appeals[i].Level == level {
			return i
		}
	}
	return -1
}

func levelOneFiled(c *Case) []Missing {
	i := lastAppeal(c, Level1)
	if i < 0 {
		return []Missing{{Field: "appeals", Label: "the level 1 appeal you sent (when and how)"}}
	}
	a := c.Appeals[i]
	var out []Missing
	if a.Filed.IsZero() {
		out = append(out, Missing{Field: fmt.Sprintf("appeals[%d].filed", i), Label: "the day you sent the appeal"})
	}
	if a.Method == MethodUnknown {
		out = append(out, Missing{Field: fmt.Sprintf("appeals[%d].method", i), Label: "how you sent the appeal"})
	}
	if a.Method == MethodCertifiedMail && strings.TrimSpace(a.Tracking) == "" {
		out = append(out, Missing{Field: fmt.Sprintf("appeals[%d].tracking", i), Label: "the certified mail tracking number"})
	}
	return out
}

func latestDecision(c *Case) []Missing {
	if len(c.Appeals) == 0 {
		return []Missing{{Field: "appeals", Label: "the appeal you sent"}}
	}
	i := len(c.Appeals) - 1
	a := c.Appeals[i]
	var out []Missing
	if a.Decision == DecisionPending || a.Decision == "" {
		out = append(out, Missing{Field: fmt.Sprintf("appeals[%d].decision", i), Label: "the decision on your " + a.Level.Label()})
	}
	if a.DecisionReceived.IsZero() {
		out = append(out, Missing{Field: fmt.Sprintf("appeals[%d].decision_received", i), Label: "the day you received the decision"})
	}
	return out
}

// StepMissing returns the facts step s still needs before it is done, in
// the order of the guard table; nil when it is done.
func StepMissing(c *Case, s Step) []Missing {
	var out []Missing
	for _, g := range stepGuards()[s] {
		if g.When != nil && !g.When(c) {
			continue
		}
		if g.Each != nil {
			out = append(out, g.Each(c)...)
			continue
		}
		if !g.Has(c) {
			out = append(out, Missing{Field: g.Field, Label: g.Label})
		}
	}
	return out
}

// StepDone reports whether step s has every fact it needs.
func StepDone(c *Case, s Step) bool {
	return s.Valid() && len(StepMissing(c, s)) == 0
}

// GoTo moves the case to step s. Going back is always allowed; going
// forward only when every step before s is done, else a *MissingError
// names each missing fact, step by step.
func GoTo(c *Case, s Step) error {
	if !s.Valid() {
		return fmt.Errorf("there is no step %d: the steps are numbered 1 to 7", int(s))
	}
	if s > c.Step {
		var missing []Missing
		for before := StepEOB; before < s; before++ {
			missing = append(missing, StepMissing(c, before)...)
		}
		if len(missing) > 0 {
			return &MissingError{What: fmt.Sprintf("go to step %d (%s)", int(s), strings.ToLower(s.Title()[:1])+s.Title()[1:]), Missing: missing}
		}
	}
	c.Step = s
	return nil
}

// Resolve marks the case resolved: fixed without an appeal (a call, a
// corrected claim or EOB) or won. how says in words what happened.
func Resolve(c *Case, how string) {
	c.Status = StatusResolved
	c.Resolution = how
}

// outcome is one row of the decision table: what recording a decision at a
// level does to the case.
type outcome struct {
	Level    Level
	Decision Decision
	Status   Status // the case's new status
	Step     Step   // the case's new step; 0 leaves it
}

// outcomes is the decision table. An overturned denial resolves the case.
// An upheld (or partly upheld) internal level sends the case to step 7:
// level 2 where the plan has one, then external review. External review
// is the last appeal: upheld, even in part, the appeals are exhausted, and
// what is left is a regulator complaint and legal help.
var outcomes = []outcome{
	{Level1, DecisionPending, StatusOpen, StepTrack},
	{Level1, DecisionOverturned, StatusResolved, 0},
	{Level1, DecisionPartlyOverturned, StatusOpen, StepEscalate},
	{Level1, DecisionUpheld, StatusOpen, StepEscalate},
	{Level2, DecisionPending, StatusOpen, StepEscalate},
	{Level2, DecisionOverturned, StatusResolved, 0},
	{Level2, DecisionPartlyOverturned, StatusOpen, StepEscalate},
	{Level2, DecisionUpheld, StatusOpen, StepEscalate},
	{LevelExternal, DecisionPending, StatusOpen, StepEscalate},
	{LevelExternal, DecisionOverturned, StatusResolved, 0},
	{LevelExternal, DecisionPartlyOverturned, StatusExhausted, StepEscalate},
	{LevelExternal, DecisionUpheld, StatusExhausted, StepEscalate},
}

// RecordDecision records the decision on the latest appeal of the level,
// received on the given day (adding the appeal when none of that level is
// recorded), and moves the case as the decision table says: overturned
// resolves it, upheld sends it to step 7, and an external review upheld
// leaves it exhausted.
func RecordDecision(c *Case, level Level, d Decision, received Date) {
	i := lastAppeal(c, level)
	if i < 0 {
		c.Appeals = append(c.Appeals, Appeal{Level: level})
		i = len(c.Appeals) - 1
	}
	c.Appeals[i].Decision = d
	c.Appeals[i].DecisionReceived = received
	for _, o := range outcomes {
		if o.Level == level && o.Decision == d {
			c.Status = o.Status
			if o.Step != 0 {
				c.Step = o.Step
			}
			if o.Status == StatusResolved && c.Resolution == "" {
				c.Resolution = "The plan overturned the denial on the " + level.Label()
				if level == LevelExternal {
					c.Resolution = "The external review overturned the denial"
				}
			}
			return
		}
	}
}
