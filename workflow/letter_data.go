package workflow

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// letterData is what a letter template lays out. Every string in it is
// already clean (see letterPlain) and formatted; an empty string means "not
// known", and templates leave out what is empty.
type letterData struct {
	Date      string
	Sender    []string
	Recipient []string
	// SendTo, when set, says where to send the letter because its address
	// cannot be known here (eviCore, behavioral health, a state regulator).
	SendTo    string
	Expedited bool
	Subject   string
	Reference []letterField

	Insurer    string
	Rep        bool
	RepName    string
	RepRel     string
	MemberName string
	// PatientSubj and PatientObj name the patient in a sentence: "I"/"me"
	// when the member writes about their own care, else the name.
	PatientSubj string
	PatientObj  string
	ClaimNumber string
	DOS         string
	Provider    string
	ProviderNPI string
	// Services names the care: "procedure code 72148".
	Services string
	// What is what was denied, after "denial of": "claim E1 for the care I
	// received from X on March 3, 2026 (procedure code 72148)".
	What       string
	Level      string // "level 2": the level a letter asks for
	PreService bool
	Urgent     bool
	// Reviewer is who decided: eviCore healthcare, Evernorth Behavioral
	// Health, or the insurer.
	Reviewer string
	Phone    string
	Employer string

	DenialSource string // "The EOB dated August 14, 2026"
	DenialDate   string
	EOBDate      string
	Reason       string // quoted, with its closing punctuation
	Codes        string
	PolicyNumber string
	PolicyTitle  string
	Ask          string // "overturn the denial and pay the claim under the plan's benefits"

	Timeline []letterEvent

	MedicalNecessity bool
	Criteria         []letterCriterion
	PhysicianLetter  bool
	BH               bool
	BHLevel          string

	Errors           []letterEOBError
	CPTDetails       string
	DuplicateDetails string
	NetworkNote      bool // the No Surprises Act paragraph

	Notice []letterNotice

	ClinicalReview bool // medical judgment: clinical judgment, specialist reviewer
	DecisionRule   string
	DecisionCite   string

	// Prior is the decision a level 2 appeal or external review answers;
	// Pending the appeal a follow-up asks about.
	Prior   *letterAppeal
	Pending *letterAppeal
	Overdue *letterDue
	// AppealDue and ExternalDue are the filing deadlines of the internal
	// appeal and of external review, when they have not passed; AppealSoon
	// says the internal one is two weeks away or less.
	AppealDue   string
	AppealLevel string
	AppealSoon  bool
	ExternalDue string
	Exhausted   bool
	// Deemed: external review is asked for before the internal appeals
	// end, because the denial notice lacks required elements.
	Deemed bool

	Regulator string // "ebsa" or "state"
	StateName string
	PlanType  string

	Enclosures []string
	CC         []string
	Signer     string
}

type letterField struct{ Label, Value string }

type letterEvent struct{ Date, Text string }

type letterCriterion struct{ Label, Text, Evidence string }

type letterEOBError struct {
	N           int
	Title, Text string
}

type letterNotice struct{ Text, Cite string }

type letterAppeal struct {
	Level      string // "level 1"
	Filed      string
	Method     string // "by certified mail"
	Tracking   string
	CaseNumber string
	Decision   string // "upheld the denial", "upheld the denial in part"
	Received   string
}

type letterDue struct{ Due, Cite string }

