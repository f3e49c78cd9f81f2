package letter

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	"github.com/overturn/overturn/assets"
	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/workflow"
)

// goldenNow is "today" for every golden case: 10:00 in Austin on
// 2026-12-04.
var goldenNow = time.Date(2026, 12, 4, 10, 0, 0, 0, time.FixedZone("CST", -6*3600))

// testRef is the shipped reference data: the insurer profiles and the
// regulators.
func testRef(t testing.TB) *workflow.Reference {
	t.Helper()
	ins, err := workflow.LoadInsurers(assets.Insurers())
	if err != nil {
		t.Fatal(err)
	}
	regs, err := workflow.LoadRegulators(assets.Regulators())
	if err != nil {
		t.Fatal(err)
	}
	return workflow.NewReference(ins, regs)
}

// newTestEngine parses the shipped templates with the shipped data.
func newTestEngine(t testing.TB) *Engine {
	t.Helper()
	codes, err := workflow.LoadCodes(assets.Codes())
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(assets.Letters(), testRef(t), codes)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

// secondInsurer is a fictional insurer's profile, in a reference with the
// shipped regulators: no letter written for it may name Cigna.
var secondInsurer = fstest.MapFS{"acme.json": {Data: []byte(`{
  "id": "acme",
  "name": "Acme Health",
  "company": "Acme Health Plans, Inc.",
  "aliases": ["ACME"],
  "member_services": {"name": "Customer Care", "phone": "1-800-555-0199"},
  "portal": {"name": "MyAcme", "site": "myacme.example", "appeal_button": "Start an appeal", "messages": "Message Center"},
  "appeals": {"name": "Grievances and Appeals", "address": ["PO Box 4100", "Springfield, IL 62701"], "fax": "1-800-555-0177", "phone": ""},
  "appeal_form": {"name": "Member Appeal Form", "number": "AH-12", "subject": "Member Appeal"},
  "other_cards": [],
  "behavioral_health": {"name": "Acme Mind", "formerly": "", "reviews": "mental health care", "prior_auth": "", "criteria": "", "phone": "the number on the back of your card"},
  "delegate": {"name": "Northstar Reviews", "formerly": "", "reviews": "imaging", "prior_auth": "", "criteria": "", "phone": "the number on Northstar's letter"},
  "coverage_policies": {"name": "Clinical Policies", "where": "acme.example/policies"},
  "emergency_admission": "",
  "medicare": "",
  "sources": ["a fictional insurer, for tests"]
}`)}}

// loadCase reads a case file strictly, as import does.
func loadCase(t testing.TB, path string) *workflow.Case {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := casefile.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return c
}

// allCases returns every case file the letter tests use: the golden ones
// and the shared ones, by name.
func allCases(t testing.TB) map[string]*workflow.Case {
	t.Helper()
	out := map[string]*workflow.Case{}
	for _, glob := range []string{filepath.Join("testdata", "cases", "*.json"), filepath.Join("..", "testdata", "cases", "*.json")} {
		paths, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			out[strings.TrimSuffix(filepath.Base(p), ".json")] = loadCase(t, p)
		}
	}
	if len(out) < 12 {
		t.Fatalf("only %d case files", len(out))
	}
	return out
}

// forbidden are what no letter may carry: template residue, instruction
// prose meant for the person, an insurer's lower-case identifier, a doubled
// full stop, a blank placeholder.
var forbidden = []*regexp.Regexp{
	regexp.MustCompile(`<no value>|\{\{|\}\}|%!`),
	regexp.MustCompile(`\((?:Send|Copy|Add|Enter|Fill|Call) `),
	regexp.MustCompile(`\b(?:cigna|evicore|evernorth)\b`),
	regexp.MustCompile(`[^.]\.\.(?:[^.]|$)`),
	regexp.MustCompile(`\bDear Doctor\b|\bDear Sir or Madam\b`),
	regexp.MustCompile(`(?i)\bdescribed below\b`),
}

// labelLine matches a line that is a label or a heading: a few words and
// a colon.
var labelLine = regexp.MustCompile(`^ *[A-Z][A-Za-z' ]{0,40}:$`)

// checkLetter asserts what every letter rendered from real facts must be:
// clean (checkClean), and no label or heading with nothing after it.
func checkLetter(t testing.TB, name string, s string) {
	t.Helper()
	checkClean(t, name, s)
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, ln := range lines {
		if labelLine.MatchString(ln) && !strings.HasPrefix(ln, "Dear ") && (i+1 == len(lines) ||
			!strings.HasPrefix(lines[i+1], "- ") && !strings.HasPrefix(lines[i+1], "1. ")) {
			t.Errorf("%s line %d is a blank label or a heading with no list under it: %q", name, i+1, ln)
		}
	}
}

// checkClean asserts what every letter must be, whatever text it was
// given: nothing from forbidden, no control characters, no trailing space,
// no line wider than Width unless it holds a single word without wide
// characters (those break anywhere).
func checkClean(t testing.TB, name string, s string) {
	t.Helper()
	if s == "" {
		t.Fatalf("%s: empty letter", name)
	}
	for _, re := range forbidden {
		if m := re.FindString(s); m != "" {
			t.Errorf("%s carries %q:\n%s", name, m, s)
		}
	}
	if strings.Contains(s, "\n\n\n") || !strings.HasSuffix(s, "\n") || strings.HasPrefix(s, "\n") {
		t.Errorf("%s: blank-line runs, or does not start with text and end with one newline", name)
	}
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	for i, ln := range lines {
		if strings.ContainsFunc(ln, unicode.IsControl) {
			t.Errorf("%s line %d has a control character: %q", name, i+1, ln)
		}
		if strings.HasSuffix(ln, " ") {
			t.Errorf("%s line %d has trailing space: %q", name, i+1, ln)
		}
		wide := strings.ContainsFunc(ln, func(r rune) bool { return runeWidth(r) == 2 })
		if Columns(ln) > Width && (len(strings.Fields(ln)) > 1 || wide) {
			t.Errorf("%s line %d is %d columns wide: %q", name, i+1, Columns(ln), ln)
		}
	}
}
