package tui

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/workflow"
)

// lettersScreen shows the letters that fit the case: the draft at once,
// with its gaps beside it by severity (what must be filled before sending,
// what would strengthen it), each filled by its number, whether it is
// ready to send, and ways to take it out of the program.
type lettersScreen struct {
	c        *Common
	s        *session
	kinds    []letter.Kind
	idx      int
	rev      int
	letter   *letter.Letter
	pending  []string // enclosures listed in the case but not in hand
	err      string
	vp       viewport.Model
	savedTo  string
	fromList bool // esc goes back to the list, not the case
	w, h     int
	out      string
}

func newLettersScreen(c *Common, s *session, fromList bool) *lettersScreen {
	l := &lettersScreen{c: c, s: s, rev: -1, fromList: fromList, vp: viewport.New(), w: c.Width, h: c.Height - 4}
	l.SetSize(l.w, l.h)
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

// load renders the letter again after an edit or a change of letter.
func (l *lettersScreen) load() {
	if l.rev == l.s.rev {
		return
	}
	l.rev = l.s.rev
	var was letter.Kind
	if k, ok := l.kind(); ok {
		was = k
	}
	l.kinds = l.offered()
	if i := slices.Index(l.kinds, was); i >= 0 {
		l.idx = i
	}
	l.idx = min(l.idx, max(len(l.kinds)-1, 0))
	l.letter, l.pending, l.err = nil, nil, ""
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
	l.letter, l.pending = lt, pendingEnclosures(k, l.s.c)
	l.layout()
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
}

// pendingEnclosures lists the documents the letter of kind k would
// enclose that the case lists but the person does not have in hand yet:
// the letter encloses only what is in hand, so it is not ready until
// they are. A letter to the doctor encloses the denial and the records;
// the provider and claims letters only the denial; the follow-up and the
// plan-documents request nothing; the others every document.
func pendingEnclosures(k letter.Kind, c *workflow.Case) []string {
	denial := func(d workflow.DocKind) bool {
		return d == workflow.DocEOB || d == workflow.DocDenialLetter || d == workflow.DocDecisionLetter
	}
	var out []string
	for _, d := range c.Documents {
		if d.Status == workflow.DocHave {
			continue
		}
		switch k {
		case letter.FollowUp, letter.PlanDocuments:
			continue
		case letter.CorrectedClaim, letter.ClaimFile, letter.Audit, letter.ProviderBill:
			if !denial(d.Kind) {
				continue
			}
		case letter.Physician:
			if !denial(d.Kind) && d.Kind != workflow.DocMedicalRecords {
				continue
			}
		}
		name := d.Kind.Label()
		if desc := strings.TrimSpace(d.Description); desc != "" {
			name += ": " + safe(desc)
		}
		out = append(out, name)
	}
	return out
}

// wide reports whether the gaps go beside the letter rather than above.
func (l *lettersScreen) wide() bool { return l.w >= 110 }

// sideWidth is the width of the gaps column beside the letter.
func (l *lettersScreen) sideWidth() int { return l.w - 76 - 3 }

// gapRows is how many lines of gaps are listed above the letter in a
// narrow window.
func (l *lettersScreen) gapRows() int { return max(l.h/2-3, 4) }

func (l *lettersScreen) layout() {
	if l.wide() {
		l.vp.SetWidth(74)
		l.vp.SetHeight(max(l.h-1, 3))
		return
	}
	top := len(l.topLines(l.w - 4))
	l.vp.SetWidth(max(l.w-4, 20))
	l.vp.SetHeight(max(l.h-top-1, 3))
}

func (l *lettersScreen) SetSize(w, h int) {
	l.w, l.h = w, h
	l.rev = -1
	l.load()
	l.layout()
	l.render()
}

// fileName is the letter's file name: the case (its title, else its
// claim number), the letter and the day, readable and safe on every
// system: "knee-mri-denied-level1-2026-11-24.txt".
func (l *lettersScreen) fileName(k letter.Kind) string { return letterFileName(l.s.c, k, l.c.today()) }

var unsafeName = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`[^a-z0-9]+`)
})

func letterFileName(c *workflow.Case, k letter.Kind, day workflow.Date) string {
	name := ""
	for _, s := range []string{c.Title, c.Claim.Number} {
		if name = strings.Trim(unsafeName().ReplaceAllString(strings.ToLower(safe(s)), "-"), "-"); name != "" {
			break
		}
	}
	if len(name) > 40 {
		name = strings.TrimRight(name[:40], "-")
	}
	if name == "" {
		name = "case"
	}
	return name + "-" + string(k) + "-" + day.String() + ".txt"
}

