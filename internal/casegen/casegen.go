// Package casegen makes realistic, deterministic cases for benchmarks, the
// performance harness and soak runs: every denial category and plan type,
// short and long text, non-ASCII names, EOB codes, procedures with money,
// calls, documents and appeals in every state.
//
// The same seed always gives the same cases, and case i depends only on
// the seed and i, so a store of 100,000 cases can be written one case at a
// time without holding them all. DeadlineCase makes a second sequence, of
// cases drawn to exercise the deadline rules.
package casegen

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/workflow"
)

// Categories lists every known denial category the generator covers, in
// the order Case cycles through them.
var Categories = []workflow.Category{
	workflow.CategoryMedicalNecessity,
	workflow.CategoryExperimental,
	workflow.CategoryPriorAuth,
	workflow.CategoryNotCovered,
	workflow.CategoryNetwork,
	workflow.CategoryCoding,
	workflow.CategoryDuplicate,
	workflow.CategoryCostShare,
	workflow.CategoryEligibility,
	workflow.CategoryOther,
	workflow.CategoryUnknown,
}

// PlanTypes lists every plan type the generator covers.
var PlanTypes = append(workflow.PlanTypes(), workflow.PlanUnknown)

// Generate returns n cases made from seed, as of now.
func Generate(n int, seed int64, now time.Time) []*workflow.Case {
	cases := make([]*workflow.Case, 0, n)
	for _, c := range All(n, seed, now) {
		cases = append(cases, c)
	}
	return cases
}

// All yields the cases Generate returns, with their index, one at a time.
func All(n int, seed int64, now time.Time) iter.Seq2[int, *workflow.Case] {
	return func(yield func(int, *workflow.Case) bool) {
		for i := range n {
			if !yield(i, Case(i, seed, now)) {
				return
			}
		}
	}
}

// Case returns case i of the sequence made from seed, as of now. Its
// denial category is Categories[i%len(Categories)], so any run of
// len(Categories) cases covers every category.
func Case(i int, seed int64, now time.Time) *workflow.Case {
	g := &gen{r: rand.New(rand.NewPCG(uint64(seed), uint64(i))), now: now.UTC()}
	return g.build(Categories[i%len(Categories)], i)
}

type gen struct {
	r   *rand.Rand
	now time.Time
}

func pick[T any](g *gen, xs []T) T { return xs[g.r.IntN(len(xs))] }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) digits(n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(byte('0' + g.r.IntN(10)))
	}
	return b.String()
}

// today is the civil date of now.
func (g *gen) today() workflow.Date { return workflow.DateOf(g.now) }

// daysAgo returns a date between lo and hi days before today.
func (g *gen) daysAgo(lo, hi int) workflow.Date {
	return g.today().AddDays(-(lo + g.r.IntN(hi-lo+1)))
}

// at returns a time of day during office hours on d, in UTC, never after now.
func (g *gen) at(d workflow.Date) time.Time {
	t := d.Time().Add(time.Duration(13+g.r.IntN(8))*time.Hour + time.Duration(g.r.IntN(60))*time.Minute)
	if t.After(g.now) {
		return g.now
	}
	return t
}

func (g *gen) money(lo, hi int64) workflow.Money {
	return workflow.Cents(lo*100 + g.r.Int64N((hi-lo)*100+1))
}

func (g *gen) build(cat workflow.Category, i int) *workflow.Case {
	c := workflow.NewCase(g.now, "Cigna")
	p := pick(g, people)
	c.Member = workflow.Member{
		Name:        p.name,
		MemberID:    "U" + g.digits(8) + "01",
		GroupNumber: g.digits(7),
		Address:     p.address,
		Phone:       fmt.Sprintf("(%s) 555-%s", pick(g, areaCodes), g.digits(4)),
		Email:       p.email,
		DateOfBirth: workflow.NewDate(1945+g.r.IntN(60), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28)),
	}
	if g.chance(0.3) {
		d := pick(g, dependents)
		c.Patient = workflow.Patient{Name: d.name, Relationship: d.relationship,
			DateOfBirth: workflow.NewDate(1990+g.r.IntN(30), time.Month(1+g.r.IntN(12)), 1+g.r.IntN(28))}
	}
	if g.chance(0.4) {
		a := pick(g, advocates)
		c.Representative = workflow.Representative{Name: a.name, Relationship: a.relationship,
			Address: a.address, Phone: fmt.Sprintf("(%s) 555-%s", pick(g, areaCodes), g.digits(4))}
	}
	if g.chance(0.6) {
		c.Physician = pick(g, physicians)
	}
	c.Plan = g.plan()
	sc := scenarios[cat]
	if len(sc) == 0 {
		sc = scenarios[workflow.CategoryOther]
	}
	s := pick(g, sc)
	g.claim(c, s)
	g.denial(c, cat, s)
	if g.chance(0.2) {
		c.Denial.AppealsAddress = pick(g, appealsAddresses)
	}
	g.eobErrors(c, cat)
	g.costShare(c)
	g.progress(c)
	c.Title = g.title(c, s, i)
	c.Created = g.at(c.Denial.Received)
	c.Updated = c.Created.Add(time.Duration(g.r.Int64N(int64(g.now.Sub(c.Created)) + 1))).Truncate(time.Second)
	if c.Updated.Before(c.Created) {
		c.Updated = c.Created
	}
	return c
}

