package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// commitFunc stores one finished field; it returns the command that saves it,
// or an error that says what is wrong with the value.
type commitFunc func(def fieldDef, raw string) (tea.Cmd, error)

// hintFunc returns lines, at most width wide, shown under a field while it
// is typed in.
type hintFunc func(def fieldDef, value string, width int) []string

// form is a list of fields, the one way every fact is typed in the
// program. It has one Enter model:
//
//   - Browsing, the arrows and tab move between the fields and enter starts
//     typing in the one under the cursor; the screen's keys work.
//   - Typing, enter (or tab) saves the field and goes on to type in the
//     next one; shift+tab saves it and goes back; esc drops what was typed.
//     A choice is made with the arrows or space.
//   - After the last field comes the end of the form, a row of its own: it
//     takes every key, so words typed on past the last field change
//     nothing, until enter finishes the form or esc stops typing.
//
// Every answer is saved as soon as it is given, so nothing typed is lost.
// Labels, values, choices and help are wrapped, never cut; the form
// scrolls to keep the cursor in view and says what is above and below.
type form struct {
	c      *Common
	fields []fieldDef
	value  func(def fieldDef) string // a field's value as shown
	stored func(path string) string  // a field's value as stored
	commit commitFunc
	hint   hintFunc
	// preset proposes a value for an empty choice field.
	preset func(def fieldDef) string
	// finish runs when enter is pressed at the end of the form; nil stops
	// typing.
	finish  func() tea.Cmd
	endNote string // what the end of the form says while typing
	// finishLabel is what enter does at the end of the form, for the footer.
	finishLabel string
	single      bool // one field: saving it finishes the form
	cursor      int
	editing     bool
	atEnd       bool
	input       textinput.Model
	choice      int
	err         string
	w, h        int
	offset      int
	view        string
	// The form is drawn again only when something it shows changed: its
	// state (stale), its size, or the case (rev).
	stale          bool
	drawnW, drawnH int
	drawnRev       int
	rev            func() int
	labelW         int // the label column's width for the fields, 0 when not known
	shownVals      map[string]string
	shownRev       int
}

// shown is the value of the field as the form shows it, read once per
// change of the case.
func (f *form) shown(d fieldDef) string {
	if f.shownVals == nil || f.shownRev != f.rev() {
		f.shownVals, f.shownRev = map[string]string{}, f.rev()
	}
	v, ok := f.shownVals[d.Path]
	if !ok {
		v = f.value(d)
		f.shownVals[d.Path] = v
	}
	return v
}

func newForm(c *Common, fields []fieldDef, s *session, commit commitFunc) *form {
	in := textinput.New()
	in.Prompt = ""
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	// The clipboard is read only by the terminal's own paste, which
	// arrives as a paste: ctrl+v would run a clipboard program.
	in.KeyMap.Paste.SetEnabled(false)
	f := &form{c: c, fields: fields, value: s.value, stored: s.stored, commit: commit, input: in, w: 60, h: 10,
		endNote: formEnd, finishLabel: keyHelp.FinishForm, rev: func() int { return s.rev }, stale: true}
	f.layout()
	return f
}

// SetSize sets the form's width and the lines it may use.
func (f *form) SetSize(w, h int) {
	f.w, f.h = max(w, 20), max(h, 3)
	f.input.SetWidth(max(f.valueWidth()-1, 8))
	f.layout()
}

// changed marks the form to be drawn again.
func (f *form) changed() { f.stale = true }

// layout draws the form again when something it shows changed.
func (f *form) layout() {
	if !f.stale && f.drawnW == f.w && f.drawnH == f.h && f.drawnRev == f.rev() {
		return
	}
	f.render()
	f.stale, f.drawnW, f.drawnH, f.drawnRev = false, f.w, f.h, f.rev()
}

// setFields replaces the fields (a criterion added, a fact now given),
// keeping the cursor on the same field when it is still there.
func (f *form) setFields(defs []fieldDef) {
	path := ""
	if len(f.fields) > 0 && f.cursor < len(f.fields) {
		path = f.fields[f.cursor].Path
	}
	f.fields, f.labelW = defs, 0
	f.cursor = min(f.cursor, max(len(defs)-1, 0))
	f.focusPath(path)
	f.changed()
}

