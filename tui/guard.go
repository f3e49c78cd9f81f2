package tui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/overturn/overturn/internal/crash"
)

// stopMsg asks the program to stop (a signal came): it saves what is
// finished and quits without asking anything.
type stopMsg struct{}

// panickedMsg reports a panic in a command.
type panickedMsg struct{ report *crash.Report }

// guarded runs the root model so that a panic anywhere in it stops the
// program in order: the first panic is recorded, the open case is saved if
// it can be, and the program quits through Bubble Tea, which restores the
// terminal. A second panic quits at once.
type guarded struct {
	m       *model
	crashed *crash.Report
	send    func(tea.Msg) // to the running program, for a panic in View
}

func (g *guarded) Init() (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			cmd = g.crash(crash.New(r))
		}
	}()
	return guardCmd(g.m.Init())
}

func (g *guarded) Update(msg tea.Msg) (res tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			res, cmd = g, g.crash(crash.New(r))
		}
	}()
	if pm, ok := msg.(panickedMsg); ok {
		return g, g.crash(pm.report)
	}
	_, cmd = g.m.Update(msg)
	return g, guardCmd(cmd)
}

func (g *guarded) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			v = tea.View{AltScreen: true}
			report := crash.New(r)
			go g.send(panickedMsg{report: report})
		}
	}()
	return g.m.View()
}

// crash records a panic and returns how to stop.
func (g *guarded) crash(r *crash.Report) tea.Cmd {
	if g.crashed != nil {
		return tea.Quit
	}
	g.crashed = r
	return guardCmd(g.m.stop())
}

// guardCmd returns cmd turned so that a panic in it becomes a panickedMsg,
// and so are the commands of a batch it returns.
func guardCmd(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = panickedMsg{report: crash.New(r)}
			}
		}()
		msg = cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			for i := range b {
				b[i] = guardCmd(b[i])
			}
		}
		return msg
	}
}

// stop saves every finished edit and quits, asking nothing: a signal or a
// crash does not wait for an answer.
func (m *model) stop() tea.Cmd {
	m.stopping = true
	if p := m.pending(); p != nil {
		m.quitting = true
		if cmd := p.save(); cmd != nil || p.saving {
			return cmd
		}
	}
	return tea.Quit
}