func newLetterData(kind LetterKind, c *Case, today Date) *letterData {
	d := &letterData{
		Date:        today.Long(),
		Insurer:     letterPlain(c.Insurer),
		MemberName:  letterPlain(c.Member.Name),
		ClaimNumber: letterPlain(c.Claim.Number),
		DOS:         c.Claim.DateOfService.Long(),
		Provider:    letterPlain(c.Claim.Provider.Name),
		ProviderNPI: letterPlain(c.Claim.Provider.NPI),
		PreService:  letterPreService(c),
		Urgent:      c.Denial.Review == ReviewUrgent,
		DenialDate:  letterDenialDate(c).Long(),
		Codes:       strings.Join(letterDenialCodes(c), ", "),
		Reason:      letterQuoted(letterPlain(c.EOB.Reason)),

		PolicyNumber:     letterPlain(c.Denial.Policy.Number),
		PolicyTitle:      letterPlain(c.Denial.Policy.Title),
		MedicalNecessity: letterMedicalNecessity(c),
		BH:               c.Denial.BehavioralHealth,
		BHLevel:          letterBHWords[c.Denial.BHLevel],
	}
	if d.Insurer == "" {
		d.Insurer = "Cigna"
	}
	d.setPeople(c)
	d.Services = letterServices(c)
	d.What = letterWhat(d)
	d.Level = letterLevelWords(Level1)
	switch {
	case c.Denial.Reviewer == ReviewerEviCore:
		d.Reviewer = "eviCore healthcare"
	case c.Denial.BehavioralHealth && strings.Contains(strings.ToLower(d.Insurer), "cigna"):
		d.Reviewer = "Evernorth Behavioral Health"
	default:
		d.Reviewer = d.Insurer
	}
	d.Phone = letterPlain(c.Member.Phone)
	if d.Rep {
		d.Phone = letterPlain(c.Representative.Phone)
	}
	d.Employer = letterPlain(c.Plan.Employer)
	d.EOBDate = c.EOB.Date.Long()
	d.CPTDetails = letterSentence(letterPlain(c.EOBErrors.CPT.Details))
	d.DuplicateDetails = letterSentence(letterPlain(c.EOBErrors.Duplicate.Details))
	d.DenialSource = letterDenialSource(c)
	d.Expedited = d.Urgent && (kind == LetterLevel1 || kind == LetterLevel2 || kind == LetterExternal || kind == LetterFollowUp)
	d.Ask = letterAsk(c)
	d.Exhausted = c.Status == StatusExhausted
	switch kind {
	case LetterLevel2:
		d.Level = letterLevelWords(Level2)
		if a, _, ok := letterAdverse(c, Level1); ok {
			d.Prior = newLetterAppeal(a)
		}
	case LetterExternal, LetterComplaint:
		if a, _, ok := letterAdverse(c, LevelExternal); ok && kind == LetterComplaint {
			d.Prior = newLetterAppeal(a)
		} else if i, ok := letterFinalDenial(c); ok {
			d.Prior = newLetterAppeal(c.Appeals[i])
		}
	}
	if _, final := letterFinalDenial(c); kind == LetterExternal && !final && !letterUrgentConcurrent(c) {
		d.Deemed = letterDeemed(c)
	}
	dls := Deadlines(c, today.Time())
	if i, ok := letterPendingAppeal(c); ok {
		d.Pending = newLetterAppeal(c.Appeals[i])
		d.Overdue = letterOverdue(dls, c.Appeals[i].Level)
	}
	d.setDue(dls)
	d.setRecipient(kind, c)
	d.setReference(kind, c)
	d.Timeline = letterTimeline(kind, c, d)
	d.setArgument(c)
	d.Notice = letterNoticeMissing(c)
	d.ClinicalReview = d.MedicalNecessity || d.BH
	d.DecisionRule, d.DecisionCite = letterDecisionRule(c)
	d.setRegulator(c)
	d.Enclosures = letterEnclosures(kind, c)
	d.CC = letterCC(kind, c)
	return d
}

// setPeople decides who writes and how the patient is named.
func (d *letterData) setPeople(c *Case) {
	d.Signer = d.MemberName
	d.RepName = letterPlain(c.Representative.Name)
	if d.RepName != "" {
		d.Rep = true
		d.Signer = d.RepName
		d.RepRel = letterPlain(c.Representative.Relationship)
		d.Sender = append([]string{d.RepName}, letterLines(c.Representative.Address)...)
		if p := letterPlain(c.Representative.Phone); p != "" {
			d.Sender = append(d.Sender, p)
		}
	} else {
		d.Sender = append([]string{d.MemberName}, letterLines(c.Member.Address)...)
		for _, s := range []string{c.Member.Phone, c.Member.Email} {
			if s = letterPlain(s); s != "" {
				d.Sender = append(d.Sender, s)
			}
		}
	}
	patient := letterPlain(c.Patient.Name)
	if patient == "" || patient == d.MemberName {
		patient = d.MemberName
		if !d.Rep {
			d.PatientSubj, d.PatientObj = "I", "me"
			return
		}
	}
	d.PatientSubj, d.PatientObj = patient, patient
}

