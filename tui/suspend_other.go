//go:build !linux

package tui

import tea "charm.land/bubbletea/v2"

// handleSuspend leaves SIGTSTP to its default action where stopping the
// process from its handler is not written (Linux only).
func handleSuspend(*tea.Program) func() { return func() {} }
