package workflow

import (
	"errors"
	"reflect"
	"slices"
	"testing"
)

func TestAddAndRemoveEntries(t *testing.T) {
	c := NewCase(t0, "Cigna")
	i, err := AddCall(c, t0)
	if err != nil || i != 0 || c.Calls[0].With != CallMemberServices || !c.Calls[0].At.Equal(t0) {
		t.Fatalf("AddCall: %d, %v, %+v", i, err, c.Calls)
	}
	j, err := AddDocument(c, DocEOB, DocHave)
	if err != nil || j != 0 || c.Documents[0].Kind != DocEOB || c.Documents[0].Status != DocHave {
		t.Fatalf("AddDocument: %d, %v, %+v", j, err, c.Documents)
	}
	if err := RemoveCall(c, 1); err == nil {
		t.Error("removing a call that is not there gave no error")
	}
	if err := RemoveCall(c, 0); err != nil || len(c.Calls) != 0 {
		t.Errorf("RemoveCall: %v, %d calls left", err, len(c.Calls))
	}
	if err := RemoveDocument(c, -1); err == nil {
		t.Error("removing document -1 gave no error")
	}
	if err := RemoveDocument(c, 0); err != nil || len(c.Documents) != 0 {
		t.Errorf("RemoveDocument: %v, %d documents left", err, len(c.Documents))
	}
}

func TestAddAtTheLimitIsRefused(t *testing.T) {
	c := NewCase(t0, "Cigna")
	c.Calls = make([]Call, MaxListItems)
	c.Documents = make([]Document, MaxListItems)
	if _, err := AddCall(c, t0); !errors.Is(err, ErrListFull) || len(c.Calls) != MaxListItems {
		t.Errorf("AddCall at the limit: %v, %d calls", err, len(c.Calls))
	}
	if _, err := AddDocument(c, DocEOB, DocNeeded); !errors.Is(err, ErrListFull) || len(c.Documents) != MaxListItems {
		t.Errorf("AddDocument at the limit: %v, %d documents", err, len(c.Documents))
	}
}

func TestDocumentStatusCycles(t *testing.T) {
	c := NewCase(t0, "Cigna")
	AddDocument(c, DocEOB, DocNeeded)
	var seen []DocStatus
	for range 3 {
		if err := SetDocumentStatus(c, 0, NextDocStatus(c.Documents[0].Status)); err != nil {
			t.Fatal(err)
		}
		seen = append(seen, c.Documents[0].Status)
	}
	if want := []DocStatus{DocRequested, DocHave, DocNeeded}; !slices.Equal(seen, want) {
		t.Errorf("statuses %v, want %v", seen, want)
	}
	if err := SetDocumentStatus(c, 3, DocHave); err == nil {
		t.Error("no error for a document that is not there")
	}
}

func TestMarkCheckAndNotice(t *testing.T) {
	c := NewCase(t0, "Cigna")
	if err := MarkCheck(c, CheckKeyCPT, CheckError); err != nil || c.EOBErrors.CPT.Status != CheckError {
		t.Errorf("MarkCheck: %v, %+v", err, c.EOBErrors.CPT)
	}
	if err := MarkCheck(c, "nope", CheckOK); err == nil {
		t.Error("an unknown check gave no error")
	}
	MarkNotice(c, "reason", false)
	MarkNotice(c, "code", true)
	if !reflect.DeepEqual(c.Denial.Notice, map[string]bool{"reason": false, "code": true}) {
		t.Errorf("notice %v", c.Denial.Notice)
	}
	UnmarkNotice(c, "reason")
	UnmarkNotice(c, "code")
	if c.Denial.Notice != nil {
		t.Errorf("after unmarking every element the notice is %v, want nil", c.Denial.Notice)
	}
}

func TestFinishStep(t *testing.T) {
	c := doneCase()
	c.Step = StepEOB
	for want := StepReason; want <= StepEscalate; want++ {
		if err := FinishStep(c); err != nil || c.Step != want {
			t.Fatalf("FinishStep to %d: %v, at %d", want, err, c.Step)
		}
	}
	if err := FinishStep(c); err == nil {
		t.Error("finishing step 7 gave no error")
	}
	c = NewCase(t0, "Cigna")
	var me *MissingError
	if err := FinishStep(c); !errors.As(err, &me) || c.Step != StepEOB {
		t.Errorf("finishing an empty step 1: %v, at %d", err, c.Step)
	}
}

