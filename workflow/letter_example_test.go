package workflow_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/overturn/overturn/assets"
	"github.com/overturn/overturn/workflow"
)

func ExampleLetters_Render() {
	letters, err := workflow.NewLetters(assets.Letters())
	if err != nil {
		fmt.Println(err)
		return
	}
	c := workflow.NewCase(time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC))
	c.Member.Name = "Dana Reyes"
	c.Claim.Number = "E2026091400871"

	fmt.Println(workflow.ApplicableLetters(c))
	_, err = letters.Render(workflow.LetterLevel1, c, workflow.NewDate(2026, 11, 24))
	var missing *workflow.MissingError
	if errors.As(err, &missing) {
		for _, m := range missing.Missing {
			fmt.Println(m.Field)
		}
	}
	// Output:
	// [level1 claim-file]
	// member.address
	// member.member_id
	// claim.date_of_service
	// eob.reason
	// documents
}
