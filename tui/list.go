package tui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/overturn/overturn/store"
	"github.com/overturn/overturn/workflow"
)

// listScreen is the start screen: the cases, newest first, one page at a
// time, and the upcoming deadlines of the open ones. With a filter, the
// matching cases are searched for in the store, a page at a time.
type listScreen struct {
	c        *Common
	st       Store
	items    []store.Summary // the cases loaded so far, in list order
	next     int             // store offset where the next page starts
	done     bool            // no case after next matches
	fetching bool            // a page is being loaded
	gen      int             // which query and refresh the pages belong to
	query    string          // the filter the pages match, lower case
	ctx      context.Context // cancelled when the pages are dropped
	cancel   context.CancelFunc
	total    int
	upcoming []store.Summary
	cursor   int
	offset   int
	loaded   bool
	err      error
	filter   textinput.Model
	editing  bool
	w, h     int
	panel    drawnPanel  // the deadlines panel last drawn
	drawn    []drawnCase // the cases last shown, as drawn
	spare    []drawnCase
	drawnFor drawKey
	view     string
	// viewFor is the size and background view was drawn for; hold puts
	// drawing off while a change of several parts is made.
	viewFor struct {
		w, h int
		dark bool
	}
	hold bool
	// canUndo reports whether a deleted case can be brought back.
	canUndo func() bool
}

const (
	itemHeight = 4
	// pageSize is how many cases a page of the list holds; a search page
	// stops at searchWant matches, about a screenful.
	pageSize   = 100
	searchWant = 12
	// margin is how close to the last loaded case the cursor comes before
	// the next page is loaded.
	margin = 30
	// upcomingLimit bounds the deadlines panel, more than a screen holds.
	upcomingLimit = 40
)

// drawKey is what a part of the screen was drawn for, besides the data
// it shows: while none of it changes, the part is shown again as drawn
// rather than drawn anew, which every key did.
type drawKey struct {
	w, h int
	day  workflow.Date
	dark bool
}

// drawnPanel is the deadlines panel as drawn.
type drawnPanel struct {
	key  drawKey
	text string
}

// drawnCase is a case of the list as drawn, selected or not: its lines
// and the blank line after them.
type drawnCase struct {
	id   uint64
	sel  bool
	text string
}

func newListScreen(c *Common, st Store) *listScreen {
	in := textinput.New()
	in.Prompt = filterPrompt
	sty := in.Styles()
	sty.Cursor.Blink = false
	in.SetStyles(sty)
	l := &listScreen{c: c, st: st, filter: in, w: minWidth, h: minHeight - 4}
	l.restart()
	return l
}

// SetSize draws the list for a new size, or for new colours; the same
// size with the same colours, as the first frame's size and background
// usually are, draws nothing again.
func (l *listScreen) SetSize(w, h int) {
	if l.view != "" && l.viewFor.w == w && l.viewFor.h == h && l.viewFor.dark == l.c.Dark {
		return
	}
	l.w, l.h = w, h
	l.panel.text = ""
	l.render()
}

// render draws the list for View.
func (l *listScreen) render() {
	if l.hold {
		return
	}
	l.view = l.draw()
	l.viewFor.w, l.viewFor.h, l.viewFor.dark = l.w, l.h, l.c.Dark
}

// Typing reports whether the filter has the keys.
func (l *listScreen) Typing() bool { return l.editing }

// Messages of the list's loads. A page whose gen is not the screen's was
// asked for an earlier filter or refresh and is dropped.
type (
	pageMsg struct {
		gen   int
		reset bool // the page starts the list over
		items []store.Summary
		next  int
		done  bool
		err   error
	}
	casesCountedMsg struct {
		total    int
		upcoming []store.Summary
		err      error
	}
)

// refresh reloads the count, the deadlines and the cases shown so far,
// keeping the cursor where it is. The cases and the count are read side by
// side, so that the first cases show without waiting for the count.
func (l *listScreen) refresh() tea.Cmd {
	l.restart()
	l.err = nil
	want := max(len(l.items), pageSize)
	if l.query != "" {
		want = max(len(l.items), searchWant)
	}
	ctx, st, gen, query := l.ctx, l.st, l.gen, l.query
	l.fetching = true
	return tea.Batch(func() tea.Msg {
		page, ok := fetchPage(ctx, st, gen, query, 0, want).(pageMsg)
		if !ok {
			return nil
		}
		page.reset = true
		return page
	}, func() tea.Msg {
		total, err := st.Count("")
		if err != nil {
			return casesCountedMsg{err: err}
		}
		up, err := st.Upcoming(upcomingLimit)
		return casesCountedMsg{total: total, upcoming: up, err: err}
	})
}

