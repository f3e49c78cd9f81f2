package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/overturn/overturn/workflow"
)

// stepPane is one of the seven steps: what to do, the facts to note, and
// what comes next.
type stepPane struct {
	c         *Common
	s         *session
	d         *derived
	view      workflow.Step
	caseStep  workflow.Step // the case's step when last drawn
	form      *form
	guideOnly bool // the whole guide of the step, instead of the form
	guideTop  int  // the first line of the guide shown
	w, h      int
	frame     stepFrame
	out       string
}

func newStepPane(c *Common, s *session, d *derived, view workflow.Step) *stepPane {
	p := &stepPane{c: c, s: s, d: d, view: view, caseStep: s.c.Step, w: 50, h: 20}
	p.form = newForm(c, stepFieldsFor(s.c, view), s, p.commit)
	p.form.hint = decoderHint(c)
	p.form.preset = presetCategory(c, s)
	p.form.endNote = stepFormEnd
	return p
}

// stepFieldsFor is the form of step of case c: its own fields that apply
// to the case, one pair per policy criterion on step 2, and any fact the
// step still needs that no form has.
func stepFieldsFor(c *workflow.Case, step workflow.Step) []fieldDef {
	defs := fieldsFor(c, stepFields[step])
	if step == workflow.StepReason && (c.Denial.Category == workflow.CategoryMedicalNecessity ||
		c.Denial.Category == workflow.CategoryExperimental || len(c.Denial.Policy.Criteria) > 0) {
		crit := c.Denial.Policy.Criteria
		for i := range crit {
			defs = append(defs,
				fieldDef{Path: fmt.Sprintf("denial.policy.criteria[%d].text", i), Label: fmt.Sprintf(criterionLabel, i+1), Kind: kindLong},
				fieldDef{Path: fmt.Sprintf("denial.policy.criteria[%d].evidence", i), Label: fmt.Sprintf(evidenceLabel, i+1), Kind: kindLong})
		}
		if len(crit) < workflow.MaxListItems {
			defs = append(defs, fieldDef{Path: fmt.Sprintf("denial.policy.criteria[%d].text", len(crit)),
				Label: fmt.Sprintf(criterionLabel, len(crit)+1), Help: criterionHelp, Kind: kindLong})
		}
	}
	for _, m := range workflow.StepMissing(c, step) {
		if paneFor(m.Field) != paneNone || slices.ContainsFunc(defs, func(d fieldDef) bool { return d.Path == m.Field }) {
			continue
		}
		d := findField(m.Field, m.Label)
		d.Label = upperFirst(m.Label)
		defs = append(defs, d)
	}
	return defs
}

// commit stores a field of the step form, follows the case when the fact
// moved it (an appeal sent, a decision), and asks the fields again (a new
// criterion, a fact that brings others).
func (p *stepPane) commit(def fieldDef, raw string) (tea.Cmd, error) {
	step := p.s.c.Step
	cmd, err := p.s.apply(def, raw)
	if err != nil {
		return nil, err
	}
	if now := p.s.c.Step; now != step {
		p.view = now
		p.form.setFields(stepFieldsFor(p.s.c, p.view))
		p.form.stopEdit()
		return tea.Batch(cmd, status(fmt.Sprintf(stepMoved, int(now), now.TitleFor(p.s.c)))), nil
	}
	p.form.setFields(stepFieldsFor(p.s.c, p.view))
	return cmd, nil
}

// goTo shows step s.
func (p *stepPane) goTo(s workflow.Step) tea.Cmd {
	if !s.Valid() {
		return nil
	}
	p.view, p.guideOnly = s, false
	p.form.stopEdit()
	p.form.fields = nil
	p.form.setFields(stepFieldsFor(p.s.c, s))
	p.form.cursor = 0
	p.render()
	return nil
}