// letterLines splits a multi-line address into clean lines. An address
// typed on one line (the wizard's fields are one line) that ends in a
// city, state and ZIP code is split at its commas, as it would be written
// on an envelope: "418 Alder Street, Austin, TX 78704" becomes
// "418 Alder Street" and "Austin, TX 78704".
func letterLines(s string) []string {
	var out []string
	for ln := range strings.SplitSeq(s, "\n") {
		if ln = letterPlain(ln); ln != "" {
			out = append(out, ln)
		}
	}
	if len(out) == 1 {
		if m := cityStateZIP.FindStringSubmatchIndex(out[0]); m != nil {
			var lines []string
			for part := range strings.SplitSeq(out[0][:m[0]], ",") {
				if part = strings.TrimSpace(part); part != "" {
					lines = append(lines, part)
				}
			}
			return append(lines, out[0][m[2]:m[3]])
		}
	}
	return out
}

// cityStateZIP matches the end of a one-line US address: a comma, then the
// city, state and ZIP code (submatch 1): ", Austin, TX 78704".
var cityStateZIP = regexp.MustCompile(`,\s*([^,]+,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?)\s*$`)

// letterQuoted returns s in double quotes, ending in punctuation, or "".
func letterQuoted(s string) string {
	if s == "" {
		return ""
	}
	return `"` + letterSentence(s) + `"`
}

// letterSentence returns s ending in a full stop unless it already ends a sentence.
func letterSentence(s string) string {
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return s + "."
}

var letterBHWords = map[BHLevel]string{
	BHInpatient:   "inpatient",
	BHResidential: "residential",
	BHPartial:     "partial hospitalization",
	BHIntensive:   "intensive outpatient",
	BHOutpatient:  "outpatient",
}

func letterDenialDate(c *Case) Date {
	if !c.Denial.LetterDate.IsZero() {
		return c.Denial.LetterDate
	}
	return c.EOB.Date
}

func letterDenialSource(c *Case) string {
	switch {
	case !c.EOB.Date.IsZero():
		return "The Explanation of Benefits dated " + c.EOB.Date.Long()
	case !c.Denial.LetterDate.IsZero():
		return "The denial letter dated " + c.Denial.LetterDate.Long()
	}
	return "The denial"
}

// letterServices names the procedures: "procedure code 72148",
// "procedure codes 72148 and 72149-26".
func letterServices(c *Case) string {
	var codes []string
	for _, p := range c.Claim.Procedures {
		code := letterPlain(p.Code)
		if code == "" {
			continue
		}
		for _, m := range p.Modifiers {
			if m = letterPlain(m); m != "" {
				code += "-" + m
			}
		}
		codes = append(codes, code)
	}
	switch len(codes) {
	case 0:
		return ""
	case 1:
		return "procedure code " + codes[0]
	}
	return "procedure codes " + strings.Join(codes[:len(codes)-1], ", ") + " and " + codes[len(codes)-1]
}

// letterAsk is the remedy in one clause.
func letterAsk(c *Case) string {
	e := c.EOBErrors
	switch {
	case letterPreService(c):
		return "overturn the denial and approve the requested service"
	case e.Network.Status == CheckError:
		return "reprocess the claim at the in-network level of benefits"
	case e.CostShare.Status == CheckError && c.Denial.Category == CategoryCostShare:
		return "reprocess the claim with the cost sharing the plan's terms provide"
	case e.CPT.Status == CheckError || e.Duplicate.Status == CheckError:
		return "correct the processing errors described below and reprocess the claim"
	}
	return "overturn the denial and pay the claim under the plan's benefits"
}