func TestFactChangedMovesTheCase(t *testing.T) {
	// An urgent appeal sent at step 1 moves the case to step 6.
	c := NewCase(t0, "Cigna")
	c.Denial.Review = ReviewUrgent
	c.Appeals = []Appeal{{Filed: NewDate(2026, 3, 2), Method: MethodFax}}
	FactChanged(c, "appeals[0].filed")
	if c.Step != StepTrack || c.Appeals[0].Level != Level1 {
		t.Errorf("after the appeal was sent: step %d, level %q", c.Step, c.Appeals[0].Level)
	}
	// An upheld decision counts once the day it came is known.
	c.Appeals[0].Decision = DecisionUpheld
	FactChanged(c, "appeals[0].decision")
	if c.Step != StepTrack {
		t.Errorf("an upheld decision with no day moved the case to step %d", c.Step)
	}
	c.Appeals[0].DecisionReceived = NewDate(2026, 3, 4)
	FactChanged(c, "appeals[0].decision_received")
	if c.Step != StepEscalate || c.Status != StatusOpen {
		t.Errorf("after the upheld decision: step %d, status %s", c.Step, c.Status)
	}
	c.Appeals = append(c.Appeals, Appeal{Level: LevelExternal, Decision: DecisionOverturned, DecisionReceived: NewDate(2026, 4, 1)})
	FactChanged(c, "appeals[1].decision")
	if c.Status != StatusResolved {
		t.Errorf("after the external review overturned the denial: status %s", c.Status)
	}
	// Other facts move nothing; a closed case is not moved by a date.
	before := *c
	FactChanged(c, "claim.number")
	FactChanged(c, "appeals[7].filed")
	if c.Step != before.Step || c.Status != before.Status {
		t.Error("an unrelated fact moved the case")
	}
}

func TestSuggestedDocuments(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(c *Case)
		want   []DocKind
	}{
		{"care received, coding", func(c *Case) { c.Denial.Category = CategoryCoding }, []DocKind{DocEOB}},
		{"medical necessity after the care", func(c *Case) {
			c.Denial.Category, c.Denial.LetterDate = CategoryMedicalNecessity, NewDate(2026, 2, 1)
		}, []DocKind{DocEOB, DocDenialLetter, DocMedicalRecords, DocPhysicianLetter}},
		{"urgent", func(c *Case) {
			c.Denial.Review, c.Denial.Category = ReviewUrgent, CategoryMedicalNecessity
		}, []DocKind{DocDenialLetter, DocMedicalRecords, DocUrgencyStatement, DocPhysicianLetter}},
		{"experimental prior auth", func(c *Case) {
			c.Denial.Review, c.Denial.Category = ReviewPreService, CategoryExperimental
			c.EOBErrors.PriorAuth.Status = CheckError
		}, []DocKind{DocDenialLetter, DocMedicalRecords, DocPhysicianLetter, DocPriorAuthApproval, DocPhysicianCertification}},
		{"what is listed is not suggested", func(c *Case) {
			c.Denial.Category = CategoryMedicalNecessity
			c.Documents = []Document{{Kind: DocEOB, Status: DocNeeded}, {Kind: DocPhysicianLetter, Status: DocHave}}
		}, []DocKind{DocMedicalRecords}},
	} {
		c := NewCase(t0, "Cigna")
		tc.change(c)
		if got := SuggestedDocuments(c); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestStepInfoForCareStillToCome(t *testing.T) {
	c := NewCase(t0, "Cigna")
	if StepEOB.TitleFor(c) != StepEOB.Title() || StepEOB.InfoFor(c, nil) != StepEOB.Info(nil) {
		t.Error("step 1 of a case whose review is unknown is not the EOB's")
	}
	for _, r := range []Review{ReviewPreService, ReviewConcurrent, ReviewUrgent} {
		c.Denial.Review = r
		if got := StepEOB.TitleFor(c); got == StepEOB.Title() || StepEOB.InfoFor(c, nil).Title != got {
			t.Errorf("%s: step 1 is %q", r, got)
		}
		if StepReason.TitleFor(c) != StepReason.Title() {
			t.Errorf("%s: step 2 changed its title", r)
		}
	}
}

func TestStateCode(t *testing.T) {
	for in, want := range map[string]string{"TX": "TX", "tx": "TX", " Texas ": "TX", "new  york": "NY",
		"District of Columbia": "DC", "the district of columbia": "DC", "puerto rico": "PR", "Texass": "", "": ""} {
		if got := StateCode(in); got != want {
			t.Errorf("StateCode(%q) = %q, want %q", in, got, want)
		}
	}
}
