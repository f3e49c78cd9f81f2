// Package tui is Overturn's terminal program: the screens people use to work
// through an appeal.
//
// It is built as the good Charm programs are. One root model (model.go)
// owns the flow, an enum of full screens (the case list, the new-case form,
// a case, its letters), and a stack of overlays above them (confirm, help,
// export, one field). Screens are components sharing one Common (size,
// Styles, KeyMap, the clock and the engine). The open case lives in a
// session, which counts edits and saves them one at a time through
// commands, so Update never does I/O and an older save never overwrites a
// newer one; a failed save is shown and retried. The case list reads the
// store a page at a time, and its filter searches the store in commands,
// so a large store costs the start screen no more than a small one.
//
// Every fact a form asks for is named by its case-file path
// ("claim.number", "appeals[0].filed"), the same path workflow.Missing
// uses, so any missing fact can be jumped to and filled where it is named.
// All wording is in text.go. Accessible mode (accessible.go) runs the same
// flow as huh's accessible prompts, one question at a time.
package tui
