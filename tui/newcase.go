package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/overturn/overturn/workflow"
)

// newCaseForm is the short form for what is on the EOB and the denial
// letter. Each answer is saved as it is given; the case is created with the
// first one.
type newCaseForm struct {
	c    *Common
	s    *session
	form *form
	w, h int
}

func newNewCaseScreen(c *Common, s *session) *newCaseForm {
	f := newForm(c, newCaseFields, s.value, s.apply)
	f.chain = true
	f.hint = decoderHint(c)
	f.preset = func(def fieldDef) string {
		if def.Path == "denial.category" {
			return string(suggestCategory(c, splitCodes(s.value("eob.codes"))))
		}
		return ""
	}
	f.startEdit()
	return &newCaseForm{c: c, s: s, form: f}
}

// decoderHint explains each reason code as it is typed.
func decoderHint(c *Common) hintFunc {
	return func(def fieldDef, value string, width int) []string {
		if def.Kind != kindCodes || c.Codes == nil {
			return nil
		}
		var out []string
		codes := splitCodes(value)
		// Each code on one line; the last one, being typed, in up to four.
		for i, code := range codes {
			if i < len(codes)-1 {
				out = append(out, truncate(decodeLine(c, code), width))
				continue
			}
			lines := strings.Split(wrap(decodeLine(c, code), width), "\n")
			if len(lines) > 4 {
				lines = lines[:4]
				lines[3] = ansi.Truncate(lines[3], width-1, "") + "…"
			}
			out = append(out, lines...)
		}
		if cat := suggestCategory(c, codes); cat != "" {
			out = append(out, strings.Split(wrap(fmt.Sprintf(decoderSuggest, choiceLabel(categoryChoices, string(cat))), width), "\n")...)
		}
		return out
	}
}

func decodeLine(c *Common, code string) string {
	info, err := c.Codes.Decode(code)
	if err != nil {
		if errors.Is(err, workflow.ErrUnknownCode) {
			return fmt.Sprintf(decoderUnknown, safe(code))
		}
		return safe(code) + ": " + err.Error()
	}
	line := safe(code) + ": " + info.Meaning
	if info.Retired {
		line += decoderRetired
	}
	if info.PointsTo != "" {
		line += " → " + info.PointsTo
	}
	return line
}

// suggestCategory returns the kind of denial the first telling code points to.
func suggestCategory(c *Common, codes []string) workflow.Category {
	if c.Codes == nil {
		return ""
	}
	for _, code := range codes {
		if info, err := c.Codes.Decode(code); err == nil && info.Category != "" {
			return info.Category
		}
	}
	return ""
}

func choiceLabel(choices []choice, v string) string {
	for _, c := range choices {
		if c.Value == v {
			return c.Label
		}
	}
	return v
}

func (n *newCaseForm) SetSize(w, h int) {
	n.w, n.h = w, h
	n.form.SetSize(w-4, h-lineCount(n.intro())-2)
}

func (n *newCaseForm) intro() string { return wrap(newCaseIntro, n.w-4) }

func lineCount(s string) int { return strings.Count(s, "\n") + 1 }

// done leaves the form: to the new case when it exists, else to the list.
func (n *newCaseForm) done() tea.Cmd {
	if n.s.id == 0 && !n.s.unsaved() {
		return send(backToListMsg{})
	}
	return send(backToCaseMsg{})
}

func (n *newCaseForm) Update(msg tea.Msg) (screen, tea.Cmd) {
	wasLast := n.form.cursor == len(n.form.fields)-1
	handled, cmd := n.form.Update(msg)
	if handled {
		if wasLast && !n.form.editing && n.form.err == "" {
			if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, n.c.Keys.Save) {
				return n, tea.Batch(cmd, n.done())
			}
		}
		return n, cmd
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, n.c.Keys.Back):
			return n, n.done()
		case key.Matches(k, n.c.Keys.Quit):
			return n, send(quitMsg{})
		}
	}
	return n, nil
}

func (n *newCaseForm) View() string {
	return "\n" + indent(n.intro(), 2) + "\n\n" + indent(n.form.View(), 2)
}

func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

func (n *newCaseForm) Header() (string, string) {
	return n.c.Styles.Title.Render(appName) + "  " + n.c.Styles.Heading.Render(newCaseTitle), ""
}

func (n *newCaseForm) ShortHelp() []key.Binding {
	h := n.form.help()
	if !n.form.editing {
		h = append(h, n.c.Keys.Back, n.c.Keys.Quit)
	}
	return h
}

func (n *newCaseForm) FullHelp() [][]key.Binding {
	k := n.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Edit, k.Save}, {k.NextField, k.PrevField, k.Cancel, k.Back, k.Quit}}
}

func (n *newCaseForm) Disabled() map[string]string { return nil }

func (n *newCaseForm) Dirty() string {
	if n.form.dirty() {
		return n.form.current().Label
	}
	return ""
}

func (n *newCaseForm) Typing() bool { return n.form.editing }