func (d *letterData) setRecipient(kind LetterKind, c *Case) {
	cigna := strings.Contains(strings.ToLower(d.Insurer), "cigna")
	onLetter := "the denial letter"
	if d.DenialDate != "" {
		onLetter += " dated " + d.DenialDate
	}
	switch kind {
	case LetterPhysician:
		d.Recipient = append([]string{letterPlain(c.Physician.Name)}, letterLines(c.Physician.Address)...)
		return
	case LetterCorrectedClaim:
		d.Recipient = []string{d.Provider, "Billing Office"}
		return
	case LetterComplaint:
		return // setRegulator
	case LetterAudit:
		d.Recipient = []string{d.Insurer, "Claims"}
		if cigna {
			d.Recipient[0] = "Cigna Healthcare"
		}
		d.SendTo = "the claims address printed on the Explanation of Benefits"
		return
	case LetterExternal:
		d.Recipient = []string{"External Review"}
		from := onLetter
		if d.Prior != nil {
			from = "the final internal denial letter"
			if d.Prior.Received != "" {
				from = "the final denial I received on " + d.Prior.Received
			}
		}
		d.SendTo = "the external review address given in " + from
		return
	}
	// The rule: the letter goes to the appeals address the denial letter
	// prints. Without it, Cigna's National Appeals Unit, or a note to copy
	// the address from the letter.
	if lines := letterLines(c.Denial.AppealsAddress); len(lines) > 0 {
		d.Recipient = lines
		return
	}
	switch {
	case c.Denial.Reviewer == ReviewerEviCore:
		d.Recipient = []string{"eviCore healthcare", "Appeals"}
		d.SendTo = "the appeals address printed on " + onLetter
	case c.Denial.BehavioralHealth:
		d.Recipient = []string{"Evernorth Behavioral Health", "Appeals"}
		d.SendTo = "the behavioral health appeals address printed on " + onLetter
	case cigna:
		d.Recipient = []string{"Cigna Healthcare", "National Appeals Unit", "P.O. Box 188011", "Chattanooga, TN 37422"}
	default:
		d.Recipient = []string{d.Insurer, "Appeals"}
		d.SendTo = "the appeals address printed on " + onLetter
	}
}

var letterSubjects = map[LetterKind]string{
	LetterLevel1:         "Customer Appeal - Level 1",
	LetterLevel2:         "Customer Appeal - Level 2",
	LetterExternal:       "Request for External Review",
	LetterFollowUp:       "Follow-up on a pending appeal",
	LetterPhysician:      "Request for a letter of medical necessity",
	LetterCorrectedClaim: "Request for a corrected claim",
	LetterAudit:          "Request for a claim audit: duplicate processing",
	LetterClaimFile:      "Request for the claim file",
	LetterComplaint:      "Complaint about a health plan's handling of a claim",
}

func (d *letterData) setReference(kind LetterKind, c *Case) {
	d.Subject = letterSubjects[kind]
	add := func(label, value string) {
		if value != "" {
			d.Reference = append(d.Reference, letterField{label, value})
		}
	}
	add("Member", d.MemberName)
	if p := letterPlain(c.Patient.Name); p != "" && p != d.MemberName {
		if rel := letterPlain(c.Patient.Relationship); rel != "" {
			p += " (" + rel + ")"
		}
		add("Patient", p)
	}
	if !c.Patient.DateOfBirth.IsZero() && letterPlain(c.Patient.Name) != "" {
		add("Patient date of birth", c.Patient.DateOfBirth.Long())
	} else if kind == LetterPhysician {
		add("Date of birth", c.Member.DateOfBirth.Long())
	}
	add("Member ID", letterPlain(c.Member.MemberID))
	add("Group number", letterPlain(c.Member.GroupNumber))
	if kind == LetterComplaint {
		add("Employer", letterPlain(c.Plan.Employer))
	}
	add("Claim number", d.ClaimNumber)
	if d.PreService {
		add("Requested date of service", d.DOS)
	} else {
		add("Date of service", d.DOS)
	}
	prov := d.Provider
	if prov != "" && d.ProviderNPI != "" {
		prov += " (NPI " + d.ProviderNPI + ")"
	}
	add("Provider", prov)
	if s, ok := strings.CutPrefix(letterServices(c), "procedure codes "); ok {
		add("Procedure codes", s)
	} else if s, ok := strings.CutPrefix(letterServices(c), "procedure code "); ok {
		add("Procedure code", s)
	}
	if kind != LetterPhysician && !d.PreService {
		add("Amount billed", c.Claim.Billed.Dollars())
	}
	add("Date of denial", d.DenialDate)
	if kind != LetterPhysician && kind != LetterCorrectedClaim {
		add("Prior authorization", letterPlain(c.Denial.PriorAuth.Number))
	}
	for _, a := range c.Appeals {
		if n := letterPlain(a.CaseNumber); n != "" && kind != LetterPhysician && kind != LetterCorrectedClaim {
			label := "Appeal case number"
			if w := letterLevelWords(a.Level); w != "" {
				label += " (" + w + ")"
			}
			add(label, n)
		}
	}
}

func letterLevelWords(l Level) string {
	switch l {
	case LevelExternal:
		return "external review"
	case Level1, Level2:
		return "level " + string(l)
	}
	return ""
}

