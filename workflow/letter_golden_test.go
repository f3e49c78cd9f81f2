package workflow

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var updateGoldens = flag.Bool("update", false, "rewrite the golden files under testdata/")

// newTestLetters parses the shipped templates from their directory: the
// same files assets.Letters embeds (workflow does not import assets).
func newTestLetters(t testing.TB) *Letters {
	t.Helper()
	l, err := NewLetters(os.DirFS(filepath.Join("..", "assets", "letters")))
	if err != nil {
		t.Fatalf("NewLetters: %v", err)
	}
	return l
}

// TestLetterGolden renders every applicable letter of each case and
// compares it with testdata/letters/<case>.<kind>.txt.
func TestLetterGolden(t *testing.T) {
	l := newTestLetters(t)
	seen := map[LetterKind]bool{}
	written := map[string]bool{}
	for _, lc := range letterCases() {
		kinds := ApplicableLetters(lc.c)
		if len(kinds) == 0 {
			t.Errorf("%s: no applicable letters", lc.name)
		}
		for _, k := range kinds {
			seen[k] = true
			t.Run(lc.name+"/"+string(k), func(t *testing.T) {
				got, err := l.Render(k, lc.c, letterToday)
				if err != nil {
					t.Fatalf("Render: %v", err)
				}
				checkLetter(t, got)
				path := filepath.Join("testdata", "letters", lc.name+"."+string(k)+".txt")
				written[path] = true
				if *updateGoldens {
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test ./workflow -run Letter -update)", err)
				}
				if got != string(want) {
					t.Errorf("%s differs from the golden file; run with -update and review the diff\n--- got:\n%s", path, got)
				}
			})
		}
	}
	stale, err := filepath.Glob(filepath.Join("testdata", "letters", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range stale {
		switch {
		case written[path]:
		case *updateGoldens:
			if err := os.Remove(path); err != nil {
				t.Error(err)
			}
		default:
			t.Errorf("%s belongs to no applicable letter; run with -update to remove it", path)
		}
	}
	for _, k := range LetterKinds() {
		if !seen[k] {
			t.Errorf("no golden case renders the %s", k.Title())
		}
	}
}

// TestLetterCaseFiles renders every applicable letter of the shared case
// files: each renders clean, or says what it is missing.
func TestLetterCaseFiles(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join("testdata", "cases", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Skip("no case files in testdata/cases")
	}
	l := newTestLetters(t)
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		c, err := ParseCaseFile(data)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		for _, k := range ApplicableLetters(c) {
			s, err := l.Render(k, c, letterToday)
			var me *MissingError
			switch {
			case errors.As(err, &me):
				if len(me.Missing) == 0 || s != "" {
					t.Errorf("%s %s: %v with text %q", path, k, err, s)
				}
			case err != nil:
				t.Errorf("%s %s: %v", path, k, err)
			default:
				checkLetter(t, s)
			}
		}
	}
}

// rulesCitations are the sources shared/domain/rules.md states, as it
// states them. A letter cites nothing else.
var rulesCitations = map[string]bool{
	"29 CFR 2560.503-1(c)(2)(i)":              true,
	"29 CFR 2560.503-1(g)(1)(i)":              true,
	"29 CFR 2560.503-1(g)(1)(ii)":             true,
	"29 CFR 2560.503-1(g)(1)(iii)":            true,
	"29 CFR 2560.503-1(g)(1)(iv)":             true,
	"29 CFR 2560.503-1(g)(1)(v)(A)":           true,
	"29 CFR 2560.503-1(g)(1)(v)(B)":           true,
	"29 CFR 2560.503-1(g)(1)(v)(A)-(B)":       true,
	"29 CFR 2560.503-1(g)(1)(vi)":             true,
	"29 CFR 2560.503-1(h)(2)(iii)":            true,
	"29 CFR 2560.503-1(h)(2)(iv), (h)(3)(ii)": true,
	"29 CFR 2560.503-1(h)(3)(i)":              true,
	"29 CFR 2560.503-1(h)(3)(iii)":            true,
	"29 CFR 2560.503-1(i)(2)(i)":              true,
	"29 CFR 2560.503-1(i)(2)(ii)":             true,
	"29 CFR 2560.503-1(i)(2)(iii)(A)":         true,
	"29 CFR 2560.503-1(m)(1)":                 true,
	"29 CFR 2590.712(c)(4)":                   true,
	"29 U.S.C. 1185a":                         true,
	"45 CFR 147.136(b)(3)(ii)(E)(1)":          true,
	"45 CFR 147.136(b)(3)(ii)(E)(3)":          true,
	"45 CFR 147.136(b)(3)(ii)(E)(4)":          true,
	"45 CFR 147.136(b)(3)(ii)(E)(5)":          true,
	"45 CFR 147.136(b)(3)(ii)(F)(1)":          true,
	"45 CFR 147.136(b)(3)(ii)(F)(2)":          true,
	"45 CFR 147.136(b)(3)(ii)(G)":             true,
	"45 CFR 147.136(d)(2)(i)":                 true,
	"45 CFR 147.136(d)(2)(iii)":               true,
	"45 CFR 147.136(d)(3)(i)":                 true,
	"45 CFR 147.136(d)(3)(iv)":                true,
}

var letterCitation = regexp.MustCompile(`\d+ (?:CFR|U\.S\.C\.) [0-9.a-z-]+(?:\([0-9a-zA-Z]+\))*(?:-\([A-Z]\))?(?:, \([0-9a-z]+\)(?:\([0-9a-zA-Z]+\))*)?`)

// TestLetterCitations checks that every letter of every case, and every
// kind for each (not only the applicable ones), cites only rules.md, and
// neither promises an outcome nor threatens.
func TestLetterCitations(t *testing.T) {
	l := newTestLetters(t)
	found := 0
	for _, lc := range letterCases() {
		for _, k := range LetterKinds() {
			s, err := l.Render(k, lc.c, letterToday)
			if err != nil {
				continue
			}
			flat := strings.Join(strings.Fields(s), " ")
			for _, w := range []string{"guarantee", "will be overturned", "will be approved", "will win", "lawsuit", "attorney", "legal action"} {
				if strings.Contains(strings.ToLower(flat), w) {
					t.Errorf("%s %s says %q: letters promise nothing and threaten nothing", lc.name, k, w)
				}
			}
			for _, cite := range letterCitation.FindAllString(flat, -1) {
				found++
				if !rulesCitations[cite] {
					t.Errorf("%s %s cites %q, which rules.md does not state", lc.name, k, cite)
				}
			}
		}
	}
	if found == 0 {
		t.Error("no citations found: the pattern is broken")
	}
}
