package workflow

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// letterWidth is the column a letter's lines wrap at.
const letterWidth = 72

// letterPlain makes user text safe for one line of a letter: SanitizeLine drops
// terminal escape sequences, control and bidi characters and invalid
// UTF-8; runs of white space become one space; and text that would look
// like template residue ("{{", "<no value>") is defused, so that a letter
// never carries it.
func letterPlain(s string) string {
	s = SanitizeLine(s)
	if !letterSpaced(s) {
		s = strings.Join(strings.Fields(s), " ")
	}
	for strings.Contains(s, "{{") || strings.Contains(s, "}}") {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "{{", "{ {"), "}}", "} }")
	}
	return strings.ReplaceAll(s, "<no value>", "(no value)")
}

// letterSpaced reports whether s is ASCII with single spaces only, so that
// letterPlain has no white space to collapse.
func letterSpaced(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf || s[i] == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			return false
		}
	}
	return true
}

// letterRuneWidth is the number of terminal columns r takes: 0 for combining
// marks, 2 for East Asian wide characters and most emoji, 1 otherwise.
func letterRuneWidth(r rune) int {
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

// letterASCII reports whether s is all ASCII.
func letterASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// letterTextWidth is the number of terminal columns s takes.
func letterTextWidth(s string) int {
	if letterASCII(s) {
		return len(s)
	}
	n := 0
	for _, r := range s {
		n += letterRuneWidth(r)
	}
	return n
}

// letterLayout turns the output of a letter template into the letter: trailing
// space goes, a label with nothing after it ("Phone: ") and a heading with
// nothing under it are dropped, runs of blank lines become one, and each
// line is wrapped at letterWidth columns, continuation lines indented to
// where the text of the line (after a list marker) begins. A single word
// wider than the line is left whole on a line of its own, unless it holds
// East Asian wide characters, which break between characters.
func letterLayout(s string) string {
	lines := strings.Split(s, "\n")
	kept := make([]string, 0, len(lines))
	for _, ln := range lines {
		ln = letterStripControls(ln)
		if letterEmptyLabel(ln) {
			continue
		}
		kept = append(kept, strings.TrimRight(ln, " "))
	}
	// Backwards, so that a heading is judged by what is left under it.
	var rev []string
	for i := len(kept) - 1; i >= 0; i-- {
		ln := kept[i]
		bare := len(rev) == 0 || rev[len(rev)-1] == ""
		if bare && (ln == "" || letterHeading(ln)) {
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
		letterWrapLine(&b, ln)
	}
	return b.String()
}

// letterStripControls drops every control character (tabs become a space): the
// last guard that a letter never carries one, whatever a template did.
func letterStripControls(s string) string {
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

// letterEmptyLabel reports a "Label:" line whose value came out empty: it ends
// in a colon followed by spaces.
func letterEmptyLabel(ln string) bool {
	t := strings.TrimRight(ln, " ")
	return len(t) < len(ln) && strings.HasSuffix(t, ":")
}

// letterHeading reports a line that introduces what follows it ("Enclosures:").
// A salutation ("Dear Appeals Reviewer:") is not one.
func letterHeading(ln string) bool {
	return strings.HasSuffix(ln, ":") && !strings.HasPrefix(strings.TrimLeft(ln, " "), "Dear ")
}

// letterHangingIndent returns the column where the text of ln begins: after its
// leading spaces and a list marker ("- ", "1. ", "a) ") when it has one.
func letterHangingIndent(ln string) int {
	i := len(ln) - len(strings.TrimLeft(ln, " "))
	rest := ln[i:]
	if strings.HasPrefix(rest, "- ") || strings.HasPrefix(rest, "* ") {
		return i + 2
	}
	j := 0
	for j < len(rest) && j < 3 && (rest[j] >= '0' && rest[j] <= '9' || j == 0 && rest[j] >= 'a' && rest[j] <= 'z') {
		j++
	}
	if j > 0 && j+1 < len(rest) && (rest[j] == '.' || rest[j] == ')') && rest[j+1] == ' ' {
		return i + j + 2
	}
	return i
}

// letterGlue joins the words a line should not break between: a citation's
// title, code and section ("29 CFR 2560.503-1(h)(2)(iii)") and a month and
// its day ("October 20,"), and "level 2".
func letterGlue(words []string) []string {
	out := words[:0]
	for _, w := range words {
		if n := len(out); n > 0 {
			prev := out[n-1]
			last := prev[strings.LastIndexByte(prev, ' ')+1:]
			digit := w[0] >= '0' && w[0] <= '9'
			join := letterIsCite(last) || letterIsCite(w) || digit && (last == "level" || letterMonths[last])
			if join && letterTextWidth(prev)+1+letterTextWidth(w) <= letterWidth/2 {
				out[n-1] = prev + " " + w
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

func letterIsCite(w string) bool { return w == "CFR" || w == "U.S.C." }

var letterMonths = map[string]bool{
	"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
	"July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
}

// letterSplitWide cuts each word wider than width that holds East Asian wide
// characters, which a line may break between, into pieces at most width
// wide. Other words stay whole.
func letterSplitWide(words []string, width int) []string {
	var out []string
	for _, w := range words {
		if letterTextWidth(w) <= width || !strings.ContainsFunc(w, func(r rune) bool { return letterRuneWidth(r) == 2 }) {
			out = append(out, w)
			continue
		}
		start, col := 0, 0
		for i, r := range w {
			rw := letterRuneWidth(r)
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

// letterPad is the indentation of continuation lines, cut to length.
const letterPad = "                                    "

// letterWrapLine writes ln to b, wrapped, each line ending in a newline.
func letterWrapLine(b *strings.Builder, ln string) {
	if letterTextWidth(ln) <= letterWidth {
		b.WriteString(ln)
		b.WriteByte('\n')
		return
	}
	indent := letterHangingIndent(ln)
	if indent > letterWidth/2 {
		indent = letterWidth / 2
	}
	lead := len(ln) - len(strings.TrimLeft(ln, " "))
	words := letterGlue(strings.Fields(ln))
	if !letterASCII(ln) {
		words = letterSplitWide(words, letterWidth-indent)
	}
	pad := letterPad[:indent]
	col := lead
	b.WriteString(ln[:lead])
	first := true
	for _, w := range words {
		ww := letterTextWidth(w)
		if !first && col+1+ww > letterWidth {
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
