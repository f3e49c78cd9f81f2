package workflow

import (
	"strings"
	"time"
)

// Format is the case-file format this version writes.
const Format = "overturn-case/3"

// Case is everything one dispute needs. Its JSON form is the case file
// (docs/case-file.md): the store's record and the file people import and
// export. Every field may be unknown; guards and gap lists say what is
// needed when.
type Case struct {
	Format string `json:"format"`
	Title  string `json:"title"`
	// Insurer names the insurer as the person knows it ("Cigna"); the
	// insurer's profile (names, addresses, phone lines) comes from data
	// (see Reference.Insurer).
	Insurer        string          `json:"insurer"`
	Member         Member          `json:"member"`
	Patient        Patient         `json:"patient"`
	Representative Representative  `json:"representative"`
	Physician      Physician       `json:"physician"`
	Plan           Plan            `json:"plan"`
	Claim          Claim           `json:"claim"`
	EOB            EOB             `json:"eob"`
	Denial         Denial          `json:"denial"`
	EOBErrors      EOBErrors       `json:"eob_errors"`
	CostShare      CostShareTerms  `json:"cost_share"`
	Calls          []Call          `json:"calls"`
	Messages       []SecureMessage `json:"messages"`
	Documents      []Document      `json:"documents"`
	Appeals        []Appeal        `json:"appeals"`
	// Copies says who gets a copy of the letters, as the person chose.
	Copies    Copies `json:"copies"`
	Step      Step   `json:"step"`
	Status    Status `json:"status"`
	Recovered Money  `json:"recovered,omitzero"`
	// Resolution says how a resolved case was resolved (see Resolve).
	Resolution string `json:"resolution,omitempty"`
	// Resume is where the person left the case in the wizard: the step
	// and the field key, so reopening lands there.
	Resume  Resume    `json:"resume,omitzero"`
	Created time.Time `json:"created,omitzero"`
	Updated time.Time `json:"updated,omitzero"`
}

// Resume records where the person left off in the wizard.
type Resume struct {
	Step  Step   `json:"step,omitempty"`
	Field string `json:"field,omitempty"`
}

// IsZero reports whether nothing is recorded.
func (r Resume) IsZero() bool { return r.Step == 0 && r.Field == "" }

// Member is the person insured.
type Member struct {
	Name        string `json:"name"`
	MemberID    string `json:"member_id"`
	GroupNumber string `json:"group_number"`
	Address     string `json:"address"`
	Phone       string `json:"phone"`
	Email       string `json:"email"`
	DateOfBirth Date   `json:"date_of_birth"`
}

// Patient is the person treated, when not the member.
type Patient struct {
	Name         string `json:"name"`
	Relationship string `json:"relationship"`
	DateOfBirth  Date   `json:"date_of_birth"`
}

// Representative is someone filing on the member's behalf.
type Representative struct {
	Name         string `json:"name"`
	Relationship string `json:"relationship"`
	Address      string `json:"address"`
	Phone        string `json:"phone"`
	Email        string `json:"email"`
}

// Physician is the clinician who ordered the care, or gives it: the one
// who can write a letter of medical necessity or state that the care is
// urgent. Often not the provider that billed (an imaging center, a
// laboratory, a hospital).
type Physician struct {
	Name string `json:"name"`
	// Credentials are the letters after the name: "MD", "DO", "LCSW".
	Credentials string `json:"credentials"`
	// Specialty is the clinician's field ("pediatric oncology"): the
	// reviewer of the appeal should have training in it.
	Specialty string `json:"specialty"`
	Address   string `json:"address"`
	Phone     string `json:"phone"`
	Fax       string `json:"fax"`
}

// Plan describes the coverage.
type Plan struct {
	Type PlanType `json:"type"`
	// Funding says who pays the claims of an employer plan: the employer
	// itself (self-funded; the insurer only administers) or the insurer
	// (fully insured). Unknown for other plans.
	Funding  Funding `json:"funding"`
	State    string  `json:"state"`
	Employer string  `json:"employer"`
	// InternalLevels is 1, 2, or 0 when not known. Individual coverage
	// has one level whatever this says (see Plan.Levels).
	InternalLevels int `json:"internal_levels"`
	// Administrator is the plan administrator's name and address, as the
	// Summary Plan Description gives them: the request for plan documents
	// goes there.
	Administrator string `json:"administrator"`
}

// Procedure is one line of the claim: a CPT or HCPCS code, or, for care
// billed another way (an inpatient stay under a revenue code, a drug by
// its J-code or NDC), a description.
type Procedure struct {
	Code        string   `json:"code"`
	Description string   `json:"description"`
	Modifiers   []string `json:"modifiers"`
	Units       int      `json:"units"`
	Billed      Money    `json:"billed"`
	Allowed     Money    `json:"allowed"`
}

// Provider is who gave the care and billed for it.
type Provider struct {
	Name string `json:"name"`
	NPI  string `json:"npi"`
	// Specialty is what the provider does ("anesthesiology"): it decides
	// whether the No Surprises Act protects a bill from an out-of-network
	// clinician at an in-network facility.
	Specialty string `json:"specialty"`
	// Address is the provider's billing office address: the
	// corrected-claim request and copies of letters go there.
	Address string `json:"address"`
	// Network is the provider's real network status with the plan, when
	// known: "in", "out".
	Network Network `json:"network"`
	// Verified records that the plan said the provider was in network
	// before the care.
	Verified Verification `json:"verified"`
}

