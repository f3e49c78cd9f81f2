package letterpdf

import (
	"errors"
	"regexp"
	"strings"
	"sync"
	"unicode"
)

// Letter is a letter to lay out: its parts as the text letter has them.
type Letter struct {
	Title     string   // what the letter is, the document's title: "Level 1 appeal"
	Claim     string   // the claim number, at the top of every page after the first
	Sender    []string // the sender's name and address, a line each
	Date      string   // as written in the letter: "November 28, 2026"
	Recipient []string // the recipient's name and address, a line each
	Body      string   // the rest of the letter, as text (see Parse)
}

// The text letter's layout, which Parse reads back: lines of at most
// textWidth columns; a line too long is wrapped at a space, its
// continuation lines indented to where its text begins after a list
// marker ("- ", "1. "), but never further than textWidth/2.
const textWidth = 72

var dateLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Z][a-z]+ [0-9]{1,2}, [0-9]{4}$`)
})

// Parse reads a text letter: the sender's block, the date, the recipient's
// block, then the body, each separated from the next by a blank line. The
// sender's block may be absent. Lines the text letter wrapped at 72
// columns are joined again, so that the PDF can wrap them at its own
// width: Sender and Recipient hold whole lines, Body the rest of the letter
// with its paragraphs separated by blank lines, each line of it whole.
func Parse(text string) (Letter, error) {
	blocks := splitBlocks(text)
	at := -1
	for i := 0; i < min(2, len(blocks)); i++ {
		if len(blocks[i]) == 1 && dateLine().MatchString(blocks[i][0]) {
			at = i
			break
		}
	}
	if at < 0 || at+1 >= len(blocks) {
		return Letter{}, errors.New("not a letter: it should start with the sender's address, the date and the recipient's address, each followed by a blank line")
	}
	var l Letter
	if at == 1 {
		l.Sender = texts(unwrap(blocks[0]))
	}
	l.Date = blocks[at][0]
	l.Recipient = texts(unwrap(blocks[at+1]))
	var body []string
	for _, b := range blocks[at+2:] {
		var lines []string
		for _, ln := range unwrap(b) {
			lines = append(lines, ln.raw())
		}
		body = append(body, strings.Join(lines, "\n"))
	}
	l.Body = strings.Join(body, "\n\n")
	return l, nil
}

// splitBlocks cuts text into runs of non-blank lines, trailing spaces gone.
func splitBlocks(text string) [][]string {
	var blocks [][]string
	var cur []string
	for ln := range strings.SplitSeq(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		ln = strings.TrimRight(ln, " \t")
		if ln == "" {
			if cur != nil {
				blocks = append(blocks, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, ln)
	}
	if cur != nil {
		blocks = append(blocks, cur)
	}
	return blocks
}

// line is a whole line of the letter: its indentation and its text,
// which starts with the list marker when it has one.
type line struct {
	indent int // leading spaces
	text   string
}

func (l line) raw() string { return strings.Repeat(" ", l.indent) + l.text }

func texts(lines []line) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.raw()
	}
	return out
}

// unwrap joins the lines of a block that the text letter's wrapping
// split: a line continues the one before when it starts at that line's
// hanging indent and its first word (or group of words kept together)
// would not have fitted at the end of the line before.
func unwrap(block []string) []line {
	var out []line
	prev := "" // the last physical line of the last whole line
	for _, ln := range block {
		lead := len(ln) - len(strings.TrimLeft(ln, " "))
		text := ln[lead:]
		if n := len(out); n > 0 && lead == min(hangingIndent(out[n-1].raw()), textWidth/2) &&
			textColumns(prev)+1+textColumns(firstUnit(text)) > textWidth {
			out[n-1].text += " " + text
		} else {
			out = append(out, line{indent: lead, text: text})
		}
		prev = ln
	}
	return out
}

// hangingIndent is the column where the text of ln begins: after its
// leading spaces and a list marker ("- ", "* ", "1. ", "a) ").
func hangingIndent(ln string) int {
	i := len(ln) - len(strings.TrimLeft(ln, " "))
	return i + len(marker(ln[i:]))
}

// marker returns the list marker that text starts with, with its space,
// or "".
func marker(text string) string {
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

// firstUnit returns the words at the start of text that the text letter
// keeps on one line: a citation's title, code and section ("29 CFR
// 2560.503-1(h)"), a month and its day, "level 2", up to half a line.
func firstUnit(text string) string {
	words := strings.Fields(text)
	if len(words) == 0 {
		return ""
	}
	unit := words[0]
	for _, w := range words[1:] {
		if !glued(unit, w) || textColumns(unit)+1+textColumns(w) > textWidth/2 {
			break
		}
		unit += " " + w
	}
	return unit
}

// glued reports whether the text letter keeps word w on the line of the
// words before it, unit.
func glued(unit, w string) bool {
	last := unit[strings.LastIndexByte(unit, ' ')+1:]
	digit := w[0] >= '0' && w[0] <= '9'
	return isCite(last) || isCite(w) || digit && (last == "level" || months()[last])
}

func isCite(w string) bool { return w == "CFR" || w == "U.S.C." }

var months = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"January": true, "February": true, "March": true, "April": true, "May": true, "June": true,
		"July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
	}
})

// textColumns is the number of terminal columns s takes in the text
// letter: 0 for combining marks, 2 for East Asian wide characters and
// most emoji, 1 otherwise.
func textColumns(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r < 0x300:
			n++
		case unicode.Is(unicode.Mn, r), unicode.Is(unicode.Me, r), r == 0x200b, r == 0x200d:
		case r >= 0x1100 && r <= 0x115f, r >= 0x2e80 && r <= 0xa4cf && r != 0x303f,
			r >= 0xac00 && r <= 0xd7a3, r >= 0xf900 && r <= 0xfaff,
			r >= 0xfe30 && r <= 0xfe4f, r >= 0xff00 && r <= 0xff60,
			r >= 0xffe0 && r <= 0xffe6, r >= 0x1f300 && r <= 0x1f64f,
			r >= 0x1f900 && r <= 0x1f9ff, r >= 0x20000 && r <= 0x3fffd:
			n += 2
		default:
			n++
		}
	}
	return n
}
