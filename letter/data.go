package letter

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/overturn/overturn/workflow"
)

// data is what a letter template lays out. Every string in it is already
// clean (see plain and prose) and formatted; an empty string means "not
// known", and templates leave out what is empty. Citations come from
// workflow.Law, by plan type.
type data struct {
	Date       string
	Sender     []string
	Via        string // "Sent by fax to 1-800-555-0100": how an urgent letter travels
	Recipient  []string
	Expedited  bool
	Subject    string
	Reference  []field
	Salutation string

	Insurer     string // in a sentence: "Cigna"
	InsurerPoss string // "Cigna's"
	Reviewer    string // who decided: the insurer, its behavioral health arm or its delegate
	// Decider is who is asked to decide the appeal: the insurer, or the
	// reviewer with "reviewing for" the insurer.
	Decider string
	Phone   string // the writer's phone
	// EOBDate, CodeList, CPTDetails, DuplicateOf and DuplicateDetails are
	// the EOB's facts for the letters about billing errors.
	EOBDate, CodeList, CPTDetails, DuplicateOf, DuplicateDetails string
	// Exhausted is true when every appeal is used.
	Exhausted bool
	// Rep is true when a representative writes for the member;
	// Authorization when the letter carries the member's representative
	// authorization (not in the letter to the doctor).
	Rep, Authorization bool
	RepName, RepRel    string
	MemberName, Signer string
	PatientSubj        string // "I" when the member writes about their own care, else the patient's name
	PatientObj         string // "me", or the name
	PatientPoss        string // "my", or the name's
	ClaimNumber, DOS   string
	Provider, Facility string
	Care               string // "procedure code 72148", "the inpatient stay (revenue code 0120, 3 units)"
	billed             billed // the care as billed, which Care names
	What               string // after "denial of": "claim E1 for the care I received from X on March 3, 2026"
	Processed          bool   // the claim was allowed or paid, at the wrong cost sharing or network level, not denied
	Ask                string // the remedy: "overturn the denial and pay the claim"
	Urgent, BeforeCare bool
	Concurrent         bool
	// Scheduled is the date of care still to come, after today ("January
	// 12, 2027"): the letter asks for the decision before it.
	Scheduled    string
	DenialSource string // "The Explanation of Benefits dated August 14, 2026"
	// CodesSource is the notice the denial codes are read from, when it is
	// not DenialSource: the EOB, whose claim adjustment codes a denial
	// letter does not carry.
	CodesSource string
	DenialDate  string
	// Related are the other claims denied the same way, one each.
	Related      []string
	Reason       string // quoted, with its closing punctuation
	Codes        []code
	PolicyNumber string
	PolicyTitle  string
	// PolicyName names the policy or guideline the denial applied:
	// `coverage policy 0160, "Title"`, `coverage policy 0160`, or
	// `the guideline "MCG ..."` when only its title is known.
	PolicyName string
	Timeline   []event
	Argument   string // the person's own argument, a paragraph
	// Argued is true when the letter argues with more than the
	// timeline: the person's words, criteria, evidence, a situation.
	Argued bool
	// Records names the medical records in hand, when the letter has no
	// argument or criteria of its own to cite them.
	Records         []string
	Criteria        []criterion
	PhysicianLetter bool
	// PhysicianLetterText says the doctor's letter is enclosed, with its
	// description; UrgencySays what the doctor's statement of urgency says.
	PhysicianLetterText string
	UrgencyStatement    bool
	UrgencySays         string
	Certification       bool
	Emergency           *emergencyArg
	Surprise            *surpriseArg
	Directory           *directoryArg
	NetworkFix          string // the EOB's network error, and the verification
	Experimental        *experimentalArg
	Parity              *parityArg
	Errors              []eobError
	Notice              []noticeItem
	Prior               *appealFacts
	New                 []string // what is new since the level 1 appeal
	Pending             *appealFacts
	Late                *lateFacts
	Due                 string // the plan's decision deadline of the pending appeal
	External            *externalFacts
	Lapses              []lapse
	PlanWords, Employer string
	// StateLaw is the state whose insurance law also applies, for a
	// complaint to its regulator.
	StateLaw  string
	Physician *physicianFacts
	Bill      *billFacts

	Law        cites
	Enclosures []string
	CC         []string
}

type field struct{ Label, Value string }

type event struct{ Date, Text string }

type code struct{ Code, Meaning string }

type criterion struct{ Label, Text, Evidence string }

type eobError struct {
	N           int
	Title, Text string
}

type noticeItem struct{ Text, Cite string }

// cites are the citations of the rules that apply to the plan.
type cites struct {
	Basis          string // "The claims and appeals rules of 29 CFR 2560.503-1 and ... apply to this plan."
	ClaimFile      string // (h)(2)(iii)
	Guideline      string // (g)(1)(v)(A), or (A)-(B) for a medical judgment
	Rule           string // (g)(1)(v)(A)
	JudgmentCite   string // (g)(1)(v)(B)
	Judgment       bool
	Specialist     string // (h)(3)(iii)
	NotSame        string // (h)(3)(v)
	Experts        string // (h)(3)(iv)
	FullReview     string // (h)(2)(iv), (h)(3)(ii)
	DecisionRule   string
	DecisionCite   string
	Urgent         string // (m)(1)(i)
	UrgentDoctor   string // (m)(1)(ii)
	Urgent72       string // (i)(2)(i)
	ExpeditedExt   string // 45 CFR 147.136(d)(3)(i)
	Deemed         string
	DeemedExcept   string
	CodesAvailable string // (E)(1)
	ERISA          bool
	Specialty      string // the clinician's field, for the reviewer
}

type appealFacts struct {
	Level      string // "level 1"
	Filed      string
	Method     string // "by certified mail"
	Tracking   string
	Received   string // the day the plan received it
	CaseNumber string
	Decision   string // "upheld the denial", "upheld the denial in part"
	DecisionOn string // the day the decision was received
	Reason     string // the decision's stated reason, quoted
}

type lateFacts struct {
	// When says when the decision was due, and how it was counted.
	When, Cite string
	// Since says how long ago that was: "12 days".
	Since string
}

type emergencyArg struct {
	Symptoms  string
	PriorAuth bool // denied for prior authorization
	Cite      string
	Where     string
}

type surpriseArg struct {
	Specialty         string // "anesthesiology"
	Emergency         bool
	PR45              bool
	Cite, BillingCite string
	Recomputed        string // "my share of the allowed amount would be $X, not $Y"
	HelpDesk          string // "the federal No Surprises Help Desk (1-800-985-3059)"
	Owes              string
}

type directoryArg struct {
	Said string // "The plan's provider directory listed X as in network on March 3, 2026"
	Cite string
}

type experimentalArg struct {
	Definition, FDAStatus string
	Evidence              []string
	Treatment             string
	Cert                  bool   // the certification is enclosed
	CertSays              string // what it states, from its description
}

type parityArg struct {
	Level, Limit             string
	Kind                     string // "mental health", "substance use disorder", or both
	Cite, Criteria, Compared string
}

type externalFacts struct {
	Basis       string // "final", "late", "urgent", "notice"
	Process     string // "Texas's external review process", "the federal external review process"
	ProcessCite string
	State       bool // a state process: its own law sets the reviewer's time
	Due         string
	PastDue     bool
	Decides     string // "within 45 days of receiving the request (45 CFR 147.136(d)(2)(iii))"
	UrgentFiled string // the day the urgent internal appeal was filed
}

