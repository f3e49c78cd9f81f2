package workflow_test

import (
	"fmt"
	"time"

	"github.com/overturn/overturn/workflow"
)

func ExampleDeadlines() {
	c := workflow.NewCase(time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC), "Cigna")
	c.Plan.Type, c.Plan.Funding = workflow.PlanEmployer, workflow.FundingSelf
	c.Plan.InternalLevels = 1
	c.Denial.Review = workflow.ReviewPostService
	c.Appeals = []workflow.Appeal{{
		Level:            workflow.Level1,
		Filed:            workflow.NewDate(2026, 9, 1),
		Decision:         workflow.DecisionUpheld,
		DecisionReceived: workflow.NewDate(2026, 10, 30),
	}}
	for _, d := range workflow.Deadlines(c, time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)) {
		fmt.Println(d.Title, "by", d.Due.Long(), "-", d.DaysLeft, "days,", d.State)
		fmt.Println(d.Cite)
	}
	// Output:
	// Ask for external review by March 1, 2027 - 119 days, ok
	// 45 CFR 147.136(d)(2)(i); 5 U.S.C. 6103(a)
}
