package tui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// listScreen is the start screen: the cases, newest first, and the upcoming
// deadlines of all of them.
type listScreen struct {
	c         *Common
	all       []store.Summary
	shown     []int // indexes into all that match the filter
	deadlines []int // indexes into all with an open deadline, most urgent first
	lower     []string
	cursor    int
	offset    int
	loaded    bool
	err       error
	filter    textinput.Model
	editing   bool
	w, h      int
}

const itemHeight = 4

func newListScreen(c *Common) *listScreen {
	in := textinput.New()
	in.Prompt = filterPrompt
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return &listScreen{c: c, filter: in, w: minWidth, h: minHeight - 4}
}

func (l *listScreen) SetSize(w, h int) { l.w, l.h = w, h }

// Typing reports whether the filter has the keys.
func (l *listScreen) Typing() bool { return l.editing }

// load takes a fresh list from the store.
func (l *listScreen) load(list []store.Summary, err error) {
	l.loaded, l.err = true, err
	if err != nil {
		return
	}
	l.all = list
	l.lower = make([]string, len(list))
	l.deadlines = l.deadlines[:0]
	for i, s := range list {
		l.lower[i] = strings.ToLower(s.Title + " " + s.Claim)
		if s.NextDeadline != nil && s.Status == workflow.StatusOpen {
			l.deadlines = append(l.deadlines, i)
		}
	}
	sort.SliceStable(l.deadlines, func(a, b int) bool {
		da, db := list[l.deadlines[a]].NextDeadline, list[l.deadlines[b]].NextDeadline
		if !da.Due.Equal(db.Due) {
			return da.Due.Before(db.Due)
		}
		return da.DueTime.Before(db.DueTime)
	})
	l.applyFilter()
}

func (l *listScreen) applyFilter() {
	q := strings.ToLower(strings.TrimSpace(safe(l.filter.Value())))
	l.shown = l.shown[:0]
	for i := range l.all {
		if q == "" || strings.Contains(l.lower[i], q) {
			l.shown = append(l.shown, i)
		}
	}
	l.cursor = min(l.cursor, max(len(l.shown)-1, 0))
	l.offset = min(l.offset, l.cursor)
}

func (l *listScreen) selected() (store.Summary, bool) {
	if len(l.shown) == 0 {
		return store.Summary{}, false
	}
	return l.all[l.shown[l.cursor]], true
}

func (l *listScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	keys := l.c.Keys
	if l.editing {
		if ok && (key.Matches(k, keys.Cancel) || key.Matches(k, keys.Save)) {
			l.editing = false
			l.filter.Blur()
			if key.Matches(k, keys.Cancel) {
				l.filter.SetValue("")
				l.applyFilter()
			}
			return l, nil
		}
		var cmd tea.Cmd
		l.filter, cmd = l.filter.Update(cleanInput(msg))
		l.cursor, l.offset = 0, 0
		l.applyFilter()
		return l, cmd
	}
	if !ok {
		return l, nil
	}
	sel, has := l.selected()
	switch {
	case key.Matches(k, keys.Quit):
		return l, send(quitMsg{})
	case key.Matches(k, keys.New):
		return l, send(newCaseMsg{})
	case key.Matches(k, keys.Filter):
		l.editing = true
		return l, l.filter.Focus()
	case key.Matches(k, keys.Back) && l.filter.Value() != "":
		l.filter.SetValue("")
		l.applyFilter()
	case key.Matches(k, keys.Up):
		l.cursor = max(l.cursor-1, 0)
	case key.Matches(k, keys.Down):
		l.cursor = min(l.cursor+1, max(len(l.shown)-1, 0))
	case !has:
	case key.Matches(k, keys.Open):
		return l, send(openCaseMsg{id: sel.ID})
	case key.Matches(k, keys.Letter):
		return l, send(openCaseMsg{id: sel.ID, letters: true})
	case key.Matches(k, keys.Delete):
		return l, send(deleteCaseMsg{sum: sel})
	}
	return l, nil
}

func (l *listScreen) Header() (string, string) {
	st := l.c.Styles
	left := st.Title.Render(appName) + "  " + st.Tagline.Render(appTagline)
	switch len(l.all) {
	case 0:
		return left, ""
	case 1:
		return left, st.Muted.Render(caseCountOne)
	}
	return left, st.Muted.Render(fmt.Sprintf(caseCountMany, len(l.all)))
}

func (l *listScreen) ShortHelp() []key.Binding {
	k := l.c.Keys
	if l.editing {
		return []key.Binding{k.Save, k.Cancel}
	}
	has := len(l.shown) > 0
	open, letter, del := k.Open, k.Letter, k.Delete
	open.SetEnabled(has)
	letter.SetEnabled(has)
	del.SetEnabled(has)
	return []key.Binding{k.New, open, k.Filter, letter, del, k.Quit}
}

func (l *listScreen) FullHelp() [][]key.Binding {
	k := l.c.Keys
	return [][]key.Binding{{k.New, k.Open, k.Up, k.Down, k.Filter}, {k.Letter, k.Delete, k.Undo, k.Help, k.Quit}}
}

func (l *listScreen) Disabled() map[string]string { return nil }
func (l *listScreen) Dirty() string               { return "" }

