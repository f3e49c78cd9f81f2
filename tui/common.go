package tui

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/overturn/overturn/letter"
	"github.com/overturn/overturn/workflow"
)

// Minimum window size; below it the program asks for a larger window.
const (
	minWidth  = 80
	minHeight = 24
)

// Common is what every screen shares: the window size, the styles, the keys
// and the engine the screens read from.
type Common struct {
	Width, Height int
	Styles        Styles
	Keys          KeyMap
	Now           func() time.Time
	Codes         *workflow.CodeTable
	Letters       *letter.Engine
	Ref           *workflow.Reference
	// LetterDir is the folder letters are saved in unless the person
	// names another.
	LetterDir     string
	Dark, NoColor bool
	rules         rules
	// load gives Codes, Letters and Ref, until need has used it.
	load func() (Engine, error)
}

// rules are the lines across and down, drawn once per size and colours.
type rules struct{ across, down string }

func newCommon(opts Options) *Common {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	c := &Common{
		Width:     minWidth,
		Height:    minHeight,
		Styles:    NewStyles(true, opts.NoColor),
		Keys:      DefaultKeyMap(),
		Now:       now,
		Codes:     opts.Codes,
		Letters:   opts.Letters,
		Ref:       opts.Ref,
		Dark:      true,
		NoColor:   opts.NoColor,
		LetterDir: opts.LetterDir,
		load:      opts.Load,
	}
	c.drawRules()
	return c
}

// need loads Codes, Letters and Ref, when they are not yet: a screen of a
// case needs them, the case list does not (Options.Load).
func (c *Common) need() error {
	if c.load == nil {
		return nil
	}
	e, err := c.load()
	if err != nil {
		return err
	}
	c.Codes, c.Letters, c.Ref, c.load = e.Codes, e.Letters, e.Ref, nil
	return nil
}

// defaultInsurer names the insurer a new case starts with.
func (c *Common) defaultInsurer() string {
	if ins := c.Ref.Default(); ins.Known() {
		return ins.Name
	}
	return ""
}

func (c *Common) setDark(dark bool) {
	c.Dark = dark
	c.Styles = NewStyles(dark, c.NoColor)
	c.drawRules()
}

func (c *Common) today() workflow.Date { return workflow.DateOf(c.Now()) }

// safe makes text people typed fit to show on one line: escape and control
// sequences are stripped.
func safe(s string) string { return workflow.SanitizeLine(s) }

// cleanInput returns msg with the text it would put into a text field
// sanitized, so that pasted or typed escapes, controls, direction
// overrides and invalid UTF-8 never sit in a field, and so never reach the
// screen. The text input of Bubbles drops controls but keeps the rest.
func cleanInput(msg tea.Msg) tea.Msg {
	switch m := msg.(type) {
	case tea.PasteMsg:
		m.Content = cleanTyped(m.Content)
		return m
	case tea.KeyPressMsg:
		if m.Text != "" {
			m.Text = cleanTyped(m.Text)
		}
		return m
	}
	return msg
}

// cleanTyped is SanitizeLine keeping the spaces at either end, which
// belong to the text around the cursor.
func cleanTyped(s string) string {
	return strings.TrimSuffix(strings.TrimPrefix(workflow.SanitizeLine("."+s+"."), "."), ".")
}

// wrap sanitizes s and wraps it to width cells at spaces, keeping wide
// characters whole. A line that fits is kept as it is; a word longer than
// a line is cut. Unlike ansi.Wrap it never breaks at a hyphen, so a phone
// number, a date or a claim number stays on one line.
func wrap(s string, width int) string {
	width = max(width, 1)
	var b strings.Builder
	for i, line := range strings.Split(workflow.Sanitize(s), "\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		if ansi.StringWidth(line) <= width {
			b.WriteString(line)
			continue
		}
		n := 0
		for _, word := range strings.Fields(line) {
			ww := ansi.StringWidth(word)
			switch {
			case n > 0 && n+1+ww <= width:
				b.WriteByte(' ')
				n++
			case n > 0:
				b.WriteByte('\n')
				n = 0
			}
			if ww > width {
				word = ansi.Hardwrap(word, width, false)
				ww = ansi.StringWidth(word[strings.LastIndexByte(word, '\n')+1:])
			}
			b.WriteString(word)
			n += ww
		}
	}
	return b.String()
}

// truncate sanitizes s and cuts it to width cells with an ellipsis.
func truncate(s string, width int) string {
	return ansi.Truncate(safe(s), width, "…")
}

