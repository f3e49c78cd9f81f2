// Package tui is Overturn's terminal program: the screens people use to work
// through an appeal.
//
// It is built as the good Charm programs are. One root model (model.go)
// owns the flow, an enum of full screens (the case list, the new-case form,
// a case, its letters), and a stack of overlays above them (confirm, help,
// export, one fact, a letter's gaps). Screens are components sharing one
// Common (size, Styles, KeyMap, the clock and the engine); each draws in
// its Update what its View then returns. The case screen is a shell
// (casescreen.go: the sidebar and the routing of keys) and one file per
// pane (pane_*.go: the step, the EOB check, the notice check, the calls and
// documents, the reason codes).
//
// Every key is data (keys.go): an action has its keys, its words, what it
// does and, when it cannot be used now, why. The footer, help and Update
// read the same actions, so a key shown works and a key that cannot work
// says why. Every fact is typed in the one form of form.go, with one Enter
// model: enter saves and goes on, the end of the form takes every key, and
// keys wait a moment after a form closes, so typed words are never
// commands.
//
// The open case lives in a session, which applies each answer to a clone of
// the typed case (casefile.Get and Set, by the fact's case-file path, the
// path workflow.Missing and the letters' gaps name), refuses what the case
// file could not hold, and saves one edit at a time through commands, so
// Update never does I/O and an older save never overwrites a newer one; a
// failed save is shown and retried. Changes beyond one fact are the
// workflow's case operations (workflow/ops.go). The case list reads the
// store a page at a time, and its filter searches the store in commands,
// so a large store costs the start screen no more than a small one.
//
// All wording is in text.go, field tables included. Accessible mode
// (accessible.go, prompt.go) asks the same fields and calls the same
// session and operations as plain questions and answers, a line each, on
// any input: a terminal, a pipe or a file.
package tui