var letterCallWords = map[CallWith]string{
	CallMemberServices:   "Member Services",
	CallBehavioralHealth: "behavioral health",
	CallProviderBilling:  "the provider's billing office",
	CallEviCore:          "eviCore",
	CallOther:            "the plan",
}

var letterMethodWords = map[Method]string{
	MethodPortal:        "through the member portal",
	MethodCertifiedMail: "by certified mail",
	MethodFax:           "by fax",
	MethodMail:          "by mail",
}

var letterDecisionWords = map[Decision]string{
	DecisionUpheld:           "upheld the denial",
	DecisionPartlyOverturned: "upheld the denial in part",
	DecisionOverturned:       "overturned the denial",
}

// letterTimeline lists the dated facts of the case, oldest first.
// An appeal letter leaves out the filing of its own level and any later.
func letterTimeline(kind LetterKind, c *Case, d *letterData) []letterEvent {
	type ev struct {
		at   Date
		text string
	}
	var evs []ev
	addEv := func(at Date, text string) {
		if !at.IsZero() && text != "" {
			evs = append(evs, ev{at, text})
		}
	}
	if n := letterPlain(c.Denial.PriorAuth.Number); n != "" {
		addEv(c.Denial.PriorAuth.Approved, d.Insurer+" approved prior authorization "+n+".")
	}
	if !d.PreService && d.Provider != "" {
		what := "the services"
		if d.Services != "" {
			what = "the services billed as " + d.Services
		}
		subj := d.PatientSubj
		addEv(c.Claim.DateOfService, subj+" received "+what+" from "+d.Provider+".")
	}
	if !c.EOB.Date.IsZero() {
		t := d.Insurer + " issued the Explanation of Benefits"
		if !c.EOB.Received.IsZero() && c.EOB.Received != c.EOB.Date {
			t += ", received on " + c.EOB.Received.Long()
		}
		addEv(c.EOB.Date, t+".")
	}
	if !c.Denial.LetterDate.IsZero() {
		who := d.Insurer
		if c.Denial.Reviewer == ReviewerEviCore {
			who = "eviCore healthcare, on behalf of " + d.Insurer + ","
		}
		t := who + " issued the denial letter"
		if !c.Denial.Received.IsZero() && c.Denial.Received != c.Denial.LetterDate {
			t += ", received on " + c.Denial.Received.Long()
		}
		addEv(c.Denial.LetterDate, t+".")
	}
	for _, call := range c.Calls {
		if call.At.IsZero() {
			continue
		}
		t := "I called " + letterCallWords[call.With]
		if letterCallWords[call.With] == "" {
			t = "I called the plan"
		}
		if r := letterPlain(call.Rep); r != "" {
			t += " and spoke with " + r
		}
		if r := letterPlain(call.Reference); r != "" {
			t += " (call reference " + r + ")"
		}
		t += "."
		if o := letterPlain(call.Outcome); o != "" {
			t += " " + letterSentence(o)
		}
		addEv(DateOf(call.At), t)
	}
	for _, m := range c.Messages {
		t := "I sent a secure message"
		if s := letterPlain(m.Subject); s != "" {
			t += `, "` + s + `"`
		}
		if r := letterPlain(m.Reference); r != "" {
			t += " (reference " + r + ")"
		}
		addEv(m.Sent, t+".")
	}
	for _, a := range c.Appeals {
		if kind == LetterLevel1 || kind == LetterLevel2 && a.Level != Level1 {
			continue
		}
		lw := letterLevelWords(a.Level)
		t := "I filed the " + lw + " appeal"
		switch lw {
		case "":
			t, lw = "I filed an appeal", "appeal"
		case "external review":
			t = "I requested external review"
		}
		if w := letterMethodWords[a.Method]; w != "" {
			t += " " + w
		}
		if tr := letterPlain(a.Tracking); tr != "" {
			t += " (tracking number " + tr + ")"
		}
		addEv(a.Filed, t+".")
		if w := letterDecisionWords[a.Decision]; w != "" {
			addEv(a.DecisionReceived, "I received the "+lw+" decision, which "+w+".")
		}
	}
	slices.SortStableFunc(evs, func(a, b ev) int { return a.at.Time().Compare(b.at.Time()) })
	out := make([]letterEvent, len(evs))
	for i, e := range evs {
		out[i] = letterEvent{e.at.Long(), e.text}
	}
	return out
}