// ready reports whether the letter can be sent as it stands: nothing to
// fill, no enclosure to get, and not an option beside the appeal.
func (l *lettersScreen) ready() bool {
	return l.letter != nil && l.letter.Ready && len(l.pending) == 0
}

func (l *lettersScreen) Actions() []action {
	k := l.c.Keys
	g := keyHelp.GroupLetters
	none := ""
	if l.letter == nil {
		none = l.err
		if none == "" {
			none = lettersNone
		}
	}
	one := ""
	if len(l.kinds) < 2 {
		one = oneLetter
	}
	back := act(k.Back, g, func() tea.Cmd {
		if l.fromList {
			return send(backToListMsg{})
		}
		return send(backToCaseMsg{})
	})
	var acts []action
	if l.letter != nil && len(l.letter.Gaps) > 0 {
		acts = append(acts, act(k.Jump, g, nil).named(keyHelp.Jump))
	}
	acts = append(acts,
		act(k.Export, g, func() tea.Cmd {
			kind, _ := l.kind()
			return send(exportMsg{name: l.fileName(kind), title: exportTitle, write: textWriter(l.letter.Text)})
		}).unless(none),
		act(k.PDF, g, func() tea.Cmd {
			kind, _ := l.kind()
			name := strings.TrimSuffix(l.fileName(kind), ".txt") + ".pdf"
			lt := l.letter
			return send(exportMsg{name: name, title: pdfTitle, write: pdfWriter(lt.Text, lt.Title, safe(lt.Claim), l.c.Now())})
		}).unless(none),
		back,
		act(k.NextLetter, g, func() tea.Cmd { l.idx = (l.idx + 1) % len(l.kinds); l.switched(); return nil }).unless(one),
		act(k.PrevLetter, g, func() tea.Cmd {
			l.idx = (l.idx + len(l.kinds) - 1) % len(l.kinds)
			l.switched()
			return nil
		}).unless(one).hidden(),
		act(k.ScrollDown, g, func() tea.Cmd { l.vp.ScrollDown(1); return nil }),
		act(k.ScrollUp, g, func() tea.Cmd { l.vp.ScrollUp(1); return nil }).hidden(),
		act(k.Copy, g, func() tea.Cmd { return send(copyMsg{text: l.letter.Text}) }).unless(none).hidden(),
	)
	if l.letter != nil && !l.wide() && l.gapsHidden() > 0 {
		acts = append(acts, act(k.AllGaps, g, func() tea.Cmd { return send(gapsMsg{}) }))
	}
	return acts
}

// gapsMsg asks for every gap of the letter in a dialog.
type gapsMsg struct{}

// switched shows another letter.
func (l *lettersScreen) switched() {
	l.rev, l.savedTo = -1, ""
	l.load()
}

func (l *lettersScreen) Update(msg tea.Msg) tea.Cmd {
	defer l.render()
	l.load()
	switch msg := msg.(type) {
	case exportedMsg:
		if msg.err == nil {
			l.savedTo = msg.path
			l.layout()
		}
		return nil
	case tea.KeyPressMsg:
		if n := key1to9(msg); n > 0 {
			if l.letter == nil || n > len(l.letter.Gaps) {
				return nil
			}
			g := l.letter.Gaps[n-1]
			l.rev = -1
			return send(jumpMsg{missing: workflow.Missing{Field: g.Field, Label: g.Label}})
		}
		cmd, _ := dispatch(msg, l.Actions())
		return cmd
	}
	var cmd tea.Cmd
	l.vp, cmd = l.vp.Update(msg)
	return cmd
}

// topLines are what goes above the letter: whether it is ready, where it
// was saved, and in a narrow window its first gaps.
func (l *lettersScreen) topLines(w int) []string {
	st := l.c.Styles
	var lines []string
	add := func(style lipgloss.Style, s string) {
		lines = append(lines, strings.Split(style.Render(wrap(s, w)), "\n")...)
	}
	switch {
	case l.letter == nil:
	case l.letter.Option:
		add(st.Warn, letterOption)
	case l.ready():
		add(st.OK, letterReady)
	default:
		add(st.Warn, l.notReady())
	}
	if l.savedTo != "" {
		add(st.OK, fmt.Sprintf(letterSavedTo, l.savedTo))
	}
	if !l.wide() && l.letter != nil {
		gaps, _ := l.gapLines(w, l.gapRows())
		lines = append(lines, gaps...)
	}
	return lines
}