// data builds what the template of spec sp lays out.
func (f *facts) data(sp spec) *data {
	c := f.c
	d := &data{
		Date:             f.today.Long(),
		Insurer:          f.ins.Name,
		InsurerPoss:      possessive(f.ins.Name),
		Reviewer:         f.ins.ReviewerName(c),
		Decider:          f.ins.Name,
		EOBDate:          c.EOB.Date.Long(),
		CodeList:         strings.Join(denialCodes(c), ", "),
		CPTDetails:       sentence(prose(c.EOBErrors.CPT.Details)),
		DuplicateOf:      plain(c.Claim.DuplicateOf),
		Exhausted:        c.Status == workflow.StatusExhausted,
		DuplicateDetails: sentence(prose(c.EOBErrors.Duplicate.Details)),
		MemberName:       f.member,
		ClaimNumber:      plain(c.Claim.Number),
		DOS:              c.Claim.DateOfService.Long(),
		Provider:         f.provider,
		Facility:         plain(c.Claim.Facility.Name),
		Urgent:           f.sit.Urgent,
		BeforeCare:       f.beforeCareWords(),
		Concurrent:       c.Denial.Review == workflow.ReviewConcurrent,
		DenialDate:       denialDate(c).Long(),
		Reason:           quoted(prose(c.EOB.Reason)),
		Codes:            f.codeLines(),
		PolicyNumber:     plain(c.Denial.Policy.Number),
		PolicyTitle:      plain(c.Denial.Policy.Title),
		Processed: !f.sit.BeforeCare && (c.Claim.PlanPaid.Cents() > 0 || c.Claim.Allowed.Cents() > 0) && (f.sit.CostShare || f.sit.SurpriseBill ||
			f.sit.DirectoryError || f.sit.NetworkEOBError),
	}
	if dos := c.Claim.DateOfService; d.BeforeCare && !d.Concurrent && dos.After(f.today) {
		d.Scheduled = dos.Long()
	}
	d.setPeople(f)
	if d.Reviewer != d.Insurer {
		d.Decider = d.Reviewer + ", reviewing for " + d.Insurer + ","
	}
	d.Authorization = d.Rep && sp.to != toPhysician
	d.Phone = plain(c.Member.Phone)
	if d.Rep {
		d.Phone = plain(c.Representative.Phone)
	}
	d.billed = billedCare(c)
	d.Care = d.billed.text()
	switch {
	case d.PolicyNumber != "" && d.PolicyTitle != "":
		d.PolicyName = "coverage policy " + d.PolicyNumber + `, "` + d.PolicyTitle + `"`
	case d.PolicyNumber != "":
		d.PolicyName = "coverage policy " + d.PolicyNumber
	case d.PolicyTitle != "":
		d.PolicyName = `the guideline "` + d.PolicyTitle + `"`
	}
	d.What = f.what(d, sp.to == toPhysician)
	d.DenialSource = denialSource(c)
	for _, l := range c.Claim.RelatedClaims() {
		if l = prose(l); l != "" {
			d.Related = append(d.Related, l)
		}
	}
	if eob := "The Explanation of Benefits dated " + c.EOB.Date.Long(); !c.EOB.Date.IsZero() && eob != d.DenialSource {
		d.CodesSource = eob
	}
	d.Ask = f.ask(d)
	d.Law = f.cites()
	d.Expedited = f.sit.Urgent && (sp.kind == Level1 || sp.kind == Level2 || sp.kind == External || sp.kind == FollowUp)
	if d.Expedited {
		if fax := plain(c.Denial.AppealsFax); fax != "" && sp.to == toAppeals {
			d.Via = "Sent by fax to " + fax
		}
	}
	d.Recipient = f.recipient(sp).lines()
	d.Salutation = f.salutation(sp)
	d.Subject = f.subject(sp)
	d.Reference = f.reference(sp, d)
	d.Timeline = f.timeline(sp, d)
	d.setArgument(f)
	d.Argument = sentence(prose(c.Denial.Argument))
	if sp.kind == Level2 && f.hasL1 {
		d.Prior = newAppealFacts(f.l1)
		d.New = f.newEvidence()
	}
	if sp.kind == External && f.final != nil {
		d.Prior = newAppealFacts(*f.final)
	}
	if (sp.kind == Level1 || sp.kind == External) && d.Argument == "" && len(d.Criteria) == 0 {
		d.Records = f.records()
	}
	if f.pending != nil {
		d.Pending = newAppealFacts(*f.pending)
		if dl, ok := workflow.PlanDecisionDeadline(c, *f.pending, f.now.Location()); ok {
			d.Due = dl.Due.Long()
		}
	}
	if f.late != nil {
		l := f.late
		from := "the day I sent it, " + l.Appeal.Filed.Long()
		if l.FromReceipt {
			from = "the day " + d.Reviewer + " received it, " + l.Appeal.Received.Long()
		}
		d.Late = &lateFacts{When: "by " + l.Due.Long() + ", counted from " + from, Cite: l.Cite, Since: days(l.Due.DaysUntil(f.today))}
		if l.Hours {
			start := "its sending on " + l.Appeal.Filed.Long()
			if l.FromReceipt {
				start = "its receipt on " + l.Appeal.Received.Long()
			}
			d.Late.When = "within 72 hours of " + start + ", that is by " + l.Due.Long() + " at the latest"
		}
	}
	if sp.kind == External {
		d.External = f.externalFacts()
	}
	if sp.kind == Complaint {
		d.Lapses = f.lapses()
		d.PlanWords = planWords(c.Plan)
		if g := f.regulator(); g != nil && c.Plan.Insured() {
			d.StateLaw = g.State
		}
	}
	if (sp.kind == Complaint || sp.kind == PlanDocuments) && c.Plan.Group() {
		d.Employer = plain(c.Plan.Employer)
	}
	if sp.kind == Physician {
		d.Physician = f.physicianFacts()
	}
	if sp.kind == ProviderBill || sp.kind == CorrectedClaim {
		d.Bill = f.billFacts(d, sp.kind)
	}
	d.Argued = d.Argument != "" || len(d.Criteria) > 0 || d.Experimental != nil || d.Emergency != nil || d.Surprise != nil ||
		d.Directory != nil || d.NetworkFix != "" || len(d.Errors) > 0 || len(d.New) > 0 || d.PhysicianLetter ||
		len(d.Records) > 0 || d.Parity != nil
	f.argued = d.Argued
	d.Enclosures = f.enclosures(sp)
	d.CC = f.copies(sp)
	return d
}

// setPeople decides who writes and how the patient is named.
func (d *data) setPeople(f *facts) {
	c := f.c
	d.Signer = d.MemberName
	if f.rep != "" {
		d.Rep, d.RepName, d.Signer = true, f.rep, f.rep
		d.RepRel = plain(c.Representative.Relationship)
		d.Sender = append([]string{f.rep}, addressLines(c.Representative.Address)...)
		for _, s := range []string{c.Representative.Phone, c.Representative.Email} {
			if s = plain(s); s != "" {
				d.Sender = append(d.Sender, s)
			}
		}
	} else {
		d.Sender = append([]string{d.MemberName}, addressLines(c.Member.Address)...)
		for _, s := range []string{c.Member.Phone, c.Member.Email} {
			if s = plain(s); s != "" {
				d.Sender = append(d.Sender, s)
			}
		}
	}
	patient := plain(c.Patient.Name)
	if patient == "" || patient == d.MemberName {
		if !d.Rep {
			d.PatientSubj, d.PatientObj, d.PatientPoss = "I", "me", "my"
			return
		}
		patient = d.MemberName
	}
	d.PatientSubj, d.PatientObj, d.PatientPoss = patient, patient, possessive(patient)
}

// beforeCareWords reports whether the letters speak of the care as still
// to come or going on: a denial before the care, unless an EOB shows the
// care was given and its date has passed.
func (f *facts) beforeCareWords() bool {
	c := f.c
	if !f.sit.BeforeCare {
		return false
	}
	dos := c.Claim.DateOfService
	return c.EOB.Date.IsZero() || dos.IsZero() || !dos.Before(f.today)
}

// what names what was denied, to follow "denial of" (or "processing of"),
// with the physician who requested care still to come ("you" in the
// letter to that physician, toDoctor).
func (f *facts) what(d *data, toDoctor bool) string {
	c := f.c
	if d.BeforeCare {
		s := "coverage for " + d.Care
		if d.Care == "" {
			s = "coverage for the requested care"
		} else if len(d.billed.coded)+len(d.billed.drugs) == 0 {
			s = "coverage for the " + d.Care
		}
		if d.Concurrent {
			s = "continued " + s
		}
		doctor := f.orderedBy()
		if doctor != "" && toDoctor {
			doctor = "you"
		}
		switch {
		case d.Provider != "" && d.Concurrent:
			s += ", which " + d.PatientSubj + " " + verbIs(d.PatientSubj) + " receiving from " + d.Provider
		case doctor != "":
			s += ", which " + doctor + " requested for " + d.PatientObj
			if d.Provider != "" {
				s += " at " + d.Provider
			}
		case d.Provider != "":
			s += ", which " + d.Provider + " requested for " + d.PatientObj
		}
		if dos := c.Claim.DateOfService; !dos.IsZero() && !d.Concurrent {
			if dos.Before(f.today) {
				s += " (scheduled for " + d.DOS + ")"
			} else {
				s += " (planned for " + d.DOS + ")"
			}
		}
		return s
	}
	s := "the claim for the care "
	if d.ClaimNumber != "" {
		s = "claim " + d.ClaimNumber + " for the care "
	}
	s += d.PatientSubj + " received"
	if d.Provider != "" {
		s += " from " + d.Provider
	}
	if d.Facility != "" && d.Facility != d.Provider {
		s += " at " + d.Facility
	}
	if d.DOS != "" {
		s += " on " + d.DOS
	}
	switch {
	case strings.Contains(d.Care, "("):
		s += ", billed as " + d.Care
	case d.Care != "":
		s += " (" + d.Care + ")"
	}
	return s
}

