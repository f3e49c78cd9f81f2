package workflow

// Every enumerated value of the case file is listed once, here: the
// function named after the type in the plural (PlanTypes, Categories...)
// returns the values a case file may hold besides "" (not known yet), in
// the order a form offers them, and Label says each in plain words for
// the person choosing. The case-file decoder, the wizard, accessible mode
// and the command line read these lists; none keeps its own.

// PlanType decides which rules, deadlines and regulator apply.
type PlanType string

// The plan types of the case file.
const (
	PlanUnknown PlanType = ""
	// PlanEmployer is a private employer's plan: ERISA.
	PlanEmployer PlanType = "employer"
	// PlanPublicEmployer is a state, county, city or school district's
	// plan: a non-federal governmental plan, not ERISA.
	PlanPublicEmployer PlanType = "public-employer"
	// PlanIndividual is coverage bought by the person, on the marketplace
	// or directly.
	PlanIndividual PlanType = "individual"
	// PlanMedicareAdvantage is a Medicare Advantage plan: Medicare's own
	// rules.
	PlanMedicareAdvantage PlanType = "medicare-advantage"
	// PlanGovernment is Medicare, Medicaid, TRICARE, the VA or FEHB:
	// other rules entirely.
	PlanGovernment PlanType = "government"
	// PlanUnknownStated is a plan type the person was asked and does not
	// know.
	PlanUnknownStated PlanType = "unknown"
)

// PlanTypes returns the plan types a case file may hold.
func PlanTypes() []PlanType {
	return []PlanType{PlanEmployer, PlanPublicEmployer, PlanIndividual, PlanMedicareAdvantage, PlanGovernment, PlanUnknownStated}
}

// Label says the plan type in plain words.
func (t PlanType) Label() string {
	switch t {
	case PlanEmployer:
		return "through work (a private employer or union)"
	case PlanPublicEmployer:
		return "through work for a state, county, city or school district"
	case PlanIndividual:
		return "bought myself (marketplace or directly)"
	case PlanMedicareAdvantage:
		return "Medicare Advantage"
	case PlanGovernment:
		return "Medicare, Medicaid, TRICARE, VA or FEHB"
	case PlanUnknownStated:
		return "I don't know"
	}
	return "not sure yet"
}

// Funding says who bears the cost of an employer plan's claims.
type Funding string

// The funding of an employer plan.
const (
	FundingUnknown Funding = ""
	// FundingSelf: the employer pays the claims and the insurer only
	// administers them ("administered by" on the card or plan document).
	FundingSelf Funding = "self-funded"
	// FundingInsured: the insurer bears the risk ("insured by").
	FundingInsured Funding = "fully-insured"
)

// Fundings returns the fundings a case file may hold.
func Fundings() []Funding { return []Funding{FundingSelf, FundingInsured} }

