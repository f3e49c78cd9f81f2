// Command floor is the smallest useful Bubble Tea v2 program: the speed
// floor the harness measures Overturn against. It shows a line in the
// alternate screen and, on every key, the key and a count; q quits. With
// -box the line ends in a box-drawing character, as every frame of
// Overturn has: the first character beyond U+02FF that a program draws
// makes the terminal library build its character-width tables.
package main

import (
	"fmt"
	"os"

	tea "charm.land/bubbletea/v2"
)

type model struct {
	line  string // the first line, with its newline
	last  string
	count int
}

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if k.String() == "q" || k.String() == "ctrl+c" {
			return m, tea.Quit
		}
		m.last, m.count = k.String(), m.count+1
	}
	return m, nil
}

func (m model) View() tea.View {
	s := m.line
	if m.count > 0 {
		s += fmt.Sprintf("key %s, %d keys\n", m.last, m.count)
	}
	v := tea.NewView(s)
	v.AltScreen = true
	return v
}

func main() {
	m := model{line: "floor ready\n"}
	if len(os.Args) > 1 && os.Args[1] == "-box" {
		m.line = "floor ready ─\n"
	}
	if _, err := tea.NewProgram(m).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
