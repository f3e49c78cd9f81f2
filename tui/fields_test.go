package tui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/overturn/overturn/casefile"
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

// TestEveryLetterGapHasItsField: every fact a letter of the letter
// engine's golden cases names as a gap opens a field the wizard defines
// (with its kind: an address on several lines, a date), or the pane that
// holds it, not the plain one-line field kept for paths no form knows.
func TestEveryLetterGapHasItsField(t *testing.T) {
	_, _, letters, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join("..", "letter", "testdata", "cases", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden cases: %v", err)
	}
	known := map[string]bool{}
	for _, defs := range allFieldTables() {
		for _, d := range defs {
			known[d.Path] = true
		}
	}
	seen := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		c, err := casefile.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, o := range letters.Offers(c, testNow) {
			l, err := letters.Render(o.Kind, c, testNow)
			if err != nil {
				continue
			}
			for _, g := range l.Gaps {
				if g.Field == "" || paneFor(g.Field) != paneNone {
					continue
				}
				seen++
				if !known[indexed().ReplaceAllString(g.Field, "[%d]")] && !known[g.Field] {
					t.Errorf("%s, %s: the gap %q (%s) has no field in the wizard", filepath.Base(file), o.Kind, g.Label, g.Field)
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no gap was checked")
	}
}
