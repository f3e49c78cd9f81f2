package tui

import (
	"slices"
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
