package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/overturn/overturn/workflow"
)

// paneID names a pane of the case screen.
type paneID int

const (
	paneNone paneID = iota
	paneStep
	paneChecklist
	paneNotice
	paneCalls
	paneDocs
	paneCodes
)

// pane is one part of the case screen, a component with its own update
// and view: the step, the EOB check, the notice check, the calls, the
// documents, the reason codes. The shell (this file) routes keys to it
// and draws the sidebar beside it.
type pane interface {
	Update(tea.Msg) tea.Cmd
	// View is the pane as last drawn.
	View() string
	SetSize(w, h int)
	// Actions are the pane's own keys as they are now.
	Actions() []action
	Typing() bool
	Dirty() string
	// refresh asks the pane's questions again from the case, and draws it.
	refresh()
	// render draws the pane again.
	render()
}

// derived is what the case screen computes from the case, once per edit.
type derived struct {
	rev      int
	missing  [8][]workflow.Missing // by step
	actions  []workflow.Action
	deadline workflow.Deadline
	hasDue   bool
	letters  int
	sit      workflow.Situation
	filed    bool // an appeal was sent
}

// caseScreen is one case: the seven steps, the checks and the lists in the
// sidebar, and the pane being worked on beside it.
type caseScreen struct {
	c     *Common
	s     *session
	d     *derived
	pane  paneID
	panes map[paneID]pane
	w, h  int
	side  struct {
		key  sideKey
		text string
	}
	view string
}

// sidebarWidth is the sidebar's width in a window w cells wide: it grows
// with the window.
func sidebarWidth(w int) int { return min(max(w*2/7, 28), 46) }

func newCaseScreen(c *Common, s *session, at paneID) *caseScreen {
	cs := &caseScreen{c: c, s: s, d: &derived{rev: -1}, pane: paneStep, w: c.Width, h: c.Height - 4}
	cs.derive()
	view := s.c.Step
	if r := s.c.Resume; r.Step.Valid() {
		view = r.Step
	}
	step := newStepPane(c, s, cs.d, view)
	if f := s.c.Resume.Field; f != "" && at == paneNone {
		step.form.focusPath(f)
	}
	cs.panes = map[paneID]pane{
		paneStep:      step,
		paneChecklist: newChecklistPane(c, s),
		paneNotice:    newNoticePane(c, s),
		paneCalls:     newCallsPane(c, s),
		paneDocs:      newDocsPane(c, s),
		paneCodes:     newCodesPane(c, s),
	}
	if at != paneNone {
		cs.pane = at
	}
	cs.SetSize(cs.w, cs.h)
	return cs
}

// paneFor returns the pane where the fact at path is filled, or paneNone
// when a form field fills it.
func paneFor(path string) paneID {
	switch {
	case path == "documents" || strings.HasPrefix(path, "documents["):
		return paneDocs
	case path == "calls" || strings.HasPrefix(path, "calls["):
		return paneCalls
	case path == "denial.notice" || strings.HasPrefix(path, "denial.notice."):
		return paneNotice
	case checklistIndex(path) >= 0:
		return paneChecklist
	case path == "appeals":
		return paneStep
	}
	return paneNone
}

func (cs *caseScreen) step() *stepPane { return cs.panes[paneStep].(*stepPane) }

// jump shows the field or list at path.
func (cs *caseScreen) jump(path, label string) tea.Cmd {
	defer cs.render()
	switch p := paneFor(path); p {
	case paneChecklist:
		cs.show(paneChecklist)
		return cs.panes[paneChecklist].(*checklistPane).open(checklistIndex(path), strings.HasSuffix(path, ".details") || strings.HasPrefix(path, "cost_share"))
	case paneDocs, paneCalls, paneNotice:
		cs.show(p)
		return nil
	}
	cs.show(paneStep)
	return cs.step().jump(path, label)
}

// show makes p the pane in view.
func (cs *caseScreen) show(p paneID) {
	cs.pane = p
	cs.panes[p].refresh()
	cs.render()
}

// derive computes what the screen shows from the case, when it changed.
func (cs *caseScreen) derive() {
	if cs.d.rev == cs.s.rev {
		return
	}
	c, now := cs.s.c, cs.c.Now()
	d := derived{rev: cs.s.rev, sit: workflow.SituationOf(c)}
	for st := workflow.StepEOB; st <= workflow.StepEscalate; st++ {
		d.missing[st] = workflow.StepMissing(c, st)
	}
	d.actions = workflow.NextActions(c, cs.c.Ref, now)
	d.deadline, d.hasDue = workflow.NextDeadline(c, now)
	if cs.c.Letters != nil {
		d.letters = len(cs.c.Letters.Offers(c, now))
	}
	for _, a := range c.Appeals {
		d.filed = d.filed || !a.Filed.IsZero()
	}
	*cs.d = d
}

// ready reports whether step s can be finished: it and every step before
// it have every fact they need.
func (d *derived) ready(s workflow.Step) bool {
	for st := workflow.StepEOB; st <= s; st++ {
		if len(d.missing[st]) > 0 {
			return false
		}
	}
	return true
}

