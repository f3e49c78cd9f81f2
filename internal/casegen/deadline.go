package casegen

import (
	"math/rand/v2"
	"time"

	"github.com/overturn/overturn/internal/deadlineoracle"
	"github.com/overturn/overturn/workflow"
)

// deadlineStream keeps DeadlineCase's random numbers apart from Case's, so
// that Case's sequence (which benchmarks and the performance harness use)
// does not change.
const deadlineStream = 0x9e3779b97f4a7c15

// DeadlineCase returns case i of a second sequence made from seed, as of
// now: a case of the same realistic kind as Case's, whose deadline facts
// are drawn to exercise the deadline rules. It covers every plan type
// (public-employer and medicare-advantage among them) and funding;
// post-service, pre-service, concurrent, urgent and unknown reviews; one-
// and two-level plans, plans whose levels are not known, and individual
// coverage recorded with two levels (and appeals at a level the plan does
// not have); every stage from a denial not yet appealed to an external
// review decided; receipts of notices, appeals and decisions known and
// not known, printed decision dates known and not, appeal_by dates;
// urgent cases whose expedited external review runs beside the internal
// appeal; and the statuses exhausted and closed with a final denial and
// no external review. The day each deadline is counted from is drawn so
// that many deadlines end on or next to a federal holiday, the day
// observed for one, a weekend, a month's end or a leap day.
//
// Every date is on or before now's date, except a pre-service date of
// service, which may be to come.
func DeadlineCase(i int, seed int64, now time.Time) *workflow.Case {
	g := &gen{r: rand.New(rand.NewPCG(uint64(seed), uint64(i)^deadlineStream)), now: now.UTC()}
	c := g.build(Categories[i%len(Categories)], i)
	g.deadlineFacts(c)
	return c
}

// stage is how far a generated case has gone.
type stage int

const (
	stageNotice          stage = iota // denied, no appeal sent
	stageLevel1                       // level 1 sent, not decided
	stageDecided1                     // level 1 decided
	stageLevel2                       // level 2 sent, not decided
	stageDecided2                     // level 2 decided
	stageExternal                     // external review asked for, not decided
	stageExternalDecided              // external review decided
)

// The events of a case, in order; a stage ends at one of them.
const (
	evPrinted = iota // the first notice's printed date
	evReceived
	evFiled1
	evReceived1
	evPrinted1 // the level 1 decision's printed date
	evGot1     // the day the level 1 decision came
	evFiled2
	evReceived2
	evPrinted2
	evGot2
	evFiledX
	evReceivedX
	evPrintedX
	evGotX
	events
)

// chain holds a case's event dates and which of them the case records.
type chain struct {
	date  [events]workflow.Date
	known [events]bool
}

func (ch *chain) get(e int) workflow.Date {
	if !ch.known[e] {
		return workflow.Date{}
	}
	return ch.date[e]
}

func (g *gen) deadlineFacts(c *workflow.Case) {
	c.Plan = g.deadlinePlan()
	c.Denial.Review = pick(g, []workflow.Review{workflow.ReviewPostService, workflow.ReviewPostService,
		workflow.ReviewPreService, workflow.ReviewConcurrent, workflow.ReviewUrgent, workflow.ReviewUnknown})
	c.Denial.Urgent = g.r.IntN(5) == 0 // marked urgent: counts only for care not yet received
	c.Appeals = nil
	c.Recovered, c.Resolution, c.Resume = workflow.Money{}, "", workflow.Resume{}

	// Weighted towards the deadlines people miss: the first appeal and
	// external review.
	st := pick(g, []stage{stageNotice, stageNotice, stageNotice, stageLevel1, stageLevel1, stageDecided1,
		stageDecided1, stageDecided1, stageLevel2, stageDecided2, stageDecided2, stageExternal, stageExternalDecided})
	levels := c.Plan.InternalLevels
	// A second level is recorded when the plan has one, may have one, or
	// now and then when it has none (a contradiction the rules settle).
	second := levels == 2 || levels == 0 && g.chance(0.6) || g.chance(0.12)
	if !second && (st == stageLevel2 || st == stageDecided2) {
		st = stageExternal
	}
	last := map[stage]int{stageNotice: evReceived, stageLevel1: evReceived1, stageDecided1: evGot1,
		stageLevel2: evReceived2, stageDecided2: evGot2, stageExternal: evReceivedX, stageExternalDecided: evGotX}[st]

	var ch chain
	for e := 0; e <= last; e++ {
		ch.known[e] = true
	}
	ch.known[evReceived] = g.chance(0.65)
	ch.known[evReceived1] = g.chance(0.5)
	ch.known[evPrinted1] = g.chance(0.7)
	ch.known[evGot1] = g.chance(0.65)
	ch.known[evReceived2] = g.chance(0.5)
	ch.known[evPrinted2] = g.chance(0.7)
	ch.known[evGot2] = g.chance(0.65)
	ch.known[evReceivedX] = g.chance(0.5)
	ch.known[evPrintedX] = g.chance(0.5)
	if !second {
		for e := evFiled2; e <= evGot2; e++ {
			ch.known[e] = false
		}
	}
	for e := last + 1; e < events; e++ {
		ch.known[e] = false
	}
	// The count of the stage's deadline starts at its latest known event.
	key := last
	for key > 0 && !ch.known[key] {
		key--
	}
	ch.date[key] = g.keyDate(st, c)
	g.spread(&ch, key, last)
	g.notices(c, &ch)
	g.appeals(c, &ch, st, second)
	g.status(c, st)

	c.Created = g.at(ch.date[evReceived])
	c.Updated = c.Created
}

