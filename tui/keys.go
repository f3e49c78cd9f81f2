package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every key of the program. Bindings that do not apply on a screen
// are disabled, not hidden; the footer says why.
type KeyMap struct {
	Quit, Help, Back, New, Open, Delete, Undo, Letter, Filter, Up, Down  key.Binding
	Edit, Save, Cancel, NextField, PrevField, NextStep, PrevStep, Finish key.Binding
	Checklist, Calls, Docs, Letters, Found, Fine, Add, Remove            key.Binding
	ScrollUp, ScrollDown, NextLetter, Export, Copy, Jump, Left, Right    key.Binding
	Steps, Guide, Notice, Present, Absent, Yes, No, ForceQuit            key.Binding
	PDF, Calendar                                                        key.Binding
}

// DefaultKeyMap returns the keys of the program.
func DefaultKeyMap() KeyMap {
	b := func(help string, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	h := keyHelp
	return KeyMap{
		Quit:       b("q", h.Quit, "q"),
		ForceQuit:  b("ctrl+c", h.Quit, "ctrl+c"),
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
		Steps:      b("[ ]", h.Steps, "[", "]"),
		Guide:      b("g", h.Guide, "g"),
		Notice:     b("n", h.Notice, "n"),
		Present:    b("p", h.Present, "p"),
		Absent:     b("m", h.Absent, "m"),
		Finish:     b("f", h.Finish, "f"),
		Checklist:  b("x", h.Checklist, "x"),
		Calls:      b("c", h.Calls, "c"),
		Docs:       b("o", h.Docs, "o"),
		Letters:    b("l", h.Letters, "l"),
		Found:      b("f", h.Found, "f"),
		Fine:       b("o", h.Fine, "o"),
		Add:        b("a", h.Add, "a"),
		Remove:     b("d", h.Remove, "d", "delete"),
		ScrollUp:   b("↑", h.Scroll, "up", "k"),
		ScrollDown: b("↓", h.Scroll, "down", "j", "space"),
		NextLetter: b("tab", h.NextLetter, "tab"),
		Export:     b("s", h.Export, "s"),
		PDF:        b("p", h.PDF, "p"),
		Calendar:   b("c", h.Calendar, "c"),
		Copy:       b("y", h.Copy, "y"),
		Jump:       b("1-9", h.Jump, "1", "2", "3", "4", "5", "6", "7", "8", "9"),
		Left:       b("←", h.Choose, "left"),
		Right:      b("→", h.Choose, "right"),
		Yes:        b("y", h.Yes, "y"),
		No:         b("n", h.No, "n", "esc"),
	}
}