// orderedBy names the physician who ordered the care, in full ("Dr. Priya
// Raman", "Jordan Whitaker, LCSW"), or "" when none is named or the
// provider's name is the physician's own practice (it bears the last
// name).
func (f *facts) orderedBy() string {
	p := f.c.Physician
	name := plain(p.Name)
	words := strings.Fields(strings.TrimSuffix(name, ","))
	if len(words) == 0 || strings.Contains(strings.ToLower(f.provider), strings.ToLower(words[len(words)-1])) {
		return ""
	}
	cred := plain(p.Credentials)
	lower := strings.ToLower(name)
	if cred == "" || strings.HasPrefix(lower, "dr") || strings.Contains(lower, strings.ToLower(cred)) {
		return name
	}
	return name + ", " + cred
}

// verbIs returns "am" for "I", else "is".
func verbIs(subj string) string {
	if subj == "I" {
		return "am"
	}
	return "is"
}

// ask is the remedy in one clause: approval of care still to come, or
// payment of care given, as the letter speaks of it (d.BeforeCare).
func (f *facts) ask(d *data) string {
	c := f.c
	s := f.sit
	switch {
	case d.BeforeCare && d.Concurrent:
		return "overturn the denial and approve the continued care"
	case d.BeforeCare:
		return "overturn the denial and approve the requested care"
	case s.Emergency:
		return "overturn the denial and pay the claim as emergency care, with in-network cost sharing"
	case s.SurpriseBill, s.DirectoryError, s.NetworkEOBError:
		return "reprocess the claim with in-network cost sharing"
	case s.CostShare && c.Denial.Category == workflow.CategoryCostShare:
		return "reprocess the claim with the cost sharing the plan's terms provide"
	case s.Coding || s.Duplicate:
		return "correct the processing errors this letter describes and pay the claim"
	case s.PriorAuthShownMissing:
		return "link the prior authorization to the claim and pay it"
	}
	return "overturn the denial and pay the claim under the plan's benefits"
}

// billed is the care as the claim bills it: procedure codes with their
// modifiers and units ("72148", "96366 (3 units)"), drugs by their codes
// ("J9358, fam-trastuzumab deruxtecan-nxki (Enhertu), 378 units of 1 mg"),
// and the descriptions of care billed without a code, as in running text
// ("residential psychiatric treatment").
type billed struct {
	coded, drugs, described []string
}

func billedCare(c *workflow.Case) billed {
	var b billed
	for _, p := range c.Claim.Procedures {
		code := plain(p.Code)
		desc := prose(p.Description)
		units := ""
		if p.Units > 1 {
			units = fmt.Sprintf("%d units", p.Units)
			if m := unitDose().FindStringSubmatch(desc); m != nil && code != "" {
				desc = strings.TrimSuffix(desc, m[0])
				units += " of " + m[1]
			}
		}
		var extra []string
		for _, e := range []string{desc, units} {
			if e != "" {
				extra = append(extra, e)
			}
		}
		switch {
		case drugCode().MatchString(code):
			b.drugs = append(b.drugs, strings.Join(append([]string{code}, extra...), ", "))
		case code != "":
			for _, m := range p.Modifiers {
				if m = plain(m); m != "" {
					code += "-" + m
				}
			}
			if len(extra) > 0 {
				code += " (" + strings.Join(extra, ", ") + ")"
			}
			b.coded = append(b.coded, code)
		case desc != "":
			if units != "" {
				desc += " (" + units + ")"
			}
			b.described = append(b.described, lowerFirst(desc))
		}
	}
	return b
}

// text names the care in a sentence: "procedure codes 72148 and 72149-26",
// "drug code J9358, ...", "residential psychiatric treatment".
func (b billed) text() string {
	var parts []string
	switch len(b.coded) {
	case 0:
	case 1:
		parts = append(parts, "procedure code "+b.coded[0])
	default:
		parts = append(parts, "procedure codes "+joinAnd(b.coded))
	}
	switch len(b.drugs) {
	case 0:
	case 1:
		parts = append(parts, "drug code "+b.drugs[0])
	default:
		parts = append(parts, "drug codes "+strings.Join(b.drugs, "; "))
	}
	parts = append(parts, b.described...)
	return joinAnd(parts)
}

// fields names the care in a letter's reference block.
func (b billed) fields() []field {
	var out []field
	switch len(b.coded) {
	case 0:
	case 1:
		out = append(out, field{"Procedure code", b.coded[0]})
	default:
		out = append(out, field{"Procedure codes", joinAnd(b.coded)})
	}
	switch len(b.drugs) {
	case 0:
	case 1:
		out = append(out, field{"Drug", b.drugs[0]})
	default:
		out = append(out, field{"Drugs", strings.Join(b.drugs, "; ")})
	}
	if len(b.described) > 0 {
		out = append(out, field{"Service", upper(joinAnd(b.described))})
	}
	return out
}

