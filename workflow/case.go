package workflow

import "time"

// Format is the case-file format this version writes.
const Format = "overturn-case/2"

// Case is everything one dispute needs. Its JSON form is the case file
// (docs/case-file.md): the store's record and the file people import and
// export. Every field may be unknown; guards and Missing say what is needed
// when.
type Case struct {
	Format         string          `json:"format"`
	Title          string          `json:"title"`
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
	Step           Step            `json:"step"`
	Status         Status          `json:"status"`
	Recovered      Money           `json:"recovered,omitzero"`
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
}

// Physician is the doctor who ordered the care, or gives it: the one who
// can write a letter of medical necessity. Often not the provider that
// billed (an imaging center, a laboratory, a hospital).
type Physician struct {
	Name    string `json:"name"`
	Address string `json:"address"`
}

// PlanType decides which rules, deadlines and regulator apply.
type PlanType string

// The plan types of the case file.
const (
	PlanUnknown              PlanType = ""
	PlanEmployerSelfFunded   PlanType = "employer-self-funded"
	PlanEmployerFullyInsured PlanType = "employer-fully-insured"
	PlanIndividual           PlanType = "individual"
	PlanGovernment           PlanType = "government"
	PlanUnknownStated        PlanType = "unknown"
)

// Plan describes the coverage.
type Plan struct {
	Type     PlanType `json:"type"`
	State    string   `json:"state"`
	Employer string   `json:"employer"`
	// InternalLevels is 1, 2, or 0 when not known.
	InternalLevels int `json:"internal_levels"`
}

// Procedure is one line of the claim.
type Procedure struct {
	Code      string   `json:"code"`
	Modifiers []string `json:"modifiers"`
	Billed    Money    `json:"billed"`
	Allowed   Money    `json:"allowed"`
}

// Provider is who gave the care.
type Provider struct {
	Name string `json:"name"`
	NPI  string `json:"npi"`
}

// Claim is the claim as the EOB shows it.
type Claim struct {
	Number        string      `json:"number"`
	DateOfService Date        `json:"date_of_service"`
	Provider      Provider    `json:"provider"`
	Procedures    []Procedure `json:"procedures"`
	Diagnoses     []string    `json:"diagnoses"`
	Billed        Money       `json:"billed"`
	Allowed       Money       `json:"allowed"`
	PlanPaid      Money       `json:"plan_paid"`
	MemberOwes    Money       `json:"member_owes"`
}

// EOB is the Explanation of Benefits.
type EOB struct {
	Date     Date     `json:"date"`
	Received Date     `json:"received"`
	File     string   `json:"file"`
	Codes    []string `json:"codes"`
	Reason   string   `json:"reason"`
}

// Category is what kind of denial this is.
type Category string

// The denial categories of the case file.
const (
	CategoryUnknown          Category = ""
	CategoryMedicalNecessity Category = "medical-necessity"
	CategoryExperimental     Category = "experimental"
	CategoryPriorAuth        Category = "prior-auth"
	CategoryNotCovered       Category = "not-covered"
	CategoryNetwork          Category = "network"
	CategoryCoding           Category = "coding"
	CategoryDuplicate        Category = "duplicate"
	CategoryCostShare        Category = "cost-share"
	CategoryEligibility      Category = "eligibility"
	CategoryOther            Category = "other"
)

// Review is the kind of claim under review.
type Review string

// The review types of the case file.
const (
	ReviewUnknown     Review = ""
	ReviewPostService Review = "post-service"
	ReviewPreService  Review = "pre-service"
	ReviewUrgent      Review = "urgent"
)

// BHLevel is the behavioral-health level of care.
type BHLevel string

// The behavioral-health levels of care.
const (
	BHUnknown     BHLevel = ""
	BHInpatient   BHLevel = "inpatient"
	BHResidential BHLevel = "residential"
	BHPartial     BHLevel = "partial-hospitalization"
	BHIntensive   BHLevel = "intensive-outpatient"
	BHOutpatient  BHLevel = "outpatient"
)

// Reviewer is who made the decision: Cigna itself or eviCore.
type Reviewer string

// The reviewers of the case file.
const (
	ReviewerUnknown Reviewer = ""
	ReviewerCigna   Reviewer = "cigna"
	ReviewerEviCore Reviewer = "evicore"
)

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

