package tui

import (
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// overlay is a small dialog over the screen: confirm, help, export, a field.
type overlay interface {
	Init() tea.Cmd
	// Update reports done when the overlay should close.
	Update(tea.Msg) (done bool, cmd tea.Cmd)
	View() string
	SetSize(w, h int)
	ShortHelp() []key.Binding
}

func boxWidth(w int) int { return min(max(w-8, 30), 72) }

// confirmOverlay asks a yes/no question; yes runs a command.
type confirmOverlay struct {
	c           *Common
	title, body string
	yes         tea.Cmd
	w           int
}

func newConfirmOverlay(c *Common, title, body string, yes tea.Cmd) *confirmOverlay {
	return &confirmOverlay{c: c, title: title, body: body, yes: yes, w: 60}
}

func (o *confirmOverlay) Init() tea.Cmd    { return nil }
func (o *confirmOverlay) SetSize(w, _ int) { o.w = boxWidth(w) }
func (o *confirmOverlay) ShortHelp() []key.Binding {
	return []key.Binding{o.c.Keys.Yes, o.c.Keys.No}
}

func (o *confirmOverlay) Update(msg tea.Msg) (bool, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, nil
	}
	switch {
	case key.Matches(k, o.c.Keys.Yes):
		return true, o.yes
	case key.Matches(k, o.c.Keys.No):
		return true, nil
	}
	return false, nil
}

func (o *confirmOverlay) View() string {
	st := o.c.Styles
	inner := o.w - 4
	s := st.Heading.Render(wrap(o.title, inner)) + "\n\n" + wrap(o.body, inner) + "\n\n" +
		st.Key.Render("y") + " " + keyHelp.Yes + "   " + st.Key.Render("n") + " " + keyHelp.No
	return st.Box.Width(o.w).Render(s)
}

// helpOverlay lists every key of the screen.
type helpOverlay struct {
	c      *Common
	groups [][]key.Binding
	w      int
}

func newHelpOverlay(c *Common, groups [][]key.Binding) *helpOverlay {
	return &helpOverlay{c: c, groups: groups, w: 60}
}

func (o *helpOverlay) Init() tea.Cmd    { return nil }
func (o *helpOverlay) SetSize(w, _ int) { o.w = max(w-4, 30) }
func (o *helpOverlay) ShortHelp() []key.Binding {
	return []key.Binding{o.c.Keys.Back}
}

func (o *helpOverlay) Update(msg tea.Msg) (bool, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	return ok && key.Matches(k, o.c.Keys.Back, o.c.Keys.Help, o.c.Keys.Quit), nil
}

func (o *helpOverlay) View() string {
	st := o.c.Styles
	var cols []string
	for _, g := range o.groups {
		var lines []string
		for _, b := range g {
			h := b.Help()
			k := st.Key.Render(padRight(h.Key, 9))
			if !b.Enabled() {
				k = st.KeyOff.Render(padRight(h.Key, 9))
			}
			lines = append(lines, k+" "+h.Desc)
		}
		cols = append(cols, strings.Join(lines, "\n"))
	}
	// As many columns side by side as the box holds, then the next row.
	var rows, row []string
	width := 0
	for _, c := range cols {
		cw := lipgloss.Width(c)
		if len(row) > 0 && width+4+cw > o.w-4 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, width = nil, 0
		}
		if len(row) > 0 {
			row = append(row, "    ")
			width += 4
		}
		row = append(row, c)
		width += cw
	}
	rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	body := strings.Join(rows, "\n\n")
	return st.Box.Render(st.Heading.Render(helpTitle) + "\n\n" + body + "\n\n" + st.Muted.Render(helpClose))
}

// exportOverlay asks where to save a letter (as text), or with write
// set, another file.
type exportOverlay struct {
	c     *Common
	text  string
	title string
	write func(path string, force bool) tea.Cmd
	input textinput.Model
	w     int
}

func newExportOverlay(c *Common, name, text string) *exportOverlay {
	in := textinput.New()
	in.Prompt = exportPrompt
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	in.SetValue(name)
	in.CursorEnd()
	return &exportOverlay{c: c, text: text, title: exportTitle, input: in, w: 60}
}

func (o *exportOverlay) Init() tea.Cmd { return o.input.Focus() }
func (o *exportOverlay) SetSize(w, _ int) {
	o.w = boxWidth(w)
	o.input.SetWidth(o.w - 4 - lipgloss.Width(exportPrompt) - 1)
}
func (o *exportOverlay) ShortHelp() []key.Binding {
	return []key.Binding{o.c.Keys.Save, o.c.Keys.Cancel}
}

func (o *exportOverlay) Update(msg tea.Msg) (bool, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, o.c.Keys.Cancel):
			return true, nil
		case key.Matches(k, o.c.Keys.Save):
			path := strings.TrimSpace(safe(o.input.Value()))
			if path == "" {
				return false, nil
			}
			if o.write != nil {
				return true, o.write(filepath.Clean(path), false)
			}
			return true, writeLetter(filepath.Clean(path), o.text, false)
		}
	}
	var cmd tea.Cmd
	o.input, cmd = o.input.Update(cleanInput(msg))
	return false, cmd
}

func (o *exportOverlay) View() string {
	st := o.c.Styles
	return st.Box.Width(o.w).Render(st.Heading.Render(o.title) + "\n\n" + o.input.View() + "\n\n" + st.Muted.Render(exportHint))
}

// fieldOverlay fills one field of the case, wherever it lives: the jump
// target of a missing fact.
type fieldOverlay struct {
	c    *Common
	form *form
	def  fieldDef
	w    int
}

func newFieldOverlay(c *Common, s *session, def fieldDef) *fieldOverlay {
	f := newForm(c, []fieldDef{def}, s.value, s.apply)
	return &fieldOverlay{c: c, form: f, def: def, w: 60}
}

func (o *fieldOverlay) Init() tea.Cmd { return o.form.startEdit() }
func (o *fieldOverlay) SetSize(w, _ int) {
	o.w = boxWidth(w)
	o.form.SetSize(o.w-4, 6)
}
func (o *fieldOverlay) ShortHelp() []key.Binding { return o.form.help() }

func (o *fieldOverlay) Update(msg tea.Msg) (bool, tea.Cmd) {
	_, cmd := o.form.Update(msg)
	return !o.form.editing, cmd
}

func (o *fieldOverlay) View() string {
	st := o.c.Styles
	return st.Box.Width(o.w).Render(st.Heading.Render(truncate(o.def.Label, o.w-4)) + "\n\n" + o.form.View() + "\n\n" + st.Muted.Render(fieldEditHint))
}