func (f *form) labelWidth() int {
	if f.labelW == 0 {
		for _, d := range f.fields {
			f.labelW = max(f.labelW, lipgloss.Width(d.Label)+1)
		}
	}
	return min(f.labelW, max(f.w*2/5, 12))
}

func (f *form) valueWidth() int { return max(f.w-f.labelWidth()-3, 10) }

// focusPath moves the cursor to the field at path; it reports whether the
// form has that field.
func (f *form) focusPath(path string) bool {
	for i, d := range f.fields {
		if d.Path == path {
			f.cursor, f.atEnd = i, false
			f.changed()
			return true
		}
	}
	return false
}

func (f *form) current() fieldDef { return f.fields[f.cursor] }

// typing reports whether keys go to the form: a field or its end is being
// typed in.
func (f *form) typing() bool { return f.editing }

// dirty reports whether a field is being typed in with a changed value.
func (f *form) dirty() bool {
	if !f.editing || f.atEnd || len(f.fields) == 0 {
		return false
	}
	d := f.current()
	if d.Kind == kindChoice {
		return false
	}
	return f.input.Value() != f.value(d)
}

func (f *form) rawValue() string {
	d := f.current()
	if d.Kind == kindChoice {
		return d.Choices[f.choice].Value
	}
	return f.input.Value()
}

// startEdit begins typing in the field under the cursor.
func (f *form) startEdit() tea.Cmd {
	if len(f.fields) == 0 {
		return nil
	}
	d := f.current()
	f.editing, f.atEnd, f.err = true, false, ""
	f.changed()
	if d.Kind == kindChoice {
		stored := f.stored(d.Path)
		if stored == "" && f.preset != nil {
			stored = f.preset(d)
		}
		f.choice = 0
		for i, c := range d.Choices {
			if c.Value == stored {
				f.choice = i
			}
		}
		return nil
	}
	f.input.SetValue(f.value(d))
	f.input.Placeholder = d.Placeholder
	f.input.CursorEnd()
	return f.input.Focus()
}

// stopEdit leaves typing, dropping what was typed and not saved.
func (f *form) stopEdit() {
	f.editing, f.atEnd, f.err = false, false, ""
	f.input.Blur()
	f.changed()
}

// save commits the field being typed in; on an error the field stays open
// with the error.
func (f *form) save() (tea.Cmd, bool) {
	d := f.current()
	raw := f.rawValue()
	if d.Kind != kindChoice && raw == f.value(d) {
		return nil, true
	}
	if d.Kind == kindChoice && raw == f.stored(d.Path) {
		return nil, true
	}
	cmd, err := f.commit(d, raw)
	if err != nil {
		f.err = err.Error()
		return nil, false
	}
	return cmd, true
}

// advance saves the field and goes on by delta fields, typing there, or
// to the end of the form after the last one.
func (f *form) advance(delta int) tea.Cmd {
	cmd, ok := f.save()
	f.changed()
	if !ok {
		return nil
	}
	next := f.cursor + delta
	switch {
	case f.single && delta > 0:
		f.stopEdit()
		if f.finish != nil {
			return tea.Batch(cmd, f.finish())
		}
		return cmd
	case next >= len(f.fields):
		f.atEnd, f.err = true, ""
		f.input.Blur()
		return cmd
	case next < 0:
		next = 0
	}
	f.cursor = next
	return tea.Batch(cmd, f.startEdit())
}

