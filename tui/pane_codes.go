package tui

import (
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/overturn/overturn/workflow"
)

// codesPane explains the reason codes of the EOB or denial letter in
// full: what each means, what it points to, and the kind of denial they
// suggest.
type codesPane struct {
	c      *Common
	s      *session
	offset int
	lines  []string
	w, h   int
	out    string
}

func newCodesPane(c *Common, s *session) *codesPane { return &codesPane{c: c, s: s, w: 50, h: 20} }

func (p *codesPane) Actions() []action {
	k := p.c.Keys
	g := keyHelp.GroupPane
	return []action{
		act(k.ScrollDown, g, func() tea.Cmd { p.offset = min(p.offset+1, max(len(p.lines)-p.h+2, 0)); return nil }).named(keyHelp.Scroll),
		act(k.ScrollUp, g, func() tea.Cmd { p.offset = max(p.offset-1, 0); return nil }).hidden(),
		act(k.Edit, g, func() tea.Cmd { return send(jumpMsg{missing: workflow.Missing{Field: "eob.codes"}}) }).named(keyHelp.EditCodes),
	}
}

func (p *codesPane) Update(msg tea.Msg) tea.Cmd {
	defer p.render()
	if k, ok := msg.(tea.KeyPressMsg); ok {
		cmd, _ := dispatch(k, p.Actions())
		return cmd
	}
	return nil
}

func (p *codesPane) Typing() bool  { return false }
func (p *codesPane) Dirty() string { return "" }
func (p *codesPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.render()
}
func (p *codesPane) refresh()     { p.render() }
func (p *codesPane) View() string { return p.out }

func (p *codesPane) render() {
	st := p.c.Styles
	w := p.w
	codes := p.s.c.EOB.Codes
	lines := []string{st.Heading.Render(codesTitle)}
	switch {
	case len(codes) == 0:
		lines = append(lines, "", st.Muted.Render(wrap(codesNone, w)))
	case p.c.Codes == nil:
		lines = append(lines, "", st.Muted.Render(wrap(codesUnavailable, w)))
	default:
		lines = append(lines, strings.Split(st.Muted.Render(wrap(codesIntro, w)), "\n")...)
		for _, code := range codes {
			lines = append(lines, "")
			lines = append(lines, strings.Split(wrap(decodeLine(p.c, code), w), "\n")...)
		}
		if cat := suggestCategory(p.c, codes); cat != "" {
			lines = append(lines, "", st.Accent.Render(wrap(fmt.Sprintf(decoderSuggest, cat.Label()), w)))
		}
	}
	var all []string
	for _, l := range lines {
		all = append(all, strings.Split(l, "\n")...)
	}
	p.lines = all
	p.offset = min(p.offset, max(len(all)-p.h+1, 0))
	end := min(p.offset+p.h, len(all))
	p.out = strings.Join(all[p.offset:end], "\n")
}

// decoderHint explains each reason code as it is typed, in full.
func decoderHint(c *Common) hintFunc {
	return func(def fieldDef, value string, width int) []string {
		if def.Kind != kindCodes || c.Codes == nil {
			return nil
		}
		var out []string
		codes := splitCodes(value)
		for _, code := range codes {
			out = append(out, strings.Split(wrap(decodeLine(c, code), width), "\n")...)
		}
		if cat := suggestCategory(c, codes); cat != "" {
			out = append(out, strings.Split(wrap(fmt.Sprintf(decoderSuggest, cat.Label()), width), "\n")...)
		}
		return out
	}
}

// decodeLine says what a code means.
func decodeLine(c *Common, code string) string {
	info, err := c.Codes.Decode(code)
	if err != nil {
		if errors.Is(err, workflow.ErrUnknownCode) {
			return fmt.Sprintf(decoderUnknown, safe(code))
		}
		return safe(code) + ": " + err.Error()
	}
	line := safe(code) + ": " + info.Meaning
	if info.Retired {
		line += decoderRetired
	}
	if info.PointsTo != "" {
		line += " → " + info.PointsTo
	}
	return line
}

// suggestCategory returns the kind of denial the first telling code points to.
func suggestCategory(c *Common, codes []string) workflow.Category {
	if c.Codes == nil {
		return ""
	}
	for _, code := range codes {
		if info, err := c.Codes.Decode(code); err == nil && info.Category != "" {
			return info.Category
		}
	}
	return ""
}

// presetCategory proposes the kind of denial the codes suggest, for an
// empty choice of it.
func presetCategory(c *Common, s *session) func(def fieldDef) string {
	return func(def fieldDef) string {
		if def.Path == "denial.category" {
			return string(suggestCategory(c, s.c.EOB.Codes))
		}
		return ""
	}
}