// Denial is what the plan decided and why.
type Denial struct {
	Category   Category `json:"category"`
	Review     Review   `json:"review"`
	LetterDate Date     `json:"letter_date"`
	Received   Date     `json:"received"`
	Reviewer   Reviewer `json:"reviewer"`
	// AppealsAddress is the address for appeals printed on the denial
	// letter, line by line: the letters to the plan go there.
	AppealsAddress   string    `json:"appeals_address"`
	BehavioralHealth bool      `json:"behavioral_health"`
	BHLevel          BHLevel   `json:"bh_level"`
	PriorAuth        PriorAuth `json:"prior_auth"`
	Policy           Policy    `json:"policy"`
	// Notice records, by element id (see NoticeElements), whether the
	// denial notice contains it: true present, false missing, absent not
	// checked.
	Notice map[string]bool `json:"notice,omitempty"`
}

// CheckStatus is the state of one EOB checklist item.
type CheckStatus string

// The checklist states of the case file.
const (
	CheckNotChecked CheckStatus = "not-checked"
	CheckOK         CheckStatus = "ok"
	CheckError      CheckStatus = "error"
)

// Check is one item of the EOB error checklist.
type Check struct {
	Status  CheckStatus `json:"status"`
	Details string      `json:"details"`
}

// EOBErrors is the checklist of the five common EOB processing errors.
type EOBErrors struct {
	Network   Check `json:"network"`
	CPT       Check `json:"cpt"`
	Duplicate Check `json:"duplicate"`
	CostShare Check `json:"cost_share"`
	PriorAuth Check `json:"prior_auth"`
}

// Network says whether the provider is in the plan's network.
type Network string

// The network values of the case file.
const (
	NetworkUnknown Network = ""
	NetworkIn      Network = "in"
	NetworkOut     Network = "out"
)

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

// CallWith is who the member spoke to.
type CallWith string

// The call parties of the case file.
const (
	CallMemberServices   CallWith = "member-services"
	CallBehavioralHealth CallWith = "behavioral-health"
	CallProviderBilling  CallWith = "provider-billing"
	CallEviCore          CallWith = "evicore"
	CallOther            CallWith = "other"
)

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

// DocKind is the kind of a supporting document.
type DocKind string

// The document kinds of the case file.
const (
	DocPhysicianLetter   DocKind = "physician-letter"
	DocMedicalRecords    DocKind = "medical-records"
	DocPriorAuthApproval DocKind = "prior-auth-approval"
	DocGuidelines        DocKind = "guidelines"
	DocEOB               DocKind = "eob"
	DocDenialLetter      DocKind = "denial-letter"
	DocOther             DocKind = "other"
)

// DocStatus is how far along a document is.
type DocStatus string

// The document states of the case file.
const (
	DocNeeded    DocStatus = "needed"
	DocRequested DocStatus = "requested"
	DocHave      DocStatus = "have"
)

// Document is one document the appeal needs.
type Document struct {
	Kind        DocKind   `json:"kind"`
	Description string    `json:"description"`
	Status      DocStatus `json:"status"`
	File        string    `json:"file"`
}

// Level is an appeal level.
type Level string

// The appeal levels of the case file.
const (
	Level1        Level = "1"
	Level2        Level = "2"
	LevelExternal Level = "external"
)

// Method is how an appeal was sent.
type Method string

// The sending methods of the case file.
const (
	MethodUnknown       Method = ""
	MethodPortal        Method = "portal"
	MethodCertifiedMail Method = "certified-mail"
	MethodFax           Method = "fax"
	MethodMail          Method = "mail"
)

// Decision is the outcome of an appeal level.
type Decision string

// The decisions of the case file.
const (
	DecisionPending          Decision = "pending"
	DecisionOverturned       Decision = "overturned"
	DecisionPartlyOverturned Decision = "partly-overturned"
	DecisionUpheld           Decision = "upheld"
)

// Appeal is one level of appeal filed.
type Appeal struct {
	Level            Level    `json:"level"`
	Filed            Date     `json:"filed"`
	Method           Method   `json:"method"`
	Tracking         string   `json:"tracking"`
	CaseNumber       string   `json:"case_number"`
	Decision         Decision `json:"decision"`
	DecisionReceived Date     `json:"decision_received"`
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

// Status is where the case stands overall.
type Status string

// The case states of the case file.
const (
	StatusOpen      Status = "open"
	StatusResolved  Status = "resolved"
	StatusExhausted Status = "exhausted"
	StatusClosed    Status = "closed"
)

// NewCase returns an empty open case at step 1, created at now.
func NewCase(now time.Time) *Case {
	return &Case{
		Format:  Format,
		Insurer: "Cigna",
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