func (g *gen) plan() workflow.Plan {
	t := pick(g, PlanTypes)
	p := workflow.Plan{Type: t, State: pick(g, states)}
	switch t {
	case workflow.PlanEmployer, workflow.PlanPublicEmployer:
		p.Employer = pick(g, employers)
		if t == workflow.PlanPublicEmployer {
			p.Employer = pick(g, governmentEmployers)
		}
		p.InternalLevels = 1 + g.r.IntN(2)
		if g.chance(0.8) {
			p.Funding = pick(g, workflow.Fundings())
		}
	case workflow.PlanIndividual:
		p.InternalLevels = 1
	case workflow.PlanGovernment, workflow.PlanMedicareAdvantage:
		p.Employer = pick(g, governmentEmployers)
	}
	if g.chance(0.15) {
		p.InternalLevels = 0
	}
	return p
}

func (g *gen) claim(c *workflow.Case, s scenario) {
	dos := g.daysAgo(60, 400)
	c.Claim.Number = pick(g, []string{"E", "P", "C"}) + g.digits(11)
	c.Claim.DateOfService = dos
	c.Claim.Provider = pick(g, s.providers)
	var billed, allowed int64
	for _, pr := range s.procedures {
		b := g.money(pr.lo, pr.hi)
		a := workflow.Cents(b.Cents() * int64(40+g.r.IntN(45)) / 100)
		mods := slices.Clone(pr.modifiers)
		if len(mods) == 0 && g.chance(0.2) {
			mods = []string{pick(g, []string{"25", "59", "26", "TC", "LT", "RT"})}
		}
		c.Claim.Procedures = append(c.Claim.Procedures, workflow.Procedure{
			Code: pr.code, Modifiers: mods, Billed: b, Allowed: a})
		billed += b.Cents()
		allowed += a.Cents()
	}
	c.Claim.Diagnoses = slices.Clone(s.diagnoses)
	c.Claim.Billed = workflow.Cents(billed)
	c.Claim.Allowed = workflow.Cents(allowed)
	paid := allowed * int64(g.r.IntN(81)) / 100
	if s.deniedOutright {
		paid = 0
	}
	c.Claim.PlanPaid = workflow.Cents(paid)
	c.Claim.MemberOwes = workflow.Cents(billed - paid)
	if !s.deniedOutright {
		c.Claim.MemberOwes = workflow.Cents(allowed - paid)
	}
	if g.chance(0.1) {
		c.Claim.Allowed = workflow.Money{}
	}
	c.EOB = workflow.EOB{
		Date:   dos.AddDays(14 + g.r.IntN(30)),
		Codes:  slices.Clone(s.codes),
		Reason: pick(g, s.reasons),
	}
	c.EOB.Received = c.EOB.Date.AddDays(2 + g.r.IntN(8))
	if g.chance(0.5) {
		c.EOB.File = fmt.Sprintf("~/Documents/insurance/EOB %s.pdf", c.EOB.Date)
	}
}

