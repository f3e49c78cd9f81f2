package letter

import (
	"regexp"
	"slices"
	"sync"

	"github.com/overturn/overturn/workflow"
)

// stage is the appeal a letter supports now: the first one, the level 2
// appeal that answers the level 1 decision, or external review after the
// final internal denial.
type stage int

const (
	stageFirst stage = iota
	stageLevel2
	stageExternal
)

// stage says which appeal comes next. An adverse level 1 decision on a
// plan whose levels are not known leads to the level 2 stage: the plan
// may have a second level.
func (f *facts) stage() stage {
	switch {
	case f.final != nil && !f.finalMaybe:
		return stageExternal
	case f.hasL1 && f.l1.Decision.Adverse():
		return stageLevel2
	}
	return stageFirst
}

// overturned returns the last appeal whose decision overturned the
// denial, if any: nothing is left to appeal.
func (f *facts) overturned() (workflow.Appeal, bool) {
	for _, a := range []struct {
		a  workflow.Appeal
		ok bool
	}{{f.ext, f.hasExt}, {f.l2, f.hasL2}, {f.l1, f.hasL1}} {
		if a.ok && a.a.Decision == workflow.DecisionOverturned {
			return a.a, true
		}
	}
	return workflow.Appeal{}, false
}

// inHand reports whether the case holds a document of the kind, for the
// letter to the doctor. At the level 2 stage a physician letter sent
// with the level 1 appeal does not count: the level 2 appeal answers the
// level 1 decision with new evidence.
func (f *facts) inHand(kind workflow.DocKind, st stage) bool {
	return slices.ContainsFunc(f.c.Documents, func(d workflow.Document) bool {
		if d.Kind != kind || d.Status != workflow.DocHave {
			return false
		}
		return st != stageLevel2 || kind != workflow.DocPhysicianLetter || !slices.Contains(d.SentWith, workflow.Level1)
	})
}

// billingError reports a denial that is a billing error and nothing
// clinical: a wrong code, a duplicate, an authorization the plan did not
// link, the cost sharing, the network. The doctor's letter does not fix
// it; the corrected claim, the audit or the appeal does.
func (f *facts) billingError() bool {
	s := f.sit
	if s.MedicalNecessity || s.Experimental || s.Emergency || s.Urgent || s.BehavioralHealth {
		return false
	}
	switch f.c.Denial.Category {
	case workflow.CategoryCoding, workflow.CategoryDuplicate, workflow.CategoryCostShare, workflow.CategoryNetwork:
		return true
	}
	return s.Coding || s.Duplicate || s.CostShare || s.PriorAuthShownMissing || s.DirectoryError || s.NetworkEOBError ||
		s.SurpriseBill
}

// reasons are the plan's stated reasons: the denial's, and those of the
// adverse appeal decisions.
func (f *facts) reasons() []string {
	out := []string{f.c.EOB.Reason}
	for _, a := range f.c.Appeals {
		if a.Decision.Adverse() {
			out = append(out, a.DecisionReason)
		}
	}
	return out
}

// anyReason reports whether one of the plan's stated reasons matches re.
func (f *facts) anyReason(re *regexp.Regexp) bool {
	return slices.ContainsFunc(f.reasons(), func(s string) bool { return re.MatchString(plain(s)) })
}