// rememberPlace records the step and field shown, for the next visit.
func (cs *caseScreen) rememberPlace() {
	st := cs.step()
	field := ""
	if len(st.form.fields) > 0 {
		field = st.form.current().Path
	}
	cs.s.setResume(st.view, field)
}

func (cs *caseScreen) mainWidth() int { return max(cs.w-sidebarWidth(cs.w)-3, 30) }

func (cs *caseScreen) SetSize(w, h int) {
	cs.w, cs.h = w, h
	cs.sync()
	for _, p := range cs.panes {
		p.SetSize(cs.mainWidth(), h)
	}
	cs.render()
}

// Actions are the keys of the case: the pane's own first, then those of
// every pane (the sidebar's), unless the pane is typing.
func (cs *caseScreen) Actions() []action {
	p := cs.panes[cs.pane]
	if p.Typing() {
		return p.Actions()
	}
	return append(p.Actions(), cs.shellActions()...)
}

// shellActions are the keys that work from every pane: those the sidebar
// shows, the steps, finishing a step, back.
func (cs *caseScreen) shellActions() []action {
	k := cs.c.Keys
	g := keyHelp.GroupCase
	to := func(p paneID) func() tea.Cmd {
		return func() tea.Cmd {
			if cs.pane == p && p != paneStep {
				cs.show(paneStep)
				return nil
			}
			cs.show(p)
			return nil
		}
	}
	st := cs.step()
	back := act(k.Back, g, func() tea.Cmd {
		if cs.pane != paneStep {
			cs.show(paneStep)
			return nil
		}
		cs.rememberPlace()
		return tea.Batch(cs.s.save(), send(backToListMsg{}))
	})
	if cs.pane == paneStep {
		back = back.named(keyHelp.BackToList)
	}
	prev := act(k.PrevStep, g, func() tea.Cmd { cs.show(paneStep); return st.goTo(st.view - 1) }).hidden()
	next := act(k.NextStep, g, func() tea.Cmd { cs.show(paneStep); return st.goTo(st.view + 1) }).named(keyHelp.Steps)
	if st.view <= workflow.StepEOB {
		prev = prev.unless(firstStep)
	}
	if st.view >= workflow.StepEscalate {
		next = next.unless(lastStep)
	}
	why, brief := st.finishReason()
	finish := act(k.Finish, g, func() tea.Cmd { cs.show(paneStep); return st.finish() }).unless(why).explained(brief)
	if cs.pane != paneStep {
		finish = finish.hidden()
	}
	return []action{
		finish,
		next, prev,
		act(k.Checklist, g, to(paneChecklist)).hidden(),
		act(k.Notice, g, to(paneNotice)).hidden(),
		act(k.Codes, g, to(paneCodes)).hidden(),
		act(k.Calls, g, to(paneCalls)).hidden(),
		act(k.Docs, g, to(paneDocs)).hidden(),
		act(k.Letters, g, func() tea.Cmd {
			cs.rememberPlace()
			return tea.Batch(cs.s.save(), send(openLettersMsg{}))
		}).hidden(),
		back,
	}
}

// sync derives again what the screen shows when the case changed outside
// it (a dialog over it saved a fact).
func (cs *caseScreen) sync() {
	if cs.d.rev == cs.s.rev {
		return
	}
	cs.derive()
	for _, q := range cs.panes {
		q.refresh()
	}
}

func (cs *caseScreen) Update(msg tea.Msg) tea.Cmd {
	defer cs.render()
	cs.sync()
	p := cs.panes[cs.pane]
	rev := cs.s.rev
	var cmd tea.Cmd
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.Typing() {
		var done bool
		if cmd, done = dispatch(k, cs.Actions()); !done {
			cmd = p.Update(msg)
		}
	} else {
		cmd = p.Update(msg)
	}
	if cs.s.rev != rev {
		cs.sync()
	}
	cs.current().render()
	return cmd
}

// Place is the pane and the step in view.
func (cs *caseScreen) Place() string {
	return fmt.Sprintf("case/%d/%d", cs.pane, cs.step().view)
}

func (cs *caseScreen) Dirty() string { return cs.panes[cs.pane].Dirty() }
func (cs *caseScreen) Typing() bool  { return cs.panes[cs.pane].Typing() }
func (cs *caseScreen) View() string  { return cs.view }
func (cs *caseScreen) current() pane { return cs.panes[cs.pane] }

// sideKey is what the sidebar depends on.
type sideKey struct {
	rev, w, h int
	view      workflow.Step
	pane      paneID
	dark      bool
}

// render draws the sidebar beside the pane; the sidebar is drawn again
// only when what it shows changed.
func (cs *caseScreen) render() {
	k := sideKey{rev: cs.s.rev, w: cs.w, h: cs.h, view: cs.step().view, pane: cs.pane, dark: cs.c.Dark}
	if cs.side.key != k {
		cs.side.key, cs.side.text = k, padRight(cutHeight(cs.sidebar(), cs.h), sidebarWidth(cs.w))
	}
	side := cs.side.text
	main := cutHeight(cs.current().View(), cs.h)
	// The rule is as tall as the body: the columns beside it are too.
	cs.view = joinColumns(side, " ", cs.c.vrule(), " ", main)
}

