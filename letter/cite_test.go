package letter

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// citeStart matches the start of a citation: a title and a section, with
// its paragraphs; or a statute or act named in words. A full stop in a
// section number is followed by more of it: one that ends a sentence is
// not part of the citation.
var citeStart = regexp.MustCompile(`\b\d+ (?:CFR|U\.S\.C\.) [0-9](?:[0-9a-z-]|\.[0-9a-z])*(?:\([0-9a-zA-Z]+\))*` +
	`(?:-\([0-9a-zA-Z]+\))?|ERISA section \d+\([a-z]\)(?:\(\d+\))?|NAIC Uniform Health Carrier External Review Model Act, section \d+`)

// citeMore matches what continues a citation after a comma: more
// paragraphs of the same section ("(h)(3)(ii)") or another section of the
// same title ("149.420(b)", "300gg-132").
var citeMore = regexp.MustCompile(`^, (?:\([0-9a-zA-Z]+\))+|^, [0-9](?:[0-9a-z]|\.[0-9a-z])*-?[0-9a-z]*(?:\([0-9a-zA-Z]+\))*`)

// citeAtoms splits the citations in text into single provisions:
// "29 CFR 2560.503-1(h)(2)(iv), (h)(3)(ii)" gives two, and "(g)(1)(v)(A)-(B)"
// gives (A) and (B).
func citeAtoms(text string) []string {
	flat := strings.Join(strings.Fields(text), " ")
	var out []string
	for _, loc := range citeStart.FindAllStringIndex(flat, -1) {
		first := flat[loc[0]:loc[1]]
		out = append(out, expandRange(first)...)
		title, section := citeTitle(first)
		rest := flat[loc[1]:]
		for {
			m := citeMore.FindString(rest)
			if m == "" {
				break
			}
			piece := strings.TrimPrefix(m, ", ")
			if strings.HasPrefix(piece, "(") {
				out = append(out, expandRange(title+section+piece)...)
			} else {
				out = append(out, expandRange(title+piece)...)
			}
			rest = rest[len(m):]
		}
	}
	return out
}

// citeTitle splits "29 CFR 2560.503-1(h)(2)" into "29 CFR " and
// "2560.503-1".
func citeTitle(c string) (title, section string) {
	for _, t := range []string{" CFR ", " U.S.C. "} {
		if i := strings.Index(c, t); i >= 0 {
			rest := c[i+len(t):]
			if j := strings.IndexByte(rest, '('); j >= 0 {
				rest = rest[:j]
			}
			return c[:i+len(t)], rest
		}
	}
	return "", ""
}

// expandRange turns "...(A)-(B)" into "...(A)" and "...(B)".
func expandRange(c string) []string {
	if i := strings.Index(c, ")-("); i >= 0 {
		base := c[:strings.LastIndex(c[:i], "(")]
		return []string{c[:i+1], base + c[i+2:]}
	}
	return []string{c}
}

// rulesCitations are the citations docs/rules.md lists as the ones the
// letters use.
func rulesCitations(t testing.TB) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "docs", "rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, list, ok := strings.Cut(string(data), "## Citations the letters use")
	if !ok {
		t.Fatal("docs/rules.md has no list of the citations the letters use")
	}
	out := map[string]bool{}
	for ln := range strings.SplitSeq(list, "\n") {
		if c, ok := strings.CutPrefix(ln, "- "); ok {
			out[c] = true
		}
	}
	if len(out) < 40 {
		t.Fatalf("only %d citations listed in docs/rules.md", len(out))
	}
	return out
}

func TestCiteAtoms(t *testing.T) {
	tests := []struct{ in, want string }{
		{"(29 CFR 2560.503-1(h)(2)(iv), (h)(3)(ii))", "29 CFR 2560.503-1(h)(2)(iv)|29 CFR 2560.503-1(h)(3)(ii)"},
		{"(29 CFR 2560.503-1(g)(1)(v)(A)-(B))", "29 CFR 2560.503-1(g)(1)(v)(A)|29 CFR 2560.503-1(g)(1)(v)(B)"},
		{"(42 U.S.C. 300gg-131, 300gg-132; 45 CFR 149.410, 149.420(b))",
			"42 U.S.C. 300gg-131|42 U.S.C. 300gg-132|45 CFR 149.410|45 CFR 149.420(b)"},
		{"under ERISA section 104(b)(4): and 29\nU.S.C. 1185a(a)(8).", "ERISA section 104(b)(4)|29 U.S.C. 1185a(a)(8)"},
		{"which take in 29 CFR 2560.503-1. The next", "29 CFR 2560.503-1"},
		{"45 CFR 147.136 and 45 CFR 2590.715-2719.", "45 CFR 147.136|45 CFR 2590.715-2719"},
	}
	for _, tt := range tests {
		if got := strings.Join(citeAtoms(tt.in), "|"); got != tt.want {
			t.Errorf("citeAtoms(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

var paraGroup = regexp.MustCompile(`\([0-9a-zA-Z]+\)`)

// TestRulesCitationsAreInTheRules: every citation the list allows is
// stated in the body of docs/rules.md, in full or in the table's short
// form (its section, and its last two paragraph marks: "(E)(3)").
func TestRulesCitationsAreInTheRules(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "docs", "rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	body, _, _ := strings.Cut(string(data), "## How Overturn applies these rules")
	flat := strings.Join(strings.Fields(body), " ")
	for c := range rulesCitations(t) {
		_, section := citeTitle(c)
		groups := paraGroup.FindAllString(c, -1)
		para := strings.Join(groups[max(len(groups)-2, 0):], "")
		switch {
		case section == "" && (strings.Contains(flat, c) || strings.Contains(flat, strings.Replace(c, " section ", " ", 1))):
		case section != "" && strings.Contains(flat, section) && strings.Contains(flat, para):
		default:
			t.Errorf("docs/rules.md lists %q but does not state it", c)
		}
	}
}