// drugCode matches the HCPCS codes of drugs given by a clinician (J0120 to
// J9999); unitDose the dose per unit that ends their description
// ("fam-trastuzumab deruxtecan-nxki (Enhertu), 1 mg").
var (
	drugCode = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^J\d{4}$`)
	})
	unitDose = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`, (\d+(?:\.\d+)? ?(?:mg|mcg|g|ml|mL|units?|IU))$`)
	})
)

// lowerFirst puts a description in running text: its first word in lower
// case when it is an ordinary capitalized word ("Inpatient"), not an
// abbreviation or a name with capitals inside ("MRI", "eviCore").
func lowerFirst(s string) string {
	first, _, _ := strings.Cut(s, " ")
	r, n := utf8.DecodeRuneInString(first)
	if !unicode.IsUpper(r) || n == len(first) || strings.ToLower(first[n:]) != first[n:] {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// joinAnd joins words as a list in a sentence: "a", "a and b", "a, b and c".
func joinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// denialSource names the document that gives the denial reason: the EOB
// for care already given, the denial letter for care still to come.
func denialSource(c *workflow.Case) string {
	switch {
	case !c.EOB.Date.IsZero() && (!c.Denial.Review.BeforeCare() || c.Denial.LetterDate.IsZero()):
		return "The Explanation of Benefits dated " + c.EOB.Date.Long()
	case !c.Denial.LetterDate.IsZero():
		return "The denial letter dated " + c.Denial.LetterDate.Long()
	}
	return "The denial"
}

// codeLines are the denial codes with their meanings, where the code
// table knows them.
func (f *facts) codeLines() []code {
	var out []code
	for _, s := range denialCodes(f.c) {
		cl := code{Code: s}
		if f.codes != nil {
			if info, err := f.codes.Decode(s); err == nil {
				cl.Meaning = strings.TrimSuffix(info.Meaning, ".")
			}
		}
		out = append(out, cl)
	}
	return out
}

// denialCodes returns the cleaned denial codes of the EOB.
func denialCodes(c *workflow.Case) []string {
	var codes []string
	for _, s := range c.EOB.Codes {
		if s = plain(s); s != "" {
			codes = append(codes, s)
		}
	}
	return codes
}

// cites builds the citations of the plan's rules for the letter.
func (f *facts) cites() cites {
	l := f.law
	clinical := f.sit.MedicalJudgment
	ct := cites{
		ClaimFile:      l.Claims("(h)(2)(iii)"),
		Guideline:      l.Claims("(g)(1)(v)(A)"),
		Rule:           l.Claims("(g)(1)(v)(A)"),
		JudgmentCite:   l.Claims("(g)(1)(v)(B)"),
		Judgment:       clinical,
		Specialist:     l.Claims("(h)(3)(iii)"),
		NotSame:        l.Claims("(h)(3)(v)"),
		Experts:        l.Claims("(h)(3)(iv)"),
		FullReview:     l.Claims("(h)(2)(iv), (h)(3)(ii)"),
		Urgent:         l.Claims("(m)(1)(i)"),
		UrgentDoctor:   l.Claims("(m)(1)(ii)"),
		Urgent72:       l.Claims("(i)(2)(i)"),
		ExpeditedExt:   "45 CFR 147.136(d)(3)(i)",
		Deemed:         l.DeemedExhaustion(),
		DeemedExcept:   l.DeemedException(),
		CodesAvailable: l.Notice("(E)(1)"),
		ERISA:          l.ERISA(),
		Specialty:      plain(f.c.Physician.Specialty),
	}
	if clinical {
		ct.Guideline = l.Claims("(g)(1)(v)(A)-(B)")
	}
	if b := l.Basis(); b != "" {
		ct.Basis = "This plan is governed by " + b + "."
		if name := workflow.StateName(f.c.Plan.State); name != "" && f.c.Plan.Insured() {
			ct.Basis += " The insurance law of " + name + " applies too."
		}
	}
	ct.DecisionRule, ct.DecisionCite = f.decisionRule()
	return ct
}

// decisionRule states the time the plan has to decide, from rules.md.
func (f *facts) decisionRule() (rule, cite string) {
	l := f.law
	c := f.c
	level := "each level of "
	switch {
	case c.Denial.IsUrgent():
		return "an urgent care appeal must be decided within 72 hours of its receipt", l.Claims("(i)(2)(i)")
	case c.Denial.Review.BeforeCare() && !f.beforeCareWords():
		// Ongoing care the EOB shows was given: its claim is decided as
		// care already received.
		return f.postServiceRule()
	case c.Denial.Review.BeforeCare() && f.levelsKnown && f.levels == 1:
		return "a pre-service appeal must be decided within 30 days of its receipt", l.Claims("(i)(2)(ii)")
	case c.Denial.Review.BeforeCare() && f.levelsKnown:
		return level + "a pre-service appeal must be decided within 15 days of its receipt", l.Claims("(i)(2)(ii)")
	case c.Denial.Review.BeforeCare():
		return "a pre-service appeal must be decided within 30 days of its receipt, or 15 days per level where the plan has two levels", l.Claims("(i)(2)(ii)")
	case c.Denial.Review == workflow.ReviewPostService:
		return f.postServiceRule()
	}
	return "an appeal must be decided within 30 days of its receipt for care not yet given, or 60 days for care already given " +
		"(half of each per level where the plan has two levels)", l.Claims("(i)(2)(ii), (i)(2)(iii)(A)")
}

// postServiceRule states the time the plan has to decide an appeal about
// care already given.
func (f *facts) postServiceRule() (rule, cite string) {
	l := f.law
	switch {
	case f.levelsKnown && f.levels == 1:
		return "a post-service appeal must be decided within 60 days of its receipt", l.Claims("(i)(2)(iii)(A)")
	case f.levelsKnown:
		return "each level of a post-service appeal must be decided within 30 days of its receipt", l.Claims("(i)(2)(iii)(A)")
	}
	return "a post-service appeal must be decided within 60 days of its receipt, or 30 days per level where the plan has two " +
		"levels", l.Claims("(i)(2)(iii)(A)")
}

// addr is a recipient: a name and address lines.
type addr struct {
	name    []string
	address []string
}

func (a addr) lines() []string { return append(slices.Clone(a.name), a.address...) }

// recipient returns who the letter goes to, and their address when known.
func (f *facts) recipient(sp spec) addr {
	c := f.c
	ins := f.ins
	switch sp.to {
	case toPhysician:
		return addr{name: []string{clinicianName(plain(c.Physician.Name), plain(c.Physician.Credentials))},
			address: addressLines(c.Physician.Address)}
	case toProvider:
		return f.providerAddr()
	case toAdministrator:
		if lines := addressLines(c.Plan.Administrator); len(lines) > 0 {
			return addr{name: lines[:1], address: lines[1:]}
		}
		return addr{name: []string{"Plan Administrator", plain(c.Plan.Employer)}}
	case toClaims:
		return addr{name: []string{ins.Company, "Claims"}, address: addressLines(c.EOB.ClaimsAddress)}
	case toRegulator:
		return f.regulatorAddr()
	case toExternal:
		// Where a request goes differs by state and plan (to the plan, to
		// the state, to the federal contractor): the final denial letter
		// says, and nothing else is guessed.
		if lines := addressLines(c.Denial.ExternalReviewAddress); len(lines) > 0 {
			return addr{name: lines[:1], address: lines[1:]}
		}
		return addr{name: []string{ins.Company, "External Review"}}
	}
	// The rule: the letter goes to the appeals address the denial letter
	// prints. Without it, the insurer's default address, except for a
	// review made by its behavioral health arm or its delegate, whose
	// address is on their own letter.
	if lines := addressLines(c.Denial.AppealsAddress); len(lines) > 0 {
		return addr{name: lines[:1], address: lines[1:]}
	}
	switch {
	case c.Denial.Reviewer == workflow.ReviewerDelegate:
		return addr{name: []string{f.ins.ReviewerName(c), "Appeals"}}
	case c.Denial.BehavioralHealth && ins.BehavioralHealth.Name != "":
		return addr{name: []string{ins.BehavioralHealth.Name, "Appeals"}}
	case len(ins.Appeals.Address) > 0:
		head := ins.Company
		if ins.Appeals.Name != "" {
			head += ", " + ins.Appeals.Name
		}
		if f.sit.Urgent {
			head += " (Expedited Appeals)"
		}
		return addr{name: []string{head}, address: slices.Clone(ins.Appeals.Address)}
	}
	return addr{name: []string{ins.Company, "Appeals"}}
}

// regulatorAddr is who takes a complaint about the plan.
func (f *facts) regulatorAddr() addr {
	c := f.c
	var regs *workflow.Regulators
	if f.ref != nil {
		regs = f.ref.Regulators
	}
	ebsa := regs.Federal(workflow.OfficeEBSA)
	if ebsa.Name == "" {
		ebsa.Name = "Employee Benefits Security Administration"
	}
	switch {
	case c.Plan.ERISA() && c.Plan.Funding != workflow.FundingInsured:
		return addr{name: []string{"U.S. Department of Labor", ebsa.Name}}
	case c.Plan.Type == workflow.PlanPublicEmployer && c.Plan.Funding == workflow.FundingSelf:
		cms := regs.Federal(workflow.OfficeCMS)
		if cms.Name == "" {
			cms.Name = "Centers for Medicare & Medicaid Services"
		}
		return addr{name: []string{cms.Name}}
	}
	if g := f.regulator(); g != nil {
		return addr{name: []string{g.Name}}
	}
	return addr{name: []string{"Insurance department of " + workflow.StateName(c.Plan.State)}}
}

// salutation greets the recipient by name and role.
func (f *facts) salutation(sp spec) string {
	switch sp.to {
	case toPhysician:
		return "Dear " + doctorName(plain(f.c.Physician.Name), plain(f.c.Physician.Credentials)) + ":"
	case toProvider:
		return "Dear Billing Office:"
	case toAdministrator:
		return "Dear Plan Administrator:"
	case toClaims:
		return "Dear Claims Department:"
	case toRegulator:
		return "Dear Complaint Reviewer:"
	case toExternal:
		return "Dear External Review Coordinator:"
	}
	return "Dear Appeals Reviewer:"
}

// doctorName is how a letter greets a clinician: "Dr. Okafor" for a name
// given with "Dr." or with a doctor's degree, else the whole name with its
// credentials ("Jordan Lee, LCSW").
func doctorName(name, credentials string) string {
	words := strings.Fields(name)
	if len(words) == 0 {
		return "Doctor"
	}
	first := strings.TrimSuffix(strings.ToLower(words[0]), ".")
	last := words[len(words)-1]
	for len(words) > 2 && slices.Contains([]string{"jr.", "jr", "sr.", "sr", "ii", "iii", "iv", "md", "do", "m.d.", "d.o."},
		strings.ToLower(strings.TrimSuffix(last, ","))) {
		words = words[:len(words)-1]
		last = words[len(words)-1]
	}
	last = strings.TrimSuffix(last, ",")
	doctor := first == "dr" || first == "doctor"
	for _, cr := range strings.FieldsFunc(strings.ToUpper(credentials), func(r rune) bool { return r == ',' || r == ' ' || r == '/' }) {
		switch strings.ReplaceAll(cr, ".", "") {
		case "MD", "DO", "PHD", "PSYD", "DPM", "DDS", "DMD", "DC", "DNP", "OD":
			doctor = true
		}
	}
	if doctor {
		return "Dr. " + last
	}
	if credentials != "" && !strings.Contains(name, credentials) {
		return name + ", " + credentials
	}
	return name
}

// clinicianName is how an address block names a clinician: the name, then
// the credentials, and with them no title before the name ("Minh Trần,
// MD", not "Dr. Minh Trần, MD").
func clinicianName(name, credentials string) string {
	if credentials == "" {
		return name
	}
	for _, title := range []string{"Dr. ", "Dr ", "Doctor "} {
		if len(name) > len(title) && strings.EqualFold(name[:len(title)], title) {
			name = strings.TrimSpace(name[len(title):])
			break
		}
	}
	if strings.Contains(name, credentials) {
		return name
	}
	return name + ", " + credentials
}

// subject is the letter's subject line.
func (f *facts) subject(sp spec) string {
	appeal := "Appeal"
	if s := f.ins.AppealForm.Subject; s != "" {
		appeal = s
	}
	switch sp.kind {
	case Level1:
		return appeal + " - Level 1"
	case Level2:
		return appeal + " - Level 2"
	case External:
		if f.sit.Urgent {
			return "Request for Expedited External Review"
		}
		return "Request for External Review"
	case FollowUp:
		if f.late != nil {
			return "Decision overdue on my " + f.pending.Level.Label()
		}
		return "Follow-up on my " + f.pending.Level.Label()
	case Physician:
		return physicianSubject(f.physicianFacts())
	case CorrectedClaim:
		return "Request for a corrected claim"
	case Audit:
		return "Request for a claim audit: claim denied as a duplicate"
	case ClaimFile:
		return "Request for the claim file (this is not an appeal)"
	case ProviderBill:
		return f.billSubject()
	case PlanDocuments:
		return "Request for plan documents under ERISA section 104(b)(4)"
	case Complaint:
		return "Complaint about " + possessive(f.ins.Name) + " handling of a claim"
	}
	return sp.title
}

// reference is the block of identifying facts under the subject.
func (f *facts) reference(sp spec, d *data) []field {
	c := f.c
	var out []field
	add := func(label, value string) {
		if value != "" {
			out = append(out, field{label, value})
		}
	}
	plan := sp.to == toAppeals || sp.to == toExternal || sp.to == toClaims || sp.to == toRegulator
	if sp.kind == PlanDocuments {
		add("Participant", d.MemberName)
		add("Member ID", plain(c.Member.MemberID))
		add("Group number", plain(c.Member.GroupNumber))
		add("Plan sponsor", plain(c.Plan.Employer))
		return out
	}
	add("Member", d.MemberName)
	if p := plain(c.Patient.Name); p != "" && p != d.MemberName {
		if rel := plain(c.Patient.Relationship); rel != "" {
			p += " (" + rel + ")"
		}
		add("Patient", p)
		add("Patient's date of birth", c.Patient.DateOfBirth.Long())
	} else {
		add("Date of birth", c.Member.DateOfBirth.Long())
	}
	if plan || sp.to == toPhysician {
		add("Member ID", plain(c.Member.MemberID))
		add("Group number", plain(c.Member.GroupNumber))
	}
	if sp.kind == Complaint {
		add("Insurer", f.ins.Name)
		add("Employer", plain(c.Plan.Employer))
	}
	add("Claim number", d.ClaimNumber)
	switch {
	case d.BeforeCare && d.Concurrent:
		add("Care since", d.DOS)
	case d.BeforeCare:
		add("Scheduled date of service", d.DOS)
	default:
		add("Date of service", d.DOS)
	}
	prov := d.Provider
	if prov != "" && plain(c.Claim.Provider.NPI) != "" {
		prov += " (NPI " + plain(c.Claim.Provider.NPI) + ")"
	}
	if sp.to != toProvider {
		add("Provider", prov)
	}
	if d.Facility != "" && d.Facility != d.Provider {
		add("Facility", d.Facility)
	}
	for _, fl := range d.billed.fields() {
		add(fl.Label, fl.Value)
	}
	if sp.to == toAppeals || sp.to == toExternal || sp.to == toPhysician {
		add("Diagnosis codes", strings.Join(diagnoses(c), ", "))
	}
	if !d.BeforeCare && sp.to != toPhysician {
		add("Amount billed", c.Claim.Billed.Dollars())
	}
	if sp.kind == ProviderBill || sp.kind == Audit {
		if d.Rep {
			add("Amount the EOB says the member owes", c.Claim.MemberOwes.Dollars())
		} else {
			add("Amount the EOB says I owe", c.Claim.MemberOwes.Dollars())
		}
	}
	add("Date of denial", d.DenialDate)
	if plan {
		add("Coverage policy", d.PolicyNumber)
		add("Prior authorization", plain(c.Denial.PriorAuth.Number))
		for _, a := range c.Appeals {
			if n := plain(a.CaseNumber); n != "" {
				add("Appeal case number ("+levelWords(a.Level)+")", n)
			}
		}
	}
	return out
}

func diagnoses(c *workflow.Case) []string {
	var out []string
	for _, s := range c.Claim.Diagnoses {
		if s = plain(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// levelWords names a level after "the": "level 1", "external review".
func levelWords(l workflow.Level) string {
	switch l {
	case workflow.LevelExternal:
		return "external review"
	case workflow.Level1, workflow.Level2:
		return "level " + string(l)
	}
	return "appeal"
}

var methodWords = sync.OnceValue(func() map[workflow.Method]string {
	return map[workflow.Method]string{
		workflow.MethodPortal:        "through the member website",
		workflow.MethodCertifiedMail: "by certified mail",
		workflow.MethodFax:           "by fax",
		workflow.MethodMail:          "by mail",
		workflow.MethodPhone:         "by phone",
	}
})

var decisionWords = sync.OnceValue(func() map[workflow.Decision]string {
	return map[workflow.Decision]string{
		workflow.DecisionUpheld:           "upheld the denial",
		workflow.DecisionPartlyOverturned: "upheld the denial in part",
		workflow.DecisionOverturned:       "overturned the denial",
	}
})

// trackingWords says how the sending of an appeal can be proved: its
// tracking number, or its fax confirmation: " (tracking number 9407...)".
func trackingWords(a workflow.Appeal) string {
	tr := plain(a.Tracking)
	switch {
	case tr == "":
		return ""
	case a.Method == workflow.MethodFax:
		if rest, ok := cutPrefixFold(tr, "fax confirmation"); ok {
			tr = strings.TrimLeft(rest, " :,-")
		}
		return " (fax confirmation: " + tr + ")"
	}
	return " (tracking number " + tr + ")"
}

func newAppealFacts(a workflow.Appeal) *appealFacts {
	return &appealFacts{
		Level:      levelWords(a.Level),
		Filed:      a.Filed.Long(),
		Method:     methodWords()[a.Method],
		Tracking:   trackingWords(a),
		Received:   a.Received.Long(),
		CaseNumber: plain(a.CaseNumber),
		Decision:   decisionWords()[a.Decision],
		DecisionOn: a.DecisionReceived.Long(),
		Reason:     quoted(prose(a.DecisionReason)),
	}
}

// timeline lists the dated facts of the case, oldest first. An appeal
// letter leaves out the filing of its own level and any later.
func (f *facts) timeline(sp spec, d *data) []event {
	c := f.c
	type ev struct {
		at   workflow.Date
		text string
	}
	var evs []ev
	addEv := func(at workflow.Date, text string) {
		if !at.IsZero() && text != "" {
			evs = append(evs, ev{at, text})
		}
	}
	if n := plain(c.Denial.PriorAuth.Number); n != "" {
		addEv(c.Denial.PriorAuth.Approved, d.Insurer+" approved prior authorization "+n+".")
	}
	// A verification made on a call the case records is told by the call.
	if v := c.Claim.Provider.Verified; !v.Date.IsZero() && f.provider != "" && !slices.ContainsFunc(c.Calls, func(call workflow.Call) bool {
		return workflow.DateOf(call.At) == v.Date && (plain(v.Reference) == "" || plain(call.Reference) == plain(v.Reference))
	}) {
		t := v.Source.Label()
		if t == "not sure yet" {
			t = d.Insurer
		}
		text := upper(t) + " listed " + f.provider + " as in network"
		if v.Source == workflow.VerifyCall {
			text = "A representative of " + d.Insurer + " told me on the phone that " + f.provider + " was in network"
		}
		if r := plain(v.Reference); r != "" {
			text += " (reference " + r + ")"
		}
		addEv(v.Date, text+".")
	}
	if !d.BeforeCare && d.Provider != "" {
		what := "care"
		if d.Care != "" {
			what = "care billed as " + d.Care
		}
		if c.Claim.Emergency {
			what = "emergency " + what
		}
		where := ""
		if d.Facility != "" && d.Facility != d.Provider {
			where = " at " + d.Facility
		}
		by := ""
		if doctor := f.orderedBy(); doctor != "" {
			by = " (treating physician: " + doctor + ")"
		}
		addEv(c.Claim.DateOfService, d.PatientSubj+" received "+what+" from "+d.Provider+where+by+".")
	}
	// An EOB and a denial letter of the same dates are told once.
	together := c.EOB.Date == c.Denial.LetterDate && c.EOB.Received == c.Denial.Received && d.Reviewer == d.Insurer
	if !c.EOB.Date.IsZero() {
		t := d.Insurer + " issued the Explanation of Benefits"
		if together {
			t += " and the denial letter"
		}
		if !c.EOB.Received.IsZero() && c.EOB.Received != c.EOB.Date {
			t += ", received on " + c.EOB.Received.Long()
		}
		addEv(c.EOB.Date, t+".")
	}
	if !c.Denial.LetterDate.IsZero() && !together {
		t, sep := d.Insurer+" issued the denial letter", ", received on "
		if d.Reviewer != d.Insurer {
			// A delegate's name may be a brand written in lower case
			// ("eviCore healthcare"): it does not start the sentence.
			t, sep = "The denial letter was issued by "+d.Reviewer+", for "+d.Insurer, ", and received on "
		}
		if !c.Denial.Received.IsZero() && c.Denial.Received != c.Denial.LetterDate {
			t += sep + c.Denial.Received.Long()
		}
		addEv(c.Denial.LetterDate, t+".")
	}
	for _, call := range c.Calls {
		if call.At.IsZero() {
			continue
		}
		t := "I called " + f.callWords(call.With)
		if r := plain(call.Rep); r != "" {
			t += " and spoke with " + r
		}
		if r := plain(call.Reference); r != "" {
			t += " (call reference " + r + ")"
		}
		t += "."
		if o := prose(call.Outcome); o != "" {
			t += " " + sentence(o)
		}
		addEv(workflow.DateOf(call.At), t)
	}
	for _, m := range c.Messages {
		t := "I sent a message through " + f.ins.PortalName()
		if s := plain(m.Subject); s != "" {
			t += `, "` + s + `"`
		}
		if r := plain(m.Reference); r != "" {
			t += " (reference " + r + ")"
		}
		addEv(m.Sent, t+".")
	}
	for _, a := range c.Appeals {
		if sp.kind == Level1 || sp.kind == Level2 && a.Level != workflow.Level1 {
			continue
		}
		lw := levelWords(a.Level)
		t := "I filed the " + lw + " appeal"
		if a.Level == workflow.LevelExternal {
			t = "I requested external review"
		}
		if w := methodWords()[a.Method]; w != "" {
			t += " " + w
		}
		t += trackingWords(a)
		addEv(a.Filed, t+".")
		addEv(a.Received, "The "+lw+" appeal reached "+d.Reviewer+".")
		if w := decisionWords()[a.Decision]; w != "" {
			on := a.DecisionReceived
			text := "I received the " + lw + " decision, which " + w + "."
			if on.IsZero() {
				on, text = a.DecisionDate, "The "+lw+" decision "+w+"."
			}
			addEv(on, text)
		}
	}
	slices.SortStableFunc(evs, func(a, b ev) int { return a.at.Time().Compare(b.at.Time()) })
	out := make([]event, len(evs))
	for i, e := range evs {
		out[i] = event{e.at.Long(), e.text}
	}
	return out
}

// callWords names who a call was with.
func (f *facts) callWords(w workflow.CallWith) string {
	switch w {
	case workflow.CallMemberServices:
		return f.ins.Name + " Member Services"
	case workflow.CallBehavioralHealth:
		if n := f.ins.BehavioralHealth.Name; n != "" {
			return n
		}
		return f.ins.Name + "'s behavioral health line"
	case workflow.CallProviderBilling:
		return "the provider's billing office"
	case workflow.CallDelegate:
		return f.ins.ReviewerName(&workflow.Case{Denial: workflow.Denial{Reviewer: workflow.ReviewerDelegate}})
	}
	return "the plan"
}

// upper returns s with its first letter in upper case, to start a
// sentence; a first word with a capital inside it is a name written that
// way ("eviCore healthcare", "myCigna") and keeps its case.
func upper(s string) string {
	first, _, _ := strings.Cut(s, " ")
	r, n := utf8.DecodeRuneInString(first)
	if first == "" || strings.ToLower(first[n:]) != first[n:] {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// setArgument fills the arguments the case's situations support.
func (d *data) setArgument(f *facts) {
	c := f.c
	s := f.sit
	d.PhysicianLetter = f.has(workflow.DocPhysicianLetter)
	if d.PhysicianLetter {
		d.PhysicianLetterText = f.enclosedLetter()
	}
	d.UrgencyStatement = f.has(workflow.DocUrgencyStatement)
	d.UrgencySays = f.docSays(workflow.DocUrgencyStatement)
	d.Certification = f.has(workflow.DocPhysicianCertification)
	for i, cr := range c.Denial.Policy.Criteria {
		d.Criteria = append(d.Criteria, criterion{criterionLabel(cr, i), sentence(prose(cr.Text)), sentence(prose(cr.Evidence))})
	}
	if s.Emergency {
		d.Emergency = &emergencyArg{Symptoms: prose(c.Claim.Symptoms), PriorAuth: s.EmergencyPriorAuth, Cite: f.law.Emergency(),
			Where: d.Facility}
		d.Emergency.Symptoms = sentence(d.Emergency.Symptoms)
		if d.Emergency.Where == "" {
			d.Emergency.Where = d.Provider
		}
	}
	if s.SurpriseBill {
		d.Surprise = &surpriseArg{Specialty: plain(c.Claim.Provider.Specialty), Emergency: s.Emergency, PR45: s.PR45,
			Cite: f.law.SurpriseCostSharing(), BillingCite: f.law.BalanceBilling(), Owes: c.Claim.MemberOwes.Dollars()}
		if f.ref != nil {
			if o := f.ref.Regulators.Federal(workflow.OfficeNoSurprises); o.Phone != "" {
				d.Surprise.HelpDesk = "the federal " + o.Name + " (" + o.Phone + ")"
			}
		}
		in := *c
		in.CostShare.Network = workflow.NetworkIn
		// The cost-sharing error, when the person found one, gives the
		// same figures: they are said once.
		if r := workflow.CheckCostShare(&in); c.EOBErrors.CostShare.Status != workflow.CheckError && r.Complete &&
			r.Difference.Known() && r.Difference.Cents() > 0 {
			d.Surprise.Recomputed = fmt.Sprintf("The plan's in-network terms are: %s. Applied to the allowed amount on the "+
				"Explanation of Benefits (%s), they put %s share at %s, not %s; the recognized amount may change this "+
				"figure, and I ask %s to state the amount it used.", costShareTerms(c.CostShare), c.Claim.Allowed.Dollars(),
				d.PatientPoss, r.Expected.Dollars(), r.Billed.Dollars(), d.Insurer)
		}
	}
	if s.DirectoryError {
		d.Directory = &directoryArg{Said: f.verifiedSaid(d), Cite: f.law.NetworkError()}
	}
	if s.NetworkEOBError {
		t := "The Explanation of Benefits processed the claim as out of network."
		if det := prose(c.EOBErrors.Network.Details); det != "" {
			t += " " + sentence(det)
		}
		if c.Claim.Provider.Network == workflow.NetworkIn {
			t += " " + d.Provider
			if npi := plain(c.Claim.Provider.NPI); npi != "" {
				t += " (NPI " + npi + ")"
			}
			t += " was in the plan's network on the date of service."
		}
		if v := c.Claim.Provider.Verified; !v.Date.IsZero() && v.Source != workflow.VerifyUnknown {
			t += " " + upper(v.Source.Label()) + " confirmed it on " + v.Date.Long()
			if r := plain(v.Reference); r != "" {
				t += " (reference " + r + ")"
			}
			t += ". Even if the plan's records show otherwise, the plan said before the care that the provider was in " +
				"network, so " + d.PatientSubj + " may not be charged more than in-network cost sharing (" +
				f.law.NetworkError() + ")."
		}
		d.NetworkFix = t + " Please verify the provider's network status for the date of service and reprocess the claim at the in-network level."
	}
	if s.Experimental {
		x := c.Denial.Experimental
		d.Experimental = &experimentalArg{Definition: quoted(prose(x.Definition)), FDAStatus: sentence(prose(x.FDAStatus)),
			Treatment: d.Care, Cert: d.Certification, CertSays: f.docSays(workflow.DocPhysicianCertification)}
		if d.Experimental.Treatment == "" {
			d.Experimental.Treatment = "the treatment"
		}
		for _, e := range x.Evidence {
			if e = prose(e); e != "" {
				d.Experimental.Evidence = append(d.Experimental.Evidence, sentence(e))
			}
		}
	}
	if s.BehavioralHealth {
		d.Parity = &parityArg{Level: c.Denial.BHLevel.Label(), Kind: bhKind(c), Cite: f.law.Parity(),
			Criteria: f.law.ParityCriteria(), Compared: f.law.ParityComparison()}
		if d.Parity.Level == "not sure yet" {
			d.Parity.Level = ""
		}
		if l := prose(c.Denial.Limit); l != "" {
			d.Parity.Limit = quoted(l)
		}
	}
	missing := workflow.MissingNoticeElements(c)
	for _, e := range missing {
		d.Notice = append(d.Notice, noticeItem{plain(e.Text), plain(e.Cite)})
	}
	// A denial on a medical judgment that names no policy lacks the rule
	// it relied on: said with the other missing elements.
	if s.PolicyUnnamed && !slices.ContainsFunc(missing, func(e workflow.NoticeElement) bool {
		return e.ID == workflow.NoticeGuideline
	}) {
		for _, e := range workflow.NoticeElements(c) {
			if e.ID == workflow.NoticeGuideline {
				d.Notice = append(d.Notice, noticeItem{plain(e.Text), f.law.Claims("(g)(1)(v)(A)")})
			}
		}
	}
	d.Errors = f.eobErrors(d)
}

func criterionLabel(cr workflow.Criterion, i int) string {
	if l := plain(cr.ID); l != "" {
		return l
	}
	return fmt.Sprint(i + 1)
}

// eobErrors states the processing errors the EOB check found.
func (f *facts) eobErrors(d *data) []eobError {
	c := f.c
	e := c.EOBErrors
	var out []eobError
	addErr := func(title, text string) { out = append(out, eobError{len(out) + 1, title, text}) }
	if e.CPT.Status == workflow.CheckError {
		t := "The procedure code on the Explanation of Benefits does not match the care given"
		if det := prose(e.CPT.Details); det != "" {
			t += ": " + sentence(det)
		} else {
			t += "."
		}
		addErr("Procedure code", t+" I am asking "+orProvider(d.Provider)+" to send a corrected claim. Please reprocess "+
			"the claim with the correct code when it arrives.")
	}
	if f.sit.Duplicate {
		t := "This claim was denied as a duplicate"
		if other := plain(c.Claim.DuplicateOf); other != "" {
			t += " of claim " + other
		}
		t += "."
		if det := prose(e.Duplicate.Details); det != "" {
			t += " " + sentence(det)
		}
		addErr("Duplicate processing", t+" Please audit both claims and pay this one for the care it covers.")
	}
	if e.CostShare.Status == workflow.CheckError {
		addErr("Cost sharing", costShareError(c, d, f.sit.SurpriseBill))
	}
	if e.PriorAuth.Status == workflow.CheckError {
		t := "The Explanation of Benefits says prior authorization was not obtained. " + d.Insurer +
			" approved prior authorization " + plain(c.Denial.PriorAuth.Number)
		if !c.Denial.PriorAuth.Approved.IsZero() {
			t += " on " + c.Denial.PriorAuth.Approved.Long()
		}
		t += "."
		if f.has(workflow.DocPriorAuthApproval) {
			t += " A copy of the approval is enclosed."
		}
		if det := prose(e.PriorAuth.Details); det != "" {
			t += " " + sentence(det)
		}
		addErr("Prior authorization", t+" Please link the authorization to this claim and reprocess it.")
	}
	return out
}

func orProvider(p string) string {
	if p == "" {
		return "the provider's billing office"
	}
	return possessive(p) + " billing office"
}

// costShareError states the cost-sharing error: what the EOB asks, the
// member's account of the error, the plan's terms and, when the terms are
// complete and the EOB asks for more than they give, the corrected share.
// For a surprise bill the share is counted on the recognized amount, which
// an EOB that paid out of network does not show: a share that depends on
// the amount it is counted on is given on the allowed amount shown, with
// no claim of how much too much the EOB asks.
func costShareError(c *workflow.Case, d *data, surprise bool) string {
	t := "The Explanation of Benefits puts " + d.PatientPoss + " share at " + c.Claim.MemberOwes.Dollars()
	if c.Claim.Allowed.Known() {
		t += " of an allowed amount of " + c.Claim.Allowed.Dollars()
	}
	t += "."
	if det := prose(c.EOBErrors.CostShare.Details); det != "" {
		t += " " + sentence(det)
	}
	if terms := costShareTerms(c.CostShare); terms != "" {
		t += " The plan's terms: " + terms + "."
	}
	r := workflow.CheckCostShare(c)
	switch {
	case !r.Complete || !r.Difference.Known() || r.Difference.Cents() <= 0:
	case surprise && !copayOnly(c, r):
		t += " Under these terms, " + d.PatientPoss + " share of the allowed amount shown would be " + r.Expected.Dollars() +
			", not " + r.Billed.Dollars() + ". For these services it is counted on the recognized amount (usually the " +
			"qualifying payment amount), which may differ from that allowed amount. Please recalculate the share on the " +
			"recognized amount under the plan's terms, and state the amount used."
		return t
	case r.ExpectedHigh.Known() && r.ExpectedHigh != r.Expected:
		t += " Under these terms, " + d.PatientPoss + " share of the allowed amount is " + r.Expected.Dollars() + " if the copay " +
			"covers the whole claim, or " + r.ExpectedHigh.Dollars() + " if it covers only the visit and coinsurance applies to " +
			"the other services"
		if over := r.Billed.Cents() - r.ExpectedHigh.Cents(); over > 0 {
			t += "; either way not " + r.Billed.Dollars() + ": the Explanation of Benefits asks at least " +
				workflow.Cents(over).Dollars() + " too much."
		} else {
			t += ", not " + r.Billed.Dollars() + " if the copay covers the whole claim."
		}
	default:
		t += " Under these terms, " + d.PatientPoss + " share of the allowed amount is " + r.Expected.Dollars() +
			", not " + r.Billed.Dollars() + ": the Explanation of Benefits asks " + r.Difference.Dollars() + " too much."
	}
	return t + " Please recalculate the share under the plan's terms."
}

// copayOnly reports a share that is the copay alone, whatever amount it
// is counted on: no coinsurance enters it, and the allowed amount covers
// the copay.
func copayOnly(c *workflow.Case, r workflow.CostShareResult) bool {
	cs := c.CostShare
	return cs.Copay.Known() && cs.Copay.Cents() > 0 && !r.ExpectedHigh.Known() && c.Claim.Allowed.Cents() >= cs.Copay.Cents()
}

// costShareTerms lists the known cost-sharing terms in words.
func costShareTerms(t workflow.CostShareTerms) string {
	var parts []string
	if t.Deductible.Known() {
		p := "deductible " + t.Deductible.Dollars()
		if t.DeductibleMet.Known() {
			p += ", of which " + t.DeductibleMet.Dollars() + " was met before this claim"
		}
		parts = append(parts, p)
	}
	if t.CoinsurancePct > 0 {
		parts = append(parts, fmt.Sprintf("coinsurance %d%%", t.CoinsurancePct))
	}
	if t.Copay.Known() && t.Copay.Cents() > 0 {
		parts = append(parts, "copay "+t.Copay.Dollars())
	}
	if t.OOPMax.Known() {
		p := "out-of-pocket maximum " + t.OOPMax.Dollars()
		if t.OOPMet.Known() {
			p += ", of which " + t.OOPMet.Dollars() + " was met before this claim"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// newEvidence lists the documents in hand that were not sent with the
// level 1 appeal, when the case records what was.
func (f *facts) newEvidence() []string {
	recorded := slices.ContainsFunc(f.c.Documents, func(d workflow.Document) bool { return len(d.SentWith) > 0 })
	if !recorded {
		return nil
	}
	var out []string
	for _, d := range f.c.Documents {
		if d.Status != workflow.DocHave || slices.Contains(d.SentWith, workflow.Level1) ||
			d.Kind == workflow.DocEOB || d.Kind == workflow.DocDenialLetter || d.Kind == workflow.DocDecisionLetter {
			continue
		}
		out = append(out, docName(d))
	}
	return out
}

// docName names a document in a list of enclosures.
func docName(doc workflow.Document) string {
	w := doc.Kind.Label()
	desc := prose(doc.Description)
	switch {
	case desc == "":
		return w
	case doc.Kind == workflow.DocOther, namesKind(desc, doc.Kind):
		return upper(desc)
	}
	return w + ": " + desc
}

// namesKind reports whether a document's description already says what
// kind it is ("EOB dated 2026-10-09" for an Explanation of Benefits), so
// that the kind is not named twice.
func namesKind(desc string, k workflow.DocKind) bool {
	words := strings.Fields(strings.ToLower(desc))
	has := func(w string) bool {
		ws := strings.Fields(strings.ToLower(w))
		for i := 0; i+len(ws) <= len(words); i++ {
			if slices.Equal(words[i:i+len(ws)], ws) {
				return true
			}
		}
		return false
	}
	switch {
	case k == workflow.DocEOB && has("EOB"), k == workflow.DocPhysicianLetter && has("letter"),
		k == workflow.DocDecisionLetter && has("decision letter"):
		return true
	}
	return has(k.Label())
}

// cutPrefixFold is strings.CutPrefix ignoring case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// docSays returns what a physician's document in hand of kind k states,
// from its description: the words after its heading ("Certification of
// Dr. Tanaka, 2026-11-16: IMRT would not be ..."), or "" when there is no
// such document or it has no description.
func (f *facts) docSays(k workflow.DocKind) string {
	for _, doc := range f.c.Documents {
		if doc.Kind != k || doc.Status != workflow.DocHave {
			continue
		}
		desc := prose(doc.Description)
		if i := strings.LastIndex(desc, ": "); i >= 0 {
			desc = desc[i+2:]
		}
		return sentence(lowerFirst(desc))
	}
	return ""
}

// enclosedLetter says that the doctor's letter of medical necessity is
// enclosed, by its description when it has one: "I enclose the letter of
// medical necessity from Dr. Goldberg with the PD-L1 result."
func (f *facts) enclosedLetter() string {
	for _, doc := range f.c.Documents {
		if doc.Kind != workflow.DocPhysicianLetter || doc.Status != workflow.DocHave {
			continue
		}
		desc := prose(doc.Description)
		switch lower := lowerFirst(desc); {
		case desc == "":
		case !namesKind(desc, doc.Kind):
			return "I enclose a letter of medical necessity from the treating physician: " + sentence(desc)
		case lower != desc:
			return "I enclose the " + sentence(lower)
		default:
			return "I enclose " + sentence(desc)
		}
	}
	return "A letter of medical necessity from the treating physician is enclosed."
}

// bhKind says what behavioral health care the diagnoses show: substance
// use disorder (ICD-10 F10-F19), mental health (the other F codes), or,
// when they do not say, both.
func bhKind(c *workflow.Case) string {
	var mental, substance bool
	for _, dx := range c.Claim.Diagnoses {
		dx = strings.ToUpper(strings.TrimSpace(dx))
		switch {
		case strings.HasPrefix(dx, "F1"):
			substance = true
		case strings.HasPrefix(dx, "F"):
			mental = true
		}
	}
	switch {
	case mental && !substance:
		return "mental health"
	case substance && !mental:
		return "substance use disorder"
	}
	return "mental health or substance use disorder"
}

// records names the medical records in hand, as they are enclosed.
func (f *facts) records() []string {
	var out []string
	for _, doc := range f.c.Documents {
		if doc.Kind == workflow.DocMedicalRecords && doc.Status == workflow.DocHave {
			out = append(out, docName(doc))
		}
	}
	return out
}

// externalFacts says which external review process the plan uses, its
// deadline and how long the reviewer has.
func (f *facts) externalFacts() *externalFacts {
	c := f.c
	g := f.regulator()
	x := &externalFacts{ProcessCite: f.law.ExternalProcess(g)}
	switch f.law.ExternalReview(g) {
	case "federal":
		x.Process = "the federal external review process"
	case "state":
		x.Process = "the external review process of " + g.State
		x.State = true
	}
	switch f.externalBasis() {
	case basisFinal:
		x.Basis = "final"
	case basisLate:
		x.Basis = "late"
	case basisUrgent:
		x.Basis = "urgent"
		for _, a := range c.Appeals {
			if a.Level != workflow.LevelExternal && !a.Filed.IsZero() {
				x.UrgentFiled = a.Filed.Long()
				break
			}
		}
	case basisNotice:
		x.Basis = "notice"
	}
	for _, dl := range f.deadlines {
		if dl.Kind == workflow.DeadlineExternalReview {
			x.Due = dl.Due.Long()
			x.PastDue = dl.State == workflow.StateOverdue
		}
	}
	switch {
	case x.State && f.sit.Urgent:
		x.Decides = "as an expedited review, in the time the law of " + g.State + " sets for one"
	case x.State:
		x.Decides = "in the time the external review law of " + g.State + " sets"
	case f.sit.Urgent:
		x.Decides = "as an expedited review, within 72 hours (45 CFR 147.136(d)(3)(iv))"
	default:
		x.Decides = "within 45 days of receiving the request (45 CFR 147.136(d)(2)(iii))"
	}
	return x
}

// planWords describes the coverage for a regulator.
func planWords(p workflow.Plan) string {
	switch {
	case p.Type == workflow.PlanEmployer && p.Funding == workflow.FundingSelf:
		return "a self-funded employer plan governed by ERISA"
	case p.Type == workflow.PlanEmployer && p.Funding == workflow.FundingInsured:
		return "a fully insured employer plan governed by ERISA"
	case p.Type == workflow.PlanEmployer:
		return "an employer plan governed by ERISA"
	case p.Type == workflow.PlanPublicEmployer:
		return "a plan of a state or local government employer"
	case p.Type == workflow.PlanIndividual:
		return "individual health coverage"
	}
	return "a health plan"
}

// enclosures lists what goes with the letter: the denial (the EOB is in
// hand once its date is known), the decision letters, and the documents
// marked "have" that the letter uses.
func (f *facts) enclosures(sp spec) []string {
	c := f.c
	switch sp.kind {
	case FollowUp, PlanDocuments:
		return nil
	}
	var out []string
	has := func(k workflow.DocKind) bool {
		return slices.ContainsFunc(c.Documents, func(d workflow.Document) bool { return d.Kind == k && d.Status == workflow.DocHave })
	}
	if !c.EOB.Date.IsZero() && !has(workflow.DocEOB) {
		out = append(out, "Explanation of Benefits dated "+c.EOB.Date.Long())
	}
	if !c.Denial.LetterDate.IsZero() && !has(workflow.DocDenialLetter) {
		out = append(out, "Denial letter dated "+c.Denial.LetterDate.Long())
	}
	// The complaint encloses the denial, the appeals and the proof of
	// what went wrong that is no clinical record (the provider's bill, a
	// return receipt, a directory page: "other" documents), never the
	// clinical file: the regulator's copy is kept to the minimum. The
	// letter about a bill after a directory error encloses the directory
	// page the person keeps (an "other" document).
	onlyDenial := sp.kind == CorrectedClaim || sp.kind == ClaimFile || sp.kind == Audit || sp.kind == ProviderBill ||
		sp.kind == Complaint
	docs := slices.Clone(c.Documents)
	rank := func(k workflow.DocKind) int {
		switch k {
		case workflow.DocEOB, workflow.DocDenialLetter, workflow.DocDecisionLetter:
			return 0
		case workflow.DocUrgencyStatement:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(docs, func(a, b workflow.Document) int { return rank(a.Kind) - rank(b.Kind) })
	for _, doc := range docs {
		if doc.Status != workflow.DocHave {
			continue
		}
		denial := doc.Kind == workflow.DocEOB || doc.Kind == workflow.DocDenialLetter || doc.Kind == workflow.DocDecisionLetter
		proof := sp.kind == CorrectedClaim && doc.Kind == workflow.DocPriorAuthApproval ||
			sp.kind == Complaint && (doc.Kind == workflow.DocItemizedBill || doc.Kind == workflow.DocOther) ||
			sp.kind == ProviderBill && f.sit.DirectoryError && doc.Kind == workflow.DocOther
		if onlyDenial && !denial && !proof {
			continue
		}
		if sp.kind == Physician && !denial {
			continue
		}
		out = append(out, docName(doc))
	}
	if sp.kind == Complaint {
		for _, a := range c.Appeals {
			if !a.Filed.IsZero() {
				what := levelWords(a.Level) + " appeal"
				if a.Level == workflow.LevelExternal {
					what = "external review request"
				}
				out = append(out, "Copy of my "+what+", sent "+a.Filed.Long())
			}
		}
	}
	return out
}

// copies lists the carbon copies: the provider when the person chose it
// and the letter goes to the plan. An employer is never copied: a letter
// that carries clinical facts never goes to one, and the plan-documents
// request is addressed to the plan administrator itself.
func (f *facts) copies(sp spec) []string {
	if !sp.copyProvider || !f.c.Copies.Provider || f.provider == "" {
		return nil
	}
	return []string{f.provider}
}

// verifiedSaid says how the plan told the person the provider was in
// network: "A representative of Cigna told me on March 3, 2026 that X was
// in network (reference R)".
func (f *facts) verifiedSaid(d *data) string {
	v := f.c.Claim.Provider.Verified
	on := ""
	if !v.Date.IsZero() {
		on = " on " + v.Date.Long()
	}
	var s string
	switch v.Source {
	case workflow.VerifyCall:
		s = "A representative of " + d.Insurer + " told me" + on + " that " + d.Provider + " was in the plan's network"
	case workflow.VerifyPortal:
		s = d.InsurerPoss + " member website listed " + d.Provider + " as in the plan's network" + on
	default:
		s = d.InsurerPoss + " provider directory listed " + d.Provider + " as in the plan's network" + on
	}
	if r := plain(v.Reference); r != "" {
		s += " (reference " + r + ")"
	}
	return s
}
