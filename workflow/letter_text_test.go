package workflow

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
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
		if got := letterPlain(tt.in); got != tt.want {
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
		{"C1 controls after non-ASCII removed", "café\u0085\u009bx\n", "caféx\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := letterLayout(tt.in); got != tt.want {
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

// letterHostileCase fills every text field of a realistic case with hostile text
// and knocks out facts at random.
func letterHostileCase(r *rand.Rand) *Case {
	c := letterCaseMakers[r.IntN(len(letterCaseMakers))].make()
	pick := func() string { return letterHostile[r.IntN(len(letterHostile))] }
	maybe := func(s *string) {
		if r.IntN(3) > 0 {
			*s = pick()
		}
	}
	for _, s := range []*string{&c.Title, &c.Insurer, &c.Member.Name, &c.Member.MemberID, &c.Member.GroupNumber,
		&c.Member.Address, &c.Member.Phone, &c.Member.Email, &c.Patient.Name, &c.Patient.Relationship,
		&c.Representative.Name, &c.Representative.Relationship, &c.Representative.Address, &c.Representative.Phone,
		&c.Plan.State, &c.Plan.Employer, &c.Claim.Number, &c.Claim.Provider.Name, &c.Claim.Provider.NPI,
		&c.EOB.Reason, &c.Denial.Policy.Number, &c.Denial.Policy.Title, &c.Denial.PriorAuth.Number,
		&c.EOBErrors.Network.Details, &c.EOBErrors.CPT.Details, &c.EOBErrors.Duplicate.Details,
		&c.EOBErrors.CostShare.Details, &c.EOBErrors.PriorAuth.Details} {
		maybe(s)
	}
	c.EOB.Codes = append(c.EOB.Codes, pick())
	c.Claim.Procedures = append(c.Claim.Procedures, Procedure{Code: pick(), Modifiers: []string{pick()}})
	c.Denial.Policy.Criteria = append(c.Denial.Policy.Criteria, Criterion{ID: pick(), Text: pick(), Evidence: pick()})
	c.Calls = append(c.Calls, Call{At: time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC), With: CallWith(pick()), Rep: pick(), Reference: pick(), Outcome: pick()})
	c.Messages = append(c.Messages, SecureMessage{Sent: NewDate(2026, 9, 2), Subject: pick(), Reference: pick()})
	c.Documents = append(c.Documents, Document{Kind: DocKind(pick()), Description: pick(), Status: DocHave})
	c.Appeals = append(c.Appeals, Appeal{Level: Level(pick()), Filed: NewDate(2026, 9, 3), Tracking: pick(), CaseNumber: pick(), Decision: Decision(pick())})
	for _, ch := range []*Check{&c.EOBErrors.Network, &c.EOBErrors.CPT, &c.EOBErrors.Duplicate, &c.EOBErrors.CostShare, &c.EOBErrors.PriorAuth} {
		if r.IntN(4) == 0 {
			ch.Status = CheckError
		}
	}
	if r.IntN(4) == 0 {
		c.Denial.BehavioralHealth = !c.Denial.BehavioralHealth
	}
	if r.IntN(5) == 0 {
		c.Denial.Review = Review(pick())
	}
	if r.IntN(5) == 0 {
		c.Plan.Type = PlanType(pick())
	}
	return c
}

// TestLetterHostileText renders every kind for many hostile cases: no
// panic, and every letter that renders is clean.
func TestLetterHostileText(t *testing.T) {
	l := newTestLetters(t)
	r := rand.New(rand.NewPCG(1, 2))
	rendered := 0
	for range 400 {
		c := letterHostileCase(r)
		for _, k := range LetterKinds() {
			s, err := l.Render(k, c, letterToday)
			if err != nil {
				if s != "" {
					t.Fatalf("%s: text with an error", k)
				}
				continue
			}
			rendered++
			checkLetter(t, s)
			if t.Failed() {
				t.Fatalf("%s letter:\n%s", k, s)
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
	l := newTestLetters(f)
	f.Fuzz(func(t *testing.T, name, text string, which uint8) {
		c := letterCaseMakers[int(which)%len(letterCaseMakers)].make()
		c.Member.Name = name
		c.Representative.Name = ""
		c.EOB.Reason = text
		c.Member.Address = text
		c.Claim.Provider.Name = text
		c.EOBErrors.Network.Details = text
		c.Denial.Policy.Criteria = append(c.Denial.Policy.Criteria, Criterion{ID: name, Text: text, Evidence: text})
		kinds := LetterKinds()
		k := kinds[int(which)/len(letterCaseMakers)%len(kinds)]
		s, err := l.Render(k, c, letterToday)
		if err == nil {
			checkLetter(t, s)
		}
	})
}

func TestLetterDeterministic(t *testing.T) {
	l := newTestLetters(t)
	a, err := l.Render(LetterLevel2, bhResidentialLevel2(), letterToday)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		if b, _ := l.Render(LetterLevel2, bhResidentialLevel2(), letterToday); b != a {
			t.Fatal("two renders of the same case differ")
		}
	}
}

func BenchmarkRenderLevel1(b *testing.B) {
	l := newTestLetters(b)
	c := mnEviCoreMRI()
	for b.Loop() {
		if _, err := l.Render(LetterLevel1, c, letterToday); err != nil {
			b.Fatal(err)
		}
	}
}
