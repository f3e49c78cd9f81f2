package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
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

// form is a list of fields. Arrows move between fields; enter edits one;
// enter again saves it at once, so nothing typed is ever lost.
type form struct {
	c      *Common
	fields []fieldDef
	values func(path string) string
	commit commitFunc
	hint   hintFunc
	// preset proposes a value for an empty choice field.
	preset  func(def fieldDef) string
	chain   bool // after a save, go straight on to edit the next field
	cursor  int
	editing bool
	input   textinput.Model
	choice  int
	err     string
	width   int
	height  int
	offset  int
}

func newForm(c *Common, fields []fieldDef, values func(string) string, commit commitFunc) *form {
	in := textinput.New()
	in.Prompt = ""
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return &form{c: c, fields: fields, values: values, commit: commit, input: in, width: 60, height: 10}
}

func (f *form) SetSize(w, h int) {
	f.width, f.height = w, h
	f.input.SetWidth(max(w-f.labelWidth()-4, 10))
}

func (f *form) labelWidth() int {
	w := 0
	for _, d := range f.fields {
		w = max(w, lipgloss.Width(d.Label))
	}
	return min(w+1, max(f.width/2-2, 12))
}

// focusPath moves the cursor to the field at path; it reports whether the
// form has that field.
func (f *form) focusPath(path string) bool {
	for i, d := range f.fields {
		if d.Path == path {
			f.cursor = i
			return true
		}
	}
	return false
}

func (f *form) current() fieldDef { return f.fields[f.cursor] }

// dirty reports whether a field is being edited with a changed value.
func (f *form) dirty() bool {
	if !f.editing {
		return false
	}
	return f.rawValue() != f.values(f.current().Path)
}

func (f *form) rawValue() string {
	d := f.current()
	if d.Kind == kindChoice {
		return d.Choices[f.choice].Value
	}
	return f.input.Value()
}

// startEdit begins editing the field under the cursor.
func (f *form) startEdit() tea.Cmd {
	if len(f.fields) == 0 {
		return nil
	}
	d := f.current()
	f.editing, f.err = true, ""
	stored := f.values(d.Path)
	if d.Kind == kindChoice {
		f.choice = 0
		if stored == "" && f.preset != nil {
			stored = f.preset(d)
		}
		for i, c := range d.Choices {
			if c.Value == stored {
				f.choice = i
			}
		}
		return nil
	}
	f.input.SetValue(displayValue(d, stored))
	f.input.Placeholder = d.Placeholder
	f.input.CursorEnd()
	return f.input.Focus()
}

func (f *form) stopEdit() {
	f.editing, f.err = false, ""
	f.input.Blur()
}

// save commits the edited field; on error the field stays open with the error.
func (f *form) save() (tea.Cmd, bool) {
	d := f.current()
	raw := f.rawValue()
	if d.Kind != kindChoice && raw == displayValue(d, f.values(d.Path)) {
		f.stopEdit()
		return nil, true
	}
	cmd, err := f.commit(d, raw)
	if err != nil {
		f.err = err.Error()
		return nil, false
	}
	f.stopEdit()
	return cmd, true
}

func (f *form) move(delta int) {
	if len(f.fields) == 0 {
		return
	}
	f.cursor = (f.cursor + delta + len(f.fields)) % len(f.fields)
}

// Update handles a key; handled is false when the form did not use it, so the
// screen may.
func (f *form) Update(msg tea.Msg) (handled bool, cmd tea.Cmd) {
	k, isKey := msg.(tea.KeyPressMsg)
	keys := f.c.Keys
	if !f.editing {
		if !isKey || len(f.fields) == 0 {
			return false, nil
		}
		switch {
		case key.Matches(k, keys.Up, keys.PrevField):
			f.move(-1)
		case key.Matches(k, keys.Down, keys.NextField):
			f.move(1)
		case key.Matches(k, keys.Edit):
			return true, f.startEdit()
		default:
			return false, nil
		}
		return true, nil
	}
	if !isKey {
		if _, paste := msg.(tea.PasteMsg); paste && f.current().Kind != kindChoice {
			var c tea.Cmd
			f.input, c = f.input.Update(cleanInput(msg))
			return true, c
		}
		return false, nil
	}
	d := f.current()
	switch {
	case key.Matches(k, keys.Cancel):
		f.stopEdit()
		return true, nil
	case key.Matches(k, keys.Save), key.Matches(k, keys.NextField), key.Matches(k, keys.PrevField):
		saveCmd, ok := f.save()
		if !ok {
			return true, nil
		}
		switch {
		case key.Matches(k, keys.PrevField):
			f.move(-1)
		case f.cursor < len(f.fields)-1 || !key.Matches(k, keys.Save):
			f.move(1)
		default:
			return true, saveCmd
		}
		if f.chain || !key.Matches(k, keys.Save) {
			return true, tea.Batch(saveCmd, f.startEdit())
		}
		return true, saveCmd
	}
	if d.Kind == kindChoice {
		switch {
		case key.Matches(k, keys.Left, keys.Up):
			f.choice = (f.choice - 1 + len(d.Choices)) % len(d.Choices)
		case key.Matches(k, keys.Right, keys.Down) || k.String() == "space":
			f.choice = (f.choice + 1) % len(d.Choices)
		}
		return true, nil
	}
	var c tea.Cmd
	f.input, c = f.input.Update(cleanInput(msg))
	f.err = ""
	return true, c
}

