package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap is every key of the program, with the words help and the footer
// show for it (keyHelp in text.go).
type KeyMap struct {
	Quit, Interrupt, Help, Back, New, Open, Delete, Undo, Letter, Filter, Up, Down key.Binding
	Edit, Save, Cancel, NextField, PrevField, NextStep, PrevStep, Finish, Guide    key.Binding
	Checklist, Notice, Calls, Docs, Codes, Letters, Actions                        key.Binding
	Fine, Found, Unchecked, Present, Absent, Add, Remove, Status                   key.Binding
	ScrollUp, ScrollDown, NextLetter, PrevLetter, Export, PDF, Copy, Jump, AllGaps key.Binding
	Calendar                                                                       key.Binding
	Left, Right, ArrowUp, ArrowDown, Space, Confirm                                key.Binding
}

// DefaultKeyMap returns the keys of the program.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	h := keyHelp
	return KeyMap{
		Quit:       b("q", h.Quit, "q"),
		Interrupt:  b("ctrl+c", h.Interrupt, "ctrl+c"),
		Help:       b("?", h.Help, "?"),
		Back:       b("esc", h.Back, "esc"),
		New:        b("n", h.New, "n"),
		Open:       b("enter", h.Open, "enter"),
		Delete:     b("d", h.Delete, "d"),
		Undo:       b("u", h.Undo, "u"),
		Letter:     b("e", h.Letter, "e"),
		Filter:     b("/", h.Filter, "/"),
		Up:         b("↑", h.Up, "up", "k"),
		Down:       b("↓", h.Down, "down", "j"),
		Edit:       b("enter", h.Edit, "enter"),
		Save:       b("enter", h.Save, "enter"),
		Cancel:     b("esc", h.Cancel, "esc"),
		NextField:  b("tab", h.NextField, "tab"),
		PrevField:  b("shift+tab", h.PrevField, "shift+tab"),
		NextStep:   b("]", h.NextStep, "]", "pgdown"),
		PrevStep:   b("[", h.PrevStep, "[", "pgup"),
		Finish:     b("f", h.Finish, "f"),
		Guide:      b("g", h.Guide, "g"),
		Checklist:  b("x", h.Checklist, "x"),
		Notice:     b("n", h.Notice, "n"),
		Calls:      b("c", h.Calls, "c"),
		Docs:       b("o", h.Docs, "o"),
		Codes:      b("r", h.Codes, "r"),
		Letters:    b("l", h.Letters, "l"),
		Actions:    b("1-9", h.Actions, "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		Fine:       b("y", h.Fine, "y"),
		Found:      b("e", h.Found, "e"),
		Unchecked:  b("u", h.Unchecked, "u"),
		Present:    b("y", h.Present, "y"),
		Absent:     b("m", h.Absent, "m"),
		Add:        b("a", h.Add, "a"),
		Remove:     b("d", h.Remove, "d", "delete"),
		Status:     b("space", h.Status, "space"),
		ScrollUp:   b("↑", h.Scroll, "up", "k"),
		ScrollDown: b("↓", h.Scroll, "down", "j", "space"),
		NextLetter: b("tab", h.NextLetter, "tab"),
		PrevLetter: b("shift+tab", h.PrevLetter, "shift+tab"),
		Export:     b("s", h.Export, "s"),
		PDF:        b("p", h.PDF, "p"),
		Calendar:   b("c", h.Calendar, "c"),
		Copy:       b("y", h.Copy, "y"),
		Jump:       b("1-9", h.Jump, "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		AllGaps:    b("a", h.AllGaps, "a"),
		Left:       b("←", h.Choose, "left"),
		Right:      b("→", h.Choose, "right"),
		ArrowUp:    b("↑", h.Up, "up"),
		ArrowDown:  b("↓", h.Down, "down"),
		Space:      b("space", h.Choose, "space"),
		Confirm:    b("enter", h.Confirm, "enter"),
	}
}

// action is one key binding as data: its keys and words, what it does,
// and, when it cannot be used now, why. The footer, help and the handler
// all read the same list, so they cannot disagree: a key shown works, and
// a key that cannot work says why, in the footer and when pressed.
type action struct {
	key key.Binding
	do  func() tea.Cmd
	// off says why the key cannot be used now; "" when it can. brief
	// says it in a few words, for the footer.
	off, brief string
	// group is the heading help lists the key under.
	group string
	// hide keeps the key out of the footer (help still lists it).
	hide bool
	// explain shows the key in the footer with its reason when it cannot
	// be used; other keys that cannot be used stay out of the footer.
	explain bool
}

// act makes an action of binding b doing do.
func act(b key.Binding, group string, do func() tea.Cmd) action {
	return action{key: b, do: do, group: group}
}

// unless returns a with the reason it cannot be used, when why is not "".
func (a action) unless(why string) action {
	a.off = why
	return a
}

// explained returns a shown in the footer with its reason, in brief,
// when it cannot be used.
func (a action) explained(brief string) action {
	a.explain, a.brief = true, brief
	return a
}

// hidden returns a kept out of the footer.
func (a action) hidden() action {
	a.hide = true
	return a
}

// named returns a with other words in help and the footer.
func (a action) named(desc string) action {
	a.key.SetHelp(a.key.Help().Key, desc)
	return a
}

// dispatch runs the first action whose keys k matches: its command, or,
// when it cannot be used now, a status message saying why. It reports
// whether an action took k.
func dispatch(k tea.KeyPressMsg, acts []action) (tea.Cmd, bool) {
	for _, a := range acts {
		if !key.Matches(k, a.key) {
			continue
		}
		if a.off != "" {
			return send(statusMsg{text: a.key.Help().Desc + ": " + a.off, err: true}), true
		}
		if a.do == nil {
			return nil, true
		}
		return a.do(), true
	}
	return nil, false
}
