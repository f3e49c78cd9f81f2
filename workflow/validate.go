package workflow

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The validators below check the shape of one fact as a person types it.
// Each first sanitizes the text as SanitizeLine does (trims it, strips
// controls and escape sequences), as every stored value is, and returns
// nil or an error whose message says what is wrong and how to write it
// right. The empty string is valid:
// whether a fact is needed is for Missing to say, not for validation.
// Codes and abbreviations must be typed in capitals; a message says so
// when the only problem is a small letter.

// show quotes user text for a message: sanitized, at most 40 characters.
func quoteInput(s string) string {
	t := SanitizeLine(s)
	if utf8.RuneCountInString(t) > 40 {
		n := 0
		for i := range t {
			if n == 40 {
				t = t[:i] + "…"
				break
			}
			n++
		}
	}
	return strconv.Quote(t)
}

func isDigitString(s string) bool { return s != "" && allDigits(s) }

func isAlnumUpper(b byte) bool { return b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' }

func digitCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// capsHint returns the message for text that would be valid in capitals,
// or "" when capitals would not make it valid.
func capsHint(what, t string, valid func(string) bool) string {
	if up := strings.ToUpper(t); up != t && valid(up) {
		return fmt.Sprintf("%s %s: write the letters as capitals, %s", what, quoteInput(t), up)
	}
	return ""
}

// npiPrefix is the prefix the NPI check digit is computed over
// (ISO 7812 issuer prefix for US health: 80840).
const npiPrefix = "80840"

// luhnValid reports whether the digit string s ends in a correct Luhn
// check digit.
func luhnValid(s string) bool {
	sum := 0
	for i := 0; i < len(s); i++ {
		d := int(s[len(s)-1-i] - '0')
		if i%2 == 1 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// ValidateNPI checks a National Provider Identifier: 10 digits whose last
// is the Luhn check digit computed over the prefix 80840 and the first
// nine digits.
func ValidateNPI(s string) error {
	t := SanitizeLine(s)
	switch {
	case t == "":
		return nil
	case !isDigitString(t):
		if digitCount(t) == 10 {
			return fmt.Errorf("NPI %s must be 10 digits with nothing between them, like 1234567893", quoteInput(s))
		}
		return fmt.Errorf("NPI %s must be 10 digits, with no letters or other signs (you typed %d digits)", quoteInput(s), digitCount(t))
	case len(t) != 10:
		return fmt.Errorf("NPI %s must be 10 digits (you typed %d)", quoteInput(s), len(t))
	case !luhnValid(npiPrefix + t):
		return fmt.Errorf("NPI %s fails the check digit: copy it again from the EOB or the NPI registry", t)
	}
	return nil
}

func isCPT(t string) bool {
	if len(t) != 5 {
		return false
	}
	if isDigitString(t) {
		return true
	}
	return isDigitString(t[:4]) && (t[4] == 'F' || t[4] == 'T')
}

func isHCPCS(t string) bool {
	return len(t) == 5 && t[0] >= 'A' && t[0] <= 'Z' && isDigitString(t[1:])
}

const (
	cptShape   = "5 digits, like 99213, or 4 digits and F or T for Category II and III codes, like 0042T"
	hcpcsShape = "a capital letter and 4 digits, like J1100"
)

// typedDigits says how many digits were typed when only digits were.
func typedDigits(t string) string {
	if isDigitString(t) {
		return fmt.Sprintf(" (you typed %d digits)", len(t))
	}
	return ""
}

// ValidateCPT checks a CPT code: 5 digits (Category I), or 4 digits and F
// (Category II) or T (Category III).
func ValidateCPT(s string) error {
	t := SanitizeLine(s)
	if t == "" || isCPT(t) {
		return nil
	}
	if h := capsHint("CPT code", t, isCPT); h != "" {
		return errors.New(h)
	}
	return fmt.Errorf("CPT code %s must be %s%s", quoteInput(s), cptShape, typedDigits(t))
}

// ValidateHCPCS checks an HCPCS Level II code: a letter and 4 digits.
func ValidateHCPCS(s string) error {
	t := SanitizeLine(s)
	if t == "" || isHCPCS(t) {
		return nil
	}
	if h := capsHint("HCPCS code", t, isHCPCS); h != "" {
		return errors.New(h)
	}
	return fmt.Errorf("HCPCS code %s must be %s", quoteInput(s), hcpcsShape)
}

// ValidateProcedureCode checks a procedure code that may be CPT or HCPCS
// Level II.
func ValidateProcedureCode(s string) error {
	t := SanitizeLine(s)
	valid := func(t string) bool { return isCPT(t) || isHCPCS(t) }
	if t == "" || valid(t) {
		return nil
	}
	if h := capsHint("procedure code", t, valid); h != "" {
		return errors.New(h)
	}
	return fmt.Errorf("procedure code %s must be a CPT code (%s) or an HCPCS code (%s)%s", quoteInput(s), cptShape, hcpcsShape, typedDigits(t))
}

func isModifier(t string) bool {
	return len(t) == 2 && isAlnumUpper(t[0]) && isAlnumUpper(t[1])
}

// ValidateModifier checks a procedure modifier: 2 letters or digits.
func ValidateModifier(s string) error {
	t := SanitizeLine(s)
	if t == "" || isModifier(t) {
		return nil
	}
	if h := capsHint("modifier", t, isModifier); h != "" {
		return errors.New(h)
	}
	return fmt.Errorf("modifier %s must be 2 letters or digits, like 25 or LT", quoteInput(s))
}

// isICD10 checks the ICD-10-CM shape: a letter, a digit, a letter or
// digit, then optionally a dot and 1 to 4 letters or digits (the dot may
// be left out).
func isICD10(t string) bool {
	if len(t) < 3 || t[0] < 'A' || t[0] > 'Z' || t[1] < '0' || t[1] > '9' || !isAlnumUpper(t[2]) {
		return false
	}
	rest := t[3:]
	if rest == "" {
		return true
	}
	if rest[0] == '.' {
		rest = rest[1:]
	}
	if len(rest) < 1 || len(rest) > 4 {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if !isAlnumUpper(rest[i]) {
			return false
		}
	}
	return true
}

// ValidateICD10 checks the shape of an ICD-10-CM diagnosis code, such as
// E11.9 or S82.101A. It checks the shape only, not that the code exists.
func ValidateICD10(s string) error {
	t := SanitizeLine(s)
	if t == "" || isICD10(t) {
		return nil
	}
	if h := capsHint("diagnosis code", t, isICD10); h != "" {
		return errors.New(h)
	}
	return fmt.Errorf("diagnosis code %s is not an ICD-10-CM code: write a capital letter, a digit, a letter or digit, then optionally a dot and up to 4 more letters or digits, like E11.9 or S82.101A", quoteInput(s))
}

// ValidateClaimNumber checks a claim number as an EOB prints it: 4 to 30
// letters, digits or dashes, with at least one digit.
func ValidateClaimNumber(s string) error {
	t := SanitizeLine(s)
	if t == "" {
		return nil
	}
	for i := 0; i < len(t); i++ {
		b := t[i]
		switch {
		case b >= '0' && b <= '9', b >= 'A' && b <= 'Z', b >= 'a' && b <= 'z', b == '-':
		case b == ' ':
			return fmt.Errorf("claim number %s must have no spaces: type it as one word, as the EOB prints it", quoteInput(s))
		default:
			return fmt.Errorf("claim number %s may contain only letters, digits and dashes: copy it again from the EOB", quoteInput(s))
		}
	}
	if len(t) < 4 || len(t) > 30 {
		return fmt.Errorf("claim number %s must be 4 to 30 characters long (you typed %d): copy it again from the EOB", quoteInput(s), len(t))
	}
	if digitCount(t) == 0 {
		return fmt.Errorf("claim number %s has no digits: copy it again from the EOB", quoteInput(s))
	}
	return nil
}

// ValidateState checks a 2-letter US state or territory postal code.
func ValidateState(s string) error {
	t := SanitizeLine(s)
	valid := func(t string) bool { return stateNames()[t] != "" || territoryNames()[t] != "" }
	if t == "" || valid(t) {
		return nil
	}
	if h := capsHint("state", t, valid); h != "" {
		return errors.New(h)
	}
	if len(t) == 2 {
		return fmt.Errorf("state %s is not a US state or territory: use its 2-letter postal code, like TX", quoteInput(s))
	}
	return fmt.Errorf("state %s must be the 2-letter postal code, like TX", quoteInput(s))
}

// ValidateEmail checks that an email address looks like name@example.com.
func ValidateEmail(s string) error {
	t := SanitizeLine(s)
	if t == "" {
		return nil
	}
	bad := fmt.Errorf("email %s must look like name@example.com, with no spaces", quoteInput(s))
	local, domain, ok := strings.Cut(t, "@")
	if !ok || local == "" || strings.Contains(domain, "@") || len(t) > 254 {
		return bad
	}
	for _, r := range local {
		if r <= ' ' || r == 0x7f || strings.ContainsRune(`"(),:;<>[\]`, r) {
			return bad
		}
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return fmt.Errorf("email %s is missing the end of its domain, like .com or .org", quoteInput(s))
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
			return bad
		}
		for i := 0; i < len(l); i++ {
			b := l[i]
			if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '-') {
				return bad
			}
		}
	}
	return nil
}

// ValidatePhone checks a US phone number: 10 digits with the area code,
// optionally after +1 or 1, grouped with spaces, dashes, dots or
// parentheses.
func ValidatePhone(s string) error {
	t := SanitizeLine(s)
	if t == "" {
		return nil
	}
	for i := 0; i < len(t); i++ {
		if !strings.ContainsRune("0123456789 -.()+", rune(t[i])) {
			return fmt.Errorf("phone number %s may contain only digits, spaces, dashes, dots and parentheses, like (512) 555-0142", quoteInput(s))
		}
	}
	if strings.Contains(t[1:], "+") || t[0] == '+' && !strings.HasPrefix(t, "+1") {
		return fmt.Errorf("phone number %s must be a US number: 10 digits with the area code, like 512-555-0142", quoteInput(s))
	}
	digits := make([]byte, 0, len(t))
	for i := 0; i < len(t); i++ {
		if t[i] >= '0' && t[i] <= '9' {
			digits = append(digits, t[i])
		}
	}
	if len(digits) == 11 && digits[0] == '1' {
		digits = digits[1:]
	}
	if len(digits) != 10 {
		return fmt.Errorf("phone number %s must have 10 digits with the area code, like 512-555-0142 (you typed %d)", quoteInput(s), len(digits))
	}
	if digits[0] < '2' {
		return fmt.Errorf("phone number %s: a US area code starts with 2 to 9; check the number", quoteInput(s))
	}
	return nil
}

// FieldError is one problem ValidateCase found: Field is the case-file
// path ("claim.provider.npi", "appeals[0].filed") and Message says what is
// wrong and how to fix it.
type FieldError struct {
	Field, Message string
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message }

// ValidateCase checks every fact of the case that has a shape or a date
// order to get right, given today's date, and returns the problems in
// case-file order. Facts not given yet are not problems here.
func ValidateCase(c *Case, today Date) []FieldError {
	v := &caseValidator{today: today}
	v.check("member.phone", ValidatePhone(c.Member.Phone))
	v.check("member.email", ValidateEmail(c.Member.Email))
	v.notFuture("member.date_of_birth", "the member's date of birth", c.Member.DateOfBirth)
	v.notFuture("patient.date_of_birth", "the patient's date of birth", c.Patient.DateOfBirth)
	v.check("representative.phone", ValidatePhone(c.Representative.Phone))
	v.check("plan.state", ValidateState(c.Plan.State))
	v.planLevels(c.Plan)

	cl := &c.Claim
	v.check("claim.number", ValidateClaimNumber(cl.Number))
	v.serviceDate(c)
	v.check("claim.provider.npi", ValidateNPI(cl.Provider.NPI))
	for i, p := range cl.Procedures {
		path := fmt.Sprintf("claim.procedures[%d]", i)
		v.check(path+".code", ValidateProcedureCode(p.Code))
		for j, m := range p.Modifiers {
			v.check(fmt.Sprintf("%s.modifiers[%d]", path, j), ValidateModifier(m))
		}
		v.money(path+".billed", "the billed amount", p.Billed)
		v.money(path+".allowed", "the allowed amount", p.Allowed)
	}
	for i, d := range cl.Diagnoses {
		v.check(fmt.Sprintf("claim.diagnoses[%d]", i), ValidateICD10(d))
	}
	v.money("claim.billed", "the billed amount", cl.Billed)
	v.money("claim.allowed", "the allowed amount", cl.Allowed)
	if nonNegative(cl.Billed, cl.Allowed) && cl.Allowed.Cents() > cl.Billed.Cents() {
		v.add("claim.allowed", fmt.Sprintf("the allowed amount (%s) is more than the billed amount (%s): check both on the EOB", cl.Allowed.Dollars(), cl.Billed.Dollars()))
	}
	v.money("claim.plan_paid", "what the plan paid", cl.PlanPaid)
	v.money("claim.member_owes", "what you owe", cl.MemberOwes)

	v.notFuture("eob.date", "the EOB date", c.EOB.Date)
	v.notBefore("eob.received", "the day you received the EOB", c.EOB.Received, "the date printed on it", c.EOB.Date)
	v.notFuture("eob.received", "the day you received the EOB", c.EOB.Received)
	if c.Denial.Review == ReviewPostService {
		v.notBefore("eob.date", "the EOB date", c.EOB.Date, "the date of service", cl.DateOfService)
	}
	for i, code := range c.EOB.Codes {
		if _, _, err := parseCode(code, nil); err != nil {
			v.check(fmt.Sprintf("eob.codes[%d]", i), err)
		}
	}

	d := &c.Denial
	v.notFuture("denial.letter_date", "the denial letter date", d.LetterDate)
	v.notBefore("denial.received", "the day you received the denial", d.Received, "the date printed on it", d.LetterDate)
	v.notFuture("denial.received", "the day you received the denial", d.Received)

	cs := &c.CostShare
	v.money("cost_share.deductible", "the deductible", cs.Deductible)
	v.money("cost_share.deductible_met", "the deductible met", cs.DeductibleMet)
	if nonNegative(cs.Deductible, cs.DeductibleMet) && cs.DeductibleMet.Cents() > cs.Deductible.Cents() {
		v.add("cost_share.deductible_met", fmt.Sprintf("the deductible met (%s) is more than the deductible (%s): check both on your insurer's member website or the EOB", cs.DeductibleMet.Dollars(), cs.Deductible.Dollars()))
	}
	if cs.CoinsurancePct < 0 || cs.CoinsurancePct > 100 {
		v.add("cost_share.coinsurance_pct", fmt.Sprintf("coinsurance %d%% must be a percentage from 0 to 100, like 20", cs.CoinsurancePct))
	}
	v.money("cost_share.copay", "the copay", cs.Copay)
	v.money("cost_share.oop_max", "the out-of-pocket maximum", cs.OOPMax)
	v.money("cost_share.oop_met", "the out-of-pocket amount met", cs.OOPMet)
	if nonNegative(cs.OOPMax, cs.OOPMet) && cs.OOPMet.Cents() > cs.OOPMax.Cents() {
		v.add("cost_share.oop_met", fmt.Sprintf("the out-of-pocket amount met (%s) is more than the out-of-pocket maximum (%s): check both on your insurer's member website", cs.OOPMet.Dollars(), cs.OOPMax.Dollars()))
	}

	for i, call := range c.Calls {
		if !call.At.IsZero() {
			v.notFuture(fmt.Sprintf("calls[%d].at", i), "the call", DateOf(call.At))
		}
	}
	for i, m := range c.Messages {
		v.notFuture(fmt.Sprintf("messages[%d].sent", i), "the message", m.Sent)
	}
	for i, a := range c.Appeals {
		path := fmt.Sprintf("appeals[%d]", i)
		v.notFuture(path+".filed", "the day the appeal was filed", a.Filed)
		v.notBefore(path+".filed", "the day the appeal was filed", a.Filed, "the denial letter date", d.LetterDate)
		v.notBefore(path+".decision_received", "the day you received the decision", a.DecisionReceived, "the day the appeal was filed", a.Filed)
		v.notFuture(path+".decision_received", "the day you received the decision", a.DecisionReceived)
	}
	v.money("recovered", "the amount recovered", c.Recovered)
	return v.errs
}

// nonNegative reports whether both amounts are known and not negative,
// so that comparing them means something.
func nonNegative(a, b Money) bool {
	return a.Known() && b.Known() && a.Cents() >= 0 && b.Cents() >= 0
}

type caseValidator struct {
	today Date
	errs  []FieldError
}

func (v *caseValidator) add(field, msg string) {
	v.errs = append(v.errs, FieldError{Field: field, Message: msg})
}

func (v *caseValidator) check(field string, err error) {
	if err != nil {
		v.add(field, err.Error())
	}
}

func (v *caseValidator) money(field, what string, m Money) {
	if m.Known() && m.Cents() < 0 {
		v.add(field, fmt.Sprintf("%s (%s) is negative: enter the amount without a minus sign", what, m.Dollars()))
	}
}

// notFuture flags a date after today.
func (v *caseValidator) notFuture(field, what string, d Date) {
	if !d.IsZero() && !v.today.IsZero() && d.After(v.today) {
		v.add(field, fmt.Sprintf("%s (%s) is after today (%s): check the date", what, d, v.today))
	}
}

// notBefore flags a date d earlier than another date o.
func (v *caseValidator) notBefore(field, what string, d Date, other string, o Date) {
	if !d.IsZero() && !o.IsZero() && d.Before(o) {
		v.add(field, fmt.Sprintf("%s (%s) is before %s (%s): check both dates", what, d, other, o))
	}
}

// serviceDate checks the date of service against the kind of review: a
// post-service claim is for care already received, so its date cannot be
// in the future; a pre-service or urgent request usually is for care to
// come, so its date may be.
func (v *caseValidator) serviceDate(c *Case) {
	dos := c.Claim.DateOfService
	if dos.IsZero() || v.today.IsZero() || !dos.After(v.today) {
		return
	}
	switch c.Denial.Review {
	case ReviewPreService, ReviewUrgent:
	case ReviewPostService:
		v.add("claim.date_of_service", fmt.Sprintf("the date of service (%s) is after today (%s), but a post-service claim is for care already received: check the date on the EOB", dos, v.today))
	default:
		v.add("claim.date_of_service", fmt.Sprintf("the date of service (%s) is after today (%s): check the date on the EOB, or say that this is a pre-service or urgent request", dos, v.today))
	}
}

// planLevels checks the number of internal appeal levels against the plan
// type: an employer plan may require at most two, individual coverage has
// exactly one (29 CFR 2560.503-1(c)(2)(i); 45 CFR 147.136(b)(3)(ii)(G)).
func (v *caseValidator) planLevels(p Plan) {
	switch {
	case p.InternalLevels < 0 || p.InternalLevels > 2:
		v.add("plan.internal_levels", fmt.Sprintf("%d internal appeal levels: a plan has 1 or 2 (0 when not known); ask the plan how many it has", p.InternalLevels))
	case p.Type == PlanIndividual && p.InternalLevels == 2:
		v.add("plan.internal_levels", "individual (marketplace) coverage has exactly one internal appeal level: check the denial letter")
	}
}