// Verification is a statement by the plan, before the care, that a
// provider was in its network.
type Verification struct {
	Date      Date         `json:"date"`
	Source    VerifySource `json:"source"`
	Reference string       `json:"reference"`
}

// Facility is the hospital, surgery center or other facility where the
// care was given, when not the provider itself.
type Facility struct {
	Name    string  `json:"name"`
	Network Network `json:"network"`
}

// Claim is the claim as the EOB shows it, or the service requested.
type Claim struct {
	Number        string   `json:"number"`
	DateOfService Date     `json:"date_of_service"`
	Provider      Provider `json:"provider"`
	Facility      Facility `json:"facility"`
	// Emergency is true when the care was emergency services.
	Emergency bool `json:"emergency"`
	// Symptoms are what the patient had when seeking emergency care, in
	// the person's words: the prudent-layperson standard judges them.
	Symptoms string `json:"symptoms"`
	// DuplicateOf is the claim the plan says this one duplicates: the one
	// it paid.
	DuplicateOf string `json:"duplicate_of"`
	// Related are the other claims the plan denied the same way (each
	// visit of a course of therapy is its own claim), one a line or
	// separated by semicolons (see RelatedClaims): the appeal asks that
	// its decision apply to them too.
	Related    string      `json:"related,omitempty"`
	Procedures []Procedure `json:"procedures"`
	Diagnoses  []string    `json:"diagnoses"`
	Billed     Money       `json:"billed"`
	Allowed    Money       `json:"allowed"`
	PlanPaid   Money       `json:"plan_paid"`
	MemberOwes Money       `json:"member_owes"`
}

// RelatedClaims returns the other claims denied the same way, one each,
// as the person wrote them.
func (cl Claim) RelatedClaims() []string {
	var out []string
	for _, s := range strings.FieldsFunc(cl.Related, func(r rune) bool { return r == '\n' || r == ';' }) {
		if s = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(s), "-•*")); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// EOB is the Explanation of Benefits.
type EOB struct {
	Date     Date     `json:"date"`
	Received Date     `json:"received"`
	File     string   `json:"file"`
	Codes    []string `json:"codes"`
	Reason   string   `json:"reason"`
	// ClaimsAddress is where the insurer takes claims, as the EOB or the
	// ID card prints it: the claim audit request goes there, never to the
	// appeals address.
	ClaimsAddress string `json:"claims_address,omitempty"`
}

// PriorAuth is a prior authorization the member holds.
type PriorAuth struct {
	Number   string `json:"number"`
	Approved Date   `json:"approved"`
}

// Criterion is one criterion of a coverage policy and the member's
// evidence that it is met.
type Criterion struct {
	ID       string `json:"id"`
	Text     string `json:"text"`
	Evidence string `json:"evidence"`
}

// Policy is the coverage policy the denial rests on.
type Policy struct {
	Number   string      `json:"number"`
	Title    string      `json:"title"`
	Criteria []Criterion `json:"criteria"`
}

// Experimental holds what an experimental or investigational denial is
// answered with: the plan's own definition and the evidence the person
// supplies.
type Experimental struct {
	// Definition is the plan document's definition of experimental or
	// investigational, quoted.
	Definition string `json:"definition"`
	// FDAStatus is the treatment's FDA status in the person's words
	// ("approved in 2023 for this use").
	FDAStatus string `json:"fda_status"`
	// Evidence lists the published evidence the person supplies, one
	// reference each.
	Evidence []string `json:"evidence"`
}

// Denial is what the plan decided and why.
type Denial struct {
	Category Category `json:"category"`
	Review   Review   `json:"review"`
	// Urgent marks care still to come or going on as urgent when Review
	// says which of the two it is (concurrent care can be urgent too):
	// waiting the normal time could seriously jeopardize the person's life,
	// health or ability to regain maximum function, or a physician with
	// knowledge of the condition says so. See IsUrgent.
	Urgent     bool     `json:"urgent"`
	LetterDate Date     `json:"letter_date"`
	Received   Date     `json:"received"`
	Reviewer   Reviewer `json:"reviewer"`
	// AppealsAddress is the address for appeals printed on the denial
	// letter, line by line: the letters to the plan go there.
	AppealsAddress string `json:"appeals_address"`
	// AppealsFax and AppealsPhone are the fax and phone numbers the
	// denial letter gives for appeals: an urgent appeal goes by them.
	AppealsFax   string `json:"appeals_fax"`
	AppealsPhone string `json:"appeals_phone"`
	// ExternalReviewAddress is where the final denial letter says to send
	// a request for external review.
	ExternalReviewAddress string  `json:"external_review_address"`
	BehavioralHealth      bool    `json:"behavioral_health"`
	BHLevel               BHLevel `json:"bh_level"`
	// Limit is the limit the plan applied to the care, in its words
	// ("concurrent review after 20 visits"): for behavioral health care,
	// a treatment limit that parity law covers.
	Limit string `json:"limit"`
	// Argument is why the denial is wrong, in the person's own words: the
	// appeals carry it as a paragraph of its own.
	Argument     string       `json:"argument"`
	PriorAuth    PriorAuth    `json:"prior_auth"`
	Policy       Policy       `json:"policy"`
	Experimental Experimental `json:"experimental"`
	// Notice records, by element id (see NoticeElements), whether the
	// denial notice contains it: true present, false missing, absent not
	// checked.
	Notice map[string]bool `json:"notice,omitempty"`
}