// actions are the form's keys as it is now: for the footer, help and
// Update alike.
func (f *form) actions() []action {
	k := f.c.Keys
	g := keyHelp.GroupForm
	switch {
	case !f.editing:
		if len(f.fields) == 0 {
			return nil
		}
		return []action{
			act(k.Edit, g, f.startEdit).named(keyHelp.Type),
			act(k.Down, g, func() tea.Cmd { f.move(1); return nil }).hidden(),
			act(k.Up, g, func() tea.Cmd { f.move(-1); return nil }).hidden(),
			act(k.NextField, g, func() tea.Cmd { f.move(1); return nil }).hidden(),
			act(k.PrevField, g, func() tea.Cmd { f.move(-1); return nil }).hidden(),
		}
	case f.atEnd:
		finish := act(k.Save, g, func() tea.Cmd {
			f.stopEdit()
			if f.finish != nil {
				return f.finish()
			}
			return nil
		}).named(f.finishLabel)
		return []action{
			finish,
			act(k.PrevField, g, func() tea.Cmd { f.cursor = len(f.fields) - 1; return f.startEdit() }).named(keyHelp.PrevField),
			act(k.ArrowUp, g, func() tea.Cmd { f.cursor = len(f.fields) - 1; return f.startEdit() }).hidden(),
			act(k.Cancel, g, func() tea.Cmd { f.stopEdit(); return nil }).named(keyHelp.StopTyping),
		}
	}
	save := act(k.Save, g, func() tea.Cmd { return f.advance(1) }).named(keyHelp.SaveNext)
	if f.single {
		save = save.named(keyHelp.Save)
	}
	acts := []action{
		save,
		act(k.NextField, g, func() tea.Cmd { return f.advance(1) }).hidden(),
		act(k.PrevField, g, func() tea.Cmd { return f.advance(-1) }).named(keyHelp.PrevField),
		act(k.Cancel, g, func() tea.Cmd { f.stopEdit(); return nil }).named(keyHelp.Cancel),
	}
	if f.single {
		acts = append(acts[:1], acts[3])
	}
	if f.current().Kind == kindChoice {
		n := len(f.current().Choices)
		acts = append([]action{
			act(k.ArrowUp, g, func() tea.Cmd { f.choice = (f.choice + n - 1) % n; return nil }).named(keyHelp.Choose),
			act(k.ArrowDown, g, func() tea.Cmd { f.choice = (f.choice + 1) % n; return nil }).hidden(),
			act(k.Left, g, func() tea.Cmd { f.choice = (f.choice + n - 1) % n; return nil }).hidden(),
			act(k.Right, g, func() tea.Cmd { f.choice = (f.choice + 1) % n; return nil }).hidden(),
			act(k.Space, g, func() tea.Cmd { f.choice = (f.choice + 1) % n; return nil }).hidden(),
		}, acts...)
	} else if !f.single {
		acts = append(acts,
			act(k.ArrowDown, g, func() tea.Cmd { return f.advance(1) }).hidden(),
			act(k.ArrowUp, g, func() tea.Cmd { return f.advance(-1) }).hidden())
	}
	return acts
}

func (f *form) move(delta int) {
	if len(f.fields) == 0 {
		return
	}
	f.cursor = (f.cursor + delta + len(f.fields)) % len(f.fields)
	f.changed()
}

// Update handles a message; handled is false when the form did not use
// it, so the screen may.
func (f *form) Update(msg tea.Msg) (handled bool, cmd tea.Cmd) {
	f.changed()
	defer f.layout()
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if !f.editing || f.atEnd || f.current().Kind == kindChoice {
			return f.editing, nil
		}
		f.input, cmd = f.input.Update(cleanInput(msg))
		f.err = ""
		return true, cmd
	case tea.KeyPressMsg:
		if n := key1to9(msg); n > 0 && f.editing && !f.atEnd && f.current().Kind == kindChoice {
			// An option's number chooses it.
			if n <= len(f.current().Choices) {
				f.choice = n - 1
			}
			return true, nil
		}
		if cmd, ok := dispatch(msg, f.actions()); ok {
			return true, cmd
		}
		if !f.editing {
			return false, nil
		}
		if f.atEnd || f.current().Kind == kindChoice {
			// Past the last field, or on a choice, typed text changes nothing.
			if msg.Text != "" {
				f.err = formTypedPast
				if !f.atEnd {
					f.err = choiceTyped
				}
			}
			return true, nil
		}
		f.input, cmd = f.input.Update(cleanInput(msg))
		f.err = ""
		return true, cmd
	}
	return false, nil
}

// View is the form as last drawn.
func (f *form) View() string { return f.view }

