package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/overturn/overturn/workflow"
)

// pane is what the main pane of the case screen shows.
type pane int

const (
	paneStep pane = iota
	paneChecklist
	paneCalls
	paneDocs
	paneNotice
)

const sidebarWidth = 30

// derived is what the case screen computes from the case, once per edit.
type derived struct {
	rev      int
	missing  [8][]workflow.Missing // by step
	done     [8]bool
	actions  []workflow.Action
	deadline workflow.Deadline
	hasDue   bool
	letters  int
	cost     workflow.CostShareResult
}

// caseScreen is one case: the seven steps and the EOB checklist on the left,
// the step being worked on in the main pane.
type caseScreen struct {
	c    *Common
	s    *session
	d    derived
	view workflow.Step
	pane pane
	form *form // the form of the step shown

	checkCursor int
	checkForm   *form // details of the checklist item, when it has any
	formFocus   bool  // the checklist or entry form has the keys

	entryCursor int
	entryForm   *form
	guideOnly   bool // the main pane shows the whole guide text of the step
	w, h        int
}

func newCaseScreen(c *Common, s *session) *caseScreen {
	cs := &caseScreen{c: c, s: s, d: derived{rev: -1}}
	cs.view = s.c.Step
	if r := s.c.Resume; r.Step >= workflow.StepEOB && r.Step <= workflow.StepEscalate {
		cs.view = r.Step
	}
	cs.buildStepForm()
	if f := s.c.Resume.Field; f != "" {
		cs.form.focusPath(f)
	}
	return cs
}

// stepFieldList is the form of a step: its own fields, one pair per policy
// criterion on step 2, and any fact the step still needs that no form has.
func (cs *caseScreen) stepFieldList() []fieldDef { return stepFieldsFor(cs.s.c, cs.view) }

// stepFieldsFor is the form of step of case c.
func stepFieldsFor(c *workflow.Case, step workflow.Step) []fieldDef {
	defs := slices.Clone(stepFields[step])
	if step == workflow.StepReason {
		crit := c.Denial.Policy.Criteria
		for i := range crit {
			defs = append(defs,
				fieldDef{Path: fmt.Sprintf("denial.policy.criteria[%d].text", i), Label: fmt.Sprintf(criterionLabel, i+1), Kind: kindLong},
				fieldDef{Path: fmt.Sprintf("denial.policy.criteria[%d].evidence", i), Label: fmt.Sprintf(evidenceLabel, i+1), Kind: kindLong})
		}
		defs = append(defs, fieldDef{Path: fmt.Sprintf("denial.policy.criteria[%d].text", len(crit)), Label: fmt.Sprintf(criterionLabel, len(crit)+1), Kind: kindLong})
	}
	for _, m := range workflow.StepMissing(c, step) {
		if listPaths[m.Field] || checklistIndex(m.Field) >= 0 || slices.ContainsFunc(defs, func(d fieldDef) bool { return d.Path == m.Field }) {
			continue
		}
		d := findField(m.Field, m.Label)
		d.Label = m.Label
		defs = append(defs, d)
	}
	return defs
}

// commitStep stores a field of the step form, and rebuilds the form when the
// list of fields changed with it (a new criterion, a fact now given).
func (cs *caseScreen) commitStep(def fieldDef, raw string) (tea.Cmd, error) {
	step := cs.s.c.Step
	cmd, err := cs.s.apply(def, raw)
	if err != nil {
		return nil, err
	}
	if now := cs.s.c.Step; now != step {
		// A decision moved the case (an upheld appeal goes to step 7).
		cs.view = now
		cs.buildStepForm()
		return tea.Batch(cmd, send(statusMsg{text: fmt.Sprintf(stepMoved, int(now), now.Title())})), nil
	}
	defs := cs.stepFieldList()
	if !slices.EqualFunc(defs, cs.form.fields, func(a, b fieldDef) bool { return a.Path == b.Path && a.Label == b.Label }) {
		cs.form.fields = defs
		cs.form.cursor = min(cs.form.cursor, len(defs)-1)
	}
	return cmd, nil
}

func (cs *caseScreen) buildStepForm() {
	cs.form = newForm(cs.c, cs.stepFieldList(), cs.s.value, cs.commitStep)
	cs.form.hint = decoderHint(cs.c)
	cs.form.preset = func(def fieldDef) string {
		if def.Path == "denial.category" {
			return string(suggestCategory(cs.c, splitCodes(cs.s.value("eob.codes"))))
		}
		return ""
	}
	cs.SetSize(cs.w, cs.h)
}