// preload loads the first page of the list, the count and the deadlines
// at once, for the first frame (see model.Init). It returns what the page
// leaves to do.
func (l *listScreen) preload() tea.Cmd {
	l.hold = true
	defer func() { l.hold = false; l.render() }()
	page, _ := fetchPage(l.ctx, l.st, l.gen, "", 0, pageSize).(pageMsg)
	page.reset = true
	l.fetching = true
	cmd := l.page(page)
	total, err := l.st.Count("")
	counted := casesCountedMsg{total: total, err: err}
	if err == nil {
		counted.upcoming, counted.err = l.st.Upcoming(upcomingLimit)
	}
	l.counted(counted)
	return cmd
}

// restart drops the pages loaded and any load under way, for a new filter
// or a refresh.
func (l *listScreen) restart() {
	if l.cancel != nil {
		l.cancel()
	}
	l.ctx, l.cancel = context.WithCancel(context.Background())
	l.gen++
	l.fetching = false
}

// fetchPage reads up to want cases from store offset from on: the next
// cases, or with a query the next ones that match it. It returns nil when
// ctx was cancelled, as a newer filter made the page useless.
func fetchPage(ctx context.Context, st Store, gen int, query string, from, want int) tea.Msg {
	if query == "" {
		list, err := st.List(store.ListQuery{Offset: from, Limit: want})
		return pageMsg{gen: gen, items: list, next: from + len(list), done: len(list) < want, err: err}
	}
	// One walk through the store from offset from, stopped as soon as
	// the page is full: a search with few matches reads each summary once.
	page := pageMsg{gen: gen, next: from}
	err := st.Walk(store.ListQuery{Offset: from}, func(s store.Summary) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		page.next++
		if matches(s, query) {
			page.items = append(page.items, s)
			if len(page.items) == want {
				return errPageFull
			}
		}
		return nil
	})
	switch {
	case ctx.Err() != nil:
		return nil
	case errors.Is(err, errPageFull):
	case err != nil:
		page.err = err
	default:
		page.done = true
	}
	return page
}

// errPageFull stops a search's walk through the store.
var errPageFull = errors.New("the page is full")

// matches reports whether a case's title, claim number or search terms
// (the member's and patient's names, the provider, the codes and other
// numbers: store.SearchTerms) hold query, which is lower case.
func matches(s store.Summary, query string) bool {
	return strings.Contains(strings.ToLower(s.Title), query) || strings.Contains(strings.ToLower(s.Claim), query) ||
		strings.Contains(s.Terms, query)
}

// counted takes the count of the cases and the upcoming deadlines.
func (l *listScreen) counted(msg casesCountedMsg) {
	if msg.err != nil {
		l.err = msg.err
		l.render()
		return
	}
	l.total, l.upcoming = msg.total, msg.upcoming
	l.panel.text = ""
	l.render()
}

// page adds a loaded page to the list, and asks for the next one when the
// cursor is near the end.
func (l *listScreen) page(msg pageMsg) tea.Cmd {
	if msg.gen != l.gen {
		return nil
	}
	defer l.render()
	l.fetching = false
	l.loaded = true
	if msg.err != nil {
		l.err = msg.err
		return nil
	}
	if msg.reset {
		l.items = l.items[:0]
	}
	l.drawn = l.drawn[:0]
	l.items = append(l.items, msg.items...)
	l.next, l.done = msg.next, msg.done
	l.cursor = min(l.cursor, max(len(l.items)-1, 0))
	l.offset = min(l.offset, l.cursor)
	return l.more()
}

// more loads the next page when the cursor is within margin of the last
// case loaded.
func (l *listScreen) more() tea.Cmd {
	if l.done || l.fetching || l.cursor+margin < len(l.items) {
		return nil
	}
	want := pageSize
	if l.query != "" {
		want = searchWant
	}
	l.fetching = true
	ctx, st, gen, query, from := l.ctx, l.st, l.gen, l.query, l.next
	return func() tea.Msg { return fetchPage(ctx, st, gen, query, from, want) }
}

