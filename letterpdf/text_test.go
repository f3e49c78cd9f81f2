package letterpdf

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/overturn/overturn/assets"
	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/workflow"
)

// textLetters renders every kind of letter for every example case (of
// testdata/cases at the root) with the letter engine, as the text letter
// overturn writes, by case and kind.
func textLetters(t *testing.T) map[string]string {
	t.Helper()
	codes, err := workflow.LoadCodes(assets.Codes())
	if err != nil {
		t.Fatal(err)
	}
	ins, err := workflow.LoadInsurers(assets.Insurers())
	if err != nil {
		t.Fatal(err)
	}
	regs, err := workflow.LoadRegulators(assets.Regulators())
	if err != nil {
		t.Fatal(err)
	}
	eng, err := letter.New(assets.Letters(), workflow.NewReference(ins, regs), codes)
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob("../testdata/cases/*.json")
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	letters := map[string]string{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c, err := casefile.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, k := range letter.Kinds() {
			if l, err := eng.Render(k, c, now); err == nil {
				letters[filepath.Base(p)+" "+string(k)] = l.Text
			}
		}
	}
	if len(letters) < 20 {
		t.Fatalf("the letter engine wrote %d letters from the example cases, want 20 or more", len(letters))
	}
	return letters
}

// TestParseUndoesTheWrapping wraps what Parse read as the letter engine
// wraps a letter, and gets the letter back: every line Parse joined was
// one line, and every line it kept apart was two.
func TestParseUndoesTheWrapping(t *testing.T) {
	for name, text := range textLetters(t) {
		l, err := Parse(text)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := rewrap(l); got != text {
			t.Errorf("%s: wrapped again, the letter differs:\n%s", name, lineDiff(got, text))
		}
	}
}

func TestParseFindsTheParts(t *testing.T) {
	text := "Grace Kim\n51 Riverside Drive\nNew Brunswick, NJ 08901\n\nNovember 28, 2026\n\n" +
		"Cigna Healthcare\nP.O. Box 55010\nLexington, KY 40555\n\nSubject\nMember: Harold Kim\n\nDear Reviewer:\n\n" +
		"A paragraph that is long enough that the text letter had to wrap it onto a\nsecond line.\n"
	l, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	want := Letter{
		Sender:    []string{"Grace Kim", "51 Riverside Drive", "New Brunswick, NJ 08901"},
		Date:      "November 28, 2026",
		Recipient: []string{"Cigna Healthcare", "P.O. Box 55010", "Lexington, KY 40555"},
		Body: "Subject\nMember: Harold Kim\n\nDear Reviewer:\n\n" +
			"A paragraph that is long enough that the text letter had to wrap it onto a second line.",
	}
	if strings.Join(l.Sender, "|") != strings.Join(want.Sender, "|") || l.Date != want.Date ||
		strings.Join(l.Recipient, "|") != strings.Join(want.Recipient, "|") || l.Body != want.Body {
		t.Errorf("Parse =\n%#v\nwant\n%#v", l, want)
	}

	// No sender's block: the letter starts with the date.
	l, err = Parse("November 28, 2026\n\nCigna\n\nBody.\n")
	if err != nil || len(l.Sender) != 0 || l.Date != "November 28, 2026" || l.Recipient[0] != "Cigna" || l.Body != "Body." {
		t.Errorf("without a sender: %#v, %v", l, err)
	}
}

func TestParseRefusesWhatIsNotALetter(t *testing.T) {
	for _, text := range []string{"", "hello", "Grace Kim\n\nno date here\n\nCigna\n\nBody.", "November 28, 2026\n"} {
		if _, err := Parse(text); err == nil || !strings.Contains(err.Error(), "not a letter") {
			t.Errorf("Parse(%q) = %v, want a not-a-letter error", text, err)
		}
	}
}

// rewrap writes l as the letter engine lays a letter out: blocks
// separated by blank lines, each line wrapped at 72 columns.
func rewrap(l Letter) string {
	var b strings.Builder
	block := func(lines []string) {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		for _, ln := range lines {
			wrapText(&b, ln)
		}
	}
	if len(l.Sender) > 0 {
		block(l.Sender)
	}
	block([]string{l.Date})
	block(l.Recipient)
	for _, para := range strings.Split(l.Body, "\n\n") {
		block(strings.Split(para, "\n"))
	}
	return b.String()
}

// wrapText wraps ln as the letter engine does (letter/text.go).
func wrapText(b *strings.Builder, ln string) {
	if letter.Columns(ln) <= letter.Width {
		b.WriteString(ln + "\n")
		return
	}
	indent := min(hangingIndent(ln), letter.Width/2)
	lead := len(ln) - len(strings.TrimLeft(ln, " "))
	var units []string
	for _, w := range strings.Fields(ln) {
		if n := len(units); n > 0 && letter.KeptTogether(units[n-1], w) && letter.Columns(units[n-1])+1+letter.Columns(w) <= letter.Width/2 {
			units[n-1] += " " + w
			continue
		}
		units = append(units, w)
	}
	b.WriteString(ln[:lead])
	col, first := lead, true
	for _, w := range units {
		if !first && col+1+letter.Columns(w) > letter.Width {
			b.WriteString("\n" + strings.Repeat(" ", indent))
			col, first = indent, true
		}
		if !first {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += letter.Columns(w)
		first = false
	}
	b.WriteString("\n")
}

// lineDiff shows the first lines where got and want differ.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got  %s\n want %s", i+1, gl, wl)
		}
	}
	return ""
}

// TestUnwrap joins the lines the text letter wrapped, and only those.
func TestUnwrap(t *testing.T) {
	for _, tc := range []struct {
		name  string
		block []string
		want  []string
	}{{
		"a citation kept whole moved to the next line",
		[]string{
			"- decide the appeal in time: a post-service appeal is decided within",
			"  (29 CFR 2560.503-1(i)(2)(iii)(A)).",
		},
		[]string{"- decide the appeal in time: a post-service appeal is decided within (29 CFR 2560.503-1(i)(2)(iii)(A))."},
	}, {
		"a month and its day",
		[]string{
			"The Explanation of Benefits Cigna issued to the member is dated",
			"August 27, 2026.",
		},
		[]string{"The Explanation of Benefits Cigna issued to the member is dated August 27, 2026."},
	}, {
		"a word that would have fitted starts a line of its own",
		[]string{"Member: Harold Kim", "Member ID: U9034471120"},
		[]string{"Member: Harold Kim", "Member ID: U9034471120"},
	}, {
		"a line under a list item that is not its continuation",
		[]string{"- Criterion 1: the test is needed.", "  Evidence: the lab results."},
		[]string{"- Criterion 1: the test is needed.", "  Evidence: the lab results."},
	}, {
		"a numbered item's hanging indent",
		[]string{
			"1. Prior authorization. The Explanation of Benefits says prior",
			"   authorization was not obtained.",
		},
		[]string{"1. Prior authorization. The Explanation of Benefits says prior authorization was not obtained."},
	}, {
		"the names after cc:",
		[]string{"cc: Raritan Bay Orthopaedics", "    Raritan Logistics, benefits office"},
		[]string{"cc: Raritan Bay Orthopaedics", "    Raritan Logistics, benefits office"},
	}} {
		if got := texts(unwrap(tc.block)); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%s: got\n%s\nwant\n%s", tc.name, strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}
