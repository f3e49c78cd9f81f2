package workflow

// Law says which rules apply to a plan and cites them, by the plan table
// of rules.md (version 2): an employer plan (ERISA) gets the Department of
// Labor's rules, a fully insured one the state's insurance law too;
// individual coverage the individual-market rules of 45 CFR 147.136(b)(3);
// a state, county, city or school district's plan 45 CFR 147.136(b)(2),
// which is not ERISA. The individual-market paragraphs are never cited for
// an employer plan, nor ERISA for the others. When the plan type is not
// known, a citation names both the group and the individual rule, each
// with what it applies to, rather than guess.
type Law struct {
	plan Plan
}

// LawFor returns the rules that apply to plan p.
func LawFor(p Plan) Law { return Law{plan: p} }

// Known reports whether the plan type is known and these rules apply to it
// (not Medicare, Medicaid or another government program).
func (l Law) Known() bool {
	switch l.plan.Type {
	case PlanEmployer, PlanPublicEmployer, PlanIndividual:
		return true
	}
	return false
}

// ERISA reports whether the plan is governed by ERISA (a private
// employer's plan): EBSA oversees it and section 502(a) lets the member sue
// after the appeals.
func (l Law) ERISA() bool { return l.plan.ERISA() }

// Claims cites a paragraph of the claims procedure regulation, 29 CFR
// 2560.503-1, which applies to every plan these rules cover (directly to
// ERISA plans, through 45 CFR 147.136 to the others): Claims("(h)(2)(iii)").
func (l Law) Claims(para string) string { return "29 CFR 2560.503-1" + para }

// Basis says in one clause which rules govern the plan's claims and
// appeals, or "" when the plan type is not known.
func (l Law) Basis() string {
	switch l.plan.Type {
	case PlanEmployer:
		return "the claims and appeals rules of 29 CFR 2560.503-1 and 29 CFR 2590.715-2719(b)"
	case PlanPublicEmployer:
		return "the claims and appeals rules of 45 CFR 147.136(b)(2), which take in 29 CFR 2560.503-1"
	case PlanIndividual:
		return "the claims and appeals rules of 45 CFR 147.136(b)(3), which take in 29 CFR 2560.503-1"
	}
	return ""
}

// groupB2 and individualB3 are the paragraphs of the internal claims
// rules that carry the notice (E) and deemed-exhaustion (F) requirements.
const (
	erisaB2      = "29 CFR 2590.715-2719(b)(2)(ii)"
	groupB2      = "45 CFR 147.136(b)(2)(ii)"
	individualB3 = "45 CFR 147.136(b)(3)(ii)"
)

// b2 cites paragraph sub ("(E)(3)", "(F)(1)") of the rules that carry
// the notice and deemed-exhaustion requirements for the plan.
func (l Law) b2(sub string) string {
	switch l.plan.Type {
	case PlanEmployer:
		if l.plan.Funding == FundingInsured {
			return erisaB2 + sub + "; " + groupB2 + sub
		}
		return erisaB2 + sub
	case PlanPublicEmployer:
		return groupB2 + sub
	case PlanIndividual:
		return individualB3 + sub
	}
	return erisaB2 + sub + " for employer plans; " + individualB3 + sub + " for individual coverage"
}

// Notice cites element (E)(n) of what a denial notice must contain:
// Notice("(E)(3)").
func (l Law) Notice(sub string) string { return l.b2(sub) }

// DeemedExhaustion cites the rule that a plan which does not follow the
// claims rules, or misses a decision deadline, lets the member go to
// external review at once.
func (l Law) DeemedExhaustion() string {
	if l.plan.Type == PlanEmployer || !l.Known() {
		return l.Claims("(l)") + "; " + l.b2("(F)(1)")
	}
	return l.b2("(F)(1)")
}

// DeemedException cites the exception for a minor lapse that did not harm
// the member, had a good reason and was not part of a pattern.
func (l Law) DeemedException() string { return l.b2("(F)(2)") }

// Parity cites the mental health and substance use parity rule: limits
// on those benefits may be no more restrictive than on comparable
// medical and surgical care.
func (l Law) Parity() string {
	switch l.plan.Type {
	case PlanEmployer:
		return "29 U.S.C. 1185a; 29 CFR 2590.712(c)(4)"
	case PlanPublicEmployer:
		return "42 U.S.C. 300gg-26; 45 CFR 146.136(c)(4)"
	case PlanIndividual:
		return "42 U.S.C. 300gg-26; 45 CFR 146.136(c)(4); 45 CFR 147.160"
	}
	return "29 U.S.C. 1185a and 29 CFR 2590.712(c)(4) for employer plans; 42 U.S.C. 300gg-26 and 45 CFR 146.136(c)(4) for others"
}