func (l *listScreen) View() string {
	st := l.c.Styles
	if !l.loaded {
		return "\n  " + st.Muted.Render(loadingCases)
	}
	if l.err != nil {
		return "\n  " + st.Error.Render(wrap(fmt.Sprintf(loadFailed, l.err), l.w-4))
	}
	if len(l.all) == 0 {
		text := wrap(emptyLine1, l.w-4) + "\n" + wrap(emptyLine2, l.w-4)
		return lipgloss.Place(l.w, l.h, lipgloss.Center, lipgloss.Center,
			text+"\n\n"+st.Heading.Render(emptyLine3))
	}
	rightW := max(l.w*3/8, 30)
	leftW := l.w - rightW - 3
	left := l.casesView(leftW)
	right := l.deadlinesView(rightW)
	sep := st.Rule.Render(strings.TrimSuffix(strings.Repeat("│\n", l.h), "\n"))
	return lipgloss.JoinHorizontal(lipgloss.Top, fitHeight(left, l.h), " ", sep, " ", fitHeight(right, l.h))
}

func (l *listScreen) casesView(w int) string {
	st := l.c.Styles
	lines := []string{" " + st.Heading.Render(listTitle)}
	avail := l.h - 1
	if l.editing || l.filter.Value() != "" {
		lines = append(lines, " "+l.filter.View())
		avail--
	}
	if len(l.shown) == 0 {
		return strings.Join(append(lines, " "+st.Muted.Render(wrap(fmt.Sprintf(noMatches, safe(l.filter.Value())), w-2))), "\n")
	}
	per := max(avail/itemHeight, 1)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+per {
		l.offset = l.cursor - per + 1
	}
	today := l.c.today()
	for i := l.offset; i < min(l.offset+per, len(l.shown)); i++ {
		s := l.all[l.shown[i]]
		mark, title := "  ", st.Value.Render(truncate(displayTitle(s.Title), w-3))
		if i == l.cursor {
			mark, title = st.Selected.Render("▸ "), st.Selected.Render(truncate(displayTitle(s.Title), w-3))
		}
		lines = append(lines, " "+mark+title)
		stepLine := fmt.Sprintf(stepOfSeven, int(s.Step)) + "  " + progressBar(st, int(s.Step), max(w-18, 7))
		if sw := statusWords(s.Status); sw != "" {
			stepLine = fmt.Sprintf(stepOfSeven, int(s.Step)) + " · " + sw
		}
		lines = append(lines, "   "+st.Muted.Render(stepLine))
		if s.NextDeadline != nil && s.Status == workflow.StatusOpen {
			lines = append(lines, "   "+deadlineLine(st, s.NextDeadline.Title, s.NextDeadline.Due, today, w-3))
		} else {
			lines = append(lines, "   "+st.Muted.Render(noDeadlineHeader))
		}
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

func (l *listScreen) deadlinesView(w int) string {
	st := l.c.Styles
	lines := []string{st.Heading.Render(deadlinesTitle)}
	if len(l.deadlines) == 0 {
		return strings.Join(append(lines, st.Muted.Render(noDeadlines)), "\n")
	}
	today := l.c.today()
	per := (l.h - 1) / 2
	for _, i := range l.deadlines[:min(per, len(l.deadlines))] {
		s := l.all[i]
		days := today.DaysUntil(s.NextDeadline.Due)
		style := urgencyStyle(st, days)
		dot := "○"
		if days <= 14 {
			dot = "●"
		}
		when := padRight(daysWords(days), 12)
		lines = append(lines, style.Render(dot+" "+when)+" "+truncate(s.NextDeadline.Title, w-15))
		lines = append(lines, strings.Repeat(" ", 15)+st.Muted.Render(truncate(displayTitle(s.Title), w-15)))
	}
	return strings.Join(lines, "\n")
}

func displayTitle(t string) string {
	if strings.TrimSpace(t) == "" {
		return untitledCase
	}
	return t
}

// daysWords says how far away a day is: "4 days", "today", "2 days late".
func daysWords(days int) string {
	switch {
	case days == 0:
		return dueToday
	case days == 1:
		return daysLeftOne
	case days == -1:
		return overdueOne
	case days < 0:
		return fmt.Sprintf(overdueMany, -days)
	}
	return fmt.Sprintf(daysLeftMany, days)
}

func urgencyStyle(st Styles, days int) lipgloss.Style {
	switch {
	case days <= 0:
		return st.Danger
	case days <= 14:
		return st.Warn
	}
	return st.OK
}

// deadlineLine is "Send your appeal by Apr 28 · 155 days", coloured by urgency.
func deadlineLine(st Styles, title string, due workflow.Date, today workflow.Date, w int) string {
	days := today.DaysUntil(due)
	tail := " · " + due.Time().Format("Jan 2") + " · "
	text := truncate(title, max(w-lipgloss.Width(tail)-lipgloss.Width(daysWords(days)), 10))
	return st.Muted.Render(text+tail) + urgencyStyle(st, days).Render(daysWords(days))
}

// progressBar draws step n of 7 as a bar of width cells.
func progressBar(st Styles, n, width int) string {
	done := min(max(n*width/7, 0), width)
	return st.BarDone.Render(strings.Repeat("━", done)) + st.BarTodo.Render(strings.Repeat("░", width-done))
}
