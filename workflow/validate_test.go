package workflow

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// cmsCheckDigit computes an NPI check digit the way the CMS paper
// "Requirements for the NPI check digit" describes it: double every other
// digit of the nine starting from the first, sum the digits of the
// results with the others, add 24 for the 80840 prefix, and subtract from
// the next multiple of ten.
func cmsCheckDigit(nine string) byte {
	sum := 24
	for i := 0; i < 9; i++ {
		d := int(nine[i] - '0')
		if i%2 == 0 {
			d *= 2
			d = d/10 + d%10
		}
		sum += d
	}
	return byte('0' + (10-sum%10)%10)
}

func TestCMSCheckDigitExample(t *testing.T) {
	// The CMS paper's worked example: 123456789 gets check digit 3.
	if got := cmsCheckDigit("123456789"); got != '3' {
		t.Fatalf("cmsCheckDigit(123456789) = %c, want 3", got)
	}
}

type validatorCase struct {
	in   string
	want string // "" valid, else a substring of the error message
}

func runValidator(t *testing.T, name string, f func(string) error, tests []validatorCase) {
	t.Helper()
	for _, tt := range tests {
		err := f(tt.in)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s(%q) = %v, want nil", name, tt.in, err)
		case tt.want != "" && err == nil:
			t.Errorf("%s(%q) = nil, want an error containing %q", name, tt.in, tt.want)
		case tt.want != "" && !strings.Contains(err.Error(), tt.want):
			t.Errorf("%s(%q) = %q, want it to contain %q", name, tt.in, err, tt.want)
		}
	}
}

func TestValidateNPI(t *testing.T) {
	runValidator(t, "ValidateNPI", ValidateNPI, []validatorCase{
		{"1234567893", ""}, // the CMS example of a valid NPI
		{" 1234567893\n", ""},
		{"1245319599", ""},
		{"1234567802", ""},
		{"1234567800", "fails the check digit"},
		{"", ""},
		{"   ", ""},
		{"123", `NPI "123" must be 10 digits (you typed 3)`},
		{"12345678931", `must be 10 digits (you typed 11)`},
		{"1234567890", `NPI 1234567890 fails the check digit: copy it again from the EOB or the NPI registry`},
		{"1234567894", "fails the check digit"},
		{"1234-567-893", `NPI "1234-567-893" must be 10 digits with nothing between them, like 1234567893`},
		{"1234 567 893", "with nothing between them"},
		{"12345ABCDE", `NPI "12345ABCDE" must be 10 digits, with no letters or other signs (you typed 5 digits)`},
		{"１２３４５６７８９３", "no letters or other signs"},
		{"1234567893\x1b[31m", ""},
		{"12345\x0067893", ""},
		{"12345\n67893", `NPI "12345 67893" must be 10 digits with nothing between them`},
	})
	for _, nine := range []string{"123456789", "100000000", "999999999", "131234567", "288888888", "000000000"} {
		npi := nine + string(cmsCheckDigit(nine))
		if err := ValidateNPI(npi); err != nil {
			t.Errorf("ValidateNPI(%s) = %v, but the CMS method gives that check digit", npi, err)
		}
		wrong := nine + string('0'+(cmsCheckDigit(nine)-'0'+1)%10)
		if err := ValidateNPI(wrong); err == nil {
			t.Errorf("ValidateNPI(%s) = nil, want a check-digit error", wrong)
		}
	}
}

