package workflow_test

import (
	"fmt"
	"time"

	"github.com/overturn/overturn/workflow"
)

func ExampleCheckCostShare() {
	c := workflow.NewCase(time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC), "Cigna")
	c.Claim.Allowed = workflow.Cents(120000)
	c.Claim.PlanPaid = workflow.Cents(36000)
	c.Claim.MemberOwes = workflow.Cents(84000)
	c.CostShare = workflow.CostShareTerms{
		Network:        workflow.NetworkIn,
		Deductible:     workflow.Cents(150000),
		DeductibleMet:  workflow.Cents(100000),
		CoinsurancePct: 20,
		OOPMax:         workflow.Cents(600000),
		OOPMet:         workflow.Cents(200000),
	}
	r := workflow.CheckCostShare(c)
	for _, line := range r.Working {
		fmt.Println(line)
	}
	fmt.Println("expected:", r.Expected.Dollars(), "difference:", r.Difference.Dollars())
	// Output:
	// The allowed amount, what the plan accepts as the price of this care, is $1,200.00.
	// Your deductible is $1,500.00 and you had met $1,000.00 of it before this claim, so $500.00 of it was left.
	// The first $500.00 of the allowed amount goes to the deductible: you pay $500.00.
	// Your coinsurance is 20% of the remaining $700.00: $140.00 (rounded to the nearest cent, half a cent up).
	// Deductible and coinsurance together: $640.00.
	// Your out-of-pocket maximum is $6,000.00 and you had paid $2,000.00 toward it before this claim; $640.00 more is within it, so no cap applies.
	// Under these terms you should owe $640.00, but the EOB says you owe $840.00: $200.00 more than your plan terms give.
	// expected: $640.00 difference: $200.00
}