// notReceived matches a reason saying the plan did not receive the
// clinical information it needed; cosmetic one calling the care
// cosmetic; photographs a document that holds photographs.
var (
	notReceived = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(information|records|documentation|notes)\b[^.]*\bnot\b[^.]*\b(received|submitted|provided)\b|` +
			`\bdid not receive\b`)
	})
	cosmetic = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\bcosmetic`)
	})
	photographs = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\bphoto`)
	})
)

// physicianFacts says what the letter to the doctor asks for. Each
// request is left out when the case already holds what it asks for, so
// that the doctor is never asked twice.
type physicianFacts struct {
	// The requests: a statement of urgency, a letter answering the
	// criteria (or the reason, when no policy is named), a description
	// of the emergency, the external review certification, a general
	// letter of medical necessity, the records the plan says it lacks,
	// photographs of a condition the plan calls cosmetic.
	Urgency, Criteria, Emergency, Certify, General, Records, Photos bool
	// Writes is true when the doctor is asked to write something, not
	// only to send records.
	Writes bool
	// PeerToPeer suggests a peer-to-peer review, beside the requests.
	PeerToPeer bool
	// Cosmetic: the plan calls the care cosmetic, so the letter asks for
	// the functional impairment it treats.
	Cosmetic bool
	// Policy names what the plan applied, after "each criterion of":
	// "coverage policy 0507", or the guideline's title; "" when the
	// denial names none.
	Policy string
	// Level2 and External say which appeal the letter supports, when not
	// the first; Decision is the adverse decision it answers.
	Level2, External bool
	Decision         *appealFacts
	Fax              string
	// When says when and how the doctor's answer is needed: today and
	// not by mail for an urgent appeal, before the care still to come, or
	// before the appeal's deadline.
	When          string
	EmergencyCite string
}

// physicianFacts builds the requests of the letter to the doctor.
func (f *facts) physicianFacts() *physicianFacts {
	c := f.c
	s := f.sit
	st := f.stage()
	letter := f.inHand(workflow.DocPhysicianLetter, st)
	p := &physicianFacts{
		Urgency:       s.Urgent && !f.inHand(workflow.DocUrgencyStatement, st),
		Criteria:      (s.MedicalNecessity || s.Experimental) && !letter,
		Emergency:     s.Emergency && !letter,
		Certify:       s.Experimental && !f.inHand(workflow.DocPhysicianCertification, st),
		Records:       f.anyReason(notReceived()) && !f.has(workflow.DocMedicalRecords),
		Cosmetic:      f.anyReason(cosmetic()),
		Policy:        policyName(c.Denial.Policy),
		Level2:        st == stageLevel2,
		External:      st == stageExternal,
		Fax:           plain(c.Denial.AppealsFax),
		EmergencyCite: f.law.Emergency(),
	}
	p.General = !letter && !p.Criteria && !p.Emergency && !f.billingError()
	p.Photos = p.Cosmetic && !slices.ContainsFunc(c.Documents, func(d workflow.Document) bool {
		return d.Status == workflow.DocHave && photographs().MatchString(d.Description)
	})
	p.Writes = p.Urgency || p.Criteria || p.Emergency || p.Certify || p.General
	switch st {
	case stageLevel2:
		p.Decision = newAppealFacts(f.l1)
	case stageExternal:
		p.Decision = newAppealFacts(*f.final)
	}
	if s.BeforeCare && !f.anyFiled {
		start := denialDate(c)
		if !c.Denial.Received.IsZero() {
			start = c.Denial.Received
		}
		p.PeerToPeer = start.IsZero() || start.DaysUntil(f.today) <= 14
	}
	p.When = f.physicianWhen(p, st)
	return p
}

// asks reports whether the letter to the doctor has anything to ask.
func (p *physicianFacts) asks() bool { return p.Writes || p.Records || p.Photos }

// policyName names the coverage policy or guideline the plan applied, for
// the doctor to answer criterion by criterion, or "" when the denial
// names none.
func policyName(p workflow.Policy) string {
	switch {
	case plain(p.Number) != "":
		return "coverage policy " + plain(p.Number)
	case plain(p.Title) != "":
		return `the guideline the plan applied, "` + plain(p.Title) + `"`
	case len(p.Criteria) > 0:
		return "the coverage policy the plan applied"
	}
	return ""
}

// physicianWhen says when and how the doctor's answer is needed.
func (f *facts) physicianWhen(p *physicianFacts, st stage) string {
	c := f.c
	obj, it, ready := "your letter", "it", "it is ready"
	if !p.Writes {
		obj, it, ready = "them", "them", "they are ready"
	}
	email, phone := plain(c.Member.Email), plain(c.Member.Phone)
	if f.rep != "" {
		email, phone = plain(c.Representative.Email), plain(c.Representative.Phone)
	}
	if f.sit.Urgent {
		s := "The appeal is urgent, so I need " + obj + " today, not by mail: "
		switch {
		case email != "":
			return s + "please e-mail " + it + " to me at " + email + "."
		case phone != "":
			return s + "please call me at " + phone + " when " + ready + ", so that I can collect " + it + "."
		}
		return s + "please let me know when " + ready + ", so that I can collect " + it + "."
	}
	send := " Please send " + it + " to me at the address above."
	if st == stageFirst && f.beforeCareWords() {
		dos := c.Claim.DateOfService
		switch {
		case c.Denial.Review == workflow.ReviewConcurrent:
			return "The care is going on now, so I need " + obj + " as soon as possible." + send
		case !dos.IsZero() && !dos.Before(f.today):
			return "The care is scheduled for " + dos.Long() + ", so I need " + obj + " as soon as possible, and before then." + send
		}
		return "I need " + obj + " as soon as possible." + send
	}
	what, kind, level := "The appeal", workflow.DeadlineInternalAppeal, workflow.Level1
	switch st {
	case stageLevel2:
		what, level = "The level 2 appeal", workflow.Level2
	case stageExternal:
		what, kind, level = "The request for external review", workflow.DeadlineExternalReview, workflow.LevelExternal
	}
	for _, dl := range f.deadlines {
		if dl.Kind != kind || dl.Level != level {
			continue
		}
		if dl.State == workflow.StateOverdue {
			return "I need " + obj + " as soon as possible." + send
		}
		due := dl.Due
		if !dl.Target.IsZero() {
			due = dl.Target
		}
		if dl.State != workflow.StateOK {
			return what + " should be sent by " + due.Long() + ", so I need " + obj + " as soon as possible." + send
		}
		return what + " should be sent by " + due.Long() + ", so I would be grateful to receive " + obj + " well before then." + send
	}
	return send[1:]
}

// physicianWhy says in one line why the letter to the doctor fits now.
func (f *facts) physicianWhy(p *physicianFacts) string {
	who := "the doctor"
	if f.sit.BehavioralHealth {
		who = "the treating clinician"
	}
	letter := p.Criteria || p.General
	switch {
	case p.Urgency:
		return "ask " + who + " to state that the care is urgent, so the plan must decide within 72 hours"
	case p.Certify && p.External:
		return "ask " + who + " for the certification external review of an experimental denial needs"
	case p.Records && letter:
		return "ask " + who + " for the records the plan says it did not receive, and a letter on why the care is needed"
	case letter && p.Level2:
		return "ask " + who + " for a new letter that answers the level 1 decision, for the level 2 appeal"
	case p.Criteria && p.Policy != "":
		return "ask " + who + " for a letter answering the coverage policy's criteria"
	case p.Criteria:
		return "ask " + who + " for a letter answering the reason the plan gave"
	case p.Certify:
		return "ask " + who + " for the certification external review of an experimental denial needs"
	case p.Emergency:
		return "ask " + who + " to describe the emergency as it looked when the patient arrived"
	case p.General:
		return "ask " + who + " for a letter on why the care is needed"
	case p.Records:
		return "ask " + who + " for the records the plan says it did not receive"
	case p.Photos:
		return "ask " + who + " for photographs of the condition the plan calls cosmetic"
	}
	return ""
}

// physicianSubject is the subject line of the letter to the doctor.
func physicianSubject(p *physicianFacts) string {
	var what []string
	if p.Urgency {
		what = append(what, "a statement of urgency")
	}
	if p.Criteria || p.General || p.Emergency {
		what = append(what, "a letter of medical necessity")
	}
	if p.Certify {
		what = append(what, "a certification for external review")
	}
	if p.Records {
		what = append(what, "clinical records")
	}
	if p.Photos {
		what = append(what, "photographs")
	}
	s := "Request for " + joinAnd(what)
	switch {
	case p.External:
		return s + " for an external review"
	case p.Level2:
		return s + " for a level 2 appeal"
	}
	return s + " for an appeal"
}

func offerPhysician(f *facts) string {
	switch {
	case !f.open, f.pending != nil, f.hasExt && f.ext.IsFiled(), f.stage() == stageFirst && f.anyFiled:
		return ""
	}
	return f.physicianWhy(f.physicianFacts())
}

func refusePhysician(f *facts) *RefusedError {
	if plain(f.c.Physician.Name) == "" {
		return &RefusedError{Reason: "the letter goes to the doctor who treats the patient or ordered the care, and no doctor " +
			"is named: add their name", Field: "physician.name"}
	}
	if f.c.Plan.OtherRules() {
		return &RefusedError{Reason: "Medicare, Medicare Advantage, Medicaid, TRICARE, VA and FEHB plans follow other rules " +
			"entirely, and this letter is written for the appeals of employer and individual plans: ask your doctor to " +
			"support the reconsideration or appeal your plan's notice describes", Field: "plan.type"}
	}
	if a, ok := f.overturned(); ok {
		return &RefusedError{Reason: "the " + levelWords(a.Level) + " decision overturned the denial: there is nothing left " +
			"to ask the doctor for", Field: f.appealField(a.Level, "decision")}
	}
	if f.billingError() {
		next := "the appeal, with the Explanation of Benefits and the facts of the error,"
		switch {
		case f.sit.Coding:
			next = "a corrected claim from the provider's billing office (the corrected-claim request)"
		case f.sit.Duplicate:
			next = "an audit of the claims (the claim audit request)"
		}
		return &RefusedError{Reason: "the denial is a billing error, not a medical judgment, so a letter from the doctor is not " +
			"what fixes it: " + next + " does", Field: "denial.category"}
	}
	if !f.physicianFacts().asks() {
		st := f.stage()
		var held []string
		if f.inHand(workflow.DocPhysicianLetter, st) {
			held = append(held, "the letter of medical necessity")
		}
		if f.sit.Urgent && f.inHand(workflow.DocUrgencyStatement, st) {
			held = append(held, "the statement of urgency")
		}
		if f.sit.Experimental && f.inHand(workflow.DocPhysicianCertification, st) {
			held = append(held, "the certification for external review")
		}
		reason := "the case already holds what this letter would ask the doctor for"
		if len(held) > 0 {
			reason += " (" + joinAnd(held) + ")"
		}
		return &RefusedError{Reason: reason + ": mark a document as still needed if the doctor should write again",
			Field: "documents"}
	}
	return nil
}

func gapsPhysician(f *facts, g *gapList) {
	c := f.c
	p := f.physicianFacts()
	if p.Criteria && len(c.Denial.Policy.Criteria) == 0 {
		if p.Policy != "" {
			g.add(Strengthens, "denial.policy.criteria[0].text", "the criteria of the coverage policy, for the doctor to answer one by one")
		} else {
			g.add(Strengthens, "denial.policy.number", "the coverage policy or guideline the denial relied on, for the doctor to "+
				"answer (the claim-file request asks the plan for it)")
		}
	}
	if p.Emergency {
		g.need(Strengthens, c.Claim.Symptoms, "claim.symptoms", "the symptoms that made the patient seek emergency care")
	}
	if p.Urgency {
		g.need(Strengthens, c.Denial.AppealsFax, "denial.appeals_fax", "the plan's fax number for appeals, so the doctor can fax the statement")
	}
}