func TestValidateCodes(t *testing.T) {
	runValidator(t, "ValidateCPT", ValidateCPT, []validatorCase{
		{"99213", ""}, {"00100", ""}, {"0042T", ""}, {"3074F", ""}, {" 99213 ", ""}, {"", ""},
		{"9921", `CPT code "9921" must be 5 digits, like 99213, or 4 digits and F or T for Category II and III codes, like 0042T (you typed 4 digits)`},
		{"992131", "(you typed 6 digits)"},
		{"0042t", `CPT code "0042t": write the letters as capitals, 0042T`},
		{"0042X", "must be 5 digits"},
		{"J1100", "must be 5 digits"},
		{"99 213", "must be 5 digits"},
		{"T0042", "must be 5 digits"},
	})
	runValidator(t, "ValidateHCPCS", ValidateHCPCS, []validatorCase{
		{"J1100", ""}, {"G0447", ""}, {"A0428", ""}, {"", ""},
		{"j1100", `HCPCS code "j1100": write the letters as capitals, J1100`},
		{"J110", `HCPCS code "J110" must be a capital letter and 4 digits, like J1100`},
		{"JJ100", "must be a capital letter and 4 digits"},
		{"99213", "must be a capital letter and 4 digits"},
	})
	runValidator(t, "ValidateProcedureCode", ValidateProcedureCode, []validatorCase{
		{"99213", ""}, {"0042T", ""}, {"J1100", ""}, {"", ""},
		{"j1100", `procedure code "j1100": write the letters as capitals, J1100`},
		{"0042t", "write the letters as capitals, 0042T"},
		{"123", `procedure code "123" must be a CPT code (5 digits, like 99213, or 4 digits and F or T for Category II and III codes, like 0042T) or an HCPCS code (a capital letter and 4 digits, like J1100) (you typed 3 digits)`},
		{"XRAY", "must be a CPT code"},
	})
	runValidator(t, "ValidateModifier", ValidateModifier, []validatorCase{
		{"25", ""}, {"LT", ""}, {"59", ""}, {"XU", ""}, {"F1", ""}, {"", ""},
		{"lt", `modifier "lt": write the letters as capitals, LT`},
		{"5", `modifier "5" must be 2 letters or digits, like 25 or LT`},
		{"255", "must be 2 letters or digits"},
		{"-2", "must be 2 letters or digits"},
	})
	runValidator(t, "ValidateICD10", ValidateICD10, []validatorCase{
		{"E11.9", ""}, {"E119", ""}, {"E11", ""}, {"S82.101A", ""}, {"S82101A", ""}, {"M54.50", ""},
		{"F32.A", ""}, {"U07.1", ""}, {"Z00.00", ""}, {"", ""},
		{"e11.9", `diagnosis code "e11.9": write the letters as capitals, E11.9`},
		{"E11.", `diagnosis code "E11." is not an ICD-10-CM code`},
		{"E1", "is not an ICD-10-CM code"},
		{"11.9", "is not an ICD-10-CM code"},
		{"EE1.9", "is not an ICD-10-CM code"},
		{"S82.101AB", "is not an ICD-10-CM code"},
		{"E11..9", "is not an ICD-10-CM code"},
		{"E11-9", "like E11.9 or S82.101A"},
	})
}

func TestValidateText(t *testing.T) {
	runValidator(t, "ValidateClaimNumber", ValidateClaimNumber, []validatorCase{
		{"E2026091400871", ""}, {"1234", ""}, {"ab-12", ""}, {"", ""},
		{"E2026 0914", `claim number "E2026 0914" must have no spaces`},
		{"E2026/0914", "may contain only letters, digits and dashes"},
		{"E12", "must be 4 to 30 characters long (you typed 3)"},
		{strings.Repeat("1", 31), "(you typed 31)"},
		{"ABCDEF", `claim number "ABCDEF" has no digits`},
	})
	runValidator(t, "ValidateState", ValidateState, []validatorCase{
		{"TX", ""}, {"DC", ""}, {"PR", ""}, {"", ""},
		{"tx", `state "tx": write the letters as capitals, TX`},
		{"XX", `state "XX" is not a US state or territory: use its 2-letter postal code, like TX`},
		{"Texas", `state "Texas" must be the 2-letter postal code, like TX`},
	})
	runValidator(t, "ValidateEmail", ValidateEmail, []validatorCase{
		{"dana.reyes@example.com", ""}, {"d+cigna@mail.example.org", ""}, {"", ""},
		{"dana", `email "dana" must look like name@example.com`},
		{"dana@example", `email "dana@example" is missing the end of its domain, like .com or .org`},
		{"dana@@example.com", "must look like"},
		{"@example.com", "must look like"},
		{"dana reyes@example.com", "must look like"},
		{"dana@example..com", "must look like"},
		{"dana@-example.com", "must look like"},
		{"dana@exa mple.com", "must look like"},
	})
	runValidator(t, "ValidatePhone", ValidatePhone, []validatorCase{
		{"512-555-0142", ""}, {"(512) 555-0142", ""}, {"5125550142", ""}, {"+1 512 555 0142", ""},
		{"1-800-244-6224", ""}, {"512.555.0142", ""}, {"", ""},
		{"555-0142", `phone number "555-0142" must have 10 digits with the area code, like 512-555-0142 (you typed 7)`},
		{"512-555-0142 ext 5", "may contain only digits, spaces, dashes, dots and parentheses"},
		{"+44 20 7946 0958", "must be a US number"},
		{"512+555-0142", "must be a US number"},
		{"012-555-0142", "a US area code starts with 2 to 9"},
		{"2-512-555-0142", "(you typed 11)"},
	})
}

