package workflow

import (
	"testing"
	"time"
)

// TestPolicyUnnamed: the lapse of a denial that does not include the rule
// it relied on (29 CFR 2560.503-1(g)(1)(v)(A)) is claimed only when the
// case names no policy or guideline and the notice is not recorded as
// including one.
func TestPolicyUnnamed(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(*Case)
		unnamed bool
	}{
		{"nothing named", func(*Case) {}, true},
		{"a policy number", func(c *Case) { c.Denial.Policy.Number = "0160" }, false},
		{"a guideline's title only", func(c *Case) { c.Denial.Policy.Title = "MCG Inpatient Rehabilitation Care" }, false},
		{"the notice includes it", func(c *Case) { c.Denial.Notice = map[string]bool{NoticeGuideline: true} }, false},
		{"the notice lacks it", func(c *Case) { c.Denial.Notice = map[string]bool{NoticeGuideline: false} }, true},
		{"not a medical judgment", func(c *Case) { c.Denial.Category = CategoryNotCovered }, false},
	}
	for _, tt := range tests {
		c := NewCase(time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), "Cigna")
		c.Denial.Category = CategoryMedicalNecessity
		tt.edit(c)
		if got := SituationOf(c).PolicyUnnamed; got != tt.unnamed {
			t.Errorf("%s: PolicyUnnamed %v, want %v", tt.name, got, tt.unnamed)
		}
	}
}

// TestMedicalJudgment: a prior authorization refused before the care, or
// anything the delegate decided, is a medical judgment as much as a
// medical-necessity denial; a coding error is not.
func TestMedicalJudgment(t *testing.T) {
	tests := []struct {
		name     string
		cat      Category
		review   Review
		reviewer Reviewer
		want     bool
	}{
		{"medical necessity", CategoryMedicalNecessity, ReviewPostService, ReviewerInsurer, true},
		{"prior authorization refused before the care", CategoryPriorAuth, ReviewPreService, ReviewerInsurer, true},
		{"prior authorization missing on a claim", CategoryPriorAuth, ReviewPostService, ReviewerInsurer, false},
		{"the delegate decided", CategoryOther, ReviewPostService, ReviewerDelegate, true},
		{"a coding error", CategoryCoding, ReviewPostService, ReviewerInsurer, false},
	}
	for _, tt := range tests {
		c := NewCase(time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC), "Cigna")
		c.Denial.Category, c.Denial.Review, c.Denial.Reviewer = tt.cat, tt.review, tt.reviewer
		if got := SituationOf(c).MedicalJudgment; got != tt.want {
			t.Errorf("%s: MedicalJudgment %v, want %v", tt.name, got, tt.want)
		}
	}
}