// applyFilter starts over with the filter's text: a new search, or the
// whole list when it is empty.
func (l *listScreen) applyFilter() tea.Cmd {
	q := strings.ToLower(strings.TrimSpace(safe(l.filter.Value())))
	if q == l.query {
		return nil
	}
	l.restart()
	l.query = q
	l.items, l.next, l.done = l.items[:0], 0, false
	l.cursor, l.offset = 0, 0
	return l.more()
}

func (l *listScreen) selected() (store.Summary, bool) {
	if len(l.items) == 0 {
		return store.Summary{}, false
	}
	return l.items[l.cursor], true
}

func (l *listScreen) Update(msg tea.Msg) tea.Cmd {
	defer l.render()
	k, ok := msg.(tea.KeyPressMsg)
	if l.editing {
		if ok {
			if cmd, ok := dispatch(k, l.Actions()); ok {
				return cmd
			}
		}
		var cmd tea.Cmd
		l.filter, cmd = l.filter.Update(cleanInput(msg))
		return tea.Batch(cmd, l.applyFilter())
	}
	if !ok {
		return nil
	}
	cmd, _ := dispatch(k, l.Actions())
	return cmd
}

// Actions are the keys of the case list.
func (l *listScreen) Actions() []action {
	k := l.c.Keys
	g := keyHelp.GroupList
	if l.editing {
		return []action{
			act(k.Save, g, func() tea.Cmd { l.editing = false; l.filter.Blur(); return nil }).named(keyHelp.FilterDone),
			act(k.Cancel, g, func() tea.Cmd {
				l.editing = false
				l.filter.Blur()
				l.filter.SetValue("")
				return l.applyFilter()
			}).named(keyHelp.FilterClear),
		}
	}
	sel, has := l.selected()
	none := ""
	if !has {
		none = noCaseYet
	}
	acts := []action{
		act(k.New, g, func() tea.Cmd { return send(newCaseMsg{}) }),
		act(k.Open, g, func() tea.Cmd { return send(openCaseMsg{id: sel.ID}) }).unless(none),
		act(k.Filter, g, func() tea.Cmd { l.editing = true; return l.filter.Focus() }),
		act(k.Calendar, g, func() tea.Cmd {
			return send(exportMsg{name: calendarName, title: calendarHead, write: calendarWriter(l.st, l.c.Now())})
		}).hidden(),
		act(k.Letter, g, func() tea.Cmd { return send(openCaseMsg{id: sel.ID, letters: true}) }).unless(none),
		act(k.Delete, g, func() tea.Cmd { return send(deleteCaseMsg{sum: sel}) }).unless(none),
		act(k.Up, g, func() tea.Cmd { l.cursor = max(l.cursor-1, 0); return nil }).hidden(),
		act(k.Down, g, func() tea.Cmd {
			l.cursor = min(l.cursor+1, max(len(l.items)-1, 0))
			return l.more()
		}).hidden(),
	}
	if l.filter.Value() != "" {
		acts = append(acts, act(k.Back, g, func() tea.Cmd { l.filter.SetValue(""); return l.applyFilter() }).named(keyHelp.FilterClear))
	}
	if l.canUndo != nil && l.canUndo() {
		acts = append(acts, act(k.Undo, g, func() tea.Cmd { return send(undoDeleteMsg{}) }))
	}
	return acts
}

// Place is where the person is: the list, or its filter.
func (l *listScreen) Place() string {
	if l.editing {
		return "list/filter"
	}
	return "list"
}

func (l *listScreen) Header() (string, string) {
	st := l.c.Styles
	left := st.Title.Render(appName) + "  " + st.Tagline.Render(appTagline)
	switch l.total {
	case 0:
		return left, ""
	case 1:
		return left, st.Muted.Render(caseCountOne)
	}
	return left, st.Muted.Render(fmt.Sprintf(caseCountMany, l.total))
}

func (l *listScreen) Dirty() string { return "" }

// View is the list as last drawn.
func (l *listScreen) View() string { return l.view }

func (l *listScreen) draw() string {
	st := l.c.Styles
	if !l.loaded {
		return "\n  " + st.Muted.Render(loadingCases)
	}
	if l.err != nil {
		return "\n  " + st.Error.Render(wrap(fmt.Sprintf(loadFailed, l.err), l.w-4))
	}
	if len(l.items) == 0 && l.done && l.query == "" {
		text := wrap(emptyLine1, l.w-4) + "\n" + wrap(emptyLine2, l.w-4)
		return lipgloss.Place(l.w, l.h, lipgloss.Center, lipgloss.Center,
			text+"\n\n"+st.Heading.Render(emptyLine3))
	}
	rightW := max(l.w*3/8, 30)
	leftW := l.w - rightW - 3
	left := l.casesView(leftW)
	if k := (drawKey{w: rightW, h: l.h, day: l.c.today(), dark: l.c.Dark}); l.panel.text == "" || l.panel.key != k {
		l.panel.key, l.panel.text = k, l.deadlinesView(k.w, k.day)
	}
	right := l.panel.text
	// The rule is l.h lines tall: the columns beside it are as tall.
	return joinColumns(cutHeight(left, l.h), " ", l.c.vrule(), " ", cutHeight(right, l.h))
}