var validatorReference = map[string]*regexp.Regexp{
	"NPI":       regexp.MustCompile(`^[0-9]{10}$`),
	"CPT":       regexp.MustCompile(`^([0-9]{5}|[0-9]{4}[FT])$`),
	"HCPCS":     regexp.MustCompile(`^[A-Z][0-9]{4}$`),
	"Procedure": regexp.MustCompile(`^([0-9]{5}|[0-9]{4}[FT]|[A-Z][0-9]{4})$`),
	"Modifier":  regexp.MustCompile(`^[A-Z0-9]{2}$`),
	"ICD10":     regexp.MustCompile(`^[A-Z][0-9][A-Z0-9](\.?[A-Z0-9]{1,4})?$`),
	"Claim":     regexp.MustCompile(`^[A-Za-z0-9-]{4,30}$`),
	"State":     regexp.MustCompile(`^[A-Z]{2}$`),
}

func FuzzValidators(f *testing.F) {
	for _, s := range []string{"1234567893", "99213", "0042T", "J1100", "LT", "E11.9", "S82.101A",
		"E2026091400871", "TX", "a@b.co", "(512) 555-0142", "", " ", "\x1b[31m", "e11.", "+1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		trimmed := SanitizeLine(in)
		exact := map[string]func(string) error{
			"NPI": ValidateNPI, "CPT": ValidateCPT, "HCPCS": ValidateHCPCS, "Procedure": ValidateProcedureCode,
			"Modifier": ValidateModifier, "ICD10": ValidateICD10, "Claim": ValidateClaimNumber, "State": ValidateState,
		}
		for name, v := range exact {
			err := v(in)
			match := trimmed == "" || validatorReference[name].MatchString(trimmed)
			switch name {
			case "NPI":
				match = match && (trimmed == "" || cmsCheckDigit(trimmed[:9]) == trimmed[9])
			case "Claim":
				match = match && (trimmed == "" || strings.ContainsAny(trimmed, "0123456789"))
			case "State":
				match = match && (trimmed == "" || StateName(trimmed) != "" && strings.ToUpper(trimmed) == trimmed && strings.TrimSpace(trimmed) == trimmed)
			}
			if (err == nil) != match {
				t.Fatalf("Validate%s(%q) = %v, but the validatorReference says valid = %v", name, in, err, match)
			}
		}
		for name, v := range map[string]func(string) error{"Email": ValidateEmail, "Phone": ValidatePhone} {
			err := v(in)
			if err == nil && trimmed != "" {
				if name == "Email" && strings.Count(trimmed, "@") != 1 {
					t.Fatalf("ValidateEmail(%q) = nil without exactly one @", in)
				}
				if name == "Phone" && digitCount(trimmed) < 10 {
					t.Fatalf("ValidatePhone(%q) = nil with fewer than 10 digits", in)
				}
			}
		}
		for name, v := range map[string]func(string) error{"NPI": ValidateNPI, "CPT": ValidateCPT, "HCPCS": ValidateHCPCS,
			"Procedure": ValidateProcedureCode, "Modifier": ValidateModifier, "ICD10": ValidateICD10, "Claim": ValidateClaimNumber,
			"State": ValidateState, "Email": ValidateEmail, "Phone": ValidatePhone} {
			if err := v(in); err != nil {
				if why := checkSanitized(err.Error(), true); why != "" {
					t.Fatalf("Validate%s(%q) message %q: %s", name, in, err, why)
				}
			}
		}
	})
}

