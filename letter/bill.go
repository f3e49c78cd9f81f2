package letter

import (
	"regexp"
	"strings"
	"sync"
	"unicode"

	"github.com/overturn/overturn/workflow"
)

// billFacts is what the letters to the provider's billing office (about
// its bill, and the corrected-claim request) say: the care by its date,
// never the provider's own name, what the EOB puts on the member, and
// where the appeals stand.
type billFacts struct {
	// What names the bill's care after "your bill for": "my care on
	// August 19, 2026 (claim E2026081905577)".
	What string
	Owes string
	// Nothing is the paragraph for an EOB that puts nothing on the
	// member: withdraw the statement, do not hold it.
	Nothing string
	// Stand says where the appeals stand; the balance is held Until;
	// Next says what follows.
	Stand, Until, Next string
	// Expected is the sentence giving what the member expects to owe,
	// from the EOB's allowed amount and the plan's in-network terms: on a
	// surprise bill, after a network error, or with a cost-sharing error.
	Expected string
	// InNetwork is the sentence for an in-network provider whose EOB puts
	// charges above the allowed amount (code 45) on the member.
	InNetwork string
	// Listed is the paragraph for a provider the plan listed in its
	// network: the member pays in-network cost sharing.
	Listed string
	// PriorAuth is the sentence on the prior authorization the corrected
	// claim should carry.
	PriorAuth string
}

// billFacts builds what the letters to the billing office say.
func (f *facts) billFacts(d *data, kind Kind) *billFacts {
	c := f.c
	b := &billFacts{What: d.PatientPoss + " care", Owes: c.Claim.MemberOwes.Dollars()}
	if d.DOS != "" {
		b.What += " on " + d.DOS
	}
	switch {
	case d.ClaimNumber != "":
		b.What += " (claim " + d.ClaimNumber + ")"
	case d.DOS == "" && d.Care != "":
		b.What += " (" + d.Care + ")"
	}
	owe, obj := "I owe", "me"
	if d.Rep {
		owe, obj = d.MemberName+" owes", d.MemberName
	}
	if f.owesNothing() {
		b.Nothing = f.nothingOwed(owe, obj, kind == CorrectedClaim)
	}
	b.Stand, b.Until, b.Next = f.billStand(obj)
	if f.sit.SurpriseBill {
		in := *c
		in.CostShare.Network = workflow.NetworkIn
		if r := workflow.CheckCostShare(&in); r.Complete && r.Expected.Known() && c.Claim.Allowed.Known() {
			b.Expected = "By the allowed amount on the Explanation of Benefits (" + c.Claim.Allowed.Dollars() + ") and the " +
				"plan's in-network terms, I expect that amount to be " + r.Expected.Dollars() + "; the recognized amount the " +
				"plan uses may change it."
		}
	}
	if !f.sit.SurpriseBill && (c.EOBErrors.CostShare.Status == workflow.CheckError || f.sit.DirectoryError ||
		f.sit.NetworkEOBError) {
		b.Expected = f.expectedShare(d)
	}
	if c.Claim.Provider.Network == workflow.NetworkIn && !f.sit.SurpriseBill && f.eobCode("PR", "45") {
		b.InNetwork = "You are in " + possessive(f.ins.Name) + " network, and a network provider generally may not bill " + obj +
			" for charges above the plan's allowed amount (adjustment code 45 on the Explanation of Benefits)."
	}
	if f.sit.DirectoryError {
		b.Listed = f.listedYou() + ". When the plan's provider directory or representative says a provider is in network, " +
			"the member pays no more than in-network cost sharing (" + f.law.NetworkError() + ")."
	}
	b.PriorAuth = f.priorAuthForClaim()
	return b
}

// expectedShare says what the member's share of the bill should be once
// the claim is processed at the in-network level and under the plan's
// terms, when the terms are complete and the EOB asks for more; "" else.
// After a network error, a share with coinsurance in it is said on the
// allowed amount shown, which reprocessing in network may change.
func (f *facts) expectedShare(d *data) string {
	in := *f.c
	in.CostShare.Network = workflow.NetworkIn
	r := workflow.CheckCostShare(&in)
	if !r.Complete || !r.Difference.Known() || r.Difference.Cents() <= 0 {
		return ""
	}
	share := r.Expected.Dollars()
	if r.ExpectedHigh.Known() && r.ExpectedHigh != r.Expected {
		share = "between " + r.Expected.Dollars() + " and " + r.ExpectedHigh.Dollars()
	}
	s := "By the plan's terms, " + d.PatientPoss + " share of this bill should be " + share
	if (f.sit.DirectoryError || f.sit.NetworkEOBError) && !copayOnly(&in, r) {
		s += " on the allowed amount the Explanation of Benefits shows (" + in.Claim.Allowed.Dollars() + ")"
	}
	return s + ", once the claim is processed correctly."
}

