package workflow

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// money reads an amount in a test table; "" is unknown.
func testMoney(t testing.TB, s string) Money {
	t.Helper()
	m, err := ParseMoney(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

type costCase struct {
	network                                Network
	allowed, owes, planPaid, billed        string
	deductible, met, copay, oopMax, oopMet string
	pct                                    int
	procedures                             int
}

func (cc costCase) build(t testing.TB) *Case {
	c := NewCase(time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC), "Cigna")
	c.CostShare = CostShareTerms{
		Network:        cc.network,
		Deductible:     testMoney(t, cc.deductible),
		DeductibleMet:  testMoney(t, cc.met),
		CoinsurancePct: cc.pct,
		Copay:          testMoney(t, cc.copay),
		OOPMax:         testMoney(t, cc.oopMax),
		OOPMet:         testMoney(t, cc.oopMet),
	}
	c.Claim.Allowed = testMoney(t, cc.allowed)
	c.Claim.MemberOwes = testMoney(t, cc.owes)
	c.Claim.PlanPaid = testMoney(t, cc.planPaid)
	c.Claim.Billed = testMoney(t, cc.billed)
	c.Claim.Procedures = make([]Procedure, cc.procedures)
	return c
}

func TestCheckCostShare(t *testing.T) {
	base := costCase{network: NetworkIn, allowed: "1200", owes: "840", deductible: "1500", met: "1000", pct: 20, oopMax: "6000", oopMet: "2000"}
	with := func(f func(*costCase)) costCase { cc := base; f(&cc); return cc }
	tests := []struct {
		name     string
		cc       costCase
		expected string
		diff     string
		working  []string // each must appear in some Working line
	}{
		{"deductible then coinsurance", base, "640.00", "200.00", []string{
			"The allowed amount, what the plan accepts as the price of this care, is $1,200.00.",
			"Your deductible is $1,500.00 and you had met $1,000.00 of it before this claim, so $500.00 of it was left.",
			"The first $500.00 of the allowed amount goes to the deductible: you pay $500.00.",
			"Your coinsurance is 20% of the remaining $700.00: $140.00 (rounded to the nearest cent, half a cent up).",
			"Deductible and coinsurance together: $640.00.",
			"no cap applies",
			"Under these terms you should owe $640.00, but the EOB says you owe $840.00: $200.00 more than your plan terms give.",
		}},
		{"matches", with(func(c *costCase) { c.owes = "640" }), "640.00", "0.00", []string{"the cost-sharing math matches"}},
		{"EOB asks less", with(func(c *costCase) { c.owes = "600" }), "640.00", "-40.00", []string{"$40.00 less than your plan terms give, so the EOB does not overcharge you"}},
		{"allowed all within the deductible", with(func(c *costCase) { c.allowed = "300"; c.owes = "300" }), "300.00", "0.00", []string{
			"The first $300.00 of the allowed amount goes to the deductible", "no coinsurance applies"}},
		{"deductible already met", with(func(c *costCase) { c.met = "1500"; c.owes = "240" }), "240.00", "0.00", []string{
			"Your deductible of $1,500.00 was already met before this claim"}},
		{"deductible met above the deductible", with(func(c *costCase) { c.met = "1800"; c.owes = "240" }), "240.00", "0.00", []string{"already met"}},
		{"no deductible, met unknown", with(func(c *costCase) { c.deductible = "0"; c.met = ""; c.owes = "240" }), "240.00", "0.00", []string{"Your plan has no deductible for this care."}},
		{"zero coinsurance", with(func(c *costCase) { c.pct = 0; c.owes = "500" }), "500.00", "0.00", []string{"Your coinsurance is 0%: the plan pays the remaining $700.00 in full."}},
		{"full coinsurance", with(func(c *costCase) { c.pct = 100; c.owes = "1200" }), "1200.00", "0.00", nil},
		{"coinsurance rounds half up", with(func(c *costCase) { c.met = "1500"; c.allowed = "25.01"; c.pct = 50; c.owes = "12.51" }), "12.51", "0.00", []string{"50% of the remaining $25.01: $12.51"}},
		{"coinsurance rounds down below half", with(func(c *costCase) { c.met = "1500"; c.allowed = "25.03"; c.pct = 10; c.owes = "2.50" }), "2.50", "0.00", nil},
		{"coinsurance rounds up above half", with(func(c *costCase) { c.met = "1500"; c.allowed = "25.07"; c.pct = 10; c.owes = "2.51" }), "2.51", "0.00", nil},
		{"half a cent rounds up", with(func(c *costCase) { c.met = "1500"; c.allowed = "0.01"; c.pct = 50; c.owes = "0.01" }), "0.01", "0.00", nil},
		{"capped by the out-of-pocket maximum", with(func(c *costCase) { c.oopMet = "5900" }), "100.00", "740.00", []string{
			"Your out-of-pocket maximum is $6,000.00 and you had paid $5,900.00 toward it before this claim, so you owe at most $100.00 more this plan year: your share is capped at $100.00."}},
		{"out-of-pocket maximum already met", with(func(c *costCase) { c.oopMet = "6000"; c.owes = "0" }), "0.00", "0.00", []string{"capped at $0.00"}},
		{"out-of-pocket met above the maximum", with(func(c *costCase) { c.oopMet = "7000"; c.owes = "0" }), "0.00", "0.00", nil},
		{"exactly at the cap", with(func(c *costCase) { c.oopMet = "5360"; c.owes = "640" }), "640.00", "0.00", []string{"no cap applies"}},
		{"copay replaces deductible and coinsurance", with(func(c *costCase) { c.copay = "30"; c.deductible = ""; c.met = ""; c.owes = "30"; c.allowed = "150" }), "30.00", "0.00", []string{
			"Your plan terms give a copay of $30.00. This check assumes the copay replaces the deductible and coinsurance", "You pay the copay: $30.00."}},
		{"copay above the allowed amount", with(func(c *costCase) { c.copay = "30"; c.owes = "30"; c.allowed = "20" }), "20.00", "10.00", []string{
			"The allowed amount is less than the copay, so you pay only the allowed amount: $20.00."}},
		{"copay capped", with(func(c *costCase) { c.copay = "30"; c.owes = "30"; c.oopMet = "5990" }), "10.00", "20.00", []string{"capped at $10.00"}},
		{"copay of zero means deductible and coinsurance", with(func(c *costCase) { c.copay = "0" }), "640.00", "200.00", []string{"goes to the deductible"}},
		{"rounding-size difference", with(func(c *costCase) { c.owes = "640.02"; c.procedures = 3 }), "640.00", "0.02", []string{"rounding each line of the claim separately"}},
		{"EOB figures do not add up", with(func(c *costCase) { c.planPaid = "500"; c.owes = "640"; c.network = NetworkOut }), "640.00", "0.00", []string{
			"The EOB's figures do not add up: the allowed amount of $1,200.00 less what you owe ($640.00) is $560.00, but the EOB says the plan paid $500.00."}},
		{"allowed zero", with(func(c *costCase) { c.allowed = "0"; c.owes = "0" }), "0.00", "0.00", []string{"An allowed amount of $0.00 means the plan did not cover this care"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := CheckCostShare(tt.cc.build(t))
			if !r.Complete || len(r.Missing) > 0 {
				t.Fatalf("Complete = %v, Missing = %v", r.Complete, r.Missing)
			}
			if r.Expected.String() != tt.expected || r.Difference.String() != tt.diff {
				t.Errorf("Expected %s, Difference %s; want %s, %s", r.Expected, r.Difference, tt.expected, tt.diff)
			}
			if r.Billed != testMoney(t, tt.cc.owes) {
				t.Errorf("Billed = %s, want %s", r.Billed, tt.cc.owes)
			}
			all := strings.Join(r.Working, "\n")
			for _, want := range tt.working {
				if !strings.Contains(all, want) {
					t.Errorf("Working lacks %q:\n%s", want, all)
				}
			}
			if strings.Contains(all, "rounding each line") != slices.Contains([]string{"rounding-size difference"}, tt.name) {
				t.Errorf("rounding note wrongly present or absent:\n%s", all)
			}
		})
	}
}

func TestCheckCostShareMissing(t *testing.T) {
	tests := []struct {
		name string
		cc   costCase
		want []string
	}{
		{"nothing known", costCase{}, []string{"claim.allowed", "claim.member_owes", "cost_share.network",
			"cost_share.deductible", "cost_share.deductible_met", "cost_share.oop_max", "cost_share.oop_met"}},
		{"copay needs no deductible", costCase{network: NetworkIn, allowed: "100", owes: "30", copay: "30"}, []string{"cost_share.oop_max", "cost_share.oop_met"}},
		{"zero deductible needs no met", costCase{network: NetworkOut, allowed: "100", owes: "30", deductible: "0", oopMax: "1000"}, []string{"cost_share.oop_met"}},
		{"coinsurance out of range", costCase{network: NetworkIn, allowed: "100", owes: "30", deductible: "0", pct: 120, oopMax: "1000", oopMet: "0"}, []string{"cost_share.coinsurance_pct"}},
		{"negative coinsurance", costCase{network: NetworkIn, allowed: "100", owes: "30", deductible: "0", pct: -5, oopMax: "1000", oopMet: "0"}, []string{"cost_share.coinsurance_pct"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := CheckCostShare(tt.cc.build(t))
			var got []string
			for _, m := range r.Missing {
				got = append(got, m.Field)
				if m.Label == "" {
					t.Errorf("%s has no label", m.Field)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Missing = %v, want %v", got, tt.want)
			}
			if r.Complete || r.Expected.Known() || r.Difference.Known() || len(r.Working) > 0 {
				t.Errorf("incomplete result carries results: %+v", r)
			}
		})
	}
}

func TestCheckCostShareBalanceBilling(t *testing.T) {
	tests := []struct {
		name string
		cc   costCase
		want bool
	}{
		{"in network, owes the unpaid part", costCase{network: NetworkIn, allowed: "1000", planPaid: "800", owes: "200"}, false},
		{"in network, owes more than the unpaid part", costCase{network: NetworkIn, allowed: "1000", planPaid: "800", owes: "700", billed: "1500"}, true},
		{"in network, plan paid unknown, owes more than allowed", costCase{network: NetworkIn, allowed: "1000", owes: "1500", billed: "1500"}, true},
		{"in network, plan paid unknown, owes the allowed", costCase{network: NetworkIn, allowed: "1000", owes: "1000"}, false},
		{"in network, denied, billed charged to member", costCase{network: NetworkIn, allowed: "1000", planPaid: "0", owes: "1500", billed: "1500"}, true},
		{"out of network may balance bill", costCase{network: NetworkOut, allowed: "1000", planPaid: "800", owes: "700"}, false},
		{"network unknown", costCase{allowed: "1000", planPaid: "800", owes: "700"}, false},
		{"owes unknown", costCase{network: NetworkIn, allowed: "1000", planPaid: "800"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := CheckCostShare(tt.cc.build(t))
			if r.BalanceBilling != tt.want {
				t.Errorf("BalanceBilling = %v, want %v", r.BalanceBilling, tt.want)
			}
		})
	}
	complete := costCase{network: NetworkIn, allowed: "1000", planPaid: "800", owes: "700", deductible: "0", pct: 20, oopMax: "5000", oopMet: "0"}
	r := CheckCostShare(complete.build(t))
	if !r.BalanceBilling || !strings.Contains(strings.Join(r.Working, "\n"), "This is balance billing") {
		t.Errorf("complete balance-billed case does not explain it: %v", r.Working)
	}
}

func TestCheckCostShareNoSurprises(t *testing.T) {
	for _, n := range []Network{NetworkIn, NetworkUnknown} {
		if r := CheckCostShare(costCase{network: n}.build(t)); r.NoSurprises != "" {
			t.Errorf("network %q: NoSurprises = %q, want none", n, r.NoSurprises)
		}
	}
	r := CheckCostShare(costCase{network: NetworkOut}.build(t))
	for _, want := range []string{"out of network", "No Surprises Act", "emergency", "in-network hospital or facility", "you owe only in-network cost sharing"} {
		if !strings.Contains(r.NoSurprises, want) {
			t.Errorf("NoSurprises %q lacks %q", r.NoSurprises, want)
		}
	}
	for _, tt := range []struct {
		network Network
		want    bool
	}{{NetworkUnknown, true}, {NetworkIn, false}, {NetworkOut, true}} {
		c := costCase{network: tt.network}.build(t)
		c.Denial.Category = CategoryNetwork
		if got := CheckCostShare(c).NoSurprises != ""; got != tt.want {
			t.Errorf("network denial, network %q: NoSurprises given = %v, want %v", tt.network, got, tt.want)
		}
	}
}

func FuzzCheckCostShare(f *testing.F) {
	f.Add(int64(120000), int64(84000), int64(150000), int64(100000), 20, int64(0), int64(600000), int64(200000), true)
	f.Add(int64(15000), int64(3000), int64(0), int64(0), 0, int64(3000), int64(100000), int64(99000), false)
	f.Fuzz(func(t *testing.T, allowed, owes, ded, met int64, pct int, copay, oopMax, oopMet int64, in bool) {
		bound := func(n int64) int64 {
			n %= maxMoneyCents + 1
			if n < 0 {
				n = -n
			}
			return n
		}
		allowed, owes, ded, met, copay, oopMax, oopMet = bound(allowed), bound(owes), bound(ded), bound(met), bound(copay), bound(oopMax), bound(oopMet)
		pct = ((pct % 101) + 101) % 101
		c := NewCase(time.Time{}, "Cigna")
		c.Claim.Allowed, c.Claim.MemberOwes = Cents(allowed), Cents(owes)
		c.CostShare = CostShareTerms{Network: NetworkOut, Deductible: Cents(ded), DeductibleMet: Cents(met),
			CoinsurancePct: pct, Copay: Cents(copay), OOPMax: Cents(oopMax), OOPMet: Cents(oopMet)}
		if in {
			c.CostShare.Network = NetworkIn
		}
		r := CheckCostShare(c)
		if !r.Complete {
			t.Fatalf("incomplete: %v", r.Missing)
		}
		e := r.Expected.Cents()
		if e < 0 || e > allowed || e > max(0, oopMax-oopMet) {
			t.Fatalf("Expected %d outside [0, min(allowed %d, out-of-pocket left %d)]", e, allowed, oopMax-oopMet)
		}
		if r.Difference.Cents() != owes-e {
			t.Fatalf("Difference %d, want %d", r.Difference.Cents(), owes-e)
		}
		for _, line := range r.Working {
			if why := checkSanitized(line, true); why != "" || strings.Contains(line, "%!") {
				t.Fatalf("Working line %q: %s", line, why)
			}
		}
	})
}

// TestCopayAndCoinsurance: with a copay and coinsurance both, a claim of
// several lines has two readings: the copay for the whole claim, or for
// its first line with coinsurance on the rest.
func TestCopayAndCoinsurance(t *testing.T) {
	c := NewCase(time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), "Cigna")
	c.CostShare = CostShareTerms{Network: NetworkIn, Deductible: Cents(75000), DeductibleMet: Cents(75000), CoinsurancePct: 20,
		Copay: Cents(5000), OOPMax: Cents(400000), OOPMet: Cents(122000)}
	c.Claim.Allowed, c.Claim.MemberOwes = Cents(29000), Cents(49500)
	c.Claim.Procedures = []Procedure{{Code: "99204", Allowed: Cents(18200)}, {Code: "11102", Allowed: Cents(10800)}}
	r := CheckCostShare(c)
	if r.Expected != Cents(5000) || r.ExpectedHigh != Cents(7160) {
		t.Fatalf("readings %s and %s, want $50.00 and $71.60", r.Expected.Dollars(), r.ExpectedHigh.Dollars())
	}
	if !slices.ContainsFunc(r.Working, func(w string) bool { return strings.Contains(w, "first line of the claim only (99204)") }) {
		t.Errorf("the second reading is not explained: %q", r.Working)
	}
	c.Claim.Procedures[1].Allowed = Money{}
	if r := CheckCostShare(c); r.ExpectedHigh.Known() {
		t.Errorf("a second reading without the lines' allowed amounts: %s", r.ExpectedHigh.Dollars())
	}
}
