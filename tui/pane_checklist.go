package tui

import (
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/overturn/overturn/workflow"
)

// checkItems are the five EOB checks, in words that name no insurer.
var checkItems = workflow.Checks(nil)

// checklistIndex returns the EOB check a path belongs to
// ("eob_errors.cpt.status", "cost_share.copay"), or -1.
func checklistIndex(path string) int {
	key := ""
	switch {
	case path == "cost_share" || strings.HasPrefix(path, "cost_share."):
		key = workflow.CheckKeyCostShare
	case strings.HasPrefix(path, "eob_errors."):
		key, _, _ = strings.Cut(strings.TrimPrefix(path, "eob_errors."), ".")
	default:
		return -1
	}
	return slices.IndexFunc(checkItems, func(c workflow.CheckInfo) bool { return c.Key == key })
}

// checklistPane is the EOB error check: the five common processing
// errors, each marked fine or found, with what was found, and the plan's
// cost-sharing terms for the math.
type checklistPane struct {
	c      *Common
	s      *session
	cursor int
	form   *form // details of the check, when it has any
	focus  bool  // the form has the keys
	w, h   int
	out    string
}

func newChecklistPane(c *Common, s *session) *checklistPane {
	p := &checklistPane{c: c, s: s, w: 50, h: 20}
	p.build()
	return p
}

// build makes the form of the check under the cursor: what was found when
// it is an error, the plan's terms for the cost-sharing check.
func (p *checklistPane) build() {
	item := checkItems[p.cursor]
	var defs []fieldDef
	if item.Of(&p.s.c.EOBErrors).Status == workflow.CheckError {
		defs = append(defs, fieldDef{Path: "eob_errors." + item.Key + ".details", Label: item.Details, Kind: kindLong})
	}
	if item.Key == workflow.CheckKeyCostShare {
		defs = append(defs, costShareFields...)
	}
	p.form, p.focus = nil, false
	if len(defs) > 0 {
		p.form = newForm(p.c, defs, p.s, p.s.apply)
		p.form.endNote = checkFormEnd
		p.form.finish = func() tea.Cmd { p.focus = false; return nil }
	}
	p.SetSize(p.w, p.h)
}

// open shows check i, its form typing when details is true.
func (p *checklistPane) open(i int, details bool) tea.Cmd {
	p.cursor = i
	p.build()
	if details && p.form != nil {
		p.focus = true
		p.render()
		return p.form.startEdit()
	}
	p.render()
	return nil
}

// mark records the check under the cursor as s; an error opens what was
// found, to type it.
func (p *checklistPane) mark(s workflow.CheckStatus) tea.Cmd {
	key := checkItems[p.cursor].Key
	cmd, err := p.s.mutate(func(c *workflow.Case) error { return workflow.MarkCheck(c, key, s) })
	if err != nil {
		return statusErr(err.Error())
	}
	p.build()
	if s == workflow.CheckError && p.form != nil {
		p.focus = true
		return tea.Batch(cmd, p.form.startEdit())
	}
	p.cursor = min(p.cursor+1, len(checkItems)-1)
	p.build()
	return cmd
}

func (p *checklistPane) Actions() []action {
	if p.focus && p.form != nil {
		acts := p.form.actions()
		if !p.form.typing() {
			acts = append(acts, act(p.c.Keys.Back, keyHelp.GroupPane, func() tea.Cmd { p.focus = false; return nil }).named(keyHelp.BackToChecks))
		}
		return acts
	}
	k := p.c.Keys
	g := keyHelp.GroupPane
	n := len(checkItems)
	acts := []action{
		act(k.Fine, g, func() tea.Cmd { return p.mark(workflow.CheckOK) }),
		act(k.Found, g, func() tea.Cmd { return p.mark(workflow.CheckError) }),
		act(k.Unchecked, g, func() tea.Cmd { return p.mark(workflow.CheckNotChecked) }).hidden(),
		act(k.Up, g, func() tea.Cmd { p.cursor = (p.cursor + n - 1) % n; p.build(); return nil }).hidden(),
		act(k.Down, g, func() tea.Cmd { p.cursor = (p.cursor + 1) % n; p.build(); return nil }).hidden(),
	}
	if p.form != nil {
		acts = append(acts, act(k.Edit, g, func() tea.Cmd { p.focus = true; return p.form.startEdit() }).named(keyHelp.Details))
	}
	return acts
}

