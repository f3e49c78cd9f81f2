package tui

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/overturn/overturn/casefile"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// hostile is text a person might paste, or a case file might hold, that
// must never reach the terminal as it is.
var hostile = map[string]string{
	"osc52":     "copy\x1b]52;c;aGVsbG8=\x07me",
	"title":     "t\x1b]0;pwned\x07\x1b]2;pwned\x1b\\",
	"cursor":    "up\x1b[10;10H\x1b[2Aover",
	"clear":     "gone\x1b[2J\x1bc\x1b[3J",
	"bidi":      "invoice \u202eDEID\u202c \u2066x\u2069 \u200f",
	"zwj":       "👩\u200d⚕️ nurse\u200b\ufeff",
	"nul":       "a\x00b\x00",
	"invalid":   "bad \xff\xfe\xc0 utf8",
	"cr":        "approved\rDENIED\b\b\u009b31m",
	"long word": strings.Repeat("x", 300),
	"cjk":       strings.Repeat("請求が拒否されました😷", 12),
}

// injected are the sequences and characters of hostile that must not be
// in any screen.
var injected = []string{
	"\x1b]52", "\x1b]0;", "\x1b]2;", "\x1b[10;10H", "\x1b[2A", "\x1b[2J", "\x1bc", "\x1b[3J",
	"\u202e", "\u202c", "\u2066", "\u2069", "\u200f", "\x00", "\r", "\b", "\u009b", "\xff",
}

// sgr matches the styling the program itself draws with.
var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// checkClean asserts that the raw screen holds no escape sequence other
// than styling, none of the injected text, only valid UTF-8, and no line
// wider than the window.
func checkClean(t *testing.T, d *driver, where string) {
	t.Helper()
	raw := d.m.View().Content
	if !utf8.ValidString(raw) {
		t.Fatalf("%s: the screen is not valid UTF-8", where)
	}
	for _, s := range injected {
		if strings.Contains(raw, s) {
			t.Fatalf("%s: the screen holds %q:\n%q", where, s, raw)
		}
	}
	if rest := sgr.ReplaceAllString(raw, ""); strings.ContainsRune(rest, '\x1b') {
		i := strings.IndexRune(rest, '\x1b')
		t.Fatalf("%s: an escape sequence that is not styling: %q", where, rest[i:min(len(rest), i+20)])
	}
	w, h := d.m.com.Width, d.m.com.Height
	lines := strings.Split(ansi.Strip(raw), "\n")
	if len(lines) != h {
		t.Fatalf("%s: %d lines on a %d-line screen:\n%s", where, len(lines), h, d.screen())
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			t.Fatalf("%s: line %d is %d wide on a %d-wide screen:\n%s", where, i, lw, w, d.screen())
		}
	}
}

// TestHostilePaste pastes each hostile text, and a megabyte, into the
// new-case form: the screen stays clean and in shape, and what is stored
// is sanitized.
func TestHostilePaste(t *testing.T) {
	texts := map[string]string{"megabyte": strings.Repeat("A denial, pasted whole. \x1b[2J", 1<<20/29)}
	for k, v := range hostile {
		texts[k] = v
	}
	for name, text := range texts {
		t.Run(name, func(t *testing.T) {
			st := newMemStore()
			d := newDriver(t, st, 80, 24, nil)
			d.keys("n")
			d.toField("title")
			d.send(tea.PasteMsg{Content: text})
			checkClean(t, d, "new case, pasted title")
			d.keys("enter")
			checkClean(t, d, "new case, title saved")
			if name == "megabyte" {
				d.contains("this answer is too long", "100000")
				if len(st.cases) != 0 {
					t.Error("a megabyte title was stored")
				}
				return
			}
			c := st.get(t, 1)
			if workflow.Sanitize(c.Title) != c.Title || strings.ContainsAny(c.Title, "\x1b\x00\r\n") {
				t.Errorf("stored title %q is not sanitized", c.Title[:min(len(c.Title), 200)])
			}
			// The reason, word for word, is many lines.
			d.toField("eob.reason")
			d.send(tea.PasteMsg{Content: text})
			checkClean(t, d, "new case, pasted reason")
		})
	}
}