// deadlinePlan draws a plan: its type, funding and number of levels.
func (g *gen) deadlinePlan() workflow.Plan {
	t := pick(g, []workflow.PlanType{workflow.PlanEmployer, workflow.PlanEmployer, workflow.PlanEmployer,
		workflow.PlanEmployer, workflow.PlanPublicEmployer, workflow.PlanPublicEmployer, workflow.PlanIndividual,
		workflow.PlanIndividual, workflow.PlanIndividual, workflow.PlanMedicareAdvantage,
		workflow.PlanMedicareAdvantage, workflow.PlanGovernment, workflow.PlanUnknownStated, workflow.PlanUnknown})
	p := workflow.Plan{Type: t, State: pick(g, states)}
	switch t {
	case workflow.PlanEmployer, workflow.PlanPublicEmployer:
		p.Employer = pick(g, employers)
		if t == workflow.PlanPublicEmployer {
			p.Employer = pick(g, governmentEmployers)
		}
		p.Funding = pick(g, []workflow.Funding{workflow.FundingSelf, workflow.FundingInsured, workflow.FundingUnknown})
		p.InternalLevels = pick(g, []int{1, 1, 2, 2, 0})
	case workflow.PlanIndividual:
		// Two levels here is a mistake in the file: individual coverage
		// has one whatever it says.
		p.InternalLevels = pick(g, []int{1, 1, 2, 0})
	case workflow.PlanUnknownStated, workflow.PlanUnknown:
		p.InternalLevels = pick(g, []int{0, 0, 1, 2})
	}
	return p
}

// keyDate draws the day the deadline of stage st is counted from: the
// day a deadline's length before a day worth testing (a holiday, the day
// observed for one, a weekend, a month's end), or a month's last days,
// on or before today.
func (g *gen) keyDate(st stage, c *workflow.Case) workflow.Date {
	today := g.today()
	months := st == stageDecided1 || st == stageDecided2
	if months && g.chance(0.4) {
		// The last days of a month: the fourth month after may have no
		// such day (the fifth-month rule).
		for {
			d := today.AddDays(-g.r.IntN(300))
			if d.Day() >= 28 {
				return d
			}
		}
	}
	var days int
	switch st {
	case stageNotice:
		days = 180
		if c.Plan.Type == workflow.PlanMedicareAdvantage {
			days = 65
		}
	case stageLevel1, stageLevel2:
		days = pick(g, []int{15, 30, 60})
		if c.Denial.Review == workflow.ReviewUrgent {
			days = 3
		}
	case stageExternal:
		days = 45
		if c.Denial.Review == workflow.ReviewUrgent {
			days = 3
		}
	case stageExternalDecided:
		return today.AddDays(-g.r.IntN(200))
	}
	if months {
		days = 123 // about four months, for the landing window
	}
	land := g.landing(today.AddDays(-150), today.AddDays(days))
	if months {
		y, m := land.Year(), land.Month()-4
		if m < time.January {
			y, m = y-1, m+12
		}
		d := min(land.Day(), time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day())
		return earlier(workflow.NewDate(y, m, d), today)
	}
	return earlier(land.AddDays(-days), today)
}

