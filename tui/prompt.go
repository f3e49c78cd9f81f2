package tui

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// errEndOfInput ends an accessible session when the input is used up.
var errEndOfInput = errors.New("end of input")

// lineReader reads answers a line at a time, in its own goroutine, so
// that waiting for one stops at once when the context ends (a signal).
type lineReader struct {
	lines chan lineResult
}

type lineResult struct {
	text string
	err  error
}

// maxAnswer is the longest answer read, in bytes: a pasted letter fits.
const maxAnswer = 1 << 20

func newLineReader(r io.Reader) *lineReader {
	l := &lineReader{lines: make(chan lineResult)}
	go func() {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 4096), maxAnswer)
		for sc.Scan() {
			l.lines <- lineResult{text: strings.TrimSuffix(sc.Text(), "\r")}
		}
		err := sc.Err()
		if err == nil {
			err = errEndOfInput
		}
		for {
			l.lines <- lineResult{err: err}
		}
	}()
	return l
}

// next returns the next line, errEndOfInput at the end of the input, or
// the context's error when it ends first.
func (l *lineReader) next(ctx context.Context) (string, error) {
	select {
	case r := <-l.lines:
		return r.text, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// prompter asks plain questions on a writer and reads the answers, one a
// line: what a screen reader reads, or a script writes. Nothing is wrapped
// or cut, so a value is never split in the middle.
type prompter struct {
	ctx context.Context
	in  *lineReader
	out io.Writer
	// echo writes each answer after its question, when the answers come
	// from a pipe or a file rather than a terminal, which shows them
	// itself: the transcript then reads as questions and answers.
	echo bool
}

// say writes a line.
func (p *prompter) say(format string, args ...any) {
	_, _ = fmt.Fprintln(p.out, fmt.Sprintf(format, args...))
}

// ask writes the question and returns the answer, trimmed.
func (p *prompter) ask(question string) (string, error) {
	_, _ = fmt.Fprint(p.out, question+" ")
	line, err := p.in.next(p.ctx)
	if err != nil {
		_, _ = fmt.Fprintln(p.out)
		return "", err
	}
	if p.echo {
		_, _ = fmt.Fprintln(p.out, safe(line))
	}
	return strings.TrimSpace(line), nil
}

// menuItem is one entry of a numbered menu. An entry that cannot be
// chosen now keeps its number and says why.
type menuItem struct {
	value, label string
	off          string
}

// menu lists items, numbered from 1 in a fixed order, and returns the
// value of the one chosen. With def at 1 or more, an empty answer chooses
// item def.
func (p *prompter) menu(title string, items []menuItem, def int) (string, error) {
	p.say("%s", title)
	for i, it := range items {
		label := it.label
		if it.off != "" {
			label = fmt.Sprintf(a11yNotYet, label, it.off)
		}
		p.say("%d. %s", i+1, label)
	}
	question := fmt.Sprintf(a11yChoose, len(items))
	if def >= 1 && def <= len(items) {
		question += fmt.Sprintf(a11yKeepChoice, def)
	}
	for {
		answer, err := p.ask(question + ":")
		if err != nil {
			return "", err
		}
		n, convErr := strconv.Atoi(answer)
		switch {
		case answer == "" && def >= 1 && def <= len(items):
			n, convErr = def, nil
		case convErr != nil || n < 1 || n > len(items):
			p.say(a11yBadNumber, safe(answer), len(items))
			continue
		}
		if it := items[n-1]; it.off != "" {
			p.say(a11yNotNow, it.off)
			continue
		}
		return items[n-1].value, nil
	}
}
