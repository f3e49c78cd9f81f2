package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles are every style of the program, built from a few colours named for
// what they mean. No colour appears anywhere else.
type Styles struct {
	Title, Tagline, Muted, Accent, OK, Warn, Danger              lipgloss.Style
	Rule, Heading, Selected, Label, Value, Placeholder, Error    lipgloss.Style
	FocusLabel, Editing, Key, KeyDesc, KeyOff, Status, StatusErr lipgloss.Style
	Box, BarDone, BarTodo                                        lipgloss.Style
}

// NewStyles returns the styles for a dark or light background. With noColor
// the styles use only bold, faint, underline and reverse.
func NewStyles(dark, noColor bool) Styles {
	ld := lipgloss.LightDark(dark)
	pick := func(light, darkHex string) color.Color {
		if noColor {
			return nil
		}
		return ld(lipgloss.Color(light), lipgloss.Color(darkHex))
	}
	var (
		accent = pick("#5A3FC0", "#A493F5")
		muted  = pick("#6B6B6B", "#8F8F8F")
		ok     = pick("#1E7B36", "#5FD07E")
		warn   = pick("#8A5A00", "#E8B34A")
		danger = pick("#B3261E", "#FF6B61")
		rule   = pick("#C8C8C8", "#4A4A4A")
	)
	fg := func(c color.Color) lipgloss.Style {
		s := lipgloss.NewStyle()
		if c != nil {
			s = s.Foreground(c)
		}
		return s
	}
	s := Styles{
		Title:       fg(accent).Bold(true),
		Tagline:     fg(muted),
		Muted:       fg(muted),
		Accent:      fg(accent),
		OK:          fg(ok),
		Warn:        fg(warn).Bold(noColor),
		Danger:      fg(danger).Bold(true),
		Rule:        fg(rule),
		Heading:     fg(accent).Bold(true),
		Selected:    fg(accent).Bold(true),
		Label:       fg(muted),
		Value:       lipgloss.NewStyle(),
		Placeholder: fg(muted).Faint(noColor),
		Error:       fg(danger),
		FocusLabel:  fg(accent).Bold(true),
		Editing:     lipgloss.NewStyle().Underline(true),
		Key:         fg(accent).Bold(true),
		KeyDesc:     fg(muted),
		KeyOff:      fg(muted).Faint(true),
		Status:      fg(ok),
		StatusErr:   fg(danger).Bold(true),
		BarDone:     fg(accent),
		BarTodo:     fg(rule),
	}
	box := lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).Padding(0, 1)
	if !noColor {
		box = box.BorderForeground(accent)
	}
	s.Box = box
	return s
}
