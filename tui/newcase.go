package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/overturn/overturn/workflow"
)

// newCaseForm is the new case: first the situation (when the care is and
// whether it is urgent, emergency care, which plan), then what is on the
// EOB or the denial letter, asking only what applies. Each answer is saved
// as it is given; the case is created with the first one.
type newCaseForm struct {
	c    *Common
	s    *session
	form *form
	w, h int
	out  string
}

func newNewCaseScreen(c *Common, s *session) *newCaseForm {
	n := &newCaseForm{c: c, s: s, w: c.Width, h: c.Height - 4}
	n.form = newForm(c, fieldsFor(s.c, newCaseFields), s, n.commit)
	n.form.hint = newCaseHint(c, s)
	n.form.preset = presetCategory(c, s)
	n.form.endNote = newCaseEnd
	n.form.finish = n.done
	n.form.finishLabel = keyHelp.OpenCase
	n.form.startEdit()
	n.SetSize(n.w, n.h)
	return n
}

// commit saves an answer and asks the questions that now apply.
func (n *newCaseForm) commit(def fieldDef, raw string) (tea.Cmd, error) {
	cmd, err := n.s.apply(def, raw)
	if err != nil {
		return nil, err
	}
	n.form.setFields(fieldsFor(n.s.c, newCaseFields))
	return cmd, nil
}

// newCaseHint explains reason codes as they are typed, and what applies
// to a government plan once it is chosen.
func newCaseHint(c *Common, s *session) hintFunc {
	codes := decoderHint(c)
	return func(def fieldDef, value string, width int) []string {
		if def.Path == "plan.type" && value == string(workflow.PlanGovernment) {
			g := *s.c
			g.Plan.Type = workflow.PlanGovernment
			return strings.Split(wrap(workflow.GovernmentPlanNotice(&g), width), "\n")
		}
		return codes(def, value, width)
	}
}

// done leaves the form: to the new case when it exists, else to the list.
func (n *newCaseForm) done() tea.Cmd {
	if n.s.id == 0 && !n.s.unsaved() {
		return send(backToListMsg{})
	}
	return send(backToCaseMsg{})
}

func (n *newCaseForm) SetSize(w, h int) {
	n.w, n.h = w, h
	n.render()
}

func (n *newCaseForm) intro() string { return wrap(newCaseIntro, n.w-4) }

func lineCount(s string) int { return strings.Count(s, "\n") + 1 }

func (n *newCaseForm) Actions() []action {
	acts := n.form.actions()
	if n.form.typing() {
		return acts
	}
	return append(acts, act(n.c.Keys.Back, keyHelp.GroupForm, n.done).named(keyHelp.Leave))
}

func (n *newCaseForm) Update(msg tea.Msg) tea.Cmd {
	defer n.render()
	if k, ok := msg.(tea.KeyPressMsg); ok && !n.form.typing() {
		if cmd, ok := dispatch(k, n.Actions()); ok {
			return cmd
		}
		return nil
	}
	_, cmd := n.form.Update(msg)
	return cmd
}

func (n *newCaseForm) render() {
	intro := n.intro()
	n.form.SetSize(n.w-4, n.h-lineCount(intro)-2)
	n.out = "\n" + indent(intro, 2) + "\n\n" + indent(n.form.View(), 2)
}

func (n *newCaseForm) View() string { return n.out }

func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

func (n *newCaseForm) Header() (string, string) {
	return n.c.Styles.Title.Render(appName) + "  " + n.c.Styles.Heading.Render(newCaseTitle), ""
}

func (n *newCaseForm) Dirty() string {
	if n.form.dirty() {
		return n.form.current().Label
	}
	return ""
}

func (n *newCaseForm) Typing() bool  { return n.form.typing() }
func (n *newCaseForm) Place() string { return "new" }
