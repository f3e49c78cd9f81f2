package workflow

import "fmt"

// CostShareResult is the cost-sharing math check of one claim.
type CostShareResult struct {
	// Complete is true when every term the math needs is known; Missing
	// names the ones that are not.
	Complete bool
	Missing  []Missing
	// Expected is what the member should owe under the plan terms;
	// Billed is what the EOB says the member owes; Difference is Billed
	// minus Expected (positive: the EOB asks for more). Expected and
	// Difference are unknown unless Complete.
	Expected, Billed, Difference Money
	// ExpectedHigh is known when the terms allow a second, higher reading:
	// with both a copay and coinsurance on a claim of several lines, the
	// copay may cover only the first line (the visit) and the other lines
	// take the deductible and coinsurance. Expected is then the lower
	// reading.
	ExpectedHigh Money
	// Working explains the math step by step in plain words, ready for a
	// letter.
	Working []string
	// BalanceBilling is true when an in-network provider's claim leaves
	// the member owing more than the allowed amount's unpaid part.
	BalanceBilling bool
	// NoSurprises is, for out-of-network care (cost_share.network "out",
	// or not known while the denial is about the network), when the No
	// Surprises Act limits the member to in-network cost sharing and what
	// to check; "" otherwise.
	NoSurprises string
}