// landing draws a day from lo to hi worth a deadline's ending on.
func (g *gen) landing(lo, hi workflow.Date) workflow.Date {
	var special, weekend, edge []workflow.Date
	for d := lo; !d.After(hi); d = d.AddDays(1) {
		switch {
		case deadlineoracle.Holiday(d) != "" || deadlineoracle.Observed(d) != "" ||
			deadlineoracle.Holiday(d.AddDays(1)) != "" || deadlineoracle.Holiday(d.AddDays(-1)) != "":
			special = append(special, d)
		case d.Weekday() == time.Saturday || d.Weekday() == time.Sunday:
			weekend = append(weekend, d)
		case d.Day() >= 28 || d.Day() == 1:
			edge = append(edge, d)
		}
	}
	switch x := g.r.Float64(); {
	case x < 0.45 && len(special) > 0:
		return pick(g, special)
	case x < 0.7 && len(weekend) > 0:
		return pick(g, weekend)
	case x < 0.85 && len(edge) > 0:
		return pick(g, edge)
	}
	return lo.AddDays(g.r.IntN(lo.DaysUntil(hi) + 1))
}

// gaps are the days between one event and the next: from the printed
// notice to its receipt, to the level 1 appeal, to its receipt, to the
// decision's printed date, to its receipt, and so on.
var gaps = [events][2]int{
	evReceived: {0, 9}, evFiled1: {3, 90}, evReceived1: {0, 6}, evPrinted1: {1, 40}, evGot1: {0, 8},
	evFiled2: {3, 50}, evReceived2: {0, 6}, evPrinted2: {1, 30}, evGot2: {0, 8},
	evFiledX: {3, 100}, evReceivedX: {0, 6}, evPrintedX: {1, 45}, evGotX: {0, 8},
}

// spread dates every event up to last from the key event's date: earlier
// events before it, later ones after it, none after today.
func (g *gen) spread(ch *chain, key, last int) {
	gap := func(e int) int { return gaps[e][0] + g.r.IntN(gaps[e][1]-gaps[e][0]+1) }
	for e := key - 1; e >= 0; e-- {
		ch.date[e] = ch.date[e+1].AddDays(-gap(e + 1))
	}
	for e := key + 1; e <= last; e++ {
		ch.date[e] = earlier(ch.date[e-1].AddDays(gap(e)), g.today())
	}
}

// notices sets the EOB and the denial letter: one of them is the first
// notice of the chain, the other may follow.
func (g *gen) notices(c *workflow.Case, ch *chain) {
	first := [2]workflow.Date{ch.date[evPrinted], ch.get(evReceived)}
	var other [2]workflow.Date
	if g.chance(0.6) {
		other[0] = earlier(ch.date[evPrinted].AddDays(g.r.IntN(7)-1), g.today())
		if g.chance(0.5) {
			other[1] = earlier(other[0].AddDays(g.r.IntN(8)), g.today())
		}
	}
	eob, letter := first, other
	if c.Denial.Review.BeforeCare() && g.chance(0.7) {
		// Care not yet given: the denial letter is the notice; an EOB
		// may never come.
		eob, letter = other, first
	}
	c.EOB.Date, c.EOB.Received = eob[0], eob[1]
	c.Denial.LetterDate, c.Denial.Received = letter[0], letter[1]
	if g.chance(0.03) {
		// Nothing dated: the case cannot be counted yet.
		c.EOB.Date, c.EOB.Received, c.Denial.LetterDate, c.Denial.Received = workflow.Date{}, workflow.Date{}, workflow.Date{}, workflow.Date{}
	}
	dos := ch.date[evPrinted].AddDays(-10 - g.r.IntN(50))
	if c.Denial.Review.BeforeCare() {
		dos = ch.date[evPrinted].AddDays(5 + g.r.IntN(40))
	}
	c.Claim.DateOfService = dos
}