// ParityCriteria cites the member's right to the medical-necessity
// criteria used for mental health and substance use benefits, or "" when
// rules.md gives no citation for the plan.
func (l Law) ParityCriteria() string {
	if l.plan.Type == PlanEmployer {
		return "29 CFR 2590.712(d)(1)"
	}
	return ""
}

// ParityComparison cites the member's right to the information on the
// plan's limits and how they compare with medical and surgical benefits,
// and the written comparative analysis the plan must keep.
func (l Law) ParityComparison() string {
	switch l.plan.Type {
	case PlanEmployer:
		return "29 CFR 2590.712(d)(3); ERISA section 104(b)(4); 29 U.S.C. 1185a(a)(8)"
	case PlanPublicEmployer, PlanIndividual:
		return "42 U.S.C. 300gg-26"
	}
	return "29 CFR 2590.712(d)(3) and 29 U.S.C. 1185a(a)(8) for employer plans; 42 U.S.C. 300gg-26 for others"
}

// Emergency cites the rule that emergency services are covered without
// prior authorization, whatever the provider's network, by the
// prudent-layperson standard, with in-network cost sharing.
func (l Law) Emergency() string {
	switch {
	case l.plan.Type == PlanEmployer && l.plan.Funding == FundingInsured:
		return "42 U.S.C. 300gg-111(a); 29 CFR 2590.716-4; 45 CFR 149.110"
	case l.plan.Type == PlanEmployer:
		return "42 U.S.C. 300gg-111(a); 29 CFR 2590.716-4"
	case l.plan.Type == PlanPublicEmployer, l.plan.Type == PlanIndividual:
		return "42 U.S.C. 300gg-111(a); 45 CFR 149.110"
	}
	return "42 U.S.C. 300gg-111(a); 29 CFR 2590.716-4; 45 CFR 149.110"
}

// SurpriseCostSharing cites the rule that an out-of-network clinician at
// an in-network facility costs the member only in-network cost sharing,
// on the recognized amount, counted toward the in-network deductible and
// out-of-pocket maximum.
func (l Law) SurpriseCostSharing() string {
	switch {
	case l.plan.Type == PlanEmployer && l.plan.Funding == FundingInsured:
		return "42 U.S.C. 300gg-111(b); 29 CFR 2590.716-5; 45 CFR 149.120"
	case l.plan.Type == PlanEmployer:
		return "42 U.S.C. 300gg-111(b); 29 CFR 2590.716-5"
	case l.plan.Type == PlanPublicEmployer, l.plan.Type == PlanIndividual:
		return "42 U.S.C. 300gg-111(b); 45 CFR 149.120"
	}
	return "42 U.S.C. 300gg-111(b); 29 CFR 2590.716-5; 45 CFR 149.120"
}

// BalanceBilling cites the rule that such a provider may not bill the
// member more than the in-network cost sharing.
func (Law) BalanceBilling() string {
	return "42 U.S.C. 300gg-131, 300gg-132; 45 CFR 149.410, 149.420(b)"
}

// NetworkError cites the rule that a member the plan's directory or
// representative told a provider was in network pays no more than
// in-network cost sharing. Its regulations are not final: the statute
// only.
func (Law) NetworkError() string { return "42 U.S.C. 300gg-139(b)" }

// ExternalReview says whose external review process the plan uses, given
// the state's regulator when known: "federal", "state", or "" when it
// cannot be told (the plan type or funding is not known, or the state's
// process is not known).
func (l Law) ExternalReview(state *Regulator) string {
	switch {
	case l.plan.Type == PlanEmployer && l.plan.Funding == FundingSelf:
		return "federal"
	case l.plan.Insured() && state != nil && state.ExternalReview != "":
		return state.ExternalReview
	}
	return ""
}

// ExternalProcess cites the external review process the plan uses.
func (l Law) ExternalProcess(state *Regulator) string {
	switch {
	case l.plan.Type == PlanEmployer && l.plan.Funding == FundingSelf:
		return "29 CFR 2590.715-2719(d)"
	case l.ExternalReview(state) == "state":
		return "45 CFR 147.136(c)"
	case l.ExternalReview(state) == "federal":
		return "45 CFR 147.136(d)"
	}
	return "45 CFR 147.136(c), (d)"
}