// Check is one item of the EOB error checklist.
type Check struct {
	Status  CheckStatus `json:"status"`
	Details string      `json:"details"`
}

// EOBErrors is the checklist of the five common EOB processing errors
// (see Checks).
type EOBErrors struct {
	Network   Check `json:"network"`
	CPT       Check `json:"cpt"`
	Duplicate Check `json:"duplicate"`
	CostShare Check `json:"cost_share"`
	PriorAuth Check `json:"prior_auth"`
}

// CostShareTerms are the plan's cost-sharing terms for the math check.
type CostShareTerms struct {
	Network        Network `json:"network"`
	Deductible     Money   `json:"deductible"`
	DeductibleMet  Money   `json:"deductible_met"`
	CoinsurancePct int     `json:"coinsurance_pct"`
	Copay          Money   `json:"copay"`
	OOPMax         Money   `json:"oop_max"`
	OOPMet         Money   `json:"oop_met"`
}

// Call is one entry of the call log.
type Call struct {
	At        time.Time `json:"at"`
	With      CallWith  `json:"with"`
	Rep       string    `json:"rep"`
	Reference string    `json:"reference"`
	Outcome   string    `json:"outcome"`
}

// SecureMessage is a message sent through the insurer's portal.
type SecureMessage struct {
	Sent      Date   `json:"sent"`
	Subject   string `json:"subject"`
	Reference string `json:"reference"`
}

// Document is one document the appeal needs.
type Document struct {
	Kind        DocKind   `json:"kind"`
	Description string    `json:"description"`
	Status      DocStatus `json:"status"`
	File        string    `json:"file"`
	// SentWith lists the appeal levels the document was sent with, so a
	// later level can say what is new.
	SentWith []Level `json:"sent_with"`
}

// Appeal is one level of appeal filed.
type Appeal struct {
	Level    Level  `json:"level"`
	Filed    Date   `json:"filed"`
	Method   Method `json:"method"`
	Tracking string `json:"tracking"`
	// Received is the day the plan received the appeal (the certified
	// mail delivery date, or the fax confirmation's): the plan's decision
	// time counts from it.
	Received   Date     `json:"received"`
	CaseNumber string   `json:"case_number"`
	Decision   Decision `json:"decision"`
	// DecisionDate is the date printed on the decision letter;
	// DecisionReceived the day it was received.
	DecisionDate     Date `json:"decision_date"`
	DecisionReceived Date `json:"decision_received"`
	// DecisionReason is the decision's stated reason, quoted: the next
	// level answers it.
	DecisionReason string `json:"decision_reason"`
	// AppealBy is the last day to appeal this decision at the next level,
	// as the decision letter prints it.
	AppealBy Date `json:"appeal_by"`
}

// Copies says who gets a copy of the letters. Nobody does unless the
// person chooses: an employer never gets a letter that carries clinical
// facts, whatever this says.
type Copies struct {
	Provider bool `json:"provider"`
	Employer bool `json:"employer"`
}

// Step is one of the seven steps of the appeal, 1 to 7.
type Step int

// The seven steps of the guide.
const (
	StepEOB      Step = 1 // get the EOB and note the reason code; EOB error checklist
	StepReason   Step = 2 // identify the denial reason and the coverage policy
	StepCall     Step = 3 // call Member Services or behavioral health
	StepGather   Step = 4 // gather documentation
	StepFile     Step = 5 // file the written appeal
	StepTrack    Step = 6 // track the response
	StepEscalate Step = 7 // level 2, external review, regulator complaint
)

// NewCase returns an empty open case at step 1, created at now, for the
// insurer named insurer.
func NewCase(now time.Time, insurer string) *Case {
	return &Case{
		Format:  Format,
		Insurer: insurer,
		Step:    StepEOB,
		Status:  StatusOpen,
		EOBErrors: EOBErrors{
			Network:   Check{Status: CheckNotChecked},
			CPT:       Check{Status: CheckNotChecked},
			Duplicate: Check{Status: CheckNotChecked},
			CostShare: Check{Status: CheckNotChecked},
			PriorAuth: Check{Status: CheckNotChecked},
		},
		Created: now,
		Updated: now,
	}
}

// IsUrgent reports whether the denied care is urgent (29 CFR
// 2560.503-1(m)(1)): the review is urgent, or care not yet given or going
// on is marked urgent. Care already received is never urgent.
func (d Denial) IsUrgent() bool {
	return d.Review == ReviewUrgent || d.Urgent && d.Review != ReviewPostService
}
