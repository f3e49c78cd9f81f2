package tui

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/workflow"
)

// lettersScreen shows the letters that fit the case: the draft at once,
// with its gaps beside it (what must be filled before sending, what would
// strengthen it), and ways to take it out of the program.
type lettersScreen struct {
	c        *Common
	s        *session
	kinds    []letter.Kind
	idx      int
	rev      int
	letter   *letter.Letter
	gaps     []letter.Gap // must-fill first, numbered for jumping
	err      string
	vp       viewport.Model
	fromList bool // esc goes back to the list, not the case
	w, h     int
}

func newLettersScreen(c *Common, s *session, fromList bool) *lettersScreen {
	l := &lettersScreen{c: c, s: s, rev: -1, fromList: fromList, vp: viewport.New()}
	l.kinds = l.offered()
	return l
}

// offered returns the letters the engine offers for the case now.
func (l *lettersScreen) offered() []letter.Kind {
	if l.c.Letters == nil {
		return nil
	}
	var ks []letter.Kind
	for _, o := range l.c.Letters.Offers(l.s.c, l.c.Now()) {
		ks = append(ks, o.Kind)
	}
	return ks
}

func (l *lettersScreen) kind() (letter.Kind, bool) {
	if len(l.kinds) == 0 {
		return "", false
	}
	return l.kinds[l.idx], true
}

// refresh renders the letter again after an edit or a change of letter.
func (l *lettersScreen) refresh() {
	if l.rev == l.s.rev {
		return
	}
	l.rev = l.s.rev
	l.kinds = l.offered()
	l.idx = min(l.idx, max(len(l.kinds)-1, 0))
	l.letter, l.gaps, l.err = nil, nil, ""
	k, ok := l.kind()
	if !ok {
		l.vp.SetContent("")
		if l.c.Letters == nil {
			l.err = lettersUnavailable
		}
		return
	}
	lt, err := l.c.Letters.Render(k, l.s.c, l.c.Now())
	if err != nil {
		l.err = err.Error()
		l.vp.SetContent("")
		return
	}
	l.letter, l.gaps = lt, lt.Gaps
	body := lt.Text
	if len(lt.Notes) > 0 || len(lt.Warnings) > 0 {
		body += "\n"
		for _, w := range lt.Warnings {
			body += "\n! " + w.Text
		}
		for _, n := range lt.Notes {
			body += "\n· " + n
		}
	}
	l.vp.SetContent(wrap(workflow.Sanitize(body), max(l.vp.Width(), 20)))
	l.vp.GotoTop()
	l.layout()
}

func (l *lettersScreen) layout() {
	top := 2
	if len(l.gaps) > 0 {
		top = 2 + min(len(l.gaps), 4) + 1
	}
	l.vp.SetWidth(max(l.w-4, 20))
	l.vp.SetHeight(max(l.h-top-1, 3))
}

func (l *lettersScreen) SetSize(w, h int) {
	l.w, l.h = w, h
	l.layout()
	l.rev = -1
}

// fileName is the default export name: claim number and letter kind.
var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

func (l *lettersScreen) fileName(k letter.Kind) string { return letterFileName(l.s.c, k) }

// letterFileName is "<claim number>-<kind>.txt", safe as a file name.
func letterFileName(c *workflow.Case, k letter.Kind) string {
	claim := strings.Trim(unsafeName.ReplaceAllString(safe(c.Claim.Number), "-"), "-.")
	if claim == "" {
		claim = "claim"
	}
	return claim + "-" + string(k) + ".txt"
}

// written reports whether there is a letter to save or copy; ready
// whether it can be sent as it stands.
func (l *lettersScreen) written() bool { return l.letter != nil }

func (l *lettersScreen) ready() bool { return l.letter != nil && l.letter.Ready }

