package tui

import (
	"path/filepath"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/workflow"
)

// overlay is a small dialog over the screen: confirm, help, export, a field.
type overlay interface {
	Init() tea.Cmd
	// Update reports done when the overlay should close.
	Update(tea.Msg) (done bool, cmd tea.Cmd)
	View() string
	SetSize(w, h int)
	// Actions are the dialog's keys, for the footer.
	Actions() []action
}

func boxWidth(w int) int { return min(max(w-8, 30), 76) }

// confirmOverlay asks a question with two buttons, the safe one focused.
// It has its own focus: letters typed at it do nothing, so words typed on
// from a form can never confirm a removal. Only the arrows or tab and then
// enter choose the other button.
type confirmOverlay struct {
	c           *Common
	title, body string
	yes         tea.Msg
	yesLabel    string
	onYes       bool
	w           int
}

func newConfirmOverlay(c *Common, title, body string, yes tea.Msg, yesLabel string) *confirmOverlay {
	return &confirmOverlay{c: c, title: title, body: body, yes: yes, yesLabel: yesLabel, w: 60}
}

func (o *confirmOverlay) Init() tea.Cmd    { return nil }
func (o *confirmOverlay) SetSize(w, _ int) { o.w = boxWidth(w) }

func (o *confirmOverlay) Actions() []action {
	k := o.c.Keys
	g := keyHelp.GroupDialog
	toggle := func() tea.Cmd { o.onYes = !o.onYes; return nil }
	choose := act(k.Confirm, g, nil).named(keyHelp.Choose)
	return []action{
		act(k.Left, g, toggle).named(keyHelp.OtherButton),
		act(k.Right, g, toggle).hidden(),
		act(k.NextField, g, toggle).hidden(),
		act(k.PrevField, g, toggle).hidden(),
		choose,
		act(k.Cancel, g, nil).named(keyHelp.Cancel),
	}
}

func (o *confirmOverlay) Update(msg tea.Msg) (bool, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, nil
	}
	switch {
	case k.String() == "enter":
		if o.onYes {
			return true, send(o.yes)
		}
		return true, nil
	case k.String() == "esc":
		return true, nil
	}
	dispatch(k, o.Actions())
	return false, nil
}

func (o *confirmOverlay) View() string {
	st := o.c.Styles
	inner := o.w - 4
	button := func(label string, on bool) string {
		if on {
			return st.Selected.Reverse(true).Render(" " + label + " ")
		}
		return st.Muted.Render("[ " + label + " ]")
	}
	buttons := button(keyHelp.Keep, !o.onYes) + "   " + button(upperFirst(o.yesLabel), o.onYes)
	s := st.Heading.Render(wrap(o.title, inner)) + "\n\n" + wrap(o.body, inner) + "\n\n" + buttons + "\n\n" +
		st.Muted.Render(wrap(confirmHint, inner))
	return st.Box.Width(o.w).Render(s)
}

// helpOverlay lists every key of the screen, by where it works, in
// columns when the window is wide enough; it scrolls when it is taller
// than the window.
type helpOverlay struct {
	c      *Common
	acts   []action
	w, h   int
	offset int
	lines  []string
}

func newHelpOverlay(c *Common, acts []action) *helpOverlay {
	return &helpOverlay{c: c, acts: acts, w: 60, h: 20}
}

func (o *helpOverlay) Init() tea.Cmd { return nil }
func (o *helpOverlay) SetSize(w, h int) {
	o.w, o.h = max(w-4, 30), h
	o.lines = strings.Split(o.body(), "\n")
}

func (o *helpOverlay) Actions() []action {
	g := keyHelp.GroupDialog
	acts := []action{act(o.c.Keys.Back, g, nil).named(keyHelp.Close)}
	if len(o.lines) > o.room() {
		acts = append([]action{act(o.c.Keys.ScrollDown, g, nil)}, acts...)
	}
	return acts
}

// room is how many lines of keys the box shows.
func (o *helpOverlay) room() int { return max(o.h-4, 3) }

func (o *helpOverlay) Update(msg tea.Msg) (bool, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, nil
	}
	switch k.String() {
	case "esc", "?", "q":
		return true, nil
	case "down", "j", "space":
		o.offset = min(o.offset+1, max(len(o.lines)-o.room(), 0))
	case "up", "k":
		o.offset = max(o.offset-1, 0)
	}
	return false, nil
}