func (cs *caseScreen) refresh() {
	if cs.d.rev == cs.s.rev {
		return
	}
	c, now := cs.s.c, cs.c.Now()
	d := derived{rev: cs.s.rev}
	for st := workflow.StepEOB; st <= workflow.StepEscalate; st++ {
		d.missing[st] = workflow.StepMissing(c, st)
		d.done[st] = workflow.StepDone(c, st)
	}
	d.actions = workflow.NextActions(c, cs.c.Ref, now)
	d.deadline, d.hasDue = workflow.NextDeadline(c, now)
	if cs.c.Letters != nil {
		d.letters = len(cs.c.Letters.Offers(c, now))
	}
	d.cost = workflow.CheckCostShare(c)
	cs.d = d
}

// listPaths are facts that are lists of entries; a jump to one opens its pane.
var listPaths = map[string]bool{"documents": true, "calls": true, "appeals": true, "denial.notice": true}

// openList shows the pane or step where a list fact is filled.
func (cs *caseScreen) openList(path string) {
	switch path {
	case "documents":
		cs.pane = paneDocs
	case "calls":
		cs.pane = paneCalls
	case "appeals":
		cs.pane, cs.view = paneStep, workflow.StepFile
		cs.buildStepForm()
	case "denial.notice":
		cs.pane, cs.entryCursor = paneNotice, 0
	}
}

// rememberPlace records the step and field shown, for the next visit.
func (cs *caseScreen) rememberPlace() {
	field := ""
	if len(cs.form.fields) > 0 {
		field = cs.form.current().Path
	}
	cs.s.setResume(cs.view, field)
}

func (cs *caseScreen) mainWidth() int { return max(cs.w-sidebarWidth-3, 20) }

func (cs *caseScreen) SetSize(w, h int) {
	cs.w, cs.h = w, h
	mw := cs.mainWidth()
	cs.form.SetSize(mw, max(h/2, 4))
	if cs.checkForm != nil {
		cs.checkForm.SetSize(mw, max(h/3, 3))
	}
	if cs.entryForm != nil {
		cs.entryForm.SetSize(mw, max(h-6, 4))
	}
}

// activeForm is the form that has the keys, if any.
func (cs *caseScreen) activeForm() *form {
	switch cs.pane {
	case paneStep:
		if cs.guideOnly {
			return nil
		}
		return cs.form
	case paneChecklist:
		if cs.formFocus {
			return cs.checkForm
		}
	case paneCalls, paneDocs:
		if cs.formFocus {
			return cs.entryForm
		}
	}
	return nil
}

// finishReason says why the shown step cannot be marked done, or "".
func (cs *caseScreen) finishReason() string {
	cs.refresh()
	m := cs.d.missing[cs.view]
	switch {
	case cs.view > cs.s.c.Step:
		return fmt.Sprintf(needsPrefix+stepFirst, int(cs.s.c.Step))
	case cs.view < cs.s.c.Step && len(m) == 0:
		return alreadyDone
	case cs.view == workflow.StepEscalate && len(m) == 0:
		return lastStep
	}
	if len(m) > 0 {
		labels := make([]string, len(m))
		for i, x := range m {
			labels[i] = x.Label
		}
		return needsPrefix + strings.Join(labels, ", ")
	}
	return ""
}

func (cs *caseScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	if f := cs.activeForm(); f != nil {
		if handled, cmd := f.Update(msg); handled {
			return cs, cmd
		}
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return cs, nil
	}
	switch cs.pane {
	case paneChecklist:
		return cs, cs.updateChecklist(k)
	case paneCalls, paneDocs:
		return cs, cs.updateEntries(k)
	case paneNotice:
		return cs, cs.updateNotice(k)
	}
	return cs, cs.updateStep(k)
}