// CheckCostShare computes what the member should owe for the claim from
// the plan's cost-sharing terms (c.CostShare) and the EOB's allowed
// amount (c.Claim.Allowed), and compares it with what the EOB says the
// member owes (c.Claim.MemberOwes).
//
// The model, stated in the Working lines too:
//   - With a copay (cost_share.copay above 0), the member owes the copay
//     instead of deductible and coinsurance, as common plans do for office
//     visits; never more than the allowed amount.
//   - Otherwise the allowed amount first goes to what is left of the
//     deductible (deductible minus deductible met before this claim); the
//     member pays the coinsurance percentage of the rest.
//   - With a copay and coinsurance both, on a claim whose lines have their
//     own allowed amounts, a second reading (ExpectedHigh) puts the copay
//     on the first line only and the deductible and coinsurance on the
//     rest.
//   - Either way the total is capped by what is left of the out-of-pocket
//     maximum (maximum minus amount met before this claim).
//
// All amounts are whole cents. Coinsurance is rounded to the nearest
// cent, half a cent up. The check works on the claim's totals; an EOB
// that rounds each line separately can differ by a cent a line, which the
// Working lines point out.
func CheckCostShare(c *Case) CostShareResult {
	cs, cl := c.CostShare, c.Claim
	r := CostShareResult{Billed: cl.MemberOwes}
	r.BalanceBilling = balanceBilled(cs.Network, cl)
	if cs.Network == NetworkOut || cs.Network == NetworkUnknown && c.Denial.Category == CategoryNetwork {
		r.NoSurprises = noSurprisesText
	}

	need := func(m Money, field, label string) {
		if !m.Known() {
			r.Missing = append(r.Missing, Missing{Field: field, Label: label})
		}
	}
	need(cl.Allowed, "claim.allowed", "the allowed amount on the EOB")
	need(cl.MemberOwes, "claim.member_owes", "what the EOB says you owe")
	if cs.Network == NetworkUnknown {
		r.Missing = append(r.Missing, Missing{Field: "cost_share.network", Label: "whether the provider is in your plan's network"})
	}
	copay := cs.Copay.Known() && cs.Copay.Cents() > 0
	if !copay {
		need(cs.Deductible, "cost_share.deductible", "your plan's deductible (or the copay, if the plan charges one for this care)")
		if !cs.Deductible.Known() || cs.Deductible.Cents() > 0 {
			need(cs.DeductibleMet, "cost_share.deductible_met", "how much of the deductible you had met before this claim")
		}
		if cs.CoinsurancePct < 0 || cs.CoinsurancePct > 100 {
			r.Missing = append(r.Missing, Missing{Field: "cost_share.coinsurance_pct", Label: "your coinsurance, as a percentage from 0 to 100"})
		}
	}
	need(cs.OOPMax, "cost_share.oop_max", "your plan's out-of-pocket maximum")
	need(cs.OOPMet, "cost_share.oop_met", "how much of the out-of-pocket maximum you had met before this claim")
	if len(r.Missing) > 0 {
		return r
	}
	r.Complete = true

	allowed := cl.Allowed.Cents()
	w := func(format string, a ...any) { r.Working = append(r.Working, fmt.Sprintf(format, a...)) }
	w("The allowed amount, what the plan accepts as the price of this care, is %s.", cl.Allowed.Dollars())
	if allowed == 0 {
		w("An allowed amount of $0.00 means the plan did not cover this care: the cost-sharing math below gives nothing to pay, and what the EOB asks of you comes from the denial itself, which the appeal addresses.")
	}

	var owe int64
	if copay {
		owe = min(cs.Copay.Cents(), allowed)
		w("Your plan terms give a copay of %s. This check assumes the copay replaces the deductible and coinsurance for this care, as common plans do for office visits; if your plan applies the deductible first, check your Summary of Benefits and Coverage.", cs.Copay.Dollars())
		if owe < cs.Copay.Cents() {
			w("The allowed amount is less than the copay, so you pay only the allowed amount: %s.", Cents(owe).Dollars())
		} else {
			w("You pay the copay: %s.", Cents(owe).Dollars())
		}
	} else {
		left := max(0, cs.Deductible.Cents()-cs.DeductibleMet.Cents())
		ded := min(allowed, left)
		rest := allowed - ded
		coins := (rest*int64(cs.CoinsurancePct) + 50) / 100
		owe = ded + coins
		switch {
		case cs.Deductible.Cents() == 0:
			w("Your plan has no deductible for this care.")
		case left == 0:
			w("Your deductible of %s was already met before this claim, so none of it applies.", cs.Deductible.Dollars())
		default:
			w("Your deductible is %s and you had met %s of it before this claim, so %s of it was left.", cs.Deductible.Dollars(), cs.DeductibleMet.Dollars(), Cents(left).Dollars())
			w("The first %s of the allowed amount goes to the deductible: you pay %s.", Cents(ded).Dollars(), Cents(ded).Dollars())
		}
		switch {
		case rest == 0:
			w("Nothing of the allowed amount is left after the deductible, so no coinsurance applies.")
		case cs.CoinsurancePct == 0:
			w("Your coinsurance is 0%%: the plan pays the remaining %s in full. If your plan has coinsurance, enter its percentage.", Cents(rest).Dollars())
		default:
			w("Your coinsurance is %d%% of the remaining %s: %s (rounded to the nearest cent, half a cent up).", cs.CoinsurancePct, Cents(rest).Dollars(), Cents(coins).Dollars())
		}
		if ded > 0 && coins > 0 {
			w("Deductible and coinsurance together: %s.", Cents(owe).Dollars())
		}
	}

	oopLeft := max(0, cs.OOPMax.Cents()-cs.OOPMet.Cents())
	if owe > oopLeft {
		w("Your out-of-pocket maximum is %s and you had paid %s toward it before this claim, so you owe at most %s more this plan year: your share is capped at %s.", cs.OOPMax.Dollars(), cs.OOPMet.Dollars(), Cents(oopLeft).Dollars(), Cents(oopLeft).Dollars())
		owe = oopLeft
	} else {
		w("Your out-of-pocket maximum is %s and you had paid %s toward it before this claim; %s more is within it, so no cap applies.", cs.OOPMax.Dollars(), cs.OOPMet.Dollars(), Cents(owe).Dollars())
	}

	if high, ok := copayOnFirstLine(c); ok && copay && cs.CoinsurancePct > 0 {
		high = min(high, oopLeft)
		r.ExpectedHigh = Cents(high)
		w("Your plan also has coinsurance of %d%%. If it applies the copay to the first line of the claim only (%s) and "+
			"the deductible and coinsurance to the other lines, your share would be %s: check your Summary of Benefits "+
			"and Coverage for which services take the copay.", cs.CoinsurancePct, cl.Procedures[0].Code, Cents(high).Dollars())
	}
	r.Expected = Cents(owe)
	diff := cl.MemberOwes.Cents() - owe
	r.Difference = Cents(diff)
	switch {
	case diff == 0:
		w("Under these terms you should owe %s, and the EOB says you owe %s: the cost-sharing math matches.", r.Expected.Dollars(), cl.MemberOwes.Dollars())
	case diff > 0:
		w("Under these terms you should owe %s, but the EOB says you owe %s: %s more than your plan terms give.", r.Expected.Dollars(), cl.MemberOwes.Dollars(), r.Difference.Dollars())
	default:
		w("Under these terms you should owe %s, and the EOB says you owe %s: %s less than your plan terms give, so the EOB does not overcharge you.", r.Expected.Dollars(), cl.MemberOwes.Dollars(), Cents(-diff).Dollars())
	}
	if lines := int64(max(1, len(cl.Procedures))); diff != 0 && diff >= -lines && diff <= lines {
		w("A difference this small can come from the EOB rounding each line of the claim separately; it is not worth disputing on its own.")
	}
	if cl.PlanPaid.Known() {
		if want := allowed - cl.MemberOwes.Cents(); cl.PlanPaid.Cents() != want {
			w("The EOB's figures do not add up: the allowed amount of %s less what you owe (%s) is %s, but the EOB says the plan paid %s.", cl.Allowed.Dollars(), cl.MemberOwes.Dollars(), Cents(want).Dollars(), cl.PlanPaid.Dollars())
		}
	}
	if r.BalanceBilling {
		w(balanceBillingText)
	}
	return r
}

