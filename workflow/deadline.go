package workflow

import "time"

// DeadlineKind names a deadline; the values are those of `overturn deadlines --json`.
type DeadlineKind string

// The deadline kinds.
const (
	DeadlineInternalAppeal   DeadlineKind = "internal-appeal"
	DeadlinePlanDecision     DeadlineKind = "plan-decision"
	DeadlineExternalReview   DeadlineKind = "external-review"
	DeadlineExternalDecision DeadlineKind = "external-decision"
	DeadlinePeerToPeer       DeadlineKind = "peer-to-peer"
)

// DeadlineState is how close a deadline is.
type DeadlineState string

// The deadline states.
const (
	StateOK       DeadlineState = "ok"
	StateSoon     DeadlineState = "soon" // 14 days or less
	StateDueToday DeadlineState = "due-today"
	StateOverdue  DeadlineState = "overdue"
)

// Deadline is one computed deadline of a case.
type Deadline struct {
	Kind  DeadlineKind
	Level Level  // the appeal level it belongs to, when any
	Title string // in plain words: "Send your level 1 appeal"
	Due   Date
	// DueTime is set when the deadline is counted in hours (urgent reviews).
	DueTime  time.Time
	DaysLeft int
	State    DeadlineState
	Rule     string // the rule in words
	Cite     string // its source, from rules.md
	Note     string // how it was counted, when the person should know ("counted from the printed date")
}

// Deadlines returns every open deadline of the case at now, most urgent first.
func Deadlines(c *Case, now time.Time) []Deadline {
	return nil
}