// padRight pads a styled string with spaces to width cells.
func padRight(s string, width int) string {
	w := lipgloss.Width(s)
	if w >= width {
		return s
	}
	return s + strings.Repeat(" ", width-w)
}

// fitHeight cuts or pads s to exactly h lines.
func fitHeight(s string, h int) string {
	s = cutHeight(s, h)
	if n := strings.Count(s, "\n") + 1; n < h {
		s += strings.Repeat("\n", h-n)
	}
	return s
}

// cutHeight cuts s to at most h lines.
func cutHeight(s string, h int) string {
	if h < 1 {
		return ""
	}
	for i, at := 0, 0; i < h; i++ {
		next := strings.IndexByte(s[at:], '\n')
		if next < 0 {
			break
		}
		if i == h-1 {
			return s[:at+next]
		}
		at += next + 1
	}
	return s
}

// joinColumns sets blocks side by side, top-aligned, every line of a
// block padded to the block's widest: lipgloss.JoinHorizontal with
// lipgloss.Top, without its garbage, which every frame made.
func joinColumns(blocks ...string) string {
	cols := make([][]string, len(blocks))
	widths := make([]int, len(blocks))
	height, size := 0, 0
	for i, b := range blocks {
		b = strings.ReplaceAll(strings.ReplaceAll(b, "\t", "    "), "\r\n", "\n")
		cols[i] = strings.Split(b, "\n")
		for _, l := range cols[i] {
			widths[i] = max(widths[i], ansi.StringWidth(l))
		}
		height = max(height, len(cols[i]))
		size += len(b) + widths[i]*len(cols[i])
	}
	var out strings.Builder
	out.Grow(size + height)
	for y := range height {
		if y > 0 {
			out.WriteByte('\n')
		}
		for i, col := range cols {
			l := ""
			if y < len(col) {
				l = col[y]
			}
			out.WriteString(l)
			for range widths[i] - ansi.StringWidth(l) {
				out.WriteByte(' ')
			}
		}
	}
	return out.String()
}

// footer renders the keys of acts that belong in the footer, within width
// cells. A key that cannot be used now is left out, or, when it is one to
// explain, shown faint with its reason. Keys are dropped from the end to
// fit, the last one (help) kept.
func (c *Common) footer(acts []action, width int) string {
	st := c.Styles
	var parts []string
	for _, a := range acts {
		h := a.key.Help()
		if a.hide || h.Key == "" || a.off != "" && !a.explain {
			continue
		}
		if a.off != "" {
			why := a.brief
			if why == "" {
				why = a.off
			}
			p := st.KeyOff.Render(h.Key+" "+h.Desc+" (") + st.Warn.Render(truncate(why, max(width/3, 20))) + st.KeyOff.Render(")")
			parts = append(parts, p)
			continue
		}
		parts = append(parts, st.Key.Render(h.Key)+" "+st.KeyDesc.Render(h.Desc))
	}
	sep := st.Muted.Render(" · ")
	out := strings.Join(parts, sep)
	for lipgloss.Width(out) > width && len(parts) > 2 {
		parts = append(parts[:len(parts)-2], parts[len(parts)-1])
		out = strings.Join(parts, sep)
	}
	return ansiTruncate(out, width)
}

// resize records the window size and draws the rules for it.
func (c *Common) resize(w, h int) {
	c.Width, c.Height = w, h
	c.drawRules()
}

// drawRules draws the line across the window and the line down between
// two columns of the body, for the size and colours now.
func (c *Common) drawRules() {
	bh := max(c.Height-4, 1)
	c.rules = rules{
		across: c.Styles.Rule.Render(strings.Repeat("─", max(c.Width, 0))),
		down:   c.Styles.Rule.Render(strings.TrimSuffix(strings.Repeat("│\n", bh), "\n")),
	}
}

// rule is the line across the window.
func (c *Common) rule() string { return c.rules.across }

// vrule is the line down between two columns of the body, as tall as it.
func (c *Common) vrule() string { return c.rules.down }

// ansiTruncate cuts a styled string to width cells.
func ansiTruncate(s string, width int) string { return ansi.Truncate(s, max(width, 0), "") }

func ansiStrip(s string) string { return ansi.Strip(s) }

// ansiWrap wraps a styled string to width cells.
func ansiWrap(s string, width int) string { return ansi.Wrap(s, max(width, 1), " -") }

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