func (g *gen) denial(c *workflow.Case, cat workflow.Category, s scenario) {
	review := workflow.ReviewPostService
	switch cat {
	case workflow.CategoryMedicalNecessity, workflow.CategoryExperimental, workflow.CategoryPriorAuth:
		// Requests for care not yet given: some are urgent.
		review = pick(g, []workflow.Review{workflow.ReviewPostService, workflow.ReviewPostService,
			workflow.ReviewPostService, workflow.ReviewPreService, workflow.ReviewUrgent})
	case workflow.CategoryUnknown:
		review = pick(g, []workflow.Review{workflow.ReviewPostService, workflow.ReviewUnknown})
	}
	d := workflow.Denial{
		Category: cat,
		Review:   review,
		Reviewer: s.reviewer,
		Policy:   s.policy,
	}
	d.Policy.Criteria = slices.Clone(s.policy.Criteria)
	d.LetterDate = c.EOB.Date.AddDays(g.r.IntN(5))
	d.Received = d.LetterDate.AddDays(2 + g.r.IntN(10))
	if d.Received.After(g.today()) {
		d.Received = g.today()
	}
	if s.bh != workflow.BHUnknown {
		d.BehavioralHealth = true
		d.BHLevel = s.bh
	}
	if cat == workflow.CategoryPriorAuth && g.chance(0.5) {
		d.PriorAuth = workflow.PriorAuth{Number: "PA" + g.digits(9), Approved: c.Claim.DateOfService.AddDays(-10 - g.r.IntN(30))}
	}
	for i := range d.Policy.Criteria {
		if g.chance(0.3) {
			d.Policy.Criteria[i].Evidence = ""
		}
	}
	c.Denial = d
	if g.chance(0.6) {
		c.Denial.Notice = map[string]bool{}
		for _, e := range workflow.NoticeElements(c) {
			if g.chance(0.8) {
				c.Denial.Notice[e.ID] = g.chance(0.85)
			}
		}
	}
}

func (g *gen) eobErrors(c *workflow.Case, cat workflow.Category) {
	check := func(isErr bool, detail string) workflow.Check {
		switch {
		case isErr:
			return workflow.Check{Status: workflow.CheckError, Details: detail}
		case g.chance(0.6):
			return workflow.Check{Status: workflow.CheckOK}
		default:
			return workflow.Check{Status: workflow.CheckNotChecked}
		}
	}
	c.EOBErrors = workflow.EOBErrors{
		Network: check(cat == workflow.CategoryNetwork,
			"The EOB shows the anesthesiologist as out of network, but the hospital is in network and I had no choice of anesthesiologist."),
		CPT: check(cat == workflow.CategoryCoding,
			"The office billed 99215 but the visit was a 15-minute follow-up; the chart supports 99213."),
		Duplicate: check(cat == workflow.CategoryDuplicate,
			"Claim "+c.Claim.Number+" was denied as a duplicate, but the two visits were on different days."),
		CostShare: check(cat == workflow.CategoryCostShare,
			"Coinsurance was applied before my deductible was met; my deductible was already met in March."),
		PriorAuth: check(cat == workflow.CategoryPriorAuth,
			"The EOB says no prior authorization, but authorization was approved before the service."),
	}
}

func (g *gen) costShare(c *workflow.Case) {
	if g.chance(0.3) {
		return
	}
	ded := workflow.Cents(int64(pick(g, []int{500, 1000, 1500, 2500, 3000, 6000})) * 100)
	oop := workflow.Cents(int64(pick(g, []int{3000, 4500, 6000, 8700, 9200})) * 100)
	c.CostShare = workflow.CostShareTerms{
		Network:        pick(g, []workflow.Network{workflow.NetworkIn, workflow.NetworkIn, workflow.NetworkOut}),
		Deductible:     ded,
		DeductibleMet:  workflow.Cents(g.r.Int64N(ded.Cents() + 1)),
		CoinsurancePct: pick(g, []int{10, 20, 30, 40, 50}),
		Copay:          workflow.Cents(int64(pick(g, []int{0, 20, 30, 50, 75})) * 100),
		OOPMax:         oop,
		OOPMet:         workflow.Cents(g.r.Int64N(oop.Cents() + 1)),
	}
}