// finishReason says why the step shown cannot be finished now, in full
// and in brief, or "".
func (p *stepPane) finishReason() (why, brief string) {
	c := p.s.c
	m := p.d.missing[p.view]
	switch {
	case c.Status != workflow.StatusOpen && c.Status != "":
		why = fmt.Sprintf(caseIs, statusWords(c.Status))
	case p.view > c.Step:
		why = fmt.Sprintf(stepFirst, int(c.Step))
	case p.view < c.Step && len(m) == 0:
		why = alreadyDone
	case len(m) > 0:
		return needsPrefix + labels(m), plural(len(m), needsOne, needsMany)
	case p.view == workflow.StepEscalate:
		return lastStep, lastStepBrief
	}
	if why == "" {
		// A step is finished only when every step before it is done.
		for s := workflow.StepEOB; s < p.view; s++ {
			if m := p.d.missing[s]; len(m) > 0 {
				return fmt.Sprintf(earlierNeeds, int(s), labels(m)), fmt.Sprintf(earlierNeedsBrief, int(s), plural(len(m), needsOne, needsMany))
			}
		}
	}
	return why, why
}

// labels joins the labels of missing facts.
func labels(m []workflow.Missing) string {
	out := make([]string, len(m))
	for i, x := range m {
		out[i] = x.Label
	}
	return strings.Join(out, ", ")
}

// finish marks the step done and shows the next one.
func (p *stepPane) finish() tea.Cmd {
	if why, _ := p.finishReason(); why != "" {
		return statusErr(keyHelp.Finish + ": " + why)
	}
	cmd, err := p.s.mutate(workflow.FinishStep)
	if err != nil {
		return statusErr(err.Error())
	}
	done := p.view
	p.goTo(p.s.c.Step)
	return tea.Batch(cmd, status(fmt.Sprintf(stepFinished, int(done), p.view.TitleFor(p.s.c))))
}

// jump goes to the field at path: in the step where it is asked when a
// step asks it, else in a dialog.
func (p *stepPane) jump(path, label string) tea.Cmd {
	defer p.render()
	if path == "appeals" {
		i := len(p.s.c.Appeals)
		if i > 0 {
			i--
		}
		path = fmt.Sprintf("appeals[%d].filed", i)
	}
	for _, s := range []workflow.Step{p.view, workflow.StepEOB, workflow.StepReason, workflow.StepCall, workflow.StepGather,
		workflow.StepFile, workflow.StepTrack, workflow.StepEscalate} {
		if slices.ContainsFunc(stepFieldsFor(p.s.c, s), func(d fieldDef) bool { return d.Path == path }) {
			p.goTo(s)
			p.form.focusPath(path)
			return p.form.startEdit()
		}
	}
	return send(jumpMsg{missing: workflow.Missing{Field: path, Label: label}})
}

// Actions are the step's keys: the form's, and while not typing, the
// guide and the next actions by number.
func (p *stepPane) Actions() []action {
	acts := p.form.actions()
	if p.form.typing() {
		return acts
	}
	k := p.c.Keys
	g := keyHelp.GroupStep
	guide := act(k.Guide, g, func() tea.Cmd { p.guideOnly, p.guideTop = !p.guideOnly, 0; p.render(); return nil })
	if p.guideOnly {
		return []action{
			guide.named(keyHelp.GuideClose),
			act(k.ScrollDown, g, func() tea.Cmd { p.guideTop++; return nil }),
			act(k.ScrollUp, g, func() tea.Cmd { p.guideTop = max(p.guideTop-1, 0); return nil }).hidden(),
		}
	}
	guide = guide.hidden()
	jump := act(k.Actions, g, nil).hidden()
	if n := p.numbered(); n > 0 {
		jump.key.SetHelp(fmt.Sprintf("1-%d", n), keyHelp.ActionsN)
	}
	return append(acts, guide, jump)
}

// numbered is how many of the next actions shown can be jumped to.
func (p *stepPane) numbered() int {
	n := 0
	for _, a := range p.d.actions[:min(len(p.d.actions), 9)] {
		if a.Field != "" {
			n++
		}
	}
	return n
}

func (p *stepPane) Update(msg tea.Msg) tea.Cmd {
	defer p.render()
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.form.typing() && !p.guideOnly && key1to9(k) > 0 {
		n := key1to9(k)
		if n <= len(p.d.actions) && p.d.actions[n-1].Field != "" {
			a := p.d.actions[n-1]
			return p.jump(a.Field, a.Text)
		}
		return nil
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if cmd, ok := dispatch(k, p.Actions()); ok {
			return cmd
		}
	}
	_, cmd := p.form.Update(msg)
	return cmd
}

// key1to9 returns the digit 1 to 9 that k is, or 0.
func key1to9(k tea.KeyPressMsg) int {
	n, err := strconv.Atoi(k.String())
	if err != nil || n < 1 || n > 9 {
		return 0
	}
	return n
}

