// Package workflow is the appeal engine: the case model and its case-file
// form, the seven steps as a state machine, the EOB error checklist, the
// deadline engine, the denial-code decoder, the cost-sharing check,
// validation and letter rendering.
//
// It uses the standard library only. It never reads the clock: every
// function that needs "today" takes it as an argument. Templates and data
// tables reach it as an fs.FS (see package assets), so it never imports
// them itself.
//
// The rules it implements, with their sources, are in shared/domain/rules.md.
package workflow