func (cs *caseScreen) updateStep(k tea.KeyPressMsg) tea.Cmd {
	keys := cs.c.Keys
	switch {
	case key.Matches(k, keys.Quit):
		return send(quitMsg{})
	case key.Matches(k, keys.Guide):
		cs.guideOnly = !cs.guideOnly
	case cs.guideOnly && key.Matches(k, keys.Back):
		cs.guideOnly = false
	case key.Matches(k, keys.Back):
		cs.rememberPlace()
		return tea.Batch(cs.s.save(), send(backToListMsg{}))
	case key.Matches(k, keys.NextStep) && cs.view < workflow.StepEscalate:
		cs.view++
		cs.buildStepForm()
	case key.Matches(k, keys.PrevStep) && cs.view > workflow.StepEOB:
		cs.view--
		cs.buildStepForm()
	case key.Matches(k, keys.Finish):
		if cs.finishReason() != "" {
			return nil
		}
		next := cs.view + 1
		cmd, err := cs.s.mutate(func(c *workflow.Case) error { return workflow.GoTo(c, next) })
		if err != nil {
			return send(statusMsg{err.Error(), true})
		}
		cs.view = next
		cs.buildStepForm()
		return tea.Batch(cmd, send(statusMsg{text: fmt.Sprintf(stepFinished, int(next-1), next.Title())}))
	case key.Matches(k, keys.Checklist):
		return cs.openChecklist(cs.checkCursor, false)
	case key.Matches(k, keys.Calls):
		cs.pane, cs.formFocus, cs.entryCursor = paneCalls, false, 0
	case key.Matches(k, keys.Docs):
		cs.pane, cs.formFocus, cs.entryCursor = paneDocs, false, 0
	case key.Matches(k, keys.Notice):
		cs.openList("denial.notice")
	case key.Matches(k, keys.Letters):
		cs.rememberPlace()
		return tea.Batch(cs.s.save(), send(openLettersMsg{}))
	case key.Matches(k, keys.Jump):
		n, _ := strconv.Atoi(k.String())
		cs.refresh()
		if n >= 1 && n <= len(cs.d.actions) && cs.d.actions[n-1].Field != "" {
			return cs.jump(cs.d.actions[n-1].Field, cs.d.actions[n-1].Text)
		}
	}
	return nil
}

// jump goes to the field at path: in the step form when it is there, else in
// a small dialog.
func (cs *caseScreen) jump(path, label string) tea.Cmd {
	if cs.form.focusPath(path) {
		return cs.form.startEdit()
	}
	if i := checklistIndex(path); i >= 0 {
		return cs.openChecklist(i, strings.HasSuffix(path, ".details"))
	}
	if listPaths[path] {
		cs.openList(path)
		return nil
	}
	return send(jumpMsg{missing: workflow.Missing{Field: path, Label: label}})
}

// checklistIndex returns the checklist item a path belongs to
// ("eob_errors.cpt.status"), or -1.
func checklistIndex(path string) int {
	if path == "cost_share" || strings.HasPrefix(path, "cost_share.") {
		return slices.IndexFunc(checkItems, func(c checkItem) bool { return c.Key == "cost_share" })
	}
	rest, ok := strings.CutPrefix(path, "eob_errors.")
	if !ok {
		return -1
	}
	key, _, _ := strings.Cut(rest, ".")
	return slices.IndexFunc(checkItems, func(c checkItem) bool { return c.Key == key })
}

// openChecklist shows checklist item i, its details form focused when asked.
func (cs *caseScreen) openChecklist(i int, details bool) tea.Cmd {
	cs.pane, cs.checkCursor = paneChecklist, i
	cs.buildCheckForm()
	if details && cs.checkForm != nil {
		cs.formFocus = true
		return cs.checkForm.startEdit()
	}
	return nil
}

// checkStatus returns the checklist item at i.
func checkAt(c *workflow.Case, i int) *workflow.Check {
	e := &c.EOBErrors
	return []*workflow.Check{&e.Network, &e.CPT, &e.Duplicate, &e.CostShare, &e.PriorAuth}[i]
}

func (cs *caseScreen) buildCheckForm() {
	item := checkItems[cs.checkCursor]
	var defs []fieldDef
	if checkAt(cs.s.c, cs.checkCursor).Status == workflow.CheckError {
		defs = append(defs, fieldDef{Path: "eob_errors." + item.Key + ".details", Label: item.Details, Kind: kindLong})
	}
	if item.Key == "cost_share" {
		defs = append(defs, costShareFields...)
	}
	cs.checkForm = nil
	if len(defs) > 0 {
		cs.checkForm = newForm(cs.c, defs, cs.s.value, cs.s.apply)
	}
	cs.formFocus = false
	cs.SetSize(cs.w, cs.h)
}