func (p *stepPane) Typing() bool { return p.form.typing() }

func (p *stepPane) Dirty() string {
	if p.form.dirty() {
		return p.form.current().Label
	}
	return ""
}

func (p *stepPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.render()
}

func (p *stepPane) refresh() {
	if now := p.s.c.Step; now != p.caseStep {
		// The case moved (a step finished, an appeal sent, a decision):
		// its new step is shown.
		p.caseStep = now
		if !p.form.typing() {
			p.goTo(now)
			return
		}
	}
	p.form.setFields(stepFieldsFor(p.s.c, p.view))
	p.render()
}

func (p *stepPane) View() string { return p.out }

// render draws the step: its heading, what to do, the facts to note and
// what comes next, the form taking the height that is left.
func (p *stepPane) render() {
	st := p.c.Styles
	w := p.w
	if p.guideOnly {
		c := p.s.c
		info := p.view.InfoFor(c, p.c.Ref.Insurer(c.Insurer))
		lines := append([]string{p.heading(info, w)}, p.banners(w)...)
		lines = append(append(lines, ""), strings.Split(st.Muted.Render(wrap(info.Why, w)), "\n")...)
		lines = append(append(lines, ""), strings.Split(wrap(info.Do, w), "\n")...)
		if n := workflow.GovernmentPlanNotice(c); n != "" {
			lines = append(append(lines, ""), strings.Split(st.Warn.Render(wrap(n, w)), "\n")...)
		}
		// Every next action, whole; the guide scrolls when it is longer
		// than the pane.
		lines = append(append(lines, ""), p.nextLines(w, 1000)...)
		p.guideTop = min(p.guideTop, max(len(lines)-p.h, 0))
		p.out = strings.Join(lines[p.guideTop:], "\n")
		return
	}
	// What is around the form changes only with the case, the step or
	// the size: it is drawn again only then.
	k := frameKey{rev: p.s.rev, view: p.view, w: w, h: p.h, fields: len(p.form.fields), dark: p.c.Dark}
	if p.frame.key != k {
		p.frame = p.drawFrame(k)
	}
	p.form.SetSize(w, p.frame.formH)
	parts := []string{p.frame.top}
	if len(p.form.fields) > 0 {
		parts = append(parts, p.form.View())
	}
	p.out = strings.Join(append(parts, "", p.frame.next), "\n")
}

// frameKey is what the frame of a step depends on.
type frameKey struct {
	rev, w, h, fields int
	view              workflow.Step
	dark              bool
}

// stepFrame is what is drawn around the step's form: the heading, the
// banners and the guide above it, the next actions below it.
type stepFrame struct {
	key       frameKey
	top, next string
	formH     int
}

func (p *stepPane) drawFrame(k frameKey) stepFrame {
	st := p.c.Styles
	w := p.w
	c := p.s.c
	info := p.view.InfoFor(c, p.c.Ref.Insurer(c.Insurer))
	head := append([]string{p.heading(info, w)}, p.banners(w)...)
	why := strings.Split(st.Muted.Render(wrap(info.Why, w)), "\n")
	do := strings.Split(wrap(info.Do, w), "\n")
	budget := 4
	if p.h >= 30 {
		budget = p.h / 4
	}
	next := p.nextLines(w, budget)
	fixed := len(head) + 1 + 1 + 1 + len(next)
	rows := len(p.form.fields)*2 + 2
	formMin := min(rows, max(p.h/2, 6))
	room := max(p.h-fixed-formMin, 2)
	guide := do
	if len(why)+1+len(do) <= room {
		guide = append(append(why, ""), do...)
	}
	if len(guide) > room {
		guide = guide[:room]
		more := " … " + p.c.Keys.Guide.Help().Key + " " + keyHelp.Guide
		guide[room-1] = truncate(ansiStrip(guide[room-1]), w-lipgloss.Width(more)) + st.Accent.Render(more)
	}
	facts := st.Heading.Render(factsLabel)
	if len(p.form.fields) == 0 {
		facts += st.Muted.Render("  " + noFacts)
	}
	top := append(head, strings.Join(guide, "\n"), "", facts)
	return stepFrame{key: k, top: strings.Join(top, "\n"), next: strings.Join(next, "\n"),
		formH: max(p.h-fixed-len(guide), 3)}
}

