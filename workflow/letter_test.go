package workflow

import (
	"strings"
	"testing"
	"unicode"
)

// checkLetter asserts what every rendered letter must be: no template
// residue, no control characters, no empty "Label:" line or heading with
// nothing under it, and no line wider than letterWidth unless it holds a
// single word.
func checkLetter(t testing.TB, s string) {
	t.Helper()
	if s == "" {
		t.Fatal("empty letter")
	}
	for _, bad := range []string{"<no value>", "{{", "}}", "\n\n\n"} {
		if strings.Contains(s, bad) {
			t.Errorf("letter contains %q", bad)
		}
	}
	if !strings.HasSuffix(s, "\n") || strings.HasPrefix(s, "\n") {
		t.Errorf("letter must start with text and end with one newline")
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, ln := range lines {
		if strings.ContainsFunc(ln, unicode.IsControl) {
			t.Errorf("line %d has a control character: %q", i+1, ln)
		}
		if strings.HasSuffix(ln, " ") {
			t.Errorf("line %d has trailing space: %q", i+1, ln)
		}
		if strings.HasSuffix(ln, ":") && !strings.HasPrefix(ln, "Dear ") &&
			(i+1 == len(lines) || lines[i+1] == "") {
			t.Errorf("line %d is a label or heading with nothing after it: %q", i+1, ln)
		}
		if textWidth(ln) > letterWidth && len(strings.Fields(ln)) > 1 {
			t.Errorf("line %d is %d columns wide: %q", i+1, textWidth(ln), ln)
		}
	}
}
