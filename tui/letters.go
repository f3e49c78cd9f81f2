package tui

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/overturn/overturn/workflow"
)

// lettersScreen shows the letters that apply to the case: what each still
// needs, a preview, and ways to take it out of the program.
type lettersScreen struct {
	c        *Common
	s        *session
	kinds    []workflow.LetterKind
	idx      int
	rev      int
	missing  []workflow.Missing
	text     string
	err      string
	vp       viewport.Model
	fromList bool // esc goes back to the list, not the case
	w, h     int
}

func newLettersScreen(c *Common, s *session, fromList bool) *lettersScreen {
	l := &lettersScreen{c: c, s: s, rev: -1, fromList: fromList, vp: viewport.New()}
	l.kinds = workflow.ApplicableLetters(s.c)
	return l
}

func (l *lettersScreen) kind() (workflow.LetterKind, bool) {
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
	l.kinds = workflow.ApplicableLetters(l.s.c)
	l.idx = min(l.idx, max(len(l.kinds)-1, 0))
	l.missing, l.text, l.err = nil, "", ""
	k, ok := l.kind()
	if !ok {
		l.vp.SetContent("")
		return
	}
	if l.c.Letters == nil {
		l.err = lettersUnavailable
		return
	}
	l.missing = l.c.Letters.Missing(k, l.s.c)
	text, err := l.c.Letters.Render(k, l.s.c, l.c.today())
	var me *workflow.MissingError
	switch {
	case errors.As(err, &me):
		if len(l.missing) == 0 {
			l.missing = me.Missing
		}
	case err != nil:
		l.err = err.Error()
	default:
		l.text = text
	}
	l.vp.SetContent(wrap(l.text, max(l.vp.Width(), 20)))
	l.vp.GotoTop()
	l.layout()
}

func (l *lettersScreen) layout() {
	top := 2
	if len(l.missing) > 0 {
		top = 1 + min(len(l.missing), 4) + 1
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

func (l *lettersScreen) fileName(k workflow.LetterKind) string { return letterFileName(l.s.c, k) }

// letterFileName is "<claim number>-<kind>.txt", safe as a file name.
func letterFileName(c *workflow.Case, k workflow.LetterKind) string {
	claim := strings.Trim(unsafeName.ReplaceAllString(safe(c.Claim.Number), "-"), "-.")
	if claim == "" {
		claim = "claim"
	}
	return claim + "-" + string(k) + ".txt"
}

func (l *lettersScreen) ready() bool { return l.text != "" && len(l.missing) == 0 }

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
	case key.Matches(k, keys.Export) && l.ready():
		kind, _ := l.kind()
		return l, send(exportMsg{name: l.fileName(kind), text: l.text})
	case key.Matches(k, keys.Copy) && l.ready():
		return l, send(copyMsg{text: l.text})
	case key.Matches(k, keys.Jump):
		n, _ := strconv.Atoi(k.String())
		if n >= 1 && n <= len(l.missing) {
			return l, send(jumpMsg{missing: l.missing[n-1]})
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
	case len(l.missing) > 0:
		lines = append(lines, "  "+st.Warn.Render(letterMissing))
		for i, m := range l.missing[:min(len(l.missing), 4)] {
			lines = append(lines, "   "+st.Key.Render(strconv.Itoa(i+1))+" "+truncate(m.Label, l.w-8))
		}
	case l.err != "":
		lines = append(lines, "  "+st.Error.Render(truncate(l.err, l.w-4)))
	case l.text != "":
		lines = append(lines, "  "+st.OK.Render(letterReady))
	}
	lines = append(lines, "")
	if l.text == "" {
		lines = append(lines, "  "+st.Muted.Render(letterPreviewNo))
	} else {
		lines = append(lines, indent(l.vp.View(), 2))
	}
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
	if l.text != "" {
		first := l.vp.YOffset() + 1
		last := min(l.vp.YOffset()+l.vp.Height(), l.vp.TotalLineCount())
		right = fmt.Sprintf(letterLines, first, last, l.vp.TotalLineCount()) + " · " + right
	}
	return left, st.Muted.Render(right)
}

func (l *lettersScreen) ShortHelp() []key.Binding {
	k := l.c.Keys
	exp, cp, next, jump := k.Export, k.Copy, k.NextLetter, k.Jump
	exp.SetEnabled(l.ready())
	cp.SetEnabled(l.ready())
	next.SetEnabled(len(l.kinds) > 1)
	out := []key.Binding{exp, cp, next, k.ScrollDown}
	if len(l.missing) > 0 {
		out = append(out, jump)
	}
	return append(out, k.Back)
}

func (l *lettersScreen) FullHelp() [][]key.Binding {
	k := l.c.Keys
	return [][]key.Binding{{k.ScrollUp, k.ScrollDown, k.NextLetter, k.Jump}, {k.Export, k.Copy, k.Back, k.Quit}}
}

func (l *lettersScreen) Disabled() map[string]string {
	if len(l.missing) > 0 {
		r := needsPrefix + l.missing[0].Label
		if len(l.missing) > 1 {
			r += fmt.Sprintf(" +%d", len(l.missing)-1)
		}
		return map[string]string{keyHelp.Export: r}
	}
	return nil
}

func (l *lettersScreen) Dirty() string { return "" }

func (l *lettersScreen) Typing() bool { return false }
