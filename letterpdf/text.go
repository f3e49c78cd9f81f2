package letterpdf

import (
	"errors"
	"regexp"
	"strings"
	"sync"

	"github.com/overturn/overturn/letter"
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

var dateLine = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Z][a-z]+ [0-9]{1,2}, [0-9]{4}$`)
})

// Parse reads a text letter: the sender's block, the date, the recipient's
// block, then the body, each separated from the next by a blank line. The
// sender's block may be absent. Lines the text letter wrapped are joined
// again, so that the PDF can wrap them at its own width: Sender and
// Recipient hold whole lines, Body the rest of the letter with its
// paragraphs separated by blank lines, each line of it whole. The text
// letter (package letter) wraps at letter.Width columns, at a space, its
// continuation lines indented to where the text begins after a list
// marker (letter.ListMarker), never further than letter.Width/2, and keeps
// the words letter.KeptTogether joins on one line.
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
		if n := len(out); n > 0 && lead == min(hangingIndent(out[n-1].raw()), letter.Width/2) &&
			letter.Columns(prev)+1+letter.Columns(firstUnit(text)) > letter.Width {
			out[n-1].text += " " + text
		} else {
			out = append(out, line{indent: lead, text: text})
		}
		prev = ln
	}
	return out
}

// hangingIndent is the column where the text of ln begins: after its
// leading spaces and a list marker.
func hangingIndent(ln string) int {
	i := len(ln) - len(strings.TrimLeft(ln, " "))
	return i + len(letter.ListMarker(ln[i:]))
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
		if !letter.KeptTogether(unit, w) || letter.Columns(unit)+1+letter.Columns(w) > letter.Width/2 {
			break
		}
		unit += " " + w
	}
	return unit
}
