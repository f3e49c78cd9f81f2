package letter

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/overturn/overturn/workflow"
)

func TestPlain(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Dana\tReyes \n", "Dana Reyes"},
		{"\x1b[31mred\x1b[0m text", "red text"},
		{"title\x1b]0;pwned\x07 ok", "title ok"},
		{"osc\x1b]8;;http://x\x1b\\link", "osclink"},
		{"a\x00b\x7fc\u0085d", "abcd"},
		{"{{{{{ }}}", "{ { { { { } } }"},
		{"evil\u202ereversed\u2066x\u2069", "evilreversedx"},
		{"bad\xffutf8", "badutf8"},
		{"{{.Member.Name}} <no value>", "{ {.Member.Name} } (no value)"},
		{"東京都 渋谷区", "東京都 渋谷区"},
		{"\x1b", ""},
		{"\x1b[", ""},
	}
	for _, tt := range tests {
		if got := plain(tt.in); got != tt.want {
			t.Errorf("plain(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLayout(t *testing.T) {
	long := "Under the rules the plan must decide within sixty days and I ask the plan to send every document it used."
	tests := []struct{ name, in, want string }{
		{"wraps at 72 columns", long + "\n",
			"Under the rules the plan must decide within sixty days and I ask the\nplan to send every document it used.\n"},
		{"hanging indent for list items", "- " + long + "\n",
			"- Under the rules the plan must decide within sixty days and I ask the\n  plan to send every document it used.\n"},
		{"numbered items", "12. " + long + "\n",
			"12. Under the rules the plan must decide within sixty days and I ask the\n    plan to send every document it used.\n"},
		{"nested headings both dropped", "A: x\nB: Label:\nC: Label:\n\nDear X:\n", "A: x\n\nDear X:\n"},
		{"indented lines keep their indent", "  Evidence: " + long + "\n",
			"  Evidence: Under the rules the plan must decide within sixty days and I\n  ask the plan to send every document it used.\n"},
		{"empty label dropped", "Member: Dana\nPhone: \nDate: x\n", "Member: Dana\nDate: x\n"},
		{"heading without body dropped", "Enclosures:\n\ncc: X\n", "cc: X\n"},
		{"heading at the end dropped", "Text.\n\nEnclosures:\n", "Text.\n"},
		{"salutation kept", "Dear Appeals Reviewer:\n\nText.\n", "Dear Appeals Reviewer:\n\nText.\n"},
		{"blank runs collapse, ends trimmed", "\n\nA\n\n\n\nB   \n\n\n", "A\n\nB\n"},
		{"long word stays whole", "See " + strings.Repeat("x", 80) + " now\n", "See\n" + strings.Repeat("x", 80) + "\nnow\n"},
		{"citation not split", strings.Repeat("word ", 11) + "more (29 CFR 2560.503-1(h)(2)(iii)).\n",
			strings.Repeat("word ", 11) + "more\n(29 CFR 2560.503-1(h)(2)(iii)).\n"},
		{"month and day not split", strings.Repeat("word ", 12) + "on October 20, 2026.\n",
			strings.Repeat("word ", 12) + "on\nOctober 20, 2026.\n"},
		{"wide characters count two", strings.Repeat("東", 30) + " " + strings.Repeat("京", 10) + "\n",
			strings.Repeat("東", 30) + "\n" + strings.Repeat("京", 10) + "\n"},
		{"a long run of wide characters breaks between them", strings.Repeat("長", 40) + "\n",
			strings.Repeat("長", 36) + "\n" + strings.Repeat("長", 4) + "\n"},
		{"control characters removed", "a\x1bb\tc\n", "ab c\n"},
		{"a name's full stop is not doubled", "Acme Health Plans, Inc..\n", "Acme Health Plans, Inc.\n"},
		{"an ellipsis stays", "Wait... then.\n", "Wait... then.\n"},
		{"C1 controls after non-ASCII removed", "café\u0085\u009bx\n", "caféx\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := layout(tt.in); got != tt.want {
				t.Errorf("layout:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

var letterHostile = []string{
	"",
	"   ",
	"\x1b[2J\x1b[H\x1b]0;owned\x07cleared",
	"\x1b]52;c;ZWNobyBwd25lZA==\x07clipboard",
	strings.Repeat("W", 300),
	strings.Repeat("長", 300),
	"山田 太郎 東京都千代田区千代田一丁目一番一号 " + strings.Repeat("あ", 90),
	"{{.Member.Name}} {{template \"x\"}} <no value>",
	"{{{{{{{ }}}}}",
	"line one\nline two\r\nline three\ttab",
	"\u202eevil\u202c \u2066iso\u2069",
	"Label:",
	"Enclosures: ",
	"\xff\xfe invalid",
	"- looks like a list",
	"1. numbered",
	"October",
	"29 CFR",
	"e\u0301\u0301\u0301 combining",
	"🙂🙂🙂 emoji " + strings.Repeat("🙂", 50),
	"\x00\x01\x02\x7f\u0085\u009b",
}

// hostileCase fills every text field of a realistic case with hostile
// text and knocks out facts at random.
func hostileCase(r *rand.Rand, cases []*workflow.Case) *workflow.Case {
	base := *cases[r.IntN(len(cases))]
	c := &base
	pick := func() string { return letterHostile[r.IntN(len(letterHostile))] }
	maybe := func(s *string) {
		if r.IntN(3) > 0 {
			*s = pick()
		}
	}
	for _, s := range []*string{&c.Title, &c.Insurer, &c.Member.Name, &c.Member.MemberID, &c.Member.GroupNumber,
		&c.Member.Address, &c.Member.Phone, &c.Member.Email, &c.Patient.Name, &c.Patient.Relationship,
		&c.Representative.Name, &c.Representative.Relationship, &c.Representative.Address, &c.Representative.Phone,
		&c.Physician.Name, &c.Physician.Credentials, &c.Physician.Address, &c.Plan.State, &c.Plan.Employer,
		&c.Plan.Administrator, &c.Claim.Number, &c.Claim.Provider.Name, &c.Claim.Provider.NPI, &c.Claim.Provider.Specialty,
		&c.Claim.Provider.Address, &c.Claim.Facility.Name, &c.Claim.Symptoms, &c.Claim.DuplicateOf,
		&c.EOB.Reason, &c.EOB.ClaimsAddress, &c.Denial.Policy.Number, &c.Denial.Policy.Title, &c.Denial.PriorAuth.Number,
		&c.Denial.AppealsAddress, &c.Denial.AppealsFax, &c.Denial.ExternalReviewAddress, &c.Denial.Limit,
		&c.Denial.Experimental.Definition, &c.EOBErrors.Network.Details, &c.EOBErrors.CPT.Details, &c.EOBErrors.Duplicate.Details,
		&c.EOBErrors.CostShare.Details, &c.EOBErrors.PriorAuth.Details} {
		maybe(s)
	}
	c.EOB.Codes = append(slices.Clone(c.EOB.Codes), pick())
	c.Claim.Procedures = append(slices.Clone(c.Claim.Procedures), workflow.Procedure{Code: pick(), Description: pick(), Modifiers: []string{pick()}, Units: r.IntN(5)})
	c.Denial.Policy.Criteria = append(slices.Clone(c.Denial.Policy.Criteria), workflow.Criterion{ID: pick(), Text: pick(), Evidence: pick()})
	c.Denial.Experimental.Evidence = append(slices.Clone(c.Denial.Experimental.Evidence), pick())
	c.Calls = append(slices.Clone(c.Calls), workflow.Call{At: time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC), With: workflow.CallWith(pick()), Rep: pick(), Reference: pick(), Outcome: pick()})
	c.Messages = append(slices.Clone(c.Messages), workflow.SecureMessage{Sent: workflow.NewDate(2026, 9, 2), Subject: pick(), Reference: pick()})
	c.Documents = append(slices.Clone(c.Documents), workflow.Document{Kind: workflow.DocKind(pick()), Description: pick(), Status: workflow.DocHave})
	c.Appeals = append(slices.Clone(c.Appeals), workflow.Appeal{Level: workflow.Level(pick()), Filed: workflow.NewDate(2026, 9, 3), Tracking: pick(),
		CaseNumber: pick(), Decision: workflow.Decision(pick()), DecisionReason: pick()})
	for _, ch := range []*workflow.Check{&c.EOBErrors.Network, &c.EOBErrors.CPT, &c.EOBErrors.Duplicate, &c.EOBErrors.CostShare, &c.EOBErrors.PriorAuth} {
		if r.IntN(4) == 0 {
			ch.Status = workflow.CheckError
		}
	}
	if r.IntN(4) == 0 {
		c.Denial.BehavioralHealth = !c.Denial.BehavioralHealth
	}
	if r.IntN(4) == 0 {
		c.Claim.Emergency = !c.Claim.Emergency
	}
	if r.IntN(5) == 0 {
		c.Denial.Review = workflow.Review(pick())
	}
	if r.IntN(5) == 0 {
		c.Plan.Type = workflow.PlanType(pick())
	}
	return c
}

func caseList(t testing.TB) []*workflow.Case {
	var out []*workflow.Case
	for _, c := range allCases(t) {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *workflow.Case) int { return strings.Compare(a.Title, b.Title) })
	return out
}

// TestHostileText renders every kind for many hostile cases: no panic,
// and every letter that renders is clean.
func TestHostileText(t *testing.T) {
	e := newTestEngine(t)
	cases := caseList(t)
	r := rand.New(rand.NewPCG(1, 2))
	rendered := 0
	for range 300 {
		c := hostileCase(r, cases)
		for _, k := range Kinds() {
			l, err := e.Render(k, c, goldenNow)
			if err != nil {
				continue
			}
			rendered++
			checkClean(t, string(k), l.Text)
			if t.Failed() {
				t.FailNow()
			}
		}
	}
	if rendered < 400 {
		t.Errorf("only %d hostile letters rendered; the test exercises too little", rendered)
	}
}

func FuzzRenderLetter(f *testing.F) {
	for _, h := range letterHostile {
		f.Add(h, h, uint8(0))
	}
	f.Add("Dana Reyes", "The service is not medically necessary", uint8(3))
	e := newTestEngine(f)
	cases := caseList(f)
	f.Fuzz(func(t *testing.T, name, text string, which uint8) {
		base := *cases[int(which)%len(cases)]
		c := &base
		c.Member.Name = name
		c.Representative.Name = ""
		c.EOB.Reason = text
		c.Member.Address = text
		c.Claim.Provider.Name = text
		c.Claim.Symptoms = text
		c.EOBErrors.Network.Details = text
		c.Denial.Policy.Criteria = append(slices.Clone(c.Denial.Policy.Criteria), workflow.Criterion{ID: name, Text: text, Evidence: text})
		kinds := Kinds()
		k := kinds[int(which)/len(cases)%len(kinds)]
		if l, err := e.Render(k, c, goldenNow); err == nil {
			checkClean(t, string(k), l.Text)
		}
	})
}

func TestProseDates(t *testing.T) {
	tests := []struct{ in, want string }{
		{"note of 2026-08-30", "note of August 30, 2026"},
		{"capecitabine (2026-04 to 2026-10) stopped", "capecitabine (April 2026 to October 2026) stopped"},
		{"case APL-2026-231104 and PA-2607-44", "case APL-2026-231104 and PA-2607-44"},
		{"2026-13 is no month, 2026-02-30 no day", "2026-13 is no month, 2026-02-30 no day"},
	}
	for _, tt := range tests {
		if got := prose(tt.in); got != tt.want {
			t.Errorf("prose(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUpper(t *testing.T) {
	for in, want := range map[string]string{
		"the online directory": "The online directory",
		"eviCore healthcare":   "eviCore healthcare",
		"myCigna":              "myCigna",
		"émile's letter":       "Émile's letter",
		"":                     "",
	} {
		if got := upper(in); got != want {
			t.Errorf("upper(%q) = %q, want %q", in, got, want)
		}
	}
}