func (cs *caseScreen) updateChecklist(k tea.KeyPressMsg) tea.Cmd {
	keys := cs.c.Keys
	if cs.formFocus {
		if key.Matches(k, keys.Back) {
			cs.formFocus = false
		}
		return nil
	}
	mark := func(st workflow.CheckStatus) tea.Cmd {
		i := cs.checkCursor
		cmd, _ := cs.s.mutate(func(c *workflow.Case) error {
			checkAt(c, i).Status = st
			return nil
		})
		cs.buildCheckForm()
		if st == workflow.CheckError && cs.checkForm != nil {
			cs.formFocus = true
			return tea.Batch(cmd, cs.checkForm.startEdit())
		}
		return cmd
	}
	switch {
	case key.Matches(k, keys.Quit):
		return send(quitMsg{})
	case key.Matches(k, keys.Back):
		cs.pane = paneStep
	case key.Matches(k, keys.Up):
		cs.checkCursor = (cs.checkCursor + len(checkItems) - 1) % len(checkItems)
		cs.buildCheckForm()
	case key.Matches(k, keys.Down):
		cs.checkCursor = (cs.checkCursor + 1) % len(checkItems)
		cs.buildCheckForm()
	case key.Matches(k, keys.Found):
		return mark(workflow.CheckError)
	case key.Matches(k, keys.Fine):
		return mark(workflow.CheckOK)
	case key.Matches(k, keys.Edit) && cs.checkForm != nil:
		cs.formFocus = true
	}
	return nil
}

func (cs *caseScreen) entryCount() int {
	if cs.pane == paneCalls {
		return len(cs.s.c.Calls)
	}
	return len(cs.s.c.Documents)
}

func (cs *caseScreen) openEntry(i int) tea.Cmd {
	defs := docFields
	if cs.pane == paneCalls {
		defs = callFields
	}
	cs.entryForm = newForm(cs.c, withIndex(defs, i), cs.s.value, cs.s.apply)
	cs.entryForm.chain = true
	cs.entryCursor, cs.formFocus = i, true
	cs.SetSize(cs.w, cs.h)
	return cs.entryForm.startEdit()
}

func (cs *caseScreen) updateEntries(k tea.KeyPressMsg) tea.Cmd {
	keys := cs.c.Keys
	if cs.formFocus {
		if key.Matches(k, keys.Back) {
			cs.formFocus = false
		}
		return nil
	}
	n := cs.entryCount()
	if cmd, ok := cs.rowKeys(k, n); ok {
		return cmd
	}
	switch {
	case key.Matches(k, keys.Add):
		calls := cs.pane == paneCalls
		now := cs.c.Now().Truncate(time.Minute)
		cmd, _ := cs.s.mutate(func(c *workflow.Case) error {
			if calls {
				c.Calls = append(c.Calls, workflow.Call{At: now, With: workflow.CallMemberServices})
			} else {
				c.Documents = append(c.Documents, workflow.Document{Kind: workflow.DocOther, Status: workflow.DocNeeded})
			}
			return nil
		})
		return tea.Batch(cmd, cs.openEntry(n))
	case key.Matches(k, keys.Edit) && n > 0:
		return cs.openEntry(cs.entryCursor)
	case key.Matches(k, keys.Remove) && n > 0:
		i, calls := cs.entryCursor, cs.pane == paneCalls
		return send(confirmMsg{title: entryRemove, body: cs.entryLine(i, cs.mainWidth()-6), yes: func() tea.Msg {
			return removeEntryMsg{cs: cs, calls: calls, i: i}
		}})
	}
	return nil
}

// rowKeys handles the keys the panes of rows (calls, documents, the notice
// check) share: quit, back to the step, and moving over n rows. It reports
// whether k was one of them.
func (cs *caseScreen) rowKeys(k tea.KeyPressMsg, n int) (tea.Cmd, bool) {
	keys := cs.c.Keys
	switch {
	case key.Matches(k, keys.Quit):
		return send(quitMsg{}), true
	case key.Matches(k, keys.Back):
		cs.pane = paneStep
	case key.Matches(k, keys.Up):
		cs.entryCursor = max(cs.entryCursor-1, 0)
	case key.Matches(k, keys.Down):
		cs.entryCursor = min(cs.entryCursor+1, max(n-1, 0))
	default:
		return nil, false
	}
	return nil, true
}

// removeEntryMsg removes a call or document after the person confirmed.
type removeEntryMsg struct {
	cs    *caseScreen
	calls bool
	i     int
}

func (cs *caseScreen) removeEntry(msg removeEntryMsg) tea.Cmd {
	cmd, err := cs.s.mutate(func(c *workflow.Case) error {
		if msg.calls && msg.i < len(c.Calls) {
			c.Calls = append(c.Calls[:msg.i], c.Calls[msg.i+1:]...)
		}
		if !msg.calls && msg.i < len(c.Documents) {
			c.Documents = append(c.Documents[:msg.i], c.Documents[msg.i+1:]...)
		}
		return nil
	})
	if err != nil {
		return send(statusMsg{err.Error(), true})
	}
	cs.entryCursor = max(min(cs.entryCursor, cs.entryCount()-1), 0)
	return tea.Batch(cmd, send(statusMsg{text: entryRemoved}))
}

