package letter

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/overturn/overturn/workflow"
)

// Width is the column a letter's lines wrap at.
const Width = 72

// plain makes user text safe for one line of a letter: workflow.SanitizeLine drops
// terminal escape sequences, control and bidi characters and invalid
// UTF-8; runs of white space become one space; and text that would look
// like template residue ("{{", "<no value>") is defused, so that a letter
// never carries it.
func plain(s string) string {
	s = workflow.SanitizeLine(s)
	if !singleSpaced(s) {
		s = strings.Join(strings.Fields(s), " ")
	}
	for strings.Contains(s, "{{") || strings.Contains(s, "}}") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "{{", "{ {"), "}}", "} }")
	}
	return strings.ReplaceAll(s, "<no value>", "(no value)")
}

// singleSpaced reports whether s is ASCII with single spaces only, so that
// plain has no white space to collapse.
func singleSpaced(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			return false
		}
	}
	return true
}

// runeWidth is the number of terminal columns r takes: 0 for combining
// marks, 2 for East Asian wide characters and most emoji, 1 otherwise.
func runeWidth(r rune) int {
	switch {
	case r < 0x300:
		return 1
	case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r), r == 0x200b, r == 0x200d:
		return 0
	case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0xa4cf && r != 0x303f,
		r >= 0xac00 && r <= 0xd7a3, r >= 0xf900 && r <= 0xfaff,
		r >= 0xfe30 && r <= 0xfe4f, r >= 0xff00 && r <= 0xff60,
		r >= 0xffe0 && r <= 0xffe6, r >= 0x1f300 && r <= 0x1f64f,
		r >= 0x1f900 && r <= 0x1f9ff, r >= 0x20000 && r <= 0x3fffd:
		return 2
	}
	return 1
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Columns is the number of terminal columns s takes in a letter.
func Columns(s string) int {
	if isASCII(s) {
		return len(s)
	}
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

// layout turns the output of a letter template into the letter: trailing
// space goes, a label with nothing after it ("Phone: ") and a heading with
// nothing under it are dropped, runs of blank lines become one, and each
// line is wrapped at Width columns, continuation lines indented to
// where the text of the line (after a list marker) begins. A single word
// wider than the line is left whole on a line of its own, unless it holds
// East Asian wide characters, which break between characters.
func layout(s string) string {
	lines := strings.Split(s, "\n")
	kept := make([]string, 0, len(lines))
	for _, ln := range lines {
		ln = undoubleStops(stripControls(ln))
		if emptyLabel(ln) {
			continue
		}
		kept = append(kept, strings.TrimRight(ln, " "))
	}
	// Backwards, so that a heading is judged by what is left under it.
	var rev []string
	for i := len(kept) - 1; i >= 0; i-- {
		ln := kept[i]
		bare := len(rev) == 0 || rev[len(rev)-1] == ""
		if bare && (ln == "" || isHeading(ln)) {
			continue
		}
		rev = append(rev, ln)
	}
	for len(rev) > 0 && rev[len(rev)-1] == "" {
		rev = rev[:len(rev)-1]
	}
	out := rev
	slices.Reverse(out)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for _, ln := range out {
		wrapLine(&b, ln)
	}
	return b.String()
}

// stripControls drops every control character (tabs become a space): the
// last guard that a letter never carries one, whatever a template did.
func stripControls(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		switch c := s[i]; {
		case c < 0x20 || c == 0x7f:
			clean = false
		case c >= utf8.RuneSelf:
			clean = !strings.ContainsFunc(s[i:], unicode.IsControl)
			i = len(s)
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// undoubleStops writes a full stop once where a sentence ends on a word
// that already has one ("Acme, Inc." and a closing stop): "Inc.." becomes
// "Inc.". An ellipsis ("...") stays.
func undoubleStops(ln string) string {
	if !strings.Contains(ln, "..") {
		return ln
	}
	var b strings.Builder
	for i := 0; i < len(ln); i++ {
		if ln[i] == '.' && i+1 < len(ln) && ln[i+1] == '.' && (i+2 >= len(ln) || ln[i+2] != '.') && (i == 0 || ln[i-1] != '.') {
			continue
		}
		b.WriteByte(ln[i])
	}
	return b.String()
}

// emptyLabel reports a "Label:" line whose value came out empty: it ends
// in a colon followed by spaces.
func emptyLabel(ln string) bool {
	t := strings.TrimRight(ln, " ")
	return len(t) < len(ln) && strings.HasSuffix(t, ":")
}

// isHeading reports a line that introduces what follows it ("Enclosures:").
// A salutation ("Dear Appeals Reviewer:") is not one.
func isHeading(ln string) bool {
	return strings.HasSuffix(ln, ":") && !strings.HasPrefix(strings.TrimLeft(ln, " "), "Dear ")
}

// hangingIndent returns the column where the text of ln begins: after its
// leading spaces and a list marker (ListMarker) when it has one.
func hangingIndent(ln string) int {
	i := len(ln) - len(strings.TrimLeft(ln, " "))
	return i + len(ListMarker(ln[i:]))
}

// ListMarker returns the list marker text starts with ("- ", "* ", "1. ",
// "a) "), with its space, or "": a wrapped line's continuation lines are
// indented to after it.
func ListMarker(text string) string {
	if strings.HasPrefix(text, "- ") || strings.HasPrefix(text, "* ") {
		return text[:2]
	}
	j := 0
	for j < len(text) && j < 3 && (text[j] >= '0' && text[j] <= '9' || j == 0 && text[j] >= 'a' && text[j] <= 'z') {
		j++
	}
	if j > 0 && j+1 < len(text) && (text[j] == '.' || text[j] == ')') && text[j+1] == ' ' {
		return text[:j+2]
	}
	return ""
}

// glue joins the words a line should not break between (KeptTogether),
// up to half a line.
func glue(words []string) []string {
	out := words[:0]
	for _, w := range words {
		if n := len(out); n > 0 && KeptTogether(out[n-1], w) && Columns(out[n-1])+1+Columns(w) <= Width/2 {
			out[n-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return out
}

// KeptTogether reports whether a letter keeps word w on the line of the
// words before it: a citation's title, code and section ("29 CFR
// 2560.503-1(h)(2)(iii)"), a month and its day ("October 20,"), "level 2".
func KeptTogether(before, w string) bool {
	last := before[strings.LastIndexByte(before, ' ')+1:]
	digit := w != "" && w[0] >= '0' && w[0] <= '9'
	return isCiteWord(last) || isCiteWord(w) || digit && (last == "level" || monthNames()[last])
}

func isCiteWord(w string) bool { return w == "CFR" || w == "U.S.C." }

var monthNames = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
		"July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
	}
})

// splitWide cuts each word wider than width that holds East Asian wide
// characters, which a line may break between, into pieces at most width
// wide. Other words stay whole.
func splitWide(words []string, width int) []string {
	var out []string
	for _, w := range words {
		if Columns(w) <= width || !strings.ContainsFunc(w, func(r rune) bool { return runeWidth(r) == 2 }) {
			out = append(out, w)
			continue
		}
		start, col := 0, 0
		for i, r := range w {
			rw := runeWidth(r)
			if col+rw > width && i > start {
				out = append(out, w[start:i])
				start, col = i, 0
			}
			col += rw
		}
		out = append(out, w[start:])
	}
	return out
}

// pad is the indentation of continuation lines, cut to length.
const pad = "                                    "

// wrapLine writes ln to b, wrapped, each line ending in a newline.
func wrapLine(b *strings.Builder, ln string) {
	if Columns(ln) <= Width {
		b.WriteString(ln)
		b.WriteByte('\n')
		return
	}
	indent := hangingIndent(ln)
	if indent > Width/2 {
		indent = Width / 2
	}
	lead := len(ln) - len(strings.TrimLeft(ln, " "))
	words := glue(strings.Fields(ln))
	if !isASCII(ln) {
		words = splitWide(words, Width-indent)
	}
	pad := pad[:indent]
	col := lead
	b.WriteString(ln[:lead])
	first := true
	for _, w := range words {
		ww := Columns(w)
		if !first && col+1+ww > Width {
			b.WriteByte('\n')
			b.WriteString(pad)
			col = indent
			first = true
		}
		if !first {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += ww
		first = false
	}
	b.WriteByte('\n')
}