// render draws the form, scrolled so that the cursor shows.
func (f *form) render() {
	st := f.c.Styles
	lw, vw := f.labelWidth(), f.valueWidth()
	pad := strings.Repeat(" ", lw+3)
	var rows []string
	var starts []int
	focusTop, focusBottom := 0, 0
	for i, d := range f.fields {
		starts = append(starts, len(rows))
		focused := i == f.cursor && !f.atEnd
		mark, labelStyle := "  ", st.Label
		if focused {
			mark, labelStyle = st.Selected.Render("▸ "), st.FocusLabel
		}
		var value []string
		selTop := 0
		switch {
		case focused && f.editing && d.Kind == kindChoice:
			for j, c := range d.Choices {
				box, style := "( ) ", st.Value
				if j == f.choice {
					box, style = "(•) ", st.Selected
					selTop = len(value)
				}
				num := "  "
				if j < 9 {
					num = strconv.Itoa(j+1) + " "
				}
				for k, l := range strings.Split(wrap(c.Label, vw-6), "\n") {
					if k == 0 {
						value = append(value, st.Muted.Render(num)+style.Render(box+l))
					} else {
						value = append(value, "      "+style.Render(l))
					}
				}
			}
		case focused && f.editing:
			value = []string{f.input.View()}
		default:
			v := f.shown(d)
			if v == "" {
				value = []string{st.Placeholder.Render("—")}
			} else {
				value = strings.Split(st.Value.Render(wrap(v, vw)), "\n")
			}
		}
		labels := strings.Split(wrap(d.Label, lw-1), "\n")
		start := len(rows)
		for j := range max(len(labels), len(value)) {
			l, v := "", ""
			if j < len(labels) {
				l = labelStyle.Render(labels[j])
			}
			if j < len(value) {
				v = value[j]
			}
			m := "  "
			if j == 0 {
				m = mark
			}
			rows = append(rows, m+padRight(l, lw)+" "+v)
		}
		if focused {
			var extra []string
			if f.editing && f.err != "" {
				extra = append(extra, strings.Split(st.Error.Render(wrap(f.err, vw)), "\n")...)
			}
			if f.editing && f.hint != nil {
				for _, l := range f.hint(d, f.rawValue(), vw) {
					extra = append(extra, st.Accent.Render(l))
				}
			}
			if d.Help != "" {
				extra = append(extra, strings.Split(st.Muted.Render(wrap(d.Help, vw)), "\n")...)
			}
			for _, l := range extra {
				rows = append(rows, pad+l)
			}
			focusTop, focusBottom = start, len(rows)
			if d.Kind == kindChoice && f.editing {
				focusTop = start + selTop
				focusBottom = max(focusBottom, focusTop+1)
			}
		}
	}
	end := st.Muted.Render("  " + formEndMark)
	if f.atEnd {
		end = st.Selected.Render("▸ ✓ ") + indent(st.OK.Render(wrap(f.endNote, f.w-4)), 4)[4:]
		if f.err != "" {
			end += "\n" + indent(st.Error.Render(wrap(f.err, f.w-4)), 4)
		}
		focusTop = len(rows)
		focusBottom = focusTop + lineCount(end)
	}
	if !f.single {
		rows = append(rows, strings.Split(end, "\n")...)
	}
	f.view = f.window(rows, starts, focusTop, focusBottom)
}

// window cuts rows to the form's height around the focused rows, on a
// field's first line, and says how much is above and below.
func (f *form) window(rows []string, starts []int, top, bottom int) string {
	if len(rows) <= f.h {
		f.offset = 0
		return strings.Join(rows, "\n")
	}
	h := f.h - 1 // the last line says what is above and below
	if bottom-f.offset > h {
		f.offset = bottom - h
	}
	if top < f.offset {
		f.offset = top
	}
	f.offset = max(min(f.offset, len(rows)-h), 0)
	for _, s := range starts {
		if s >= f.offset {
			if s <= top && s+h >= bottom {
				f.offset = s
			}
			break
		}
	}
	last := min(f.offset+h, len(rows))
	above, below := 0, 0
	for i, s := range starts {
		if s < f.offset {
			above = i + 1
		}
		if s >= last {
			below++
		}
	}
	var parts []string
	switch {
	case above == 1:
		parts = append(parts, formAboveOne)
	case above > 1:
		parts = append(parts, fmt.Sprintf(formAbove, above))
	}
	switch {
	case below == 1:
		parts = append(parts, formBelowOne)
	case below > 1:
		parts = append(parts, fmt.Sprintf(formBelow, below))
	case last < len(rows):
		parts = append(parts, formBelowEnd)
	}
	return strings.Join(rows[f.offset:last], "\n") + "\n" + f.c.Styles.Accent.Render(truncate(strings.Join(parts, " · "), f.w))
}