func (cs *caseScreen) Header() (string, string) {
	st := cs.c.Styles
	c := cs.s.c
	rest := ""
	switch {
	case c.Claim.Number != "":
		rest = " · " + fmt.Sprintf(caseHeaderClaim, safe(c.Claim.Number))
	case !c.Denial.Review.BeforeCare():
		rest = " · " + caseHeaderNoClaim
	}
	left := st.Title.Render(safe(displayTitle(c.Title))) + st.Muted.Render(rest+" · "+safe(c.Insurer))
	return left, cs.deadlineWords()
}

// deadlineWords says the next deadline for the top line: for urgent care
// not yet appealed, that the appeal goes now by phone and fax.
func (cs *caseScreen) deadlineWords() string {
	st := cs.c.Styles
	c := cs.s.c
	switch {
	case c.Status != workflow.StatusOpen && c.Status != "":
		return st.Muted.Render(statusWords(c.Status))
	case cs.d.sit.Urgent && !cs.d.filed:
		return st.Danger.Render(headerUrgent)
	case c.Plan.Type == workflow.PlanGovernment:
		return st.Warn.Render(headerGovernment)
	case !cs.d.hasDue:
		return st.Muted.Render(noDeadlineHeader)
	}
	dl := cs.d.deadline
	days := cs.c.today().DaysUntil(dl.Due)
	due := dl.Due.Time().Format("Jan 2")
	if !dl.DueTime.IsZero() {
		due = dl.DueTime.Add(-1).Format("Jan 2 15:04")
	}
	text := fmt.Sprintf(headerDeadline, dl.Title, due, daysWords(days))
	if lipgloss.Width(text) > cs.w/2-2 {
		text = fmt.Sprintf(headerDeadlineShort, due, daysWords(days))
	}
	return urgencyStyle(st, days).Render(text)
}

// sidebar lists the steps with their marks, the EOB checks and the other
// panes with their keys.
func (cs *caseScreen) sidebar() string {
	st := cs.c.Styles
	c := cs.s.c
	w := sidebarWidth(cs.w)
	step := cs.step()
	var lines []string
	for s := workflow.StepEOB; s <= workflow.StepEscalate; s++ {
		mark := stepMark(st, c, cs.d, s)
		text := truncate(fmt.Sprintf("%d %s", int(s), s.TitleFor(c)), w-4)
		if s == step.view && cs.pane == paneStep {
			lines = append(lines, st.Selected.Render("▸")+mark+" "+st.Selected.Render(text))
		} else {
			lines = append(lines, " "+mark+" "+text)
		}
	}
	lines = append(lines, "")
	k := cs.c.Keys
	entry := func(text string, b paneID, keyName string) string {
		hint := " " + st.Key.Render(keyName)
		text = truncate(text, w-3-lipgloss.Width(keyName))
		if cs.pane == b {
			return st.Selected.Render("▸") + st.Selected.Render(text) + hint
		}
		return " " + text + hint
	}
	lines = append(lines, entry(sidebarChecklist, paneChecklist, k.Checklist.Help().Key))
	for _, ch := range checkItems {
		lines = append(lines, "   "+checkMark(st, ch.Of(&c.EOBErrors).Status)+" "+truncate(ch.Title, w-6))
	}
	lines = append(lines, "")
	have := 0
	for _, d := range c.Documents {
		if d.Status == workflow.DocHave {
			have++
		}
	}
	lines = append(lines,
		entry(sidebarNotice, paneNotice, k.Notice.Help().Key),
		entry(fmt.Sprintf(sidebarCodes, len(c.EOB.Codes)), paneCodes, k.Codes.Help().Key),
		entry(fmt.Sprintf(sidebarLetters, cs.d.letters), paneNone, k.Letters.Help().Key),
		entry(fmt.Sprintf(sidebarCalls, len(c.Calls)), paneCalls, k.Calls.Help().Key),
		entry(fmt.Sprintf(sidebarDocs, have, len(c.Documents)), paneDocs, k.Docs.Help().Key))
	return strings.Join(lines, "\n")
}

// stepMark is a step's mark: done (✓: passed with every fact it needs),
// ready to finish (●: the current step, it and the steps before with
// every fact they need), or not ready (○).
func stepMark(st Styles, c *workflow.Case, d *derived, s workflow.Step) string {
	switch {
	case len(d.missing[s]) == 0 && (s < c.Step || s == c.Step && c.Status != workflow.StatusOpen && c.Status != ""):
		return st.OK.Render("✓")
	case s == c.Step && d.ready(s):
		return st.Accent.Render("●")
	}
	return st.Muted.Render("○")
}

func checkMark(st Styles, s workflow.CheckStatus) string {
	switch s {
	case workflow.CheckOK:
		return st.OK.Render("✓")
	case workflow.CheckError:
		return st.Danger.Render("✗")
	}
	return st.Muted.Render("○")
}
