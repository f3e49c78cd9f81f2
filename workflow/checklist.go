package workflow

import "strings"

// CheckInfo is one of the five common EOB processing errors of the guide:
// how to spot it and how to fix it, in plain words. Checks lists them; no
// other code describes them.
type CheckInfo struct {
	// Key is the check's key in the case file: eob_errors.<key>.
	Key string
	// Title names the error: "Wrong network status".
	Title string
	// Short names what is checked, after "the EOB check of": "network
	// status".
	Short string
	// Spot says how to see the error on the EOB; Fix how to fix it.
	Spot, Fix string
	// Details asks for what the person found, for eob_errors.<key>.details.
	Details string
	// Of returns the check's state in the case's checklist.
	Of func(e *EOBErrors) *Check
}

// The keys of the five checks.
const (
	CheckKeyNetwork   = "network"
	CheckKeyCPT       = "cpt"
	CheckKeyDuplicate = "duplicate"
	CheckKeyCostShare = "cost_share"
	CheckKeyPriorAuth = "prior_auth"
)

// Checks returns the five EOB checks in the guide's order, in words that
// name the insurer (ins may be nil).
func Checks(ins *Insurer) []CheckInfo {
	name := "the insurer"
	if ins != nil && ins.Known() {
		name = ins.Name
	}
	return []CheckInfo{
		{
			Key: CheckKeyNetwork, Title: "Wrong network status", Short: "network status",
			Spot:    "The provider is listed as out of network, but you checked before the visit that they were in network.",
			Fix:     "Call " + name + " with the provider's NPI number and ask them to verify the network status for the date of service.",
			Details: "What you found (who said they were in network, and when)",
			Of:      func(e *EOBErrors) *Check { return &e.Network },
		},
		{
			Key: CheckKeyCPT, Title: "Wrong procedure code (CPT)", Short: "procedure code",
			Spot:    "The procedure code on the EOB does not match what was done.",
			Fix:     "Call your provider's billing office and ask them to send a corrected claim with the right CPT code.",
			Details: "What you found (the code on the EOB and the right one)",
			Of:      func(e *EOBErrors) *Check { return &e.CPT },
		},
		{
			Key: CheckKeyDuplicate, Title: "Duplicate processing", Short: "duplicate processing",
			Spot:    upperFirst(name) + " lists two payments for the same claim, or refuses to pay because it says it already paid.",
			Fix:     "Call Member Services with both claim numbers and ask for a claim audit.",
			Details: "What you found (both claim numbers)",
			Of:      func(e *EOBErrors) *Check { return &e.Duplicate },
		},
		{
			Key: CheckKeyCostShare, Title: "Deductible or coinsurance miscalculated", Short: "deductible and coinsurance math",
			Spot:    "What the EOB says you owe is more than your plan documents say.",
			Fix:     "Compare your Summary of Benefits and Coverage with the EOB, and dispute the math in writing.",
			Details: "What you found",
			Of:      func(e *EOBErrors) *Check { return &e.CostShare },
		},
		{
			Key: CheckKeyPriorAuth, Title: "Prior authorization shown as missing", Short: "prior authorization",
			Spot:    "The EOB says prior authorization was not obtained, but your records show it was approved.",
			Fix:     "Give the authorization number in your appeal and attach " + possessive(name) + " approval letter.",
			Details: "What you found (the authorization number and date)",
			Of:      func(e *EOBErrors) *Check { return &e.PriorAuth },
		},
	}
}

// checkTitlesInWords lists the five errors in one sentence's words.
func checkTitlesInWords() string {
	var ts []string
	for _, c := range Checks(nil) {
		ts = append(ts, strings.ToLower(c.Title))
	}
	return strings.Join(ts[:len(ts)-1], ", ") + ", and " + ts[len(ts)-1]
}
