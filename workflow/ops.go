package workflow

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"sync"
	"time"
)

// The case operations. Every change the full-screen wizard and accessible
// mode make to a case, beyond setting one fact, is one of these functions,
// so that the two cannot drift apart. Each changes c in place and says
// what is wrong, changing nothing, when it cannot be done.

// MaxListItems is the most items one list of a case may hold (calls,
// documents, criteria...): the case file refuses more.
const MaxListItems = 1000

// ErrListFull is the error of adding to a list that holds MaxListItems.
var ErrListFull = fmt.Errorf("a case holds at most %d of them: change or remove one instead", MaxListItems)

// AddCall adds a call made at `at` with Member Services, the usual first
// call, and returns its index.
func AddCall(c *Case, at time.Time) (int, error) {
	if len(c.Calls) >= MaxListItems {
		return 0, fmt.Errorf("cannot add a call: %w", ErrListFull)
	}
	c.Calls = append(c.Calls, Call{At: at, With: CallMemberServices})
	return len(c.Calls) - 1, nil
}

// AddDocument adds a document of the kind at the status and returns its
// index.
func AddDocument(c *Case, kind DocKind, status DocStatus) (int, error) {
	if len(c.Documents) >= MaxListItems {
		return 0, fmt.Errorf("cannot add a document: %w", ErrListFull)
	}
	c.Documents = append(c.Documents, Document{Kind: kind, Status: status})
	return len(c.Documents) - 1, nil
}

// RemoveCall removes call i.
func RemoveCall(c *Case, i int) error {
	if i < 0 || i >= len(c.Calls) {
		return fmt.Errorf("there is no call %d", i+1)
	}
	c.Calls = slices.Delete(c.Calls, i, i+1)
	return nil
}

// RemoveDocument removes document i.
func RemoveDocument(c *Case, i int) error {
	if i < 0 || i >= len(c.Documents) {
		return fmt.Errorf("there is no document %d", i+1)
	}
	c.Documents = slices.Delete(c.Documents, i, i+1)
	return nil
}

// NextDocStatus returns the status after s, in the order a document goes
// through (needed, asked for, in hand), and back to needed.
func NextDocStatus(s DocStatus) DocStatus {
	switch s {
	case DocNeeded, "":
		return DocRequested
	case DocRequested:
		return DocHave
	}
	return DocNeeded
}

// SetDocumentStatus sets the status of document i.
func SetDocumentStatus(c *Case, i int, s DocStatus) error {
	if i < 0 || i >= len(c.Documents) {
		return fmt.Errorf("there is no document %d", i+1)
	}
	c.Documents[i].Status = s
	return nil
}

// MarkCheck records the result of the EOB check with the key (see
// Checks): ok, error, or not checked.
func MarkCheck(c *Case, key string, s CheckStatus) error {
	for _, ch := range Checks(nil) {
		if ch.Key == key {
			ch.Of(&c.EOBErrors).Status = s
			return nil
		}
	}
	return fmt.Errorf("there is no EOB check %q", key)
}

// MarkNotice records whether the denial notice contains the element with
// the id (see NoticeElements).
func MarkNotice(c *Case, id string, present bool) {
	if c.Denial.Notice == nil {
		c.Denial.Notice = map[string]bool{}
	}
	c.Denial.Notice[id] = present
}

// UnmarkNotice forgets whether the denial notice contains the element: not
// checked.
func UnmarkNotice(c *Case, id string) {
	delete(c.Denial.Notice, id)
	if len(c.Denial.Notice) == 0 {
		c.Denial.Notice = nil
	}
}

// FinishStep marks the case's current step done and moves to the next
// one; a *MissingError names what the step still needs.
func FinishStep(c *Case) error {
	if c.Step >= StepEscalate {
		return errors.New("step 7 is the last step: it ends when the case is resolved or every appeal is used")
	}
	return GoTo(c, max(c.Step, StepEOB)+1)
}

// appealPath matches the facts of an appeal that move the case.
var appealPath = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^appeals\[(\d+)\]\.(level|filed|decision|decision_received)$`)
})

// FactChanged runs what a changed fact sets in motion, path being the
// case-file path of the fact. An appeal's first entry is the level 1
// appeal. An appeal sent moves the case on to tracking the answer (step
// 6), whatever steps were skipped to send it, as an urgent appeal is. A
// decision counts once the day it came is known (the next deadlines run
// from it), and runs the decision table of RecordDecision: overturned
// resolves the case, upheld sends it to step 7, external review upheld
// leaves it exhausted.
func FactChanged(c *Case, path string) {
	m := appealPath().FindStringSubmatch(path)
	if m == nil {
		return
	}
	i, _ := strconv.Atoi(m[1])
	if i >= len(c.Appeals) {
		return
	}
	a := &c.Appeals[i]
	if a.Level == "" && i == 0 {
		a.Level = Level1
	}
	if m[2] == "filed" && !a.Filed.IsZero() && c.Step < StepTrack && (c.Status == StatusOpen || c.Status == "") {
		c.Step = StepTrack
	}
	if a.Level == "" || a.Decision == "" || a.Decision != DecisionPending && a.DecisionReceived.IsZero() {
		return
	}
	if m[2] == "decision" || m[2] == "decision_received" || m[2] == "level" {
		RecordDecision(c, a.Level, a.Decision, a.DecisionReceived)
	}
}

// SuggestedDocuments returns the kinds of document a denial of this kind
// needs that the case does not list yet, in the order to get them: a copy
// of the EOB or denial letter, the records, the doctor's letter or
// statement of urgency, the prior authorization approval, the doctor's
// certification for an experimental treatment.
func SuggestedDocuments(c *Case) []DocKind {
	var want []DocKind
	if !beforeCare(c) {
		want = append(want, DocEOB)
	}
	if beforeCare(c) || !c.Denial.LetterDate.IsZero() {
		want = append(want, DocDenialLetter)
	}
	if clinical(c) || c.Denial.BehavioralHealth || c.Denial.IsUrgent() {
		want = append(want, DocMedicalRecords)
	}
	if c.Denial.IsUrgent() {
		want = append(want, DocUrgencyStatement)
	}
	if clinical(c) || c.Denial.BehavioralHealth {
		want = append(want, DocPhysicianLetter)
	}
	if priorAuthDispute(c) {
		want = append(want, DocPriorAuthApproval)
	}
	if c.Denial.Category == CategoryExperimental {
		want = append(want, DocPhysicianCertification)
	}
	return slices.DeleteFunc(want, func(k DocKind) bool {
		return slices.ContainsFunc(c.Documents, func(d Document) bool { return d.Kind == k })
	})
}
