package tui

import (
	"slices"
	"strings"
	"testing"
)

func TestSplitCodes(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"CO-50, N130", []string{"CO-50", "N130"}},
		{"co 50, N130", []string{"CO-50", "N130"}},
		{"pr 242 co 50", []string{"PR-242", "CO-50"}},
		{"50; 97\t16", []string{"50", "97", "16"}},
		{"CO-50 co-50", []string{"CO-50"}},
		{"CO", []string{"CO"}},
		{"CO PR 2", []string{"CO", "PR-2"}},
		{"\x1b]52;c;aGk=\x07N130", []string{"N130"}},
		{"", []string{}},
	} {
		if got := splitCodes(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("splitCodes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestTypedDatesLimitedToTheYearsOfACaseFile: a date or time typed in the
// wizard is taken only with a year the case file takes (1900 to 2199), so
// that no deadline counted from it gets five digits.
func TestTypedDatesLimitedToTheYearsOfACaseFile(t *testing.T) {
	for _, tc := range []struct {
		kind fieldKind
		raw  string
		ok   bool
	}{
		{kindDate, "9999-12-31", false},
		{kindDate, "1899-12-31", false},
		{kindDate, "2026-03-14", true},
		{kindDateTime, "9999-03-14 09:30", false},
		{kindDateTime, "2026-03-14 09:30", true},
		{kindDate, "12/31/9999", false},
		{kindDateTime, "03/14/9999", false},
	} {
		_, err := parseValue(fieldDef{Kind: tc.kind}, tc.raw, testNow)
		if (err == nil) != tc.ok || err != nil && !strings.Contains(err.Error(), "write a year from 1900 to 2199") {
			t.Errorf("%q: %v", tc.raw, err)
		}
	}
}