// rawStore serves one case as it is, not through the case-file format that
// would sanitize it: the screens must not rely on that.
type rawStore struct {
	*memStore
	c *workflow.Case
}

func (s *rawStore) Get(uint64) (*workflow.Case, error) { return casefile.Clone(s.c), nil }

func (s *rawStore) Walk(q store.ListQuery, fn func(store.Summary) error) error {
	return walkList(s.List, q, fn)
}

func (s *rawStore) List(store.ListQuery) ([]store.Summary, error) {
	return []store.Summary{{ID: 1, Title: s.c.Title, Claim: s.c.Claim.Number, Step: s.c.Step, Status: s.c.Status, Updated: s.c.Updated}}, nil
}

// TestHostileCase opens a case whose texts (as a case file might bring
// them) are hostile, on every screen: each stays clean and in shape.
func TestHostileCase(t *testing.T) {
	for name, text := range hostile {
		t.Run(name, func(t *testing.T) {
			st := newMemStore()
			c := workflow.NewCase(testNow, "Cigna")
			fullCase(c)
			for _, p := range []*string{
				&c.Title, &c.Member.Name, &c.Member.Address, &c.Plan.Employer,
				&c.Claim.Provider.Name, &c.EOB.Reason, &c.Denial.Policy.Title,
				&c.Calls[0].Rep, &c.Calls[0].Reference, &c.Calls[0].Outcome,
				&c.Documents[0].Description,
			} {
				*p = text
			}
			if err := st.put(1, c); err != nil {
				t.Fatalf("the store refuses this case: %v", err)
			}
			st.next = 1
			d := newDriver(t, &rawStore{memStore: st, c: c}, 80, 24, func(o *Options) { engine(t)(o) })
			checkClean(t, d, "list")
			d.keys("enter")
			checkClean(t, d, "case")
			for _, k := range []string{"[", "[", "[", "[", "]", "]", "]", "]", "]", "]"} {
				d.keys(k)
				checkClean(t, d, "step after "+k)
			}
			for _, k := range []string{"g", "c", "o", "x", "n", "r"} {
				d.keys(k)
				checkClean(t, d, "pane "+k)
				d.keys("esc")
			}
			d.keys("l")
			checkClean(t, d, "letters")
			d.keys("tab")
			checkClean(t, d, "next letter")
		})
	}
}

// TestHostileGolden keeps the shape of one hostile screen: the new-case
// form after a paste of escapes, bidi overrides and a 300-character word.
func TestHostileGolden(t *testing.T) {
	d := newDriver(t, newMemStore(), 80, 24, nil)
	d.keys("n")
	d.toField("title")
	d.send(tea.PasteMsg{Content: hostile["osc52"] + hostile["bidi"] + hostile["cr"] + " " + hostile["long word"]})
	d.keys("enter")
	d.send(tea.PasteMsg{Content: hostile["title"] + hostile["zwj"] + hostile["nul"] + hostile["invalid"]})
	checkClean(t, d, "hostile form")
	d.golden("hostile-new-case-80x24")
}

// TestHostileFilterAndExportPath pastes and types hostile text into the
// list's filter and the letter's export path: both stay clean.
func TestHostileFilterAndExportPath(t *testing.T) {
	payload := hostile["osc52"] + hostile["bidi"] + hostile["clear"] + hostile["nul"] + hostile["invalid"]
	st := newMemStore()
	id := seed(t, st, readyCase)
	d := newDriver(t, st, 80, 24, func(o *Options) { engine(t)(o) })
	d.keys("/")
	d.send(tea.PasteMsg{Content: payload})
	d.send(tea.KeyPressMsg{Code: 0x202e, Text: "\u202e"})
	checkClean(t, d, "list filter")
	d = newDriver(t, st, 80, 24, func(o *Options) { engine(t)(o); o.OpenID = id })
	d.keys("l", "s")
	d.contains(exportTitle)
	d.send(tea.PasteMsg{Content: payload})
	d.send(tea.KeyPressMsg{Code: 0x202e, Text: "\u202e"})
	checkClean(t, d, "export path")
}
