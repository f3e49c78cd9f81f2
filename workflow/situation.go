package workflow

import (
	"regexp"
	"strings"
	"sync"
)

// Situation is what the facts of a case support arguing, by the "arguments
// by situation" of rules.md: each is true only when the case says so, so
// that a letter never argues a hypothetical. The actions, the letters and
// the wizard read it; no other code decides these.
type Situation struct {
	// Emergency: the care was emergency services. Covered without prior
	// authorization, whatever the provider's network, by the
	// prudent-layperson standard (Law.Emergency).
	Emergency bool
	// EmergencyPriorAuth: emergency care denied for want of prior
	// authorization, which it never needs.
	EmergencyPriorAuth bool
	// SurpriseBill: an out-of-network clinician whose protection cannot be
	// waived (anesthesiology, radiology, pathology, emergency medicine, an
	// assistant surgeon, a hospitalist...) at an in-network facility, or an
	// out-of-network provider of emergency care: in-network cost sharing,
	// no balance bill (Law.SurpriseCostSharing, Law.BalanceBilling).
	SurpriseBill bool
	// SurpriseUnsure: an out-of-network provider at an in-network facility
	// whose specialty is not known: the No Surprises Act may apply.
	SurpriseUnsure bool
	// PR45: the EOB puts a charge over the allowed amount (PR-45) on the
	// member for a claim the No Surprises Act protects: an error.
	PR45 bool
	// DirectoryError: the plan said the provider was in network before the
	// care (directory, call or website) and it was not (Law.NetworkError).
	DirectoryError bool
	// NetworkEOBError: the provider was in network, and the EOB processed
	// the claim as out of network.
	NetworkEOBError bool
	// MedicalNecessity and Experimental: the denial is a medical judgment
	// of that kind.
	MedicalNecessity, Experimental bool
	// MedicalJudgment: the denial rests on a medical judgment, so the
	// appeal's reviewer must be a health care professional in the field
	// (29 CFR 2560.503-1(h)(3)(iii)-(v)): medical necessity, experimental
	// treatment, a prior authorization refused before the care, or any
	// decision of the delegate that reviews care clinically.
	MedicalJudgment bool
	// Urgent: the care is urgent (29 CFR 2560.503-1(m)(1)).
	Urgent bool
	// BeforeCare: the denial came before the care or while it goes on.
	BeforeCare bool
	// Coding: a wrong procedure code; a corrected claim from the provider
	// fixes it first.
	Coding bool
	// Duplicate: the claim was denied as a duplicate of another.
	Duplicate bool
	// CostShare: the claim was processed with the wrong cost sharing.
	CostShare bool
	// PriorAuthShownMissing: the EOB says prior authorization was not
	// obtained, but it was.
	PriorAuthShownMissing bool
	// BehavioralHealth: mental health or substance use care (parity).
	BehavioralHealth bool
	// ParityLimit: a treatment limit was applied to behavioral health
	// care (a visit count, a concurrent review, a benefit maximum).
	ParityLimit bool
	// PolicyUnnamed: a denial resting on a medical judgment (see
	// MedicalJudgment) that names no coverage policy or guideline, by
	// number or title, and whose notice is not recorded as including it:
	// the notice lacks the rule relied on (29 CFR 2560.503-1(g)(1)(v)(A)).
	PolicyUnnamed bool
}

// protectedSpecialty matches the specialties whose No Surprises Act
// protection cannot be waived: anesthesiology, radiology, pathology,
// emergency medicine, assistant surgeons, hospitalists, intensivists,
// neonatology, laboratory services.
var protectedSpecialty = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)an(a)?esthe|radiolog|patholog|emergency|assistant surg|surgical assist|` +
		`hospitalist|intensivist|neonatolog|laborator`)
})

// anesthesiaCode matches the CPT anesthesia codes, 00100 to 01999.
var anesthesiaCode = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^0[01]\d{3}$`)
})

// SituationOf reads the situations the case's facts support.
func SituationOf(c *Case) Situation {
	e := c.EOBErrors
	cat := c.Denial.Category
	s := Situation{
		Emergency:             c.Claim.Emergency,
		MedicalNecessity:      cat == CategoryMedicalNecessity,
		Experimental:          cat == CategoryExperimental,
		Urgent:                c.Denial.IsUrgent(),
		BeforeCare:            c.Denial.Review.BeforeCare(),
		Coding:                e.CPT.Status == CheckError || cat == CategoryCoding,
		Duplicate:             e.Duplicate.Status == CheckError || cat == CategoryDuplicate,
		CostShare:             e.CostShare.Status == CheckError || cat == CategoryCostShare,
		PriorAuthShownMissing: e.PriorAuth.Status == CheckError,
		BehavioralHealth:      c.Denial.BehavioralHealth,
	}
	s.MedicalJudgment = s.MedicalNecessity || s.Experimental || cat == CategoryPriorAuth && s.BeforeCare ||
		c.Denial.Reviewer == ReviewerDelegate
	s.EmergencyPriorAuth = s.Emergency && (cat == CategoryPriorAuth || hasCode(c, "197", "15", "M62"))
	p, f := c.Claim.Provider, c.Claim.Facility
	oonAtFacility := p.Network == NetworkOut && f.Network == NetworkIn
	protected := protectedCare(c)
	s.SurpriseBill = oonAtFacility && protected || s.Emergency && p.Network == NetworkOut
	s.SurpriseUnsure = oonAtFacility && !s.SurpriseBill && strings.TrimSpace(p.Specialty) == ""
	s.PR45 = s.SurpriseBill && hasGroupCode(c, "PR", "45")
	s.DirectoryError = p.Network == NetworkOut && p.Verified.Source != VerifyUnknown && !s.SurpriseBill
	s.NetworkEOBError = e.Network.Status == CheckError && p.Network != NetworkOut
	s.ParityLimit = s.BehavioralHealth && (strings.TrimSpace(c.Denial.Limit) != "" || hasCode(c, "119"))
	s.PolicyUnnamed = s.MedicalJudgment && strings.TrimSpace(c.Denial.Policy.Number) == "" &&
		strings.TrimSpace(c.Denial.Policy.Title) == "" && !c.Denial.Notice[NoticeGuideline]
	return s
}

// hasCode reports whether the EOB lists one of the reason or remark codes,
// with any group: hasCode(c, "119") matches "CO-119" and "119".
func hasCode(c *Case, codes ...string) bool {
	for _, raw := range c.EOB.Codes {
		_, code, err := parseCode(raw, nil)
		if err != nil {
			continue
		}
		for _, want := range codes {
			if string(code) == want {
				return true
			}
		}
	}
	return false
}

// hasGroupCode reports whether the EOB lists the code with that group:
// hasGroupCode(c, "PR", "45") matches "PR-45" and "PR 45".
func hasGroupCode(c *Case, group, code string) bool {
	for _, raw := range c.EOB.Codes {
		g, cd, err := parseCode(raw, nil)
		if err == nil && g == group && string(cd) == code {
			return true
		}
	}
	return false
}
