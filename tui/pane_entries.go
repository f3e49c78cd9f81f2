package tui

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/overturn/overturn/workflow"
)

// entriesPane is a list of entries of the case, the calls or the
// documents, with the form of the one being typed in. The documents list
// ends with the documents a denial of this kind needs that are not listed
// yet, ready to tick.
type entriesPane struct {
	c      *Common
	s      *session
	calls  bool
	cursor int
	form   *form
	focus  bool // the form has the keys
	w, h   int
	out    string
}

func newCallsPane(c *Common, s *session) *entriesPane {
	return &entriesPane{c: c, s: s, calls: true, w: 50, h: 20}
}

func newDocsPane(c *Common, s *session) *entriesPane { return &entriesPane{c: c, s: s, w: 50, h: 20} }

// removeEntryMsg removes entry i after the person confirmed; text is the
// entry as it was shown, so that a list changed meanwhile removes nothing.
type removeEntryMsg struct {
	calls bool
	i     int
	text  string
}

func (p *entriesPane) count() int {
	if p.calls {
		return len(p.s.c.Calls)
	}
	return len(p.s.c.Documents)
}

// suggested are the documents to tick, after the listed ones.
func (p *entriesPane) suggested() []workflow.DocKind {
	if p.calls {
		return nil
	}
	return workflow.SuggestedDocuments(p.s.c)
}

func (p *entriesPane) rows() int { return p.count() + len(p.suggested()) }

// openEntry opens the form of entry i, typing in its first field.
func (p *entriesPane) openEntry(i int) tea.Cmd {
	defs := docFields
	if p.calls {
		defs = callFields
	}
	p.form = newForm(p.c, withIndex(defs, i), p.s, p.s.apply)
	p.form.endNote = entryFormEnd
	p.form.finish = func() tea.Cmd { p.focus = false; return nil }
	p.cursor, p.focus = i, true
	p.SetSize(p.w, p.h)
	return p.form.startEdit()
}

// add adds an entry (a call made now, or a document of no kind yet) and
// opens its form.
func (p *entriesPane) add() tea.Cmd {
	n := p.count()
	at := p.c.Now().Truncate(time.Minute)
	calls := p.calls
	cmd, err := p.s.mutate(func(c *workflow.Case) error {
		var err error
		if calls {
			_, err = workflow.AddCall(c, at)
		} else {
			_, err = workflow.AddDocument(c, workflow.DocOther, workflow.DocNeeded)
		}
		return err
	})
	if err != nil {
		return statusErr(err.Error())
	}
	return tea.Batch(cmd, p.openEntry(n))
}

// tick moves the document under the cursor to its next status, or adds a
// suggested one as in hand.
func (p *entriesPane) tick() tea.Cmd {
	i, n := p.cursor, p.count()
	if i >= n {
		sug := p.suggested()
		if i-n >= len(sug) {
			return nil
		}
		kind := sug[i-n]
		cmd, err := p.s.mutate(func(c *workflow.Case) error {
			_, err := workflow.AddDocument(c, kind, workflow.DocHave)
			return err
		})
		if err != nil {
			return statusErr(err.Error())
		}
		p.cursor = n
		return cmd
	}
	cmd, err := p.s.mutate(func(c *workflow.Case) error {
		return workflow.SetDocumentStatus(c, i, workflow.NextDocStatus(c.Documents[i].Status))
	})
	if err != nil {
		return statusErr(err.Error())
	}
	return cmd
}

func (p *entriesPane) Actions() []action {
	if p.focus && p.form != nil {
		acts := p.form.actions()
		if !p.form.typing() {
			acts = append(acts, act(p.c.Keys.Back, keyHelp.GroupPane, func() tea.Cmd { p.focus = false; return nil }).named(keyHelp.BackToList2))
		}
		return acts
	}
	k := p.c.Keys
	g := keyHelp.GroupPane
	n, rows := p.count(), p.rows()
	onEntry := ""
	if p.cursor >= n {
		onEntry = noEntryHere
	}
	acts := []action{
		act(k.Add, g, p.add),
		act(k.Edit, g, func() tea.Cmd { return p.openEntry(p.cursor) }).unless(onEntry),
		act(k.Remove, g, func() tea.Cmd {
			i, calls := p.cursor, p.calls
			text := entryText(p.s.c, calls, i)
			return send(confirmMsg{title: entryRemove, body: safe(text), yes: removeEntryMsg{calls: calls, i: i, text: text},
				yesLabel: keyHelp.Remove})
		}).unless(onEntry),
		act(k.Up, g, func() tea.Cmd { p.cursor = max(p.cursor-1, 0); return nil }).hidden(),
		act(k.Down, g, func() tea.Cmd { p.cursor = min(p.cursor+1, max(rows-1, 0)); return nil }).hidden(),
	}
	if !p.calls {
		tick := act(k.Status, g, p.tick).named(keyHelp.Status)
		if p.cursor >= n {
			tick = tick.named(keyHelp.HaveIt)
		}
		if rows == 0 {
			tick = tick.unless(noEntryHere)
		}
		acts = append(acts[:1], append([]action{tick}, acts[1:]...)...)
	}
	return acts
}