// Label says the funding in plain words.
func (f Funding) Label() string {
	switch f {
	case FundingSelf:
		return "self-funded: the employer pays claims, the insurer administers"
	case FundingInsured:
		return "fully insured: the insurer pays claims"
	}
	return "not sure yet"
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

// Categories returns the denial categories a case file may hold.
func Categories() []Category {
	return []Category{CategoryMedicalNecessity, CategoryExperimental, CategoryPriorAuth, CategoryNotCovered,
		CategoryNetwork, CategoryCoding, CategoryDuplicate, CategoryCostShare, CategoryEligibility, CategoryOther}
}

// Label says the category in plain words.
func (c Category) Label() string {
	switch c {
	case CategoryMedicalNecessity:
		return "not medically necessary"
	case CategoryExperimental:
		return "experimental or unproven"
	case CategoryPriorAuth:
		return "prior authorization"
	case CategoryNotCovered:
		return "not covered by the plan"
	case CategoryNetwork:
		return "out of network"
	case CategoryCoding:
		return "billing code problem"
	case CategoryDuplicate:
		return "duplicate claim"
	case CategoryCostShare:
		return "deductible, copay or coinsurance"
	case CategoryEligibility:
		return "eligibility or other insurance"
	case CategoryOther:
		return "something else"
	}
	return "not sure yet"
}

// Review is when the decision came, against the care.
type Review string

// The review types of the case file.
const (
	ReviewUnknown     Review = ""
	ReviewPostService Review = "post-service"
	ReviewPreService  Review = "pre-service"
	// ReviewConcurrent is ongoing care cut short: a continued stay, more
	// visits.
	ReviewConcurrent Review = "concurrent"
	// ReviewUrgent is care still to come or ongoing whose normal timeline
	// could seriously jeopardize life, health or the ability to regain
	// maximum function, or cause severe pain (29 CFR 2560.503-1(m)(1)).
	ReviewUrgent Review = "urgent"
)

// Reviews returns the review types a case file may hold.
func Reviews() []Review {
	return []Review{ReviewPostService, ReviewPreService, ReviewConcurrent, ReviewUrgent}
}

// Label says the review type in plain words.
func (r Review) Label() string {
	switch r {
	case ReviewPostService:
		return "care already received"
	case ReviewPreService:
		return "care still to come"
	case ReviewConcurrent:
		return "ongoing care cut short"
	case ReviewUrgent:
		return "urgent: waiting could seriously harm health"
	}
	return "not sure yet"
}

// BeforeCare reports whether the decision came before the care, or while
// it goes on: there is a denial letter and usually no EOB.
func (r Review) BeforeCare() bool {
	return r == ReviewPreService || r == ReviewConcurrent || r == ReviewUrgent
}

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

// BHLevels returns the levels of care a case file may hold.
func BHLevels() []BHLevel {
	return []BHLevel{BHInpatient, BHResidential, BHPartial, BHIntensive, BHOutpatient}
}

// Label says the level of care in plain words.
func (l BHLevel) Label() string {
	switch l {
	case BHInpatient:
		return "inpatient"
	case BHResidential:
		return "residential"
	case BHPartial:
		return "partial hospitalization"
	case BHIntensive:
		return "intensive outpatient"
	case BHOutpatient:
		return "outpatient"
	}
	return "not sure yet"
}

// Reviewer is who made the decision: the insurer itself, or a company it
// delegates reviews to (named in the insurer's profile).
type Reviewer string

// The reviewers of the case file.
const (
	ReviewerUnknown  Reviewer = ""
	ReviewerInsurer  Reviewer = "insurer"
	ReviewerDelegate Reviewer = "delegate"
)

// Reviewers returns the reviewers a case file may hold.
func Reviewers() []Reviewer { return []Reviewer{ReviewerInsurer, ReviewerDelegate} }

// Label says the reviewer in plain words; Insurer.ReviewerName names it.
func (r Reviewer) Label() string {
	switch r {
	case ReviewerInsurer:
		return "the insurer itself"
	case ReviewerDelegate:
		return "a company reviewing for the insurer"
	}
	return "not sure yet"
}

// CheckStatus is the state of one EOB checklist item.
type CheckStatus string

// The checklist states of the case file.
const (
	CheckNotChecked CheckStatus = "not-checked"
	CheckOK         CheckStatus = "ok"
	CheckError      CheckStatus = "error"
)

// CheckStatuses returns the checklist states a case file may hold.
func CheckStatuses() []CheckStatus { return []CheckStatus{CheckNotChecked, CheckOK, CheckError} }

// Label says the state in plain words.
func (s CheckStatus) Label() string {
	switch s {
	case CheckOK:
		return "fine"
	case CheckError:
		return "error found"
	}
	return "not checked"
}

// Network says whether a provider is in the plan's network.
type Network string

// The network values of the case file.
const (
	NetworkUnknown Network = ""
	NetworkIn      Network = "in"
	NetworkOut     Network = "out"
)

// Networks returns the network values a case file may hold.
func Networks() []Network { return []Network{NetworkIn, NetworkOut} }

// Label says the network status in plain words.
func (n Network) Label() string {
	switch n {
	case NetworkIn:
		return "in network"
	case NetworkOut:
		return "out of network"
	}
	return "not sure yet"
}

// VerifySource is how the plan told the person a provider was in network.
type VerifySource string

// The sources of a network verification.
const (
	VerifyUnknown   VerifySource = ""
	VerifyDirectory VerifySource = "directory"
	VerifyCall      VerifySource = "call"
	VerifyPortal    VerifySource = "portal"
)

// VerifySources returns the verification sources a case file may hold.
func VerifySources() []VerifySource {
	return []VerifySource{VerifyDirectory, VerifyCall, VerifyPortal}
}

// Label says the source in plain words.
func (s VerifySource) Label() string {
	switch s {
	case VerifyDirectory:
		return "the plan's provider directory"
	case VerifyCall:
		return "a call with the plan"
	case VerifyPortal:
		return "the plan's member website"
	}
	return "not sure yet"
}

// CallWith is who the member spoke to.
type CallWith string

// The call parties of the case file.
const (
	CallMemberServices   CallWith = "member-services"
	CallBehavioralHealth CallWith = "behavioral-health"
	CallProviderBilling  CallWith = "provider-billing"
	// CallDelegate is the company the insurer delegated the review to.
	CallDelegate CallWith = "delegate"
	CallOther    CallWith = "other"
)

// CallParties returns the call parties a case file may hold.
func CallParties() []CallWith {
	return []CallWith{CallMemberServices, CallBehavioralHealth, CallProviderBilling, CallDelegate, CallOther}
}

// Label says the party in plain words.
func (w CallWith) Label() string {
	switch w {
	case CallMemberServices:
		return "Member Services"
	case CallBehavioralHealth:
		return "behavioral health line"
	case CallProviderBilling:
		return "provider's billing office"
	case CallDelegate:
		return "the company reviewing for the insurer"
	}
	return "someone else"
}

// DocKind is the kind of a supporting document.
type DocKind string

// The document kinds of the case file.
const (
	DocPhysicianLetter DocKind = "physician-letter"
	// DocUrgencyStatement is a physician's statement that the care is
	// urgent (29 CFR 2560.503-1(m)(1)(ii)).
	DocUrgencyStatement DocKind = "urgency-statement"
	// DocPhysicianCertification is the treating physician's certification
	// for external review of an experimental denial.
	DocPhysicianCertification DocKind = "physician-certification"
	DocMedicalRecords         DocKind = "medical-records"
	DocPriorAuthApproval      DocKind = "prior-auth-approval"
	DocGuidelines             DocKind = "guidelines"
	DocPlanDocument           DocKind = "plan-document"
	DocEOB                    DocKind = "eob"
	DocDenialLetter           DocKind = "denial-letter"
	DocDecisionLetter         DocKind = "decision-letter"
	DocItemizedBill           DocKind = "itemized-bill"
	DocOther                  DocKind = "other"
)

// DocKinds returns the document kinds a case file may hold.
func DocKinds() []DocKind {
	return []DocKind{DocPhysicianLetter, DocUrgencyStatement, DocPhysicianCertification, DocMedicalRecords,
		DocPriorAuthApproval, DocGuidelines, DocPlanDocument, DocEOB, DocDenialLetter, DocDecisionLetter,
		DocItemizedBill, DocOther}
}

// Label says the kind in plain words, as an enclosure is named.
func (k DocKind) Label() string {
	switch k {
	case DocPhysicianLetter:
		return "Letter of medical necessity"
	case DocUrgencyStatement:
		return "Physician's statement of urgency"
	case DocPhysicianCertification:
		return "Treating physician's certification"
	case DocMedicalRecords:
		return "Medical records"
	case DocPriorAuthApproval:
		return "Prior authorization approval"
	case DocGuidelines:
		return "Clinical guidelines"
	case DocPlanDocument:
		return "Plan document excerpt"
	case DocEOB:
		return "Explanation of Benefits"
	case DocDenialLetter:
		return "Denial letter"
	case DocDecisionLetter:
		return "Appeal decision letter"
	case DocItemizedBill:
		return "Itemized bill"
	}
	return "Document"
}

// DocStatus is how far along a document is.
type DocStatus string

// The document states of the case file.
const (
	DocNeeded    DocStatus = "needed"
	DocRequested DocStatus = "requested"
	DocHave      DocStatus = "have"
)

// DocStatuses returns the document states a case file may hold.
func DocStatuses() []DocStatus { return []DocStatus{DocNeeded, DocRequested, DocHave} }

// Label says the state in plain words.
func (s DocStatus) Label() string {
	switch s {
	case DocRequested:
		return "asked for"
	case DocHave:
		return "have it"
	}
	return "needed"
}

// Level is an appeal level.
type Level string

// The appeal levels of the case file.
const (
	Level1        Level = "1"
	Level2        Level = "2"
	LevelExternal Level = "external"
)

// Levels returns the appeal levels a case file may hold.
func Levels() []Level { return []Level{Level1, Level2, LevelExternal} }

// Label names the level in words: "level 1 appeal", "external review".
func (l Level) Label() string {
	switch l {
	case LevelExternal:
		return "external review"
	case "":
		return "appeal"
	}
	return "level " + string(l) + " appeal"
}

// Method is how an appeal was sent.
type Method string

// The sending methods of the case file.
const (
	MethodUnknown       Method = ""
	MethodPortal        Method = "portal"
	MethodCertifiedMail Method = "certified-mail"
	MethodFax           Method = "fax"
	MethodMail          Method = "mail"
	// MethodPhone is an urgent appeal made by telephone, which the rules
	// allow (29 CFR 2560.503-1(m)(1)).
	MethodPhone Method = "phone"
)

// Methods returns the sending methods a case file may hold.
func Methods() []Method {
	return []Method{MethodPortal, MethodCertifiedMail, MethodFax, MethodMail, MethodPhone}
}

// Label says the method in plain words.
func (m Method) Label() string {
	switch m {
	case MethodPortal:
		return "the insurer's member website"
	case MethodCertifiedMail:
		return "certified mail"
	case MethodFax:
		return "fax"
	case MethodMail:
		return "ordinary mail"
	case MethodPhone:
		return "by phone (urgent only)"
	}
	return "not sent yet"
}

// Decision is the outcome of an appeal level.
type Decision string

// The decisions of the case file.
const (
	DecisionPending          Decision = "pending"
	DecisionOverturned       Decision = "overturned"
	DecisionPartlyOverturned Decision = "partly-overturned"
	DecisionUpheld           Decision = "upheld"
)

// Decisions returns the decisions a case file may hold.
func Decisions() []Decision {
	return []Decision{DecisionPending, DecisionOverturned, DecisionPartlyOverturned, DecisionUpheld}
}

// Label says the decision in plain words.
func (d Decision) Label() string {
	switch d {
	case DecisionOverturned:
		return "overturned: they will pay"
	case DecisionPartlyOverturned:
		return "partly overturned"
	case DecisionUpheld:
		return "upheld: still denied"
	}
	return "waiting"
}

// Decided reports whether the decision has come.
func (d Decision) Decided() bool { return d != "" && d != DecisionPending }

// Adverse reports whether the decision upheld the denial in whole or in
// part.
func (d Decision) Adverse() bool { return d == DecisionUpheld || d == DecisionPartlyOverturned }

// Status is where the case stands overall.
type Status string

// The case states of the case file.
const (
	StatusOpen      Status = "open"
	StatusResolved  Status = "resolved"
	StatusExhausted Status = "exhausted"
	StatusClosed    Status = "closed"
)

// Statuses returns the case states a case file may hold.
func Statuses() []Status { return []Status{StatusOpen, StatusResolved, StatusExhausted, StatusClosed} }

// Label says the state in plain words.
func (s Status) Label() string {
	switch s {
	case StatusResolved:
		return "resolved"
	case StatusExhausted:
		return "every appeal used"
	case StatusClosed:
		return "closed"
	}
	return "open"
}

// ERISA reports whether the plan is a private employer's plan, governed
// by ERISA: 29 CFR 2560.503-1 applies directly, EBSA oversees it and
// ERISA section 502(a) lets the member sue after the appeals.
func (p Plan) ERISA() bool { return p.Type == PlanEmployer }

// Group reports whether the plan is an employer's group plan, private or
// public.
func (p Plan) Group() bool { return p.Type == PlanEmployer || p.Type == PlanPublicEmployer }

// OtherRules reports whether the plan follows other appeal rules
// entirely (Medicare, Medicare Advantage, Medicaid, TRICARE, VA, FEHB):
// none of the deadlines and letters of these rules apply.
func (p Plan) OtherRules() bool { return p.Type == PlanGovernment || p.Type == PlanMedicareAdvantage }

// Insured reports whether the plan's claims are paid by an insurer that
// state insurance law governs: individual coverage, or a fully insured
// employer plan.
func (p Plan) Insured() bool {
	return p.Type == PlanIndividual || p.Group() && p.Funding == FundingInsured
}

// Levels returns the number of internal appeal levels and whether it is
// known. Individual coverage has exactly one, whatever the case file
// says (45 CFR 147.136(b)(3)(ii)(G)): the plan type is checked before the
// stored count.
func (p Plan) Levels() (int, bool) {
	if p.Type == PlanIndividual {
		return 1, true
	}
	switch p.InternalLevels {
	case 1, 2:
		return p.InternalLevels, true
	}
	return 0, false
}