// notReady says what is left before the letter can be sent.
func (l *lettersScreen) notReady() string {
	var parts []string
	if n := len(l.letter.MustFill()); n > 0 {
		parts = append(parts, plural(n, letterFactOne, letterFactMany))
	}
	if n := len(l.pending); n > 0 {
		parts = append(parts, fmt.Sprintf(plural(n, letterEnclosureOne, letterEnclosureMany), strings.Join(l.pending, ", ")))
	}
	return fmt.Sprintf(letterNotReady, strings.Join(parts, "; "))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return fmt.Sprintf(many, n)
}

// gapLines lists the letter's gaps by severity, numbered for filling,
// whole, in up to rows lines, and says how many it left out.
func (l *lettersScreen) gapLines(w, rows int) (lines []string, hidden int) {
	st := l.c.Styles
	gaps := l.letter.Gaps
	for i, g := range gaps {
		var block []string
		if i == 0 || g.Severity != gaps[i-1].Severity {
			head := letterMustFill
			if g.Severity != letter.MustFill {
				head = letterStrengthen
			}
			block = append(block, st.Heading.Render(head))
		}
		num := st.Muted.Render("· ")
		if i < 9 {
			num = st.Key.Render(strconv.Itoa(i+1)) + " "
		}
		style := st.Value
		if g.Severity == letter.MustFill {
			style = st.Warn
		}
		for j, t := range strings.Split(wrap(g.Label, w-3), "\n") {
			if j == 0 {
				block = append(block, " "+num+style.Render(t))
			} else {
				block = append(block, "   "+style.Render(t))
			}
		}
		if len(lines)+len(block) > rows-1 && i < len(gaps)-1 || len(lines)+len(block) > rows {
			lines = append(lines, st.Muted.Render(truncate(fmt.Sprintf(moreGaps, len(gaps)-i, l.c.Keys.AllGaps.Help().Key), w)))
			return lines, len(gaps) - i
		}
		lines = append(lines, block...)
	}
	return lines, 0
}

// gapsHidden is how many gaps do not fit above the letter.
func (l *lettersScreen) gapsHidden() int {
	_, hidden := l.gapLines(l.w-4, l.gapRows())
	return hidden
}

func (l *lettersScreen) View() string { return l.out }

func (l *lettersScreen) render() {
	st := l.c.Styles
	switch {
	case len(l.kinds) == 0 && l.err == "":
		l.out = "\n  " + st.Muted.Render(wrap(lettersNone, l.w-4))
		return
	case l.err != "":
		l.out = "\n  " + st.Error.Render(wrap(l.err, l.w-4))
		return
	}
	if !l.wide() {
		top := l.topLines(l.w - 4)
		l.out = indent(strings.Join(append(top, "", l.vp.View()), "\n"), 2)
		return
	}
	sw := l.sideWidth()
	side := l.topLines(sw)
	if l.letter != nil {
		if len(side) > 0 {
			side = append(side, "")
		}
		gaps, _ := l.gapLines(sw, l.h)
		side = append(side, gaps...)
	}
	l.out = joinColumns(indent(l.vp.View(), 2), " ", l.c.vrule(), " ", cutHeight(strings.Join(side, "\n"), l.h))
}

func (l *lettersScreen) Header() (string, string) {
	st := l.c.Styles
	k, ok := l.kind()
	if !ok {
		return st.Title.Render(lettersTitle), ""
	}
	left := st.Title.Render(k.Title())
	if n := l.s.c.Claim.Number; n != "" {
		left += st.Muted.Render(" · " + fmt.Sprintf(caseHeaderClaim, safe(n)))
	}
	right := fmt.Sprintf(letterOfN, l.idx+1, len(l.kinds))
	if l.letter != nil {
		first := l.vp.YOffset() + 1
		last := min(l.vp.YOffset()+l.vp.Height(), l.vp.TotalLineCount())
		right = fmt.Sprintf(letterLines, first, last, l.vp.TotalLineCount()) + " · " + right
	}
	return left, st.Muted.Render(right)
}

func (l *lettersScreen) Dirty() string { return "" }
func (l *lettersScreen) Typing() bool  { return false }
func (l *lettersScreen) Place() string { return fmt.Sprintf("letters/%d", l.idx) }