// appeals records the appeals of the chain up to stage st.
func (g *gen) appeals(c *workflow.Case, ch *chain, st stage, second bool) {
	adverse := func() workflow.Decision {
		return pick(g, []workflow.Decision{workflow.DecisionUpheld, workflow.DecisionUpheld, workflow.DecisionUpheld,
			workflow.DecisionUpheld, workflow.DecisionPartlyOverturned})
	}
	final := func() workflow.Decision {
		return pick(g, []workflow.Decision{workflow.DecisionUpheld, workflow.DecisionUpheld, workflow.DecisionUpheld,
			workflow.DecisionPartlyOverturned, workflow.DecisionOverturned})
	}
	appeal := func(lv workflow.Level, filed, received, printed, got int, reached, decided bool) {
		if !reached {
			return
		}
		a := workflow.Appeal{Level: lv, Filed: ch.get(filed), Received: ch.get(received),
			Method:   pick(g, []workflow.Method{workflow.MethodPortal, workflow.MethodCertifiedMail, workflow.MethodFax, workflow.MethodMail}),
			Decision: workflow.DecisionPending}
		if c.Denial.Review == workflow.ReviewUrgent && lv != workflow.LevelExternal && g.chance(0.5) {
			a.Method = workflow.MethodPhone
		}
		if decided {
			a.Decision = adverse()
			if last := lv == workflow.LevelExternal || lv == workflow.Level2 && st == stageDecided2 ||
				lv == workflow.Level1 && st == stageDecided1; last {
				a.Decision = final()
			}
			a.DecisionDate, a.DecisionReceived = ch.get(printed), ch.get(got)
			if a.DecisionDate.IsZero() && a.DecisionReceived.IsZero() && g.chance(0.5) {
				// A decision whose letter gave no date, received some day.
				a.DecisionReceived = ch.date[got]
			}
		}
		c.Appeals = append(c.Appeals, a)
	}
	appeal(workflow.Level1, evFiled1, evReceived1, evPrinted1, evGot1, st >= stageLevel1, st >= stageDecided1)
	if st >= stageDecided1 && c.Appeals[0].Decision != workflow.DecisionOverturned && g.chance(0.5) {
		// The level 1 decision prints the last day to appeal it.
		base := cmpOr(c.Appeals[0].DecisionDate, ch.date[evPrinted1])
		c.Appeals[0].AppealBy = base.AddDays(pick(g, []int{45, 60, 60, 90, 180}))
	}
	appeal(workflow.Level2, evFiled2, evReceived2, evPrinted2, evGot2, second && st >= stageLevel2, st >= stageDecided2)
	appeal(workflow.LevelExternal, evFiledX, evReceivedX, evPrintedX, evGotX, st >= stageExternal, st >= stageExternalDecided)
	if st == stageLevel1 && c.Denial.Review == workflow.ReviewUrgent && g.chance(0.3) {
		// An expedited external review beside the urgent internal appeal.
		filed := earlier(c.Appeals[0].Filed.AddDays(g.r.IntN(2)), g.today())
		a := workflow.Appeal{Level: workflow.LevelExternal, Filed: filed, Method: workflow.MethodFax, Decision: workflow.DecisionPending}
		if g.chance(0.5) {
			a.Received = filed
		}
		c.Appeals = append(c.Appeals, a)
	}
}

// status sets the step and the status from the last appeal.
func (g *gen) status(c *workflow.Case, st stage) {
	c.Status = workflow.StatusOpen
	switch st {
	case stageNotice:
		c.Step = workflow.Step(1 + g.r.IntN(5))
	case stageLevel1:
		c.Step = workflow.StepTrack
	default:
		c.Step = workflow.StepEscalate
	}
	if len(c.Appeals) == 0 {
		return
	}
	last := c.Appeals[len(c.Appeals)-1]
	switch {
	case last.Decision == workflow.DecisionOverturned:
		c.Status = workflow.StatusResolved
		c.Recovered = c.Claim.MemberOwes
	case last.Decision == workflow.DecisionPartlyOverturned && g.chance(0.5):
		c.Status = workflow.StatusResolved
		c.Recovered = workflow.Cents(c.Claim.MemberOwes.Cents() / 2)
	case last.Level == workflow.LevelExternal && last.Decision == workflow.DecisionUpheld:
		c.Status = workflow.StatusExhausted
	case last.Decision != workflow.DecisionPending:
		// A final internal denial, no external review asked for yet.
		c.Status = pick(g, []workflow.Status{workflow.StatusOpen, workflow.StatusOpen, workflow.StatusOpen,
			workflow.StatusExhausted, workflow.StatusClosed})
	}
}

// earlier returns the earlier of two dates.
func earlier(a, b workflow.Date) workflow.Date {
	if b.Before(a) {
		return b
	}
	return a
}

// cmpOr returns a, or b when a is not known.
func cmpOr(a, b workflow.Date) workflow.Date {
	if a.IsZero() {
		return b
	}
	return a
}