// owesNothing reports an EOB that puts nothing on the member.
func (f *facts) owesNothing() bool {
	o := f.c.Claim.MemberOwes
	return o.Known() && o.Cents() == 0
}

// nothingOwed asks the billing office to withdraw its statement when the
// EOB puts nothing on the member: with a CO group code, the amount is the
// provider's contractual obligation. Where the claim is fixed is said
// unless the letter is the corrected-claim request itself.
func (f *facts) nothingOwed(owe, obj string, corrected bool) string {
	c := f.c
	s := "The Explanation of Benefits shows that " + owe + " nothing for this care"
	if f.eobCode("CO", "") && c.Claim.Provider.Network != workflow.NetworkOut {
		s += ": it puts the amount under group code CO (contractual obligation), and an in-network member is generally not " +
			"billed for it"
	}
	if f.has(workflow.DocItemizedBill) {
		s += ". Please withdraw the statement you sent"
	} else {
		s += ". Please do not bill " + obj + " for it"
	}
	s += ", and do not send the account to collections"
	if corrected {
		return s + "."
	}
	s += ". If you think the claim was processed in error, please take it up with " + f.ins.Name
	if f.sit.Coding {
		s += ": a corrected claim is the way to fix a wrong procedure code"
	}
	return s + "."
}

// billStand says, for the billing office, where the appeals stand, until
// when the balance should be held, and what follows.
func (f *facts) billStand(obj string) (stand, until, next string) {
	ins := f.ins.Name
	decision := "I will send you the decision when I receive it."
	if a, ok := f.overturned(); ok {
		return "The " + levelWords(a.Level) + " decision" + decidedOn(a) + " overturned the denial.", "until " + ins + " pays the claim",
			"Then please send a corrected bill, for no more than the new Explanation of Benefits puts on " + obj + "."
	}
	sent := "I appealed " + possessive(ins) + " decision"
	if f.hasL1 && !f.l1.Filed.IsZero() {
		sent += " on " + f.l1.Filed.Long()
	}
	switch f.stage() {
	case stageExternal:
		s := sent + ", and the " + levelWords(f.final.Level) + " decision" + decidedOn(*f.final) + " upheld the denial, the " +
			"last of the plan's internal appeals."
		if f.hasExt && f.ext.IsFiled() {
			s += " I requested external review by an independent reviewer" + onDate(f.ext.Filed) + ", and it has not been decided."
		} else {
			s += " I am asking for external review by an independent reviewer."
		}
		return s, "until the external review is decided", decision
	case stageLevel2:
		s := sent + ", and the level 1 decision" + decidedOn(f.l1) + " upheld the denial."
		if f.hasL2 && f.l2.IsFiled() {
			s += " I filed a level 2 appeal" + onDate(f.l2.Filed) + ", and it has not been decided."
		} else {
			s += " I am asking for a level 2 review."
		}
		return s, "until the level 2 appeal is decided", decision
	}
	switch {
	case f.anyFiled:
		return sent + ".", "until the appeal is decided", decision
	case f.sit.DirectoryError || f.sit.NetworkEOBError:
		return "I am asking " + ins + " to reprocess the claim at the in-network level.", "until it does",
			"Then please bill " + obj + " no more than the in-network share it sets."
	}
	return "I am appealing " + possessive(ins) + " decision.", "until the appeal is decided", decision
}

// decidedOn dates an appeal decision after "the level 1 decision": " of
// August 18, 2026", or the day it was received.
func decidedOn(a workflow.Appeal) string {
	switch {
	case !a.DecisionDate.IsZero():
		return " of " + a.DecisionDate.Long()
	case !a.DecisionReceived.IsZero():
		return " I received on " + a.DecisionReceived.Long()
	}
	return ""
}

// onDate returns " on <date>", or "" for no date.
func onDate(d workflow.Date) string {
	if d.IsZero() {
		return ""
	}
	return " on " + d.Long()
}

// listedYou says, to the provider, how the plan said it was in network.
func (f *facts) listedYou() string {
	v := f.c.Claim.Provider.Verified
	ins := f.ins.Name
	var s string
	switch v.Source {
	case workflow.VerifyCall:
		s = "A representative of " + ins + " told me" + onDate(v.Date) + " that you were in its network"
	case workflow.VerifyPortal:
		s = possessive(ins) + " member website listed you as in its network" + onDate(v.Date)
	default:
		s = possessive(ins) + " provider directory listed you as in its network" + onDate(v.Date)
	}
	if r := plain(v.Reference); r != "" {
		s += " (reference " + r + ")"
	}
	return s
}