func (p *entriesPane) Update(msg tea.Msg) tea.Cmd {
	defer p.render()
	if m, ok := msg.(removeEntryMsg); ok {
		return p.remove(m)
	}
	if k, ok := msg.(tea.KeyPressMsg); ok && !p.Typing() {
		if cmd, ok := dispatch(k, p.Actions()); ok {
			return cmd
		}
	}
	if p.focus && p.form != nil {
		_, cmd := p.form.Update(msg)
		return cmd
	}
	return nil
}

func (p *entriesPane) remove(m removeEntryMsg) tea.Cmd {
	if m.calls != p.calls || m.i >= p.count() || entryText(p.s.c, m.calls, m.i) != m.text {
		return statusErr(entryChanged)
	}
	cmd, err := p.s.mutate(func(c *workflow.Case) error {
		if m.calls {
			return workflow.RemoveCall(c, m.i)
		}
		return workflow.RemoveDocument(c, m.i)
	})
	if err != nil {
		return statusErr(err.Error())
	}
	p.cursor = max(min(p.cursor, p.rows()-1), 0)
	return tea.Batch(cmd, status(entryRemoved))
}

func (p *entriesPane) Typing() bool { return p.focus && p.form != nil && p.form.typing() }

func (p *entriesPane) Dirty() string {
	if p.Typing() && p.form.dirty() {
		return p.form.current().Label
	}
	return ""
}

func (p *entriesPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.render()
}

func (p *entriesPane) refresh() {
	if p.form != nil {
		p.form.layout()
	}
	p.render()
}

func (p *entriesPane) View() string { return p.out }

// entryText describes call i (or document i) of c on one line.
func entryText(c *workflow.Case, calls bool, i int) string {
	if calls {
		call := c.Calls[i]
		parts := []string{call.At.Format("01/02/2006 15:04"), call.With.Label()}
		for _, p := range []string{call.Rep, call.Reference, call.Outcome} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		return strings.Join(parts, " · ")
	}
	doc := c.Documents[i]
	parts := []string{doc.Kind.Label(), choiceLabel(docStatusChoices, string(doc.Status))}
	if doc.Description != "" {
		parts = append(parts, doc.Description)
	}
	return strings.Join(parts, " · ")
}

// currentText is the entry under the cursor, or "".
func (p *entriesPane) currentText() string {
	if p.cursor < p.count() {
		return entryText(p.s.c, p.calls, p.cursor)
	}
	return ""
}

func (p *entriesPane) render() {
	st := p.c.Styles
	w := p.w
	title, intro, empty := callsTitle, callsIntro, callsEmpty
	if !p.calls {
		title, intro, empty = docsTitle, docsIntro, docsEmpty
	}
	lines := []string{st.Heading.Render(title)}
	if !p.focus {
		lines = append(lines, strings.Split(st.Muted.Render(wrap(intro, w)), "\n")...)
	}
	lines = append(lines, "")
	n, sug := p.count(), p.suggested()
	rows := n + len(sug)
	if rows == 0 {
		lines = append(lines, strings.Split(st.Muted.Render(wrap(empty, w)), "\n")...)
	}
	p.cursor = min(p.cursor, max(rows-1, 0))
	formH := 0
	if p.focus && p.form != nil {
		formH = min(len(p.form.fields)*2+3, p.h/2+2)
	}
	if !p.focus {
		formH = min(lineCount(wrap(p.currentText(), w))+1, p.h/3)
	}
	listH := max(p.h-len(lines)-formH-1, 3)
	start := max(min(p.cursor-listH+1, rows-listH), 0)
	if p.cursor < start {
		start = p.cursor
	}
	for i := start; i < min(rows, start+listH); i++ {
		var text string
		if i < n {
			text = truncate(entryText(p.s.c, p.calls, i), w-2)
		} else {
			if i == n {
				lines = append(lines, st.Muted.Render(suggestedHead))
			}
			text = st.Muted.Render(truncate(sug[i-n].Label()+" · "+suggestedMark, w-2))
		}
		if i == p.cursor && !p.focus {
			lines = append(lines, st.Selected.Render("▸ ")+st.Selected.Render(ansiStrip(text)))
		} else {
			lines = append(lines, "  "+text)
		}
	}
	switch {
	case p.focus && p.form != nil:
		p.form.SetSize(w, max(p.h-len(lines)-1, 4))
		lines = append(lines, "", p.form.View())
	case p.cursor < n:
		// The entry under the cursor, whole.
		lines = append(lines, "")
		lines = append(lines, strings.Split(wrap(entryText(p.s.c, p.calls, p.cursor), w), "\n")...)
	}
	p.out = strings.Join(lines, "\n")
}