func (cs *caseScreen) entryLine(i, w int) string {
	return truncate(entryText(cs.s.c, cs.pane == paneCalls, i), w)
}

// entryText describes call i (or document i) of c on one line.
func entryText(c *workflow.Case, calls bool, i int) string {
	if calls {
		call := c.Calls[i]
		parts := []string{call.At.Format("2006-01-02 15:04"), choiceLabel(callWithChoices, string(call.With))}
		for _, p := range []string{call.Rep, call.Reference, call.Outcome} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		return strings.Join(parts, " · ")
	}
	doc := c.Documents[i]
	parts := []string{choiceLabel(docKindChoices, string(doc.Kind)), choiceLabel(docStatusChoices, string(doc.Status))}
	if doc.Description != "" {
		parts = append(parts, doc.Description)
	}
	return strings.Join(parts, " · ")
}

// updateNotice handles the denial-notice check: each element the rules
// require, marked present or missing.
func (cs *caseScreen) updateNotice(k tea.KeyPressMsg) tea.Cmd {
	keys := cs.c.Keys
	elems := workflow.NoticeElements(cs.s.c)
	set := func(present bool) tea.Cmd {
		if cs.entryCursor >= len(elems) {
			return nil
		}
		id := elems[cs.entryCursor].ID
		cmd, _ := cs.s.mutate(func(c *workflow.Case) error {
			if c.Denial.Notice == nil {
				c.Denial.Notice = map[string]bool{}
			}
			c.Denial.Notice[id] = present
			return nil
		})
		cs.entryCursor = min(cs.entryCursor+1, max(len(elems)-1, 0))
		return cmd
	}
	if cmd, ok := cs.rowKeys(k, len(elems)); ok {
		return cmd
	}
	switch {
	case key.Matches(k, keys.Present):
		return set(true)
	case key.Matches(k, keys.Absent):
		return set(false)
	}
	return nil
}

func (cs *caseScreen) noticeView() string {
	st := cs.c.Styles
	w := cs.mainWidth()
	c := cs.s.c
	lines := []string{st.Heading.Render(noticeTitle), st.Muted.Render(wrap(noticeIntro, w)), ""}
	elems := workflow.NoticeElements(c)
	if len(elems) == 0 {
		return strings.Join(append(lines, st.Muted.Render(wrap(noticeNone, w))), "\n")
	}
	for i, e := range elems {
		present, checked := c.Denial.Notice[e.ID]
		mark := st.Muted.Render("○")
		switch {
		case checked && present:
			mark = st.OK.Render("✓")
		case checked:
			mark = st.Danger.Render("✗")
		}
		text := truncate(e.Text, w-4)
		if i == cs.entryCursor {
			lines = append(lines, st.Selected.Render("▸ ")+mark+" "+st.Selected.Render(text))
		} else {
			lines = append(lines, "  "+mark+" "+text)
		}
	}
	if cs.entryCursor < len(elems) {
		e := elems[cs.entryCursor]
		lines = append(lines, "", wrap(e.Text, w), st.Muted.Render(wrap(e.Cite, w)))
	}
	if ok, why := workflow.DeemedExhaustion(c); ok {
		lines = append(lines, "", st.Warn.Render(wrap(why, w)))
	}
	return strings.Join(lines, "\n")
}

func (cs *caseScreen) Header() (string, string) {
	cs.refresh()
	st := cs.c.Styles
	c := cs.s.c
	claim := caseHeaderNoClaim
	if c.Claim.Number != "" {
		claim = fmt.Sprintf(caseHeaderClaim, safe(c.Claim.Number))
	}
	right := st.Muted.Render(noDeadlineHeader)
	if cs.d.hasDue {
		dl := cs.d.deadline
		days := cs.c.today().DaysUntil(dl.Due)
		title := dl.Title
		if cs.w < 100 {
			title = fmt.Sprintf(headerDue, dl.Due.Time().Format("Jan 2"))
		}
		var text string
		switch {
		case days == 0:
			text = fmt.Sprintf(headerDeadlineDay, title)
		case days < 0:
			text = fmt.Sprintf(headerDeadlineLate, title, daysWords(days))
		default:
			text = fmt.Sprintf(headerDeadline, title, daysWords(days))
		}
		right = urgencyStyle(st, days).Render(truncate(text, cs.w/2))
	}
	rest := " · " + claim + " · " + safe(c.Insurer)
	titleW := max(cs.w-lipgloss.Width(right)-lipgloss.Width(rest)-4, 12)
	return st.Title.Render(truncate(displayTitle(c.Title), titleW)) + st.Muted.Render(rest), right
}