func (d *letterData) setArgument(c *Case) {
	for _, doc := range c.Documents {
		if doc.Status != DocHave {
			continue
		}
		switch doc.Kind {
		case DocPhysicianLetter:
			d.PhysicianLetter = true
		}
	}
	for i, cr := range c.Denial.Policy.Criteria {
		label := letterPlain(cr.ID)
		if label == "" {
			label = fmt.Sprint(i + 1)
		}
		d.Criteria = append(d.Criteria, letterCriterion{label, letterSentence(letterPlain(cr.Text)), letterSentence(letterPlain(cr.Evidence))})
	}
	e := c.EOBErrors
	if e.Network.Status == CheckError {
		t := "The Explanation of Benefits processed the claim as out-of-network. " + letterSentence(letterPlain(e.Network.Details)) +
			" Please verify the network status of " + d.Provider + " (NPI " + d.ProviderNPI + ") for the date of service" +
			" and reprocess the claim at the in-network level."
		d.Errors = append(d.Errors, letterEOBError{len(d.Errors) + 1, "Network status", t})
		d.NetworkNote = true
	}
	if e.CPT.Status == CheckError {
		t := "The procedure code on the Explanation of Benefits does not match the service performed: " +
			letterSentence(letterPlain(e.CPT.Details)) + " I am asking the provider's billing office to send a corrected claim." +
			" Please reprocess the claim with the correct code."
		d.Errors = append(d.Errors, letterEOBError{len(d.Errors) + 1, "Procedure code", t})
	}
	if e.Duplicate.Status == CheckError {
		t := "The Explanation of Benefits shows duplicate processing: " + letterSentence(letterPlain(e.Duplicate.Details)) +
			" Please audit the claims involved and reprocess this claim."
		d.Errors = append(d.Errors, letterEOBError{len(d.Errors) + 1, "Duplicate processing", t})
	}
	if e.CostShare.Status == CheckError {
		d.Errors = append(d.Errors, letterEOBError{len(d.Errors) + 1, "Cost sharing", letterCostShareError(c, d)})
	}
	if e.PriorAuth.Status == CheckError {
		t := "The Explanation of Benefits says prior authorization was not obtained. " + d.Insurer +
			" approved prior authorization " + letterPlain(c.Denial.PriorAuth.Number)
		if !c.Denial.PriorAuth.Approved.IsZero() {
			t += " on " + c.Denial.PriorAuth.Approved.Long()
		}
		t += "."
		if letterHasDoc(c, DocPriorAuthApproval) {
			t += " A copy of the approval is enclosed."
		}
		if det := letterPlain(e.PriorAuth.Details); det != "" {
			t += " " + letterSentence(det)
		}
		t += " Please link the authorization to this claim and reprocess it."
		d.Errors = append(d.Errors, letterEOBError{len(d.Errors) + 1, "Prior authorization", t})
	}
}

func letterHasDoc(c *Case, kind DocKind) bool {
	return slices.ContainsFunc(c.Documents, func(d Document) bool { return d.Kind == kind && d.Status == DocHave })
}

// letterCostShareError states the cost-sharing error: what the EOB asks, the
// member's account of the error, the plan's terms and, when the terms are
// complete and the EOB asks for more than they give, the corrected share
// from CheckCostShare.
func letterCostShareError(c *Case, d *letterData) string {
	whose := "my"
	if d.Rep {
		whose = d.MemberName + "'s"
	}
	t := "The Explanation of Benefits puts " + whose + " share at " + c.Claim.MemberOwes.Dollars()
	if c.Claim.Allowed.Known() {
		t += "; the allowed amount is " + c.Claim.Allowed.Dollars()
	}
	t += ". " + letterSentence(letterPlain(c.EOBErrors.CostShare.Details))
	terms := letterCostShareTerms(c.CostShare)
	if terms != "" {
		t += " The plan's terms: " + terms + "."
	}
	if r := CheckCostShare(c); r.Complete && r.Difference.Known() && r.Difference.Cents() > 0 {
		t += " Under these terms, " + whose + " share of the allowed amount is " + r.Expected.Dollars() +
			", not " + r.Billed.Dollars() + ": the Explanation of Benefits asks " + r.Difference.Dollars() + " too much."
	}
	return t + " Please recalculate the share under the plan's terms."
}