func TestShow(t *testing.T) {
	tests := []struct{ in, want string }{
		{"abc", `"abc"`},
		{" a\x1b[2Jb\n", `"ab"`},
		{"\u202eevil", `"evil"`},
		{strings.Repeat("x", 41), `"` + strings.Repeat("x", 40) + `…"`},
		{strings.Repeat("é", 40), `"` + strings.Repeat("é", 40) + `"`},
		{"say \"hi\"", `"say \"hi\""`},
	}
	for _, tt := range tests {
		if got := quoteInput(tt.in); got != tt.want {
			t.Errorf("quoteInput(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// validCase is a complete post-service case with nothing wrong in it.
func validRulesCase() *Case {
	c := NewCase(time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC), "Cigna")
	c.Member = Member{Name: "Dana Reyes", Phone: "512-555-0142", Email: "dana@example.com", DateOfBirth: NewDate(1980, 5, 2)}
	c.Representative.Phone = "(512) 555-0199"
	c.Plan = Plan{Type: PlanEmployer, Funding: FundingSelf, State: "TX", InternalLevels: 2}
	c.Claim = Claim{
		Number: "E2026091400871", DateOfService: NewDate(2026, 9, 14),
		Provider:   Provider{Name: "Austin Lab", NPI: "1234567893"},
		Procedures: []Procedure{{Code: "82306", Modifiers: []string{"90"}, Billed: Cents(18500), Allowed: Cents(4200)}, {Code: "J1100"}},
		Diagnoses:  []string{"E55.9", "R53.83"},
		Billed:     Cents(18500), Allowed: Cents(4200), PlanPaid: Cents(0), MemberOwes: Cents(4200),
	}
	c.EOB = EOB{Date: NewDate(2026, 10, 1), Received: NewDate(2026, 10, 6), Codes: []string{"CO-50", "N130"}}
	c.Denial = Denial{Review: ReviewPostService, LetterDate: NewDate(2026, 10, 1), Received: NewDate(2026, 10, 6)}
	c.CostShare = CostShareTerms{Network: NetworkIn, Deductible: Cents(150000), DeductibleMet: Cents(20000),
		CoinsurancePct: 20, OOPMax: Cents(600000), OOPMet: Cents(30000)}
	c.Calls = []Call{{At: time.Date(2026, 10, 8, 15, 0, 0, 0, time.UTC), With: CallMemberServices}}
	c.Messages = []SecureMessage{{Sent: NewDate(2026, 10, 9)}}
	c.Appeals = []Appeal{{Level: Level1, Filed: NewDate(2026, 10, 20), Decision: DecisionUpheld, DecisionReceived: NewDate(2026, 11, 18)}}
	return c
}

var validateToday = NewDate(2026, 11, 28)

func TestValidateCaseClean(t *testing.T) {
	if errs := ValidateCase(validRulesCase(), validateToday); len(errs) > 0 {
		t.Errorf("a clean case has problems: %v", errs)
	}
	if errs := ValidateCase(NewCase(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC), "Cigna"), validateToday); len(errs) > 0 {
		t.Errorf("an empty case has problems: %v", errs)
	}
}

func TestValidateCase(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *Case)
		field  string
		want   string
	}{
		{"member phone", func(c *Case) { c.Member.Phone = "555-0142" }, "member.phone", "must have 10 digits"},
		{"member email", func(c *Case) { c.Member.Email = "dana" }, "member.email", "name@example.com"},
		{"member birth in the future", func(c *Case) { c.Member.DateOfBirth = NewDate(2027, 1, 1) }, "member.date_of_birth", "the member's date of birth (2027-01-01) is after today (2026-11-28)"},
		{"patient birth in the future", func(c *Case) { c.Patient.DateOfBirth = NewDate(2026, 11, 29) }, "patient.date_of_birth", "after today"},
		{"representative phone", func(c *Case) { c.Representative.Phone = "12" }, "representative.phone", "(you typed 2)"},
		{"state", func(c *Case) { c.Plan.State = "Texas" }, "plan.state", "2-letter postal code"},
		{"three levels", func(c *Case) { c.Plan.InternalLevels = 3 }, "plan.internal_levels", "a plan has 1 or 2"},
		{"individual with two levels", func(c *Case) { c.Plan.Type = PlanIndividual }, "plan.internal_levels", "exactly one internal appeal level"},
		{"claim number", func(c *Case) { c.Claim.Number = "E1 2" }, "claim.number", "no spaces"},
		{"post-service date in the future", func(c *Case) { c.Claim.DateOfService = NewDate(2026, 12, 1); c.EOB.Date = Date{} }, "claim.date_of_service",
			"the date of service (2026-12-01) is after today (2026-11-28), but a post-service claim is for care already received"},
		{"unknown review date in the future", func(c *Case) { c.Denial.Review = ReviewUnknown; c.Claim.DateOfService = NewDate(2026, 12, 1) }, "claim.date_of_service",
			"or say that this is a pre-service or urgent request"},
		{"NPI", func(c *Case) { c.Claim.Provider.NPI = "1234567890" }, "claim.provider.npi", "fails the check digit"},
		{"procedure code", func(c *Case) { c.Claim.Procedures[1].Code = "j1100" }, "claim.procedures[1].code", "write the letters as capitals, J1100"},
		{"modifier", func(c *Case) { c.Claim.Procedures[0].Modifiers = []string{"90", "x"} }, "claim.procedures[0].modifiers[1]", "must be 2 letters or digits"},
		{"procedure money", func(c *Case) { c.Claim.Procedures[0].Allowed = Cents(-1) }, "claim.procedures[0].allowed", "the allowed amount (-$0.01) is negative"},
		{"diagnosis", func(c *Case) { c.Claim.Diagnoses[1] = "R53." }, "claim.diagnoses[1]", "not an ICD-10-CM code"},
		{"negative billed", func(c *Case) { c.Claim.Billed = Cents(-100) }, "claim.billed", "is negative"},
		{"allowed above billed", func(c *Case) { c.Claim.Allowed = Cents(20000) }, "claim.allowed", "the allowed amount ($200.00) is more than the billed amount ($185.00)"},
		{"negative plan paid", func(c *Case) { c.Claim.PlanPaid = Cents(-5) }, "claim.plan_paid", "negative"},
		{"negative member owes", func(c *Case) { c.Claim.MemberOwes = Cents(-5) }, "claim.member_owes", "negative"},
		{"EOB in the future", func(c *Case) { c.EOB.Date = NewDate(2026, 12, 2); c.EOB.Received = Date{} }, "eob.date", "the EOB date (2026-12-02) is after today"},
		{"EOB received before printed", func(c *Case) { c.EOB.Received = NewDate(2026, 9, 30) }, "eob.received",
			"the day you received the EOB (2026-09-30) is before the date printed on it (2026-10-01): check both dates"},
		{"EOB received in the future", func(c *Case) { c.EOB.Received = NewDate(2026, 12, 3) }, "eob.received", "after today"},
		{"post-service EOB before the service", func(c *Case) { c.EOB.Date = NewDate(2026, 9, 1) }, "eob.date", "is before the date of service"},
		{"EOB code", func(c *Case) { c.EOB.Codes = []string{"CO-50", "XY-50"} }, "eob.codes[1]", "XY is not a group code"},
		{"denial letter in the future", func(c *Case) { c.Denial.LetterDate = NewDate(2026, 12, 1); c.Denial.Received = Date{}; c.Appeals = nil }, "denial.letter_date", "after today"},
		{"denial received before printed", func(c *Case) { c.Denial.Received = NewDate(2026, 9, 29) }, "denial.received", "before the date printed on it"},
		{"denial received in the future", func(c *Case) { c.Denial.Received = NewDate(2026, 12, 1) }, "denial.received", "after today"},
		{"deductible met above deductible", func(c *Case) { c.CostShare.DeductibleMet = Cents(200000) }, "cost_share.deductible_met", "is more than the deductible"},
		{"negative deductible", func(c *Case) { c.CostShare.Deductible = Cents(-1) }, "cost_share.deductible", "negative"},
		{"coinsurance range", func(c *Case) { c.CostShare.CoinsurancePct = 101 }, "cost_share.coinsurance_pct", "coinsurance 101% must be a percentage from 0 to 100"},
		{"negative copay", func(c *Case) { c.CostShare.Copay = Cents(-1) }, "cost_share.copay", "negative"},
		{"oop met above max", func(c *Case) { c.CostShare.OOPMet = Cents(700000) }, "cost_share.oop_met", "is more than the out-of-pocket maximum"},
		{"call in the future", func(c *Case) { c.Calls[0].At = time.Date(2026, 11, 29, 1, 0, 0, 0, time.UTC) }, "calls[0].at", "the call (2026-11-29) is after today"},
		{"message in the future", func(c *Case) { c.Messages[0].Sent = NewDate(2027, 1, 1) }, "messages[0].sent", "after today"},
		{"appeal filed in the future", func(c *Case) { c.Appeals[0].Filed = NewDate(2026, 11, 30); c.Appeals[0].DecisionReceived = Date{} }, "appeals[0].filed", "after today"},
		{"appeal filed before the denial", func(c *Case) { c.Appeals[0].Filed = NewDate(2026, 9, 30) }, "appeals[0].filed", "is before the denial letter date"},
		{"decision before filing", func(c *Case) { c.Appeals[0].DecisionReceived = NewDate(2026, 10, 19) }, "appeals[0].decision_received",
			"the day you received the decision (2026-10-19) is before the day the appeal was filed (2026-10-20)"},
		{"decision in the future", func(c *Case) { c.Appeals[0].DecisionReceived = NewDate(2026, 12, 19) }, "appeals[0].decision_received", "after today"},
		{"negative recovered", func(c *Case) { c.Recovered = Cents(-1) }, "recovered", "negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validRulesCase()
			tt.change(c)
			errs := ValidateCase(c, validateToday)
			if len(errs) != 1 {
				t.Fatalf("got %d problems, want 1: %v", len(errs), errs)
			}
			if errs[0].Field != tt.field || !strings.Contains(errs[0].Message, tt.want) {
				t.Errorf("got %v, want %s: ...%s...", errs[0], tt.field, tt.want)
			}
			if errs[0].Error() != errs[0].Field+": "+errs[0].Message {
				t.Errorf("Error() = %q", errs[0].Error())
			}
		})
	}
}

func TestValidateCaseFutureServiceAllowed(t *testing.T) {
	for _, r := range []Review{ReviewPreService, ReviewUrgent} {
		c := validRulesCase()
		c.Denial.Review = r
		c.Claim.DateOfService = NewDate(2026, 12, 15)
		c.EOB = EOB{}
		if errs := ValidateCase(c, validateToday); len(errs) > 0 {
			t.Errorf("%s request for future care: %v", r, errs)
		}
	}
}

func TestValidateCaseOrder(t *testing.T) {
	c := validRulesCase()
	c.Appeals[0].DecisionReceived = NewDate(2026, 10, 1)
	c.Member.Phone = "1"
	c.Claim.Provider.NPI = "1"
	var got []string
	for _, e := range ValidateCase(c, validateToday) {
		got = append(got, e.Field)
	}
	if want := []string{"member.phone", "claim.provider.npi", "appeals[0].decision_received"}; !slices.Equal(got, want) {
		t.Errorf("fields %v, want %v in case-file order", got, want)
	}
}