// heading is the step's title and its state: done, ready to finish, or
// what it needs.
func (p *stepPane) heading(info workflow.StepInfo, w int) string {
	st := p.c.Styles
	c := p.s.c
	var mark string
	switch {
	case p.view < c.Step && len(p.d.missing[p.view]) == 0:
		mark = st.OK.Render("✓ " + stepDoneMark)
	case p.view == c.Step && p.d.ready(c.Step) && p.view < workflow.StepEscalate && (c.Status == workflow.StatusOpen || c.Status == ""):
		mark = st.Accent.Render("● " + stepReadyMark)
	case p.view <= c.Step && len(p.d.missing[p.view]) > 0:
		mark = st.Muted.Render(fmt.Sprintf(stepNeedsMark, len(p.d.missing[p.view])))
	}
	title := fmt.Sprintf(stepHeading, int(info.Step), info.Title)
	if mark == "" || lipgloss.Width(title)+2+lipgloss.Width(mark) > w {
		// The sidebar and the footer show the state too.
		return st.Heading.Render(wrap(title, w))
	}
	return st.Heading.Render(title) + "  " + mark
}

// banners say what the whole case turns on: urgent care not yet
// appealed, a government plan, a case that has ended.
func (p *stepPane) banners(w int) []string {
	st := p.c.Styles
	c := p.s.c
	var out []string
	add := func(style lipgloss.Style, text string) {
		out = append(out, strings.Split(style.Render(wrap(text, w)), "\n")...)
	}
	switch c.Status {
	case workflow.StatusResolved:
		how := c.Resolution
		if how == "" {
			how = statusResolved
		}
		add(st.OK, fmt.Sprintf(caseResolved, safe(how)))
	case workflow.StatusExhausted:
		add(st.Warn, caseExhausted)
	case workflow.StatusClosed:
		add(st.Muted, caseClosed)
	}
	if p.d.sit.Urgent && !p.d.filed && (c.Status == workflow.StatusOpen || c.Status == "") {
		add(st.Danger, fmt.Sprintf(urgentBanner, p.appealsLine()))
	}
	if c.Plan.Type == workflow.PlanGovernment {
		add(st.Warn, governmentBanner)
	}
	return out
}

// appealsLine says where an urgent appeal goes: the phone and fax from
// the denial letter, or where to find them.
func (p *stepPane) appealsLine() string {
	d := p.s.c.Denial
	phone, fax := safe(d.AppealsPhone), safe(d.AppealsFax)
	if phone == "" {
		phone = urgentNoPhone
	}
	if fax == "" {
		fax = urgentNoFax
	}
	return fmt.Sprintf(urgentRoute, phone, fax)
}

// nextLines are the next actions, numbered when a key jumps to their
// field, in about budget lines: the first whole when it fits, the others
// after it as the room allows, each cut with … when it does not.
func (p *stepPane) nextLines(w, budget int) []string {
	st := p.c.Styles
	if len(p.d.actions) == 0 {
		return []string{st.Heading.Render(nextLabel+": ") + st.Muted.Render(noNextActions)}
	}
	pad := strings.Repeat(" ", lipgloss.Width(nextLabel)+2)
	tw := w - len(pad) - 2
	var lines []string
	for i, a := range p.d.actions {
		left := budget - len(lines)
		if left <= 0 {
			break
		}
		prefix := pad
		if i == 0 {
			prefix = st.Heading.Render(nextLabel + ": ")
		}
		num := "  "
		if a.Field != "" && i < 9 {
			num = st.Key.Render(strconv.Itoa(i+1)) + " "
		}
		style := st.Value
		if a.Urgent {
			style = st.Warn
		}
		// The first action may take three lines; the others share what
		// is left, one line each unless the window is tall.
		room := 1
		switch {
		case budget >= 1000:
			room = left
		case i == 0:
			room = min(max(left-1, 1), 6)
		case budget > 6:
			room = min(left, 3)
		}
		wrapped := strings.Split(wrap(a.Text, tw), "\n")
		if len(wrapped) > room {
			wrapped = wrapped[:room]
			wrapped[room-1] = ansiTruncate(wrapped[room-1], tw-2) + " …"
		}
		for j, l := range wrapped {
			if j == 0 {
				lines = append(lines, prefix+num+style.Render(l))
			} else {
				lines = append(lines, pad+"  "+style.Render(l))
			}
		}
	}
	return lines
}
