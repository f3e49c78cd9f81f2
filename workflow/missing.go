package workflow

import "strings"

// Missing names one fact that is still needed. Field is the fact's path in
// the case file ("member.phone", "claim.procedures[0].code"), so a screen
// can jump to the field that fills it; Label says it in plain words.
type Missing struct {
	Field string
	Label string
}

// MissingError is returned when something cannot be done yet because facts
// are missing. It names each one.
type MissingError struct {
	What    string // what could not be done: "finish step 5", "write the level 1 appeal"
	Missing []Missing
}

func (e *MissingError) Error() string {
	labels := make([]string, len(e.Missing))
	for i, m := range e.Missing {
		labels[i] = m.Label
	}
	return "cannot " + e.What + " yet: still needed: " + strings.Join(labels, ", ")
}