func (cs *caseScreen) View() string {
	cs.refresh()
	side := cutHeight(cs.sidebar(), cs.h)
	var main string
	switch cs.pane {
	case paneChecklist:
		main = cs.checklistView()
	case paneCalls, paneDocs:
		main = cs.entriesView()
	case paneNotice:
		main = cs.noticeView()
	default:
		main = cs.stepView()
	}
	// The rule is cs.h lines tall: the columns beside it are as tall.
	return joinColumns(side, " ", cs.c.vrule(cs.h), " ", cutHeight(main, cs.h))
}

func (cs *caseScreen) sidebar() string {
	st := cs.c.Styles
	c := cs.s.c
	w := sidebarWidth
	var lines []string
	for _, info := range workflow.Steps(nil) {
		mark := st.Muted.Render("○")
		switch {
		case cs.d.done[info.Step]:
			mark = st.OK.Render("✓")
		case info.Step == c.Step:
			mark = st.Accent.Render("●")
		}
		text := truncate(fmt.Sprintf("%d %s", int(info.Step), info.Title), w-5)
		if info.Step == cs.view && cs.pane == paneStep {
			lines = append(lines, st.Selected.Render("▸")+mark+" "+st.Selected.Render(text))
		} else {
			lines = append(lines, " "+mark+" "+text)
		}
	}
	lines = append(lines, "")
	keyHint := func(b key.Binding) string { return " " + st.Key.Render(b.Help().Key) }
	head := sidebarChecklist
	if cs.pane == paneChecklist {
		head = st.Selected.Render(head)
	}
	lines = append(lines, " "+head+keyHint(cs.c.Keys.Checklist))
	for i, item := range checkItems {
		lines = append(lines, "   "+checkMark(st, checkAt(c, i).Status)+" "+truncate(item.Title, w-6))
	}
	lines = append(lines, "")
	have := 0
	for _, d := range c.Documents {
		if d.Status == workflow.DocHave {
			have++
		}
	}
	extra := []struct {
		text string
		key  key.Binding
		on   bool
	}{
		{noticeTitle, cs.c.Keys.Notice, cs.pane == paneNotice},
		{fmt.Sprintf(sidebarLetters, cs.d.letters), cs.c.Keys.Letters, false},
		{fmt.Sprintf(sidebarCalls, len(c.Calls)), cs.c.Keys.Calls, cs.pane == paneCalls},
		{fmt.Sprintf(sidebarDocs, have, len(c.Documents)), cs.c.Keys.Docs, cs.pane == paneDocs},
	}
	for _, e := range extra {
		text := e.text
		if e.on {
			text = st.Selected.Render(text)
		}
		lines = append(lines, " "+text+keyHint(e.key))
	}
	return strings.Join(lines, "\n")
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

func (cs *caseScreen) stepView() string {
	st := cs.c.Styles
	w := cs.mainWidth()
	info := cs.view.Info(cs.c.Ref.Insurer(cs.s.c.Insurer))
	mark := ""
	if cs.d.done[cs.view] {
		mark = "  " + st.OK.Render("✓ "+stepDoneMark)
	}
	head := st.Heading.Render(truncate(fmt.Sprintf(stepHeading, int(info.Step), info.Title), w-lipgloss.Width(mark))) + mark
	if line := cs.statusLine(w); line != "" {
		head += "\n" + line
	}
	next := cs.nextView(w)
	guide := strings.Split(st.Muted.Render(wrap(info.Why, w))+"\n\n"+wrap(info.Do, w), "\n")
	if cs.guideOnly {
		if len(guide) > cs.h-2 {
			guide = guide[:cs.h-2]
		}
		return strings.Join([]string{head, "", strings.Join(guide, "\n")}, "\n")
	}
	formRows := min(len(cs.form.fields)+1, max(cs.h/4, 4))
	if cs.form.editing {
		formRows += 3
	}
	guideH := max(cs.h-lineCount(head)-1-2-formRows-1-lineCount(next), 3)
	if len(guide) > guideH {
		// Keep what to do whole where possible: the why gives up lines first.
		why := strings.Split(wrap(info.Why, w), "\n")
		do := strings.Split(wrap(info.Do, w), "\n")
		keepWhy := max(min(len(why), guideH-1-len(do)), 1)
		if keepWhy < len(why) {
			why = why[:keepWhy]
			why[keepWhy-1] = truncate(why[keepWhy-1], w-1) + "…"
		}
		for i := range why {
			why[i] = st.Muted.Render(why[i])
		}
		guide = append(append(why, ""), do...)
		if len(guide) > guideH {
			guide = guide[:guideH]
			more := " … " + cs.c.Keys.Guide.Help().Key + " " + keyHelp.Guide
			guide[guideH-1] = truncate(ansiStrip(guide[guideH-1]), w-lipgloss.Width(more)) + st.Accent.Render(more)
		}
	}
	cs.form.SetSize(w, max(cs.h-lineCount(head)-1-len(guide)-2-1-lineCount(next), 3))
	parts := []string{head, "", strings.Join(guide, "\n"), "", st.Heading.Render(factsLabel), cs.form.View(), "", next}
	return strings.Join(parts, "\n")
}

// statusLine says how a case that is no longer open ended, or "".
func (cs *caseScreen) statusLine(w int) string {
	st := cs.c.Styles
	c := cs.s.c
	switch c.Status {
	case workflow.StatusResolved:
		how := c.Resolution
		if how == "" {
			how = statusResolved
		}
		return st.OK.Render(truncate(fmt.Sprintf(caseResolved, how), w))
	case workflow.StatusExhausted:
		return st.Warn.Render(truncate(caseExhausted, w))
	case workflow.StatusClosed:
		return st.Muted.Render(truncate(caseClosed, w))
	}
	return ""
}

func (cs *caseScreen) nextView(w int) string {
	st := cs.c.Styles
	if len(cs.d.actions) == 0 {
		return st.Heading.Render(nextLabel+": ") + st.Muted.Render(noNextActions)
	}
	// The first action is shown whole (up to three lines), the next two on
	// a line each.
	var lines []string
	pad := strings.Repeat(" ", lipgloss.Width(nextLabel)+2)
	for i, a := range cs.d.actions[:min(len(cs.d.actions), 3)] {
		prefix := pad
		if i == 0 {
			prefix = st.Heading.Render(nextLabel + ": ")
		}
		num := ""
		if a.Field != "" {
			num = st.Key.Render(strconv.Itoa(i+1)) + " "
		}
		style := st.Value
		if a.Urgent {
			style = st.Warn
		}
		tw := w - len(pad) - lipgloss.Width(num)
		text := truncate(a.Text, tw)
		if i == 0 {
			wrapped := strings.Split(wrap(a.Text, tw), "\n")
			if len(wrapped) > 3 {
				wrapped = wrapped[:3]
				wrapped[2] = ansi.Truncate(wrapped[2], tw-1, "") + "…"
			}
			text = strings.Join(wrapped, "\n"+pad+strings.Repeat(" ", lipgloss.Width(num)))
		}
		lines = append(lines, prefix+num+style.Render(text))
	}
	return strings.Join(lines, "\n")
}

func (cs *caseScreen) checklistView() string {
	st := cs.c.Styles
	w := cs.mainWidth()
	c := cs.s.c
	lines := []string{st.Heading.Render(checklistTitle)}
	if !cs.formFocus {
		lines = append(lines, st.Muted.Render(wrap(checklistIntro, w)))
	}
	lines = append(lines, "")
	for i, item := range checkItems {
		status := checkAt(c, i).Status
		words := map[workflow.CheckStatus]string{workflow.CheckOK: checkOK, workflow.CheckError: checkFound}[status]
		if words == "" {
			words = checkNotChecked
		}
		row := checkMark(st, status) + " " + padRight(truncate(item.Title, w-18), w-17) + " " + st.Muted.Render(words)
		if i == cs.checkCursor {
			lines = append(lines, st.Selected.Render("▸ ")+row)
		} else {
			lines = append(lines, "  "+row)
		}
	}
	item := checkItems[cs.checkCursor]
	if !cs.formFocus {
		lines = append(lines, "", st.Heading.Render(spotLabel), wrap(item.Spot, w))
	}
	if checkAt(c, cs.checkCursor).Status == workflow.CheckError {
		lines = append(lines, st.Heading.Render(fixLabel), wrap(item.Fix, w))
	}
	if item.Key == "cost_share" && !cs.formFocus {
		lines = append(lines, "", st.Heading.Render(costShareTitle))
		lines = append(lines, cs.costShareLines(w)...)
	}
	if cs.checkForm != nil {
		used := lineCount(strings.Join(lines, "\n")) + 1
		cs.checkForm.SetSize(w, max(cs.h-used, 3))
		lines = append(lines, "", cs.checkForm.View())
	}
	return strings.Join(lines, "\n")
}

func (cs *caseScreen) costShareLines(w int) []string {
	st := cs.c.Styles
	r := cs.d.cost
	if !r.Complete {
		var labels []string
		for _, m := range r.Missing {
			if !slices.ContainsFunc(costShareFields, func(d fieldDef) bool { return d.Path == m.Field }) {
				labels = append(labels, m.Label)
			}
		}
		text := costShareNeeds
		if len(labels) > 0 {
			text += " " + fmt.Sprintf(costShareAlso, strings.Join(labels, ", "))
		}
		return []string{st.Muted.Render(wrap(text, w))}
	}
	var out []string
	for _, l := range r.Working {
		out = append(out, wrap(l, w))
	}
	if r.NoSurprises != "" {
		out = append(out, wrap(r.NoSurprises, w))
	}
	return out
}

func (cs *caseScreen) entriesView() string {
	st := cs.c.Styles
	w := cs.mainWidth()
	title, intro, empty := callsTitle, callsIntro, callsEmpty
	if cs.pane == paneDocs {
		title, intro, empty = docsTitle, docsIntro, docsEmpty
	}
	lines := []string{st.Heading.Render(title), st.Muted.Render(wrap(intro, w)), ""}
	n := cs.entryCount()
	if n == 0 {
		lines = append(lines, st.Muted.Render(wrap(empty, w)))
	}
	listH := max(cs.h-len(lines)-12, 3)
	start := max(min(cs.entryCursor-listH+1, n-listH), 0)
	if cs.entryCursor < start {
		start = cs.entryCursor
	}
	for i := start; i < min(n, start+listH); i++ {
		if i == cs.entryCursor {
			lines = append(lines, st.Selected.Render("▸ "+cs.entryLine(i, w-2)))
		} else {
			lines = append(lines, "  "+cs.entryLine(i, w-2))
		}
	}
	if cs.formFocus && cs.entryForm != nil {
		lines = append(lines, "", cs.entryForm.View())
	}
	return strings.Join(lines, "\n")
}

func (cs *caseScreen) ShortHelp() []key.Binding {
	k := cs.c.Keys
	if f := cs.activeForm(); f != nil && f.editing {
		return f.help()
	}
	switch cs.pane {
	case paneChecklist:
		if cs.formFocus {
			return append(cs.checkForm.help(), k.Back)
		}
		return []key.Binding{k.Up, k.Down, k.Found, k.Fine, k.Edit, k.Back}
	case paneCalls, paneDocs:
		if cs.formFocus {
			return append(cs.entryForm.help(), k.Back)
		}
		return []key.Binding{k.Add, k.Edit, k.Remove, k.Back}
	case paneNotice:
		return []key.Binding{k.Up, k.Down, k.Present, k.Absent, k.Back}
	}
	finish := k.Finish
	finish.SetEnabled(cs.finishReason() == "")
	if cs.guideOnly {
		g := k.Guide
		g.SetHelp(g.Help().Key, keyHelp.GuideClose)
		return []key.Binding{g, k.Back}
	}
	return []key.Binding{k.Edit, finish, k.Steps, k.Guide, k.Back}
}

// FullHelp lists every key of the case screen. The keys of one pane (f
// and o in the EOB check, say) also mean something else elsewhere, so they
// are listed with the pane they work in.
func (cs *caseScreen) FullHelp() [][]key.Binding {
	k := cs.c.Keys
	in := func(where string, b key.Binding) key.Binding {
		b.SetHelp(b.Help().Key, where+": "+b.Help().Desc)
		return b
	}
	h := keyHelp
	return [][]key.Binding{
		{k.Up, k.Down, k.Edit, k.Save, k.Cancel, k.NextField},
		{k.NextStep, k.PrevStep, k.Finish, k.Jump, k.Guide, k.Back},
		{k.Checklist, k.Notice, k.Calls, k.Docs, k.Letters, k.Help, k.Quit},
		{in(h.Checklist, k.Found), in(h.Checklist, k.Fine), in(h.Notice, k.Present), in(h.Notice, k.Absent),
			in(h.Entries, k.Add), in(h.Entries, k.Remove)},
	}
}

func (cs *caseScreen) Disabled() map[string]string {
	if r := cs.finishReason(); r != "" {
		return map[string]string{keyHelp.Finish: r}
	}
	return nil
}

func (cs *caseScreen) Dirty() string {
	if f := cs.activeForm(); f != nil && f.dirty() {
		return f.current().Label
	}
	return ""
}

func (cs *caseScreen) Typing() bool {
	f := cs.activeForm()
	return f != nil && f.editing
}