// progress fills calls, messages, documents and appeals for a case that
// has reached a random step, and its status.
func (g *gen) progress(c *workflow.Case) {
	step := workflow.Step(1 + g.r.IntN(7))
	c.Step = step
	base := c.Denial.Received
	if base.IsZero() {
		base = c.EOB.Received
	}
	day := func(after int) workflow.Date {
		d := base.AddDays(after)
		if d.After(g.today()) {
			return g.today()
		}
		return d
	}
	if step >= workflow.StepCall {
		for k := range 1 + g.r.IntN(3) {
			c.Calls = append(c.Calls, workflow.Call{
				At:        g.at(day(1 + 3*k)),
				With:      pick(g, []workflow.CallWith{workflow.CallMemberServices, workflow.CallBehavioralHealth, workflow.CallProviderBilling, workflow.CallDelegate, workflow.CallOther}),
				Rep:       pick(g, reps),
				Reference: g.digits(4) + "-" + g.digits(6),
				Outcome:   pick(g, outcomes),
			})
		}
		if g.chance(0.4) {
			c.Messages = append(c.Messages, workflow.SecureMessage{
				Sent: day(4), Subject: pick(g, subjects), Reference: "SM" + g.digits(8)})
		}
	}
	if step >= workflow.StepGather {
		kinds := []workflow.DocKind{workflow.DocEOB, workflow.DocDenialLetter, workflow.DocPhysicianLetter, workflow.DocMedicalRecords}
		if c.Denial.Category == workflow.CategoryPriorAuth {
			kinds = append(kinds, workflow.DocPriorAuthApproval)
		}
		if g.chance(0.5) {
			kinds = append(kinds, workflow.DocGuidelines, workflow.DocOther)
		}
		for _, k := range kinds {
			st := pick(g, []workflow.DocStatus{workflow.DocNeeded, workflow.DocRequested, workflow.DocHave, workflow.DocHave})
			doc := workflow.Document{Kind: k, Description: docDescriptions[k], Status: st}
			if st == workflow.DocHave && g.chance(0.7) {
				doc.File = fmt.Sprintf("~/Documents/insurance/%s %d.pdf", k, 1+g.r.IntN(9))
			}
			c.Documents = append(c.Documents, doc)
		}
	}
	c.Status = workflow.StatusOpen
	if step < workflow.StepTrack {
		return
	}
	levels := []workflow.Level{workflow.Level1}
	if step == workflow.StepEscalate {
		levels = append(levels, workflow.Level2)
		if g.chance(0.5) {
			levels = append(levels, workflow.LevelExternal)
		}
	}
	filed := day(10 + g.r.IntN(20))
	for k, lv := range levels {
		a := workflow.Appeal{
			Level:    lv,
			Filed:    filed,
			Method:   pick(g, []workflow.Method{workflow.MethodPortal, workflow.MethodCertifiedMail, workflow.MethodFax, workflow.MethodMail}),
			Decision: workflow.DecisionUpheld,
		}
		if a.Method == workflow.MethodCertifiedMail {
			a.Tracking = "9407 1118 9876 " + g.digits(4) + " " + g.digits(4) + " " + g.digits(2)
		}
		if g.chance(0.7) {
			a.CaseNumber = "AP-" + g.digits(9)
		}
		last := k == len(levels)-1
		switch {
		case last && g.chance(0.5):
			a.Decision = workflow.DecisionPending
		case last:
			a.Decision = pick(g, []workflow.Decision{workflow.DecisionOverturned, workflow.DecisionPartlyOverturned, workflow.DecisionUpheld})
		}
		if a.Decision != workflow.DecisionPending {
			a.DecisionReceived = filed.AddDays(20 + g.r.IntN(25))
			if a.DecisionReceived.After(g.today()) {
				a.DecisionReceived = g.today()
			}
			filed = a.DecisionReceived.AddDays(5 + g.r.IntN(20))
			if filed.After(g.today()) {
				filed = g.today()
			}
		}
		c.Appeals = append(c.Appeals, a)
	}
	last := c.Appeals[len(c.Appeals)-1]
	switch last.Decision {
	case workflow.DecisionOverturned, workflow.DecisionPartlyOverturned:
		c.Status = workflow.StatusResolved
		rec := c.Claim.MemberOwes.Cents()
		if last.Decision == workflow.DecisionPartlyOverturned {
			rec /= 2
		}
		c.Recovered = workflow.Cents(rec)
	case workflow.DecisionUpheld:
		if last.Level == workflow.LevelExternal {
			c.Status = workflow.StatusExhausted
		}
	}
	if c.Status == workflow.StatusOpen && g.chance(0.05) {
		c.Status = workflow.StatusClosed
	}
	if c.Status == workflow.StatusOpen && g.chance(0.3) {
		c.Resume = workflow.Resume{Step: step, Field: pick(g, []string{"claim.number", "denial.policy.number", "member.phone", "appeals[0].tracking"})}
	}
}

func (g *gen) title(c *workflow.Case, s scenario, i int) string {
	who := c.Member.Name
	if c.Patient.Name != "" {
		who = c.Patient.Name
	}
	switch g.r.IntN(4) {
	case 0:
		return s.short
	case 1:
		return fmt.Sprintf("%s: %s", who, s.short)
	case 2:
		return fmt.Sprintf("%s, %s (%s)", s.short, c.Claim.DateOfService.Long(), who)
	default:
		return fmt.Sprintf("%s for %s, denied %s, claim %s; case %d of the caseload",
			s.long, who, c.Denial.LetterDate.Long(), c.Claim.Number, i+1)
	}
}

// Write writes the n cases made from seed to w as case files, one after
// another, as `overturn import -` reads them.
func Write(w io.Writer, n int, seed int64, now time.Time) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	for i, c := range All(n, seed, now) {
		b, err := casefile.Marshal(c)
		if err != nil {
			return fmt.Errorf("case %d: %w", i, err)
		}
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}