// priorAuthForClaim is the sentence asking the billing office to put the
// prior authorization on the corrected claim, when the case has one.
func (f *facts) priorAuthForClaim() string {
	pa := f.c.Denial.PriorAuth
	enclosed := f.has(workflow.DocPriorAuthApproval)
	n := plain(pa.Number)
	switch {
	case n != "":
		s := "Prior authorization " + n + " was approved" + onDate(pa.Approved)
		if enclosed {
			s += ", and a copy of the approval is enclosed"
		}
		return s + ": please put its number on the corrected claim."
	case enclosed:
		return "A copy of the prior authorization approval is enclosed: please put its number on the corrected claim."
	}
	return ""
}

// eobCode reports whether the EOB lists the code with the group: group
// "" matches any group, code "" any code of the group. Codes are read as
// people type them ("PR-45", "pr 45", "CO045").
func (f *facts) eobCode(group, code string) bool {
	for _, s := range denialCodes(f.c) {
		g, cd := splitCode(s)
		if (group == "" || g == group) && (code == "" || cd == code) {
			return true
		}
	}
	return false
}

// splitCode splits a typed denial code into its group ("CO", "PR", "OA",
// "PI", or "") and the code, without leading zeros.
func splitCode(s string) (group, code string) {
	s = strings.ToUpper(strings.TrimSpace(s))
	for _, g := range []string{"CO", "PR", "OA", "PI"} {
		if rest, ok := strings.CutPrefix(s, g); ok {
			rest = strings.TrimLeft(rest, " -_:.")
			if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
				return g, strings.TrimLeft(rest, "0")
			}
		}
	}
	return "", strings.TrimLeft(s, "0")
}

// providerAddr is the provider's billing office: its name, then the
// address from the bill. An address that begins with the provider's own
// name, or with a department line of its own ("Attn: Billing Office",
// "Patient Accounts"), is not repeated under the name.
func (f *facts) providerAddr() addr {
	lines := addressLines(f.c.Claim.Provider.Address)
	if len(lines) > 0 && sameName(lines[0], f.provider) {
		lines = lines[1:]
	}
	if len(lines) > 0 && department().MatchString(lines[0]) && !strings.ContainsAny(lines[0], "0123456789") {
		return addr{name: []string{f.provider, lines[0]}, address: lines[1:]}
	}
	return addr{name: []string{f.provider, "Billing Office"}, address: lines}
}

// department matches a line of an address that names a department.
var department = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)\b(billing|accounts?|attn|attention|financial|department|business office|revenue)\b`)
})

// sameName reports whether two names are the same but for case, spaces
// and punctuation.
func sameName(a, b string) bool {
	key := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return unicode.ToLower(r)
			}
			return -1
		}, s)
	}
	return key(a) != "" && key(a) == key(b)
}

// billSubject is the subject line of the letter about the bill.
func (f *facts) billSubject() string {
	switch {
	case f.sit.SurpriseBill:
		return "Bill protected by the No Surprises Act: please hold the balance"
	case f.owesNothing() && f.has(workflow.DocItemizedBill):
		return "Please withdraw the bill: the Explanation of Benefits shows nothing owed"
	case f.owesNothing():
		return "The Explanation of Benefits shows nothing owed for this care"
	case !f.anyFiled && (f.sit.DirectoryError || f.sit.NetworkEOBError):
		return "Please hold the balance while I ask " + f.ins.Name + " to apply in-network cost sharing"
	}
	_, until, _ := f.billStand("me")
	return "Please hold the balance " + until
}

func offerProviderBill(f *facts) string {
	owes := f.c.Claim.MemberOwes
	switch {
	case !f.open:
		return ""
	case f.sit.SurpriseBill:
		return "tell the provider the No Surprises Act protects this bill, and ask it to hold the balance"
	case f.owesNothing() && f.has(workflow.DocItemizedBill):
		return "ask the provider to withdraw its bill: the Explanation of Benefits shows you owe nothing"
	case !owes.Known() || owes.Cents() == 0:
		return ""
	case f.sit.DirectoryError || f.sit.NetworkEOBError:
		return "ask the provider to hold the balance while the plan reprocesses the claim in network"
	case f.anyFiled:
		_, until, _ := f.billStand("me")
		return "ask the provider to hold the balance " + until
	}
	return ""
}

func refuseProviderBill(f *facts) *RefusedError {
	switch {
	case f.provider == "":
		return &RefusedError{Reason: "the letter goes to the provider's billing office, and no provider is named",
			Field: "claim.provider.name"}
	case f.sit.BeforeCare && !f.sit.SurpriseBill:
		return &RefusedError{Reason: "the care has not been billed yet: this letter answers a bill", Field: "denial.review"}
	case f.hasExt && f.ext.Decision.Adverse() && !f.owesNothing() && !f.sit.SurpriseBill:
		return &RefusedError{Reason: "the external review upheld the denial: no appeal is left to hold the balance for",
			Field: f.appealField(workflow.LevelExternal, "decision")}
	}
	return nil
}