// body is the help's text: the legend, then the keys by group.
func (o *helpOverlay) body() string {
	st := o.c.Styles
	inner := o.w - 4
	colW := inner
	if inner >= 72 {
		colW = (inner - 4) / 2
	}
	var groups []string
	byGroup := map[string][]string{}
	seen := map[string]bool{}
	for _, a := range o.acts {
		h := a.key.Help()
		if h.Key == "" || seen[h.Key+h.Desc] {
			continue
		}
		seen[h.Key+h.Desc] = true
		if _, ok := byGroup[a.group]; !ok {
			groups = append(groups, a.group)
		}
		desc := h.Desc
		if a.off != "" {
			why := a.brief
			if why == "" {
				why = a.off
			}
			desc += " (" + why + ")"
		}
		text := strings.Split(wrap(desc, colW-11), "\n")
		key := st.Key.Render(padRight(h.Key, 10))
		if a.off != "" {
			key = st.KeyOff.Render(padRight(h.Key, 10))
		}
		for i, t := range text {
			if i == 0 {
				byGroup[a.group] = append(byGroup[a.group], key+" "+t)
			} else {
				byGroup[a.group] = append(byGroup[a.group], strings.Repeat(" ", 11)+t)
			}
		}
	}
	var blocks []string
	for _, g := range groups {
		blocks = append(blocks, st.Heading.Render(g)+"\n"+strings.Join(byGroup[g], "\n"))
	}
	legend := st.Muted.Render(wrap(helpLegend, inner))
	if colW == inner {
		return legend + "\n\n" + strings.Join(blocks, "\n\n")
	}
	// Two columns, the groups shared out so that they are about as tall.
	var left, right []string
	lh, rh := 0, 0
	for _, b := range blocks {
		if lh <= rh {
			left, lh = append(left, b), lh+lineCount(b)+1
		} else {
			right, rh = append(right, b), rh+lineCount(b)+1
		}
	}
	return legend + "\n\n" + joinColumns(padRight(strings.Join(left, "\n\n"), colW), "    ", strings.Join(right, "\n\n"))
}

func (o *helpOverlay) View() string {
	st := o.c.Styles
	end := min(o.offset+o.room(), len(o.lines))
	text := strings.Join(o.lines[o.offset:end], "\n")
	foot := helpClose
	if end < len(o.lines) {
		foot = helpMore
	}
	return st.Box.Width(o.w).Render(st.Heading.Render(helpTitle) + "  " + st.Muted.Render(foot) + "\n" + text)
}

// exportOverlay asks where to save a file: the full path in the letters
// folder, which the person may change.
type exportOverlay struct {
	c        *Common
	title    string
	write    writer
	proposed string
	input    textinput.Model
	w        int
}

func newExportOverlay(c *Common, name, title string, write writer) *exportOverlay {
	in := textinput.New()
	in.Prompt = ""
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	in.KeyMap.Paste.SetEnabled(false)
	proposed := filepath.Join(c.LetterDir, name)
	in.SetValue(proposed)
	in.CursorEnd()
	return &exportOverlay{c: c, title: title, write: write, proposed: proposed, input: in, w: 60}
}

func (o *exportOverlay) Init() tea.Cmd { return o.input.Focus() }
func (o *exportOverlay) SetSize(w, _ int) {
	o.w = boxWidth(w)
	o.input.SetWidth(o.w - 6)
}
func (o *exportOverlay) Actions() []action {
	g := keyHelp.GroupDialog
	return []action{act(o.c.Keys.Save, g, nil), act(o.c.Keys.Cancel, g, nil)}
}

func (o *exportOverlay) Update(msg tea.Msg) (bool, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			return true, nil
		case "enter":
			path := strings.TrimSpace(safe(o.input.Value()))
			if path == "" {
				return false, nil
			}
			// The proposed name never replaces a file; one the person
			// typed is replaced only after asking.
			return true, o.write(filepath.Clean(path), false, path == o.proposed)
		}
	}
	var cmd tea.Cmd
	o.input, cmd = o.input.Update(cleanInput(msg))
	return false, cmd
}

func (o *exportOverlay) View() string {
	st := o.c.Styles
	inner := o.w - 4
	return st.Box.Width(o.w).Render(st.Heading.Render(o.title) + "\n\n" + st.Muted.Render(wrap(exportHint, inner)) +
		"\n\n" + o.input.View())
}