// balanceBilled reports whether an in-network claim leaves the member
// owing more than the part of the allowed amount the plan did not pay
// (or, when the plan's payment is not known, more than the allowed
// amount): the difference can only be the provider's charge above the
// allowed amount.
// copayOnFirstLine returns the member's share when the copay covers the
// claim's first line and the other lines take what is left of the
// deductible and then the coinsurance; false when the claim has one line
// or its lines' allowed amounts are not all known.
func copayOnFirstLine(c *Case) (int64, bool) {
	cs, lines := c.CostShare, c.Claim.Procedures
	if len(lines) < 2 || !cs.Copay.Known() || !cs.Deductible.Known() || !cs.DeductibleMet.Known() {
		return 0, false
	}
	var rest int64
	for i, p := range lines {
		if !p.Allowed.Known() {
			return 0, false
		}
		if i > 0 {
			rest += p.Allowed.Cents()
		}
	}
	owe := min(cs.Copay.Cents(), lines[0].Allowed.Cents())
	ded := min(rest, max(0, cs.Deductible.Cents()-cs.DeductibleMet.Cents()))
	return owe + ded + ((rest-ded)*int64(cs.CoinsurancePct)+50)/100, true
}

func balanceBilled(n Network, cl Claim) bool {
	if n != NetworkIn || !cl.Allowed.Known() || !cl.MemberOwes.Known() {
		return false
	}
	limit := cl.Allowed.Cents()
	if cl.PlanPaid.Known() {
		limit -= cl.PlanPaid.Cents()
	}
	return cl.MemberOwes.Cents() > max(0, limit)
}

const balanceBillingText = "The provider is in network, and the EOB leaves you owing more than the part of the allowed amount the plan did not pay. An in-network provider has agreed to accept the allowed amount: the part of its charge above it (group code CO) is generally not yours to pay. This is balance billing; dispute it with the plan and the provider's billing office."

const noSurprisesText = "The claim was processed as out of network. The No Surprises Act limits you to in-network cost sharing for emergency services, and for care from an out-of-network clinician (such as an anesthesiologist or radiologist) at an in-network hospital or facility. Check: was this emergency care? Was the hospital or facility in your plan's network? If either is true, you owe only in-network cost sharing: ask the plan to reprocess the claim that way."