func (l *listScreen) casesView(w int) string {
	st := l.c.Styles
	lines := []string{" " + st.Heading.Render(listTitle)}
	avail := l.h - 1
	if l.editing || l.filter.Value() != "" {
		line := " " + l.filter.View()
		if l.fetching && l.query != "" && len(l.items) > 0 {
			line += "  " + st.Muted.Render(searching)
		}
		lines = append(lines, line)
		avail--
	}
	if len(l.items) == 0 {
		if !l.done {
			wait := searching
			if l.query == "" {
				wait = loadingCases
			}
			return strings.Join(append(lines, " "+st.Muted.Render(wait)), "\n")
		}
		return strings.Join(append(lines, " "+st.Muted.Render(wrap(fmt.Sprintf(noMatches, safe(l.filter.Value())), w-2))), "\n")
	}
	per := max(avail/itemHeight, 1)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+per {
		l.offset = l.cursor - per + 1
	}
	key := drawKey{w: w, day: l.c.today(), dark: l.c.Dark}
	if key != l.drawnFor {
		l.drawn, l.drawnFor = l.drawn[:0], key
	}
	shown := l.items[l.offset:min(l.offset+per, len(l.items))]
	next := l.spare[:0]
	for i, s := range shown {
		sel := l.offset+i == l.cursor
		j := slices.IndexFunc(l.drawn, func(d drawnCase) bool { return d.id == s.ID && d.sel == sel })
		d := drawnCase{id: s.ID, sel: sel}
		if j >= 0 {
			d = l.drawn[j]
		} else {
			d.text = caseView(l.c.Styles, s, sel, w, key.day)
		}
		next = append(next, d)
		lines = append(lines, d.text)
	}
	// A case drawn the other way stays too: the selection comes back.
	for _, d := range l.drawn {
		if slices.ContainsFunc(shown, func(s store.Summary) bool { return s.ID == d.id }) &&
			!slices.ContainsFunc(next, func(n drawnCase) bool { return n.id == d.id && n.sel == d.sel }) {
			next = append(next, d)
		}
	}
	l.drawn, l.spare = next, l.drawn
	return strings.Join(lines, "\n")
}

// caseView draws a case of the list: its title, step and next deadline,
// and a blank line. A case closed or resolved shows its next deadline too,
// as `overturn list` does: an external review deadline runs whatever the
// case's status.
func caseView(st Styles, s store.Summary, sel bool, w int, today workflow.Date) string {
	mark, title := "  ", st.Value.Render(truncate(displayTitle(s.Title), w-3))
	if sel {
		mark, title = st.Selected.Render("▸ "), st.Selected.Render(truncate(displayTitle(s.Title), w-3))
	}
	stepLine := fmt.Sprintf(stepOfSeven, int(s.Step)) + "  " + progressBar(st, int(s.Step), max(w-18, 7))
	if sw := statusWords(s.Status); sw != "" {
		stepLine = fmt.Sprintf(stepOfSeven, int(s.Step)) + " · " + sw
	}
	deadline := st.Muted.Render(noDeadlineHeader)
	if s.NextDeadline != nil {
		deadline = deadlineLine(st, s.NextDeadline.Title, s.NextDeadline.Due, today, w-3)
	}
	return " " + mark + title + "\n   " + st.Muted.Render(stepLine) + "\n   " + deadline + "\n"
}

func (l *listScreen) deadlinesView(w int, today workflow.Date) string {
	st := l.c.Styles
	lines := []string{st.Heading.Render(deadlinesTitle)}
	if len(l.upcoming) == 0 {
		return strings.Join(append(lines, st.Muted.Render(noDeadlines)), "\n")
	}
	per := (l.h - 1) / 2
	for _, s := range l.upcoming[:min(per, len(l.upcoming))] {
		if s.NextDeadline == nil {
			continue
		}
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