// fieldOverlay fills one fact of the case, wherever it lives: the jump
// target of a missing fact. Some facts are asked with the one beside them
// (a procedure's code or its description). Saving the last field closes
// it.
type fieldOverlay struct {
	c     *Common
	form  *form
	title string
	done  bool
	w     int
}

// askedWith are the fields asked with a fact when it is jumped to.
var askedWith = map[string][]fieldDef{
	"claim.procedures[0].code": {serviceWhat},
}

func newFieldOverlay(c *Common, s *session, def fieldDef, why string) *fieldOverlay {
	o := &fieldOverlay{c: c, w: 60}
	defs := append([]fieldDef{def}, askedWith[def.Path]...)
	o.form = newForm(c, defs, s, s.apply)
	o.form.single = len(defs) == 1
	o.form.finish = func() tea.Cmd { o.done = true; return nil }
	o.form.endNote = fieldsEnd
	o.title = why
	if o.title == "" {
		o.title = def.Label
	}
	o.title = upperFirst(o.title)
	return o
}

func (o *fieldOverlay) Init() tea.Cmd { return o.form.startEdit() }
func (o *fieldOverlay) SetSize(w, h int) {
	o.w = boxWidth(w)
	o.form.SetSize(o.w-4, max(h-8, 6))
}
func (o *fieldOverlay) Actions() []action { return o.form.actions() }

func (o *fieldOverlay) Update(msg tea.Msg) (bool, tea.Cmd) {
	_, cmd := o.form.Update(msg)
	return o.done || !o.form.editing, cmd
}

func (o *fieldOverlay) View() string {
	st := o.c.Styles
	return st.Box.Width(o.w).Render(st.Heading.Render(wrap(o.title, o.w-4)) + "\n\n" + o.form.View())
}

// gapsOverlay lists every gap of a letter, to choose one to fill.
type gapsOverlay struct {
	c      *Common
	gaps   []letter.Gap
	cursor int
	w, h   int
}

func newGapsOverlay(c *Common, gaps []letter.Gap) *gapsOverlay {
	return &gapsOverlay{c: c, gaps: gaps, w: 60, h: 20}
}

func (o *gapsOverlay) Init() tea.Cmd { return nil }
func (o *gapsOverlay) SetSize(w, h int) {
	o.w, o.h = boxWidth(w), h
}

func (o *gapsOverlay) Actions() []action {
	k := o.c.Keys
	g := keyHelp.GroupDialog
	return []action{act(k.Jump, g, nil), act(k.Confirm, g, nil).named(keyHelp.Jump), act(k.Cancel, g, nil).named(keyHelp.Close)}
}

func (o *gapsOverlay) Update(msg tea.Msg) (bool, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return false, nil
	}
	fill := func(i int) (bool, tea.Cmd) {
		g := o.gaps[i]
		return true, send(jumpMsg{missing: workflow.Missing{Field: g.Field, Label: g.Label}})
	}
	switch {
	case k.String() == "esc":
		return true, nil
	case k.String() == "enter":
		return fill(o.cursor)
	case k.String() == "up":
		o.cursor = max(o.cursor-1, 0)
	case k.String() == "down":
		o.cursor = min(o.cursor+1, len(o.gaps)-1)
	case key1to9(k) > 0 && key1to9(k) <= len(o.gaps):
		return fill(key1to9(k) - 1)
	}
	return false, nil
}

func (o *gapsOverlay) View() string {
	st := o.c.Styles
	inner := o.w - 4
	lines := []string{st.Heading.Render(gapsTitle), st.Muted.Render(wrap(gapsHint, inner)), ""}
	for i, g := range o.gaps {
		if i == 0 || g.Severity != o.gaps[i-1].Severity {
			head := letterMustFill
			if g.Severity != letter.MustFill {
				head = letterStrengthen
			}
			lines = append(lines, st.Heading.Render(head))
		}
		num := "  "
		if i < 9 {
			num = st.Key.Render(strconv.Itoa(i+1)) + " "
		}
		mark := "  "
		if i == o.cursor {
			mark = st.Selected.Render("▸ ")
		}
		for j, t := range strings.Split(wrap(g.Label, inner-4), "\n") {
			if j == 0 {
				lines = append(lines, mark+num+t)
			} else {
				lines = append(lines, "    "+t)
			}
		}
	}
	return st.Box.Width(o.w).Render(cutHeight(strings.Join(lines, "\n"), max(o.h-2, 5)))
}
