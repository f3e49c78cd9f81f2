package letter

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/overturn/overturn/workflow"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/letters")

// TestGolden renders, for each case of testdata/cases, every letter the
// engine offers, with what goes beside it, and a summary of the case (the
// offers, the refusals, the deadlines and the next actions), and compares
// them with testdata/letters: <case>.<kind>.txt and <case>.summary.txt.
// Each golden file is read as the plan's reviewer and as the person's
// advocate would before it is committed.
func TestGolden(t *testing.T) {
	e := newTestEngine(t)
	ref := testRef(t)
	paths, err := filepath.Glob(filepath.Join("testdata", "cases", "*.json"))
	if err != nil || len(paths) < 20 {
		t.Fatalf("want at least 20 golden cases in testdata/cases, got %d (%v)", len(paths), err)
	}
	written := map[string]bool{}
	offered := map[Kind]bool{}
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".json")
		c := loadCase(t, p)
		var summary strings.Builder
		offers := e.Offers(c, goldenNow)
		fmt.Fprintf(&summary, "Case %s: %s\n\nLetters offered:\n", name, c.Title)
		isOffered := map[Kind]bool{}
		for _, o := range offers {
			isOffered[o.Kind] = true
			offered[o.Kind] = true
			option := ""
			if o.Option {
				option = " (an option)"
			}
			fmt.Fprintf(&summary, "- %s%s: %s\n", o.Kind, option, o.Why)
			l, err := e.Render(o.Kind, c, goldenNow)
			if err != nil {
				t.Errorf("%s: %s is offered but not written: %v", name, o.Kind, err)
				continue
			}
			checkLetter(t, name+" "+string(o.Kind), l.Text)
			compareGolden(t, filepath.Join("testdata", "letters", name+"."+string(o.Kind)+".txt"), l.Text+beside(l), written)
		}
		fmt.Fprintf(&summary, "\nNot offered:\n")
		for _, k := range Kinds() {
			if isOffered[k] {
				continue
			}
			_, err := e.Render(k, c, goldenNow)
			var refused *RefusedError
			switch {
			case errors.As(err, &refused):
				fmt.Fprintf(&summary, "- %s: refused: %s\n", k, refused.Reason)
			case err != nil:
				t.Errorf("%s %s: %v", name, k, err)
			default:
				fmt.Fprintf(&summary, "- %s: would be written if asked\n", k)
			}
		}
		fmt.Fprintf(&summary, "\nDeadlines:\n")
		for _, d := range workflow.Deadlines(c, goldenNow) {
			fmt.Fprintf(&summary, "- %s %s (%s, %d days): %s [%s]\n", d.Due, d.Kind, d.State, d.DaysLeft, d.Title, d.Cite)
			if !d.Target.IsZero() {
				fmt.Fprintf(&summary, "  target %s\n", d.Target)
			}
			fmt.Fprintf(&summary, "  %s\n", d.Note)
		}
		fmt.Fprintf(&summary, "\nNext actions:\n")
		for _, a := range workflow.NextActions(c, ref, goldenNow) {
			urgent := ""
			if a.Urgent {
				urgent = "URGENT "
			}
			fmt.Fprintf(&summary, "- %s%s\n", urgent, a.Text)
		}
		if ws := workflow.Consistency(c, goldenNow); len(ws) > 0 {
			fmt.Fprintf(&summary, "\nWarnings:\n")
			for _, w := range ws {
				fmt.Fprintf(&summary, "- %s (%s)\n", w.Text, w.Field)
			}
		}
		compareGolden(t, filepath.Join("testdata", "letters", name+".summary.txt"), summary.String(), written)
	}
	stale, err := filepath.Glob(filepath.Join("testdata", "letters", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range stale {
		switch {
		case written[p]:
		case *update:
			if err := os.Remove(p); err != nil {
				t.Error(err)
			}
		default:
			t.Errorf("%s belongs to no offered letter; run with -update to remove it", p)
		}
	}
	for _, k := range Kinds() {
		if !offered[k] {
			t.Errorf("no golden case is offered the %s", strings.ToLower(k.Title()))
		}
	}
}

// beside writes what goes beside a letter, after it, marked as not part
// of it.
func beside(l *Letter) string {
	var b strings.Builder
	b.WriteString("\n======== beside the letter, not part of it ========\n")
	switch {
	case l.Ready:
		b.WriteString("Ready to send.\n")
	case l.Option:
		b.WriteString("An option, not ready on its own.\n")
	default:
		b.WriteString("Not ready to send.\n")
	}
	for _, g := range l.Gaps {
		fmt.Fprintf(&b, "Gap (%s): %s [%s]\n", g.Severity, g.Label, g.Field)
	}
	for _, w := range l.Warnings {
		fmt.Fprintf(&b, "Warning: %s [%s]\n", w.Text, w.Field)
	}
	for _, n := range l.Notes {
		fmt.Fprintf(&b, "Note: %s\n", n)
	}
	return b.String()
}

func compareGolden(t *testing.T, path, got string, written map[string]bool) {
	t.Helper()
	written[path] = true
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Errorf("%v (run go test ./letter -run Golden -update, then review the files)", err)
		return
	}
	if got != string(want) {
		t.Errorf("%s differs from its golden file; run with -update and review the diff\n--- got:\n%s", path, got)
	}
}