func (p *checklistPane) Update(msg tea.Msg) tea.Cmd {
	defer p.render()
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.Typing() {
		if cmd, ok := dispatch(k, p.Actions()); ok {
			return cmd
		}
	}
	if p.focus && p.form != nil {
		_, cmd := p.form.Update(msg)
		return cmd
	}
	return nil
}

func (p *checklistPane) Typing() bool { return p.focus && p.form != nil && p.form.typing() }

func (p *checklistPane) Dirty() string {
	if p.focus && p.form != nil && p.form.dirty() {
		return p.form.current().Label
	}
	return ""
}

func (p *checklistPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.render()
}

func (p *checklistPane) refresh() {
	if p.form != nil {
		p.form.layout()
	}
	p.render()
}

func (p *checklistPane) View() string { return p.out }

func (p *checklistPane) render() {
	st := p.c.Styles
	w := p.w
	c := p.s.c
	lines := []string{st.Heading.Render(checklistTitle)}
	if !p.focus {
		lines = append(lines, strings.Split(st.Muted.Render(wrap(checklistIntro, w)), "\n")...)
	}
	lines = append(lines, "")
	for i, item := range checkItems {
		s := item.Of(&c.EOBErrors).Status
		words := st.Muted.Render(s.Label())
		title := strings.Split(wrap(item.Title, w-18), "\n")
		for j, t := range title {
			row := "    " + t
			if j == 0 {
				row = checkMark(st, s) + " " + padRight(t, w-17) + " " + words
			}
			switch {
			case i == p.cursor && j == 0:
				lines = append(lines, st.Selected.Render("▸ ")+row)
			default:
				lines = append(lines, "  "+row)
			}
		}
	}
	item := checkItems[p.cursor]
	if !p.focus {
		lines = append(lines, "", st.Heading.Render(spotLabel))
		lines = append(lines, strings.Split(wrap(item.Spot, w), "\n")...)
	}
	if item.Of(&c.EOBErrors).Status == workflow.CheckError {
		lines = append(lines, st.Heading.Render(fixLabel))
		lines = append(lines, strings.Split(wrap(item.Fix, w), "\n")...)
	}
	if item.Key == workflow.CheckKeyCostShare && !p.focus {
		lines = append(lines, "", st.Heading.Render(costShareTitle))
		lines = append(lines, p.costShareLines(w)...)
	}
	if p.form != nil {
		used := len(lines) + 1
		p.form.SetSize(w, max(p.h-used, 4))
		lines = append(lines, "", p.form.View())
	}
	p.out = strings.Join(lines, "\n")
}

func (p *checklistPane) costShareLines(w int) []string {
	st := p.c.Styles
	r := workflow.CheckCostShare(p.s.c)
	if !r.Complete {
		var labels []string
		for _, m := range r.Missing {
			if !slices.ContainsFunc(costShareFields, func(d fieldDef) bool { return d.Path == m.Field }) {
				labels = append(labels, m.Label)
			}
		}
		text := costShareNeeds
		if len(labels) > 0 {
			text += " " + fmt.Sprintf(costShareAlso, strings.Join(labels, ", "))
		}
		return strings.Split(st.Muted.Render(wrap(text, w)), "\n")
	}
	var out []string
	for _, l := range r.Working {
		out = append(out, strings.Split(wrap(l, w), "\n")...)
	}
	if r.NoSurprises != "" {
		out = append(out, strings.Split(wrap(r.NoSurprises, w), "\n")...)
	}
	return out
}