// letterCostShareTerms lists the known cost-sharing terms in words.
func letterCostShareTerms(t CostShareTerms) string {
	var parts []string
	if t.Deductible.Known() {
		p := "deductible " + t.Deductible.Dollars()
		if t.DeductibleMet.Known() {
			p += " (" + t.DeductibleMet.Dollars() + " met before this claim)"
		}
		parts = append(parts, p)
	}
	if t.CoinsurancePct > 0 {
		parts = append(parts, fmt.Sprintf("coinsurance %d%%", t.CoinsurancePct))
	}
	if t.Copay.Known() {
		parts = append(parts, "copay "+t.Copay.Dollars())
	}
	if t.OOPMax.Known() {
		p := "out-of-pocket maximum " + t.OOPMax.Dollars()
		if t.OOPMet.Known() {
			p += " (" + t.OOPMet.Dollars() + " met before this claim)"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

// letterDecisionRule states the time the plan has to decide, from rules.md.
func letterDecisionRule(c *Case) (rule, cite string) {
	levels := c.Plan.InternalLevels
	if c.Plan.Type == PlanIndividual {
		levels = 1
	}
	switch {
	case c.Denial.Review == ReviewUrgent:
		return "an urgent care appeal must be decided within 72 hours of its receipt", "29 CFR 2560.503-1(i)(2)(i)"
	case c.Denial.Review == ReviewPreService && levels == 1:
		return "a pre-service appeal must be decided within 30 days of its receipt", "29 CFR 2560.503-1(i)(2)(ii)"
	case c.Denial.Review == ReviewPreService && levels == 2:
		return "each level of a pre-service appeal must be decided within 15 days of its receipt", "29 CFR 2560.503-1(i)(2)(ii)"
	case c.Denial.Review == ReviewPreService:
		return "a pre-service appeal must be decided within 30 days of its receipt, or 15 days per level where the plan has two levels", "29 CFR 2560.503-1(i)(2)(ii)"
	case levels == 1:
		return "a post-service appeal must be decided within 60 days of its receipt", "29 CFR 2560.503-1(i)(2)(iii)(A)"
	case levels == 2:
		return "each level of a post-service appeal must be decided within 30 days of its receipt", "29 CFR 2560.503-1(i)(2)(iii)(A)"
	}
	return "a post-service appeal must be decided within 60 days of its receipt, or 30 days per level where the plan has two levels", "29 CFR 2560.503-1(i)(2)(iii)(A)"
}

func newLetterAppeal(a Appeal) *letterAppeal {
	return &letterAppeal{
		Level:      letterLevelWords(a.Level),
		Filed:      a.Filed.Long(),
		Method:     letterMethodWords[a.Method],
		Tracking:   letterPlain(a.Tracking),
		CaseNumber: letterPlain(a.CaseNumber),
		Decision:   letterDecisionWords[a.Decision],
		Received:   a.DecisionReceived.Long(),
	}
}

// letterOverdue returns the plan-decision deadline of the level among the
// case's deadlines when it has passed.
func letterOverdue(dls []Deadline, level Level) *letterDue {
	for _, dl := range dls {
		if dl.Kind == DeadlinePlanDecision && dl.Level == level && dl.State == StateOverdue {
			return &letterDue{Due: dl.Due.Long(), Cite: letterPlain(dl.Cite)}
		}
	}
	return nil
}

func (d *letterData) setRegulator(c *Case) {
	switch c.Plan.Type {
	case PlanEmployerSelfFunded:
		d.Regulator = "ebsa"
		d.PlanType = "a self-funded employer plan governed by ERISA"
	case PlanEmployerFullyInsured:
		d.Regulator = "state"
		d.PlanType = "a fully insured employer plan"
	case PlanIndividual:
		d.Regulator = "state"
		d.PlanType = "an individual health plan"
	}
	d.StateName = letterStateName(c.Plan.State)
	if d.Recipient != nil {
		return
	}
	switch d.Regulator {
	case "ebsa":
		d.Recipient = []string{"U.S. Department of Labor", "Employee Benefits Security Administration (EBSA)"}
		d.SendTo = "the address or online form EBSA gives for complaints; EBSA's phone number is 1-866-444-3272"
	case "state":
		d.Recipient = []string{"Consumer Complaints", "Insurance department of " + d.StateName}
		d.SendTo = "the address or online complaint form of the insurance department of " + d.StateName
	}
}

var letterDocWords = map[DocKind]string{
	DocPhysicianLetter:   "Letter of medical necessity",
	DocMedicalRecords:    "Medical records",
	DocPriorAuthApproval: "Prior authorization approval",
	DocGuidelines:        "Clinical guidelines",
	DocEOB:               "Explanation of Benefits",
	DocDenialLetter:      "Denial letter",
	DocOther:             "Document",
}

// letterEnclosures lists the documents marked "have", EOB and denial letter
// first; the EOB also when only its file is recorded. Letters to the doctor or the billing office, the claim-file request
// and the audit request enclose only the EOB and the denial letter; a
// follow-up encloses nothing.
func letterEnclosures(kind LetterKind, c *Case) []string {
	if kind == LetterFollowUp {
		return nil
	}
	onlyDenial := kind == LetterPhysician || kind == LetterCorrectedClaim || kind == LetterClaimFile || kind == LetterAudit
	docs := slices.Clone(c.Documents)
	rank := func(k DocKind) int {
		switch k {
		case DocEOB, DocDenialLetter:
			return 0
		}
		return 1
	}
	slices.SortStableFunc(docs, func(a, b Document) int { return rank(a.Kind) - rank(b.Kind) })
	var out []string
	if letterPlain(c.EOB.File) != "" && !letterHasDoc(c, DocEOB) {
		eob := "Explanation of Benefits"
		if !c.EOB.Date.IsZero() {
			eob += " dated " + c.EOB.Date.Long()
		}
		out = append(out, eob)
	}
	for _, doc := range docs {
		if doc.Status != DocHave || onlyDenial && doc.Kind != DocEOB && doc.Kind != DocDenialLetter {
			continue
		}
		w := letterDocWords[doc.Kind]
		if w == "" {
			w = "Document"
		}
		if desc := letterPlain(doc.Description); desc != "" {
			if doc.Kind == DocOther {
				w = desc
			} else {
				w += ": " + desc
			}
		}
		out = append(out, w)
	}
	return out
}

// letterCC lists the carbon copies: the provider, and the employer's
// benefits office for a self-funded plan.
func letterCC(kind LetterKind, c *Case) []string {
	switch kind {
	case LetterLevel1, LetterLevel2, LetterExternal, LetterFollowUp, LetterAudit:
	default:
		return nil
	}
	var cc []string
	if p := letterPlain(c.Claim.Provider.Name); p != "" {
		cc = append(cc, p)
	}
	if c.Plan.Type == PlanEmployerSelfFunded {
		if e := letterPlain(c.Plan.Employer); e != "" {
			cc = append(cc, e+", benefits office")
		} else {
			cc = append(cc, "Employer's benefits office")
		}
	}
	return cc
}

// letterNoticeMissing lists the elements the denial notice lacks.
func letterNoticeMissing(c *Case) []letterNotice {
	var out []letterNotice
	for _, e := range MissingNoticeElements(c) {
		out = append(out, letterNotice{letterPlain(e.Text), letterPlain(e.Cite)})
	}
	return out
}

// letterWhat names what was denied, to follow "denial of".
func letterWhat(d *letterData) string {
	if d.PreService {
		s := "coverage for " + d.Services
		if d.Services == "" {
			s = "coverage for the requested service"
		}
		if d.Provider != "" {
			s += ", which " + d.Provider + " requested for " + d.PatientObj
		}
		if d.DOS != "" {
			s += " (planned for " + d.DOS + ")"
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
	if d.DOS != "" {
		s += " on " + d.DOS
	}
	if d.Services != "" {
		s += " (" + d.Services + ")"
	}
	return s
}

// setDue fills the filing deadlines that are still ahead: the
// level 1 appeal's, and external review's once the final internal denial
// is known.
func (d *letterData) setDue(dls []Deadline) {
	for _, dl := range dls {
		if dl.State == StateOverdue || dl.Due.IsZero() {
			continue
		}
		switch dl.Kind {
		case DeadlineInternalAppeal:
			// Only level 1 has a deadline set by rule; the plan's level 1
			// decision letter sets the level 2 one.
			if d.AppealDue == "" && dl.Level == Level1 {
				d.AppealDue = dl.Due.Long()
				d.AppealLevel = letterLevelWords(dl.Level)
				d.AppealSoon = dl.State != StateOK
			}
		case DeadlineExternalReview:
			if d.ExternalDue == "" && d.Prior != nil {
				d.ExternalDue = dl.Due.Long()
			}
		}
	}
}