// View renders the fields, scrolled so that the cursor shows.
func (f *form) View() string {
	st := f.c.Styles
	lw := f.labelWidth()
	vw := max(f.width-lw-3, 10)
	var rows []string
	var starts []int
	cursorTop, cursorBottom := 0, 0
	for i, d := range f.fields {
		starts = append(starts, len(rows))
		focused := i == f.cursor
		mark := "  "
		label := st.Label.Render(padRight(truncate(d.Label, lw), lw))
		if focused {
			mark = st.Selected.Render("▸ ")
			label = st.FocusLabel.Render(padRight(truncate(d.Label, lw), lw))
		}
		var value string
		switch {
		case focused && f.editing && d.Kind == kindChoice:
			choice := "‹ " + d.Choices[f.choice].Label + " ›"
			value = st.Selected.Render(choice)
			// The footer has the keys too: the hint is left out where it would be cut.
			if lipgloss.Width(choice)+2+lipgloss.Width(choiceHint) <= vw {
				value += "  " + st.Muted.Render(choiceHint)
			}
		case focused && f.editing:
			value = f.input.View()
		default:
			v := displayValue(d, f.values(d.Path))
			if v == "" {
				value = st.Placeholder.Render("—")
			} else {
				value = st.Value.Render(wrap(v, vw))
			}
		}
		lines := strings.Split(value, "\n")
		if focused {
			cursorTop = len(rows)
		}
		for j, l := range lines {
			if j == 0 {
				rows = append(rows, mark+label+" "+l)
			} else {
				rows = append(rows, strings.Repeat(" ", lw+3)+l)
			}
		}
		if focused && f.editing {
			// A label cut to fit is given whole while the field is edited.
			if lipgloss.Width(d.Label) > lw {
				for _, l := range strings.Split(wrap(d.Label, vw), "\n") {
					rows = append(rows, strings.Repeat(" ", lw+3)+st.Muted.Render(l))
				}
			}
			if f.err != "" {
				for _, l := range strings.Split(wrap(f.err, vw), "\n") {
					rows = append(rows, strings.Repeat(" ", lw+3)+st.Error.Render(l))
				}
			}
			if f.hint != nil {
				for _, l := range f.hint(d, f.rawValue(), vw) {
					rows = append(rows, strings.Repeat(" ", lw+3)+st.Accent.Render(l))
				}
			}
		}
		if focused {
			cursorBottom = len(rows)
		}
	}
	h := max(f.height, 1)
	if cursorBottom-f.offset > h {
		f.offset = cursorBottom - h
	}
	if cursorTop < f.offset {
		f.offset = cursorTop
	}
	f.offset = max(min(f.offset, len(rows)-h), 0)
	// Start the window at a field's first line, not in the middle of one.
	for _, st := range starts {
		if st >= f.offset {
			if st <= cursorTop {
				f.offset = st
			}
			break
		}
	}
	end := min(f.offset+h, len(rows))
	return strings.Join(rows[f.offset:end], "\n")
}

func (f *form) help() []key.Binding {
	k := f.c.Keys
	if f.editing {
		if f.current().Kind == kindChoice {
			return []key.Binding{k.Left, k.Save, k.Cancel}
		}
		return []key.Binding{k.Save, k.NextField, k.Cancel}
	}
	return []key.Binding{k.Up, k.Down, k.Edit}
}