func (l *lettersScreen) Update(msg tea.Msg) (screen, tea.Cmd) {
	l.refresh()
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		var cmd tea.Cmd
		l.vp, cmd = l.vp.Update(msg)
		return l, cmd
	}
	keys := l.c.Keys
	switch {
	case key.Matches(k, keys.Quit):
		return l, send(quitMsg{})
	case key.Matches(k, keys.Back):
		if l.fromList {
			return l, send(backToListMsg{})
		}
		return l, send(backToCaseMsg{})
	case key.Matches(k, keys.NextLetter) && len(l.kinds) > 1:
		l.idx = (l.idx + 1) % len(l.kinds)
		l.rev = -1
	case key.Matches(k, keys.Export) && l.written():
		kind, _ := l.kind()
		return l, send(exportMsg{name: l.fileName(kind), text: l.letter.Text})
	case key.Matches(k, keys.PDF) && l.written():
		kind, _ := l.kind()
		name := strings.TrimSuffix(l.fileName(kind), ".txt") + ".pdf"
		text, title, claim, now := l.letter.Text, l.letter.Title, safe(l.letter.Claim), l.c.Now()
		return l, send(exportMsg{name: name, title: pdfTitle, write: func(path string, force bool) tea.Cmd {
			return savePDF(path, text, title, claim, now, force)
		}})
	case key.Matches(k, keys.Copy) && l.written():
		return l, send(copyMsg{text: l.letter.Text})
	case key.Matches(k, keys.Jump):
		n, _ := strconv.Atoi(k.String())
		if n >= 1 && n <= len(l.gaps) {
			g := l.gaps[n-1]
			return l, send(jumpMsg{missing: workflow.Missing{Field: g.Field, Label: g.Label}})
		}
	default:
		var cmd tea.Cmd
		l.vp, cmd = l.vp.Update(msg)
		return l, cmd
	}
	return l, nil
}

func (l *lettersScreen) View() string {
	l.refresh()
	st := l.c.Styles
	if len(l.kinds) == 0 {
		return "\n  " + st.Muted.Render(wrap(lettersNone, l.w-4))
	}
	var lines []string
	switch {
	case l.err != "":
		lines = append(lines, "  "+st.Error.Render(wrap(l.err, l.w-4)))
		return strings.Join(lines, "\n")
	case l.letter != nil && l.letter.Option:
		lines = append(lines, "  "+st.Warn.Render(truncate(letterOption, l.w-4)))
	case l.ready():
		lines = append(lines, "  "+st.OK.Render(letterReady))
	}
	if len(l.gaps) > 0 {
		head := letterMustFill
		if l.gaps[0].Severity != letter.MustFill {
			head = letterStrengthen
		}
		lines = append(lines, "  "+st.Warn.Render(head))
		for i, g := range l.gaps[:min(len(l.gaps), 4)] {
			lines = append(lines, "   "+st.Key.Render(strconv.Itoa(i+1))+" "+truncate(g.Label, l.w-8))
		}
	}
	lines = append(lines, "", indent(l.vp.View(), 2))
	return strings.Join(lines, "\n")
}

func (l *lettersScreen) Header() (string, string) {
	l.refresh()
	st := l.c.Styles
	k, ok := l.kind()
	if !ok {
		return st.Title.Render(lettersTitle), ""
	}
	left := st.Title.Render(k.Title())
	if n := l.s.c.Claim.Number; n != "" {
		left += st.Muted.Render(" · " + fmt.Sprintf(caseHeaderClaim, safe(n)))
	}
	right := fmt.Sprintf("%d/%d", l.idx+1, len(l.kinds))
	if l.letter != nil {
		first := l.vp.YOffset() + 1
		last := min(l.vp.YOffset()+l.vp.Height(), l.vp.TotalLineCount())
		right = fmt.Sprintf(letterLines, first, last, l.vp.TotalLineCount()) + " · " + right
	}
	return left, st.Muted.Render(right)
}

func (l *lettersScreen) ShortHelp() []key.Binding {
	k := l.c.Keys
	exp, pdf, cp, next, jump := k.Export, k.PDF, k.Copy, k.NextLetter, k.Jump
	exp.SetEnabled(l.written())
	pdf.SetEnabled(l.written())
	cp.SetEnabled(l.written())
	next.SetEnabled(len(l.kinds) > 1)
	out := []key.Binding{exp, pdf, cp, next, k.ScrollDown}
	if len(l.gaps) > 0 {
		out = append(out, jump)
	}
	return append(out, k.Back)
}

func (l *lettersScreen) FullHelp() [][]key.Binding {
	k := l.c.Keys
	return [][]key.Binding{{k.ScrollUp, k.ScrollDown, k.NextLetter, k.Jump}, {k.Export, k.PDF, k.Copy, k.Back, k.Quit}}
}

func (l *lettersScreen) Disabled() map[string]string {
	if l.letter == nil && l.err != "" {
		return map[string]string{keyHelp.Export: l.err}
	}
	return nil
}

func (l *lettersScreen) Dirty() string { return "" }

func (l *lettersScreen) Typing() bool { return false }
