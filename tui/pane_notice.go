package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/overturn/overturn/workflow"
)

// noticePane is the denial-notice check: each element the rules require
// of a denial notice, marked in the notice, missing, or not checked.
type noticePane struct {
	c      *Common
	s      *session
	cursor int
	w, h   int
	out    string
}

func newNoticePane(c *Common, s *session) *noticePane { return &noticePane{c: c, s: s, w: 50, h: 20} }

// set marks the element under the cursor (present, missing, or not
// checked when checked is false) and moves to the next.
func (p *noticePane) set(present, checked bool) tea.Cmd {
	elems := workflow.NoticeElements(p.s.c)
	if p.cursor >= len(elems) {
		return nil
	}
	id := elems[p.cursor].ID
	cmd, err := p.s.mutate(func(c *workflow.Case) error {
		if checked {
			workflow.MarkNotice(c, id, present)
		} else {
			workflow.UnmarkNotice(c, id)
		}
		return nil
	})
	if err != nil {
		return statusErr(err.Error())
	}
	p.cursor = min(p.cursor+1, max(len(elems)-1, 0))
	return cmd
}

func (p *noticePane) Actions() []action {
	k := p.c.Keys
	g := keyHelp.GroupPane
	n := len(workflow.NoticeElements(p.s.c))
	none := ""
	if n == 0 {
		none = noticeNone
	}
	return []action{
		act(k.Present, g, func() tea.Cmd { return p.set(true, true) }).unless(none),
		act(k.Absent, g, func() tea.Cmd { return p.set(false, true) }).unless(none),
		act(k.Unchecked, g, func() tea.Cmd { return p.set(false, false) }).unless(none),
		act(k.Up, g, func() tea.Cmd { p.cursor = max(p.cursor-1, 0); return nil }).hidden(),
		act(k.Down, g, func() tea.Cmd { p.cursor = min(p.cursor+1, max(n-1, 0)); return nil }).hidden(),
	}
}

func (p *noticePane) Update(msg tea.Msg) tea.Cmd {
	defer p.render()
	if k, ok := msg.(tea.KeyPressMsg); ok {
		cmd, _ := dispatch(k, p.Actions())
		return cmd
	}
	return nil
}

func (p *noticePane) Typing() bool  { return false }
func (p *noticePane) Dirty() string { return "" }
func (p *noticePane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.render()
}
func (p *noticePane) refresh()     { p.render() }
func (p *noticePane) View() string { return p.out }

func (p *noticePane) render() {
	st := p.c.Styles
	w := p.w
	c := p.s.c
	lines := []string{st.Heading.Render(noticeTitle)}
	lines = append(lines, strings.Split(st.Muted.Render(wrap(noticeIntro, w)), "\n")...)
	lines = append(lines, "")
	elems := workflow.NoticeElements(c)
	if len(elems) == 0 {
		lines = append(lines, strings.Split(st.Muted.Render(wrap(noticeNone, w)), "\n")...)
		p.out = strings.Join(lines, "\n")
		return
	}
	p.cursor = min(p.cursor, len(elems)-1)
	// The list scrolls to keep the cursor in view, leaving room for the
	// element's whole text below it.
	rows := max(p.h-len(lines)-8, 3)
	start := max(min(p.cursor-rows/2, len(elems)-rows), 0)
	for i := start; i < min(len(elems), start+rows); i++ {
		e := elems[i]
		present, checked := c.Denial.Notice[e.ID]
		mark := st.Muted.Render("○")
		switch {
		case checked && present:
			mark = st.OK.Render("✓")
		case checked:
			mark = st.Danger.Render("✗")
		}
		text := truncate(e.Text, w-4)
		if i == p.cursor {
			lines = append(lines, st.Selected.Render("▸ ")+mark+" "+st.Selected.Render(text))
		} else {
			lines = append(lines, "  "+mark+" "+text)
		}
	}
	e := elems[p.cursor]
	lines = append(lines, "")
	lines = append(lines, strings.Split(wrap(e.Text, w), "\n")...)
	lines = append(lines, strings.Split(st.Muted.Render(wrap(e.Cite, w)), "\n")...)
	if ok, why := workflow.DeemedExhaustion(c); ok {
		lines = append(lines, "")
		lines = append(lines, strings.Split(st.Warn.Render(wrap(why, w)), "\n")...)
	}
	p.out = strings.Join(lines, "\n")
}
